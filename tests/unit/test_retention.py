"""Scans of returned dossiers removed from the desk after the months the administrator
set, only when the portal holds them; the record and each scan's hash stay, each purged
dossier is audited, and the audit chain still verifies."""

from __future__ import annotations

import io
import uuid
from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from desktop import cli
from desktop.documents.demo_scans import demo_pdf
from desktop.services import dossiers as acts
from desktop.services import fees, processing
from desktop.services.audit import verify_audit
from desktop.services.catalogue import procedure_of
from desktop.services.context import Actor, Desk
from desktop.services.demo import ManualClock
from desktop.services.dossiers import AccessDenied
from desktop.services.options import SCAN_RETENTION, change_settings, read_desk
from desktop.services.retention import PURGE_ACTION, months_before, purge_scans
from desktop.services.scans import ScanStore
from desktop.services.settings import put_setting
from desktop.store.models import AuditEntry, Dossier, DossierPaper, OutboxEvent, Setting
from tests.conftest import PASSWORDS, T0, incoming


def enrolled(desk: Desk) -> None:
    with desk.store.write() as session:
        put_setting(session, "portal", {"url": "https://dichvucong.example.vn"})


def dossier_with_scans(desk: Desk) -> str:
    """A dossier from the portal whose papers each have a scan of their own on this desk
    (scans are stored by content: two dossiers' files must differ to be told apart)."""
    scans = ScanStore.of(desk)
    with desk.store.read() as session:
        required = procedure_of(session, "MAU-HT-004").papers
    tag = uuid.uuid4().hex[:8].upper()
    attached = tuple(
        acts.IncomingPaper(p.name, int(p.kind), p.count, f"giay-{n}.pdf",
                           scans.put(demo_pdf(f"GIAY {n} {tag}", 1)))
        for n, p in enumerate(required, start=1)
    )  # fmt: skip
    return acts.import_dossier(desk, replace(incoming(), papers=attached)).dossier_id


def returned(desk: Desk, officer: Actor, result_scan: bytes | None = None) -> str:
    """A dossier from the portal with its scans, returned in person now."""
    dossier_id = dossier_with_scans(desk)
    acts.accept_dossier(desk, officer, dossier_id)
    acts.hand_over(desk, officer, dossier_id, "Công chức Tư pháp - Hộ tịch")
    if result_scan is None:
        acts.record_result(desk, officer, dossier_id, "Giấy khai sinh số 12/2026")
    else:  # its scan made at the desk: the portal never received it
        processing.record_result_document(desk, officer, dossier_id, "12/GKS", scan=result_scan,
                                          file_name="ket-qua.pdf")  # fmt: skip
    fees.collect_fee(desk, officer, dossier_id)
    acts.return_in_person(desk, officer, dossier_id, "Nguyễn Văn Ánh")
    return dossier_id


def acknowledged(desk: Desk, *dossier_ids: str) -> None:
    """What the sync does once the portal applied the acts."""
    with desk.store.write() as session:
        session.execute(update(OutboxEvent).where(OutboxEvent.dossier_id.in_(dossier_ids))
                        .values(status="acked"))  # fmt: skip


def papers_of(desk: Desk, dossier_id: str) -> list[str]:
    with desk.store.read() as session:
        return list(session.scalars(select(DossierPaper.sha256)
                                    .where(DossierPaper.dossier_id == dossier_id)))  # fmt: skip


def on_desk(desk: Desk, dossier_id: str) -> list[bool]:
    scans = ScanStore.of(desk)
    return [scans.has(sha) for sha in papers_of(desk, dossier_id)]


def purges(desk: Desk) -> list[AuditEntry]:
    with desk.store.read() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == PURGE_ACTION)
                                    .order_by(AuditEntry.seq)))  # fmt: skip


@pytest.fixture
def day(desk: Desk, officer: Actor, admin: Actor, clock: ManualClock) -> dict[str, str]:
    """Four returned dossiers, then the clock 25 months after T0, retention 24 months."""
    with desk.store.write() as session:
        fees.add_receipt_block(session, "khoi-thu", "01BLP0-001", "LC-26T", 1, 500, desk.now())
    enrolled(desk)
    old = returned(desk, officer)
    with_own_scan = returned(desk, officer, result_scan=b"%PDF-1.4 ket qua ky tai ban\n")
    not_pushed = returned(desk, officer)
    clock.now = T0 + timedelta(days=62)  # returned two months later: 23 months old
    recent = returned(desk, officer)
    acknowledged(desk, old, with_own_scan, recent)
    clock.now = months_before(T0, -25)
    change_settings(desk, admin, {SCAN_RETENTION: 24})
    return {"old": old, "with_own_scan": with_own_scan, "not_pushed": not_pushed,
            "recent": recent}  # fmt: skip


def test_months_before_counts_calendar_months() -> None:
    assert months_before(T0, 24) == T0.replace(year=2024)
    assert months_before(T0.replace(month=3, day=31), 1) == T0.replace(month=2, day=28)
    assert months_before(T0.replace(month=1), 1) == T0.replace(year=2025, month=12)


