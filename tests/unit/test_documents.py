"""Printed receipts read back as a person and a scanner would: text out of the PDF, the
barcode and the QR out of its image, and the QR verified (a changed digit fails)."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from desktop.core.lifecycle import DomainError
from desktop.services import dossiers as acts
from desktop.services import fees
from desktop.services.context import Actor, Desk
from desktop.services.demo import ManualClock
from tests.conftest import PASSWORDS, T0, incoming
from tests.documents_check import pdf_text, scan_picture, scanned


def motcua(*args: str, password: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args],
        input=password + "\n", capture_output=True, text=True, timeout=60,
    )  # fmt: skip


@pytest.fixture
def receipt_on_desk(desk: Desk, officer: Actor) -> tuple[str, str]:
    with desk.store.write() as s:
        fees.add_receipt_block(s, "khoi-1", "01BLP0-001", "TD-26T", 41, 90, T0)
    dossier = acts.import_dossier(
        desk,
        incoming(
            code="XA-TAMDUONG-260302-000123",
            procedure="MAU-CT-003",
            name="Lò Thị Hoà",
            address="Bản Nà Đon, xã Tam Đường",
        ),
    )
    outcome = fees.collect_fee(desk, officer, dossier.dossier_id)
    assert outcome.receipt is not None
    return dossier.dossier_code, outcome.receipt.id


def test_a_printed_receipt_reads_right_and_its_codes_verify(
    desk: Desk, receipt_on_desk: tuple[str, str], tmp_path: Path
) -> None:
    code, _ = receipt_on_desk
    db, out = str(desk.store.path), tmp_path / "bien-lai.pdf"
    printed = motcua("print", "receipt", "--db", db, "--dossier", code, "--out", str(out),
                     "--user", "canbo", password=PASSWORDS["canbo"])  # fmt: skip
    assert printed.returncode == 0, printed.stderr
    assert "TD-26T số 0000041" in printed.stdout
    text = pdf_text(out)
    for expected in ("BIÊN LAI THU PHÍ, LỆ PHÍ", "Liên 1: Lưu tại cơ quan thu",
                     "Liên 2: Giao cho người nộp tiền", "Ký hiệu mẫu: 01BLP0-001",
                     "Ký hiệu: TD-26T", "Số: 0000041", "Lò Thị Hoà", "Bản Nà Đon, xã Tam Đường",
                     code, "50.000", "Năm mươi nghìn đồng", "Mã số thuế: 6200000001",
                     "Ngày 02 tháng 3 năm 2026", "Trần Minh Đức"):  # fmt: skip
        assert expected in text, expected
    assert "BẢN SAO" not in text and "ĐÃ HUỶ" not in text
    codes = scanned(out)[0]  # a scanner's 150 dpi
    assert f"CODE-128:{code}" in codes
    qr = next(c.removeprefix("QR-Code:") for c in codes if c.startswith("QR-Code:"))
    assert qr.startswith(f"MC1|BL|TD-26T/0000041|{code}|50000|2026-03-02|XA-TAMDUONG|")

    valid = motcua("verify-doc", "--db", db, qr)
    assert valid.returncode == 0 and "HỢP LỆ" in valid.stdout
    forged = motcua("verify-doc", "--db", db, qr.replace("|50000|", "|90000|"))
    assert forged.returncode == 1 and "GIẢ MẠO" in forged.stderr
    from_pdf = motcua("verify-doc", "--db", db, str(out))
    assert from_pdf.returncode == 0 and "50.000 đồng" in from_pdf.stdout
    # Another desk's database does not know this desk's key: not verifiable, not "valid".
    stranger = motcua("verify-doc", "--db", str(tmp_path / "khac.db"), qr)
    assert stranger.returncode != 0


def test_a_reprint_is_a_copy_and_a_voided_receipt_says_so(
    desk: Desk, officer: Actor, clock: ManualClock, receipt_on_desk: tuple[str, str],
    tmp_path: Path,
) -> None:  # fmt: skip
    code, receipt_id = receipt_on_desk
    db = str(desk.store.path)
    first, second = tmp_path / "lan-1.pdf", tmp_path / "lan-2.pdf"
    for out in (first, second):
        printed = motcua("print", "receipt", "--db", db, "--dossier", code, "--out", str(out),
                         "--user", "canbo", password=PASSWORDS["canbo"])  # fmt: skip
        assert printed.returncode == 0, printed.stderr
    assert "BẢN SAO" not in pdf_text(first) and pdf_text(second).count("BẢN SAO") == 2
    clock.now = T0 + timedelta(hours=2, minutes=15)
    fees.void_receipt(desk, officer, receipt_id, "Ghi sai số tiền")
    voided = tmp_path / "huy.pdf"
    assert motcua("print", "receipt", "--db", db, "--dossier", code, "--out", str(voided),
                  "--user", "canbo", password=PASSWORDS["canbo"]).returncode == 0  # fmt: skip
    text = " ".join(pdf_text(voided, layout=False).split())
    assert text.count("ĐÃ HUỶ") == 2 and text.count("BẢN SAO") == 2  # both copies, a reprint
    assert "Liên 1: Lưu tại cơ quan thu" in text and "Liên 2: Giao cho người nộp tiền" in text
    # Who voided it, when and why, on the paper itself.
    assert text.count("Biên lai đã huỷ lúc 10 giờ 15 phút, ngày 02 tháng 3 năm 2026; người "
                      "huỷ: Trần Minh Đức; lý do: Ghi sai số tiền.") == 2  # fmt: skip


def test_a_print_that_failed_is_not_counted_so_the_next_is_the_original(
    desk: Desk, officer: Actor, receipt_on_desk: tuple[str, str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    import shutil

    from desktop.documents.receipt import print_receipt
    from desktop.paths import resources_dir
    from desktop.store.models import ReceiptPrint

    _, receipt_id = receipt_on_desk
    # The write fails (its folder is gone): nothing is recorded.
    with pytest.raises(OSError):
        print_receipt(desk, officer, receipt_id, tmp_path / "khong-co" / "bien-lai.pdf")
    # The drawing fails: an administrator's edit of the wording left the title out.
    broken = tmp_path / "resources"
    shutil.copytree(resources_dir() / "documents", broken / "documents")
    wording = (broken / "documents" / "bien-lai.json").read_text("utf-8")
    (broken / "documents" / "bien-lai.json").write_text(
        wording.replace('"title"', '"tieu_de"'), "utf-8")  # fmt: skip
    monkeypatch.setenv("MOTCUA_RESOURCES", str(broken))
    with pytest.raises(KeyError):
        print_receipt(desk, officer, receipt_id, tmp_path / "bien-lai.pdf")
    assert not (tmp_path / "bien-lai.pdf").exists()
    monkeypatch.delenv("MOTCUA_RESOURCES")
    with desk.store.read() as s:
        assert s.query(ReceiptPrint).count() == 0

    first = print_receipt(desk, officer, receipt_id, tmp_path / "lan-1.pdf")
    second = print_receipt(desk, officer, receipt_id, tmp_path / "lan-2.pdf")
    assert not first.copy and second.copy
    assert "BẢN SAO" not in pdf_text(tmp_path / "lan-1.pdf")
    assert pdf_text(tmp_path / "lan-2.pdf").count("BẢN SAO") == 2


def test_printing_refuses_what_it_cannot_print(desk: Desk, tmp_path: Path) -> None:
    db = str(desk.store.path)
    code = acts.import_dossier(desk, incoming(procedure="MAU-CT-003")).dossier_code
    out = str(tmp_path / "x.pdf")
    none = motcua("print", "receipt", "--db", db, "--dossier", code, "--out", out,
                  "--user", "canbo", password=PASSWORDS["canbo"])  # fmt: skip
    assert none.returncode != 0 and "chưa có biên lai" in none.stderr
    assert not (tmp_path / "x.pdf").exists()
    wrong = motcua("print", "receipt", "--db", db, "--dossier", code, "--out", out,
                   "--user", "canbo", password="sai")  # fmt: skip
    assert wrong.returncode != 0 and not (tmp_path / "x.pdf").exists()
    junk = motcua("verify-doc", "--db", db, "không phải mã")
    assert junk.returncode == 1 and "Không phải mã xác thực" in junk.stderr


def test_slips_01_to_05_say_what_the_citizen_was_told(
    desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    """The 2018 set's Mẫu 01–05, asked for by kind and printed in that set."""
    from desktop.services import papers

    kinds = {"M01": papers.RECEIPT_SLIP, "M02": papers.SUPPLEMENT, "M03": papers.REFUSAL,
             "M04": papers.APOLOGY, "M05": papers.CONTROL}  # fmt: skip

    def print_slip(code: str, kind: str, out: Path) -> None:
        papers.save(papers.act_paper(desk, officer, code, kinds[kind], "2018"), out)

    def new(name: str) -> tuple[str, str]:
        outcome = acts.import_dossier(desk, incoming(name=name, procedure="MAU-HT-004"))
        return outcome.dossier_id, outcome.dossier_code

    accepted, accepted_code = new("Vàng A Sử")
    due = acts.accept_dossier(desk, officer, accepted).due
    assert due is not None
    lacking, lacking_code = new("Lường Thị Thu")
    problem = acts.PaperProblem("Giấy khai sinh", "missing", "bản sao có chứng thực")
    acts.request_supplement(desk, officer, lacking, [problem], "Thiếu giấy khai sinh")
    refused_id, refused_code = new("Giàng A Páo")
    acts.refuse_dossier(desk, officer, refused_id, "Thủ tục không thuộc thẩm quyền của xã")
    late, late_code = new("Đèo Văn Khang")
    acts.accept_dossier(desk, officer, late)
    acts.hand_over(desk, officer, late, "Phòng Tư pháp")
    new_date = desk.calendar.nth_working_day_after(due.date, 5)
    acts.reappoint(desk, officer, late, "Chờ xác minh của công an huyện", new_date)
    acts.record_result(desk, officer, late, "Đã có kết quả")

    expected = {
        ("M01", accepted_code): ["GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Vàng A Sử",
                                 "Tờ khai", "Giấy khai sinh", "Liên 2: Giao cho người nộp hồ sơ",
                                 f"ngày {due.date:%d/%m/%Y}", "08 giờ 00 phút, ngày 02/03/2026"],
        ("M02", lacking_code): ["PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
                                f"{lacking_code}/HDHS", "Còn thiếu", "bản sao có chứng thực",
                                "Lý do: Thiếu giấy khai sinh"],
        ("M03", refused_code): ["PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "Giàng A Páo",
                                "Thủ tục không thuộc thẩm quyền của xã"],
        ("M04", late_code): ["PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "Đèo Văn Khang",
                             "Chờ xác minh của công an huyện", f"ngày {new_date:%d/%m/%Y}"],
        ("M05", late_code): ["PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ",
                             "Cơ quan (bộ phận) giải quyết hồ sơ: Phòng Tư pháp",
                             "Giao: Bộ phận TN&TKQ", "(Trần Minh Đức)", "xin lỗi,",
                             "Giao: Phòng Tư pháp —", "Có kết quả — Trước hạn"],
    }  # fmt: skip
    for (kind, code), texts in expected.items():
        out = tmp_path / f"{kind}.pdf"
        print_slip(code, kind, out)
        text = " ".join(pdf_text(out, layout=False).split())
        assert f"Mẫu số {kind[1:]} — Thông tư 01/2018/TT-VPCP" in text
        for wanted in texts:
            assert " ".join(wanted.split()) in text, (kind, wanted)
        assert "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and code in text
    codes = scanned(tmp_path / "M02.pdf")[0]
    assert f"CODE-128:{lacking_code}" in codes
    assert any(c.startswith(f"QR-Code:MC1|bo-sung|{lacking_code}/HDHS|") for c in codes)
    with pytest.raises(DomainError, match="chưa có thao tác"):
        print_slip(accepted_code, "M03", tmp_path / "khong.pdf")
    assert not (tmp_path / "khong.pdf").exists()


