"""``AnnouncementRenderer``: what a call sounds like, chime then speech, as one WAV.

One clip per announcement so a player cannot put a gap (or another sound) between the chime and the words.
The speech of each distinct sentence is kept in an LRU cache: a recall, or the same call repeated, costs
no second synthesis. Thread-safe (``functools.lru_cache`` is), so the worker that synthesises may change.
"""

from __future__ import annotations

from functools import lru_cache

from core.voice import wav
from core.voice.engines import Voice

CACHE_SIZE = 64           # a morning's worth of distinct calls at one display; a few MB at 22 kHz
GAP_AFTER_CHIME_S = 0.35


class AnnouncementRenderer:
    def __init__(self, voice: Voice, *, cache_size: int = CACHE_SIZE, chime: bool = True) -> None:
        self.voice = voice
        self.with_chime = chime
        self._speech = lru_cache(maxsize=cache_size)(self._synthesize)

    def check(self) -> None:
        """``VoiceEngineMissing`` when the voice cannot speak at all (no synthesis, fast)."""
        self.voice.check()

    def render(self, text: str) -> bytes:
        """Chime, a breath, then ``text`` spoken: WAV bytes. Blocks on a cache miss."""
        speech = self._speech(text)
        if not self.with_chime:
            return wav.write(speech)
        gap = wav.silence(GAP_AFTER_CHIME_S, speech.rate, speech.channels)
        return wav.write(wav.join((wav.chime(speech.rate, speech.channels), gap, speech)))

    def _synthesize(self, text: str) -> wav.Pcm:
        return wav.read(self.voice.synthesize(text), what="speech")

    @property
    def syntheses(self) -> int:
        """How many sentences were synthesised (cache misses) so far."""
        return self._speech.cache_info().misses
