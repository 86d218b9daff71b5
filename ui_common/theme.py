"""The look of every mode: one government blue, calm neutrals, big targets; 长者模式 on top.

Colours live here, not in the .qss files: the stylesheets name them as ``@token`` and ``stylesheet()``
fills them in, so the contrast test (WCAG 2.1 success criterion 1.4.3, contrast ratio of relative
luminances) measures exactly the pairs a person sees. ``TEXT_PAIRS`` lists every (text, background) pair
the stylesheets use; normal mode keeps each at 4.5:1 or more (WCAG AA, also the floor of GB/T 37668-2019),
elderly mode at 7:1 or more (AAA), since the MIIT 适老化 design rules (2021) ask for larger text and higher
contrast for older users.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from PySide6.QtWidgets import QApplication

THEME_DIR = Path(__file__).resolve().parent.parent / "resources" / "theme"
ELDERLY_PROPERTY = "hallterm_elderly"

# Minimum sizes the stylesheets promise (checked by tests against real widgets).
KIOSK_MIN_TARGET_PX = 64
ELDERLY_MIN_TARGET_PX = 80
ELDERLY_MIN_TEXT_PT = 30
NORMAL_MIN_CONTRAST = 4.5
ELDERLY_MIN_CONTRAST = 7.0


@dataclass(frozen=True)
class Palette:
    text: str
    text_muted: str
    background: str
    surface: str
    border: str
    border_strong: str
    accent: str
    accent_pressed: str
    accent_soft: str
    accent_soft_pressed: str
    on_accent: str
    notice_background: str
    notice_border: str
    notice_text: str
    error_text: str
    error_background: str
    ok_text: str
    ok_background: str
    pill_background: str
    display_background: str
    display_text: str
    display_muted: str
    display_bar: str
    display_panel: str
    display_highlight: str


NORMAL = Palette(
    text="#1A2433", text_muted="#4A5568", background="#F4F6F9", surface="#FFFFFF",
    border="#D5DCE5", border_strong="#9AA5B4",
    accent="#0B57A4", accent_pressed="#08467F", accent_soft="#E8F0FA", accent_soft_pressed="#D3E2F4",
    on_accent="#FFFFFF",
    notice_background="#FFF4D6", notice_border="#E0B341", notice_text="#5C4300",
    error_text="#8A1C1C", error_background="#FDECEC", ok_text="#1E6B3A", ok_background="#E7F5EC",
    pill_background="#E9EDF2",
    display_background="#0A1F3D", display_text="#FFFFFF", display_muted="#C9D6E8", display_bar="#0B57A4",
    display_panel="#132C52", display_highlight="#FFD54A",
)

ELDERLY = Palette(
    text="#000000", text_muted="#222222", background="#FFFFFF", surface="#FFFFFF",
    border="#4A4A4A", border_strong="#1A1A1A",
    accent="#003F87", accent_pressed="#002E63", accent_soft="#E3ECF7", accent_soft_pressed="#C9DAEF",
    on_accent="#FFFFFF",
    notice_background="#FFF4D6", notice_border="#8A6400", notice_text="#3D2C00",
    error_text="#7A0000", error_background="#FDECEC", ok_text="#0F4D27", ok_background="#E7F5EC",
    pill_background="#E9EDF2",
    display_background="#0A1F3D", display_text="#FFFFFF", display_muted="#C9D6E8", display_bar="#0B57A4",
    display_panel="#132C52", display_highlight="#FFD54A",
)

# Every (text colour, background colour) pair the stylesheets put on screen.
TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    ("text", "background"), ("text", "surface"), ("text_muted", "surface"), ("text_muted", "background"),
    ("accent", "surface"), ("accent", "background"), ("accent", "accent_soft"), ("text", "accent_soft"),
    ("on_accent", "accent"), ("on_accent", "accent_pressed"), ("accent", "on_accent"),
    ("notice_text", "notice_background"), ("error_text", "error_background"), ("ok_text", "ok_background"),
    ("text_muted", "pill_background"), ("text", "pill_background"),
    ("display_text", "display_background"), ("display_text", "display_bar"), ("display_text", "display_panel"),
    ("display_muted", "display_background"), ("display_muted", "display_panel"),
    ("display_highlight", "display_background"), ("display_highlight", "display_panel"),
)

_TOKEN = re.compile(r"@([a-z_]+)\b")
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of an sRGB ``#RRGGBB`` colour."""
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"expected #RRGGBB, got {colour!r}")
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio, from 1.0 (same colour) to 21.0 (black on white)."""
    lighter, darker = sorted((relative_luminance(foreground), relative_luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def palette(elderly: bool) -> Palette:
    return ELDERLY if elderly else NORMAL


@lru_cache(maxsize=2)
def stylesheet(elderly: bool) -> str:
    """base.qss (plus elderly.qss) with every ``@token`` replaced by the palette's colour."""
    text = (THEME_DIR / "base.qss").read_text(encoding="utf-8")
    if elderly:
        text += "\n" + (THEME_DIR / "elderly.qss").read_text(encoding="utf-8")
    colours = asdict(palette(elderly))

    def colour(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in colours:
            raise KeyError(f"unknown colour token @{name} in the theme stylesheets")
        return colours[name]

    return _TOKEN.sub(colour, _COMMENT.sub("", text))


def apply_theme(app: QApplication, elderly: bool = False) -> None:
    """Style the whole application; call again to switch 长者模式 on or off while running."""
    app.setStyleSheet(stylesheet(bool(elderly)))
    app.setProperty(ELDERLY_PROPERTY, bool(elderly))


def is_elderly(app: QApplication) -> bool:
    return bool(app.property(ELDERLY_PROPERTY))
