"""core.voice: how the hall reads numbers, the pinyin espeak-ng gets, real WAVs, the chime, the cache, clips."""

from __future__ import annotations

import io
import subprocess
import wave
from pathlib import Path

import pytest

from core.voice import (
    AnnouncementRenderer,
    ClipVoice,
    EspeakVoice,
    VoiceEngineMissing,
    VoiceError,
    call_announcement,
    create_voice,
    spoken_chinese,
    to_pinyin,
    wav,
)
from core.voice.spoken import cardinal, counter_number

CALL = "请 A012 号 到 3 号窗口 办理"


def _wav_info(data: bytes) -> tuple[int, int, int, float]:
    with wave.open(io.BytesIO(data), "rb") as reader:
        return (reader.getframerate(), reader.getnchannels(), reader.getsampwidth(),
                reader.getnframes() / reader.getframerate())


def test_ticket_digits_one_by_one_counter_as_a_cardinal() -> None:
    assert spoken_chinese(CALL) == "请A零一二号到三号窗口办理"
    assert spoken_chinese("请 B100 号 到 12 号窗口 办理") == "请B一零零号到十二号窗口办理"
    assert spoken_chinese("请 ab7 号") == "请A B七号"       # every letter named on its own
    assert spoken_chinese("电话 13800138000") == "电话一三八零零一三八零零零"  # too long for a cardinal
    assert spoken_chinese("第 007 号") == "第零零七号"      # a leading zero is read, so digit by digit


@pytest.mark.parametrize(("number", "words"), [
    (0, "零"), (3, "三"), (10, "十"), (12, "十二"), (20, "二十"), (21, "二十一"), (100, "一百"),
    (105, "一百零五"), (110, "一百一十"), (1010, "一千零一十"), (1100, "一千一百"), (9999, "九千九百九十九")])
def test_cardinals(number: int, words: str) -> None:
    assert cardinal(number) == words


def test_the_standard_call_and_counter_names() -> None:
    assert call_announcement("A012", "3") == CALL
    assert call_announcement("A012", "3号窗口") == CALL
    assert call_announcement("A012", "综合服务窗口") == "请 A012 号 到 综合服务窗口 办理"
    assert counter_number("12号窗口") == "12" and counter_number("综合服务窗口") is None


def test_pinyin_carries_tone_digits_and_context_readings() -> None:
    assert to_pinyin(CALL) == "qing3 A ling2 yi1 er4 hao4 dao4 san1 hao4 chuang1 kou3 ban4 li3"
    assert to_pinyin("请到银行办理，谢谢！") == "qing3 dao4 yin2 hang2 ban4 li3, xie4 xie4."
    assert to_pinyin("好了") == "hao3 le5"  # neutral tone as 5, which the voice accepts


def _phonemes(voice: str, text: str) -> str:
    return subprocess.run(["espeak-ng", "-q", "-x", "-v", voice, text], capture_output=True, text=True,
                          check=True, timeout=10).stdout


def test_espeak_reads_tone_digits_as_tones_only_with_the_pinyin_voice() -> None:
    pinyin = to_pinyin(CALL)
    # cmn-latn-pinyin: one Mandarin syllable per token, tones as contour numbers, no switch to English.
    read = _phonemes("cmn-latn-pinyin", pinyin)
    assert "(en)" not in read and read.count("_|") == len(pinyin.split())
    assert "tS;h'i21N" in read  # qing3: third tone (21)
    # plain cmn switches to English for Latin text and says the digit: "qing three".
    assert "(en)" in _phonemes("cmn", pinyin) and "Tr'i:" in _phonemes("cmn", pinyin)


def test_espeak_produces_a_real_wav_of_plausible_length() -> None:
    data = EspeakVoice().synthesize(CALL)
    rate, channels, width, seconds = _wav_info(data)
    assert (rate, channels, width) == (22_050, 1, 2)
    assert 2.0 < seconds < 8.0  # 14 syllables at an unhurried pace
    frames = wav.read(data).frames
    assert max(abs(int.from_bytes(frames[i:i + 2], "little", signed=True)) for i in range(0, len(frames), 2)) > 3000


def test_an_announcement_is_chime_then_speech_and_a_recall_is_not_synthesised_again() -> None:
    renderer = AnnouncementRenderer(EspeakVoice())
    first = renderer.render(CALL)
    again = renderer.render(CALL)
    assert first == again and renderer.syntheses == 1
    speech = EspeakVoice().synthesize(CALL)
    chime = wav.chime()
    assert _wav_info(first)[3] == pytest.approx(_wav_info(speech)[3] + chime.duration_s + 0.35, abs=0.01)
    assert wav.read(first).frames.startswith(chime.frames)
    renderer.render("请 A013 号 到 3 号窗口 办理")
    assert renderer.syntheses == 2


def test_chime_is_two_falling_tones_that_fade() -> None:
    chime = wav.chime(16_000)
    assert chime.rate == 16_000 and 0.8 < chime.duration_s < 1.0
    frames = chime.frames
    half = len(frames) // 2
    loud = max(abs(int.from_bytes(frames[i:i + 2], "little", signed=True)) for i in range(0, 2000, 2))
    tail = max(abs(int.from_bytes(frames[i:i + 2], "little", signed=True)) for i in range(half - 400, half, 2))
    assert loud > 8000 and tail < loud / 4


def test_missing_espeak_is_a_clear_error() -> None:
    voice = EspeakVoice(executable="hallterm-no-such-espeak")
    with pytest.raises(VoiceEngineMissing) as missing:
        voice.check()
    assert missing.value.code == "VOICE_ENGINE_MISSING" and "apt install espeak-ng" in missing.value.detail
    with pytest.raises(VoiceEngineMissing):
        AnnouncementRenderer(voice).render(CALL)


def _clip(folder: Path, word: str, seconds: float, rate: int = 16_000) -> None:
    (folder / f"{word}.wav").write_bytes(wav.write(wav.silence(seconds, rate, 1)))


def test_recorded_clips_longest_words_first(tmp_path: Path) -> None:
    for word, seconds in (("请", 0.1), ("A", 0.2), ("零", 0.3), ("一", 0.4), ("二", 0.5), ("号", 0.6),
                          ("到", 0.7), ("三", 0.8), ("号窗口办理", 1.0), ("窗", 5.0), ("口", 5.0)):
        _clip(tmp_path, word, seconds)
    voice = create_voice(tmp_path)
    assert isinstance(voice, ClipVoice)
    data = voice.synthesize(CALL)
    # 请 A 零 一 二 号 到 三 号窗口办理 (the long clip, not 号 + 窗 + 口 + …)
    assert _wav_info(data)[3] == pytest.approx(0.1 + 0.2 + 0.3 + 0.4 + 0.5 + 0.6 + 0.7 + 0.8 + 1.0, abs=0.001)
    with pytest.raises(VoiceError) as missing:
        voice.synthesize("请 A015 号")
    assert missing.value.code == "VOICE_CLIP_MISSING" and "五" in missing.value.detail
    _clip(tmp_path, "五", 0.1, rate=22_050)
    with pytest.raises(VoiceError) as mixed:
        ClipVoice(tmp_path).synthesize("请 A015 号")
    assert mixed.value.code == "VOICE_CLIP_INVALID"


def test_clip_folder_missing_is_an_engine_missing_error(tmp_path: Path) -> None:
    with pytest.raises(VoiceEngineMissing) as missing:
        ClipVoice(tmp_path / "nowhere").check()
    assert missing.value.code == "VOICE_CLIPS_MISSING"
    assert isinstance(create_voice(None), EspeakVoice)
