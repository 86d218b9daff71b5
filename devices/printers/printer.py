"""``PrinterDevice``: what the receipt and A4 printer drivers share — a worker thread, jobs, health.

A job is ``print_bytes(data, job_id)``: it runs on the device's worker (one job at a time, in order) and
its outcome reaches the caller twice, so nobody can miss it:

* the returned ``Future`` resolves to None when the printer confirmed the job, or raises the
  :class:`~devices.base.DeviceError` that says why it did not (``PRINTER_PAPER_OUT`` …);
* the listener gets ``OutputComplete(job_id)`` or ``JobFailed(job_id, code, …)`` (an ``ErrorEvent``).

A job is never dropped quietly: a printer that vanishes mid-job, a job the printer never confirms, a
worker that stops with jobs still queued — each ends as a failed future and a ``JobFailed`` event.

Health follows UnifiedPOS: ONLINE, USERERROR (paper out, cover open), HWERROR, OFFLINE (no answer,
stopped queue), NODEVICE (port gone), BUSY while a job prints. Between jobs an optional status tick
(``status_interval_s``) keeps it current, so the technician console shows "缺纸" before a citizen tries.
"""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future
from typing import Any, TypeVar

from devices.base import DeviceError, DeviceState, Health, Listener, OutputComplete
from devices.printers.codes import MSG_PRINTER_UNAVAILABLE, JobFailed, PrinterStatus
from devices.worker import DeviceWorker, WorkerDevice

log = logging.getLogger(__name__)

T = TypeVar("T")


