"""Biên lai in nhiệt 80 mm — the fee receipt for a thermal receipt printer (ESC/POS).

Thermal printers rarely hold a code page with every Vietnamese letter, so the receipt is
laid out as a 72 mm wide PDF (the same wording and signed QR as the A4 receipt), turned
into a black-and-white image at the printer's 203 dpi and sent as ESC/POS raster images
(``GS v 0``, through python-escpos), a cut after each copy: Liên 1, which the payer signs
and the office keeps, then Liên 2 for the payer. What prints is exactly what the PDF shows.

The printer is a device file (``/dev/usb/lp0``), a Windows printer (``win32:NAME``, raw,
through the spooler), a USB printer (``usb:VID:PID``), a network one (``tcp:HOST[:PORT]``)
or any python-escpos printer; an ordinary file path keeps the bytes, written whole.

There is no 1-D barcode on the thermal receipt: at two printer dots a module (the least
that scans) a Code 128 of a dossier code needs about 70 mm, leaving no quiet zone on
72 mm paper. The QR carries the dossier code instead.
"""

from __future__ import annotations

import io
import stat
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
from escpos.escpos import Escpos
from escpos.printer import Dummy, File, Network, Usb, Win32Raw
from PIL import Image
from reportlab.lib.units import mm

from desktop.core.lifecycle import DomainError
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
from desktop.documents.receipt import ReceiptDocument, receipt_document, void_note
from desktop.files import write_atomically
from desktop.services.context import Actor, Desk
from desktop.services.fees import note_print, printed_before

WIDTH = 72 * mm  # the printable width of 80 mm paper
DOTS = 576  # 72 mm at 203 dpi, a multiple of 8
DPI = DOTS / (WIDTH / 72)  # the printer's dots per inch (203.2)
GS = b"\x1d"
RASTER = GS + b"v0"


def thermal_pdf(d: ReceiptDocument, target: Path | Any) -> None:
    """The receipt on 72 mm wide pages, one a copy (Liên 1, Liên 2), each as long as it
    needs to be (paper is not fed for nothing)."""
    text = labels("bien-lai")
    title = f"Biên lai {d.series} số {d.number:07d}"
    tall = 400 * mm  # drawn once on a scratch page, to measure
    height = tall - _draw_copy(new_canvas(io.BytesIO(), title, (WIDTH, tall), d.seal), d, text,
                               text["copies"][0], tall) + 4 * mm  # fmt: skip
    c = new_canvas(target, title, (WIDTH, height), d.seal)
    for copy_label in text["copies"]:
        _draw_copy(c, d, text, copy_label, height)
        c.showPage()
    c.save()


