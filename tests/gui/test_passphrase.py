"""The passphrase dialog before the login, on a desk whose database key is wrapped under the
administrator's passphrase (no keystore on the machine)."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.services.encryption import encrypt_database
from desktop.store import keys
from desktop.store.db import is_encrypted, open_store
from desktop.ui.passphrase import PassphraseDialog, _long_enough, _unlocks

PASSPHRASE = "mat-khau-bao-ve-ban-1"


@pytest.fixture
def locked_desk(demo_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "desk.db"
    shutil.copy(demo_template, db)
    monkeypatch.setenv(keys.PASSPHRASE_ENV, PASSPHRASE)
    encrypt_database(db)
    assert is_encrypted(db)
    # As a fresh start of the window: no passphrase given, no key unlocked yet.
    monkeypatch.delenv(keys.PASSPHRASE_ENV)
    monkeypatch.setattr(keys, "_unlocked", {})
    monkeypatch.setattr(keys, "_passphrase", [])
    return db


def test_a_wrong_passphrase_is_said_and_the_right_one_opens_the_desk(
    qtbot: QtBot, locked_desk: Path
) -> None:
    assert keys.needs_passphrase(locked_desk)
    before = hashlib.sha256(locked_desk.read_bytes()).hexdigest()
    dialog = PassphraseDialog(_unlocks(locked_desk), new=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.again.isVisible()  # one field to open a desk
    dialog.passphrase.setText("khong-phai-mat-khau")
    dialog.try_accept()
    assert dialog.isVisible()
    assert dialog.error.text().startswith("Mật khẩu bảo vệ cơ sở dữ liệu không đúng")
    assert hashlib.sha256(locked_desk.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in locked_desk.parent.iterdir()) == ["desk.db", "desk.db.khoa"]
    dialog.passphrase.setText(PASSPHRASE)
    dialog.try_accept()
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted
    assert not keys.needs_passphrase(locked_desk)
    store = open_store(locked_desk, check=True)  # what the window does next
    store.close()


def test_a_new_passphrase_is_typed_twice_and_long_enough(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(keys, "_passphrase", [])
    dialog = PassphraseDialog(_long_enough, new=True)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.passphrase.setText("ngan")
    dialog.again.setText("ngan")
    dialog.try_accept()
    assert dialog.error.text() == "Mật khẩu phải có ít nhất 10 ký tự."
    dialog.again.setText("khac-han-mat-khau")
    dialog.try_accept()
    assert dialog.error.text() == "Hai lần nhập mật khẩu không khớp."
    dialog.passphrase.setText(PASSPHRASE)
    dialog.again.setText(PASSPHRASE)
    dialog.try_accept()
    assert dialog.result() == PassphraseDialog.DialogCode.Accepted
    assert keys._given_passphrase() == PASSPHRASE
