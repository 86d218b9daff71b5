"""Device events in, domain events out: the one place that knows both ``devices`` and ``core``.

Devices and the domain do not import each other (import-linter), so a card reader hands out a
``CardData`` and this bridge turns it into a ``core.identity.Person`` with ``source=CARD``; every other
device event becomes a plain domain event on the bus. It runs on whichever device thread delivered the
event; screens receive the result on the GUI thread through ``QtEventBridge``.

It lives in ``ui_common`` because every mode with devices needs it and ``ui_common`` is the lowest layer
allowed to see both sides; it imports no Qt itself.
"""

from __future__ import annotations

import logging
from datetime import date

from core.events import (
    CodeScanned,
    DeviceProblem,
    DeviceStatusChanged,
    EventBus,
    IdentityPresented,
    IdentityWithdrawn,
    StaffCardPresented,
)
from core.identity import DocumentType, Gender, IdentitySource, Person
from devices.base import CardRemoved, DataEvent, DeviceEvent, ErrorEvent, StatusChanged

log = logging.getLogger(__name__)

_DOCUMENT_TYPES = {
    "resident": DocumentType.RESIDENT,
    "hmt_residence": DocumentType.HMT_RESIDENCE,
    "foreign_permanent": DocumentType.FOREIGN_PERMANENT,
    "foreign_permanent_2023": DocumentType.FOREIGN_PERMANENT_2023,
}
_EXTRA_FIELDS = ("english_name", "nationality", "pass_number", "issue_count", "card_version", "authority_code",
                 "renewal_count", "previous_permit_link")


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def person_from_card(card) -> Person:
    """A ``Person`` read from the chip (``devices.idcard.CardData``). ``长期`` validity becomes long-term."""
    try:
        gender = Gender(card.gender_code)
    except ValueError:
        gender = Gender.UNKNOWN
    extra = {name: getattr(card, name) for name in _EXTRA_FIELDS if getattr(card, name, "")}
    return Person(
        name=card.name, id_number=card.id_number, document_type=_DOCUMENT_TYPES[card.card_type],
        source=IdentitySource.CARD, gender=gender, nation=card.nation, birth_date=_day(card.birth_date),
        address=card.address, authority=card.authority, valid_from=_day(card.valid_from),
        valid_to=_day(card.valid_to), valid_long_term=card.valid_to == "长期", extra=extra,
    )


class DeviceBridge:
    """A ``devices`` listener that republishes on a ``core.events.EventBus``."""

    def __init__(self, bus: EventBus) -> None:
        self.bus = bus

    def __call__(self, event: DeviceEvent) -> None:
        if isinstance(event, DataEvent):
            self._data(event)
        elif isinstance(event, CardRemoved):
            self.bus.publish(IdentityWithdrawn(device=event.device))
        elif isinstance(event, StatusChanged):
            self.bus.publish(DeviceStatusChanged(device=event.device, health=event.health.value,
                                                 previous=event.previous.value))
        elif isinstance(event, ErrorEvent):
            # The detail is for the technician's log (the device layer keeps personal data out of it).
            log.warning("DEVICE_ERROR %s %s: %s", event.device, event.code, event.detail)
            self.bus.publish(DeviceProblem(device=event.device, code=event.code, user_message=event.user_message))

    def _data(self, event: DataEvent) -> None:
        data = event.data
        if hasattr(data, "card_type") and hasattr(data, "id_number"):
            self.bus.publish(IdentityPresented(person=person_from_card(data), device=event.device,
                                               problems=tuple(data.issues)))
        elif hasattr(data, "uid_hex"):
            self.bus.publish(StaffCardPresented(uid_hex=data.uid_hex, device=event.device))
        elif hasattr(data, "text"):
            self.bus.publish(CodeScanned(text=data.text, device=event.device))
        else:
            log.debug("device %s delivered %s; nothing listens for it yet", event.device, type(data).__name__)
