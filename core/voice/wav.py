"""WAV plumbing with the stdlib ``wave`` module: read, join, silence, and the chime before each call.

Everything here is 16-bit PCM (what espeak-ng writes, 22,050 Hz mono); clips in another layout are refused
with ``VOICE_CLIP_INVALID`` rather than played as noise.
"""

from __future__ import annotations

import io
import math
import sys
import wave
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from core.voice.errors import WavError

SAMPLE_WIDTH = 2  # bytes: 16-bit signed PCM
# The chime: a falling major third (E5 then C5), the "ding-dong" halls and stations use. Each note decays
# like a struck bell; a short fade-in keeps the speaker from clicking.
CHIME_NOTES_HZ = (659.25, 523.25)
CHIME_NOTE_S = 0.45
CHIME_LEVEL = 0.45  # of full scale: audible over a hall's murmur without startling anyone


@dataclass(frozen=True)
class Pcm:
    """Decoded PCM frames and their layout."""

    frames: bytes
    rate: int
    channels: int

    @property
    def duration_s(self) -> float:
        return len(self.frames) / (self.rate * self.channels * SAMPLE_WIDTH)


def read(data: bytes, *, what: str = "clip") -> Pcm:
    try:
        with wave.open(io.BytesIO(data), "rb") as reader:
            if reader.getsampwidth() != SAMPLE_WIDTH or reader.getcomptype() != "NONE":
                raise WavError(f"{what}: {8 * reader.getsampwidth()}-bit {reader.getcomptype()}, "
                               "want 16-bit PCM")
            return Pcm(reader.readframes(reader.getnframes()), reader.getframerate(), reader.getnchannels())
    except (wave.Error, EOFError) as exc:
        raise WavError(f"{what}: not a WAV file ({exc})") from None


def write(pcm: Pcm) -> bytes:
    out = io.BytesIO()
    with wave.open(out, "wb") as writer:
        writer.setnchannels(pcm.channels)
        writer.setsampwidth(SAMPLE_WIDTH)
        writer.setframerate(pcm.rate)
        writer.writeframes(pcm.frames)
    return out.getvalue()


def duration_s(data: bytes) -> float:
    return read(data).duration_s


def silence(seconds: float, rate: int, channels: int) -> Pcm:
    return Pcm(bytes(SAMPLE_WIDTH * channels * round(seconds * rate)), rate, channels)


def join(parts: Iterable[Pcm]) -> Pcm:
    """One PCM stream from several with the same layout (a mismatch is a configuration error)."""
    parts = list(parts)
    if not parts:
        raise WavError("nothing to join")
    rate, channels = parts[0].rate, parts[0].channels
    for part in parts[1:]:
        if (part.rate, part.channels) != (rate, channels):
            raise WavError(f"clips differ: {part.rate} Hz × {part.channels} after {rate} Hz × {channels}")
    return Pcm(b"".join(p.frames for p in parts), rate, channels)


def chime(rate: int = 22_050, channels: int = 1) -> Pcm:
    """The two-tone chime, synthesised (no file to ship or license)."""
    samples = array("h")
    per_note = round(CHIME_NOTE_S * rate)
    fade_in = round(0.005 * rate)
    for frequency in CHIME_NOTES_HZ:
        for i in range(per_note):
            t = i / rate
            envelope = math.exp(-4.0 * t / CHIME_NOTE_S) * min(1.0, i / fade_in)
            # A touch of the octave makes it a bell rather than a test tone.
            wave_value = math.sin(2 * math.pi * frequency * t) + 0.3 * math.sin(4 * math.pi * frequency * t)
            value = round(32767 * CHIME_LEVEL * envelope * wave_value / 1.3)
            samples.extend([value] * channels)
    if sys.byteorder == "big":  # WAV is little-endian
        samples.byteswap()
    return Pcm(samples.tobytes(), rate, channels)
