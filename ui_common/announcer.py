"""Spoken announcements in a queue: each is chime + speech, each plays to its end, a recall plays twice.

    announcer = Announcer.from_context(ctx)          # espeak-ng (or clips) into the sound card
    announcer.announce("请 A012 号 到 3 号窗口 办理")
    announcer.announce("请 A012 号 到 3 号窗口 办理", times=2)   # a recall

The call display uses it for calls; the kiosk can use it for its voice guidance. Synthesis (espeak-ng, a
few tens of milliseconds, cached after the first time) runs on the announcer's own voice thread through the
task runner, so the GUI never waits; announcements play in the order they were asked for even when a
later one is synthesised first. Nothing ever stops a clip that is playing except ``close()``.

Playing is a sink's job (``AudioSink``): ``QtAudioSink`` feeds the PCM to the sound card through
QtMultimedia's ``QAudioSink``; with no output device (a container, a display whose HDMI audio is off) it
logs ``AUDIO_OUTPUT_MISSING`` once and keeps the queue's timing without sound. ``RecordingSink`` records
what it was given and takes the clip's duration (scaled) on a timer: tests and screenshots use it.

When the voice cannot speak at all (``VOICE_ENGINE_MISSING``: espeak-ng not installed) ``available`` turns
False, ``availability_changed(False)`` tells the screen (the board shows a small 语音不可用), and
announcements are dropped: the board keeps working silently.
"""

from __future__ import annotations

import logging
from collections import deque
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QTimer, Signal
from PySide6.QtMultimedia import QAudio, QAudioFormat, QAudioSink, QMediaDevices

from core.errors import HalltermError
from core.voice import AnnouncementRenderer, VoiceEngineMissing, create_voice, wav
from ui_common.tasks import TaskRunner, describe_failure

log = logging.getLogger(__name__)

DEFAULT_VOLUME = 80
RECALL_TIMES = 2
FINISH_GRACE_MS = 2000  # a backend that never reports the end of a clip must not hold the queue for ever


class AudioSink(QObject):
    """Plays one WAV at a time; emits ``finished`` when it has been heard to its end (or failed)."""

    finished = Signal()

    def play(self, data: bytes) -> None:
        raise NotImplementedError

    def set_volume(self, level: float) -> None:
        """0.0 (mute) … 1.0."""

    def stop(self) -> None:
        """Only for shutting down: the announcer never cuts a clip short."""

    @property
    def available(self) -> bool:
        return True


class RecordingSink(AudioSink):
    """Plays nothing: records each clip and finishes after its duration × ``time_scale`` (on a timer)."""

    def __init__(self, parent: QObject | None = None, *, time_scale: float = 1.0) -> None:
        super().__init__(parent)
        self.time_scale = time_scale
        self.played: list[bytes] = []
        self.volume = 1.0
        self._timer = QTimer(self)
        self._timer.setObjectName("RecordingSink")
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.finished)

    @property
    def playing(self) -> bool:
        return self._timer.isActive()

    def play(self, data: bytes) -> None:
        if self._timer.isActive():
            raise RuntimeError("RecordingSink.play() while a clip is still playing")
        self.played.append(data)
        self._timer.start(max(1, round(wav.duration_s(data) * 1000 * self.time_scale)))

    def set_volume(self, level: float) -> None:
        self.volume = level

    def stop(self) -> None:
        self._timer.stop()