def test_tracking_book_and_shift_handover_list_the_day_and_its_cash(
    desk: Desk, officer: Actor, receipt_on_desk: tuple[str, str], tmp_path: Path
) -> None:
    code, _ = receipt_on_desk
    other = acts.import_dossier(desk, incoming(name="Sùng Thị Mỷ", procedure="MAU-HT-004"))
    acts.accept_dossier(desk, officer, other.dossier_id)
    fees.collect_fee(desk, officer, other.dossier_id)  # 5.000 đ, receipt 42
    db = str(desk.store.path)
    book, shift = tmp_path / "so.pdf", tmp_path / "ca.pdf"
    made = motcua("print", "m06", "--db", db, "--from", "2026-03-01", "--to", "2026-03-02",
                  "--out", str(book), "--user", "canbo", password=PASSWORDS["canbo"])  # fmt: skip
    assert made.returncode == 0, made.stderr
    text = " ".join(pdf_text(book, layout=False).split())
    assert "SỔ THEO DÕI HỒ SƠ" in text and "2 hồ sơ" in text and "Sùng Thị Mỷ" in text
    made = motcua("print", "handover", "--db", db, "--date", "2026-03-02", "--session",
                  "morning", "--out", str(shift), "--user", "canbo",
                  password=PASSWORDS["canbo"])  # fmt: skip
    assert made.returncode == 0, made.stderr
    text = " ".join(pdf_text(shift, layout=False).split())
    assert "BIÊN BẢN BÀN GIAO CA" in text and "Trần Minh Đức" in text
    assert "55.000 đồng (Năm mươi lăm nghìn đồng)" in text  # 50.000 + 5.000 in cash
    assert "TD-26T/0000041" in text and "TD-26T/0000042" in text
    assert "Lò Thị Hoà" in text and "Sùng Thị Mỷ" in text and code[:11] in text
    bad = motcua("print", "m06", "--db", db, "--from", "2026-03-40", "--to", "2026-03-02",
                 "--out", str(tmp_path / "x.pdf"), "--user", "canbo",
                 password=PASSWORDS["canbo"])  # fmt: skip
    assert bad.returncode != 0 and "--from" in bad.stderr and not (tmp_path / "x.pdf").exists()


