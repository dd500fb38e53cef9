"""The form sets: a dossier's papers follow the set in force on the day it was received
(Thông tư 01/2018/TT-VPCP before 01/7/2025, Thông tư 03/2025/TT-VPCP from that day), and
each 2025 form prints, field by field, the lines its data file lists — the same list
docs/DOCUMENTS.md shows."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from desktop.core.calendar import OFFICE_TZ
from desktop.core.lifecycle import DomainError
from desktop.core.seals import Seal
from desktop.documents.forms import form_set, form_set_for
from desktop.services import dossiers as acts
from desktop.services import fees, paper_data, papers
from desktop.services.context import Actor, Desk
from desktop.services.demo import ManualClock
from desktop.services.document_keys import seal_text, verify_text
from tests.conftest import PASSWORDS, T0, incoming

ROOT = Path(__file__).resolve().parents[2]
SET_2025 = form_set("2025")


def pdf_text(pdf: bytes | Path, tmp_path: Path) -> str:
    """The PDF's text in drawing order, whitespace folded (a wrapped line reads whole)."""
    path = pdf if isinstance(pdf, Path) else tmp_path / "giay.pdf"
    if not isinstance(pdf, Path):
        path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout  # fmt: skip
    return " ".join(out.split())


def pages(pdf: bytes, tmp_path: Path) -> int:
    path = tmp_path / "dem.pdf"
    path.write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return int(next(x for x in info.splitlines() if x.startswith("Pages:")).split()[-1])


