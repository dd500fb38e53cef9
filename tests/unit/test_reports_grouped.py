"""The figures counted in SQL against the dossiers listed row by row: on the demo desk
(80 dossiers over months, every state), for a month, a quarter and the year, under both
period rules, every count equals the number of dossiers listed behind it, section by
section — and the codes are read only when first asked for."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from desktop.core.accounts import Role
from desktop.core.calendar import OFFICE_TZ
from desktop.core.report_periods import PeriodRule
from desktop.core.reports import MONEY, section_id
from desktop.services import reports
from desktop.services.context import Actor
from desktop.services.demo import ManualClock
from desktop.services.reports.counting import build_sections, count_period
from desktop.services.reports.grouped import REPORT_MAP_BYTES, mapped_reads
from desktop.services.settings import open_desk
from desktop.store.db import Store
from desktop.store.models import Officer


@pytest.mark.parametrize("period", ["2026-11", "2026-Q4", "2026"])
@pytest.mark.parametrize("rule", list(PeriodRule))
def test_sql_counts_match_the_dossiers_listed(demo_store: Store, period: str,
                                              rule: PeriodRule) -> None:  # fmt: skip
    now = datetime(2026, 11, 27, 10, 0, tzinfo=OFFICE_TZ)
    desk = open_desk(demo_store, ManualClock(now))
    with desk.store.read() as session:
        row = session.scalars(select(Officer).where(Officer.username == "lanhdao")).one()
        supervisor = Actor(row.id, row.username, row.full_name, Role(row.role), row.office_code)
    report = reports.periodic_report(desk, supervisor, period, rule)
    first = next(iter(report.office.figures.values()))
    assert first._codes is None  # counted, not yet listed
    with desk.store.read() as session:
        tally = count_period(session, desk.calendar, supervisor.office_code, report.period, now)
        listed = build_sections(session, tally, supervisor.office_code, report.office_name)
    expected = {section_id(s): {k: f.value for k, f in s.figures.items()}
                for s in (listed[0], *listed[1], *listed[2])}  # fmt: skip
    counted = {section_id(s): {k: f.value for k, f in s.figures.items()}
               for s in (report.office, *report.procedures, *report.departments)}  # fmt: skip
    assert counted == expected
    assert report.office.value("received.total") > 0
    for s in (report.office, *report.procedures, *report.departments):
        for key, figure in s.figures.items():
            if key not in MONEY:
                assert figure.value == len(figure.codes), (section_id(s), key)


def test_a_report_reads_through_a_memory_map_only_while_it_counts(demo_store: Store) -> None:
    with demo_store.read() as session:
        driver = session.connection().connection.driver_connection
        assert driver is not None

        def mapped() -> int:
            return int(driver.execute("PRAGMA mmap_size").fetchone()[0])

        before = mapped()
        with mapped_reads(session):
            assert mapped() == REPORT_MAP_BYTES
            assert driver.execute("SELECT count(*) FROM dossiers").fetchone()[0] > 0
        assert mapped() == before == 0  # the desk's other reads go through its page cache
