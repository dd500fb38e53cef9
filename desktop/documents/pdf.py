"""What every printed document shares: the embedded Vietnamese font, the labels an
administrator may adjust, the dossier-code barcode, the signed verification QR and the
way dates and numbers are written on an administrative paper (Nghị định 30/2020/NĐ-CP)."""

from __future__ import annotations

import hashlib
import io
import json
import math
import zlib
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from operator import getitem
from pathlib import Path
from typing import Any, ClassVar

from reportlab.graphics.barcode import code128
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFont, TTFontFace, makeToUnicodeCMap
from reportlab.pdfgen.canvas import Canvas
from segno import consts as qr_consts

from desktop.core.calendar import OFFICE_TZ
from desktop.core.lifecycle import DomainError
from desktop.documents import qr_code
from desktop.files import write_atomically
from desktop.paths import resources_dir

SERIF, SERIF_BOLD, SERIF_ITALIC = "MotCuaSerif", "MotCuaSerif-Bold", "MotCuaSerif-Italic"
FONT_FILES = {SERIF: "LiberationSerif-Regular.ttf", SERIF_BOLD: "LiberationSerif-Bold.ttf",
              SERIF_ITALIC: "LiberationSerif-Italic.ttf"}  # fmt: skip
QUIET = 4  # modules of white around a QR code, as ISO/IEC 18004 asks
SCAN_DPI = 150.0  # the coarsest grid a printed QR must still scan at (a desk scanner, a photo)


class _Compressed:
    """Flate compression that remembers its last results: the same font subset (the desk
    prints the same labels and digits over and over) is compressed once, not per PDF."""

    pdfname = "FlateDecode"

    def __init__(self) -> None:
        self._made: dict[bytes, bytes] = {}

    def encode(self, data: bytes | str) -> bytes:
        if isinstance(data, str):  # a ToUnicode map is text, as reportlab encodes it
            data = data.encode("utf8")
        if data not in self._made:
            if len(self._made) > 256:  # a long-running desk: keep memory bounded
                self._made.clear()
            self._made[data] = zlib.compress(data)
        return self._made[data]


class _Face(TTFontFace):  # type: ignore[misc]  # reportlab has no type hints
    """A face whose subsets are made once for each set of characters, and compressed once:
    subsetting and compressing a TrueType font is most of the cost of a small PDF."""

    _subsets: dict[tuple[int, ...], bytes]
    _compressed: _Compressed

    def makeSubset(self, subset: list[int]) -> bytes:
        key = tuple(subset)
        if key not in self._subsets:
            if len(self._subsets) > 256:
                self._subsets.clear()
            self._subsets[key] = super().makeSubset(subset)
        return self._subsets[key]

    def addSubsetObjects(self, doc: Any, fontname: str, subset: list[int]) -> Any:
        descriptor = super().addSubsetObjects(doc, fontname, subset)
        file = f"fontFile:{self.filename}({fontname})"
        stream = doc.idToObject[file]
        if stream.filters:
            stream.filters = [self._compressed]
        doc.idToObject[file] = _Once(("file", self.filename, fontname, tuple(subset)), stream)
        described = "fontDescriptor:" + fontname
        doc.idToObject[described] = _Once(("descriptor", self.filename, fontname),
                                          doc.idToObject[described], file)  # fmt: skip
        return descriptor


