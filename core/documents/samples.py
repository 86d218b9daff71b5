"""One of each document, from fictional demo cases: ``main.py documents samples OUTDIR``.

The cases run through the real state machine on items of the seed catalogue, so the samples show what a
terminal prints; tests render the same cases. Names, numbers and addresses are invented (the ID number has
a valid check character so validation passes, and belongs to nobody).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from core.cases import machine
from core.cases.model import Case, CaseAction, Channel, Commitment, Licence, MaterialRecord, MaterialStatus
from core.catalog import Catalog, WorkingCalendar, default_calendar_dir, default_catalog_dir, load_catalog
from core.catalog.models import ServiceItem
from core.documents.common import HallInfo, IssuedDocument
from core.documents.escpos_preview import preview_png
from core.documents.keys import SigningKey
from core.documents.licence import render_licence
from core.documents.notices import render_correction_notice, render_refusal_notice, render_tolerance_notice
from core.documents.progress import render_progress_summary
from core.documents.raster import pdf_pages_to_png
from core.documents.receipt import render_acceptance_receipt
from core.documents.ticket import PAPER_DOTS, TicketData, render_ticket
from core.identity import Gender, IdentitySource, Person, id_check_char

SAMPLE_KEY_FILE = "sample-signing-key.pem"
PUBLIC_KEY_FILE = "sample-public-key.txt"
TOKENS_FILE = "tokens.txt"
PREVIEW_DPI = 100

HYGIENE_ITEM = "430102WJ000101"     # 公共场所卫生许可证核发（新办）: 即办件, 秒批, 容缺 materials
SIGNBOARD_ITEM = "430102CG000101"   # 户外招牌设置: 承诺件 with a long name
T0 = datetime(2026, 3, 2, 1, 30, tzinfo=UTC)   # 09:30 China time, a working Monday
LONG_ADDRESS = ("湖南省长沙市芙蓉区五一大道与韶山北路交汇处东北角芙蓉华府小区7栋2单元1楼103号门面"
                "（原芙蓉区便民服务站东侧，临街第二间）")

SAMPLE_HALL = HallInfo(name="长沙市芙蓉区政务服务中心", phone="0731-84110000",
                       address="长沙市芙蓉区五一大道1号", website="https://zwfw.example.gov.cn",
                       review_body="长沙市芙蓉区人民政府", terminal_label="自助终端 K01")


def sample_person() -> Person:
    first17 = "43010219850715001"
    return Person(name="李明华", id_number=first17 + id_check_char(first17), source=IdentitySource.CARD,
                  gender=Gender.MALE, nation="汉", birth_date=date(1985, 7, 15), address=LONG_ADDRESS,
                  phone="13800001234", authority="长沙市公安局芙蓉分局")


def sample_signature_png() -> bytes:
    """A made-up scrawl on a transparent background, as the kiosk's signature pad delivers."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (600, 200), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    strokes = [[(40, 140), (80, 60), (110, 150), (150, 70), (170, 120)],
               [(200, 60), (230, 150), (260, 90), (300, 140), (340, 70)],
               [(370, 120), (420, 80), (470, 130), (520, 90), (560, 110)]]
    for stroke in strokes:
        draw.line(stroke, fill=(20, 30, 90, 255), width=7, joint="curve")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


@dataclass(frozen=True)
class SampleCases:
    catalog: Catalog
    hall: HallInfo
    accepted: Case        # 承诺件 accepted with an e-licence reused and one material tolerated
    correction: Case      # 补齐补正: one material missing, one defective
    refused: Case         # 不予受理
    instant: Case         # 秒批 with a tolerated material and the signed commitment; carries the licence
    applicant: Person

    def item(self, case: Case) -> ServiceItem:
        return self.catalog.item(case.item_code)


def _new_case(item: ServiceItem, seq: int, at: datetime, applicant: Person, materials: tuple[MaterialRecord, ...],
              **fields) -> Case:
    case = machine.new_case(
        actor="kiosk:K01", at=at, case_id=Case.new_id(), case_number=f"430102{at:%Y%m%d}K01{seq:05d}",
        item_code=item.implementation_code, item_name=item.name, case_type=item.case_type, channel=Channel.KIOSK,
        region_code="430102", terminal_id="K01", created_at=at, applicant=applicant, contact_name=applicant.name,
        contact_phone=applicant.phone, contact_address=applicant.address, materials=materials, **fields)
    return machine.submit(case, actor="kiosk:K01", at=at + timedelta(minutes=2))


