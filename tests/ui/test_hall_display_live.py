"""The call board fed by a real hall server: real HallClient + HallListener publishing on the context's bus.

Issue tickets at the "kiosk", call them from a "counter", and the board shows the call, counts the waiting
and queues the spoken call; stop the server and the board says the link is down, start it and the banner
goes. The voice is real (espeak-ng); only the speaker is a ``RecordingSink``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from core.queueing import HallClient, HallListener, Role
from core.voice import AnnouncementRenderer, EspeakVoice
from hall_display import create_main_window
from hall_server.embedded import RunningHallServer, start_in_thread
from ui_common.announcer import Announcer, RecordingSink

MONDAY_9AM = datetime(2026, 3, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")).timestamp()


@dataclass
class LiveBoard:
    window: object
    server: RunningHallServer
    kiosk: HallClient
    counter: HallClient
    listener: HallListener
    announcer: Announcer
    db_url: str


def _start(db_url: str, port: int = 0) -> RunningHallServer:
    return start_in_thread(db_url, port=port, now=lambda: MONDAY_9AM)


def _board(qtbot, ctx, tmp_path: Path, voice: EspeakVoice) -> Iterator[LiveBoard]:
    db_url = f"sqlite:///{tmp_path}/hall.sqlite3"
    server = _start(db_url)
    ctx.announcer = Announcer(AnnouncementRenderer(voice), RecordingSink(time_scale=0.02))
    window = create_main_window(ctx)
    qtbot.addWidget(window)
    window.resize(1920, 1080)
    window.show()
    display = HallClient(server.url, server.tokens[Role.DISPLAY], bus=ctx.bus, timeout=2)
    listener = HallListener(display, ctx.bus, backoff=(0.1, 0.2))
    kiosk = HallClient(server.url, server.tokens[Role.KIOSK])
    counter = HallClient(server.url, server.tokens[Role.COUNTER])
    listener.start()
    board = LiveBoard(window, server, kiosk, counter, listener, ctx.announcer, db_url)
    try:
        yield board
    finally:
        listener.stop()
        for client in (display, kiosk, counter):
            client.close()
        board.server.stop()
        window.close()
        ctx.announcer.close()
        ctx.announcer.deleteLater()


@pytest.fixture
def live(qtbot, make_ctx, tmp_path: Path) -> Iterator[LiveBoard]:
    yield from _board(qtbot, make_ctx("display"), tmp_path, EspeakVoice())


def _waiting(window) -> dict[str, str]:
    labels = [label.text() for label in window._waiting_rows.findChildren(type(window.call_label))]
    return dict(zip(labels[0::2], labels[1::2], strict=False))


def test_a_call_goes_up_huge_and_is_announced(qtbot, live: LiveBoard) -> None:
    window = live.window
    qtbot.waitUntil(lambda: _waiting(window).get("综合业务") == "0 人", timeout=5000)
    live.kiosk.issue_ticket("general")
    live.kiosk.issue_ticket("general")
    live.kiosk.issue_ticket("social")
    # The three tickets may arrive in one event or in several (the server's event hub batches 10 ms).
    qtbot.waitUntil(lambda: _waiting(window).get("综合业务") == "2 人" and _waiting(window).get("社保医保") == "1 人",
                    timeout=5000)

    live.counter.call_next("2", "c002", service_codes=["general"])  # counter 2 serves both: ask for A
    qtbot.waitUntil(lambda: window.current_call == ("A001", "2"), timeout=5000)
    assert window.call_text() == "请 A001 号 到 2 号窗口办理"
    assert window.call_label.font().pointSizeF() >= 60
    qtbot.waitUntil(lambda: _waiting(window).get("综合业务") == "1 人", timeout=5000)
    qtbot.waitUntil(lambda: list(live.announcer.history) == ["请 A001 号 到 2 号窗口 办理"], timeout=5000)

    live.counter.call_next("3", "c003")  # counter 3 serves 社保医保 only
    qtbot.waitUntil(lambda: window.current_call == ("B001", "3"), timeout=5000)
    assert window.recent_calls == [("A001", "2")]
    qtbot.waitUntil(lambda: "请 B001 号 到 3 号窗口 办理" in live.announcer.history, timeout=5000)
    qtbot.waitUntil(lambda: live.announcer.playing is None and not live.announcer.pending, timeout=10_000)
    sink = live.announcer.sink
    assert isinstance(sink, RecordingSink) and len(sink.played) == 2


def test_a_recall_is_said_twice_and_listed_once(qtbot, live: LiveBoard) -> None:
    window = live.window
    qtbot.waitUntil(lambda: _waiting(window).get("综合业务") == "0 人", timeout=5000)  # following the hall
    live.kiosk.issue_ticket("general")
    live.counter.call_next("1", "c001")
    qtbot.waitUntil(lambda: window.current_call == ("A001", "1"), timeout=5000)
    live.counter.recall("1")
    call = "请 A001 号 到 1 号窗口 办理"
    qtbot.waitUntil(lambda: list(live.announcer.history) == [call, call, call], timeout=10_000)
    assert window.current_call == ("A001", "1") and window.recent_calls == []
    sink = live.announcer.sink
    qtbot.waitUntil(lambda: live.announcer.playing is None, timeout=5000)
    assert isinstance(sink, RecordingSink) and len(sink.played) == 3
    assert live.announcer.renderer.syntheses == 1


def test_link_down_shows_a_calm_banner_until_the_server_is_back(qtbot, live: LiveBoard) -> None:
    window = live.window
    qtbot.waitUntil(lambda: _waiting(window).get("综合业务") == "0 人", timeout=5000)
    assert not window.link_banner.isVisible()
    port = int(live.server.url.rsplit(":", 1)[1])
    live.server.stop()
    qtbot.waitUntil(window.link_banner.isVisible, timeout=10_000)
    assert window.link_banner.text() == "排队服务连接中断，正在重连…"
    assert window.call_text() == "暂无叫号"  # the board itself carries on
    live.server = _start(live.db_url, port=port)
    qtbot.waitUntil(lambda: not window.link_banner.isVisible(), timeout=10_000)


def test_a_display_that_starts_late_shows_earlier_calls_without_saying_them(qtbot, make_ctx, tmp_path) -> None:
    ctx = make_ctx("display")
    db_url = f"sqlite:///{tmp_path}/hall.sqlite3"
    server = _start(db_url)
    try:
        with HallClient(server.url, server.tokens[Role.KIOSK]) as kiosk, \
                HallClient(server.url, server.tokens[Role.COUNTER]) as counter:
            kiosk.issue_ticket("general")
            kiosk.issue_ticket("general")
            counter.call_next("1", "c001")
            counter.call_next("2", "c002")
    finally:
        server.stop()
    board = _board(qtbot, ctx, tmp_path, EspeakVoice())
    live = next(board)
    try:
        qtbot.waitUntil(lambda: live.window.current_call == ("A002", "2"), timeout=5000)
        assert live.window.recent_calls == [("A001", "1")]
        assert list(live.announcer.history) == [] and live.announcer.pending == []
    finally:
        board.close()


def test_without_a_voice_the_board_works_silently_and_says_so(qtbot, make_ctx, tmp_path) -> None:
    board = _board(qtbot, make_ctx("display"), tmp_path, EspeakVoice(executable="hallterm-no-such-espeak"))
    live = next(board)
    try:
        window = live.window
        assert window.voice_status.isVisible() and window.voice_status.text() == "语音不可用"
        qtbot.waitUntil(lambda: _waiting(window).get("综合业务") == "0 人", timeout=5000)
        live.kiosk.issue_ticket("general")
        live.counter.call_next("1", "c001")
        qtbot.waitUntil(lambda: window.current_call == ("A001", "1"), timeout=5000)
        assert list(live.announcer.history) == [] and live.announcer.pending == []
    finally:
        board.close()
