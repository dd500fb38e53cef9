"""In giấy tờ — print preview and printing of the PDFs the desk makes, through Qt.

Every document is first a PDF (``desktop.documents``); here its pages are rasterised
(pypdfium2) and painted on a ``QPrinter``: the same pages on paper and in the preview.
"Save as PDF" (a printer writing a PDF file) gets the documents themselves, one after the
other, so the file keeps their text and sharp QR codes. A batch (every slip of a handover)
is printed on a worker thread with progress, so the window stays responsive. The printer
chosen for each kind of document (receipts on one printer, A5 slips on another) is
remembered in the desk's settings.
"""

from __future__ import annotations

import errno
import io
import math
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QCoreApplication, QObject, QRectF, QThreadPool, Signal
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPaintEngine, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.files import write_atomically
from desktop.services import options
from desktop.services.context import Desk
from desktop.ui.errors import describe

PRINT_DPI = 300
# A page is never drawn larger than this, whatever the zoom or the page's size: a 349-byte
# PDF may declare a page 5 m wide, and at screen size that is a 5.7 GB image. An A4 page at
# the printer's 300 dpi is 8.7 million pixels; 25 million is 100 MB as RGBA.
MAX_PAGE_PIXELS = 25_000_000
PAGE_SIZES = {"receipt": QPageSize.PageSizeId.A4, "slip": QPageSize.PageSizeId.A5,
              "register": QPageSize.PageSizeId.A4}  # fmt: skip


def _printer_refused() -> OSError:
    return OSError(
        QCoreApplication.translate(
            "Printing", "Không mở được máy in (kiểm tra máy in hoặc đường dẫn tệp)."
        )
    )


# PDFium is not thread-safe: the print workers and the scan viewer's workers take turns.
PDFIUM = threading.Lock()


@dataclass(frozen=True)
class PageImage:
    image: QImage
    count: int  # pages in the document
    reduced: bool  # drawn smaller than asked, to stay within MAX_PAGE_PIXELS


def bounded_scale(width: float, height: float, scale: float, limit: int = MAX_PAGE_PIXELS) -> float:
    """``scale``, or less when ``width × height`` (points, pixels) drawn at it could exceed
    ``limit`` pixels, each side rounded up: the root of (w·s + 1)(h·s + 1) = limit."""
    w, h = max(width, 1.0), max(height, 1.0)
    most = (math.sqrt((w + h) ** 2 + 4 * w * h * (limit - 1)) - (w + h)) / (2 * w * h)
    return min(scale, most)


def _image_of(page: pdfium.PdfPage, dpi: float) -> tuple[QImage, bool]:
    """The page at ``dpi``, or smaller (True) when that would exceed MAX_PAGE_PIXELS."""
    width, height = page.get_size()
    scale = bounded_scale(width, height, dpi / 72)
    bitmap = page.render(scale=scale, rev_byteorder=True)
    fmt = (QImage.Format.Format_RGB888 if bitmap.n_channels == 3
           else QImage.Format.Format_RGBA8888)  # fmt: skip
    image = QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride, fmt)
    return image.copy(), scale < dpi / 72  # the bitmap's memory goes with the page


def page_images(pdf: Path | bytes, dpi: float = PRINT_DPI) -> list[QImage]:
    """Each page of ``pdf`` (a file or its bytes) as an image at ``dpi``."""
    with PDFIUM:
        document = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
        try:
            images = []
            for page in document:
                images.append(_image_of(page, dpi)[0])
                page.close()
            return images
        finally:
            document.close()


def pdf_page_image(data: bytes, number: int, dpi: float) -> PageImage:
    """Page ``number`` (0-based) of a PDF's bytes as an image, with the page count."""
    with PDFIUM:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            message = QCoreApplication.translate("Printing", "Không đọc được tệp PDF ({error}).")
            raise ValueError(message.format(error=exc)) from None
        try:
            count = len(document)
            if not 0 <= number < count:
                message = QCoreApplication.translate(
                    "Printing", "Tệp PDF không có trang {page} (có {count} trang)."
                )
                raise ValueError(message.format(page=number + 1, count=count))
            page = document[number]
            image, reduced = _image_of(page, dpi)
            page.close()
            return PageImage(image, count, reduced)
        finally:
            document.close()


