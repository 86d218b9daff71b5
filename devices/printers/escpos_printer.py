"""The receipt printer (ESC/POS, 58/80 mm thermal): driver ``escpos``.

    [devices.receipt_printer]
    driver = "escpos"
    url = "tcp://192.168.1.50:9100"      # or serial:///dev/ttyS0?baudrate=19200, usb://04b8:0202, file:///dev/usb/lp0
    paper_width_mm = 80                  # 80 or 58
    profile = "default"                  # a python-escpos profile name (TM-T88V, POS-5890 …)
    encoding = "gb18030"                 # gb18030 | gbk | utf-8 (for what the driver composes itself)
    chinese_mode = true                  # FS & before Chinese text; default from the profile's vendor
    qr = "raster"                        # raster | native (GS ( k)
    status = true                        # DLE EOT / GS r status; false for a printer that never answers
    confirm = true                       # GS r 1 job receipt; false for a printer that answers DLE EOT only
    status_interval_s = 5                # health check between jobs; 0 = only around jobs
    job_timeout_s = 30                   # how long the printer may take to confirm a job

A job (see ``devices.printers.printer``) goes like this where the transport can read (TCP, serial, USB):

1. ``DLE EOT 1..4``: the printer answers at once; paper out, cover open or offline fail the job before a
   byte of it is sent, so nothing half-prints.
2. the job's bytes, then ``GS r 1``, which the printer answers only once everything before it has printed
   (``devices.printers.escpos_status``). That answer is the job's receipt.
3. no answer within ``job_timeout_s``: ``DLE EOT`` again says why (paper ran out mid-job → PRINTER_PAPER_OUT,
   still nothing → PRINTER_LOST_MID_JOB). A connection that breaks → PRINTER_LOST_MID_JOB.

With ``confirm = false`` step 2 ends with ``DLE EOT`` instead: the job counts as printed if the printer
reports no trouble right after it (it may still be printing). A write-only transport (``file://``, or
``status = false``) can only report that the bytes were written.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from typing import Any

from devices.base import DeviceError, Health, Listener
from devices.printers.codes import (
    MSG_JOB_INTERRUPTED,
    MSG_PRINTER_UNAVAILABLE,
    PrinterStatus,
    config_error,
)
from devices.printers.compose import (
    PAPER_DOTS,
    EscposComposer,
    check_encoding,
    escpos_profile,
    profile_wants_chinese_mode,
)
from devices.printers.escpos_link import EscposLink, LinkLost, PrinterUrl, parse_printer_url
from devices.printers.escpos_status import (
    PAPER_ACK_QUERY,
    STATUS_ANSWERS,
    STATUS_QUERY,
    decode_ack,
    decode_status,
    is_ack_answer,
    is_realtime_answer,
)
from devices.printers.printer import PrinterDevice
from devices.registry import register_driver

log = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"


class EscposPrinter(PrinterDevice):
    kind = "receipt_printer"
    accepts_pdf = False   # a PDF sent to a thermal printer prints metres of garbage

    def __init__(self, name: str, url: str, *, listener: Listener | None = None, paper_width_mm: int = 80,
                 profile: str = "default", encoding: str = "gb18030", chinese_mode: bool | None = None,
                 native_qr: bool = False, status_query: bool = True, confirm_jobs: bool = True,
                 status_timeout: float = 1.0,
                 connect_timeout: float = 3.0, status_interval: float = 5.0, job_timeout: float = 30.0):
        super().__init__(name, listener, status_interval=status_interval, job_timeout=job_timeout,
                         call_timeout=connect_timeout + 2 * status_timeout + 2.0)
        self.target: PrinterUrl = parse_printer_url(url) if url else PrinterUrl("tcp", "", 0)
        if paper_width_mm not in PAPER_DOTS:
            raise config_error(name, f"paper_width_mm must be 80 or 58, not {paper_width_mm}")
        self.paper_width_mm = paper_width_mm
        self.profile = profile
        escpos_profile(profile, paper_width_mm)          # unknown profile: fail at configuration time
        self.encoding = check_encoding(encoding)
        self.chinese_mode = (self.encoding != "utf-8" and profile_wants_chinese_mode(profile)
                             if chinese_mode is None else chinese_mode)
        self.native_qr = native_qr
        self.status_query = status_query
        self.confirm_jobs = confirm_jobs
        self.status_timeout = status_timeout
        self.connect_timeout = connect_timeout
        self._link: EscposLink | None = None     # held from claim to release (serial, USB, file)

    @classmethod
    def options_from_config(cls, name: str, config: Mapping[str, Any]) -> dict[str, Any]:
        try:
            qr = str(config.get("qr", "raster")).lower()
            if qr not in ("raster", "native"):
                raise ValueError(f"qr must be 'raster' or 'native', not {qr!r}")
            chinese = config.get("chinese_mode")
            return {"paper_width_mm": int(config.get("paper_width_mm", 80)),
                    "profile": str(config.get("profile", "default")),
                    "encoding": str(config.get("encoding", "gb18030")),
                    "chinese_mode": None if chinese is None else bool(chinese),
                    "native_qr": qr == "native",
                    "status_query": bool(config.get("status", True)),
                    "confirm_jobs": bool(config.get("confirm", True)),
                    "status_timeout": int(config.get("status_timeout_ms", 1000)) / 1000,
                    "connect_timeout": float(config.get("connect_timeout_s", 3)),
                    "status_interval": float(config.get("status_interval_s", 5)),
                    "job_timeout": float(config.get("job_timeout_s", 30))}
        except (TypeError, ValueError) as exc:
            raise config_error(name, str(exc)) from exc

    @classmethod
    def from_config(cls, name: str, config: Mapping[str, Any], listener: Listener | None = None) -> EscposPrinter:
        url = str(config.get("url") or config.get("port") or "")
        if not url:
            raise config_error(name, 'no url configured (url = "tcp://host:9100")')
        return cls(name, url, listener=listener, **cls.options_from_config(name, config))

    @property
    def reads_status(self) -> bool:
        return self.status_query and self.target.readable

    def composer(self) -> EscposComposer:
        """A composer in this printer's paper width, profile, encoding and QR mode (for the test page)."""
        return EscposComposer(paper_width_mm=self.paper_width_mm, profile=self.profile, encoding=self.encoding,
                              chinese_mode=self.chinese_mode, native_qr=self.native_qr)

    # --- port -----------------------------------------------------------------------------------

    def _new_link(self) -> EscposLink:
        link = EscposLink(self.target, connect_timeout=self.connect_timeout, write_timeout=self.job_timeout)
        link.open()
        return link

    def _connect(self) -> None:
        if not self.target.per_job:
            self._link = self._new_link()

    def _disconnect(self) -> None:
        if self._link is not None:
            self._link.close()
            self._link = None

    def _job_link(self) -> EscposLink:
        if self.target.per_job:
            return self._new_link()
        if self._link is None or not self._link.is_open:
            raise DeviceError("PRINTER_NOT_CONNECTED", MSG_PRINTER_UNAVAILABLE,
                              f"{self.target.describe()}: port lost, waiting for reconnect")
        return self._link

    def _lose_port(self, reason: str) -> None:
        """A held port broke: close it and go NODEVICE, so the manager reconnects with backoff."""
        self._disconnect()
        self._status = PrinterStatus(answered=False, gone=True, reasons=(reason,))
        self._set_health(Health.NODEVICE, reason)

    def _unreachable(self, reason: str) -> PrinterStatus:
        # A network printer that does not answer is offline; a local port that is not there is gone.
        return PrinterStatus(answered=False, gone=not self.target.per_job, reasons=(reason,))

    # --- status ---------------------------------------------------------------------------------

    def _query(self, link: EscposLink) -> PrinterStatus:
        link.drain()   # stale answers (to DLE EOT bytes inside an earlier job's images) must not be read as ours
        link.write(STATUS_QUERY)
        answers = link.read_until(is_realtime_answer, STATUS_ANSWERS, self.status_timeout)
        return decode_status(answers)

    def _read_status(self) -> PrinterStatus:
        if not self.reads_status:
            if self.target.per_job:
                return PrinterStatus(reasons=("status not read",))
            if self._link is not None and self._link.is_open:
                return PrinterStatus(reasons=("port open, status not read",))
            return self._unreachable("port closed")
        try:
            link = self._job_link()
        except DeviceError as exc:
            return self._unreachable(exc.detail)
        try:
            return self._query(link)
        except LinkLost as exc:
            if not self.target.per_job:
                self._lose_port(str(exc))
            return self._unreachable(str(exc))
        finally:
            if self.target.per_job:
                link.close()

    # --- jobs -----------------------------------------------------------------------------------

    def _print_job(self, data: bytes, job_id: str) -> None:
        if data.startswith(PDF_MAGIC) and not self.accepts_pdf:
            raise DeviceError("PRINTER_UNSUPPORTED_DOCUMENT", MSG_PRINTER_UNAVAILABLE,
                              f"job {job_id} is a PDF; a receipt printer takes ESC/POS only")
        try:
            link = self._job_link()
        except DeviceError as exc:
            self._apply_status(self._unreachable(exc.detail), during_job=True)
            raise
        try:
            self._send(link, data, job_id)
        finally:
            if self.target.per_job:
                link.close()

    def _send(self, link: EscposLink, data: bytes, job_id: str) -> None:
        started = time.monotonic()
        if self.reads_status:
            try:
                status = self._query(link)
            except LinkLost as exc:
                raise self._lost(job_id, f"before sending: {exc}", sent=False) from None
            self._apply_status(status, during_job=True)
            problem = status.problem()
            if problem is not None:
                raise DeviceError(problem.code, problem.user_message, f"job {job_id} not sent: {problem.detail}")
        confirm = self.reads_status and self.confirm_jobs
        try:
            link.write(data + (PAPER_ACK_QUERY if confirm else b""))
        except LinkLost as exc:
            raise self._lost(job_id, str(exc), sent=True) from None
        if confirm:
            self._await_ack(link, job_id)
        elif self.reads_status:
            self._check_after(link, job_id)
        log.debug("printer %s: job %s took %.0f ms", self.name, job_id, 1000 * (time.monotonic() - started))

    def _await_ack(self, link: EscposLink, job_id: str) -> None:
        """Wait for the answer to GS r 1; real-time answers to DLE EOT bytes inside images are skipped."""
        try:
            answer = link.read_until(is_ack_answer, 1, self.job_timeout, self._abandoned)
        except LinkLost as exc:
            raise self._lost(job_id, str(exc), sent=True) from None
        if not answer and self._abandoned():
            raise self._abandoned_error(job_id)
        if answer:
            status = decode_ack(answer[0])
            # The job printed; paper that ran out right at its end only matters for the next one.
            self._apply_status(status, during_job=True)
            return
        try:
            status = self._query(link)
        except LinkLost as exc:
            raise self._lost(job_id, f"no confirmation, then {exc}", sent=True) from None
        self._apply_status(status, during_job=True)
        problem = status.problem()
        if problem is not None and problem.code != "PRINTER_OFFLINE":
            raise DeviceError(problem.code, problem.user_message,
                              f"job {job_id} stopped part way: {problem.detail}")
        if not status.answered:
            raise self._lost(job_id, f"printer stopped answering within {self.job_timeout:.0f} s", sent=True)
        raise DeviceError("PRINTER_JOB_TIMEOUT", MSG_JOB_INTERRUPTED,
                          f"job {job_id} not confirmed within {self.job_timeout:.0f} s (printer reports "
                          f"{status.text})")

    def _check_after(self, link: EscposLink, job_id: str) -> None:
        """Without GS r: the status right after the job must be clean (and the printer still there)."""
        try:
            status = self._query(link)
        except LinkLost as exc:
            raise self._lost(job_id, str(exc), sent=True) from None
        self._apply_status(status, during_job=True)
        if not status.answered:
            raise self._lost(job_id, "no status answer after the job", sent=True)
        problem = status.problem()
        if problem is not None:
            raise DeviceError(problem.code, problem.user_message, f"job {job_id} may be incomplete: {problem.detail}")

    def _lost(self, job_id: str, reason: str, *, sent: bool) -> DeviceError:
        what = "lost mid-job" if sent else "lost before the job was sent"
        if self.target.per_job:
            self._status = self._unreachable(reason)
        else:
            self._lose_port(reason)
        if sent:
            return DeviceError("PRINTER_LOST_MID_JOB", MSG_JOB_INTERRUPTED,
                               f"{self.target.describe()}: job {job_id} {what}: {reason}")
        return DeviceError("PRINTER_OFFLINE" if self.target.per_job else "PRINTER_NOT_CONNECTED",
                           MSG_PRINTER_UNAVAILABLE, f"{self.target.describe()}: job {job_id} {what}: {reason}")

    def diagnostics(self) -> dict[str, Any]:
        facts = super().diagnostics()
        facts.update(url=self.target.describe(), paper_width_mm=self.paper_width_mm, profile=self.profile,
                     encoding=self.encoding, chinese_mode=self.chinese_mode, reads_status=self.reads_status)
        return facts


register_driver("escpos", EscposPrinter.from_config)
