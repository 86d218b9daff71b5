"""What the reader hands out: one frozen ``CardData`` per card placement.

The four card types share the fields a service form needs (name, gender, birth date, number, validity);
each type adds its own (``TYPE_FIELDS``). The object holds personal data, so ``repr`` masks the number and
the name and leaves out the address, birth date and photo: a ``CardData`` that ends up in a log line
leaks nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

CARD_TYPES = ("resident", "hmt_residence", "foreign_permanent", "foreign_permanent_2023")

# Fields only one card type has, in the order the technician console shows them.
TYPE_FIELDS: dict[str, tuple[str, ...]] = {
    "resident": (),
    "hmt_residence": ("pass_number", "issue_count"),
    "foreign_permanent": ("english_name", "nationality", "card_version", "authority_code"),
    "foreign_permanent_2023": ("english_name", "nationality", "renewal_count", "previous_permit_link"),
}

COMMON_FIELDS = ("card_type", "name", "gender", "nation", "birth_date", "address", "id_number", "authority",
                 "valid_from", "valid_to")


def mask_id_number(number: str) -> str:
    """``4301**********1234``: the hall's display habit (shared/DESIGN.md, Data)."""
    if len(number) <= 8:
        return "*" * len(number)
    return number[:4] + "*" * (len(number) - 8) + number[-4:]


def mask_name(name: str) -> str:
    if not name:
        return ""
    return name[0] + "*" * max(1, len(name) - 1)


@dataclass(frozen=True, repr=False)
class CardData:
    """Text, photo and fingerprint of one card. Dates are ``YYYY-MM-DD``; ``valid_to`` may be ``长期``.

    ``issues`` lists the codes of data-quality problems found while parsing (``IDCARD_BAD_CHECK_DIGIT``,
    ``IDCARD_BAD_DATE`` ...); the reader also publishes each as an error event. ``id_number_valid`` is the
    GB 11643 check for resident cards and residence permits, ``None`` where that rule does not apply.
    """

    card_type: str
    name: str
    gender: str            # label: 男 / 女 / 未知 / 未说明 ("" if the code is unknown)
    gender_code: str       # GB/T 2261.1 code as on the chip
    nation: str            # GB 3304 label ("" where the card has none)
    nation_code: str
    birth_date: str
    address: str
    id_number: str         # resident/J: 18-character ID number; I/Y: permit number
    authority: str         # issuing authority ("" on foreign permanent resident cards)
    valid_from: str
    valid_to: str
    id_number_valid: bool | None = None
    english_name: str = ""
    nationality: str = ""  # ISO 3166-1 alpha-3 on foreign permanent resident cards
    pass_number: str = ""  # J: the HK/Macao/Taiwan travel permit number
    issue_count: str = ""  # J: how many times the permit was issued
    card_version: str = ""
    authority_code: str = ""
    renewal_count: str = ""
    previous_permit_link: str = ""
    photo: bytes = b""     # opaque 1024-byte WLT blob (see photo.py)
    fingerprint: bytes = b""
    issues: tuple[str, ...] = field(default=())

    def __repr__(self) -> str:
        return (f"CardData(card_type={self.card_type!r}, name={mask_name(self.name)!r}, "
                f"id_number={mask_id_number(self.id_number)!r}, id_number_valid={self.id_number_valid}, "
                f"photo={len(self.photo)} bytes, fingerprint={len(self.fingerprint)} bytes, "
                f"issues={self.issues!r})")

    __str__ = __repr__

    def type_fields(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in TYPE_FIELDS[self.card_type]}

    def to_json_dict(self) -> dict[str, Any]:
        """Plain JSON-able fields for the technician command line (personal data: never log it)."""
        out: dict[str, Any] = {name: getattr(self, name) for name in COMMON_FIELDS}
        out.update(gender_code=self.gender_code, nation_code=self.nation_code,
                   id_number_valid=self.id_number_valid)
        out.update(self.type_fields())
        out.update(photo_size=len(self.photo), fingerprint_size=len(self.fingerprint), issues=list(self.issues))
        return out
