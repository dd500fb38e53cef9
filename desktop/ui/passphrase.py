"""Mật khẩu bảo vệ cơ sở dữ liệu — asked before the login on a machine with no keystore,
where the database key is wrapped under the administrator's passphrase (``keys``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.store import keys
from desktop.ui.safe_text import plain

ACCEPTED = QDialog.DialogCode.Accepted


class PassphraseDialog(QDialog):
    """One field (two for a new passphrase); ``check`` says what is wrong, or None."""

    def __init__(
        self, check: Callable[[str], str | None], *, new: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._check = check
        self.setWindowTitle(self.tr("MotCua Desk — Mật khẩu bảo vệ dữ liệu"))
        if new:
            text = self.tr("Máy này không có kho khoá của hệ điều hành. Hãy đặt mật khẩu bảo "
                           "vệ cơ sở dữ liệu (ít nhất {n} ký tự); cần nhập nó mỗi lần mở "
                           "chương trình.").format(n=keys.MIN_PASSPHRASE)  # fmt: skip
        else:
            text = self.tr("Dữ liệu của bàn được mã hoá. Nhập mật khẩu bảo vệ cơ sở dữ liệu "
                           "do quản trị đặt.")  # fmt: skip
        note = plain(QLabel(text))
        note.setWordWrap(True)
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setObjectName("passphrase_again")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = plain(QLabel())
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Mật khẩu"), self.passphrase)
        if new:
            form.addRow(self.tr("Nhập lại"), self.again)
        self.again.setVisible(new)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (note, self.error):
            layout.addWidget(widget)
        layout.insertLayout(1, form)
        layout.addWidget(buttons)

    def try_accept(self) -> None:
        text = self.passphrase.text()
        if self.again.isVisible() and self.again.text() != text:
            self.error.setText(self.tr("Hai lần nhập mật khẩu không khớp."))
            return
        problem = self._check(text)
        if problem is not None:
            self.error.setText(problem)
            self.passphrase.selectAll()
            return
        self.accept()


def _unlocks(database: Path) -> Callable[[str], str | None]:
    def check(text: str) -> str | None:
        keys.give_passphrase(text)
        try:
            keys.database_key(database)
        except keys.DatabaseKeyError as exc:
            return str(exc)
        return None

    return check


def _long_enough(text: str) -> str | None:
    if len(text) < keys.MIN_PASSPHRASE:
        return QCoreApplication.translate(
            "PassphraseDialog", "Mật khẩu phải có ít nhất {n} ký tự."
        ).format(n=keys.MIN_PASSPHRASE)
    keys.give_passphrase(text)
    return None


def unlock_database(database: Path, parent: QWidget | None = None) -> bool:
    """Ask for the passphrase until it unlocks ``database`` (True) or is cancelled."""
    if not keys.needs_passphrase(database):
        return True
    return PassphraseDialog(_unlocks(database), new=False, parent=parent).exec() == ACCEPTED


def choose_passphrase(parent: QWidget | None = None) -> bool:
    """A new passphrase for a new database, when there is no keystore (True: given)."""
    if not keys.new_key_needs_passphrase():
        return True
    return PassphraseDialog(_long_enough, new=True, parent=parent).exec() == ACCEPTED
