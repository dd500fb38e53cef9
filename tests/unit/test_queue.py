"""The queue queries: ordering, filters, counters and the one search box."""

from __future__ import annotations

from datetime import timedelta

import pytest

from desktop.core.accounts import Role
from desktop.core.lifecycle import DossierState
from desktop.core.text import digits_only
from desktop.services import dossiers as acts
from desktop.services.context import Actor, Desk
from desktop.services.demo import ManualClock
from desktop.services.queue import (
    SORT_KEYS,
    QueueFilter,
    QueueSort,
    count_by_state,
    find_dossiers,
    phone_spellings,
    queue_ids,
    rows_for,
    sorted_ids,
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


# --- a code's tail, a phone however written, the columns sorted ------------------------------


@pytest.fixture
def coded(desk: Desk) -> dict[str, str]:
    """Dossiers with the portal's kind of code (the day, then the day's number) and phones
    stored in the spellings citizens type."""
    ids = {}
    for code, phone in (
        ("XA-TAMDUONG-260804-0004", "0912345678"),
        ("XA-TAMDUONG-260805-0004", "+84987654321"),
        ("XA-TAMDUONG-260805-0012", "0203 3876 543"),
    ):
        ids[code] = acts.import_dossier(desk, incoming(code=code, phone=phone)).dossier_id
    return ids


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("260804-0004", ["XA-TAMDUONG-260804-0004"]),
        ("0004", ["XA-TAMDUONG-260805-0004", "XA-TAMDUONG-260804-0004"]),  # latest day first
        ("tamduong-260805-0012", ["XA-TAMDUONG-260805-0012"]),
        ("0005", []),
        ("260806-0004", []),
    ],
)
def test_a_codes_tail_finds_it(
    desk: Desk, officer: Actor, coded: dict[str, str], query: str, expected: list[str]
) -> None:
    assert find_dossiers(desk, officer, query) == [coded[c] for c in expected]


@pytest.mark.parametrize(
    "query",
    ["0912345678", "+84912345678", "84912345678", "912345678", "0912 345 678", "0912.345.678",
     "+84 912 345 678", "(+84) 912-345-678"],
)  # fmt: skip
def test_a_phone_however_written_finds_the_same_dossier(
    desk: Desk, officer: Actor, coded: dict[str, str], query: str
) -> None:
    assert find_dossiers(desk, officer, query) == [coded["XA-TAMDUONG-260804-0004"]]


@pytest.mark.parametrize("query", ["0987654321", "0987 654 321", "84987654321", "+84987654321"])
def test_a_phone_stored_with_84_is_found_by_its_0_form(
    desk: Desk, officer: Actor, coded: dict[str, str], query: str
) -> None:
    assert find_dossiers(desk, officer, query) == [coded["XA-TAMDUONG-260805-0004"]]


def test_phone_spellings_cover_the_forms_stored() -> None:
    forms = ("0912345678", "84912345678", "+84912345678", "912345678")
    assert len({frozenset(phone_spellings(digits_only(f))) for f in forms}) == 1
    spellings = set(phone_spellings("0912345678"))
    assert {"0912345678", "84912345678", "+84912345678", "912345678", "0912 345 678",
            "0912.345.678", "+84 912 345 678"} <= spellings  # fmt: skip


def test_a_tail_search_stays_within_the_office(desk: Desk, coded: dict[str, str]) -> None:
    stranger = Actor(None, "la", "Người lạ", Role.OFFICER, OTHER_OFFICE)
    assert find_dossiers(desk, stranger, "0004") == []
    assert find_dossiers(desk, stranger, "0912345678") == []


