"""The A4 printer behind a CUPS queue: driver ``cups``.

    [devices.a4_printer]
    driver = "cups"
    queue = "HallA4"
    server = ""                # lp -h: host:port or socket path; empty = $CUPS_SERVER, the local socket, localhost
    job_timeout_s = 120        # from submission to "completed"
    problem_grace_s = 5        # how long a paper-out or offline printer may hold a job before it fails
    status_interval_s = 10

A job is a PDF, submitted with ``lp -d QUEUE -t JOB_ID -`` and followed by IPP Get-Job-Attributes
(``devices.printers.ipp``) until ``job-state`` is completed (OutputComplete), aborted or canceled
(JobFailed). The queue is checked before submitting: a stopped queue (``cupsdisable``, or CUPS stopping it
after a backend failure), one that rejects jobs, paper out or an offline device fail the job before CUPS
holds it. If the queue stops, or the printer stays in trouble for ``problem_grace_s``, while a job waits,
the driver cancels the CUPS job and reports it failed: the caller keeps the document for a reprint, and a
job left behind in CUPS would print a second copy when someone re-enables the queue.

Queue state comes from IPP ``printer-state`` and ``printer-state-reasons`` (RFC 8011 5.4.11-12). A reason's
suffix says how bad it is: ``-error`` stops printing, ``-warning`` does not, ``-report`` is information —
except CUPS's ``offline-report``, which its backends set while the device does not answer.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from devices.base import DeviceError, Listener
from devices.printers import ipp
from devices.printers.codes import (
    MSG_JOB_INTERRUPTED,
    MSG_PRINTER_UNAVAILABLE,
    PrinterStatus,
    config_error,
)
from devices.printers.printer import PrinterDevice
from devices.registry import register_driver

log = logging.getLogger(__name__)

LOCAL_SOCKETS = ("/run/cups/cups.sock", "/var/run/cups/cups.sock")
_REQUEST_ID = re.compile(r"request id is (\S+)-(\d+)")
# reason keyword (without its severity suffix) -> PrinterStatus flag
_REASON_FLAGS = {
    "media-empty": "paper_out", "media-needed": "paper_out", "media-jam": "paper_jam",
    "cover-open": "cover_open", "door-open": "cover_open", "interlock-open": "cover_open",
    "offline": "offline", "shutdown": "offline", "paused": "stopped",
}
_SUFFIXES = ("-error", "-warning", "-report")
_C_LOCALE = {**os.environ, "LC_ALL": "C", "LANG": "C"}   # lp's "request id is" must not be translated


def default_server() -> str:
    """Where CUPS's own clients would go: $CUPS_SERVER, else the local domain socket, else localhost."""
    configured = os.environ.get("CUPS_SERVER", "").strip()
    if configured:
        return configured
    return next((path for path in LOCAL_SOCKETS if Path(path).exists()), "localhost:631")


def status_from_ipp(attributes: Mapping[str, list[Any]]) -> PrinterStatus:
    reasons = tuple(str(r) for r in attributes.get("printer-state-reasons", []) if r and r != "none")
    flags: dict[str, bool] = {}
    for reason in reasons:
        keyword, severity = reason, ""
        for suffix in _SUFFIXES:
            if reason.endswith(suffix):
                keyword, severity = reason[: -len(suffix)], suffix
        if keyword == "media-low" or (keyword == "media-empty" and severity == "-warning"):
            flags["paper_low"] = True
        elif severity == "-warning" or (severity == "-report" and keyword != "offline"):
            continue
        elif keyword in _REASON_FLAGS:
            flags[_REASON_FLAGS[keyword]] = True
        elif severity == "-error":
            flags["hw_error"] = True
    state = (attributes.get("printer-state") or [ipp.PRINTER_IDLE])[0]
    accepting = (attributes.get("printer-is-accepting-jobs") or [True])[0]
    if state == ipp.PRINTER_STOPPED or not accepting:
        flags["stopped"] = True
    message = (attributes.get("printer-state-message") or [""])[0]
    words = reasons + (("not accepting jobs",) if not accepting else ()) + ((str(message),) if message else ())
    return PrinterStatus(reasons=words, **flags)


