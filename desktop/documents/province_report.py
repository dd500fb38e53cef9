"""Drawing of the province's report (Biểu số 06/VPCP/KSTT, Thông tư 01/2020/TT-VPCP): the
same head and columns (1)–(13) as an office's periodic report (``report``), one row per
office and the total row, then the acts counted beside them — as a PDF or a spreadsheet.

Only draws: the rows come in as ``Section`` s (one per office) and the total.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer, Table, TableStyle

from desktop.core.calendar import OFFICE_TZ
from desktop.core.report_periods import Period
from desktop.core.reports import LABELS_VI, PeriodicReport, Section
from desktop.documents.pdf import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts
from desktop.documents.report import (
    FORM_NAME,
    FORM_SOURCE,
    MARGIN,
    PAGE,
    TITLE,
    form_table,
    grouped_number,
    para,
    report_head,
)
from desktop.documents.report_xlsx import BOLD, form_rows
from desktop.files import write_atomically

REPORTING_UNIT = "Cổng dịch vụ công của tỉnh — tổng hợp các cơ quan, đơn vị"
ROWS_TITLE = "Cơ quan, đơn vị giải quyết"
# Counted besides the form's columns, when the portal can tell them from the acts.
MORE = ("withdrawn", "stopped", "refused", "supplement_requested", "reappointed")


def _as_report(period: Period, made_at: datetime, offices: Sequence[Section],
               total: Section) -> PeriodicReport:  # fmt: skip
    """The office report's head needs a ``PeriodicReport``: the province in its place."""
    return PeriodicReport("TINH", REPORTING_UNIT, period, made_at, "", total, tuple(offices),
                          (), ())  # fmt: skip


def _more_table(offices: Sequence[Section], total: Section, width: float) -> Table:
    head = [para("Cơ quan, đơn vị", 8.5, SERIF_BOLD)]
    head += [para(LABELS_VI[k], 8, SERIF_BOLD, TA_RIGHT) for k in MORE]
    rows: list[list[Any]] = [head]
    for s in (*offices, total):
        rows.append([para(s.label, 8.5), *[grouped_number(s.value(k)) for k in MORE]])
    other = (width - 72 * mm) / len(MORE)
    table = Table(rows, colWidths=[72 * mm] + [other] * len(MORE), repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SERIF, 8.5),
                               ("FONT", (0, -1), (-1, -1), SERIF_BOLD, 8.5),
                               ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                               ("ALIGN", (1, 1), (-1, -1), "RIGHT")]))  # fmt: skip
    return table


def render_province_report(period: Period, made_at: datetime, offices: Sequence[Section],
                           total: Section, target: Path) -> None:  # fmt: skip
    """The province's report as a PDF file, written whole."""
    register_fonts()
    report = _as_report(period, made_at, offices, total)
    buffer = io.BytesIO()
    width, height = PAGE
    inner = width - 2 * MARGIN
    frame = Frame(MARGIN, MARGIN, inner, height - 2 * MARGIN, id="body")

    def footer(canvas: Any, doc: Any) -> None:
        canvas.setFont(SERIF_ITALIC, 8)
        canvas.drawRightString(width - MARGIN, MARGIN / 2,
                               f"Tỉnh — {period.text} — trang {doc.page}")  # fmt: skip

    made = made_at.astimezone(OFFICE_TZ)
    story: list[Any] = [
        report_head(report, inner), Spacer(1, 3 * mm),
        para("Đơn vị tính: Số hồ sơ TTHC", 9, SERIF_ITALIC, TA_RIGHT),
        form_table(ROWS_TITLE, offices, total, inner), Spacer(1, 4 * mm),
        para("Các chỉ tiêu khác theo cơ quan", 10, SERIF_BOLD), _more_table(offices, total, inner),
        Spacer(1, 3 * mm),
        para(f"Số liệu tổng hợp từ hồ sơ các bàn một cửa đã đồng bộ lên cổng, lập lúc "
           f"{made:%H:%M ngày %d/%m/%Y}.", 9, SERIF_ITALIC),
    ]  # fmt: skip
    doc = BaseDocTemplate(buffer, pagesize=PAGE, title=f"Báo cáo tỉnh {period.name_vi}",
                          author="MotCua Desk", creator="MotCua Desk",
                          initialFontName=SERIF)  # fmt: skip
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=footer)])
    doc.build(story)
    write_atomically(target, buffer.getvalue())


def write_province_workbook(period: Period, made_at: datetime, offices: Sequence[Section],
                            total: Section, target: Path) -> None:  # fmt: skip
    """The province's report as an .xlsx file (numbers as numbers), written whole."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Biểu 06"
    for line in (f"{FORM_NAME} {FORM_SOURCE}", TITLE,
                 f"Kỳ báo cáo: {period.name_vi} ({period.span_vi})",
                 f"Đơn vị báo cáo: {REPORTING_UNIT}", "Đơn vị tính: Số hồ sơ TTHC"):  # fmt: skip
        sheet.append([line])
    sheet["A2"].font = BOLD
    form_rows(sheet, ROWS_TITLE, offices, total)
    sheet.append([])
    sheet.append(["Mã cơ quan", "Cơ quan, đơn vị", *[LABELS_VI[k] for k in MORE]])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for s in (*offices, total):
        sheet.append([s.key, s.label, *[s.value(k) for k in MORE]])
    sheet.column_dimensions["B"].width = 48
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomically(target, buffer.getvalue())
