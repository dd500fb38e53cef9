"""The window's Hồ sơ › Xuất ra Excel… (the queue as shown, or the deadline view) and a
supervisor's reminders above the queue, whose links open the reports or the deadlines."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from desktop.services.context import Actor, Desk
from desktop.services.demo import ManualClock
from desktop.ui.deadlines import DeadlinesPanel
from desktop.ui.main_window import MainWindow
from desktop.ui.reports_view import ReportsView
from desktop.ui.workers import InlineWorkers
from tests.unit.test_deadlines import KINH_TE, TU_PHAP, at, code, start


def _codes(path: Path) -> list[object]:
    sheet = load_workbook(path).active
    assert sheet is not None
    return [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_export_and_reminders_in_the_window(
    qtbot: QtBot, desk: Desk, officer: Actor, supervisor: Actor, clock: ManualClock,
    tmp_path: Path,
) -> None:  # fmt: skip
    start(desk, officer, clock, "A", at(2, 23, 8), TU_PHAP)  # due Mon 2/3
    start(desk, officer, clock, "B", at(2, 26, 8), KINH_TE)  # due Thu 5/3
    start(desk, officer, clock, "D", at(3, 5, 8))  # due Thu 12/3
    clock.now = at(3, 13, 9)  # Friday 13 March: the March report is due before the 20th
    window = MainWindow(desk, supervisor, "UBND xã Tam Đường", InlineWorkers())
    qtbot.addWidget(window)
    assert window.findChild(QAction, "export_action") is not None  # Hồ sơ › Xuất ra Excel…

    window.run_search("Công dân B")  # the search shown: the export follows it
    out = tmp_path / "hang-doi.xlsx"
    window.export_to(out)
    assert _codes(out) == [code("B")]
    assert "Đã xuất 1 hồ sơ" in window.statusBar().currentMessage()
    window.show_deadlines()
    window.export_to(tmp_path / "han.xlsx", deadlines=True)
    assert _codes(tmp_path / "han.xlsx") == [code("A"), code("B"), code("D")]

    window.show_queue_tab()
    window.show_reminders()
    banner = window.reminders
    assert banner.isVisibleTo(window)
    text = banner.text()
    assert "Báo cáo Tháng 03/2026 gửi trước ngày 20/03/2026 (còn 6 ngày)." in text
    assert "3 hồ sơ đến hạn hoặc quá hạn đến hết ngày 13/03/2026" in text
    banner.linkActivated.emit("reports")
    assert isinstance(window.tabs.currentWidget(), ReportsView)
    banner.linkActivated.emit("deadlines")
    assert isinstance(window.tabs.currentWidget(), DeadlinesPanel)
