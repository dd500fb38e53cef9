"""A dossier resolved after its first appointment but before the new one given with an
apology (Mẫu 04) reads late in the officer's queue and in the supervisor's deadline view,
with the new date beside it (real SQLite, real Qt models)."""

from __future__ import annotations

from datetime import date, datetime, time

from pytestqt.modeltest import ModelTester

from desktop.services import dossiers as acts
from desktop.services import processing
from desktop.services.context import Actor, Desk
from desktop.services.deadlines import Bucket, deadline_rows
from desktop.services.demo import ManualClock
from desktop.ui.deadlines import DeadlinesModel
from desktop.ui.queue_model import QueueModel
from tests.conftest import T0, incoming

DUE, STANDING = 6, 8  # the queue's "Hạn trả" and "Tiến độ" columns


def at(day: int, hour: int) -> datetime:
    return datetime.combine(date(2026, 3, day), time(hour), T0.tzinfo)


def apologised(desk: Desk, officer: Actor, clock: ManualClock) -> str:
    """Accepted Monday 2/3 (due Monday 9/3), apology on Friday 6/3 with a new date 13/3."""
    d = acts.import_dossier(desk, incoming(name="Đèo Văn Khang"))
    acts.accept_dossier(desk, officer, d.dossier_id)
    processing.hand_over_batch(desk, officer, [d.dossier_id], "Phòng Tư pháp", "Lò Thị Hoa")
    clock.now = at(6, 9)
    acts.reappoint(desk, officer, d.dossier_id, "Chờ xác minh", date(2026, 3, 13))
    return d.dossier_id


def test_the_queue_says_late_with_the_new_date_for_a_result_after_the_first(
    qtmodeltester: ModelTester, desk: Desk, officer: Actor, clock: ManualClock
) -> None:
    dossier_id = apologised(desk, officer, clock)
    clock.now = at(11, 9)
    processing.record_result_document(desk, officer, dossier_id, "13/QĐ-UBND")
    model = QueueModel(desk, officer)
    model.set_ids([dossier_id])
    qtmodeltester.check(model)
    assert model.index(0, STANDING).data() == "Trễ hạn (hẹn lại 13/03/2026)"
    assert model.index(0, DUE).data() == "09/03/2026 11:30 (hẹn lại 13/03/2026)"


def test_the_deadline_view_says_overdue_with_the_new_date_once_the_first_has_passed(
    qtmodeltester: ModelTester, desk: Desk, officer: Actor, clock: ManualClock
) -> None:
    apologised(desk, officer, clock)
    clock.now = at(10, 9)  # past 9/3, before 13/3
    rows = deadline_rows(desk, officer)
    assert [r.bucket for r in rows] == [Bucket.OVERDUE]
    model = DeadlinesModel(rows, desk.calendar.tz)
    qtmodeltester.check(model)
    assert model.index(0, DeadlinesModel.STANDING).data() == "Quá hạn (hẹn lại 13/03/2026)"
    assert model.index(0, 5).data() == "09/03/2026 11:30 (hẹn lại 13/03/2026)"
    assert "hẹn lại" in model.index(0, 5).data(0x03)  # ToolTipRole
