"""Loading a snapshot: all or nothing, scoped to the office, searchable at once."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text

from desktop.core.calendar import ProcessingTime
from desktop.core.lifecycle import DomainError, DossierState
from desktop.services import dossiers as acts
from desktop.services.context import Actor, Desk
from desktop.services.dossier_view import dossier_detail
from desktop.services.queue import find_dossiers, rows_for
from desktop.services.snapshot import HistoryAct, SnapshotDossier, load_snapshot
from desktop.store.models import ActRow, AuditEntry, Dossier, DossierPaper, OutboxEvent
from tests.conftest import OTHER_OFFICE, T0, incoming


def snap(name: str, **kw: object) -> SnapshotDossier:
    return SnapshotDossier(incoming(name=name, **kw), DossierState.IN_PROCESSING, version=3)


def count(desk: Desk, model: type) -> int:
    with desk.store.read() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def search_index_size(desk: Desk) -> int:
    with desk.store.read() as s:
        return int(s.execute(text("SELECT count(*) FROM dossier_search_docsize")).scalar_one())


def test_snapshot_rows_are_stored_as_the_services_store_them(desk: Desk, officer: Actor) -> None:
    due = desk.calendar.due(T0, ProcessingTime.days(5))
    item = SnapshotDossier(
        incoming(name="Hoàng Thị Bích Ngọc"),
        DossierState.ACCEPTED,
        version=2,
        received_at=T0,
        due=due,
    )
    assert load_snapshot(desk, [item, snap("Lò Văn Páo")]) == 2
    row = rows_for(desk, officer, [item.dossier.id])[item.dossier.id]
    assert row.state is DossierState.ACCEPTED and row.due == due
    assert row.submitted_at == T0
    assert find_dossiers(desk, officer, "bich ngoc") == [item.dossier.id]
    assert count(desk, DossierPaper) == 4
    # The next act continues from the portal's version.
    outcome = acts.hand_over(desk, officer, item.dossier.id, "Phòng Tư pháp")
    assert outcome.version == 3


def test_snapshot_is_audited_once_and_sends_nothing(desk: Desk) -> None:
    audit_before, outbox_before = count(desk, AuditEntry), count(desk, OutboxEvent)
    load_snapshot(desk, [snap(f"Người Số {i}") for i in range(10)])
    assert count(desk, AuditEntry) == audit_before + 1
    assert count(desk, OutboxEvent) == outbox_before


@pytest.mark.parametrize(
    "bad",
    [lambda: snap("Người Lạ", office=OTHER_OFFICE), lambda: snap("Người Lạ", procedure="KHONG")],
    ids=["other-office", "unknown-procedure"],
)
def test_one_bad_dossier_loads_nothing(desk: Desk, bad: object) -> None:
    items = [snap(f"Người Số {i}") for i in range(7000)]  # spans more than one batch
    items.append(bad())  # type: ignore[operator]
    with pytest.raises(DomainError):
        load_snapshot(desk, items)
    assert count(desk, Dossier) == 0 and count(desk, DossierPaper) == 0
    assert search_index_size(desk) == 0


def test_a_dossier_already_on_the_desk_is_a_clear_error(desk: Desk) -> None:
    item = snap("Người Trùng")
    acts.import_dossier(desk, item.dossier)
    with pytest.raises(DomainError, match="đã có trên bàn"):
        load_snapshot(desk, [snap("Người Mới"), item])
    assert count(desk, Dossier) == 1


def test_search_index_follows_every_insert(desk: Desk) -> None:
    load_snapshot(desk, [snap(f"Người Số {i}") for i in range(5)])
    acts.import_dossier(desk, incoming(name="Vàng A Dình"))
    assert search_index_size(desk) == count(desk, Dossier) == 6
    with desk.store.write() as s:  # a direct change of the name is caught by a trigger
        s.execute(
            text(
                "UPDATE dossiers SET applicant_folded = 'ten moi' "
                "WHERE applicant_name = 'Vàng A Dình'"
            )
        )
    with desk.store.write() as s:  # FTS5 raises if its index disagrees with the table
        s.execute(
            text("INSERT INTO dossier_search(dossier_search, rank) VALUES ('integrity-check', 1)")
        )


def history_of(item: SnapshotDossier, officer: str = "canbo1") -> tuple[HistoryAct, ...]:
    """A reception online, then an acceptance at a desk: what the portal would send."""
    return (
        HistoryAct(str(uuid.uuid4()), 1, "receive", None, "submitted", "citizen", None, T0,
                   {"submitted_at": T0.isoformat(), "papers": 2}),
        HistoryAct(str(uuid.uuid4()), 2, "accept", "submitted", "accepted", officer, "ban-a",
                   T0 + timedelta(hours=1), {"notice": "Đã tiếp nhận — hẹn trả"}),
    )  # fmt: skip


def test_snapshot_acts_are_stored_as_the_feed_stores_them(desk: Desk, officer: Actor) -> None:
    item = snap("Đặng Thị Huyền")
    item = replace(item, acts=history_of(item, officer.username))
    assert load_snapshot(desk, [item, snap("Hà Văn Sình")]) == 2
    with desk.store.read() as s:
        rows = s.scalars(select(ActRow).order_by(ActRow.version)).all()
        load = s.scalars(select(AuditEntry).where(AuditEntry.action == "snapshot.load")).one()
    assert [(r.act_id, r.act, r.at, r.payload) for r in rows] == [
        (a.act_id, a.act, a.at, a.payload) for a in item.acts]  # fmt: skip
    # A citizen's act has no officer; the desk a portal act came from is named.
    assert [(r.officer_id, r.desk_id) for r in rows] == [(None, "portal"),
                                                         (officer.officer_id, "ban-a")]  # fmt: skip
    assert load.after == {"dossiers": 2, "acts": 2}
    timeline = dossier_detail(desk, officer, item.dossier.id).timeline
    assert [e.act.value for e in timeline] == ["receive", "accept"]


def test_a_duplicate_act_loads_nothing(desk: Desk) -> None:
    one, two = snap("Người Một"), snap("Người Hai")
    acts_of_one = history_of(one)
    items = [replace(one, acts=acts_of_one), replace(two, acts=acts_of_one[:1])]
    with pytest.raises(DomainError, match="thao tác trùng"):
        load_snapshot(desk, items)
    assert count(desk, Dossier) == 0 and count(desk, ActRow) == 0
