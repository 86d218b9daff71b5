"""The case (办件) as the terminal keeps it, after GB/T 39046-2020 tables 5-8.

A ``Case`` is a frozen value. Every change goes through ``core.cases.machine`` which returns a new case
with one more ``CaseEvent``, so the history is never edited and a test can replay it.

Which fields are personal data matters for storage: ``applicant``, ``contact_*``, ``form`` and the
signature image are encrypted at rest and purged after retention; the rest (numbers, item, states, dates,
material statuses, events) is not personal and stays queryable.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from core.identity import Person


class CaseState(StrEnum):
    """States reconciled from provincial systems (shared/domain/case-and-item-model.md)."""

    DRAFT = "draft"                  # 暂存
    SUBMITTED = "submitted"          # 申报
    PRE_REVIEW = "pre_review"        # 预审
    CORRECTION = "correction"        # 补齐补正 (one-time notice issued; waiting for the applicant)
    ACCEPTED = "accepted"            # 受理
    NOT_ACCEPTED = "not_accepted"    # 不予受理 (final)
    RETURNED = "returned"            # 退件 (correction deadline missed, or withdrawn; final)
    PROCESSING = "processing"        # 办理 (承办 / 审核 / 批准 steps)
    SUSPENDED = "suspended"          # 特别程序 (延长审批, 听证, 检测 ...): the promised-date clock pauses
    COMPLETED = "completed"          # 办结 (with an outcome)
    DELIVERED = "delivered"          # 领证 / 寄递 (final)

    @property
    def label(self) -> str:
        return _STATE_LABELS[self]

    @property
    def is_final(self) -> bool:
        return self in (CaseState.NOT_ACCEPTED, CaseState.RETURNED, CaseState.DELIVERED)


_STATE_LABELS = {
    CaseState.DRAFT: "暂存", CaseState.SUBMITTED: "已申报", CaseState.PRE_REVIEW: "预审中",
    CaseState.CORRECTION: "待补齐补正", CaseState.ACCEPTED: "已受理", CaseState.NOT_ACCEPTED: "不予受理",
    CaseState.RETURNED: "已退件", CaseState.PROCESSING: "办理中", CaseState.SUSPENDED: "特别程序中",
    CaseState.COMPLETED: "已办结", CaseState.DELIVERED: "已领证",
}


class Outcome(StrEnum):
    """办结结果 (GB/T 39046 table 8)."""

    ISSUED = "issued"          # 出证办结 / 准予许可
    DENIED = "denied"          # 不予许可
    VOIDED = "voided"          # 作废
    FORWARDED = "forwarded"    # 转报


class Channel(StrEnum):
    """申报来源 / 渠道."""

    KIOSK = "kiosk"        # 自助终端
    COUNTER = "counter"    # 窗口


class CaseType(StrEnum):
    """办件类型."""

    IMMEDIATE = "1"   # 即办件
    PROMISED = "2"    # 承诺件


class MaterialStatus(StrEnum):
    ORIGINAL = "original"              # 原件已收
    COPY = "copy"                      # 复印件已收
    ELICENCE = "elicence"              # 电子证照复用
    UPLOADED = "uploaded"              # 自助终端拍摄/上传
    TOLERATED_MISSING = "tolerated"    # 容缺: missing, allowed, due by ``deadline``
    MISSING = "missing"                # 缺少 (listed in the one-time notice)
    DEFECTIVE = "defective"            # 有误 / 不符合要求 (listed in the one-time notice)

    @property
    def is_received(self) -> bool:
        return self in (MaterialStatus.ORIGINAL, MaterialStatus.COPY, MaterialStatus.ELICENCE,
                        MaterialStatus.UPLOADED)


@dataclass(frozen=True)
class MaterialRecord:
    code: str                          # the catalogue's material code
    name: str
    status: MaterialStatus
    count: int = 0
    received_at: datetime | None = None
    file_sha256: str | None = None     # an attachment, addressed by content
    licence_number: str | None = None  # the reused e-licence
    deadline: date | None = None       # for TOLERATED_MISSING
    note: str = ""                     # what is wrong, for DEFECTIVE


@dataclass(frozen=True)
class Commitment:
    """告知承诺: the text the applicant agreed to and their finger signature (personal data)."""

    text_sha256: str
    signed_at: datetime
    signature_png: bytes = b""


@dataclass(frozen=True)
class Licence:
    name: str
    number: str
    valid_from: date
    valid_to: date | None


class CaseAction(StrEnum):
    CREATE = "create"
    SUBMIT = "submit"              # 申报
    PRE_REVIEW = "pre_review"      # 预审
    REQUEST_CORRECTION = "request_correction"  # 补齐补正 one-time notice
    RESUBMIT = "resubmit"          # materials supplied after a correction notice
    RETURN = "return"              # 退件
    ACCEPT = "accept"              # 受理 (including 容缺受理)
    REFUSE = "refuse"              # 不予受理
    START_PROCESSING = "start_processing"
    STEP = "step"                  # 承办 / 审核 / 批准: 通过 or 退回, no state change
    SUSPEND = "suspend"            # 特别程序 start
    RESUME = "resume"              # 特别程序 end
    COMPLETE = "complete"          # 办结
    DELIVER = "deliver"            # 领证 / 寄递
    NOTE = "note"                  # anything else worth the history (evaluation received, reprint ...)


@dataclass(frozen=True)
class CaseEvent:
    """One line of a case's history: who did what, when and why."""

    event_id: str
    case_id: str
    seq: int
    action: CaseAction
    from_state: CaseState | None
    to_state: CaseState
    actor: str                     # "kiosk:K01", "clerk:0231", "central", "system"
    at: datetime
    reason: str = ""
    data: dict[str, Any] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class Case:
    case_id: str                   # client UUID: also the idempotency key for sync
    case_number: str               # 办件编号, unique across terminals (see core.cases.numbering)
    item_code: str                 # 实施编码
    item_name: str
    case_type: CaseType
    channel: Channel
    region_code: str               # 行政区划
    terminal_id: str
    created_at: datetime
    applicant: Person
    state: CaseState = CaseState.DRAFT
    bundle_code: str | None = None
    contact_name: str = ""
    contact_phone: str = ""
    contact_address: str = ""
    form: dict[str, Any] = field(default_factory=dict, hash=False)
    materials: tuple[MaterialRecord, ...] = ()
    commitment: Commitment | None = None
    submitted_at: datetime | None = None
    accepted_at: datetime | None = None
    accepting_unit: str = ""       # 受理单位
    acceptance_doc_number: str = ""  # 受理文书编号
    promised_date: date | None = None
    completed_at: datetime | None = None
    outcome: Outcome | None = None
    licence: Licence | None = None
    events: tuple[CaseEvent, ...] = ()

    @staticmethod
    def new_id() -> str:
        return str(uuid.uuid4())

    @property
    def last_event(self) -> CaseEvent | None:
        return self.events[-1] if self.events else None

    @property
    def missing_materials(self) -> tuple[MaterialRecord, ...]:
        return tuple(m for m in self.materials if not m.status.is_received)

    def with_changes(self, **changes: Any) -> Case:
        return replace(self, **changes)

    def __repr__(self) -> str:  # the applicant's repr is masked; keep the rest short for logs
        return f"Case({self.case_number}, item={self.item_code}, state={self.state.value})"
