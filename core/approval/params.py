"""Parameters of each kind of 秒批 rule, as written under ``params:`` in a rule file. Unknown keys, missing
values and values out of range are refused when the file is loaded (``core.approval.loader``)."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from core.approval.model import CreditLevel
from core.catalog.fields import KEY_PATTERN
from core.identity import IdentitySource


class Params(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class NoParams(Params):
    pass


class IdentitySourceParams(Params):
    allowed: tuple[IdentitySource, ...] = Field(min_length=1)


class MinAgeParams(Params):
    years: int = Field(ge=0, le=120)


class FormMatchesIdentityParams(Params):
    field: str = Field(pattern=KEY_PATTERN)
    attribute: Literal["id_number", "name"] = "id_number"


class FormValidParams(Params):
    fields: tuple[str, ...] = ()     # empty: every field of the item's form


class CreditParams(Params):
    refuse: tuple[CreditLevel, ...] = (CreditLevel.BAD,)

    @field_validator("refuse")
    @classmethod
    def _bad_always_refused(cls, refuse: tuple[CreditLevel, ...]) -> tuple[CreditLevel, ...]:
        if CreditLevel.BAD not in refuse:   # a bad record excludes 秒批 and 容缺受理 (central-api CreditStanding)
            raise ValueError("'refuse' must include 'bad'")
        return refuse


class MaterialsParams(Params):
    codes: tuple[str, ...] = ()      # empty: every required material of the item
    tolerate: bool = True            # 容缺: a material on the item's 容缺 list may be marked "tolerated"


class FieldCompareParams(Params):
    left: str = Field(pattern=KEY_PATTERN)
    op: Literal["==", "!=", "<", "<=", ">", ">="]
    right_field: str | None = Field(default=None, pattern=KEY_PATTERN)
    right_value: float | None = None

    @model_validator(mode="after")
    def _one_right_side(self) -> FieldCompareParams:
        if (self.right_field is None) == (self.right_value is None):
            raise ValueError("give exactly one of 'right_field' and 'right_value'")
        return self


class FieldInParams(Params):
    field: str = Field(pattern=KEY_PATTERN)
    values: tuple[str, ...] = Field(min_length=1)


class FieldRegexParams(Params):
    field: str = Field(pattern=KEY_PATTERN)
    pattern: str = Field(min_length=1)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"not a valid regular expression: {exc}") from None
        return pattern


class DaysUntilParams(Params):
    field: str = Field(pattern=KEY_PATTERN)
    min: int | None = None
    max: int | None = None

    @model_validator(mode="after")
    def _a_bound(self) -> DaysUntilParams:
        if self.min is None and self.max is None:
            raise ValueError("give 'min', 'max' or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("'min' is greater than 'max'")
        return self
