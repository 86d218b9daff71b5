"""Pinyin lookups: "ggcs" -> 公共场所…, "jzz" -> 居住证, "gonggong" -> 公共….

Kiosk keyboards offer pinyin, and many people type only the first letters of each syllable. Each short
text of an entry (name, short name, aliases, keywords) is turned into its initials and its full pinyin
with pypinyin (which picks the reading of a polyphonic character from the words around it: 长沙 chang,
重度 zhong). A Latin query then matches by

* exact initials or exact full pinyin (the strongest),
* a prefix of either (what someone has typed so far),
* the initials anywhere inside (``wsxkz`` inside ``ggcswsxkz``), from three letters on.

The initials are the first letter of each full syllable, which is what pypinyin's
``Style.FIRST_LETTER`` gives, without converting every text twice.

Texts are deduplicated before matching, so a catalogue whose items share keywords costs one scan per
distinct text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pypinyin import lazy_pinyin

from core.guide.text import normalise

EXACT, PREFIX, INSIDE = 1.0, 0.7, 0.4   # how much of a field's weight each kind of hit earns
MIN_INSIDE = 3                          # "ws" inside every other name would be noise
MIN_FULL_PREFIX = 3                     # "go" is a prefix of too many syllables


@dataclass(frozen=True, slots=True)
class Spelling:
    initials: str   # "ggcswsxkz"
    full: str       # "gonggongchangsuoweishengxukezheng"


def spell(text: str) -> Spelling:
    """Initials and full pinyin of a text; digits and Latin letters are kept as they are, punctuation goes."""
    # Non-Han runs come back upper-cased, so they cannot be mistaken for a Han reading (always lower case).
    syllables = lazy_pinyin(normalise(text).replace(" ", ""), errors=lambda run: [run.upper()])
    # A run of Latin letters or digits comes back as one "syllable": keep it whole in the initials too.
    initials = "".join(s if not _is_han_reading(s) else s[0] for s in syllables if s.isalnum())
    full = "".join(s for s in syllables if s.isalnum())
    return Spelling(initials=initials.lower(), full=full.lower())


def _is_han_reading(syllable: str) -> bool:
    """A Han character's reading is lower-case letters; ``spell`` upper-cases everything else."""
    return syllable.isascii() and syllable.isalpha() and syllable.islower()


class PinyinMatcher:
    """Distinct spellings -> the (entry, field, text) places they came from. Built once, read-only after."""

    def __init__(self, places: Iterable[tuple[int, str, str]], field_weights: Mapping[str, float]):
        self._weights = field_weights
        by_spelling: dict[Spelling, list[tuple[int, str, str]]] = {}
        cache: dict[str, Spelling] = {}
        for entry, field, text in places:
            spelling = cache.get(text)
            if spelling is None:
                spelling = cache[text] = spell(text)
            if spelling.initials:
                by_spelling.setdefault(spelling, []).append((entry, field, text))
        self._spellings = tuple((s, tuple(p)) for s, p in by_spelling.items())

    def match(self, letters: str) -> dict[int, dict[str, tuple[float, str]]]:
        """entry -> field -> (score, matched text): the best hit in each field for a run of Latin letters."""
        best: dict[int, dict[str, tuple[float, str]]] = {}
        if len(letters) < 2:
            return best
        for spelling, places in self._spellings:
            strength = _strength(spelling, letters)
            if not strength:
                continue
            for entry, field, text in places:
                score = strength * self._weights[field]
                fields = best.setdefault(entry, {})
                known = fields.get(field)
                if known is None or score > known[0] or (score == known[0] and text < known[1]):
                    fields[field] = (score, text)
        return best


def _strength(spelling: Spelling, letters: str) -> float:
    if letters in (spelling.initials, spelling.full):
        return EXACT
    if spelling.initials.startswith(letters):
        return PREFIX
    if len(letters) >= MIN_FULL_PREFIX and spelling.full.startswith(letters):
        return PREFIX
    if len(letters) >= MIN_INSIDE and letters in spelling.initials:
        return INSIDE
    return 0.0
