"""Gathering what a paper says: the SQL behind each kind, turned into the plain data the
drawings receive (``desktop.documents.model``), signed with this desk's key.

A dossier's paper is drawn from the act it records (its payload, officer and time), so a
reprint says exactly what the citizen was told then. Which form set it follows is the
dossier's: the set in force on the day it was received (else submitted).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.appointments import reappointed
from desktop.core.calendar import OFFICE_TZ, Due, Timeliness, WorkingCalendar
from desktop.core.calendar import Session as DaySession
from desktop.core.lifecycle import Act, DomainError, DossierState
from desktop.core.money import amount_in_words, format_dong
from desktop.core.pauses import due_dict
from desktop.core.seals import Seal
from desktop.documents.forms import FormSet, form_set_for
from desktop.documents.kinds import REGISTER, SHIFT, SUPPLEMENT
from desktop.documents.model import ControlRow, Register, Slip
from desktop.services.catalogue import procedure_of
from desktop.services.context import Actor
from desktop.services.document_keys import seal_text
from desktop.services.documents import document_settings, emblem_bytes
from desktop.services.dossiers import dossier_due, original_due
from desktop.store.models import ActRow, Dossier, DossierPaper, Office, Officer, Payment, Receipt

DESK_UNIT = "Bộ phận TN&TKQ"
PAPER_FORMS = {0: "Bản chính", 1: "Bản sao", 2: "Bản điện tử"}
PROBLEMS = {"missing": "Còn thiếu", "wrong": "Chưa đúng, cần sửa"}
SESSIONS = {"morning": (time(0, 0), time(12, 0), "sáng"),
            "afternoon": (time(12, 0), time(23, 59, 59), "chiều")}  # fmt: skip
RETURNS = (Act.RETURN_IN_PERSON.value, Act.RETURN_BY_POST.value, Act.RETURN_ONLINE.value)


def received_day(dossier: Dossier) -> date:
    """The day the dossier was received (else submitted), at the office."""
    return (dossier.received_at or dossier.submitted_at).astimezone(OFFICE_TZ).date()


def dossier_form_set(dossier: Dossier) -> FormSet:
    return form_set_for(received_day(dossier))


@dataclass(frozen=True)
class Source:
    """What every gatherer of a dossier's paper reads."""

    session: Session
    dossier: Dossier
    acts: list[ActRow]  # all of the dossier's acts, in order
    act: ActRow  # the act the paper records
    office: Office
    form_set: FormSet
    calendar: WorkingCalendar | None


# What a kind adds to the shared fields: (its own fields, rows, control rows).
Gathered = tuple[dict[str, str], list[tuple[str, ...]], list[ControlRow]]
Gatherer = Callable[[Source], Gathered]


def find_dossier(session: Session, dossier_code: str, office_code: str) -> Dossier:
    dossier = session.scalar(select(Dossier).where(Dossier.code == dossier_code))
    if dossier is None or dossier.office_code != office_code:
        raise DomainError(f"Không có hồ sơ {dossier_code} của cơ quan.")
    return dossier


def act_slip(
    session: Session, dossier_code: str, office_code: str, kind: str, act: Act,
    gather: Gatherer, signs: tuple[str, ...], calendar: WorkingCalendar | None = None,
    form_set: FormSet | None = None,
) -> Slip:  # fmt: skip
    """The data of a dossier's ``kind`` paper, from its latest ``act``; refused when the
    dossier never had that act or its form set has no such paper."""
    dossier = find_dossier(session, dossier_code, office_code)
    chosen = form_set or dossier_form_set(dossier)
    form = chosen.form(kind)  # refused here when the set has no such paper
    acts = list(session.scalars(
        select(ActRow).where(ActRow.dossier_id == dossier.id).order_by(ActRow.version)
    ))  # fmt: skip
    wanted = [a for a in acts if a.act == act.value]
    if not wanted:
        raise DomainError(f"Hồ sơ {dossier_code} chưa có thao tác cần cho "
                          f"{form['title'].lower()}: không in được.")  # fmt: skip
    office = session.get(Office, dossier.office_code)
    assert office is not None
    source = Source(session, dossier, acts, wanted[-1], office, chosen, calendar)
    look = document_settings(session, office)
    unit = chosen.text["unit_name"]  # what the set calls the desk
    officer = session.get(Officer, source.act.officer_id) if source.act.officer_id else None
    procedure = procedure_of(session, dossier.procedure_code)
    fields = {"office": office.name, "applicant": dossier.applicant_name,
              "address": dossier.address or "—", "phone": dossier.phone or "—",
              "email": dossier.email or "—", "procedure": procedure.name,
              "officer": officer.full_name if officer else "cán bộ tiếp nhận",
              "office_phone": look["phone"] or f"của {unit}",
              "office_address": look["address"], "reason": "",
              "received": f"{received_day(dossier):%d/%m/%Y}",
              "collect": ", ".join(x for x in (f"{unit} — {office.name}", look["address"])
                                   if x)}  # fmt: skip
    own, rows, steps = gather(source)
    fields.update(own)
    number = f"{dossier.code}/HDHS" if kind == SUPPLEMENT else dossier.code
    day = source.act.at.astimezone(OFFICE_TZ).date().isoformat()
    seal = seal_text(session, Seal(kind, number, dossier.code, 0, day, office.code))
    names = {"applicant": dossier.applicant_name, "officer": fields["officer"],
             "head": _signer(look, kind, chosen)}  # fmt: skip
    signatures = tuple(zip(form["signers"], (names[r] for r in signs), strict=False))
    return Slip(kind, office.name, dossier.code, number, dossier.applicant_name,
                dossier.address, dossier.phone, dossier.email, procedure.name,
                fields["officer"], source.act.at, fields, rows, steps, signatures, seal,
                look["place"], emblem_bytes(look))  # fmt: skip