def folded(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def dossiers_2026(desk: Desk, officer: Actor, clock: ManualClock) -> dict[str, str]:
    """One dossier through each act a 2025 form records (received 02/3/2026)."""
    with desk.store.write() as s:
        fees.add_receipt_block(s, "khoi-1", "01BLP0-001", "TD-26T", 41, 90, T0)

    def new(name: str, procedure: str = "MAU-HT-004") -> tuple[str, str]:
        outcome = acts.import_dossier(
            desk, incoming(name=name, procedure=procedure, address="Bản Nà Đon, xã Tam Đường")
        )
        return outcome.dossier_id, outcome.dossier_code  # fmt: skip

    late, late_code = new("Đèo Văn Khang", "MAU-CT-003")  # a procedure with a fee
    due = acts.accept_dossier(desk, officer, late).due
    assert due is not None
    acts.hand_over(desk, officer, late, "Phòng Tư pháp", "Lò Văn Nhận")
    new_date = desk.calendar.nth_working_day_after(due.date, 5)
    acts.reappoint(desk, officer, late, "Chờ xác minh của công an xã", new_date)
    acts.record_result(desk, officer, late, "Đã có kết quả")
    lacking, lacking_code = new("Lường Thị Thu")
    problem = acts.PaperProblem("Giấy khai sinh", "missing", "bản sao có chứng thực")
    acts.request_supplement(desk, officer, lacking, [problem], "Thiếu giấy khai sinh")
    refused, refused_code = new("Giàng A Páo")
    acts.refuse_dossier(desk, officer, refused, "Thủ tục không thuộc thẩm quyền của xã")
    stopped, stopped_code = new("Sùng Thị Mỷ", "MAU-CT-003")
    clock.now = T0 + timedelta(minutes=20)  # received after the first: sequence number 2
    acts.accept_dossier(desk, officer, stopped)
    acts.hand_over(desk, officer, stopped, "Phòng Tư pháp")
    fees.collect_fee(desk, officer, stopped)
    acts.stop_processing(desk, officer, stopped, "Người nộp rút yêu cầu")
    return {papers.RECEIPT_SLIP: late_code, papers.SUPPLEMENT: lacking_code,
            papers.REFUSAL: refused_code, papers.APOLOGY: late_code, papers.STOP: stopped_code,
            papers.CONTROL: late_code}  # fmt: skip


# What each 2025 form must show beyond its listed lines: a value a person would check.
VALUES = {
    papers.RECEIPT_SLIP: ["Đèo Văn Khang", "Liên 2: Giao cho người nộp hồ sơ", "Tờ khai",
                          "50.000 đồng", "Quyển số 2026, Số thứ tự 1", "NGƯỜI NỘP HỒ SƠ"],
    papers.SUPPLEMENT: ["Còn thiếu", "bản sao có chứng thực", "Lý do: Thiếu giấy khai sinh"],
    papers.REFUSAL: ["Giàng A Páo", "Thủ tục không thuộc thẩm quyền của xã"],
    papers.APOLOGY: ["Kính gửi: Ông/Bà Đèo Văn Khang", "Chờ xác minh của công an xã",
                     "(Ký, ghi rõ họ tên và đóng dấu)", "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ"],
    papers.STOP: ["Người nộp rút yêu cầu", "Phòng Tư pháp", "50.000 đồng (biên lai "
                  "TD-26T/0000041)", "Chuyển phòng chuyên môn"],
    papers.CONTROL: ["Phòng Tư pháp", "Lò Văn Nhận", "Người giao", "Người nhận",
                     "Có kết quả — Trước hạn", "Đã có kết quả"],
}  # fmt: skip


@pytest.mark.parametrize("kind", list(VALUES))
def test_each_2025_form_prints_every_listed_field(
    desk: Desk, officer: Actor, dossiers_2026: dict[str, str], kind: str, tmp_path: Path
) -> None:
    code = dossiers_2026[kind]
    paper = papers.act_paper(desk, officer, code, kind)
    form = SET_2025.form(kind)
    assert (paper.form_set, paper.form) == ("2025", f"M{form['number']}")
    spec = papers.SPECS[kind]
    assert spec.act is not None and spec.gather is not None
    with desk.store.write() as s:  # the data the paper was drawn from
        slip = paper_data.act_slip(s, code, desk.office_code, kind, spec.act, spec.gather,
                                   spec.signs, desk.calendar)  # fmt: skip
    text = pdf_text(paper.pdf, tmp_path)
    assert f"Mẫu số {form['number']} — Thông tư 03/2025/TT-VPCP" in text
    assert folded(form["title"]) in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert f"Số: {slip.number}" in text and "BỘ PHẬN MỘT CỬA" in text
    for field in form["fields"]:  # the one list the documentation shows too
        if field["key"] == "headers":
            for header in form["headers"]:
                assert folded(header) in text, (kind, header)
            continue
        line = folded(form[field["key"]].format(**slip.fields))
        assert line in text, (kind, field["key"], line)
    for value in VALUES[kind]:
        assert folded(value) in text, (kind, value)
    assert text.count(form["title"]) == spec.copies  # Mẫu 01: two copies, each whole


def test_the_2025_register_numbers_each_dossier_once_and_for_good(
    desk: Desk, officer: Actor, clock: ManualClock, dossiers_2026: dict[str, str],
    tmp_path: Path,
) -> None:  # fmt: skip
    """Mẫu 07: book and sequence numbers follow the order of acceptance in the year, so a
    dossier keeps its number whatever period the book is printed for; a long book flows
    onto more pages with its header row again, and no dossier code is cut."""
    received = [dossiers_2026[papers.RECEIPT_SLIP], dossiers_2026[papers.STOP]]
    later = []
    for n in range(24):
        clock.now = T0 + timedelta(days=1, minutes=n)
        outcome = acts.import_dossier(desk, incoming(name=f"Công dân {n}"))
        acts.accept_dossier(desk, officer, outcome.dossier_id)
        later.append(outcome.dossier_code)
    month = papers.register_paper(desk, officer, date(2026, 3, 1), date(2026, 3, 31))
    assert (month.form, month.form_set, month.printer) == ("M07", "2025", "register")
    text = pdf_text(month.pdf, tmp_path)
    form = SET_2025.form(papers.REGISTER)
    assert "Mẫu số 07 — Thông tư 03/2025/TT-VPCP" in text
    # The book's number only: dossiers not received (no entry, "—") name no book.
    assert "Quyển số: 2026 Từ ngày" in text
    assert "Từ ngày 01/03/2026 đến ngày 31/03/2026 — 28 hồ sơ" in text
    assert "Đăng ký lại khai sinh" in text  # the procedure by its name, not its code
    count = pages(month.pdf, tmp_path)
    assert count >= 2 and text.count(folded(form["headers"][2])) == count
    for n, code in enumerate([*received, *later], start=1):
        assert f"{n} {code} " in text, (n, code)  # the number, then the code, whole
    # Printed again for one day only, the dossiers keep their numbers.
    day = papers.register_paper(desk, officer, date(2026, 3, 3), date(2026, 3, 3))
    again = pdf_text(day.pdf, tmp_path)
    assert f"3 {later[0]} " in again and f"26 {later[-1]} " in again
    assert "Từ ngày 03/03/2026 đến ngày 03/03/2026 — 24 hồ sơ" in again
    # And Mẫu 01 of a dossier names the same entry.
    slip = pdf_text(papers.act_paper(desk, officer, later[4], papers.RECEIPT_SLIP).pdf, tmp_path)
    assert "Vào sổ theo dõi hồ sơ, Quyển số 2026, Số thứ tự 7" in slip


def test_a_dossier_prints_in_the_set_of_the_day_it_was_received(
    desk: Desk, officer: Actor, clock: ManualClock, tmp_path: Path
) -> None:
    def received_on(day: date, name: str) -> str:
        clock.now = datetime.combine(day, datetime.min.time(), OFFICE_TZ) + timedelta(hours=9)
        submitted = dataclasses.replace(incoming(name=name), submitted_at=clock.now)
        outcome = acts.import_dossier(desk, submitted)
        acts.accept_dossier(desk, officer, outcome.dossier_id)
        return outcome.dossier_code

    june = received_on(date(2025, 6, 20), "Vàng A Sử")
    july = received_on(date(2025, 7, 2), "Lò Thị Hoà")
    clock.now = T0
    old = papers.act_paper(desk, officer, june, papers.RECEIPT_SLIP)
    new = papers.act_paper(desk, officer, july, papers.RECEIPT_SLIP)
    assert (old.form_set, old.form, new.form_set, new.form) == ("2018", "M01", "2025", "M01")
    old_text, new_text = pdf_text(old.pdf, tmp_path), pdf_text(new.pdf, tmp_path)
    assert "Mẫu số 01 — Thông tư 01/2018/TT-VPCP" in old_text and "03/2025" not in old_text
    assert "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ" in old_text and "Vào sổ" not in old_text
    assert "Mẫu số 01 — Thông tư 03/2025/TT-VPCP" in new_text and "01/2018" not in new_text
    assert "Vào sổ theo dõi hồ sơ" in new_text and "Phí, lệ phí" in new_text
    # A form number is that number in the dossier's set: Mẫu 05 is the control slip in
    # 2018 and the stop notice in 2025; Mẫu 06 the book in 2018, the control slip in 2025.
    assert papers.kind_named("m05", papers.dossier_set(desk, officer, june)) == papers.CONTROL
    assert papers.kind_named("m05", papers.dossier_set(desk, officer, july)) == papers.STOP
    assert papers.kind_named("M06", SET_2025) == papers.CONTROL
    assert papers.kind_named("m06") == papers.REGISTER and papers.kind_named("tu-choi")
    assert form_set_for(date(2025, 6, 30)).key == "2018"
    assert form_set_for(date(2025, 7, 1)).key == "2025"
    # The 2018 set has no stop notice.
    with pytest.raises(DomainError, match="không có loại giấy tờ"):
        papers.act_paper(desk, officer, june, papers.STOP)


def test_the_command_line_takes_kind_names_and_the_dossiers_form_numbers(
    desk: Desk, dossiers_2026: dict[str, str], tmp_path: Path
) -> None:
    db, code = str(desk.store.path), dossiers_2026[papers.STOP]
    for word in ("dung", "m05"):
        out = tmp_path / f"{word}.pdf"
        done = subprocess.run(
            [sys.executable, "-m", "desktop.cli", "print", word, "--db", db, "--dossier", code,
             "--out", str(out), "--user", "canbo"],
            input=PASSWORDS["canbo"] + "\n", capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ" in pdf_text(out, tmp_path)
    wrong = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "print", "m09", "--db", db, "--dossier", code,
         "--out", str(tmp_path / "x.pdf"), "--user", "canbo"],
        input=PASSWORDS["canbo"] + "\n", capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert wrong.returncode != 0 and "không có mẫu số 09" in wrong.stderr
    assert not (tmp_path / "x.pdf").exists()


def test_papers_printed_before_the_kinds_had_names_still_verify(desk: Desk) -> None:
    with desk.store.write() as s:
        old = seal_text(s, Seal("M01", "XA-1", "XA-1", 0, "2026-03-02", desk.office_code))
        new = seal_text(s, Seal(papers.STOP, "XA-1", "XA-1", 0, "2026-03-02", desk.office_code))
        old_verdict, new_verdict = verify_text(s, old), verify_text(s, new)
    assert old_verdict.valid and "Giấy tiếp nhận hồ sơ và hẹn trả kết quả" in old_verdict.message
    assert new_verdict.valid and "Thông báo dừng giải quyết hồ sơ" in new_verdict.message


def test_the_documentation_lists_the_fields_the_test_checks() -> None:
    """docs/DOCUMENTS.md §7 shows each 2025 form's lines as the data file has them: a
    label changed in one place and not the other fails here."""
    doc = (ROOT / "docs" / "DOCUMENTS.md").read_text("utf-8")
    section = doc[doc.index("## 7. Fields printed, per form") :]
    assert "resources/documents/forms-2025.json" in section
    for kind, form in SET_2025.text["forms"].items():
        assert f"Mẫu {form['number']} — {folded(form['title'])}" in section, kind
        for field in form["fields"]:
            label = (", ".join(form["headers"]) if field["key"] == "headers"
                     else form[field["key"]])  # fmt: skip
            assert f"| `{field['key']}` | {label} | {field['source']} |" in section, (kind, field)


def test_the_place_and_address_come_from_the_office_unless_set(
    desk: Desk, admin: Actor, officer: Actor, dossiers_2026: dict[str, str], tmp_path: Path
) -> None:
    from desktop.services.demo import demo_office
    from desktop.services.documents import office_place, set_document_settings
    from desktop.store.models import Office

    assert office_place(demo_office()) == "Lai Châu"  # a provincial centre: its province
    commune = Office(code="X", name="UBND xã Bản Giang", address="Bản Nà Bỏ, xã Bản Giang, "
                     "tỉnh Lai Châu", level="commune", tax_code="")  # fmt: skip
    assert office_place(commune) == "Bản Giang"
    code = dossiers_2026[papers.SUPPLEMENT]
    text = pdf_text(papers.act_paper(desk, officer, code, papers.SUPPLEMENT).pdf, tmp_path)
    assert "Tam Đường, ngày 02 tháng 3 năm 2026" in text  # UBND xã Tam Đường
    set_document_settings(desk, admin, phone="0213 3876 543", address="Bản Nà Đon, xã Tam Đường")
    text = pdf_text(papers.act_paper(desk, officer, code, papers.SUPPLEMENT).pdf, tmp_path)
    assert "theo số điện thoại 0213 3876 543 để được hướng dẫn" in text
    slip = papers.act_paper(desk, officer, dossiers_2026[papers.RECEIPT_SLIP], papers.RECEIPT_SLIP)
    assert "Bộ phận Một cửa — UBND xã Tam Đường, Bản Nà Đon, xã Tam Đường" in pdf_text(
        slip.pdf, tmp_path
    )


def test_a_long_control_slip_flows_onto_a_second_page_with_its_header_again(
    desk: Desk, officer: Actor, clock: ManualClock, tmp_path: Path
) -> None:
    from desktop.services import processing

    outcome = acts.import_dossier(desk, incoming(name="Hờ A Dính"))
    acts.accept_dossier(desk, officer, outcome.dossier_id)
    acts.hand_over(desk, officer, outcome.dossier_id, "Phòng Tư pháp")
    asked = ["Công an xã", "Phòng Tài chính", "Phòng Văn hoá"]
    for n in range(12):  # a dossier that needed many opinions
        clock.now = T0 + timedelta(minutes=10 * (n + 1))
        processing.consult(desk, officer, outcome.dossier_id, [asked[n % 3]], f"Câu hỏi số {n}")
    paper = papers.act_paper(desk, officer, outcome.dossier_code, papers.CONTROL)
    count = pages(paper.pdf, tmp_path)
    text = pdf_text(paper.pdf, tmp_path)
    assert count >= 2 and text.count("Tên cơ quan") == count  # the header row on each page
    assert "Câu hỏi số 0" in text and "Câu hỏi số 11" in text and "Trang 2" in text
    assert "Cơ quan phối hợp giải quyết hồ sơ: Công an xã, Phòng Tài chính, Phòng Văn hoá" in text


@pytest.mark.parametrize("set_key", ["2018", "2025"])
def test_the_date_line_pads_days_below_10_and_only_the_months_1_and_2(
    desk: Desk, officer: Actor, dossiers_2026: dict[str, str], set_key: str, tmp_path: Path
) -> None:
    """Nghị định 30/2020: "ngày 05 tháng 3 năm 2026", "ngày 14 tháng 01 năm 2027"."""
    kind = papers.SUPPLEMENT
    spec = papers.SPECS[kind]
    assert spec.act is not None and spec.gather is not None
    chosen = form_set(set_key)
    with desk.store.write() as s:
        slip = paper_data.act_slip(s, dossiers_2026[kind], desk.office_code, kind, spec.act,
                                   spec.gather, spec.signs, desk.calendar, chosen)  # fmt: skip
    for at, line in (
        (datetime(2026, 3, 5, 9, 0, tzinfo=OFFICE_TZ), "ngày 05 tháng 3 năm 2026"),
        (datetime(2026, 12, 9, 9, 0, tzinfo=OFFICE_TZ), "ngày 09 tháng 12 năm 2026"),
        (datetime(2027, 1, 14, 9, 0, tzinfo=OFFICE_TZ), "ngày 14 tháng 01 năm 2027"),
        (datetime(2027, 2, 1, 9, 0, tzinfo=OFFICE_TZ), "ngày 01 tháng 02 năm 2027"),
    ):
        path = tmp_path / f"{set_key}-{at:%m}.pdf"
        with path.open("wb") as out:
            chosen.render([dataclasses.replace(slip, at=at)], out)
        text = pdf_text(path, tmp_path)
        assert f"Tam Đường, {line}" in text, (set_key, text[:400])


@pytest.mark.parametrize("set_key", ["2018", "2025"])
def test_the_tracking_book_is_signed_by_its_signer_else_by_the_officer_who_prints_it(
    desk: Desk, admin: Actor, officer: Actor, dossiers_2026: dict[str, str], set_key: str,
    tmp_path: Path,
) -> None:  # fmt: skip
    from desktop.services.documents import set_document_settings

    first, last = date(2026, 3, 1), date(2026, 3, 31)
    book = papers.register_paper(desk, officer, first, last, set_key)
    text = pdf_text(book.pdf, tmp_path)
    assert "NGƯỜI LẬP SỔ" in text
    assert officer.full_name and officer.full_name in text.split("NGƯỜI LẬP SỔ")[-1]
    set_document_settings(desk, admin, signers={papers.REGISTER: "Hoàng Thị Lan"})
    text = pdf_text(papers.register_paper(desk, officer, first, last, set_key).pdf, tmp_path)
    assert "Hoàng Thị Lan" in text.split("NGƯỜI LẬP SỔ")[-1]
    assert officer.full_name not in text


def word_gaps(pdf: bytes, first_words: tuple[str, ...], tmp_path: Path) -> list[float]:
    """The spaces between the words of the first printed line that starts with
    ``first_words`` (from the words' boxes, in points)."""
    import re

    path = tmp_path / "hop-chu.pdf"
    path.write_bytes(pdf)
    boxes = subprocess.run(["pdftotext", "-bbox-layout", "-f", "1", "-l", "1", str(path), "-"],
                           capture_output=True, text=True, check=True).stdout  # fmt: skip
    word = re.compile(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"[^>]*>([^<]*)</word>')
    for line in boxes.split("<line ")[1:]:
        words = [(float(a), float(b), w) for a, b, w in word.findall(line)]
        texts = tuple(w for _, _, w in words)
        for start in range(len(texts)):
            if texts[start : start + len(first_words)] == first_words:
                return [words[k + 1][0] - words[k][1] for k in range(len(words) - 1)]
    raise AssertionError(f"no line starting {first_words}")


def test_the_appointment_line_of_mau_01_is_set_flush_left_not_justified(
    desk: Desk, officer: Actor, dossiers_2026: dict[str, str], tmp_path: Path
) -> None:
    kind = papers.RECEIPT_SLIP
    spec = papers.SPECS[kind]
    assert spec.act is not None and spec.gather is not None
    with desk.store.write() as s:
        slip = paper_data.act_slip(s, dossiers_2026[kind], desk.office_code, kind, spec.act,
                                   spec.gather, spec.signs, desk.calendar)  # fmt: skip
    # An appointment long enough to wrap before its date (the line is then justified, if
    # it is, over its whole width).
    due = "17 giờ 00 phút, buổi chiều thứ Ba, ngày 29/12/2026 (tại quầy số 3)"
    path = tmp_path / "m01.pdf"
    with path.open("wb") as out:
        SET_2025.render([dataclasses.replace(slip, fields={**slip.fields, "due": due})], out)
    gaps = word_gaps(path.read_bytes(), ("Thời", "gian", "trả", "kết", "quả"), tmp_path)
    # A space of 8.8 pt bold type is 2.2 pt: flush left, every gap is one space; a
    # justified line that wraps spreads them (to 2.7 here, to 6 before a long date).
    assert gaps and max(gaps) < 2.3, gaps
    assert "29/12/2026" in pdf_text(path, tmp_path)
