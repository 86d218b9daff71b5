"""The business day (reset at the hall's midnight, history kept) and the day's key figures."""

from __future__ import annotations

from hall_fixtures import LiveHall, assert_error


def test_the_hall_resets_at_its_own_midnight_and_keeps_yesterday_as_history(hall: LiveHall) -> None:
    hall.issue("general")
    hall.issue("general")
    hall.issue("social")
    hall.call("1")
    hall.counter("2", "pause", clerk_id="c2", reason="午休")
    hall.clock.advance(14 * 3600 + 59 * 60)   # 23:59 in Beijing (15:59 UTC): still the same business day
    assert hall.issue("general")["number"] == "A003"
    hall.clock.advance(2 * 60)                 # 00:01 in Beijing, still 2 March in UTC
    fresh = hall.issue("general")
    assert (fresh["number"], fresh["business_day"]) == ("A001", "2026-03-03")
    snapshot = hall.snapshot()
    assert snapshot["business_day"] == "2026-03-03"
    assert [t["number"] for t in snapshot["waiting"]] == ["A001"]
    assert all(not c["paused"] and c["current"] is None and c["clerk_id"] is None for c in snapshot["counters"])
    yesterday = hall.http("admin").get("/v1/stats", params={"date": "2026-03-02"}).json()["hall"]
    assert (yesterday["tickets"], yesterday["expired"], yesterday["open"]) == (4, 4, 0)
    assert yesterday["abandonment_rate"] == 1.0
    today = hall.http("admin").get("/v1/stats").json()
    assert today["date"] == "2026-03-03" and today["hall"]["tickets"] == 1


def test_key_figures_per_service_counter_clerk_and_hour(hall: LiveHall) -> None:
    a1, _, b1 = hall.issue("general"), hall.issue("general"), hall.issue("social")
    hall.clock.advance(300)
    assert hall.call("1", clerk="c1", service_codes=["general"])["id"] == a1["id"]  # waited 300 s
    hall.clock.advance(60)
    hall.counter("1", "start")                                 # walked 60 s
    hall.clock.advance(600)
    hall.counter("1", "finish")                                # served 600 s
    hall.clock.advance(540)
    assert hall.call("2", clerk="c2")["number"] == "A002"      # waited 1500 s > target 1200 s
    hall.clock.advance(120)
    hall.counter("2", "no-show")
    assert hall.http("kiosk").post(f"/v1/tickets/{b1['id']}/cancel").status_code == 200
    hall.clock.advance(3600)
    hall.issue("general")                                      # 10:xx, still waiting

    stats = hall.http("counter").get("/v1/stats", params={"date": "2026-03-02"}).json()
    assert stats["service_level_target_s"] == 1200
    assert stats["hall"] == {
        "tickets": 4, "called": 2, "served": 1, "no_show": 1, "cancelled": 1, "expired": 0, "open": 1,
        "wait_mean_s": 900.0, "wait_p90_s": 1500.0, "walk_mean_s": 60.0, "service_mean_s": 600.0,
        "no_show_rate": 0.5, "abandonment_rate": 0.25, "over_target_share": 0.5}
    social = stats["by_service"]["social"]
    assert (social["tickets"], social["cancelled"], social["abandonment_rate"], social["no_show_rate"]) == (
        1, 1, 1.0, None)
    assert stats["by_service"]["general"]["tickets"] == 3
    assert set(stats["by_counter"]) == {"1", "2"} and stats["by_counter"]["1"]["served"] == 1
    assert stats["by_counter"]["2"]["no_show_rate"] == 1.0
    assert set(stats["by_clerk"]) == {"c1", "c2"}
    assert {hour: group["tickets"] for hour, group in stats["by_hour"].items()} == {"09": 3, "10": 1}


def test_a_day_without_tickets_has_no_figures_rather_than_zeros(hall: LiveHall) -> None:
    empty = hall.http("admin").get("/v1/stats", params={"date": "2025-12-31"}).json()["hall"]
    assert empty["tickets"] == 0 and empty["wait_mean_s"] is None and empty["no_show_rate"] is None
    assert_error(hall.http("admin").get("/v1/stats", params={"date": "31/12/2025"}), 422, "STATS_DATE_INVALID")