def _signer(look: dict[str, Any], kind: str, form_set: FormSet) -> str:
    """Who signs ``kind`` for the office, from the settings: by the kind's name, or (as
    older settings have it) by its number in the 2018 set; blank when nobody is named."""
    from desktop.documents.forms import form_set as set_of

    signers: dict[str, str] = look["signers"]
    old = set_of("2018").number(kind)
    return signers.get(kind) or (signers.get(f"M{old}", "") if old else "")


# --- per kind ---------------------------------------------------------------------------------


def receipt_fields(source: Source) -> Gathered:
    """Mẫu 01: the papers handed in, the times, the fees and the register entry."""
    payload: dict[str, Any] = dict(source.act.payload)
    papers = source.session.scalars(select(DossierPaper).where(
        DossierPaper.dossier_id == source.dossier.id).order_by(DossierPaper.position))  # fmt: skip
    rows: list[tuple[str, ...]] = [
        (p.name, PAPER_FORMS.get(p.kind, ""), str(p.count)) for p in papers
    ]
    procedure = procedure_of(source.session, source.dossier.procedure_code)
    fees = "; ".join(f"{f.name}: {format_dong(f.amount)} đồng" for f in procedure.fees
                     if f.amount) or "Không thu"  # fmt: skip
    book, sequence = register_entry(source.session, source.dossier)
    return ({"processing_time": str(payload.get("processing_time", "")),
             "received": _moment(datetime.fromisoformat(payload["received_at"])),
             "due": _appointment(payload["appointment"]), "fees": fees, "book": book,
             "sequence": sequence}, rows, [])  # fmt: skip


def supplement_fields(source: Source) -> Gathered:
    payload: dict[str, Any] = dict(source.act.payload)
    rows: list[tuple[str, ...]] = [
        (p["name"], PROBLEMS.get(p["problem"], p["problem"]), p.get("note", ""))
        for p in payload.get("papers", [])
    ]
    return {"reason": str(payload.get("reason", ""))}, rows, []


def refusal_fields(source: Source) -> Gathered:
    return {"reason": str(source.act.payload.get("reason", ""))}, [], []


def apology_fields(source: Source) -> Gathered:
    act, acts = source.act, source.acts
    earlier = [a for a in acts if a.version < act.version and "appointment" in a.payload]
    old = _appointment(earlier[-1].payload["appointment"]) if earlier else "—"
    return ({"reason": str(act.payload.get("reason", "")), "old_due": old,
             "new_due": _appointment(act.payload["appointment"])}, [], [])  # fmt: skip


