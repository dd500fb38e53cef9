"""Xác nhận thao tác — before an act, the officer reads exactly what the citizen will be
told, types the reason where one is required, then confirms (Ctrl+Enter) or goes back
(Esc). The dialog performs the act itself (on a worker, through the window's
``Operations``), so an error keeps it open with the message."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.lifecycle import DomainError
from desktop.ui.errors import describe, show_error
from desktop.ui.safe_text import display, display_lines, plain

if TYPE_CHECKING:
    from desktop.ui.operations import Operations


class ActDialog(Protocol):
    """A confirmation that performs an act: its red line, its confirm button, its outcome."""

    error: QLabel
    confirm: QPushButton
    outcome: object

    def windowTitle(self) -> str: ...
    def accept(self) -> None: ...


def acting(operations: Operations | None) -> bool:
    """An act of this window is on its way: its dialog stays open (Esc, the close button)
    until it is done, so what follows it (the paper it gives) is not lost."""
    return operations is not None and operations.running is not None


def perform_act(dialog: ActDialog, operations: Operations | None, dossier_id: str,
                perform: Callable[..., object], *args: Any) -> None:  # fmt: skip
    """Confirm ``dialog``: ``perform(*args)`` (the values read from its fields already) on
    a worker; once done, its result is the dialog's ``outcome`` and the dialog accepted; a
    broken rule is said in its red line, and the dialog stays open.

    Without ``operations`` (a form that only reads days for the menu In, no act) the work
    is done here, at once."""

    def done(outcome: object) -> None:
        dialog.outcome = outcome
        dialog.accept()

    def refused(exc: DomainError) -> None:
        dialog.error.setText(str(exc))

    if operations is not None:
        if operations.running is None:  # a second Ctrl+Enter while it runs: nothing
            dialog.error.clear()
        operations.run(dialog, dialog.windowTitle(), perform, *args, on_done=done,  # type: ignore[arg-type]
                       refused=refused, dossier_id=dossier_id, busy=(dialog.confirm,))  # fmt: skip
        return
    try:
        outcome = perform(*args)
    except DomainError as exc:
        refused(exc)
        return
    except Exception as exc:
        if describe(exc) is None:
            raise  # a bug: the crash handler keeps a report
        show_error(dialog, exc)  # type: ignore[arg-type]
        return
    done(outcome)


class ConfirmKey(QObject):
    """Ctrl+Enter confirms, wherever the cursor is in the dialog (a text field included,
    where plain Enter starts a new line)."""

    def __init__(self, watched: QWidget, confirm: Callable[[], None]) -> None:
        super().__init__(watched)
        self._confirm = confirm
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier):  # fmt: skip
            self._confirm()
            return True
        return False


class NoticeDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        preview: Callable[[str], str],
        perform: Callable[[str], object],
        reason_label: str | None = None,
        reason: str = "",
        operations: Operations | None = None,
        dossier_id: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(display(title))
        self.setObjectName("notice_dialog")
        self.setMinimumWidth(560)
        self._preview, self._perform = preview, perform
        self._operations, self._dossier_id = operations, dossier_id
        self.outcome: object = None
        layout = QVBoxLayout(self)
        self.reason: QPlainTextEdit | None = None
        if reason_label is not None:
            layout.addWidget(QLabel(reason_label))
            self.reason = QPlainTextEdit(reason)
            self.reason.setObjectName("reason")
            self.reason.setTabChangesFocus(True)
            self.reason.setFixedHeight(72)
            self.reason.textChanged.connect(self._refresh)
            ConfirmKey(self.reason, self.try_perform)
            layout.addWidget(self.reason)
        layout.addWidget(QLabel(self.tr("Công dân sẽ nhận được thông báo:")))
        self.notice = QPlainTextEdit()
        self.notice.setObjectName("notice")
        self.notice.setReadOnly(True)
        layout.addWidget(self.notice, 1)
        self.error = plain(QLabel())  # a rule's message names the dossier, the papers …
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e")
        layout.addWidget(self.error)
        self.confirm = QPushButton(self.tr("Xác nhận (Ctrl+Enter)"))
        self.confirm.setObjectName("confirm")
        self.confirm.clicked.connect(self.try_perform)
        back = QPushButton(self.tr("Quay lại (Esc)"))
        back.clicked.connect(self.reject)
        for button in (self.confirm, back):
            button.setAutoDefault(False)
        ConfirmKey(self, self.try_perform)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.confirm)
        buttons.addWidget(back)
        layout.addLayout(buttons)
        self._refresh()

    def reason_text(self) -> str:
        return self.reason.toPlainText() if self.reason is not None else ""

    def _refresh(self) -> None:
        reason = self.reason_text()
        missing_reason = self.reason is not None and not reason.strip()
        self.confirm.setEnabled(not missing_reason)
        if missing_reason:
            self.notice.setPlainText(self.tr("(Nhập lý do để xem nội dung thông báo.)"))
            return
        try:
            # Plain text already; bounded and without bidi controls, as every field shown.
            self.notice.setPlainText(display_lines(self._preview(reason)))
            self.error.clear()
        except DomainError as exc:
            self.notice.clear()
            self.error.setText(str(exc))

    def reject(self) -> None:
        if not acting(self._operations):
            super().reject()

    def try_perform(self) -> None:
        if acting(self._operations):
            return  # the act is on its way: a second Ctrl+Enter is not a second act
        if not self.confirm.isEnabled():
            self.error.setText(self.tr("Phải nhập lý do."))
            return
        perform_act(self, self._operations, self._dossier_id, self._perform, self.reason_text())