class _Written(pdfdoc.PDFObject):  # type: ignore[misc]  # reportlab has no type hints
    """A PDF object written once (a subset's widths), put as it is in each document."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def format(self, document: Any) -> bytes:
        return self.data


class _Once(pdfdoc.PDFObject):  # type: ignore[misc]  # reportlab has no type hints
    """A PDF object of a font (its file, descriptor, ToUnicode map, dictionary) written
    once and then copied: the same for each document that uses the same subset, except
    for the numbers of the objects it refers to, which are part of what is remembered."""

    __RefOnly__ = 1  # a whole object of the file, never written inside another
    _written: ClassVar[dict[tuple[Any, ...], bytes]] = {}

    def __init__(self, key: tuple[Any, ...], obj: Any, *refers_to: str) -> None:
        self.key, self.obj, self.refers_to = key, obj, refers_to

    def format(self, document: Any) -> bytes:
        if not isinstance(document.encrypt, pdfdoc.NoEncryption):  # bytes differ per file
            return bytes(self.obj.format(document))
        numbers = document.idToObjectNumberAndVersion
        key = (self.key, document.compression, *(numbers[name] for name in self.refers_to))
        written = self._written.get(key)
        if written is None:
            if len(self._written) > 256:  # a long-running desk: keep memory bounded
                self._written.clear()
            written = self._written[key] = bytes(self.obj.format(document))
        return written


class _Form(pdfdoc.PDFObject):  # type: ignore[misc]  # reportlab has no type hints
    """A form XObject of path operators only (a QR code, a barcode), compressed when it is
    added. reportlab's own forms carry the page's font set-up and resources and compress at
    zlib's default level: for a QR's twenty kilobytes of rectangles that was a tenth of a
    receipt's time; level 1 takes an eighth of it for a stream a third larger (4.5 kB)."""

    __RefOnly__ = 1  # a stream: only ever referred to, never written inside another object

    def __init__(self, box: tuple[float, float, float, float], operators: bytes) -> None:
        self.box = " ".join(fp_str(v) for v in box).encode("latin-1")
        self.data = zlib.compress(operators, 1)

    def format(self, document: Any) -> bytes:
        data: bytes = document.encrypt.encode(self.data)
        head = (b"<< /BBox [ %s ] /Filter /FlateDecode /FormType 1 /Length %d /Resources << >> "
                b"/Subtype /Form /Type /XObject >>")  # fmt: skip
        return head % (self.box, len(data)) + b"\nstream\n" + data + b"\nendstream\n"


class _DrawnForm(pdfdoc.PDFObject):  # type: ignore[misc]  # reportlab has no type hints
    """A form the canvas drew (text, lines, other forms: a receipt's copy), written as
    reportlab writes its forms, with the same resources (the document's fonts, every
    procedure set, the forms it places), but in one step and at zlib level 1, without
    ASCII85: reportlab's general writer took a tenth of a receipt's time on it."""

    __RefOnly__ = 1  # a stream: only ever referred to, never written inside another object

    def __init__(self, form: Any) -> None:
        self.form = form
        self.data = zlib.compress(form.stream, 1)

    def format(self, document: Any) -> bytes:
        form, number = self.form, document.idToObjectNumberAndVersion
        forms = b""
        if form.XObjects is not None:  # the forms it places, by name
            places = sorted(form.XObjects.dict.items())
            forms = b"/XObject << %s >> " % b" ".join(
                b"/%s %d 0 R" % (name.encode("latin-1"), number[ref.name][0])
                for name, ref in places
            )
        fonts = b"%d 0 R" % number["BasicFonts"][0]
        data: bytes = document.encrypt.encode(self.data)
        box = " ".join(fp_str(v) for v in (form.lowerx, form.lowery, form.upperx, form.uppery))
        head = (b"<< /BBox [ %s ] /Filter /FlateDecode /FormType 1 /Length %d "
                b"/Matrix [ 1 0 0 1 0 0 ] /Resources << /Font %s /ProcSet [ /PDF /Text /ImageB "
                b"/ImageC /ImageI ] %s>> /Subtype /Form /Type /XObject >>")  # fmt: skip
        head %= (box.encode("latin-1"), len(data), fonts, forms)
        return head + b"\nstream\n" + data + b"\nendstream\n"


def end_form(canvas: Canvas) -> None:
    """``canvas.endForm()``, the form then written as a ``_DrawnForm``."""
    name = canvas._doc.getXObjectName(canvas._formData[0])
    canvas.endForm()
    canvas._doc.idToObject[name] = _DrawnForm(canvas._doc.idToObject[name])


def _add_form(canvas: Canvas, name: str, box: tuple[float, float, float, float],
              operators: bytes) -> None:  # fmt: skip
    """``operators`` as the canvas's form ``name`` (placed with ``canvas.doForm``)."""
    canvas._doc.Reference(_Form(box, operators), canvas._doc.getXObjectName(name))


