"""Biên lai thu phí, lệ phí — printed two to an A4 sheet (Liên 1 kept, Liên 2 handed to
the payer), with the dossier code as a barcode and the signed verification QR.

A print is recorded (and every later one marked BẢN SAO) only once its PDF is drawn and
written, in the same transaction: a print that fails leaves the next one the original.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy.orm import Session

from desktop.core.calendar import OFFICE_TZ
from desktop.core.lifecycle import DomainError
from desktop.core.money import amount_in_words, format_dong
from desktop.documents.pdf import (
    SERIF,
    SERIF_BOLD,
    SERIF_ITALIC,
    draw_barcode,
    draw_qr,
    end_form,
    labels,
    new_canvas,
    text_fits,
    vn_date,
    vn_day,
    wrap,
)
from desktop.files import write_atomically
from desktop.services.context import Actor, Desk
from desktop.services.document_keys import Seal, seal_text
from desktop.services.fees import METHODS, note_print, printed_before
from desktop.store.models import Dossier, Office, Officer, Payment, Receipt

WIDTH, HEIGHT = A4
HALF = HEIGHT / 2
# The second copy sits half a page lower, rounded to whole 1/150 inch, so its QR stays on the
# grid of 150, 300 and 600 dpi dots as the first one's (see pdf.draw_qr).
COPY_STEP = round(HALF / (72 / 150)) * (72 / 150)
MARGIN = 14 * mm


@dataclass(frozen=True)
class ReceiptDocument:
    office_name: str
    office_tax_code: str
    form_symbol: str
    series: str
    number: int
    payer_name: str
    payer_address: str
    dossier_code: str
    items: list[dict[str, Any]]
    amount: int
    method: str
    issued_at: datetime
    collector: str
    copy: bool
    voided: bool
    seal: str
    voided_at: datetime | None = None
    voided_by: str = ""  # the officer who voided it
    void_reason: str = ""


def receipt_document(session: Session, receipt_id: str, copy: bool = False) -> ReceiptDocument:
    receipt = session.get(Receipt, receipt_id)
    if receipt is None:
        raise DomainError("Không có biên lai này trên bàn.")
    dossier = session.get(Dossier, receipt.dossier_id)
    office = session.get(Office, dossier.office_code) if dossier else None
    payment = session.get(Payment, receipt.payment_id)
    collector = session.get(Officer, receipt.officer_id) if receipt.officer_id else None
    voider = session.get(Officer, receipt.voided_by) if receipt.voided_by else None
    assert dossier is not None and office is not None and payment is not None
    number = f"{receipt.series}/{receipt.number:07d}"
    day = receipt.issued_at.astimezone(OFFICE_TZ).date().isoformat()
    seal = seal_text(session, Seal("BL", number, dossier.code, receipt.amount, day, office.code))
    return ReceiptDocument(
        office_name=office.name, office_tax_code=office.tax_code,
        form_symbol=receipt.form_symbol, series=receipt.series, number=receipt.number,
        payer_name=receipt.payer_name, payer_address=receipt.payer_address,
        dossier_code=dossier.code, items=list(receipt.items), amount=receipt.amount,
        method=METHODS[payment.method], issued_at=receipt.issued_at,
        collector=collector.full_name if collector else "", copy=copy,
        voided=receipt.voided_at is not None, seal=seal, voided_at=receipt.voided_at,
        voided_by=voider.full_name if voider else "", void_reason=receipt.void_reason or "",
    )  # fmt: skip


def print_receipt(desk: Desk, actor: Actor, receipt_id: str, target: Path) -> ReceiptDocument:
    """Write the receipt's PDF to ``target`` (a file; a stream also works); every
    print after the first is marked a copy (audited). Drawn first, then the print noted,
    then written, in one transaction: a failure anywhere records no print."""
    with desk.store.write() as session:  # the first print makes the desk's signing key
        copy = printed_before(session, actor, receipt_id)  # also: the actor's office only
        document = receipt_document(session, receipt_id, copy)
        pdf = receipt_pdf([document])
        note_print(session, desk, actor, receipt_id)
        deliver(target, pdf)
    return document


def deliver(target: Path | Any, data: bytes) -> None:
    """``data`` to a file (replaced whole, never left half written) or a stream."""
    if isinstance(target, Path):
        write_atomically(target, data)
    else:
        target.write(data)


def receipt_pdf(documents: list[ReceiptDocument]) -> bytes:
    """The receipts' PDF, as bytes."""
    buffer = io.BytesIO()
    render_receipts(documents, buffer)
    return buffer.getvalue()


