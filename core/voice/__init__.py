"""Spoken announcements, Qt-free: Chinese text in, WAV bytes out.

* ``spoken``: how a hall reads its numbers aloud ("A012" → A 零一二, "3号窗口" → 三号窗口) and the pinyin
  with tone digits that espeak-ng's ``cmn-latn-pinyin`` voice reads;
* ``engines``: ``EspeakVoice`` (espeak-ng) and ``ClipVoice`` (pre-recorded clips), both ``synthesize(text)``;
* ``chime`` / ``wav``: the two-tone chime before each announcement and the WAV plumbing;
* ``AnnouncementRenderer``: chime + speech as one WAV, synthesised phrases kept in an LRU cache.

Playing the bytes is the UI's business (``ui_common.announcer``).
"""

from core.voice.engines import ClipVoice, EspeakVoice, Voice, create_voice
from core.voice.errors import VoiceEngineMissing, VoiceError
from core.voice.renderer import AnnouncementRenderer
from core.voice.spoken import call_announcement, spoken_chinese, to_pinyin

__all__ = [
    "AnnouncementRenderer", "ClipVoice", "EspeakVoice", "Voice", "VoiceEngineMissing", "VoiceError",
    "call_announcement", "create_voice", "spoken_chinese", "to_pinyin",
]
