"""Giấy tờ in — every paper the desk prints, as PDF bytes ready for a printer or a file.

The window, the command line and the scripts ask here, by the paper's kind (a name from
the domain, not a form number: form numbers change between the 2018 and 2025 sets). Each
kind has one spec in ``SPECS``, the registry: the act it is drawn from, how its data is
gathered, how it is drawn, who signs, how many copies and on which printer. This module
gathers the data (``paper_data``) and has the drawing module of the dossier's form set
draw it.

Drawing a paper records nothing: a preview, or a paper left "for later", is no print. The
print is recorded (``record_print``: the audit entry, and a receipt's print in its book)
once the paper has come out of a printer or into a file — so the first paper printed is
the original and only the prints after it are marked BẢN SAO.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.calendar import OFFICE_TZ
from desktop.core.lifecycle import Act, DomainError
from desktop.documents.forms import FormSet, form_set, form_set_for, form_sets
from desktop.documents.kinds import (
    APOLOGY,
    CONTROL,
    FEE_RECEIPT,
    RECEIPT_SLIP,
    REFUSAL,
    REGISTER,
    SHIFT,
    STOP,
    SUPPLEMENT,
)
from desktop.files import write_atomically
from desktop.services import paper_data
from desktop.services.audit import record_audit
from desktop.services.context import Actor, Desk
from desktop.services.dossiers import AccessDenied
from desktop.services.fees import note_print, printed_before
from desktop.store.models import ActRow, Dossier, Receipt

__all__ = ["APOLOGY", "CONTROL", "FEE_RECEIPT", "RECEIPT_SLIP", "REFUSAL", "REGISTER", "SHIFT",
           "SPECS", "STOP", "SUPPLEMENT", "Paper", "PaperSpec", "PrintNote", "Reprint",
           "act_paper", "handover_batch_paper", "kind_named", "paper_title", "print_to_file",
           "receipt_paper", "record_print", "register_paper", "reprints", "save", "seal_names",
           "shift_paper", "signer_keys"]  # fmt: skip


@dataclass(frozen=True)
class PaperSpec:
    """One kind of paper, all it takes to print it."""

    kind: str
    name: str  # what it is, whatever its set calls it (the QR check, "In lại")
    act: Act | None  # the dossier's act it is drawn from (latest of that kind); None: not
    gather: paper_data.Gatherer | None  # what the kind adds to a dossier's shared fields
    signs: tuple[str, ...]  # who signs, in the order of the form's signature blocks
    copies: int = 1  # how many the window prints at once
    printer: str = "slip"  # which remembered printer and page size: slip, receipt, register
    draw: Callable[..., Any] | None = None  # None: the drawing module of the form set
    old_codes: tuple[str, ...] = ()  # what seals printed before kinds had names call it


# The registry. "applicant", "officer" (who did the act), "head" (named in the settings).
SPECS: dict[str, PaperSpec] = {s.kind: s for s in (
    PaperSpec(RECEIPT_SLIP, "Giấy tiếp nhận hồ sơ và hẹn trả kết quả", Act.ACCEPT,
              paper_data.receipt_fields, ("applicant", "officer"), copies=2, old_codes=("M01",)),
    PaperSpec(SUPPLEMENT, "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ", Act.REQUEST_SUPPLEMENT,
              paper_data.supplement_fields, ("officer",), old_codes=("M02",)),
    PaperSpec(REFUSAL, "Phiếu từ chối tiếp nhận giải quyết hồ sơ", Act.REFUSE,
              paper_data.refusal_fields, ("officer",), old_codes=("M03",)),
    PaperSpec(APOLOGY, "Xin lỗi và hẹn lại ngày trả kết quả (gia hạn thời gian giải quyết)",
              Act.REAPPOINT, paper_data.apology_fields, ("head",), old_codes=("M04",)),
    PaperSpec(STOP, "Thông báo dừng giải quyết hồ sơ", Act.STOP, paper_data.stop_fields,
              ("officer",)),
    PaperSpec(CONTROL, "Phiếu kiểm soát quá trình giải quyết hồ sơ", Act.HAND_OVER,
              paper_data.control_fields, (), old_codes=("M05",)),
    PaperSpec(REGISTER, "Sổ theo dõi hồ sơ", None, None, ("officer",), printer="register",
              old_codes=("M06",)),
    PaperSpec(FEE_RECEIPT, "Biên lai thu phí, lệ phí", None, None, ("officer",),
              printer="receipt", old_codes=("BL",)),
    PaperSpec(SHIFT, "Biên bản bàn giao ca", None, None, ("officer", "supervisor"),
              printer="register", old_codes=("BG",)),
)}  # fmt: skip
# What a paper is whatever its set (the QR check, papers outside the sets); a dossier's
# paper is named as its set names it: ``paper_title``.
TITLES = {kind: spec.name for kind, spec in SPECS.items()}


def paper_title(kind: str, received: datetime | None = None) -> str:
    """What the window calls a paper of ``kind`` of a dossier received (else submitted) at
    ``received``: its title in that day's form set, as a dialog names it (not in capitals)
    — the 2025 apology is "Văn bản xin lỗi và đề nghị gia hạn…", the 2018 one "Phiếu xin
    lỗi và hẹn lại…"; a paper outside the sets (or without a day) by its kind's name."""
    if received is not None:
        chosen = form_set_for(received.astimezone(OFFICE_TZ).date())
        if chosen.has(kind):
            return str(chosen.form(kind)["title"]).capitalize()
    return TITLES.get(kind, "")


