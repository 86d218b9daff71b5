"""办件进度查询结果: the cases of one citizen, printed from the kiosk's 办件查询 screen.

An information printout, not a decision: it carries no seal place, and says the office's own documents
prevail. The QR code certifies the list as printed (case numbers and states at the time of printing).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from core.cases.model import Case, CaseState
from core.documents.common import PDF, HallInfo, IssuedDocument, cn_datetime, local, masked_applicant, now_utc
from core.documents.keys import SigningKey
from core.documents.pdf_layout import SignOff, build_pdf, field_table, grid_table, heading, para
from core.documents.tokens import DocumentKind, encode_token
from core.identity import Person

TITLE = "办件进度查询结果"


def _progress_text(case: Case) -> str:
    text = case.state.label
    if case.state is CaseState.COMPLETED and case.outcome is not None:
        text += {"issued": "（准予许可）", "denied": "（不予许可）", "voided": "（作废）",
                 "forwarded": "（已转报）"}[case.outcome.value]
    if case.state is CaseState.CORRECTION:
        text += "，请按告知书补齐材料"
    return text


def _short_date(day: date | datetime) -> str:
    """``2026-03-02``: narrow table columns take the numeric form (GB/T 7408) without wrapping."""
    return f"{local(day).date() if isinstance(day, datetime) else day:%Y-%m-%d}"


def _next_date(case: Case) -> str:
    if case.completed_at is not None:
        return f"{_short_date(case.completed_at)}\n已办结"
    if case.promised_date is not None and not case.state.is_final:
        return f"{_short_date(case.promised_date)}\n承诺办结"
    return "—"


def render_progress_summary(cases: Sequence[Case], *, applicant: Person, hall: HallInfo, key: SigningKey,
                            issued_at: datetime | None = None) -> IssuedDocument:
    """All ``cases`` of ``applicant``, newest first. An empty list prints a page saying there are none."""
    issued_at = issued_at or now_utc()
    ordered = sorted(cases, key=lambda c: c.created_at, reverse=True)
    fields = {"applicant": masked_applicant(applicant),
              "cases": "；".join(f"{c.case_number}:{c.state.value}" for c in ordered)}
    token = encode_token(DocumentKind.PROGRESS_SUMMARY, "", issued_at, fields, key)
    story: list[Flowable] = [
        *heading(hall, TITLE, f"查询时间：{cn_datetime(issued_at)}"),
        field_table([("申请人", masked_applicant(applicant)), ("办件数量", f"共 {len(ordered)} 件")]),
        Spacer(0, 4 * mm),
    ]
    if ordered:
        rows = [(str(n), c.case_number, c.item_name, _short_date(c.submitted_at or c.created_at), _progress_text(c),
                 _next_date(c)) for n, c in enumerate(ordered, 1)]
        story.append(grid_table(["序号", "办件编号", "事项名称", "申请日期", "当前状态", "办结时间"], rows,
                                [11, 42, 41, 20, 22, 22], centred=(0, 3, 5), small=True))
    else:
        story.append(para("未查询到您在本系统中的办件记录。通过其他渠道申报的事项，请到综合窗口查询。", "indent"))
    story += [
        Spacer(0, 4 * mm),
        para("说明", "section"),
        para("1. 本查询结果根据打印时本机记录生成，仅供参考，办理结果以办理部门出具的正式文书为准。", "list"),
        para("2. 状态为“待补齐补正”的，请按一次性告知书补齐材料；承诺办结时间不含特别程序所需时间。", "list"),
        para(f"3. 如对办理进度有疑问，请咨询大厅服务台{('（' + hall.phone + '）') if hall.phone else ''}"
             f"或拨打 {hall.supervise_phone} 政务服务便民热线。", "list"),
        Spacer(0, 4 * mm),
        SignOff(token, [hall.name], f"打印时间：{cn_datetime(issued_at)}", caption="扫码核验查询结果", seal=False),
    ]
    content = build_pdf(story, title=TITLE, hall=hall, subject=TITLE)
    return IssuedDocument(DocumentKind.PROGRESS_SUMMARY, content, PDF, token, fields, issued_at)
