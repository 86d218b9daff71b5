"""Who a person is, and how their numbers are checked and shown.

* Resident ID number: GB 11643-1999 (17 digits + check character, weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8
  4 2, ``sum mod 11`` indexes ``1 0 X 9 8 7 6 5 4 3 2``); digits 7-14 are the birth date; digits 1-2 are a
  province-level region code (GB/T 2260).
* Unified social credit code: GB 32100-2015 (18 characters from ``0-9A-HJ-NPQRTUWXY``, weights 1 3 9 27 19
  26 16 17 20 29 25 13 8 24 10 30 28, check = 31 - sum mod 31, 31 -> 0).
* Mainland mobile numbers: 11 digits starting with 13-19.

Display masking follows common hall practice: ``4301**********1234``, ``张*``, ``138****5678``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from core.errors import ValidationError

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"

# GB/T 2260 province-level codes, plus 81/82/83 used in the numbers of Hong Kong, Macao and Taiwan
# residence permits and 9x used by the 2023 foreign permanent resident card.
_PROVINCES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
    "71", "81", "82", "83", "91", "92", "93",
})

_USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)

_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")
_PHONE_SHAPE = re.compile(r"^1[3-9]\d{9}$")


class Gender(StrEnum):
    """GB/T 2261.1 codes."""

    UNKNOWN = "0"
    MALE = "1"
    FEMALE = "2"
    UNSPECIFIED = "9"

    @property
    def label(self) -> str:
        return {"0": "未知", "1": "男", "2": "女", "9": "未说明"}[self.value]


class DocumentType(StrEnum):
    """The identity document a person presented (GB/T 39046 申请人证件类型, as used by card readers)."""

    RESIDENT = "resident"                        # 居民身份证
    HMT_RESIDENCE = "hmt_residence"              # 港澳台居民居住证 (card type J)
    FOREIGN_PERMANENT = "foreign_permanent"      # 外国人永久居留身份证 (type I)
    FOREIGN_PERMANENT_2023 = "foreign_permanent_2023"  # 2023 edition (type Y)


class IdentitySource(StrEnum):
    """How the terminal learned who the person is. Approval rules trust only some of these."""

    CARD = "card"            # read from the chip by the ID card reader
    ELICENCE = "elicence"    # resolved by the central platform from an e-licence QR code
    TYPED = "typed"          # keyed in by a clerk or the citizen


def id_check_char(first17: str) -> str:
    """The GB 11643 check character for the first 17 digits."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValidationError(f"need 17 digits, got {len(first17)} characters", field="id_number",
                              code="ID_NUMBER_SHAPE")
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def id_birth_date(id_number: str) -> date:
    """The birth date encoded in digits 7-14, or ValidationError if it is not a real date."""
    try:
        return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))
    except ValueError as exc:
        raise ValidationError(f"birth date digits {id_number[6:14]!r} are not a date", field="id_number",
                              code="ID_NUMBER_BIRTH_DATE",
                              user_message="身份证号码中的出生日期不正确，请核对。") from exc


def validate_id_number(value: str, *, today: date | None = None) -> str:
    """Return the normalised (upper-case X) resident ID number or raise ValidationError.

    Checks shape, province prefix, a real birth date not in the future nor before 1900, and the check
    character. Each failure has its own code so the technician's log tells them apart.
    """
    number = value.strip().upper()
    if not _ID_SHAPE.match(number):
        raise ValidationError("an ID number is 17 digits followed by a digit or X", field="id_number",
                              code="ID_NUMBER_SHAPE", user_message="身份证号码应为18位，最后一位可以是数字或X。")
    if number[:2] not in _PROVINCES:
        raise ValidationError(f"region prefix {number[:2]} is not a province code", field="id_number",
                              code="ID_NUMBER_REGION", user_message="身份证号码的地区代码不正确，请核对。")
    born = id_birth_date(number)
    today = today or date.today()
    if born > today or born.year < 1900:
        raise ValidationError(f"birth year {born.year} is out of range", field="id_number",
                              code="ID_NUMBER_BIRTH_DATE", user_message="身份证号码中的出生日期不正确，请核对。")
    if id_check_char(number[:17]) != number[17]:
        raise ValidationError("check character does not match (GB 11643)", field="id_number",
                              code="ID_NUMBER_CHECKSUM", user_message="身份证号码校验不通过，请逐位核对。")
    return number


def is_valid_id_number(value: str, *, today: date | None = None) -> bool:
    try:
        validate_id_number(value, today=today)
    except ValidationError:
        return False
    return True


