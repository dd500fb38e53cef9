"""The desk window's menus and toolbar (every key has an entry that shows it and does what
the key does), its sortable queue remembered per officer, its search, and its fit on a
1024×768 screen — through the real widgets (offscreen Qt, real SQLite)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QToolBar, QWidget
from pytestqt.qtbot import QtBot

from desktop.core.calendar import OFFICE_TZ
from desktop.core.checks import PaperVerdict
from desktop.core.lifecycle import DossierState
from desktop.services import dossiers as acts
from desktop.services.accounts import login
from desktop.services.context import Actor, Desk
from desktop.services.demo import ManualClock
from desktop.services.queue import QueueFilter, find_dossiers, queue_ids, rows_for
from desktop.services.settings import open_desk
from desktop.store.db import Store
from desktop.ui.deadlines import DeadlinesPanel
from desktop.ui.decisions import NoticeDialog
from desktop.ui.desk_menus import ACT_KEYS
from desktop.ui.dossier_view import DossierView
from desktop.ui.handover import HandoverBatchDialog
from desktop.ui.i18n import apply_ui_font, install_fonts
from desktop.ui.main_window import SHORTCUTS, MainWindow
from desktop.ui.queue_layout import load_layout
from desktop.ui.workers import InlineWorkers
from tests.gui.desk_helpers import dossier_with_scans

# Keys F1 lists that no window menu can offer: Ctrl+Enter confirms the dialog open at the
# time (its button says so), and the window's menus are out of reach behind that dialog.
IN_DIALOGS = {"Ctrl+Enter"}
# F1's names for keys, as Qt spells them.
QT_NAMES = {"Enter": "Return", "Page Up": "PgUp", "Page Down": "PgDown"}


@pytest.fixture
def demo_desk(demo_store: Store) -> Desk:
    return open_desk(demo_store, ManualClock(datetime(2026, 11, 27, 10, 30, tzinfo=OFFICE_TZ)))


def open_window(qtbot: QtBot, desk: Desk, actor: Actor, size: tuple[int, int] = (1280, 760)
                ) -> MainWindow:  # fmt: skip
    window = MainWindow(desk, actor, "UBND xã Tam Đường", InlineWorkers())
    qtbot.addWidget(window)
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    return window


def menu_actions(window: MainWindow) -> list[QAction]:
    """Every entry of the menu bar, submenus included."""
    found: list[QAction] = []

    def walk(menu: QMenu) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu())  # type: ignore[arg-type]
            elif not action.isSeparator():
                found.append(action)

    for top in window.menuBar().actions():
        walk(top.menu())  # type: ignore[arg-type]
    return found


def entry(window: MainWindow, name: str) -> QAction:
    (action,) = [a for a in menu_actions(window) if a.objectName() == name]
    return action


def f1_keys() -> set[str]:
    keys = set()
    for spec, _text in SHORTCUTS:
        for key in spec.split(" / "):
            keys.add(QKeySequence(QT_NAMES.get(key, key)).toString())
    return keys - IN_DIALOGS


# --- menus and toolbar ----------------------------------------------------------------------


def test_every_key_has_a_menu_entry_showing_it(qtbot: QtBot, desk: Desk, officer: Actor) -> None:
    window = open_window(qtbot, desk, officer)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles == ["Hồ sơ", "Xem", "In", "Đồng bộ", "Hệ thống", "Trợ giúp"]
    shown = {a.shortcut().toString(): a for a in menu_actions(window) if not a.shortcut().isEmpty()}
    missing = f1_keys() - set(shown)
    assert not missing, f"keys without a menu entry: {sorted(missing)}"
    assert "" not in f1_keys() and len(f1_keys()) >= 35  # every F1 key was read as Qt reads it
    # The entry's words are F1's words for the key.
    labels = {QKeySequence(QT_NAMES.get(k, k)).toString(): t for k, t in SHORTCUTS}
    for act, keys in ACT_KEYS:
        assert shown[keys].text() == labels[keys], act
    # Each key is bound once: the dossier's own keys are shown, not bound over the window.
    window_keys = [a.shortcut().toString() for a in window.actions() if not a.shortcut().isEmpty()]
    assert len(window_keys) == len(set(window_keys))
    for act, keys in ACT_KEYS:
        assert shown[keys].shortcutContext() == Qt.ShortcutContext.WidgetShortcut, act
        assert shown[keys] not in window.actions()


def test_the_toolbar_holds_the_entries_of_every_hour(
    qtbot: QtBot, desk: Desk, officer: Actor
) -> None:
    window = open_window(qtbot, desk, officer)
    toolbar = window.findChild(QToolBar, "desk_toolbar")
    assert isinstance(toolbar, QToolBar) and toolbar.isVisible()
    names = [a.objectName() for a in toolbar.actions()]
    assert names == ["find_action", "sync_action", "handover_action", "deadlines_action",
                     "conflicts_action", "reprint_action", "lock_action"]  # fmt: skip
    for action in toolbar.actions():  # the same actions as the menus: the same keys
        assert action in menu_actions(window)
        assert f"({action.shortcut().toString()})" in action.toolTip()


def test_window_entries_do_what_their_keys_do(qtbot: QtBot, desk: Desk, officer: Actor) -> None:
    acts.accept_dossier(desk, officer, dossier_with_scans(desk).dossier_id)
    window = open_window(qtbot, desk, officer)
    entry(window, "deadlines_action").trigger()  # F7
    assert isinstance(window.deadlines, DeadlinesPanel)
    assert window.tabs.currentWidget() is window.deadlines
    entry(window, "conflicts_action").trigger()  # F8
    assert window.conflicts is not None and window.tabs.currentWidget() is window.conflicts
    entry(window, "queue_action").trigger()  # Ctrl+1
    assert window.tabs.currentIndex() == 0
    entry(window, "handover_action").trigger()  # F10
    assert isinstance(window.handover, HandoverBatchDialog)
    assert window.handover.model.rowCount() == 1
    window.handover.reject()
    entry(window, "find_action").trigger()  # Ctrl+F
    assert window.search.hasFocus() or window.focusWidget() is window.search
    entry(window, "lock_action").trigger()  # Ctrl+L
    assert window.locked
    assert not window.menuBar().isEnabled() and not window.menus.toolbar.isEnabled()
    entry(window, "deadlines_action").trigger()  # a locked desk opens nothing
    entry(window, "handover_action").trigger()
    assert window.handover is None and window.tabs.currentIndex() == 0


def test_a_dossier_act_from_the_menu_is_the_act_of_its_key(
    qtbot: QtBot, desk: Desk, officer: Actor
) -> None:
    d = dossier_with_scans(desk)
    window = open_window(qtbot, desk, officer)
    accept = entry(window, f"act_{ACT_KEYS[0][0].value}_action")
    assert accept.shortcut().toString() == "F2"
    window.menus.refresh()  # on the queue: no dossier to act on
    assert not accept.isEnabled()
    window.table.selectRow([window.model.dossier_id(r) for r in range(window.model.rowCount())]
                           .index(d.dossier_id))  # fmt: skip
    window.menus.refresh()
    assert window.menus.actions["Return"].isEnabled()
    entry(window, "open_action").trigger()  # Enter: the selected dossier opens
    view = window.tabs.currentWidget()
    assert isinstance(view, DossierView) and view.dossier_id == d.dossier_id
    window.menus.refresh()
    assert accept.isEnabled()
    refuse_payment = entry(window, "act_confirm_payment_action")
    assert not refuse_payment.isEnabled()  # not an act of a submitted dossier
    # 3 on the checklist: the paper is marked wrong and its note opens, as the key does.
    view.checklist.selectRow(0)
    entry(window, "verdict_3_action").trigger()
    assert view.model is not None and view.model.verdict(0) is PaperVerdict.WRONG
    entry(window, "verdict_1_action").trigger()
    assert view.model.verdict(0) is PaperVerdict.PRESENT
    accept.trigger()  # F2: the notice of acceptance to confirm
    assert isinstance(view.dialog, NoticeDialog)
    view.dialog.try_perform()
    assert view.dialog is None
    assert rows_for(desk, officer, [d.dossier_id])[d.dossier_id].state is DossierState.ACCEPTED
    view.checklist.selectRow(0)
    upright = view.viewer.picture.pixmap().size()
    assert upright.height() > upright.width() > 0  # the form, an A4 page
    entry(window, "rotate_action").trigger()  # Ctrl+R on the scan shown
    turned = view.viewer.picture.pixmap().size()
    assert (turned.width(), turned.height()) == (upright.height(), upright.width())


def test_settings_only_for_the_administrator(
    qtbot: QtBot, desk: Desk, officer: Actor, supervisor: Actor, admin: Actor
) -> None:
    for actor in (officer, supervisor):
        assert not [a for a in menu_actions(open_window(qtbot, desk, actor))
                    if a.objectName() == "settings_action"]  # fmt: skip
    window = open_window(qtbot, desk, admin)
    settings = entry(window, "settings_action")
    assert settings.text() == "Cài đặt…"
    opened: list[bool] = []
    window.show_settings = lambda: opened.append(True)  # type: ignore[attr-defined]
    settings.trigger()
    assert opened == [True]


# --- the queue sorted, its columns remembered -------------------------------------------------


def click_header(qtbot: QtBot, window: MainWindow, column: int) -> None:
    header = window.table.horizontalHeader()
    x = header.sectionViewportPosition(column) + header.sectionSize(column) // 2
    qtbot.mouseClick(
        header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2)
    )


def shown_ids(window: MainWindow) -> list[str]:
    return [window.model.dossier_id(r) for r in range(window.model.rowCount())]


def deadlines_shown(window: MainWindow, desk: Desk, actor: Actor) -> list[datetime]:
    rows = rows_for(desk, actor, shown_ids(window))
    return [rows[i].due.deadline for i in shown_ids(window) if rows[i].due is not None]


def test_a_header_click_sorts_by_the_real_deadline_and_is_remembered(
    qtbot: QtBot, demo_desk: Desk
) -> None:
    actor = login(demo_desk, "canbo1", "canbo1-demo")
    window = open_window(qtbot, demo_desk, actor)
    queue_order = shown_ids(window)
    assert queue_order == queue_ids(demo_desk, actor)
    click_header(qtbot, window, 6)  # Hạn trả
    ascending = deadlines_shown(window, demo_desk, actor)
    assert len(ascending) > 5 and ascending == sorted(ascending)
    texts = [window.model.index(r, 6).data() for r in range(len(ascending))]
    assert texts != sorted(texts), "the demo's deadlines must sort differently as text"
    assert window.table.horizontalHeader().sortIndicatorSection() == 6
    click_header(qtbot, window, 6)
    descending = deadlines_shown(window, demo_desk, actor)
    assert descending == sorted(ascending, reverse=True)
    window.table.setColumnWidth(1, 240)  # the officer widens the names
    qtbot.waitUntil(lambda: load_layout(demo_desk, "canbo1") is not None
                    and load_layout(demo_desk, "canbo1").widths[1] == 240)  # type: ignore[union-attr]  # fmt: skip
    window.close()

    again = open_window(qtbot, demo_desk, actor)  # the next start: as the officer left it
    header = again.table.horizontalHeader()
    assert header.sortIndicatorSection() == 6
    assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    assert again.table.columnWidth(1) == 240
    assert deadlines_shown(again, demo_desk, actor) == descending
    other = open_window(qtbot, demo_desk, login(demo_desk, "canbo2", "canbo2-demo"))
    assert other.table.horizontalHeader().sortIndicatorSection() == -1  # theirs, not his
    click_header(qtbot, again, 6)  # a third click: the queue's own order again
    assert header.sortIndicatorSection() == -1 and shown_ids(again) == queue_order
    assert load_layout(demo_desk, "canbo1").sort is None  # type: ignore[union-attr]


def test_sorting_by_name_keeps_to_the_filter_and_the_menu_unsorts(
    qtbot: QtBot, demo_desk: Desk
) -> None:
    from desktop.core.text import fold

    actor = login(demo_desk, "canbo1", "canbo1-demo")
    window = open_window(qtbot, demo_desk, actor)
    window.state_filter.setCurrentIndex(window.state_filter.findText("Tất cả hồ sơ"))
    every = set(queue_ids(demo_desk, actor, QueueFilter(states=())))
    click_header(qtbot, window, 1)
    names = [window.model.index(r, 1).data() for r in range(window.model.rowCount())]
    assert set(shown_ids(window)) == every
    assert [fold(n) for n in names] == sorted(fold(n) for n in names)  # Đ with the Ds
    entry(window, "unsorted_action").trigger()
    assert window.table.horizontalHeader().sortIndicatorSection() == -1
    assert shown_ids(window) == queue_ids(demo_desk, actor, QueueFilter(states=()))


def test_a_cut_cell_shows_its_whole_text_on_hover(qtbot: QtBot, demo_desk: Desk) -> None:
    window = open_window(qtbot, demo_desk, login(demo_desk, "canbo1", "canbo1-demo"))
    for column in range(window.model.columnCount()):
        cell = window.model.index(0, column)
        if cell.data():
            assert cell.data() in cell.data(Qt.ItemDataRole.ToolTipRole), column


# --- the search box ---------------------------------------------------------------------------


def test_a_codes_tail_or_a_phone_finds_the_dossier_and_the_filter_steps_aside(
    qtbot: QtBot, demo_desk: Desk
) -> None:
    actor = login(demo_desk, "canbo1", "canbo1-demo")
    window = open_window(qtbot, demo_desk, actor)
    closed = [i for i in queue_ids(demo_desk, actor, QueueFilter(states=()))
              if rows_for(demo_desk, actor, [i])[i].state.is_final]  # fmt: skip
    target = rows_for(demo_desk, actor, [closed[0]])[closed[0]]  # returned: not in the open queue
    assert target.id not in shown_ids(window)
    window.due_filter.setCurrentIndex(1)  # Quá hạn
    tail = target.code.rsplit("-", 2)[-2:]
    qtbot.keyClicks(window.search, "-".join(tail))  # "260804-0004"
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert shown_ids(window) == [target.id]
    assert window.state_filter.currentText() == "Tất cả hồ sơ"  # visibly: every dossier
    assert window.due_filter.currentIndex() == 0
    assert "tìm trong mọi hồ sơ" in window.statusBar().currentMessage()
    with demo_desk.store.read() as session:
        from desktop.store.models import Dossier

        phone = session.get(Dossier, target.id).phone  # type: ignore[union-attr]
    window.search.clear()  # the filter the officer had comes back
    assert window.due_filter.currentIndex() == 1
    assert window.state_filter.currentText() == "Đang giải quyết"
    spaced = f"+84 {phone[1:4]} {phone[4:7]} {phone[7:]}"
    qtbot.keyClicks(window.search, spaced)
    qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert target.id in shown_ids(window)
    assert set(shown_ids(window)) == set(find_dossiers(demo_desk, actor, phone))


# --- a 1024×768 screen ------------------------------------------------------------------------


def inside(window: MainWindow, widget: QWidget) -> bool:
    """``widget`` shown whole inside the window (not cut by its edge)."""
    where = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    return widget.isVisible() and widget.width() > 0 and window.rect().contains(where)


@pytest.fixture
def desk_font(qapp: QApplication) -> Iterator[None]:
    """The desk's own font (DejaVu Sans, wider than Qt's offscreen default), as the desk
    shows it; the tests after this one get Qt's back."""
    before = qapp.font()
    apply_ui_font(qapp, install_fonts())
    yield
    qapp.setFont(before)


