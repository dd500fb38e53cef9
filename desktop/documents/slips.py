"""Phiếu Mẫu 01–04 (Thông tư 01/2018/TT-VPCP) on A5: the receipt and appointment slip,
the supplement request, the refusal and the apology with a new appointment.

Each slip is drawn from the act it records (its payload, officer and time), so a reprint
says exactly what the citizen was told then. Fixed wording comes from the adjustable
template ``resources/documents/phieu.json``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.appointments import reappointed
from desktop.core.calendar import OFFICE_TZ, Due, Timeliness, WorkingCalendar
from desktop.core.calendar import Session as DaySession
from desktop.core.lifecycle import Act, DomainError
from desktop.core.pauses import due_dict
from desktop.documents.pdf import (
    SERIF,
    SERIF_BOLD,
    SERIF_ITALIC,
    draw_barcode,
    draw_qr,
    labels,
    new_canvas,
    wrap,
)
from desktop.documents.seal import Seal, seal_text
from desktop.services.audit import record_audit
from desktop.services.catalogue import procedure_of
from desktop.services.context import Actor, Desk
from desktop.services.documents import document_settings, emblem_bytes
from desktop.services.dossiers import dossier_due, original_due
from desktop.store.models import ActRow, Dossier, DossierPaper, Office, Officer

WIDTH, HEIGHT = A5
MARGIN = 12 * mm
ACT_OF = {"M01": Act.ACCEPT, "M02": Act.REQUEST_SUPPLEMENT, "M03": Act.REFUSE,
          "M04": Act.REAPPOINT, "M05": Act.HAND_OVER}  # fmt: skip
DESK_UNIT = "Bộ phận TN&TKQ"
PAPER_FORMS = {0: "Bản chính", 1: "Bản sao", 2: "Bản điện tử"}
PROBLEMS = {"missing": "Còn thiếu", "wrong": "Chưa đúng, cần sửa"}


@dataclass(frozen=True)
class Slip:
    kind: str
    office_name: str
    dossier_code: str
    applicant: str
    address: str
    phone: str
    email: str
    procedure: str
    officer: str
    at: datetime
    fields: dict[str, str]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    seal: str = ""
    place: str = "Lai Châu"
    leader: str = ""  # who signs for the office (Mẫu 04), from the settings
    emblem: bytes | None = None


def slip_for(
    session: Session, dossier_code: str, kind: str, office_code: str,
    desk_calendar: WorkingCalendar | None = None,
) -> Slip:  # fmt: skip
    """The data of slip ``kind`` for a dossier of ``office_code``, from its latest act of
    that kind; refused when the dossier never had that act."""
    if kind not in ACT_OF:
        raise DomainError(f"Không có mẫu phiếu “{kind}”.")
    dossier = session.scalar(select(Dossier).where(Dossier.code == dossier_code))
    if dossier is None or dossier.office_code != office_code:
        raise DomainError(f"Không có hồ sơ {dossier_code} của cơ quan.")
    acts = list(session.scalars(
        select(ActRow).where(ActRow.dossier_id == dossier.id).order_by(ActRow.version)
    ))  # fmt: skip
    wanted = [a for a in acts if a.act == ACT_OF[kind].value]
    if not wanted:
        raise DomainError(f"Hồ sơ {dossier_code} chưa có thao tác cần cho {kind}: không in được.")
    act = wanted[-1]
    office = session.get(Office, dossier.office_code)
    officer = session.get(Officer, act.officer_id) if act.officer_id else None
    assert office is not None
    procedure = procedure_of(session, dossier.procedure_code)
    fields = {"office": office.name, "applicant": dossier.applicant_name,
              "officer": officer.full_name if officer else "cán bộ tiếp nhận",
              "phone": "của Bộ phận tiếp nhận và trả kết quả", "reason": "",
              "collect": f"Bộ phận tiếp nhận và trả kết quả — {office.name}"}  # fmt: skip
    rows: list[tuple[str, ...]] = []
    payload: dict[str, Any] = dict(act.payload)
    number = dossier.code
    if kind == "M01":
        papers = session.scalars(select(DossierPaper).where(
            DossierPaper.dossier_id == dossier.id).order_by(DossierPaper.position))  # fmt: skip
        rows = [(p.name, PAPER_FORMS.get(p.kind, ""), str(p.count)) for p in papers]
        fields.update(processing_time=str(payload.get("processing_time", "")),
                      received=_moment(datetime.fromisoformat(payload["received_at"])),
                      due=_appointment(payload["appointment"]))  # fmt: skip
    elif kind == "M02":
        number = f"{dossier.code}/HDHS"
        rows = [(p["name"], PROBLEMS.get(p["problem"], p["problem"]), p.get("note", ""))
                for p in payload.get("papers", [])]  # fmt: skip
        fields["reason"] = str(payload.get("reason", ""))
    elif kind == "M03":
        fields["reason"] = str(payload.get("reason", ""))
    elif kind == "M05":
        original, new = original_due(dossier), reappointed(original_due(dossier),
                                                           dossier_due(dossier))
        rows, departments = _control_rows(session, acts, desk_calendar, original, new)
        # The appointment of acceptance (lateness counts from it), and the new one beside it.
        due = _appointment(due_dict(original)) if original else "—"
        if new is not None:
            due += f" (hẹn lại: {_appointment(due_dict(new))})"
        fields.update(departments=", ".join(departments) or "—", due=due)
    else:
        earlier = [a for a in acts if a.version < act.version and "appointment" in a.payload]
        old = _appointment(earlier[-1].payload["appointment"]) if earlier else "—"
        received = dossier.received_at or dossier.submitted_at
        fields.update(reason=str(payload.get("reason", "")), old_due=old,
                      new_due=_appointment(payload["appointment"]),
                      received=f"{received.astimezone(OFFICE_TZ):%d/%m/%Y}")  # fmt: skip
    seal = seal_text(session, Seal(kind, number, dossier.code, 0,
                                   act.at.astimezone(OFFICE_TZ).date().isoformat(),
                                   office.code))  # fmt: skip
    look = document_settings(session)
    return Slip(kind, office.name, dossier.code, dossier.applicant_name, dossier.address,
                dossier.phone, dossier.email, procedure.name, fields["officer"], act.at,
                fields, rows, seal, look["place"], look["signers"].get(kind, ""),
                emblem_bytes(look))  # fmt: skip


def _appointment_at(acts: list[ActRow], act: ActRow) -> dict[str, str] | None:
    """The appointment in force when ``act`` was done (the latest one given before it)."""
    given = [a.payload["appointment"] for a in acts
             if a.version <= act.version and "appointment" in a.payload]  # fmt: skip
    return given[-1] if given else None


def _control_rows(
    session: Session, acts: list[ActRow], calendar: WorkingCalendar | None,
    original: Due | None = None, reappointed_to: Due | None = None,
) -> tuple[list[tuple[str, ...]], list[str]]:
    """Mẫu 05's rows: each handover and each return of the dossier, with early / on time /
    late for the step that produced a result — and late for the dossier, whatever its
    step, when the result came after the appointment of acceptance."""
    names = {o.id: o.full_name for o in session.scalars(select(Officer))}
    rows: list[tuple[str, ...]] = []
    departments: list[str] = []
    holder = DESK_UNIT
    for a in acts:
        who = names.get(a.officer_id or -1, "")
        when = _moment(a.at)
        if a.act in (Act.HAND_OVER.value, Act.HAND_ON.value):
            to = f"{a.payload['department']} {a.payload.get('receiver', '')}".strip()
            departments.append(a.payload["department"])
            giver = f"{DESK_UNIT} ({who})" if a.act == Act.HAND_OVER.value else holder
            step = (a.payload.get("step") or {}).get("timeliness")
            done = Timeliness(step).label_vi if step else ""
            due = a.payload.get("step_due")
            note = f"Hạn bước: {_appointment(due)}" if due else ""
            if a.payload.get("step_due_capped"):
                note += " (bằng hạn trả hồ sơ: số ngày đề nghị vượt quá hạn này)"
            rows.append((f"Giao: {giver} — Nhận: {to}", when, done, note, ""))
            holder = a.payload["department"]
        elif a.act == Act.CONSULT.value:
            asked = ", ".join(a.payload.get("departments", []))
            rows.append((f"{holder} xin ý kiến: {asked}", when, "",
                         str(a.payload.get("question", "")), ""))  # fmt: skip
        elif a.act in (Act.RECORD_RESULT.value, Act.DENY.value):
            appointment = _appointment_at(acts, a)
            result = "Có kết quả" if a.act == Act.RECORD_RESULT.value else "Không giải quyết"
            step = (a.payload.get("step") or {}).get("timeliness")
            late = _dossier_late(a, calendar, original)
            if late:  # past the appointment of acceptance: an apology does not undo it
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
            rows.append((f"Giao: {holder} — Nhận: {DESK_UNIT}", when, result, note, ""))
        elif a.act == Act.REAPPOINT.value:
            new = date.fromisoformat(a.payload["appointment"]["date"])
            note = f"Hẹn lại ngày {new:%d/%m/%Y}: {a.payload.get('reason', '')}"
            rows.append((f"{DESK_UNIT} xin lỗi, hẹn lại", when, "", note, ""))
        elif a.act in (Act.RETURN_IN_PERSON.value, Act.RETURN_BY_POST.value,
                       Act.RETURN_ONLINE.value):  # fmt: skip
            to = {Act.RETURN_IN_PERSON.value: "Công dân",
                  Act.RETURN_BY_POST.value: "Bưu chính công ích"}.get(
                      a.act, "Cổng dịch vụ công (trả trực tuyến)")  # fmt: skip
            rows.append((f"Giao: {DESK_UNIT} ({who}) — Nhận: {to}", when, "Đã trả kết quả",
                         "", ""))  # fmt: skip
    return rows, departments


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
    deadline = datetime.fromisoformat(appointment["deadline"])
    day = date.fromisoformat(appointment["date"])
    return f"{deadline.astimezone(OFFICE_TZ):%H} giờ {deadline.astimezone(OFFICE_TZ):%M} phút, " \
        f"ngày {day:%d/%m/%Y}"  # fmt: skip


def render_slips(slips: list[Slip], target: Path | Any) -> None:
    """The slips into one PDF, on A5; Mẫu 01 in its two copies."""
    if not slips:
        raise DomainError("Không có phiếu nào để in.")
    text = labels("phieu")
    first = slips[0]
    canvas = new_canvas(target, f"{text[first.kind]['title']} — {first.dossier_code}", A5,
                        first.seal)  # fmt: skip
    for slip in slips:
        for copy in text[slip.kind].get("copies", [""]):
            _draw(canvas, slip, text, copy)
            canvas.showPage()
    canvas.save()


class _Writer:
    """A cursor down the page that wraps text in the page's width."""

    def __init__(self, canvas: Canvas, y: float) -> None:
        self.c, self.y = canvas, y
        self.left, self.right = MARGIN, WIDTH - MARGIN

    def para(self, text: str, font: str = SERIF, size: float = 9.5, indent: float = 0) -> None:
        for line in wrap(self.c, text, font, size, self.right - self.left - indent):
            self.c.setFont(font, size)
            self.c.drawString(self.left + indent, self.y, line)
            self.y -= size * 0.46 * mm
        self.y -= 0.8 * mm

    def table(self, headers: tuple[str, ...], rows: list[tuple[str, ...]],
              widths: tuple[float, ...], size: float = 9) -> None:  # fmt: skip
        xs = [self.left]
        for w in widths:
            xs.append(xs[-1] + w * (self.right - self.left))
        self.c.setLineWidth(0.5)
        for n, row in enumerate([headers, *[(str(i), *r) for i, r in enumerate(rows, 1)]]):
            font = SERIF_BOLD if n == 0 else SERIF
            cells = [wrap(self.c, cell, font, size, xs[k + 1] - xs[k] - 2 * mm) or [""]
                     for k, cell in enumerate(row)]  # fmt: skip
            height = max(len(c) for c in cells) * size * 0.44 * mm + 1.5 * mm
            self.c.rect(xs[0], self.y - height + 3.5 * mm, xs[-1] - xs[0], height)
            for k, lines in enumerate(cells):
                if k:
                    self.c.line(xs[k], self.y + 3.5 * mm, xs[k], self.y - height + 3.5 * mm)
                for j, line in enumerate(lines):
                    self.c.setFont(font, size)
                    self.c.drawString(xs[k] + 1 * mm, self.y - j * size * 0.44 * mm, line)
            self.y -= height
        self.y -= 2 * mm


