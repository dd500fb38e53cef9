"""The dossier queue as a lazy table model: it holds ids and loads rows a page at a time.

Sorting is the database's (``QueueSort``): a click on a header asks for the ids again in
that order, since only a page of rows is ever loaded.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from desktop.core.calendar import Timeliness
from desktop.core.lifecycle import DossierState
from desktop.services.context import Actor, Desk
from desktop.services.queue import SORT_KEYS, QueueRow, QueueSort, rows_for
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.safe_text import display, tooltip
from desktop.ui.table_model import HeaderedTableModel

PAGE = 100
KEEP_PAGES = 20
_Index = QModelIndex | QPersistentModelIndex
CHANNELS = {1: QT_TRANSLATE_NOOP("QueueModel", "Trực tiếp"),
            2: QT_TRANSLATE_NOOP("QueueModel", "Trực tuyến"),
            3: QT_TRANSLATE_NOOP("QueueModel", "Bưu chính")}  # fmt: skip
# Waiting for the completeness check: what the officer must see first.
NEW_STATES = (DossierState.SUBMITTED, DossierState.SUPPLEMENTED)
# Their code, name and state in bold: a whole bold row needs wider columns than a
# 1024-pixel screen has.
BOLD = (0, 1, 7)


class QueueModel(HeaderedTableModel):
    order_changed = Signal()  # the officer sorted by another column: the ids must follow

    HEADERS = (
        QT_TRANSLATE_NOOP("QueueModel", "Mã hồ sơ"),
        QT_TRANSLATE_NOOP("QueueModel", "Người nộp"),
        QT_TRANSLATE_NOOP("QueueModel", "Thủ tục"),
        QT_TRANSLATE_NOOP("QueueModel", "Mức độ"),
        QT_TRANSLATE_NOOP("QueueModel", "Kênh"),
        QT_TRANSLATE_NOOP("QueueModel", "Ngày nộp"),
        QT_TRANSLATE_NOOP("QueueModel", "Hạn trả"),
        QT_TRANSLATE_NOOP("QueueModel", "Trạng thái"),
        QT_TRANSLATE_NOOP("QueueModel", "Tiến độ"),
    )

    def __init__(self, desk: Desk, actor: Actor, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._desk, self._actor = desk, actor
        self._ids: list[str] = []
        self._rows: dict[str, QueueRow] = {}
        self._pages: list[list[str]] = []  # the pages loaded, oldest first
        self.order: QueueSort | None = None  # None: the queue's own order
        # Made once: data() is asked for them for every cell painted.
        self._late, self._new = QBrush(QColor("#b3261e")), QBrush(QColor("#fff4d6"))
        self._bold = QFont()
        self._bold.setBold(True)

    def set_ids(self, ids: list[str]) -> None:
        self.beginResetModel()
        self._ids, self._rows, self._pages = list(ids), {}, []
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Qt's request (a header clicked; -1 when the sort was cleared): remembered, then
        the window reads the ids again in that order."""
        wanted = None
        if 0 <= column < len(SORT_KEYS):
            wanted = QueueSort(SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder)
        if wanted != self.order:
            self.order = wanted
            self.order_changed.emit()

    def sort_column(self) -> tuple[int, Qt.SortOrder]:
        """The header's indicator for ``order``: (-1, …) when none."""
        if self.order is None:
            return -1, Qt.SortOrder.AscendingOrder
        column = SORT_KEYS.index(self.order.key)
        if self.order.descending:
            return column, Qt.SortOrder.DescendingOrder
        return column, Qt.SortOrder.AscendingOrder

    def dossier_id(self, row: int) -> str:
        return self._ids[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def _row(self, row: int) -> QueueRow | None:
        dossier_id = self._ids[row]
        if dossier_id not in self._rows:
            start = (row // PAGE) * PAGE
            page = self._ids[start : start + PAGE]
            self._rows.update(rows_for(self._desk, self._actor, page))
            # Keep only the pages seen last: scrolling 200,000 rows must not keep them all
            # (memory, and the garbage collector walking them mid-scroll).
            self._pages.append(page)
            if len(self._pages) > KEEP_PAGES:
                for old in self._pages.pop(0):
                    self._rows.pop(old, None)
        return self._rows.get(dossier_id)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        r = self._row(index.row())
        if r is None:  # vanished or not ours: a placeholder, never a crash
            return "…" if role == Qt.ItemDataRole.DisplayRole and index.column() == 0 else None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() in (1, 2):
            # The whole name or procedure (bounded too) when the cell cuts it.
            return tooltip((r.applicant_name, r.procedure_name)[index.column() - 1])
        if role == Qt.ItemDataRole.ToolTipRole:  # a narrow column cuts any text
            return tooltip(self._display(r, index.column())) or None
        late = r.standing is not None and r.standing.timeliness is Timeliness.LATE
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 8 and late:
            return self._late
        if role == Qt.ItemDataRole.FontRole and r.state in NEW_STATES and index.column() in BOLD:
            return self._bold  # new and supplemented dossiers stand out (with their colour)
        if role == Qt.ItemDataRole.BackgroundRole and r.state in NEW_STATES:
            return self._new
        return None

    def _display(self, r: QueueRow, column: int) -> str:
        tz = self._desk.calendar.tz
        match column:
            # The portal's words: bidi controls removed, cut at a few hundred characters
            # (a 1 MB name laid out in a cell froze the window).
            case 0:
                return display(r.code)
            case 1:
                return display(r.applicant_name)
            case 2:
                return display(r.procedure_name)
            case 3:
                return str(r.level)
            case 4:
                return self.tr(CHANNELS[r.channel]) if r.channel in CHANNELS else "?"
            case 5:
                return r.submitted_at.astimezone(tz).strftime("%d/%m/%Y %H:%M")
            case 6:
                if r.due is None:
                    return ""
                due = r.due.deadline.astimezone(tz).strftime("%d/%m/%Y %H:%M")
                if r.reappointed is not None:  # the original stays: lateness counts from it
                    return self.tr("{due} (hẹn lại {new})").format(
                        due=due, new=f"{r.reappointed.date:%d/%m/%Y}")
                return due
            case 7:
                return r.state.label_vi
            case 8:
                if r.state.is_paused:
                    return self.tr("Tạm dừng")  # waiting on the citizen: no countdown
                if r.standing is None:
                    return ""
                if r.resolved:  # the result is in: how it was delivered, not a countdown
                    text = r.standing.timeliness.label_vi
                else:
                    days = r.standing.working_days
                    if r.standing.timeliness is Timeliness.LATE:
                        text = (self.tr("Trễ {n} ngày").format(n=-days) if days
                                else self.tr("Trễ hạn"))  # fmt: skip
                    else:
                        return self.tr("{n} ngày").format(n=days) if days else self.tr("Hôm nay")
                if r.reappointed is not None and r.standing.timeliness is Timeliness.LATE:
                    text += self.tr(" (hẹn lại {new})").format(new=f"{r.reappointed.date:%d/%m/%Y}")
                return text
        return ""
