"""Drawing of the 2018 set (Thông tư 01/2018/TT-VPCP, Mẫu 01–06): the slips on A5 drawn on
the canvas — the receipt and appointment slip, the supplement request, the refusal, the
apology with a new appointment and the process-control slip — and the tracking book
(through ``registers``).

The data comes gathered and signed (``desktop.documents.model``); the wording comes from
``resources/documents/forms-2018.json``.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from desktop.core.lifecycle import DomainError
from desktop.documents.forms import FormSet
from desktop.documents.kinds import APOLOGY, CONTROL, RECEIPT_SLIP, REFUSAL, SUPPLEMENT
from desktop.documents.model import Register, Slip
from desktop.documents.pdf import (
    SERIF,
    SERIF_BOLD,
    SERIF_ITALIC,
    dated_line,
    draw_barcode,
    draw_qr,
    new_canvas,
    wrap,
)
from desktop.documents.registers import render_register

WIDTH, HEIGHT = A5
MARGIN = 12 * mm


def render(form_set: FormSet, papers: list[Any], target: Path | Any) -> None:
    """The papers into one PDF: slips on A5 (Mẫu 01 in its two copies), or the book."""
    if not papers:
        raise DomainError("Không có phiếu nào để in.")
    if isinstance(papers[0], Register):
        render_register(papers[0], target)
        return
    slips: list[Slip] = papers
    first = slips[0]
    title = form_set.form(first.kind)["title"]
    canvas = new_canvas(target, f"{title} — {first.dossier_code}", A5, first.seal)
    for slip in slips:
        for copy in form_set.form(slip.kind).get("copies", [""]):
            _draw(canvas, slip, form_set, copy)
            canvas.showPage()
    canvas.save()


class _Writer:
    """A cursor down the page that wraps text in the page's width."""

    def __init__(self, canvas: Canvas, y: float) -> None:
        self.c, self.y = canvas, y
        self.left, self.right = MARGIN, WIDTH - MARGIN

    def para(self, text: str, font: str = SERIF, size: float = 9.5, indent: float = 0) -> None:
        for line in wrap(self.c, text, font, size, self.right - self.left - indent):
            self.c.setFont(font, size)
            self.c.drawString(self.left + indent, self.y, line)
            self.y -= size * 0.46 * mm
        self.y -= 0.8 * mm

    def table(self, headers: tuple[str, ...], rows: list[tuple[str, ...]],
              widths: tuple[float, ...], size: float = 9) -> None:  # fmt: skip
        xs = [self.left]
        for w in widths:
            xs.append(xs[-1] + w * (self.right - self.left))
        self.c.setLineWidth(0.5)
        for n, row in enumerate([headers, *[(str(i), *r) for i, r in enumerate(rows, 1)]]):
            font = SERIF_BOLD if n == 0 else SERIF
            cells = [wrap(self.c, cell, font, size, xs[k + 1] - xs[k] - 2 * mm) or [""]
                     for k, cell in enumerate(row)]  # fmt: skip
            height = max(len(c) for c in cells) * size * 0.44 * mm + 1.5 * mm
            self.c.rect(xs[0], self.y - height + 3.5 * mm, xs[-1] - xs[0], height)
            for k, lines in enumerate(cells):
                if k:
                    self.c.line(xs[k], self.y + 3.5 * mm, xs[k], self.y - height + 3.5 * mm)
                for j, line in enumerate(lines):
                    self.c.setFont(font, size)
                    self.c.drawString(xs[k] + 1 * mm, self.y - j * size * 0.44 * mm, line)
            self.y -= height
        self.y -= 2 * mm