def _draw(c: Canvas, slip: Slip, text: dict[str, Any], copy: str) -> None:
    form = text[slip.kind]
    fill = {**slip.fields}
    top = HEIGHT - 10 * mm
    c.setFont(SERIF_ITALIC, 8)
    c.drawRightString(WIDTH - MARGIN, top, form["form"])
    if slip.emblem:  # the office's emblem, small, above its name
        emblem = ImageReader(io.BytesIO(slip.emblem))
        c.drawImage(emblem, MARGIN + 20 * mm, top - 1 * mm, 10 * mm, 10 * mm,
                    preserveAspectRatio=True, mask="auto")  # fmt: skip
    # Header: the office (left), the nation and motto (right).
    c.setFont(SERIF_BOLD, 7.5)
    for n, line in enumerate(wrap(c, slip.office_name.upper(), SERIF_BOLD, 7.5, 50 * mm)[:3]):
        c.drawCentredString(MARGIN + 25 * mm, top - 5 * mm - n * 3.4 * mm, line)
    c.setFont(SERIF, 7)
    c.drawCentredString(MARGIN + 25 * mm, top - 16 * mm, text["unit"])
    c.setFont(SERIF_BOLD, 7.5)
    c.drawCentredString(WIDTH - MARGIN - 33 * mm, top - 5 * mm, text["nation"])
    c.drawCentredString(WIDTH - MARGIN - 33 * mm, top - 8.8 * mm, text["motto"])
    c.line(WIDTH - MARGIN - 50 * mm, top - 10 * mm, WIDTH - MARGIN - 16 * mm, top - 10 * mm)
    local = slip.at.astimezone(OFFICE_TZ)
    c.setFont(SERIF_ITALIC, 8.5)
    dated = f"{slip.place}, ngày {local:%d} tháng {local:%m} năm {local:%Y}"
    c.drawCentredString(WIDTH - MARGIN - 33 * mm, top - 15 * mm, dated)
    c.setFont(SERIF, 9)
    number = f"{slip.dossier_code}/HDHS" if slip.kind == "M02" else slip.dossier_code
    c.drawCentredString(MARGIN + 25 * mm, top - 21 * mm, f"Số: {number}")

    w = _Writer(c, top - 29 * mm)
    c.setFont(SERIF_BOLD, 11.5)
    for line in wrap(c, form["title"], SERIF_BOLD, 11.5, WIDTH - 2 * MARGIN):
        c.drawCentredString(WIDTH / 2, w.y, line)
        w.y -= 5.5 * mm
    if copy:
        c.setFont(SERIF_ITALIC, 8.5)
        c.drawCentredString(WIDTH / 2, w.y + 1 * mm, copy)
        w.y -= 4 * mm
    w.y -= 2 * mm
    if slip.kind == "M01":
        w.para(form["intro"].format(**fill))
        for label, value in (("Ông/Bà", slip.applicant), ("Địa chỉ", slip.address),
                             ("Số điện thoại", slip.phone), ("Email", slip.email),
                             ("Nội dung yêu cầu giải quyết", slip.procedure)):  # fmt: skip
            w.para(f"{label}: {value or '—'}", indent=3 * mm)
        w.para(form["papers"])
        w.table(("TT", "Tên giấy tờ", "Hình thức", "Số lượng"), slip.rows, (0.08, 0.6, 0.2, 0.12))
        for key in ("sets", "time", "received", "due", "collect"):
            w.para(form[key].format(**fill), SERIF_BOLD if key == "due" else SERIF)
    elif slip.kind == "M02":
        w.para(form["intro"].format(**fill))
        w.para(f"Nội dung yêu cầu giải quyết: {slip.procedure}")
        w.para(form["request"])
        w.table(("TT", "Giấy tờ", "Yêu cầu", "Ghi chú"), slip.rows, (0.08, 0.42, 0.25, 0.25))
        w.para(form["reason"].format(**fill))
        w.para(form["contact"].format(**fill), SERIF_ITALIC, 9)
    elif slip.kind == "M03":
        w.para(form["intro"].format(**fill))
        w.para(f"Nội dung yêu cầu giải quyết: {slip.procedure}")
        w.para(form["body"].format(**fill))
        w.para(form["closing"])
    elif slip.kind == "M05":
        w.para(form["intro"].format(**fill))
        w.para(f"Số điện thoại: {slip.phone or '—'}; Email: {slip.email or '—'}", size=9)
        w.para(f"Nội dung yêu cầu giải quyết: {slip.procedure}")
        w.para(form["departments"].format(**fill))
        w.para(form["due"].format(**fill))
        w.table(tuple(form["headers"]), slip.rows, (0.06, 0.32, 0.2, 0.16, 0.16, 0.1), size=8)
    else:
        w.para(form["intro"].format(**fill))
        w.para(f"Nội dung yêu cầu giải quyết: {slip.procedure}")
        for key in ("old_due", "body", "apology"):
            w.para(form[key].format(**fill))
        w.para(form["new_due"].format(**fill), SERIF_BOLD)

    # Signatures, then the codes that make the slip checkable.
    signers = form["signers"]  # Mẫu 05 is signed in its table, row by row
    y = min(w.y - 3 * mm, 60 * mm)  # the signatures keep clear of the codes below
    for n, who in enumerate(signers):
        x = WIDTH / 2 if len(signers) == 1 else (MARGIN + 28 * mm, WIDTH - MARGIN - 28 * mm)[n]
        if len(signers) == 1:
            x = WIDTH - MARGIN - 30 * mm
        c.setFont(SERIF_BOLD, 9)
        c.drawCentredString(x, y, who)
        c.setFont(SERIF_ITALIC, 8)
        c.drawCentredString(x, y - 3.5 * mm, "(Ký, ghi rõ họ tên)")
        name = slip.applicant if who.startswith("NGƯỜI NỘP") else slip.officer
        if who.startswith("THỦ TRƯỞNG"):
            name = slip.leader  # from the settings; blank when nobody is named
        c.setFont(SERIF_BOLD, 9)
        c.drawCentredString(x, y - 17 * mm, name)
    draw_qr(c, slip.seal, MARGIN, 7 * mm, 19 * mm)
    draw_barcode(c, slip.dossier_code, WIDTH - MARGIN, 9 * mm, 8 * mm)


