"""A citizen's scan decides how large it claims to be: a few hundred bytes of PDF may declare
a page 5 m wide, a PNG header 30,000 pixels square. The scan viewer (and printing) draw at
most MAX_PAGE_PIXELS a page whatever the zoom, and say when they drew it smaller."""

from __future__ import annotations

import struct
import zlib

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from desktop.ui.printing import MAX_PAGE_PIXELS, page_images
from desktop.ui.scan_viewer import ZOOMS, ScanViewer, render_scan
from desktop.ui.workers import InlineWorkers


def huge_page_pdf(side: int = 14400) -> bytes:
    """A valid one-page PDF whose MediaBox is ``side`` points square (14400 pt = 5.08 m,
    the largest page PDF allows) and which draws one line."""
    content = b"0 0 m 14400 14400 l S"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents 4 0 R >>" % (side, side),
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)  # fmt: skip
    return bytes(out)


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares ``width × height`` and holds two rows: all a decoder sees first."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = zlib.compress((b"\0" + b"\x80" * width * 3) * 2)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0,
            0, 0)) + chunk(b"IDAT", rows) + chunk(b"IEND", b""))  # fmt: skip


def photo(width: int, height: int) -> bytes:
    """A real PNG photo of ``width × height`` (a 24-megapixel camera's size)."""
    image = QImage(width, height, QImage.Format.Format_RGB888)
    image.fill(0x8899AA)
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    return bytes(QByteArray(buffer.data()).data())


def pixels(image: QImage | None) -> int:
    assert image is not None and not image.isNull()
    return image.width() * image.height()


def viewer_showing(qtbot: QtBot, data: bytes, is_pdf: bool) -> ScanViewer:
    viewer = ScanViewer(InlineWorkers())
    qtbot.addWidget(viewer)
    viewer.show_scan("Tờ khai", lambda: data, is_pdf)
    return viewer


def test_a_huge_pdf_page_is_drawn_within_the_pixel_budget_and_says_so(qtbot: QtBot) -> None:
    data = huge_page_pdf()
    assert len(data) < 500  # a few hundred bytes on the wire
    viewer = viewer_showing(qtbot, data, is_pdf=True)
    # At the default zoom this page would be 12,864² pixels (165 million, 0.5 GB).
    assert pixels(viewer.shown_image()) <= MAX_PAGE_PIXELS
    assert pixels(viewer.shown_image()) > MAX_PAGE_PIXELS // 2  # shown, not thrown away
    assert "trang quá lớn, hiển thị thu nhỏ" in viewer.where.text()
    while viewer.zoom < ZOOMS[-1]:
        viewer.zoom_in()
    assert pixels(viewer.shown_image()) <= MAX_PAGE_PIXELS
    viewer.rotate()  # the rotated copy is no larger
    assert "Trang 1/1" in viewer.where.text()


def test_printing_a_huge_page_stays_within_the_pixel_budget() -> None:
    (image,) = page_images(huge_page_pdf(), dpi=300)  # 60,000² pixels as asked
    assert pixels(image) <= MAX_PAGE_PIXELS


def test_an_ordinary_page_is_not_reduced(qtbot: QtBot) -> None:
    viewer = viewer_showing(qtbot, huge_page_pdf(side=595), is_pdf=True)  # A4-wide square
    assert pixels(viewer.shown_image()) == round(595 * 96 / 72 * 0.67) ** 2
    assert "thu nhỏ" not in viewer.where.text()


def test_a_large_photo_zoomed_in_stays_within_the_pixel_budget(qtbot: QtBot) -> None:
    viewer = viewer_showing(qtbot, photo(6000, 4000), is_pdf=False)
    while viewer.zoom < ZOOMS[-1]:  # 300 %: 18,000 × 12,000 pixels as asked
        viewer.zoom_in()
    assert pixels(viewer.shown_image()) <= MAX_PAGE_PIXELS
    assert "trang quá lớn, hiển thị thu nhỏ" in viewer.where.text()


def test_a_png_claiming_30000_pixels_square_is_refused_from_its_header(qtbot: QtBot) -> None:
    data = png_header(30000, 30000)  # 3.6 GB once decoded
    with pytest.raises(ValueError, match=r"Ảnh quá lớn để hiển thị \(30000×30000 điểm ảnh\)"):
        render_scan(data, False, 0, 1.0)
    viewer = viewer_showing(qtbot, data, is_pdf=False)
    assert viewer.shown_image() is None
    assert "Ảnh quá lớn để hiển thị" in viewer.picture.text()
