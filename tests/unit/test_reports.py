"""The periodic report (Đ15) of a synthetic month, every figure counted by hand beforehand
and checked three ways: in the service's result, in the PDF (its text) and in the
spreadsheet (read back: numbers as numbers). Then the sign-off: frozen figures, and a
later re-run that differs says which figures changed.

The month is March 2026 as the Government's reporting regime cuts it: 15 February to 14
March 2026 — with Tết (the office closed from Saturday 14 to Sunday 22 February) inside.
Every procedure here takes 5 working days; the office works 07:30–11:30 and 13:30–17:00.

The dossiers, all of procedure MAU-HT-004 (lệ phí 5 000 đ) but D (MAU-HT-005):

A  accepted Thu 12/2 09:00, due Thu 26/2 11:30 (5 working days, Tết skipped); handed to
   Tư pháp; waits for a supplement from Fri 13/2 09:00 to Tue 24/2 09:00 — 4 sessions
   crossed (13/2 AM→PM→23/2 AM→PM→24/2 AM), so its due moves to Mon 2/3 11:30 (26/2 AM +
   4 sessions: 26 PM, 27 AM, 27 PM, 2/3 AM); resolved Fri 27/2 09:00, a working day
   before → EARLY. Without the pause it would be late. Accepted before 15/2: carried over.
B  accepted Thu 12/2, handed to Tư pháp, withdrawn Thu 5/3: carried over, withdrawn.
C  online level 3, accepted Mon 2/3 08:00 (due Mon 9/3 11:30); handed to Tư pháp;
   apology and new date Fri 13/3 given on Fri 6/3; resolved Wed 11/3 — before the new
   date, after the original → LATE. Fee 5 000 (receipt 1). A complaint on 12/3, resolved
   on 13/3.
D  online level 4 (a same-day procedure: due Mon 2/3 17:00), accepted Mon 2/3, handed to
   Kinh tế, resolved Mon 2/3 10:00 — on its due date → ON TIME; rated satisfied.
E  refused at reception Tue 3/3 (not received for resolution).
F  at the desk (channel 1), accepted Mon 2/3 (due 9/3), handed to Tư pháp, unresolved at
   the end → OVERDUE; fee 5 000, its receipt (2) voided on 10/3. Resolved after the
   period (16/3), which must not change the March figures.
G  by post (channel 3), accepted Thu 12/3 (due 19/3), not handed over: in progress, ON TIME.
H  online level 3, accepted Mon 2/3 (due 9/3), handed to Tư pháp, waiting for a supplement
   since Wed 4/3 09:00 at the end: its clock stood still before the due → ON TIME (though
   9/3 has passed). The wait ends after the period (16/3).
I  asked for a supplement at reception Tue 3/3 (never accepted).
J  online level 3, accepted Mon 2/3, fee 5 000 (receipt 3), stopped Thu 5/3 and the fee
   refunded.

So: carried over 2 (A, B); received in the period 6 — online 4 (level 3: C, H, J; level
4: D), in person 1 (F), by post 1 (G); total 8. Resolved 3: early 1 (A), on time 1 (D),
late 1 (C). In progress at the end 3: on time 2 (G, H), overdue 1 (F). 8 = 3 resolved +
1 withdrawn + 1 stopped + 3 in progress.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from desktop.core.calendar import OFFICE_TZ
from desktop.core.lifecycle import DomainError
from desktop.core.report_periods import PeriodRule, parse_period
from desktop.core.reports import MORE_FIGURES, TABLE_COLUMNS, PeriodicReport
from desktop.services import dossiers as acts
from desktop.services import fees, processing, reports
from desktop.services.context import Actor, Desk
from desktop.services.deadlines import AT_RECEPTION
from desktop.services.demo import ManualClock
from desktop.services.dossiers import AccessDenied
from desktop.store.models import AuditEntry, Payment, ReportSignOff
from tests.conftest import OTHER_OFFICE, PASSWORDS, incoming

TU_PHAP, KINH_TE = "Phòng Tư pháp", "Phòng Kinh tế"
SERIES = "TD-26T"
PROBLEM = [acts.PaperProblem("Tờ khai", "wrong", "sai ngày sinh")]


def at(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=OFFICE_TZ)


def code(letter: str) -> str:
    return f"XA-TAMDUONG-2603-{letter}"


def month_of_march(desk: Desk, officer: Actor, clock: ManualClock) -> dict[str, str]:
    """The dossiers of the module docstring, through the real services, in time order."""
    ids: dict[str, str] = {}

    def receive(letter: str, procedure: str = "MAU-HT-004", **extra: object) -> str:
        ids[letter] = acts.import_dossier(desk, incoming(code(letter), procedure,
                                                         **extra)).dossier_id  # fmt: skip
        return ids[letter]

    with desk.store.write() as session:
        fees.add_receipt_block(session, "khoi-1", "01BLP0-001", SERIES, 1, 50, at(2, 1, 8))
    clock.now = at(2, 12, 9)
    for letter in "AB":
        acts.accept_dossier(desk, officer, receive(letter))
    processing.hand_over_batch(desk, officer, [ids["A"], ids["B"]], TU_PHAP, "Lò Thị Hoa")
    clock.now = at(2, 13, 9)
    processing.request_supplement_in_processing(desk, officer, ids["A"], PROBLEM, "Sai tờ khai")
    clock.now = at(2, 24, 9)
    processing.record_supplement_in_processing(desk, officer, ids["A"])
    clock.now = at(2, 27, 9)
    processing.record_result_document(desk, officer, ids["A"], "11/QĐ-UBND")

    clock.now = at(3, 2, 8)
    receive("C")
    receive("D", "MAU-HT-005", level=4)
    receive("F", channel=1)
    receive("H")
    receive("J")
    receive("E")
    receive("I")
    for letter in "CDFHJ":
        acts.accept_dossier(desk, officer, ids[letter])
    processing.hand_over_batch(desk, officer, [ids[x] for x in "CFH"], TU_PHAP, "Lò Thị Hoa")
    processing.hand_over_batch(desk, officer, [ids["D"]], KINH_TE, "Vàng A Sử")
    clock.now = at(3, 2, 8, 30)
    paid = {x: fees.collect_fee(desk, officer, ids[x]) for x in "CFJ"}
    clock.now = at(3, 2, 10)
    processing.record_result_document(desk, officer, ids["D"], "12/QĐ-UBND")
    processing.record_feedback(desk, officer, ids["D"], "satisfied")

    clock.now = at(3, 3, 9)
    acts.refuse_dossier(desk, officer, ids["E"], "Không thuộc thẩm quyền của xã")
    acts.request_supplement(desk, officer, ids["I"], PROBLEM, "Thiếu tờ khai đúng mẫu")
    clock.now = at(3, 4, 9)
    processing.request_supplement_in_processing(desk, officer, ids["H"], PROBLEM, "Sai tờ khai")
    clock.now = at(3, 5, 9)
    acts.withdraw_dossier(desk, officer, ids["B"], "Công dân xin rút")
    acts.stop_processing(desk, officer, ids["J"], "Công dân đề nghị dừng")
    fees.refund_fee(desk, officer, paid["J"].payment_id, "Dừng giải quyết (Đ10.3)")
    clock.now = at(3, 6, 9)
    acts.reappoint(desk, officer, ids["C"], "Chờ xác minh", date(2026, 3, 13))
    clock.now = at(3, 10, 9)
    receipt_f = paid["F"].receipt
    assert receipt_f is not None
    fees.void_receipt(desk, officer, receipt_f.id, "Ghi sai tên người nộp")
    clock.now = at(3, 11, 9)
    processing.record_result_document(desk, officer, ids["C"], "14/QĐ-UBND")
    clock.now = at(3, 12, 9)
    acts.accept_dossier(desk, officer, receive("G", channel=3))
    processing.record_complaint(desk, officer, ids["C"], "complaint", "Trả kết quả chậm")
    clock.now = at(3, 13, 9)
    complaint = processing.complaints(desk, officer)[0]
    processing.resolve_complaint(desk, officer, complaint.id, "Đã xin lỗi, giải thích")

    # After the period: none of this may change March's figures.
    clock.now = at(3, 16, 9)
    processing.record_result_document(desk, officer, ids["F"], "15/QĐ-UBND")
    processing.record_supplement_in_processing(desk, officer, ids["H"])
    return ids


def codes(*letters: str) -> tuple[str, ...]:
    return tuple(sorted(code(x) for x in letters))


# Figure → the dossiers behind it (money figures: their value separately).
EXPECTED = {
    "carried_over": "AB",
    "received.online_l3": "CHJ",
    "received.online_l4": "D",
    "received.desk": "F",
    "received.post": "G",
    "received.online": "CDHJ",
    "received.desk_post": "FG",
    "received.total": "ABCDFGHJ",
    "resolved.early": "A",
    "resolved.on_time": "D",
    "resolved.late": "C",
    "resolved.total": "ACD",
    "in_progress.on_time": "GH",
    "in_progress.overdue": "F",
    "in_progress.total": "FGH",
    "refused": "E",
    "supplement_requested": "HI",
    "reappointed": "C",
    "withdrawn": "B",
    "stopped": "J",
    "ratings.satisfied": "D",
    "complaints.received": "C",
    "complaints.resolved": "C",
}
MONEY = {"fees.collected": (15_000, "CFJ"), "fees.refunded": (5_000, "J")}
# The form's columns (3)–(13) for the whole office.
FORM_ROW = [8, 4, 2, 2, 3, 1, 1, 1, 3, 2, 1]


@pytest.fixture
def march(desk: Desk, officer: Actor, clock: ManualClock) -> dict[str, str]:
    return month_of_march(desk, officer, clock)


def test_the_period_rule_cuts_15th_to_14th_or_calendar_months() -> None:
    assert parse_period("2026-03").first == date(2026, 2, 15)
    assert parse_period("2026-03").last == date(2026, 3, 14)
    assert (parse_period("2026-Q4").first, parse_period("2026-Q4").last) == (
        date(2026, 9, 15), date(2026, 12, 14))  # fmt: skip
    assert (parse_period("2026").first, parse_period("2026").last) == (
        date(2025, 12, 15), date(2026, 12, 14))  # fmt: skip
    calendar = parse_period("2026-02", PeriodRule.CALENDAR)
    assert (calendar.first, calendar.last) == (date(2026, 2, 1), date(2026, 2, 28))
    assert parse_period("2026-11").due_date == date(2026, 11, 19)  # before the 20th (Đ15)
    for bad in ("2026-13", "2026-Q5", "11/2026", ""):
        with pytest.raises(DomainError, match="Kỳ báo cáo"):
            parse_period(bad)


def check_figures(report: PeriodicReport) -> None:
    office = report.office
    for key, letters in EXPECTED.items():
        assert (key, office.value(key), office.codes(key)) == (key, len(letters), codes(*letters))
    for key, (value, letters) in MONEY.items():
        assert (key, office.value(key), office.codes(key)) == (key, value, codes(*letters))
    assert [office.value(k) for k, _ in TABLE_COLUMNS] == FORM_ROW
    for absent in ("ratings.neutral", "ratings.unsatisfied"):
        assert office.value(absent) == 0
    # Per procedure: D alone is MAU-HT-005.
    by_procedure = {s.key: s for s in report.procedures}
    assert set(by_procedure) == {"MAU-HT-004", "MAU-HT-005"}
    assert by_procedure["MAU-HT-005"].figures["received.online_l4"].codes == codes("D")
    assert by_procedure["MAU-HT-005"].value("resolved.on_time") == 1
    assert by_procedure["MAU-HT-004"].value("received.total") == 7
    assert by_procedure["MAU-HT-004"].value("fees.collected") == 15_000
    # Per department: who held the dossier when the period ended.
    by_department = {s.key: s for s in report.departments}
    assert set(by_department) == {TU_PHAP, KINH_TE, AT_RECEPTION}
    assert by_department[TU_PHAP].codes("received.total") == codes(*"ABCFH")
    assert by_department[TU_PHAP].codes("in_progress.overdue") == codes("F")
    assert by_department[KINH_TE].codes("resolved.on_time") == codes("D")
    assert by_department[AT_RECEPTION].codes("received.total") == codes("G", "J")
    assert by_department[AT_RECEPTION].codes("refused") == codes("E")
    # Receipts by series: three issued (C, F, J), F's voided.
    (series,) = report.series
    assert series.key == SERIES
    assert [series.value(k) for k in ("receipts.issued", "receipts.issued_amount",
                                      "receipts.voided", "receipts.voided_amount")] == [
        3, 15_000, 1, 5_000]  # fmt: skip
    assert series.codes("receipts.voided") == codes("F")
    assert [(r.code, r.reason) for r in report.refusals] == [
        (code("E"), "Không thuộc thẩm quyền của xã")]  # fmt: skip


def test_a_month_counted_by_hand(
    desk: Desk, officer: Actor, supervisor: Actor, clock: ManualClock, march: dict[str, str],
    tmp_path: Path,
) -> None:  # fmt: skip
    clock.now = at(3, 17, 10)
    report = reports.periodic_report(desk, supervisor, "2026-03")
    assert (report.period.first, report.period.last) == (date(2026, 2, 15), date(2026, 3, 14))
    check_figures(report)

    # The PDF: the form's total row, and the further figures, as pdftotext reads them.
    pdf = tmp_path / "bao-cao.pdf"
    reports.save_pdf(report, pdf)
    words = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                           text=True, check=True).stdout  # fmt: skip
    assert "Kỳ báo cáo: Tháng 03/2026" in words
    assert "(Từ ngày 15/02/2026 đến ngày 14/03/2026)" in words
    assert "Biểu số 06/VPCP/KSTT" in words
    total = next(line for line in words.splitlines() if line.strip().startswith("Tổng cộng"))
    assert total.split()[2:] == [str(n) for n in FORM_ROW]
    lines = {" ".join(line.split()[:-1]): line.split()[-1] for line in words.splitlines()
             if line.strip()}  # fmt: skip
    assert lines["Từ chối tiếp nhận (không đủ điều kiện)"] == "1"
    assert lines["Yêu cầu bổ sung, hoàn thiện hồ sơ"] == "2"
    assert lines["Trễ hạn: xin lỗi, hẹn lại ngày trả"] == "1"
    assert lines["Công dân rút hồ sơ"] == "1"
    assert lines["Dừng giải quyết"] == "1"
    assert lines["Phí, lệ phí đã thu (đồng)"] == "15.000"
    assert lines["Phí, lệ phí đã hoàn trả (đồng)"] == "5.000"
    assert lines["Đánh giá: hài lòng"] == "1"
    assert lines["Khiếu nại, phản ánh đã nhận"] == "1"
    assert lines["Khiếu nại, phản ánh đã giải quyết"] == "1"
    assert f"{code('E')}: Không thuộc thẩm quyền của xã" in words

    # The spreadsheet: the same figures, as numbers, and the dossiers behind each.
    xlsx = tmp_path / "bao-cao.xlsx"
    reports.save_xlsx(report, xlsx)
    book = load_workbook(xlsx)
    form = book["Biểu 06"]
    (total_row,) = [r for r in form.iter_rows(values_only=True) if r[1] == "Tổng cộng"]
    assert list(total_row[2:13]) == FORM_ROW
    assert all(type(v) is int for v in total_row[2:13])
    more = {r[1]: r[2] for r in book["Chỉ tiêu khác"].iter_rows(values_only=True)
            if len(r) > 2 and r[1] in dict(MORE_FIGURES)}  # fmt: skip
    wanted = {key: len(EXPECTED.get(key, "")) for key, _ in MORE_FIGURES}
    wanted.update({key: value for key, (value, _) in MONEY.items()})
    assert more == wanted
    assert all(type(v) is int for v in more.values())
    behind: dict[tuple[str, str], set[str]] = {}
    for scope, _key, figure, _label, value, dossier in book["Hồ sơ theo chỉ tiêu"].iter_rows(
            min_row=2, values_only=True):  # fmt: skip
        if scope == "Toàn cơ quan":
            behind.setdefault((figure, str(value)), set()).add(dossier)
    for key, letters in EXPECTED.items():
        assert behind[(key, str(len(letters)))] == set(codes(*letters))
    assert behind[("fees.collected", "15000")] == set(codes(*"CFJ"))

    # Reading the report is audited.
    with desk.store.read() as session:
        read = session.scalars(select(AuditEntry).where(AuditEntry.action == "report.read")).all()
    assert [(e.subject, e.officer_id, e.after["period"]) for e in read] == [
        ("XA-TAMDUONG 2026-03", supervisor.officer_id, "2026-03")]  # fmt: skip


def test_only_supervisors_of_the_office_see_its_report(
    desk: Desk, officer: Actor, supervisor: Actor, clock: ManualClock, march: dict[str, str],
) -> None:  # fmt: skip
    clock.now = at(3, 17, 10)
    with pytest.raises(AccessDenied, match="lãnh đạo bộ phận"):
        reports.periodic_report(desk, officer, "2026-03")
    with pytest.raises(AccessDenied):
        reports.sign_report(desk, officer, "2026-03")
    elsewhere = Actor(supervisor.officer_id, supervisor.username, supervisor.full_name,
                      supervisor.role, OTHER_OFFICE)  # fmt: skip
    other = reports.periodic_report(desk, elsewhere, "2026-03")
    assert other.office.figures == {} and other.procedures == () and other.series == ()


def test_calendar_months_count_the_same_acts_by_other_bounds(
    desk: Desk, supervisor: Actor, clock: ManualClock, march: dict[str, str],
) -> None:  # fmt: skip
    clock.now = at(4, 1, 10)
    report = reports.periodic_report(desk, supervisor, "2026-03", PeriodRule.CALENDAR)
    office = report.office
    # 1–31 March: A was resolved in February, so only B is carried over; F resolved on
    # 16/3, a week after its due; at the end G (due 19/3) and H (its wait ended on 16/3,
    # its due moved to 19/3) are overdue.
    assert (report.period.first, report.period.last) == (date(2026, 3, 1), date(2026, 3, 31))
    assert office.codes("carried_over") == codes("B")
    assert office.codes("resolved.total") == codes(*"CDF")
    assert office.codes("resolved.late") == codes("C", "F")
    assert office.codes("in_progress.overdue") == codes("G", "H")
    assert office.value("in_progress.on_time") == 0


def test_sign_off_freezes_the_figures_and_a_rerun_says_what_changed(
    desk: Desk, officer: Actor, supervisor: Actor, clock: ManualClock, march: dict[str, str],
    tmp_path: Path,
) -> None:  # fmt: skip
    clock.now = at(3, 14, 16)
    with pytest.raises(DomainError, match="chưa kết thúc"):
        reports.sign_report(desk, supervisor, "2026-03")
    clock.now = at(3, 17, 10)
    signed = reports.sign_report(desk, supervisor, "2026-03")
    assert signed.signed is not None and signed.signed.signed_by == supervisor.full_name
    with pytest.raises(DomainError, match="không cần ký lại"):
        reports.sign_report(desk, supervisor, "2026-03")
    with desk.store.read() as session:
        row = session.scalars(select(ReportSignOff)).one()
        assert row.figures["office"]["received.total"][0] == 8
        sign_audit = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "report.sign")).one()  # fmt: skip
    assert sign_audit.after["figures"]["resolved.late"] == 1
    with pytest.raises(IntegrityError, match="append-only"), desk.store.write() as session:
        session.execute(text("UPDATE report_signoffs SET period = '2026-04'"))
    again = reports.periodic_report(desk, supervisor, "2026-03")
    assert again.signed is not None and again.changes == ()

    # A desk that was offline brings a refusal made on 13 March: the month moves.
    clock.now = at(3, 13, 10)
    late = acts.import_dossier(desk, incoming(code("K"))).dossier_id
    acts.refuse_dossier(desk, officer, late, "Hồ sơ không đúng thủ tục")
    clock.now = at(3, 18, 10)
    rerun = reports.periodic_report(desk, supervisor, "2026-03")
    office_changes = {(c.key, c.signed, c.now) for c in rerun.changes if c.section == "office"}
    assert office_changes == {("refused", 1, 2)}
    assert {c.section for c in rerun.changes} == {
        "office", "procedure:MAU-HT-004", f"department:{AT_RECEPTION}"}  # fmt: skip
    assert "Từ chối tiếp nhận (không đủ điều kiện): khi ký 1, nay 2" in [
        c.label_vi() for c in rerun.changes]  # fmt: skip
    pdf = tmp_path / "lai.pdf"
    reports.save_pdf(rerun, pdf)
    words = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                                    text=True, check=True).stdout.split())  # fmt: skip
    assert "Số liệu khác với khi đã ký chốt:" in words
    assert "Từ chối tiếp nhận (không đủ điều kiện): khi ký 1, nay 2" in words
    # Signing again keeps both sign-offs; the newest has no differences.
    resigned = reports.sign_report(desk, supervisor, "2026-03")
    assert resigned.changes == ()
    with desk.store.read() as session:
        assert [r.figures["office"]["refused"][0]
                for r in session.scalars(select(ReportSignOff).order_by(ReportSignOff.id))
                ] == [1, 2]  # fmt: skip
        assert session.scalars(select(Payment)).all()  # the month's money is untouched


def test_the_command_line_writes_the_report_and_signs_it(
    desk: Desk, officer: Actor, clock: ManualClock, march: dict[str, str], tmp_path: Path,
) -> None:  # fmt: skip
    db = desk.store.path
    desk.store.close()

    def motcua(*args: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
        return subprocess.run([sys.executable, "-m", "desktop.cli", *args, "--db", str(db)],
                              input=PASSWORDS["lanhdao"] + "\n", capture_output=True,
                              text=True, env=env, timeout=120)  # fmt: skip

    out = tmp_path / "thang-3.xlsx"
    done = motcua("report", "--period", "2026-03", "--format", "xlsx", "--out", str(out),
                  "--user", "lanhdao", "--sign")  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "Đã ký chốt số liệu" in done.stdout and "nhận 8" in done.stdout
    (total_row,) = [r for r in load_workbook(out)["Biểu 06"].iter_rows(values_only=True)
                    if r[1] == "Tổng cộng"]  # fmt: skip
    assert list(total_row[2:13]) == FORM_ROW
    for args, said in (
        (("--period", "2026-3", "--format", "pdf", "--out", str(tmp_path / "a.pdf")),
         "Kỳ báo cáo “2026-3” không đúng dạng"),
        (("--period", "2026-03", "--format", "pdf", "--out", str(tmp_path / "no" / "a.pdf")),
         "không có thư mục"),
        (("--period", "2026-03", "--format", "xlsx", "--out", str(tmp_path / "a.pdf")),
         "có đuôi .pdf nhưng --format là xlsx"),
    ):  # fmt: skip
        bad = motcua("report", *args, "--user", "lanhdao")
        assert bad.returncode == 2
        assert bad.stderr.startswith("motcua: lỗi: ") and said in bad.stderr
        assert len(bad.stderr.strip().splitlines()) == 1


def test_after_the_period_nothing_changes_march(
    desk: Desk, supervisor: Actor, clock: ManualClock, march: dict[str, str],
) -> None:  # fmt: skip
    # Run much later: F resolved and H resumed on 16/3 do not move March's figures.
    clock.now = at(3, 17, 10) + timedelta(days=60)
    check_figures(reports.periodic_report(desk, supervisor, "2026-03"))


def test_the_report_benchmark_runs_and_agrees_with_the_raw_count(tmp_path: Path) -> None:
    from tests.bench.bench_reports import run

    lines = run(400, 1, tmp_path)  # asserts the report and the raw SQL count agree
    from tests.unit.test_report_columns import columns_disagreeing

    assert columns_disagreeing(tmp_path / "bench.db") == []  # filled as a desk fills them
    assert lines[1].startswith("Annual report 2026 (Từ ngày 15/12/2025 đến ngày 14/12/2026)")
    assert "received" in lines[2] and "departments" in lines[2]
