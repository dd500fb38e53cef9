"""Biểu đồ của bảng báo cáo — the supervisor's two charts beside the form: the share of
dossiers resolved early or on time, month by month, and the late dossiers of the period
by department.

QtCharts (PySide6-Addons) is imported here only, and this module only when the dashboard
opens (``ReportsView``): the desk's window never loads it otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QHBoxLayout, QWidget

from desktop.core.reports import MonthTrend, Section
from desktop.ui.safe_text import display

ON_TIME_COLOUR = QColor("#1b6e3a")
LATE_COLOUR = QColor("#b3261e")


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.legend().hide()
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    return chart


class ReportCharts(QWidget):
    """The on-time rate by month (a line) and late dossiers by department (bars)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("report_charts")
        self.trend = QLineSeries()
        self.trend.setName(self.tr("Tỉ lệ đúng hạn (%)"))
        self.trend.setColor(ON_TIME_COLOUR)
        self.trend.setPointsVisible(True)
        self.trend.setPointLabelsVisible(True)
        self.trend.setPointLabelsFormat("@yPoint%")
        self.trend.setPointLabelsClipping(False)  # a 100 % month's label above the plot
        self.trend_chart = _chart(self.tr("Tỉ lệ giải quyết trước hạn, đúng hạn theo tháng"))
        self.trend_chart.addSeries(self.trend)
        self.months = QBarCategoryAxis()
        self.rate = QValueAxis()
        self.rate.setRange(0, 100)
        self.rate.setLabelFormat("%d%%")
        self.trend_chart.addAxis(self.months, Qt.AlignmentFlag.AlignBottom)
        self.trend_chart.addAxis(self.rate, Qt.AlignmentFlag.AlignLeft)
        self.trend.attachAxis(self.months)
        self.trend.attachAxis(self.rate)

        self.late = QHorizontalBarSeries()  # departments' long names read across
        self.late_set = QBarSet(self.tr("Quá hạn"))
        self.late_set.setColor(LATE_COLOUR)
        self.late.append(self.late_set)
        self.late.setLabelsVisible(True)
        self.late_chart = _chart(self.tr("Hồ sơ giải quyết quá hạn theo phòng chuyên môn"))
        self.late_chart.addSeries(self.late)
        self.departments = QBarCategoryAxis()
        self.count = QValueAxis()
        self.count.setLabelFormat("%d")
        self.late_chart.addAxis(self.departments, Qt.AlignmentFlag.AlignLeft)
        self.late_chart.addAxis(self.count, Qt.AlignmentFlag.AlignBottom)
        self.late.attachAxis(self.departments)
        self.late.attachAxis(self.count)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for chart, name in ((self.trend_chart, "trend_chart"), (self.late_chart, "late_chart")):
            view = QChartView(chart)
            view.setObjectName(name)
            view.setRenderHint(QPainter.RenderHint.Antialiasing)
            view.setMinimumHeight(220)
            layout.addWidget(view, 1)

    def show_trend(self, months: Sequence[MonthTrend]) -> None:
        """One point per month that resolved something (a month with none has no rate)."""
        self.months.clear()
        self.months.append([self.tr("T{month}/{year}").format(
            month=m.period.number, year=m.period.year) for m in months])  # fmt: skip
        self.trend.replace([QPointF(i, round(m.on_time_rate, 1)) for i, m in enumerate(months)
                            if m.on_time_rate is not None])  # fmt: skip

    def show_late(self, departments: Sequence[Section]) -> None:
        """The period's late dossiers (column (10)) of each department, as the form counts,
        top to bottom in the form's order (a horizontal chart counts from the bottom)."""
        self.departments.clear()
        self.late_set.remove(0, self.late_set.count())
        shown = list(reversed(departments))
        self.departments.append([display(s.label) for s in shown])
        values = [s.value("resolved.late") for s in shown]
        self.late_set.append([float(v) for v in values])
        self.count.setRange(0, max([*values, 1]))
        self.count.applyNiceNumbers()
