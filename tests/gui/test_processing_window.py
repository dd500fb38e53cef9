"""From acceptance to the result through the real desk window (offscreen Qt, real SQLite):
the handover batch with its Mẫu 05, the supervisor's deadline view, and the processing acts
of the dossier view — hand on, supplement with the clock paused and resumed, result with
its document number, refusal document with its signer, apology and re-appointment with
Mẫu 04, withdrawal with the refund, complaints and feedback."""

from __future__ import annotations

import subprocess
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
)
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.core.calendar import Due
from desktop.core.calendar import Session as DaySession
from desktop.core.checks import notice_late
from desktop.core.lifecycle import Act, DossierState
from desktop.services import dossiers as acts
from desktop.services import fees, processing
from desktop.services.context import Actor, Desk
from desktop.services.deadlines import AT_RECEPTION, Bucket, deadline_rows, deadline_summary
from desktop.services.demo import ManualClock
from desktop.services.dossier_view import dossier_detail
from desktop.services.sessions import WorkSession, record_pickup
from desktop.store.models import ActRow, AuditEntry, Dossier, Officer, Payment
from desktop.ui.deadlines import BUCKET_COLOURS, BUCKET_ROLE, DeadlinesModel, SummaryModel
from desktop.ui.decisions import NoticeDialog
from desktop.ui.dossier_view import DossierView
from desktop.ui.forms import FormDialog
from desktop.ui.handover import HandoverBatchDialog, HandoverModel, accepted_dossiers
from desktop.ui.main_window import SHORTCUTS, MainWindow
from desktop.ui.workers import InlineWorkers
from tests.conftest import PASSWORDS, T0
from tests.gui.desk_helpers import dossier_with_scans

JUSTICE = "Công chức Tư pháp - Hộ tịch cấp xã"  # MAU-HT-004's department
RECORDS = "Phòng Hành chính tư pháp - Sở Tư pháp"
CTRL = Qt.KeyboardModifier.ControlModifier
W = TypeVar("W")
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def at(day: int, hour: int = 8, minute: int = 0) -> datetime:
    """A moment of March 2026 in the office's zone (2 March is a Monday)."""
    return datetime.combine(date(2026, 3, day), time(hour, minute), T0.tzinfo)


def clock_of(desk: Desk) -> ManualClock:
    assert isinstance(desk.clock, ManualClock)
    return desk.clock


def open_window(qtbot: QtBot, desk: Desk, actor: Actor) -> MainWindow:
    w = MainWindow(desk, actor, "UBND xã Tam Đường", InlineWorkers())
    qtbot.addWidget(w)
    w.resize(1280, 760)
    w.show()
    w.activateWindow()
    qtbot.waitExposed(w)
    qtbot.waitUntil(w.isActiveWindow)  # the window's own keys (F7, F10) need it active
    return w


@pytest.fixture
def window(qtbot: QtBot, desk: Desk, officer: Actor) -> MainWindow:
    return open_window(qtbot, desk, officer)


def state_of(desk: Desk, dossier_id: str) -> DossierState:
    with desk.store.read() as s:
        d = s.get(Dossier, dossier_id)
        assert d is not None
        return DossierState(d.state)


def last_act(desk: Desk, dossier_id: str, act: Act) -> ActRow:
    with desk.store.read() as s:
        row = s.scalars(select(ActRow).where(ActRow.dossier_id == dossier_id,
                                             ActRow.act == act.value)
                        .order_by(ActRow.version.desc())).first()  # fmt: skip
    assert row is not None, f"no {act} recorded"
    return row


def accepted(desk: Desk, officer: Actor, procedure: str = "MAU-HT-004") -> str:
    d = dossier_with_scans(desk, procedure)
    acts.accept_dossier(desk, officer, d.dossier_id)
    return d.dossier_id


def in_processing(desk: Desk, officer: Actor, days: float | None = None) -> str:
    dossier_id = accepted(desk, officer)
    processing.hand_over_batch(desk, officer, [dossier_id], JUSTICE, "Lò Thị Hoa", days)
    return dossier_id


def open_view(qtbot: QtBot, window: MainWindow, dossier_id: str) -> DossierView:
    view = window.open_dossier(dossier_id)
    assert view.detail is not None
    view.checklist.setFocus()
    return view


