"""The print pipeline: documents go to the receipt or the A4 printer, and what does not print waits for a
reprint instead of being lost.

    queue = PrintQueue(store, {RECEIPT: receipt_port, A4: a4_port})     # ports from the composition root
    result = queue.print(ticket)                  # blocks while the printer works: call it off the GUI thread
    if not result.printed:
        show(result.user_message)                 # 打印机暂时无法使用，请用手机拍下屏幕上的二维码，或到服务台领取打印件
    queue.waiting()                               # the technician's / clerk's list
    queue.reprint(job_id, actor="staff:0012")     # later, once paper is back

A printer is anything with ``print_document(content, media_type, job_id)`` that returns once the printer
confirmed the job and raises if it did not (:class:`PrinterPort`; ``devices.printers.port`` adapts the
device layer, which ``core`` never imports). A failure's ``code`` (``PRINTER_PAPER_OUT`` …) and ``detail``
are kept with the job; an exception without a code is recorded as PRINT_FAILED. ESC/POS goes to the
receipt printer, PDF to the A4 printer; a terminal without one queues the document with PRINT_NO_PRINTER.

Never lost: the document is committed to the store (``print_jobs``, sealed with AES-GCM because a licence
carries a name) *before* it is sent, as ``printing``; it becomes ``waiting`` when the job fails, and its
row is deleted once the printer confirmed it. Rows still ``printing`` when the queue is built were cut
off by a crash or power loss; they wait for a reprint (PRINT_INTERRUPTED) — a slip may then print twice,
which is better than a citizen leaving without it. Reprints claim their row atomically
(``printing`` only from ``waiting``), so two clerks pressing the button print it once.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Protocol

from core.documents.common import ESCPOS, PDF, IssuedDocument
from core.documents.tokens import DocumentKind
from core.errors import HalltermError
from core.storage import Store
from core.storage.codec import dt_text, dt_value

log = logging.getLogger(__name__)

RECEIPT = "receipt"
A4 = "a4"
PRINTERS_BY_MEDIA = {ESCPOS: RECEIPT, PDF: A4}
MSG_QUEUED_FOR_REPRINT = "打印机暂时无法使用，请用手机拍下屏幕上的二维码，或到服务台领取打印件"
_MAX_DETAIL = 500


class PrinterPort(Protocol):
    def print_document(self, content: bytes, media_type: str, job_id: str) -> None:
        """Print and return once the printer confirmed it; raise (ideally with ``code``/``detail``) if not."""


class PrintQueueError(HalltermError):
    code = "PRINT_JOB_UNKNOWN"
    user_message = "该打印任务不存在或已处理。"


class PrintOutcome(StrEnum):
    PRINTED = "printed"
    QUEUED_FOR_REPRINT = "queued_for_reprint"


@dataclass(frozen=True)
class PrintResult:
    outcome: PrintOutcome
    job_id: str
    printer: str
    reason_code: str | None = None     # why it did not print (PRINTER_PAPER_OUT …)
    user_message: str | None = None    # what the screen tells the citizen
    detail: str = ""                   # for the technician

    @property
    def printed(self) -> bool:
        return self.outcome is PrintOutcome.PRINTED


@dataclass(frozen=True)
class ReprintEntry:
    """A document waiting for a reprint (its content stays sealed in the store until printed)."""

    job_id: str
    kind: DocumentKind
    media_type: str
    printer: str
    case_id: str | None
    token: str
    attempts: int
    last_error: str | None
    last_detail: str | None
    created_at: datetime
    updated_at: datetime


class PrintQueue:
    def __init__(self, store: Store, printers: Mapping[str, PrinterPort | None], *,
                 routes: Mapping[DocumentKind, str] | None = None,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)):
        """``printers`` by name; ``routes`` picks the printer per document kind (the ``printing.*``
        settings), else the media type does (ESC/POS -> ``receipt``, PDF -> ``a4``)."""
        self._store = store
        self._db = store.db
        self._printers = dict(printers)
        self._routes = dict(routes or {})
        self._clock = clock
        recovered = self.recover_interrupted()
        if recovered:
            log.warning("PRINT_INTERRUPTED: %d document(s) were printing when the terminal stopped; "
                        "they wait for a reprint", recovered)

    # --- printing -------------------------------------------------------------------------------

    def print(self, document: IssuedDocument, *, case_id: str | None = None) -> PrintResult:
        """Print ``document`` now; if that fails it waits for a reprint and the result says why."""
        printer = self._routes.get(document.kind) or PRINTERS_BY_MEDIA.get(document.media_type)
        if printer is None:
            raise ValueError(f"no printer takes {document.media_type!r}")
        job_id = uuid.uuid4().hex
        at = dt_text(self._clock())
        with self._db.transaction() as conn:
            conn.execute(
                "INSERT INTO print_jobs (job_id, kind, media_type, printer, case_id, token, content, state, "
                "attempts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'printing', 0, ?, ?)",
                (job_id, int(document.kind), document.media_type, printer, case_id, document.token,
                 self._store.keys.seal(document.content, aad=job_id), at, at))
        return self._attempt(job_id, printer, document.content, document.media_type)

    def reprint(self, job_id: str, *, actor: str) -> PrintResult:
        """A person prints a waiting document again (audited). PRINT_JOB_UNKNOWN if it is not waiting."""
        with self._db.transaction() as conn:
            row = conn.execute("SELECT printer, media_type, content, kind FROM print_jobs "
                               "WHERE job_id = ? AND state = 'waiting'", (job_id,)).fetchone()
            if row is None:
                raise PrintQueueError(f"print job {job_id} is not waiting for a reprint (printed, discarded, "
                                      "or being printed right now)")
            conn.execute("UPDATE print_jobs SET state = 'printing', updated_at = ? WHERE job_id = ?",
                         (dt_text(self._clock()), job_id))
        printer, media_type, sealed, kind = row
        result = self._attempt(job_id, printer, self._store.keys.open_sealed(sealed, aad=job_id), media_type)
        self._store.audit.append(actor, "print.reprint", job_id, {
            "kind": DocumentKind(kind).name, "printer": printer, "outcome": result.outcome.value,
            "code": result.reason_code or ""})
        return result

    def reprint_waiting(self, *, actor: str, printer: str | None = None) -> list[PrintResult]:
        """Reprint every waiting document (of one printer), oldest first; stops at the first failure,
        since the next would fail the same way."""
        results = []
        for entry in self.waiting(printer):
            try:
                result = self.reprint(entry.job_id, actor=actor)
            except PrintQueueError:
                continue   # someone else printed or discarded it meanwhile
            results.append(result)
            if not result.printed:
                break
        return results

    def _attempt(self, job_id: str, printer: str, content: bytes, media_type: str) -> PrintResult:
        port = self._printers.get(printer)
        if port is None:
            return self._park(job_id, printer, "PRINT_NO_PRINTER", f"this terminal has no {printer} printer")
        try:
            port.print_document(content, media_type, job_id)
        except Exception as exc:
            code = getattr(exc, "code", None)
            if not isinstance(code, str) or not code:
                log.exception("PRINT_FAILED: job %s on %s raised without a code", job_id, printer)
                code = "PRINT_FAILED"
            detail = str(getattr(exc, "detail", "") or exc)
            return self._park(job_id, printer, code, detail)
        with self._db.transaction() as conn:
            conn.execute("DELETE FROM print_jobs WHERE job_id = ?", (job_id,))
        return PrintResult(PrintOutcome.PRINTED, job_id, printer)

    def _park(self, job_id: str, printer: str, code: str, detail: str) -> PrintResult:
        detail = detail[:_MAX_DETAIL]
        with self._db.transaction() as conn:
            conn.execute("UPDATE print_jobs SET state = 'waiting', attempts = attempts + 1, last_error = ?, "
                         "last_detail = ?, updated_at = ? WHERE job_id = ?",
                         (code, detail, dt_text(self._clock()), job_id))
        log.warning("PRINT_QUEUED_FOR_REPRINT: job %s on %s: [%s] %s", job_id, printer, code, detail)
        return PrintResult(PrintOutcome.QUEUED_FOR_REPRINT, job_id, printer, code, MSG_QUEUED_FOR_REPRINT, detail)

    # --- the reprint queue ----------------------------------------------------------------------

    def waiting(self, printer: str | None = None) -> list[ReprintEntry]:
        query = "SELECT * FROM print_jobs WHERE state = 'waiting'"
        params: tuple[str, ...] = ()
        if printer is not None:
            query, params = query + " AND printer = ?", (printer,)
        with self._db.reading() as conn:
            cur = conn.cursor()
            cur.row_factory = sqlite3.Row
            rows = cur.execute(query + " ORDER BY created_at, job_id", params).fetchall()
        return [ReprintEntry(job_id=r["job_id"], kind=DocumentKind(r["kind"]), media_type=r["media_type"],
                             printer=r["printer"], case_id=r["case_id"], token=r["token"], attempts=r["attempts"],
                             last_error=r["last_error"], last_detail=r["last_detail"],
                             created_at=dt_value(r["created_at"]), updated_at=dt_value(r["updated_at"]))
                for r in rows]

    def content(self, job_id: str) -> bytes:
        """The waiting document's bytes (for a preview at the service desk)."""
        with self._db.reading() as conn:
            row = conn.execute("SELECT content FROM print_jobs WHERE job_id = ?", (job_id,)).fetchone()
        if row is None:
            raise PrintQueueError(f"no print job {job_id}")
        return self._store.keys.open_sealed(row[0], aad=job_id)

    def discard(self, job_id: str, *, actor: str, reason: str = "") -> None:
        """A person gave the citizen the document another way (or it is obsolete): drop it (audited)."""
        with self._db.transaction() as conn:
            row = conn.execute("SELECT kind, printer FROM print_jobs WHERE job_id = ? AND state = 'waiting'",
                               (job_id,)).fetchone()
            if row is None:
                raise PrintQueueError(f"print job {job_id} is not waiting for a reprint")
            conn.execute("DELETE FROM print_jobs WHERE job_id = ?", (job_id,))
            self._store.audit.append(actor, "print.discard", job_id, {
                "kind": DocumentKind(row[0]).name, "printer": row[1], "reason": reason[:200]})

    def recover_interrupted(self) -> int:
        """Rows left ``printing`` by a process that stopped mid-print wait for a reprint (PRINT_INTERRUPTED)."""
        with self._db.transaction() as conn:
            return conn.execute(
                "UPDATE print_jobs SET state = 'waiting', last_error = 'PRINT_INTERRUPTED', "
                "last_detail = 'the terminal stopped while this document was printing', updated_at = ? "
                "WHERE state = 'printing'", (dt_text(self._clock()),)).rowcount
