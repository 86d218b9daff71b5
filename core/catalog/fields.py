"""Form fields of a service item (申请表): what the applicant fills in, and how each answer is checked.

A field may be pre-filled from the identity the terminal already holds (``prefill = "person.name"``): the
kiosk reads the ID card, so an elderly applicant never types their own name or number. ``validate_value``
turns raw input (from a touch keyboard, a clerk, or a stored draft) into the normalised value the case
keeps, or raises ``ValidationError`` whose ``field`` is the field's key and whose ``user_message`` is one
calm sentence. Details never echo the value: it may be personal data.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from core.errors import ValidationError
from core.identity import Person, validate_id_number, validate_phone, validate_uscc

KEY_PATTERN = r"^[a-z][a-z0-9_]{0,47}$"


class FieldType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    CHOICE = "choice"
    ID_NUMBER = "id_number"    # GB 11643 resident ID number
    PHONE = "phone"            # mainland mobile number
    USCC = "uscc"              # GB 32100 unified social credit code of a business
    ADDRESS = "address"
    SIGNATURE = "signature"    # a finger signature image (PNG bytes) or a reference to one
    FILE = "file"              # an attachment, by file name or content hash


# Where a pre-filled value comes from, and which field types may receive it.
PREFILL_SOURCES: dict[str, frozenset[FieldType]] = {
    "person.name": frozenset({FieldType.TEXT}),
    "person.id_number": frozenset({FieldType.ID_NUMBER}),
    "person.address": frozenset({FieldType.ADDRESS, FieldType.TEXT}),
    "person.phone": frozenset({FieldType.PHONE}),
    "person.gender": frozenset({FieldType.CHOICE, FieldType.TEXT}),
    "person.nation": frozenset({FieldType.TEXT, FieldType.CHOICE}),
    "person.birth_date": frozenset({FieldType.DATE}),
}

_NORMALISED_TYPES = frozenset({FieldType.NUMBER, FieldType.DATE, FieldType.ID_NUMBER, FieldType.PHONE,
                               FieldType.USCC})
_ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


def _plain_number(value: float) -> str:
    """``20.0`` -> ``20`` so a range message reads like a person wrote it."""
    return str(int(value)) if float(value).is_integer() else str(value)


class FormField(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str = Field(pattern=KEY_PATTERN)
    label: str = Field(min_length=1, max_length=40)
    type: FieldType
    required: bool = True
    choices: tuple[str, ...] = Field(default=(), validate_default=True)
    min_value: float | None = None
    max_value: float | None = None
    integer: bool = False          # a count (staff, rooms): no decimals
    unit: str = ""                 # shown after the box: 平方米, 人
    max_length: int | None = Field(default=None, ge=1, le=2000)
    prefill: str | None = Field(default=None, validate_default=True)
    help: str = ""                 # one plain sentence shown under the box

    @field_validator("choices")
    @classmethod
    def _choices_fit_type(cls, choices: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        kind = info.data.get("type")
        if kind is FieldType.CHOICE and not choices:
            raise ValueError("a choice field needs at least one entry in 'choices'")
        if kind is not None and kind is not FieldType.CHOICE and choices:
            raise ValueError(f"'choices' only applies to choice fields, not {kind.value}")
        if len(set(choices)) != len(choices):
            raise ValueError("the same choice is listed twice")
        return choices

    @field_validator("max_value")
    @classmethod
    def _range_in_order(cls, maximum: float | None, info: ValidationInfo) -> float | None:
        minimum = info.data.get("min_value")
        if maximum is not None and minimum is not None and minimum > maximum:
            raise ValueError(f"min_value {minimum} is greater than max_value {maximum}")
        return maximum

    @field_validator("prefill")
    @classmethod
    def _prefill_known(cls, source: str | None, info: ValidationInfo) -> str | None:
        if source is None:
            return None
        if source not in PREFILL_SOURCES:
            raise ValueError(f"unknown prefill source {source!r}; known: {', '.join(sorted(PREFILL_SOURCES))}")
        kind = info.data.get("type")
        if kind is not None and kind not in PREFILL_SOURCES[source]:
            raise ValueError(f"{source} cannot fill a {kind.value} field")
        return source

    # --- checking what a person entered ------------------------------------------------------------

    def _fail(self, detail: str, code: str, message: str) -> ValidationError:
        return ValidationError(f"form field '{self.key}': {detail}", field=self.key, code=code,
                               user_message=message)

    def _required_message(self) -> str:
        if self.type is FieldType.SIGNATURE:
            return "请在签名区域签名。"
        if self.type is FieldType.FILE:
            return f"请提供{self.label}。"
        if self.type is FieldType.CHOICE:
            return f"请选择{self.label}。"
        return f"请填写{self.label}。"

    def validate_value(self, value: Any) -> Any:
        """The normalised value, ``None`` for an empty optional field, or ``ValidationError``."""
        if isinstance(value, str):
            value = value.strip()
            if self.type in _NORMALISED_TYPES:
                value = unicodedata.normalize("NFKC", value)  # full-width digits from a Chinese IME
        if value is None or value == "" or value == b"":
            if self.required:
                raise self._fail("required value is empty", "FIELD_REQUIRED", self._required_message())
            return None
        checker = _CHECKERS[self.type]
        return checker(self, value)

    def _check_text(self, value: Any) -> str:
        if not isinstance(value, str):
            raise self._fail(f"expected text, got {type(value).__name__}", "FIELD_TYPE", f"请填写{self.label}。")
        if self.max_length is not None and len(value) > self.max_length:
            raise self._fail(f"{len(value)} characters, at most {self.max_length}", "FIELD_TOO_LONG",
                             f"{self.label}最多填写{self.max_length}个字，请精简后再填。")
        return value

    def _check_number(self, value: Any) -> int | float:
        if isinstance(value, bool):
            raise self._fail("a boolean is not a number", "FIELD_NOT_NUMBER", f"{self.label}请填写数字。")
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            raise self._fail("not a number", "FIELD_NOT_NUMBER", f"{self.label}请填写数字。") from None
        if not number.is_finite():
            raise self._fail("not a finite number", "FIELD_NOT_NUMBER", f"{self.label}请填写数字。")
        if self.integer and number != number.to_integral_value():
            raise self._fail("not a whole number", "FIELD_NOT_INTEGER", f"{self.label}请填写整数。")
        low, high = self.min_value, self.max_value
        if (low is not None and number < Decimal(str(low))) or (high is not None and number > Decimal(str(high))):
            if low is not None and high is not None:
                message = f"{self.label}应在{_plain_number(low)}到{_plain_number(high)}之间。"
            elif low is not None:
                message = f"{self.label}不能小于{_plain_number(low)}。"
            else:
                message = f"{self.label}不能大于{_plain_number(high)}。"
            raise self._fail("number out of range", "FIELD_OUT_OF_RANGE", message)
        return int(number) if number == number.to_integral_value() else float(number)

    def _check_date(self, value: Any) -> date:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        message = f"{self.label}请按“年-月-日”填写，例如 2026-03-01。"
        if not isinstance(value, str) or not _ISO_DATE.match(value):
            raise self._fail("not a YYYY-MM-DD date", "FIELD_NOT_DATE", message)
        year, month, day = (int(part) for part in value.split("-"))
        try:
            return date(year, month, day)
        except ValueError:
            raise self._fail("not a calendar date", "FIELD_NOT_DATE", message) from None

    def _check_choice(self, value: Any) -> str:
        if value not in self.choices:
            raise self._fail("value is not one of the choices", "FIELD_NOT_CHOICE", f"请从列表中选择{self.label}。")
        return value

    def _check_identity(self, value: Any) -> str:
        validators = {FieldType.ID_NUMBER: validate_id_number, FieldType.PHONE: validate_phone,
                      FieldType.USCC: validate_uscc}
        if not isinstance(value, str):
            raise self._fail(f"expected text, got {type(value).__name__}", "FIELD_TYPE", f"请填写{self.label}。")
        try:
            return validators[self.type](value)
        except ValidationError as exc:  # keep the identity module's code and message, name our field
            raise ValidationError(f"form field '{self.key}': {exc.detail}", field=self.key, code=exc.code,
                                  user_message=exc.user_message) from None

    def _check_attachment(self, value: Any) -> str | bytes:
        if not isinstance(value, str | bytes):
            raise self._fail(f"expected bytes or a reference, got {type(value).__name__}", "FIELD_TYPE",
                             self._required_message())
        return value

    def prefill_value(self, person: Person) -> Any:
        """What this field shows before the applicant touches it, or ``None``."""
        if self.prefill is None:
            return None
        attribute = self.prefill.removeprefix("person.")
        if attribute == "gender":
            return person.gender.label
        value = getattr(person, attribute)
        return value or None


_CHECKERS = {
    FieldType.TEXT: FormField._check_text,
    FieldType.ADDRESS: FormField._check_text,
    FieldType.NUMBER: FormField._check_number,
    FieldType.DATE: FormField._check_date,
    FieldType.CHOICE: FormField._check_choice,
    FieldType.ID_NUMBER: FormField._check_identity,
    FieldType.PHONE: FormField._check_identity,
    FieldType.USCC: FormField._check_identity,
    FieldType.SIGNATURE: FormField._check_attachment,
    FieldType.FILE: FormField._check_attachment,
}


def prefill_form(fields: tuple[FormField, ...], person: Person) -> dict[str, Any]:
    """The initial answers for a form: every pre-fillable field the person's identity can supply."""
    values = {f.key: f.prefill_value(person) for f in fields}
    return {key: value for key, value in values.items() if value is not None}


def validate_form(fields: tuple[FormField, ...], answers: dict[str, Any]) -> dict[str, Any]:
    """All answers normalised, in field order; the first bad one raises. Unknown keys are dropped, so a
    stale draft from an older catalogue cannot smuggle fields into a case."""
    result: dict[str, Any] = {}
    for form_field in fields:
        value = form_field.validate_value(answers.get(form_field.key))
        if value is not None:
            result[form_field.key] = value
    return result