class QtAudioSink(AudioSink):
    """The sound card, through ``QAudioSink`` (raw PCM: no decoder, no temporary file)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._volume = DEFAULT_VOLUME / 100
        self._sink: QAudioSink | None = None
        self._buffer: QBuffer | None = None
        self._silent: RecordingSink | None = None
        self._device_checked = False
        self._watchdog = QTimer(self)
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(self._give_up)

    @property
    def available(self) -> bool:
        return self._silent is None

    def set_volume(self, level: float) -> None:
        self._volume = level
        if self._sink is not None:
            self._sink.setVolume(level)

    def play(self, data: bytes) -> None:
        if not self._device_checked:
            self._device_checked = True  # probed once, at the first clip: not on the display's first frame
            if QMediaDevices.defaultAudioOutput().isNull():
                log.warning("AUDIO_OUTPUT_MISSING: no audio output device; announcements are timed but silent")
                self._silent = RecordingSink(self)
                self._silent.finished.connect(self.finished)
        if self._silent is not None:
            self._silent.play(data)
            return
        try:
            pcm = wav.read(data)
        except HalltermError as exc:
            log.error("AUDIO_PLAYBACK_FAILED %s", describe_failure(exc))
            QTimer.singleShot(0, self, self.finished.emit)
            return
        audio_format = QAudioFormat()
        audio_format.setSampleRate(pcm.rate)
        audio_format.setChannelCount(pcm.channels)
        audio_format.setSampleFormat(QAudioFormat.SampleFormat.Int16)
        self._release()
        self._sink = QAudioSink(QMediaDevices.defaultAudioOutput(), audio_format, self)
        self._sink.setVolume(self._volume)
        self._sink.stateChanged.connect(self._on_state)
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pcm.frames))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self._watchdog.start(round(pcm.duration_s * 1000) + FINISH_GRACE_MS)
        self._sink.start(self._buffer)

    def _on_state(self, state: QAudio.State) -> None:
        if self._sink is None:
            return
        if state == QAudio.State.IdleState:  # the buffer ran dry: heard to the end
            self._done()
        elif state == QAudio.State.StoppedState and self._sink.error() != QAudio.Error.NoError:
            log.error("AUDIO_PLAYBACK_FAILED QAudioSink error %s", self._sink.error())
            self._done()

    def _give_up(self) -> None:
        log.warning("AUDIO_PLAYBACK_STUCK: the audio backend did not report the end of a clip")
        self._done()

    def _done(self) -> None:
        self._watchdog.stop()
        self._release()
        self.finished.emit()

    def _release(self) -> None:
        sink, buffer, self._sink, self._buffer = self._sink, self._buffer, None, None
        if sink is not None:
            sink.stateChanged.disconnect(self._on_state)
            sink.stop()
            sink.deleteLater()
        if buffer is not None:
            buffer.close()
            buffer.deleteLater()

    def stop(self) -> None:
        self._watchdog.stop()
        self._release()
        if self._silent is not None:
            self._silent.stop()


@dataclass
class _Item:
    text: str
    plays: int
    audio: bytes | None = None
    failed: bool = False


class Announcer(QObject):
    started = Signal(str)    # the text whose clip began to play
    finished = Signal(str)   # … and ended
    availability_changed = Signal(bool)

    def __init__(self, renderer: AnnouncementRenderer, sink: AudioSink, *, tasks: TaskRunner | None = None,
                 volume: int = DEFAULT_VOLUME, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.renderer = renderer
        self.sink = sink
        if sink.parent() is None:
            sink.setParent(self)
        self._tasks = tasks or TaskRunner(self)
        # One voice thread: espeak-ng runs one sentence at a time and in order, never on the GUI thread.
        self._voice_thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="hallterm-voice")
        self._queue: deque[_Item] = deque()
        self._playing: _Item | None = None
        self._closed = False
        self.history: deque[str] = deque(maxlen=100)  # every text that started playing, oldest first
        self._available = True
        try:
            renderer.check()
        except VoiceEngineMissing as exc:
            self._mark_unavailable(exc)
        sink.finished.connect(self._on_clip_finished)
        self.set_volume(volume)

    @classmethod
    def from_context(cls, ctx: Any, *, sink: AudioSink | None = None, parent: QObject | None = None) -> Announcer:
        """The voice the settings ask for (``ui.voice_clips_dir`` or espeak-ng) at ``ui.voice_volume``."""
        renderer = AnnouncementRenderer(create_voice(ctx.setting("ui.voice_clips_dir")))
        return cls(renderer, sink or QtAudioSink(), tasks=ctx.tasks,
                   volume=int(ctx.setting("ui.voice_volume", DEFAULT_VOLUME)), parent=parent)

    # --- what screens call ----------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        return self._available

    @property
    def pending(self) -> list[str]:
        """Texts waiting to be heard (the one playing first), a recall once per remaining play."""
        return [item.text for item in self._queue for _ in range(item.plays)]

    @property
    def playing(self) -> str | None:
        return self._playing.text if self._playing is not None else None

    def set_volume(self, percent: int) -> None:
        self.sink.set_volume(max(0, min(100, percent)) / 100)

    def announce(self, text: str, *, times: int = 1) -> bool:
        """Queue ``text`` to be said ``times`` times after everything already queued. False when silent."""
        if self._closed or not self._available:
            log.debug("VOICE_SKIPPED: voice unavailable")
            return False
        item = _Item(text, max(1, times))
        self._queue.append(item)
        self._tasks.run(lambda: self.renderer.render(text), executor=self._voice_thread,
                        on_success=lambda audio: self._on_rendered(item, audio),
                        on_failure=lambda exc: self._on_render_failed(item, exc))
        return True

    def withdraw(self, texts: set[str]) -> int:
        """Take back queued announcements of these texts that have not started (a screen's spoken guidance
        that the person has already moved past). What is playing always finishes. Returns how many."""
        keep = [item for item in self._queue if item is self._playing or item.text not in texts]
        withdrawn = len(self._queue) - len(keep)
        self._queue.clear()
        self._queue.extend(keep)
        return withdrawn

    def close(self) -> None:
        """Stop at once (the only cut-off there is) and let the voice thread finish what it holds."""
        if self._closed:
            return
        self._closed = True
        self._queue.clear()
        self._playing = None
        self.sink.stop()
        self._voice_thread.shutdown(wait=True, cancel_futures=True)

    # --- the queue -------------------------------------------------------------------------------------
    def _on_rendered(self, item: _Item, audio: bytes) -> None:
        if not self._closed:
            item.audio = audio
            self._pump()

    def _on_render_failed(self, item: _Item, exc: BaseException) -> None:
        if self._closed:
            return
        log.error("VOICE_FAILED %s", describe_failure(exc))
        item.failed = True
        if isinstance(exc, VoiceEngineMissing):
            self._mark_unavailable(exc)
            self._queue.clear()
        self._pump()

    def _pump(self) -> None:
        if self._playing is not None or self._closed:
            return
        while self._queue and self._queue[0].failed:
            self._queue.popleft()
        if not self._queue or self._queue[0].audio is None:
            return  # the next in line is still being synthesised: the ones behind it wait their turn
        self._playing = item = self._queue[0]
        self.history.append(item.text)
        self.started.emit(item.text)
        assert item.audio is not None
        self.sink.play(item.audio)

    def _on_clip_finished(self) -> None:
        item, self._playing = self._playing, None
        if item is None or self._closed:
            return
        item.plays -= 1
        if item.plays == 0 and self._queue and self._queue[0] is item:
            self._queue.popleft()
        self.finished.emit(item.text)
        self._pump()

    def _mark_unavailable(self, exc: HalltermError) -> None:
        log.warning("%s: %s; announcements are shown, not spoken", exc.code, exc.detail)
        if self._available:
            self._available = False
            self.availability_changed.emit(False)
