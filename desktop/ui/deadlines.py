"""Theo dõi hạn — the supervisor's deadline view: every dossier still being worked on, the
department holding it, the step's and the dossier's due dates, the working days left and
its standing (overdue red, due today orange, due soon amber, waiting on the citizen grey);
filters by department and standing; the counts per department; and the sessions of the
last days in which nobody checked the portal for new dossiers (Đ12.8).

Read on the injected workers; Enter or a double click opens the dossier.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtCore import Signal as QtSignal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.calendar import Due
from desktop.services.context import Actor, Desk
from desktop.services.deadlines import Bucket, DeadlineRow, deadline_rows, deadline_summary
from desktop.services.processing import RATINGS, complaints, feedback_counts
from desktop.services.sessions import WorkSession, missed_sessions
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.safe_text import display, tooltip
from desktop.ui.table_model import HeaderedTableModel
from desktop.ui.workers import Workers

_Index = QModelIndex | QPersistentModelIndex
MISSED_DAYS = 7
FEEDBACK_DAYS = 30
# Bucket → (text colour of its standing, background of its row).
BUCKET_COLOURS: dict[Bucket, tuple[str, str]] = {
    Bucket.OVERDUE: ("#b3261e", "#fde7e7"),  # red
    Bucket.TODAY: ("#c75000", "#ffe8d4"),  # orange
    Bucket.SOON: ("#8a6100", "#fff4c2"),  # amber
    Bucket.PAUSED: ("#5f6368", "#ececec"),  # grey
}
BUCKET_ROLE = Qt.ItemDataRole.UserRole  # a row's bucket value, for views and tests


def _when(due: Due | None, tz: Any) -> str:
    return due.deadline.astimezone(tz).strftime("%d/%m/%Y %H:%M") if due else ""


class DeadlinesModel(HeaderedTableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("DeadlinesModel", "Mã hồ sơ"),
        QT_TRANSLATE_NOOP("DeadlinesModel", "Người nộp"),
        QT_TRANSLATE_NOOP("DeadlinesModel", "Thủ tục"),
        QT_TRANSLATE_NOOP("DeadlinesModel", "Phòng đang giữ"),
        QT_TRANSLATE_NOOP("DeadlinesModel", "Hạn bước"),
        QT_TRANSLATE_NOOP("DeadlinesModel", "Hạn trả"),
        QT_TRANSLATE_NOOP("DeadlinesModel", "Còn (ngày làm việc)"),
        QT_TRANSLATE_NOOP("DeadlinesModel", "Tình trạng"),
    )
    LEFT, STANDING = 6, 7

    def __init__(self, rows: list[DeadlineRow], tz: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.rows, self._tz = list(rows), tz

    def set_rows(self, rows: list[DeadlineRow]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        r, column = self.rows[index.row()], index.column()
        colours = BUCKET_COLOURS.get(r.bucket)
        if role == Qt.ItemDataRole.DisplayRole:
            left = "" if r.working_days_left is None else str(r.working_days_left)
            return (display(r.code), display(r.applicant), display(r.procedure),
                    display(r.department), _when(r.step_due, self._tz), self._due(r),
                    left, self._standing(r))[column]  # fmt: skip
        if role == BUCKET_ROLE:
            return r.bucket.value
        if role == Qt.ItemDataRole.ToolTipRole and column == 5 and r.reappointed is not None:
            return self.tr("Hạn trả khi tiếp nhận (tính trễ hạn theo hạn này); đã xin lỗi và "
                           "hẹn lại {new}.").format(new=r.reappointed.label_vi())
        if role == Qt.ItemDataRole.BackgroundRole and colours is not None:
            return QBrush(QColor(colours[1]))
        if role == Qt.ItemDataRole.ForegroundRole and colours is not None and column in (
                self.LEFT, self.STANDING):  # fmt: skip
            return QBrush(QColor(colours[0]))
        if role == Qt.ItemDataRole.FontRole and column == self.STANDING and (
                r.bucket in (Bucket.OVERDUE, Bucket.TODAY)):  # fmt: skip
            bold = QFont()
            bold.setBold(True)
            return bold
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.LEFT:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column in (1, 2):
            return tooltip((r.applicant, r.procedure)[column - 1])
        return None


    def _due(self, r: DeadlineRow) -> str:
        if r.reappointed is None:
            return _when(r.due, self._tz)
        return self.tr("{due} (hẹn lại {new})").format(
            due=_when(r.due, self._tz), new=f"{r.reappointed.date:%d/%m/%Y}")

    def _standing(self, r: DeadlineRow) -> str:
        if r.reappointed is None or r.bucket is not Bucket.OVERDUE:
            return r.bucket.label_vi
        return self.tr("{standing} (hẹn lại {new})").format(
            standing=r.bucket.label_vi, new=f"{r.reappointed.date:%d/%m/%Y}")


class SummaryModel(QAbstractTableModel):
    """Department × standing: how many dossiers, with the office's total in the last row."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.departments: list[str] = []
        self.counts: list[dict[Bucket, int]] = []

    def set_summary(self, summary: dict[str, dict[Bucket, int]]) -> None:
        self.beginResetModel()
        self.departments = list(summary)
        self.counts = [summary[d] for d in self.departments]
        if self.counts:
            self.departments.append(self.tr("Toàn cơ quan"))
            self.counts.append({b: sum(c[b] for c in self.counts) for b in Bucket})
        self.endResetModel()

    def count(self, department: str, bucket: Bucket) -> int:
        i = self.departments.index(department)
        return self.counts[i][bucket]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.departments)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Bucket) + 2

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # fmt: skip
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        buckets = list(Bucket)
        if section == 0:
            return self.tr("Phòng")
        if 1 <= section <= len(buckets):
            return buckets[section - 1].label_vi
        if section == len(buckets) + 1:
            return self.tr("Cộng")
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.departments):
            return None
        row, column, buckets = index.row(), index.column(), list(Bucket)
        counts = self.counts[row]
        bucket = buckets[column - 1] if 1 <= column <= len(buckets) else None
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return display(self.departments[row])
            if bucket is not None:
                return str(counts[bucket])
            return str(sum(counts.values()))
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if (role == Qt.ItemDataRole.ForegroundRole and bucket in BUCKET_COLOURS
                and counts[bucket]):  # fmt: skip
            return QBrush(QColor(BUCKET_COLOURS[bucket][0]))
        if role == Qt.ItemDataRole.FontRole and row == len(self.departments) - 1:
            bold = QFont()
            bold.setBold(True)  # the office's total
            return bold
        return None


