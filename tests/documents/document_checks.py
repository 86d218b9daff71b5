"""Reading documents back the way a person or a printer would: pdftotext, pdffonts, pdftoppm + zxing-cpp.
Imported by the test_document_*.py modules."""

from __future__ import annotations

import io
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import zxingcpp
from PIL import Image

from core.documents.raster import pdf_pages_to_png

_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


@dataclass(frozen=True)
class Word:
    x_min: float
    y_min: float
    x_max: float
    y_max: float
    text: str


def pdf_text(pdf: bytes, tmp_path: Path, *layout: str) -> str:
    source = tmp_path / "doc.pdf"
    source.write_bytes(pdf)
    return subprocess.run(["pdftotext", *layout, str(source), "-"], check=True, capture_output=True,
                          text=True).stdout


def pdf_words(pdf: bytes, tmp_path: Path) -> tuple[tuple[float, float], list[Word]]:
    """Page size and every word box from ``pdftotext -bbox`` (points, origin top left)."""
    html = pdf_text(pdf, tmp_path, "-bbox")
    width, height = map(float, _PAGE.search(html).groups())
    return (width, height), [Word(*map(float, m.groups()[:4]), m[5]) for m in _WORD.finditer(html)]


def pdf_fonts(pdf: bytes, tmp_path: Path) -> list[list[str]]:
    source = tmp_path / "fonts.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(["pdffonts", str(source)], check=True, capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


def decode_qr(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)]


def page_images(pdf: bytes, dpi: int = 150) -> list[Image.Image]:
    return [Image.open(io.BytesIO(png)) for png in pdf_pages_to_png(pdf, dpi)]
