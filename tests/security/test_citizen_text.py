"""Citizen text must not drive the officer's window (hardening item 7).

What citizens typed on the portal — and whatever a portal or an old database sends as
theirs — reaches labels, tables, tooltips, titles and message boxes. Three attacks, each
through the real window over a real demo desk:

- markup: a name ``<img src="x"><font size=40>Nguyễn</font>`` must show as those
  characters, never as an image and a huge font (nor an address as a link);
- bidi controls: U+202E in a CCCD, a phone number or a code must not reverse what follows;
- length: a 1 MB name froze the window for 22 s; what is shown is bounded.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import Qt as QtGui
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from desktop.core.calendar import OFFICE_TZ
from desktop.core.lifecycle import DomainError
from desktop.documents.demo_scans import demo_pdf, demo_png
from desktop.services import dossiers as acts
from desktop.services.catalogue import procedure_of
from desktop.services.context import Actor, Desk
from desktop.services.demo import DEMO_OFFICE_CODE, ManualClock
from desktop.services.processing import record_complaint
from desktop.services.scans import ScanStore
from desktop.services.settings import open_desk
from desktop.services.sync_status import SyncStatus
from desktop.store.db import Store
from desktop.store.models import OutboxEvent, SyncConflict
from desktop.ui.decisions import NoticeDialog
from desktop.ui.errors import show_error
from desktop.ui.forms import FormDialog
from desktop.ui.login import LoginDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.originals import OriginalsDialog
from desktop.ui.workers import InlineWorkers
from tests.conftest import account

RLO = "\u202e"  # RIGHT-TO-LEFT OVERRIDE
BIDI = set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
MARKUP_NAME = '<img src="x"><font size=40>Nguyễn</font>'
HUGE_NAME = ("Nguyễn Văn Ánh " * 70_000)[:1_000_000]  # a million characters
# One field in a cell or a line: a few hundred characters. A label may join several
# fields (the dossier's header), a tooltip holds more of one, a notice is a letter.
CAP, LABEL_CAP, TIP_CAP, NOTICE_CAP = 300, 3_000, 2_000, 20_000
# Markup that would draw (an image, a font, a link) if Qt took the text for HTML.
HOSTILE_TAG = re.compile(r"<\s*(img|font|a)\b", re.IGNORECASE)


@pytest.fixture
def demo_desk(demo_store: Store) -> Desk:
    return open_desk(demo_store, ManualClock(datetime(2026, 11, 27, 10, 30, tzinfo=OFFICE_TZ)))


def hostile_dossier(desk: Desk, name: str) -> acts.ActOutcome:
    """A dossier from the portal with ``name``, a CCCD, phone and code carrying U+202E, a
    link for an address and markup in its scans' file names; every paper has a scan."""
    scans = ScanStore.of(desk)
    with desk.store.read() as session:
        papers = procedure_of(session, "MAU-HT-004").papers
    attached = []
    for n, paper in enumerate(papers, start=1):
        data = demo_pdf("TO KHAI", 1) if n == 1 else demo_png(n)
        file_name = f'<img src="y">to-khai-{n}.pdf' if n == 1 else f"<font size=40>anh-{n}.png"
        attached.append(acts.IncomingPaper(paper.name, int(paper.kind), paper.count, file_name,
                                           scans.put(data)))  # fmt: skip
    return acts.import_dossier(desk, acts.IncomingDossier(
        id=str(uuid.uuid4()), code=f"{DEMO_OFFICE_CODE}-261127-{RLO}9001",
        office_code=DEMO_OFFICE_CODE, procedure_code="MAU-HT-004", applicant_name=name,
        submitted_at=datetime(2026, 11, 27, 8, 0, tzinfo=OFFICE_TZ),
        id_number=f"0120{RLO}90123456", phone=f"0912{RLO}345678",
        email="<font size=40>a@b.vn</font>",
        address='<a href="http://ke-gian.example/">Bấm vào đây</a> Tam Đường',
        papers=tuple(attached)))  # fmt: skip


def window_for(qtbot: QtBot, desk: Desk, actor: Actor,
               office: str = "Trung tâm Phục vụ hành chính công") -> MainWindow:  # fmt: skip
    w = MainWindow(desk, actor, office, InlineWorkers())
    qtbot.addWidget(w)
    w.resize(1280, 760)
    w.show()
    qtbot.waitExposed(w)
    return w


# --- what "safe" means, checked on every widget of a screen ----------------------------------


def rendered_as_html(label: QLabel) -> bool:
    f = label.textFormat()
    return f == Qt.TextFormat.RichText or (
        f == Qt.TextFormat.AutoText and QtGui.mightBeRichText(label.text()))  # fmt: skip


def assert_text(text: str, cap: int, where: str) -> None:
    assert not BIDI & set(text), f"{where}: a bidi control is shown: {text[:120]!r}"
    assert len(text) <= cap, f"{where}: {len(text)} characters shown (cap {cap})"


