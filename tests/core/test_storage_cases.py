"""Cases through the encrypted store: exact round trips, no plaintext on disk, lookups, numbering."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from storage_factory import DAY, T0, id_number, make_case, open_store, person

from core.cases import machine
from core.cases.model import (
    Case,
    CaseAction,
    CaseState,
    Licence,
    MaterialRecord,
    MaterialStatus,
    Outcome,
)
from core.catalog.calendar import TimeLimit, WorkingCalendar
from core.errors import StorageError
from core.identity import DocumentType, Gender, IdentitySource, Person

A = CaseAction
CAL = WorkingCalendar()

# --- driving the state machine with whatever the step needs ------------------------------------------

json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                         st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20))
json_values = st.recursive(json_scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)), max_leaves=12)
zones = st.sampled_from([UTC, timezone(timedelta(hours=8)), timezone(timedelta(hours=-5, minutes=-30))])


def step(case: Case, action: CaseAction, at: datetime, *, outcome: Outcome = Outcome.ISSUED,
         data: dict | None = None) -> Case:
    kwargs: dict = {"actor": "clerk:0231", "at": at}
    if action is A.RESUME:
        return machine.resume(case, calendar=CAL, reason="听证结束", **kwargs)
    if action is A.ACCEPT:
        return machine.accept(case, calendar=CAL, promised=TimeLimit(5), unit="芙蓉区行政审批服务局",
                              doc_number="芙审受字〔2026〕1号", data={"tolerated": ["M003"]}, **kwargs)
    changes: dict = {}
    if action in (A.REFUSE, A.RETURN, A.REQUEST_CORRECTION, A.SUSPEND):
        kwargs["reason"] = "材料不全：缺少健康证明"
    if action is A.SUBMIT:
        changes["submitted_at"] = at
    if action is A.COMPLETE:
        changes.update(completed_at=at, outcome=outcome,
                       licence=Licence("卫生许可证", "湘卫[2026]1号", at.date(), None))
    if action in (A.STEP, A.NOTE):
        kwargs["data"] = data or {}
    if action is A.REQUEST_CORRECTION:
        changes["materials"] = (*case.materials, MaterialRecord(
            "M002", "健康证明", MaterialStatus.MISSING, note="未提供"), MaterialRecord(
            "M003", "平面图", MaterialStatus.TOLERATED_MISSING, deadline=at.date() + timedelta(days=5)))
    return machine.apply(case, action, data=kwargs.pop("data", None), **kwargs, **changes)


people = st.builds(
    Person, name=st.text(min_size=1, max_size=12),
    id_number=st.sampled_from([id_number(), id_number("11010519491231002")]),
    document_type=st.sampled_from(list(DocumentType)), source=st.sampled_from(list(IdentitySource)),
    gender=st.sampled_from(list(Gender)), nation=st.text(max_size=3), birth_date=st.none() | st.dates(),
    address=st.text(max_size=30), phone=st.sampled_from(["", "13812345678"]), valid_from=st.none() | st.dates(),
    valid_to=st.none() | st.dates(), valid_long_term=st.booleans(),
    extra=st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=2))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_random_legal_histories_round_trip_after_every_step(tmp_path, data):
    store = open_store(tmp_path)
    try:
        at = T0.astimezone(data.draw(zones))
        case = make_case(store, applicant=data.draw(people), at=at, submit=False,
                         form=data.draw(st.dictionaries(st.text(max_size=8), json_values, max_size=4)))
        store.cases.save(case)
        assert store.cases.get(case.case_id) == case
        for _ in range(data.draw(st.integers(0, 12))):
            actions = machine.allowed_actions(case.state)
            at += timedelta(hours=data.draw(st.integers(1, 200)), microseconds=data.draw(st.integers(0, 999_999)))
            action = data.draw(st.sampled_from(actions))
            case = step(case, action, at, outcome=data.draw(st.sampled_from(list(Outcome))),
                        data=data.draw(st.dictionaries(st.text(max_size=6), json_values, max_size=3)))
            store.cases.save(case)
            loaded = store.cases.get(case.case_id)
            assert loaded == case
            assert loaded.created_at.tzinfo is UTC and all(e.at.tzinfo is UTC for e in loaded.events)
        assert store.cases.by_number(case.case_number) == case
    finally:
        store.close()


def test_every_state_round_trips(tmp_path):
    paths = [
        [A.SUBMIT, A.PRE_REVIEW, A.REQUEST_CORRECTION, A.RESUBMIT, A.ACCEPT, A.START_PROCESSING, A.STEP,
         A.SUSPEND, A.RESUME, A.COMPLETE, A.DELIVER],
        [A.SUBMIT, A.REFUSE],
        [A.SUBMIT, A.REQUEST_CORRECTION, A.RETURN],
    ]
    seen: set[CaseState] = set()
    with open_store(tmp_path) as store:
        for path in paths:
            case = make_case(store, submit=False)
            store.cases.save(case)
            seen.add(case.state)
            at = T0
            for action in path:
                at += timedelta(days=1)
                case = step(case, action, at, data={"环节": "审核", "意见": "通过"})
                store.cases.save(case)
                assert store.cases.get(case.case_id) == case
                seen.add(case.state)
    assert seen == set(CaseState)


def test_personal_data_never_reaches_the_file_in_plaintext(tmp_path):
    secrets_ = {"name": "欧阳娜娜", "id": id_number("11010519491231002"), "phone": "13712345678",
                "address": "解放西路秘密小区99号", "form": "表单里的私密内容QX7", "sig": "SIGNATURE-BYTES-Z9"}
    applicant = person(name=secrets_["name"], first17="11010519491231002", phone=secrets_["phone"])
    applicant = replace(applicant, address=secrets_["address"])
    db_path = tmp_path / "store.sqlite3"
    store = open_store(tmp_path)
    case = make_case(store, applicant=applicant, contact_name=secrets_["name"], contact_phone=secrets_["phone"],
                     contact_address=secrets_["address"], form={"说明": secrets_["form"]})
    case = case.with_changes(commitment=replace(case.commitment, signature_png=secrets_["sig"].encode()))
    with store.transaction():
        store.cases.save(case)
        store.outbox.enqueue("case", case.case_id, {"applicant": applicant.to_dict(), "form": case.form},
                             key=case.case_id)
        store.audit.append("kiosk:K01", "case.submit", case.case_number, {"applicant": applicant.masked_id_number})

    def raw_bytes() -> bytes:
        return b"".join(p.read_bytes() for p in tmp_path.glob("store.sqlite3*"))

    while_open = raw_bytes()   # main file plus WAL
    assert case.case_number.encode() in while_open   # the scan does see what is stored in plain columns
    _assert_absent(while_open, secrets_.values())
    store.close()
    _assert_absent(db_path.read_bytes(), secrets_.values())
    with open_store(tmp_path) as reopened:
        assert reopened.cases.by_person(secrets_["id"]) == [case]
        assert reopened.outbox.get(case.case_id).payload["applicant"]["name"] == secrets_["name"]


def _assert_absent(blob: bytes, values) -> None:
    for value in values:
        for encoding in ("utf-8", "utf-16-le", "gb18030"):
            assert value.encode(encoding) not in blob, f"{value[:2]}… found in the file as {encoding}"


def test_lookup_by_person_uses_the_hmac_and_ignores_case_of_x(tmp_path):
    with open_store(tmp_path) as store:
        li = person(name="李四", first17="11010519491231002")   # ends in X
        first = make_case(store, applicant=li, at=T0)
        second = make_case(store, applicant=li, at=T0 + timedelta(hours=2))
        other = make_case(store)
        store.cases.save_many([first, second, other])
        assert store.cases.by_person(li.id_number.lower()) == [second, first]
        assert store.cases.by_person(id_number()) == [other]
        assert store.cases.by_person(id_number("11010519491231003")) == []
        assert store.cases.by_person("") == []
        plan = store.db.conn.execute("EXPLAIN QUERY PLAN SELECT * FROM cases WHERE person_hmac = ?",
                                     ("x",)).fetchall()
        assert "cases_person" in " ".join(str(r) for r in plan)
        stored = store.db.conn.execute("SELECT person_hmac FROM cases WHERE case_id = ?", (first.case_id,)).fetchone()
        assert stored[0] == store.keys.person_hmac(li.id_number) and li.id_number not in stored[0]


def test_list_and_count_by_day_and_state(tmp_path):
    with open_store(tmp_path) as store:
        draft = make_case(store, submit=False)
        submitted = make_case(store, at=T0 + timedelta(minutes=5))
        other_day = replace(make_case(store), case_id=Case.new_id(), case_number="43010220260303K0100001")
        other_day = replace(other_day, events=tuple(replace(e, case_id=other_day.case_id) for e in other_day.events))
        store.cases.save_many([draft, submitted, other_day])
        assert store.cases.list(day=DAY) == [submitted, draft]
        assert store.cases.list(state=CaseState.SUBMITTED, day=date(2026, 3, 3)) == [other_day]
        assert store.cases.list(limit=1) == [submitted]
        assert store.cases.count() == 3 and store.cases.count(state=CaseState.DRAFT) == 1


def test_stale_or_forked_copies_are_refused(tmp_path):
    with open_store(tmp_path) as store:
        case = make_case(store)
        store.cases.save(case)
        newer = machine.apply(case, A.PRE_REVIEW, actor="clerk:0231", at=T0 + timedelta(hours=1))
        store.cases.save(newer)
        with pytest.raises(StorageError) as stale:
            store.cases.save(case)
        assert stale.value.code == "STORE_CASE_STALE"
        fork = machine.apply(case, A.REFUSE, actor="clerk:0999", at=T0 + timedelta(hours=1), reason="不符合条件")
        with pytest.raises(StorageError) as forked:
            store.cases.save(fork)
        assert forked.value.code == "STORE_CASE_CONFLICT"
        assert store.cases.get(case.case_id) == newer
        # an edit without a new event (a draft form being filled in) is an ordinary save
        edited = newer.with_changes(form={"场所名称": "新名称"})
        store.cases.save(edited)
        assert store.cases.get(case.case_id) == edited


def test_values_that_would_not_come_back_equal_are_refused(tmp_path):
    with open_store(tmp_path) as store:
        with pytest.raises(StorageError) as tuple_in_form:
            store.cases.save(make_case(store, form={"items": ("a", "b")}))
        assert tuple_in_form.value.code == "STORE_VALUE_NOT_JSON"
        with pytest.raises(StorageError) as naive:
            # new_case refuses a naive creation time; the store guards every other timestamp too.
            store.cases.save(make_case(store).with_changes(accepted_at=datetime(2026, 3, 2, 9, 0)))
        assert naive.value.code == "STORE_NAIVE_DATETIME"
        assert store.cases.count() == 0


def test_events_are_append_only_in_the_database(tmp_path):
    with open_store(tmp_path) as store:
        case = make_case(store)
        store.cases.save(case)
        for sql in ("UPDATE case_events SET actor = 'x'", "DELETE FROM case_events"):
            with pytest.raises(Exception, match="append-only"):
                store.db.conn.execute(sql)
        assert store.cases.get(case.case_id) == case


def test_next_sequence_is_unique_across_two_connections_in_two_threads(tmp_path):
    stores = [open_store(tmp_path), open_store(tmp_path)]
    results: list[list[int]] = [[], []]

    def allocate(index: int) -> None:
        for _ in range(150):
            results[index].append(stores[index].cases.next_sequence(DAY))

    threads = [threading.Thread(target=allocate, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    try:
        assert not any(t.is_alive() for t in threads)
        assert sorted(results[0] + results[1]) == list(range(1, 301))
        assert results[0] == sorted(results[0]) and results[1] == sorted(results[1])
        assert stores[0].cases.next_sequence(date(2026, 3, 3)) == 1
    finally:
        for s in stores:
            s.close()


def test_sequence_stops_at_the_numbering_limit(tmp_path):
    with open_store(tmp_path) as store:
        store.db.conn.execute("INSERT INTO case_sequences(day, last_seq) VALUES (?, 99999)", (DAY.isoformat(),))
        with pytest.raises(StorageError) as exhausted:
            store.cases.next_sequence(DAY)
        assert exhausted.value.code == "CASE_SEQUENCE_EXHAUSTED"
        assert store.db.conn.execute("SELECT last_seq FROM case_sequences").fetchone()[0] == 99999


def test_a_sealed_blob_moved_to_another_row_does_not_decrypt(tmp_path):
    with open_store(tmp_path) as store:
        victim = make_case(store, applicant=person(name="李四", first17="11010519491231002"))
        target = make_case(store)
        store.cases.save_many([victim, target])
        store.db.conn.execute("UPDATE cases SET personal = (SELECT personal FROM cases WHERE case_id = ?) "
                              "WHERE case_id = ?", (victim.case_id, target.case_id))
        with pytest.raises(StorageError) as moved:
            store.cases.get(target.case_id)
        assert moved.value.code == "STORE_DECRYPT_FAILED"
        assert store.cases.get(victim.case_id) == victim
