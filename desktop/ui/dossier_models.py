"""Models of the dossier view: the papers checklist (with the officer's verdicts) and the
timeline of acts. Both are plain table models, checked by ``qtmodeltester`` in the tests."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractItemModel,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from desktop.services.dossier_view import ChecklistItem, TimelineEntry
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.safe_text import display, tooltip
from desktop.ui.table_model import HeaderedTableModel

_Index = QModelIndex | QPersistentModelIndex
V = TypeVar("V", bound=StrEnum)
BAD = QColor("#b3261e")
GOOD = QColor("#1b5e20")


class ChecksModel(HeaderedTableModel, Generic[V]):
    """Papers with a verdict and a note the officer sets, one row a paper.

    Used for both checks: ``PaperVerdict`` at reception, ``OriginalVerdict`` at return.
    The verdict column edits as a list of the enum's values (``EditRole`` takes the value).
    """

    HEADERS = (
        QT_TRANSLATE_NOOP("ChecksModel", "STT"),
        QT_TRANSLATE_NOOP("ChecksModel", "Giấy tờ"),
        QT_TRANSLATE_NOOP("ChecksModel", "Loại"),
        QT_TRANSLATE_NOOP("ChecksModel", "Bản quét"),
        QT_TRANSLATE_NOOP("ChecksModel", "Kết quả kiểm tra"),
        QT_TRANSLATE_NOOP("ChecksModel", "Ghi chú"),
    )
    VERDICT, NOTE = 4, 5

    def __init__(
        self,
        items: Sequence[ChecklistItem],
        verdicts: type[V],
        initial: Callable[[ChecklistItem], V],
        good: V,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.items = list(items)
        self.choices = list(verdicts)
        self._good = good
        self._verdicts: list[V] = [initial(i) for i in self.items]
        self._notes = ["" for _ in self.items]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.items)

    def flags(self, index: _Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid() and index.column() in (self.VERDICT, self.NOTE):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item, column = self.items[index.row()], index.column()
        verdict = self._verdicts[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (str(item.position), display(item.name), f"{item.kind.label_vi} × {item.count}",
                    self._scan_label(item), verdict.label_vi,  # type: ignore[attr-defined]
                    display(self._notes[index.row()]))[column]  # fmt: skip
        if role == Qt.ItemDataRole.EditRole and column == self.VERDICT:
            return verdict.value
        if role == Qt.ItemDataRole.EditRole and column == self.NOTE:
            return self._notes[index.row()]
        if role == Qt.ItemDataRole.ForegroundRole and column == self.VERDICT:
            return QBrush(GOOD if verdict == self._good else BAD)
        if role == Qt.ItemDataRole.ToolTipRole and column == 1:
            return tooltip(item.file_name) or None
        return None

    def _scan_label(self, item: ChecklistItem) -> str:
        if not item.attached:
            return self.tr("Không đính kèm")
        return display(item.file_name) if item.on_desk else self.tr("Chưa tải về")

    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        row, column = index.row(), index.column()
        if column == self.VERDICT:
            matching = [v for v in self.choices if v.value == value or v == value]
            if not matching:
                return False
            self._verdicts[row] = matching[0]
        elif column == self.NOTE:
            self._notes[row] = str(value)
        else:
            return False
        self.dataChanged.emit(index, index, [Qt.ItemDataRole.DisplayRole,
                                             Qt.ItemDataRole.EditRole])  # fmt: skip
        return True

    # --- for the view and the dialogs -----------------------------------------------------------
    def set_verdict(self, row: int, verdict: V, note: str | None = None) -> None:
        self.setData(self.index(row, self.VERDICT), verdict.value)
        if note is not None:
            self.setData(self.index(row, self.NOTE), note)

    def verdict(self, row: int) -> V:
        return self._verdicts[row]

    def note(self, row: int) -> str:
        return self._notes[row]


class VerdictDelegate(QStyledItemDelegate):
    """A list of the verdicts to choose from, in the verdict column."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: _Index) -> QWidget:  # fmt: skip
        model = index.model()
        if not isinstance(model, ChecksModel):
            return super().createEditor(parent, option, index)
        box = QComboBox(parent)
        for verdict in model.choices:
            box.addItem(verdict.label_vi, verdict.value)
        return box

    def setEditorData(self, editor: QWidget, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))
        else:
            super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: _Index) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
        else:
            super().setModelData(editor, model, index)


class TimelineModel(HeaderedTableModel):
    HEADERS = (
        QT_TRANSLATE_NOOP("TimelineModel", "Thời điểm"),
        QT_TRANSLATE_NOOP("TimelineModel", "Thao tác"),
        QT_TRANSLATE_NOOP("TimelineModel", "Cán bộ"),
        QT_TRANSLATE_NOOP("TimelineModel", "Bàn"),
        QT_TRANSLATE_NOOP("TimelineModel", "Trạng thái sau"),
        QT_TRANSLATE_NOOP("TimelineModel", "Chi tiết"),
    )

    def __init__(self, entries: Sequence[TimelineEntry], tz: Any,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.entries, self._tz = list(entries), tz

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.entries):
            return None
        e = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (e.at.astimezone(self._tz).strftime("%d/%m/%Y %H:%M"), e.act.label_vi,
                    display(e.officer), display(e.desk), e.to_state.label_vi,
                    display(e.details))[index.column()]  # fmt: skip
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 5:
            return tooltip(e.details) or None
        return None


class VerdictKeys(QObject):
    """Keyboard-first checking: in a checks table, a number key sets the current paper's
    verdict; a verdict that needs a note opens the note for typing."""

    def __init__(self, table: QTableView, keys: dict[Qt.Key, StrEnum], needs_note: StrEnum) -> None:
        super().__init__(table)
        self._table, self._keys, self._needs_note = table, keys, needs_note
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        model = self._table.model()
        if (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and isinstance(model, ChecksModel) and event.key() in self._keys):  # fmt: skip
            row = self._table.currentIndex().row()
            if row >= 0:
                verdict = self._keys[Qt.Key(event.key())]
                model.set_verdict(row, verdict)
                if verdict == self._needs_note:
                    self._table.edit(model.index(row, ChecksModel.NOTE))
                return True
        return super().eventFilter(watched, event)
