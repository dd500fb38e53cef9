"""Crash reports hold tracebacks (file paths, sometimes a citizen's name in a message): they
go to ``bao-cao-loi`` beside the database, readable by the user alone, as new files that
never follow a link planted under their name — not to the shared temporary folder."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from desktop import cli
from desktop.ui import errors
from desktop.ui.errors import ExcInfo


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    previous = os.umask(0o022)  # a desktop session's usual umask: new files readable by all
    yield
    os.umask(previous)


def a_bug() -> ExcInfo:
    try:
        raise RuntimeError("lỗi lập trình: hồ sơ của Nguyễn Văn Ánh")
    except RuntimeError:
        info = sys.exc_info()
    assert info[0] is not None and info[1] is not None
    return info  # type: ignore[return-value]


def plant_links(folder: Path, name: str, victim: Path) -> list[Path]:
    """Links named as the next few seconds' reports would be, all pointing at ``victim``."""
    now = datetime.now()
    links = []
    for s in range(4):
        link = folder / name.format(stamp=f"{now + timedelta(seconds=s):%Y%m%d-%H%M%S}",
                                    pid=os.getpid())  # fmt: skip
        link.symlink_to(victim)
        links.append(link)
    return links


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_the_windows_report_is_private_and_never_written_through_a_planted_link(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "bao-cao-loi"
    folder.mkdir(mode=0o700)
    victim = tmp_path / "ho-so-quan-trong.txt"
    victim.write_text("không được ghi đè")
    links = plant_links(folder, "crash-{stamp}-{pid}.txt", victim)
    report = errors.write_crash_report(folder, a_bug())
    assert report not in links and not report.is_symlink()
    assert mode(report) == 0o600
    assert "Nguyễn Văn Ánh" in report.read_text("utf-8")
    assert victim.read_text() == "không được ghi đè"


def test_a_report_folder_that_is_a_planted_link_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "thu-muc-cua-nguoi-khac"
    elsewhere.mkdir()
    (tmp_path / "bao-cao-loi").symlink_to(elsewhere)
    with pytest.raises(OSError):
        errors.write_crash_report(tmp_path / "bao-cao-loi", a_bug())
    assert list(elsewhere.iterdir()) == []


def test_the_window_keeps_reports_beside_its_database(tmp_path: Path) -> None:
    assert errors.default_report_dir(tmp_path / "desk.db") == tmp_path / "bao-cao-loi"


def test_the_command_lines_report_goes_beside_the_database_not_to_the_shared_tmp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shared = tmp_path / "tmp-chung"  # stands for /tmp, where anyone may plant a link
    shared.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(shared))
    victim = tmp_path / "tep-cua-can-bo.txt"
    victim.write_text("không được ghi đè")
    plant_links(shared, "motcua-crash-{stamp}.txt", victim)

    def bug(_args: object) -> int:
        raise RuntimeError("lỗi lập trình thử nghiệm")

    monkeypatch.setattr(cli, "cmd_due_date", bug)  # a bug inside a command
    database = tmp_path / "ban" / "desk.db"
    code = cli.main(["due-date", "--db", str(database), "--received", "2026-02-13T16:30",
                     "--days", "5"])  # fmt: skip
    err = capsys.readouterr().err
    assert code == cli.EXIT_BUG
    assert victim.read_text() == "không được ghi đè"
    assert len(err.splitlines()) == 1 and "lỗi không mong đợi (RuntimeError)" in err
    (report,) = (tmp_path / "ban" / "bao-cao-loi").glob("crash-*.txt")
    assert str(report) in err
    assert mode(report) == 0o600 and mode(report.parent) == 0o700
    assert "lỗi lập trình thử nghiệm" in report.read_text("utf-8")
