"""QR code matrices for our tokens, as module grids and as Pillow images.

The token alphabet (``HT1:`` + base32) fits the QR alphanumeric mode, so the data is added in that mode
explicitly (ISO/IEC 18004 §7.4.4: 11 bits per 2 characters). Error correction M (15 %) survives a folded
receipt or a smudged thermal print. The quiet zone is 4 modules, as §7.3.8 requires for reliable scanning.
"""

from __future__ import annotations

from functools import lru_cache

QUIET_ZONE = 4


@lru_cache(maxsize=64)
def qr_matrix(text: str) -> tuple[tuple[bool, ...], ...]:
    """Dark modules of the QR code for ``text``, quiet zone included (cached: reprints are common)."""
    import qrcode
    from qrcode.util import MODE_8BIT_BYTE, MODE_ALPHA_NUM, QRData

    data = text.encode("ascii")
    alnum = all(chr(b) in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:" for b in data)
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QUIET_ZONE)
    code.add_data(QRData(data, mode=MODE_ALPHA_NUM if alnum else MODE_8BIT_BYTE))
    code.make(fit=True)
    return tuple(tuple(bool(m) for m in row) for row in code.get_matrix())


def qr_image(text: str, module_px: int):
    """A 1-bit Pillow image of the QR code, ``module_px`` pixels per module."""
    from PIL import Image

    matrix = qr_matrix(text)
    size = len(matrix)
    # Pillow mode "L": 0 is black. Build one pixel per module, then scale without smoothing.
    pixels = bytes(0 if dark else 255 for row in matrix for dark in row)
    image = Image.frombytes("L", (size, size), pixels)
    return image.resize((size * module_px, size * module_px), Image.Resampling.NEAREST).convert("1")