def test_an_80mm_thermal_receipt_prints_a_qr_that_scans_and_verifies(
    desk: Desk, receipt_on_desk: tuple[str, str], tmp_path: Path
) -> None:
    from desktop.documents.thermal import DOTS, raster_to_pbm

    code, _ = receipt_on_desk
    db, out = str(desk.store.path), tmp_path / "lp0"
    printed = motcua("print", "receipt", "--thermal", "--db", db, "--dossier", code,
                     "--out", str(out), "--user", "canbo", password=PASSWORDS["canbo"])  # fmt: skip
    assert printed.returncode == 0, printed.stderr
    data = out.read_bytes()
    cut = b"\x1bd\x06\x1dV\x00"  # feed past the cutter, cut
    assert data.startswith(b"\x1b@") and data.endswith(cut)  # initialise … cut
    assert data.count(cut) == 2  # Liên 1 and Liên 2, each cut off
    raster = data.index(b"\x1dv0\x00")
    assert int.from_bytes(data[raster + 4 : raster + 6], "little") * 8 == DOTS  # 72 mm, 203 dpi
    picture = tmp_path / "in-nhiet.pbm"
    picture.write_bytes(raster_to_pbm(data))
    qrs = [x.removeprefix("QR-Code:") for x in scan_picture(picture) if x.startswith("QR-Code:")]
    assert len(qrs) == 2 and qrs[0] == qrs[1]  # one on each copy
    assert f"|{code}|50000|" in qrs[0]  # the QR carries the dossier code (no 1-D barcode here)
    assert motcua("verify-doc", "--db", db, qrs[0]).returncode == 0


