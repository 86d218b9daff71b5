"""Sample cases for ``--demo``, so a newcomer sees the whole loop before any screen creates a case.

On the demo store's first start, three fictional citizens' cases are recorded exactly as a kiosk records
them (``core.sync.record_case``: case, events, outbox rows and audit entry in one transaction): one
instant approval (秒批) with its licence, two promised cases (承诺件) waiting for the back office. The sync
worker sends them to the local central platform simulator, whose back office then moves the promised
ones through 受理 → 办理 → 办结; ``main.py sync status --demo`` and the counter's status bar show it.

Never used outside demo mode: the people are made up and their ID numbers are test numbers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from core.cases import Case, CaseType, Channel, Licence, machine
from core.cases.numbering import format_case_number
from core.identity import Gender, IdentitySource, Person, id_check_char
from core.storage import Store

INSTANT_ITEM = "430102WJ000101"        # 公共场所卫生许可证核发（新办）
PROMISED_ITEMS = ("430102GA000101", "430102SJ000301")   # 居住证申领, 食品经营许可（新办）
#: A complete, valid form for INSTANT_ITEM: what screenshots, the kiosk bench and journey tests fill in.
INSTANT_SAMPLE_FORM = {
    "business_name": "芙蓉区示例理发店", "business_uscc": "92430102MA4L00001C",
    "business_address": "长沙市芙蓉区五一大道1号", "venue_category": "理发店", "business_area": "60",
    "staff_count": "3", "health_certified_count": "3", "contact_phone": "13800000000",
}
BUNDLE = "430102YJS0001"               # 开办餐饮店一件事: four items, all kiosk-capable
#: A complete, valid merged form for BUNDLE (the card fills in the name and ID number).
BUNDLE_SAMPLE_FORM = {
    "business_name": "芙蓉区示例小吃店", "business_address": "长沙市芙蓉区五一大道1号",
    "business_scope": "小吃店", "business_form": "个人经营", "capital": "50000", "staff_count": "3",
    "contact_phone": "13800000000", "business_area": "40", "food_business_type": "餐饮服务经营者",
    "food_business_item": "热食类食品制售", "food_safety_manager_name": "李四", "delivery": "到窗口领取",
    "signboard_text": "示例小吃", "signboard_area": "3", "signboard_style": "门头横向设置",
    "drainage_type": "餐饮", "daily_discharge": "2",
}


@dataclass(frozen=True)
class _Citizen:
    name: str
    first17: str
    gender: Gender
    address: str

    def person(self) -> Person:
        number = self.first17 + id_check_char(self.first17)
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
        return Person(name=self.name, id_number=number, source=IdentitySource.CARD, gender=self.gender,
                      nation="汉", birth_date=born, address=self.address, phone="13800000000",
                      authority="长沙市公安局芙蓉分局", valid_from=date(2020, 1, 1), valid_to=date(2040, 1, 1))


DEMO_CITIZENS = (
    _Citizen("李明华", "43010219780512301", Gender.MALE, "湖南省长沙市芙蓉区五一大道1号"),
    _Citizen("王秀兰", "43010219550318402", Gender.FEMALE, "湖南省长沙市芙蓉区韶山北路88号"),
    _Citizen("陈晓东", "43010219920807103", Gender.MALE, "湖南省长沙市芙蓉区八一路12号"),
)


def seed_demo_cases(store: Store, catalog, *, terminal_id: str, region_code: str, now: datetime,
                    bus=None) -> list[Case]:
    """Record the sample cases once; a store that already holds any case is left alone."""
    from core.sync import record_case

    if store.cases.count():
        return []
    actor = f"kiosk:{terminal_id}"
    recorded: list[Case] = []
    plan = [(INSTANT_ITEM, DEMO_CITIZENS[0]), (PROMISED_ITEMS[0], DEMO_CITIZENS[1]),
            (PROMISED_ITEMS[1], DEMO_CITIZENS[2])]
    for offset, (code, citizen) in enumerate(plan):
        item = catalog.item(code)
        at = now - timedelta(minutes=30 - 10 * offset)
        number = format_case_number(region_code, at.date(), terminal_id, store.cases.next_sequence(at.date()))
        case = machine.new_case(
            actor=actor, at=at, case_id=Case.new_id(), case_number=number, item_code=item.implementation_code,
            item_name=item.name, case_type=CaseType(item.case_type.value), channel=Channel.KIOSK,
            region_code=region_code, terminal_id=terminal_id, created_at=at, applicant=citizen.person(),
            contact_name=citizen.name, contact_phone="13800000000", contact_address=citizen.address)
        if item.is_immediate and item.instant_approval:
            licence = Licence(item.licence_name or item.name, f"湘卫公证字〔{at.year}〕第{number[-9:]}号",
                              at.date(), date(at.year + 4, at.month, at.day) - timedelta(days=1))
            case = machine.instant_approve(case, actor=actor, at=at, licence=licence,
                                           rule_trace=[{"rule": "demo_sample", "passed": True}])
        else:
            case = machine.submit(case, actor=actor, at=at)
        record_case(store, case, actor, bus=bus)
        recorded.append(case)
    return recorded
