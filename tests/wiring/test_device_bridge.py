"""The device bridge turns the real reader's events into domain events (card → Person with source CARD)."""

import threading

from core.events import DeviceStatusChanged, Event, EventBus, IdentityPresented, IdentityWithdrawn
from core.identity import DocumentType, Gender, IdentitySource, is_valid_id_number
from devices.idcard.reader import SamvReader
from devices.idcard.simcards import load_cards
from devices.idcard.simulator import SamvSimulator
from ui_common.device_bridge import DeviceBridge


class Collected:
    def __init__(self, bus):
        self.events, self.cond = [], threading.Condition()
        bus.subscribe(Event, self.add)

    def add(self, event):
        with self.cond:
            self.events.append(event)
            self.cond.notify_all()

    def wait_for(self, kind, timeout=5.0):
        with self.cond:
            assert self.cond.wait_for(lambda: any(isinstance(e, kind) for e in self.events), timeout), \
                f"no {kind.__name__}: {[type(e).__name__ for e in self.events]}"
            return next(e for e in self.events if isinstance(e, kind))


def run_with_card(tmp_path, card_id):
    bus = EventBus()
    seen = Collected(bus)
    sim = SamvSimulator(seed=1)
    url = sim.start_pty(str(tmp_path / "tty"))
    reader = SamvReader("idcard", url, listener=DeviceBridge(bus), poll_interval=0.02, response_timeout=0.5)
    try:
        reader.open()
        reader.claim()
        reader.enable()
        assert seen.wait_for(DeviceStatusChanged).health == "online"
        sim.place(load_cards()[card_id])
        presented = seen.wait_for(IdentityPresented)
        sim.remove()
        withdrawn = seen.wait_for(IdentityWithdrawn)
        return presented, withdrawn
    finally:
        reader.shutdown()
        sim.stop()


def test_resident_card_becomes_a_person_read_from_the_card(tmp_path):
    presented, withdrawn = run_with_card(tmp_path, "resident")
    person = presented.person
    assert person.source is IdentitySource.CARD
    assert person.document_type is DocumentType.RESIDENT
    assert is_valid_id_number(person.id_number)
    assert person.gender in (Gender.MALE, Gender.FEMALE)
    assert person.birth_date is not None and person.birth_date.isoformat() == person.id_number[6:10] + "-" + \
        person.id_number[10:12] + "-" + person.id_number[12:14]
    assert person.name and person.address
    assert presented.problems == ()
    assert presented.device == withdrawn.device == "idcard"


def test_foreign_permanent_card_keeps_its_own_fields(tmp_path):
    presented, _ = run_with_card(tmp_path, "foreign_2023")
    person = presented.person
    assert person.document_type is DocumentType.FOREIGN_PERMANENT_2023
    assert person.extra.get("english_name")
    assert person.extra.get("nationality")
