"""`motcua portal calendar …`, `motcua calendar override` and `motcua due-date --days 0`,
run as separate processes on real database files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from desktop.store.db import connect as connect_db
from tests.unit.test_cli import demo_db, motcua, one_clean_error_line

__all__ = ["demo_db"]  # the desk fixture, shared with test_cli


@pytest.fixture(scope="module")
def portal_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("portal") / "portal.db"
    result = motcua("portal", "init-demo", "--db", str(path))
    assert result.returncode == 0, result.stderr
    return str(path)


def test_init_demo_loads_2026_and_2027(portal_db: str) -> None:
    shown = motcua("portal", "calendar", "show", "--year", "2026", "--db", portal_db)
    assert shown.returncode == 0, shown.stderr
    assert "02/01/2026 Thứ Sáu" in shown.stdout and "12729/VPCP-KGVX" in shown.stdout
    assert "10/01/2026 Thứ Bảy   làm" in shown.stdout
    assert "06/02/2027" not in shown.stdout
    both = motcua("portal", "calendar", "show", "--db", portal_db)
    assert "Năm 2027: Dự kiến" in both.stdout and "chưa có thông báo chính thức" in both.stdout


@pytest.mark.slow
def test_set_and_hours_move_the_version_and_bad_input_writes_nothing(portal_db: str) -> None:
    def version() -> int:
        with sqlite3.connect(portal_db) as con:
            (value,) = con.execute(
                "select int_value from portal_meta where key = 'calendar_version'"
            ).fetchone()
        return int(value)

    start = version()
    done = motcua("portal", "calendar", "set", "2026-11-24", "nghỉ", "--note",
                  "Ngày Văn hóa Việt Nam", "--source", "thông báo (thử)",
                  "--db", portal_db)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "24/11/2026" in done.stdout and version() == start + 1
    hours = motcua("portal", "calendar", "hours", "--office", "XA-TAMDUONG", "--morning",
                   "07:00-11:00", "--afternoon", "13:00-16:30", "--db", portal_db)  # fmt: skip
    assert hours.returncode == 0, hours.stderr
    assert version() == start + 2
    shown = motcua("portal", "calendar", "show", "--year", "2026", "--db", portal_db).stdout
    assert "24/11/2026 Thứ Ba    nghỉ Ngày Văn hóa Việt Nam [thông báo (thử)]" in shown
    assert "XA-TAMDUONG: sáng 07:00-11:00, chiều 13:00-16:30" in shown

    for args, words in [
        (["set", "2026-13-01", "nghỉ", "--note", "x"], "YYYY-MM-DD"),
        (["set", "2026-11-25", "vắng", "--note", "x"], "“nghỉ” hoặc “làm”"),
        (["set", "2028-01-03", "nghỉ", "--note", "x"], "năm 2028 chưa có lịch"),
        (["set", "2026-11-25", "nghỉ", "--note", "  "], "cần --note"),
        (
            [
                "hours",
                "--office",
                "KHONG-CO",
                "--morning",
                "07:00-11:00",
                "--afternoon",
                "13:00-16:30",
            ],
            "không có cơ quan",
        ),
        (
            ["hours", "--office", "XA-TAMDUONG", "--morning", "7-11", "--afternoon", "13:00-16:30"],
            "HH:MM-HH:MM",
        ),
        (
            [
                "hours",
                "--office",
                "XA-TAMDUONG",
                "--morning",
                "07:00-12:00",
                "--afternoon",
                "11:00-16:30",
            ],
            "không hợp lệ",
        ),
        (["show", "--year", "2031"], "chưa có năm 2031"),
        (["load", "--file", "/khong/co/tep.txt"], "Không tìm thấy tệp lịch"),
    ]:
        assert words in one_clean_error_line(motcua("portal", "calendar", *args, "--db", portal_db))
    assert version() == start + 2


def test_load_names_the_bad_line_and_loads_nothing(portal_db: str, tmp_path: Path) -> None:
    bad = tmp_path / "lich.txt"
    bad.write_text("năm 2027\n2027-01-01 nghỉ Tết\n2027-02-30 nghỉ sai\n", encoding="utf-8")
    line = one_clean_error_line(motcua("portal", "calendar", "load", "--file", str(bad),
                                       "--db", portal_db))  # fmt: skip
    assert "lich.txt, dòng 3" in line
    shown = motcua("portal", "calendar", "show", "--year", "2027", "--db", portal_db).stdout
    assert "06/02/2027" in shown  # the 2027 schedule is still the one loaded before


def test_due_date_within_the_day() -> None:
    # No --db and no desk yet: the province calendar shipped with the desk.
    same_day = motcua("due-date", "--received", "2026-01-09T14:30", "--days", "0", "--detail")
    assert same_day.stdout.strip() == "2026-01-09 afternoon 17:00", same_day.stderr
    late = motcua("due-date", "--received", "2026-01-09T15:10", "--days", "0", "--cutoff",
                  "16:00")  # fmt: skip
    assert late.stdout.strip() == "2026-01-09"
    after = motcua("due-date", "--received", "2026-01-09T15:10", "--days", "0")
    assert after.stdout.strip() == "2026-01-10"  # 12729/VPCP-KGVX: Saturday 10/1 worked
    swap = motcua("due-date", "--received", "2025-12-31T10:00", "--days", "2")
    assert swap.stdout.strip() == "2026-01-06"
    for args, words in [
        (["--days", "1", "--cutoff", "15:00"], "--days 0"),
        (["--days", "0", "--cutoff", "3pm"], "HH:MM"),
        (["--hours", "0"], "lớn hơn 0"),
    ]:
        result = motcua("due-date", "--received", "2026-01-09T15:10", *args)
        assert words in one_clean_error_line(result)


def test_desk_override_is_for_administrators_and_audited(demo_db: Path) -> None:
    db = str(demo_db)
    before = motcua("due-date", "--db", db, "--received", "2026-03-02T09:00", "--days", "1")
    assert before.stdout.strip() == "2026-03-03"
    refused = motcua("calendar", "override", "2026-03-03", "nghỉ", "--note", "Mất điện",
                     "--admin", "canbo1", "--db", db, stdin="canbo1-demo\n")  # fmt: skip
    assert "quản trị" in one_clean_error_line(refused)
    bad = motcua("calendar", "override", "2026-03-03", "nghỉ", "--note", " ",
                 "--admin", "quantri", "--db", db, stdin="quantri-demo\n")  # fmt: skip
    assert "ghi chú" in one_clean_error_line(bad)
    done = motcua("calendar", "override", "2026-03-03", "nghỉ", "--note",
                  "Mất điện cả ngày (Công văn số 12/UBND)", "--admin", "quantri", "--db", db,
                  stdin="quantri-demo\n")  # fmt: skip
    assert done.returncode == 0, done.stderr
    after = motcua("due-date", "--db", db, "--received", "2026-03-02T09:00", "--days", "1")
    assert after.stdout.strip() == "2026-03-04"
    with connect_db(db) as con:
        entry = con.execute(
            "select action, subject from audit_log where action = 'calendar.override'"
        ).fetchall()
    assert entry == [("calendar.override", "2026-03-03")]
    assert motcua("audit", "verify", "--offline", "--db", db).returncode == 0
