"""The `motcua` command line, run as a separate process like an administrator would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from desktop.store.db import connect as connect_db
from desktop.store.db import head_revision
from desktop.store.keys import key_file
from tests.conftest import PASSWORDS
from tests.unit.conftest import copy_desk


def motcua(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def one_clean_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def demo_db(demo_made: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo desk ``motcua demo`` made, a copy of its own for each module."""
    return copy_desk(demo_made, tmp_path_factory.mktemp("cli") / "d.db")


def test_demo_then_due_date(demo_db: Path) -> None:
    result = motcua(
        "due-date", "--db", str(demo_db), "--received", "2026-02-13T16:30", "--days", "5"
    )
    assert (result.returncode, result.stdout) == (0, "2026-02-27\n")


def test_demo_content(demo_db: Path) -> None:
    con = connect_db(demo_db)
    procedures = con.execute("SELECT count(*), min(sample) FROM procedures").fetchone()
    dossiers = con.execute("SELECT count(*), count(DISTINCT state) FROM dossiers").fetchone()
    span = con.execute(
        "SELECT julianday(max(submitted_at)) - julianday(min(submitted_at)) FROM dossiers"
    ).fetchone()[0]
    names = [r[0] for r in con.execute("SELECT applicant_name FROM dossiers LIMIT 50")]
    con.close()
    assert procedures[0] >= 20 and procedures[1] == 1  # all marked as sample data
    assert dossiers[0] >= 500 and dossiers[1] >= 8
    assert span > 150  # spread over about six months
    assert any(ch in "".join(names) for ch in "ễăơưđ")


def test_demo_refuses_a_database_that_has_dossiers(demo_db: Path) -> None:
    line = one_clean_error_line(motcua("demo", "--db", str(demo_db)))
    assert "đã có hồ sơ" in line


def test_due_date_detail_and_half_days(demo_db: Path) -> None:
    result = motcua(
        "due-date",
        "--db",
        str(demo_db),
        "--received",
        "2026-02-13T09:00",
        "--days",
        "0.5",
        "--detail",
    )
    assert result.stdout == "2026-02-13 afternoon 17:00\n"
    result = motcua(
        "due-date",
        "--db",
        str(demo_db),
        "--received",
        "2026-02-13T16:30",
        "--hours",
        "4",
        "--detail",
    )
    assert result.stdout == "2026-02-23 morning 11:00\n"


def test_due_date_by_procedure(demo_db: Path) -> None:
    result = motcua(
        "due-date",
        "--db",
        str(demo_db),
        "--received",
        "2026-02-13T16:30",
        "--procedure",
        "MAU-LLTP-001",
    )  # 10 working days
    assert (result.returncode, result.stdout) == (0, "2026-03-06\n")


