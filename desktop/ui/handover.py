"""Bàn giao hồ sơ — accepted dossiers handed to a specialist department in one batch (Đ8),
then the batch's Mẫu 05 offered to print in one go for the giver and the receiver to sign.

Keyboard first: Space checks or unchecks the selected dossiers, Ctrl+A checks them all (or,
when all are checked, none), Ctrl+Enter hands the batch over, Ctrl+P prints it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.calendar import Due
from desktop.core.lifecycle import DomainError, DossierState
from desktop.services import papers
from desktop.services.context import Actor, Desk
from desktop.services.dossier_view import dossier_detail
from desktop.services.processing import HandoverBatch, hand_over_batch
from desktop.services.queue import QueueFilter, queue_ids, rows_for
from desktop.ui.decisions import ConfirmKey
from desktop.ui.errors import describe, show_error
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.operations import Operations
from desktop.ui.paper_offer import PaperOffer, offer_paper
from desktop.ui.safe_text import display, escaped, plain, rich, tooltip
from desktop.ui.table_model import HeaderedTableModel
from desktop.ui.workers import Workers

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class AcceptedDossier:
    id: str
    code: str
    applicant: str
    procedure: str
    department: str  # the procedure's specialist department
    due: Due | None


def accepted_dossiers(desk: Desk, actor: Actor) -> list[AcceptedDossier]:
    """The office's accepted dossiers waiting to be handed over, soonest due first, each
    with its procedure's department (read once per procedure)."""
    ids = queue_ids(desk, actor, QueueFilter(states=(DossierState.ACCEPTED,)))
    rows = rows_for(desk, actor, ids)
    departments: dict[str, str] = {}
    found = []
    for dossier_id in ids:
        r = rows.get(dossier_id)
        if r is None:
            continue
        if r.procedure_name not in departments:
            procedure = dossier_detail(desk, actor, dossier_id).procedure
            departments[r.procedure_name] = procedure.department
        found.append(AcceptedDossier(r.id, r.code, r.applicant_name, r.procedure_name,
                                     departments[r.procedure_name], r.due))  # fmt: skip
    return found


class HandoverModel(HeaderedTableModel):
    """Accepted dossiers, each checkable (the check is on the code)."""

    HEADERS = (
        QT_TRANSLATE_NOOP("HandoverModel", "Mã hồ sơ"),
        QT_TRANSLATE_NOOP("HandoverModel", "Người nộp"),
        QT_TRANSLATE_NOOP("HandoverModel", "Thủ tục"),
        QT_TRANSLATE_NOOP("HandoverModel", "Phòng chuyên môn"),
        QT_TRANSLATE_NOOP("HandoverModel", "Hạn trả"),
    )
    checked_changed = QtSignal()

    def __init__(self, tz: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tz = tz
        self.dossiers: list[AcceptedDossier] = []
        self._checked: set[str] = set()

    def set_dossiers(self, dossiers: list[AcceptedDossier], checked: Iterable[str] = ()) -> None:
        self.beginResetModel()
        self.dossiers = list(dossiers)
        self._checked = set(checked) & {d.id for d in dossiers}
        self.endResetModel()
        self.checked_changed.emit()

    def checked(self) -> list[AcceptedDossier]:
        """The checked dossiers, in the list's order."""
        return [d for d in self.dossiers if d.id in self._checked]

    def is_checked(self, row: int) -> bool:
        return self.dossiers[row].id in self._checked

    def set_checked(self, rows: Iterable[int], on: bool) -> None:
        rows = [r for r in rows if 0 <= r < len(self.dossiers)]
        for row in rows:
            (self._checked.add if on else self._checked.discard)(self.dossiers[row].id)
            index = self.index(row, 0)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.CheckStateRole])
        if rows:
            self.checked_changed.emit()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.dossiers)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() == 0:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.dossiers):
            return None
        d, column = self.dossiers[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            due = d.due.deadline.astimezone(self._tz).strftime("%d/%m/%Y %H:%M") if d.due else ""
            return (display(d.code), display(d.applicant), display(d.procedure),
                    display(d.department), due)[column]  # fmt: skip
        if role == Qt.ItemDataRole.CheckStateRole and column == 0:
            on = self.is_checked(index.row())
            return Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 2, 3):
            return tooltip((d.applicant, d.procedure, d.department)[column - 1])
        return None

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (not index.isValid() or index.column() != 0 or role != Qt.ItemDataRole.CheckStateRole
                or not 0 <= index.row() < len(self.dossiers)):  # fmt: skip
            return False
        state = value.value if isinstance(value, Qt.CheckState) else int(value)
        self.set_checked([index.row()], state == Qt.CheckState.Checked.value)
        return True