def test_the_office_sets_place_signer_and_emblem_of_its_papers(
    desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    from pypdf import PdfReader

    from desktop.documents.demo_scans import demo_png
    from desktop.services import papers

    emblem = tmp_path / "bieu-tuong.png"
    emblem.write_bytes(demo_png(3, 120, 120))
    db = str(desk.store.path)
    changed = motcua("settings", "documents", "--db", db, "--admin", "quantri",
                     "--place", "Tam Đường", "--signer", "M04=Lò Văn Chủ",
                     "--emblem", str(emblem), password=PASSWORDS["quantri"])  # fmt: skip
    assert changed.returncode == 0, changed.stderr
    assert "Tam Đường" in changed.stdout and "M04: Lò Văn Chủ" in changed.stdout
    not_admin = motcua("settings", "documents", "--db", db, "--admin", "canbo", "--place", "X",
                       password=PASSWORDS["canbo"])  # fmt: skip
    assert not_admin.returncode != 0
    bad = motcua("settings", "documents", "--db", db, "--admin", "quantri", "--emblem",
                 str(tmp_path / "khong-co.png"), password=PASSWORDS["quantri"])  # fmt: skip
    assert bad.returncode != 0 and "Không đọc được" in bad.stderr

    late = acts.import_dossier(desk, incoming(name="Hờ A Dính"))
    acts.accept_dossier(desk, officer, late.dossier_id)
    acts.hand_over(desk, officer, late.dossier_id, "Phòng Tư pháp")
    new_date = desk.calendar.nth_working_day_after(T0.date(), 20)
    acts.reappoint(desk, officer, late.dossier_id, "Chờ kết quả xác minh", new_date)
    out = tmp_path / "m04.pdf"
    papers.save(papers.act_paper(desk, officer, late.dossier_code, papers.APOLOGY), out)
    text = " ".join(pdf_text(out, layout=False).split())
    # Received in 2026: the 2025 set's letter, its date line as Nghị định 30/2020 writes it.
    assert "Tam Đường, ngày 02 tháng 3 năm 2026" in text and "Lò Văn Chủ" in text
    assert len(PdfReader(out).pages[0].images) == 1  # the emblem
