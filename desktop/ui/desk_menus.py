"""The desk window's menu bar and toolbar: every key of the desk (F1's list) has an entry
that shows it, for the officer who reaches for the mouse or has not learnt the keys yet.

Two kinds of entries. The window's own keys (F5, F7, F8, F10, Ctrl+L …) are the very
actions the keys trigger. The keys of an open dossier and of its scan viewer belong to
those widgets (an act's key works only in its dossier's tab); their entries show the key
but listen to it only while the menu itself is open, so a key never means two things,
and they act on the dossier of the current tab exactly as its key does.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QToolBar

from desktop.core.accounts import Role
from desktop.core.lifecycle import Act
from desktop.ui.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from desktop.ui.dossier_view import DossierView
    from desktop.ui.main_window import MainWindow

# The keys of a dossier's acts, as DossierView binds them; the entries' words are F1's.
ACT_KEYS: tuple[tuple[Act, str], ...] = (
    (Act.ACCEPT, "F2"), (Act.REQUEST_SUPPLEMENT, "F3"), (Act.REFUSE, "F4"),
    (Act.RECORD_SUPPLEMENT, "F6"), (Act.RETURN_IN_PERSON, "F9"), (Act.RECORD_RESULT, "F11"),
    (Act.DENY, "F12"), (Act.HAND_ON, "Ctrl+Shift+T"), (Act.CONSULT, "Ctrl+Shift+Y"),
    (Act.REQUEST_PAYMENT, "Ctrl+Shift+N"), (Act.CONFIRM_PAYMENT, "Ctrl+Shift+X"),
    (Act.REAPPOINT, "Ctrl+Shift+H"), (Act.RECEIVE_BY_POST, "Ctrl+Shift+B"),
    (Act.RETURN_BY_POST, "Ctrl+Shift+G"), (Act.RETURN_ONLINE, "Ctrl+Shift+O"),
    (Act.WITHDRAW, "Ctrl+Shift+R"), (Act.STOP, "Ctrl+Shift+D"), (Act.COMPLAIN, "Ctrl+Shift+K"),
    (Act.RESOLVE_COMPLAINT, "Ctrl+Shift+Q"), (Act.FEEDBACK, "Ctrl+Shift+E"),
)  # fmt: skip
# The checklist's verdict keys (VerdictKeys): sent to it as the key itself.
VERDICTS = (
    (Qt.Key.Key_1, "1", QT_TRANSLATE_NOOP("DeskMenus", "Giấy tờ đủ, hợp lệ")),
    (Qt.Key.Key_2, "2", QT_TRANSLATE_NOOP("DeskMenus", "Giấy tờ còn thiếu")),
    (Qt.Key.Key_3, "3", QT_TRANSLATE_NOOP("DeskMenus", "Giấy tờ sai (ghi chú lý do)")),
)


class DeskMenus(QObject):
    """Builds ``window``'s menus (Hồ sơ, Xem, In, Đồng bộ, Hệ thống, Trợ giúp) and its
    toolbar; ``labels`` are F1's words for each key."""

    def __init__(self, window: MainWindow, labels: dict[str, str]) -> None:
        super().__init__(window)
        self.window, self._labels = window, labels
        self.actions: dict[str, QAction] = {}  # by key sequence, as F1 lists them
        self.act_actions: dict[Act, QAction] = {}
        self._view_actions: list[QAction] = []  # enabled while a dossier tab is current
        bar = window.menuBar()
        self._dossier_menu(bar.addMenu(self.tr("Hồ sơ")))
        self._view_menu(bar.addMenu(self.tr("Xem")))
        self.actions["Ctrl+P"] = window.build_print_menu()  # In
        self._sync_menu(bar.addMenu(self.tr("Đồng bộ")))
        self._system_menu(bar.addMenu(self.tr("Hệ thống")))
        self._help_menu(bar.addMenu(self.tr("Trợ giúp")))
        self.toolbar = self._toolbar()

    # --- making entries ---------------------------------------------------------------------
    def _window_action(self, menu: QMenu, name: str, text: str, keys: str,
                       slot: Callable[[], object], while_locked: bool = False,
                       ) -> QAction:  # fmt: skip
        """An entry that is the window's own key: one action, in the menu and the window."""
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot if while_locked else self._unless_locked(slot))
        self.window.addAction(action)  # the key works with the menu bar out of reach too
        menu.addAction(action)
        self.actions[keys] = action
        return action

    def _shown_key(self, menu: QMenu, name: str, text: str, keys: str,
                   slot: Callable[[], object]) -> QAction:  # fmt: skip
        """An entry for a key another widget owns: it shows the key and listens to it only
        while the menu is open (WidgetShortcut on the menu), so no key is bound twice."""
        action = menu.addAction(text)
        action.setObjectName(name)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(self._unless_locked(slot))
        self.actions[keys] = action
        return action

    def _unless_locked(self, slot: Callable[[], object]) -> Callable[[], None]:
        def run() -> None:
            if not self.window.locked:  # a locked desk shows nothing of its work
                slot()

        return run

    def _label(self, keys: str) -> str:
        return QCoreApplication.translate("MainWindow", self._labels[keys])

    # --- the menus ------------------------------------------------------------------------------
    def _dossier_menu(self, menu: QMenu) -> None:
        w = self.window
        menu.setObjectName("dossier_menu")
        self._window_action(menu, "find_action", self.tr("Tìm hồ sơ"), "Ctrl+F", w.focus_search)
        self._shown_key(menu, "open_action", self._label("Enter"), "Return", w.open_selected)
        menu.addSeparator()
        for act, keys in ACT_KEYS:
            action = self._shown_key(menu, f"act_{act.value}_action", self._label(keys), keys,
                                     partial(self._do, act))  # fmt: skip
            self.act_actions[act] = action
        marks = menu.addMenu(self._label("1 / 2 / 3"))
        marks.setObjectName("verdict_menu")
        for key, keys, text in VERDICTS:
            action = self._shown_key(marks, f"verdict_{keys}_action", self.tr(text), keys,
                                     partial(self._mark, key))  # fmt: skip
            self._view_actions.append(action)
        menu.addSeparator()
        self._window_action(menu, "handover_action", self.tr("Bàn giao hồ sơ"), "F10",
                            w.show_handover)  # fmt: skip
        export = menu.addAction(self.tr("Xuất ra Excel…"))  # the queue, or the deadline view
        export.setObjectName("export_action")
        export.triggered.connect(self._unless_locked(w.ask_export))
        menu.aboutToShow.connect(self.refresh)

    def _view_menu(self, menu: QMenu) -> None:
        w = self.window
        menu.setObjectName("view_menu")
        self._window_action(menu, "queue_action", self.tr("Về hàng đợi"), "Ctrl+1",
                            w.show_queue_tab)  # fmt: skip
        self._window_action(menu, "deadlines_action", self.tr("Theo dõi hạn"), "F7",
                            w.show_deadlines)  # fmt: skip
        self._window_action(menu, "close_tab_action", self.tr("Đóng thẻ hồ sơ"), "Ctrl+W",
                            w.close_current_tab)  # fmt: skip
        unsorted = menu.addAction(self.tr("Hàng đợi theo thứ tự mặc định (bỏ sắp xếp)"))
        unsorted.setObjectName("unsorted_action")
        unsorted.triggered.connect(self._unless_locked(w.clear_sort))
        if w.actor.is_supervisor:  # the periodic reports are signed by a supervisor (Đ15)
            reports = menu.addAction(self.tr("Báo cáo định kỳ…"))
            reports.setObjectName("reports_action")
            reports.triggered.connect(self._unless_locked(w.show_reports))
        menu.addSeparator()
        scans = menu.addMenu(self.tr("Bản quét"))
        scans.setObjectName("scan_menu")
        for name, text, keys, method in (
            ("previous_page", self.tr("Trang trước"), "PgUp", "previous_page"),
            ("next_page", self.tr("Trang sau"), "PgDown", "next_page"),
            ("zoom_in", self.tr("Phóng to"), "Ctrl++", "zoom_in"),
            ("zoom_out", self.tr("Thu nhỏ"), "Ctrl+-", "zoom_out"),
            ("rotate", self.tr("Xoay 90°"), "Ctrl+R", "rotate"),
        ):
            action = self._shown_key(scans, f"{name}_action", text, keys,
                                     partial(self._on_viewer, method))  # fmt: skip
            self._view_actions.append(action)
        menu.aboutToShow.connect(self.refresh)

    def _sync_menu(self, menu: QMenu) -> None:
        w = self.window
        menu.setObjectName("sync_menu")
        self._window_action(menu, "sync_action", self.tr("Đồng bộ ngay"), "F5", w.sync_now)
        self._window_action(menu, "conflicts_action", self.tr("Xung đột đồng bộ"), "F8",
                            w.show_conflicts)  # fmt: skip

    def _system_menu(self, menu: QMenu) -> None:
        w = self.window
        menu.setObjectName("system_menu")
        self._window_action(menu, "lock_action", self.tr("Khoá bàn"), "Ctrl+L", w.lock,
                            while_locked=True)  # fmt: skip
        w.build_language_menu(menu.addMenu(self.tr("Ngôn ngữ")))
        if w.actor.role is Role.ADMINISTRATOR:  # the desk's settings are the administrator's
            menu.addSeparator()
            settings = menu.addAction(self.tr("Cài đặt…"))
            settings.setObjectName("settings_action")
            settings.triggered.connect(self._unless_locked(self._settings))

    def _help_menu(self, menu: QMenu) -> None:
        w = self.window
        menu.setObjectName("help_menu")
        self._window_action(menu, "shortcuts_action", self.tr("Phím tắt"), "F1", w.show_shortcuts,
                            while_locked=True)  # fmt: skip

    def _toolbar(self) -> QToolBar:
        """The entries of every hour, as words (the desk has no icon set); each tip says its
        key."""
        bar = QToolBar(self.tr("Thanh công cụ"), self.window)
        bar.setObjectName("desk_toolbar")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for keys in ("Ctrl+F", "F5", "F10", "F7", "F8", "Ctrl+P", "Ctrl+L"):
            action = self.actions[keys]
            action.setToolTip(f"{action.text()} ({action.shortcut().toString()})")
            bar.addAction(action)
        self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        return bar

    # --- what the entries do ----------------------------------------------------------------
    def refresh(self) -> None:
        """Enable the entries that can act now: the acts the open dossier allows."""
        view = self.window.current_view()
        for act, action in self.act_actions.items():
            action.setEnabled(view is not None and view.allowed(act))
        for action in self._view_actions:
            action.setEnabled(view is not None)
        self.actions["Return"].setEnabled(self.window.selected_dossier() is not None)

    def _do(self, act: Act) -> None:
        view = self.window.current_view()
        if view is not None and view.allowed(act):
            view.buttons[act].click()  # the act's button: what its key does too

    def _mark(self, key: Qt.Key) -> None:
        view = self.window.current_view()
        if view is not None:
            press = QKeyEvent(QKeyEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier,
                              QKeySequence(key).toString())  # fmt: skip
            QApplication.sendEvent(view.checklist, press)

    def _on_viewer(self, method: str) -> None:
        view: DossierView | None = self.window.current_view()
        if view is not None:
            getattr(view.viewer, method)()

    def _settings(self) -> None:
        self.window.show_settings()
