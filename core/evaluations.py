"""好差评 at the counter: the reasons a dissatisfied citizen can tick, recording one evaluation per case of a
service, and the day's summary for a clerk.

The outbox row itself is ``core.sync.record.record_evaluation`` (kind "evaluation", synced by the engine);
this module only adds what any evaluating screen needs around it. A service is tied to its cases by the
ticket: the counter puts ``ticket_id`` on each decision event, so a separate evaluator process that sees the
hall's "finished" event finds the case numbers in the shared store.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from core.cases.model import Case
from core.documents.common import local
from core.errors import ValidationError
from core.storage import Store
from core.sync.record import record_evaluation
from core.sync.wire import EVALUATION_LEVELS

LEVELS = EVALUATION_LEVELS                     # 非常满意 … 非常不满意
DISSATISFIED = frozenset({"不满意", "非常不满意"})
REASONS: tuple[str, ...] = ("等候时间过长", "办理时间过长", "工作人员态度不好", "一次性告知不清楚",
                            "要求提交的材料过多", "办事流程繁琐", "设备或系统故障")
MAX_COMMENT = 500
COUNTER_CHANNEL = "4"       # 好差评 channel code: the evaluator (tablet) at a hall counter
KIOSK_CHANNEL = "5"         # GB/T 39046: 5 = 自助终端


def compose_comment(reasons: Iterable[str], text: str = "") -> str:
    """The wire's single comment field: the ticked reasons, then what the citizen typed."""
    parts = [f"原因：{'、'.join(reasons)}"] if reasons else []
    if text.strip():
        parts.append(f"意见：{text.strip()}")
    return "；".join(parts)[:MAX_COMMENT]


def record_service_evaluation(store: Store, cases: Sequence[Case], *, level: str, reasons: Sequence[str] = (),
                              text: str = "", terminal_id: str, actor: str, at: datetime | None = None,
                              ticket_reference: str = "", channel: str = COUNTER_CHANNEL) -> int:
    """One evaluation per case of the service (一次一评 is keyed on the case number), in one transaction.

    A service that decided no case (a consultation) is evaluated under ``ticket_reference`` (business day
    and ticket number) when given. ``actor`` is the clerk evaluated ("clerk:0231"): the day's summary
    counts by it. ``channel``: where the citizen evaluated (the counter's evaluator by default). Returns the
    rows queued.
    """
    if level not in LEVELS:
        raise ValidationError(f"level {level!r}", code="EVALUATION_LEVEL_INVALID")
    if level in DISSATISFIED and not reasons and not text.strip():
        raise ValidationError("a dissatisfied evaluation needs a reason", code="EVALUATION_REASON_REQUIRED",
                              user_message="请选择不满意的原因。")
    comment = compose_comment(reasons, text) if level in DISSATISFIED else text.strip()[:MAX_COMMENT]
    targets = [(case.case_number, case.case_id) for case in cases]
    if not targets and ticket_reference:
        targets = [(ticket_reference, None)]
    with store.transaction():
        for number, case_id in targets:
            record_evaluation(store, case_number=number, case_id=case_id, level=level,
                              channel=channel, terminal_id=terminal_id, actor=actor, comment=comment, at=at)
    return len(targets)


def cases_of_ticket(store: Store, ticket_id: str, day: date | None = None) -> list[Case]:
    """The cases decided for one ticket (the decision event carries ``ticket_id``), oldest first."""
    found = [case for case in store.cases.list(day, limit=500)
             if any(event.data.get("ticket_id") == ticket_id for event in case.events)]
    return sorted(found, key=lambda case: case.created_at)


def day_summary(store: Store, actor: str, day: date) -> dict[str, int]:
    """How many of each level ``actor`` received on ``day`` (China time), from the audit log."""
    counts: Counter[str] = Counter()
    after = 0
    while True:
        entries = store.audit.entries(after_seq=after, limit=500)
        if not entries:
            break
        for entry in entries:
            if entry.action == "evaluation.record" and entry.actor == actor and local(entry.at).date() == day:
                counts[entry.details.get("level", "")] += 1
        after = entries[-1].seq
    return {level: counts.get(level, 0) for level in LEVELS}
