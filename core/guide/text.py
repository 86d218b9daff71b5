"""Text handling for the smart guide: normalising what people type, and cutting Chinese into words.

Chinese has no spaces, so both the catalogue's text and the citizen's query are cut into words by jieba.
jieba's dictionary (about 350,000 words) takes close to a second to load, so it is loaded once per process,
on first use, by ``segmenter()``. jieba logs "Building prefix dict ..." to stderr by default; that is
silenced before the first load. The catalogue's own terms (aliases, keywords, synonyms) are added to the
same dictionary with ``add_words`` so that "开餐馆" or "居住证" come out as one word.

Thread safety: loading and ``add_words`` run under one lock; cutting only reads jieba's dictionary, so
queries from several threads need no lock. Added words stay for the life of the process (jieba has one
dictionary per tokenizer); adding is idempotent, so building a second index over the same catalogue does
not change how the first one cuts its queries. An index over another catalogue may add longer words; as
``cut`` also yields every known word inside a longer one, the first index still finds its own words.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections.abc import Iterable

# A query longer than this is cut off before any work: a kiosk keyboard cannot produce more in earnest,
# and a pasted wall of text must not cost the screen a noticeable pause.
MAX_QUERY_CHARS = 64

# What a query keeps: Han characters (CJK Unified Ideographs and extension A), Latin letters and digits.
# Emoji, punctuation and symbols become spaces.
_KEEP = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff0-9a-z]+")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")
_HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff0-9]+")
_LATIN_RUN = re.compile(r"[a-z]+")

_lock = threading.Lock()
_tokenizer = None          # jieba.Tokenizer, created on first use
_added: set[str] = set()   # words already given to jieba (add_word is not free: it segments the word)


def normalise(text: str, *, limit: int | None = None) -> str:
    """Full-width to half-width (NFKC), lower case, and anything but Han, Latin letters and digits as one
    space: ``"  ＧＧＣＳ！😀 办证 "`` -> ``"ggcs 办证"``. ``limit`` caps the result's length (for queries)."""
    if limit is not None:
        text = text[: limit * 4]   # before NFKC, so a pasted megabyte costs nothing
    text = " ".join(_KEEP.findall(unicodedata.normalize("NFKC", text).lower()))
    return text[:limit].strip() if limit is not None else text


def han_runs(text: str) -> list[str]:
    """The runs of Han characters and digits of a normalised text: what jieba cuts."""
    return _HAN_RUN.findall(text)


def latin_runs(text: str) -> list[str]:
    """The runs of Latin letters of a normalised text: candidates for pinyin (``ggcs``, ``juzhuzheng``)."""
    return _LATIN_RUN.findall(text)


def has_han(text: str) -> bool:
    return _HAN.search(text) is not None


def _load_tokenizer():  # -> jieba.Tokenizer
    global _tokenizer
    if _tokenizer is None:
        import jieba  # imported here: the import itself is cheap, but keep core importable without the cost

        jieba.setLogLevel(logging.WARNING)   # its default logger writes DEBUG lines to stderr
        tokenizer = jieba.Tokenizer()
        tokenizer.initialize()
        _tokenizer = tokenizer
    return _tokenizer


def segmenter():  # -> jieba.Tokenizer
    """The process-wide jieba tokenizer, loaded on first call."""
    if _tokenizer is not None:
        return _tokenizer
    with _lock:
        return _load_tokenizer()


def add_words(words: Iterable[str]) -> int:
    """Teach jieba the catalogue's terms; returns how many were new. Only Han words of 2-12 characters:
    longer phrases would stop jieba from cutting the words inside them."""
    with _lock:
        tokenizer = _load_tokenizer()
        new = 0
        for word in words:
            word = normalise(word)
            if word in _added or not 2 <= len(word) <= 12 or " " in word or not has_han(word):
                continue
            tokenizer.add_word(word)
            _added.add(word)
            new += 1
        return new


def cut(text: str) -> list[str]:
    """Search-mode words of a normalised text, in order, duplicates kept (BM25 counts them).

    Like jieba's ``cut_for_search``, each word is followed by the known shorter words inside it, but of
    every length (jieba stops at three characters): 食品经营许可 -> 食品, 经营, 许可, 食品经营, …, so a query
    for 食品经营 finds it. HMM (jieba's guess at unknown words) is off: the same text must always cut the
    same way, and a guessed word would never match the catalogue anyway.
    """
    tokenizer = segmenter()
    known = tokenizer.FREQ
    words: list[str] = []
    for word in whole_words(text):
        for size in range(2, len(word)):
            words.extend(p for p in (word[i:i + size] for i in range(len(word) - size + 1)) if known.get(p))
        words.append(word)
    return words


def whole_words(text: str) -> list[str]:
    """jieba's precise cut of a normalised text: each piece once, the longest known words."""
    tokenizer = segmenter()
    return [w for run in han_runs(text) for w in tokenizer.cut(run, HMM=False) if w.strip()]
