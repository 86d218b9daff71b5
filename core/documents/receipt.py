"""受理回执: the acceptance receipt handed over when a case is accepted (including 容缺受理).

It proves the office received the application on a given day and promises a completion date (the clock that
行政许可法 第四十二条 and the item's 承诺时限 run on); it lists what was received, what was reused from
e-licences instead of paper, what is still owed, and how to follow the case.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from core.cases.model import Case, CaseType, MaterialStatus
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
from core.documents.errors import DATA_MISSING, DocumentError
from core.documents.keys import SigningKey
from core.documents.pdf_layout import SignOff, build_pdf, field_table, grid_table, heading, para
from core.documents.tokens import DocumentKind, encode_token

TITLE = "受理回执"


def receipt_fields(case: Case) -> dict[str, str]:
    """The key fields the receipt's QR code hashes: exactly what the receipt prints about the case."""
    return {
        "case_number": case.case_number, "item_code": case.item_code, "item_name": case.item_name,
        "applicant": masked_applicant(case.applicant), "accepted_at": cn_datetime(case.accepted_at),
        "promised_date": cn_date(case.promised_date),
        "materials": "；".join(f"{m.name}:{material_status_text(m)}" for m in case.materials),
    }


def follow_up_lines(case: Case, item: ServiceItem, hall: HallInfo) -> list[str]:
    """How a citizen follows the case: shared by the receipt and the notices."""
    lines = [f"在本大厅自助终端选择“办件查询”，刷身份证或扫描本文书二维码，即可查看办理进度；"
             f"也可凭办件编号 {case.case_number} 到综合窗口查询。",
             f"咨询电话：{item.consult_phone}" + (f"（大厅服务台 {hall.phone}）" if hall.phone else "") + "。"]
    if hall.website:
        lines.append(f"网上查询：登录 {hall.website}，输入办件编号查询。")
    lines.append(f"对办理过程有意见或建议，可拨打监督投诉电话 {item.supervise_phone} 或 {hall.supervise_phone}"
                 " 政务服务便民热线。")
    return lines


def render_acceptance_receipt(case: Case, item: ServiceItem, *, hall: HallInfo, key: SigningKey,
                              department: Department | None = None,
                              issued_at: datetime | None = None) -> IssuedDocument:
    if case.accepted_at is None or case.promised_date is None:
        raise DocumentError(f"case {case.case_number} has no acceptance time or promised date; accept it first",
                            code=DATA_MISSING)
    issued_at = issued_at or now_utc()
    fields = receipt_fields(case)
    token = encode_token(DocumentKind.ACCEPTANCE_RECEIPT, case.case_number, issued_at, fields, key)
    unit = case.accepting_unit or (department.name if department else hall.name)
    number_line = (f"文书编号：{case.acceptance_doc_number}" if case.acceptance_doc_number
                   else f"办件编号：{case.case_number}")

    case_kind = "即办件" if case.case_type is CaseType.IMMEDIATE else "承诺件"
    story: list[Flowable] = [
        *heading(hall, TITLE, number_line),
        para(f"{case.applicant.masked_name}：", "body"),
        para(f"您申请的“{case.item_name}”事项，经审查，申请材料齐全、符合法定形式"
             + ("（部分材料容缺，见下表）" if _has_tolerated(case) else "")
             + "，本单位已予受理。现将受理情况告知如下：", "indent"),
        Spacer(0, 1.5 * mm),
        field_table([
            ("事项名称", f"{case.item_name}（实施编码 {case.item_code}）"),
            ("申请人", masked_applicant(case.applicant)),
            ("受理单位", unit),
            ("受理时间", cn_datetime(case.accepted_at)),
            ("办件类型", f"{case_kind}，承诺时限 {item.limit_label}"),
            ("承诺办结时间", f"{cn_date(case.promised_date)}前（特别程序所需时间不计算在内）"),
        ]),
        Spacer(0, 2 * mm),
        para("申请材料收取情况", "section"),
    ]
    if case.materials:
        rows = [(str(n), m.name, material_status_text(m)) for n, m in enumerate(case.materials, 1)]
        story.append(grid_table(["序号", "材料名称", "收取情况"], rows, [12, 80, 66]))
        if any(m.status is MaterialStatus.ELICENCE for m in case.materials):
            story.append(para("注：电子证照复用的材料已由系统调取核验，无需再提交纸质材料。", "small"))
    else:
        story.append(para("本事项无需提交纸质材料。"))
    # The closing part moves to the next page as a whole rather than leaving the seal block alone there.
    story += [
        Spacer(0, 2 * mm),
        KeepTogether([
            para("如何查询办理进度", "section"),
            *[para(f"{n}. {line}", "list") for n, line in enumerate(follow_up_lines(case, item, hall), 1)],
            Spacer(0, 1 * mm),
            para("本回执仅证明申请已被受理，不作为准予许可的凭证，办理结果以办理部门作出的决定为准。请妥善保管。",
                 "small"),
            Spacer(0, 3 * mm),
            SignOff(token, [unit], cn_date(issued_at)),
        ]),
    ]
    content = build_pdf(story, title=TITLE, hall=hall, subject=f"{TITLE} {case.case_number}")
    return IssuedDocument(DocumentKind.ACCEPTANCE_RECEIPT, content, PDF, token, fields, issued_at)


def _has_tolerated(case: Case) -> bool:
    return any(m.status is MaterialStatus.TOLERATED_MISSING for m in case.materials)
