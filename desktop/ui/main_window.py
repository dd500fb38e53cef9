"""Cửa sổ chính — the officer's queue of dossiers."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.lifecycle import DossierState
from desktop.services.context import Actor, Desk
from desktop.services.queue import (
    OPEN_STATES,
    QueueFilter,
    count_by_state,
    find_dossiers,
    queue_ids,
)
from desktop.ui.queue_model import QueueModel


class MainWindow(QMainWindow):
    def __init__(self, desk: Desk, actor: Actor, office_name: str) -> None:
        super().__init__()
        self._desk, self._actor = desk, actor
        self.setWindowTitle(self.tr("MotCua Desk — {office}").format(office=office_name))
        self.model = QueueModel(desk, actor, self)
        self.table = QTableView()
        self.table.setObjectName("queue")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((190, 170, 330, 60, 85, 120, 120, 130, 80)):
            self.table.setColumnWidth(column, width)
        header.setStretchLastSection(True)

        self.search = QLineEdit()
        self.search.setObjectName("search")
        self.search.setPlaceholderText(
            self.tr("Tìm: mã hồ sơ, tên người nộp (có dấu hoặc không), số CCCD, số điện thoại")
        )
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.run_search)
        self.search.textChanged.connect(self._on_search_text)
        QShortcut(QKeySequence("Ctrl+F"), self, self.search.setFocus)

        self.counters = QLabel()
        self.counters.setObjectName("counters")
        self.counters.setWordWrap(True)

        self.state_filter = QComboBox()
        self.state_filter.setObjectName("state_filter")
        self.state_filter.addItem(self.tr("Đang giải quyết"), OPEN_STATES)
        self.state_filter.addItem(self.tr("Tất cả hồ sơ"), ())
        for state in DossierState:
            self.state_filter.addItem(state.label_vi, (state,))
        self.state_filter.currentIndexChanged.connect(self.show_queue)

        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.state_filter)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addLayout(top)
        layout.addWidget(self.counters)
        layout.addWidget(self.table, 1)
        self.setCentralWidget(body)

        who = QLabel(f"{actor.full_name} — {actor.role.label_vi} — {office_name}")
        who.setObjectName("officer")
        self.statusBar().addPermanentWidget(who)
        self.show_queue()

    def show_queue(self) -> None:
        states = self.state_filter.currentData()
        self.model.set_ids(queue_ids(self._desk, self._actor, QueueFilter(states=states)))
        counts = count_by_state(self._desk, self._actor)
        parts = [
            f"{state.label_vi}: <b>{counts[state]}</b>"
            for state in DossierState
            if counts.get(state)
        ]
        self.counters.setText(" · ".join(parts))
        self.statusBar().showMessage(self.tr("{n} hồ sơ").format(n=self.model.rowCount()))

    def _on_search_text(self, text: str) -> None:
        if not text:  # the clear button brings the whole queue back
            self.show_queue()

    def run_search(self) -> None:
        text = self.search.text().strip()
        if not text:
            self.show_queue()
            return
        ids = find_dossiers(self._desk, self._actor, text)
        self.model.set_ids(ids)
        self.statusBar().showMessage(
            self.tr("{n} hồ sơ khớp với “{text}”").format(n=len(ids), text=text)
        )
        if ids:
            self.table.selectRow(0)
            self.table.setFocus(Qt.FocusReason.OtherFocusReason)
