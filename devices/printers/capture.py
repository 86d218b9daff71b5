"""The capture printer: a loopback peer that takes raw ESC/POS like a network printer on port 9100 (or a
serial printer on a pty) and keeps every job, for tests and for the ``--demo`` receipt printer.

It speaks the status protocol the ``escpos`` driver relies on (``devices.printers.escpos_status``):

* ``DLE EOT n`` is answered at once, wherever it appears in the stream, with the bytes of the current
  status (``set_status("paper_out")`` …), as a real printer does;
* ``GS r 1`` at the end of what the host sent is answered once the "printer" could print it (status ok),
  and closes the job; with paper out or the cover open it stays unanswered, like a real printer that
  waits for a person. ``silent=True`` answers nothing at all (a printer without status support).

Faults for tests: ``drop_next_job_after(n)`` resets the connection once n job bytes have arrived;
``paper_out_after(n)`` runs out of paper part way through a job.

A job is what the host sent between its status queries: leading ``DLE EOT`` queries and the trailing
``GS r 1`` are taken off, so ``CapturedJob.data`` is exactly the document. A connection that carried only
queries (a health check) leaves no job. :class:`CaptureStore` keeps the last ``keep`` jobs for a demo
window, which can draw them with ``core.documents.escpos_preview`` (``media_type`` says PDF or ESC/POS).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import select
import socket
import struct
import threading
import time
import tty
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from devices.printers.codes import PrinterStatus
from devices.printers.escpos_status import PAPER_ACK_QUERY, REALTIME_QUERY, encode_ack, encode_status

log = logging.getLogger(__name__)

STATUSES: dict[str, PrinterStatus] = {
    "ok": PrinterStatus(),
    "paper_low": PrinterStatus(paper_low=True, reasons=("paper_low",)),
    "paper_out": PrinterStatus(paper_out=True, offline=True, reasons=("paper_out",)),
    "cover_open": PrinterStatus(cover_open=True, offline=True, reasons=("cover_open",)),
    "offline": PrinterStatus(offline=True, reasons=("offline",)),
    "cutter_error": PrinterStatus(hw_error=True, offline=True, reasons=("cutter_error",)),
}
_LEADING_QUERIES = re.compile(rb"\A(?:\x10\x04[\x01-\x04])+")
_TRAILING_QUERIES = re.compile(rb"(?:\x10\x04[\x01-\x04]|\x1d\x72\x01)+\Z")
_POLL = 0.05


@dataclass(frozen=True)
class CapturedJob:
    number: int
    data: bytes = field(repr=False)
    received_at: datetime
    acknowledged: bool          # the capture confirmed it (answered GS r 1): it "printed"
    dropped: bool = False       # the capture cut the connection part way through

    @property
    def media_type(self) -> str:
        return "application/pdf" if self.data.startswith(b"%PDF-") else "application/vnd.escpos"


class CaptureStore:
    """Thread-safe list of the captured jobs (the last ``keep``), with a bounded wait for tests."""

    def __init__(self, keep: int = 100):
        self.keep = keep
        self._jobs: list[CapturedJob] = []
        self._count = 0
        self._cond = threading.Condition()
        self._subscribers: list[Callable[[CapturedJob], None]] = []

    def add(self, data: bytes, *, acknowledged: bool, dropped: bool = False) -> CapturedJob:
        with self._cond:
            self._count += 1
            job = CapturedJob(self._count, bytes(data), datetime.now(UTC), acknowledged, dropped)
            self._jobs = [*self._jobs, job][-self.keep:]
            subscribers = list(self._subscribers)
            self._cond.notify_all()
        for subscriber in subscribers:
            try:
                subscriber(job)
            except Exception:
                log.exception("CAPTURE_SUBSCRIBER_FAILED")
        return job

    def jobs(self) -> list[CapturedJob]:
        with self._cond:
            return list(self._jobs)

    def wait_for(self, count: int = 1, timeout: float = 5.0) -> list[CapturedJob]:
        """The jobs once there are at least ``count``; TimeoutError after ``timeout`` seconds."""
        with self._cond:
            if not self._cond.wait_for(lambda: len(self._jobs) >= count, timeout):
                raise TimeoutError(f"capture printer: {len(self._jobs)} of {count} jobs within {timeout} s")
            return list(self._jobs)

    def clear(self) -> None:
        with self._cond:
            self._jobs = []

    def subscribe(self, callback: Callable[[CapturedJob], None]) -> Callable[[], None]:
        """``callback(job)`` for each new job (on the capture's thread); returns the unsubscribe function."""
        with self._cond:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._cond:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe


class _Session:
    """One host's stream: answers queries, cuts it into jobs. Runs on the capture's thread only."""

    def __init__(self, printer: CapturePrinter):
        self.printer = printer
        self.raw = bytearray()
        self.scan = 0

    def job_bytes(self) -> bytes:
        return _TRAILING_QUERIES.sub(b"", _LEADING_QUERIES.sub(b"", bytes(self.raw)))

    def feed(self, chunk: bytes) -> bytes:
        self.raw += chunk
        status, answers = self.printer.reading()
        replies = bytearray()
        end = self.scan
        for match in REALTIME_QUERY.finditer(self.raw, self.scan):
            replies.append(encode_status(status)[match[0][2] - 1])
            end = match.end()
        self.scan = max(end, len(self.raw) - 2)   # a query split across two reads is found next time
        self.printer.after_bytes(len(_LEADING_QUERIES.sub(b"", bytes(self.raw))))
        return bytes(replies) if answers else b""

    def idle(self) -> bytes:
        """Called when the host has gone quiet: confirm a job that ends in GS r 1, if it could print."""
        if not self.raw.endswith(PAPER_ACK_QUERY):
            return b""
        status, answers = self.printer.reading()
        if not answers or status.problem() is not None:
            return b""
        self.finish(acknowledged=True)
        return encode_ack(status)

    def finish(self, *, acknowledged: bool = False, dropped: bool = False) -> None:
        data = self.job_bytes()
        self.raw, self.scan = bytearray(), 0
        if data:
            self.printer.store.add(data, acknowledged=acknowledged, dropped=dropped)


class CapturePrinter:
    """The capture peer. ``start_tcp()`` or ``start_pty()`` returns the URL the ``escpos`` driver opens."""

    def __init__(self, store: CaptureStore | None = None, *, status: str | PrinterStatus = "ok",
                 silent: bool = False):
        self.store = store or CaptureStore()
        self._lock = threading.Lock()
        self._status = STATUSES[status] if isinstance(status, str) else status
        self._silent = silent
        self._drop_after: int | None = None
        self._paper_out_after: int | None = None
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self._listener: socket.socket | None = None
        self._pty: tuple[int, int] | None = None
        self._pty_link: str | None = None
        self.url = ""
        self.connections = 0

    # --- control (any thread) -------------------------------------------------------------------

    def set_status(self, status: str | PrinterStatus) -> None:
        with self._lock:
            self._status = STATUSES[status] if isinstance(status, str) else status

    def set_silent(self, silent: bool) -> None:
        with self._lock:
            self._silent = silent

    def drop_next_job_after(self, n_bytes: int) -> None:
        with self._lock:
            self._drop_after = n_bytes

    def paper_out_after(self, n_bytes: int) -> None:
        with self._lock:
            self._paper_out_after = n_bytes

    def reading(self) -> tuple[PrinterStatus, bool]:
        with self._lock:
            return self._status, not self._silent

    def after_bytes(self, job_bytes: int) -> None:
        with self._lock:
            if self._paper_out_after is not None and job_bytes >= self._paper_out_after:
                self._paper_out_after = None
                self._status = STATUSES["paper_out"]

    def _take_drop(self, job_bytes: int) -> bool:
        with self._lock:
            if self._drop_after is not None and job_bytes >= self._drop_after:
                self._drop_after = None
                return True
            return False

    # --- start / stop ---------------------------------------------------------------------------

    def start_tcp(self, host: str = "127.0.0.1", port: int = 0) -> str:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind((host, port))
        listener.listen(4)
        self._listener = listener
        self.url = f"tcp://{host}:{listener.getsockname()[1]}"
        self._start(self._serve_tcp, "tcp")
        return self.url

    def start_pty(self, link: str | None = None) -> str:
        """Serve on a pseudo-terminal; ``link`` gives it a stable path (a symlink), so a printer "plugged
        back in" after ``stop()`` appears where the driver looks for it."""
        master, slave = os.openpty()
        tty.setraw(master)
        tty.setraw(slave)   # no echo, no line editing: bytes pass untouched
        # The slave stays open here too: with no slave open, reading the master fails with EIO at once.
        self._pty = (master, slave)
        path = os.ttyname(slave)
        if link:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(link)
            os.symlink(path, link)
            self._pty_link = link
            path = link
        self.url = f"serial://{path}?baudrate=115200&dsrdtr=0"
        self._start(self._serve_pty, "pty")
        return self.url

    def _start(self, target: Callable[[], None], mode: str) -> None:
        self._thread = threading.Thread(target=target, name=f"device-capture-{mode}", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(5.0)
            self._thread = None
        if self._listener is not None:
            self._listener.close()
            self._listener = None
        if self._pty is not None:
            for fd in self._pty:
                with contextlib.suppress(OSError):
                    os.close(fd)
            self._pty = None
        if self._pty_link is not None:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(self._pty_link)
            self._pty_link = None

    def __enter__(self) -> CapturePrinter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # --- the serving thread ---------------------------------------------------------------------

    def _serve_tcp(self) -> None:
        assert self._listener is not None
        while not self._stopping.is_set():
            ready, _, _ = select.select([self._listener], [], [], _POLL)
            if ready:
                conn, _ = self._listener.accept()
                self.connections += 1
                try:
                    self._serve_connection(conn)
                finally:
                    conn.close()

    def _serve_connection(self, conn: socket.socket) -> None:
        """One host at a time, as a printer's raw port serves them."""
        session = _Session(self)
        while not self._stopping.is_set():
            ready, _, _ = select.select([conn], [], [], _POLL)
            if not ready:
                self._send(conn.sendall, session.idle())
                continue
            try:
                chunk = conn.recv(65536)
            except OSError:
                chunk = b""
            if not chunk:
                break
            self._send(conn.sendall, session.feed(chunk))
            if self._take_drop(len(session.job_bytes())):
                # SO_LINGER 0: close with a reset, as a printer that loses power mid-job looks to the host.
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                session.finish(dropped=True)
                return
        session.finish()

    def _serve_pty(self) -> None:
        assert self._pty is not None
        master = self._pty[0]
        session = _Session(self)
        while not self._stopping.is_set():
            ready, _, _ = select.select([master], [], [], _POLL)
            if not ready:
                self._send(lambda data: os.write(master, data), session.idle())
                continue
            try:
                chunk = os.read(master, 65536)
            except OSError:
                time.sleep(_POLL)
                continue
            self._send(lambda data: os.write(master, data), session.feed(chunk))
        session.finish()

    @staticmethod
    def _send(send: Callable[[bytes], object], data: bytes) -> None:
        if data:
            with contextlib.suppress(OSError):
                send(data)