def assert_tooltip(tip: str | None, where: str) -> None:
    """Qt always guesses whether a tooltip is HTML: the data in it must be escaped."""
    if tip:
        assert not HOSTILE_TAG.search(tip), f"{where}: markup in a tooltip: {tip[:120]!r}"
        assert_text(tip, TIP_CAP, f"{where} (tooltip)")


def assert_cells(model: QAbstractItemModel, where: str) -> None:
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            shown = index.data(Qt.ItemDataRole.DisplayRole)
            if isinstance(shown, str):
                assert_text(shown, CAP, f"{where} [{row}, {column}]")
            assert_tooltip(index.data(Qt.ItemDataRole.ToolTipRole), f"{where} [{row}, {column}]")


def assert_safe(widget: QWidget) -> None:
    """Every label, field, table, tab and title of ``widget`` (itself included)."""
    name = widget.objectName() or type(widget).__name__
    assert_text(widget.windowTitle(), LABEL_CAP, f"{name}: window title")
    for label in widget.findChildren(QLabel):
        where = f"{name}: label {label.objectName() or label.text()[:40]!r}"
        if rendered_as_html(label):
            assert not HOSTILE_TAG.search(label.text()), f"{where} renders {label.text()[:200]!r}"
        assert_text(label.text(), LABEL_CAP, where)
        assert_tooltip(label.toolTip(), where)
    for edit in widget.findChildren(QLineEdit):
        assert_text(edit.text(), CAP, f"{name}: field {edit.objectName()!r}")
    for text in widget.findChildren(QPlainTextEdit):
        assert_text(text.toPlainText(), NOTICE_CAP, f"{name}: text {text.objectName()!r}")
    for table in widget.findChildren(QTableView):
        if table.model() is not None:
            assert_cells(table.model(), f"{name}: table {table.objectName()!r}")
    for tabs in widget.findChildren(QTabWidget):
        for i in range(tabs.count()):
            assert_text(tabs.tabText(i), CAP, f"{name}: tab {i}")
    for box in widget.findChildren(QComboBox):
        for i in range(box.count()):
            assert_text(box.itemText(i), CAP, f"{name}: list {box.objectName()!r}")


# --- the tests -------------------------------------------------------------------------------


@pytest.fixture(params=["markup", "huge"])
def hostile_name(request: pytest.FixtureRequest) -> str:
    return MARKUP_NAME if request.param == "markup" else HUGE_NAME


def test_the_dossier_view_shows_markup_as_characters(qtbot: QtBot, demo_desk: Desk) -> None:
    officer = account(demo_desk, "canbo1")
    d = hostile_dossier(demo_desk, MARKUP_NAME)
    window = window_for(qtbot, demo_desk, officer)
    view = window.open_dossier(d.dossier_id)
    assert view.detail is not None
    header = view.header
    # The name is there for the officer to read, as the characters the citizen typed …
    if rendered_as_html(header):
        assert "&lt;img src=&quot;x&quot;&gt;&lt;font size=40&gt;Nguyễn" in header.text()
    else:
        assert MARKUP_NAME in header.text()
    # … and nowhere does it, the address or a scan's file name turn into HTML.
    assert_safe(window)
    assert_safe(view.viewer)  # the first paper is selected: its file name is the title


def test_a_cccd_or_phone_shows_its_digits_in_order(qtbot: QtBot, demo_desk: Desk) -> None:
    officer = account(demo_desk, "canbo1")
    d = hostile_dossier(demo_desk, "Nguyễn Văn Ánh")
    window = window_for(qtbot, demo_desk, officer)
    view = window.open_dossier(d.dossier_id)
    text = view.header.text()
    assert "012090123456" in text and "0912345678" in text  # what follows U+202E, in order
    assert_safe(window)


def test_a_huge_name_is_shown_bounded(qtbot: QtBot, demo_desk: Desk) -> None:
    officer = account(demo_desk, "canbo1")
    d = hostile_dossier(demo_desk, HUGE_NAME)
    window = window_for(qtbot, demo_desk, officer)
    row = [window.model.dossier_id(r) for r in range(window.model.rowCount())].index(d.dossier_id)
    name = window.model.index(row, 1)
    assert name.data().startswith("Nguyễn Văn Ánh Nguyễn")  # the start of it, cut
    assert_cells(window.model, "queue")
    tip = name.data(Qt.ItemDataRole.ToolTipRole)
    assert tip and "Nguyễn Văn Ánh" in tip  # more of it on hover, bounded too
    view = window.open_dossier(d.dossier_id)
    assert "Nguyễn Văn Ánh" in view.header.text()
    assert_safe(window)


def conflict_on(desk: Desk, dossier_id: str, message: str) -> None:
    """The portal refused the desk's last act on the dossier, in its own words (what the
    sync engine records from the portal's answer)."""
    with desk.store.write() as session:
        event = session.scalars(select(OutboxEvent).where(OutboxEvent.dossier_id == dossier_id)
                                .order_by(OutboxEvent.id.desc())).first()  # fmt: skip
        assert event is not None
        event.status = "conflict"
        session.add(SyncConflict(event_id=event.event_id, dossier_id=dossier_id,
                                 message=message, created_at=desk.now()))  # fmt: skip


