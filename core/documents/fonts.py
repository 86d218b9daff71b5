"""Finding a CJK TrueType font every document can embed.

A PDF that relies on the viewer's fonts prints boxes on a kiosk without Chinese fonts, and ``pdftotext``
cannot read it back; so every PDF embeds a subset of one CJK font. reportlab embeds TrueType outlines only
(``glyf``): CFF/OpenType fonts such as Noto Sans CJK (``.otf``/``.ttc`` from fonts-noto-cjk) fail with
"postscript outlines are not supported", so the search list holds TrueType fonts only. The same font draws
the ESC/POS previews through Pillow.

Search order: ``$HALLTERM_DOCUMENT_FONT`` (``/path/font.ttc`` or ``/path/font.ttc#1`` for a subfont),
``resources/fonts/`` (none shipped today), then the usual system locations on Debian/Ubuntu, Fedora, Arch,
Windows and macOS.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from core.documents.errors import FONT_MISSING, DocumentError

FONT_ENV = "HALLTERM_DOCUMENT_FONT"
PDF_FONT_NAME = "HalltermCJK"
_PROBE = "政务服务受理回执"   # characters every candidate must have, or it is not a CJK font
_RESOURCE_FONTS = Path(__file__).resolve().parents[2] / "resources" / "fonts"

# (path, subfont index). WenQuanYi Micro Hei's TTC index 0 is the proportional face; 1 is "Mono".
SYSTEM_CANDIDATES: tuple[tuple[str, int], ...] = (
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),                     # Debian/Ubuntu fonts-wqy-microhei
    ("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc", 0),                     # Arch wqy-microhei
    ("/usr/share/fonts/wqy-microhei-fonts/wqy-microhei.ttc", 0),               # Fedora wqy-microhei-fonts
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),                       # Debian fonts-wqy-zenhei
    ("/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),          # Debian fonts-droid-fallback
    ("/usr/share/fonts/google-droid-sans-fonts/DroidSansFallbackFull.ttf", 0),  # Fedora
    ("C:/Windows/Fonts/simhei.ttf", 0),                                        # 黑体
    ("C:/Windows/Fonts/msyh.ttc", 0),                                          # 微软雅黑
    ("C:/Windows/Fonts/simsun.ttc", 0),                                        # 宋体
    ("/System/Library/Fonts/Supplemental/Arial Unicode.ttf", 0),
    ("/Library/Fonts/Arial Unicode.ttf", 0),
)

INSTALL_HINT = ("install a CJK TrueType font: `apt install fonts-wqy-microhei` (Debian/Ubuntu), "
                "`dnf install wqy-microhei-fonts` (Fedora), or set HALLTERM_DOCUMENT_FONT=/path/font.ttc#0; "
                "OpenType/CFF fonts such as Noto Sans CJK cannot be embedded")


@dataclass(frozen=True)
class FontFile:
    path: Path
    subfont: int = 0
    required: bool = False   # named by the technician: say so when it is missing, do not skip it silently


def font_candidates() -> list[FontFile]:
    found: list[FontFile] = []
    override = os.environ.get(FONT_ENV, "").strip()
    if override:
        path, _, index = override.partition("#")
        found.append(FontFile(Path(path), int(index) if index.isdigit() else 0, required=True))
    if _RESOURCE_FONTS.is_dir():
        found.extend(FontFile(p) for p in sorted(_RESOURCE_FONTS.glob("*.tt[fc]")))
    found.extend(FontFile(Path(p), i) for p, i in SYSTEM_CANDIDATES)
    return found


def find_font(candidates: list[FontFile]):
    """The first candidate reportlab can embed that has Chinese glyphs, as (FontFile, reportlab TTFont);
    DocumentError DOC_FONT_MISSING naming what to install if there is none."""
    # Imported here: reportlab costs start-up time that screens without printing never need.
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    tried = []
    for candidate in candidates:
        if not candidate.path.is_file():
            if candidate.required:
                tried.append(f"{candidate.path} ({FONT_ENV}: no such file)")
            continue
        try:
            font = TTFont(PDF_FONT_NAME, str(candidate.path), subfontIndex=candidate.subfont)
        except (TTFError, OSError, ValueError) as exc:
            tried.append(f"{candidate.path}#{candidate.subfont} ({exc})")
            continue
        if any(ord(ch) not in font.face.charToGlyph for ch in _PROBE):
            tried.append(f"{candidate.path}#{candidate.subfont} (no Chinese glyphs)")
            continue
        return candidate, font
    raise DocumentError(f"no embeddable CJK TrueType font found; {INSTALL_HINT}. "
                        f"Unusable candidates: {'; '.join(tried) or 'none present'}", code=FONT_MISSING)


_lock = threading.Lock()
_chosen: FontFile | None = None


def cjk_font() -> FontFile:
    """The font all documents use, registered with reportlab under ``PDF_FONT_NAME``. Found once per
    process (parsing a 5 MB TTC takes about 80 ms)."""
    global _chosen
    with _lock:
        if _chosen is None:
            from reportlab.pdfbase import pdfmetrics

            chosen, font = find_font(font_candidates())
            pdfmetrics.registerFont(font)
            _chosen = chosen
        return _chosen


def pdf_font_name() -> str:
    """The reportlab font name to use in styles (registers the font on first use)."""
    cjk_font()
    return PDF_FONT_NAME


_pil_cache: dict[int, object] = {}


def pil_font(size: int):
    """The same font for Pillow (ESC/POS previews), cached per pixel size."""
    font = _pil_cache.get(size)
    if font is None:
        from PIL import ImageFont

        chosen = cjk_font()
        font = ImageFont.truetype(str(chosen.path), size, index=chosen.subfont)
        _pil_cache[size] = font
    return font
