"""The citizen's session at the kiosk: who is standing there and what they have told the machine so far.

The main window owns exactly one ``KioskSession``. A journey screen reads and fills it; nothing personal
lives anywhere else on the kiosk side, so ``wipe()`` is the one place that forgets a person: after a
finished journey, on the idle reset, and before a different card starts a new session.

Signals (GUI thread): ``started(person)`` when a person has identified, ``wiped()`` after a wipe. The
person's data never goes to the log; ``repr`` shows only masked values.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from core.cases.model import MaterialStatus
from core.identity import IdentitySource, Person


@dataclass
class MaterialChoice:
    """What the person did about one material: reused an e-licence, photographed it, or declared it 容缺."""

    status: MaterialStatus
    image: bytes = b""              # a document-camera capture (JPEG/PNG), for UPLOADED
    content_type: str = ""
    licence_number: str = ""        # the reused e-licence, for ELICENCE
    note: str = ""


# Every field that holds something about the person or their application. ``wipe`` resets them all.
_PERSONAL_FIELDS = ("person", "elicences", "item_code", "bundle_code", "form", "materials", "signature_png",
                    "commitment_text", "case_id", "case", "outcome", "card_present", "journey_done")


class KioskSession(QObject):
    started = Signal(object)    # the Person
    wiped = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.started_at: float | None = None
        self._clear()

    def _clear(self) -> None:
        self.person: Person | None = None
        self.elicences: list[Any] = []          # core.sync.wire.ELicence from the platform (亮证 QR)
        self.item_code: str | None = None       # what is applied for: an item's code, or a bundle's (一件事)
        self.bundle_code: str | None = None     # set when that is a bundle
        self.form: dict[str, Any] = {}
        self.materials: dict[str, MaterialChoice] = {}
        self.signature_png: bytes = b""
        self.commitment_text: str = ""
        self.case_id: str = ""                  # the application's case id, fixed once an item is chosen
        self.case: Any = None                   # core.cases.Case once submitted (a bundle's first case)
        self.outcome: Any = None                # ApplyOutcome (or BundleOutcome for a 一件事) once decided
        self.card_present = False
        self.journey_done = False

    # --- who ----------------------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self.person is not None

    def start(self, person: Person, *, elicences: list[Any] | None = None) -> None:
        """A person identified. A different person than the current one gets a clean session first."""
        if self.person is not None and not self.is_same_person(person):
            self.wipe()
        self.person = person
        self.elicences = list(elicences or self.elicences)
        self.card_present = person.source is IdentitySource.CARD
        self.started_at = time.monotonic()
        self.started.emit(person)

    def is_same_person(self, person: Person) -> bool:
        return self.person is not None and self.person.id_number == person.id_number

    def choose_item(self, item_code: str, *, bundle_code: str | None = None) -> None:
        """A new application: what was filled in for another item does not carry over. A 一件事 bundle is
        one application: ``choose_item(code, bundle_code=code)``."""
        if item_code != self.item_code:
            self.form, self.materials, self.signature_png, self.commitment_text = {}, {}, b"", ""
            self.case, self.outcome, self.case_id = None, None, ""
        self.item_code, self.bundle_code = item_code, bundle_code

    @property
    def submitted(self) -> bool:
        return self.outcome is not None

    # --- forgetting ---------------------------------------------------------------------------------

    def wipe(self) -> None:
        """Drop every personal field from memory (the stored case is the store's business)."""
        self._clear()
        self.started_at = None
        self.wiped.emit()

    def personal_fields(self) -> dict[str, Any]:
        """The fields ``wipe`` resets, by name (tests check each is empty afterwards)."""
        return {name: getattr(self, name) for name in _PERSONAL_FIELDS}

    def __repr__(self) -> str:
        who = repr(self.person) if self.person is not None else "nobody"
        return f"KioskSession({who}, item={self.item_code}, submitted={self.submitted})"


class KioskEvents(QObject):
    """The bus events kiosk screens care about, as Qt signals on the GUI thread.

    The main window owns one (one bus subscription for the kiosk's whole life); screens connect to its
    signals, and Qt drops those connections when a screen is deleted, so 500 sessions leave nothing behind.
    """

    identity_presented = Signal(object)   # core.events.IdentityPresented
    identity_withdrawn = Signal(object)   # core.events.IdentityWithdrawn
    code_scanned = Signal(object)         # core.events.CodeScanned
    device_status = Signal(object)        # core.events.DeviceStatusChanged

    def __init__(self, bus: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from core.events import CodeScanned, DeviceStatusChanged, IdentityPresented, IdentityWithdrawn
        from ui_common.event_bridge import QtEventBridge

        self.bridge = QtEventBridge(bus, self)
        self.bridge.on(IdentityPresented, self.identity_presented.emit)
        self.bridge.on(IdentityWithdrawn, self.identity_withdrawn.emit)
        self.bridge.on(CodeScanned, self.code_scanned.emit)
        self.bridge.on(DeviceStatusChanged, self.device_status.emit)

    def close(self) -> None:
        self.bridge.close()
