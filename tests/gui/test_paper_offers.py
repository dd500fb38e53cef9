"""Every paper printed at the window (offscreen Qt, real SQLite, real PDFs): the paper an act
gives is offered the moment it is born — Giấy tiếp nhận after F2, the supplement request
after F3, the refusal after F4, the stop notice, the apology, the fee receipt at return —
and printed on a PDF printer here; "In lại" prints a paper again (a receipt as BẢN SAO);
the menu In prints the tracking book, the shift handover and the day's slips in a batch."""

from __future__ import annotations

import io
import subprocess
import threading
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QMenu, QPlainTextEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.core.lifecycle import DomainError, DossierState
from desktop.services import dossiers as acts
from desktop.services import fees, papers
from desktop.services.context import Actor, Desk
from desktop.services.dossier_view import dossier_detail
from desktop.services.settings import get_setting
from desktop.store.models import AuditEntry, ReceiptPrint
from desktop.ui.dossier_view import DossierView
from desktop.ui.forms import FormDialog
from desktop.ui.main_window import MainWindow
from desktop.ui.originals import OriginalsDialog
from desktop.ui.paper_offer import PaperOffer
from desktop.ui.print_menu import record_slips, slip_pdfs
from desktop.ui.reprints import ReprintDialog
from desktop.ui.workers import PoolWorkers
from tests.conftest import T0, incoming
from tests.gui.desk_helpers import dossier_with_scans, with_result
from tests.gui.test_processing_window import (
    CTRL,
    CTRL_SHIFT,
    at,
    clock_of,
    confirm,
    form,
    in_processing,
    open_view,
    open_window,
    state_of,
)


@pytest.fixture
def window(qtbot: QtBot, desk: Desk, officer: Actor) -> MainWindow:
    return open_window(qtbot, desk, officer)


