"""Applicants, forms and ports for the instant-approval tests: an all-good application per item, which a
test then spoils in exactly one way."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from core.approval import Application, ApprovalPorts, CreditLevel, CreditStanding
from core.cases.model import MaterialStatus
from core.catalog import Catalog, ServiceItem
from core.errors import HalltermError
from core.identity import IdentitySource, Person, id_check_char, uscc_check_char

TODAY = date(2026, 3, 2)
NEW, CHANGE, RENEW = "430102WJ000101", "430102WJ000102", "430102WJ000103"
HYGIENE_ITEMS = (NEW, CHANGE, RENEW)
USCC = "92430102MA4L00001" + uscc_check_char("92430102MA4L00001")
NAME, PHONE, ADDRESS = "刘建国", "13912345678", "湖南省长沙市芙蓉区解放西路99号"


def person(*, source: IdentitySource = IdentitySource.CARD, born: date = date(1985, 6, 12)) -> Person:
    first17 = f"430102{born:%Y%m%d}301"
    return Person(name=NAME, id_number=first17 + id_check_char(first17), source=source, birth_date=born,
                  address=ADDRESS, phone=PHONE)


def good_form(item: ServiceItem, applicant: Person) -> dict[str, Any]:
    answers: dict[str, Any] = {
        "business_name": "芙蓉区好运理发店", "business_uscc": USCC, "applicant_name": applicant.name,
        "applicant_id_number": applicant.id_number, "business_address": ADDRESS, "venue_category": "理发店",
        "business_area": 60, "staff_count": 3, "health_certified_count": 3, "contact_phone": PHONE,
        "signature": b"\x89PNG finger signature", "licence_number": "湘卫公证字〔2022〕第430102000123号",
        "change_item": "单位名称", "change_content": "芙蓉区好运美发店", "licence_expiry": date(2026, 6, 30),
    }
    return {f.key: answers[f.key] for f in item.form_fields}


def good_materials(item: ServiceItem) -> dict[str, MaterialStatus]:
    """Everything received (identity and licences as e-licences); 容缺 materials deferred."""
    statuses = {}
    for material in item.materials:
        if material.tolerable:
            statuses[material.code] = MaterialStatus.TOLERATED_MISSING
        elif material.elicence_type:
            statuses[material.code] = MaterialStatus.ELICENCE
        else:
            statuses[material.code] = MaterialStatus.UPLOADED
    return statuses


def application(catalog: Catalog, code: str = NEW, **changes: Any) -> Application:
    item = catalog.item(code)
    applicant = changes.pop("applicant", None) or person()
    base = Application(item=item, applicant=applicant, form=good_form(item, applicant),
                       materials=good_materials(item), commitment_signed=True, on=TODAY)
    return replace(base, **changes)


class PlatformDown(HalltermError):
    code = "SYNC_TIMEOUT"


@dataclass
class Platform:
    """The two platform answers the engine asks for, as plain callables, recording who was asked."""

    credit_level: CreditLevel | None = CreditLevel.OK   # None: the platform does not answer
    open_count: int | None = 0                          # None: the lookup fails
    asked: list[str] = field(default_factory=list)

    def credit(self, applicant: Person) -> CreditStanding:
        self.asked.append("credit")
        if self.credit_level is None:
            raise PlatformDown("credit lookup timed out")
        return CreditStanding(self.credit_level, reason="失信被执行人（长沙市芙蓉区人民法院）")

    def open_cases(self, applicant: Person, item_code: str) -> int:
        self.asked.append("open_cases")
        if self.open_count is None:
            raise TimeoutError("case lookup timed out")
        return self.open_count

    @property
    def ports(self) -> ApprovalPorts:
        return ApprovalPorts(open_cases=self.open_cases, credit=self.credit)