def stop_fields(source: Source) -> Gathered:
    """Mẫu 05 (2025): the stage the dossier had reached when it was stopped, why, and the
    fees it had paid (which the notice says come back)."""
    before = [a for a in source.acts if a.version < source.act.version]
    holder = ""
    for a in before:
        if a.act in (Act.HAND_OVER.value, Act.HAND_ON.value):
            holder = str(a.payload.get("department", ""))
    stage = Act(before[-1].act).label_vi if before else "Chưa tiếp nhận"
    if holder:
        stage += f" — hồ sơ đang ở {holder}"
    paid = source.session.scalars(select(Receipt).where(
        Receipt.dossier_id == source.dossier.id, Receipt.voided_at.is_(None))
        .order_by(Receipt.number)).all()  # fmt: skip
    total = sum(r.amount for r in paid)
    fees = (
        (
            f"{format_dong(total)} đồng (biên lai "
            + ", ".join(f"{r.series}/{r.number:07d}" for r in paid)
            + ")"
        )
        if paid
        else "Không có"
    )
    return ({"stage": stage, "stopped": _moment(source.act.at), "fees": fees,
             "reason": str(source.act.payload.get("reason", ""))}, [], [])  # fmt: skip


def control_fields(source: Source) -> Gathered:
    """Mẫu 05 (2018) / 06 (2025): every movement of the dossier, the lead agency, the
    agencies that took part with it, and the appointment (with a re-appointment)."""
    dossier = source.dossier
    original = original_due(dossier)
    new = reappointed(original, dossier_due(dossier))
    steps, departments, consulted = _control_rows(
        source.session, source.acts, source.calendar, original, new,
        source.form_set.text["unit_short"],
    )  # fmt: skip
    due = _appointment(due_dict(original)) if original else "—"
    if new is not None:
        due += f" (hẹn lại: {_appointment(due_dict(new))})"
    coordinating = [d for d in dict.fromkeys(departments[1:] + consulted) if d != departments[0]] \
        if departments else consulted  # fmt: skip
    return ({"departments": ", ".join(departments) or "—",
             "coordinating": ", ".join(dict.fromkeys(coordinating)) or "Không có",
             "due": due}, [], steps)  # fmt: skip


def _appointment_at(acts: list[ActRow], act: ActRow) -> dict[str, str] | None:
    """The appointment in force when ``act`` was done (the latest one given before it)."""
    given = [a.payload["appointment"] for a in acts
             if a.version <= act.version and "appointment" in a.payload]  # fmt: skip
    return given[-1] if given else None


def _control_rows(
    session: Session,
    acts: list[ActRow],
    calendar: WorkingCalendar | None,
    original: Due | None = None,
    reappointed_to: Due | None = None,
    desk_unit: str = DESK_UNIT,
) -> tuple[list[ControlRow], list[str], list[str]]:
    """The control slip's rows: each handover and each return of the dossier, with early /
    on time / late for the step that produced a result — and late for the dossier,
    whatever its step, when the result came after the appointment of acceptance. Also the
    departments it went to, and those consulted."""
    names = {o.id: o.full_name for o in session.scalars(select(Officer))}
    rows: list[ControlRow] = []
    departments: list[str] = []
    consulted: list[str] = []
    holder = desk_unit
    for a in acts:
        who = names.get(a.officer_id or -1, "")
        when = _moment(a.at)
        if a.act in (Act.HAND_OVER.value, Act.HAND_ON.value):
            department = a.payload["department"]
            to = f"{department} {a.payload.get('receiver', '')}".strip()
            departments.append(department)
            giver = f"{desk_unit} ({who})" if a.act == Act.HAND_OVER.value else holder
            step = (a.payload.get("step") or {}).get("timeliness")
            done = Timeliness(step).label_vi if step else ""
            due = a.payload.get("step_due")
            note = f"Hạn bước: {_appointment(due)}" if due else ""
            if a.payload.get("step_due_capped"):
                note += " (bằng hạn trả hồ sơ: số ngày đề nghị vượt quá hạn này)"
            receiver = str(a.payload.get("receiver") or "") or department
            rows.append(ControlRow(f"Giao: {giver} — Nhận: {to}", department, giver, receiver,
                                   when, done, note))  # fmt: skip
            holder = department
        elif a.act == Act.CONSULT.value:
            asked = list(a.payload.get("departments", []))
            consulted += asked
            rows.append(ControlRow(f"{holder} xin ý kiến: {', '.join(asked)}", ", ".join(asked),
                                   holder, ", ".join(asked), when, "",
                                   str(a.payload.get("question", ""))))  # fmt: skip
        elif a.act in (Act.RECORD_RESULT.value, Act.DENY.value):
            appointment = _appointment_at(acts, a)
            result = "Có kết quả" if a.act == Act.RECORD_RESULT.value else "Không giải quyết"
            step = (a.payload.get("step") or {}).get("timeliness")
            if _dossier_late(a, calendar, original):  # an apology does not undo it
                result += " — Trễ hạn"
                if reappointed_to is not None:
                    result += f" (hẹn lại {reappointed_to.date:%d/%m/%Y})"
            elif step:  # the department's own step, against the time it was given
                result += f" — {Timeliness(step).label_vi}"
            elif appointment and calendar is not None:
                due = Due(date.fromisoformat(appointment["date"]),
                          DaySession(appointment["session"]),
                          datetime.fromisoformat(appointment["deadline"]))  # fmt: skip
                result += f" — {calendar.standing(due, a.at).timeliness.label_vi}"
            note = str(a.payload.get("note") or a.payload.get("reason") or "")
            rows.append(ControlRow(f"Giao: {holder} — Nhận: {desk_unit}", desk_unit, holder,
                                   desk_unit, when, result, note))  # fmt: skip
        elif a.act == Act.REAPPOINT.value:
            new = date.fromisoformat(a.payload["appointment"]["date"])
            note = f"Hẹn lại ngày {new:%d/%m/%Y}: {a.payload.get('reason', '')}"
            rows.append(ControlRow(f"{desk_unit} xin lỗi, hẹn lại", desk_unit, desk_unit,
                                   "", when, "", note))  # fmt: skip
        elif a.act in RETURNS:
            to = {Act.RETURN_IN_PERSON.value: "Công dân",
                  Act.RETURN_BY_POST.value: "Bưu chính công ích"}.get(
                      a.act, "Cổng dịch vụ công (trả trực tuyến)")  # fmt: skip
            rows.append(
                ControlRow(
                    f"Giao: {desk_unit} ({who}) — Nhận: {to}",
                    to,
                    f"{desk_unit} ({who})",
                    to,
                    when,
                    "Đã trả kết quả",
                    "",
                )
            )
    return rows, departments, consulted