class CheckKeys(QObject):
    """Space checks or unchecks the selected rows; Ctrl+A checks all (or none, when every
    row is already checked)."""

    def __init__(self, table: QTableView, model: HandoverModel) -> None:
        super().__init__(table)
        self._table, self._model = table, model
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not isinstance(event, QKeyEvent) or event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        model, control = self._model, event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if event.key() == Qt.Key.Key_Space and not control:
            rows = sorted({i.row() for i in self._table.selectionModel().selectedRows()}
                          or {self._table.currentIndex().row()})  # fmt: skip
            rows = [r for r in rows if r >= 0]
            if rows:
                model.set_checked(rows, not all(model.is_checked(r) for r in rows))
            return True
        if event.key() == Qt.Key.Key_A and control:
            every = range(model.rowCount())
            model.set_checked(every, not all(model.is_checked(r) for r in every))
            return True
        return super().eventFilter(watched, event)


class PrintKey(QObject):
    """Ctrl+P prints, wherever the cursor is in the dialog (as ``ConfirmKey`` does for
    Ctrl+Enter, without relying on the dialog being the active window)."""

    def __init__(self, watched: QWidget, run: Callable[[], None]) -> None:
        super().__init__(watched)
        self._run = run
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_P
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):  # fmt: skip
            self._run()
            return True
        return False