def test_sorting_by_deadline_follows_the_datetime_not_the_text(
    desk: Desk, officer: Actor, clock: ManualClock
) -> None:
    """Shown as dd/mm/yyyy, "02/04/2026" sorts before "16/03/2026" as text: the sort must
    follow the moments themselves."""
    ids = {}
    for key, procedure in (("ten_days", "MAU-LLTP-001"), ("five_days", "MAU-HT-004")):
        ids[key] = acts.import_dossier(desk, incoming(procedure=procedure)).dossier_id
        acts.accept_dossier(desk, officer, ids[key])
    clock.now += timedelta(days=25)  # accepted on Friday 27 March: due early in April
    ids["april"] = acts.import_dossier(desk, incoming()).dossier_id
    acts.accept_dossier(desk, officer, ids["april"])
    ids["new"] = acts.import_dossier(desk, incoming()).dossier_id  # no deadline yet
    rows = rows_for(desk, officer, list(ids.values()))
    by_moment = sorted((ids[k] for k in ("ten_days", "five_days", "april")),
                       key=lambda i: rows[i].due.deadline)  # type: ignore[union-attr]  # fmt: skip
    by_text = sorted(by_moment, key=lambda i: f"{rows[i].due.deadline:%d/%m/%Y}")  # type: ignore[union-attr]
    assert by_moment != by_text, "the example must tell the two orders apart"
    ascending = queue_ids(desk, officer, sort=QueueSort("due"))
    assert ascending == [*by_moment, ids["new"]]  # no deadline: last either way
    descending = queue_ids(desk, officer, sort=QueueSort("due", descending=True))
    assert descending == [*reversed(by_moment), ids["new"]]
    assert sorted_ids(desk, officer, list(reversed(ascending)), QueueSort("due")) == ascending


def test_every_column_sorts_and_names_sort_without_diacritics(
    desk: Desk, officer: Actor, three: dict[str, str]
) -> None:
    by_name = queue_ids(desk, officer, sort=QueueSort("applicant"))
    assert by_name == [three["duc"], three["anh2"], three["anh"]]  # Đặng, Nguyễn Thị, Nguyễn Văn
    for key in SORT_KEYS:
        for descending in (False, True):
            ordered = queue_ids(desk, officer, sort=QueueSort(key, descending))
            assert sorted(ordered) == sorted(three.values())
    states = queue_ids(desk, officer, sort=QueueSort("state"))
    assert states[0] == three["anh"]  # submitted comes before accepted in the lifecycle
    with pytest.raises(ValueError, match="unknown queue column"):
        queue_ids(desk, officer, sort=QueueSort("giá"))


def test_a_name_is_found_as_it_begins_first_then_further_in(
    desk: Desk, officer: Actor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Names beginning with what was typed come first, in name order (one range of the
    name index); then, below the limit, the names holding it further in (full text)."""
    from desktop.services import queue

    ids = {}
    for key, name in (("tuyet", "Nguyễn Văn Ánh Tuyết"), ("inside", "Trần Nguyễn Văn Anh"),
                      ("anh", "Nguyễn Văn Anh"), ("binh", "Nguyễn Văn Bình"),
                      ("anhai", "Nguyễn Văn Anhai"), ("other", "Lò Thị Anh")):  # fmt: skip
        ids[key] = acts.import_dossier(desk, incoming(name=name)).dossier_id
    assert find_dossiers(desk, officer, "nguyen van anh") == [
        ids["anh"], ids["tuyet"], ids["anhai"], ids["inside"]]  # fmt: skip
    assert find_dossiers(desk, officer, "Nguyễn Văn A") == [
        ids["anh"], ids["tuyet"], ids["anhai"], ids["inside"]]  # fmt: skip
    assert find_dossiers(desk, officer, "van anh") == [ids["tuyet"], ids["inside"],
                                                       ids["anh"], ids["anhai"]]  # fmt: skip
    assert find_dossiers(desk, officer, "nguyen van anh tuyet") == [ids["tuyet"]]
    monkeypatch.setattr(queue, "SEARCH_LIMIT", 2)  # the limit holds whichever way found
    assert find_dossiers(desk, officer, "nguyen van anh") == [ids["anh"], ids["tuyet"]]
    assert len(find_dossiers(desk, officer, "van")) == 2