# The characters every document's first font subset holds, in this order, beside ASCII
# (which reportlab itself puts at its own codes, 32–126): the 134 precomposed Vietnamese
# letters and the signs the papers print. reportlab otherwise gives characters their codes
# in the order a document first uses them, so two receipts for two payers had different
# subsets, each made, compressed and written anew (~2 ms). With the same codes in every
# document the subset is the same, and is made once. 159 characters fill exactly what
# the first subset has left (codes 1–31 and 128–255): any other character (a foreign
# name) goes to a second subset of its own and prints as well.
VIETNAMESE_LETTERS = (
    "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
    "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴĐ"
)
SIGNS = "–—‘’“”…·•°×÷±≤≥→←№§½⅓€«»‰"
FIXED_CHARACTERS = VIETNAMESE_LETTERS + SIGNS


class _Key:
    """A stand-in document (reportlab keeps a font's codes per document, weakly)."""


class _Font(TTFont):  # type: ignore[misc]  # reportlab has no type hints
    """reportlab's TrueType font, with the same codes for the desk's characters in every
    document (``FIXED_CHARACTERS``), and what it writes into each PDF for a subset (the
    font file, its widths, its ToUnicode map) made once for each set of characters."""

    def __init__(self, name: str, path: str) -> None:
        super().__init__(name, path)
        self.face.__class__ = _Face
        self.face._subsets, self.face._compressed = {}, _Compressed()
        self._widths: dict[tuple[int, ...], _Written] = {}
        self._maps: dict[tuple[str, tuple[int, ...]], bytes] = {}
        # reportlab's own code assignment, done once on a stand-in document, then copied
        # into each new document's state (see _state).
        key = _Key()
        TTFont.splitString(self, FIXED_CHARACTERS, key)
        self._fixed = self.state.pop(key)
        self._encoded: dict[str, tuple[tuple[int, bytes], ...]] = {}

    def _state(self, doc: Any) -> Any:
        """The font's codes in ``doc``: the fixed ones, to which the document may add."""
        state = self.state.get(doc)
        if state is None:
            fixed = self._fixed
            state = self.state[doc] = TTFont.State(self._asciiReadable, self)
            state.assignments = dict(fixed.assignments)
            state.subsets = [list(subset) for subset in fixed.subsets]
            state.nextCode = fixed.nextCode
        return state

    def getSubsetInternalName(self, subset: int, doc: Any) -> str:
        self._state(doc)  # the fixed codes, whichever of reportlab's calls comes first
        name: str = super().getSubsetInternalName(subset, doc)
        return name

    def splitString(self, text: str, doc: Any, encoding: str = "utf-8") -> Any:
        """reportlab's, remembered for a text of fixed characters only: its codes are the
        same in every document (the receipt's labels, names, amounts in words)."""
        state = self._state(doc)
        plain = type(text) is str  # not reportlab's shaped text, which carries more
        if plain and (known := self._encoded.get(text)) is not None:
            return known
        before = state.nextCode
        split = super().splitString(text, doc, encoding)
        if plain and before == state.nextCode == self._fixed.nextCode:
            if len(self._encoded) > 4096:  # a long-running desk: keep memory bounded
                self._encoded.clear()
            self._encoded[text] = split = tuple(split)
        return split

    def addObjects(self, doc: Any) -> None:  # reportlab's, with the caches above
        state = self._state(doc)
        state.frozen = 1
        for n, subset in enumerate(state.subsets):
            key = tuple(subset)
            internal = self.getSubsetInternalName(n, doc)[1:]
            base = b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX))
            base_name = base.decode("pdfdoc")
            font = pdfdoc.PDFTrueTypeFont()
            font.Name, font.BaseFont = internal, base_name
            font.FirstChar, font.LastChar = 0, len(subset) - 1
            if key not in self._widths:
                if len(self._widths) > 256:
                    self._widths.clear()
                widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset)))
                self._widths[key] = _Written(widths.format(doc))
            font.Widths = self._widths[key]
            if (base_name, key) not in self._maps:
                if len(self._maps) > 256:
                    self._maps.clear()
                self._maps[base_name, key] = makeToUnicodeCMap(base_name, subset)
            cmap = pdfdoc.PDFStream()
            cmap.content = self._maps[base_name, key]
            if doc.compression:
                cmap.filters = [self.face._compressed]
            mapped = "toUnicodeCMap:" + base_name
            font.ToUnicode = doc.Reference(_Once(("map", base_name, key), cmap), mapped)
            font.FontDescriptor = self.face.addSubsetObjects(doc, base_name, subset)
            described = f"fontDescriptor:{base_name}"
            font = _Once(("font", self.face.filename, internal, base_name, key), font,
                         mapped, described)  # fmt: skip
            doc.Reference(font, internal)
            doc.idToObject["BasicFonts"].dict[internal] = font
        del self.state[doc]


