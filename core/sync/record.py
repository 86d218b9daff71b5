"""Local commit first: what a screen calls when a case (or an evaluation) must reach the platform.

``record_case`` writes, in one SQLite transaction (synchronous=FULL, so it survives a power cut once it
returns): the case and its new events, the outbox rows that will carry them to the platform, and one
audit entry. Only then may anything be printed or sent (DESIGN "Sync"). The sync worker picks the rows
up; call ``SyncWorker.nudge()`` afterwards so it does not wait for its next round.

What goes out, by the case's history:

* a draft (暂存) stays local;
* the first time the case is recorded past draft: its material files and signature image (kind
  "attachment", addressed by sha256), then the whole case with its history so far (kind "case", key =
  the case id). The rows carry the case id, so the engine sends the case only after its files;
* afterwards: each new event (kind "case_event", key = the event id) with the case fields it changed.
"""

from __future__ import annotations

import base64
import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from core.cases.model import Case, CaseState
from core.errors import ValidationError
from core.events import CaseStateChanged, EventBus
from core.storage import OutboxRow, Store
from core.sync import errors
from core.sync.errors import SyncError
from core.sync.payloads import case_record, event_record, field_changes
from core.sync.wire import EVALUATION_LEVELS

ATTACHMENT_TYPES = frozenset({"image/jpeg", "image/png", "application/pdf"})
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Attachment:
    """A material file (scan, photo, PDF) or signature image, addressed by its content."""

    sha256: str
    content_type: str
    data: bytes = field(repr=False)

    @classmethod
    def of(cls, data: bytes, content_type: str) -> Attachment:
        if content_type not in ATTACHMENT_TYPES:
            raise ValidationError(f"attachment type {content_type!r} is not one of {sorted(ATTACHMENT_TYPES)}",
                                  code="SYNC_ATTACHMENT_TYPE")
        if len(data) > MAX_ATTACHMENT_BYTES:
            raise ValidationError(f"attachment of {len(data)} bytes exceeds {MAX_ATTACHMENT_BYTES}",
                                  code="SYNC_ATTACHMENT_TOO_LARGE", user_message="文件太大，请重新拍摄或扫描。")
        return cls(sha256=hashlib.sha256(data).hexdigest(), content_type=content_type, data=data)

    def payload(self) -> dict[str, str]:
        return {"sha256": self.sha256, "content_type": self.content_type,
                "data_b64": base64.b64encode(self.data).decode("ascii")}


def attachment_key(sha256: str) -> str:
    """Outbox key of an attachment: one upload per content, whichever cases use it."""
    return f"attachment:{sha256}"


def _files_of(case: Case, given: dict[str, Attachment]) -> dict[str, Attachment | None]:
    needed: dict[str, Attachment | None] = {m.file_sha256: given.get(m.file_sha256)
                                            for m in case.materials if m.file_sha256}
    if case.commitment is not None and case.commitment.signature_png:
        signature = Attachment.of(case.commitment.signature_png, "image/png")
        needed[signature.sha256] = signature
    return needed


def _enqueue_files(store: Store, case: Case, needed: dict[str, Attachment | None]) -> list[OutboxRow]:
    rows = []
    for sha256, attachment in needed.items():
        if store.outbox.get(attachment_key(sha256)) is not None:
            continue   # already uploaded (or queued) for this or another case
        if attachment is None:
            raise SyncError(f"case {case.case_number}: material file {sha256[:12]}… was not passed to record_case",
                            code=errors.ATTACHMENT_MISSING, retryable=False,
                            user_message="材料文件缺失，请重新拍摄或扫描。")
        rows.append(store.outbox.enqueue("attachment", sha256, attachment.payload(), key=attachment_key(sha256),
                                         case_id=case.case_id))
    return rows


def record_case(store: Store, case: Case, actor: str, *, attachments: Iterable[Attachment] = (),
                bus: EventBus | None = None) -> list[OutboxRow]:
    """Commit ``case`` with its outbox rows and an audit entry in one transaction; returns the new rows.

    ``actor`` is who did it ("kiosk:K01", "clerk:0231"): it goes to the audit log, so no personal data.
    Raises StorageError (STORE_CASE_STALE / STORE_CASE_CONFLICT for an outdated or forked copy) or
    SyncError SYNC_ATTACHMENT_MISSING; then nothing at all was written.
    """
    given = {a.sha256: a for a in attachments}
    with store.transaction():
        before = store.cases.get(case.case_id)
        store.cases.save(case)
        known = len(before.events) if before else 0
        new_events = case.events[known:]
        rows: list[OutboxRow] = []
        if case.state is not CaseState.DRAFT:
            needed = _files_of(case, given)
            if store.outbox.get(case.case_id) is None:
                rows += _enqueue_files(store, case, needed)
                rows.append(store.outbox.enqueue("case", case.case_id, case_record(case), key=case.case_id))
            elif new_events:
                rows += _enqueue_files(store, case, needed)
                changes = field_changes(before, case) if before else {}
                for event in new_events:
                    last = event is new_events[-1]
                    rows.append(store.outbox.enqueue("case_event", event.event_id,
                                                     event_record(event, changes if last else None),
                                                     key=event.event_id, case_id=case.case_id))
        store.audit.append(actor, "case.record", case.case_number,
                           {"state": case.state.value, "new_events": len(new_events), "outbox_rows": len(rows)})
    if bus is not None:
        for event in new_events:
            if event.from_state is not event.to_state:
                bus.publish(CaseStateChanged(case_id=case.case_id, case_number=case.case_number,
                                             from_state=event.from_state.value if event.from_state else None,
                                             to_state=event.to_state.value))
    return rows


def record_evaluation(store: Store, *, case_number: str, level: str, channel: str, terminal_id: str, actor: str,
                      comment: str = "", case_id: str | None = None, at: datetime | None = None,
                      evaluation_id: str | None = None) -> OutboxRow:
    """Queue one 好差评 evaluation (``level`` is the label, e.g. "满意") with an audit entry; one transaction.

    The comment is free text a citizen typed and may hold personal data: it travels sealed in the outbox
    and never goes into the audit log.
    """
    if level not in EVALUATION_LEVELS:
        raise ValidationError(f"evaluation level {level!r} is not one of {EVALUATION_LEVELS}",
                              code="EVALUATION_LEVEL_INVALID")
    evaluation_id = evaluation_id or str(uuid.uuid4())
    payload = {"evaluation_id": evaluation_id, "case_number": case_number, "case_id": case_id,
               "terminal_id": terminal_id, "level": level, "level_code": EVALUATION_LEVELS.index(level) + 1,
               "channel": channel, "comment": comment, "evaluated_at": (at or datetime.now(UTC)).isoformat()}
    with store.transaction():
        row = store.outbox.enqueue("evaluation", case_number, payload, key=evaluation_id, case_id=case_id)
        store.audit.append(actor, "evaluation.record", case_number, {"level": level, "channel": channel})
    return row
