"""Báo cáo định kỳ — the supervisor's dashboard of a period's figures (Đ15): the national
form's columns per procedure or per department with the office's total; the dossiers
behind the chosen number; two charts (the on-time rate month by month, the late dossiers
by department); saving as PDF or spreadsheet; signing the figures off, and what changed
since a sign-off.

Counting runs on the injected workers (a year takes seconds); every reading is audited by
the service.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.report_periods import PeriodKind
from desktop.core.reports import TABLE_COLUMNS, MonthTrend, PeriodicReport, Section
from desktop.services import reports
from desktop.services.context import Actor, Desk
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.safe_text import display
from desktop.ui.table_model import HeaderedTableModel
from desktop.ui.workers import Workers

_Index = QModelIndex | QPersistentModelIndex
KEY_ROLE = Qt.ItemDataRole.UserRole  # a cell's figure key
SIGNED_NOW = QT_TRANSLATE_NOOP("ReportsView", "Vừa ký chốt số liệu ({who}, {at}).")
SIGNED_BEFORE = QT_TRANSLATE_NOOP("ReportsView", "Đã ký chốt số liệu ({who}, {at}).")
GROUPINGS = (
    (QT_TRANSLATE_NOOP("ReportsView", "Theo thủ tục"), "procedures"),
    (QT_TRANSLATE_NOOP("ReportsView", "Theo phòng chuyên môn"), "departments"),
)


class FormModel(HeaderedTableModel):
    """Rows of the form: one per procedure (or department), then the office's total."""

    HEADERS = (
        QT_TRANSLATE_NOOP("FormModel", "Mục"),
        QT_TRANSLATE_NOOP("FormModel", "Tổng số nhận"),
        QT_TRANSLATE_NOOP("FormModel", "Trực tuyến"),
        QT_TRANSLATE_NOOP("FormModel", "Trực tiếp, bưu chính"),
        QT_TRANSLATE_NOOP("FormModel", "Từ kỳ trước"),
        QT_TRANSLATE_NOOP("FormModel", "Đã giải quyết"),
        QT_TRANSLATE_NOOP("FormModel", "Trước hạn"),
        QT_TRANSLATE_NOOP("FormModel", "Đúng hạn"),
        QT_TRANSLATE_NOOP("FormModel", "Quá hạn"),
        QT_TRANSLATE_NOOP("FormModel", "Đang giải quyết"),
        QT_TRANSLATE_NOOP("FormModel", "Trong hạn"),
        QT_TRANSLATE_NOOP("FormModel", "Quá hạn (đang giải quyết)"),
    )

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sections: list[Section] = []

    def set_sections(self, sections: list[Section]) -> None:
        self.beginResetModel()
        self.sections = sections
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.sections)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        section = self.sections[index.row()]
        if role == KEY_ROLE:
            return TABLE_COLUMNS[index.column() - 1][0] if index.column() else None
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return self.tr("Tổng cộng") if section.kind == "office" else display(section.label)
            return section.value(TABLE_COLUMNS[index.column() - 1][0])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column():
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


def last_period(desk: Desk) -> str:
    """The month whose report is due next (Đ15: before the 20th), as "2026-11"."""
    today = desk.now().astimezone(desk.calendar.tz).date()
    year, month = (today.year, today.month) if today.day >= 15 else (
        (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1))  # fmt: skip
    return f"{year}-{month:02d}"


