"""In giấy tờ — the paper an act gives, offered at the moment it is born.

After an act that gives the citizen a paper (acceptance, supplement request, refusal, stop,
apology, a fee collected) the window offers it in one small dialog: "Xem trước" (preview),
"In" (its copies on the printer remembered for its kind) or "Để sau" (it stays printable
from "In lại"). The paper is drawn on a worker, never on the UI thread — the dialog says
"Đang chuẩn bị giấy tờ…" until it is ready — and printed on a worker too.

Drawing and previewing record nothing: the print is recorded (audited; a receipt's next
print is then a copy) only once the paper has come out — after "In", or after printing
from the preview — so a paper left for later prints as the original from "In lại".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QThreadPool, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.services import papers
from desktop.services.context import Desk
from desktop.services.papers import Paper
from desktop.ui.errors import describe
from desktop.ui.safe_text import display, plain
from desktop.ui.workers import Workers

if TYPE_CHECKING:  # PDFium and Qt print support load with the first paper, not the window
    from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog

    from desktop.ui.printing import BatchPrint

MakePaper = Callable[[], Paper]


class PaperOffer(QDialog):
    """One paper to print now or later. ``make`` draws it (on ``workers``)."""

    ready = Signal()  # the paper is drawn: Xem trước and In are enabled
    printed = Signal(int)  # pages printed
    failed = Signal(str)  # drawing or printing failed: the message shown

    def __init__(
        self,
        parent: QWidget | None,
        desk: Desk,
        workers: Workers,
        make: MakePaper,
        title: str,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk, self._pool, self._workers = desk, pool, workers
        self.paper: Paper | None = None
        self.job: BatchPrint | None = None
        self.print_preview: QPrintPreviewDialog | None = None
        self._printer: QPrinter | None = None  # the job and the preview paint on it: kept
        self.setObjectName("paper_offer")
        self.setWindowTitle(self.tr("In giấy tờ"))
        self.setMinimumWidth(460)
        self.heading = plain(QLabel(display(title)))  # a form's name, shown as characters
        self.heading.setObjectName("paper_title")
        self.heading.setStyleSheet("font-weight: bold; font-size: 12pt")
        self.heading.setWordWrap(True)
        self.status = plain(QLabel(self.tr("Đang chuẩn bị giấy tờ…")))
        self.status.setObjectName("paper_status")
        self.status.setWordWrap(True)
        self.where = plain(QLabel())  # which printer "In" prints on
        self.where.setObjectName("paper_printer")
        self.where.setStyleSheet("color: #5f6368")
        self.preview_button = QPushButton(self.tr("Xem trước"))
        self.preview_button.setObjectName("preview")
        self.preview_button.clicked.connect(self.show_preview)
        self.print_button = QPushButton(self.tr("In (Ctrl+Enter)"))
        self.print_button.setObjectName("print")
        self.print_button.setShortcut("Ctrl+Return")
        self.print_button.clicked.connect(lambda: self.print_paper())
        self.later = QPushButton(self.tr("Để sau (Esc)"))
        self.later.setObjectName("later")
        self.later.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.preview_button, self.print_button, self.later):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(self.where)
        layout.addLayout(buttons)
        self._enable(False)
        self.later.setFocus()
        workers.submit(make, self._drawn, self._not_drawn)

    # --- drawing ---------------------------------------------------------------------------
    def _enable(self, enabled: bool) -> None:
        self.preview_button.setEnabled(enabled)
        self.print_button.setEnabled(enabled)

    def _drawn(self, paper: Paper) -> None:
        self.paper = paper
        self.heading.setText(display(paper.title))
        what = self.tr("Sẵn sàng in {copies} bản.").format(copies=paper.copies)
        if paper.dossier_code:
            what = self.tr("Hồ sơ {code} — sẵn sàng in {copies} bản.").format(
                code=display(paper.dossier_code), copies=paper.copies
            )
        if paper.copy:
            what += " " + self.tr("In lại: giấy ra có dấu BẢN SAO.")
        self.status.setText(what)
        self.status.setStyleSheet("")
        from desktop.ui.printing import printer_for

        name = printer_for(self._desk, paper.printer).printerName()
        self.where.setText(self.tr("Máy in: {name}").format(
            name=display(name) if name else self.tr("máy in mặc định của máy tính")))  # fmt: skip
        self._enable(True)
        self.print_button.setFocus()
        self.ready.emit()

    def _not_drawn(self, error: BaseException) -> None:
        described = describe(error)
        if described is None:
            raise error  # a bug: the crash handler keeps a report
        self._fail(self.tr("Không chuẩn bị được giấy tờ: {error}").format(error=described[1]))
        self.later.setText(self.tr("Đóng (Esc)"))

    def _fail(self, message: str) -> None:
        self.status.setText(message)
        self.status.setStyleSheet("color: #b3261e")
        self.failed.emit(message)

    # --- preview and print -----------------------------------------------------------------
    def show_preview(self) -> QPrintPreviewDialog | None:
        """The pages as they will print; printing from the preview remembers the printer
        chosen there for this kind of paper."""
        from desktop.ui.printing import preview, printer_for

        paper = self.paper
        if paper is None:
            return None
        self._printer = printer_for(self._desk, paper.printer)
        dialog = preview(self, self._printer, [paper.pdf] * paper.copies)
        dialog.accepted.connect(self._printed_from_preview)
        dialog.finished.connect(lambda _r: setattr(self, "print_preview", None))
        self.print_preview = dialog
        dialog.open()
        return dialog

    def _printed_from_preview(self) -> None:
        """The preview printed the copies (painted on this thread, already out): they are
        recorded, and the printer remembered, on a worker — a sync holding the database
        makes the dialog wait, not the window freeze — then the dialog closes."""
        from desktop.ui.printing import remember_printer_name, saves_pdf

        paper, printer = self.paper, self._printer
        if paper is None or printer is None:
            self.accept()
            return
        # Read from the printer here: no Qt object crosses to the worker.
        name = "" if printer.outputFileName() or saves_pdf(printer) else printer.printerName()
        desk = self._desk

        def record() -> None:
            papers.record_print(desk, paper, paper.copies)
            if name:
                remember_printer_name(desk, paper.printer, name)

        self._enable(False)
        self.later.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Đã in; đang ghi sổ…"))
        self._workers.submit(record, self._recorded, self._not_recorded)

    def _recorded(self, _none: object) -> None:
        self.accept()

    def _not_recorded(self, error: BaseException) -> None:
        described = describe(error)
        if described is None:
            raise error  # a bug: the crash handler keeps a report
        self.later.setEnabled(True)
        self._fail(self.tr("Giấy đã in nhưng chưa ghi được vào sổ: {error}").format(
            error=described[1]))  # fmt: skip

    def print_paper(self, printer: QPrinter | None = None) -> BatchPrint | None:
        """Print the paper's copies on ``printer`` (by default the one remembered for its
        kind), on a worker; the dialog closes once they are printed."""
        from desktop.ui.printing import BatchPrint, printer_for, start_batch

        paper = self.paper
        if paper is None or self.job is not None:
            return None
        self._printer = printer or printer_for(self._desk, paper.printer)
        self._enable(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Đang in {copies} bản…").format(copies=paper.copies))
        desk = self._desk
        self.job = BatchPrint(
            self._printer,
            [paper.pdf] * paper.copies,
            printed=lambda done: papers.record_print(desk, paper, done),
        )
        self.job.signals.finished.connect(self._done)  # bound methods: run on the UI thread
        self.job.signals.failed.connect(self._print_failed)
        return start_batch(self.job, self._pool)

    def _done(self, pages: int) -> None:
        from desktop.ui.printing import remember_printer

        self.job = None
        if self.paper is not None and self._printer is not None:
            remember_printer(self._desk, self.paper.printer, self._printer)
        self.printed.emit(pages)
        self.accept()

    def _print_failed(self, message: str) -> None:
        self.job = None
        self._enable(True)
        self._fail(message)

    def reject(self) -> None:
        if self.job is None:  # a job being printed paints on this dialog's printer
            super().reject()


def offer_paper(
    parent: QWidget, desk: Desk, workers: Workers, make: MakePaper, title: str
) -> PaperOffer:
    """Open the offer over ``parent`` (window-modal); it is deleted once closed."""
    dialog = PaperOffer(parent, desk, workers, make, title)
    dialog.finished.connect(lambda _r: dialog.deleteLater())
    dialog.open()
    return dialog


def title_of(kind: str) -> str:
    return papers.TITLES.get(kind, "")