@cache
def register_fonts() -> None:
    """Liberation Serif (metric-compatible with Times New Roman, as Nghị định 30/2020 asks
    of administrative papers; SIL OFL, shipped in resources/fonts with its licence): every
    Vietnamese letter, embedded (subset) in each PDF so it prints the same on any machine."""
    fonts = resources_dir() / "fonts"
    for name, file in FONT_FILES.items():
        pdfmetrics.registerFont(_Font(name, str(fonts / file)))
    pdfmetrics.registerFontFamily(SERIF, normal=SERIF, bold=SERIF_BOLD, italic=SERIF_ITALIC,
                                  boldItalic=SERIF_BOLD)  # fmt: skip


def labels(kind: str) -> dict[str, Any]:
    """The document's fixed wording, from ``resources/documents/<kind>.json`` (read and
    parsed again only when an administrator changed the file). A copy of the mapping: its
    lists and strings are shared with the next document's, to be read, not changed."""
    path = resources_dir() / "documents" / f"{kind}.json"
    return dict(_read_labels(path, path.stat().st_mtime_ns))


@lru_cache(maxsize=16)
def _read_labels(path: Path, changed: int) -> dict[str, Any]:
    shipped: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return shipped


class _FileCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
    """A canvas drawn in memory and written to its file whole at ``save()`` (temporary
    file, fsync, rename): a full disk leaves the earlier file or none, never half a PDF
    that would print blank or fail in the printer."""

    def __init__(self, target: Path, **options: Any) -> None:
        self._target, self._buffer = target, io.BytesIO()
        super().__init__(self._buffer, **options)

    def save(self) -> None:
        super().save()
        write_atomically(self._target, self._buffer.getvalue())


def new_canvas(target: Path | Any, title: str, page: tuple[float, float], seal: str) -> Canvas:
    register_fonts()
    # The page's first font is ours too: reportlab's default would name Helvetica, a font
    # the PDF does not embed and a printer would substitute.
    options = {"pagesize": page, "pageCompression": 1, "initialFontName": SERIF}
    canvas = (
        _FileCanvas(target, **options) if isinstance(target, Path) else Canvas(target, **options)
    )
    canvas.setTitle(title)
    canvas.setAuthor("MotCua Desk")
    canvas.setCreator("MotCua Desk")
    canvas.setKeywords(seal)  # the signed payload, for `motcua verify-doc FILE.pdf`
    return canvas


def draw_barcode(
    canvas: Canvas, text: str, right: float, y: float, height: float = 9 * mm,
    bar: float = 0.254 * mm,
) -> None:  # fmt: skip
    """The dossier code as a Code 128 barcode ending at ``right`` (a scanner at the desk
    types it into the search box and opens the dossier). Drawn once a document as a form:
    the copies of a paper share it. The bar is 10 mil (0,254 mm): whole dots at 200, 300
    and 600 dpi and one and a half at 150; 0,28 mm missed 1 code in 10 at 150 dpi and
    0,30 mm every one."""
    width, operators = _barcode_operators(text, height, bar)
    form = "BC" + hashlib.sha256(f"{height}|{bar}|{text}".encode()).hexdigest()[:20]
    if not canvas.hasForm(form):
        _add_form(canvas, form, (0, 0, width, height), operators)
    canvas.saveState()
    canvas.translate(right - width, y)
    canvas.doForm(form)
    canvas.restoreState()


