"""The dashboard's charts, on the demo desk: the on-time rate month by month and the late
dossiers by department hold the numbers the report service counts; QtCharts is loaded only
when the dashboard opens."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime

from pytestqt.qtbot import QtBot

from desktop.core.calendar import OFFICE_TZ
from desktop.services import reports
from desktop.services.accounts import login
from desktop.services.demo import ManualClock
from desktop.services.settings import open_desk
from desktop.store.db import Store
from desktop.ui.main_window import MainWindow
from desktop.ui.reports_view import ReportsView
from desktop.ui.workers import InlineWorkers

AFTER_THE_DEMO = datetime(2026, 11, 27, 15, 0, tzinfo=OFFICE_TZ)  # the demo ends that morning


def test_the_charts_hold_the_report_services_numbers(qtbot: QtBot, demo_store: Store) -> None:
    desk = open_desk(demo_store, ManualClock(AFTER_THE_DEMO))
    supervisor = login(desk, "lanhdao", "lanhdao-demo")
    window = MainWindow(desk, supervisor, "UBND xã Tam Đường (dữ liệu mẫu)", InlineWorkers())
    qtbot.addWidget(window)
    view = window.show_reports()
    assert isinstance(view, ReportsView)
    view.period.setText("2026-11")
    view.reload()

    expected = reports.monthly_trend(desk, supervisor, "2026-11")
    report = reports.periodic_report(desk, supervisor, "2026-11")
    charts = view.charts
    assert [m.period.text for m in expected] == [f"2026-{m:02d}" for m in range(6, 12)]
    assert view.trend == expected
    assert charts.months.categories() == [f"T{m}/2026" for m in range(6, 12)]
    rates = [(float(i), round(m.on_time_rate, 1)) for i, m in enumerate(expected)
             if m.on_time_rate is not None]  # fmt: skip
    assert [(p.x(), p.y()) for p in charts.trend.points()] == rates
    assert len(rates) >= 3 and any(m.late for m in expected)  # something to compare
    # November's month agrees with November's own report.
    office = report.office
    assert (expected[-1].resolved, expected[-1].in_time, expected[-1].late) == (
        office.value("resolved.total"),
        office.value("resolved.early") + office.value("resolved.on_time"),
        office.value("resolved.late"),
    )

    late = [s.value("resolved.late") for s in report.departments]
    # Drawn bottom-up, so that the first department reads at the top as in the form.
    assert charts.departments.categories()[::-1] == [s.label for s in report.departments]
    assert [charts.late_set.at(i) for i in range(charts.late_set.count())][::-1] == late
    assert sum(late) == office.value("resolved.late") > 0

    view.period.setText("2026-Q4")  # another period: both charts follow it
    view.reload()
    assert charts.months.categories() == [f"T{m}/2026" for m in range(7, 13)]
    quarter = reports.periodic_report(desk, supervisor, "2026-Q4")
    assert [charts.late_set.at(i) for i in range(charts.late_set.count())][::-1] == [
        s.value("resolved.late") for s in quarter.departments]  # fmt: skip


def test_qtcharts_is_loaded_only_when_the_dashboard_opens() -> None:
    probe = (
        "import sys\n"
        "import desktop.ui.main_window, desktop.ui.reports_view\n"
        "assert 'PySide6.QtCharts' not in sys.modules, 'loaded with the window'\n"
        "import desktop.ui.report_charts\n"
        "assert 'PySide6.QtCharts' in sys.modules\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
