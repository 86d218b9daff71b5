"""Case numbers (办件编号) unique across every terminal of a province without asking a server.

``{region:6}{yyyymmdd:8}{terminal}{seq:05}``, e.g. ``43010220261123K0100042``:

* region: the 6-digit administrative division code (GB/T 2260) of the hall;
* date: the terminal's business day;
* terminal: the terminal id from the config (1-8 upper-case letters and digits, unique in the region,
  assigned by the platform at enrolment);
* seq: a per-terminal, per-day counter allocated atomically by the local store (``core.storage``).

Offline-first demands this: a kiosk cut off for a day still numbers cases that never collide. The whole
is at most 27 characters (GB/T 39046 allows 50).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from core.errors import ValidationError

_TERMINAL = re.compile(r"^[A-Z0-9]{1,8}$")
_REGION = re.compile(r"^\d{6}$")
_NUMBER = re.compile(r"^(?P<region>\d{6})(?P<day>\d{8})(?P<terminal>[A-Z0-9]{1,8})(?P<seq>\d{5})$")
MAX_SEQUENCE = 99_999


def validate_terminal_id(terminal_id: str) -> str:
    if not _TERMINAL.match(terminal_id):
        raise ValidationError(f"terminal id {terminal_id!r} must be 1-8 upper-case letters or digits",
                              field="terminal.id", code="TERMINAL_ID_INVALID")
    return terminal_id


def validate_region_code(region: str) -> str:
    if not _REGION.match(region):
        raise ValidationError(f"region code {region!r} must be 6 digits (GB/T 2260)", field="terminal.region_code",
                              code="REGION_CODE_INVALID")
    return region


def format_case_number(region: str, day: date, terminal_id: str, seq: int) -> str:
    validate_region_code(region)
    validate_terminal_id(terminal_id)
    if not 1 <= seq <= MAX_SEQUENCE:
        raise ValidationError(f"sequence {seq} out of range 1..{MAX_SEQUENCE}", code="CASE_SEQUENCE_EXHAUSTED")
    return f"{region}{day:%Y%m%d}{terminal_id}{seq:05d}"


@dataclass(frozen=True)
class CaseNumber:
    region: str
    day: date
    terminal_id: str
    seq: int


def parse_case_number(number: str) -> CaseNumber:
    m = _NUMBER.match(number)
    if not m:
        raise ValidationError(f"{number!r} is not a case number", field="case_number", code="CASE_NUMBER_INVALID",
                              user_message="办件编号格式不正确，请核对。")
    d = m["day"]
    try:
        day = date(int(d[:4]), int(d[4:6]), int(d[6:]))
    except ValueError as exc:
        raise ValidationError(f"{number!r} has no valid date", field="case_number",
                              code="CASE_NUMBER_INVALID", user_message="办件编号格式不正确，请核对。") from exc
    return CaseNumber(m["region"], day, m["terminal"], int(m["seq"]))
