"""Priority policies: head starts that age away (weighted), or N normal : 1 priority per counter (ratio)."""

from __future__ import annotations

from hall_fixtures import hall_config, start_hall


def test_weighted_an_elderly_ticket_goes_first_but_not_past_a_long_wait(db_url: str) -> None:
    # head start: elderly 600 s (the default policy)
    live = start_hall(db_url)
    try:
        long_waiting = live.issue("general")
        live.clock.advance(700)                      # waited longer than the head start ...
        recent = live.issue("general")
        live.clock.advance(10)
        elderly = live.issue("general", priority="elderly")  # ... so it ranks after long_waiting
        assert elderly["waiting_ahead"] == 1
        order = [live.call(c)["id"] for c in ("1", "2", "4")]
        assert order == [long_waiting["id"], elderly["id"], recent["id"]]
    finally:
        live.close()


def test_ratio_two_normal_then_one_priority_per_counter(db_url: str) -> None:
    live = start_hall(db_url, hall_config(priority={"policy": "ratio", "normal_per_priority": 2}))
    try:
        normal = [live.issue("general")["number"] for _ in range(4)]
        live.clock.advance(1)
        priority = [live.issue("general", priority=p)["number"] for p in ("disabled", "appointment")]
        called = []
        for _ in range(6):
            ticket = live.call("2")
            called.append(ticket["number"])
            assert live.counter("2", "no-show").status_code == 200
        assert called == [normal[0], normal[1], priority[0], normal[2], normal[3], priority[1]]
    finally:
        live.close()