@dataclass(frozen=True)
class PrintNote:
    """What a paper's print records, once printed: who printed it, the audit entry's subject
    and details, and the receipt (a receipt's prints are counted in its own book)."""

    actor: Actor
    subject: str
    details: dict[str, Any] = field(hash=False)
    receipt_id: str | None = None


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
    form_set: str = ""  # "2018", "2025": the set the paper follows ("" outside the sets)
    note: PrintNote | None = field(default=None, compare=False)  # what its print records


@dataclass(frozen=True)
class Reprint:
    """A paper a dossier has, offered by "In lại"."""

    kind: str
    title: str
    receipt_id: str | None = None


def seal_names() -> dict[str, str]:
    """What each kind code a QR may carry is — today's names and older papers' codes."""
    names = {kind: spec.name for kind, spec in SPECS.items()}
    names.update({code: spec.name for spec in SPECS.values() for code in spec.old_codes})
    return names


def signer_keys() -> tuple[str, ...]:
    """The kinds the settings may name a signer for (names, and the older "M04"…)."""
    signed = [s for s in SPECS.values() if s.act is not None or s.kind == REGISTER]
    return (*(s.kind for s in signed), *(c for s in signed for c in s.old_codes))


def kind_named(word: str, dossier_set: FormSet | None = None) -> str:
    """The kind a word names: a kind's name ("tiep-nhan"), "receipt", "handover", or a
    form number ("m05") — that number in ``dossier_set`` (the dossier's set); without a
    dossier, "m06"/"m07" is the tracking book, as the 2018 "m06" always was."""
    word = word.strip().lower()
    if word in SPECS:
        return word
    if word in ("receipt", "bl"):
        return FEE_RECEIPT
    if word in ("handover", "bg"):
        return SHIFT
    if word[:1] == "m" and word[1:].isdigit():
        if dossier_set is None:
            if word in ("m06", "m07", "m6", "m7"):
                return REGISTER
            raise DomainError(f"In mẫu {word} cần mã hồ sơ.")
        kind = dossier_set.kind_of_number(word[1:])
        if kind is None:
            raise DomainError(f"Bộ mẫu {dossier_set.basis} không có mẫu số {word[1:]}.")
        return kind
    raise DomainError(f"Không có loại giấy tờ “{word}” (có: {', '.join(SPECS)}).")


def dossier_set(desk: Desk, actor: Actor, dossier_code: str) -> FormSet:
    """The form set a dossier's papers follow (by the day it was received)."""
    with desk.store.read() as session:
        return paper_data.dossier_form_set(paper_data.find_dossier(session, dossier_code,
                                                               actor.office_code))  # fmt: skip


def _chosen(key: str | None) -> FormSet | None:
    return form_set(key) if key else None