def _draw_copy(c: Any, d: ReceiptDocument, text: dict[str, Any], copy_label: str,
               height: float) -> float:  # fmt: skip
    """One copy from the top of a page ``height`` tall; returns where it ended."""
    y = height - 6 * mm

    def line(value: str, font: str = SERIF, size: float = 9, centre: bool = False) -> None:
        nonlocal y
        for part in wrap(c, value, font, size, WIDTH - 4 * mm):
            c.setFont(font, size)
            if centre:
                c.drawCentredString(WIDTH / 2, y, part)
            else:
                c.drawString(2 * mm, y, part)
            y -= size * 0.45 * mm
        y -= 0.8 * mm

    line(d.office_name.upper(), SERIF_BOLD, 9, centre=True)
    line(f"{text['tax_code']}: {d.office_tax_code}", centre=True)
    y -= 2 * mm
    line(text["title"], SERIF_BOLD, 12, centre=True)
    line(copy_label, SERIF_ITALIC, 9, centre=True)
    line(f"{text['form_symbol']}: {d.form_symbol} — {text['series']}: {d.series}", centre=True)
    line(f"{text['number']}: {d.number:07d}", SERIF_BOLD, 11, centre=True)
    marks = [m for m, on in ((text["copy_mark"], d.copy), (text["void_mark"], d.voided)) if on]
    if marks:
        line(" — ".join(marks), SERIF_BOLD, 12, centre=True)
    if d.voided:
        line(void_note(d, text), SERIF_ITALIC, 8.5)
    y -= 2 * mm
    line(f"{text['payer']}: {d.payer_name}")
    line(f"{text['address']}: {d.payer_address or '—'}")
    line(f"{text['dossier']}: {d.dossier_code}")
    line(f"{text['method']}: {d.method}")
    c.line(2 * mm, y + 2.8 * mm, WIDTH - 2 * mm, y + 2.8 * mm)
    y -= 1.5 * mm
    for item in d.items:  # the name on the left, its amount on the right of its first line
        amount = format_dong(int(item["amount"]))
        room = WIDTH - 4 * mm - c.stringWidth(amount, SERIF, 9) - 3 * mm
        c.setFont(SERIF, 9)
        c.drawRightString(WIDTH - 2 * mm, y, amount)
        for part in wrap(c, str(item["name"]), SERIF, 9, room):
            c.setFont(SERIF, 9)
            c.drawString(2 * mm, y, part)
            y -= 9 * 0.45 * mm
        y -= 0.8 * mm
    c.line(2 * mm, y + 2.5 * mm, WIDTH - 2 * mm, y + 2.5 * mm)
    c.setFont(SERIF_BOLD, 10.5)
    c.drawString(2 * mm, y - 1 * mm, text["total"])
    c.drawRightString(WIDTH - 2 * mm, y - 1 * mm, f"{format_dong(d.amount)} đ")
    y -= 6 * mm
    line(f"{text['in_words']}: {amount_in_words(d.amount)}", SERIF_ITALIC, 9)
    y -= 1 * mm
    line(vn_date(d.issued_at), SERIF_ITALIC, 9, centre=True)
    # The payer signs beside the collector; the names under the space for the signatures.
    for x, who, name in ((WIDTH / 4, text["payer_sign"], d.payer_name),
                         (WIDTH * 3 / 4, text["collector_sign"], d.collector)):  # fmt: skip
        c.setFont(SERIF_BOLD, 9)
        c.drawCentredString(x, y, who)
        c.setFont(SERIF_ITALIC, 7.5)
        c.drawCentredString(x, y - 3.5 * mm, text["sign_hint"])
        c.setFont(SERIF_BOLD, 9)
        for n, part in enumerate(wrap(c, name, SERIF_BOLD, 9, WIDTH / 2 - 3 * mm)[:2]):
            c.drawCentredString(x, y - 20 * mm - n * 4 * mm, part)
    y -= 29 * mm
    # Whole printer dots a module (four), on the printer's grid: crisp on thermal paper.
    draw_qr(c, d.seal, (WIDTH - 34 * mm) / 2, y - 34 * mm, 34 * mm, dpi=DPI, min_dots=4)
    y -= 37 * mm
    c.setFont(SERIF_ITALIC, 7.5)
    c.drawCentredString(WIDTH / 2, y + 1 * mm, text["verify_hint"])
    return float(y)


def page_images(pdf: Path | bytes) -> list[Image.Image]:
    """Each page of the PDF as a black-and-white picture DOTS wide, at the printer's dots."""
    source = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    pictures = []
    try:
        for page in source:
            scale = DOTS / page.get_width()
            # No smoothing: a printer dot is black or white, and modules must keep their edges.
            bitmap = page.render(scale=scale, grayscale=True, no_smoothpath=True)
            grey = bitmap.to_pil().convert("L")
            page.close()
            if grey.width > DOTS:
                grey = grey.crop((0, 0, DOTS, grey.height))
            pictures.append(grey.point(lambda v: 0 if v < 128 else 255, mode="1"))
    finally:
        source.close()
    return pictures