def render_receipts(documents: list[ReceiptDocument], target: Path | Any) -> None:
    """One A4 page per receipt, its two copies one above the other (cut along the line)."""
    if not documents:
        raise DomainError("Không có biên lai nào để in.")
    first = documents[0]
    title = f"Biên lai {first.series} số {first.number:07d}"
    canvas = new_canvas(target, title, A4, first.seal)
    text = labels("bien-lai")
    for k, document in enumerate(documents):
        # The copies differ only in their label: drawn once, as a form placed twice.
        form = f"bien-lai-{k}"
        canvas.beginForm(form, 0, 0, WIDTH, HEIGHT)
        _draw_copy(canvas, document, text, HEIGHT)
        end_form(canvas)
        for n, copy_label in enumerate(text["copies"]):
            canvas.saveState()
            canvas.translate(0, -n * COPY_STEP)
            canvas.doForm(form)
            canvas.restoreState()
            canvas.setFont(SERIF_ITALIC, 9.5)
            canvas.drawCentredString(WIDTH / 2, HEIGHT - n * COPY_STEP - 29 * mm, copy_label)
        canvas.setDash(3, 3)
        canvas.line(MARGIN / 2, HALF, WIDTH - MARGIN / 2, HALF)
        canvas.setDash()
        canvas.showPage()
    canvas.save()


