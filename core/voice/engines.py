"""Voices: Chinese text in, one WAV (bytes) out. ``synthesize`` blocks: call it from a worker thread.

* ``EspeakVoice``: espeak-ng with the ``cmn-latn-pinyin`` voice, fed tone-numbered pinyin (see ``spoken``).
  Open source and on every Debian (``scripts/system-deps.sh`` installs it); robotic but clear.
* ``ClipVoice``: pre-recorded clips in a folder, for a hall that wants a human voice. A sentence is put
  together from the longest clips that match it: ``请.wav``, ``A.wav``, ``零.wav`` … ``号窗口办理.wav`` (file
  names are the words they say; every clip 16-bit PCM at one sample rate).
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Protocol

from core.voice import wav
from core.voice.errors import VoiceEngineMissing, VoiceError
from core.voice.spoken import spoken_chinese, to_pinyin

log = logging.getLogger(__name__)

ESPEAK = "espeak-ng"
ESPEAK_VOICE = "cmn-latn-pinyin"
# Words per minute: espeak-ng's default (175) hurries a hall call; 140 is unhurried and still short.
ESPEAK_SPEED = 140
SYNTHESIS_TIMEOUT_S = 10.0


class Voice(Protocol):
    def check(self) -> None:
        """Raise ``VoiceEngineMissing`` (fast, no synthesis) when this voice cannot speak at all."""

    def synthesize(self, text: str) -> bytes:
        """``text`` (Chinese, figures allowed) spoken, as WAV bytes."""


class EspeakVoice:
    def __init__(self, *, executable: str = ESPEAK, voice: str = ESPEAK_VOICE, speed: int = ESPEAK_SPEED) -> None:
        self.executable = executable
        self.voice = voice
        self.speed = speed

    def _path(self) -> str:
        found = shutil.which(self.executable)
        if found is None:
            raise VoiceEngineMissing(f"{self.executable} not found on PATH (apt install espeak-ng; "
                                     "scripts/system-deps.sh installs it)")
        return found

    def check(self) -> None:
        self._path()

    def synthesize(self, text: str) -> bytes:
        pinyin = to_pinyin(text)
        if not pinyin:
            raise VoiceError(f"nothing to say in {len(text)} characters")
        # -w writes a WAV with a true length in its header (--stdout cannot seek back to fill it in).
        handle, name = tempfile.mkstemp(prefix="hallterm-voice-", suffix=".wav")
        os.close(handle)
        try:
            command = [self._path(), "-v", self.voice, "-s", str(self.speed), "-w", name, "--stdin"]
            try:
                result = subprocess.run(command, input=pinyin.encode("utf-8"), capture_output=True,
                                        timeout=SYNTHESIS_TIMEOUT_S, check=False)
            except FileNotFoundError:  # removed between which() and run()
                raise VoiceEngineMissing(f"{self.executable} vanished") from None
            except subprocess.TimeoutExpired:
                raise VoiceError(f"{self.executable} took over {SYNTHESIS_TIMEOUT_S:.0f} s") from None
            stderr = result.stderr.decode("utf-8", "replace").strip()
            if result.returncode != 0:
                raise VoiceError(f"{self.executable} -v {self.voice} exited {result.returncode}: {stderr[:200]}")
            data = Path(name).read_bytes()
        finally:
            Path(name).unlink(missing_ok=True)
        if wav.read(data, what=self.executable).duration_s <= 0:
            raise VoiceError(f"{self.executable} -v {self.voice} produced no audio: {stderr[:200]}")
        return data


class ClipVoice:
    """Sentences put together from recorded clips named after the words they say."""

    def __init__(self, folder: Path | str) -> None:
        self.folder = Path(folder)
        self._clips: dict[str, Path] | None = None

    def _index(self) -> dict[str, Path]:
        if self._clips is None:
            if not self.folder.is_dir():
                raise VoiceEngineMissing(f"voice clip folder {self.folder} does not exist",
                                         code="VOICE_CLIPS_MISSING")
            self._clips = {p.stem: p for p in self.folder.glob("*.wav")}
            if not self._clips:
                raise VoiceEngineMissing(f"no .wav clips in {self.folder}", code="VOICE_CLIPS_MISSING")
        return self._clips

    def check(self) -> None:
        self._index()

    def synthesize(self, text: str) -> bytes:
        clips = self._index()
        longest = max(len(word) for word in clips)
        spoken = spoken_chinese(text).replace(" ", "")
        parts, at = [], 0
        while at < len(spoken):
            for size in range(min(longest, len(spoken) - at), 0, -1):
                word = spoken[at:at + size]
                if word in clips:
                    parts.append(wav.read(clips[word].read_bytes(), what=clips[word].name))
                    at += size
                    break
            else:
                if spoken[at] in "，。、；：,.;:!?！？":
                    at += 1  # punctuation without a clip of its own: a short pause is enough
                    if parts:
                        parts.append(wav.silence(0.25, parts[-1].rate, parts[-1].channels))
                    continue
                raise VoiceError(f"no clip in {self.folder} for {spoken[at]!r}", code="VOICE_CLIP_MISSING")
        return wav.write(wav.join(parts))


def create_voice(clips_folder: Path | str | None = None) -> Voice:
    """The recorded clips when a folder is configured, espeak-ng otherwise."""
    return ClipVoice(clips_folder) if clips_folder else EspeakVoice()
