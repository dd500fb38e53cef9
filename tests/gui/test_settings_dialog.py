"""The administrator's settings dialog, through its real widgets, over a real desk file."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMessageBox, QSpinBox, QTabWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.services import dossiers as acts
from desktop.services import options, papers
from desktop.services.context import Actor, Desk
from desktop.store.models import AuditEntry
from desktop.ui.main_window import MainWindow
from desktop.ui.settings_dialog import SettingsDialog
from desktop.ui.workers import InlineWorkers
from tests.conftest import incoming
from tests.documents_check import pdf_text

NEW_PHONE = "0213 3876 543"


def settings_audit(desk: Desk) -> list[tuple[str, object, object, int | None]]:
    with desk.store.read() as session:
        return [(e.subject, e.before, e.after, e.officer_id) for e in session.scalars(
            select(AuditEntry).where(AuditEntry.action == options.AUDIT_ACTION)
            .order_by(AuditEntry.seq))]  # fmt: skip


def window_for(qtbot: QtBot, desk: Desk, actor: Actor) -> MainWindow:
    window = MainWindow(desk, actor, "UBND xã Tam Đường", InlineWorkers())
    qtbot.addWidget(window)
    window.show()
    return window


def supplement_text(desk: Desk, officer: Actor) -> str:
    """Mẫu 02 (phiếu yêu cầu bổ sung) of a dossier asked for one paper, as printed."""
    outcome = acts.import_dossier(desk, incoming(name="Lường Thị Thu"))
    problem = acts.PaperProblem("Giấy khai sinh", "missing", "bản sao có chứng thực")
    acts.request_supplement(desk, officer, outcome.dossier_id, [problem], "Thiếu giấy khai sinh")
    paper = papers.act_paper(desk, officer, outcome.dossier_code, papers.SUPPLEMENT)
    return " ".join(pdf_text(paper.pdf, layout=False).split())


def test_the_office_phone_set_in_the_dialog_is_printed_on_the_supplement_request(
    qtbot: QtBot, desk: Desk, admin: Actor, officer: Actor
) -> None:
    assert NEW_PHONE not in supplement_text(desk, officer)
    window = window_for(qtbot, desk, admin)
    dialog = window.show_settings()
    assert isinstance(dialog, SettingsDialog) and dialog.isVisible()
    tabs = dialog.findChild(QTabWidget)
    assert tabs is not None
    assert [tabs.tabText(i) for i in range(tabs.count())] == [
        "Cơ quan", "Giấy tờ in", "Máy in", "Giao diện", "Sao lưu", "Cổng dịch vụ công"]  # fmt: skip
    phone = dialog.findChild(QLineEdit, "office.phone")
    lock = dialog.findChild(QSpinBox, "interface.lock_minutes")
    assert phone is not None and lock is not None and lock.value() == 10
    qtbot.keyClicks(phone, NEW_PHONE)
    lock.setValue(20)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save_button.click()
    assert options.read_desk(desk, options.OFFICE_PHONE) == NEW_PHONE
    assert options.read_desk(desk, options.IDLE_LOCK) == 20
    assert settings_audit(desk) == [  # one entry per setting changed, under the admin's name
        ("office.phone", {"value": ""}, {"value": NEW_PHONE}, admin.officer_id),
        ("interface.lock_minutes", {"value": "10"}, {"value": "20"}, admin.officer_id),
    ]
    assert f"theo số điện thoại {NEW_PHONE} để được hướng dẫn" in supplement_text(desk, officer)


def test_an_invalid_value_is_refused_in_vietnamese_and_nothing_is_saved(
    qtbot: QtBot, desk: Desk, admin: Actor
) -> None:
    dialog = SettingsDialog(desk, admin)
    qtbot.addWidget(dialog)
    dialog.show()
    tabs = dialog.findChild(QTabWidget)
    error = dialog.findChild(QLabel, "error")
    backup = dialog.findChild(QLineEdit, "backup.daily_at")
    phone = dialog.findChild(QLineEdit, "office.phone")
    assert tabs is not None and error is not None and backup is not None and phone is not None
    tabs.setCurrentIndex(4)
    qtbot.keyClicks(backup, "17:30")
    tabs.setCurrentIndex(0)
    qtbot.keyClicks(phone, "goi chi Hoa")
    tabs.setCurrentIndex(4)
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.result() == 0
    assert error.text().startswith("Số điện thoại của bộ phận: chỉ gồm chữ số")
    assert tabs.currentIndex() == 0  # taken to the field refused
    assert options.read_desk(desk, options.BACKUP_TIME) is None  # the valid one not kept
    assert settings_audit(desk) == []
    phone.clear()
    qtbot.keyClicks(phone, "0213.3876.543")
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        dialog.save_button.click()
    assert [s for s, *_ in settings_audit(desk)] == ["office.phone", "backup.daily_at"]


def test_cancel_saves_nothing(qtbot: QtBot, desk: Desk, admin: Actor) -> None:
    dialog = SettingsDialog(desk, admin)
    qtbot.addWidget(dialog)
    dialog.show()
    place = dialog.findChild(QLineEdit, "papers.place")
    language = dialog.findChild(QComboBox, "interface.language")
    assert place is not None and language is not None
    assert place.placeholderText() == "Tam Đường"  # what prints while none is set (its commune)
    place.insert("Bình Lư")  # typed (keyClicks types ASCII only)
    language.setCurrentIndex(language.findData("en"))
    with qtbot.waitSignal(dialog.rejected, timeout=5000):
        dialog.reject()
    assert options.read_desk(desk, options.PLACE_NAME) == ""
    assert options.read_desk(desk, options.LANGUAGE) == "vi"
    assert settings_audit(desk) == []


def test_the_portal_tab_waits_for_the_enrolment(qtbot: QtBot, desk: Desk, admin: Actor) -> None:
    dialog = SettingsDialog(desk, admin)
    qtbot.addWidget(dialog)
    address = dialog.findChild(QLineEdit, "portal.url")
    note = dialog.findChild(QLabel, "not_enrolled")
    assert address is not None and not address.isEnabled()
    assert note is not None and "chưa ghi danh" in note.text()


def test_an_officer_cannot_open_the_settings(qtbot: QtBot, desk: Desk, officer: Actor) -> None:
    window = window_for(qtbot, desk, officer)
    assert window.show_settings() is None
    assert window.findChild(SettingsDialog) is None
    box = window.findChild(QMessageBox, "error_dialog")
    assert box is not None and box.isVisible()
    assert "Chỉ quản trị hệ thống được mở Cài đặt" in box.informativeText()
    box.close()