@dataclass(frozen=True)
class Deadlines:
    rows: list[DeadlineRow]
    missed: list[WorkSession]
    feedback: dict[str, int]  # ratings of the last FEEDBACK_DAYS days (Đ11.5)
    open_complaints: int  # complaints and reflections not yet resolved (Đ16)


class DeadlinesPanel(QWidget):
    open_requested = QtSignal(str)  # dossier id

    def __init__(self, desk: Desk, actor: Actor, workers: Workers,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._desk, self._actor, self._workers = desk, actor, workers
        self._generation = 0
        self.all_rows: list[DeadlineRow] = []
        self.missed: list[WorkSession] = []
        self.setObjectName("deadlines_panel")

        self.department_filter = QComboBox()
        self.department_filter.setObjectName("department_filter")
        self.department_filter.addItem(self.tr("Mọi phòng"), None)
        self.department_filter.setMinimumWidth(320)
        self.department_filter.currentIndexChanged.connect(self._apply_filter)
        self.bucket_filter = QComboBox()
        self.bucket_filter.setObjectName("bucket_filter")
        self.bucket_filter.addItem(self.tr("Mọi tình trạng"), None)
        for bucket in Bucket:
            self.bucket_filter.addItem(bucket.label_vi, bucket.value)
        self.bucket_filter.currentIndexChanged.connect(self._apply_filter)
        refresh = QPushButton(self.tr("Làm mới (F7)"))
        refresh.setObjectName("refresh")
        refresh.setAutoDefault(False)
        refresh.clicked.connect(self.reload)
        self.shown_count = QLabel()
        self.shown_count.setObjectName("shown_count")
        filters = QHBoxLayout()
        filters.addWidget(QLabel(self.tr("Phòng:")))
        filters.addWidget(self.department_filter)
        filters.addWidget(QLabel(self.tr("Tình trạng:")))
        filters.addWidget(self.bucket_filter)
        filters.addWidget(self.shown_count, 1)
        filters.addWidget(refresh)

        self.model = DeadlinesModel([], desk.calendar.tz, self)
        self.table = QTableView()
        self.table.setObjectName("deadlines")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setWordWrap(False)
        for column, width in enumerate((195, 150, 200, 205, 125, 125, 165)):
            self.table.setColumnWidth(column, width)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self._open_row)  # Enter or double click

        self.summary = SummaryModel(self)
        self.summary_table = QTableView()
        self.summary_table.setObjectName("deadline_summary")
        self.summary_table.setModel(self.summary)
        self.summary_table.verticalHeader().setVisible(False)
        self.summary_table.verticalHeader().setDefaultSectionSize(24)
        self.summary_table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.summary_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.summary_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)

        self.missed_note = QLabel()
        self.missed_note.setObjectName("missed_sessions")
        self.missed_note.setWordWrap(True)
        self.missed_note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        summary_box = QWidget()
        summary_layout = QVBoxLayout(summary_box)
        summary_layout.setContentsMargins(0, 0, 0, 0)
        summary_layout.addWidget(QLabel(self.tr("<b>Theo phòng</b>")))
        summary_layout.addWidget(self.summary_table, 1)
        summary_layout.addWidget(self.missed_note)
        self.feedback_note = QLabel()
        self.feedback_note.setObjectName("feedback")
        self.feedback_note.setWordWrap(True)
        summary_layout.addWidget(self.feedback_note)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(summary_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)

    # --- loading --------------------------------------------------------------------------------
    def reload(self) -> None:
        self._generation += 1
        generation, desk, actor = self._generation, self._desk, self._actor

        def load() -> Deadlines:
            today = desk.now().astimezone(desk.calendar.tz).date()
            first = today - timedelta(days=MISSED_DAYS - 1)
            since = desk.now() - timedelta(days=FEEDBACK_DAYS)
            return Deadlines(deadline_rows(desk, actor), missed_sessions(desk, first, today),
                             feedback_counts(desk, actor, since, desk.now() + timedelta(1)),
                             len(complaints(desk, actor, open_only=True)))  # fmt: skip

        def shown(found: Deadlines) -> None:
            if generation == self._generation:
                self._show(found)

        self._workers.submit(load, shown)

    def _show(self, found: Deadlines) -> None:
        self.all_rows, self.missed = found.rows, found.missed
        chosen = self.department_filter.currentData()
        self.department_filter.blockSignals(True)
        while self.department_filter.count() > 1:
            self.department_filter.removeItem(1)
        departments = sorted({r.department for r in found.rows} | ({chosen} if chosen else set()))
        for department in departments:
            self.department_filter.addItem(display(department), department)
        self.department_filter.setCurrentIndex(max(0, self.department_filter.findData(chosen)))
        self.department_filter.blockSignals(False)
        self.summary.set_summary(deadline_summary(found.rows))
        if found.missed:
            sessions = ", ".join(s.label_vi() for s in found.missed)
            self.missed_note.setText(self.tr(
                "<span style='color:#b3261e'><b>Phiên chưa kiểm tra hồ sơ trực tuyến trên cổng "
                "({days} ngày qua, Đ12.8):</b></span> {sessions}").format(
                days=MISSED_DAYS, sessions=sessions))  # fmt: skip
        else:
            self.missed_note.setText(self.tr(
                "Mọi phiên làm việc trong {days} ngày qua đều đã kiểm tra hồ sơ trực tuyến trên "
                "cổng (Đ12.8).").format(days=MISSED_DAYS))  # fmt: skip
        counts = " · ".join(f"{RATINGS[k].lower()}: <b>{n}</b>" for k, n in found.feedback.items())
        self.feedback_note.setText(self.tr(
            "Ý kiến đánh giá của công dân {days} ngày qua (Đ11.5): {counts} · khiếu nại, phản "
            "ánh chưa giải quyết (Đ16): <b>{open}</b>").format(
            days=FEEDBACK_DAYS, counts=counts, open=found.open_complaints))  # fmt: skip
        self._apply_filter()

    def _apply_filter(self) -> None:
        department = self.department_filter.currentData()
        bucket = self.bucket_filter.currentData()
        rows = [r for r in self.all_rows if (department is None or r.department == department)
                and (bucket is None or r.bucket.value == bucket)]  # fmt: skip
        self.model.set_rows(rows)
        self.shown_count.setText(self.tr("{n} / {total} hồ sơ đang giải quyết").format(
            n=len(rows), total=len(self.all_rows)))  # fmt: skip
        if rows and self.table.currentIndex().row() < 0:
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _open_row(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(self.model.rows[index.row()].dossier_id)