def pdf_printer(target: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    return printer


def pdf_text(pdf: Path, mode: str = "-layout") -> str:
    """The PDF's text; ``-raw`` keeps a table cell's lines together (a code wrapped in a
    narrow column) where ``-layout`` interleaves them with the next cells."""
    return subprocess.run(["pdftotext", mode, str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip


def offered(qtbot: QtBot, offer: PaperOffer | None, kind: str) -> PaperOffer:
    """The offer on screen, its paper drawn (of ``kind``), In and Xem trước enabled."""
    assert isinstance(offer, PaperOffer), offer
    qtbot.waitExposed(offer)
    qtbot.waitUntil(lambda: offer.paper is not None
                    or "Không chuẩn bị được" in offer.status.text(), timeout=30_000)  # fmt: skip
    assert offer.paper is not None, offer.status.text()
    assert offer.paper.kind == kind
    # Named as the dossier's form set names it, once drawn (2025: "Văn bản xin lỗi…").
    assert offer.windowTitle() == "In giấy tờ" and offer.heading.text() == offer.paper.title
    assert offer.print_button.isEnabled() and offer.preview_button.isEnabled()
    return offer


def print_offer(qtbot: QtBot, offer: PaperOffer, target: Path) -> str:
    """Press In with a PDF printer: the text of what came out."""
    with qtbot.waitSignal(offer.printed, timeout=60_000) as printed:
        offer.print_paper(pdf_printer(target))
    assert offer.paper is not None
    pages = len(PdfReader(target).pages)
    assert printed.args == [pages]
    assert pages == offer.paper.copies * len(PdfReader(io.BytesIO(offer.paper.pdf)).pages)
    assert offer.result() == offer.DialogCode.Accepted  # printed: the offer closed
    return pdf_text(target)


def due_day(desk: Desk, officer: Actor, dossier_id: str) -> str:
    detail = dossier_detail(desk, officer, dossier_id)
    assert detail.due is not None
    return f"{detail.due.date:%d/%m/%Y}"


def accept_at_window(qtbot: QtBot, window: MainWindow, desk: Desk) -> DossierView:
    d = dossier_with_scans(desk)
    view = open_view(qtbot, window, d.dossier_id)
    qtbot.keyClick(view.checklist, Qt.Key.Key_F2)
    dialog = view.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Return, CTRL)
    assert state_of(desk, d.dossier_id) is DossierState.ACCEPTED
    return view


# --- at the moment a paper is born -----------------------------------------------------------


def test_accepting_offers_the_receipt_slip_and_prints_its_two_copies(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    view = accept_at_window(qtbot, window, desk)
    offer = offered(qtbot, view.offer, papers.RECEIPT_SLIP)
    assert view.detail is not None
    code = view.detail.code
    assert code in offer.status.text() and "2 bản" in offer.status.text()
    text = print_offer(qtbot, offer, tmp_path / "tiep-nhan.pdf")
    assert offer.paper is not None and offer.paper.copies == 2
    assert text.count(code) >= 2  # one copy for the file, one for the citizen
    assert due_day(desk, officer, view.dossier_id) in text
    assert view.offer is None  # closed once printed
    with desk.store.read() as s:  # "save as PDF" is no printer to remember
        assert (get_setting(s, "printers") or {}).get("slip") is None


def test_the_preview_paints_the_paper_and_later_leaves_it_for_in_lai(
    qtbot: QtBot, window: MainWindow, desk: Desk
) -> None:
    view = accept_at_window(qtbot, window, desk)
    offer = offered(qtbot, view.offer, papers.RECEIPT_SLIP)
    preview = offer.show_preview()
    assert isinstance(preview, QPrintPreviewDialog)
    qtbot.waitExposed(preview)
    assert preview.windowTitle() == "Xem trước khi in"
    preview.reject()
    offer.later.click()  # Để sau
    assert view.offer is None and offer.result() == offer.DialogCode.Rejected
    # Still printable from "In lại" (the dossier's button and Ctrl+P of the window).
    qtbot.keyClick(view.checklist, Qt.Key.Key_P, CTRL)
    chooser = view.reprint_dialog
    assert isinstance(chooser, ReprintDialog)
    qtbot.waitExposed(chooser)
    assert [r.kind for r in chooser.reprints] == [papers.RECEIPT_SLIP]
    assert chooser.list.item(0).text() == papers.TITLES[papers.RECEIPT_SLIP]
    offer = offered(qtbot, chooser.choose(), papers.RECEIPT_SLIP)
    offer.reject()


def test_a_supplement_request_offers_its_paper(
    qtbot: QtBot, window: MainWindow, desk: Desk, tmp_path: Path
) -> None:
    d = dossier_with_scans(desk)
    view = open_view(qtbot, window, d.dossier_id)
    assert view.model is not None
    view.checklist.setCurrentIndex(view.model.index(1, 0))
    qtbot.keyClick(view.checklist, Qt.Key.Key_2)  # missing
    qtbot.keyClick(view.checklist, Qt.Key.Key_F3)
    dialog = view.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Return, CTRL)
    assert state_of(desk, d.dossier_id) is DossierState.SUPPLEMENT_REQUESTED
    offer = offered(qtbot, view.offer, papers.SUPPLEMENT)
    text = print_offer(qtbot, offer, tmp_path / "bo-sung.pdf")
    assert d.dossier_code in text and view.model.items[1].name.split()[0] in text


def test_a_refusal_offers_its_paper(
    qtbot: QtBot, window: MainWindow, desk: Desk, tmp_path: Path
) -> None:
    d = dossier_with_scans(desk)
    view = open_view(qtbot, window, d.dossier_id)
    qtbot.keyClick(view.checklist, Qt.Key.Key_F4)
    dialog = view.dialog
    assert dialog is not None and dialog.reason is not None  # type: ignore[attr-defined]
    qtbot.waitExposed(dialog)
    dialog.reason.insertPlainText("Thủ tục không thuộc thẩm quyền")  # type: ignore[attr-defined]
    qtbot.keyClick(dialog, Qt.Key.Key_Return, CTRL)
    assert state_of(desk, d.dossier_id) is DossierState.REFUSED
    offer = offered(qtbot, view.offer, papers.REFUSAL)
    text = print_offer(qtbot, offer, tmp_path / "tu-choi.pdf")
    assert d.dossier_code in text and "thẩm quyền" in text


def test_an_apology_offers_the_re_appointment_paper(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    dossier_id = in_processing(desk, officer)
    clock_of(desk).now = at(6, 9)  # the working day before the due date
    view = open_view(qtbot, window, dossier_id)
    qtbot.keyClick(view.checklist, Qt.Key.Key_H, CTRL_SHIFT)
    dialog = form(qtbot, view)
    dialog.fields["new_date"].setDate(date(2026, 3, 16))  # type: ignore[attr-defined]
    reason = dialog.fields["reason"]
    assert isinstance(reason, QPlainTextEdit)
    reason.insertPlainText("Cần xác minh thêm với nơi đăng ký")
    confirm(qtbot, dialog)
    assert state_of(desk, dossier_id) is DossierState.REAPPOINTED
    offer = offered(qtbot, view.offer, papers.APOLOGY)
    text = print_offer(qtbot, offer, tmp_path / "xin-loi.pdf")
    assert "16/03/2026" in text and "Mẫu số 04" in text
    assert view.detail is not None and view.detail.code in text


class Held:
    """Workers that keep the drawing for later: the offer as it stands before it is drawn."""

    def __init__(self) -> None:
        self.jobs: list[object] = []

    def submit(self, work: object, done: object, failed: object = None) -> None:
        self.jobs.append(work)


def test_the_offer_names_the_apology_as_the_dossiers_form_set_does(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor
) -> None:
    """Before the paper is drawn the offer already says which paper: for a dossier of 2026,
    Thông tư 03/2025's Mẫu 04 (a letter asking for more time), not the 2018 slip."""
    dossier_id = in_processing(desk, officer)
    view = open_view(qtbot, window, dossier_id)
    held = Held()
    view._workers = held
    offer = view.offer_act_paper(papers.APOLOGY)
    assert offer is not None and held.jobs and offer.paper is None
    assert offer.heading.text() == "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết"
    offer.reject()
    assert papers.paper_title(papers.APOLOGY, T0.replace(year=2025, month=3)) == (
        "Phiếu xin lỗi và hẹn lại ngày trả kết quả")  # fmt: skip
    assert papers.paper_title(papers.REGISTER) == "Sổ theo dõi hồ sơ"


def test_after_a_stop_the_notice_is_offered_then_the_refund(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    dossier_id = in_processing(desk, officer)
    with desk.store.write() as s:
        fees.add_receipt_block(s, "khoi-dung", "01BLP0-001", "LC-26T", 1, 50, T0)
    fees.collect_fee(desk, officer, dossier_id)
    view = open_view(qtbot, window, dossier_id)
    assert view.detail is not None
    code = view.detail.code
    qtbot.keyClick(view.checklist, Qt.Key.Key_D, CTRL_SHIFT)
    dialog = form(qtbot, view)
    reason = dialog.fields["reason"]
    assert isinstance(reason, QPlainTextEdit)
    reason.insertPlainText("Người yêu cầu đề nghị dừng")
    confirm(qtbot, dialog)
    assert state_of(desk, dossier_id) is DossierState.STOPPED
    offer = offered(qtbot, view.offer, papers.STOP)  # the stop notice first …
    assert view.dialog is None
    text = print_offer(qtbot, offer, tmp_path / "dung.pdf")
    assert code in text and "dừng" in text.lower()
    offer.later.click()
    refund = form(qtbot, view)  # … then what the citizen paid, to refund
    assert "5.000 đồng" in refund.intro.text()
    refund.reject()


def test_a_fee_collected_at_return_offers_its_receipt_and_a_reprint_is_a_copy(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    dossier_id = with_result(desk, officer)
    view = open_view(qtbot, window, dossier_id)
    assert view.detail is not None
    code = view.detail.code
    qtbot.keyClick(view.checklist, Qt.Key.Key_F9)
    dialog = view.dialog
    assert isinstance(dialog, OriginalsDialog)
    qtbot.waitExposed(dialog)
    dialog.collect.click()  # cash at the desk: a receipt from the desk's block
    assert "Đã thu 5.000 đồng" in dialog.error.text()
    offer = offered(qtbot, dialog.receipt_offer, papers.FEE_RECEIPT)
    assert offer.paper is not None and not offer.paper.copy
    text = print_offer(qtbot, offer, tmp_path / "bien-lai.pdf")
    assert code in text and "5.000" in text and "BẢN SAO" not in text
    dialog.signed.setChecked(True)
    dialog.give.click()
    assert state_of(desk, dossier_id) is DossierState.RETURNED_IN_PERSON
    # In lại from the queue's menu: the receipt again, marked BẢN SAO.
    window.tabs.setCurrentIndex(0)
    window.state_filter.setCurrentIndex(1)  # every dossier: a returned one is no longer open
    row = next(r for r in range(window.model.rowCount())
               if window.model.dossier_id(r) == dossier_id)  # fmt: skip
    window.table.selectRow(row)
    chooser = window.reprint_current()
    assert isinstance(chooser, ReprintDialog)
    kinds = [r.kind for r in chooser.reprints]
    assert kinds[0] == papers.RECEIPT_SLIP and kinds[-1] == papers.FEE_RECEIPT
    copy = offered(qtbot, chooser.choose(len(kinds) - 1), papers.FEE_RECEIPT)
    assert copy.paper is not None and copy.paper.copy
    assert "BẢN SAO" in copy.status.text()
    text = print_offer(qtbot, copy, tmp_path / "bien-lai-ban-sao.pdf")
    assert code in text and "BẢN SAO" in text


def test_a_receipt_left_for_later_prints_from_in_lai_as_the_original_then_as_a_copy(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    """Drawing the offer (and previewing it) is no print: the receipt left for later comes
    out of "In lại" as the original; only a print after that one is marked BẢN SAO."""
    dossier_id = with_result(desk, officer)
    view = open_view(qtbot, window, dossier_id)
    assert view.detail is not None
    code = view.detail.code
    qtbot.keyClick(view.checklist, Qt.Key.Key_F9)
    dialog = view.dialog
    assert isinstance(dialog, OriginalsDialog)
    qtbot.waitExposed(dialog)
    dialog.collect.click()
    offer = offered(qtbot, dialog.receipt_offer, papers.FEE_RECEIPT)
    preview = offer.show_preview()
    assert isinstance(preview, QPrintPreviewDialog)
    qtbot.waitExposed(preview)
    preview.reject()
    offer.later.click()  # Để sau
    dialog.reject()
    with desk.store.read() as s:  # drawn and previewed: nothing printed, nothing recorded
        assert s.scalar(select(func.count()).select_from(ReceiptPrint)) == 0
        assert not s.scalars(select(AuditEntry).where(AuditEntry.action == "receipt.print")).all()

    def in_lai() -> PaperOffer:
        chooser = view.reprint()  # the dossier's "In lại" (Ctrl+P)
        assert isinstance(chooser, ReprintDialog)
        qtbot.waitUntil(lambda: bool(chooser.reprints), timeout=10_000)
        kinds = [r.kind for r in chooser.reprints]
        return offered(qtbot, chooser.choose(kinds.index(papers.FEE_RECEIPT)), papers.FEE_RECEIPT)

    first = in_lai()
    assert first.paper is not None and not first.paper.copy
    assert "BẢN SAO" not in first.status.text()
    text = print_offer(qtbot, first, tmp_path / "bien-lai.pdf")
    assert code in text and "5.000" in text and "BẢN SAO" not in text
    second = in_lai()
    assert second.paper is not None and second.paper.copy and "BẢN SAO" in second.status.text()
    assert "BẢN SAO" in print_offer(qtbot, second, tmp_path / "bien-lai-2.pdf")
    with desk.store.read() as s:  # each real print recorded once, after it came out
        prints = s.scalars(select(ReceiptPrint).order_by(ReceiptPrint.id)).all()
        audited = s.scalars(select(AuditEntry).where(AuditEntry.action == "receipt.print")
                            .order_by(AuditEntry.seq)).all()  # fmt: skip
    assert [p.copy for p in prints] == [False, True]
    assert [(e.subject, (e.after or {})["copy"]) for e in audited] == [(code, False), (code, True)]


def test_an_act_paper_is_audited_when_printed_not_when_offered(
    qtbot: QtBot, window: MainWindow, desk: Desk, tmp_path: Path
) -> None:
    view = accept_at_window(qtbot, window, desk)
    offer = offered(qtbot, view.offer, papers.RECEIPT_SLIP)

    def prints() -> list[AuditEntry]:
        with desk.store.read() as s:
            return list(s.scalars(select(AuditEntry)
                                  .where(AuditEntry.action == "document.print")))  # fmt: skip

    assert prints() == []  # drawn, on screen: not printed
    print_offer(qtbot, offer, tmp_path / "tiep-nhan.pdf")
    (entry,) = prints()
    assert view.detail is not None and entry.subject == view.detail.code
    assert entry.after is not None and entry.after["copies"] == 2


# --- drawing off the UI thread ----------------------------------------------------------------


def test_the_paper_is_drawn_on_a_worker_while_the_offer_says_it_is_being_prepared(
    qtbot: QtBot, desk: Desk, officer: Actor
) -> None:
    d = dossier_with_scans(desk)
    acts.accept_dossier(desk, officer, d.dossier_id)
    go, threads = threading.Event(), []

    def make() -> papers.Paper:
        threads.append(threading.get_ident())
        assert go.wait(30)
        return papers.act_paper(desk, officer, d.dossier_code, papers.RECEIPT_SLIP)

    offer = PaperOffer(None, desk, PoolWorkers(), make, papers.TITLES[papers.RECEIPT_SLIP])
    qtbot.addWidget(offer)
    offer.show()
    assert offer.status.text() == "Đang chuẩn bị giấy tờ…"
    assert not offer.print_button.isEnabled() and not offer.preview_button.isEnabled()
    with qtbot.waitSignal(offer.ready, timeout=30_000):
        go.set()
    assert threads and threads[0] != threading.get_ident()
    assert offer.paper is not None and d.dossier_code in offer.status.text()


def test_a_paper_that_cannot_be_drawn_says_why(qtbot: QtBot, desk: Desk) -> None:
    def make() -> papers.Paper:
        raise DomainError("Không có hồ sơ HS-KHONG-CO của cơ quan.")

    offer = PaperOffer(None, desk, PoolWorkers(), make, papers.TITLES[papers.REFUSAL])
    qtbot.addWidget(offer)
    qtbot.waitUntil(lambda: "HS-KHONG-CO" in offer.status.text(), timeout=10_000)
    assert offer.status.text().startswith("Không chuẩn bị được giấy tờ")
    assert not offer.print_button.isEnabled() and offer.later.text() == "Đóng (Esc)"


# --- the menu In ------------------------------------------------------------------------------


def from_menu(window: MainWindow, name: str) -> FormDialog:
    """Choose the entry ``name`` of the menu In."""
    menu = window.menuBar().findChild(QMenu, "print_menu")
    assert isinstance(menu, QMenu) and menu.title() == "In"
    next(a for a in menu.actions() if a.objectName() == name).trigger()
    dialog = window.print_form
    assert isinstance(dialog, FormDialog)
    return dialog


def test_the_tracking_book_from_the_menu(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    first, second = dossier_with_scans(desk), dossier_with_scans(desk, name="Lò Văn Páo")
    acts.accept_dossier(desk, officer, first.dossier_id)
    dialog = from_menu(window, "register_action")
    qtbot.waitExposed(dialog)
    dialog.fields["first"].setDate(date(2026, 3, 2))  # type: ignore[attr-defined]
    dialog.fields["last"].setDate(date(2026, 3, 1))  # type: ignore[attr-defined]
    confirm(qtbot, dialog)
    assert "Ngày cuối phải sau ngày đầu" in dialog.error.text() and window.paper_offer is None
    dialog.fields["last"].setDate(date(2026, 3, 6))  # type: ignore[attr-defined]
    confirm(qtbot, dialog)
    offer = offered(qtbot, window.paper_offer, papers.REGISTER)
    text = print_offer(qtbot, offer, tmp_path / "so-theo-doi.pdf")
    flat = "".join(pdf_text(tmp_path / "so-theo-doi.pdf", "-raw").split())  # codes wrap
    assert first.dossier_code in flat and second.dossier_code in flat
    assert "Từ ngày 02/03/2026 đến ngày 06/03/2026" in text
    assert due_day(desk, officer, first.dossier_id)[:-4] + "26" in text  # dd/mm/yy there


def test_the_shift_handover_from_the_menu(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    d = dossier_with_scans(desk)
    acts.accept_dossier(desk, officer, d.dossier_id)  # at 08:00, in the morning
    dialog = from_menu(window, "shift_action")
    qtbot.waitExposed(dialog)
    assert dialog.value("session") == "morning" and dialog.day_of("day") == date(2026, 3, 2)
    confirm(qtbot, dialog)
    offer = offered(qtbot, window.paper_offer, papers.SHIFT)
    text = print_offer(qtbot, offer, tmp_path / "giao-ca.pdf")
    assert "Ca sáng ngày 02/03/2026" in text
    flat = "".join(pdf_text(tmp_path / "giao-ca.pdf", "-raw").split())  # the code wraps
    assert d.dossier_code in flat


def test_the_days_receipt_slips_print_in_one_batch_with_progress(
    qtbot: QtBot, window: MainWindow, desk: Desk, officer: Actor, tmp_path: Path
) -> None:
    ids = [dossier_with_scans(desk).dossier_id for _ in range(2)]
    for dossier_id in ids:
        acts.accept_dossier(desk, officer, dossier_id)
    later = dossier_with_scans(desk)
    clock_of(desk).now = at(3, 9)
    acts.accept_dossier(desk, officer, later.dossier_id)  # the next day: not in the batch
    window.print_day_slips(date(2026, 3, 2), pdf_printer(tmp_path / "lo.pdf"))
    batch = window.batch_print
    assert batch is not None
    qtbot.waitUntil(lambda: batch.outcome != "", timeout=60_000)
    codes = [dossier_detail(desk, officer, i).code for i in ids]
    with desk.store.read() as s:  # each slip's print is audited
        prints = s.scalars(select(AuditEntry).where(AuditEntry.action == "document.print")).all()
    assert sorted(e.subject for e in prints) == sorted(codes)
    slip = papers.act_paper(desk, officer, codes[0], papers.RECEIPT_SLIP)
    pages = len(PdfReader(io.BytesIO(slip.pdf)).pages)
    assert batch.outcome == f"Đã in xong {2 * 2 * pages} trang."  # two dossiers, two copies
    save = tmp_path / "mot-giay.pdf"
    papers.save(slip, save)
    once = pdf_text(save).count(codes[0])
    text = pdf_text(tmp_path / "lo.pdf")
    assert once and all(text.count(code) == 2 * once for code in codes)
    assert later.dossier_code not in text


def test_a_batch_of_slips_cancelled_half_way_records_the_slips_that_went_out(
    desk: Desk, officer: Actor
) -> None:
    codes = []
    for n in range(3):
        dossier = acts.import_dossier(desk, incoming(name=f"Người nộp {n}"))
        acts.accept_dossier(desk, officer, dossier.dossier_id)
        codes.append(dossier.dossier_code)
    slips = [papers.act_paper(desk, officer, code, papers.RECEIPT_SLIP) for code in codes]
    assert len(slip_pdfs(slips)) == 6  # two copies each
    record_slips(desk, slips, 3)  # the first slip's two copies, one of the second's
    with desk.store.read() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.action == "document.print")
                            .order_by(AuditEntry.seq)).all()  # fmt: skip
    assert [(e.subject, (e.after or {}).get("copies", 1)) for e in entries] == [
        (codes[0], 2), (codes[1], 1)]  # fmt: skip
