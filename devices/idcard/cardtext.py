"""The 256-byte text block of the four card types (UCS-2 little-endian, space padded).

Layouts, in byte offsets and lengths, from shared/domain/idcard-samv-protocol.md. The card type is the
character at offset 248: space or NUL for the resident ID card, ``J`` for the Hong Kong/Macao/Taiwan
residence permit, ``I`` for the old and ``Y`` for the 2023 foreign permanent resident ID card.

The same tables drive ``parse_text_block`` (the reader) and ``encode_text_block`` (the simulator), so the
two sides cannot drift apart; the parser tests also check hand-placed offsets so a wrong table shows.

The chip is trusted to be a chip, not to be tidy: odd UCS-2 (unpaired surrogates, NULs, control
characters) is replaced or dropped, never raised, and recorded in ``CardData.issues``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from datetime import date

from devices.base import DeviceError
from devices.idcard.carddata import CardData
from devices.idcard.codes import GENDERS, NATIONS, has_valid_check_char
from devices.idcard.status import MSG_CARD_NOT_RECOGNISED, MSG_REPLACE_CARD

TEXT_SIZE = 256
TYPE_OFFSET = 248
LONG_TERM = "长期"

Layout = tuple[tuple[str, int, int], ...]

_CHINESE_COMMON: Layout = (
    ("name", 0, 30), ("gender", 30, 2), ("nation", 32, 4), ("birth_date", 36, 16), ("address", 52, 70),
    ("id_number", 122, 36), ("authority", 158, 30), ("valid_from", 188, 16), ("valid_to", 204, 16),
)

LAYOUTS: dict[str, Layout] = {
    "resident": _CHINESE_COMMON,
    "hmt_residence": (*_CHINESE_COMMON, ("pass_number", 220, 18), ("issue_count", 238, 4)),
    "foreign_permanent": (
        ("english_name", 0, 120), ("gender", 120, 2), ("id_number", 122, 30), ("nationality", 152, 6),
        ("name", 158, 30), ("valid_from", 188, 16), ("valid_to", 204, 16), ("birth_date", 220, 16),
        ("card_version", 236, 4), ("authority_code", 240, 8),
    ),
    # The 2023 card splits the English name: 35 characters at 52, the rest (11) at 220.
    "foreign_permanent_2023": (
        ("name", 0, 30), ("gender", 30, 2), ("renewal_count", 32, 4), ("birth_date", 36, 16),
        ("english_name_1", 52, 70), ("id_number", 122, 36), ("valid_from", 188, 16), ("valid_to", 204, 16),
        ("english_name_2", 220, 22), ("nationality", 242, 6), ("previous_permit_link", 250, 6),
    ),
}

TYPE_CHARS = {"resident": " ", "hmt_residence": "J", "foreign_permanent": "I", "foreign_permanent_2023": "Y"}
_TYPE_BY_CHAR = {"J": "hmt_residence", "I": "foreign_permanent", "Y": "foreign_permanent_2023",
                 " ": "resident", "\0": "resident"}
_DATE_FIELDS = ("birth_date", "valid_from", "valid_to")
_ID_CHECKED_TYPES = ("resident", "hmt_residence")  # GB 11643 numbers

# Data-quality findings: code -> (calm sentence, technician detail). Published as error events.
ISSUES = {
    "IDCARD_BAD_CHECK_DIGIT": ("证件号码校验未通过，请到人工窗口核验身份。",
                               "ID number check character does not match (GB 11643-1999)"),
    "IDCARD_BAD_DATE": ("证件上的日期无法识别，请到人工窗口核验身份。", "a date field is not a YYYYMMDD date"),
    "IDCARD_UNKNOWN_GENDER": ("证件信息无法完整识别，请到人工窗口核验身份。", "gender code not in GB/T 2261.1"),
    "IDCARD_UNKNOWN_NATION": ("证件信息无法完整识别，请到人工窗口核验身份。", "nation code not in GB 3304"),
    "IDCARD_TEXT_GARBLED": ("证件信息无法完整识别，请到人工窗口核验身份。",
                            "text block holds invalid UCS-2 (unpaired surrogate or control characters)"),
}


def card_type_of(block: bytes) -> str:
    """The card type named by the character at offset 248, or DeviceError IDCARD_UNKNOWN_CARD_TYPE."""
    if len(block) != TEXT_SIZE:
        raise DeviceError("IDCARD_TEXT_LENGTH", MSG_REPLACE_CARD,
                          f"text block is {len(block)} bytes, expected {TEXT_SIZE}")
    char = block[TYPE_OFFSET:TYPE_OFFSET + 2].decode("utf-16-le", errors="replace")
    card_type = _TYPE_BY_CHAR.get(char)
    if card_type is None:
        raise DeviceError("IDCARD_UNKNOWN_CARD_TYPE", MSG_CARD_NOT_RECOGNISED,
                          f"card type character U+{ord(char):04X} at offset {TYPE_OFFSET} is not one of ' ', J, I, Y")
    return card_type


def _decode(raw: bytes) -> tuple[str, bool]:
    """UCS-2LE to text without NULs or control characters; the flag says something had to be fixed."""
    text = raw.decode("utf-16-le", errors="replace")
    cleaned = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cs"))
    garbled = "\ufffd" in text or any(ch != "\0" and unicodedata.category(ch) == "Cc" for ch in text)
    return cleaned, garbled


def _date(value: str) -> tuple[str, bool]:
    """``YYYYMMDD`` -> ``YYYY-MM-DD``; ``长期`` stays; anything else comes back as read, flagged."""
    if value == LONG_TERM:
        return value, True
    if len(value) == 8 and value.isascii() and value.isdigit():
        try:
            return date(int(value[:4]), int(value[4:6]), int(value[6:])).isoformat(), True
        except ValueError:
            pass
    return value, False


def parse_text_block(block: bytes, *, photo: bytes = b"", fingerprint: bytes = b"") -> CardData:
    """Parse the 256-byte text block into ``CardData``; raises DeviceError only for a wrong size or type."""
    card_type = card_type_of(block)
    raw: dict[str, str] = {}
    issues: list[str] = []
    for name, offset, size in LAYOUTS[card_type]:
        text, garbled = _decode(block[offset:offset + size])
        raw[name] = text
        if garbled and "IDCARD_TEXT_GARBLED" not in issues:
            issues.append("IDCARD_TEXT_GARBLED")
    values = {name: text.strip() for name, text in raw.items()}
    if card_type == "foreign_permanent_2023":
        # Join the halves unstripped: the split may fall inside a word.
        values["english_name"] = (raw.pop("english_name_1") + raw.pop("english_name_2")).strip()
        values.pop("english_name_1")
        values.pop("english_name_2")

    for name in _DATE_FIELDS:
        values[name], ok = _date(values[name])
        if values[name] == LONG_TERM and name != "valid_to":
            ok = False  # only the end of validity may be 长期
        if not ok and "IDCARD_BAD_DATE" not in issues:
            issues.append("IDCARD_BAD_DATE")

    gender_code = values.pop("gender")
    gender = GENDERS.get(gender_code, "")
    if not gender:
        issues.append("IDCARD_UNKNOWN_GENDER")
    nation_code = values.pop("nation", "")
    nation = NATIONS.get(nation_code, "")
    if card_type == "resident" and not nation:
        issues.append("IDCARD_UNKNOWN_NATION")

    id_valid: bool | None = None
    if card_type in _ID_CHECKED_TYPES:
        values["id_number"] = values["id_number"].upper()
        id_valid = has_valid_check_char(values["id_number"])
        if not id_valid:
            issues.append("IDCARD_BAD_CHECK_DIGIT")

    return CardData(
        card_type=card_type, gender=gender, gender_code=gender_code, nation=nation, nation_code=nation_code,
        address=values.pop("address", ""), authority=values.pop("authority", ""), id_number_valid=id_valid,
        photo=bytes(photo), fingerprint=bytes(fingerprint), issues=tuple(issues), **values,
    )


def _field_text(name: str, value: str) -> str:
    if name in _DATE_FIELDS and value != LONG_TERM:
        return value.replace("-", "")
    if name == "gender":
        return next((code for code, label in GENDERS.items() if label == value), value)
    if name == "nation":
        return next((code for code, label in NATIONS.items() if label == value), value)
    return value


def encode_text_block(card_type: str, fields: Mapping[str, str]) -> bytes:
    """The device side: lay ``fields`` out as the chip does. Labels (男, 汉) or codes (1, 01) both work.

    Raises ValueError when a value does not fit its slot (a simulator card file is wrong, not the chip).
    """
    if card_type not in LAYOUTS:
        raise ValueError(f"unknown card type {card_type!r}; expected one of {', '.join(LAYOUTS)}")
    values = {k: str(v) for k, v in fields.items()}
    if card_type == "foreign_permanent_2023":
        english = values.pop("english_name", "")
        values["english_name_1"], values["english_name_2"] = english[:35], english[35:]
    block = bytearray(" ".encode("utf-16-le") * (TEXT_SIZE // 2))
    for name, offset, size in LAYOUTS[card_type]:
        encoded = _field_text(name, values.get(name, "")).encode("utf-16-le", errors="surrogatepass")
        if len(encoded) > size:
            raise ValueError(f"{card_type}.{name} needs {len(encoded) // 2} characters, the slot holds {size // 2}")
        block[offset:offset + len(encoded)] = encoded
    block[TYPE_OFFSET:TYPE_OFFSET + 2] = TYPE_CHARS[card_type].encode("utf-16-le")
    return bytes(block)
