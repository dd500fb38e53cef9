"""Drawing of the 2025 set (Thông tư 03/2025/TT-VPCP, Mẫu 01–07), with reportlab's Platypus:
the text flows, so a long list of papers, of handovers or of register rows runs onto a
second page (the header row repeated) instead of off the sheet.

What each form prints is data: ``resources/documents/forms-2025.json`` lists, per form,
its lines in order ("fields", each a label with its {placeholders}) and its table's
columns; this module only lays them out. A dossier code is never broken across lines: it
sits in one paragraph that may not split, its size fitted to its cell.
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A5
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from desktop.core.lifecycle import DomainError
from desktop.documents.forms import FormSet
from desktop.documents.kinds import CONTROL, RECEIPT_SLIP, REGISTER, SUPPLEMENT
from desktop.documents.model import Register, Slip
from desktop.documents.pdf import (
    SERIF,
    SERIF_BOLD,
    SERIF_ITALIC,
    TOO_LONG,
    draw_barcode,
    draw_qr,
    field_text,
    register_fonts,
    vn_day,
)
from desktop.files import write_atomically

MARGIN = 12 * mm
CODES = 22 * mm  # the bottom band of a slip: the QR (left) and the barcode (right)
BOLD_LINES = {"due", "new_due", "to"}
# Lines of a label and a value (an hour and a date): set flush left, never justified — a
# justified line that wraps before the date spreads its words across the page.
LEFT_LINES = {"due", "new_due"}
ITALIC_LINES = {"register", "contact", "closing"}
# Mẫu 01's lines about the applicant, under "… tiếp nhận hồ sơ của:"
INDENTED = {(RECEIPT_SLIP, k) for k in ("applicant", "address", "phone", "email", "procedure")}


def _style(
    size: float = 9.5, font: str = SERIF, align: int = TA_LEFT, **more: Any
) -> ParagraphStyle:
    return ParagraphStyle("x", fontName=font, fontSize=size, leading=size * 1.24,
                          alignment=align, **more)  # fmt: skip


def _p(text: str, size: float = 9.5, font: str = SERIF, align: int = TA_LEFT,
       **more: Any) -> Paragraph:  # fmt: skip
    return Paragraph(escape(field_text(text)), _style(size, font, align, **more))


def _code(text: str, width: float, size: float, font: str = SERIF,
          align: int = TA_LEFT) -> Paragraph:  # fmt: skip
    """A dossier code (or a line carrying one) on one line: shrunk to fit ``width``, never
    split (a code cut in two is a wrong code to whoever types it)."""
    while size > 4.5 and stringWidth(text, font, size) > width:
        size -= 0.25
    return Paragraph(escape(text), _style(size, font, align, splitLongWords=0))


def _rule(width: float, thickness: float = 0.6) -> HRFlowable:
    return HRFlowable(width=width, thickness=thickness, color="black", hAlign="CENTER",
                      spaceBefore=0.6 * mm, spaceAfter=1.2 * mm)  # fmt: skip


class _CopyStart(Flowable):  # type: ignore[misc]  # reportlab has no type hints
    """Marks where a copy (liên) begins, so its pages are numbered from 1."""

    def __init__(self) -> None:
        super().__init__()
        self.width = self.height = 0

    def draw(self) -> None:
        self.canv._copy_first = self.canv.getPageNumber()


def _letterhead(form_set: FormSet, office: str, number: str | None, place: str,
                at: datetime | None, width: float, emblem: bytes | None = None,
                size: float = 8) -> Table:  # fmt: skip
    """The two header blocks: the office and its unit over a short rule and the "Số:" line
    (left); the national title and motto over a rule as long as the motto, and the
    place-and-date line (right)."""
    text = form_set.text
    left_w, right_w = width * 0.46, width * 0.54
    left: list[Any] = []
    if emblem:
        left.append(Image(io.BytesIO(emblem), 9 * mm, 9 * mm, kind="proportional"))
    left.append(_p(office.upper(), size, SERIF, TA_CENTER))
    left.append(_p(text["unit"], size, SERIF_BOLD, TA_CENTER))
    unit_width = min(stringWidth(text["unit"], SERIF_BOLD, size), left_w - 2 * mm)
    left.append(_rule(unit_width * 0.4))  # 1/3–1/2 of the line above, centred
    if number is not None:
        line = text["number_line"].format(number=number)
        left.append(_code(line, left_w - 2 * mm, size + 0.5, SERIF, TA_CENTER))
    right: list[Any] = [_p(text["nation"], size - 0.5, SERIF_BOLD, TA_CENTER),
                        _p(text["motto"], size + 0.5, SERIF_BOLD, TA_CENTER),
                        _rule(stringWidth(text["motto"], SERIF_BOLD, size + 0.5))]  # fmt: skip
    if at is not None:
        right.append(_p(f"{place}, {_date_line(at)}", size + 0.5, SERIF_ITALIC, TA_CENTER))
    table = Table([[left, right]], colWidths=(left_w, right_w), hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 1),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 1)]))  # fmt: skip
    return table


def _date_line(at: datetime) -> str:
    """ "ngày 05 tháng 3 năm 2026": Nghị định 30/2020 pads days below 10 and months 1, 2."""
    return vn_day(at)


def _table(headers: list[str], rows: list[list[Any]], widths: list[float],
           size: float) -> Table:  # fmt: skip
    head = [_p(h, size, SERIF_BOLD, TA_CENTER) for h in headers]
    body = [
        [c if isinstance(c, Flowable | list) else _p(str(c), size) for c in row] for row in rows
    ]
    table = Table([head, *body], colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))  # fmt: skip
    return table


def _signatures(
    signatures: tuple[tuple[str, str], ...], width: float, hint: str,
    room: float = 16 * mm, dated: str = "",
) -> KeepTogether:  # fmt: skip
    """The signature blocks side by side (one alone sits on the right), each with the
    room to sign (and, for a letter, to seal) above the printed name; ``dated``, the
    place-and-date line, over the last."""
    cells: list[list[Flowable]] = [
        [_p(title, 9, SERIF_BOLD, TA_CENTER), _p(hint, 8, SERIF_ITALIC, TA_CENTER),
         Spacer(1, room), _p(name, 9, SERIF_BOLD, TA_CENTER)]
        for title, name in signatures
    ]  # fmt: skip
    if dated:
        cells[-1].insert(0, _p(dated, 9.5, SERIF_ITALIC, TA_CENTER))
    widths = [width / len(cells)] * len(cells)
    if len(cells) == 1:
        cells.insert(0, [Spacer(1, 1)])
        widths = [width * 0.4, width * 0.6]
    table = Table([cells], colWidths=widths)
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return KeepTogether([Spacer(1, 3 * mm), table])


def _rows_of(slip: Slip, width: float, size: float) -> tuple[list[list[Any]], list[float]]:
    """The kind's table: papers handed in, what to supplement, or the control rows."""
    if slip.kind == CONTROL:
        rows = [[str(n), s.agency, s.when, _signed(s.giver, size), _signed(s.receiver, size),
                 s.result, s.note] for n, s in enumerate(slip.steps, 1)]  # fmt: skip
        fractions = [0.06, 0.17, 0.17, 0.15, 0.15, 0.16, 0.14]
    elif slip.kind == SUPPLEMENT:
        rows = [[str(n), *r] for n, r in enumerate(slip.rows, 1)]
        fractions = [0.08, 0.42, 0.25, 0.25]
    else:
        rows = [[str(n), *r] for n, r in enumerate(slip.rows, 1)]
        fractions = [0.08, 0.6, 0.2, 0.12]
    return rows, [f * width for f in fractions]