def _draw_copy(c: Canvas, d: ReceiptDocument, text: dict[str, Any], top: float) -> None:
    """One copy, its label left out, from ``top`` down half a page."""
    left, right = MARGIN, WIDTH - MARGIN
    y = top - 12 * mm
    c.setFont(SERIF_BOLD, 9.5)
    lines = wrap(c, d.office_name.upper(), SERIF_BOLD, 9.5, (right - left) * 0.62)[:2]
    for n, line in enumerate(lines):
        c.drawString(left, y - n * 4.2 * mm, line)
    c.setFont(SERIF, 9)
    c.drawString(left, y - len(lines) * 4.2 * mm, f"{text['tax_code']}: {d.office_tax_code}")
    c.drawRightString(right, y, f"{text['form_symbol']}: {d.form_symbol}")
    c.drawRightString(right, y - 4.5 * mm, f"{text['series']}: {d.series}")
    c.setFont(SERIF_BOLD, 11)
    c.drawRightString(right, y - 9.5 * mm, f"{text['number']}: {d.number:07d}")

    c.setFont(SERIF_BOLD, 15)
    c.drawCentredString(WIDTH / 2, y - 12 * mm, text["title"])
    marks = [m for m, on in ((text["copy_mark"], d.copy), (text["void_mark"], d.voided)) if on]
    if marks:
        c.setFont(SERIF_BOLD, 12)
        c.setFillColorRGB(0.75, 0, 0)
        c.drawCentredString(WIDTH / 2, y - 22.5 * mm, " — ".join(marks))
        c.setFillColorRGB(0, 0, 0)

    y -= 29 * mm
    rows = [(text["payer"], d.payer_name), (text["address"], d.payer_address or "—"),
            (text["dossier"], d.dossier_code), (text["method"], d.method)]  # fmt: skip
    for label, value in rows:
        c.setFont(SERIF, 10)
        c.drawString(left, y, f"{label}: ")
        offset = c.stringWidth(f"{label}: ", SERIF, 10)
        size = text_fits(c, value, SERIF_BOLD, 10, right - 30 * mm - left - offset)
        c.setFont(SERIF_BOLD, size)
        c.drawString(left + offset, y, value)
        y -= 5.5 * mm

    # Items: name and amount, then the total.
    table_right = right - 30 * mm
    c.setFont(SERIF_BOLD, 9.5)
    c.line(left, y + 3.5 * mm, table_right, y + 3.5 * mm)
    c.drawString(left + 2 * mm, y, text["item"])
    c.drawRightString(table_right - 2 * mm, y, text["amount"])
    c.line(left, y - 1.8 * mm, table_right, y - 1.8 * mm)
    c.setFont(SERIF, 9.5)
    for item in d.items[:4]:
        y -= 5 * mm
        name = f"{'Phí' if item['kind'] == 'phi' else 'Lệ phí'}: {item['name']}" if not str(
            item["name"]).lower().startswith(("phí", "lệ phí")) else str(item["name"])  # fmt: skip
        c.setFont(SERIF, text_fits(c, name, SERIF, 9.5, table_right - left - 35 * mm))
        c.drawString(left + 2 * mm, y, name)
        c.setFont(SERIF, 9.5)
        c.drawRightString(table_right - 2 * mm, y, format_dong(int(item["amount"])))
    y -= 5.5 * mm
    c.line(left, y + 3.5 * mm, table_right, y + 3.5 * mm)
    c.setFont(SERIF_BOLD, 10)
    c.drawString(left + 2 * mm, y, text["total"])
    c.drawRightString(table_right - 2 * mm, y, format_dong(d.amount))
    y -= 6 * mm
    words = amount_in_words(d.amount)
    c.setFont(SERIF, 10)
    c.drawString(left, y, f"{text['in_words']}: ")
    offset = c.stringWidth(f"{text['in_words']}: ", SERIF, 10)
    c.setFont(SERIF_ITALIC, text_fits(c, words, SERIF_ITALIC, 10, table_right - left - offset))
    c.drawString(left + offset, y, words)

    if d.voided:  # who voided it, when and why: the paper says it, not only the book
        c.setFillColorRGB(0.75, 0, 0)
        for line in wrap(c, void_note(d, text), SERIF_ITALIC, 9, table_right - left)[:2]:
            y -= 4.6 * mm
            c.setFont(SERIF_ITALIC, 9)
            c.drawString(left, y, line)
        c.setFillColorRGB(0, 0, 0)

    # Signatures, date, and the codes that make the paper checkable.
    y -= 8 * mm
    c.setFont(SERIF_ITALIC, 9.5)
    c.drawCentredString(right - 55 * mm, y, vn_date(d.issued_at))
    y -= 5 * mm
    for x, who in ((left + 30 * mm, text["payer_sign"]), (right - 55 * mm, text["collector_sign"])):
        c.setFont(SERIF_BOLD, 10)
        c.drawCentredString(x, y, who)
        c.setFont(SERIF_ITALIC, 8.5)
        c.drawCentredString(x, y - 4 * mm, text["sign_hint"])
    c.setFont(SERIF_BOLD, 10)
    c.drawCentredString(left + 30 * mm, top - HALF + 17 * mm, d.payer_name)
    c.drawCentredString(right - 55 * mm, top - HALF + 17 * mm, d.collector)
    # 29.5 mm: room for the code's 57 modules (version 8) at three 150 dpi dots, 0.5 mm each.
    draw_qr(c, d.seal, right - 29.5 * mm, top - 74 * mm, 29.5 * mm)
    c.setFont(SERIF_ITALIC, 6.5)
    for n, line in enumerate(wrap(c, text["verify_hint"], SERIF_ITALIC, 6.5, 34 * mm)[:2]):
        c.drawCentredString(right - 14.75 * mm, top - 76 * mm - n * 2.6 * mm, line)
    draw_barcode(c, d.dossier_code, WIDTH / 2 + 40 * mm, top - HALF + 4 * mm, 8 * mm)


def void_note(d: ReceiptDocument, text: dict[str, Any]) -> str:
    """ "Huỷ lúc 10 giờ 15 phút, ngày 02/3/2026, người huỷ: …; lý do: …"."""
    # An older, locally edited label file may lack these wordings: the shipped ones then.
    word = {"voided": "Biên lai đã huỷ", "voided_at": "lúc", "voided_by": "người huỷ",
            "void_reason": "lý do", **text}  # fmt: skip
    note = str(word["voided"])
    if d.voided_at is not None:
        local = d.voided_at.astimezone(OFFICE_TZ)
        note += f" {word['voided_at']} {local:%H} giờ {local:%M} phút, {vn_day(local)}"
    if d.voided_by:
        note += f"; {word['voided_by']}: {d.voided_by}"
    return f"{note}; {word['void_reason']}: {d.void_reason or '—'}."
