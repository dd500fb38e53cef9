"""Giấy tờ in — every paper the desk prints, as PDF bytes ready for a printer or a file.

The window, the command line and the scripts ask here, by the paper's kind (a name from
the domain, not a form number: form numbers change between the 2018 and 2025 sets); this
module gathers the data, records the print (audit, receipt copies) and has the document
modules draw it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from desktop.core.lifecycle import Act, DomainError
from desktop.files import write_atomically
from desktop.services.context import Actor, Desk
from desktop.services.dossiers import AccessDenied
from desktop.store.models import ActRow, Dossier, Receipt

# Kinds of paper, by what they are; each prints as the form of its dossier's form set.
RECEIPT_SLIP = "tiep-nhan"  # Giấy tiếp nhận hồ sơ và hẹn trả kết quả
SUPPLEMENT = "bo-sung"  # Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ
REFUSAL = "tu-choi"  # Phiếu từ chối tiếp nhận giải quyết hồ sơ
APOLOGY = "xin-loi"  # Phiếu xin lỗi và hẹn lại ngày trả kết quả / Văn bản xin lỗi…
STOP = "dung"  # Thông báo dừng giải quyết hồ sơ (2025 set only)
CONTROL = "kiem-soat"  # Phiếu kiểm soát quá trình giải quyết hồ sơ
REGISTER = "so-theo-doi"  # Sổ theo dõi hồ sơ
FEE_RECEIPT = "bien-lai"  # Biên lai thu phí, lệ phí
SHIFT = "giao-ca"  # Phiếu bàn giao ca

# The act a dossier's paper is drawn from (the latest act of that kind).
ACT_OF = {RECEIPT_SLIP: Act.ACCEPT, SUPPLEMENT: Act.REQUEST_SUPPLEMENT, REFUSAL: Act.REFUSE,
          APOLOGY: Act.REAPPOINT, CONTROL: Act.HAND_OVER}  # fmt: skip
_FORM_2018 = {RECEIPT_SLIP: "M01", SUPPLEMENT: "M02", REFUSAL: "M03", APOLOGY: "M04",
              CONTROL: "M05", REGISTER: "M06"}  # fmt: skip
TITLES = {RECEIPT_SLIP: "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
          SUPPLEMENT: "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
          REFUSAL: "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
          APOLOGY: "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
          STOP: "Thông báo dừng giải quyết hồ sơ",
          CONTROL: "Phiếu kiểm soát quá trình giải quyết hồ sơ",
          REGISTER: "Sổ theo dõi hồ sơ", FEE_RECEIPT: "Biên lai thu phí, lệ phí",
          SHIFT: "Phiếu bàn giao ca"}  # fmt: skip
COPIES = {RECEIPT_SLIP: 2}  # one for the file, one for the citizen


@dataclass(frozen=True)
class Paper:
    kind: str
    form: str  # the form's number in its set ("M01"…), "" for papers outside the sets
    title: str
    dossier_code: str | None
    pdf: bytes
    copies: int = 1  # how many the window prints at once
    printer: str = "slip"  # which remembered printer and page size: slip, receipt, register
    copy: bool = False  # a reprint marked BẢN SAO (receipts)


@dataclass(frozen=True)
class Reprint:
    """A paper a dossier has, offered by "In lại"."""

    kind: str
    title: str
    receipt_id: str | None = None


def act_paper(desk: Desk, actor: Actor, dossier_code: str, kind: str) -> Paper:
    """The paper of a dossier's act (acceptance, supplement request, refusal, apology,
    handover control slip), drawn from its latest act of that kind; the print is audited."""
    from desktop.documents.slips import print_slip

    if kind not in ACT_OF:
        raise DomainError(f"Không có loại giấy tờ “{kind}” của một thao tác hồ sơ.")
    buffer = io.BytesIO()
    slip = print_slip(desk, actor, dossier_code, _FORM_2018[kind], buffer)  # type: ignore[arg-type]
    return Paper(kind, _FORM_2018[kind], TITLES[kind], slip.dossier_code, buffer.getvalue(),
                 COPIES.get(kind, 1))  # fmt: skip


def receipt_paper(desk: Desk, actor: Actor, receipt_id: str) -> Paper:
    """A fee receipt; every print after the first is marked BẢN SAO (audited)."""
    from desktop.documents.receipt import print_receipt

    buffer = io.BytesIO()
    document = print_receipt(desk, actor, receipt_id, buffer)  # type: ignore[arg-type]
    return Paper(FEE_RECEIPT, "", TITLES[FEE_RECEIPT], document.dossier_code, buffer.getvalue(),
                 printer="receipt", copy=document.copy)  # fmt: skip


def handover_batch_paper(desk: Desk, actor: Actor, batch_id: str) -> Paper:
    """The control slips of every dossier of one handover batch, in one PDF."""
    from desktop.documents.slips import print_handover_batch

    buffer = io.BytesIO()
    print_handover_batch(desk, actor, batch_id, buffer)  # type: ignore[arg-type]
    return Paper(CONTROL, _FORM_2018[CONTROL], TITLES[CONTROL], None, buffer.getvalue())


def register_paper(desk: Desk, actor: Actor, first: date, last: date) -> Paper:
    """Sổ theo dõi hồ sơ of the office for the days ``first``…``last``."""
    from desktop.documents.registers import print_register, tracking_book

    with desk.store.write() as session:  # the first paper makes the desk's signing key
        register = tracking_book(session, actor.office_code, first, last, desk.now())
    buffer = io.BytesIO()
    print_register(desk, actor, register, buffer)  # type: ignore[arg-type]
    return Paper(REGISTER, _FORM_2018[REGISTER], TITLES[REGISTER], None, buffer.getvalue(),
                 printer="register")  # fmt: skip


def shift_paper(desk: Desk, actor: Actor, day: date, session_name: str) -> Paper:
    """The officer's own shift handover (``session_name``: morning, afternoon or day)."""
    from desktop.documents.registers import print_register, shift_handover

    with desk.store.write() as session:
        register = shift_handover(session, actor.office_code, actor, day, session_name)
    buffer = io.BytesIO()
    print_register(desk, actor, register, buffer)  # type: ignore[arg-type]
    return Paper(SHIFT, "", TITLES[SHIFT], None, buffer.getvalue(), printer="register")


def reprints(desk: Desk, actor: Actor, dossier_code: str) -> list[Reprint]:
    """Every paper the dossier has had, for "In lại": one per act kind it went through,
    and each fee receipt."""
    with desk.store.read() as session:
        dossier = session.scalar(select(Dossier).where(Dossier.code == dossier_code))
        if dossier is None or dossier.office_code != actor.office_code:
            raise AccessDenied(f"Không có hồ sơ {dossier_code} của cơ quan.")
        done = set(session.scalars(select(ActRow.act).where(ActRow.dossier_id == dossier.id)))
        papers = [Reprint(kind, TITLES[kind]) for kind, act in ACT_OF.items()
                  if act.value in done]  # fmt: skip
        receipts = session.scalars(select(Receipt).where(Receipt.dossier_id == dossier.id)
                                   .order_by(Receipt.issued_at))  # fmt: skip
        papers += [Reprint(FEE_RECEIPT, f"Biên lai {r.series} số {r.number:07d}", r.id)
                   for r in receipts]  # fmt: skip
    return papers


def save(paper: Paper, target: Path) -> None:
    """Write the paper's PDF whole or not at all (a full disk leaves no half a PDF)."""
    write_atomically(target, paper.pdf)
