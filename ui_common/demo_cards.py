"""Sample ID cards for ``--demo``: the shipped simulator cards plus the three fictional citizens whose cases
``core.demo`` seeds, so a demo can place 李明华's card and see his licence in 打印证照 and 查进度.

Lives in ``ui_common`` because it needs both ``core`` (the citizens) and ``devices`` (the card encoding),
which do not know each other. No Qt.
"""

from __future__ import annotations

from core.demo import DEMO_CITIZENS
from core.identity import Gender
from devices.idcard.simcards import SimCard

_GENDER_LABELS = {Gender.MALE: "男", Gender.FEMALE: "女"}


def demo_citizen_cards() -> dict[str, SimCard]:
    """The seeded citizens' cards by card id (``citizen-1`` …), in ``DEMO_CITIZENS`` order."""
    cards = {}
    for index, citizen in enumerate(DEMO_CITIZENS, start=1):
        person = citizen.person()
        card_id = f"citizen-{index}"
        fields = {"name": person.name, "gender": _GENDER_LABELS[person.gender], "nation": person.nation,
                  "birth_date": person.birth_date.isoformat(), "address": person.address,
                  "id_number": person.id_number, "authority": person.authority,
                  "valid_from": person.valid_from.isoformat(), "valid_to": person.valid_to.isoformat()}
        cards[card_id] = SimCard.build(card_id, "resident", fields)
    return cards


def add_demo_cards(reader: object) -> None:
    """Offer the citizens' cards on a simulated reader (``SimulatedSamvReader.cards``) beside its samples."""
    cards = getattr(reader, "cards", None)
    if isinstance(cards, dict):
        for card_id, card in demo_citizen_cards().items():
            cards.setdefault(card_id, card)