def _dossier_late(a: ActRow, calendar: WorkingCalendar | None, original: Due | None) -> bool:
    """Whether the result recorded by ``a`` came after the appointment of acceptance: as the
    act recorded it, or (acts recorded before it did) by the calendar."""
    if recorded := a.payload.get("timeliness"):
        return bool(recorded == Timeliness.LATE.value)
    if calendar is None or original is None:
        return False
    return calendar.standing(original, a.at).timeliness is Timeliness.LATE


def _moment(at: datetime) -> str:
    local = at.astimezone(OFFICE_TZ)
    return f"{local:%H} giờ {local:%M} phút, ngày {local:%d/%m/%Y}"


def _appointment(appointment: dict[str, str]) -> str:
    deadline = datetime.fromisoformat(appointment["deadline"]).astimezone(OFFICE_TZ)
    day = date.fromisoformat(appointment["date"])
    return f"{deadline:%H} giờ {deadline:%M} phút, ngày {day:%d/%m/%Y}"


# --- the tracking book ------------------------------------------------------------------------


def register_entry(session: Session, dossier: Dossier) -> tuple[str, str]:
    """The dossier's book and sequence number in the office's tracking book: one book a
    year, numbered by the year; the sequence is the dossier's rank in the order the office
    received its dossiers that year (receipt time, then code). It is derived, never
    stored, so every print of the book — again, or for another period — gives a dossier
    the same number. ("—", "—") for a dossier never received."""
    if dossier.received_at is None:
        return "—", "—"
    year = received_day(dossier).year
    start, end = _year_bounds(year)
    earlier = session.scalar(
        select(func.count())
        .select_from(Dossier)
        .where(
            Dossier.office_code == dossier.office_code,
            Dossier.received_at >= start,
            Dossier.received_at < end,
            (Dossier.received_at < dossier.received_at)
            | ((Dossier.received_at == dossier.received_at) & (Dossier.code < dossier.code)),
        )
    )
    return str(year), str((earlier or 0) + 1)  # fmt: skip


def _year_bounds(year: int) -> tuple[datetime, datetime]:
    return (datetime(year, 1, 1, tzinfo=OFFICE_TZ), datetime(year + 1, 1, 1, tzinfo=OFFICE_TZ))


def _local_day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    return (datetime.combine(first, time(0, 0), OFFICE_TZ),
            datetime.combine(last + timedelta(days=1), time(0, 0), OFFICE_TZ))  # fmt: skip