@lru_cache(maxsize=64)
def _barcode_operators(text: str, height: float, bar: float) -> tuple[float, bytes]:
    """The barcode's width and its bars as PDF operators, as reportlab's widget draws them
    (on a scratch canvas, once a code: each receipt then only places them)."""
    barcode = _barcode(text, height, bar)
    scratch = Canvas(io.BytesIO())
    scratch.beginForm("barcode")
    barcode.drawOn(scratch, 0, 0)
    return float(barcode.width), "\n".join(scratch._code).encode("latin-1")


@lru_cache(maxsize=16)
def _barcode(text: str, height: float, bar: float) -> code128.Code128:
    return code128.Code128(text, barHeight=height, barWidth=bar, humanReadable=False)


# --- the verification QR ------------------------------------------------------------------------


def draw_qr(
    canvas: Canvas, text: str, x: float, y: float, size: float = 24 * mm, *,
    dpi: float = SCAN_DPI, min_dots: int = 2,
) -> None:  # fmt: skip
    """The QR code of ``text`` in the square ``size`` wide at (``x``, ``y``), its quiet
    zone of four modules included.

    Each module is a whole number of dots of a ``dpi`` grid (at least ``min_dots``), and the
    symbol sits on that grid counted from the page's top-left corner: rendered or printed
    at 150, 300 or 600 dpi every module is a crisp square of whole pixels, which is what
    lets a code this small scan from a 150 dpi picture. The error correction is M, or L
    where M leaves modules smaller than that (see ``_fitting_symbol``). A code too long
    for either lets its quiet zone run over the square by up to one module a side rather
    than shrink its modules below ``min_dots`` (which would not scan)."""
    dot = 72.0 / dpi
    box = math.floor(size / dot + 1e-6)  # the square, in whole dots
    error, per = _fitting_symbol(text, box, min_dots)
    n = len(qr_rows(text, error))
    count = n + 2 * QUIET
    step = per * dot if per else size / count  # too small for the grid: fill the square
    grid = dot if per else 0.0
    span = count * step
    page_height = float(canvas._pagesize[1])
    left = _snap(x + (size - span) / 2, grid)
    top = page_height - _snap(page_height - (y + size - (size - span) / 2), grid)
    # Each dark area a little short of its right and bottom edges (bar width reduction, as
    # barcode printers do): a renderer's anti-aliasing, or a printer's dot gain, then
    # widens it into its neighbour by less than a dot, and a scanner at 150 dpi reads the
    # code every time instead of nine times in ten.
    trim = 0.15 / per if per else 0.0
    # Drawn once a document as a form, in modules: the two copies of a receipt share it.
    form = "QR" + hashlib.sha256(f"{error}|{trim}|{text}".encode()).hexdigest()[:20]
    if not canvas.hasForm(form):
        _add_form(canvas, form, (0, -n, n, 0), b"0 0 0 rg\n" + _qr_path(text, error, trim).encode())
    canvas.saveState()
    canvas.translate(left + QUIET * step, top - QUIET * step)
    canvas.scale(step, step)
    canvas.doForm(form)
    canvas.restoreState()


@lru_cache(maxsize=64)
def _qr_path(text: str, error: str, trim: float) -> str:
    """The dark modules of the code as one filled path (PDF operators), in modules from
    the symbol's top-left corner (y down): each module a square, ``trim`` short of its
    right and bottom edges where a light module is next to it (one path: the squares of a
    run fill as one area, with no seam between them)."""
    rows = qr_rows(text, error)
    n = len(rows)
    columns, lows, highs = _path_pieces(n, trim)
    last = (1 << n) - 1
    below = [int(dark, 2) for dark in rows] + [0]
    ops = ["n "]
    for row, dark in enumerate(below[:-1]):
        # Each module's kind as a decimal digit, the whole row at once (no Python line a
        # module: a code has some 2,400): 0 light; 1 dark; +1 where the module to its
        # right is dark; +2 where the one below is. Digits add up without carrying.
        right, under = (dark << 1) & last & dark, dark & below[row + 1]
        kinds = int(f"{dark:b}") + int(f"{right:b}") + 2 * int(f"{under:b}")
        index = f"{kinds:0{n}d}".encode().translate(_KIND_INDEX)
        squares = "".join(map(getitem, columns, index))
        ops.append(squares.replace("Y", lows[row]).replace("Z", highs[row]))
    ops.append("f")
    return "".join(ops)


