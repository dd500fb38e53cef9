"""`motcua export queue|deadlines`: the file read back with openpyxl, and the refusals."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.services.exports import DEADLINE_HEADINGS, QUEUE_HEADINGS
from desktop.store.db import connect as connect_db
from tests.unit.conftest import copy_desk
from tests.unit.test_cli import motcua, one_clean_error_line


@pytest.fixture(scope="module")
def demo_db(demo_made: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_desk(demo_made, tmp_path_factory.mktemp("export") / "d.db")


def _rows(path: Path) -> list[tuple[object, ...]]:
    sheet = load_workbook(path).active
    assert sheet is not None
    return list(sheet.iter_rows(values_only=True))


def test_export_queue_and_deadlines(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "hang-doi.xlsx"
    result = motcua("export", "queue", "--db", str(demo_db), "--out", str(out), "--user",
                    "canbo1", stdin="canbo1-demo\n")  # fmt: skip
    assert result.returncode == 0, result.stderr
    con = connect_db(demo_db)
    office = con.execute("SELECT office_code FROM officers WHERE username = 'canbo1'").fetchone()
    open_ = con.execute("SELECT count(*) FROM dossiers WHERE office_code = ? AND is_open = 1",
                        office).fetchone()[0]  # fmt: skip
    exported = con.execute("SELECT after FROM audit_log WHERE action = 'export'").fetchall()
    con.close()
    rows = _rows(out)
    assert rows[0] == QUEUE_HEADINGS and len(rows) - 1 == open_ > 0
    assert f"Đã xuất {open_} hồ sơ (hàng đợi)" in result.stdout
    assert len(exported) == 1 and f'"count": {open_}' in exported[0][0]
    out = tmp_path / "han.xlsx"
    result = motcua("export", "deadlines", "--db", str(demo_db), "--out", str(out),
                    "--bucket", "overdue", "--user", "lanhdao", stdin="lanhdao-demo\n")  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = _rows(out)
    assert rows[0] == DEADLINE_HEADINGS
    assert all(r[8] == "Quá hạn" and isinstance(r[7], int) for r in rows[1:])


def test_export_refuses_a_file_that_is_not_xlsx(demo_db: Path, tmp_path: Path) -> None:
    result = motcua("export", "queue", "--db", str(demo_db), "--out", str(tmp_path / "a.csv"),
                    "--user", "canbo1", stdin="canbo1-demo\n")  # fmt: skip
    assert ".xlsx" in one_clean_error_line(result)
    assert list(tmp_path.iterdir()) == []