class ReportsView(QWidget):
    def __init__(self, desk: Desk, actor: Actor, workers: Workers,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._desk, self._actor, self._workers = desk, actor, workers
        self._generation = 0
        self.report: PeriodicReport | None = None
        self.setObjectName("reports_view")

        self.period = QLineEdit(last_period(desk))
        self.period.setObjectName("period")
        self.period.setPlaceholderText(self.tr("2026-11, 2026-Q4 hoặc 2026"))
        self.period.returnPressed.connect(self.reload)
        self.grouping = QComboBox()
        self.grouping.setObjectName("grouping")
        for label, value in GROUPINGS:
            self.grouping.addItem(self.tr(label), value)
        self.grouping.currentIndexChanged.connect(self._show_rows)
        run = QPushButton(self.tr("Lập báo cáo"))
        run.setObjectName("run")
        run.clicked.connect(self.reload)
        self.save_pdf_button = QPushButton(self.tr("Lưu PDF…"))
        self.save_xlsx_button = QPushButton(self.tr("Lưu Excel…"))
        self.sign_button = QPushButton(self.tr("Ký chốt số liệu"))
        self.sign_button.setObjectName("sign")
        for button in (self.save_pdf_button, self.save_xlsx_button, self.sign_button):
            button.setEnabled(False)
        self.save_pdf_button.clicked.connect(lambda: self._ask_save("pdf"))
        self.save_xlsx_button.clicked.connect(lambda: self._ask_save("xlsx"))
        self.sign_button.clicked.connect(self.sign)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Kỳ báo cáo:")))
        bar.addWidget(self.period)
        bar.addWidget(run)
        bar.addWidget(self.grouping)
        bar.addStretch(1)
        for button in (self.save_pdf_button, self.save_xlsx_button, self.sign_button):
            bar.addWidget(button)

        self.heading = QLabel()
        self.heading.setObjectName("heading")
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("status")
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.setWordWrap(True)
        self.model = FormModel(self)
        self.table = QTableView()
        self.table.setObjectName("form")
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()  # the form's column names read whole
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(0, 320)
        self.table.selectionModel().currentChanged.connect(self._show_codes)
        self.codes = QListWidget()
        self.codes.setObjectName("codes")
        codes_box = QWidget()
        codes_layout = QVBoxLayout(codes_box)
        codes_layout.setContentsMargins(0, 0, 0, 0)
        self.codes_title = QLabel(self.tr("Hồ sơ của số liệu đã chọn"))
        codes_layout.addWidget(self.codes_title)
        codes_layout.addWidget(self.codes, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.table)
        split.addWidget(codes_box)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 1)
        # QtCharts is loaded here, when the dashboard opens, never with the desk's window.
        from desktop.ui.report_charts import ReportCharts

        self.charts = ReportCharts()
        self.trend: tuple[MonthTrend, ...] = ()
        stacked = QSplitter(Qt.Orientation.Vertical)
        stacked.addWidget(split)
        stacked.addWidget(self.charts)
        stacked.setStretchFactor(0, 3)
        stacked.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.heading)
        layout.addWidget(stacked, 1)
        layout.addWidget(self.status)

    # --- counting, on the workers ---------------------------------------------------------------
    def reload(self) -> None:
        self._run(lambda desk, actor, period: reports.periodic_report(desk, actor, period))

    def sign(self) -> None:
        self._run(lambda desk, actor, period: reports.sign_report(desk, actor, period),
                  signing=True)  # fmt: skip

    def _run(self, work: Any, signing: bool = False) -> None:
        self._generation += 1
        generation, desk, actor = self._generation, self._desk, self._actor
        period = self.period.text().strip()
        self.status.setText(self.tr("Đang đếm số liệu…"))

        def shown(report: PeriodicReport) -> None:
            if generation == self._generation:
                self._show(report, signing)
                self._load_trend(generation, period)

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self._say_error(error)

        self._workers.submit(lambda: work(desk, actor, period), shown, failed)

    def _load_trend(self, generation: int, period: str) -> None:
        """The months of the trend, each counted as its own report, after the form shows."""
        desk, actor = self._desk, self._actor

        def shown(trend: tuple[MonthTrend, ...]) -> None:
            if generation == self._generation:
                self.trend = trend
                self.charts.show_trend(trend)

        def failed(error: BaseException) -> None:
            if generation == self._generation:
                self._say_error(error)

        self._workers.submit(lambda: reports.monthly_trend(desk, actor, period), shown, failed)

    def _say_error(self, error: BaseException) -> None:
        self.status.setText(f"<span style='color:#b3261e'>{html.escape(display(error))}</span>")

    def _show(self, report: PeriodicReport, signed_now: bool) -> None:
        self.report = report
        period = report.period
        self.heading.setText(self.tr("<b>{name}</b> ({span}) — hạn gửi trước ngày {due}").format(
            name=html.escape(period.name_vi), span=html.escape(period.span_vi),
            due=f"{period.due_date:%d/%m/%Y}" if period.kind is not PeriodKind.YEAR
            else "15/12"))  # fmt: skip
        lines = []
        if report.signed is not None:
            at = report.signed.signed_at.astimezone(self._desk.calendar.tz)
            key = SIGNED_NOW if signed_now else SIGNED_BEFORE
            lines.append(self.tr(key).format(who=display(report.signed.signed_by),
                                             at=f"{at:%H:%M %d/%m/%Y}"))  # fmt: skip
        if report.changes:
            lines.append(self.tr("Khác với khi ký: {changes}").format(
                changes="; ".join(display(c.label_vi()) for c in report.changes)))  # fmt: skip
        self.status.setText(html.escape(" ".join(lines)))
        for button in (self.save_pdf_button, self.save_xlsx_button, self.sign_button):
            button.setEnabled(True)
        self.charts.show_late(report.departments)
        self._show_rows()

    def _show_rows(self) -> None:
        if self.report is None:
            return
        grouping = self.grouping.currentData()
        rows = list(self.report.procedures if grouping == "procedures"
                    else self.report.departments)  # fmt: skip
        self.model.set_sections([*rows, self.report.office])
        self.codes.clear()

    def _show_codes(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.codes.clear()
        key = current.data(KEY_ROLE) if current.isValid() else None
        if key is None:
            return
        section = self.model.sections[current.row()]
        self.codes.addItems([display(c) for c in section.codes(key)])

    # --- saving ---------------------------------------------------------------------------------
    def _ask_save(self, form: str) -> None:
        if self.report is None:
            return
        suffix = "pdf" if form == "pdf" else "xlsx"
        chosen, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Lưu báo cáo"), f"bao-cao-{self.report.period.text}.{suffix}",
            f"*.{suffix}")  # fmt: skip
        if chosen:
            self.save(Path(chosen), form)

    def save(self, path: Path, form: str) -> None:
        """Write the report shown as ``form`` ("pdf" or "xlsx") on the workers."""
        report = self.report
        if report is None:
            return
        writer = reports.save_pdf if form == "pdf" else reports.save_xlsx

        def saved(_none: None) -> None:
            self.status.setText(html.escape(self.tr("Đã lưu {path}").format(path=display(path))))

        self._workers.submit(lambda: writer(report, path), saved, self._say_error)
