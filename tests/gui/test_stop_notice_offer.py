"""The stop notice (Thông báo dừng giải quyết hồ sơ), offered the moment the dossier is
stopped and printed at the window, like every paper of an act (test_paper_offers)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from desktop.core.lifecycle import DossierState
from desktop.services import papers
from desktop.services.context import Actor, Desk
from desktop.ui.main_window import MainWindow
from tests.gui.test_paper_offers import offered, print_offer
from tests.gui.test_processing_window import (
    CTRL_SHIFT,
    confirm,
    form,
    in_processing,
    open_view,
    open_window,
    state_of,
)


@pytest.fixture
def window(qtbot: QtBot, desk: Desk, officer: Actor) -> MainWindow:
    return open_window(qtbot, desk, officer)


def test_a_stop_offers_the_stop_notice(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    dossier_id = in_processing(desk, officer)
    view = open_view(qtbot, window, dossier_id)
    assert view.detail is not None
    code = view.detail.code
    qtbot.keyClick(view.checklist, Qt.Key.Key_D, CTRL_SHIFT)
    dialog = form(qtbot, view)
    reason = dialog.fields["reason"]
    assert isinstance(reason, QPlainTextEdit)
    reason.insertPlainText("Người yêu cầu đề nghị dừng")
    confirm(qtbot, dialog)
    assert state_of(desk, dossier_id) is DossierState.STOPPED
    offer = offered(qtbot, view.offer, papers.STOP)
    text = print_offer(qtbot, offer, tmp_path / "dung.pdf")
    assert code in text and "dừng" in text.lower()
