"""Khoá màn hình — after the administrator's idle time without a key or a click the desk
hides the officer's work behind a lock page; the officer's own password (or a supervisor's)
opens it again. Ctrl+L locks at once when the officer steps away."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.core.lifecycle import DomainError
from desktop.services.accounts import login
from desktop.services.context import Actor, Desk
from desktop.ui.safe_text import escaped, plain, rich

ACTIVITY = (QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.Wheel)


class IdleWatch(QObject):
    """Emits ``idle`` once after ``minutes`` without a key press, click or wheel turn."""

    idle = Signal()

    def __init__(self, minutes: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(int(minutes * 60_000))
        self.timer.timeout.connect(self.idle)
        self.timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY:
            self.timer.start()  # restarts the countdown
        return False


class LockPage(QWidget):
    """What the locked desk shows: who it belongs to, and a password field."""

    unlocked = Signal()

    def __init__(self, desk: Desk, actor: Actor, office_name: str,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._desk, self._actor = desk, actor
        self.setObjectName("lock_page")
        title = rich(QLabel(self.tr("<h2>Bàn làm việc đã khoá</h2>{name} — {office}").format(
            name=escaped(actor.full_name), office=escaped(office_name))))  # fmt: skip
        self.username = QLineEdit(actor.username)
        self.username.setObjectName("lock_username")
        self.password = QLineEdit()
        self.password.setObjectName("lock_password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.returnPressed.connect(self.try_unlock)
        self.error = plain(QLabel())
        self.error.setObjectName("lock_error")
        self.error.setStyleSheet("color: #b3261e")
        button = QPushButton(self.tr("Mở khoá"))
        button.setObjectName("unlock")
        button.clicked.connect(self.try_unlock)
        form = QFormLayout()
        form.addRow(self.tr("Tên đăng nhập"), self.username)
        form.addRow(self.tr("Mật khẩu"), self.password)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(button)
        layout.addStretch(2)
        self.may_unlock: Callable[[Actor], bool] = lambda a: (
            a.officer_id == actor.officer_id or a.is_supervisor)

    def try_unlock(self) -> None:
        try:
            who = login(self._desk, self.username.text(), self.password.text())
        except DomainError as exc:
            self.error.setText(str(exc))
            self.password.clear()
            return
        if not self.may_unlock(who):
            self.error.setText(
                self.tr("Chỉ cán bộ đang làm việc hoặc lãnh đạo bộ phận được mở khoá.")
            )
            self.password.clear()
            return
        self.password.clear()
        self.error.clear()
        self.unlocked.emit()