def _render(chosen: FormSet, papers: list[Any]) -> bytes:
    buffer = io.BytesIO()
    chosen.render(papers, buffer)
    return buffer.getvalue()


def act_paper(desk: Desk, actor: Actor, dossier_code: str, kind: str,
              set_key: str | None = None) -> Paper:  # fmt: skip
    """The paper of a dossier's act (acceptance, supplement request, refusal, apology, stop,
    handover control slip), drawn from its latest act of that kind in the dossier's form
    set (or ``set_key``: "2018", "2025"); its print is recorded by ``record_print``."""
    spec = SPECS.get(kind)
    if spec is None or spec.act is None or spec.gather is None:
        raise DomainError(f"Không có loại giấy tờ “{kind}” của một thao tác hồ sơ.")
    with desk.store.write() as session:  # the first paper makes the desk's signing key
        slip = paper_data.act_slip(
            session, dossier_code, actor.office_code, kind, spec.act, spec.gather, spec.signs,
            desk.calendar, _chosen(set_key),
        )  # fmt: skip
        dossier = paper_data.find_dossier(session, dossier_code, actor.office_code)
        chosen = _chosen(set_key) or paper_data.dossier_form_set(dossier)
    title = chosen.form(kind)["title"].capitalize()  # as a dialog names it, not in capitals
    form = f"M{chosen.number(kind)}"
    note = PrintNote(actor, slip.dossier_code, {"kind": kind, "form": form, "set": chosen.key})
    return Paper(kind, f"M{chosen.number(kind)}", title, slip.dossier_code,
                 _render(chosen, [slip]), spec.copies, spec.printer,
                 form_set=chosen.key, note=note)  # fmt: skip


def receipt_paper(desk: Desk, actor: Actor, receipt_id: str) -> Paper:
    """A fee receipt: the original until a print of it is recorded, then marked BẢN SAO."""
    from desktop.documents.receipt import receipt_document, receipt_pdf

    spec = SPECS[FEE_RECEIPT]
    with desk.store.write() as session:  # the first paper makes the desk's signing key
        copy = printed_before(session, actor, receipt_id)  # also: the actor's office only
        document = receipt_document(session, receipt_id, copy)
    note = PrintNote(actor, document.dossier_code, {}, receipt_id)
    return Paper(FEE_RECEIPT, "", spec.name, document.dossier_code, receipt_pdf([document]),
                 printer=spec.printer, copy=copy, note=note)  # fmt: skip


def handover_batch_paper(desk: Desk, actor: Actor, batch_id: str,
                         set_key: str | None = None) -> Paper:  # fmt: skip
    """The control slips of every dossier of one handover batch, in one PDF (each in its
    dossier's set; a batch whose dossiers straddle the change of set prints in the set of
    the first, so one PDF is one form)."""
    spec = SPECS[CONTROL]
    assert spec.act is not None and spec.gather is not None
    with desk.store.write() as session:
        codes = [code for code, payload in session.execute(
            select(Dossier.code, ActRow.payload).join(ActRow, ActRow.dossier_id == Dossier.id)
            .where(ActRow.act == Act.HAND_OVER.value, Dossier.office_code == actor.office_code)
            .order_by(Dossier.code)) if payload.get("batch_id") == batch_id]  # fmt: skip
        if not codes:
            raise DomainError("Không có lần bàn giao này trong cơ quan.")
        chosen = _chosen(set_key) or paper_data.dossier_form_set(
            paper_data.find_dossier(session, codes[0], actor.office_code)
        )
        slips = [paper_data.act_slip(session, code, actor.office_code, CONTROL, spec.act,
                                 spec.gather, spec.signs, desk.calendar, chosen)
                 for code in codes]  # fmt: skip
    note = PrintNote(actor, batch_id, {"kind": CONTROL, "dossiers": codes, "set": chosen.key})
    title = chosen.form(CONTROL)["title"].capitalize()
    return Paper(CONTROL, f"M{chosen.number(CONTROL)}", title, None,
                 _render(chosen, slips), form_set=chosen.key, note=note)  # fmt: skip


