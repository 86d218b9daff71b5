"""The three notices a clerk or kiosk prints when an application is not simply accepted.

* 补齐补正一次性告知书: 行政许可法 第三十二条第一款第（四）项 — incomplete materials must be listed *all at
  once* (within 5 days, or the application counts as accepted), so the notice lists every missing or wrong
  material of the case in one table.
* 容缺受理通知书: the main materials are complete, secondary ones may follow; the notice states once what is
  missing, the deadline, the consequence of missing it, and carries the applicant's signed commitment
  (the finger signature from the kiosk, drawn in).
* 不予受理通知书: 行政许可法 第三十二条第一款第（二）项 and 第三十八条第二款 — a refusal is written, gives its
  reason and the remedies: 行政复议 within 60 days (行政复议法 第二十条) or 行政诉讼 within 6 months
  (行政诉讼法 第四十六条).
"""

from __future__ import annotations

import io
from datetime import date, datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, KeepTogether, Spacer, Table, TableStyle

from core.cases.model import Case, CaseAction, MaterialStatus
from core.catalog.models import Department, ServiceItem
from core.documents.common import (
    PDF,
    HallInfo,
    IssuedDocument,
    cn_date,
    cn_datetime,
    masked_applicant,
    material_status_text,
    now_utc,
)
from core.documents.errors import DATA_MISSING, SIGNATURE_UNREADABLE, DocumentError
from core.documents.fonts import pdf_font_name
from core.documents.keys import SigningKey
from core.documents.pdf_layout import SignOff, build_pdf, esc, field_table, grid_table, heading, markup, para
from core.documents.receipt import follow_up_lines
from core.documents.tokens import DocumentKind, encode_token

CORRECTION_TITLE = "补齐补正材料一次性告知书"
TOLERANCE_TITLE = "容缺受理通知书"
REFUSAL_TITLE = "不予受理通知书"
DEFAULT_TOLERANCE_CONSEQUENCE = ("逾期未补齐的，本次申请按退件处理；已作出准予许可决定的，依法予以撤销，"
                                 "并按规定记入申请人信用记录。")


def _unit(case: Case, department: Department | None, hall: HallInfo) -> str:
    return case.accepting_unit or (department.name if department else hall.name)


def _last_reason(case: Case, action: CaseAction) -> str:
    event = next((e for e in reversed(case.events) if e.action is action), None)
    return event.reason if event else ""


def _finish(kind: DocumentKind, title: str, case: Case, fields: dict[str, str], story_of, hall: HallInfo,
            key: SigningKey, issued_at: datetime | None) -> IssuedDocument:
    issued_at = issued_at or now_utc()
    token = encode_token(kind, case.case_number, issued_at, fields, key)
    content = build_pdf(story_of(token, issued_at), title=title, hall=hall, subject=f"{title} {case.case_number}")
    return IssuedDocument(kind, content, PDF, token, fields, issued_at)


# --- 补齐补正一次性告知书 ----------------------------------------------------------------------------------