def form(qtbot: QtBot, view: DossierView) -> FormDialog:
    dialog = view.dialog
    assert isinstance(dialog, FormDialog), dialog
    qtbot.waitExposed(dialog)
    return dialog


def field(dialog: FormDialog, name: str, kind: type[W]) -> W:
    widget = dialog.fields[name]
    assert isinstance(widget, kind)
    return widget


def confirm(qtbot: QtBot, dialog: object) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_Return, CTRL)  # type: ignore[arg-type]


def pdf_text(pdf: Path, layout: bool = True) -> str:
    """The PDF's text as laid out, or in drawing order (a table cell's lines together)."""
    return subprocess.run(["pdftotext", "-layout" if layout else "-raw", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout  # fmt: skip


# --- the handover batch ---------------------------------------------------------------------------


def test_a_handover_batch_chosen_with_keys_then_printed(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    ids = [accepted(desk, officer) for _ in range(3)]
    window.show_queue()
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F10)
    dialog = window.handover
    assert isinstance(dialog, HandoverBatchDialog)
    qtbot.waitExposed(dialog)
    assert dialog.model.rowCount() == 3 and {d.id for d in dialog.model.dossiers} == set(ids)
    table = dialog.table
    table.setFocus()
    table.setCurrentIndex(dialog.model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_A, CTRL)  # all …
    assert len(dialog.model.checked()) == 3 and "3 / 3" in dialog.chosen.text()
    qtbot.keyClick(table, Qt.Key.Key_A, CTRL)  # … and, again, none
    assert dialog.model.checked() == []
    qtbot.keyClick(table, Qt.Key.Key_Space)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Space)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    chosen = [d.id for d in dialog.model.checked()]
    assert chosen == [dialog.model.dossiers[0].id, dialog.model.dossiers[1].id]
    left = dialog.model.dossiers[2].id
    assert dialog.model.index(0, 0).data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    # The department comes from the procedure of the chosen dossiers.
    assert dialog.department.currentText() == JUSTICE
    # Without a receiver nothing is written, and the service says why.
    confirm(qtbot, table)
    assert "người nhận" in dialog.error.text() and dialog.batch is None
    dialog.receiver.setText("Lò Thị Hoa, công chức tư pháp")
    dialog.days.setValue(2)
    confirm(qtbot, table)
    batch = dialog.batch
    assert batch is not None and dialog.error.text() == ""
    assert batch.department == JUSTICE and len(batch.dossier_codes) == 2
    for dossier_id in chosen:
        assert state_of(desk, dossier_id) is DossierState.IN_PROCESSING
        payload = last_act(desk, dossier_id, Act.HAND_OVER).payload
        assert payload["batch_id"] == batch.id and payload["allotted_days"] == 2
        assert payload["receiver"] == "Lò Thị Hoa, công chức tư pháp"
    assert state_of(desk, left) is DossierState.ACCEPTED
    assert [d.id for d in dialog.model.dossiers] == [left]  # what is left to hand over
    assert window.model.rowCount() == 3  # the queue was refreshed (all three still open)
    # Ctrl+P: Mẫu 05 of both dossiers in one PDF, offered to print (here: to a PDF file).
    assert dialog.print_button.isEnabled()
    qtbot.keyClick(dialog.print_button, Qt.Key.Key_P, CTRL)
    offer = dialog.offer
    assert offer is not None and offer.paper is not None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "ban-giao.pdf"))
    with qtbot.waitSignal(offer.printed, timeout=60_000):
        offer.print_paper(printer)
    text = pdf_text(tmp_path / "ban-giao.pdf")
    for code in batch.dossier_codes:
        assert code in text
    # In drawing order, a table cell's lines in sequence (its wrap depends on the font).
    printed = subprocess.run(["pdftotext", str(tmp_path / "ban-giao.pdf"), "-"],
                             capture_output=True, text=True, check=True).stdout  # fmt: skip
    flat = " ".join(printed.split())
    assert "Lò Thị Hoa" in flat and "PHIẾU KIỂM SOÁT" in text
    dialog.reject()


def test_the_dossier_open_in_the_current_tab_is_checked_for_the_handover(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor
) -> None:
    first, second = accepted(desk, officer), accepted(desk, officer)
    view = open_view(qtbot, window, second)
    qtbot.keyClick(view.checklist, Qt.Key.Key_F10)
    dialog = window.handover
    assert dialog is not None
    assert [d.id for d in dialog.model.checked()] == [second]
    assert first in {d.id for d in dialog.model.dossiers}
    dialog.reject()
    assert window.handover is None