class CupsPrinter(PrinterDevice):
    kind = "a4_printer"

    def __init__(self, name: str, queue: str, *, listener: Listener | None = None, server: str = "",
                 job_timeout: float = 120.0, problem_grace: float = 5.0, status_interval: float = 10.0,
                 poll_interval: float = 0.3, request_timeout: float = 5.0):
        super().__init__(name, listener, status_interval=status_interval, job_timeout=job_timeout,
                         call_timeout=3 * request_timeout + 2.0)
        if not queue or "/" in queue:
            raise config_error(name, f"queue must be a CUPS queue name, not {queue!r}")
        self.queue = queue
        self.server = server or default_server()
        self.problem_grace = problem_grace
        self.poll_interval = poll_interval
        self.request_timeout = request_timeout

    @classmethod
    def from_config(cls, name: str, config: Mapping[str, Any], listener: Listener | None = None) -> CupsPrinter:
        try:
            return cls(name, str(config.get("queue", "")), listener=listener, server=str(config.get("server", "")),
                       job_timeout=float(config.get("job_timeout_s", 120)),
                       problem_grace=float(config.get("problem_grace_s", 5)),
                       status_interval=float(config.get("status_interval_s", 10)),
                       poll_interval=int(config.get("poll_interval_ms", 300)) / 1000)
        except (TypeError, ValueError) as exc:
            raise config_error(name, str(exc)) from exc

    # --- port -----------------------------------------------------------------------------------

    def _connect(self) -> None:
        missing = [tool for tool in ("lp", "cancel") if shutil.which(tool) is None]
        if missing:
            raise DeviceError("PRINTER_TOOL_MISSING", MSG_PRINTER_UNAVAILABLE,
                              f"{' and '.join(missing)} not found: install the CUPS client (cups-client / cups-bsd)")

    def _read_status(self) -> PrinterStatus:
        try:
            answer = ipp.printer_attributes(self.server, self.queue, timeout=self.request_timeout)
        except ipp.IppUnreachable as exc:
            return PrinterStatus(answered=False, reasons=(str(exc),))
        if answer.status == ipp.STATUS_NOT_FOUND:
            return PrinterStatus(missing=True, reasons=(f"no queue {self.queue!r} on {self.server}",))
        if not answer.ok:
            return PrinterStatus(answered=False, reasons=(f"IPP status 0x{answer.status:04x}",))
        return status_from_ipp(answer.group(ipp.TAG_PRINTER))

    # --- jobs -----------------------------------------------------------------------------------

    def _print_job(self, data: bytes, job_id: str) -> None:
        status = self._read_status()
        self._apply_status(status, during_job=True)
        problem = status.problem()
        if problem is not None:
            raise DeviceError(problem.code, problem.user_message,
                              f"{self.queue}: job {job_id} not submitted: {problem.detail}")
        cups_job = self._submit(data, job_id)
        log.info("printer %s: job %s is CUPS job %s-%d", self.name, job_id, self.queue, cups_job)
        try:
            self._follow(cups_job, job_id)
        except DeviceError as exc:
            if exc.code not in ("PRINTER_JOB_ABORTED", "PRINTER_JOB_CANCELLED", "PRINTER_LOST_MID_JOB"):
                self._cancel(cups_job)
            raise

    def _submit(self, data: bytes, job_id: str) -> int:
        command = ["lp", "-h", self.server, "-d", self.queue, "-t", job_id, "-"]
        try:
            done = subprocess.run(command, input=data, capture_output=True, timeout=3 * self.request_timeout,
                                  env=_C_LOCALE, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise DeviceError("PRINTER_SUBMIT_FAILED", MSG_PRINTER_UNAVAILABLE,
                              f"{self.queue}: lp failed to run: {exc}") from None
        out = done.stdout.decode(errors="replace") + done.stderr.decode(errors="replace")
        found = _REQUEST_ID.search(out)
        if done.returncode != 0 or found is None:
            raise DeviceError("PRINTER_SUBMIT_FAILED", MSG_PRINTER_UNAVAILABLE,
                              f"{self.queue}: lp exit {done.returncode}: {' '.join(out.split())[:300]}")
        return int(found[2])

    def _follow(self, cups_job: int, job_id: str) -> None:
        deadline = time.monotonic() + self.job_timeout
        trouble_since: float | None = None
        unreachable_since: float | None = None
        where = f"{self.queue}-{cups_job} (job {job_id})"
        while True:
            try:
                answer = ipp.job_attributes(self.server, cups_job, timeout=self.request_timeout)
            except ipp.IppUnreachable as exc:
                unreachable_since = unreachable_since or time.monotonic()
                if time.monotonic() - unreachable_since > self.problem_grace:
                    self._apply_status(PrinterStatus(answered=False, reasons=(str(exc),)), during_job=True)
                    raise DeviceError("PRINTER_LOST_MID_JOB", MSG_JOB_INTERRUPTED,
                                      f"{where}: CUPS stopped answering: {exc}") from None
                answer = None
            if answer is not None:
                unreachable_since = None
                if answer.status == ipp.STATUS_NOT_FOUND:
                    raise DeviceError("PRINTER_LOST_MID_JOB", MSG_JOB_INTERRUPTED, f"{where}: CUPS forgot the job")
                job = answer.group(ipp.TAG_JOB)
                state = (job.get("job-state") or [0])[0]
                reasons = ", ".join(str(r) for r in job.get("job-state-reasons", []))
                if state == ipp.JOB_COMPLETED:
                    self._apply_status(self._read_status(), during_job=True)
                    return
                if state == ipp.JOB_ABORTED:
                    raise DeviceError("PRINTER_JOB_ABORTED", MSG_JOB_INTERRUPTED, f"{where}: aborted ({reasons})")
                if state == ipp.JOB_CANCELED:
                    raise DeviceError("PRINTER_JOB_CANCELLED", MSG_JOB_INTERRUPTED,
                                      f"{where}: cancelled in CUPS ({reasons})")
                if state == ipp.JOB_HELD:
                    raise DeviceError("PRINTER_JOB_HELD", MSG_PRINTER_UNAVAILABLE, f"{where}: held ({reasons})")
                status = self._read_status()
                self._apply_status(status, during_job=True)
                problem = status.problem()
                if problem is None:
                    trouble_since = None
                else:
                    trouble_since = trouble_since or time.monotonic()
                    # A stopped queue will not move on its own; other trouble gets a moment to clear.
                    if status.stopped or status.missing or time.monotonic() - trouble_since > self.problem_grace:
                        raise DeviceError(problem.code, problem.user_message,
                                          f"{where}: not printed, {problem.detail}")
            if self._abandoned():
                raise self._abandoned_error(job_id)
            if time.monotonic() > deadline:
                raise DeviceError("PRINTER_JOB_TIMEOUT", MSG_JOB_INTERRUPTED,
                                  f"{where}: not completed within {self.job_timeout:.0f} s")
            time.sleep(self.poll_interval)

    def _cancel(self, cups_job: int) -> None:
        """Take a failed job out of CUPS, so it cannot print a second copy after the reprint."""
        try:
            done = subprocess.run(["cancel", "-h", self.server, f"{self.queue}-{cups_job}"], capture_output=True,
                                  timeout=3 * self.request_timeout, env=_C_LOCALE, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            log.error("PRINTER_CANCEL_FAILED: %s-%d: %s", self.queue, cups_job, exc)
            return
        if done.returncode != 0:
            log.error("PRINTER_CANCEL_FAILED: %s-%d: %s", self.queue, cups_job,
                      " ".join(done.stderr.decode(errors="replace").split())[:300])
        else:
            log.info("printer %s: cancelled CUPS job %s-%d", self.name, self.queue, cups_job)

    def diagnostics(self) -> dict[str, Any]:
        facts = super().diagnostics()
        facts.update(queue=self.queue, server=self.server)
        return facts


register_driver("cups", CupsPrinter.from_config)
