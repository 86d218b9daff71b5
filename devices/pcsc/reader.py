"""The staff card reader over PC/SC (config ``driver = "pcsc"``, optional ``reader = "<name substring>"``).

Lifecycle (see devices/base.py): ``open`` starts the worker thread, ``claim`` establishes a PC/SC context
and picks the reader, ``enable`` starts watching it, ``disable`` stops, ``release`` drops the context,
``close`` ends the thread.

Watching, on the worker: ``SCardGetStatusChange`` on the reader and on the PnP pseudo-reader, bounded by
``wait_timeout``. A card arriving is read at once (GET DATA UID) and delivered as one
``DataEvent(StaffCard)``; its leaving is a ``CardRemoved``. pcscd stopping makes the health NODEVICE with
PCSC_NO_SERVICE (told once); the reader being unplugged, or never found, makes it NODEVICE with
PCSC_NO_READER. ``reconnect()`` (the manager's job, with backoff) establishes a new context; a reader
that comes back while the context lives is also picked up by the PnP watch.

The UID identifies a member of staff, so logs show only its last four hex digits.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from devices.base import CardRemoved, DataEvent, DeviceError, Health, Listener
from devices.pcsc.client import PNP_NOTIFICATION, STATE_UNAWARE, PcscContext, ReaderState, match_reader
from devices.pcsc.codes import (
    MSG_PLACE_CARD,
    MSG_READER_FAULT,
    CardGone,
    ReaderGone,
    ServiceLost,
)
from devices.registry import register_driver
from devices.worker import DeviceWorker, WorkerDevice

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StaffCard:
    """A card on the staff reader: which reader, its ATR and its UID (upper-case hex)."""

    reader: str
    atr_hex: str
    uid_hex: str

    def __repr__(self) -> str:  # keeps the full UID out of logs and tracebacks
        return f"StaffCard(reader={self.reader!r}, atr_hex={self.atr_hex!r}, uid=…{self.uid_hex[-4:]})"


def _no_reader(wanted: str, readers: list[str]) -> ReaderGone:
    which = f"matching {wanted!r}" if wanted else "at all"
    return ReaderGone(f"no PC/SC reader {which}; pcscd lists {readers or 'none'}")


class PcscReader(WorkerDevice):
    fault_message = MSG_READER_FAULT
    kind = "pcsc"

    def __init__(self, name: str, *, listener: Listener | None = None, reader: str = "",
                 wait_timeout: float = 0.25):
        super().__init__(name, listener)
        self.wanted = reader
        self.wait_timeout = wait_timeout
        self._worker: DeviceWorker | None = None
        # worker-thread state
        self._context: PcscContext | None = None
        self._reader: str | None = None
        self._readers: list[str] = []
        self._known: dict[str, int] = {}
        self._card: StaffCard | None = None  # delivered and not seen to leave
        self._placement: int | None = None   # pcsc-lite's event count of the card handled last
        self._reported: set[str] = set()     # error codes told for the card now in the field
        self._loss_reported = False
        self._totals = {"cards_read": 0, "errors": 0, "service_losses": 0}

    @classmethod
    def from_config(cls, name: str, config: Mapping[str, Any], listener: Listener | None = None) -> PcscReader:
        try:
            wait = int(config.get("wait_timeout_ms", 250)) / 1000
        except (TypeError, ValueError) as exc:
            raise DeviceError("DEVICE_CONFIG_INVALID", MSG_READER_FAULT, f"device {name!r}: {exc}") from exc
        return cls(name, listener=listener, reader=str(config.get("reader") or ""), wait_timeout=wait)

    # --- lifecycle hooks (controlling thread) ---------------------------------------------------

    @property
    def worker_timeout(self) -> float:
        return self.wait_timeout + 5.0  # one wait in progress, then establish + list + one card read

    def _do_claim(self) -> None:
        self._on_worker(self._connect)

    def _do_enable(self) -> None:
        assert self._worker is not None
        # The tick blocks in SCardGetStatusChange for up to wait_timeout itself; the short interval only
        # keeps a tick that returns at once (pcscd gone) from spinning.
        self._worker.set_tick(self._watch, 0.05)

    def _do_disable(self) -> None:
        assert self._worker is not None
        self._worker.set_tick(None)
        self._on_worker(lambda: None)

    def _do_release(self) -> None:
        self._on_worker(self._disconnect)

    def _do_reconnect(self) -> None:
        self._on_worker(self._reconnect)

    # --- public, any thread ---------------------------------------------------------------------

    def current_card(self) -> StaffCard | None:
        """The card delivered last and still on the reader, or None."""
        return self._card

    def readers(self) -> list[str]:
        """The readers pcscd listed when last asked (for the technician's reader picker)."""
        return list(self._readers)

    # --- worker thread --------------------------------------------------------------------------

    def _connect(self) -> None:
        try:
            self._context = PcscContext.establish()
        except DeviceError as exc:
            self._tell_loss(exc)
            self._set_health(Health.NODEVICE, exc.detail)
            raise
        self._known.clear()
        self._find_reader(report=True)

    def _reconnect(self) -> None:
        if self._context is not None and self._reader is None:
            self._find_reader(report=False)  # drops the context if pcscd has gone meanwhile
        if self._context is None:
            self._connect()
        if self._reader is None:
            raise _no_reader(self.wanted, self._readers)

    def _disconnect(self) -> None:
        if self._context is not None:
            self._context.release()
            self._context = None
        self._reader = None
        self._card_left()
        self._set_health(Health.OFFLINE, "context released")

    def _find_reader(self, *, report: bool) -> None:
        """Pick the configured reader from pcscd's list; health follows (a dead pcscd drops the context)."""
        assert self._context is not None
        try:
            self._readers = self._context.list_readers()
        except ServiceLost as exc:
            self._lose_service(exc)
            return
        reader = match_reader(self._readers, self.wanted)
        if reader is None:
            error = _no_reader(self.wanted, self._readers)
            if self._reader is not None:
                self._reader_lost(error)  # unplugged: seen through the PnP watch
                return
            if report:
                self._tell_loss(error)
            self._set_health(Health.NODEVICE, error.detail)
            return
        if reader != self._reader:
            log.info("staff card reader %s uses %r", self.name, reader)
            self._known.pop(self._reader or "", None)
            self._reader = reader
        self._loss_reported = False
        self._set_health(Health.ONLINE)

    def _tell_loss(self, error: DeviceError) -> None:
        if not self._loss_reported:  # the manager retries with backoff: tell once, not per attempt
            self._loss_reported = True
            self._report(error)

    def _lose_service(self, error: DeviceError) -> None:
        self._totals["service_losses"] += 1
        if self._context is not None:
            self._context.release()
            self._context = None
        self._reader = None
        self._known.clear()
        self._card_left()
        self._tell_loss(error)
        self._set_health(Health.NODEVICE, error.detail)

    def _card_left(self) -> None:
        self._reported.clear()
        self._placement = None
        if self._card is not None:
            self._card = None
            self._emit(CardRemoved(device=self.name))

    def _watch(self) -> None:
        context = self._context
        if context is None:
            return  # pcscd gone: waiting for reconnect()
        watched = [PNP_NOTIFICATION] + ([self._reader] if self._reader else [])
        known = [(reader, self._known.get(reader, STATE_UNAWARE)) for reader in watched]
        try:
            states = context.wait_for_change(known, self.wait_timeout)
        except ServiceLost as exc:
            self._lose_service(exc)
            return
        except DeviceError as exc:
            self._totals["errors"] += 1
            if self._reader is not None:
                self._reader_lost(exc)
            return
        if states is None:
            return
        for state in states:
            first = state.reader not in self._known
            self._known[state.reader] = state.known
            if not state.changed:
                continue
            if state.reader == PNP_NOTIFICATION:
                if not first:  # a reader was plugged or unplugged
                    self._find_reader(report=True)
            elif state.reader != self._reader:
                continue  # the PnP entry just before this one found our reader gone or replaced
            elif state.gone:
                self._reader_lost(ReaderGone(f"reader {state.reader!r} disappeared"))
            else:
                self._card_state(state)

    def _reader_lost(self, error: DeviceError) -> None:
        self._known.pop(self._reader or "", None)
        self._reader = None
        self._card_left()
        self._loss_reported = False  # a new loss: tell it
        self._tell_loss(error)
        self._set_health(Health.NODEVICE, error.detail)

    def _card_state(self, state: ReaderState) -> None:
        if not state.present:
            self._card_left()
            return
        # Our own connect and disconnect change the state too (SCARD_STATE_INUSE), but not the event
        # count: the same count means the same placement, already read (or already failed: no retry loop).
        if state.events == self._placement:
            return
        if self._placement is not None:
            self._card_left()  # taken away and put back (or another card) between two waits
        self._placement = state.events
        if state.mute:
            self._fail(DeviceError("PCSC_CARD_UNRESPONSIVE", MSG_PLACE_CARD,
                                   f"card in {state.reader!r} does not answer (ATR {state.atr.hex().upper()})"))
            return
        self._read_card(state)

    def _read_card(self, state: ReaderState) -> None:
        assert self._context is not None
        started = time.monotonic()
        try:
            uid = self._context.read_uid(state.reader)
        except ServiceLost as exc:
            self._lose_service(exc)
            return
        except CardGone as exc:
            self._fail(exc)
            return
        except ReaderGone as exc:
            self._reader_lost(exc)
            return
        except DeviceError as exc:
            self._fail(exc)
            return
        card = StaffCard(reader=state.reader, atr_hex=state.atr.hex().upper(), uid_hex=uid.hex().upper())
        self._card = card
        self._totals["cards_read"] += 1
        log.info("staff card read on %s: %r in %.0f ms", self.name, card, 1000 * (time.monotonic() - started))
        self._emit(DataEvent(device=self.name, data=card))

    def _fail(self, error: DeviceError) -> None:
        self._totals["errors"] += 1
        if error.code not in self._reported:  # one report per card placement
            self._reported.add(error.code)
            self._report(error)

    def diagnostics(self) -> dict[str, Any]:
        facts = super().diagnostics()
        facts.update(wanted=self.wanted, reader=self._reader or "", readers=list(self._readers), **self._totals)
        return facts


# --- technician command line ----------------------------------------------------------------------


def list_readers() -> list[str]:
    """The readers pcscd knows. Raises DeviceError PCSC_NO_SERVICE when pcscd does not run."""
    context = PcscContext.establish()
    try:
        return context.list_readers()
    finally:
        context.release()


def read_one_card(reader: str = "", timeout: float = 10.0, *, wait_step: float = 0.25) -> StaffCard:
    """Blocking: wait up to ``timeout`` seconds for a card on the reader matching ``reader``, read its UID.

    Raises DeviceError: PCSC_NO_SERVICE, PCSC_NO_READER, PCSC_NO_CARD, or the card's own PCSC_UID_* code.
    """
    context = PcscContext.establish()
    deadline = time.monotonic() + timeout
    try:
        readers = context.list_readers()
        name = match_reader(readers, reader)
        if name is None:
            raise _no_reader(reader, readers)
        known = STATE_UNAWARE
        while True:
            left = deadline - time.monotonic()
            states = context.wait_for_change([(name, known)], min(wait_step, max(0.0, left)))
            if states:
                state = states[0]
                known = state.known
                if state.gone:
                    raise ReaderGone(f"reader {name!r} disappeared")
                if state.present and not state.mute:
                    uid = context.read_uid(name)
                    return StaffCard(reader=name, atr_hex=state.atr.hex().upper(), uid_hex=uid.hex().upper())
            if left <= 0:
                raise DeviceError("PCSC_NO_CARD", MSG_PLACE_CARD, f"no card on {name!r} within {timeout:.1f} s")
    finally:
        context.release()


register_driver("pcsc", PcscReader.from_config)