def test_a_locked_desk_opens_neither_the_handover_nor_the_deadlines(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor
) -> None:
    accepted(desk, officer)
    window.lock()
    qtbot.keyClick(window.lock_page.password, Qt.Key.Key_F10)
    qtbot.keyClick(window.lock_page.password, Qt.Key.Key_F7)
    assert window.locked and window.handover is None and window.deadlines is None


# --- the supervisor's deadline view -------------------------------------------------------------


def deadlines_setup(desk: Desk, officer: Actor) -> dict[Bucket, str]:
    """One dossier in each bucket on Monday 9 March 2026, 09:00; pickups made in every
    session since the 3rd but Thursday afternoon's."""
    clock = clock_of(desk)
    clock.now = at(2)
    overdue = accepted(desk, officer)  # due on the 9th, but its step (1 day) on the 3rd
    processing.hand_over_batch(desk, officer, [overdue], JUSTICE, "Lò Thị Hoa", 1)
    today = accepted(desk, officer)  # due on the 9th, still at reception
    clock.now = at(4)
    soon = accepted(desk, officer)  # due on the 11th
    processing.hand_over_batch(desk, officer, [soon], RECORDS, "Vàng Văn Sử")
    paused = in_processing(desk, officer)
    acts.request_payment(desk, officer, paused, "Nộp lệ phí trước bạ", 150_000)
    clock.now = at(9, 8)
    later = accepted(desk, officer, "MAU-LLTP-001")  # 10 working days
    for day in range(3, 10):
        if desk.calendar.is_working_day(date(2026, 3, day)):
            for session in DaySession:
                if (day, session) != (5, DaySession.AFTERNOON):
                    record_pickup(desk, officer, WorkSession(date(2026, 3, day), session), True, 0)
    clock.now = at(9, 9)
    return {Bucket.OVERDUE: overdue, Bucket.TODAY: today, Bucket.SOON: soon,
            Bucket.LATER: later, Bucket.PAUSED: paused}  # fmt: skip


