"""秒批 decisions: instant only when every rule passed; otherwise the counter, with the failed rule's advice."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest
from approval_factory import (
    ADDRESS,
    CHANGE,
    HYGIENE_ITEMS,
    NAME,
    NEW,
    PHONE,
    RENEW,
    TODAY,
    USCC,
    Platform,
    application,
    person,
)

from core.approval import (
    Application,
    ApprovalError,
    CreditLevel,
    CreditStanding,
    Decision,
    Outcome,
    RuleBook,
)
from core.cases import Case, CaseType, Channel, Commitment, MaterialRecord, MaterialStatus, machine
from core.catalog import Catalog
from core.identity import DocumentType, IdentitySource, id_check_char

OTHER_ID = "43010219800101123" + id_check_char("43010219800101123")


def decide(book: RuleBook, app: Application, platform: Platform | None = None) -> Decision:
    return book.evaluate(app, (platform or Platform()).ports)


def rule(book: RuleBook, rule_id: str):
    return next(r for r in book["public_health_licence"].rules if r.id == rule_id)


@pytest.mark.parametrize("code", HYGIENE_ITEMS)
def test_an_all_good_applicant_is_approved_with_a_full_trace(book: RuleBook, catalog: Catalog, code: str) -> None:
    decision = decide(book, application(catalog, code))
    assert decision.outcome is Outcome.INSTANT and decision.is_instant
    assert [r.rule_id for r in decision.trace] == [r.id for r in book["public_health_licence"].rules_for(code)]
    assert all(r.passed is True and r.detail for r in decision.trace)
    assert decision.advice == ()
    assert (decision.rule_set, decision.version) == ("public_health_licence", 1)


def test_rules_scoped_to_other_items_stay_out_of_the_trace(book: RuleBook, catalog: Catalog) -> None:
    ids = {r.rule_id for r in decide(book, application(catalog, CHANGE)).trace}
    assert "licence_number_format" in ids
    assert not ids & {"staff_health_certified", "venue_low_risk", "renewal_in_time"}


def _form(**answers: Any) -> Callable[[Application], Application]:
    return lambda app: replace(app, form={**app.form, **answers})


def _material(code: str, status: MaterialStatus | None) -> Callable[[Application], Application]:
    def spoil(app: Application) -> Application:
        materials = dict(app.materials)
        if status is None:
            del materials[code]
        else:
            materials[code] = status
        return replace(app, materials=materials)
    return spoil


def _applicant(**changes: Any) -> Callable[[Application], Application]:
    def spoil(app: Application) -> Application:
        applicant = person(**changes)
        return replace(app, applicant=applicant, form={**app.form, "applicant_id_number": applicant.id_number})
    return spoil


# (item, rule expected to fail, how the application is spoiled, how the platform answers)
ONE_FAILURE = [
    (NEW, "identity_verified", _applicant(source=IdentitySource.TYPED), {}),
    (NEW, "applicant_adult", _applicant(born=date(2008, 3, 3)), {}),    # 18 tomorrow
    (NEW, "applicant_is_card_holder", _form(applicant_id_number=OTHER_ID), {}),
    (NEW, "form_complete", _form(business_uscc="92430102MA4L000010"), {}),
    (NEW, "form_complete", _form(contact_phone=""), {}),
    (NEW, "commitment_signed", lambda app: replace(app, commitment_signed=False), {}),
    (NEW, "no_open_case", lambda app: app, {"open_count": 1}),
    (NEW, "credit_standing", lambda app: app, {"credit_level": CreditLevel.BAD}),
    (NEW, "materials_ready", _material("floor_plan", MaterialStatus.MISSING), {}),
    (NEW, "materials_ready", _material("floor_plan", None), {}),
    (NEW, "materials_ready", _material("floor_plan", MaterialStatus.TOLERATED_MISSING), {}),  # not on 容缺清单
    (NEW, "materials_ready", _material("hygiene_report", None), {}),   # tolerable, but nobody chose to defer it
    (NEW, "materials_ready", _material("business_licence", MaterialStatus.DEFECTIVE), {}),
    (NEW, "staff_health_certified", _form(health_certified_count=2), {}),
    (NEW, "venue_low_risk", _form(venue_category="游泳场（馆）"), {}),
    (CHANGE, "licence_number_format", _form(licence_number="12345"), {}),
    (RENEW, "renewal_in_time", _form(licence_expiry=TODAY + timedelta(days=29)), {}),
    (RENEW, "renewal_in_time", _form(licence_expiry=TODAY - timedelta(days=1)), {}),
    (RENEW, "staff_health_certified", _form(health_certified_count=0), {}),
]


@pytest.mark.parametrize(("code", "rule_id", "spoil", "platform"), ONE_FAILURE,
                         ids=[f"{c[-2:]}-{r}-{n}" for n, (c, r, _, _) in enumerate(ONE_FAILURE)])
def test_each_rule_failing_alone_refers_to_the_counter_with_its_advice(
        book: RuleBook, catalog: Catalog, code: str, rule_id: str, spoil: Callable, platform: dict) -> None:
    decision = decide(book, spoil(application(catalog, code)), Platform(**platform))
    assert decision.outcome is Outcome.REFER_TO_COUNTER
    assert [r.rule_id for r in decision.failed] == [rule_id]
    assert decision.unknown == ()
    assert decision.advice == (rule(book, rule_id).advice,)
    assert "窗口" in decision.advice[0]


def test_identity_from_an_elicence_is_as_good_as_the_card(book: RuleBook, catalog: Catalog) -> None:
    app = _applicant(source=IdentitySource.ELICENCE)(application(catalog))
    assert decide(book, app).is_instant


def test_typed_identity_is_refused_and_says_so(book: RuleBook, catalog: Catalog) -> None:
    decision = decide(book, _applicant(source=IdentitySource.TYPED)(application(catalog)))
    result = next(r for r in decision.trace if r.rule_id == "identity_verified")
    assert result.passed is False and "手工录入" in result.detail


def test_an_applicant_is_adult_from_their_eighteenth_birthday(book: RuleBook, catalog: Catalog) -> None:
    assert decide(book, _applicant(born=date(2008, 3, 2))(application(catalog))).is_instant
    minor = decide(book, _applicant(born=date(2008, 3, 3))(application(catalog)))
    assert [r.rule_id for r in minor.failed] == ["applicant_adult"]


def test_an_age_that_cannot_be_known_is_unknown_not_adult(book: RuleBook, catalog: Catalog) -> None:
    app = application(catalog)
    holder = replace(app.applicant, document_type=DocumentType.FOREIGN_PERMANENT_2023, birth_date=None)
    decision = decide(book, replace(app, applicant=holder))
    assert [r.rule_id for r in decision.unknown] == ["applicant_adult"]
    assert decision.advice == (rule(book, "applicant_adult").advice_unknown,)


def test_credit_on_watch_is_not_refused_by_this_rule_set(book: RuleBook, catalog: Catalog) -> None:
    assert decide(book, application(catalog), Platform(credit_level=CreditLevel.WATCH)).is_instant


def test_an_unreachable_credit_platform_is_never_an_approval(book: RuleBook, catalog: Catalog) -> None:
    decision = decide(book, application(catalog), Platform(credit_level=None))
    assert decision.outcome is Outcome.REFER_TO_COUNTER
    assert decision.failed == () and decision.undecided
    result = next(r for r in decision.trace if r.rule_id == "credit_standing")
    assert result.passed is None and "SYNC_TIMEOUT" in result.detail
    assert decision.advice == (rule(book, "credit_standing").advice_unknown,)


def test_a_failed_open_case_lookup_is_unknown_too(book: RuleBook, catalog: Catalog) -> None:
    decision = decide(book, application(catalog), Platform(open_count=None))
    assert [r.rule_id for r in decision.unknown] == ["no_open_case"]
    assert not decision.is_instant and decision.undecided


def test_a_failure_and_an_unknown_give_both_pieces_of_advice(book: RuleBook, catalog: Catalog) -> None:
    app = replace(application(catalog), commitment_signed=False)
    decision = decide(book, app, Platform(credit_level=None))
    assert not decision.undecided
    assert decision.advice == (rule(book, "commitment_signed").advice, rule(book, "credit_standing").advice_unknown)


def test_a_port_that_breaks_unexpectedly_is_not_swallowed(book: RuleBook, catalog: Catalog) -> None:
    def broken(applicant):
        raise ValueError("bug in the adapter")

    platform = Platform()
    ports = replace(platform.ports, credit=broken)
    with pytest.raises(ValueError):
        book.evaluate(application(catalog), ports)


def test_every_problem_is_reported_at_once(book: RuleBook, catalog: Catalog) -> None:
    app = replace(_applicant(source=IdentitySource.TYPED)(application(catalog)), commitment_signed=False)
    decision = decide(book, app, Platform(credit_level=CreditLevel.BAD, open_count=2))
    assert [r.rule_id for r in decision.failed] == ["identity_verified", "commitment_signed", "no_open_case",
                                                    "credit_standing"]
    assert len(decision.advice) == 4


def test_the_trace_is_json_and_holds_no_personal_data(book: RuleBook, catalog: Catalog) -> None:
    for platform in (Platform(), Platform(credit_level=CreditLevel.BAD), Platform(credit_level=None)):
        app = _form(health_certified_count=1, applicant_id_number=OTHER_ID)(application(catalog))
        record = decide(book, app, platform).to_record()
        text = json.dumps(record, ensure_ascii=False)
        assert json.loads(text) == record
        applicant = app.applicant
        for secret in (NAME, applicant.id_number, OTHER_ID, PHONE, ADDRESS, USCC, "芙蓉区好运理发店", "理发店",
                       applicant.id_number[-4:], "失信被执行人", "1985"):
            assert secret not in text, secret


def test_the_decision_goes_into_the_case_event(book: RuleBook, catalog: Catalog) -> None:
    item = catalog.item(NEW)
    applicant = person()
    at = datetime(2026, 3, 2, 10, 30, tzinfo=timezone(timedelta(hours=8)))
    app = application(catalog)
    case = machine.new_case(
        actor="kiosk:K01", at=at, case_id=Case.new_id(), case_number="430102-20260302-K01-0001",
        item_code=NEW, item_name=item.name, case_type=CaseType.IMMEDIATE, channel=Channel.KIOSK,
        region_code="430102", terminal_id="K01", created_at=at, applicant=applicant, form=dict(app.form),
        materials=tuple(MaterialRecord(code, code, status) for code, status in app.materials.items()),
        commitment=Commitment(text_sha256="0" * 64, signed_at=at))
    from_case = Application.from_case(case, item)
    assert from_case.on == TODAY and from_case.commitment_signed
    decision = decide(book, from_case)
    assert decision.is_instant
    done = machine.instant_approve(case, actor="kiosk:K01", at=at, licence=None, rule_trace=decision.trace_dicts())
    accepted = next(e for e in done.events if e.action.value == "accept")
    assert accepted.data["rule_trace"] == decision.trace_dicts()
    assert NAME not in repr(from_case) and applicant.id_number not in repr(from_case)


def test_an_item_without_a_rule_set_cannot_be_decided(book: RuleBook, catalog: Catalog) -> None:
    app = replace(application(catalog), item=catalog.item("430102WJ000104"))
    with pytest.raises(ApprovalError) as caught:
        decide(book, app)
    assert caught.value.code == "APPROVAL_NOT_INSTANT"


def test_a_rule_set_refuses_an_item_that_is_not_its_own(book: RuleBook, catalog: Catalog) -> None:
    app = replace(application(catalog), item=catalog.item("430102WJ000104"))
    with pytest.raises(ApprovalError) as caught:
        book["public_health_licence"].evaluate(app, Platform().ports)
    assert caught.value.code == "APPROVAL_WRONG_RULE_SET"


@pytest.mark.parametrize(("level", "dishonest", "expected"), [
    ("good", False, CreditLevel.OK), ("no_record", False, CreditLevel.OK), ("warning", False, CreditLevel.WATCH),
    ("bad", False, CreditLevel.BAD), ("good", True, CreditLevel.BAD), ("warning", True, CreditLevel.BAD),
])
def test_the_platform_credit_levels_map_to_ours(level: str, dishonest: bool, expected: CreditLevel) -> None:
    assert CreditStanding.from_platform(level, dishonest).level is expected


def test_an_unknown_platform_credit_level_is_an_error() -> None:
    with pytest.raises(ApprovalError) as caught:
        CreditStanding.from_platform("excellent", False)
    assert caught.value.code == "APPROVAL_CREDIT_LEVEL"
