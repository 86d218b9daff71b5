"""Normalising queries, cutting words and spelling pinyin."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from core.guide.pinyin import spell
from core.guide.text import MAX_QUERY_CHARS, cut, latin_runs, normalise, whole_words


def test_normalise_keeps_han_letters_and_digits_only() -> None:
    assert normalise("  ＧＧＣＳ！😀 办证 ") == "ggcs 办证"
    assert normalise("我想开个餐馆。") == "我想开个餐馆"
    assert normalise("🍜🍜") == ""


def test_a_query_is_capped() -> None:
    assert len(normalise("餐" * 10_000, limit=MAX_QUERY_CHARS)) == MAX_QUERY_CHARS


def test_search_cut_adds_the_known_words_inside_a_long_one() -> None:
    words = cut("公共场所")
    assert {"公共", "场所", "公共场所"} <= set(words)
    assert whole_words("公共场所") == ["公共场所"]


def test_latin_runs_are_pinyin_candidates() -> None:
    assert latin_runs(normalise("ggcs 卫生 jzz")) == ["ggcs", "jzz"]


def test_spelling_uses_the_reading_the_word_needs() -> None:
    assert spell("公共场所").initials == "ggcs"
    assert spell("居住证").full == "juzhuzheng"
    assert spell("长沙重度残疾").initials == "cszdcj"   # 长 chang, 重 zhong in these words
    assert spell("80岁补贴").initials == "80sbt"        # digits kept as they are
    assert spell("ETC办理").initials == "etcbl"         # Latin letters kept whole, not cut to "e"


def test_loading_jieba_writes_nothing_to_stderr() -> None:
    # jieba's default logger prints "Building prefix dict ..." to stderr; a kiosk's log must not fill with it.
    root = Path(__file__).resolve().parents[2]
    script = "from core.guide.text import cut, add_words; add_words(['开餐馆']); print(cut('我想开餐馆'))"
    done = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert "开餐馆" in done.stdout
