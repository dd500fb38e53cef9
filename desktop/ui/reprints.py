"""In lại — the papers a dossier has had (its acts' papers, each fee receipt), listed to
print one again: the citizen lost the slip, the printer jammed, a paper left "for later".
A receipt printed again comes out marked BẢN SAO (the papers service does that)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services import papers
from desktop.services.context import Actor, Desk
from desktop.services.papers import Paper, Reprint
from desktop.ui.errors import describe
from desktop.ui.paper_offer import MakePaper, PaperOffer, offer_paper
from desktop.ui.safe_text import display, plain
from desktop.ui.workers import Workers


def make_reprint(desk: Desk, actor: Actor, dossier_code: str, reprint: Reprint) -> MakePaper:
    """What draws ``reprint`` (run on a worker by the offer)."""

    def make() -> Paper:
        if reprint.receipt_id is not None:
            return papers.receipt_paper(desk, actor, reprint.receipt_id)
        return papers.act_paper(desk, actor, dossier_code, reprint.kind)

    return make


class ReprintDialog(QDialog):
    """The dossier's papers; Enter (or "In lại") offers the chosen one to print."""

    def __init__(self, parent: QWidget, desk: Desk, actor: Actor, workers: Workers,
                 dossier_code: str) -> None:  # fmt: skip
        super().__init__(parent)
        self._desk, self._actor, self._workers = desk, actor, workers
        self._code, self._parent = dossier_code, parent
        self.reprints: list[Reprint] = []
        self.offer: PaperOffer | None = None  # the offer of the paper chosen
        self.setObjectName("reprint_dialog")
        self.setWindowTitle(self.tr("In lại giấy tờ — {code}").format(code=display(dossier_code)))
        self.setMinimumWidth(480)
        self.list = QListWidget()
        self.list.setObjectName("reprints")
        self.list.itemActivated.connect(lambda _item: self.choose())
        self.status = plain(QLabel(self.tr("Đang tìm giấy tờ của hồ sơ…")))
        self.status.setObjectName("reprint_status")
        self.status.setWordWrap(True)
        self.print_button = QPushButton(self.tr("In lại (Enter)"))
        self.print_button.setObjectName("reprint")
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.choose)
        close = QPushButton(self.tr("Đóng (Esc)"))
        close.clicked.connect(self.reject)
        for button in (self.print_button, close):
            button.setAutoDefault(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        workers.submit(lambda: papers.reprints(desk, actor, dossier_code), self._listed,
                       self._failed)  # fmt: skip

    def _listed(self, found: list[Reprint]) -> None:
        self.reprints = found
        for reprint in found:
            item = QListWidgetItem(display(reprint.title))
            item.setData(Qt.ItemDataRole.UserRole, reprint)
            self.list.addItem(item)
        if found:
            self.status.setText(self.tr("Chọn giấy tờ cần in lại:"))
            self.list.setCurrentRow(len(found) - 1)  # the latest paper, most often the one
            self.list.setFocus()
        else:
            self.status.setText(self.tr("Hồ sơ chưa có giấy tờ nào để in."))
        self.print_button.setEnabled(bool(found))

    def _failed(self, error: BaseException) -> None:
        described = describe(error)
        if described is None:
            raise error
        self.status.setText(described[1])
        self.status.setStyleSheet("color: #b3261e")

    def choose(self, row: int | None = None) -> PaperOffer | None:
        """Offer the paper of ``row`` (the selected one by default) and close the list."""
        row = self.list.currentRow() if row is None else row
        if not 0 <= row < len(self.reprints):
            return None
        reprint = self.reprints[row]
        make = make_reprint(self._desk, self._actor, self._code, reprint)
        self.offer = offer_paper(self._parent, self._desk, self._workers, make, reprint.title)
        self.accept()
        return self.offer


def open_reprints(parent: QWidget, desk: Desk, actor: Actor, workers: Workers,
                  dossier_code: str) -> ReprintDialog:  # fmt: skip
    dialog = ReprintDialog(parent, desk, actor, workers, dossier_code)
    dialog.finished.connect(lambda _r: dialog.deleteLater())
    dialog.open()
    return dialog
