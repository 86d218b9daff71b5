"""Reading printed output back: QR codes with zxing-cpp, PDF pages with poppler. Imported by the
test_printer_*.py modules and printer_fixtures.py (kept apart from the fixtures plugin so that importing
these helpers does not import the plugin module before pytest registers it)."""

from __future__ import annotations

import io
import os
import subprocess
from pathlib import Path

import zxingcpp
from PIL import Image

from core.documents.raster import pdf_pages_to_png

C_LOCALE = {**os.environ, "LC_ALL": "C", "LANG": "C"}


def decode_qr(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image.convert("L"), formats=zxingcpp.BarcodeFormat.QRCode)]


def pdf_pages(pdf: bytes, dpi: int = 150) -> list[Image.Image]:
    return [Image.open(io.BytesIO(png)) for png in pdf_pages_to_png(pdf, dpi)]


def pdf_page_count(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True, env=C_LOCALE).stdout
    return int(next(line.split()[1] for line in out.splitlines() if line.startswith("Pages:")))
