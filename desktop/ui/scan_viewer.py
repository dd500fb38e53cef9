"""Xem bản quét — the citizen's scan beside the checklist: PDF pages and photos, with zoom,
rotation and page navigation, rendered on a worker thread.

PDF pages are rendered with PDFium (pypdfium2): QtPdf, which wraps the same engine, is not
in the PySide6 wheels the desk installs. A worker returns a ``QImage``; only the UI thread
turns it into a pixmap on screen.

The citizen's file decides how big a page is, so nothing is drawn larger than
``MAX_PAGE_PIXELS`` whatever the zoom: a huge page is shown smaller, and the viewer says so.
A photo is sized from its header before it is decoded, and refused when decoding it alone
would take more than 256 MB.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QCoreApplication, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import QImage, QImageReader, QKeySequence, QPixmap, QShortcut, QTransform
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.ui.printing import bounded_scale, pdf_page_image
from desktop.ui.workers import Workers

ZOOMS = (0.25, 0.33, 0.5, 0.67, 0.8, 1.0, 1.25, 1.5, 2.0, 3.0)
BASE_DPI = 96  # a PDF page at zoom 1.0 is drawn at screen size
DEFAULT_ZOOM = 0.67  # an A4 page fits the viewer beside the checklist
# A photo is decoded whole before it is scaled (but JPEG): refused beyond 64 million pixels,
# 256 MB decoded — Qt's own allocation limit, which would refuse it anyway, less clearly.
MAX_PHOTO_PIXELS = 64_000_000


@dataclass(frozen=True)
class Page:
    image: QImage
    number: int  # 0-based
    count: int
    reduced: bool = False  # drawn smaller than the zoom asks: the page is too large


def render_scan(data: bytes, is_pdf: bool, number: int, zoom: float) -> Page:
    """One page of a scan as an image (runs on a worker), at most MAX_PAGE_PIXELS."""
    if is_pdf:
        page = pdf_page_image(data, number, BASE_DPI * zoom)
        return Page(page.image, number, page.count, page.reduced)
    image, reduced = _photo(data, zoom)
    return Page(image, 0, 1, reduced)


def _photo(data: bytes, zoom: float) -> tuple[QImage, bool]:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    size = reader.size()  # from the header, nothing decoded yet (invalid: no size there)
    if size.isValid() and size.width() * size.height() > MAX_PHOTO_PIXELS:
        raise ValueError(QCoreApplication.translate(
            "ScanViewer", "Ảnh quá lớn để hiển thị ({width}×{height} điểm ảnh).").format(
                width=size.width(), height=size.height()))  # fmt: skip
    scale = bounded_scale(size.width(), size.height(), zoom) if size.isValid() else zoom
    if size.isValid() and scale != 1.0:  # JPEG decodes straight at that size
        reader.setScaledSize(_times(size, scale))
    image = reader.read()  # a format without a size in its header: Qt's 256 MB limit holds
    if image.isNull():
        raise ValueError(QCoreApplication.translate(
            "ScanViewer", "Không đọc được ảnh (tệp hỏng hoặc không phải ảnh)."))
    if not size.isValid():
        scale = bounded_scale(image.width(), image.height(), zoom)
        if scale != 1.0:
            image = image.scaled(_times(image.size(), scale),
                                 Qt.AspectRatioMode.IgnoreAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)  # fmt: skip
    return image, scale < zoom


def _times(size: QSize, scale: float) -> QSize:
    return QSize(max(1, int(size.width() * scale)), max(1, int(size.height() * scale)))


class ScanViewer(QWidget):
    """Shows one scan; ``show_scan`` loads it in the background."""

    page_shown = Signal(int, int)  # page (1-based), pages

    def __init__(self, workers: Workers, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._workers = workers
        self._data: bytes | None = None
        self._is_pdf = False
        self._page, self._count, self._zoom_at, self._rotation = 0, 0, ZOOMS.index(DEFAULT_ZOOM), 0
        self._request = 0
        self._image: QImage | None = None
        self._reduced = False
        self.title = QLabel(self.tr("Chọn một giấy tờ để xem bản quét"))
        self.title.setObjectName("scan_title")
        self.title.setTextFormat(Qt.TextFormat.PlainText)  # a paper's name, a file's name
        self.title.setWordWrap(True)
        self.picture = QLabel()
        self.picture.setObjectName("scan_picture")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setTextFormat(Qt.TextFormat.PlainText)  # a renderer's error, as it is
        scroll = QScrollArea()
        scroll.setWidget(self.picture)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(320)
        self.where = QLabel()
        self.where.setObjectName("scan_page")
        bar = QHBoxLayout()
        for text, tip, keys, slot in (
            ("◀", self.tr("Trang trước (Page Up)"), "PgUp", self.previous_page),
            ("▶", self.tr("Trang sau (Page Down)"), "PgDown", self.next_page),
            ("−", self.tr("Thu nhỏ (Ctrl+-)"), "Ctrl+-", self.zoom_out),
            ("+", self.tr("Phóng to (Ctrl++)"), "Ctrl+=", self.zoom_in),
            ("⟳", self.tr("Xoay 90° (Ctrl+R)"), "Ctrl+R", self.rotate),
        ):
            button = QToolButton()
            button.setText(text)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            bar.addWidget(button)
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        bar.addWidget(self.where, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(bar)
        layout.addWidget(scroll, 1)

    # --- what is shown ---------------------------------------------------------------------
    def show_scan(self, title: str, load: Callable[[], bytes | None], is_pdf: bool) -> None:
        """Load and show a scan: ``load`` runs on a worker and returns its bytes (None when
        this desk does not have it yet)."""
        self.title.setText(title)
        self._data, self._is_pdf, self._page, self._rotation = None, is_pdf, 0, 0
        self.picture.setText(self.tr("Đang tải bản quét…"))
        self.picture.setPixmap(QPixmap())
        self._request += 1
        request = self._request

        def got(data: bytes | None) -> None:
            if request != self._request:
                return  # another paper was chosen meanwhile
            if data is None:
                self.picture.setText(self.tr("Bàn chưa có bản quét này (sẽ tải về khi đồng bộ)."))
                return
            self._data = data
            self._render()

        self._workers.submit(load, got, self._failed)

    def clear(self, message: str = "") -> None:
        self._request += 1
        self._data, self._image = None, None
        self.title.setText(message)
        self.picture.setPixmap(QPixmap())
        self.picture.setText("")
        self.where.setText("")

    def _render(self) -> None:
        if self._data is None:
            return
        data, is_pdf, page, zoom = self._data, self._is_pdf, self._page, ZOOMS[self._zoom_at]
        self._request += 1
        request = self._request

        def shown(result: Page) -> None:
            if request == self._request:
                self._page, self._count, self._image = result.number, result.count, result.image
                self._reduced = result.reduced
                self._paint()

        self._workers.submit(lambda: render_scan(data, is_pdf, page, zoom), shown, self._failed)

    def _paint(self) -> None:
        if self._image is None:
            return
        image = self._image
        if self._rotation:
            image = image.transformed(QTransform().rotate(self._rotation))
        self.picture.setPixmap(QPixmap.fromImage(image))
        where = self.tr("Trang {page}/{pages} · {zoom}% · xoay {angle}°").format(
            page=self._page + 1, pages=self._count,
            zoom=round(ZOOMS[self._zoom_at] * 100), angle=self._rotation)  # fmt: skip
        if self._reduced:
            where += " · " + self.tr("trang quá lớn, hiển thị thu nhỏ")
        self.where.setText(where)
        self.page_shown.emit(self._page + 1, self._count)

    def _failed(self, error: BaseException) -> None:
        self.picture.setPixmap(QPixmap())
        self.picture.setText(self.tr("Không hiển thị được bản quét: {error}").format(error=error))

    # --- navigation -----------------------------------------------------------------------
    @property
    def page(self) -> int:
        return self._page + 1

    @property
    def pages(self) -> int:
        return self._count

    @property
    def rotation(self) -> int:
        return self._rotation

    @property
    def zoom(self) -> float:
        return ZOOMS[self._zoom_at]

    def shown_image(self) -> QImage | None:
        return self._image

    def next_page(self) -> None:
        if self._page + 1 < self._count:
            self._page += 1
            self._render()

    def previous_page(self) -> None:
        if self._page > 0:
            self._page -= 1
            self._render()

    def zoom_in(self) -> None:
        if self._zoom_at + 1 < len(ZOOMS):
            self._zoom_at += 1
            self._render()

    def zoom_out(self) -> None:
        if self._zoom_at > 0:
            self._zoom_at -= 1
            self._render()

    def rotate(self) -> None:
        self._rotation = (self._rotation + 90) % 360
        self._paint()
