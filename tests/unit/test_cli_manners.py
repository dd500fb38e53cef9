"""The command line's manners: --version, UTF-8 on any console, every error one line
starting ``motcua:`` with nothing half-made left behind, a desk without the portal's
packages, and the log file."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

import desktop
from desktop.store.db import connect as connect_db

DEMO_PASSWORD = "canbo1-demo"  # what `motcua demo` gives canbo1


def run(*args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    """A command as a user runs it; output read as the UTF-8 it promises to write."""
    result = subprocess.run(
        [sys.executable, *args],
        input=stdin.encode(),
        capture_output=True,
        timeout=120,
        env={**os.environ, **env},
    )
    return subprocess.CompletedProcess(
        result.args, result.returncode, result.stdout.decode(), result.stderr.decode()
    )


def motcua(*args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess[str]:
    return run("-m", "desktop.cli", *args, stdin=stdin, **env)


def one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr and "bao-cao-loi" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("motcua: "), result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A demo database (made by the command, as a user would) and one of its dossiers."""
    db = tmp_path_factory.mktemp("manners") / "desk.db"
    made = motcua("demo", "--db", str(db), "--count", "20")
    assert made.returncode == 0, made.stderr
    with connect_db(db) as conn:
        (code,) = conn.execute(  # an accepted one: its Mẫu 01 can be printed
            "SELECT d.code FROM dossiers d JOIN acts a ON a.dossier_id = d.id "
            "WHERE a.act = 'accept' ORDER BY d.code LIMIT 1"
        ).fetchone()
    return db, code


def test_every_entry_point_says_its_version() -> None:
    for module, prog in (("desktop.cli", "motcua"), ("desktop", "motcua-desk"),
                         ("sync.portal", "motcua-portal")):  # fmt: skip
        result = run("-m", module, "--version")
        assert (result.returncode, result.stdout) == (0, f"{prog} {desktop.__version__}\n")


def test_a_vietnamese_windows_console_gets_utf8_not_a_crash(demo: tuple[Path, str]) -> None:
    # cp1258 (Vietnamese Windows) has no precomposed “ậ”: printing it used to crash.
    result = motcua("audit", "verify", "--db", str(demo[0]), "--offline",
                    PYTHONIOENCODING="cp1258")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Nhật ký kiểm tra toàn vẹn")
    bad = motcua("due-date", "--received", "hôm qua", "--days", "1", PYTHONIOENCODING="cp1258")
    assert one_line(bad).startswith("motcua: lỗi:")


def test_a_bad_out_path_is_one_line_and_prints_nothing(
    demo: tuple[Path, str], tmp_path: Path
) -> None:
    db, code = demo
    missing = tmp_path / "khong-co" / "m01.pdf"
    result = motcua("print", "m01", "--db", str(db), "--dossier", code, "--out", str(missing),
                    "--user", "canbo1", stdin=DEMO_PASSWORD)  # fmt: skip
    assert f"không có thư mục {missing.parent}" in one_line(result)
    assert not missing.parent.exists()
    folder = motcua("print", "m01", "--db", str(db), "--dossier", code, "--out", str(tmp_path),
                    "--user", "canbo1", stdin=DEMO_PASSWORD)  # fmt: skip
    assert "là một thư mục" in one_line(folder)
    assert list(tmp_path.iterdir()) == []
    with connect_db(db) as conn:  # refused before anything was printed or audited
        (printed,) = conn.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'document.print'"
        ).fetchone()
    assert printed == 0


def test_a_port_out_of_range_or_in_use_is_one_line(tmp_path: Path) -> None:
    portal = str(tmp_path / "portal.db")
    for port in ("99999", "0", "tám"):
        result = motcua("portal", "serve", "--db", portal, "--port", port)
        assert "cổng phải là số từ 1 đến 65535" in one_line(result)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = motcua("portal", "serve", "--db", portal, "--port", port)
    assert f"cổng {port} trên 127.0.0.1 đang được chương trình khác dùng" in one_line(result)
    assert not Path(portal).exists()  # refused before the portal's database was made


def test_an_unreachable_portal_is_one_plain_line_and_leaves_no_database(tmp_path: Path) -> None:
    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    db = tmp_path / "desk.db"
    result = motcua("enrol", "--db", str(db), "--portal", f"http://127.0.0.1:{port}",
                    "--code", "AAAA-BBBB-CCCC-DDDD")  # fmt: skip
    line = one_line(result)
    assert line.startswith(f"motcua: lỗi: Không kết nối được cổng http://127.0.0.1:{port}")
    assert "từ chối kết nối" in line
    assert "HTTPConnectionPool" not in line and "Max retries" not in line
    assert list(tmp_path.iterdir()) == []  # no half-made desk database


# Importing any of these fails, as on a desk installed without `motcua-desk[portal]`.
WITHOUT_PORTAL = """
import importlib.abc, sys
class NoPortal(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in {"fastapi", "starlette", "uvicorn", "psycopg"}:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None
sys.meta_path.insert(0, NoPortal())
"""


def test_the_desk_runs_without_the_portal_packages(demo: tuple[Path, str], tmp_path: Path) -> None:
    desk = run("-c", WITHOUT_PORTAL + f"""
import desktop.cli, desktop.ui.app, sync.client.engine
raise SystemExit(desktop.cli.main(["due-date", "--db", {str(demo[0])!r},
                                   "--received", "2026-02-13T16:30", "--days", "5"]))
""")  # fmt: skip
    assert (desk.returncode, desk.stdout, desk.stderr) == (0, "2026-02-27\n", "")
    portal = run("-c", WITHOUT_PORTAL + f"""
import desktop.cli
raise SystemExit(desktop.cli.main(["portal", "serve", "--db", {str(tmp_path / "p.db")!r}]))
""")  # fmt: skip
    line = one_line(portal)
    assert 'pip install "motcua-desk[portal]"' in line and "uvicorn" in line


def test_the_log_records_prints_and_errors(demo: tuple[Path, str], tmp_path: Path) -> None:
    db, code = demo
    logs = tmp_path / "nhat-ky"
    printed = motcua("print", "m01", "--db", str(db), "--dossier", code, "--out",
                     str(tmp_path / "m01.pdf"), "--user", "canbo1", stdin=DEMO_PASSWORD,
                     MOTCUA_LOG_DIR=str(logs))  # fmt: skip
    assert printed.returncode == 0, printed.stderr
    refused = motcua("print", "m01", "--db", str(db), "--dossier", "KHONG-CO", "--out",
                     str(tmp_path / "x.pdf"), "--user", "canbo1", stdin=DEMO_PASSWORD,
                     MOTCUA_LOG_DIR=str(logs))  # fmt: skip
    said = one_line(refused)
    log = (logs / "motcua.log").read_text("utf-8").splitlines()
    assert any("INFO motcua[" in line and f"document.print {code} by canbo1" in line
               for line in log), log  # fmt: skip
    assert any("WARNING" in line and line.endswith(said.removeprefix("motcua: "))
               for line in log), log  # fmt: skip


def test_the_desk_window_can_quit_once_shown(demo: tuple[Path, str], tmp_path: Path) -> None:
    result = run("-m", "desktop", "--db", str(demo[0]), "--quit-after-start",
                 QT_QPA_PLATFORM="offscreen", MOTCUA_LOG_DIR=str(tmp_path))  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "LoginDialog shown; quitting" in (tmp_path / "motcua.log").read_text("utf-8")