def uscc_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters of a unified social credit code."""
    try:
        total = sum(_USCC_ALPHABET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    except ValueError as exc:  # a character outside the alphabet, or the wrong length
        raise ValidationError("not 17 characters of the GB 32100 alphabet", field="uscc",
                              code="USCC_SHAPE") from exc
    return _USCC_ALPHABET[(31 - total % 31) % 31]


def validate_uscc(value: str) -> str:
    code = value.strip().upper()
    if len(code) != 18 or any(c not in _USCC_ALPHABET for c in code):
        raise ValidationError("a unified social credit code is 18 characters (digits and letters but I O S V Z)",
                              field="uscc", code="USCC_SHAPE",
                              user_message="统一社会信用代码应为18位数字或大写字母，请核对。")
    if uscc_check_char(code[:17]) != code[17]:
        raise ValidationError("check character does not match (GB 32100)", field="uscc", code="USCC_CHECKSUM",
                              user_message="统一社会信用代码校验不通过，请逐位核对。")
    return code


def validate_phone(value: str) -> str:
    phone = re.sub(r"[\s-]", "", value)
    if phone.startswith("+86"):
        phone = phone[3:]
    if not _PHONE_SHAPE.match(phone):
        raise ValidationError("a mobile number is 11 digits starting with 13-19", field="phone",
                              code="PHONE_SHAPE", user_message="请填写11位手机号码。")
    return phone


def mask_id_number(number: str) -> str:
    """``430102199001011234`` -> ``4301**********1234``; shorter values keep at most a quarter visible."""
    if len(number) >= 8:
        return number[:4] + "*" * (len(number) - 8) + number[-4:]
    return "*" * len(number)


def mask_name(name: str) -> str:
    """``张三`` -> ``张*``, ``欧阳娜娜`` -> ``欧***``; a Latin name keeps its first letter per word."""
    name = name.strip()
    if not name:
        return ""
    if name.isascii():
        return " ".join(w[0] + "*" * (len(w) - 1) for w in name.split())
    return name[0] + "*" * (len(name) - 1)


def mask_phone(phone: str) -> str:
    """``13812345678`` -> ``138****5678``."""
    if len(phone) >= 7:
        return phone[:3] + "*" * (len(phone) - 7) + phone[-4:]
    return "*" * len(phone)


@dataclass(frozen=True)
class Person:
    """A natural person as the terminal knows them. Every field here is personal data: it is encrypted at
    rest, masked on screen and never logged (see ``core.logging_setup``)."""

    name: str
    id_number: str
    document_type: DocumentType = DocumentType.RESIDENT
    source: IdentitySource = IdentitySource.TYPED
    gender: Gender = Gender.UNKNOWN
    nation: str = ""
    birth_date: date | None = None
    address: str = ""
    phone: str = ""
    authority: str = ""
    valid_from: date | None = None
    valid_to: date | None = None          # None with ``valid_long_term`` means 长期
    valid_long_term: bool = False
    extra: dict[str, str] = field(default_factory=dict, compare=True, hash=False)

    @property
    def masked_name(self) -> str:
        return mask_name(self.name)

    @property
    def masked_id_number(self) -> str:
        return mask_id_number(self.id_number)

    def age_on(self, day: date) -> int | None:
        born = self.birth_date
        if born is None and self.document_type is DocumentType.RESIDENT and len(self.id_number) == 18:
            born = id_birth_date(self.id_number)
        if born is None:
            return None
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def __repr__(self) -> str:  # never let a traceback or a debug log print the person
        return f"Person(name={self.masked_name!r}, id_number={self.masked_id_number!r}, source={self.source.value})"

    __str__ = __repr__

    def to_dict(self) -> dict:
        return {
            "name": self.name, "id_number": self.id_number, "document_type": self.document_type.value,
            "source": self.source.value, "gender": self.gender.value, "nation": self.nation,
            "birth_date": self.birth_date.isoformat() if self.birth_date else None, "address": self.address,
            "phone": self.phone, "authority": self.authority,
            "valid_from": self.valid_from.isoformat() if self.valid_from else None,
            "valid_to": self.valid_to.isoformat() if self.valid_to else None,
            "valid_long_term": self.valid_long_term, "extra": dict(self.extra),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Person:
        def day(v: str | None) -> date | None:
            return date.fromisoformat(v) if v else None

        return cls(
            name=data["name"], id_number=data["id_number"], document_type=DocumentType(data["document_type"]),
            source=IdentitySource(data["source"]), gender=Gender(data["gender"]), nation=data["nation"],
            birth_date=day(data["birth_date"]), address=data["address"], phone=data["phone"],
            authority=data["authority"], valid_from=day(data["valid_from"]), valid_to=day(data["valid_to"]),
            valid_long_term=data["valid_long_term"], extra=dict(data.get("extra") or {}),
        )
