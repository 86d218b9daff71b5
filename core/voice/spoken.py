"""How the hall reads a sentence aloud, and the pinyin that espeak-ng's ``cmn-latn-pinyin`` voice takes.

Number reading follows hall practice: a ticket number is its letter followed by every digit on its own
("A012" → "A 零一二", never "A 十二": the leading zeros are part of what people hold in their hand), while a
counter is a plain cardinal ("3号窗口" → "三号窗口", "12号窗口" → "十二号窗口").

espeak-ng 1.51 offers two Mandarin voices. ``cmn`` reads Chinese characters through its own dictionary but
speaks the dictionary's tone digits aloud in English ("请" comes out as "qing three"). ``cmn-latn-pinyin``
reads Latin text as pinyin, a syllable with its tone digit appended ("qing3 dao4"; 5 or nothing for the
neutral tone), and a lone capital as the letter's name ("A" → ei). So the text goes through pypinyin (which
picks a polyphonic character's reading from its neighbours: 银行 hang2, 行走 xing2) into that form, with
every Latin letter on its own (espeak-ng would read "AB" as an English word) and no Arabic digit left (the
voice would take a digit for a tone).
"""

from __future__ import annotations

import re

DIGITS = "零一二三四五六七八九"
_TICKET = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{1,3})\s*(\d+)")
_NUMBER = re.compile(r"\d+")
_COUNTER_NAME = re.compile(r"^\s*(\d+)\s*(?:号\s*(?:窗口)?)?\s*$")
_PAUSES = {"，": ",", "、": ",", "；": ",", "：": ",", "。": ".", "！": ".", "？": ".",
           ",": ",", ";": ",", ":": ",", ".": ".", "!": ".", "?": "."}
MAX_CARDINAL = 9999  # larger figures (a phone number, a case number) are read digit by digit


def digits_one_by_one(digits: str) -> str:
    return "".join(DIGITS[int(d)] for d in digits)


def cardinal(number: int) -> str:
    """0 … 9999 as a Chinese cardinal: 3 → 三, 10 → 十, 12 → 十二, 105 → 一百零五, 1010 → 一千零一十."""
    if not 0 <= number <= MAX_CARDINAL:
        raise ValueError(f"cardinal() reads 0 … {MAX_CARDINAL}, not {number}")
    if number == 0:
        return DIGITS[0]
    if 10 <= number < 20:
        return "十" + (DIGITS[number - 10] if number > 10 else "")
    out, zero_pending = [], False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, value)
        if digit:
            if zero_pending and out:
                out.append(DIGITS[0])
            out.append(DIGITS[digit] + unit)
            zero_pending = False
        else:
            zero_pending = True
    return "".join(out)


def _number(match: re.Match[str]) -> str:
    digits = match.group(0)
    if (len(digits) > 1 and digits.startswith("0")) or int(digits) > MAX_CARDINAL:
        return digits_one_by_one(digits)
    return cardinal(int(digits))


def spoken_chinese(text: str) -> str:
    """``text`` with every figure written out as it is read: "请 A012 号 到 3 号窗口 办理" → 请A零一二号到三号窗口办理.

    Latin letters stay (the voice names them); spaces between Chinese words go (they mean nothing aloud).
    """
    text = _TICKET.sub(lambda m: f" {' '.join(m.group(1).upper())} {digits_one_by_one(m.group(2))} ", text)
    text = _NUMBER.sub(_number, text)
    return re.sub(r"\s*([^\x00-\x7f])\s*", r"\1", re.sub(r"\s+", " ", text)).strip()


def _not_chinese(chunk: str) -> list[str]:
    tokens = []
    for char in chunk:
        if char.isascii() and char.isalpha():
            tokens.append(char.upper())
        elif char in _PAUSES:
            tokens.append(_PAUSES[char])
    return tokens


def to_pinyin(text: str) -> str:
    """What ``espeak-ng -v cmn-latn-pinyin`` should read for ``text``: "请 A012 号" → "qing3 A ling2 yi1 er4 hao4"."""
    from pypinyin import Style, lazy_pinyin  # 0.14 s of dictionaries: loaded on the first announcement, not at start

    syllables = lazy_pinyin(spoken_chinese(text), style=Style.TONE3, neutral_tone_with_five=True,
                            errors=_not_chinese)
    return re.sub(r" ([,.])", r"\1", " ".join(s for s in syllables if s.strip()))


def call_announcement(number: str, counter: str) -> str:
    """The standard call, as the hall says it: "请 A012 号 到 3 号窗口 办理".

    ``counter`` is a counter number ("3") or name ("3号窗口", "综合服务窗口"); a name that is not a number is
    said as it is ("请 A012 号 到 综合服务窗口 办理").
    """
    match = _COUNTER_NAME.match(counter)
    where = f"{match.group(1)} 号窗口" if match else counter.strip()
    return f"请 {number.strip()} 号 到 {where} 办理"


def counter_number(counter: str) -> str | None:
    """"3", "3号窗口" → "3"; a counter named otherwise → None."""
    match = _COUNTER_NAME.match(counter)
    return match.group(1) if match else None
