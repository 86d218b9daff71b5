"""A case with an unsent outbox row, for the technician page tests (sits beside them on sys.path)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from core.cases import machine
from core.cases.model import Case, CaseType, Channel
from core.cases.numbering import format_case_number
from core.identity import Gender, IdentitySource, Person, id_check_char
from core.sync.record import record_case

T0 = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


def unsent_case(store):
    first17 = "43010219900101123"
    person = Person(name="张三", id_number=first17 + id_check_char(first17), source=IdentitySource.CARD,
                    gender=Gender.MALE)
    seq = store.cases.next_sequence(date(2026, 3, 2))
    case = machine.new_case(actor="kiosk:K01", at=T0, case_id=Case.new_id(),
                            case_number=format_case_number("430102", date(2026, 3, 2), "K01", seq),
                            item_code="430102GA000401", item_name="无犯罪记录证明开具", case_type=CaseType.PROMISED,
                            channel=Channel.KIOSK, region_code="430102", terminal_id="K01", applicant=person,
                            created_at=T0)
    case = machine.submit(case, actor="kiosk:K01", at=T0 + timedelta(minutes=1))
    record_case(store, case, "kiosk:K01")
    return case
