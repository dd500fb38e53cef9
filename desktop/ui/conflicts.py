"""Xung đột đồng bộ — acts the portal refused because the dossier had moved on there (a
citizen withdrew online while the desk accepted offline, say). The officer sees both
sides — the desk's act, and the dossier as the portal has it now — and resolves it; the
resolution is an audited act (``sync.client.engine.resolve_conflict``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.lifecycle import Act, DomainError, DossierState
from desktop.services.context import Actor, Desk
from desktop.services.sync_status import ConflictView, open_conflicts
from desktop.ui.errors import describe
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.operations import Operations
from desktop.ui.safe_text import display, escaped, plain, rich, tooltip
from desktop.ui.table_model import HeaderedTableModel
from desktop.ui.workers import Workers

if TYPE_CHECKING:
    from sync.protocol import ChangeWire

_Index = QModelIndex | QPersistentModelIndex


class ConflictsModel(HeaderedTableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("ConflictsModel", "Mã hồ sơ"),
        QT_TRANSLATE_NOOP("ConflictsModel", "Người nộp"),
        QT_TRANSLATE_NOOP("ConflictsModel", "Thao tác của bàn"),
        QT_TRANSLATE_NOOP("ConflictsModel", "Lúc"),
        QT_TRANSLATE_NOOP("ConflictsModel", "Cổng trả lời"),
    )

    def __init__(self, conflicts: list[ConflictView], tz: Any,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.conflicts, self._tz = conflicts, tz

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.conflicts)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.conflicts):
            return None
        c = self.conflicts[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            at = c.desk_at.astimezone(self._tz).strftime("%d/%m/%Y %H:%M") if c.desk_at else ""
            return (display(c.dossier_code), display(c.applicant_name), c.desk_label, at,
                    display(c.message))[index.column()]  # fmt: skip
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (1, 4):
            return tooltip(c.applicant_name if index.column() == 1 else c.message)
        return None


def _portal_side(change: ChangeWire, tz: Any) -> str:
    """The dossier as the portal has it, as rich text: the portal's words escaped."""
    w = change.dossier
    head = QCoreApplication.translate(
        "ConflictsPanel", "Trạng thái trên cổng: <b>{state}</b> (phiên bản {version})")
    lines = [head.format(state=DossierState(w.state).label_vi, version=w.version)]
    citizen = QCoreApplication.translate("ConflictsPanel", "công dân (trực tuyến)")
    because = QCoreApplication.translate("ConflictsPanel", " — lý do: {reason}")
    for a in sorted(change.acts, key=lambda a: a.version):
        who = a.officer if a.officer not in ("", "citizen") else citizen  # the citizen's, online
        reason = a.payload.get("reason") if isinstance(a.payload, dict) else None
        line = (f"{a.version}. {Act(a.act).label_vi} — {escaped(who)}, "
                f"{a.at.astimezone(tz):%H:%M %d/%m/%Y}")  # fmt: skip
        lines.append(line + (because.format(reason=escaped(reason)) if reason else ""))
    return "<br>".join(lines)


