"""长者模式 reads each screen's instruction aloud (espeak-ng through the announcer), and only the screen the
person is on: guidance for a screen already left is withdrawn before it starts."""

from __future__ import annotations

from kiosk import create_main_window
from tests.demo_terminal import demo_terminal
from ui_common.announcer import Announcer, RecordingSink
from ui_common.theme import apply_theme


def test_elderly_mode_reads_each_screen_and_english_is_not_read(qtbot, tmp_path, qapp):
    with demo_terminal(tmp_path, "kiosk", wanted=frozenset({"documents", "devices", "printing", "hall"})) as (
            ctx, _services):
        sink = RecordingSink(time_scale=0.02)
        ctx.announcer = Announcer.from_context(ctx, sink=sink)
        window = create_main_window(ctx)
        qtbot.addWidget(window)
        window.resize(1920, 1080)
        window.show()
        qtbot.waitExposed(window)
        try:
            qtbot.wait(500)
            assert window.voice_guide.spoken == []            # not in elderly mode: silent

            window.set_elderly(True)
            home = "您好！请选择要办理的业务。办理业务时，请将身份证平放在屏幕下方的读卡区"
            assert window.voice_guide.spoken == [home]

            window.open_journey("ticket")
            qtbot.waitUntil(lambda: len(window.voice_guide.spoken) == 2, timeout=5_000)
            heading = window.voice_guide.spoken[1]
            assert heading and heading != window.voice_guide.spoken[0]
            # The words really went through espeak-ng to the sink, in order, none cut off.
            qtbot.waitUntil(lambda: len(sink.played) >= 1, timeout=20_000)
            assert ctx.announcer.history[0] == window.voice_guide.spoken[0]

            window.reset()
            window.set_language("en")
            window.open_journey("ticket")
            qtbot.wait(600)
            assert len(window.voice_guide.spoken) == 2          # English screens are not read in Mandarin
        finally:
            window.set_language("zh_CN")
            window.set_elderly(False)
            apply_theme(qapp, False)
            ctx.announcer.close()
            window.close()


def test_guidance_for_a_screen_already_left_is_withdrawn(qtbot, make_ctx):
    from ui_common.tasks import TaskRunner

    ctx = make_ctx()
    ctx.tasks = TaskRunner()
    announcer = Announcer.from_context(ctx, sink=RecordingSink(time_scale=0.05))
    try:
        announcer.announce("第一句")
        announcer.announce("第二句")
        announcer.announce("第三句")
        assert announcer.withdraw({"第二句"}) == 1
        assert "第二句" not in announcer.pending
        qtbot.waitUntil(lambda: len(announcer.history) >= 2 and announcer.playing is None, timeout=20_000)
        assert list(announcer.history) == ["第一句", "第三句"]
    finally:
        announcer.close()
        ctx.tasks.shutdown()