@pytest.mark.usefixtures("desk_font")
def test_the_window_fits_a_1024_by_768_screen(qtbot: QtBot, demo_desk: Desk) -> None:
    actor = login(demo_desk, "lanhdao", "lanhdao-demo")
    window = open_window(qtbot, demo_desk, actor, (1024, 768))
    assert window.minimumSizeHint().width() <= 1024 and window.minimumWidth() <= 1024
    assert window.width() == 1024
    toolbar = window.findChild(QToolBar, "desk_toolbar")
    assert isinstance(toolbar, QToolBar)
    for widget in (window.search, *window.filter_boxes, window.table, window.counters, toolbar,
                   window.menuBar(), window.statusBar()):  # fmt: skip
        assert inside(window, widget), widget.objectName() or type(widget).__name__
    # Every column of the queue in sight, without scrolling sideways.
    header = window.table.horizontalHeader()
    last = window.model.columnCount() - 1
    assert header.sectionViewportPosition(last) + 40 <= window.table.viewport().width()
    # Being processed: the most acts, the longest words on their buttons.
    busy = queue_ids(demo_desk, actor, QueueFilter(states=(DossierState.IN_PROCESSING,)))
    view = window.open_dossier(busy[0])
    assert sum(b.isVisible() for b in view.buttons.values()) >= 10
    qtbot.wait(50)  # the layouts take the buttons in
    assert window.minimumSizeHint().width() <= 1024 and window.width() == 1024
    for widget in (view, view.checklist, view.viewer, view.timeline, view.header):
        assert inside(window, widget), widget.objectName()
    for button in view.buttons.values():
        if button.isVisible():
            assert inside(window, button), button.text()


def test_the_desk_opens_maximised(qtbot: QtBot, desk: Desk, officer: Actor) -> None:
    window = MainWindow(desk, officer, "UBND xã Tam Đường", InlineWorkers())
    qtbot.addWidget(window)
    window.show_for_desk()
    qtbot.waitExposed(window)
    assert window.isMaximized()
