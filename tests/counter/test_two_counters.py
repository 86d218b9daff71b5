"""Two counter clients against one real hall server call from one queue without collision."""

from __future__ import annotations

from core.staff import DEMO_CLERKS
from tests.counter.conftest import issue_ticket, open_counter
from tests.demo_terminal import demo_terminal


def test_two_counters_call_from_one_queue_without_collision(qtbot, tmp_path):
    services = frozenset({"hall"})
    with demo_terminal(tmp_path, "counter", name="c1", wanted=services,
                       overrides={"counter.number": 1}) as (ctx1, _s1), \
         demo_terminal(tmp_path, "counter", name="c2", wanted=services,
                       overrides={"counter.number": 2}) as (ctx2, _s2):
        first = open_counter(qtbot, ctx1, DEMO_CLERKS[0])
        second = open_counter(qtbot, ctx2, DEMO_CLERKS[1])
        issued = [issue_ticket(ctx1, "general").number for _ in range(6)]
        called: list[str] = []
        for _round in range(3):
            first.call_next_action.trigger()        # both press F2 at once
            second.call_next_action.trigger()
            qtbot.waitUntil(lambda: first.queue_panel.current is not None and second.queue_panel.current is not None,
                            timeout=10_000)
            pair = [first.queue_panel.current.number, second.queue_panel.current.number]
            assert pair[0] != pair[1]
            called += pair
            for window in (first, second):
                window.actions_by_name["skip"].trigger()
            qtbot.waitUntil(lambda: first.queue_panel.current is None and second.queue_panel.current is None,
                            timeout=10_000)
        assert sorted(called) == sorted(issued)
        # each client sees the other's calls through the hall events: the waiting count reached zero on both
        qtbot.waitUntil(lambda: first.queue_panel._waiting == 0 and second.queue_panel._waiting == 0, timeout=10_000)
        first.close()
        second.close()