def render_correction_notice(case: Case, item: ServiceItem, *, hall: HallInfo, key: SigningKey,
                             department: Department | None = None, deadline: date | None = None,
                             issued_at: datetime | None = None) -> IssuedDocument:
    """Every material of ``case`` that is MISSING or DEFECTIVE, in one notice. ``deadline`` is the date by
    which the applicant should supply them (local practice; the law sets none)."""
    problems = [m for m in case.materials if m.status in (MaterialStatus.MISSING, MaterialStatus.DEFECTIVE)]
    reason = _last_reason(case, CaseAction.REQUEST_CORRECTION)
    if not problems and not reason:
        raise DocumentError(f"case {case.case_number} has no missing or defective material to notify",
                            code=DATA_MISSING)
    fields = {
        "case_number": case.case_number, "item_name": case.item_name, "applicant": masked_applicant(case.applicant),
        "problems": "；".join(f"{m.name}:{material_status_text(m)}" for m in problems),
        "reason": reason, "deadline": cn_date(deadline) if deadline else "",
    }
    unit = _unit(case, department, hall)
    applied = cn_date(case.submitted_at or case.created_at)

    def story(token: str, issued_at: datetime) -> list[Flowable]:
        parts: list[Flowable] = [
            *heading(hall, CORRECTION_TITLE, f"办件编号：{case.case_number}"),
            para(f"{case.applicant.masked_name}："),
            para(f"您于{applied}申请的“{case.item_name}”事项，经审查，申请材料不齐全或者不符合法定形式。"
                 "根据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，现将需要补齐补正的全部内容"
                 "一次性告知如下：", "indent"),
            Spacer(0, 1.5 * mm),
        ]
        if problems:
            rows = [(str(n), m.name, "缺少，请补交" if m.status is MaterialStatus.MISSING
                     else (m.note or "不符合要求，请重新提交")) for n, m in enumerate(problems, 1)]
            parts.append(grid_table(["序号", "材料名称", "需补齐补正的内容"], rows, [12, 66, 80]))
        if reason:
            parts += [Spacer(0, 1.5 * mm), para(f"审查意见：{reason}", "indent")]
        due = (f"请您于{cn_date(deadline)}前" if deadline else "请您尽快")
        parts += [
            Spacer(0, 2 * mm),
            para(f"{due}将上述材料一并补齐补正，提交至本大厅综合窗口或通过自助终端上传，无需重新取号。"
                 "补齐补正后，本单位将重新审查；逾期未补齐补正且未说明理由的，视为撤回申请，按退件处理。", "indent"),
            para("以上为需补齐补正的全部内容，本单位不再要求提交本告知书以外的材料。", "indent"),
            Spacer(0, 2 * mm),
            para("如何查询办理进度", "section"),
            *[para(f"{n}. {line}", "list") for n, line in enumerate(follow_up_lines(case, item, hall), 1)],
            Spacer(0, 3 * mm),
            SignOff(token, [unit], cn_date(issued_at)),
        ]
        return parts

    return _finish(DocumentKind.CORRECTION_NOTICE, CORRECTION_TITLE, case, fields, story, hall, key, issued_at)


# --- 容缺受理通知书 -------------------------------------------------------------------------------------

def _signature_image(png: bytes) -> Image:
    """The applicant's finger signature, scaled into a 60 x 22 mm box with its aspect ratio kept."""
    from PIL import Image as PilImage
    from PIL import UnidentifiedImageError

    try:
        with PilImage.open(io.BytesIO(png)) as probe:
            probe.load()
            width, height = probe.size
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise DocumentError(f"commitment signature is not a readable image ({len(png)} bytes)",
                            code=SIGNATURE_UNREADABLE) from exc
    scale = min(60 * mm / width, 22 * mm / height)
    return Image(io.BytesIO(png), width=width * scale, height=height * scale, hAlign="LEFT")


def render_tolerance_notice(case: Case, item: ServiceItem, *, hall: HallInfo, key: SigningKey,
                            department: Department | None = None, consequence: str = DEFAULT_TOLERANCE_CONSEQUENCE,
                            commitment_text: str = "", issued_at: datetime | None = None) -> IssuedDocument:
    """The materials accepted as missing (TOLERATED_MISSING, each with its deadline) and the signed
    commitment. ``commitment_text`` is the text the applicant signed (the case keeps only its hash)."""
    tolerated = [m for m in case.materials if m.status is MaterialStatus.TOLERATED_MISSING]
    if not tolerated:
        raise DocumentError(f"case {case.case_number} has no tolerated-missing material", code=DATA_MISSING)
    if case.commitment is None or not case.commitment.signature_png:
        raise DocumentError(f"case {case.case_number} has no signed commitment; 容缺受理 needs one",
                            code=DATA_MISSING)
    signature = _signature_image(case.commitment.signature_png)
    commitment = case.commitment
    fields = {
        "case_number": case.case_number, "item_name": case.item_name, "applicant": masked_applicant(case.applicant),
        "tolerated": "；".join(f"{m.name}:{cn_date(m.deadline) if m.deadline else ''}" for m in tolerated),
        "consequence": consequence, "commitment_sha256": commitment.text_sha256,
        "signed_at": cn_datetime(commitment.signed_at),
    }
    unit = _unit(case, department, hall)
    accepted = cn_date(case.accepted_at) if case.accepted_at else cn_date(case.submitted_at or case.created_at)
    text = commitment_text or ("本人承诺：所提交的申请材料真实、合法、有效；对容缺的申请材料，将在本通知书载明的期限内"
                               "补齐；逾期未补齐的，愿意承担相应的法律责任和信用后果。")

    def story(token: str, issued_at: datetime) -> list[Flowable]:
        rows = [(str(n), m.name, cn_date(m.deadline) if m.deadline else "按承诺期限")
                for n, m in enumerate(tolerated, 1)]
        signed = Table([[markup("申请人签名：", "cell"), signature,
                         para(f"签署时间：{cn_datetime(commitment.signed_at)}", "cell")]],
                       colWidths=[24 * mm, 66 * mm, None], hAlign="LEFT")
        signed.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), pdf_font_name()),
                                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        return [
            *heading(hall, TOLERANCE_TITLE, f"办件编号：{case.case_number}"),
            para(f"{case.applicant.masked_name}："),
            para(f"您申请的“{case.item_name}”事项，主要申请材料齐全、符合法定形式，次要材料暂缺。经您书面承诺，"
                 f"本单位已于{accepted}予以容缺受理。现将需要补交的容缺材料一次性告知如下：", "indent"),
            Spacer(0, 1.5 * mm),
            grid_table(["序号", "容缺材料名称", "补交期限"], rows, [12, 104, 42]),
            Spacer(0, 2 * mm),
            markup(f"<font color='#9b1c1c'>逾期后果：</font>{esc(consequence)}", "indent"),
            para("容缺材料可提交至本大厅综合窗口，或在自助终端“材料补交”中拍摄上传。", "indent"),
            Spacer(0, 2 * mm),
            KeepTogether([
                para("申请人承诺", "section"),
                field_table([("申请人", masked_applicant(case.applicant)), ("承诺内容", text),
                             ("承诺书摘要", f"SHA-256 {commitment.text_sha256[:32]}…")]),
                Spacer(0, 2 * mm),
                signed,
            ]),
            Spacer(0, 3 * mm),
            SignOff(token, [unit], cn_date(issued_at)),
        ]

    return _finish(DocumentKind.TOLERANCE_NOTICE, TOLERANCE_TITLE, case, fields, story, hall, key, issued_at)


