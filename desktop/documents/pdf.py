"""What every printed document shares: the embedded Vietnamese font, the labels an
administrator may adjust, the dossier-code barcode and the signed verification QR."""

from __future__ import annotations

import io
import json
from datetime import datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from reportlab.graphics.barcode import code128, qrencoder
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from desktop.core.calendar import OFFICE_TZ
from desktop.files import write_atomically
from desktop.paths import resources_dir

SERIF, SERIF_BOLD, SERIF_ITALIC = "MotCuaSerif", "MotCuaSerif-Bold", "MotCuaSerif-Italic"


@cache
def register_fonts() -> None:
    """DejaVu Serif (shipped in resources/fonts with its licence): every Vietnamese glyph,
    embedded (subset) in each PDF so it prints the same on any machine."""
    fonts = resources_dir() / "fonts"
    for name, file in ((SERIF, "DejaVuSerif.ttf"), (SERIF_BOLD, "DejaVuSerif-Bold.ttf"),
                       (SERIF_ITALIC, "DejaVuSerif-Italic.ttf")):  # fmt: skip
        pdfmetrics.registerFont(TTFont(name, str(fonts / file)))


def labels(kind: str) -> dict[str, Any]:
    """The document's fixed wording, from ``resources/documents/<kind>.json``."""
    shipped: dict[str, Any] = json.loads(
        (resources_dir() / "documents" / f"{kind}.json").read_text("utf-8")
    )
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
    canvas = (_FileCanvas(target, pagesize=page, pageCompression=1) if isinstance(target, Path)
              else Canvas(target, pagesize=page, pageCompression=1))  # fmt: skip
    canvas.setTitle(title)
    canvas.setAuthor("MotCua Desk")
    canvas.setCreator("MotCua Desk")
    canvas.setKeywords(seal)  # the signed payload, for `motcua verify-doc FILE.pdf`
    return canvas


def draw_barcode(
    canvas: Canvas, text: str, right: float, y: float, height: float = 9 * mm,
    bar: float = 0.28 * mm,
) -> None:  # fmt: skip
    """The dossier code as a Code 128 barcode ending at ``right`` (a scanner at the desk
    types it into the search box and opens the dossier)."""
    barcode = code128.Code128(text, barHeight=height, barWidth=bar, humanReadable=False)
    barcode.drawOn(canvas, right - barcode.width, y)


def draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float = 24 * mm) -> None:
    """The QR code as filled runs of dark modules (a few dozen rectangles, not one shape
    object per module), with a quiet zone of two modules."""
    modules = qr_modules(text)
    count = len(modules) + 4
    step = size / count
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    path = canvas.beginPath()
    for row, dark in enumerate(modules):
        top = y + size - (row + 2) * step
        col = 0
        while col < len(dark):
            if not dark[col]:
                col += 1
                continue
            end = col
            while end < len(dark) and dark[end]:
                end += 1
            path.rect(x + (col + 2) * step, top - step, (end - col) * step, step * 1.01)
            col = end
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()


@lru_cache(maxsize=64)  # both copies of a receipt carry the same code
def qr_modules(text: str) -> tuple[tuple[bool, ...], ...]:
    """The QR matrix of ``text`` (error correction M). One fixed mask pattern instead of
    the library's search over all eight: the search cost ~25 ms a code, and a fixed mask
    is as valid a QR code (the tests decode every printed one with zbar)."""
    code = qrencoder.QRCode(None, qrencoder.QRErrorCorrectLevel.M)
    code.addData(text)
    code.version = code.calculate_version()
    code.makeImpl(False, 0)
    return tuple(tuple(row) for row in code.modules)


def vn_date(moment: datetime) -> str:
    """ "Ngày 02 tháng 03 năm 2026", in the office's time zone."""
    local = moment.astimezone(OFFICE_TZ)
    return f"Ngày {local:%d} tháng {local:%m} năm {local:%Y}"


def text_fits(canvas: Canvas, text: str, font: str, size: float, width: float) -> float:
    """The font size (≤ ``size``) at which ``text`` fits in ``width``."""
    while size > 6 and canvas.stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def wrap(canvas: Canvas, text: str, font: str, size: float, width: float) -> list[str]:
    """Words of ``text`` in lines no wider than ``width``; a word longer than a line (a
    dossier code in a narrow column) is cut where it must be."""
    lines: list[str] = []
    for word in text.split():
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