def register_paper(desk: Desk, actor: Actor, first: date, last: date,
                   set_key: str | None = None) -> Paper:  # fmt: skip
    """Sổ theo dõi hồ sơ of the office for the days ``first``…``last``, in the set in
    force on ``last`` (or ``set_key``)."""
    spec = SPECS[REGISTER]
    with desk.store.write() as session:  # the first paper makes the desk's signing key
        book = paper_data.tracking_book(session, actor.office_code, first, last, desk.now(),
                                        _chosen(set_key), actor.full_name)  # fmt: skip
    note = PrintNote(actor, REGISTER, {"title": book.title, "rows": len(book.rows)})
    chosen = _chosen(set_key) or form_set_for(last)
    return Paper(REGISTER, f"M{chosen.number(REGISTER)}", book.title.capitalize(), None,
                 _render(chosen, [book]), printer=spec.printer, form_set=chosen.key,
                 note=note)  # fmt: skip


def shift_paper(desk: Desk, actor: Actor, day: date, session_name: str) -> Paper:
    """The officer's own shift handover (``session_name``: morning, afternoon or day)."""
    from desktop.documents.registers import render_register

    spec = SPECS[SHIFT]
    with desk.store.write() as session:
        register = paper_data.shift_handover(session, actor.office_code, actor, day, session_name)
    note = PrintNote(actor, SHIFT, {"title": register.title, "rows": len(register.rows)})
    buffer = io.BytesIO()
    render_register(register, buffer)
    return Paper(SHIFT, "", spec.name, None, buffer.getvalue(), printer=spec.printer, note=note)


def reprints(desk: Desk, actor: Actor, dossier_code: str) -> list[Reprint]:
    """Every paper the dossier has had, for "In lại": one per act kind it went through
    (that its form set has), and each fee receipt."""
    with desk.store.read() as session:
        dossier = session.scalar(select(Dossier).where(Dossier.code == dossier_code))
        if dossier is None or dossier.office_code != actor.office_code:
            raise AccessDenied(f"Không có hồ sơ {dossier_code} của cơ quan.")
        chosen = paper_data.dossier_form_set(dossier)
        done = set(session.scalars(select(ActRow.act).where(ActRow.dossier_id == dossier.id)))
        papers = [
            Reprint(kind, chosen.form(kind)["title"].capitalize())
            for kind, spec in SPECS.items()
            if spec.act is not None and spec.act.value in done and chosen.has(kind)
        ]
        receipts = session.scalars(select(Receipt).where(Receipt.dossier_id == dossier.id)
                                   .order_by(Receipt.issued_at))  # fmt: skip
        papers += [Reprint(FEE_RECEIPT, f"Biên lai {r.series} số {r.number:07d}", r.id)
                   for r in receipts]  # fmt: skip
    return papers


def save(paper: Paper, target: Path) -> None:
    """Write the paper's PDF whole or not at all (a full disk leaves no half a PDF). A
    drawing, not a print: nothing is recorded (``print_to_file`` prints to a file)."""
    write_atomically(target, paper.pdf)


def record_print(desk: Desk, paper: Paper, copies: int = 1) -> None:
    """Record that ``paper`` came out (``copies`` of it), once it has: the audit entry,
    and for a receipt its print in the receipt's book (the next one is a copy)."""
    with desk.store.write() as session:
        _record(session, desk, paper, copies)


def print_to_file(desk: Desk, paper: Paper, target: Path) -> None:
    """Print ``paper`` to a PDF file: written whole, then its print recorded, in one
    transaction — a file that could not be written records no print."""
    with desk.store.write() as session:
        save(paper, target)
        _record(session, desk, paper, 1)


def _record(session: Session, desk: Desk, paper: Paper, copies: int) -> None:
    note = paper.note
    if note is None:
        raise DomainError("Giấy tờ này không ghi nhận được lần in.")
    if note.receipt_id is not None:
        note_print(session, desk, note.actor, note.receipt_id, marked=paper.copy)
        return
    details = dict(note.details)
    if copies != 1:
        details["copies"] = copies
    record_audit(session, desk, note.actor, "document.print", note.subject, None, details)


def known_sets() -> list[str]:
    return [s.key for s in form_sets()]
