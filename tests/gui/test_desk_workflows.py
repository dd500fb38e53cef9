"""The officer's workflows through the real desk window (offscreen Qt, real SQLite file):
scan a code, check papers, accept / request supplement / refuse, check originals at
return with a supervisor's override, level-4 signatures, the idle lock."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QPushButton, QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.core.checks import OriginalVerdict, PaperVerdict
from desktop.core.lifecycle import DossierState
from desktop.services.context import Actor, Desk
from desktop.services.dossier_view import dossier_detail
from desktop.store.models import ActRow, AuditEntry, Dossier, OutboxEvent
from desktop.ui.decisions import NoticeDialog
from desktop.ui.dossier_models import ChecksModel, TimelineModel
from desktop.ui.dossier_view import DossierView
from desktop.ui.main_window import MainWindow
from desktop.ui.originals import OriginalsDialog
from desktop.ui.workers import InlineWorkers, PoolWorkers
from tests.conftest import PASSWORDS
from tests.gui.desk_helpers import dossier_with_scans, with_result


@pytest.fixture
def window(qtbot: QtBot, desk: Desk, officer: Actor) -> MainWindow:
    w = MainWindow(desk, officer, "UBND xã Tam Đường", InlineWorkers())
    qtbot.addWidget(w)
    w.resize(1280, 760)
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    return w


def state_of(desk: Desk, dossier_id: str) -> DossierState:
    with desk.store.read() as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None
        return DossierState(d.state)


def scan(qtbot: QtBot, target: object, text: str) -> None:
    """Keys as fast as a barcode scanner types them, then Enter."""
    qtbot.keyClicks(target, text)  # type: ignore[arg-type]
    qtbot.keyClick(target, Qt.Key.Key_Return)  # type: ignore[arg-type]


def open_by_scanning(qtbot: QtBot, window: MainWindow, code: str) -> DossierView:
    window.table.setFocus()
    scan(qtbot, window.table, code)
    view = window.tabs.currentWidget()
    assert isinstance(view, DossierView) and view.detail is not None
    assert view.detail.code == code
    return view


def type_note(qtbot: QtBot, table: QTableView, text: str) -> None:
    """Type into the note the checklist opened for editing, then Enter."""
    editor = table.viewport().findChild(QLineEdit)
    assert editor is not None and editor.isVisible(), "the note did not open for typing"
    editor.insert(text)  # Vietnamese arrives composed by the input method, not as key codes
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not editor.isVisible())  # the view commits it on its next turn


def confirm(qtbot: QtBot, view: DossierView) -> NoticeDialog:
    dialog = view.dialog
    assert isinstance(dialog, NoticeDialog)
    qtbot.waitExposed(dialog)
    return dialog


def test_scanning_a_code_opens_the_dossier_from_any_screen(
    qtbot: QtBot, window: MainWindow, desk: Desk
) -> None:
    d = dossier_with_scans(desk)
    window.show_queue()
    # Scanned while the cursor is in the search box: the dossier opens, the box stays clean.
    window.search.setFocus()
    scan(qtbot, window.search, d.dossier_code)
    view = window.tabs.currentWidget()
    assert isinstance(view, DossierView) and view.dossier_id == d.dossier_id
    assert window.search.text() == ""
    # A printed paper's QR code (MC1|kind|number|dossier|…) opens it too, from the dossier tab.
    window.close_current_tab()
    window.tabs.setCurrentIndex(0)
    window.table.setFocus()
    scan(qtbot, window.table, f"MC1|R|0000012|{d.dossier_code}|x|y")
    assert isinstance(window.tabs.currentWidget(), DossierView)
    # A name typed fast is still a search, not a scan.
    window.close_current_tab()
    window.search.setFocus()
    scan(qtbot, window.search, "nguyen van anh")
    assert window.tabs.currentIndex() == 0 and window.model.rowCount() >= 1
    assert window.search.text() == "nguyen van anh"


def test_mark_papers_then_accept_writes_state_audit_and_outbox(
    qtbot: QtBot, window: MainWindow, desk: Desk
) -> None:
    d = dossier_with_scans(desk)
    view = open_by_scanning(qtbot, window, d.dossier_code)
    assert view.model is not None and view.model.rowCount() == 4
    assert view.buttons[next(iter(view.buttons))].isVisible()
    # The first paper's PDF is on screen beside the checklist.
    qtbot.waitUntil(lambda: view.viewer.shown_image() is not None)
    assert view.viewer.pages == 1
    view.checklist.setFocus()
    for row in range(view.model.rowCount()):
        view.checklist.setCurrentIndex(view.model.index(row, 0))
        qtbot.keyClick(view.checklist, Qt.Key.Key_1)
    assert {view.model.verdict(r) for r in range(4)} == {PaperVerdict.PRESENT}
    qtbot.keyClick(view.checklist, Qt.Key.Key_F2)
    dialog = confirm(qtbot, view)
    notice = dialog.findChild(QPlainTextEdit, "notice")
    assert notice is not None and "đã được tiếp nhận" in notice.toPlainText()
    assert "Thời gian hẹn trả kết quả" in notice.toPlainText()
    shown = notice.toPlainText()
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert state_of(desk, d.dossier_id) is DossierState.ACCEPTED
    with desk.store.read() as s:
        act = s.scalars(select(ActRow).where(ActRow.dossier_id == d.dossier_id,
                                             ActRow.act == "accept")).one()  # fmt: skip
        audit = s.scalars(select(AuditEntry).where(AuditEntry.action == "dossier.accept",
                                                   AuditEntry.subject == d.dossier_code)).one()
        event = s.scalars(select(OutboxEvent).where(OutboxEvent.dossier_id == d.dossier_id)
                          .order_by(OutboxEvent.id.desc())).first()  # fmt: skip
    assert act.payload["notice"] == shown  # what the officer saw is what was recorded
    assert audit.officer_id is not None
    assert event is not None and event.body["act"] == "accept" and event.status == "pending"
    # The view reloaded: the timeline shows the act and the deadline counts working days.
    assert view.timeline_model is not None and view.timeline_model.rowCount() == 2
    deadline = view.findChild(QLabel, "deadline")
    assert deadline is not None and "còn 5 ngày làm việc" in deadline.text()


def test_request_supplement_is_prefilled_from_the_marked_papers(
    qtbot: QtBot, window: MainWindow, desk: Desk
) -> None:
    d = dossier_with_scans(desk)
    view = open_by_scanning(qtbot, window, d.dossier_code)
    assert view.model is not None
    view.checklist.setFocus()
    view.checklist.setCurrentIndex(view.model.index(1, 0))
    qtbot.keyClick(view.checklist, Qt.Key.Key_2)  # missing
    view.checklist.setCurrentIndex(view.model.index(2, 0))
    qtbot.keyClick(view.checklist, Qt.Key.Key_3)  # wrong: the note opens for typing
    type_note(qtbot, view.checklist, "Bản photo mờ")
    assert view.model.note(2) == "Bản photo mờ"
    # Accepting with papers missing is refused with the reason, nothing written.
    qtbot.keyClick(view.checklist, Qt.Key.Key_F2)
    dialog = confirm(qtbot, view)
    dialog.try_perform()
    error = dialog.findChild(QLabel, "error")
    assert error is not None and "chưa đủ điều kiện tiếp nhận" in error.text()
    dialog.reject()
    assert state_of(desk, d.dossier_id) is DossierState.SUBMITTED
    qtbot.keyClick(view.checklist, Qt.Key.Key_F3)
    dialog = confirm(qtbot, view)
    text = dialog.notice.toPlainText()
    names = [view.model.items[1].name, view.model.items[2].name]
    assert f"- {names[0]}: còn thiếu" in text
    assert f"- {names[1]}: chưa đúng, cần sửa (Bản photo mờ)" in text
    assert view.model.items[0].name not in text  # present papers are not asked for
    dialog.confirm.click()
    assert state_of(desk, d.dossier_id) is DossierState.SUPPLEMENT_REQUESTED


def test_refuse_without_a_reason_is_blocked(qtbot: QtBot, window: MainWindow, desk: Desk) -> None:
    d = dossier_with_scans(desk)
    view = open_by_scanning(qtbot, window, d.dossier_code)
    qtbot.keyClick(view.checklist, Qt.Key.Key_F4)
    dialog = confirm(qtbot, view)
    assert not dialog.confirm.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible() and "Phải nhập lý do" in dialog.error.text()
    assert state_of(desk, d.dossier_id) is DossierState.SUBMITTED
    assert dialog.reason is not None
    dialog.reason.insertPlainText("Thủ tục không thuộc thẩm quyền của UBND xã")
    assert "không được tiếp nhận" in dialog.notice.toPlainText()
    assert "thẩm quyền" in dialog.notice.toPlainText()
    qtbot.keyClick(dialog, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert state_of(desk, d.dossier_id) is DossierState.REFUSED


def test_a_differing_original_blocks_the_return_until_a_supervisor_overrides(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor, supervisor: Actor
) -> None:
    dossier_id = with_result(desk, officer)
    view = window.open_dossier(dossier_id)
    qtbot.keyClick(view.checklist, Qt.Key.Key_F9)
    dialog = view.dialog
    assert isinstance(dialog, OriginalsDialog)
    # The online scan is open beside the choices.
    qtbot.waitUntil(lambda: dialog.viewer.shown_image() is not None)
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(1, 0))
    qtbot.keyClick(dialog.table, Qt.Key.Key_2)  # differs: the note opens
    type_note(qtbot, dialog.table, "Sai năm sinh so với bản điện tử")
    assert dialog.model.verdict(1) is OriginalVerdict.DIFFERS
    qtbot.waitUntil(lambda: dialog.viewer.title.text().startswith("2."))
    assert dialog.viewer.pages == 3  # the 3-page scan of the second paper
    dialog.give.click()  # the forms are not signed yet, nor the fee paid
    assert "chưa ký" in dialog.error.text() and not dialog.override_box.isVisible()
    dialog.signed.setChecked(True)
    dialog.give.click()
    assert "còn phải nộp 5.000 đồng" in dialog.error.text()
    dialog.collect.click()  # cash at the desk: a receipt from the desk's block
    assert "Đã thu 5.000 đồng" in dialog.error.text() and not dialog.collect.isVisible()
    offer = dialog.receipt_offer  # its receipt, offered to print (test_paper_offers)
    assert offer is not None and offer.paper is not None and offer.paper.dossier_code
    offer.reject()  # Để sau
    dialog.give.click()
    assert "Cần lãnh đạo bộ phận cho phép" in dialog.error.text()
    assert dialog.override_box.isVisible() and dialog.isVisible()
    assert state_of(desk, dossier_id) is DossierState.RESULT_READY
    # A wrong password does not override.
    qtbot.keyClicks(dialog.supervisor, "lanhdao")
    qtbot.keyClicks(dialog.password, "sai-mat-khau")
    dialog.reason.insert("Đã xác minh với nơi cấp")
    dialog.findChild(QPushButton, "allow").click()  # type: ignore[union-attr]
    assert state_of(desk, dossier_id) is DossierState.RESULT_READY
    qtbot.keyClicks(dialog.password, PASSWORDS["lanhdao"])
    dialog.findChild(QPushButton, "allow").click()  # type: ignore[union-attr]
    assert state_of(desk, dossier_id) is DossierState.RETURNED_IN_PERSON
    with desk.store.read() as s:
        override = s.scalars(select(AuditEntry).where(
            AuditEntry.action == "dossier.originals_override")).one()  # fmt: skip
    assert override.officer_id == supervisor.officer_id
    assert override.after is not None and override.after["reason"] == "Đã xác minh với nơi cấp"


def unsigned_form() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(72, 720, "To khai - chua ky so")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_an_unsigned_level4_dossier_is_shown_as_level3(
    qtbot: QtBot, window: MainWindow, desk: Desk
) -> None:
    d = dossier_with_scans(desk, procedure="MAU-HT-001", level=4, form=unsigned_form())
    view = window.open_dossier(d.dossier_id)
    qtbot.waitUntil(lambda: view.signatures is not None)
    assert view.signatures is not None and view.signatures.effective_level == 3
    note = view.findChild(QLabel, "signatures")
    assert note is not None
    assert "xử lý như mức độ 3" in note.text() and "Chưa ký số" in note.text()


def test_scan_viewer_pages_zoom_and_rotation(qtbot: QtBot, window: MainWindow, desk: Desk) -> None:
    d = dossier_with_scans(desk)
    view = window.open_dossier(d.dossier_id)
    assert view.model is not None
    view.checklist.selectRow(1)  # the 3-page PDF
    viewer = view.viewer
    qtbot.waitUntil(lambda: viewer.pages == 3)
    first = viewer.shown_image()
    assert first is not None and not first.isNull()
    viewer.next_page()
    viewer.next_page()
    viewer.next_page()  # past the end: stays on the last page
    assert viewer.page == 3
    width = viewer.shown_image().width()  # type: ignore[union-attr]
    viewer.zoom_in()
    assert viewer.shown_image().width() > width  # type: ignore[union-attr]
    viewer.rotate()
    pixmap = viewer.picture.pixmap()
    assert viewer.rotation == 90 and pixmap.width() < pixmap.height() * 2
    assert pixmap.width() == viewer.shown_image().height()  # type: ignore[union-attr]
    view.checklist.selectRow(2)  # a photo
    qtbot.waitUntil(lambda: viewer.title.text().startswith("3."))
    assert viewer.pages == 1 and viewer.shown_image() is not None


def test_idle_desk_locks_and_only_its_officer_or_a_supervisor_unlocks(
    qtbot: QtBot, desk: Desk, officer: Actor
) -> None:
    w = MainWindow(desk, officer, "UBND xã Tam Đường", InlineWorkers(), idle_minutes=0.001)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.locked, timeout=3000)
    page = w.lock_page
    page.username.setText("canbo")
    qtbot.keyClicks(page.password, "sai")
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert w.locked and "Sai tên đăng nhập hoặc mật khẩu" in page.error.text()
    w.idle.timer.stop()
    qtbot.keyClicks(page.password, PASSWORDS["canbo"])
    qtbot.keyClick(page.password, Qt.Key.Key_Return)
    assert not w.locked


def test_the_window_works_with_real_worker_threads(
    qtbot: QtBot, desk: Desk, officer: Actor
) -> None:
    for _ in range(3):
        dossier_with_scans(desk)
    w = MainWindow(desk, officer, "UBND xã Tam Đường", PoolWorkers())
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.model.rowCount() == 3 and "Mới nộp: <b>3</b>" in w.counters.text())
    view = w.open_dossier(w.model.dossier_id(0))
    qtbot.waitUntil(lambda: view.detail is not None and view.viewer.shown_image() is not None)


def test_models_pass_the_model_tester(qtmodeltester: ModelTester, desk: Desk,
                                      officer: Actor) -> None:  # fmt: skip
    d = dossier_with_scans(desk)
    detail = dossier_detail(desk, officer, d.dossier_id)
    checks: ChecksModel[PaperVerdict] = ChecksModel(
        detail.checklist, PaperVerdict, lambda _i: PaperVerdict.PRESENT, PaperVerdict.PRESENT)
    qtmodeltester.check(checks)
    assert checks.setData(checks.index(0, ChecksModel.VERDICT), "wrong")
    assert not checks.setData(checks.index(0, ChecksModel.VERDICT), "không-có")
    assert not checks.setData(checks.index(0, 1), "đổi tên")  # the paper's name is not edited
    qtmodeltester.check(checks)
    timeline = TimelineModel(detail.timeline, desk.calendar.tz)
    qtmodeltester.check(timeline)
    assert timeline.index(0, 1).data() == "Nhận hồ sơ trực tuyến"