def test_the_supervisors_deadline_view(
    qtbot: QtBot, desk: Desk, officer: Actor, supervisor: Actor
) -> None:
    expected = deadlines_setup(desk, officer)
    # Two citizens' ratings and one complaint still open: counted for the supervisor.
    processing.record_feedback(desk, officer, expected[Bucket.LATER], "satisfied")
    processing.record_feedback(desk, officer, expected[Bucket.SOON], "unsatisfied", "Chờ lâu")
    processing.record_complaint(desk, officer, expected[Bucket.SOON], "reflection", "Chậm")
    window = open_window(qtbot, desk, supervisor)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_F7)
    panel = window.deadlines
    assert panel is not None and window.tabs.currentWidget() is panel
    model = panel.model
    # Most urgent first, each row in its bucket's colours with the bucket's words.
    assert [r.dossier_id for r in model.rows] == [expected[b] for b in (
        Bucket.OVERDUE, Bucket.TODAY, Bucket.SOON, Bucket.LATER, Bucket.PAUSED)]  # fmt: skip
    for row, r in enumerate(model.rows):
        standing = model.index(row, DeadlinesModel.STANDING)
        assert standing.data() == r.bucket.label_vi
        assert standing.data(BUCKET_ROLE) == r.bucket.value
        background = standing.data(Qt.ItemDataRole.BackgroundRole)
        if r.bucket in BUCKET_COLOURS:
            assert background.color().name() == BUCKET_COLOURS[r.bucket][1]
            foreground = standing.data(Qt.ItemDataRole.ForegroundRole).color().name()
            assert foreground == BUCKET_COLOURS[r.bucket][0]
        else:
            assert background is None
    red, orange = (BUCKET_COLOURS[b][0] for b in (Bucket.OVERDUE, Bucket.TODAY))
    assert (red, orange) == ("#b3261e", "#c75000")
    first = [model.index(0, c).data() for c in range(model.columnCount())]
    assert first[3] == JUSTICE and first[7] == "Quá hạn"
    assert first[4].startswith("03/03/2026")  # the step's due date (one working day)
    assert first[5].startswith("09/03/2026") and int(first[6]) <= 0
    assert model.index(1, 3).data() == AT_RECEPTION
    assert model.index(2, 6).data() == "2"  # due on the 11th: two working days left
    assert model.index(4, 6).data() == ""  # the clock stands still while paused
    # Counted per department, with the office's total.
    summary = panel.summary
    assert summary.count(JUSTICE, Bucket.OVERDUE) == 1
    assert summary.count(JUSTICE, Bucket.PAUSED) == 1
    assert summary.count(AT_RECEPTION, Bucket.TODAY) == 1
    assert summary.count(AT_RECEPTION, Bucket.LATER) == 1
    assert summary.count(RECORDS, Bucket.SOON) == 1
    assert summary.count("Toàn cơ quan", Bucket.OVERDUE) == 1
    total = summary.index(summary.rowCount() - 1, summary.columnCount() - 1)
    assert total.data() == "5"
    # Filters: by the department holding the dossier, then by standing.
    panel.department_filter.setCurrentIndex(panel.department_filter.findData(RECORDS))
    assert [r.dossier_id for r in model.rows] == [expected[Bucket.SOON]]
    panel.department_filter.setCurrentIndex(0)
    panel.bucket_filter.setCurrentIndex(panel.bucket_filter.findData(Bucket.PAUSED.value))
    assert [r.dossier_id for r in model.rows] == [expected[Bucket.PAUSED]]
    assert "1 / 5" in panel.shown_count.text()
    panel.bucket_filter.setCurrentIndex(0)
    # The one session nobody checked the portal in (Đ12.8).
    missed = panel.missed_note.text()
    assert "buổi chiều 05/03/2026" in missed and "buổi sáng 05/03/2026" not in missed
    assert [s.label_vi() for s in panel.missed] == ["buổi chiều 05/03/2026"]
    feedback = panel.feedback_note.text()
    assert "hài lòng: <b>1</b>" in feedback and "không hài lòng: <b>1</b>" in feedback
    assert "bình thường: <b>0</b>" in feedback and "chưa giải quyết (Đ16): <b>1</b>" in feedback
    # Enter opens the selected dossier.
    panel.table.setFocus()
    panel.table.setCurrentIndex(model.index(1, 0))
    qtbot.keyClick(panel.table, Qt.Key.Key_Return)
    view = window.tabs.currentWidget()
    assert isinstance(view, DossierView) and view.dossier_id == expected[Bucket.TODAY]
    # An act elsewhere refreshes the view: the dossier due today is handed over.
    processing.hand_over_batch(desk, officer, [expected[Bucket.TODAY]], RECORDS, "Vàng Văn Sử")
    window.operations.changed.emit(view.dossier_id)
    assert panel.summary.count(RECORDS, Bucket.TODAY) == 1


# --- the processing acts in the dossier view ----------------------------------------------------


def test_hand_on_to_another_department(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor
) -> None:
    dossier_id = in_processing(desk, officer)
    view = open_view(qtbot, window, dossier_id)
    assert view.buttons[Act.HAND_ON].isVisible() and not view.buttons[Act.ACCEPT].isVisible()
    qtbot.keyClick(view.checklist, Qt.Key.Key_T, CTRL_SHIFT)
    dialog = form(qtbot, view)
    department = field(dialog, "department", QComboBox)
    assert department.isEditable() and department.findText(JUSTICE) >= 0
    department.setCurrentText(JUSTICE)  # the department holding it: refused, said as it is
    confirm(qtbot, dialog)
    assert f"đang ở {JUSTICE}" in dialog.error.text() and dialog.isVisible()
    department.setCurrentText(RECORDS)
    field(dialog, "receiver", QLineEdit).setText("Vàng Văn Sử")
    field(dialog, "days", QDoubleSpinBox).setValue(3)
    field(dialog, "note", QPlainTextEdit).insertPlainText("Cần xác minh lý lịch")
    confirm(qtbot, dialog)
    assert view.dialog is None and state_of(desk, dossier_id) is DossierState.IN_PROCESSING
    payload = last_act(desk, dossier_id, Act.HAND_ON).payload
    assert payload["department"] == RECORDS and payload["receiver"] == "Vàng Văn Sử"
    assert payload["step"]["department"] == JUSTICE and payload["allotted_days"] == 3
    (row,) = deadline_rows(desk, officer)
    assert row.department == RECORDS and row.step_due is not None
    assert view.timeline_model is not None
    assert view.timeline_model.entries[-1].act is Act.HAND_ON