class PrinterDevice(WorkerDevice):
    fault_message = MSG_PRINTER_UNAVAILABLE
    kind = "printer"

    def __init__(self, name: str, listener: Listener | None = None, *, status_interval: float = 5.0,
                 job_timeout: float = 30.0, call_timeout: float = 10.0):
        super().__init__(name, listener)
        self.status_interval = status_interval
        self.job_timeout = job_timeout
        self.call_timeout = call_timeout
        self._worker: DeviceWorker | None = None
        # Set by disable(): a job still waiting for its printer gives up (bounded shutdown; the caller
        # learns the job failed and keeps the document for a reprint).
        self._abandon = threading.Event()
        self._status = PrinterStatus(answered=False, reasons=("not checked yet",))
        self._warned: set[str] = set()
        self._totals = {"jobs_printed": 0, "jobs_failed": 0, "bytes_printed": 0}
        self._last_failure = ""

    # --- what drivers implement (all run on the worker thread) -----------------------------------

    def _connect(self) -> None:
        """Take the port (claim). Raise DeviceError if it cannot be opened."""

    def _disconnect(self) -> None:
        """Let the port go (release)."""

    def _read_status(self) -> PrinterStatus:
        """Ask the printer how it is; never raises for a printer that is merely absent."""
        raise NotImplementedError

    def _print_job(self, data: bytes, job_id: str) -> None:
        """Send one job and wait for the printer's confirmation; raise DeviceError if it failed."""
        raise NotImplementedError

    # --- public ---------------------------------------------------------------------------------

    @property
    def status(self) -> PrinterStatus:
        return self._status

    @property
    def worker_timeout(self) -> float:
        return self.wait_limit

    @property
    def wait_limit(self) -> float:
        """How long a caller may wait on a job's future: the job timeout plus the checks around it."""
        return self.job_timeout + 2 * self.call_timeout

    def print_bytes(self, data: bytes, job_id: str) -> Future[None]:
        """Queue one job on the printer's worker; see the module doc for how the outcome is reported."""
        worker = self._worker
        if self.state is not DeviceState.ENABLED or worker is None:
            error = DeviceError("PRINTER_NOT_ENABLED", MSG_PRINTER_UNAVAILABLE,
                                f"{self.name}: print_bytes() needs an enabled printer, it is {self.state}")
            self._job_failed(job_id, error)
            future: Future[None] = Future()
            future.set_exception(error)
            return future
        future = worker.submit(lambda: self._run_job(bytes(data), job_id))

        def stopped_before_running(done: Future[None]) -> None:
            exc = done.exception()
            if isinstance(exc, RuntimeError):   # the worker stopped with the job still queued
                self._job_failed(job_id, DeviceError("PRINTER_LOST_MID_JOB", MSG_PRINTER_UNAVAILABLE,
                                                     f"{self.name}: printer closed before job {job_id} ran"))

        future.add_done_callback(stopped_before_running)
        return future

    def refresh_status(self) -> PrinterStatus:
        """Ask the printer now (on its worker) and update health; for the technician console."""
        return self._on_worker(self._refresh_status)

    # --- lifecycle hooks ------------------------------------------------------------------------

    def _do_claim(self) -> None:
        self._on_worker(self._claim_on_worker)

    def _claim_on_worker(self) -> None:
        try:
            self._connect()
        except DeviceError as exc:
            self._report_once(exc)
            self._set_health(Health.NODEVICE if exc.code != "PRINTER_OFFLINE" else Health.OFFLINE, exc.detail)
            raise
        self._refresh_status()

    def _do_enable(self) -> None:
        assert self._worker is not None
        self._abandon.clear()
        if self.status_interval > 0:
            self._worker.set_tick(self._tick, self.status_interval)

    def _do_disable(self) -> None:
        assert self._worker is not None
        self._abandon.set()
        self._worker.set_tick(None)
        self._on_worker(lambda: None)   # the tick has finished once this returns

    def _do_release(self) -> None:
        self._on_worker(self._release_on_worker)

    def _release_on_worker(self) -> None:
        self._disconnect()
        self._set_health(Health.OFFLINE, "port released")

    def _do_reconnect(self) -> None:
        self._on_worker(self._reconnect_on_worker)

    def _reconnect_on_worker(self) -> None:
        self._disconnect()
        self._claim_on_worker()
        if self._health is Health.NODEVICE:
            # The manager treats a reconnect() that returns as recovered; one that did not must say so.
            raise DeviceError("PRINTER_NOT_CONNECTED", MSG_PRINTER_UNAVAILABLE, f"{self.name}: still not there")

    # --- worker side ----------------------------------------------------------------------------

    def _abandoned(self) -> bool:
        return self._abandon.is_set()

    def _abandoned_error(self, job_id: str) -> DeviceError:
        return DeviceError("PRINTER_JOB_ABANDONED", MSG_PRINTER_UNAVAILABLE,
                           f"{self.name}: job {job_id} given up: the printer was disabled while it waited")

    def _tick(self) -> None:
        if self._health is Health.NODEVICE:
            return   # the port is gone: the manager's reconnect() brings it back
        self._refresh_status()

    def _refresh_status(self) -> PrinterStatus:
        status = self._read_status()
        self._apply_status(status)
        return status

    def _apply_status(self, status: PrinterStatus, *, during_job: bool = False) -> None:
        """Record a reading: each new problem or warning is told once (a status tick must not repeat it
        every few seconds), and health follows it, except during a job, which ends in its own health."""
        self._status = status
        active: dict[str, DeviceError] = {}
        problem = status.problem()
        if problem is not None:
            active[problem.code] = problem
        if status.paper_low and not status.paper_out:
            active["PRINTER_PAPER_LOW"] = DeviceError("PRINTER_PAPER_LOW", MSG_PRINTER_UNAVAILABLE,
                                                      "paper near end: change the roll soon")
        for code, error in active.items():
            if code not in self._warned:
                self._report(error)
        self._warned = set(active)
        if not during_job:
            self._set_health(status.health, status.text)

    def _report_once(self, error: DeviceError) -> None:
        if error.code not in self._warned:
            self._warned.add(error.code)
            self._report(error)

    def _run_job(self, data: bytes, job_id: str) -> None:
        self._set_health(Health.BUSY, f"job {job_id}")
        try:
            self._print_job(data, job_id)
        except DeviceError as exc:
            self._job_failed(job_id, exc)
            raise
        except Exception as exc:
            # A bug in a driver: the job still must not vanish without a word.
            log.exception("PRINTER_JOB_CRASHED: %s job %s", self.name, job_id)
            error = DeviceError("PRINTER_JOB_FAILED", MSG_PRINTER_UNAVAILABLE, f"{type(exc).__name__}: {exc}")
            self._job_failed(job_id, error)
            raise error from exc
        finally:
            if self._health is Health.BUSY:   # a driver that lost its port has set NODEVICE itself
                self._set_health(self._status.health, self._status.text)
        self._totals["jobs_printed"] += 1
        self._totals["bytes_printed"] += len(data)
        log.info("printer %s: job %s printed (%d bytes)", self.name, job_id, len(data))
        self._emit(OutputComplete(device=self.name, job_id=job_id))

    def _job_failed(self, job_id: str, error: DeviceError) -> None:
        self._totals["jobs_failed"] += 1
        self._last_failure = error.code
        log.warning("printer %s: job %s failed %s", self.name, job_id, error)
        self._emit(JobFailed(device=self.name, job_id=job_id, code=error.code, user_message=error.user_message,
                             detail=error.detail))

    def diagnostics(self) -> dict[str, Any]:
        facts = super().diagnostics()
        facts.update(status=self._status.text, last_failure=self._last_failure, **self._totals)
        return facts
