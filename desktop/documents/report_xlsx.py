"""The periodic report as a spreadsheet a supervisor can edit (Đ15): the same figures as the
PDF, written as numbers (never text, so a sum in the sheet works), and a sheet listing the
dossiers behind every figure.

Only writes: the figures come in a ``PeriodicReport``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from desktop.core.reports import (
    LABELS_VI,
    MONEY,
    MORE_FIGURES,
    RECEIPT_FIGURES,
    TABLE_COLUMNS,
    PeriodicReport,
    Section,
)
from desktop.documents.report import FORM_NAME, FORM_SOURCE, FREE_TEXT, TITLE
from desktop.files import write_atomically

BOLD = Font(bold=True)
# Sheet names (Excel allows 31 characters, no / \ ? * [ ]).
FORM_SHEET, MORE_SHEET, DOSSIER_SHEET = "Biểu 06", "Chỉ tiêu khác", "Hồ sơ theo chỉ tiêu"
HEADINGS = ["STT", "Mục", *[label for _, label in TABLE_COLUMNS]]


def form_rows(sheet: Worksheet, title: str, sections: Sequence[Section],
               total: Section | None) -> None:  # fmt: skip
    sheet.append([])
    sheet.append([title])
    sheet.cell(sheet.max_row, 1).font = BOLD
    sheet.append(HEADINGS)
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for number, s in enumerate(sections, start=1):
        sheet.append([number, s.label, *[s.value(k) for k, _ in TABLE_COLUMNS]])
    if total is not None:
        sheet.append([None, "Tổng cộng", *[total.value(k) for k, _ in TABLE_COLUMNS]])
        for cell in sheet[sheet.max_row]:
            cell.font = BOLD


def _form_sheet(book: Workbook, report: PeriodicReport) -> None:
    sheet = book.active
    sheet.title = FORM_SHEET
    for line in (f"{FORM_NAME} {FORM_SOURCE}", TITLE,
                 f"Kỳ báo cáo: {report.period.name_vi} ({report.period.span_vi})",
                 f"Đơn vị báo cáo: {report.office_name} ({report.office_code})",
                 "Đơn vị tính: Số hồ sơ TTHC"):  # fmt: skip
        sheet.append([line])
    sheet["A2"].font = BOLD
    form_rows(sheet, "Theo thủ tục (lĩnh vực, công việc giải quyết)", report.procedures,
               report.office)  # fmt: skip
    form_rows(sheet, "Theo phòng chuyên môn", report.departments, None)
    sheet.append([])
    for number, title in enumerate(FREE_TEXT, start=1):
        sheet.append([f"{number}. {title}:"])
        sheet.append([""])  # the supervisor writes here
    sheet.column_dimensions["B"].width = 48
    for column in "CDEFGHIJKLM":
        sheet.column_dimensions[column].width = 12


def _more_sheet(book: Workbook, report: PeriodicReport) -> None:
    sheet = book.create_sheet(MORE_SHEET)
    sheet.append(["Chỉ tiêu", "Mã chỉ tiêu", "Toàn cơ quan"])
    for key, label in MORE_FIGURES:
        sheet.append([label, key, report.office.value(key)])
    sheet.append([])
    sheet.append(["Phí, lệ phí theo thủ tục", "Mã thủ tục", LABELS_VI["fees.collected"],
                  LABELS_VI["fees.refunded"]])  # fmt: skip
    for s in report.procedures:
        if s.value("fees.collected") or s.value("fees.refunded"):
            sheet.append([s.label, s.key, s.value("fees.collected"), s.value("fees.refunded")])
    sheet.append([])
    sheet.append(["Biên lai theo ký hiệu", *[label for _, label in RECEIPT_FIGURES]])
    for s in report.series:
        sheet.append([s.key, *[s.value(k) for k, _ in RECEIPT_FIGURES]])
    if report.refusals:
        sheet.append([])
        sheet.append(["Hồ sơ không đủ điều kiện", "Mã thủ tục", "Lý do"])
        for r in report.refusals:
            sheet.append([r.code, r.procedure, r.reason])
    if report.changes:
        sheet.append([])
        sheet.append(["Số liệu khác với khi đã ký chốt"])
        for c in report.changes:
            sheet.append([c.label_vi()])
    for row in sheet.iter_rows():
        if row and isinstance(row[0].value, str) and row[0].value in (
                "Chỉ tiêu", "Phí, lệ phí theo thủ tục", "Biên lai theo ký hiệu",
                "Hồ sơ không đủ điều kiện", "Số liệu khác với khi đã ký chốt"):  # fmt: skip
            for cell in row:
                cell.font = BOLD
    sheet.column_dimensions["A"].width = 50


def _dossier_sheet(book: Workbook, report: PeriodicReport) -> None:
    """One row per (section, figure, dossier): a filter on the first columns gives the
    dossiers behind any number of the other sheets."""
    sheet = book.create_sheet(DOSSIER_SHEET)
    sheet.append(["Phạm vi", "Mã phạm vi", "Mã chỉ tiêu", "Chỉ tiêu", "Số liệu", "Mã hồ sơ"])
    for cell in sheet[1]:
        cell.font = BOLD
    scope = {"office": "Toàn cơ quan", "procedure": "Thủ tục", "department": "Phòng chuyên môn",
             "series": "Ký hiệu biên lai"}  # fmt: skip
    for s in report.sections():
        for key in sorted(s.figures):
            figure = s.figures[key]
            unit = " (đồng)" if key in MONEY else ""
            for code in figure.codes:
                sheet.append([scope[s.kind], s.key, key, LABELS_VI.get(key, key) + unit,
                              figure.value, code])  # fmt: skip
    sheet.auto_filter.ref = sheet.dimensions
    sheet.freeze_panes = "A2"


def write_workbook(report: PeriodicReport, target: Path) -> None:
    """The report as an .xlsx file, written whole."""
    book = Workbook()
    _form_sheet(book, report)
    _more_sheet(book, report)
    _dossier_sheet(book, report)
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomically(target, buffer.getvalue())
