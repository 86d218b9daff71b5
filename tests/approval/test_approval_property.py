"""Property: whatever combination of problems an application has, the decision is instant exactly when
every rule passed, and each problem shows up as its own rule and nothing else does."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from approval_factory import NEW, RENEW, TODAY, Platform, application, person
from hypothesis import given, settings
from hypothesis import strategies as st

from core.approval import CreditLevel, Outcome, RuleBook
from core.cases.model import MaterialStatus
from core.catalog import Catalog
from core.identity import IdentitySource, id_check_char

OTHER_ID = "43010219800101123" + id_check_char("43010219800101123")
SPOILERS = ("identity_verified", "applicant_adult", "applicant_is_card_holder", "form_complete",
            "commitment_signed", "materials_ready", "staff_health_certified", "venue_low_risk", "renewal_in_time")


@settings(max_examples=200, deadline=None)
@given(spoiled=st.sets(st.sampled_from(SPOILERS)), renew=st.booleans(),
       credit=st.sampled_from([CreditLevel.OK, CreditLevel.WATCH, CreditLevel.BAD, None]),
       open_count=st.sampled_from([0, 0, 1, 3, None]))
def test_instant_iff_every_rule_passed(book: RuleBook, catalog: Catalog, spoiled: set[str], renew: bool,
                                       credit: CreditLevel | None, open_count: int | None) -> None:
    code = RENEW if renew else NEW
    applicant = person(source=IdentitySource.TYPED if "identity_verified" in spoiled else IdentitySource.CARD,
                       born=date(2010, 1, 1) if "applicant_adult" in spoiled else date(1985, 6, 12))
    app = application(catalog, code, applicant=applicant)
    form = dict(app.form)
    if "applicant_is_card_holder" in spoiled:
        form["applicant_id_number"] = OTHER_ID
    if "form_complete" in spoiled:
        form["contact_phone"] = "12345"
    if "staff_health_certified" in spoiled:
        form["health_certified_count"] = 1
    if "venue_low_risk" in spoiled and code == NEW:
        form["venue_category"] = "公共浴室（含足浴）"
    if "renewal_in_time" in spoiled and code == RENEW:
        form["licence_expiry"] = TODAY + timedelta(days=3)
    materials = dict(app.materials)
    if "materials_ready" in spoiled:
        materials["business_licence"] = MaterialStatus.MISSING
    app = replace(app, form=form, materials=materials, commitment_signed="commitment_signed" not in spoiled)

    decision = book.evaluate(app, Platform(credit_level=credit, open_count=open_count).ports)

    applicable = {r.id for r in book["public_health_licence"].rules_for(code)}
    expected_failed = spoiled & applicable
    if credit is CreditLevel.BAD:
        expected_failed.add("credit_standing")
    if open_count:
        expected_failed.add("no_open_case")
    expected_unknown = {"credit_standing"} if credit is None else set()
    if open_count is None:
        expected_unknown.add("no_open_case")

    assert {r.rule_id for r in decision.failed} == expected_failed
    assert {r.rule_id for r in decision.unknown} == expected_unknown
    assert {r.rule_id for r in decision.trace} == applicable
    all_passed = all(r.passed is True for r in decision.trace)
    assert (decision.outcome is Outcome.INSTANT) == all_passed
    assert (decision.advice == ()) == all_passed
