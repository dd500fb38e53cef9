"""Xuất ra Excel — the queue and the deadline view as .xlsx, exactly the rows the officer
sees (the queue's filters or search, in its order; the deadline view's department and
bucket), of the officer's own office only.

Dates are written as dates and numbers as numbers (so the sheet sorts and sums them);
the file is written whole or not at all. An export carries citizens' names out of the
desk: every one is audited ("export", with what and how many rows).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

from desktop.core.calendar import Due
from desktop.files import write_atomically
from desktop.services.audit import record_audit
from desktop.services.context import Actor, Desk
from desktop.services.deadlines import Bucket, DeadlineRow, deadline_rows
from desktop.services.queue import (
    QueueFilter,
    QueueRow,
    QueueSort,
    find_dossiers,
    queue_ids,
    rows_for,
    sorted_ids,
)

KINDS = ("queue", "deadlines")
EVERY_OPEN = QueueFilter()  # the queue's own default: every dossier that still needs work
CHANNELS_VI = {1: "Trực tiếp", 2: "Trực tuyến", 3: "Bưu chính"}
DATE_FORMAT, MOMENT_FORMAT = "DD/MM/YYYY", "DD/MM/YYYY HH:MM"
QUEUE_HEADINGS = ("Mã hồ sơ", "Người nộp", "Thủ tục", "Mức độ", "Kênh", "Ngày nộp",
                  "Hạn trả", "Buổi", "Trạng thái", "Tình trạng hạn", "Số ngày làm việc",
                  "Hẹn lại ngày")  # fmt: skip
DEADLINE_HEADINGS = ("Mã hồ sơ", "Người nộp", "Thủ tục", "Nơi đang giữ", "Trạng thái",
                     "Hạn trả", "Hạn bước hiện tại", "Số ngày làm việc còn lại", "Nhóm",
                     "Hẹn lại ngày")  # fmt: skip


class ExportError(ValueError):
    """A target the export cannot be written to."""


def _local(desk: Desk, moment: datetime) -> datetime:
    # Excel has no time zones: the office's wall clock, as the officer reads it.
    return moment.astimezone(desk.calendar.tz).replace(tzinfo=None)


def _day(due: Due | None) -> date | None:
    return due.date if due else None


def _check(out: Path) -> Path:
    out = Path(out)
    if out.is_dir():
        raise ExportError(f"{out} là một thư mục, không phải tệp.")
    if out.suffix.lower() != ".xlsx":
        raise ExportError(f"Tệp xuất phải có đuôi .xlsx: {out.name}")
    if not out.parent.is_dir():
        raise ExportError(f"Không có thư mục {out.parent} để ghi tệp.")
    return out


def _sheet(title: str, headings: Sequence[str], rows: list[list[object]],
           formats: dict[int, str]) -> bytes:  # fmt: skip
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title
    sheet.append(list(headings))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for column, shape in formats.items():  # 1-based column → number format
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = shape
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def queue_rows(desk: Desk, actor: Actor, f: QueueFilter = EVERY_OPEN, search: str | None = None,
               sort: QueueSort | None = None) -> list[QueueRow]:  # fmt: skip
    """The queue as the officer sees it: the search's results if a search is shown (every
    state, as the window does), else the filtered queue; in the order shown."""
    if search and search.strip():
        ids = find_dossiers(desk, actor, search.strip())
        if sort is not None:
            ids = sorted_ids(desk, actor, ids, sort)
    else:
        ids = queue_ids(desk, actor, f, sort=sort)
    found: dict[str, QueueRow] = {}
    for chunk in range(0, len(ids), 500):
        found.update(rows_for(desk, actor, ids[chunk : chunk + 500]))
    return [found[i] for i in ids if i in found]


def _queue_line(desk: Desk, r: QueueRow) -> list[object]:
    return [r.code, r.applicant_name, r.procedure_name, r.level,
            CHANNELS_VI.get(r.channel, str(r.channel)), _local(desk, r.submitted_at),
            _day(r.due), r.due.session.label_vi if r.due else None, r.state.label_vi,
            r.standing.timeliness.label_vi if r.standing else None,
            r.standing.working_days if r.standing else None, _day(r.reappointed)]  # fmt: skip


def _deadline_line(r: DeadlineRow) -> list[object]:
    return [r.code, r.applicant, r.procedure, r.department, r.state.label_vi, _day(r.due),
            _day(r.step_due), r.working_days_left, r.bucket.label_vi,
            _day(r.reappointed)]  # fmt: skip


def _audited(desk: Desk, actor: Actor, kind: str, out: Path, count: int,
             what: dict[str, object]) -> None:  # fmt: skip
    with desk.store.write() as session:
        record_audit(session, desk, actor, "export", f"{actor.office_code} {kind}", None,
                     {"kind": kind, "count": count, "file": out.name, **what})  # fmt: skip


def export_queue(desk: Desk, actor: Actor, out: Path, f: QueueFilter = EVERY_OPEN,
                 search: str | None = None, sort: QueueSort | None = None) -> int:  # fmt: skip
    """Write the queue as shown to ``out`` (.xlsx); the number of dossiers written."""
    out = _check(out)
    rows = queue_rows(desk, actor, f, search, sort)
    data = _sheet("Hàng đợi", QUEUE_HEADINGS, [_queue_line(desk, r) for r in rows],
                  {6: MOMENT_FORMAT, 7: DATE_FORMAT, 12: DATE_FORMAT})  # fmt: skip
    write_atomically(out, data)
    what: dict[str, object] = {"search": search.strip()} if search and search.strip() else {
        "states": [s.value for s in f.states], "procedure": f.procedure_code,
        "sector": f.sector, "level": f.level, "channel": f.channel, "due": f.due}  # fmt: skip
    _audited(desk, actor, "queue", out, len(rows), what)
    return len(rows)


def export_deadlines(desk: Desk, actor: Actor, out: Path, department: str | None = None,
                     bucket: Bucket | None = None) -> int:  # fmt: skip
    """Write the deadline view (of ``department`` / ``bucket`` if chosen) to ``out``."""
    out = _check(out)
    rows = deadline_rows(desk, actor, department, bucket)
    data = _sheet("Theo dõi hạn", DEADLINE_HEADINGS, [_deadline_line(r) for r in rows],
                  {6: DATE_FORMAT, 7: DATE_FORMAT, 10: DATE_FORMAT})  # fmt: skip
    write_atomically(out, data)
    _audited(desk, actor, "deadlines", out, len(rows),
             {"department": department, "bucket": bucket.value if bucket else None})  # fmt: skip
    return len(rows)
