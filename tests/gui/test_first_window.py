"""The first desk window, driven through its real widgets (offscreen Qt)."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop.core.calendar import OFFICE_TZ
from desktop.services.accounts import login
from desktop.services.context import Desk
from desktop.services.demo import ManualClock
from desktop.services.queue import QueueFilter, queue_ids
from desktop.services.settings import open_desk
from desktop.store.db import Store
from desktop.ui.app import office_name
from desktop.ui.login import LoginDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.queue_model import QueueModel
from desktop.ui.workers import InlineWorkers


@pytest.fixture
def demo_desk(demo_store: Store) -> Desk:
    return open_desk(demo_store, ManualClock(datetime(2026, 11, 27, 10, 30, tzinfo=OFFICE_TZ)))


def test_login_dialog_refuses_then_accepts(qtbot: QtBot, demo_desk: Desk) -> None:
    dialog = LoginDialog(demo_desk, office_name(demo_desk))
    qtbot.addWidget(dialog)
    dialog.show()
    user = dialog.findChild(QLineEdit, "username")
    password = dialog.findChild(QLineEdit, "password")
    error = dialog.findChild(QLabel, "error")
    assert user is not None and password is not None and error is not None
    qtbot.keyClicks(user, "canbo1")
    qtbot.keyClick(user, Qt.Key.Key_Return)  # Enter moves on, it does not log in yet
    assert error.text() == "" and dialog.isVisible()
    qtbot.keyClicks(password, "sai-mat-khau")
    qtbot.keyClick(password, Qt.Key.Key_Return)
    assert "Sai tên đăng nhập hoặc mật khẩu" in error.text()
    assert dialog.actor is None and password.text() == ""
    qtbot.keyClicks(password, "canbo1-demo")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(password, Qt.Key.Key_Return)
    assert dialog.actor is not None and dialog.actor.username == "canbo1"


def test_main_window_lists_the_office_queue(qtbot: QtBot, demo_desk: Desk) -> None:
    actor = login(demo_desk, "canbo1", "canbo1-demo")
    window = MainWindow(demo_desk, actor, office_name(demo_desk), InlineWorkers())
    qtbot.addWidget(window)
    window.show()
    expected = queue_ids(demo_desk, actor)
    assert window.model.rowCount() == len(expected) > 0
    first = window.model.index(0, 0).data()
    assert first and first.startswith("LCU-TTHCC-")
    officer = window.findChild(QLabel, "officer")
    assert officer is not None and "Trần Minh Đức" in officer.text()
    assert "Trung tâm Phục vụ hành chính công" in window.windowTitle()
    counters = window.findChild(QLabel, "counters")
    assert counters is not None and "Đã trả trực tiếp" in counters.text()


def test_search_box_narrows_and_clearing_restores(qtbot: QtBot, demo_desk: Desk) -> None:
    actor = login(demo_desk, "canbo1", "canbo1-demo")
    window = MainWindow(demo_desk, actor, office_name(demo_desk), InlineWorkers())
    qtbot.addWidget(window)
    total = window.model.rowCount()
    name = window.model.index(0, 1).data()
    from desktop.core.text import fold

    qtbot.keyClicks(window.search, fold(name))  # typed without diacritics
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    shown = {window.model.index(r, 1).data() for r in range(window.model.rowCount())}
    assert 0 < window.model.rowCount() < total and name in shown
    assert all(fold(name) in fold(n) for n in shown)
    window.search.clear()
    assert window.model.rowCount() == total


def test_queue_model_passes_the_model_tester(qtmodeltester: ModelTester, demo_desk: Desk) -> None:
    actor = login(demo_desk, "canbo1", "canbo1-demo")
    model = QueueModel(demo_desk, actor)
    model.set_ids(queue_ids(demo_desk, actor))
    qtmodeltester.check(model)
    model.set_ids([*queue_ids(demo_desk, actor)[:3], "khong-ton-tai"])
    assert model.index(3, 0).data() == "…"  # a placeholder, not a crash
    qtmodeltester.check(model)


def test_state_filter_shows_closed_dossiers_on_demand(qtbot: QtBot, demo_desk: Desk) -> None:
    actor = login(demo_desk, "canbo1", "canbo1-demo")
    window = MainWindow(demo_desk, actor, office_name(demo_desk), InlineWorkers())
    qtbot.addWidget(window)
    open_rows = window.model.rowCount()
    states = {window.model.index(r, 7).data() for r in range(open_rows)}
    assert "Đã trả trực tiếp" not in states and "Đã rút" not in states
    window.state_filter.setCurrentIndex(window.state_filter.findText("Tất cả hồ sơ"))
    assert window.model.rowCount() == len(queue_ids(demo_desk, actor, QueueFilter(states=())))
    assert window.model.rowCount() > open_rows
    window.state_filter.setCurrentIndex(window.state_filter.findText("Đã rút"))
    withdrawn = {window.model.index(r, 7).data() for r in range(window.model.rowCount())}
    assert withdrawn == {"Đã rút"}


def test_python_dash_m_desktop_is_the_desk_app() -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "desktop", "--help"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and "motcua-desk" in result.stdout and "--db" in result.stdout
