"""Đăng nhập — offline, against the desk's own accounts."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
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


class LoginDialog(QDialog):
    def __init__(self, desk: Desk, office_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("MotCua Desk — Đăng nhập"))
        desk_name = self.tr("Bộ phận tiếp nhận và trả kết quả")
        # The office's name comes from the portal: escaped in the label's own markup.
        title = rich(QLabel(f"<b>{escaped(office_name)}</b><br>{desk_name}"))
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = plain(QLabel())
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Tên đăng nhập"), self.username)
        form.addRow(self.tr("Mật khẩu"), self.password)
        # Plain buttons, none default: Enter is handled by the fields (next field, then log
        # in), so Enter in the name field never tries an empty password.
        log_in = QPushButton(self.tr("Đăng nhập"))
        log_in.setObjectName("login")
        leave = QPushButton(self.tr("Thoát"))
        for button in (log_in, leave):
            button.setAutoDefault(False)
        log_in.clicked.connect(self.try_login)
        leave.clicked.connect(self.reject)
        self.username.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.try_login)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(log_in)
        buttons.addWidget(leave)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def try_login(self) -> None:
        try:
            self.actor = login(self._desk, self.username.text(), self.password.text())
        except DomainError as exc:
            self.error.setText(str(exc))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()
