"""Sổ và biên bản nhiều trang: the tracking-book extract (Mẫu 06, A4 landscape) and the
end-of-shift handover of dossiers and cash for the supervisor (A4).

Both are tables that run over as many pages as needed, the header row repeated on each
page, with the signed QR on the last one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.appointments import reappointed
from desktop.core.calendar import OFFICE_TZ
from desktop.core.lifecycle import Act, DomainError, DossierState
from desktop.core.money import amount_in_words, format_dong
from desktop.documents.pdf import SERIF, SERIF_BOLD, SERIF_ITALIC, draw_qr, new_canvas, wrap
from desktop.documents.seal import Seal, seal_text
from desktop.services.audit import record_audit
from desktop.services.context import Actor, Desk
from desktop.services.dossiers import dossier_due, original_due
from desktop.store.models import ActRow, Dossier, Office, Payment, Receipt

MARGIN = 12 * mm
SESSIONS = {"morning": (time(0, 0), time(12, 0), "sáng"),
            "afternoon": (time(12, 0), time(23, 59, 59), "chiều")}  # fmt: skip


@dataclass(frozen=True)
class Register:
    kind: str  # "M06" or "BG"
    title: str
    subtitle: str
    office_name: str
    headers: tuple[str, ...]
    widths: tuple[float, ...]  # fractions of the table's width
    rows: list[tuple[str, ...]]
    closing: list[str]  # lines under the table (totals, amount in words)
    signers: tuple[str, ...]
    names: tuple[str, ...]
    seal: str
    page: tuple[float, float]


def _local_day_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    return (datetime.combine(first, time(0, 0), OFFICE_TZ),
            datetime.combine(last + timedelta(days=1), time(0, 0), OFFICE_TZ))  # fmt: skip


def tracking_book(session: Session, office_code: str, first: date, last: date,
                  now: datetime | None = None) -> Register:  # fmt: skip
    """Mẫu 06: every dossier the office received (submitted) between two days. "Hẹn trả" is
    the appointment of acceptance, with a re-appointment beside it; the note says "Trễ hạn"
    of a dossier resolved after that appointment (or, given ``now``, still open past it)."""
    if last < first:
        raise DomainError("Ngày cuối phải sau ngày đầu.")
    start, end = _local_day_bounds(first, last)
    dossiers = session.scalars(
        select(Dossier).where(Dossier.office_code == office_code, Dossier.submitted_at >= start,
                              Dossier.submitted_at < end).order_by(Dossier.submitted_at)
    ).all()  # fmt: skip
    office = session.get(Office, office_code)
    assert office is not None
    ids = [d.id for d in dossiers]
    handed: dict[str, ActRow] = {}
    finished: dict[str, ActRow] = {}
    returned: dict[str, ActRow] = {}
    for a in session.scalars(select(ActRow).where(ActRow.dossier_id.in_(ids))
                             .order_by(ActRow.version)):  # fmt: skip
        if a.act == "hand_over":
            handed.setdefault(a.dossier_id, a)
        elif a.act in ("record_result", "deny"):
            finished[a.dossier_id] = a
        elif a.act in ("return_in_person", "return_by_post", "return_online"):
            returned[a.dossier_id] = a
    rows = []
    for d in dossiers:
        hand = handed.get(d.id)
        rows.append((
            d.code, d.procedure_code, "1", d.applicant_name,
            ", ".join(x for x in (d.address, d.phone) if x),
            hand.payload.get("department", "") if hand else "",
            _day(d.received_at), _appointments(d), _day(hand.at if hand else None),
            _day(finished[d.id].at if d.id in finished else None),
            _day(returned[d.id].at if d.id in returned else None),
            _note(d, now),
        ))  # fmt: skip
    number = f"{first:%Y%m%d}-{last:%Y%m%d}"
    seal = seal_text(session, Seal("M06", number, "-", len(rows), last.isoformat(), office_code))
    return Register(
        "M06", "SỔ THEO DÕI HỒ SƠ",
        f"Từ ngày {first:%d/%m/%Y} đến ngày {last:%d/%m/%Y} — {len(rows)} hồ sơ",
        office.name,
        ("TT", "Mã hồ sơ", "Thủ tục", "Số bộ", "Tên cá nhân, tổ chức", "Địa chỉ, số điện thoại",
         "Cơ quan giải quyết", "Nhận hồ sơ", "Hẹn trả", "Chuyển hồ sơ", "Có kết quả",
         "Trả kết quả", "Ghi chú"),
        (0.03, 0.13, 0.075, 0.03, 0.1, 0.14, 0.08, 0.063, 0.063, 0.063, 0.063, 0.063, 0.087),
        [tuple(r) for r in rows], [], ("NGƯỜI LẬP SỔ",), ("",), seal, landscape(A4),
    )  # fmt: skip


def shift_handover(
    session: Session, office_code: str, officer: Actor, day: date, part: str
) -> Register:
    """Biên bản bàn giao ca: the dossiers the officer acted on in one session of a day and
    the fees collected in cash, receipt by receipt, with voided receipts shown as such."""
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
    seal = seal_text(session, Seal("BG", number, "-", total, day.isoformat(), office_code))
    return Register(
        "BG", "BIÊN BẢN BÀN GIAO CA",
        f"Ca {label} ngày {day:%d/%m/%Y} — cán bộ {officer.full_name}",
        office.name,
        ("TT", "Giờ", "Mã hồ sơ", "Người nộp", "Thao tác", "Trạng thái", "Biên lai", "Số tiền"),
        (0.04, 0.06, 0.19, 0.15, 0.13, 0.13, 0.16, 0.14),
        rows,
        [f"Tổng số tiền mặt bàn giao: {format_dong(total)} đồng ({amount_in_words(total)}).",
         f"Số thao tác trên hồ sơ: {len(acts)}; số biên lai: {len(cash)}."],
        ("NGƯỜI GIAO", "NGƯỜI NHẬN (LÃNH ĐẠO BỘ PHẬN)"), (officer.full_name, ""), seal, A4,
    )  # fmt: skip


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


def print_register(desk: Desk, actor: Actor, register: Register, target: Path) -> None:
    with desk.store.write() as session:
        record_audit(session, desk, actor, "document.print", register.kind, None,
                     {"title": register.title, "rows": len(register.rows)})  # fmt: skip
    render_register(register, target)


def render_register(r: Register, target: Path | Any) -> None:
    width, height = r.page
    canvas = new_canvas(target, f"{r.title} — {r.subtitle}", r.page, r.seal)
    left, right = MARGIN, width - MARGIN
    xs = [left]
    for w in r.widths:
        xs.append(xs[-1] + w * (right - left))
    size = 7.5 if r.kind == "M06" else 8.5
    y = _page_top(canvas, r, width, height, first=True)
    y = _row(canvas, xs, r.headers, y, SERIF_BOLD, size)
    for n, row in enumerate(r.rows, start=1):
        cells = (str(n), *row)
        needed = _row_height(canvas, xs, cells, SERIF, size)
        if y - needed < 20 * mm:  # next page, header row again
            canvas.showPage()
            y = _page_top(canvas, r, width, height, first=False)
            y = _row(canvas, xs, r.headers, y, SERIF_BOLD, size)
        y = _row(canvas, xs, cells, y, SERIF, size)
    if y < 60 * mm:
        canvas.showPage()
        y = height - 20 * mm
    y -= 5 * mm
    for line in r.closing:
        canvas.setFont(SERIF_BOLD, 9.5)
        canvas.drawString(left, y, line)
        y -= 5 * mm
    y -= 4 * mm
    for n, who in enumerate(r.signers):
        x = right - 45 * mm if len(r.signers) == 1 else (left + 45 * mm, right - 60 * mm)[n]
        canvas.setFont(SERIF_BOLD, 9.5)
        canvas.drawCentredString(x, y, who)
        canvas.setFont(SERIF_ITALIC, 8.5)
        canvas.drawCentredString(x, y - 4 * mm, "(Ký, ghi rõ họ tên)")
        canvas.setFont(SERIF_BOLD, 9.5)
        canvas.drawCentredString(x, y - 22 * mm, r.names[n])
    draw_qr(canvas, r.seal, left, 8 * mm, 20 * mm)
    canvas.showPage()
    canvas.save()


def _page_top(canvas: Canvas, r: Register, width: float, height: float, first: bool) -> float:
    canvas.setFont(SERIF_BOLD, 8.5)
    canvas.drawString(MARGIN, height - 10 * mm, r.office_name.upper())
    canvas.setFont(SERIF_ITALIC, 8)
    canvas.drawRightString(width - MARGIN, height - 10 * mm,
                           "Mẫu số 06" if r.kind == "M06" else "Bàn giao ca")  # fmt: skip
    canvas.drawRightString(width - MARGIN, 8 * mm, f"Trang {canvas.getPageNumber()}")
    y = height - 18 * mm
    if first:
        canvas.setFont(SERIF_BOLD, 13)
        canvas.drawCentredString(width / 2, y, r.title)
        canvas.setFont(SERIF_ITALIC, 9.5)
        canvas.drawCentredString(width / 2, y - 5.5 * mm, r.subtitle)
        y -= 13 * mm
    return float(y)


def _row_height(canvas: Canvas, xs: list[float], cells: Sequence[str], font: str,
                size: float) -> float:  # fmt: skip
    lines = [wrap(canvas, c, font, size, xs[k + 1] - xs[k] - 1.6 * mm) or [""]
             for k, c in enumerate(cells)]  # fmt: skip
    return float(max(len(x) for x in lines) * size * 0.42 * mm + 1.6 * mm)


def _row(canvas: Canvas, xs: list[float], cells: Sequence[str], y: float, font: str,
         size: float) -> float:  # fmt: skip
    height = _row_height(canvas, xs, cells, font, size)
    canvas.setLineWidth(0.4)
    canvas.rect(xs[0], y - height, xs[-1] - xs[0], height)
    for k, cell in enumerate(cells):
        if k:
            canvas.line(xs[k], y, xs[k], y - height)
        canvas.setFont(font, size)
        for j, line in enumerate(wrap(canvas, cell, font, size, xs[k + 1] - xs[k] - 1.6 * mm)):
            canvas.drawString(xs[k] + 0.8 * mm, y - (j + 1) * size * 0.42 * mm, line)
    return float(y - height)