@contextmanager
def whole_pdf_output(printer: QPrinter) -> Iterator[None]:
    """When ``printer`` saves a PDF file ("print to file"), Qt writes it to a temporary file
    beside the target, which replaces the target only once whole.

    Qt says nothing when a write fails: on a full disk it ends the painting "successfully"
    with half a file. A PDF Qt finished ends with ``%%EOF``; one that does not is removed
    and reported — as a full disk (ENOSPC) when the folder has no room left.
    """
    target = printer.outputFileName()
    pdf = QPaintEngine.Type.Pdf  # not the preview's (Picture), which writes no file
    if not target or printer.outputFormat() != QPrinter.OutputFormat.PdfFormat or (
        printer.paintEngine() is not None and printer.paintEngine().type() != pdf
    ):
        yield
        return
    folder = Path(target).parent
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{Path(target).name}.", suffix=".tmp")
    os.close(fd)
    printer.setOutputFileName(temporary)
    try:
        yield
        with open(temporary, "rb+") as f:
            f.seek(max(0, os.fstat(f.fileno()).st_size - 64))
            if b"%%EOF" not in f.read():
                if shutil.disk_usage(folder).free < 1 << 20:
                    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), target)
                raise OSError(errno.EIO, os.strerror(errno.EIO), target)
            os.fsync(f.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    finally:
        printer.setOutputFileName(target)


def paint_pages(
    printer: QPrinter, images: Sequence[QImage], painter: QPainter | None = None
) -> int:
    """Paint page images on ``printer``, one image a sheet, scaled to the printable area
    with their proportions kept. Returns the pages painted."""
    own = painter is None
    painter = painter or QPainter()
    if own and not painter.begin(printer):
        raise _printer_refused()
    try:
        for n, image in enumerate(images):
            if n:
                printer.newPage()
            area = printer.pageLayout().paintRectPixels(printer.resolution())
            scale = min(area.width() / image.width(), area.height() / image.height())
            target = QRectF(0, 0, image.width() * scale, image.height() * scale)
            painter.drawImage(target, image)
    finally:
        if own:
            painter.end()
    return len(images)


def printer_for(desk: Desk, kind: str) -> QPrinter:
    """A printer for ``kind`` (receipt, slip, register): the one last used for it when it
    is still installed, else the system's default; the paper size the form uses."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    option = options.PRINTERS.get(kind)
    remembered = options.read_desk(desk, option) if option else ""
    if remembered and remembered in QPrinterInfo.availablePrinterNames():
        printer.setPrinterName(remembered)
    size = PAGE_SIZES.get(kind, QPageSize.PageSizeId.A4)
    orientation = QPageLayout.Orientation.Portrait
    printer.setPageLayout(QPageLayout(QPageSize(size), orientation, printer.pageLayout().margins()))
    return printer


def remember_printer(desk: Desk, kind: str, printer: QPrinter) -> None:
    """After printing: the printer used for ``kind`` becomes that kind's default."""
    if printer.outputFileName() or not printer.printerName():
        return  # "save as PDF" is not a printer to remember
    remember_printer_name(desk, kind, printer.printerName())


def remember_printer_name(desk: Desk, kind: str, name: str) -> None:
    option = options.PRINTERS.get(kind)
    if option is not None:  # the printer each kind of paper uses (receipt, slip, register)
        options.remember(desk, option, name)


Document = Path | bytes  # a PDF: its file, or its bytes as the papers service gives them


def saves_pdf(printer: QPrinter) -> bool:
    """Whether ``printer`` writes a PDF file ("save as PDF") rather than printing paper."""
    return bool(printer.outputFileName()) and (
        printer.outputFormat() == QPrinter.OutputFormat.PdfFormat
    )


def joined_pdf(pdfs: Sequence[Document]) -> bytes:
    """The documents one after the other in one PDF, as they are (text, vector QR)."""
    from pypdf import PdfReader, PdfWriter  # only when saving as PDF
    writer = PdfWriter()
    for pdf in pdfs:
        writer.append(PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf))
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def preview(
    parent: QWidget | None, printer: QPrinter, pdfs: Sequence[Document]
) -> QPrintPreviewDialog:
    """A print preview of the PDFs (the dialog's print button prints them)."""
    dialog = QPrintPreviewDialog(printer, parent)
    # Qt keeps only a pointer: the printer must live as long as the dialog paints on it.
    dialog.printer_kept = printer  # type: ignore[attr-defined]
    dialog.setWindowTitle(QCoreApplication.translate("Printing", "Xem trước khi in"))

    def paint(target: QPrinter) -> None:
        with whole_pdf_output(target):
            paint_pages(target, [image for pdf in pdfs for image in page_images(pdf, 150)])

    dialog.paintRequested.connect(paint)
    return dialog


class BatchSignals(QObject):
    progress = Signal(int, int)  # documents printed, documents in all
    finished = Signal(int)  # pages printed
    failed = Signal(str)


Printed = Callable[[int], None]  # run once the output is produced: documents printed