def _draw(c: Canvas, slip: Slip, form_set: FormSet, copy: str) -> None:
    text, form = form_set.text, form_set.form(slip.kind)
    fill = {**slip.fields}
    top = HEIGHT - 10 * mm
    c.setFont(SERIF_ITALIC, 7.5)
    c.drawRightString(WIDTH - MARGIN, top, form_set.form_line(slip.kind))
    if slip.emblem:  # the office's emblem, small, above its name
        emblem = ImageReader(io.BytesIO(slip.emblem))
        c.drawImage(emblem, MARGIN + 20 * mm, top - 1 * mm, 10 * mm, 10 * mm,
                    preserveAspectRatio=True, mask="auto")  # fmt: skip
    # Header: the office (left), the nation and motto (right).
    c.setFont(SERIF_BOLD, 7.5)
    for n, line in enumerate(wrap(c, slip.office_name.upper(), SERIF_BOLD, 7.5, 50 * mm)[:3]):
        c.drawCentredString(MARGIN + 25 * mm, top - 5 * mm - n * 3.4 * mm, line)
    c.setFont(SERIF, 7)
    c.drawCentredString(MARGIN + 25 * mm, top - 16 * mm, text["unit"])
    c.setFont(SERIF_BOLD, 7.5)
    c.drawCentredString(WIDTH - MARGIN - 33 * mm, top - 5 * mm, text["nation"])
    c.drawCentredString(WIDTH - MARGIN - 33 * mm, top - 8.8 * mm, text["motto"])
    c.line(WIDTH - MARGIN - 50 * mm, top - 10 * mm, WIDTH - MARGIN - 16 * mm, top - 10 * mm)
    c.setFont(SERIF_ITALIC, 8.5)
    dated = dated_line(slip.place, slip.at)  # Nghị định 30/2020: "ngày 05 tháng 3 năm 2026"
    c.drawCentredString(WIDTH - MARGIN - 33 * mm, top - 15 * mm, dated)
    c.setFont(SERIF, 9)
    c.drawCentredString(MARGIN + 25 * mm, top - 21 * mm, f"Số: {slip.number}")

    w = _Writer(c, top - 29 * mm)
    c.setFont(SERIF_BOLD, 11.5)
    for line in wrap(c, form["title"], SERIF_BOLD, 11.5, WIDTH - 2 * MARGIN):
        c.drawCentredString(WIDTH / 2, w.y, line)
        w.y -= 5.5 * mm
    if copy:
        c.setFont(SERIF_ITALIC, 8.5)
        c.drawCentredString(WIDTH / 2, w.y + 1 * mm, copy)
        w.y -= 4 * mm
    w.y -= 2 * mm
    if slip.kind == RECEIPT_SLIP:
        w.para(form["intro"].format(**fill))
        for label, value in (("Ông/Bà", slip.applicant), ("Địa chỉ", slip.address),
                             ("Số điện thoại", slip.phone), ("Email", slip.email),
                             ("Nội dung yêu cầu giải quyết", slip.procedure)):  # fmt: skip
            w.para(f"{label}: {value or '—'}", indent=3 * mm)
        w.para(form["papers"])
        w.table(("TT", "Tên giấy tờ", "Hình thức", "Số lượng"), slip.rows, (0.08, 0.6, 0.2, 0.12))
        for key in ("sets", "time", "received", "due", "collect"):
            w.para(form[key].format(**fill), SERIF_BOLD if key == "due" else SERIF)
    elif slip.kind == SUPPLEMENT:
        w.para(form["intro"].format(**fill))
        w.para(f"Nội dung yêu cầu giải quyết: {slip.procedure}")
        w.para(form["request"])
        w.table(("TT", "Giấy tờ", "Yêu cầu", "Ghi chú"), slip.rows, (0.08, 0.42, 0.25, 0.25))
        w.para(form["reason"].format(**fill))
        w.para(form["contact"].format(**fill), SERIF_ITALIC, 9)
    elif slip.kind == REFUSAL:
        w.para(form["intro"].format(**fill))
        w.para(f"Nội dung yêu cầu giải quyết: {slip.procedure}")
        w.para(form["body"].format(**fill))
        w.para(form["closing"])
    elif slip.kind == CONTROL:
        w.para(form["intro"].format(**fill))
        w.para(f"Số điện thoại: {slip.phone or '—'}; Email: {slip.email or '—'}", size=9)
        w.para(f"Nội dung yêu cầu giải quyết: {slip.procedure}")
        w.para(form["departments"].format(**fill))
        w.para(form["due"].format(**fill))
        rows: list[tuple[str, ...]] = [(s.step, s.when, s.result, s.note, "") for s in slip.steps]
        w.table(tuple(form["headers"]), rows, (0.06, 0.32, 0.2, 0.16, 0.16, 0.1), size=8)
    elif slip.kind == APOLOGY:
        w.para(form["intro"].format(**fill))
        w.para(f"Nội dung yêu cầu giải quyết: {slip.procedure}")
        for key in ("old_due", "body", "apology"):
            w.para(form[key].format(**fill))
        w.para(form["new_due"].format(**fill), SERIF_BOLD)

    # Signatures, then the codes that make the slip checkable.
    signers = slip.signatures  # Mẫu 05 is signed in its table, row by row
    y = min(w.y - 3 * mm, 60 * mm)  # the signatures keep clear of the codes below
    for n, (who, name) in enumerate(signers):
        x = WIDTH / 2 if len(signers) == 1 else (MARGIN + 28 * mm, WIDTH - MARGIN - 28 * mm)[n]
        if len(signers) == 1:
            x = WIDTH - MARGIN - 30 * mm
        c.setFont(SERIF_BOLD, 9)
        c.drawCentredString(x, y, who)
        c.setFont(SERIF_ITALIC, 8)
        c.drawCentredString(x, y - 3.5 * mm, "(Ký, ghi rõ họ tên)")
        c.setFont(SERIF_BOLD, 9)
        c.drawCentredString(x, y - 17 * mm, name)
    draw_qr(c, slip.seal, MARGIN, 7 * mm, 19 * mm)
    draw_barcode(c, slip.dossier_code, WIDTH - MARGIN, 9 * mm, 8 * mm)