def sample_cases(catalog: Catalog | None = None, hall: HallInfo = SAMPLE_HALL) -> SampleCases:
    catalog = catalog or load_catalog(default_catalog_dir())
    calendar = WorkingCalendar.from_directory(default_calendar_dir())
    person = sample_person()
    signboard, hygiene = catalog.item(SIGNBOARD_ITEM), catalog.item(HYGIENE_ITEM)
    signboard_unit = catalog.department_of(signboard).name
    business = {"business_name": "芙蓉区明华便民理发店", "business_uscc": "92430102MA4Q8K2X3L",
                "business_address": LONG_ADDRESS}

    accepted = _new_case(signboard, 42, T0, person, (
        MaterialRecord("business_licence", "营业执照", MaterialStatus.ELICENCE, licence_number="92430102MA4Q8K2X3L"),
        MaterialRecord("idcard", "法定代表人（负责人）居民身份证", MaterialStatus.ELICENCE),
        MaterialRecord("premises_proof", "经营场所使用证明（房屋所有权证或租赁合同）", MaterialStatus.COPY, 1),
        MaterialRecord("signboard_design", "招牌设计效果图（标明尺寸、材质、文字）", MaterialStatus.UPLOADED, 2),
        MaterialRecord("signboard_safety_commitment", "招牌安全承诺书", MaterialStatus.TOLERATED_MISSING,
                       deadline=date(2026, 3, 16)),
    ), form=dict(business))
    accepted = machine.accept(accepted, actor="kiosk:K01", at=T0 + timedelta(minutes=5), calendar=calendar,
                              promised=signboard.promised_limit, unit=signboard_unit)

    correction = _new_case(signboard, 43, T0 + timedelta(hours=1), person, (
        MaterialRecord("business_licence", "营业执照", MaterialStatus.ELICENCE, licence_number="92430102MA4Q8K2X3L"),
        MaterialRecord("premises_proof", "经营场所使用证明（房屋所有权证或租赁合同）", MaterialStatus.MISSING),
        MaterialRecord("signboard_design", "招牌设计效果图（标明尺寸、材质、文字）", MaterialStatus.DEFECTIVE,
                       note="效果图未标明招牌尺寸和材质，请标注后重新提交"),
    ), form=dict(business))
    correction = machine.apply(correction, CaseAction.REQUEST_CORRECTION, actor="clerk:0231",
                               at=T0 + timedelta(hours=1, minutes=10),
                               reason="经营场所使用证明缺失，招牌设计效果图内容不完整。")

    refused = _new_case(signboard, 44, T0 + timedelta(hours=2), person, (
        MaterialRecord("business_licence", "营业执照", MaterialStatus.ELICENCE, licence_number="92430102MA4Q8K2X3L"),
    ), form=dict(business))
    refused = machine.apply(refused, CaseAction.REFUSE, actor="clerk:0231", at=T0 + timedelta(hours=2, minutes=8),
                            reason="申请设置招牌的位置不在申请人的经营场所范围内，不符合本事项“招牌设在自己的"
                                   "经营场所上”的受理条件。")

    signed_at = T0 + timedelta(days=1, minutes=3)
    instant = _new_case(hygiene, 7, T0 + timedelta(days=1), person, (
        MaterialRecord("business_licence", "营业执照", MaterialStatus.ELICENCE, licence_number="92430102MA4Q8K2X3L"),
        MaterialRecord("idcard", "法定代表人（负责人）居民身份证", MaterialStatus.ELICENCE),
        MaterialRecord("hygiene_rules", "公共场所卫生管理制度", MaterialStatus.UPLOADED, 1),
        MaterialRecord("floor_plan", "经营场所平面布局图", MaterialStatus.UPLOADED, 1),
        MaterialRecord("staff_health_certs", "从业人员健康合格证明", MaterialStatus.UPLOADED, 3),
        MaterialRecord("hygiene_report", "公共场所卫生检测（评价）报告", MaterialStatus.TOLERATED_MISSING,
                       deadline=date(2026, 4, 2)),
        MaterialRecord("commitment", "告知承诺书", MaterialStatus.UPLOADED, 1),
    ), form={**business, "venue_category": "理发店", "business_area": 45.5, "staff_count": 3},
        commitment=Commitment(text_sha256="3f6c0e9d2b7a41c58e0f9a6d1c2b3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d",
                              signed_at=signed_at, signature_png=sample_signature_png()))
    approved_at = T0 + timedelta(days=1, minutes=4)
    licence = Licence(name=hygiene.licence_name or "公共场所卫生许可证", number="湘卫公证字〔2026〕第430102000007号",
                      valid_from=date(2026, 3, 3), valid_to=date(2030, 3, 2))
    instant = machine.instant_approve(instant, actor="kiosk:K01", at=approved_at, licence=licence,
                                      unit=catalog.department_of(hygiene).name)
    return SampleCases(catalog, hall, accepted, correction, refused, instant, person)


