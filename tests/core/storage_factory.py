"""Cases and stores for the core.storage tests (imported by the test_storage_*.py modules)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from core.cases import machine
from core.cases.model import Case, CaseType, Channel, Commitment, MaterialRecord, MaterialStatus
from core.cases.numbering import format_case_number
from core.identity import Gender, IdentitySource, Person, id_check_char
from core.storage import Store

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
DAY = date(2026, 3, 2)


def id_number(first17: str = "43010219900101123") -> str:
    return first17 + id_check_char(first17)


def person(name: str = "张三", first17: str = "43010219900101123", **fields) -> Person:
    return Person(name=name, id_number=id_number(first17), source=IdentitySource.CARD, gender=Gender.MALE,
                  nation="汉", birth_date=date(1990, 1, 1), address="湖南省长沙市芙蓉区五一大道1号",
                  authority="长沙市公安局芙蓉分局", valid_from=date(2015, 3, 1), valid_to=date(2035, 3, 1), **fields)


def open_store(tmp_path: Path, name: str = "store") -> Store:
    return Store.open(tmp_path / f"{name}.sqlite3", tmp_path / f"{name}.key")


def make_case(store: Store, *, applicant: Person | None = None, at: datetime = T0, submit: bool = True,
              **fields) -> Case:
    """A kiosk case numbered by the store (not saved)."""
    seq = store.cases.next_sequence(DAY)
    values = {
        "case_id": Case.new_id(), "case_number": format_case_number("430102", DAY, "K01", seq),
        "item_code": "11430102MB1234567X4000111700001", "item_name": "公共场所卫生许可证核发",
        "case_type": CaseType.PROMISED, "channel": Channel.KIOSK, "region_code": "430102", "terminal_id": "K01",
        "created_at": at, "applicant": applicant or person(), "contact_name": "张三",
        "contact_phone": "13812345678", "contact_address": "湖南省长沙市芙蓉区五一大道1号",
        "form": {"场所名称": "芙蓉便民理发店", "面积": 45.5},
        "materials": (MaterialRecord("M001", "营业执照", MaterialStatus.COPY, 1, received_at=at),),
        "commitment": Commitment(text_sha256="c" * 64, signed_at=at, signature_png=b"\x89PNG fake signature"),
    }
    values.update(fields)
    case = machine.new_case(actor="kiosk:K01", at=at, **values)
    if submit:
        case = machine.submit(case, actor="kiosk:K01", at=at + timedelta(minutes=1))
    return case