@lru_cache(maxsize=16)
def _path_pieces(n: int, trim: float) -> tuple[list[tuple[str, ...]], list[str], list[str]]:
    """A code ``n`` modules wide: for each column, its square of each kind (Y for the
    bottom of a square trimmed at the bottom, Z for a whole one's); each row's Y and Z."""
    short, whole = _num(1 - trim), "1"
    columns: list[tuple[str, ...]] = [
        ("", f"{c} Y {short} {short} re ", f"{c} Y {whole} {short} re ",
         f"{c} Z {short} {whole} re ", f"{c} Z {whole} {whole} re ")
        for c in range(n)
    ]  # fmt: skip
    return columns, [_num(trim - row - 1) for row in range(n)], [str(-row - 1) for row in range(n)]


_KIND_INDEX = bytes.maketrans(b"01234", bytes(range(5)))


def _num(value: float) -> str:
    """A number for a PDF content stream, as short as it can be written."""
    return f"{value:.4f}".rstrip("0").rstrip(".") or "0"


def _snap(value: float, dot: float) -> float:
    return round(value / dot) * dot if dot else value


def _fitting_symbol(text: str, box: int, min_dots: int) -> tuple[str, int]:
    """The error correction and the dots a module: M (15 % of the code may be lost), the
    usual level for printed papers, if its symbol, quiet zone included, gives each module
    at least ``min_dots`` of the ``box`` dots; else L (7 %, a smaller code); else the
    first whose quiet zone would run over by no more than a module a side; else L with
    modules as large as fit (0: not a whole number of dots). Q and H would make a bigger
    code, so smaller modules (or, at whole dots, the same ones at twice the cost to make)."""
    for spill in (0, 2):
        for error in "ML":
            version = qr_version(text, error)
            if version is None:
                continue
            count = 17 + 4 * version + 2 * QUIET
            if box // (count - spill) >= min_dots:
                return error, max(box // count, min_dots)
    return "L", box // (len(qr_rows(text, "L")) + 2 * QUIET)


_ALPHANUMERIC = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


def qr_segments(text: str) -> list[tuple[str, int]]:
    """``text`` in QR segments (see ``_segments``)."""
    return list(_segments(text))


@lru_cache(maxsize=64)  # the version is found, then the code made, from the same segments
def _segments(text: str) -> tuple[tuple[str, int], ...]:
    """``text`` in QR segments, so the code is as small as it can be and the scanner still
    reads back exactly ``text``: a long run of digits at its end (a seal's signature is
    written in decimal) in numeric mode, 3⅓ bits a digit; long runs of capitals, digits
    and ``-/.:`` (dossier and office codes) in alphanumeric mode, 5½ bits a character;
    the rest in byte mode, 8 bits."""
    head = text.rstrip("0123456789")
    tail = text[len(head) :]
    if len(tail) < 24:  # a short run is not worth the segment's header
        head, tail = text, ""
    runs: list[list[Any]] = []
    for char in head:
        mode = qr_consts.MODE_ALPHANUMERIC if char in _ALPHANUMERIC else qr_consts.MODE_BYTE
        if runs and runs[-1][1] == mode:
            runs[-1][0] += char
        else:
            runs.append([char, mode])
    segments: list[tuple[str, int]] = []
    for chunk, mode in runs:
        # A segment's header (and the byte segment it splits) costs ~25 bits: an
        # alphanumeric run saves 2½ bits a character, so it pays from 11 characters on.
        if mode == qr_consts.MODE_ALPHANUMERIC and len(chunk) < 11:
            mode = qr_consts.MODE_BYTE
        if segments and segments[-1][1] == mode:
            segments[-1] = (segments[-1][0] + chunk, mode)
        else:
            segments.append((chunk, mode))
    if tail:
        segments.append((tail, qr_consts.MODE_NUMERIC))
    return tuple(segments)


@lru_cache(maxsize=256)
def qr_version(text: str, error: str = "M") -> int | None:
    """The smallest QR version that holds ``text`` at ``error`` (None: none does)."""
    return qr_code.qr_version(_segments(text), error)


@lru_cache(maxsize=64)  # both copies of a receipt carry the same code
def qr_rows(text: str, error: str = "M") -> tuple[str, ...]:
    """The QR matrix of ``text`` (no quiet zone), a string of "1" (dark) and "0" a row.
    One fixed mask pattern instead of the search over all eight: the search costs several
    milliseconds a code, and a fixed mask is as valid a QR code (the tests decode every
    printed one with zbar at 150 dpi)."""
    return qr_code.qr_rows(_segments(text), error)


def qr_modules(text: str, error: str = "M") -> tuple[tuple[bool, ...], ...]:
    """The QR matrix of ``text`` (no quiet zone), True for a dark module."""
    return tuple(tuple(m == "1" for m in row) for row in qr_rows(text, error))


# --- dates and numbers (Nghị định 30/2020/NĐ-CP, Phụ lục I) -------------------------------------


def _day_words(day: date) -> str:
    """Days below 10 and the months 1 and 2 take a leading zero; the other months none."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def vn_day(moment: date | datetime) -> str:
    """ "ngày 05 tháng 01 năm 2026", "ngày 15 tháng 3 năm 2026" — a moment in the office's
    time zone, for the line "Tam Đường, ngày … tháng … năm …"."""
    if isinstance(moment, datetime):
        moment = moment.astimezone(OFFICE_TZ).date()
    return _day_words(moment)


def vn_date(moment: date | datetime) -> str:
    """ "Ngày 09 tháng 12 năm 2026": the date line of a paper, alone on its line."""
    words = vn_day(moment)
    return words[0].upper() + words[1:]


def dated_line(place: str, moment: date | datetime) -> str:
    """ "Tam Đường, ngày 02 tháng 3 năm 2026" (the place and date line of a paper)."""
    return f"{place}, {vn_day(moment)}" if place else vn_date(moment)


def vn_number(value: int | float | Decimal | str) -> str:
    """A number as a Vietnamese paper writes it: a decimal comma and thousands grouped by
    dots ("0,5", "1,5", "1.250"); a whole number has no decimals ("3", not "3,0")."""
    try:
        number = Decimal(str(value).strip().replace(",", "."))
    except InvalidOperation:
        raise ValueError(f"“{value}” không phải là một số.") from None
    if not number.is_finite():
        raise ValueError(f"“{value}” không phải là một số.")
    number = number.normalize()
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", ".")
    return f"{sign}{grouped},{fraction}" if fraction.strip("0") else f"{sign}{grouped}"


def vn_days(value: int | float | Decimal | str) -> str:
    """ "0,5 ngày", "1,5 ngày", "3 ngày" (a time limit in working days)."""
    return f"{vn_number(value)} ngày"


# --- laying out text ----------------------------------------------------------------------------


# More than any one field of a paper holds (a name, an address, a reason); longer text is
# pasted or hostile, and laying it out would take minutes before failing to fit a page.
FIELD_MAX_CHARS = 4_000
TOO_LONG = "Nội dung một ô quá dài, không in vừa một trang giấy: sửa thông tin hồ sơ rồi in lại."


def field_text(text: str) -> str:
    """``text`` as it is, or refused with a clear message when no paper could hold it."""
    if len(text) > FIELD_MAX_CHARS:
        raise DomainError(TOO_LONG)
    return text


def text_fits(canvas: Canvas, text: str, font: str, size: float, width: float) -> float:
    """The font size (≤ ``size``) at which ``text`` fits in ``width``."""
    while size > 6 and canvas.stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def wrap(canvas: Canvas, text: str, font: str, size: float, width: float) -> list[str]:
    """Words of ``text`` in lines no wider than ``width``; a word longer than a line (a
    dossier code in a narrow column) is cut where it must be."""
    lines: list[str] = []
    for word in field_text(text).split():
        if lines and canvas.stringWidth(f"{lines[-1]} {word}", font, size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
            continue
        while canvas.stringWidth(word, font, size) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and canvas.stringWidth(word[:cut], font, size) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
    return lines