# --- 不予受理通知书 -------------------------------------------------------------------------------------

def render_refusal_notice(case: Case, item: ServiceItem, *, hall: HallInfo, key: SigningKey,
                          department: Department | None = None, reason: str = "",
                          issued_at: datetime | None = None) -> IssuedDocument:
    """The reason (``reason``, or the one recorded on the case's REFUSE event) and how to appeal."""
    reason = reason or _last_reason(case, CaseAction.REFUSE)
    if not reason.strip():
        raise DocumentError(f"case {case.case_number} has no refusal reason", code=DATA_MISSING)
    unit = _unit(case, department, hall)
    review_body = hall.review_body or "本级人民政府"
    fields = {"case_number": case.case_number, "item_name": case.item_name,
              "applicant": masked_applicant(case.applicant), "reason": reason, "review_body": review_body}
    applied = cn_date(case.submitted_at or case.created_at)

    def story(token: str, issued_at: datetime) -> list[Flowable]:
        return [
            *heading(hall, REFUSAL_TITLE, f"办件编号：{case.case_number}"),
            para(f"{case.applicant.masked_name}："),
            para(f"您于{applied}提交的“{case.item_name}”事项申请，经审查，本单位决定不予受理。理由如下：",
                 "indent"),
            Spacer(0, 1.5 * mm),
            field_table([("不予受理理由", reason), ("申请人", masked_applicant(case.applicant)),
                         ("事项名称", f"{case.item_name}（实施编码 {case.item_code}）")]),
            Spacer(0, 2 * mm),
            para("依据《中华人民共和国行政许可法》第三十二条、第三十八条的规定，特此书面告知。", "indent"),
            para("权利告知", "section"),
            para(f"如对本决定不服，可以自收到本通知书之日起六十日内，依法向{review_body}申请行政复议；"
                 "或者自收到本通知书之日起六个月内，依法向有管辖权的人民法院提起行政诉讼。", "indent"),
            para("不予受理不影响您在符合条件后重新提出申请。", "indent"),
            Spacer(0, 2 * mm),
            para("咨询与监督", "section"),
            para(f"咨询电话：{item.consult_phone}；监督投诉电话：{item.supervise_phone}；"
                 f"政务服务便民热线：{hall.supervise_phone}。", "list"),
            Spacer(0, 3 * mm),
            SignOff(token, [unit], cn_date(issued_at)),
        ]

    return _finish(DocumentKind.REFUSAL_NOTICE, REFUSAL_TITLE, case, fields, story, hall, key, issued_at)