class BatchPrint:
    """Print several PDFs (files or bytes) as one job on a worker thread, reporting
    progress; to a PDF file, the documents themselves are joined (``joined_pdf``).
    ``printed`` (the papers service recording the prints) runs on the worker once the
    output is produced — the file written, the pages sent — with the number of documents
    that went out (fewer than all when cancelled), before ``finished``.

    Not a ``QRunnable``: the pool runs its ``run`` (``start_batch``) and lets go of it
    itself. A Python ``QRunnable`` the pool deleted while Python still held it corrupted
    the interpreter's reference counts (a fatal error at exit)."""

    def __init__(
        self, printer: QPrinter, pdfs: Sequence[Document], dpi: int = PRINT_DPI,
        as_documents: bool = True, printed: Printed | None = None,
    ) -> None:  # fmt: skip
        """``as_documents``: to a PDF file, the documents themselves; False paints their
        pages as a paper printer gets them (what the tests look at)."""
        self.printer, self.pdfs, self.dpi = printer, list(pdfs), dpi
        self.as_documents = as_documents
        self.printed = printed
        self.signals = BatchSignals()
        self.cancelled = False
        self.done = 0  # documents that went out

    def run(self) -> None:
        painter = QPainter()
        try:
            if self.as_documents and saves_pdf(self.printer):
                pages = self._save()
            else:
                with whole_pdf_output(self.printer):
                    try:
                        pages = self._paint(painter)
                    finally:
                        if painter.isActive():
                            painter.end()
            if self.printed is not None and self.done:
                self.printed(self.done)
            self.signals.finished.emit(pages)
        except Exception as exc:  # reported to the window, never lost in the pool
            described = describe(exc)  # a full disk says so, and what to do
            failed = QCoreApplication.translate("Printing", "In không thành công: {error}")
            self.signals.failed.emit(failed.format(error=described[1] if described else exc))

    def _save(self) -> int:
        """The documents into the printer's PDF file, whole or not at all."""
        chosen: list[Document] = []
        for n, pdf in enumerate(self.pdfs, start=1):
            if self.cancelled:
                break
            chosen.append(pdf)
            self.signals.progress.emit(n, len(self.pdfs))
        from pypdf import PdfReader

        data = joined_pdf(chosen)
        write_atomically(Path(self.printer.outputFileName()), data)
        self.done = len(chosen)
        return len(PdfReader(io.BytesIO(data)).pages)

    def _paint(self, painter: QPainter) -> int:
        if not painter.begin(self.printer):
            raise _printer_refused()
        pages = painted = 0
        for n, pdf in enumerate(self.pdfs, start=1):
            if self.cancelled:
                break
            if pages:
                self.printer.newPage()
            pages += paint_pages(self.printer, page_images(pdf, self.dpi), painter)
            painted = n
            self.signals.progress.emit(n, len(self.pdfs))
        painter.end()  # the pages go out (to the spooler, or the file written) here
        self.done = painted
        return pages


def start_batch(job: BatchPrint, pool: QThreadPool | None = None) -> BatchPrint:
    (pool or QThreadPool.globalInstance()).start(job.run)
    return job


class BatchPrintDialog(QProgressDialog):
    """In hàng loạt: a progress bar for a batch being printed on a worker thread; "Huỷ"
    stops it after the document being printed."""

    def __init__(self, parent: QWidget | None, printer: QPrinter, pdfs: Sequence[Document],
                 printed: Printed | None = None) -> None:  # fmt: skip
        """``printed``: records the prints once out (``BatchPrint``)."""
        # tr() needs the QObject built: the constructor's texts name the context instead.
        label = QCoreApplication.translate("BatchPrintDialog", "Đang in…")
        cancel = QCoreApplication.translate("BatchPrintDialog", "Huỷ")
        super().__init__(label, cancel, 0, len(pdfs), parent)
        self.setWindowTitle(self.tr("In hàng loạt"))
        self.setMinimumDuration(0)
        self.outcome = ""
        self.job = BatchPrint(printer, pdfs, printed=printed)
        self.job.signals.progress.connect(self._advance)
        self.job.signals.finished.connect(self._done)
        self.job.signals.failed.connect(self._failed)
        self.canceled.connect(self._cancel)

    def start(self) -> None:
        self.show()
        start_batch(self.job)

    def _advance(self, done: int, total: int) -> None:
        self.setValue(done)
        self.setLabelText(self.tr("Đã in {done}/{total} giấy tờ…").format(done=done, total=total))

    def _done(self, pages: int) -> None:
        self.outcome = self.tr("Đã in xong {pages} trang.").format(pages=pages)
        self.setValue(self.maximum())

    def _failed(self, message: str) -> None:
        self.outcome = message
        self.cancel()

    def _cancel(self) -> None:
        self.job.cancelled = True
