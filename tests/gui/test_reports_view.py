"""The supervisor's report dashboard: the month of tests/unit/test_reports.py counted on the
workers, the form's total row as the service counts it, the dossiers behind a number,
saving, signing off, and a bad period said in the window."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.core.reports import TABLE_COLUMNS
from desktop.services.context import Actor, Desk
from desktop.services.demo import ManualClock
from desktop.ui.main_window import MainWindow
from desktop.ui.reports_view import KEY_ROLE, ReportsView
from desktop.ui.workers import InlineWorkers
from tests.unit.test_reports import FORM_ROW, at, code, codes, month_of_march


def test_the_dashboard_shows_the_month_and_the_dossiers_behind_a_number(
    qtbot: QtBot, desk: Desk, officer: Actor, supervisor: Actor, clock: ManualClock,
    tmp_path: Path,
) -> None:  # fmt: skip
    month_of_march(desk, officer, clock)
    clock.now = at(3, 17, 10)
    window = MainWindow(desk, supervisor, "UBND xã Tam Đường", InlineWorkers())
    qtbot.addWidget(window)
    from PySide6.QtGui import QAction

    window.findChild(QAction, "reports_action").trigger()  # Xem › Báo cáo định kỳ…
    view = window.tabs.currentWidget()
    assert isinstance(view, ReportsView) and window.show_reports() is view
    assert view.period.text() == "2026-03"  # the month whose report is due next
    qtbot.mouseClick(view.findChild(type(view.sign_button), "run"), Qt.MouseButton.LeftButton)
    assert "Tháng 03/2026" in view.heading.text() and "15/02/2026" in view.heading.text()

    model = view.model
    total = model.rowCount() - 1
    assert model.index(total, 0).data() == "Tổng cộng"
    assert [model.index(total, c).data() for c in range(1, 12)] == FORM_ROW
    # The late column's dossiers, as the supervisor clicks the number.
    late = next(c for c in range(1, 12) if model.index(total, c).data(KEY_ROLE) == "resolved.late")
    view.table.setCurrentIndex(model.index(total, late))
    assert [view.codes.item(i).text() for i in range(view.codes.count())] == [code("C")]
    carried = [k for k, _ in TABLE_COLUMNS].index("carried_over") + 1
    view.table.setCurrentIndex(model.index(total, carried))
    assert tuple(view.codes.item(i).text() for i in range(view.codes.count())) == codes("A", "B")

    view.grouping.setCurrentIndex(1)  # per department
    departments = [model.index(r, 0).data() for r in range(model.rowCount() - 1)]
    assert "Phòng Tư pháp" in departments and "Phòng Kinh tế" in departments

    pdf = tmp_path / "thang-3.pdf"
    view.save(pdf, "pdf")
    words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout  # fmt: skip
    assert "Kỳ báo cáo: Tháng 03/2026" in words and "Đã lưu" in view.status.text()

    qtbot.mouseClick(view.sign_button, Qt.MouseButton.LeftButton)
    assert "Vừa ký chốt số liệu" in view.status.text()
    qtbot.mouseClick(view.sign_button, Qt.MouseButton.LeftButton)
    assert "không cần ký lại" in view.status.text()

    view.period.setText("2026-13")
    qtbot.keyClick(view.period, Qt.Key.Key_Return)
    assert "tháng 13 không có" in view.status.text()


def test_an_officer_is_told_the_report_is_for_supervisors(
    qtbot: QtBot, desk: Desk, officer: Actor,
) -> None:  # fmt: skip
    from PySide6.QtGui import QAction

    window = MainWindow(desk, officer, "UBND xã Tam Đường", InlineWorkers())
    qtbot.addWidget(window)
    assert window.findChild(QAction, "reports_action") is None  # not in an officer's menu
    view = ReportsView(desk, officer, InlineWorkers())
    qtbot.addWidget(view)
    view.reload()
    assert "dành cho lãnh đạo bộ phận" in view.status.text()
    assert view.model.rowCount() == 0 and not view.sign_button.isEnabled()
