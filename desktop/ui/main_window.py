"""Cửa sổ chính — the officer's day: the queue with its filters, counters and search, the
dossiers opened in tabs, the sync in the status bar, the conflicts panel, the idle lock,
and a barcode scanner that opens a dossier from any screen.

Keyboard first: every act and every panel has its key (F1 lists them), and a menu entry
showing it (desk_menus). The queue sorts by any column and keeps each officer's columns;
the window fits a 1024×768 screen and opens maximised. Queries that can
be slow at 200,000 dossiers run on the injected ``Workers``; the first page of the queue
is read directly so the window is usable at once.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.lifecycle import DossierState
from desktop.services import papers
from desktop.services.context import Actor, Desk
from desktop.services.queue import (
    OPEN_STATES,
    QueueFilter,
    count_by_state,
    dossier_by_code,
    filter_choices,
    find_dossiers,
    queue_ids,
    sorted_ids,
)
from desktop.services.sessions import WorkSession, lock_minutes
from desktop.ui.conflicts import ConflictsPanel
from desktop.ui.deadlines import DeadlinesPanel
from desktop.ui.desk_menus import DeskMenus
from desktop.ui.dossier_view import DossierView
from desktop.ui.errors import show_error
from desktop.ui.forms import FormDialog
from desktop.ui.handover import HandoverBatchDialog
from desktop.ui.i18n import LANGUAGES, QT_TRANSLATE_NOOP, set_language
from desktop.ui.lock import IdleWatch, LockPage
from desktop.ui.operations import Operations
from desktop.ui.paper_offer import PaperOffer, offer_paper
from desktop.ui.print_menu import PrintForms, day_slips, record_slips, slip_pdfs
from desktop.ui.queue_layout import QueueLayout, load_layout, save_layout
from desktop.ui.queue_model import PAGE, QueueModel
from desktop.ui.reprints import ReprintDialog
from desktop.ui.safe_text import display, plain, tab_title, tooltip
from desktop.ui.scanner import BarcodeScanner
from desktop.ui.settings_dialog import SettingsDialog, open_settings
from desktop.ui.sync_view import SyncController, SyncStatusBar
from desktop.ui.workers import PoolWorkers, Workers

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from desktop.ui.printing import BatchPrintDialog

SHORTCUTS = (
    ("Ctrl+F", QT_TRANSLATE_NOOP("MainWindow", "Tìm hồ sơ")),
    ("Enter", QT_TRANSLATE_NOOP("MainWindow", "Mở hồ sơ đang chọn")),
    ("F2", QT_TRANSLATE_NOOP("MainWindow", "Tiếp nhận")),
    ("F3", QT_TRANSLATE_NOOP("MainWindow", "Yêu cầu bổ sung")),
    ("F4", QT_TRANSLATE_NOOP("MainWindow", "Từ chối")),
    ("F6", QT_TRANSLATE_NOOP("MainWindow", "Ghi nhận đã bổ sung")),
    ("F9", QT_TRANSLATE_NOOP("MainWindow", "Đối chiếu bản chính và trả kết quả")),
    ("F10", QT_TRANSLATE_NOOP("MainWindow", "Bàn giao hồ sơ cho phòng chuyên môn (in Mẫu 05)")),
    ("F11", QT_TRANSLATE_NOOP("MainWindow", "Ghi nhận có kết quả (số văn bản, bản quét)")),
    ("F12", QT_TRANSLATE_NOOP("MainWindow", "Không giải quyết, nêu lý do (lãnh đạo ký)")),
    ("Ctrl+Shift+T", QT_TRANSLATE_NOOP("MainWindow", "Chuyển tiếp phòng chuyên môn khác")),
    ("Ctrl+Shift+Y", QT_TRANSLATE_NOOP("MainWindow", "Xin ý kiến phối hợp")),
    ("Ctrl+Shift+N", QT_TRANSLATE_NOOP("MainWindow", "Yêu cầu nghĩa vụ tài chính")),
    ("Ctrl+Shift+X", QT_TRANSLATE_NOOP("MainWindow", "Xác nhận đã nộp nghĩa vụ tài chính")),
    ("Ctrl+Shift+H", QT_TRANSLATE_NOOP("MainWindow", "Xin lỗi, hẹn lại ngày trả (in Mẫu 04)")),
    ("Ctrl+Shift+B", QT_TRANSLATE_NOOP("MainWindow", "Nhận bản chính, phí qua bưu chính")),
    ("Ctrl+Shift+G", QT_TRANSLATE_NOOP("MainWindow", "Gửi kết quả qua bưu chính")),
    ("Ctrl+Shift+O", QT_TRANSLATE_NOOP("MainWindow", "Trả kết quả trực tuyến (mức độ 4, ký số)")),
    ("Ctrl+Shift+R", QT_TRANSLATE_NOOP("MainWindow", "Công dân rút hồ sơ (hoàn trả phí)")),
    ("Ctrl+Shift+D", QT_TRANSLATE_NOOP("MainWindow", "Dừng xử lý (hoàn trả phí)")),
    ("Ctrl+Shift+K", QT_TRANSLATE_NOOP("MainWindow", "Ghi nhận khiếu nại, phản ánh")),
    ("Ctrl+Shift+Q", QT_TRANSLATE_NOOP("MainWindow", "Giải quyết khiếu nại, phản ánh")),
    ("Ctrl+Shift+E", QT_TRANSLATE_NOOP("MainWindow", "Ghi nhận ý kiến đánh giá")),
    ("1 / 2 / 3", QT_TRANSLATE_NOOP("MainWindow", "Đánh dấu giấy tờ")),
    ("Ctrl+Enter", QT_TRANSLATE_NOOP("MainWindow", "Xác nhận")),
    ("F5", QT_TRANSLATE_NOOP("MainWindow", "Đồng bộ ngay")),
    ("F7", QT_TRANSLATE_NOOP("MainWindow", "Theo dõi hạn giải quyết (theo phòng)")),
    ("F8", QT_TRANSLATE_NOOP("MainWindow", "Xung đột đồng bộ")),
    ("Ctrl+1", QT_TRANSLATE_NOOP("MainWindow", "Về hàng đợi")),
    ("Ctrl+W", QT_TRANSLATE_NOOP("MainWindow", "Đóng thẻ hồ sơ")),
    ("Ctrl+L", QT_TRANSLATE_NOOP("MainWindow", "Khoá bàn")),
    ("Page Up / Page Down", QT_TRANSLATE_NOOP("MainWindow", "Trang bản quét")),
    ("Ctrl++ / Ctrl+-", QT_TRANSLATE_NOOP("MainWindow", "Phóng to / thu nhỏ")),
    ("Ctrl+R", QT_TRANSLATE_NOOP("MainWindow", "Xoay bản quét")),
    ("Ctrl+P", QT_TRANSLATE_NOOP("MainWindow", "In lại giấy tờ của hồ sơ")),
    ("F1", QT_TRANSLATE_NOOP("MainWindow", "Danh sách phím tắt")),
)
# The queue's columns on a wide screen; on a narrow one the procedure and the name give way
# first (their tooltips hold them whole), then the rest down to what still reads (NARROWEST:
# column, pixels). The code never does: its tail is the day's number officers call out.
COLUMN_WIDTHS = (190, 170, 330, 60, 88, 132, 132, 130, 80)
NARROWEST = ((2, 88), (1, 108), (7, 108), (3, 48), (4, 84))
FILTER_WIDTH = 320  # a filter box at most; the open list shows the whole procedure name
OFFICER_WIDTH = 360
NORMAL_SIZE = (1360, 800)  # the window restored from maximised, on a screen that has room
DUE_CHOICES = (
    (QT_TRANSLATE_NOOP("MainWindow", "Mọi hạn"), None),
    (QT_TRANSLATE_NOOP("MainWindow", "Quá hạn"), "overdue"),
    (QT_TRANSLATE_NOOP("MainWindow", "Đến hạn hôm nay"), "today"),
    (QT_TRANSLATE_NOOP("MainWindow", "Hạn trong tuần"), "week"),
)
CHANNEL_CHOICES = (
    (QT_TRANSLATE_NOOP("MainWindow", "Mọi kênh"), None),
    (QT_TRANSLATE_NOOP("MainWindow", "Trực tuyến"), 2),
    (QT_TRANSLATE_NOOP("MainWindow", "Trực tiếp"), 1),
    (QT_TRANSLATE_NOOP("MainWindow", "Bưu chính"), 3),
)
LEVEL_CHOICES = (
    (QT_TRANSLATE_NOOP("MainWindow", "Mọi mức độ"), None),
    (QT_TRANSLATE_NOOP("MainWindow", "Mức độ 3"), 3),
    (QT_TRANSLATE_NOOP("MainWindow", "Mức độ 4"), 4),
)


class MainWindow(QMainWindow):
    def __init__(
        self,
        desk: Desk,
        actor: Actor,
        office_name: str,
        workers: Workers | None = None,
        idle_minutes: float | None = None,
    ) -> None:
        super().__init__()
        self._desk, self._actor, self.office_name = desk, actor, office_name
        self.workers: Workers = workers or PoolWorkers()
        # Every act of the window runs through here, off the UI thread; ``changed`` says
        # which dossier changed, and the queue, the deadlines and its tab refresh.
        self.operations = Operations(self.workers, self, self.statusBar().showMessage)
        self.operations.changed.connect(self._after_act)
        self._generation = 0
        self._searched: str | None = None  # the search shown now, if the queue shows one
        self._filters_before_search: list[int] | None = None
        self._layout_saved = load_layout(desk, actor.username)
        self._layout_timer = QTimer(self)  # widths saved once the dragging stops
        self._layout_timer.setSingleShot(True)
        self._layout_timer.setInterval(600)
        self._layout_timer.timeout.connect(self.save_layout)
        self._hidden_dialogs: list[QDialog] = []
        self._fitting = False
        self.setWindowTitle(self.tr("MotCua Desk — {office}").format(office=display(office_name)))

        self.model = QueueModel(desk, actor, self)
        self.table = self._queue_table()
        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(
            self.tr("Tìm: mã hồ sơ, tên người nộp (có dấu hoặc không), số CCCD, số điện thoại")
        )
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.run_search)
        self.search.textChanged.connect(self._on_search_text)
        self.counters = QLabel()
        self.counters.setObjectName("counters")
        self.counters.setWordWrap(True)
        self.banner = QLabel()
        self.banner.setObjectName("banner")
        self.banner.setStyleSheet("background: #e8f0fe; padding: 6px; border-radius: 4px")
        self.banner.setVisible(False)
        self._filters = self._filter_row()

        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        queue_page = QWidget()
        queue_layout = QVBoxLayout(queue_page)
        queue_layout.setContentsMargins(0, 0, 0, 0)
        queue_layout.addLayout(self._filters)
        queue_layout.addWidget(self.counters)
        queue_layout.addWidget(self.table, 1)
        self.tabs.addTab(queue_page, self.tr("Hàng đợi"))
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.conflicts: ConflictsPanel | None = None
        self.deadlines: DeadlinesPanel | None = None
        self.handover: HandoverBatchDialog | None = None
        self.print_forms = PrintForms(self, desk)
        self.print_form: FormDialog | None = None  # the days of a paper of the menu In
        self.paper_offer: PaperOffer | None = None  # a paper of the menu In, offered
        self.batch_print: BatchPrintDialog | None = None

        sync_button = QPushButton(self.tr("Đồng bộ (F5)"))
        sync_button.setObjectName("sync_now")
        sync_button.setAutoDefault(False)
        sync_button.clicked.connect(self.sync_now)
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(sync_button)
        work = QWidget()
        layout = QVBoxLayout(work)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)

        self.lock_page = LockPage(desk, actor, office_name)
        self.lock_page.unlocked.connect(self.unlock)
        self.pages = QStackedWidget()
        self.pages.addWidget(work)
        self.pages.addWidget(self.lock_page)
        self.setCentralWidget(self.pages)

        # Names from the portal's accounts: shown as characters.
        who = plain(QLabel(f"{display(actor.full_name)} — {actor.role.label_vi}"))
        who.setObjectName("officer")
        who.setToolTip(tooltip(f"{actor.full_name} — {actor.role.label_vi} — {office_name}"))
        who.setMaximumWidth(OFFICER_WIDTH)  # a long name must not widen the window
        self.sync = SyncController(desk, actor, self.workers, self)
        self.sync_bar = SyncStatusBar(desk, self.sync)
        self.statusBar().addPermanentWidget(self.sync_bar)
        self.statusBar().addPermanentWidget(who)
        self.sync.finished.connect(self._synced)
        self.sync.failed.connect(lambda m: self.statusBar().showMessage(
            self.tr("Đồng bộ không thành công: {m}").format(m=display(m)), 15_000))  # fmt: skip
        self.sync.new_dossiers.connect(self._announce_pickup)

        self.menus = DeskMenus(self, dict(SHORTCUTS))
        app = QApplication.instance()
        self.scanner = BarcodeScanner(self.open_scanned, parent=self)
        self.idle = IdleWatch(idle_minutes if idle_minutes is not None else lock_minutes(desk),
                              self)  # fmt: skip
        self.idle.idle.connect(self.lock)
        if app is not None:
            app.installEventFilter(self.scanner)
            app.installEventFilter(self.idle)

        # The first page at once, the whole queue (ids only) and the counters on a worker.
        self.model.set_ids(queue_ids(desk, actor, QueueFilter(), limit=PAGE, sort=self.model.order))
        self.show_queue()
        self.sync.refresh_status()

    # --- building ---------------------------------------------------------------------------
    def _queue_table(self) -> QTableView:
        table = QTableView()
        table.setObjectName("queue")
        table.setModel(self.model)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setAlternatingRowColors(True)
        table.verticalHeader().setVisible(False)
        table.setWordWrap(False)
        table.verticalHeader().setDefaultSectionSize(26)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        saved = self._layout_saved
        for column, width in enumerate(saved.widths if saved else COLUMN_WIDTHS):
            table.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        # A click sorts by the column, a second reverses it, a third returns to the queue's
        # own order (new dossiers first, then by due time).
        header.setSortIndicatorClearable(True)
        self.model.order = saved.sort if saved else None
        header.setSortIndicator(*self.model.sort_column())
        table.setSortingEnabled(True)
        self.model.order_changed.connect(self._order_changed)
        header.sectionResized.connect(self._column_resized)
        table.activated.connect(self._open_row)  # Enter or double click
        table.viewport().installEventFilter(self)
        return table

    def _column_resized(self, column: int, _old: int, _new: int) -> None:
        # The officer's drag, not the last column following the window nor our own fitting.
        if not self._fitting and column != self.model.columnCount() - 1:
            self._layout_timer.start()

    def _fit_columns(self) -> None:
        """Until the officer sets widths of their own, fit the columns to the window: on a
        1024-pixel screen the widest give way so that every column shows (the tooltips
        keep what is cut)."""
        if self._layout_saved is not None:
            return
        self._fitting = True
        spare = self.table.viewport().width() - sum(COLUMN_WIDTHS)
        for column, floor in NARROWEST:
            width = max(floor, COLUMN_WIDTHS[column] + min(spare, 0))
            spare += COLUMN_WIDTHS[column] - width
            self.table.setColumnWidth(column, width)
        self._fitting = False

    def save_layout(self) -> None:
        """Remember this officer's column widths and sort (for the next start)."""
        self._layout_timer.stop()
        widths = tuple(self.table.columnWidth(c) for c in range(self.model.columnCount()))
        self._layout_saved = QueueLayout(widths, self.model.order)
        save_layout(self._desk, self._actor.username, self._layout_saved)

    def _order_changed(self) -> None:
        self.save_layout()
        if self._searched is not None:
            self.run_search(self._searched)  # the results shown, in the new order
        else:
            self.show_queue()

    def clear_sort(self) -> None:
        """Back to the queue's own order (Xem menu; a third click on the header too)."""
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)

    def _combo(self, name: str, choices: Sequence[tuple[str, object]]) -> QComboBox:
        box = QComboBox()
        box.setObjectName(name)
        for text, value in choices:
            box.addItem(text, value)
        # As wide as its longest choice where the screen allows, down to a few letters on a
        # small one (the open list and the tooltip show the whole choice).
        natural = box.sizeHint().width()
        box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        box.setMinimumContentsLength(6)
        box.setMaximumWidth(min(natural, FILTER_WIDTH))
        box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        box.view().setMinimumWidth(min(natural, 2 * FILTER_WIDTH))
        box.setToolTip(tooltip(box.currentText()))  # a procedure's name is the portal's
        box.currentIndexChanged.connect(lambda _i, b=box: b.setToolTip(tooltip(b.currentText())))
        box.currentIndexChanged.connect(self._filter_chosen)
        return box

    def _filter_row(self) -> QHBoxLayout:
        procedures, sectors = filter_choices(self._desk)
        states: list[tuple[str, object]] = [(self.tr("Đang giải quyết"), OPEN_STATES),
                                            (self.tr("Tất cả hồ sơ"), ())]  # fmt: skip
        states += [(s.label_vi, (s,)) for s in DossierState]
        self.state_filter = self._combo("state_filter", states)
        self.procedure_filter = self._combo(
            "procedure_filter",
            [(self.tr("Mọi thủ tục"), None), *((display(n), c) for c, n in procedures)])
        self.sector_filter = self._combo(
            "sector_filter", [(self.tr("Mọi lĩnh vực"), None), *((display(s), s) for s in sectors)])
        self.level_filter = self._combo("level_filter", [(self.tr(t), v) for t, v in LEVEL_CHOICES])
        self.due_filter = self._combo("due_filter", [(self.tr(t), v) for t, v in DUE_CHOICES])
        channels = [(self.tr(t), v) for t, v in CHANNEL_CHOICES]
        self.channel_filter = self._combo("channel_filter", channels)
        row = QHBoxLayout()
        self.filter_boxes = (self.state_filter, self.procedure_filter, self.sector_filter,
                             self.level_filter, self.due_filter, self.channel_filter)  # fmt: skip
        for box in self.filter_boxes:
            row.addWidget(box, 1)  # each grows up to its longest choice …
        row.addStretch(0)  # … then the rest of the row stays empty, at its end
        return row

    def build_language_menu(self, menu: QMenu) -> None:
        for code, name in LANGUAGES.items():
            menu.addAction(name, partial(self._choose_language, code))

    def build_print_menu(self) -> QAction:
        """Menu In: a dossier's papers again (also on the queue's context menu), the
        tracking book, the shift handover and the day's acceptance slips in one batch."""
        menu = self.menuBar().addMenu(self.tr("In"))
        menu.setObjectName("print_menu")
        reprint = QAction(self.tr("In lại giấy tờ của hồ sơ…"), self)
        reprint.setObjectName("reprint_action")
        reprint.setShortcut(QKeySequence("Ctrl+P"))
        reprint.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        reprint.triggered.connect(self._unless_locked(self.reprint_current))
        self.addAction(reprint)
        menu.addAction(reprint)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addAction(reprint)
        menu.addSeparator()
        for text, name, slot in (
            (self.tr("Sổ theo dõi hồ sơ…"), "register_action", self.print_register),
            (self.tr("Bàn giao ca…"), "shift_action", self.print_shift),
            (self.tr("In lại giấy tiếp nhận trong ngày…"), "day_slips_action",
             self.print_day),
        ):  # fmt: skip
            action = menu.addAction(text)
            action.setObjectName(name)
            action.triggered.connect(self._unless_locked(slot))
        return reprint

    def _unless_locked(self, slot: Callable[[], object]) -> Callable[[], None]:
        def run() -> None:
            if not self.locked:
                slot()

        return run

    # --- the queue --------------------------------------------------------------------------
    def current_filter(self) -> QueueFilter:
        return QueueFilter(states=self.state_filter.currentData(),
                           procedure_code=self.procedure_filter.currentData(),
                           sector=self.sector_filter.currentData(),
                           level=self.level_filter.currentData(),
                           channel=self.channel_filter.currentData(),
                           due=self.due_filter.currentData())  # fmt: skip

    def show_queue(self) -> None:
        self._generation += 1
        generation, f = self._generation, self.current_filter()
        desk, actor = self._desk, self._actor

        self._searched, order = None, self.model.order

        def load() -> tuple[list[str], dict[DossierState, int]]:
            return queue_ids(desk, actor, f, sort=order), count_by_state(desk, actor)

        def shown(result: tuple[list[str], dict[DossierState, int]]) -> None:
            if generation != self._generation:
                return  # the officer changed the filter meanwhile
            ids, counts = result
            self.model.set_ids(ids)
            self.counters.setText(" · ".join(
                f"{state.label_vi}: <b>{counts[state]}</b>"
                for state in DossierState if counts.get(state)))  # fmt: skip
            self.statusBar().showMessage(self.tr("{n} hồ sơ").format(n=len(ids)))

        self.workers.submit(load, shown, self._show_error)

    def focus_search(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.search.setFocus()
        self.search.selectAll()

    def _filter_chosen(self) -> None:
        self._filters_before_search = None  # the officer chose anew: nothing to restore
        self.show_queue()

    def _set_filters(self, indexes: Sequence[int]) -> None:
        """Show ``indexes`` in the filter boxes without reading the queue for each."""
        for box, index in zip(self.filter_boxes, indexes, strict=True):
            box.blockSignals(True)
            box.setCurrentIndex(index)
            box.setToolTip(tooltip(box.currentText()))
            box.blockSignals(False)

    def _on_search_text(self, text: str) -> None:
        if not text:  # the clear button brings the queue back, as it was filtered
            if self._filters_before_search is not None:
                self._set_filters(self._filters_before_search)
                self._filters_before_search = None
            self.show_queue()

    def run_search(self, text: str | None = None) -> None:
        """Search every dossier of the office for ``text`` (by default the search box's),
        whatever the filters: they are set to “all” while the results show (and said so),
        and come back when the search is cleared."""
        text = (self.search.text() if text is None else text).strip()
        if not text:
            self._on_search_text("")
            return
        if self._filters_before_search is None:
            self._filters_before_search = [box.currentIndex() for box in self.filter_boxes]
        every = [self.state_filter.findData(()), *[0] * (len(self.filter_boxes) - 1)]
        filtered = self._filters_before_search != every
        self._set_filters(every)
        self._generation += 1
        generation, order = self._generation, self.model.order
        self._searched = text
        desk, actor = self._desk, self._actor

        def find() -> list[str]:
            ids = find_dossiers(desk, actor, text)
            return ids if order is None else sorted_ids(desk, actor, ids, order)

        def shown(ids: list[str]) -> None:
            if generation != self._generation:
                return
            self.tabs.setCurrentIndex(0)
            self.model.set_ids(ids)
            message = self.tr("{n} hồ sơ khớp với “{text}”").format(n=len(ids), text=display(text))
            if filtered:
                message += self.tr(" — tìm trong mọi hồ sơ, bộ lọc tạm bỏ (xoá ô tìm để "
                                   "trở lại bộ lọc)")  # fmt: skip
            self.statusBar().showMessage(message)
            if ids:
                self.table.selectRow(0)
                self.table.setFocus(Qt.FocusReason.OtherFocusReason)

        self.workers.submit(find, shown, self._show_error)

    # --- dossiers in tabs ---------------------------------------------------------------------
    @property
    def actor(self) -> Actor:
        return self._actor

    def _open_row(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_dossier(self.model.dossier_id(index.row()))

    def selected_dossier(self) -> str | None:
        """The dossier selected in the queue, when the queue is the tab shown."""
        index = self.table.currentIndex()
        if self.tabs.currentIndex() != 0 or not index.isValid():
            return None
        return self.model.dossier_id(index.row())

    def open_selected(self) -> None:
        """Enter in the queue, from the menu Hồ sơ."""
        dossier_id = self.selected_dossier()
        if dossier_id is not None:
            self.open_dossier(dossier_id)

    def current_view(self) -> DossierView | None:
        """The dossier of the current tab, loaded, if the current tab is a dossier."""
        page = self.tabs.currentWidget()
        return page if isinstance(page, DossierView) and page.detail is not None else None

    def show_queue_tab(self) -> None:
        self.tabs.setCurrentIndex(0)

    def open_scanned(self, text: str) -> bool:
        """What a barcode scanner typed: open its dossier if it is one of this office's."""
        dossier_id = dossier_by_code(self._desk, self._actor, text)
        if dossier_id is None or self.pages.currentWidget() is self.lock_page:
            return False
        self.open_dossier(dossier_id)
        return True

    def dossier_tab(self, dossier_id: str) -> DossierView | None:
        for i in range(self.tabs.count()):
            page = self.tabs.widget(i)
            if isinstance(page, DossierView) and page.dossier_id == dossier_id:
                return page
        return None

    def open_dossier(self, dossier_id: str) -> DossierView:
        view = self.dossier_tab(dossier_id)
        if view is None:
            view = DossierView(self._desk, self._actor, dossier_id, self.workers,
                               operations=self.operations)  # fmt: skip
            index = self.tabs.addTab(view, self.tr("Hồ sơ"))
            view.loaded.connect(lambda v=view: self._name_tab(v))
            self._name_tab(view)
            self.tabs.setCurrentIndex(index)
        self.tabs.setCurrentWidget(view)
        view.checklist.setFocus()
        return view

    def _name_tab(self, view: DossierView) -> None:
        index = self.tabs.indexOf(view)
        if index >= 0 and view.detail is not None:
            self.tabs.setTabText(index, tab_title(view.detail.code))

    def close_current_tab(self) -> None:
        self.close_tab(self.tabs.currentIndex())

    def _show_error(self, error: BaseException) -> None:
        show_error(self, error)

    def close_tab(self, index: int) -> None:
        if index > 0:  # the queue stays
            page = self.tabs.widget(index)
            self.tabs.removeTab(index)
            if page is self.conflicts:
                self.conflicts = None
            if page is self.deadlines:
                self.deadlines = None
            if page is not None:
                page.deleteLater()

    def _after_act(self, dossier_id: str) -> None:
        """An act changed ``dossier_id`` ("": several, e.g. a handover batch): the queue,
        the sync's count of what waits, the deadlines and the dossier's tab show it."""
        self.show_queue()
        self.sync.refresh_status()
        if self.deadlines is not None:
            self.deadlines.reload()
        for i in range(self.tabs.count()):
            page = self.tabs.widget(i)
            if isinstance(page, DossierView) and dossier_id in ("", page.dossier_id):
                page.reload()

    # --- sync and conflicts ---------------------------------------------------------------
    def sync_now(self) -> None:
        if not self.sync.sync_now():
            message = self.tr("Đang đồng bộ…")
            if not self.sync.running:
                message = self.tr("Bàn chưa ghi danh với cổng: làm việc ngoại tuyến.")
            self.statusBar().showMessage(message, 8_000)

    def _synced(self, report: object) -> None:
        summary = getattr(report, "summary_vi", lambda: "")()
        self.statusBar().showMessage(self.tr("Đồng bộ xong. {summary}").format(
            summary=display(summary)), 15_000)  # fmt: skip
        self.show_queue()
        if self.conflicts is not None:
            self.conflicts.reload()
        if self.deadlines is not None:
            self.deadlines.reload()

    def _announce_pickup(self, session: WorkSession, arrived: int) -> None:
        self.banner.setText(self.tr(
            "Đầu {session}: đã kiểm tra hồ sơ trực tuyến trên cổng — <b>{n}</b> hồ sơ mới chờ "
            "tiếp nhận.").format(session=session.label_vi(), n=arrived))  # fmt: skip
        self.banner.setVisible(True)

    def show_conflicts(self) -> ConflictsPanel:
        if self.conflicts is None:
            self.conflicts = ConflictsPanel(self._desk, self._actor, self.workers,
                                            operations=self.operations)  # fmt: skip
            self.tabs.addTab(self.conflicts, self.tr("Xung đột đồng bộ"))
        self.tabs.setCurrentWidget(self.conflicts)
        self.conflicts.reload()
        return self.conflicts

    # --- processing: deadlines and handovers ----------------------------------------------------
    def show_deadlines(self) -> DeadlinesPanel:
        """The supervisor's deadline view (F7), in its own tab."""
        if self.deadlines is None:
            self.deadlines = DeadlinesPanel(self._desk, self._actor, self.workers)
            self.deadlines.open_requested.connect(self.open_dossier)
            self.tabs.addTab(self.deadlines, self.tr("Theo dõi hạn"))
        self.tabs.setCurrentWidget(self.deadlines)
        self.deadlines.reload()
        self.deadlines.table.setFocus()
        return self.deadlines

    def show_handover(self) -> HandoverBatchDialog:
        """Bàn giao a batch of accepted dossiers (F10); the dossier open in the current tab,
        when accepted, is already checked."""
        if self.handover is not None:
            self.handover.raise_()
            return self.handover
        page = self.tabs.currentWidget()
        chosen = [page.dossier_id] if isinstance(page, DossierView) and page.detail is not None \
            and page.detail.state is DossierState.ACCEPTED else []  # fmt: skip
        dialog = HandoverBatchDialog(self, self._desk, self._actor, self.workers, chosen,
                                     self.operations)  # fmt: skip
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r: setattr(self, "handover", None))
        self.handover = dialog
        dialog.open()
        return dialog

    # --- the menu In ------------------------------------------------------------------------
    def reprint_current(self) -> ReprintDialog | None:
        """In lại for the dossier of the current tab, or the one selected in the queue."""
        page = self.tabs.currentWidget()
        if isinstance(page, DossierView):
            return page.reprint()
        index = self.table.currentIndex()
        if self.tabs.currentIndex() != 0 or not index.isValid():
            self.statusBar().showMessage(self.tr("Chọn một hồ sơ để in lại giấy tờ."), 8_000)
            return None
        view = self.open_dossier(self.model.dossier_id(index.row()))
        if view.detail is not None:
            return view.reprint()

        def loaded() -> None:  # read on a worker: the list once the dossier is here
            view.loaded.disconnect(loaded)
            view.reprint()

        view.loaded.connect(loaded)
        return None

    def _ask(self, form: FormDialog, then: Callable[[Any], PaperOffer]) -> FormDialog:
        """Open ``form``; once confirmed, ``then`` offers the paper of what it chose."""
        self.print_form = form
        form.accepted.connect(lambda: then(form.outcome))
        form.finished.connect(lambda _r: form.deleteLater())
        form.open()
        return form

    def print_register(self) -> FormDialog:
        """Sổ theo dõi hồ sơ: the days asked, then the book offered to print."""
        return self._ask(self.print_forms.register(), lambda days: self.offer_register(*days))

    def offer_register(self, first: date, last: date) -> PaperOffer:
        desk, actor = self._desk, self._actor
        self.paper_offer = offer_paper(
            self, desk, self.workers, lambda: papers.register_paper(desk, actor, first, last),
            papers.TITLES[papers.REGISTER])  # fmt: skip
        return self.paper_offer

    def print_shift(self) -> FormDialog:
        """Bàn giao ca: the day and session asked, then the handover offered to print."""
        return self._ask(self.print_forms.shift(), lambda chosen: self.offer_shift(*chosen))

    def offer_shift(self, day: date, session_name: str) -> PaperOffer:
        desk, actor = self._desk, self._actor
        self.paper_offer = offer_paper(
            self, desk, self.workers, lambda: papers.shift_paper(desk, actor, day, session_name),
            papers.TITLES[papers.SHIFT])  # fmt: skip
        return self.paper_offer

    def print_day(self) -> FormDialog:
        """The day's acceptance slips again, in one batch (the printer ran out at noon)."""
        form = self.print_forms.day()
        self.print_form = form
        form.accepted.connect(lambda: self.print_day_slips(form.day_of("day")))
        form.finished.connect(lambda _r: form.deleteLater())
        form.open()
        return form

    def print_day_slips(self, day: date, printer: QPrinter | None = None) -> None:
        """Draw every Giấy tiếp nhận of ``day`` on a worker, then print them with progress
        on ``printer`` (by default the one remembered for slips)."""
        from desktop.ui.printing import BatchPrintDialog, printer_for  # PDFium, Qt print

        desk, actor = self._desk, self._actor
        self.statusBar().showMessage(self.tr("Đang chuẩn bị giấy tiếp nhận…"))

        def drawn(slips: list[papers.Paper]) -> None:
            if not slips:
                self.statusBar().showMessage(self.tr(
                    "Ngày {day} không có hồ sơ nào được tiếp nhận.").format(
                    day=f"{day:%d/%m/%Y}"), 10_000)  # fmt: skip
                return
            dialog = BatchPrintDialog(
                self,
                printer or printer_for(desk, "slip"),
                slip_pdfs(slips),
                lambda done: record_slips(desk, slips, done),
            )
            dialog.job.signals.finished.connect(self._batch_printed)
            dialog.job.signals.failed.connect(self._batch_printed)
            self.batch_print = dialog
            dialog.start()

        self.workers.submit(lambda: day_slips(desk, actor, day), drawn, self._show_error)

    def _batch_printed(self, _result: object) -> None:
        if self.batch_print is not None:
            self.statusBar().showMessage(self.batch_print.outcome, 15_000)

    def start_background(self) -> None:
        """The session pickups (Đ12.8): checked now and every minute while the desk runs."""
        self.sync.pickup_timer.start()
        self.sync.check_session_pickup()
        self.show_reminders()  # a supervisor's: reports falling due, dossiers late this week

    # --- lock -------------------------------------------------------------------------------
    def lock(self) -> None:
        if self.pages.currentWidget() is self.lock_page:
            return
        self._hidden_dialogs = [d for d in self.findChildren(QDialog) if d.isVisible()]
        for dialog in self._hidden_dialogs:
            dialog.hide()
        self.pages.setCurrentWidget(self.lock_page)
        self.menuBar().setEnabled(False)  # a locked desk offers nothing of its work
        self.menus.toolbar.setEnabled(False)
        self.lock_page.password.setFocus()

    @property
    def locked(self) -> bool:
        return self.pages.currentWidget() is self.lock_page

    def unlock(self) -> None:
        self.pages.setCurrentIndex(0)
        self.menuBar().setEnabled(True)
        self.menus.toolbar.setEnabled(True)
        for dialog in self._hidden_dialogs:
            dialog.show()
        self._hidden_dialogs = []
        self.idle.timer.start()

    # --- help and settings ----------------------------------------------------------------
    def show_shortcuts(self) -> QDialog:
        """Every key, in two columns so the list fits a laptop's screen."""
        cells = [f"<td><b>{k}</b></td><td>{self.tr(t)}</td>" for k, t in SHORTCUTS]
        half = (len(cells) + 1) // 2
        right = [*cells[half:], *[""] * (2 * half - len(cells))]
        rows = "".join(f"<tr>{a}<td width=24></td>{b}</tr>"
                       for a, b in zip(cells[:half], right, strict=True))  # fmt: skip
        box = QDialog(self)
        box.setObjectName("shortcuts")
        box.setWindowTitle(self.tr("Phím tắt"))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        table = QLabel(f"<table cellspacing=4>{rows}</table>")
        table.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QPushButton(self.tr("Đóng (Esc)"))
        close.clicked.connect(box.accept)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(box)
        layout.addWidget(table)
        layout.addLayout(buttons)
        close.setFocus()
        box.open()
        return box

    def _choose_language(self, code: str) -> None:
        set_language(self._desk, code)
        self.statusBar().showMessage(self.tr(
            "Đã chọn {language}: áp dụng từ lần mở bàn sau.").format(
            language=LANGUAGES[code]), 10_000)  # fmt: skip

    def show_for_desk(self) -> None:
        """How the desk opens its window: maximised, whatever the screen (1024×768 too);
        restored, it stays within the screen."""
        room = self.screen().availableGeometry()
        self.resize(min(NORMAL_SIZE[0], room.width()), min(NORMAL_SIZE[1], room.height()))
        self.showMaximized()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        table = getattr(self, "table", None)  # None while the window is being built
        if table is not None and watched is table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()  # the table's new room, once the layout gave it
        return super().eventFilter(watched, event)

    def closeEvent(self, event: QCloseEvent) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.scanner)
            app.removeEventFilter(self.idle)
        self.sync.pickup_timer.stop()
        if self._layout_timer.isActive():  # a column dragged just before closing
            self.save_layout()
        super().closeEvent(event)

    def show_settings(self) -> SettingsDialog | None:
        """Cài đặt: the administrator's settings dialog (anyone else is told why not)."""
        return open_settings(self, self._desk, self._actor)

    def show_reports(self) -> QWidget:
        """Báo cáo định kỳ (Đ15), for a supervisor, in its own tab (imported when first
        opened: the officers' window never loads it)."""
        from desktop.ui.reports_view import ReportsView

        view = getattr(self, "reports_view", None)
        if not isinstance(view, ReportsView):
            view = ReportsView(self._desk, self._actor, self.workers)
            self.reports_view = view
            self.tabs.addTab(view, self.tr("Báo cáo định kỳ"))
        self.tabs.setCurrentWidget(view)
        view.period.setFocus()
        return view

    # --- export to Excel ------------------------------------------------------------------------
    def ask_export(self) -> None:
        """Xuất ra Excel…: the deadline view when it is the tab shown, else the queue as
        shown (its filters, or its search, in its order)."""
        deadlines = self.deadlines is not None and self.tabs.currentWidget() is self.deadlines
        name = "theo-doi-han.xlsx" if deadlines else "hang-doi.xlsx"
        chosen, _filter = QFileDialog.getSaveFileName(self, self.tr("Xuất ra Excel"), name,
                                                      "*.xlsx")  # fmt: skip
        if chosen:
            self.export_to(Path(chosen), deadlines)

    def export_to(self, path: Path, deadlines: bool = False) -> None:
        """Write what the officer sees to ``path`` (.xlsx) on the workers, audited."""
        from desktop.services import exports
        from desktop.services.deadlines import Bucket

        desk, actor = self._desk, self._actor
        if deadlines and self.deadlines is not None:
            panel = self.deadlines
            department = panel.department_filter.currentData()
            chosen = panel.bucket_filter.currentData()
            bucket = Bucket(chosen) if chosen else None

            def write() -> int:
                return exports.export_deadlines(desk, actor, path, department, bucket)
        else:
            f, search, order = self.current_filter(), self._searched, self.model.order

            def write() -> int:
                return exports.export_queue(desk, actor, path, f, search, order)

        def written(count: int) -> None:
            self.statusBar().showMessage(self.tr("Đã xuất {n} hồ sơ ra {path}").format(
                n=count, path=display(str(path))))  # fmt: skip

        self.workers.submit(write, written, self._show_error)

    # --- a supervisor's reminders -----------------------------------------------------------------
    def show_reminders(self) -> None:
        """The reports falling due and the dossiers late this week, above the queue; a click
        opens the reports tab or the deadline view."""
        from desktop.services.reminders import Reminder, desk_reminders

        desk, actor = self._desk, self._actor
        if not actor.is_supervisor:
            return
        label = getattr(self, "reminders", None)
        if not isinstance(label, QLabel):
            label = QLabel()
            label.setObjectName("reminders")
            label.setWordWrap(True)
            label.setStyleSheet("background: #fff4e5; padding: 6px; border-radius: 4px")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.linkActivated.connect(self._reminder_clicked)
            queue_page = self.tabs.widget(0)
            page = queue_page.layout() if queue_page is not None else None
            assert isinstance(page, QVBoxLayout)
            page.insertWidget(0, label)
            self.reminders = label
        shown = label

        def shown_reminders(found: list[Reminder]) -> None:
            lines = []
            for r in found:
                target, link = ("reports", self.tr("Mở báo cáo")) if r.kind == "report" else (
                    "deadlines", self.tr("Xem theo dõi hạn"))  # fmt: skip
                lines.append(f"{html.escape(r.text_vi)} <a href='{target}'>{link}</a>")
            shown.setText("<br>".join(lines))
            shown.setVisible(bool(lines))

        self.workers.submit(lambda: desk_reminders(desk, actor), shown_reminders,
                            self._show_error)  # fmt: skip

    def _reminder_clicked(self, target: str) -> None:
        if self.locked:
            return
        if target == "reports":
            self.show_reports()
        else:
            self.show_deadlines()
