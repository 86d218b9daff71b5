"""Reading ESC/POS bytes back: text lines (GB18030 in Chinese mode), raster images, native QR codes, cuts.

Covers the commands hallterm's tickets and python-escpos emit (Epson "ESC/POS Application Programming
Guide" names), so tests can assert what a printer would print and the technician console can preview a
job. A command outside that subset raises DocumentError DOC_ESCPOS_UNSUPPORTED with its offset: guessing
its length would misread everything after it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.documents.errors import ESCPOS_UNSUPPORTED, DocumentError

ESC, FS, GS = 0x1B, 0x1C, 0x1D
_ALIGN = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center", 50: "right"}
# ESC commands that take one parameter byte we only need to skip (no effect on what is printed here):
# - underline, G double-strike, M font, t code table, { upside-down, V rotate, SP right spacing, 3 line spacing.
_ESC_ONE_BYTE_IGNORED = frozenset(b"-GMt{V 3")


@dataclass(frozen=True)
class TextRun:
    text: str
    width: int = 1      # character width multiplier (GS ! / ESC !)
    height: int = 1
    bold: bool = False


@dataclass(frozen=True)
class TextLine:
    runs: tuple[TextRun, ...]
    align: str = "left"

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class RasterImage:
    """A ``GS v 0`` or ``GS ( L`` image: rows of packed bits, most significant bit first, 1 = black."""

    width: int
    height: int
    data: bytes = field(repr=False)
    align: str = "left"

    def to_pil(self):
        from PIL import Image

        # Pillow's "1;I" raw mode reads set bits as black, as the printer does.
        return Image.frombytes("1", (self.width, self.height), self.data, "raw", "1;I").convert("L")


@dataclass(frozen=True)
class NativeQr:
    """A QR code the printer draws itself (``GS ( k``): the stored data and the module size in dots."""

    data: str
    module_dots: int = 3
    align: str = "left"


@dataclass(frozen=True)
class Feed:
    dots: int


@dataclass(frozen=True)
class Cut:
    partial: bool = False


Item = TextLine | RasterImage | NativeQr | Feed | Cut


@dataclass(frozen=True)
class EscposDocument:
    items: tuple[Item, ...]

    @property
    def lines(self) -> list[str]:
        return [item.text for item in self.items if isinstance(item, TextLine)]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def images(self) -> list[RasterImage]:
        return [item for item in self.items if isinstance(item, RasterImage)]

    @property
    def native_qr_codes(self) -> list[NativeQr]:
        return [item for item in self.items if isinstance(item, NativeQr)]

    @property
    def cuts(self) -> list[Cut]:
        return [item for item in self.items if isinstance(item, Cut)]


class _Reader:
    def __init__(self, data: bytes):
        self.data, self.pos = data, 0
        self.items: list[Item] = []
        self.runs: list[TextRun] = []
        self.line_align: str | None = None
        self._reset()
        self.qr_store = b""
        self.qr_module = 3
        self.graphics = b""
        self.graphics_size: tuple[int, int] | None = None

    def _reset(self) -> None:
        self.width = self.height = 1
        self.bold = False
        self.align = "left"
        self.kanji = False

    # --- helpers --------------------------------------------------------------------------------------

    def fail(self, what: str) -> DocumentError:
        return DocumentError(f"unsupported or truncated ESC/POS at byte {self.pos}: {what}", code=ESCPOS_UNSUPPORTED)

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise self.fail(f"needs {n} more bytes")
        chunk = self.data[self.pos:self.pos + n]
        self.pos += n
        return chunk

    def flush_line(self, *, force: bool) -> None:
        if self.runs or force:
            self.items.append(TextLine(tuple(self.runs), self.line_align or self.align))
        self.runs, self.line_align = [], None

    # --- parsing --------------------------------------------------------------------------------------

    def read(self) -> EscposDocument:
        while self.pos < len(self.data):
            byte = self.data[self.pos]
            if byte == 0x0A:
                self.pos += 1
                self.flush_line(force=True)
            elif byte == 0x0D:
                self.pos += 1
            elif byte == ESC:
                self.pos += 1
                self.esc(self.take(1)[0])
            elif byte == GS:
                self.pos += 1
                self.gs(self.take(1)[0])
            elif byte == FS:
                self.pos += 1
                self.fs(self.take(1)[0])
            elif byte < 0x20:
                raise self.fail(f"control byte 0x{byte:02x}")
            else:
                self.text()
        self.flush_line(force=False)
        return EscposDocument(tuple(self.items))

    def text(self) -> None:
        start = self.pos
        while self.pos < len(self.data) and self.data[self.pos] >= 0x20:
            self.pos += 1
        raw = self.data[start:self.pos]
        # Chinese mode: GB18030 (its trail bytes are all >= 0x30, so a run never splits a character).
        # Otherwise the printer's code page; cp437 is Epson's default and matches ASCII.
        text = raw.decode("gb18030" if self.kanji else "cp437", errors="replace")
        if self.line_align is None:
            self.line_align = self.align   # ESC a takes effect at the start of a line
        self.runs.append(TextRun(text, self.width, self.height, self.bold))

    def esc(self, command: int) -> None:
        if command == 0x40:                                  # ESC @ initialise
            self._reset()
        elif command == 0x21:                                # ESC ! print mode
            mode = self.take(1)[0]
            self.bold = bool(mode & 0x08)
            self.height = 2 if mode & 0x10 else 1
            self.width = 2 if mode & 0x20 else 1
        elif command == 0x45:                                # ESC E bold
            self.bold = bool(self.take(1)[0] & 1)
        elif command == 0x61:                                # ESC a justification
            self.align = _ALIGN.get(self.take(1)[0], "left")
        elif command == 0x64:                                # ESC d print and feed n lines
            lines = self.take(1)[0]
            self.flush_line(force=False)
            self.items.append(Feed(lines * 30))
        elif command == 0x4A:                                # ESC J print and feed n dots
            dots = self.take(1)[0]
            self.flush_line(force=False)
            self.items.append(Feed(dots))
        elif command == 0x32:                                # ESC 2 default line spacing
            pass
        elif command in _ESC_ONE_BYTE_IGNORED:
            self.take(1)
        else:
            raise self.fail(f"ESC 0x{command:02x}")

    def fs(self, command: int) -> None:
        if command == 0x26:                                  # FS & Kanji (Chinese) mode on
            self.kanji = True
        elif command == 0x2E:                                # FS . Kanji mode off
            self.kanji = False
        elif command == 0x21:                                # FS ! Kanji print mode
            mode = self.take(1)[0]
            self.width = 2 if mode & 0x04 else 1
            self.height = 2 if mode & 0x08 else 1
        else:
            raise self.fail(f"FS 0x{command:02x}")

    def gs(self, command: int) -> None:
        if command == 0x21:                                  # GS ! character size
            size = self.take(1)[0]
            self.width, self.height = (size >> 4) + 1, (size & 0x0F) + 1
        elif command == 0x42:                                # GS B reverse (white on black)
            self.take(1)
        elif command == 0x56:                                # GS V cut
            mode = self.take(1)[0]
            if mode in (65, 66):
                self.take(1)                                 # feed amount before the cut
            self.flush_line(force=False)
            self.items.append(Cut(partial=mode in (1, 49, 66)))
        elif command == 0x76:                                # GS v 0 raster bit image
            header = self.take(6)
            if header[0] != 0x30:
                raise self.fail("GS v with a function other than 0")
            width_bytes = header[2] | header[3] << 8
            height = header[4] | header[5] << 8
            self.flush_line(force=False)
            self.items.append(RasterImage(width_bytes * 8, height, self.take(width_bytes * height), self.align))
        elif command == 0x28:                                # GS ( k / GS ( L
            function = self.take(1)[0]
            size = self.take(2)
            body = self.take(size[0] | size[1] << 8)
            if function == 0x6B:
                self.qr(body)
            elif function == 0x4C:
                self.graphics_data(body)
            else:
                raise self.fail(f"GS ( 0x{function:02x}")
        else:
            raise self.fail(f"GS 0x{command:02x}")

    def qr(self, body: bytes) -> None:
        if len(body) < 2 or body[0] != 0x31:
            raise self.fail("GS ( k for a 2D code other than QR")
        fn = body[1]
        if fn == 0x43:                                       # module size
            self.qr_module = body[2]
        elif fn == 0x50:                                     # store data (after the m byte '0')
            self.qr_store = body[3:]
        elif fn == 0x51:                                     # print the stored symbol
            self.flush_line(force=False)
            self.items.append(NativeQr(self.qr_store.decode("utf-8", errors="replace"), self.qr_module, self.align))
        # model (0x41) and error correction (0x45) change nothing we read back

    def graphics_data(self, body: bytes) -> None:
        fn = body[1] if len(body) > 1 else -1
        if fn == 0x70:                                       # store raster graphics: a bx by c xL xH yL yH data
            width = body[7] | body[8] << 8
            height = body[9] | body[10] << 8
            self.graphics = body[11:]
            self.graphics_size = (width, height)
        elif fn == 0x32:                                     # print stored graphics
            if self.graphics_size is None:
                raise self.fail("GS ( L print without stored graphics")
            width, height = self.graphics_size
            self.flush_line(force=False)
            padded = (width + 7) // 8 * 8
            self.items.append(RasterImage(padded, height, self.graphics, self.align))
        else:
            raise self.fail(f"GS ( L function 0x{fn:02x}")


def read_escpos(data: bytes) -> EscposDocument:
    """Parse ``data``; raises DocumentError DOC_ESCPOS_UNSUPPORTED on a command outside the subset."""
    return _Reader(data).read()