def test_db_upgrade_creates_and_is_idempotent(tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    for _ in range(2):
        result = motcua("db", "upgrade", "--db", str(db))
        assert result.returncode == 0 and head_revision() in result.stdout
    # Made encrypted, like every new desk: no SQLite header in clear, a key file beside it.
    assert not db.read_bytes().startswith(b"SQLite format 3") and key_file(db).exists()


def test_user_commands(demo_db: Path, tmp_path: Path) -> None:
    import shutil

    db = tmp_path / "users.db"
    shutil.copy(demo_db, db)
    shutil.copy(key_file(demo_db), key_file(db))  # the demo's database is encrypted
    as_admin = ["--admin", "quantri", "--db", str(db)]
    for args, stdin in (
        (["add", "canbo9", "--name", "Lê Văn Chín"], "quantri-demo\nmat-khau-chin\n"),
        (["lock", "canbo9"], "quantri-demo\n"),
        (["passwd", "canbo9"], "quantri-demo\nmat-khau-moi-9\n"),
    ):
        result = motcua("user", *args, *as_admin, stdin=stdin)
        assert result.returncode == 0, result.stderr
    con = connect_db(db)
    row = con.execute("SELECT role, disabled FROM officers WHERE username='canbo9'").fetchone()
    con.close()
    assert row == ("officer", 1)
    assert motcua("audit", "verify", "--db", str(db)).returncode == 0


@pytest.mark.parametrize(
    ("args", "stdin", "expected"),
    [
        (["due-date", "--received", "13/02/2026 16:30", "--days", "5"], "", "YYYY-MM-DD"),
        (["due-date", "--received", "2026-02-13T16:30", "--days", "năm"], "", "một số"),
        (["due-date", "--received", "2026-02-13T16:30", "--days", "0.3"], "", "nửa ngày"),
        (["due-date", "--received", "2026-02-13T16:30"], "", "--days"),
        (
            [
                "due-date",
                "--received",
                "2026-02-13T16:30",
                "--procedure",
                "KHONG-CO",
                "--db",
                "{demo}",
            ],
            "",
            "Không có thủ tục mã “KHONG-CO”",
        ),
        (["audit", "verify", "--db", "{missing}"], "", "Không tìm thấy"),
        (["audit", "verify", "--db", "{corrupt}"], "", "không phải cơ sở dữ liệu"),
        (
            ["user", "add", "x9", "--name", "X", "--admin", "quantri", "--db", "{demo}"],
            "sai-mat-khau\nmat-khau-dai\n",
            "Sai tên đăng nhập hoặc mật khẩu",
        ),
        (
            ["user", "add", "x9", "--name", "X", "--admin", "canbo1", "--db", "{demo}"],
            "canbo1-demo\nmat-khau-dai\n",
            "không phải quản trị",
        ),
        (["user", "lock", "canbo1", "--db", "{demo}"], "", "--admin"),
        (
            ["user", "lock", "khongco", "--admin", "quantri", "--db", "{demo}"],
            "quantri-demo\n",
            "Không có tài khoản",
        ),
        (["khong-co-lenh"], "", "invalid choice"),
        ([], "", "command"),
    ],
)
def test_bad_input_gives_one_clear_line(
    args: list[str], stdin: str, expected: str, tmp_path: Path, demo_db: Path
) -> None:
    corrupt = tmp_path / "corrupt.db"
    corrupt.write_bytes(b"\x00" * 100)
    paths = {"missing": str(tmp_path / "nope.db"), "corrupt": str(corrupt), "demo": str(demo_db)}
    result = motcua(*[a.format(**paths) for a in args], stdin=stdin)
    assert expected in one_clean_error_line(result)


def test_locked_database_is_a_clear_message(demo_db: Path, tmp_path: Path) -> None:
    import shutil

    db = tmp_path / "locked.db"
    shutil.copy(demo_db, db)
    shutil.copy(key_file(demo_db), key_file(db))  # the demo's database is encrypted
    holder = connect_db(db, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        stdin = f"quantri-demo\n{PASSWORDS['canbo']}\n"
        result = motcua(
            "user", "add", "x9", "--name", "X", "--admin", "quantri", "--db", str(db), stdin=stdin
        )
    finally:
        holder.rollback()
        holder.close()
    assert "khoá" in one_clean_error_line(result)


def test_settings_lock_sets_the_idle_time_for_administrators_only(demo_db: Path) -> None:
    db = str(demo_db)
    refused = motcua("settings", "lock", "--minutes", "0", "--admin", "quantri", "--db", db,
                     stdin="quantri-demo\n")  # fmt: skip
    assert "từ 1 đến 240" in one_clean_error_line(refused)
    done = motcua("settings", "lock", "--minutes", "5", "--admin", "quantri", "--db", db,
                  stdin="quantri-demo\n")  # fmt: skip
    assert done.returncode == 0 and "5 phút" in done.stdout
    wrong = motcua("settings", "lock", "--minutes", "5", "--admin", "canbo1", "--db", db,
                   stdin="canbo1-demo\n")  # fmt: skip
    assert "quản trị" in one_clean_error_line(wrong)


def test_settings_reappointment_for_administrators_only_audited(demo_db: Path) -> None:
    db = str(demo_db)
    refused = motcua("settings", "reappointment", "--max", "-1", "--lead-days", "1",
                     "--admin", "quantri", "--db", db, stdin="quantri-demo\n")  # fmt: skip
    assert "không được âm" in one_clean_error_line(refused)
    done = motcua("settings", "reappointment", "--max", "2", "--lead-days", "0",
                  "--admin", "quantri", "--db", db, stdin="quantri-demo\n")  # fmt: skip
    assert done.returncode == 0 and "tối đa 2 lần" in done.stdout
    wrong = motcua("settings", "reappointment", "--max", "5", "--lead-days", "1",
                   "--admin", "canbo1", "--db", db, stdin="canbo1-demo\n")  # fmt: skip
    assert "quản trị" in one_clean_error_line(wrong)
    with connect_db(db) as conn:
        (value,) = conn.execute("SELECT value FROM settings WHERE key = 'reappointment'").fetchone()
        (audited,) = conn.execute(
            "SELECT count(*) FROM audit_log WHERE action = 'settings.reappointment'"
        ).fetchone()
    assert '"max_reappointments": 2' in value and audited == 1