def sample_ticket(hall: HallInfo = SAMPLE_HALL) -> TicketData:
    return TicketData(number="A012", service="公共场所卫生许可证核发（新办）", waiting_ahead=5,
                      estimated_wait_minutes=15, issued_at=T0 - timedelta(minutes=20), hall_name=hall.name)


def sample_documents(key: SigningKey, cases: SampleCases | None = None) -> dict[str, IssuedDocument]:
    """Every document kind, keyed by the file stem it is saved under."""
    s = cases or sample_cases()
    hall, catalog = s.hall, s.catalog
    later = timedelta(minutes=1)
    instant_item = s.item(s.instant)
    return {
        "acceptance-receipt": render_acceptance_receipt(s.accepted, s.item(s.accepted), hall=hall, key=key,
                                                        issued_at=s.accepted.accepted_at + later),
        "correction-notice": render_correction_notice(s.correction, s.item(s.correction), hall=hall, key=key,
                                                      department=catalog.department_of(s.correction.item_code),
                                                      deadline=date(2026, 3, 13),
                                                      issued_at=s.correction.last_event.at + later),
        "tolerance-notice": render_tolerance_notice(s.instant, instant_item, hall=hall, key=key,
                                                    issued_at=s.instant.accepted_at + later),
        "refusal-notice": render_refusal_notice(s.refused, s.item(s.refused), hall=hall, key=key,
                                                department=catalog.department_of(s.refused.item_code),
                                                issued_at=s.refused.last_event.at + later),
        "licence": render_licence(s.instant, instant_item, department=catalog.department_of(instant_item),
                                  hall=hall, key=key, issued_at=s.instant.completed_at + later),
        "progress-summary": render_progress_summary([s.accepted, s.correction, s.refused, s.instant],
                                                    applicant=s.applicant, hall=hall, key=key,
                                                    issued_at=T0 + timedelta(days=2)),
        "ticket-80mm": render_ticket(sample_ticket(hall), 80, key=key),
        "ticket-58mm": render_ticket(sample_ticket(hall), 58, key=key),
    }


def write_samples(outdir: Path, *, key: SigningKey | None = None) -> list[Path]:
    """Write every sample document, a PNG of each PDF page and of each ticket, and ``tokens.txt`` (one
    ``name<TAB>token`` per line, for ``verify-qr``). Without ``key`` a throwaway sample key is created in
    ``outdir`` and its public key written beside it. Returns the files written."""
    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if key is None:
        key = SigningKey.load_or_create(outdir / SAMPLE_KEY_FILE)
        public = outdir / PUBLIC_KEY_FILE
        public.write_text(key.public_text + "\n", encoding="utf-8")
        written += [outdir / SAMPLE_KEY_FILE, public]

    def write(name: str, data: bytes) -> None:
        path = outdir / name
        path.write_bytes(data)
        written.append(path)

    tokens = []
    for stem, document in sample_documents(key).items():
        tokens.append(f"{stem}\t{document.token}")
        if document.media_type == "application/pdf":
            write(f"{stem}.pdf", document.content)
            for number, png in enumerate(pdf_pages_to_png(document.content, PREVIEW_DPI), 1):
                write(f"{stem}-page{number}.png", png)
        else:
            width = int(stem.removeprefix("ticket-").removesuffix("mm"))
            write(f"{stem}.escpos", document.content)
            write(f"{stem}.png", preview_png(document.content, PAPER_DOTS[width]))
    tokens_file = outdir / TOKENS_FILE
    tokens_file.write_text("\n".join(tokens) + "\n", encoding="utf-8")
    written.append(tokens_file)
    return written
