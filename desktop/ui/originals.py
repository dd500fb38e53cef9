"""Đối chiếu bản chính khi trả kết quả (Đ9.2, Đ10.1) — each paper's online scan beside
three choices: the original matches, differs (a note says how) or was not presented.

The return completes only when every original matches. Otherwise a supervisor comes to
the desk, signs in here with their own password and writes the reason; the service
audits the override under the supervisor's name with the return. The fee, the return and
the override run on a worker through the window's ``Operations``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.checks import OriginalCheck, OriginalVerdict
from desktop.core.lifecycle import DomainError
from desktop.core.money import format_dong
from desktop.services import fees, papers, reception
from desktop.services.context import Actor, Desk
from desktop.services.dossier_view import ChecklistItem, DossierDetail
from desktop.services.dossiers import ActOutcome
from desktop.services.processing import owed
from desktop.services.scans import ScanStore
from desktop.ui.decisions import ConfirmKey, acting
from desktop.ui.dossier_models import ChecksModel, VerdictDelegate, VerdictKeys
from desktop.ui.paper_offer import PaperOffer, offer_paper
from desktop.ui.safe_text import display, plain, rich
from desktop.ui.scan_viewer import ScanViewer
from desktop.ui.workers import Workers

if TYPE_CHECKING:
    from desktop.ui.operations import Operations

KEYS = {Qt.Key.Key_1: OriginalVerdict.MATCHES, Qt.Key.Key_2: OriginalVerdict.DIFFERS,
        Qt.Key.Key_3: OriginalVerdict.NOT_PRESENTED}  # fmt: skip


def show_checks(table: QTableView, model: ChecksModel[Any]) -> None:
    """Put a checks model in ``table``: verdicts chosen from a list, one row selected."""
    old = table.selectionModel()
    table.setModel(model)
    if old is not None:
        old.deleteLater()
    table.setItemDelegateForColumn(ChecksModel.VERDICT, VerdictDelegate(table))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setStretchLastSection(True)
    for column, width in ((0, 40), (2, 110), (3, 120), (4, 140)):
        table.setColumnWidth(column, width)


class OriginalsDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        desk: Desk,
        actor: Actor,
        detail: DossierDetail,
        workers: Workers,
        operations: Operations,
    ) -> None:
        super().__init__(parent)
        self._desk, self._actor, self._detail, self._workers = desk, actor, detail, workers
        self._operations = operations
        self.outcome: ActOutcome | None = None
        self.setObjectName("originals_dialog")
        self.setWindowTitle(self.tr("Đối chiếu bản chính và trả kết quả — {code}").format(
            code=display(detail.code)))  # fmt: skip
        self.resize(1100, 680)
        papers = [i for i in detail.checklist if i.attached]
        self.model: ChecksModel[OriginalVerdict] = ChecksModel(
            papers, OriginalVerdict, lambda _i: OriginalVerdict.MATCHES, OriginalVerdict.MATCHES,
            self)  # fmt: skip
        self.table = QTableView()
        show_checks(self.table, self.model)
        self.table.setObjectName("originals")
        VerdictKeys(self.table, dict(KEYS), OriginalVerdict.DIFFERS)
        self.viewer = ScanViewer(workers)
        self._scans = ScanStore.of(desk)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)

        hint = QLabel(self.tr("Đặt bản chính công dân xuất trình cạnh bản điện tử. Phím 1: khớp · "
                              "2: khác (ghi rõ khác ở đâu) · 3: không xuất trình."))  # fmt: skip
        hint.setWordWrap(True)
        # Who takes the result, suggested as the window shows the applicant (bounded, no
        # bidi controls): the officer confirms or corrects it.
        self.receiver = QLineEdit(display(detail.applicant_name))
        self.receiver.setObjectName("receiver")
        self.signed = QCheckBox(self.tr("Công dân đã ký vào tờ khai, phiếu nhận kết quả"))
        self.signed.setObjectName("signed")
        self.fees = rich(QLabel())
        self.fees.setObjectName("fees")
        self.collect = QPushButton(self.tr("Thu phí, in biên lai (Ctrl+T)"))
        self.collect.setObjectName("collect_fee")
        self.collect.setAutoDefault(False)
        self.collect.clicked.connect(self.collect_fee)
        self.collect.setShortcut("Ctrl+T")
        self.receipt_offer: PaperOffer | None = None  # the receipt of the fee just collected
        self.error = plain(QLabel())  # a rule's message names the dossier, the papers …
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e")
        self.give = QPushButton(self.tr("Trả kết quả (Ctrl+Enter)"))
        self.give.setObjectName("return")
        self.give.clicked.connect(self.try_return)
        ConfirmKey(self, self.try_return)

        # The supervisor's override: hidden until a return is blocked.
        self.override_box = QGroupBox(self.tr("Lãnh đạo bộ phận cho phép trả kết quả"))
        self.override_box.setObjectName("override")
        self.supervisor = QLineEdit()
        self.supervisor.setObjectName("supervisor")
        self.password = QLineEdit()
        self.password.setObjectName("supervisor_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.reason = QLineEdit()
        self.reason.setObjectName("override_reason")
        allow = QPushButton(self.tr("Cho phép và trả kết quả"))
        allow.setObjectName("allow")
        allow.clicked.connect(self.try_override)
        self.allow = allow
        form = QFormLayout(self.override_box)
        form.addRow(self.tr("Tên đăng nhập lãnh đạo"), self.supervisor)
        form.addRow(self.tr("Mật khẩu"), self.password)
        form.addRow(self.tr("Lý do cho phép"), self.reason)
        form.addRow(allow)
        self.override_box.setVisible(False)
        for button in (self.give, allow):
            button.setAutoDefault(False)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(hint)
        left_layout.addWidget(self.table, 1)
        receiver_row = QFormLayout()
        receiver_row.addRow(self.tr("Người nhận kết quả"), self.receiver)
        left_layout.addLayout(receiver_row)
        left_layout.addWidget(self.signed)
        fee_row = QHBoxLayout()
        fee_row.addWidget(self.fees, 1)
        fee_row.addWidget(self.collect)
        left_layout.addLayout(fee_row)
        left_layout.addWidget(self.error)
        left_layout.addWidget(self.override_box)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        close = QPushButton(self.tr("Đóng (Esc)"))
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons.addWidget(self.give)
        buttons.addWidget(close)
        left_layout.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.viewer)
        splitter.setSizes([560, 540])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        if papers:
            self.table.selectRow(0)
        self.table.setFocus()
        self._show_fees()

    def _show_fees(self) -> None:
        left = owed(self._desk, self._actor, self._detail.id)
        self.collect.setVisible(left > 0)
        self.fees.setText(self.tr("Phí, lệ phí còn phải thu: <b>{amount} đồng</b>").format(
            amount=format_dong(left)) if left else self.tr("Phí, lệ phí: đã nộp đủ."))  # fmt: skip

    def collect_fee(self) -> None:
        """Thu phí bằng tiền mặt tại quầy, then its receipt offered to print for the citizen."""
        if owed(self._desk, self._actor, self._detail.id) <= 0:
            return
        desk, actor = self._desk, self._actor

        def collected(outcome: fees.FeeOutcome) -> None:
            if outcome.receipt is not None:
                receipt_id = outcome.receipt.id
                self.receipt_offer = offer_paper(
                    self, desk, self._workers,
                    lambda: papers.receipt_paper(desk, actor, receipt_id),
                    papers.TITLES[papers.FEE_RECEIPT])  # fmt: skip
                self.error.setText(self.tr("Đã thu {amount} đồng — biên lai {receipt}.").format(
                    amount=format_dong(outcome.amount), receipt=outcome.receipt.label))  # fmt: skip
            self._show_fees()

        def refused(exc: DomainError) -> None:
            self.error.setText(str(exc))
            self._show_fees()

        self._operations.run(self, self.collect.text(), fees.collect_fee, desk, actor,
                             self._detail.id, "cash", on_done=collected, refused=refused,
                             dossier_id=self._detail.id, busy=self._acting())  # fmt: skip

    def _show_selected(self, selected: QItemSelection, _old: QItemSelection) -> None:
        rows = {i.row() for i in selected.indexes()}
        if not rows:
            return
        item: ChecklistItem = self.model.items[min(rows)]
        self.viewer.show_scan(f"{item.position}. {display(item.name)} — {display(item.file_name)}",
                              lambda: self._scans.get(item.sha256), item.is_pdf)  # fmt: skip

    def originals(self) -> list[OriginalCheck]:
        return [
            OriginalCheck(item.position, item.name, self.model.verdict(row), self.model.note(row))
            for row, item in enumerate(self.model.items)
        ]

    def reject(self) -> None:
        if not acting(self._operations):
            super().reject()

    def _acting(self) -> tuple[QPushButton, ...]:
        """The buttons that act: disabled while one of them runs."""
        return self.collect, self.give, self.allow

    def _return(
        self,
        authorize: Callable[[], reception.Override | None],
        refused: Callable[[DomainError], None],
    ) -> None:
        """Return the result on a worker: ``authorize`` (the supervisor's password checked,
        or no override) first, in the same work, then the return itself."""
        desk, actor, dossier_id = self._desk, self._actor, self._detail.id
        try:
            receiver, checks = self.receiver.text(), self.originals()
        except DomainError as exc:  # a differing original without its note
            refused(exc)
            return
        signed = self.signed.isChecked()

        def give() -> ActOutcome:
            return reception.return_checked(desk, actor, dossier_id, receiver, checks,
                                            authorize(), signed)  # fmt: skip

        def done(outcome: ActOutcome) -> None:
            self.outcome = outcome
            self.accept()

        self._operations.run(self, self.give.text(), give, on_done=done, refused=refused,
                             dossier_id=dossier_id, busy=self._acting())  # fmt: skip

    def try_return(self) -> None:
        self._return(lambda: None, self._blocked)

    def _blocked(self, exc: DomainError) -> None:
        """The return refused: said, and when only the originals stand in its way, the
        supervisor's override is offered."""
        self.error.setText(str(exc))
        blocked = self.signed.isChecked() and owed(
            self._desk, self._actor, self._detail.id) == 0 and any(
            c.verdict is not OriginalVerdict.MATCHES for c in self._checks_or_empty())
        self.override_box.setVisible(blocked)
        if blocked:
            self.supervisor.setFocus()

    def _checks_or_empty(self) -> Sequence[OriginalCheck]:
        try:
            return self.originals()
        except DomainError:
            return []

    def try_override(self) -> None:
        desk = self._desk
        supervisor, password, reason = (self.supervisor.text(), self.password.text(),
                                        self.reason.text())  # fmt: skip

        def refused(exc: DomainError) -> None:
            self.error.setText(str(exc))
            self.password.clear()

        self._return(lambda: reception.authorize_override(desk, supervisor, password, reason),
                     refused)  # fmt: skip
