"""Cards for the simulator, described in JSON and encoded into the exact chip layout.

    {"cards": [{"id": "resident", "card_type": "resident",
                "fields": {"name": "张三", "gender": "女", "nation": "汉", "birth_date": "1949-12-31", ...},
                "fingerprint_size": 1024}]}

Optional per card: ``photo_hex`` (else 1024 deterministic bytes derived from the id: the WLT format is
closed, so any bytes will do), ``type_char`` (put another character at offset 248, e.g. ``"X"`` for an
unknown card type) and ``read_sw3`` (answer the read command with that SW3 instead of the data, e.g.
``"40"``). All people in sample_cards.json are fictional.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from devices.idcard.cardtext import TYPE_OFFSET, encode_text_block
from devices.idcard.photo import WLT_SIZE

SAMPLE_CARDS = Path(__file__).with_name("sample_cards.json")


def filler_bytes(seed: str, size: int) -> bytes:
    """Deterministic bytes standing in for a photo or a fingerprint template."""
    out = bytearray()
    counter = 0
    while len(out) < size:
        out += hashlib.sha256(f"{seed}:{counter}".encode()).digest()
        counter += 1
    return bytes(out[:size])


@dataclass(frozen=True)
class SimCard:
    card_id: str
    card_type: str
    fields: Mapping[str, str]
    photo: bytes = b""
    fingerprint: bytes = b""
    type_char: str | None = None
    read_sw3: int | None = None
    text: bytes = field(default=b"", repr=False)

    @classmethod
    def build(cls, card_id: str, card_type: str, fields: Mapping[str, str], *, photo: bytes | None = None,
              fingerprint_size: int = 0, type_char: str | None = None, read_sw3: int | None = None) -> SimCard:
        text = bytearray(encode_text_block(card_type, fields))
        if type_char is not None:
            text[TYPE_OFFSET:TYPE_OFFSET + 2] = type_char.encode("utf-16-le")
        return cls(card_id=card_id, card_type=card_type, fields=dict(fields),
                   photo=photo if photo is not None else filler_bytes(f"photo:{card_id}", WLT_SIZE),
                   fingerprint=filler_bytes(f"fingerprint:{card_id}", fingerprint_size),
                   type_char=type_char, read_sw3=read_sw3, text=bytes(text))

    @classmethod
    def from_json(cls, item: Mapping[str, Any]) -> SimCard:
        photo = bytes.fromhex(item["photo_hex"]) if "photo_hex" in item else None
        read_sw3 = int(str(item["read_sw3"]), 16) if "read_sw3" in item else None
        return cls.build(str(item["id"]), str(item["card_type"]), item.get("fields", {}), photo=photo,
                         fingerprint_size=int(item.get("fingerprint_size", 0)), type_char=item.get("type_char"),
                         read_sw3=read_sw3)

    def read_payload(self, with_fingerprint: bool) -> bytes:
        """DATA of a successful 30 01 / 30 10 answer: the big-endian lengths, then the blocks."""
        blocks = [self.text, self.photo] + ([self.fingerprint] if with_fingerprint else [])
        return b"".join(len(b).to_bytes(2, "big") for b in blocks) + b"".join(blocks)


def load_cards(path: Path | str = SAMPLE_CARDS) -> dict[str, SimCard]:
    """Cards by id from a JSON file in the format of the module docstring."""
    document = json.loads(Path(path).read_text(encoding="utf-8"))
    cards = [SimCard.from_json(item) for item in document["cards"]]
    return {card.card_id: card for card in cards}