def test_the_setting_is_kept_for_ever_by_default_and_changed_by_an_administrator_only(
    desk: Desk, officer: Actor, admin: Actor
) -> None:
    assert read_desk(desk, SCAN_RETENTION) == 0
    with pytest.raises(AccessDenied):
        change_settings(desk, officer, {SCAN_RETENTION: 12})
    change_settings(desk, admin, {SCAN_RETENTION: 24})
    assert read_desk(desk, SCAN_RETENTION) == 24
    with desk.store.read() as session:
        entry = session.scalars(select(AuditEntry).where(
            AuditEntry.subject == SCAN_RETENTION.key)).one()  # fmt: skip
    assert (entry.before, entry.after) == ({"value": "0"}, {"value": "24"})


def test_only_scans_the_portal_holds_of_dossiers_returned_long_ago_are_purged(
    desk: Desk, admin: Actor, day: dict[str, str]
) -> None:
    scans = ScanStore.of(desk)
    own_scan = scans.put(b"%PDF-1.4 ket qua ky tai ban\n")
    sizes = sum(scans.path_for(sha).stat().st_size for sha in papers_of(desk, day["old"]))
    before = {name: papers_of(desk, i) for name, i in day.items()}

    report = purge_scans(desk, admin)

    assert on_desk(desk, day["old"]) == [False] * len(before["old"])
    assert all(on_desk(desk, day["recent"]))  # 23 months: kept
    assert all(on_desk(desk, day["not_pushed"]))  # its acts not acknowledged: kept
    assert report.waiting == 1
    # The portal's papers go; the result scan made at the desk, never uploaded, stays.
    assert on_desk(desk, day["with_own_scan"]) == [False] * len(before["with_own_scan"])
    assert scans.has(own_scan)
    # The record and each scan's hash stay, to fetch it from the portal again.
    assert {name: papers_of(desk, i) for name, i in day.items()} == before
    with desk.store.read() as session:
        assert session.get(Dossier, day["old"]) is not None
    entries = {e.after["dossier_id"]: e for e in purges(desk) if e.after}
    assert set(entries) == {day["old"], day["with_own_scan"]}
    first = entries[day["old"]].after
    assert first is not None and entries[day["old"]].officer_id == admin.officer_id
    assert (first["files"], first["bytes"], first["months"]) == (len(before["old"]), sizes, 24)
    assert sorted(first["sha256"]) == sorted(before["old"]) and first["kept"] == 0
    assert entries[day["with_own_scan"]].after["kept"] == 1  # type: ignore[index]
    assert report.files == len(before["old"]) + len(before["with_own_scan"])
    assert verify_audit(desk.store).ok
    assert purge_scans(desk, admin).dossiers == ()  # nothing left: nothing more recorded
    assert len(purges(desk)) == 2


def test_a_dry_run_changes_nothing(desk: Desk, admin: Actor, day: dict[str, str]) -> None:
    with desk.store.read() as session:
        audit_before = session.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()))
    report = purge_scans(desk, admin, dry_run=True)
    assert {d.dossier_id for d in report.dossiers} == {day["old"], day["with_own_scan"]}
    assert all(on_desk(desk, day["old"]))
    with desk.store.read() as session:
        assert session.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq.desc())) == (
            audit_before
        )


def test_an_officer_may_not_purge(desk: Desk, officer: Actor, day: dict[str, str]) -> None:
    with pytest.raises(AccessDenied, match="quản trị"):
        purge_scans(desk, officer)
    assert all(on_desk(desk, day["old"])) and purges(desk) == []


def test_a_desk_not_enrolled_purges_nothing(
    desk: Desk, officer: Actor, admin: Actor, day: dict[str, str]
) -> None:
    with desk.store.write() as session:
        session.execute(Setting.__table__.delete().where(Setting.key == "portal"))
    with pytest.raises(acts.DomainError, match="chưa ghi danh"):
        purge_scans(desk, admin)
    assert all(on_desk(desk, day["old"])) and purges(desk) == []


def test_the_command_purges_for_an_administrator_and_refuses_an_officer(
    desk: Desk, officer: Actor, admin: Actor, day: dict[str, str],
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:  # fmt: skip
    database = str(desk.store.path)
    change_settings(desk, admin, {SCAN_RETENTION: 1})  # the command reads the real clock
    desk.store.close()

    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORDS["canbo"] + "\n"))
    assert cli.main(["scans", "purge", "--db", database, "--user", "canbo"]) == cli.EXIT_BAD_INPUT
    assert "không phải quản trị" in capsys.readouterr().err

    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORDS["quantri"] + "\n"))
    assert cli.main(["scans", "purge", "--db", database, "--user", "quantri", "--dry-run"]) == 0
    said = capsys.readouterr().out
    assert "Sẽ xoá" in said and "3 hồ sơ" in said

    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORDS["quantri"] + "\n"))
    assert cli.main(["scans", "purge", "--db", database, "--user", "quantri"]) == 0
    assert "Đã xoá" in capsys.readouterr().out


def test_acts_that_gave_way_to_the_portals_no_longer_hold_the_scans(
    desk: Desk, admin: Actor, day: dict[str, str]
) -> None:
    with desk.store.write() as session:  # a conflict resolved for the portal's side
        session.execute(update(OutboxEvent).where(OutboxEvent.dossier_id == day["not_pushed"])
                        .values(status="superseded"))  # fmt: skip
    report = purge_scans(desk, admin)
    assert day["not_pushed"] in {d.dossier_id for d in report.dossiers}
    assert not any(on_desk(desk, day["not_pushed"])) and report.waiting == 0