def test_supplement_during_processing_pauses_then_resumes_the_clock(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor
) -> None:
    dossier_id = in_processing(desk, officer)
    due_before = dossier_detail(desk, officer, dossier_id).due
    view = open_view(qtbot, window, dossier_id)
    assert view.model is not None
    view.checklist.setCurrentIndex(view.model.index(1, 0))
    qtbot.keyClick(view.checklist, Qt.Key.Key_2)  # missing
    qtbot.keyClick(view.checklist, Qt.Key.Key_F3)
    dialog = view.dialog
    assert isinstance(dialog, NoticeDialog)
    notice = dialog.notice.toPlainText()
    assert f"- {view.model.items[1].name}: còn thiếu" in notice and "tạm dừng" in notice
    confirm(qtbot, dialog)
    assert state_of(desk, dossier_id) is DossierState.SUPPLEMENT_IN_PROCESSING
    assert last_act(desk, dossier_id, Act.REQUEST_SUPPLEMENT).payload["paused"] is True
    assert view.buttons[Act.RECORD_SUPPLEMENT].isVisible()
    offer = view.offer  # the supplement request, offered to print
    assert offer is not None and offer.paper is not None and view.detail is not None
    assert offer.paper.form == "M02" and offer.paper.dossier_code == view.detail.code
    offer.reject()
    clock_of(desk).now = T0 + timedelta(days=1)  # a working day spent waiting
    qtbot.keyClick(view.checklist, Qt.Key.Key_F6)
    dialog = view.dialog
    assert isinstance(dialog, NoticeDialog) and dialog.reason is not None
    dialog.reason.insertPlainText("Bản sao giấy khai sinh")
    assert "tiếp tục" in dialog.notice.toPlainText()
    confirm(qtbot, dialog)
    assert state_of(desk, dossier_id) is DossierState.IN_PROCESSING
    due_after = dossier_detail(desk, officer, dossier_id).due
    assert due_before is not None and due_after is not None
    assert due_after.deadline > due_before.deadline
    assert last_act(desk, dossier_id, Act.RECORD_SUPPLEMENT).payload["extended_by_sessions"] > 0