def tracking_book(
    session: Session, office_code: str, first: date, last: date,
    now: datetime | None = None, form_set: FormSet | None = None, keeper: str = "",
) -> Register:  # fmt: skip
    """Sổ theo dõi hồ sơ for the days ``first``…``last``, in the set in force on ``last``
    (unless ``form_set`` is given). A book "numbered" in its set's data (2025): every
    dossier received (entered in the book) in the period, in book order with its sequence
    number, then those submitted in it and not received (no number: refused, or waiting
    for papers); procedures by name. Otherwise (2018): every dossier submitted in the
    period. "Hẹn trả" is the appointment of acceptance, with a re-appointment beside it;
    the note says "Trễ hạn" of a dossier resolved after that appointment (or, given
    ``now``, still open past it). It is signed by the book's signer the settings name, else
    by ``keeper`` (the officer who prints it)."""
    if last < first:
        raise DomainError("Ngày cuối phải sau ngày đầu.")
    chosen = form_set or form_set_for(last)
    form = chosen.form(REGISTER)
    numbered = bool(form.get("numbered"))  # a sequence number per dossier, names of procedures
    start, end = _local_day_bounds(first, last)
    submitted = (Dossier.submitted_at >= start) & (Dossier.submitted_at < end)
    if numbered:  # entered in the period, in book order; then those not received (yet)
        received = (Dossier.received_at >= start) & (Dossier.received_at < end)
        dossiers = [*session.scalars(
            select(Dossier).where(Dossier.office_code == office_code, received)
            .order_by(Dossier.received_at, Dossier.code)), *session.scalars(
            select(Dossier).where(Dossier.office_code == office_code,
                                  Dossier.received_at.is_(None), submitted)
            .order_by(Dossier.submitted_at, Dossier.code))]  # fmt: skip
    else:  # every dossier submitted in the period
        dossiers = list(session.scalars(
            select(Dossier).where(Dossier.office_code == office_code, submitted)
            .order_by(Dossier.submitted_at, Dossier.code)))  # fmt: skip
    office = session.get(Office, office_code)
    assert office is not None
    ids = [d.id for d in dossiers]
    handed: dict[str, ActRow] = {}
    finished: dict[str, ActRow] = {}
    returned: dict[str, ActRow] = {}
    for a in session.scalars(select(ActRow).where(ActRow.dossier_id.in_(ids))
                             .order_by(ActRow.version)):  # fmt: skip
        if a.act == Act.HAND_OVER.value:
            handed.setdefault(a.dossier_id, a)
        elif a.act in (Act.RECORD_RESULT.value, Act.DENY.value):
            finished[a.dossier_id] = a
        elif a.act in RETURNS:
            returned[a.dossier_id] = a
    names = {p.code: p.name for p in _procedures(session, {d.procedure_code for d in dossiers})}
    rows = []
    books: set[str] = set()
    for d in dossiers:
        hand = handed.get(d.id)
        row = [d.code, names.get(d.procedure_code, d.procedure_code) if numbered
               else d.procedure_code, "1", d.applicant_name,
               ", ".join(x for x in (d.address, d.phone) if x),
               hand.payload.get("department", "") if hand else "",
               _day(d.received_at), _appointments(d), _day(hand.at if hand else None),
               _day(finished[d.id].at if d.id in finished else None),
               _day(returned[d.id].at if d.id in returned else None), _note(d, now)]  # fmt: skip
        if numbered:
            book, sequence = register_entry(session, d)
            if book != "—":  # a dossier not received is in no book
                books.add(book)
            row.insert(0, sequence)
        rows.append(tuple(row))
    number = f"{first:%Y%m%d}-{last:%Y%m%d}"
    seal = seal_text(session, Seal(REGISTER, number, "-", len(rows), last.isoformat(),
                                   office_code))  # fmt: skip
    look = document_settings(session, office)
    subtitle = form["period"].format(
        first=f"{first:%d/%m/%Y}", last=f"{last:%d/%m/%Y}", count=len(rows)
    )
    widths = tuple(float(w) for w in form["widths"])  # fractions of the table's width
    from reportlab.lib.pagesizes import A4, landscape

    return Register(
        REGISTER, form["title"], subtitle, office.name, tuple(form["headers"]), widths,
        rows, [], tuple(form["signers"]), (_signer(look, REGISTER, chosen) or keeper,), seal,
        landscape(A4),
        chosen.form_line(REGISTER), ", ".join(sorted(books)) or str(last.year),
        look["place"], datetime.combine(last, time(12, 0), OFFICE_TZ),
    )  # fmt: skip


def _procedures(session: Session, codes: set[str]) -> list[Any]:
    found = []
    for code in sorted(codes):
        try:
            found.append(procedure_of(session, code))
        except DomainError:  # a procedure dropped from the catalogue: its code stays
            continue
    return found


