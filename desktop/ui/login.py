"""Đăng nhập — offline, against the desk's own accounts."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.core.lifecycle import DomainError
from desktop.services.accounts import login
from desktop.services.context import Actor, Desk


class LoginDialog(QDialog):
    def __init__(self, desk: Desk, office_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._desk = desk
        self.actor: Actor | None = None
        self.setWindowTitle(self.tr("MotCua Desk — Đăng nhập"))
        title = QLabel(f"<b>{office_name}</b><br>{self.tr('Bộ phận tiếp nhận và trả kết quả')}")
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Tên đăng nhập"), self.username)
        form.addRow(self.tr("Mật khẩu"), self.password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Đăng nhập"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Thoát"))
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def try_login(self) -> None:
        try:
            self.actor = login(self._desk, self.username.text(), self.password.text())
        except DomainError as exc:
            self.error.setText(str(exc))
            self.password.clear()
            self.password.setFocus()
            return
        self.accept()