def test_result_with_its_document_number(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    dossier_id = in_processing(desk, officer)
    view = open_view(qtbot, window, dossier_id)
    qtbot.keyClick(view.checklist, Qt.Key.Key_F11)
    dialog = form(qtbot, view)
    confirm(qtbot, dialog)
    assert "Phải nhập số văn bản kết quả" in dialog.error.text()
    field(dialog, "document_number", QLineEdit).setText("Giấy khai sinh số 15/2026")
    field(dialog, "scan_file", QLineEdit).setText(str(tmp_path / "khong-co.pdf"))
    confirm(qtbot, dialog)
    assert "Không đọc được tệp" in dialog.error.text()
    assert state_of(desk, dossier_id) is DossierState.IN_PROCESSING
    field(dialog, "scan_file", QLineEdit).clear()  # the scan is optional
    confirm(qtbot, dialog)
    assert state_of(desk, dossier_id) is DossierState.RESULT_READY
    payload = last_act(desk, dossier_id, Act.RECORD_RESULT).payload
    assert payload["document_number"] == "Giấy khai sinh số 15/2026"
    assert payload["step"]["department"] == JUSTICE and payload["timeliness"] == "early"
    # The view now offers the return, not the processing acts.
    assert view.buttons[Act.RETURN_IN_PERSON].isVisible()
    assert not view.buttons[Act.RECORD_RESULT].isVisible()


def test_deny_with_the_leaders_signature_shows_the_notice_recorded(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor
) -> None:
    dossier_id = in_processing(desk, officer)
    view = open_view(qtbot, window, dossier_id)
    qtbot.keyClick(view.checklist, Qt.Key.Key_F12)
    dialog = form(qtbot, view)
    assert "Điền đủ" in dialog.notice.toPlainText()
    field(dialog, "reason", QPlainTextEdit).insertPlainText("Người yêu cầu không cư trú tại xã")
    field(dialog, "document_number", QLineEdit).setText("25/UBND-TP")
    field(dialog, "signer", QLineEdit).setText("Phó Chủ tịch Giàng A Páo")
    shown = dialog.notice.toPlainText()
    assert "không được giải quyết" in shown and "Giàng A Páo ký" in shown
    confirm(qtbot, dialog)
    assert state_of(desk, dossier_id) is DossierState.DENIED
    payload = last_act(desk, dossier_id, Act.DENY).payload
    assert payload["notice"] == shown and payload["signer"] == "Phó Chủ tịch Giàng A Páo"
    assert view.dialog is None  # nothing was paid: no refund to offer


def test_apology_and_reappointment_with_the_mau_04_notice_then_printed(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor
) -> None:
    dossier_id = in_processing(desk, officer)
    clock_of(desk).now = at(6, 9)  # due on the 9th at 11:30: the apology goes out the day before
    view = open_view(qtbot, window, dossier_id)
    assert view.detail is not None and view.detail.due is not None
    qtbot.keyClick(view.checklist, Qt.Key.Key_H, CTRL_SHIFT)
    dialog = form(qtbot, view)
    new_date = field(dialog, "new_date", QDateEdit)
    assert new_date.date().toPython() == date(2026, 3, 12)  # three working days on
    new_date.setDate(date(2026, 3, 14))  # a Saturday
    reason = field(dialog, "reason", QPlainTextEdit)
    reason.insertPlainText("Cần xác minh thêm với nơi đăng ký khai sinh trước đây")
    assert "không phải ngày làm việc" in dialog.error.text()
    new_date.setDate(date(2026, 3, 16))
    due = Due(date(2026, 3, 16), DaySession.AFTERNOON, at(16, 17))
    shown = dialog.notice.toPlainText()
    assert shown == notice_late(view.detail.code, view.detail.applicant_name,
                                reason.toPlainText(), due)  # fmt: skip
    assert "xin lỗi" in shown and "17:00 buổi chiều 16/03/2026" in shown
    confirm(qtbot, dialog)
    assert state_of(desk, dossier_id) is DossierState.REAPPOINTED
    assert last_act(desk, dossier_id, Act.REAPPOINT).payload["notice"] == shown
    # Then Mẫu 04 is offered, to print at once (printing it: test_paper_offers).
    offer = view.offer
    assert offer is not None and offer.paper is not None
    assert offer.paper.form == "M04" and view.dialog is None
    offer.reject()  # Để sau
    # Once is the desk's limit: the button stays in sight, greyed, saying why; its keys do
    # nothing.
    view.reload()
    assert (
        "Hẹn trả khi tiếp nhận: 11:30 buổi sáng 09/03/2026; hẹn lại: 17:00 buổi chiều "
        "16/03/2026" in view.deadline.text()
    )
    button = view.buttons[Act.REAPPOINT]
    assert button.isVisible() and not button.isEnabled()
    assert "tối đa 1 lần" in button.toolTip()
    assert view.dialog is None
    qtbot.keyClick(view.checklist, Qt.Key.Key_H, CTRL_SHIFT)
    assert view.dialog is None


def test_withdrawal_after_payment_offers_the_refund(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor
) -> None:
    dossier_id = accepted(desk, officer)
    with desk.store.write() as s:
        fees.add_receipt_block(s, "khoi-rut", "01BLP0-001", "LC-26T", 1, 50, T0)
    paid = fees.collect_fee(desk, officer, dossier_id)
    view = open_view(qtbot, window, dossier_id)
    qtbot.keyClick(view.checklist, Qt.Key.Key_R, CTRL_SHIFT)
    dialog = form(qtbot, view)
    field(dialog, "reason", QPlainTextEdit).insertPlainText("Đã nộp hồ sơ tại nơi khác")
    confirm(qtbot, dialog)
    assert state_of(desk, dossier_id) is DossierState.WITHDRAWN
    refund = form(qtbot, view)
    assert "5.000 đồng" in refund.intro.text()
    reason = field(refund, "reason", QPlainTextEdit)
    assert "rút hồ sơ" in reason.toPlainText()  # said for the officer, who may change it
    confirm(qtbot, refund)
    assert view.dialog is None
    assert processing.refundable_payments(desk, officer, dossier_id) == []
    with desk.store.read() as s:
        back = s.scalars(select(Payment).where(Payment.refund_of == paid.payment_id)).one()
    assert back.amount == 5000 and "rút hồ sơ" in back.reason


def test_stop_without_payment_offers_no_refund(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor
) -> None:
    dossier_id = in_processing(desk, officer)
    view = open_view(qtbot, window, dossier_id)
    qtbot.keyClick(view.checklist, Qt.Key.Key_D, CTRL_SHIFT)
    dialog = form(qtbot, view)
    field(dialog, "reason", QPlainTextEdit).insertPlainText("Người yêu cầu đề nghị dừng")
    confirm(qtbot, dialog)
    assert state_of(desk, dossier_id) is DossierState.STOPPED and view.dialog is None


def test_payment_requested_then_confirmed(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor
) -> None:
    dossier_id = in_processing(desk, officer)
    view = open_view(qtbot, window, dossier_id)
    qtbot.keyClick(view.checklist, Qt.Key.Key_N, CTRL_SHIFT)
    dialog = form(qtbot, view)
    field(dialog, "reason", QLineEdit).setText("Lệ phí trước bạ")
    confirm(qtbot, dialog)
    assert "lớn hơn 0" in dialog.error.text()
    dialog.fields["amount"].setValue(150_000)  # type: ignore[attr-defined]
    confirm(qtbot, dialog)
    assert state_of(desk, dossier_id) is DossierState.PAYMENT_REQUESTED
    assert view.buttons[Act.CONFIRM_PAYMENT].isVisible()
    qtbot.keyClick(view.checklist, Qt.Key.Key_X, CTRL_SHIFT)
    dialog = form(qtbot, view)
    field(dialog, "reference", QLineEdit).setText("KBNN-00042")
    confirm(qtbot, dialog)
    assert state_of(desk, dossier_id) is DossierState.IN_PROCESSING


def test_complaint_resolution_and_feedback(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor
) -> None:
    dossier_id = in_processing(desk, officer)
    view = open_view(qtbot, window, dossier_id)
    assert not view.buttons[Act.RESOLVE_COMPLAINT].isVisible()  # nothing to resolve yet
    qtbot.keyClick(view.checklist, Qt.Key.Key_K, CTRL_SHIFT)
    dialog = form(qtbot, view)
    kind = field(dialog, "kind", QComboBox)
    kind.setCurrentIndex(kind.findData("reflection"))
    field(dialog, "content", QPlainTextEdit).insertPlainText("Chờ lâu ở quầy")
    confirm(qtbot, dialog)
    assert view.open_complaints and view.buttons[Act.RESOLVE_COMPLAINT].isVisible()
    qtbot.keyClick(view.checklist, Qt.Key.Key_Q, CTRL_SHIFT)
    dialog = form(qtbot, view)
    field(dialog, "resolution", QPlainTextEdit).insertPlainText("Đã bố trí thêm quầy")
    confirm(qtbot, dialog)
    assert processing.complaints(desk, officer, open_only=True) == []
    assert not view.buttons[Act.RESOLVE_COMPLAINT].isVisible()
    qtbot.keyClick(view.checklist, Qt.Key.Key_E, CTRL_SHIFT)
    dialog = form(qtbot, view)
    rating = field(dialog, "rating", QComboBox)
    rating.setCurrentIndex(rating.findData("satisfied"))
    confirm(qtbot, dialog)
    assert last_act(desk, dossier_id, Act.FEEDBACK).payload["rating"] == "satisfied"
    assert state_of(desk, dossier_id) is DossierState.IN_PROCESSING


def test_every_act_key_is_listed_in_the_shortcuts(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor
) -> None:
    view = open_view(qtbot, window, in_processing(desk, officer))
    listed = {keys for keys, _text in SHORTCUTS}
    for button in view.buttons.values():
        key = button.text().rsplit("(", 1)[1].rstrip(")")
        assert key in listed, button.text()
    assert {"F7", "F10"} <= listed


def test_new_models_pass_the_model_tester(
    qtmodeltester: ModelTester, desk: Desk, officer: Actor
) -> None:
    deadlines_setup(desk, officer)
    rows = deadline_rows(desk, officer)
    model = DeadlinesModel(rows, desk.calendar.tz)
    qtmodeltester.check(model)
    assert model.index(0, 0).data() == rows[0].code
    assert model.data(QModelIndex()) is None
    summary = SummaryModel()
    qtmodeltester.check(summary)
    summary.set_summary(deadline_summary(rows))
    qtmodeltester.check(summary)
    assert summary.rowCount() == 4  # three departments and the office
    handover = HandoverModel(desk.calendar.tz)
    handover.set_dossiers(accepted_dossiers(desk, officer))
    assert handover.rowCount() == 2  # the two dossiers still at reception
    qtmodeltester.check(handover)
    index = handover.index(0, 0)
    assert handover.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert handover.checked()
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert not handover.setData(handover.index(0, 1), Qt.CheckState.Checked,
                                Qt.ItemDataRole.CheckStateRole)  # fmt: skip
    qtmodeltester.check(handover)


def test_return_online_is_offered_and_says_why_a_level_3_dossier_cannot(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor
) -> None:
    dossier_id = in_processing(desk, officer)
    processing.record_result_document(desk, officer, dossier_id, "21/QĐ-UBND")
    view = open_view(qtbot, window, dossier_id)
    assert view.buttons[Act.RETURN_ONLINE].isVisible()
    qtbot.keyClick(view.checklist, Qt.Key.Key_O, CTRL_SHIFT)
    dialog = form(qtbot, view)
    confirm(qtbot, dialog)
    assert "mức độ 3" in dialog.error.text()
    assert state_of(desk, dossier_id) is DossierState.RESULT_READY


def test_return_by_post_checks_each_original_and_a_supervisor_may_allow_the_rest(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor
) -> None:
    dossier_id = in_processing(desk, officer)
    processing.record_result_document(desk, officer, dossier_id, "16/QĐ-UBND")
    with desk.store.write() as s:
        fees.add_receipt_block(s, "khoi-buu", "01BLP0-001", "LC-26T", 1, 50, T0)
    fees.collect_fee(desk, officer, dossier_id, method="post", reference="EB200000001VN")
    papers = dossier_detail(desk, officer, dossier_id).checklist
    first, second = papers[0], papers[1]
    view = open_view(qtbot, window, dossier_id)

    qtbot.keyClick(view.checklist, Qt.Key.Key_B, CTRL_SHIFT)  # the envelope arrives
    received = form(qtbot, view)
    field(received, "postal_reference", QLineEdit).setText("EB200000001VN")
    verdict = field(received, f"paper_{first.position}", QComboBox)
    verdict.setCurrentIndex(verdict.findData("differs"))
    missing = field(received, f"paper_{second.position}", QComboBox)
    missing.setCurrentIndex(missing.findData("not_presented"))
    field(received, "postage", QSpinBox).setValue(28_000)
    confirm(qtbot, received)
    assert "phải ghi rõ khác ở đâu" in received.error.text()  # a difference says how
    field(received, f"paper_{first.position}_note", QLineEdit).setText("Sai ngày sinh")
    confirm(qtbot, received)
    originals = last_act(desk, dossier_id, Act.RECEIVE_BY_POST).payload["originals"]
    assert {(o["position"], o["verdict"], o["note"]) for o in originals[:2]} == {
        (first.position, "differs", "Sai ngày sinh"),
        (second.position, "not_presented", ""),
    }

    qtbot.keyClick(view.checklist, Qt.Key.Key_G, CTRL_SHIFT)  # post the result
    posting = form(qtbot, view)
    field(posting, "tracking_number", QLineEdit).setText("RR200000002VN")
    confirm(qtbot, posting)
    assert "khác bản chính" in posting.error.text()  # blocked without a supervisor
    field(posting, "supervisor", QLineEdit).setText("lanhdao")
    field(posting, "supervisor_password", QLineEdit).setText("sai-mat-khau")
    field(posting, "override_reason", QLineEdit).setText("Đã gọi điện xác minh với công dân")
    confirm(qtbot, posting)
    assert state_of(desk, dossier_id) is DossierState.RESULT_READY  # a wrong password: no
    field(posting, "supervisor_password", QLineEdit).setText(PASSWORDS["lanhdao"])
    confirm(qtbot, posting)
    assert state_of(desk, dossier_id) is DossierState.RETURNED_BY_POST
    payload = last_act(desk, dossier_id, Act.RETURN_BY_POST).payload
    assert payload["override"] == {
        "supervisor": "lanhdao",
        "reason": "Đã gọi điện xác minh với công dân",
    }
    with desk.store.read() as s:  # the permission is audited under the supervisor's name
        allowed = s.scalars(select(AuditEntry).where(
            AuditEntry.action == "dossier.originals_override")).one()  # fmt: skip
        supervisor = s.get(Officer, allowed.officer_id)
    assert supervisor is not None and supervisor.username == "lanhdao"
