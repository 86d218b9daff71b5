"""``driver = "pcsc_simulator"``: a staff card reader for ``--demo`` (the embedded default config uses it).

Unlike the ID card simulator, this one does not sit below the real driver: the real path needs a running
pcscd with the vpcd reader (``PcscReader`` + ``virtual_card``, which is how the real driver is tested),
and a demo on any laptop cannot count on a system daemon. So this device stands in for ``PcscReader``
itself, with the same events: ``place(uid_hex)`` delivers a ``DataEvent(StaffCard)``, ``remove()`` a
``CardRemoved``, on the device's worker and only while enabled.

Config: ``place`` (a UID in hex to lay on the reader at start), ``reader`` (the name to report).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from devices.base import CardRemoved, DataEvent, Device, DeviceError, Health, Listener
from devices.pcsc.codes import MSG_READER_FAULT
from devices.pcsc.reader import StaffCard
from devices.pcsc.virtual_card import DEFAULT_ATR
from devices.registry import register_driver
from devices.worker import DeviceWorker

SIMULATED_READER = "Simulated PCD 00 00"


def _checked_uid(uid_hex: str) -> str:
    try:
        uid = bytes.fromhex(uid_hex)
    except ValueError as exc:
        raise DeviceError("PCSC_UID_BAD_RESPONSE", MSG_READER_FAULT, f"not a hex UID: {exc}") from exc
    if not 1 <= len(uid) <= 10:
        raise DeviceError("PCSC_UID_BAD_RESPONSE", MSG_READER_FAULT, f"a UID has 1..10 bytes, got {len(uid)}")
    return uid.hex().upper()


class SimulatedPcscReader(Device):
    kind = "pcsc"

    def __init__(self, name: str, *, listener: Listener | None = None, reader: str = SIMULATED_READER,
                 place: str | None = None):
        super().__init__(name, listener)
        self.reader = reader
        self._worker: DeviceWorker | None = None
        self._uid = _checked_uid(place) if place else None  # the card in the field, delivered or not
        self._card: StaffCard | None = None
        self._active = False  # enabled, as seen from the worker thread

    @classmethod
    def from_config(cls, name: str, config: Mapping[str, Any],
                    listener: Listener | None = None) -> SimulatedPcscReader:
        place = config.get("place")
        return cls(name, listener=listener, reader=str(config.get("reader") or SIMULATED_READER),
                   place=str(place) if place else None)

    def place(self, uid_hex: str) -> None:
        """Lay a card on the reader (replacing any card there)."""
        uid = _checked_uid(uid_hex)
        self._later(lambda: self._arrive(uid))

    def remove(self) -> None:
        self._later(self._leave)

    def current_card(self) -> StaffCard | None:
        return self._card

    def readers(self) -> list[str]:
        return [self.reader]

    # --- lifecycle --------------------------------------------------------------------------------

    def _do_open(self) -> None:
        self._worker = DeviceWorker(self.name)
        self._worker.start()

    def _do_claim(self) -> None:
        self._call(lambda: self._set_health(Health.ONLINE))

    def _do_enable(self) -> None:
        def start() -> None:
            self._active = True
            if self._uid and self._card is None:
                self._arrive(self._uid)  # a card placed before enable is delivered now
        self._call(start)

    def _do_disable(self) -> None:
        def stop() -> None:
            self._active = False
        self._call(stop)

    def _do_release(self) -> None:
        def release() -> None:
            self._drop_card()
            self._set_health(Health.OFFLINE, "released")
        self._call(release)

    def _do_close(self) -> None:
        assert self._worker is not None
        self._worker.stop()
        self._worker = None

    def _call(self, fn: Callable[[], None]) -> None:
        assert self._worker is not None
        self._worker.call(fn, timeout=5.0)

    def _later(self, fn: Callable[[], None]) -> None:
        if self._worker is not None:
            self._worker.submit(fn)

    # --- worker thread ----------------------------------------------------------------------------

    def _arrive(self, uid: str) -> None:
        self._drop_card()
        self._uid = uid
        if not self._active:
            return  # delivered on enable
        self._card = StaffCard(reader=self.reader, atr_hex=DEFAULT_ATR.hex().upper(), uid_hex=uid)
        self._emit(DataEvent(device=self.name, data=self._card))

    def _leave(self) -> None:
        self._uid = None
        self._drop_card()

    def _drop_card(self) -> None:
        if self._card is not None:
            self._card = None
            self._emit(CardRemoved(device=self.name))


register_driver("pcsc_simulator", SimulatedPcscReader.from_config)
