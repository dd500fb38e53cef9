"""The appointment of acceptance and the re-appointment (Mẫu 04): a dossier resolved after
its first appointment but before its new one is late on Mẫu 05 and Mẫu 06 (read back with
pdftotext) and in the queue's rows; a department's step never outlasts the dossier; the
desk's older files get the original appointment from their history.

Dates: T0 is Monday 02/03/2026 08:00. MAU-HT-004 takes 5 working days: accepted at T0 it
is due Monday 09/03/2026; the apology goes out on Friday 06/03, the new date 13/03.
"""

from __future__ import annotations

import subprocess
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.core.appointments import ReappointmentRules, check_reappointment
from desktop.core.calendar import OFFICE_TZ, Timeliness
from desktop.core.lifecycle import Act, DomainError
from desktop.documents.forms import form_set
from desktop.documents.registers import render_register
from desktop.services import dossiers as acts
from desktop.services import papers, processing
from desktop.services.context import Actor, Desk
from desktop.services.demo import ManualClock
from desktop.services.paper_data import tracking_book
from desktop.services.queue import rows_for
from desktop.store.db import connect as connect_desk_db
from desktop.store.db import downgrade_schema, open_store
from desktop.store.models import ActRow, Dossier
from tests.conftest import incoming

TU_PHAP = "Phòng Tư pháp"


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=OFFICE_TZ)


def print_slip(desk: Desk, officer: Actor, code: str, form: str, out: Path) -> None:
    """Mẫu 04 / 05 of the 2018 set, whose control slip reads each movement as one phrase."""
    kind = {"M04": papers.APOLOGY, "M05": papers.CONTROL}[form]
    papers.save(papers.act_paper(desk, officer, code, kind, "2018"), out)


def pdf_text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    return " ".join(out.split())


def handed(desk: Desk, officer: Actor, name: str) -> acts.ActOutcome:
    d = acts.import_dossier(desk, incoming(name=name))
    acts.accept_dossier(desk, officer, d.dossier_id)
    processing.hand_over_batch(desk, officer, [d.dossier_id], TU_PHAP, "Lò Thị Hoa")
    return d


@pytest.fixture
def late_after_apology(desk: Desk, officer: Actor, clock: ManualClock) -> tuple[str, str]:
    """(late, on time): the first resolved 10/03 after an apology on 06/03 (new date 13/03),
    the second resolved 05/03 without any."""
    late = handed(desk, officer, "Đèo Văn Khang")
    on_time = handed(desk, officer, "Lường Thị Thu")
    clock.now = at(5, 9)
    processing.record_result_document(desk, officer, on_time.dossier_id, "12/QĐ-UBND")
    clock.now = at(6, 9)
    acts.reappoint(desk, officer, late.dossier_id, "Chờ xác minh của công an huyện",
                   date(2026, 3, 13))  # fmt: skip
    clock.now = at(10, 15)
    processing.record_result_document(desk, officer, late.dossier_id, "13/QĐ-UBND")
    return late.dossier_code, on_time.dossier_code


def test_mau_05_says_late_with_the_new_date_beside_it(
    desk: Desk, officer: Actor, late_after_apology: tuple[str, str], tmp_path: Path
) -> None:
    late, on_time = late_after_apology
    out = tmp_path / "m05.pdf"
    print_slip(desk, officer, late, "M05", out)
    text = pdf_text(out)
    assert "Có kết quả — Trễ hạn (hẹn lại 13/03/2026)" in text
    assert "Trước hạn" not in text
    # The appointment of acceptance heads the slip, the new one beside it.
    assert "ngày 09/03/2026 (hẹn lại:" in text and "ngày 13/03/2026)" in text
    print_slip(desk, officer, on_time, "M05", out)
    assert "Có kết quả — Trước hạn" in pdf_text(out)


def test_mau_06_counts_the_dossier_late_against_its_first_appointment(
    desk: Desk, officer: Actor, late_after_apology: tuple[str, str], tmp_path: Path
) -> None:
    late, on_time = late_after_apology
    with desk.store.read() as s:
        book = tracking_book(
            s, desk.office_code, date(2026, 3, 1), date(2026, 3, 31), desk.now(), form_set("2018")
        )  # the 2018 book: rows begin with the code
    out = tmp_path / "m06.pdf"
    render_register(book, out)
    text = pdf_text(out)
    assert "Có kết quả; Trễ hạn (hẹn lại 13/03/2026)" in text
    assert "09/03/26 (hẹn lại 13/03/26)" in text
    rows = {r[0]: r for r in book.rows}
    assert rows[late][-1] == "Có kết quả; Trễ hạn (hẹn lại 13/03/2026)"
    assert rows[on_time][-1] == "Có kết quả" and rows[on_time][7] == "09/03/26"