def print_handover_batch(desk: Desk, actor: Actor, batch_id: str, target: Path) -> list[Slip]:
    """Mẫu 05 of every dossier of one handover batch, in one PDF to print and sign
    (giver, receiver, hour and date); the print is audited."""
    with desk.store.write() as session:
        codes = [code for code, payload in session.execute(
            select(Dossier.code, ActRow.payload).join(ActRow, ActRow.dossier_id == Dossier.id)
            .where(ActRow.act == Act.HAND_OVER.value, Dossier.office_code == actor.office_code)
            .order_by(Dossier.code)) if payload.get("batch_id") == batch_id]  # fmt: skip
        if not codes:
            raise DomainError("Không có lần bàn giao này trong cơ quan.")
        slips = [slip_for(session, code, "M05", actor.office_code, desk.calendar)
                 for code in codes]  # fmt: skip
        record_audit(session, desk, actor, "document.print", batch_id, None,
                     {"kind": "M05", "dossiers": codes})  # fmt: skip
    render_slips(slips, target)
    return slips


def print_slip(desk: Desk, actor: Actor, dossier_code: str, kind: str, target: Path) -> Slip:
    """Write slip ``kind`` of a dossier to a PDF; the print is audited."""
    with desk.store.write() as session:
        slip = slip_for(session, dossier_code, kind, actor.office_code, desk.calendar)
        record_audit(session, desk, actor, "document.print", dossier_code, None, {"kind": kind})
    render_slips([slip], target)
    return slip
