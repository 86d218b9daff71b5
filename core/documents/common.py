"""What every document needs: the hall it is issued in, the result type, and dates the way China prints them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone

from core.cases.model import MaterialRecord, MaterialStatus
from core.documents.tokens import DocumentKind
from core.identity import DocumentType, Person

# China Standard Time has been UTC+8 all year since 1991 (no daylight saving), so a fixed offset needs no
# time-zone database (Windows kiosks have none without the tzdata package).
CHINA_TIME = timezone(timedelta(hours=8), "CST")

PDF = "application/pdf"
ESCPOS = "application/vnd.escpos"


@dataclass(frozen=True)
class HallInfo:
    """The hall settings printed on documents (``terminal.hall_name`` and friends from the config)."""

    name: str
    phone: str = ""                 # the hall's enquiry line
    address: str = ""
    website: str = ""               # where citizens follow their cases online
    supervise_phone: str = "12345"  # 政务服务便民热线
    review_body: str = ""           # 行政复议机关 for refusals, e.g. 长沙市芙蓉区人民政府
    terminal_label: str = ""        # "自助终端 K01" / "综合窗口 3号"


@dataclass(frozen=True)
class IssuedDocument:
    """A rendered document: ``content`` is plain bytes (PDF or ESC/POS) for whichever printer takes it.

    ``token`` and ``fields`` are kept so the case history can record exactly what was printed."""

    kind: DocumentKind
    content: bytes
    media_type: str
    token: str
    fields: Mapping[str, str] = field(hash=False)
    issued_at: datetime


def now_utc() -> datetime:
    return datetime.now(UTC)


def local(moment: datetime) -> datetime:
    """A stored instant shown in China time (naive datetimes are taken as UTC, as the store keeps them)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(CHINA_TIME)


def cn_date(day: date | datetime | None) -> str:
    if day is None:
        return "—"
    if isinstance(day, datetime):
        day = local(day).date()
    return f"{day.year}年{day.month}月{day.day}日"


def cn_datetime(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    shown = local(moment)
    return f"{cn_date(shown.date())} {shown:%H:%M}"


_DOCUMENT_LABELS = {
    DocumentType.RESIDENT: "居民身份证", DocumentType.HMT_RESIDENCE: "港澳台居民居住证",
    DocumentType.FOREIGN_PERMANENT: "外国人永久居留身份证", DocumentType.FOREIGN_PERMANENT_2023: "外国人永久居留身份证",
}


def masked_applicant(person: Person) -> str:
    """``张*（居民身份证 4301**********1234）``: enough for the applicant to recognise, useless to a finder."""
    return f"{person.masked_name}（{_DOCUMENT_LABELS[person.document_type]} {person.masked_id_number}）"


def material_status_text(material: MaterialRecord) -> str:
    """How a material stands, in the words printed on receipts and notices."""
    status = material.status
    count = f"（{material.count}份）" if material.count > 1 else ""
    if status is MaterialStatus.ORIGINAL:
        return f"原件已收{count}"
    if status is MaterialStatus.COPY:
        return f"复印件已收{count}"
    if status is MaterialStatus.ELICENCE:
        return f"电子证照复用（{material.licence_number}）" if material.licence_number else "电子证照复用"
    if status is MaterialStatus.UPLOADED:
        return "已在自助终端拍摄上传"
    if status is MaterialStatus.TOLERATED_MISSING:
        due = f"，请于{cn_date(material.deadline)}前补交" if material.deadline else "，请按承诺期限补交"
        return f"容缺{due}"
    if status is MaterialStatus.MISSING:
        return "未提交"
    return f"不符合要求：{material.note}" if material.note else "不符合要求"
