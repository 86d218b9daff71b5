"""PDF pages as PNG images through poppler's ``pdftoppm``: previews for the samples and the technician
console, and what tests decode QR codes from (a real rasteriser, as a printer driver would use)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from core.documents.errors import TOOL_MISSING, DocumentError


def pdf_pages_to_png(pdf: bytes, dpi: int = 150, *, timeout: float = 60) -> list[bytes]:
    """One PNG per page, in page order."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise DocumentError("pdftoppm not found; install poppler-utils", code=TOOL_MISSING)
    with tempfile.TemporaryDirectory(prefix="hallterm-pdf-") as folder:
        source = Path(folder) / "document.pdf"
        source.write_bytes(pdf)
        subprocess.run([tool, "-r", str(dpi), "-png", str(source), str(Path(folder) / "page")], check=True,
                       capture_output=True, timeout=timeout)
        # pdftoppm pads page numbers to the width of the page count (page-1.png, or page-01.png ...).
        pages = sorted(Path(folder).glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
        return [page.read_bytes() for page in pages]