def escpos_raster(pdf: Path | bytes) -> bytes:
    """ESC/POS bytes that print each page of the PDF as raster images (``GS v 0``, through
    python-escpos), with a paper cut after each page."""
    printer = Dummy()
    printer.hw("INIT")
    for picture in page_images(pdf):
        printer.image(picture, impl="bitImageRaster", center=False)
        printer.cut(feed=True)  # feeds the paper past the cutter, then cuts
    return bytes(printer.output)


def thermal_receipt(d: ReceiptDocument) -> bytes:
    """The receipt as bytes to send to an 80 mm ESC/POS printer (a device or a file)."""
    buffer = io.BytesIO()
    thermal_pdf(d, buffer)
    return escpos_raster(buffer.getvalue())


def raster_to_pbm(data: bytes) -> bytes:
    """The raster images inside ESC/POS bytes, one under the other, as a PBM picture (to
    check what prints)."""
    rows, width, at = [], 0, 0
    while (start := data.find(RASTER, at)) >= 0:
        row_bytes = int.from_bytes(data[start + 4 : start + 6], "little")
        height = int.from_bytes(data[start + 6 : start + 8], "little")
        if width and row_bytes != width:
            raise ValueError("raster images of different widths")
        width = row_bytes
        rows.append(data[start + 8 : start + 8 + row_bytes * height])
        at = start + 8 + row_bytes * height
    if not rows:
        raise ValueError("no raster image in these ESC/POS bytes")
    body = b"".join(rows)
    return f"P4\n{width * 8} {len(body) // width}\n".encode() + body


def thermal_printer(target: str | Path) -> Escpos | Path:
    """The printer ``target`` names: ``win32:NAME`` (a Windows printer, raw through the
    spooler), ``usb:VID:PID`` (hexadecimal ids), ``tcp:HOST[:PORT]``, or a path — a
    device file (``/dev/usb/lp0``) is printed to, any other path is a file to keep."""
    name = str(target)
    kind, _, rest = name.partition(":")
    if kind == "win32" and rest:
        try:
            return Win32Raw(rest)
        except RuntimeError:  # python-escpos says so without pywin32 (any other system)
            raise DomainError(f"Máy in Windows “{rest}”: chỉ in được trên Windows, có pywin32 "
                              "(python-escpos[win32]).") from None  # fmt: skip
    if kind == "usb" and rest:
        try:
            vendor, product = (int(part, 16) for part in rest.split(":"))
        except ValueError:
            raise DomainError(f"Máy in USB “{name}”: cần dạng usb:VID:PID (hệ 16).") from None
        return Usb(vendor, product)
    if kind == "tcp" and rest:
        host, _, port = rest.partition(":")
        if not host or not (port or "9100").isdigit():
            raise DomainError(f"Máy in mạng “{name}”: cần dạng tcp:MÁY[:CỔNG].")
        return Network(host, int(port or 9100))
    path = Path(name)
    if path.exists() and stat.S_ISCHR(path.stat().st_mode):
        return File(str(path))
    return path


def send(data: bytes, target: str | Path | Escpos) -> None:
    """The bytes to the printer (or file) ``target`` names."""
    printer = target if isinstance(target, Escpos) else thermal_printer(target)
    if isinstance(printer, Path):
        write_atomically(printer, data)  # a file is replaced whole, never left half written
        return
    try:
        printer._raw(data)  # the bytes as they are: the receipt is already ESC/POS
    finally:
        printer.close()


def print_thermal(
    desk: Desk, actor: Actor, receipt_id: str, device: str | Path | Escpos
) -> ReceiptDocument:
    """Print the receipt on an 80 mm printer (see ``thermal_printer`` for ``device``); a
    second print is marked a copy, as on A4. The print is noted only if the printer (or
    file) took the bytes."""
    with desk.store.write() as session:
        copy = printed_before(session, actor, receipt_id)
        document = receipt_document(session, receipt_id, copy)
        data = thermal_receipt(document)
        note_print(session, desk, actor, receipt_id)
        send(data, device)
    return document
