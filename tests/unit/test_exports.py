"""Xuất ra Excel: the queue and the deadline view written as the officer sees them, read
back with openpyxl — dates as dates, numbers as numbers, the office's dossiers only, and
every export audited."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from desktop.core.lifecycle import DossierState
from desktop.services.context import Actor, Desk
from desktop.services.deadlines import Bucket, deadline_rows
from desktop.services.demo import ManualClock
from desktop.services.exports import (
    DEADLINE_HEADINGS,
    QUEUE_HEADINGS,
    ExportError,
    export_deadlines,
    export_queue,
)
from desktop.services.queue import QueueFilter, QueueSort, queue_ids
from desktop.store.models import AuditEntry
from tests.conftest import OTHER_OFFICE
from tests.unit.test_deadlines import KINH_TE, TU_PHAP, at, code, start


def _sheet(path: Path) -> list[tuple[object, ...]]:
    book = load_workbook(path)
    sheet = book.active
    assert sheet is not None
    return list(sheet.iter_rows(values_only=True))


def _exports(desk: Desk) -> list[AuditEntry]:
    with desk.store.read() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == "export")))


@pytest.fixture
def worked(desk: Desk, officer: Actor, clock: ManualClock) -> dict[str, str]:
    ids = {
        "A": start(desk, officer, clock, "A", at(2, 23, 8), TU_PHAP),  # due Mon 2/3
        "B": start(desk, officer, clock, "B", at(2, 26, 8), KINH_TE),  # due Thu 5/3
        "D": start(desk, officer, clock, "D", at(3, 5, 8)),  # due Thu 12/3, at the desk
    }
    clock.now = at(3, 3, 9)
    return ids


def test_queue_export_is_the_queue_as_shown(
    desk: Desk, officer: Actor, worked: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "hang-doi.xlsx"
    order = QueueSort("code", descending=True)
    assert export_queue(desk, officer, out, QueueFilter(), sort=order) == 3
    rows = _sheet(out)
    assert rows[0] == QUEUE_HEADINGS
    assert [r[0] for r in rows[1:]] == [code("D"), code("B"), code("A")]
    d = rows[1]
    assert d[1] == "Công dân D" and d[3] == 3 and isinstance(d[3], int)  # mức độ 3, a number
    assert isinstance(d[5], datetime)  # Ngày nộp: a date and time Excel can sort
    assert d[6] == datetime(2026, 3, 12)  # Hạn trả: the date itself (openpyxl reads a datetime)
    assert d[8] == DossierState.ACCEPTED.label_vi
    a = rows[3]
    assert a[9] == "Trễ hạn" and a[10] == -1  # overdue by one working day, as a number
    # Only the overdue ones, as the filter shows them.
    assert export_queue(desk, officer, out, QueueFilter(due="overdue")) == 1
    assert [r[0] for r in _sheet(out)[1:]] == [code("A")]
    # A search shows every state; the export follows it.
    assert export_queue(desk, officer, out, search="Công dân B") == 1
    assert [r[0] for r in _sheet(out)[1:]] == [code("B")]
    audit = _exports(desk)
    after = [e.after or {} for e in audit]
    assert [a.get("count") for a in after] == [3, 1, 1]
    assert after[0]["kind"] == "queue" and after[1]["due"] == "overdue"
    assert after[2]["search"] == "Công dân B" and audit[0].officer_id == officer.officer_id


def test_an_export_shows_only_the_officers_office(
    desk: Desk, officer: Actor, worked: dict[str, str], tmp_path: Path
) -> None:
    stranger = Actor(officer.officer_id, "la", "Người lạ", officer.role, OTHER_OFFICE)
    out = tmp_path / "la.xlsx"
    assert export_queue(desk, stranger, out) == 0
    assert export_deadlines(desk, stranger, out) == 0
    assert _sheet(out) == [DEADLINE_HEADINGS]
    assert len(queue_ids(desk, officer, QueueFilter())) == 3


def test_deadline_export_follows_the_chosen_department(
    desk: Desk, supervisor: Actor, worked: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "han.xlsx"
    assert export_deadlines(desk, supervisor, out) == len(deadline_rows(desk, supervisor)) == 3
    rows = _sheet(out)
    assert rows[0] == DEADLINE_HEADINGS
    assert [(r[0], r[3], r[7], r[8]) for r in rows[1:]] == [
        (code("A"), TU_PHAP, -1, Bucket.OVERDUE.label_vi),
        (code("B"), KINH_TE, 2, Bucket.SOON.label_vi),
        (code("D"), "Bộ phận một cửa (chưa bàn giao)", 7, Bucket.LATER.label_vi),
    ]
    assert rows[1][5] == datetime(2026, 3, 2) and isinstance(rows[1][7], int)
    assert export_deadlines(desk, supervisor, out, department=KINH_TE) == 1
    assert [r[0] for r in _sheet(out)[1:]] == [code("B")]
    entry = _exports(desk)[-1]
    assert entry.after == {"kind": "deadlines", "count": 1, "file": "han.xlsx",
                           "department": KINH_TE, "bucket": None}  # fmt: skip
    assert json.dumps(entry.after, ensure_ascii=False)  # stored as plain JSON


def test_a_bad_target_writes_nothing_and_audits_nothing(desk: Desk, officer: Actor,
                                                        tmp_path: Path) -> None:  # fmt: skip
    folder = tmp_path / "xuat"
    folder.mkdir()
    with pytest.raises(ExportError, match=r"\.xlsx"):
        export_queue(desk, officer, folder / "hang-doi.csv")
    with pytest.raises(ExportError, match="thư mục"):
        export_queue(desk, officer, folder / "khong-co" / "a.xlsx")
    with pytest.raises(ExportError, match="thư mục"):
        export_deadlines(desk, officer, folder)
    assert list(folder.iterdir()) == [] and _exports(desk) == []
