"""The queue queries: ordering, filters, counters and the one search box."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.core.lifecycle import DossierState
from desktop.services import dossiers as acts
from desktop.services.context import Actor, Desk
from desktop.services.demo import ManualClock
from desktop.services.queue import (
    QueueFilter,
    count_by_state,
    find_dossiers,
    queue_ids,
    rows_for,
)
from tests.conftest import OTHER_OFFICE, incoming


@pytest.fixture
def three(desk: Desk, officer: Actor, clock: ManualClock) -> dict[str, str]:
    ids = {}
    for key, name, procedure, cccd, phone in (
        ("anh", "Nguyễn Văn Ánh", "MAU-HT-004", "012090000001", "0912000001"),
        ("anh2", "Nguyễn Thị Anh", "MAU-LLTP-001", "012190000002", "0912000002"),
        ("duc", "Đặng Đức Dũng", "MAU-HT-004", "012090000003", "0912000003"),
    ):
        ids[key] = acts.import_dossier(
            desk, incoming(name=name, procedure=procedure, id_number=cccd, phone=phone)
        ).dossier_id
        clock.now += timedelta(minutes=5)
    acts.accept_dossier(desk, officer, ids["anh2"])  # 10 days
    acts.accept_dossier(desk, officer, ids["duc"])  # 5 days: due first
    return ids


def test_queue_puts_unchecked_first_then_by_due(
    desk: Desk, officer: Actor, three: dict[str, str]
) -> None:
    assert queue_ids(desk, officer) == [three["anh"], three["duc"], three["anh2"]]


def test_filters_and_counters(desk: Desk, officer: Actor, three: dict[str, str]) -> None:
    accepted = QueueFilter(states=(DossierState.ACCEPTED,))
    assert set(queue_ids(desk, officer, accepted)) == {three["duc"], three["anh2"]}
    both = QueueFilter(states=(DossierState.ACCEPTED,), procedure_code="MAU-HT-004")
    assert queue_ids(desk, officer, both) == [three["duc"]]
    sector = QueueFilter(sector="Lý lịch tư pháp")
    assert queue_ids(desk, officer, sector) == [three["anh2"]]
    assert count_by_state(desk, officer) == {DossierState.SUBMITTED: 1, DossierState.ACCEPTED: 2}


def test_due_filters(desk: Desk, officer: Actor, three: dict[str, str], clock: ManualClock) -> None:
    assert queue_ids(desk, officer, QueueFilter(due="overdue")) == []
    assert queue_ids(desk, officer, QueueFilter(due="week")) == []  # duc is due Monday 9/3
    clock.now += timedelta(days=7)  # Monday 9/3, 08:15
    assert queue_ids(desk, officer, QueueFilter(due="today")) == [three["duc"]]
    assert queue_ids(desk, officer, QueueFilter(due="week")) == [three["duc"]]
    assert queue_ids(desk, officer, QueueFilter(due="overdue")) == []
    clock.now += timedelta(days=8)  # Tuesday 17/3: both past due
    assert set(queue_ids(desk, officer, QueueFilter(due="overdue"))) == {
        three["duc"],
        three["anh2"],
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("nguyen van anh", {"anh"}),
        ("Nguyễn Văn Ánh", {"anh"}),
        ("NGUYEN", {"anh", "anh2"}),
        ("dang duc", {"duc"}),  # đ is folded to d
        ("anh", {"anh", "anh2"}),
        ("012190000002", {"anh2"}),
        ("0912 000 003", {"duc"}),
        ("van anh", {"anh"}),
        ("khong co ai", set()),
        ("   ", set()),
        ('"; DROP TABLE dossiers; --', set()),
    ],
)
def test_one_search_box(
    desk: Desk, officer: Actor, three: dict[str, str], query: str, expected: set[str]
) -> None:
    assert set(find_dossiers(desk, officer, query)) == {three[k] for k in expected}


def test_search_by_code(desk: Desk, officer: Actor, three: dict[str, str]) -> None:
    code = rows_for(desk, officer, [three["duc"]])[three["duc"]].code
    assert find_dossiers(desk, officer, code) == [three["duc"]]
    assert find_dossiers(desk, officer, code.lower()) == [three["duc"]]
    # What a scanner types from a printed slip's QR code opens its dossier too.
    scanned = f"MC1|M01|{code}|{code}|0|2026-03-02|XA-TAMDUONG|ab12cd34|chu-ky"
    assert find_dossiers(desk, officer, scanned) == [three["duc"]]
    assert find_dossiers(desk, officer, "MC1|M06|20260301-20260302|-|2|2026-03-02|X|k|s") == []


def test_another_office_sees_nothing(desk: Desk, officer: Actor, three: dict[str, str]) -> None:
    stranger = Actor(None, "la", "Người lạ", officer.role, OTHER_OFFICE)
    assert queue_ids(desk, stranger) == []
    assert find_dossiers(desk, stranger, "nguyen") == []
    assert rows_for(desk, stranger, list(three.values())) == {}


def test_rows_carry_due_and_standing(
    desk: Desk, officer: Actor, three: dict[str, str], clock: ManualClock
) -> None:
    row = rows_for(desk, officer, [three["duc"]])[three["duc"]]
    assert row.due is not None and row.standing is not None
    assert row.standing.working_days == 5
    assert rows_for(desk, officer, [three["anh"]])[three["anh"]].due is None
