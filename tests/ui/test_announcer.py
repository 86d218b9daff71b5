"""ui_common.announcer: calls queue, never overlap, each is chime + speech, a recall plays twice."""

from __future__ import annotations

import logging
import time

import pytest

from core.voice import AnnouncementRenderer, EspeakVoice, wav
from ui_common.announcer import Announcer, QtAudioSink, RecordingSink

FIRST = "请 A001 号 到 1 号窗口 办理"
SECOND = "请 B001 号 到 3 号窗口 办理"


@pytest.fixture
def make_announcer(qtbot):
    made: list[Announcer] = []

    def make(voice=None, *, time_scale: float = 0.05, **kwargs) -> Announcer:
        announcer = Announcer(AnnouncementRenderer(voice or EspeakVoice()), RecordingSink(time_scale=time_scale),
                              **kwargs)
        made.append(announcer)
        return announcer

    yield make
    for announcer in made:
        announcer.close()
        announcer.deleteLater()


def _timeline(announcer: Announcer) -> list[tuple[str, str, float]]:
    events: list[tuple[str, str, float]] = []
    announcer.started.connect(lambda text: events.append(("start", text, time.monotonic())))
    announcer.finished.connect(lambda text: events.append(("end", text, time.monotonic())))
    return events


def test_announcements_queue_and_never_overlap(qtbot, make_announcer) -> None:
    announcer = make_announcer()
    events = _timeline(announcer)
    assert announcer.announce(FIRST) and announcer.announce(SECOND)
    assert announcer.pending == [FIRST, SECOND]
    qtbot.waitUntil(lambda: announcer.playing == FIRST, timeout=5000)
    sink = announcer.sink
    assert isinstance(sink, RecordingSink) and sink.playing and len(sink.played) == 1  # B waits
    qtbot.waitUntil(lambda: len(events) == 4, timeout=10_000)
    assert [(kind, text) for kind, text, _ in events] == [("start", FIRST), ("end", FIRST),
                                                          ("start", SECOND), ("end", SECOND)]
    assert events[2][2] >= events[1][2]  # the second began only after the first had ended
    assert list(announcer.history) == [FIRST, SECOND] and announcer.pending == []
    # Each clip is the chime, then the words.
    chime = wav.chime()
    for clip in sink.played:
        assert wav.read(clip).frames.startswith(chime.frames)
        assert wav.duration_s(clip) > chime.duration_s + 1.5


def test_a_recall_plays_twice_from_one_synthesis(qtbot, make_announcer) -> None:
    announcer = make_announcer()
    ended: list[str] = []
    announcer.finished.connect(ended.append)
    announcer.announce(FIRST, times=2)
    announcer.announce(SECOND)
    assert announcer.pending == [FIRST, FIRST, SECOND]
    qtbot.waitUntil(lambda: len(ended) == 3, timeout=10_000)
    assert ended == [FIRST, FIRST, SECOND]
    sink = announcer.sink
    assert isinstance(sink, RecordingSink)
    assert sink.played[0] == sink.played[1] != sink.played[2]
    assert announcer.renderer.syntheses == 2


def test_without_espeak_it_says_so_and_stays_silent(qtbot, make_announcer, caplog) -> None:
    caplog.set_level(logging.WARNING)
    announcer = make_announcer(EspeakVoice(executable="hallterm-no-such-espeak"))
    assert not announcer.available
    assert not announcer.announce(FIRST)
    assert announcer.pending == [] and announcer.playing is None
    assert "VOICE_ENGINE_MISSING" in caplog.text


def test_volume_follows_the_setting(qtbot, make_ctx) -> None:
    sink = RecordingSink()
    announcer = Announcer.from_context(make_ctx("display", **{"ui.voice_volume": 30}), sink=sink)
    try:
        assert sink.volume == pytest.approx(0.3)
        announcer.set_volume(0)
        assert sink.volume == 0
    finally:
        announcer.close()
        announcer.deleteLater()


def test_the_sound_card_sink_without_a_device_keeps_time_silently(qtbot, caplog) -> None:
    # This machine (a container) has no audio output: the real sink must log it and still pace the queue.
    caplog.set_level(logging.WARNING)
    sink = QtAudioSink()
    try:
        clip = wav.write(wav.silence(0.2, 22_050, 1))
        started = time.monotonic()
        with qtbot.waitSignal(sink.finished, timeout=3000):
            sink.play(clip)
        assert time.monotonic() - started >= 0.15
        if not sink.available:
            assert "AUDIO_OUTPUT_MISSING" in caplog.text
    finally:
        sink.stop()
        sink.deleteLater()
