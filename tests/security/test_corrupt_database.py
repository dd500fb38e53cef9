"""A desk database damaged in the middle (a failing disk, a bad copy) is found at start by
SQLite's ``quick_check`` and refused — by the window in a dialog, by the command line in one
line — naming the file and what to do, before the day's work is written into it."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from desktop.store.db import DatabaseCorrupt, open_store


@pytest.fixture
def damaged(demo_template: Path, tmp_path: Path) -> Path:
    """A copy of a real demo desk.db with one page of the dossiers table overwritten in
    the middle of the file; its first pages (header, schema) are intact."""
    path = tmp_path / "desk.db"
    shutil.copy(demo_template, path)
    con = sqlite3.connect(path)
    size = con.execute("PRAGMA page_size").fetchone()[0]
    pages = [n for (n,) in con.execute(
        "SELECT pageno FROM dbstat WHERE name = 'dossiers' AND pagetype = 'leaf' "
        "ORDER BY pageno")]  # fmt: skip
    con.close()
    assert not Path(f"{path}-wal").exists() and len(pages) > 2
    page = pages[len(pages) // 2]
    with path.open("r+b") as f:
        f.seek((page - 1) * size + 8)  # the page's cell pointers, just after its header
        f.write(b"\xff" * 64)
    return path


def test_opening_for_work_refuses_a_damaged_file_naming_it_and_what_to_do(damaged: Path) -> None:
    with pytest.raises(DatabaseCorrupt) as refused:
        open_store(damaged, check=True)
    message = str(refused.value)
    assert message.startswith(f"Cơ sở dữ liệu {damaged} bị hỏng (")
    assert "khôi phục bản sao lưu" in message and "ghi danh lại bàn với cổng" in message
    assert "\n" not in message


def test_the_command_line_says_it_in_one_line_and_fails(damaged: Path) -> None:
    before = damaged.read_bytes()
    # due-date reads only the office's calendar: without the check it would not notice.
    result = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "due-date", "--db", str(damaged),
         "--received", "2026-02-13T16:30", "--days", "5"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"motcua: lỗi: Cơ sở dữ liệu {damaged} bị hỏng")
    assert result.stdout == ""
    assert damaged.read_bytes() == before  # refused without writing a byte


WINDOW = textwrap.dedent("""
    import sys
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox
    import desktop.ui.app as app

    class Watched(QApplication):
        # Reads the first dialog the desk opens, then closes it as the officer would.
        def __init__(self, argv):
            super().__init__(argv)
            self.seen = False
            QTimer.singleShot(0, self.read)

        def read(self):
            box = QApplication.activeModalWidget()
            if box is None:
                QTimer.singleShot(20, self.read)
                return
            if isinstance(box, QMessageBox):
                print("TITLE", box.text())
                print("TEXT", box.informativeText().replace("\\n", " "))
                box.reject()
            else:  # the login, up while the check runs on a worker: the officer waits
                if not self.seen:
                    print("LOGIN", type(box).__name__)
                self.seen = True
                QTimer.singleShot(20, self.read)

    app.QApplication = Watched
    print("EXIT", app.main(["--db", sys.argv[1]]))
""")


def test_the_window_shows_it_in_a_dialog_and_does_not_open(damaged: Path) -> None:
    # The check runs on a worker while the login waits; what it finds closes the login.
    result = subprocess.run([sys.executable, "-c", WINDOW, str(damaged)], capture_output=True,
                            text=True, timeout=120)  # fmt: skip
    out = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert out.get("TITLE") == "Cơ sở dữ liệu bị hỏng", result.stdout + result.stderr
    assert out["TEXT"].startswith(f"Cơ sở dữ liệu {damaged} bị hỏng (")
    assert "khôi phục bản sao lưu gần nhất" in out["TEXT"]
    assert f"The database {damaged} is damaged" in out["TEXT"]  # English after
    assert out["EXIT"] == "2"


def test_a_sound_database_opens_as_before(demo_template: Path, tmp_path: Path) -> None:
    shutil.copy(demo_template, tmp_path / "desk.db")
    open_store(tmp_path / "desk.db", check=True).close()


def test_the_window_check_reports_damage_to_its_refusal(damaged: Path) -> None:
    from desktop.ui.integrity import StartCheck
    from desktop.ui.workers import InlineWorkers

    store = open_store(damaged, check_if_upgrading=True)  # up to date: no check yet
    refused: list[BaseException] = []
    try:
        check = StartCheck(store, InlineWorkers(), refused.append)
    finally:
        store.engine.dispose()
    assert check.done and isinstance(check.damage, DatabaseCorrupt)
    assert refused == [check.damage]
    assert str(check.damage).startswith(f"Cơ sở dữ liệu {damaged} bị hỏng (")


def test_the_window_check_passes_a_sound_file(demo_template: Path, tmp_path: Path) -> None:
    from desktop.ui.integrity import StartCheck
    from desktop.ui.workers import InlineWorkers

    shutil.copy(demo_template, tmp_path / "desk.db")
    store = open_store(tmp_path / "desk.db")
    refused: list[BaseException] = []
    check = StartCheck(store, InlineWorkers(), refused.append)
    store.close()
    assert check.done and check.damage is None and refused == []
