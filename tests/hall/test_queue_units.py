"""The client's pure parts: the SSE parser, the mirror's gap rules, and error mapping."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from hall_fixtures import ZONE

from core.queueing.codes import AnnouncementKind, Priority, TicketState
from core.queueing.errors import (
    HallAuthError,
    HallInvalidInput,
    HallRequestRefused,
    HallUnavailable,
    error_from_response,
)
from core.queueing.mirror import apply
from core.queueing.models import Announcement, CounterState, HallSnapshot, ServiceQueue, Ticket
from core.queueing.sse import parse_sse

NOON = datetime(2026, 3, 2, 12, 0, tzinfo=ZONE)


def test_sse_frames_comments_multiline_data_and_ids() -> None:
    lines = ["retry: 2000", "", "event: hello", 'data: {"version": 3}', "", ": keepalive", "",
             "id: 4", "event: ticket_called", "data: line one", "data: line two", "",
             "data: no event name", "", "event: ignored without data", ""]
    events = list(parse_sse(lines))
    assert [(e.event, e.data, e.id) for e in events] == [
        ("hello", '{"version": 3}', None), ("ticket_called", "line one\nline two", "4"),
        ("message", "no event name", "4")]


def _ticket(number: str, state: TicketState = TicketState.WAITING, counter: str | None = None) -> Ticket:
    return Ticket(id=f"id-{number}", number=number, service_code="general", service_name="综合业务",
                  priority=Priority.NORMAL, state=state, issued_at=NOON, business_day="2026-03-02",
                  counter_id=counter, counter_name=f"{counter}号窗口" if counter else None,
                  seq=int(number[1:]), rank=int(number[1:]))


def _snapshot() -> HallSnapshot:
    return HallSnapshot(version=10, business_day="2026-03-02", hall_name="测试大厅",
                        services=(ServiceQueue("general", "A", "综合业务", 2, 600),),
                        counters=(CounterState("1", "1号窗口", ("general",), False, None, None, None),),
                        waiting=(_ticket("A001"), _ticket("A002")))


def _announcement(version: int, kind: AnnouncementKind, ticket: Ticket | None) -> Announcement:
    return Announcement(version=version, kind=kind, at=NOON, business_day="2026-03-02", ticket=ticket, counter=None)


def test_the_mirror_applies_a_call_and_refuses_gaps_and_day_resets() -> None:
    snapshot = _snapshot()
    called = replace(_ticket("A001"), state=TicketState.CALLED, counter_id="1")
    after = apply(snapshot, _announcement(11, AnnouncementKind.TICKET_CALLED, called))
    assert after is not None and after.version == 11
    assert [t.number for t in after.waiting] == ["A002"] and after.services[0].waiting == 1
    assert after.counter("1").current == called and after.recent_calls[0].ticket == called
    finished = replace(called, state=TicketState.FINISHED)
    done = apply(after, _announcement(12, AnnouncementKind.TICKET_FINISHED, finished))
    assert done is not None and done.counter("1").current is None
    assert apply(after, _announcement(13, AnnouncementKind.TICKET_ISSUED, _ticket("A003"))) is None  # 12 missed
    assert apply(after, _announcement(12, AnnouncementKind.DAY_RESET, None)) is None


def test_error_answers_become_typed_errors() -> None:
    refused = error_from_response(409, {"code": "COUNTER_BUSY", "message": "x", "detail": "counter 1 holds A001"})
    assert isinstance(refused, HallRequestRefused) and refused.code == "COUNTER_BUSY"
    assert refused.user_message == "本窗口还有正在办理的号，请先办结、过号或转移。"
    assert isinstance(error_from_response(403, {"code": "AUTH_ROLE_FORBIDDEN"}), HallAuthError)
    invalid = error_from_response(422, {"code": "REQUEST_INVALID", "message": "请求内容有误：clerk_id：缺少必填项。"})
    assert isinstance(invalid, HallInvalidInput) and "clerk_id" in invalid.user_message
    proxy = error_from_response(502, None)
    assert isinstance(proxy, HallUnavailable) and proxy.code == "HALL_SERVER_ERROR"
    assert proxy.user_message == "取号服务暂时无法连接，请稍候或到咨询台取号。"
    assert error_from_response(503, {"code": "HALL_DB_ERROR"}).code == "HALL_DB_ERROR"
    newer = error_from_response(409, {"code": "SOMETHING_NEW", "message": "新的原因。"})
    assert isinstance(newer, HallRequestRefused) and newer.user_message == "新的原因。"
