"""Finding an embeddable CJK font, and saying what to install when there is none."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.documents.errors import DocumentError
from core.documents.fonts import FONT_ENV, FontFile, cjk_font, find_font, font_candidates


def test_no_usable_font_names_what_to_install(tmp_path):
    not_a_font = tmp_path / "broken.ttf"
    not_a_font.write_bytes(b"\x00\x01\x00\x00 not really a font")
    with pytest.raises(DocumentError) as caught:
        find_font([FontFile(tmp_path / "missing.ttc"), FontFile(not_a_font)])
    error = caught.value
    assert error.code == "DOC_FONT_MISSING"
    assert "fonts-wqy-microhei" in error.detail and FONT_ENV in error.detail
    assert "broken.ttf" in error.detail
    assert "字体" in error.user_message


def test_the_override_comes_first(monkeypatch, tmp_path):
    monkeypatch.setenv(FONT_ENV, f"{tmp_path / 'mine.ttc'}#1")
    first = font_candidates()[0]
    assert (first.path, first.subfont, first.required) == (Path(tmp_path / "mine.ttc"), 1, True)
    with pytest.raises(DocumentError) as caught:
        find_font([first])
    assert "mine.ttc" in caught.value.detail and FONT_ENV in caught.value.detail


def test_the_chosen_font_embeds_and_has_chinese():
    chosen = cjk_font()
    font_file, font = find_font([chosen])
    assert font_file == chosen
    assert ord("政") in font.face.charToGlyph
