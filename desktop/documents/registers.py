"""Sổ và biên bản nhiều trang, drawn on the canvas: the 2018 tracking book (Mẫu 06, A4
landscape) and the end-of-shift handover of dossiers and cash for the supervisor (A4).

Both are tables that run over as many pages as needed, the header row repeated on each
page, with the signed QR on the last one. The data comes gathered and signed
(``desktop.services.paper_data``); this module only draws it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desktop.documents.kinds import REGISTER
from desktop.documents.model import Register
from desktop.documents.pdf import SERIF, SERIF_BOLD, SERIF_ITALIC, draw_qr, new_canvas, wrap

MARGIN = 12 * mm


def render_register(r: Register, target: Path | Any) -> None:
    width, height = r.page
    canvas = new_canvas(target, f"{r.title} — {r.subtitle}", r.page, r.seal)
    left, right = MARGIN, width - MARGIN
    xs = [left]
    for w in r.widths:
        xs.append(xs[-1] + w * (right - left))
    size = 7.5 if r.kind == REGISTER else 8.5
    y = _page_top(canvas, r, width, height, first=True)
    y = _row(canvas, xs, r.headers, y, SERIF_BOLD, size)
    for n, row in enumerate(r.rows, start=1):
        cells = (str(n), *row)
        needed = _row_height(canvas, xs, cells, SERIF, size)
        if y - needed < 20 * mm:  # next page, header row again
            canvas.showPage()
            y = _page_top(canvas, r, width, height, first=False)
            y = _row(canvas, xs, r.headers, y, SERIF_BOLD, size)
        y = _row(canvas, xs, cells, y, SERIF, size)
    if y < 60 * mm:
        canvas.showPage()
        y = height - 20 * mm
    y -= 5 * mm
    for line in r.closing:
        canvas.setFont(SERIF_BOLD, 9.5)
        canvas.drawString(left, y, line)
        y -= 5 * mm
    y -= 4 * mm
    for n, who in enumerate(r.signers):
        x = right - 45 * mm if len(r.signers) == 1 else (left + 45 * mm, right - 60 * mm)[n]
        canvas.setFont(SERIF_BOLD, 9.5)
        canvas.drawCentredString(x, y, who)
        canvas.setFont(SERIF_ITALIC, 8.5)
        canvas.drawCentredString(x, y - 4 * mm, "(Ký, ghi rõ họ tên)")
        canvas.setFont(SERIF_BOLD, 9.5)
        canvas.drawCentredString(x, y - 22 * mm, r.names[n])
    draw_qr(canvas, r.seal, left, 8 * mm, 20 * mm)
    canvas.showPage()
    canvas.save()


def _page_top(canvas: Canvas, r: Register, width: float, height: float, first: bool) -> float:
    canvas.setFont(SERIF_BOLD, 8.5)
    canvas.drawString(MARGIN, height - 10 * mm, r.office_name.upper())
    canvas.setFont(SERIF_ITALIC, 8)
    canvas.drawRightString(width - MARGIN, height - 10 * mm, r.form_line or "Bàn giao ca")
    canvas.drawRightString(width - MARGIN, 8 * mm, f"Trang {canvas.getPageNumber()}")
    y = height - 18 * mm
    if first:
        canvas.setFont(SERIF_BOLD, 13)
        canvas.drawCentredString(width / 2, y, r.title)
        canvas.setFont(SERIF_ITALIC, 9.5)
        canvas.drawCentredString(width / 2, y - 5.5 * mm, r.subtitle)
        y -= 13 * mm
    return float(y)


def _row_height(canvas: Canvas, xs: list[float], cells: Sequence[str], font: str,
                size: float) -> float:  # fmt: skip
    lines = [wrap(canvas, c, font, size, xs[k + 1] - xs[k] - 1.6 * mm) or [""]
             for k, c in enumerate(cells)]  # fmt: skip
    return float(max(len(x) for x in lines) * size * 0.42 * mm + 1.6 * mm)


def _row(canvas: Canvas, xs: list[float], cells: Sequence[str], y: float, font: str,
         size: float) -> float:  # fmt: skip
    height = _row_height(canvas, xs, cells, font, size)
    canvas.setLineWidth(0.4)
    canvas.rect(xs[0], y - height, xs[-1] - xs[0], height)
    for k, cell in enumerate(cells):
        if k:
            canvas.line(xs[k], y, xs[k], y - height)
        canvas.setFont(font, size)
        for j, line in enumerate(wrap(canvas, cell, font, size, xs[k + 1] - xs[k] - 1.6 * mm)):
            canvas.drawString(xs[k] + 0.8 * mm, y - (j + 1) * size * 0.42 * mm, line)
    return float(y - height)