def _signed(name: str, size: float) -> list[Flowable]:
    """A giver's or receiver's cell: the name, and room below it to sign."""
    return [_p(name, size), Spacer(1, 7 * mm)]


def _slip_story(form_set: FormSet, slip: Slip, copy: str, width: float) -> list[Flowable]:
    form = form_set.form(slip.kind)
    fill = {**slip.fields}
    story: list[Flowable] = [
        _CopyStart(),
        _p(form_set.form_line(slip.kind), 7, SERIF_ITALIC, TA_RIGHT),
        Spacer(1, 1 * mm),
        _letterhead(
            form_set, slip.office_name, slip.number, slip.place, slip.at, width, slip.emblem
        ),
        Spacer(1, 2 * mm),
        _p(form["title"], 11.5, SERIF_BOLD, TA_CENTER, spaceAfter=0.5 * mm),
    ]
    if copy:
        story.append(_p(copy, 8.5, SERIF_ITALIC, TA_CENTER))
    story.append(Spacer(1, 1.5 * mm))
    for field in form["fields"]:
        key = field["key"]
        if key == "headers":
            rows, widths = _rows_of(slip, width, 7.5 if slip.kind == CONTROL else 8.5)
            story += [_table(form["headers"], rows, widths, 7.5), Spacer(1, 2 * mm)]
            continue
        line = form[key].format(**fill)
        font = SERIF_BOLD if key in BOLD_LINES else SERIF_ITALIC if key in ITALIC_LINES else SERIF
        align = TA_CENTER if key == "to" else TA_LEFT if key in LEFT_LINES else TA_JUSTIFY
        indent = 3 * mm if (slip.kind, key) in INDENTED else 0
        story.append(_p(line, 8.8, font, align, leftIndent=indent, spaceAfter=0.5 * mm))
        if key in ("papers", "request"):  # the papers handed in / to supplement, as a table
            rows, widths = _rows_of(slip, width, 8.5)
            story += [_table(form["headers"], rows, widths, 8), Spacer(1, 1.5 * mm)]
    if slip.signatures:
        hint = form.get("seal_hint") or form_set.text["signature_hint"]
        room = 20 * mm if "seal_hint" in form else 11 * mm
        story.append(_signatures(slip.signatures, width, hint, room))
    return story