def _appointments(d: Dossier) -> str:
    original, new = original_due(d), reappointed(original_due(d), dossier_due(d))
    text = _day(original.deadline if original else None)
    return text + f" (hẹn lại {_day(new.deadline)})" if new is not None else text


def _note(d: Dossier, now: datetime | None) -> str:
    """The state, and "Trễ hạn" against the appointment of acceptance (as the law counts):
    an apology and a new appointment do not make a late dossier on time."""
    state = DossierState(d.state)
    original = original_due(d)
    at = d.resolved_at
    if at is None and now is not None and not state.is_final and not state.is_paused:
        at = now  # still open: late once its appointment has passed
    if original is None or at is None or at <= original.deadline:
        return state.label_vi
    new = reappointed(original, dossier_due(d))
    late = f"Trễ hạn (hẹn lại {new.date:%d/%m/%Y})" if new is not None else "Trễ hạn"
    return f"{state.label_vi}; {late}"


def _day(moment: datetime | None) -> str:
    """Two-digit years: the register's five date columns must fit across A4."""
    return "" if moment is None else f"{moment.astimezone(OFFICE_TZ):%d/%m/%y}"


# --- the shift handover -----------------------------------------------------------------------


def shift_handover(
    session: Session, office_code: str, officer: Actor, day: date, part: str
) -> Register:
    """Biên bản bàn giao ca: the dossiers the officer acted on in one session of a day and
    the fees collected in cash, receipt by receipt, with voided receipts shown as such."""
    from reportlab.lib.pagesizes import A4

    if part not in SESSIONS:
        raise DomainError("Ca làm việc là “morning” (sáng) hoặc “afternoon” (chiều).")
    begin, finish, label = SESSIONS[part]
    start = datetime.combine(day, begin, OFFICE_TZ)
    end = datetime.combine(day, finish, OFFICE_TZ)
    office = session.get(Office, office_code)
    assert office is not None
    acts = session.execute(
        select(ActRow, Dossier).join(Dossier, Dossier.id == ActRow.dossier_id)
        .where(ActRow.officer_id == officer.officer_id, ActRow.at >= start, ActRow.at <= end,
               Dossier.office_code == office_code)
        .order_by(ActRow.at)
    ).all()  # fmt: skip
    cash = session.execute(
        select(Receipt, Dossier.code).join(Payment, Payment.id == Receipt.payment_id)
        .join(Dossier, Dossier.id == Receipt.dossier_id)
        .where(Receipt.officer_id == officer.officer_id, Receipt.issued_at >= start,
               Receipt.issued_at <= end, Payment.method == "cash")
        .order_by(Receipt.number)
    ).all()  # fmt: skip
    rows: list[tuple[str, ...]] = []
    for a, d in acts:
        rows.append((f"{a.at.astimezone(OFFICE_TZ):%H:%M}", d.code, d.applicant_name,
                     Act(a.act).label_vi, DossierState(d.state).label_vi, "", ""))  # fmt: skip
    total = 0
    for r, code in cash:
        voided = r.voided_at is not None
        total += 0 if voided else r.amount
        at = f"{r.issued_at.astimezone(OFFICE_TZ):%H:%M}"
        state = "đã huỷ" if voided else ""
        rows.append((at, code, r.payer_name, "thu tiền mặt", state,
                     f"{r.series}/{r.number:07d}", format_dong(r.amount)))  # fmt: skip
    number = f"{officer.username}-{day:%Y%m%d}-{part}"
    seal = seal_text(session, Seal(SHIFT, number, "-", total, day.isoformat(), office_code))
    return Register(
        SHIFT, "BIÊN BẢN BÀN GIAO CA",
        f"Ca {label} ngày {day:%d/%m/%Y} — cán bộ {officer.full_name}",
        office.name,
        ("TT", "Giờ", "Mã hồ sơ", "Người nộp", "Thao tác", "Trạng thái", "Biên lai", "Số tiền"),
        (0.04, 0.06, 0.19, 0.15, 0.13, 0.13, 0.16, 0.14),
        rows,
        [f"Tổng số tiền mặt bàn giao: {format_dong(total)} đồng ({amount_in_words(total)}).",
         f"Số thao tác trên hồ sơ: {len(acts)}; số biên lai: {len(cash)}."],
        ("NGƯỜI GIAO", "NGƯỜI NHẬN (LÃNH ĐẠO BỘ PHẬN)"), (officer.full_name, ""), seal, A4,
    )  # fmt: skip
