"""Every paper the desk prints carries a QR that a scanner reads at 150 dpi as exactly the
signed text of the paper, and that text verifies on the desk.

Each kind is printed through the function the window and the command line use."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from escpos.printer import File

from desktop.services import dossiers as acts
from desktop.services import fees, papers
from desktop.services.context import Actor, Desk
from desktop.services.document_keys import verify_text
from desktop.services.processing import hand_over_batch
from tests.conftest import T0, incoming
from tests.documents_check import assert_qr_scans, pdf_text, qr_codes, scan_picture


def verifies(desk: Desk, seal: str) -> bool:
    with desk.store.read() as s:
        return verify_text(s, seal).valid


@pytest.fixture
def receipt_id(desk: Desk, officer: Actor) -> str:
    with desk.store.write() as s:
        fees.add_receipt_block(s, "khoi-1", "01BLP0-001", "TD-26T", 41, 90, T0)
    dossier = acts.import_dossier(desk, incoming(procedure="MAU-CT-003", name="Lò Thị Hoà",
                                                 address="Bản Nà Đon, xã Tam Đường"))  # fmt: skip
    outcome = fees.collect_fee(desk, officer, dossier.dossier_id)
    assert outcome.receipt is not None
    return outcome.receipt.id


def test_the_a4_receipt_s_qr_scans_on_both_copies(
    desk: Desk, officer: Actor, receipt_id: str, tmp_path: Path
) -> None:
    from desktop.documents.receipt import print_receipt

    out = tmp_path / "bien-lai.pdf"
    print_receipt(desk, officer, receipt_id, out)
    read = qr_codes(out)
    seal = assert_qr_scans(out)
    assert read == [[seal, seal]]  # Liên 1 and Liên 2 on one sheet, both readable
    assert seal.startswith("MC1|BL|TD-26T/0000041|") and verifies(desk, seal)


def test_the_thermal_receipt_s_qr_scans_on_paper_and_in_its_pdf(
    desk: Desk, officer: Actor, receipt_id: str, tmp_path: Path
) -> None:
    from desktop.documents.receipt import receipt_document
    from desktop.documents.thermal import print_thermal, raster_to_pbm, thermal_pdf

    # Sent through python-escpos's File printer (a device file; here an ordinary file).
    device = tmp_path / "lp0"
    document = print_thermal(desk, officer, receipt_id, File(str(device)))
    data = device.read_bytes()
    assert data.startswith(b"\x1b@") and data.count(b"\x1dv0\x00") >= 2  # raster images
    picture = tmp_path / "giay-in-nhiet.pbm"
    picture.write_bytes(raster_to_pbm(data))
    printed = [c.removeprefix("QR-Code:") for c in scan_picture(picture)]
    assert printed == [document.seal, document.seal]  # Liên 1 and Liên 2
    assert verifies(desk, document.seal)

    # The same receipt's PDF (what the window previews), read at 150 dpi page by page.
    buffer = io.BytesIO()
    with desk.store.write() as s:
        thermal_pdf(receipt_document(s, receipt_id, copy=True), buffer)
    assert_qr_scans(buffer.getvalue(), every_page=True)
    text = " ".join(pdf_text(buffer.getvalue(), layout=False).split())
    for wanted in (
        "Liên 1: Lưu tại cơ quan thu",
        "Liên 2: Giao cho người nộp tiền",
        "BẢN SAO",
        "Người nộp tiền",
        "Lò Thị Hoà",
        "Ngày 02 tháng 3 năm 2026",
    ):
        assert wanted in text, wanted  # fmt: skip
    assert text.count("(Ký, ghi rõ họ tên)") == 4  # the payer and the collector, each copy
    # The print was noted (the File printer took the bytes): the next one is a copy.
    assert print_thermal(desk, officer, receipt_id, tmp_path / "lan-2").copy


def test_every_slip_kind_and_register_scans_at_150_dpi(
    desk: Desk, officer: Actor, receipt_id: str, tmp_path: Path
) -> None:

    def new(name: str) -> tuple[str, str]:
        outcome = acts.import_dossier(desk, incoming(name=name, procedure="MAU-HT-004"))
        return outcome.dossier_id, outcome.dossier_code

    accepted, accepted_code = new("Vàng A Sử")
    due = acts.accept_dossier(desk, officer, accepted).due
    assert due is not None
    lacking, lacking_code = new("Lường Thị Thu")
    problem = acts.PaperProblem("Giấy khai sinh", "missing", "bản sao có chứng thực")
    acts.request_supplement(desk, officer, lacking, [problem], "Thiếu giấy khai sinh")
    refused, refused_code = new("Giàng A Páo")
    acts.refuse_dossier(desk, officer, refused, "Thủ tục không thuộc thẩm quyền của xã")
    late, late_code = new("Đèo Văn Khang")
    acts.accept_dossier(desk, officer, late)
    acts.hand_over(desk, officer, late, "Phòng Tư pháp")
    acts.reappoint(desk, officer, late, "Chờ xác minh",
                   desk.calendar.nth_working_day_after(due.date, 5))  # fmt: skip
    batch = hand_over_batch(desk, officer, [accepted], "Phòng Văn hoá", "Hà Thị Lan")

    # Every kind of both form sets, through what the window and the command line print with.
    printed: dict[str, bytes] = {}
    for form_set in ("2018", "2025"):
        for kind, code in ((papers.RECEIPT_SLIP, accepted_code), (papers.SUPPLEMENT, lacking_code),
                           (papers.REFUSAL, refused_code), (papers.APOLOGY, late_code),
                           (papers.CONTROL, late_code)):  # fmt: skip
            printed[f"{form_set}:{kind}"] = papers.act_paper(desk, officer, code, kind,
                                                             form_set).pdf  # fmt: skip
        printed[f"{form_set}:{papers.CONTROL}:lo"] = papers.handover_batch_paper(
            desk, officer, batch.id, form_set).pdf
        printed[f"{form_set}:{papers.REGISTER}"] = papers.register_paper(
            desk, officer, date(2026, 3, 1), date(2026, 3, 2), form_set).pdf
    printed[f"-:{papers.SHIFT}"] = papers.shift_paper(desk, officer, date(2026, 3, 2),
                                                      "morning").pdf  # fmt: skip

    unread = []
    for name, pdf in printed.items():
        try:
            seal = assert_qr_scans(pdf)
        except AssertionError:
            unread.append(name)
            continue
        assert seal.split("|")[1] == name.split(":")[1], name
        assert verifies(desk, seal), name
    assert unread == [], unread


def test_a_thermal_printer_is_named_as_the_desk_knows_it(tmp_path: Path) -> None:
    import sys

    from escpos.printer import Network, Usb

    from desktop.core.lifecycle import DomainError
    from desktop.documents.thermal import thermal_printer

    usb = thermal_printer("usb:04b8:0202")
    assert isinstance(usb, Usb) and (usb.usb_args["idVendor"], usb.usb_args["idProduct"]) == (
        0x04B8, 0x0202)  # fmt: skip
    network = thermal_printer("tcp:192.168.1.50")
    assert isinstance(network, Network) and (network.host, network.port) == ("192.168.1.50", 9100)
    assert isinstance(thermal_printer("/dev/null"), File)  # a device file is printed to
    assert thermal_printer(tmp_path / "giay.bin") == tmp_path / "giay.bin"  # a file is kept
    for bad in ("usb:epson", "tcp::9100", "tcp:may-in:cong"):
        with pytest.raises(DomainError, match="cần dạng"):
            thermal_printer(bad)
    if sys.platform != "win32":
        with pytest.raises(DomainError, match="chỉ in được trên Windows"):
            thermal_printer("win32:POS-80")
