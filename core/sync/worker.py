"""The sync worker: the one thread that talks to the central platform (DESIGN "Threading").

    worker = SyncWorker(engine, interval_s=settings.get("central.sync_interval_s"))
    worker.start()          # re-queues rows a crash left in "sending", then loops
    ...record_case(...); worker.nudge()   # a new case goes out now, not at the next interval
    worker.stop()

Each loop: one ``SyncEngine.run_once()`` (push then pull), a heartbeat and a catalogue check when their
intervals have passed, then a wait on an Event until the interval ends, a retry falls due, ``nudge()``
or ``stop()``. No sleep on any other thread; ``stop()`` waits for the current exchange at most its timeout
(a request cut off by the process ending is safe: the idempotency key makes the resend harmless).
Failures are logged and reported by ``SyncStatusChanged``; the loop never dies of one.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping

from core.errors import HalltermError
from core.sync.service import SyncEngine, SyncReport
from core.sync.status import CATALOG_KEY

log = logging.getLogger(__name__)

MIN_WAIT_S = 0.05   # a due retry is not spun on faster than this


class SyncWorker:
    def __init__(self, engine: SyncEngine, *, interval_s: float = 60.0, heartbeat_interval_s: float = 300.0,
                 catalog_interval_s: float = 3600.0, device_health: Callable[[], Mapping[str, str]] | None = None,
                 on_round: Callable[[SyncReport], None] | None = None):
        self.engine = engine
        self.interval_s = interval_s
        self.heartbeat_interval_s = heartbeat_interval_s
        self.catalog_interval_s = catalog_interval_s
        self._device_health = device_health
        self._on_round = on_round
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._next_heartbeat = 0.0
        self._next_catalog = 0.0
        self.rounds = 0

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self.engine.recover()
        self._stopping.clear()
        self._thread = threading.Thread(target=self._loop, name="sync-worker", daemon=True)
        self._thread.start()

    def nudge(self) -> None:
        """Run a round now (a case was just recorded)."""
        self._wake.set()

    def stop(self, timeout_s: float | None = None) -> bool:
        """Ask the loop to end and wait for it; True when it has ended."""
        thread = self._thread
        if thread is None:
            return True
        self._stopping.set()
        self._wake.set()
        thread.join(timeout_s if timeout_s is not None else self.engine.client.config.timeout_s + 5)
        if thread.is_alive():
            log.warning("SYNC_WORKER_STOP_TIMEOUT: the sync thread is still in an exchange")
            return False
        self._thread = None
        return True

    def _loop(self) -> None:
        while not self._stopping.is_set():
            self._wake.clear()
            self._round()
            if self._stopping.is_set():
                break
            wait = self.engine.seconds_until_due(self.interval_s)
            self._wake.wait(max(MIN_WAIT_S, wait))

    def _round(self) -> None:
        try:
            report = self.engine.run_once()
            self.rounds += 1
            if self._on_round is not None:
                self._on_round(report)
            now = time.monotonic()
            if now >= self._next_heartbeat:
                self._next_heartbeat = now + self.heartbeat_interval_s
                ack = self.engine.heartbeat(self._device_health() if self._device_health else None)
                if ack.catalog_etag != self._stored_etag():
                    self._next_catalog = 0.0
            if now >= self._next_catalog:
                self._next_catalog = now + self.catalog_interval_s
                self.engine.refresh_catalog()
        except HalltermError as exc:
            log.warning("SYNC_ROUND_FAILED %s: %s", exc.code, exc.detail)
        except Exception:   # a bug must not end the only thread that gets cases to the platform
            log.exception("SYNC_ROUND_CRASHED")

    def _stored_etag(self) -> str | None:
        return (self.engine.store.settings.get(CATALOG_KEY) or {}).get("etag")