def _register_story(form_set: FormSet, r: Register, width: float) -> list[Flowable]:
    form = form_set.form(REGISTER)
    size = 7
    rows = []
    code_width = r.widths[1] * width - 4
    for row in r.rows:
        cells: list[Any] = list(row)
        cells[1] = _code(row[1], code_width, size)  # the dossier code: one line, whole
        rows.append(cells)
    return [
        _p(r.form_line, 7.5, SERIF_ITALIC, TA_RIGHT),
        _letterhead(form_set, r.office_name, None, r.place, None, width * 0.6, size=8.5),
        Spacer(1, 3 * mm),
        _p(r.title, 13, SERIF_BOLD, TA_CENTER, spaceAfter=1 * mm),
        _p(form["book"].format(book=r.book), 10, SERIF_BOLD, TA_CENTER),
        _p(r.subtitle, 9.5, SERIF_ITALIC, TA_CENTER, spaceAfter=3 * mm),
        _table(list(r.headers), rows, [w * width for w in r.widths], size),
        _signatures(
            tuple(zip(r.signers, r.names, strict=False)),
            width,
            form_set.text["signature_hint"],
            dated=f"{r.place}, {_date_line(r.at)}" if r.at else "",
        ),
    ]


def _codes_on_page(seal: str, code: str | None, page: tuple[float, float],
                   page_label: str) -> Any:  # fmt: skip
    """At the end of each page: the page number from a copy's second page (top centre, as
    Nghị định 30/2020 puts it), the signed QR and the dossier's barcode at the foot."""

    def on_page(canvas: Canvas, doc: Any) -> None:
        width, height = page
        number = canvas.getPageNumber() - getattr(canvas, "_copy_first", 1) + 1
        if number > 1:
            canvas.setFont(SERIF, 9)
            canvas.drawCentredString(width / 2, height - 8 * mm,
                                     page_label.format(page=number))  # fmt: skip
        draw_qr(canvas, seal, MARGIN, 3 * mm, 20 * mm)  # 150 dpi scans need this much
        if code:
            draw_barcode(canvas, code, width - MARGIN, 8 * mm, 8 * mm)

    return on_page


def render(form_set: FormSet, papers: list[Any], target: Path | Any) -> None:
    """The papers into one PDF: the slips on A5 (each copy of Mẫu 01 from a new page), or
    the tracking book on A4 landscape."""
    if not papers:
        raise DomainError("Không có phiếu nào để in.")
    register_fonts()
    first = papers[0]
    if isinstance(first, Register):
        page = first.page
        bottom, code = 24 * mm, None
        title = f"{first.title} — {first.subtitle}"
    else:
        page, bottom, code = A5, 3 * mm + CODES, first.dossier_code
        title = f"{form_set.form(first.kind)['title']} — {first.dossier_code}"
    width = page[0] - 2 * MARGIN
    story: list[Flowable] = []
    if isinstance(first, Register):
        story = _register_story(form_set, first, width)
    else:
        for slip in papers:
            for copy in form_set.form(slip.kind).get("copies", [""]):
                if story:
                    story.append(PageBreak())
                story += _slip_story(form_set, slip, copy, width)
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=page, leftMargin=MARGIN, rightMargin=MARGIN,
                          topMargin=11 * mm, bottomMargin=bottom, title=title,
                          author="MotCua Desk", creator="MotCua Desk", keywords=first.seal,
                          pageCompression=1)  # fmt: skip
    frame = Frame(MARGIN, bottom, width, page[1] - bottom - 11 * mm, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)  # fmt: skip
    on_page = _codes_on_page(first.seal, code, page, form_set.text["page"])
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=on_page)])
    try:
        doc.build(story)
    except LayoutError:  # one cell taller than a page: text no paper can hold (hostile or pasted)
        raise DomainError(TOO_LONG) from None
    if isinstance(target, Path):
        write_atomically(target, buffer.getvalue())
    else:
        target.write(buffer.getvalue())
