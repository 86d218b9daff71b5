"""The resident ID card reader over a SAM_V serial line: the real driver (config ``driver = "samv_serial"``).

Lifecycle (see devices/base.py): ``open`` starts the worker thread, ``claim`` opens the port and greets the
SAM (reset 10 FF, status 11 FF, SAM id 12 FF for diagnostics), ``enable`` starts polling, ``disable`` stops
it, ``release`` closes the port, ``close`` ends the thread.

Polling, on the worker thread every ``poll_interval``: find (20 01) -> select (20 02) -> read (30 01, or
30 10 with the fingerprint). One ``DataEvent(CardData)`` per placement; while that card lies on the reader
find keeps answering 9F and nothing is re-read; ``removal_misses`` failed finds in a row mean it was taken
away (``CardRemoved``). (unconfirmed) Some readers are said to answer 80 to find while an already read card
still lies there; with them the removal is reported early, but the card is still never read twice.

Nothing here raises into the worker: a bad frame, a timeout or an unknown card becomes an ``ErrorEvent``
and polling goes on; a lost port becomes health NODEVICE plus an error event, and ``reconnect()`` (the
manager's job, with backoff) brings the device back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

from devices.base import (
    CardRemoved,
    DataEvent,
    DeviceError,
    Health,
    Listener,
)
from devices.idcard.carddata import CardData
from devices.idcard.cardtext import ISSUES
from devices.idcard.frames import FrameFault
from devices.idcard.photo import NullPhotoDecoder, PhotoDecoder
from devices.idcard.session import (
    DEFAULT_BAUD,
    FRAME_FAULT_CODES,
    PortLost,
    SamvSession,
    Stopping,
)
from devices.idcard.status import MSG_LINE_TROUBLE, MSG_PLACE_CARD, MSG_READER_FAULT
from devices.registry import register_driver
from devices.worker import DeviceWorker, WorkerDevice

log = logging.getLogger(__name__)

# SW3 answers that mean the SAM itself is unusable, not that the card was moved.
_HARDWARE_CODES = frozenset({"IDCARD_SAM_SELFTEST_FAILED", "IDCARD_SAM_NOT_AUTHORISED",
                             "IDCARD_SAM_COMMAND_ERROR", "IDCARD_SAM_UNAUTHORISED"})


class SamvReader(WorkerDevice):
    fault_message = MSG_READER_FAULT
    kind = "idcard"

    def __init__(self, name: str, url: str, *, listener: Listener | None = None, baud: int = DEFAULT_BAUD,
                 with_fingerprint: bool = False, poll_interval: float = 0.1, response_timeout: float = 1.0,
                 removal_misses: int = 3, offline_after: int = 2, photo_decoder: PhotoDecoder | None = None):
        super().__init__(name, listener)
        self.url = url
        self.baud = baud
        self.with_fingerprint = with_fingerprint
        self.poll_interval = poll_interval
        self.response_timeout = response_timeout
        self.removal_misses = removal_misses
        self.offline_after = offline_after
        self.photo_decoder: PhotoDecoder = photo_decoder or NullPhotoDecoder()
        self._worker: DeviceWorker | None = None
        self._session: SamvSession | None = None
        self._sam_id = ""
        self._card_read = False       # a card was delivered and has not been seen to leave
        self._misses = 0
        self._timeouts = 0
        self._reported: set[str] = set()  # error codes already told for the card now in the field
        self._loss_reported = False       # the lost/absent port was told; retries stay quiet
        self._totals = {"cards_read": 0, "errors": 0, "port_losses": 0}
        self._last_session_stats: dict[str, int] = {}

    @classmethod
    def from_config(cls, name: str, config: Mapping[str, Any], listener: Listener | None = None) -> SamvReader:
        """Build from a config table: ``port`` (URL or path), ``baud``, ``fingerprint``, ``poll_interval_ms``,
        ``response_timeout_ms``, ``removal_misses``."""
        url = str(config.get("port") or config.get("url") or "")
        if not url:
            raise DeviceError("DEVICE_CONFIG_INVALID", MSG_READER_FAULT, f"device {name!r}: no port configured")
        try:
            options = {"baud": int(config.get("baud", DEFAULT_BAUD)),
                       "with_fingerprint": bool(config.get("fingerprint", False)),
                       "poll_interval": int(config.get("poll_interval_ms", 100)) / 1000,
                       "response_timeout": int(config.get("response_timeout_ms", 1000)) / 1000,
                       "removal_misses": int(config.get("removal_misses", 3))}
        except (TypeError, ValueError) as exc:
            raise DeviceError("DEVICE_CONFIG_INVALID", MSG_READER_FAULT, f"device {name!r}: {exc}") from exc
        return cls(name, url, listener=listener, **options)

    # --- lifecycle hooks (controlling thread) ---------------------------------------------------

    @property
    def worker_timeout(self) -> float:
        # open + three greeting exchanges, each bounded by the response timeout
        return 4 * self.response_timeout + 2.0

    def _do_claim(self) -> None:
        self._on_worker(self._connect)

    def _do_enable(self) -> None:
        assert self._worker is not None
        self._worker.set_tick(self._poll, self.poll_interval)

    def _do_disable(self) -> None:
        assert self._worker is not None
        self._worker.set_tick(None)
        self._on_worker(lambda: None)  # the tick has finished once this returns

    def _do_release(self) -> None:
        self._on_worker(self._disconnect)

    def _do_reconnect(self) -> None:
        self._on_worker(self._reconnect)

    # --- worker thread --------------------------------------------------------------------------

    def _should_stop(self) -> bool:
        return self._worker is None or self._worker.stopping

    def _connect(self) -> None:
        try:
            session = SamvSession.open(self.url, self.baud, response_timeout=self.response_timeout,
                                       should_stop=self._should_stop, on_fault=self._on_fault)
        except DeviceError as exc:
            if not self._loss_reported:  # the manager retries with backoff: tell once, not per attempt
                self._loss_reported = True
                self._report(exc)
            self._set_health(Health.NODEVICE, exc.detail)
            raise
        self._session = session
        self._loss_reported = False
        self._card_read, self._misses, self._timeouts = False, 0, 0
        self._reported.clear()
        try:
            session.reset_sam()
            status = session.sam_status()
            if status.sw3 != 0x90:
                raise DeviceError(status.status.code, status.status.user_message,
                                  f"SAM status 11 FF answered {status.sw3:02X} ({status.status.meaning})")
            self._sam_id = session.sam_id()
        except PortLost as exc:
            self._lose(exc)
            raise
        except DeviceError as exc:
            # The port is ours; the SAM may come up later. Claim succeeds, health tells the truth.
            self._report(exc)
            hw = exc.code in _HARDWARE_CODES
            self._set_health(Health.HWERROR if hw else Health.OFFLINE, exc.detail)
            return
        log.info("ID card reader %s ready on %s, SAM %s", self.name, self.url, self._sam_id)
        self._set_health(Health.ONLINE)

    def _disconnect(self) -> None:
        if self._session is not None:
            self._last_session_stats = self._session.diagnostics()
            self._session.close()
            self._session = None
        if self._card_read:
            self._card_read = False
            self._emit(CardRemoved(device=self.name))
        self._set_health(Health.OFFLINE, "port released")

    def _reconnect(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None
        self._connect()

    def _lose(self, error: DeviceError) -> None:
        self._totals["port_losses"] += 1
        if self._session is not None:
            self._last_session_stats = self._session.diagnostics()
            self._session.close()
            self._session = None
        if not self._loss_reported:
            self._loss_reported = True
            self._report(error)
        if self._card_read:
            self._card_read = False
            self._emit(CardRemoved(device=self.name))
        self._set_health(Health.NODEVICE, error.detail)

    def _on_fault(self, fault: FrameFault) -> None:
        self._totals["errors"] += 1
        self._report(DeviceError(fault.code, MSG_LINE_TROUBLE, fault.detail))

    def _poll(self) -> None:
        session = self._session
        if session is None:
            return  # port lost: waiting for reconnect()
        try:
            self._poll_once(session)
        except Stopping:
            return
        except PortLost as exc:
            self._lose(exc)
            return
        except DeviceError as exc:
            self._poll_failed(exc)
            return
        self._timeouts = 0
        if self._health is Health.OFFLINE:
            self._set_health(Health.ONLINE)

    def _poll_once(self, session: SamvSession) -> None:
        present = session.find_card()
        if self._card_read:
            if present:
                self._misses = 0
                return
            self._misses += 1
            if self._misses >= self.removal_misses:
                self._card_read = False
                self._reported.clear()
                self._emit(CardRemoved(device=self.name))
            return
        if not present:
            self._reported.clear()  # nothing in the field: the next card may fail and be told again
            return
        if not session.select_card():
            return  # moved while being placed; the next poll tries again
        started = time.monotonic()
        card = session.read_card(self.with_fingerprint)
        self._card_read, self._misses = True, 0
        self._totals["cards_read"] += 1
        log.info("card read on %s: %r in %.0f ms", self.name, card, 1000 * (time.monotonic() - started))
        self._emit(DataEvent(device=self.name, data=card))
        for code in card.issues:
            user_message, detail = ISSUES[code]
            self._report(DeviceError(code, user_message, detail))

    def _poll_failed(self, exc: DeviceError) -> None:
        self._totals["errors"] += 1
        if exc.code == "IDCARD_TIMEOUT":
            self._timeouts += 1
            if self._timeouts == 1:
                self._report(exc)
            if self._timeouts >= self.offline_after:
                self._set_health(Health.OFFLINE, "the SAM does not answer")
            return
        if exc.code in FRAME_FAULT_CODES:
            return  # already reported by _on_fault, frame by frame
        if exc.code in _HARDWARE_CODES:
            self._report(exc)
            self._set_health(Health.HWERROR, exc.detail)
            return
        if exc.code not in self._reported:  # one report per card placement, not one per poll
            self._reported.add(exc.code)
            self._report(exc)

    # --- technician -----------------------------------------------------------------------------

    def decode_photo(self, card: CardData) -> bytes | None:
        return self.photo_decoder.decode(card.photo)

    def diagnostics(self) -> dict[str, Any]:
        facts = super().diagnostics()
        session = self._session
        facts.update(url=self.url, baud=self.baud, sam_id=self._sam_id, **self._totals)
        facts.update(session.diagnostics() if session is not None else self._last_session_stats)
        return facts


def read_one_card(url: str, baud: int = DEFAULT_BAUD, timeout: float = 10.0, *, with_fingerprint: bool = False,
                  poll_interval: float = 0.2, response_timeout: float = 1.0) -> CardData:
    """Blocking: open ``url``, wait up to ``timeout`` seconds for a card, read it, close. For the technician CLI.

    Raises DeviceError: IDCARD_PORT_OPEN_FAILED, IDCARD_DEVICE_LOST, IDCARD_NO_CARD, or the SAM's own code.
    """
    session = SamvSession.open(url, baud, response_timeout=response_timeout)
    deadline = time.monotonic() + timeout
    last: DeviceError | None = None
    try:
        session.sam_status()
        while time.monotonic() < deadline:
            try:
                if session.find_card() and session.select_card():
                    return session.read_card(with_fingerprint)
            except PortLost:
                raise
            except DeviceError as exc:
                last = exc
            time.sleep(min(poll_interval, max(0.0, deadline - time.monotonic())))
    finally:
        session.close()
    detail = f"no card read within {timeout:.1f} s" + (f"; last error {last.code}: {last.detail}" if last else "")
    raise DeviceError("IDCARD_NO_CARD", MSG_PLACE_CARD, detail)


register_driver("samv_serial", SamvReader.from_config)
