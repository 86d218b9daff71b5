"""The licence printed on the spot after an instant approval (秒批), e.g. a 公共场所卫生许可证.

The values come from the case: the licence (name, number, validity) set by the approval, the business the
form describes (name, credit code, address, category) and the implementing department as the issuing
authority. The QR code is what a market inspector scans to check the certificate on the wall offline.
"""

from __future__ import annotations

from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from core.cases.model import Case
from core.catalog.models import Department, ServiceItem
from core.documents.common import PDF, HallInfo, IssuedDocument, cn_date, now_utc
from core.documents.errors import DATA_MISSING, DocumentError
from core.documents.keys import SigningKey
from core.documents.pdf_layout import Heavy, SignOff, build_pdf, field_table, para
from core.documents.tokens import DocumentKind, encode_token


def licence_fields(case: Case, item: ServiceItem, department: Department) -> dict[str, str]:
    """What the licence certifies, from the case. Raises DocumentError if the case carries no licence."""
    licence = case.licence
    if licence is None:
        raise DocumentError(f"case {case.case_number} has no licence to print", code=DATA_MISSING)
    form = case.form
    holder = str(form.get("business_name") or case.applicant.name)
    # 许可项目: what the business may run, from the form's category choice (场所类别 for public venues).
    scope = str(form.get("licence_scope") or form.get("venue_category") or item.licence_name or item.name)
    valid_to = cn_date(licence.valid_to) if licence.valid_to else "长期"
    return {
        "licence_name": licence.name, "licence_number": licence.number, "holder": holder,
        "uscc": str(form.get("business_uscc") or ""),
        "responsible": case.applicant.name,
        "address": str(form.get("business_address") or case.contact_address),
        "scope": scope, "valid": f"{cn_date(licence.valid_from)}至{valid_to}",
        "authority": department.name, "case_number": case.case_number,
    }


def render_licence(case: Case, item: ServiceItem, *, department: Department, hall: HallInfo, key: SigningKey,
                   issued_at: datetime | None = None) -> IssuedDocument:
    fields = licence_fields(case, item, department)
    issued_at = issued_at or now_utc()
    token = encode_token(DocumentKind.LICENCE, case.case_number, issued_at, fields, key)
    rows = [("单位名称", fields["holder"])]
    if fields["uscc"]:
        rows.append(("统一社会信用代码", fields["uscc"]))
    rows += [
        ("法定代表人（负责人）", fields["responsible"]),
        ("地址", fields["address"]),
        ("许可项目", fields["scope"]),
        ("有效期限", fields["valid"]),
        ("办件编号", case.case_number),
    ]
    story: list[Flowable] = [
        Spacer(0, 12 * mm),
        Heavy(fields["licence_name"], size=30, min_size=20, space_after=6 * mm),
        para(f"编号：{fields['licence_number']}", "licence_number"),
        Spacer(0, 10 * mm),
        field_table(rows, label_width=50 * mm, style="licence"),
        Spacer(0, 8 * mm),
        para("本许可证经审批系统按规则核验后当场打印。以告知承诺方式取得的，发证机关将依法开展核查，"
             "承诺内容不实的，依法撤销许可。请将本证悬挂于经营场所醒目位置，有效期届满30日前申请延续。", "indent"),
        Spacer(0, 12 * mm),
        SignOff(token, [f"发证机关：{department.name}"], f"发证日期：{cn_date(issued_at)}",
                caption="扫码核验许可证真伪"),
    ]
    content = build_pdf(story, title=fields["licence_name"], hall=hall, border=True, top_margin=22 * mm,
                        subject=f"{fields['licence_name']} {fields['licence_number']}")
    return IssuedDocument(DocumentKind.LICENCE, content, PDF, token, fields, issued_at)