class ConflictsPanel(QWidget):
    resolved = QtSignal(str)  # dossier id

    def __init__(self, desk: Desk, actor: Actor, workers: Workers,
                 parent: QWidget | None = None,
                 operations: Operations | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._desk, self._actor, self._workers = desk, actor, workers
        self._operations = operations or Operations(workers, self)
        self.setObjectName("conflicts_panel")
        self.model = ConflictsModel([], desk.calendar.tz, self)
        self.table = QTableView()
        self.table.setObjectName("conflicts")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        for column, width in enumerate((200, 170, 190, 120)):
            self.table.setColumnWidth(column, width)
        self.table.selectionModel().selectionChanged.connect(self._show_selected)
        # Both sides mix bold labels with the desk's and the portal's words: those escaped.
        self.desk_side = rich(QLabel())
        self.desk_side.setObjectName("desk_side")
        self.portal_side = rich(QLabel())
        self.portal_side.setObjectName("portal_side")
        for label in (self.desk_side, self.portal_side):
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignTop)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setMinimumHeight(140)
        self.resolve_button = QPushButton(self.tr("Nhận phiên bản của cổng (Ctrl+Enter)"))
        self.resolve_button.setObjectName("resolve")
        self.resolve_button.setShortcut("Ctrl+Return")
        self.resolve_button.setEnabled(False)
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.message = plain(QLabel())
        self.message.setObjectName("conflict_message")
        self.message.setWordWrap(True)
        sides = QSplitter()
        for title, label in ((self.tr("Bên bàn này"), self.desk_side),
                             (self.tr("Bên cổng dịch vụ công"), self.portal_side)):  # fmt: skip
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(QLabel(f"<b>{title}</b>"))
            box_layout.addWidget(label, 1)
            sides.addWidget(box)
        explain = QLabel(self.tr(
            "Cổng đã không nhận thao tác của bàn vì hồ sơ đã thay đổi trên cổng. Nhận phiên bản "
            "của cổng: thao tác của bàn vẫn được giữ trong lịch sử, hồ sơ được cập nhật theo "
            "cổng ở lần đồng bộ sau."))  # fmt: skip
        explain.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.resolve_button)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.table, 1)
        layout.addWidget(sides, 1)
        layout.addLayout(buttons)

    def reload(self) -> None:
        desk, actor = self._desk, self._actor
        self._workers.submit(lambda: open_conflicts(desk, actor), self._show)

    def _show(self, conflicts: list[ConflictView]) -> None:
        self.model.beginResetModel()
        self.model.conflicts = conflicts
        self.model.endResetModel()
        self.desk_side.clear()
        self.portal_side.clear()
        self.resolve_button.setEnabled(False)
        if conflicts:
            self.table.selectRow(0)
        else:
            self.message.setText(self.tr("Không có xung đột nào chờ giải quyết."))

    def selected(self) -> ConflictView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.conflicts[rows[0].row()] if rows else None

    def _show_selected(self) -> None:
        c = self.selected()
        if c is None:
            return
        tz = self._desk.calendar.tz
        at = c.desk_at.astimezone(tz).strftime("%H:%M %d/%m/%Y") if c.desk_at else ""
        reason = c.desk_payload.get("reason")
        self.desk_side.setText(self.tr(
            "Hồ sơ <b>{code}</b> — {applicant}<br>Thao tác: <b>{act}</b> → {to_state}<br>"
            "Cán bộ: {officer}, lúc {at}<br>Lý do: {reason}<br>Trạng thái tại bàn: {state}"
            "<br>Cổng trả lời: {message}").format(
            code=escaped(c.dossier_code), applicant=escaped(c.applicant_name),
            act=c.desk_label, to_state=c.desk_to_state.label_vi,
            officer=escaped(c.desk_officer), at=at, reason=escaped(reason) or "—",
            state=c.local_state.label_vi, message=escaped(c.message)))  # fmt: skip
        self.portal_side.setText(self.tr("Đang hỏi cổng…"))
        self.resolve_button.setEnabled(True)
        self.message.clear()
        desk, dossier_id = self._desk, c.dossier_id

        def shown(change: ChangeWire) -> None:
            if self.selected() is c:
                self.portal_side.setText(_portal_side(change, self._desk.calendar.tz))

        def offline(error: BaseException) -> None:
            if describe(error) is None and not isinstance(error, DomainError):
                raise error
            self.portal_side.setText(self.tr(
                "Không hỏi được cổng lúc này ({error}). Cổng đã trả lời: {message}").format(
                error=escaped(error), message=escaped(c.message)))  # fmt: skip

        def ask_portal() -> ChangeWire:
            from sync.client.engine import SyncEngine  # the network stack: loaded when used

            return SyncEngine(desk).portal_dossier(dossier_id)

        self._workers.submit(ask_portal, shown, offline)

    def resolve_selected(self) -> None:
        c = self.selected()
        if c is None:
            return

        def resolve(desk: Desk, actor: Actor, conflict_id: int) -> None:
            from sync.client.engine import resolve_conflict  # the network stack: when used

            resolve_conflict(desk, actor, conflict_id)

        def done(_result: None) -> None:
            self.resolved.emit(c.dossier_id)
            self.reload()
            self.message.setText(self.tr("Đã nhận phiên bản của cổng cho hồ sơ {code}.").format(
                code=display(c.dossier_code)))  # fmt: skip

        self._operations.run(self, self.resolve_button.text(), resolve, self._desk, self._actor,
                             c.id, on_done=done, refused=lambda e: self.message.setText(str(e)),
                             dossier_id=c.dossier_id, busy=(self.resolve_button,))  # fmt: skip