def test_every_screen_of_the_dossier_shows_it_safely(
    qtbot: QtBot, demo_desk: Desk, hostile_name: str
) -> None:
    """The acceptance notice, the handover, the deadline view, a refusal's notice, the
    originals check at return and the conflicts panel, one after the other."""
    officer, supervisor = account(demo_desk, "canbo1"), account(demo_desk, "lanhdao")
    d = hostile_dossier(demo_desk, hostile_name)
    window = window_for(qtbot, demo_desk, supervisor)
    view = window.open_dossier(d.dossier_id)
    assert_safe(window)

    # A complaint in the citizen's words, to pick among the open ones when resolving it.
    record_complaint(demo_desk, officer, d.dossier_id, "reflection", f"{RLO}{hostile_name}")
    view.reload()
    view.resolve_complaint()
    assert isinstance(view.dialog, FormDialog)
    assert_safe(view.dialog)
    view.dialog.reject()

    view.accept_dossier()  # the notice of acceptance names the citizen
    notice = view.dialog
    assert isinstance(notice, NoticeDialog)
    assert "Nguyễn" in notice.notice.toPlainText()
    assert_safe(notice)
    notice.try_perform()
    assert view.dialog is None, "the dossier was not accepted"

    handover = window.show_handover()
    row = [x.id for x in handover.model.dossiers].index(d.dossier_id)
    assert "Nguyễn" in handover.model.index(row, 1).data()
    assert_safe(handover)
    handover.reject()

    acts.hand_over(demo_desk, officer, d.dossier_id, "Công chức Tư pháp - Hộ tịch")
    view.reload()
    deadlines = window.show_deadlines()
    row = [r.dossier_id for r in deadlines.model.rows].index(d.dossier_id)
    assert "Nguyễn" in deadlines.model.index(row, 1).data()
    assert_safe(deadlines)

    view.deny()  # the refusal's notice names the citizen too
    form = view.dialog
    assert isinstance(form, FormDialog)
    form.fields["reason"].setPlainText("Không đủ điều kiện")  # type: ignore[attr-defined]
    form.fields["document_number"].setText("12/UBND")  # type: ignore[attr-defined]
    form.fields["signer"].setText("Nguyễn Thị Hồng Nhung")  # type: ignore[attr-defined]
    assert "Nguyễn" in form.notice.toPlainText()
    assert_safe(form)
    form.reject()

    acts.record_result(demo_desk, officer, d.dossier_id, "Giấy khai sinh số 12/2026")
    view.reload()
    view.return_result()
    originals = view.dialog
    assert isinstance(originals, OriginalsDialog)
    assert "to-khai-1.pdf" in originals.viewer.title.text()  # the first scan's file name
    assert "Nguyễn" in originals.receiver.text()
    assert_safe(originals)
    originals.reject()

    conflict_on(demo_desk, d.dossier_id, f"Công dân đã rút hồ sơ {hostile_name} trên cổng")
    panel = window.show_conflicts()
    assert panel.model.rowCount() == 1
    assert "Nguyễn" in panel.desk_side.text() and "rút hồ sơ" in panel.portal_side.text()
    assert_safe(panel)


def test_an_error_box_shows_its_message_as_characters(qtbot: QtBot, demo_desk: Desk) -> None:
    window = window_for(qtbot, demo_desk, account(demo_desk, "canbo1"))
    box = show_error(window, DomainError(f"Hồ sơ của {MARKUP_NAME} đã thay đổi trên cổng."))
    try:
        assert any(MARKUP_NAME in label.text() for label in box.findChildren(QLabel))
        for label in box.findChildren(QLabel):
            assert not (rendered_as_html(label) and HOSTILE_TAG.search(label.text()))
    finally:
        box.done(0)


def test_the_office_and_the_portals_words_show_as_characters(
    qtbot: QtBot, demo_desk: Desk
) -> None:
    """Not the citizen's, but from the portal all the same: the office's name (the login,
    the title, the lock page) and the portal's error (the sync status's tooltip, the
    status bar)."""
    office = f'<img src="x">{RLO}UBND {HUGE_NAME}'
    login = LoginDialog(demo_desk, office)
    qtbot.addWidget(login)
    assert_safe(login)
    window = window_for(qtbot, demo_desk, account(demo_desk, "canbo1"), office)
    words = f'<img src="x">{RLO}Cổng từ chối: {HUGE_NAME}'
    window.sync_bar.show_status(SyncStatus(True, False, None, None, words, 0, 0, 0))
    assert window.sync_bar.label.toolTip()
    window.sync.failed.emit(words)
    assert_text(window.statusBar().currentMessage(), LABEL_CAP, "status bar")
    window.lock()
    assert_safe(window)
