"""Biên lai in nhiệt 80 mm — the fee receipt for a thermal receipt printer (ESC/POS).

Thermal printers rarely hold a code page with every Vietnamese letter, so the receipt is
laid out as a 72 mm wide PDF (the same wording and signed QR as the A4 receipt), turned
into a black-and-white image at the printer's 203 dpi and sent as one ESC/POS raster
image (``GS v 0``), followed by a paper cut. What prints is exactly what the PDF shows.

There is no 1-D barcode on the thermal receipt: at two printer dots a module (the least
that scans) a Code 128 of a dossier code needs about 70 mm, leaving no quiet zone on
72 mm paper. The QR carries the dossier code instead.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from reportlab.lib.units import mm

from desktop.core.money import amount_in_words, format_dong
from desktop.documents.pdf import (
    SERIF,
    SERIF_BOLD,
    SERIF_ITALIC,
    draw_qr,
    labels,
    new_canvas,
    vn_date,
    wrap,
)
from desktop.documents.receipt import ReceiptDocument, receipt_document
from desktop.files import write_atomically
from desktop.services.context import Actor, Desk
from desktop.services.fees import record_print

WIDTH = 72 * mm  # the printable width of 80 mm paper
DOTS = 576  # 72 mm at 203 dpi, a multiple of 8
ESC, GS = b"\x1b", b"\x1d"


def thermal_pdf(d: ReceiptDocument, target: Path | Any) -> None:
    """The receipt on one 72 mm wide page, as long as it needs to be."""
    text = labels("bien-lai")
    height = 150 * mm + 5 * mm * len(d.items)
    c = new_canvas(target, f"Biên lai {d.series} số {d.number:07d}", (WIDTH, height), d.seal)
    y = height - 6 * mm

    def line(value: str, font: str = SERIF, size: float = 8.5, centre: bool = False) -> None:
        nonlocal y
        for part in wrap(c, value, font, size, WIDTH - 4 * mm):
            c.setFont(font, size)
            if centre:
                c.drawCentredString(WIDTH / 2, y, part)
            else:
                c.drawString(2 * mm, y, part)
            y -= size * 0.45 * mm
        y -= 0.8 * mm

    line(d.office_name.upper(), SERIF_BOLD, 8.5, centre=True)
    line(f"{text['tax_code']}: {d.office_tax_code}", centre=True)
    y -= 2 * mm
    line(text["title"], SERIF_BOLD, 11, centre=True)
    line(f"{text['form_symbol']}: {d.form_symbol} — {text['series']}: {d.series}", centre=True)
    line(f"{text['number']}: {d.number:07d}", SERIF_BOLD, 10, centre=True)
    marks = [m for m, on in ((text["copy_mark"], d.copy), (text["void_mark"], d.voided)) if on]
    if marks:
        line(" — ".join(marks), SERIF_BOLD, 11, centre=True)
    y -= 2 * mm
    line(f"{text['payer']}: {d.payer_name}")
    line(f"{text['address']}: {d.payer_address or '—'}")
    line(f"{text['dossier']}: {d.dossier_code}")
    line(f"{text['method']}: {d.method}")
    c.line(2 * mm, y + 2.5 * mm, WIDTH - 2 * mm, y + 2.5 * mm)
    for item in d.items:
        line(str(item["name"]))
        c.setFont(SERIF, 8.5)
        c.drawRightString(WIDTH - 2 * mm, y + 1 * mm, format_dong(int(item["amount"])))
        y -= 3 * mm
    c.line(2 * mm, y + 2.5 * mm, WIDTH - 2 * mm, y + 2.5 * mm)
    c.setFont(SERIF_BOLD, 10)
    c.drawString(2 * mm, y - 1 * mm, text["total"])
    c.drawRightString(WIDTH - 2 * mm, y - 1 * mm, f"{format_dong(d.amount)} đ")
    y -= 6 * mm
    line(f"{text['in_words']}: {amount_in_words(d.amount)}", SERIF_ITALIC, 8.5)
    line(vn_date(d.issued_at), SERIF_ITALIC, 8.5, centre=True)
    line(f"{text['collector_sign']}: {d.collector}", SERIF, 8.5, centre=True)
    y -= 2 * mm
    draw_qr(c, d.seal, (WIDTH - 34 * mm) / 2, y - 34 * mm, 34 * mm)
    y -= 37 * mm
    c.setFont(SERIF_ITALIC, 7)
    c.drawCentredString(WIDTH / 2, y + 1 * mm, text["verify_hint"])
    c.showPage()
    c.save()


def escpos_raster(pdf: Path | bytes) -> bytes:
    """ESC/POS bytes that print the PDF's first page as one raster image, then cut."""
    source = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        page = source[0]
        scale = DOTS / page.get_width()
        # No smoothing: a printer dot is black or white, and bars must keep their edges.
        bitmap = page.render(scale=scale, grayscale=True, no_smoothpath=True)
        width, height, stride = int(bitmap.width), int(bitmap.height), int(bitmap.stride)
        pixels = bytes(bitmap.buffer)
        page.close()
    finally:
        source.close()
    row_bytes = DOTS // 8
    raster = bytearray(row_bytes * height)
    for row in range(height):
        base = row * stride
        for x in range(min(width, DOTS)):
            if pixels[base + x] < 128:  # dark pixel → a printed dot
                raster[row * row_bytes + x // 8] |= 0x80 >> (x % 8)
    header = GS + b"v0\x00" + row_bytes.to_bytes(2, "little") + height.to_bytes(2, "little")
    return ESC + b"@" + header + bytes(raster) + b"\n\n\n" + GS + b"V\x42\x00"


def thermal_receipt(d: ReceiptDocument) -> bytes:
    """The receipt as bytes to send to an 80 mm ESC/POS printer (a device or a file)."""
    buffer = io.BytesIO()
    thermal_pdf(d, buffer)
    return escpos_raster(buffer.getvalue())


def raster_to_pbm(data: bytes) -> bytes:
    """The raster image inside ESC/POS bytes, as a PBM picture (to check what prints)."""
    start = data.index(GS + b"v0")
    row_bytes = int.from_bytes(data[start + 4 : start + 6], "little")
    height = int.from_bytes(data[start + 6 : start + 8], "little")
    body = data[start + 8 : start + 8 + row_bytes * height]
    return f"P4\n{row_bytes * 8} {height}\n".encode() + body


def print_thermal(desk: Desk, actor: Actor, receipt_id: str, device: Path) -> ReceiptDocument:
    """Send the receipt to an 80 mm printer (its device file, or a file to keep); a second
    print is marked a copy, as on A4."""
    copy = record_print(desk, actor, receipt_id)
    with desk.store.write() as session:
        document = receipt_document(session, receipt_id, copy)
    # A device node takes the bytes as they are; a file is replaced whole, never left half
    # written by a full disk.
    write_atomically(device, thermal_receipt(document))
    return document