class HandoverBatchDialog(QDialog):
    handed = QtSignal(object)  # the HandoverBatch, once written

    def __init__(self, parent: QWidget | None, desk: Desk, actor: Actor, workers: Workers,
                 preselected: Sequence[str] = (),
                 operations: Operations | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._desk, self._actor, self._workers = desk, actor, workers
        self._operations = operations or Operations(workers, self)
        self._preselected = list(preselected)
        self.batch: HandoverBatch | None = None
        self.offer: PaperOffer | None = None  # the batch's Mẫu 05, offered to print
        self._suggested = ""  # the department last filled in for the officer
        self.setObjectName("handover_dialog")
        self.setWindowTitle(self.tr("Bàn giao hồ sơ cho phòng chuyên môn"))
        self.resize(1100, 560)

        hint = QLabel(self.tr(
            "Hồ sơ đã tiếp nhận, chờ bàn giao. Space: chọn / bỏ hồ sơ đang đứng · Ctrl+A: chọn "
            "tất cả · Ctrl+Enter: bàn giao · Ctrl+P: in phiếu bàn giao (Mẫu 05)."))  # fmt: skip
        hint.setWordWrap(True)
        self.model = HandoverModel(desk.calendar.tz, self)
        self.model.checked_changed.connect(self._checked_changed)
        self.table = QTableView()
        self.table.setObjectName("accepted")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        for column, width in enumerate((215, 165, 290, 260)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        CheckKeys(self.table, self.model)
        self.chosen = QLabel()
        self.chosen.setObjectName("chosen")

        self.department = QComboBox()
        self.department.setObjectName("department")
        self.department.setEditable(True)
        self.department.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.receiver = QLineEdit()
        self.receiver.setObjectName("receiver")
        self.receiver.setPlaceholderText(self.tr("Họ tên, chức vụ người nhận của phòng"))
        self.days = QDoubleSpinBox()
        self.days.setObjectName("days")
        self.days.setRange(0, 365)
        self.days.setDecimals(1)
        self.days.setSingleStep(0.5)
        self.days.setSpecialValueText(self.tr("Theo hạn trả của từng hồ sơ"))
        self.days.setSuffix(self.tr(" ngày làm việc"))
        form = QFormLayout()
        form.addRow(self.tr("Phòng chuyên môn nhận"), self.department)
        form.addRow(self.tr("Người nhận"), self.receiver)
        form.addRow(self.tr("Thời gian giao cho phòng"), self.days)

        self.message = rich(QLabel())  # the department and the receiver escaped in it
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.error = plain(QLabel())  # a rule's message names dossiers
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e")
        self.hand_over = QPushButton(self.tr("Bàn giao (Ctrl+Enter)"))
        self.hand_over.setObjectName("hand_over")
        self.hand_over.clicked.connect(self.try_hand_over)
        self.print_button = QPushButton(self.tr("In phiếu bàn giao (Ctrl+P)"))
        self.print_button.setObjectName("print_batch")
        self.print_button.setEnabled(False)
        self.print_button.clicked.connect(self.print_batch)
        close = QPushButton(self.tr("Đóng (Esc)"))
        close.clicked.connect(self.reject)
        for button in (self.hand_over, self.print_button, close):
            button.setAutoDefault(False)
        ConfirmKey(self, self.try_hand_over)
        PrintKey(self, self.print_batch)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.hand_over)
        buttons.addWidget(self.print_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.chosen)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.table.setFocus()
        self.reload()

    # --- the list ---------------------------------------------------------------------------------
    def reload(self) -> None:
        desk, actor = self._desk, self._actor
        self._workers.submit(lambda: accepted_dossiers(desk, actor), self._show, self._failed)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, DomainError):
            self.error.setText(str(error))
        elif describe(error) is not None:
            show_error(self, error)  # disk full, database locked …
        else:
            raise error  # a bug: the crash handler keeps a report

    def _show(self, dossiers: list[AcceptedDossier]) -> None:
        keep = [d.id for d in self.model.checked()] or self._preselected
        self._preselected = []
        self.model.set_dossiers(dossiers, keep)
        typed = self.department.currentText()
        self.department.blockSignals(True)
        self.department.clear()
        for department in sorted({d.department for d in dossiers}):
            self.department.addItem(department)
        self.department.setCurrentText(typed)
        self.department.blockSignals(False)
        self._suggest_department()
        if dossiers:
            self.table.setCurrentIndex(self.model.index(0, 0))
        else:
            self.chosen.setText(self.tr("Không có hồ sơ nào chờ bàn giao."))

    def _checked_changed(self) -> None:
        checked = self.model.checked()
        self.chosen.setText(self.tr("Đã chọn {n} / {total} hồ sơ").format(
            n=len(checked), total=self.model.rowCount()))  # fmt: skip
        self._suggest_department()

    def _suggest_department(self) -> None:
        """Fill in the department of the checked dossiers when they share one, unless the
        officer typed another."""
        departments = {d.department for d in self.model.checked()}
        typed = self.department.currentText().strip()
        if len(departments) == 1 and typed in ("", self._suggested):
            self._suggested = departments.pop()
            self.department.setCurrentText(self._suggested)

    # --- handing over and printing ----------------------------------------------------------------
    def try_hand_over(self) -> None:
        """Hand the checked dossiers over, on a worker; the batch stays listed until done."""
        chosen = self.model.checked()
        days = self.days.value() or None
        self._operations.run(
            self, self.tr("Bàn giao hồ sơ"), hand_over_batch, self._desk, self._actor,
            [d.id for d in chosen], self.department.currentText(), self.receiver.text(), days,
            on_done=lambda batch: self._handed(batch, chosen),
            refused=lambda exc: self.error.setText(str(exc)), busy=(self.hand_over,),
        )  # fmt: skip

    def _handed(self, batch: HandoverBatch, chosen: list[AcceptedDossier]) -> None:
        self.batch = batch
        self.error.clear()
        self.message.setText(self.tr(
            "Đã bàn giao <b>{n}</b> hồ sơ cho {department} ({receiver}). In phiếu bàn giao để "
            "hai bên ký: Ctrl+P.").format(n=len(batch.dossier_codes),
                                         department=escaped(batch.department),
                                         receiver=escaped(batch.receiver)))  # fmt: skip
        self.print_button.setEnabled(True)
        self.print_button.setFocus()
        self.model.set_dossiers([d for d in self.model.dossiers if d not in chosen])
        self.handed.emit(batch)
        self.reload()

    def print_batch(self) -> None:
        """Mẫu 05 of every dossier of the last batch in one PDF (drawn on a worker), offered
        to print for the giver and the receiver to sign."""
        if self.batch is None:
            return
        desk, actor, batch_id = self._desk, self._actor, self.batch.id
        self.offer = offer_paper(self, desk, self._workers,
                                 lambda: papers.handover_batch_paper(desk, actor, batch_id),
                                 papers.TITLES[papers.CONTROL])  # fmt: skip