def test_the_queue_row_is_late_with_the_new_date(
    desk: Desk, officer: Actor, late_after_apology: tuple[str, str]
) -> None:
    late, _ = late_after_apology
    with desk.store.read() as s:
        dossier_id = s.scalars(select(Dossier.id).where(Dossier.code == late)).one()
    row = rows_for(desk, officer, [dossier_id])[dossier_id]
    assert row.resolved and row.standing is not None
    assert row.standing.timeliness is Timeliness.LATE
    assert row.due is not None and row.due.date == date(2026, 3, 9)
    assert row.reappointed is not None and row.reappointed.date == date(2026, 3, 13)


def test_a_step_asking_more_days_than_the_dossier_has_is_cut_to_its_due(
    desk: Desk, officer: Actor, clock: ManualClock, tmp_path: Path
) -> None:
    d = acts.import_dossier(desk, incoming(name="Giàng A Páo"))
    acts.accept_dossier(desk, officer, d.dossier_id)  # due 09/03
    processing.hand_over_batch(desk, officer, [d.dossier_id], TU_PHAP, "Lò Thị Hoa", 10)
    with desk.store.read() as s:
        dossier = s.get(Dossier, d.dossier_id)
        assert dossier is not None
        hand = s.scalars(
            select(ActRow).where(
                ActRow.dossier_id == d.dossier_id, ActRow.act == Act.HAND_OVER.value
            )
        ).one()
        assert processing.due_from(hand.payload["step_due"]).deadline == dossier.due_at
        assert hand.payload["step_due_capped"] is True
    clock.now = at(4, 9)
    processing.hand_on(desk, officer, d.dossier_id, "Phòng Tài chính - Kế hoạch",
                       allotted_days=1)  # fits: not cut  # fmt: skip
    processing.hand_on(desk, officer, d.dossier_id, TU_PHAP, allotted_days=20)
    with desk.store.read() as s:
        (_, first_on, second_on) = processing.steps_of(processing.history(s, d.dossier_id))
    assert first_on.due is not None and first_on.due.date == date(2026, 3, 5)
    assert second_on.due is not None and second_on.due.date == date(2026, 3, 9)
    out = tmp_path / "m05.pdf"
    print_slip(desk, officer, d.dossier_code, "M05", out)
    assert "(bằng hạn trả hồ sơ: số ngày đề nghị vượt quá hạn này)" in pdf_text(out)


def test_the_rules_of_the_apology_are_pure_and_say_why(desk: Desk) -> None:
    cal = desk.calendar
    due = cal.due(at(2, 8), processing.ProcessingTime.days(5))  # Monday 09/03
    rules = ReappointmentRules()
    check_reappointment(cal, rules, "HS-1", due, at(6, 16), 0)  # Friday: allowed
    with pytest.raises(DomainError, match="nay chỉ còn 0 ngày làm việc"):
        check_reappointment(cal, rules, "HS-1", due, at(7, 9), 0)  # Saturday: too late
    with pytest.raises(DomainError, match="đã được hẹn lại 1 lần"):
        check_reappointment(cal, rules, "HS-1", due, at(3, 9), 1)
    check_reappointment(cal, ReappointmentRules(1, 0), "HS-1", due, at(9, 9), 0)
    with pytest.raises(DomainError, match="không được âm"):
        ReappointmentRules(-1, 1)


def test_an_older_desk_file_gets_the_first_appointment_from_its_history(
    desk: Desk, officer: Actor, late_after_apology: tuple[str, str], tmp_path: Path
) -> None:
    """A desk re-appointed on the old version: upgrading finds the appointment given before
    the first re-appointment in the acts."""
    late, on_time = late_after_apology
    path = desk.store.path
    downgrade_schema(desk.store.engine, "0008")  # the migrations after 0008 undone …
    desk.store.engine.dispose()
    with connect_desk_db(path) as db:  # … then as the file was before 0006 (and 0007)
        db.execute("UPDATE alembic_version SET version_num = '0005'")
        for column in ("original_due_date", "original_due_session", "original_due_at"):
            db.execute(f"ALTER TABLE dossiers DROP COLUMN {column}")
        db.execute("ALTER TABLE procedures DROP COLUMN processing_cutoff")
    with open_store(path).read() as s:  # upgraded on opening
        got = {d.code: (d.original_due_date, d.due_date) for d in s.scalars(select(Dossier))}
    assert got[late] == (date(2026, 3, 9), date(2026, 3, 13))
    assert got[on_time] == (date(2026, 3, 9), date(2026, 3, 9))
