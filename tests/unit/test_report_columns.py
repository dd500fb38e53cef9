"""Who holds a dossier (``dossiers.held_by`` / ``held_since``) and a feedback act's rating
(``acts.rating``) are kept beside the acts for the reports: written by the acts that hand
a dossier over or on and record a rating, filled from the acts by the migration that
added them — and always what the acts themselves say."""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from desktop.core.calendar import OFFICE_TZ
from desktop.services import processing
from desktop.services.accounts import login
from desktop.services.context import Desk
from desktop.services.demo import ManualClock
from desktop.services.reports import periodic_report
from desktop.services.settings import open_desk
from desktop.store.db import (
    Store,
    dbapi,
    downgrade_schema,
    head_revision,
    inspect_revision,
    open_store,
)
from desktop.store.db import connect as connect_desk_db

# Per dossier, its latest hand-over or hand-on (the highest id: acts are only appended).
_FROM_ACTS = """
SELECT d.id, d.held_by, d.held_since, h.department, h.at FROM dossiers d
LEFT JOIN (SELECT a.dossier_id, coalesce(json_extract(a.payload, '$.department'), '')
                  AS department, a.at, max(a.id)
           FROM acts a WHERE a.act IN ('hand_over', 'hand_on') GROUP BY a.dossier_id) h
       ON h.dossier_id = d.id
"""
AFTER_THE_DEMO = datetime(2026, 11, 27, 15, 0, tzinfo=OFFICE_TZ)  # the demo ends that morning
_RATINGS = """
SELECT a.id, a.act, a.rating, json_extract(a.payload, '$.rating') FROM acts a
"""


def columns_disagreeing(path: Path) -> list[tuple[object, ...]]:
    """Dossiers and acts whose report columns differ from what their acts say."""
    con = connect_desk_db(path)
    try:
        wrong: list[tuple[object, ...]] = [
            row for row in con.execute(_FROM_ACTS) if (row[1], row[2]) != (row[3], row[4])
        ]
        for act_id, act, rating, in_payload in con.execute(_RATINGS):
            expected = in_payload if act == "feedback" and isinstance(in_payload, str) else None
            if rating != expected:
                wrong.append((act_id, act, rating, in_payload))
        return wrong
    finally:
        con.close()


def held(path: Path) -> dict[str, tuple[object, object]]:
    con = connect_desk_db(path)
    try:
        return {
            i: (b, s) for i, b, s in con.execute("SELECT id, held_by, held_since FROM dossiers")
        }
    finally:
        con.close()


def more_acts(desk: Desk) -> tuple[str, str]:
    """A hand-on to a second department and a citizen's rating, on the demo's dossiers."""
    officer = login(desk, "canbo1", "canbo1-demo")
    con = connect_desk_db(desk.store.path)
    try:
        handed = con.execute(
            "SELECT d.id FROM dossiers d WHERE d.state = 'in_processing' AND d.held_by <> '' "
            "ORDER BY d.code LIMIT 1").fetchone()[0]  # fmt: skip
        rated = con.execute(
            "SELECT id FROM dossiers WHERE state = 'returned_in_person' ORDER BY code LIMIT 1"
        ).fetchone()[0]
    finally:
        con.close()
    processing.hand_on(desk, officer, handed, "Phòng Văn hoá - Xã hội", "Lò Thị Hoa")
    processing.record_feedback(desk, officer, rated, "unsatisfied", "Chờ lâu")
    return handed, rated


def test_the_columns_agree_with_the_acts_after_a_demo_day(demo_store: Store) -> None:
    desk = open_desk(demo_store, ManualClock(AFTER_THE_DEMO))
    handed, rated = more_acts(desk)
    path = demo_store.path
    assert columns_disagreeing(path) == []
    assert held(path)[handed][0] == "Phòng Văn hoá - Xã hội"
    con = connect_desk_db(path)
    ratings = con.execute("SELECT rating FROM acts WHERE dossier_id = ? AND act = 'feedback'",
                          (rated,)).fetchall()  # fmt: skip
    some_held = con.execute("SELECT count(*) FROM dossiers WHERE held_by IS NOT NULL").fetchone()
    con.close()
    assert ratings == [("unsatisfied",)] and some_held[0] > 10


def test_the_migration_fills_the_columns_from_the_acts(demo_store: Store, tmp_path: Path) -> None:
    """A desk of the release before (revision 0009): upgraded, its rows get the columns its
    acts say, and its reports count what they counted before."""
    desk = open_desk(demo_store, ManualClock(AFTER_THE_DEMO))
    more_acts(desk)
    supervisor = login(desk, "lanhdao", "lanhdao-demo")
    before = periodic_report(desk, supervisor, "2026-11")
    written = held(demo_store.path)
    old = tmp_path / "old.db"
    demo_store.close()
    shutil.copy(demo_store.path, old)
    store = open_store(old)
    downgrade_schema(store.engine, "0009")
    store.engine.dispose()
    assert inspect_revision(old) == "0009"
    con = connect_desk_db(old)
    assert "held_by" not in {r[1] for r in con.execute("PRAGMA table_info(dossiers)")}
    assert "rating" not in {r[1] for r in con.execute("PRAGMA table_info(acts)")}
    triggers = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    con.close()
    assert {"acts_no_update", "acts_no_delete"} <= triggers  # history stays append-only

    upgraded = open_store(old)
    assert inspect_revision(old) == head_revision()
    assert columns_disagreeing(old) == [] and held(old) == written
    again = periodic_report(open_desk(upgraded, desk.clock), supervisor, "2026-11")
    for mine, theirs in zip(before.sections(), again.sections(), strict=True):
        assert (mine.key, {k: f.value for k, f in mine.figures.items()}) == (
            theirs.key, {k: f.value for k, f in theirs.figures.items()})  # fmt: skip
    con = connect_desk_db(old)
    with pytest.raises(dbapi.IntegrityError, match="append-only"):
        con.execute("UPDATE acts SET rating = 'satisfied'")
    con.close()
    upgraded.close()
