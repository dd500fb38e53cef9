"""Drawing of the periodic report (Đ15) — laid out like the national form for the results
of handling administrative procedures (Biểu số 06/VPCP/KSTT, Thông tư 01/2020/TT-VPCP):
the reporting and receiving units, the period and its dates, the unit of count, then the
table with columns (1)–(13) — one row per procedure, a total row, and the same columns
per department — then the desk's further figures (Đ6, Đ11.5, Đ16), the free-text
sections Lai Châu Đ15 asks for, and the signature block. Landscape A4; the text flows
onto further pages with the table's head repeated.

Only draws: the figures come in a ``PeriodicReport``.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from desktop.core.calendar import OFFICE_TZ
from desktop.core.reports import (
    LABELS_VI,
    MORE_FIGURES,
    RECEIPT_FIGURES,
    TABLE_COLUMNS,
    PeriodicReport,
    Section,
)
from desktop.documents.pdf import SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts, vn_number
from desktop.files import write_atomically

PAGE = landscape(A4)
MARGIN = 12 * mm
FORM_NAME = "Biểu số 06/VPCP/KSTT"
FORM_SOURCE = "(theo mẫu ban hành kèm Thông tư số 01/2020/TT-VPCP)"
TITLE = ("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ "
         "TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH")  # fmt: skip
FREE_TEXT = (
    "Tình hình hoạt động của hệ thống dịch vụ công trực tuyến tại đơn vị",
    "Những khó khăn, vướng mắc khi triển khai hệ thống dịch vụ công trực tuyến",
    "Nguyên nhân của những khó khăn, vướng mắc",
    "Kiến nghị, đề xuất (nếu có)",
)


def _style(size: float = 9, font: str = SERIF, align: int = TA_LEFT) -> ParagraphStyle:
    return ParagraphStyle("r", fontName=font, fontSize=size, leading=size * 1.22,
                          alignment=align)  # fmt: skip


def para(text: str, size: float = 9, font: str = SERIF, align: int = TA_LEFT) -> Paragraph:
    return Paragraph(escape(text), _style(size, font, align))


def grouped_number(value: int) -> str:
    return vn_number(value)


def report_head(report: PeriodicReport, width: float) -> Table:
    left = [para(FORM_NAME, 9, SERIF_BOLD), para(FORM_SOURCE, 8, SERIF_ITALIC)]
    middle = [para(TITLE, 11, SERIF_BOLD, TA_CENTER),
              para(f"Kỳ báo cáo: {report.period.name_vi}", 10, SERIF_BOLD, TA_CENTER),
              para(f"({report.period.span_vi})", 10, SERIF_ITALIC, TA_CENTER)]  # fmt: skip
    right = [para("- Đơn vị báo cáo:", 9, SERIF_BOLD), para(report.office_name, 9),
             para("- Đơn vị nhận báo cáo:", 9, SERIF_BOLD),
             para("Sở Thông tin và Truyền thông (Đ15)", 9)]  # fmt: skip
    table = Table([[left, middle, right]], colWidths=[width * 0.2, width * 0.55, width * 0.25])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def form_table(title: str, sections: Sequence[Section], total: Section | None,
               width: float) -> Table:  # fmt: skip
    """Columns (1)–(13) of the form; a row per section and the total row."""

    def h(text: str) -> Paragraph:
        return para(text, 8, SERIF_BOLD, TA_CENTER)

    rows: list[list[Any]] = [
        [h("STT"), h(title), h("Số hồ sơ nhận giải quyết"), "", "", "",
         h("Số hồ sơ đã giải quyết"), "", "", "", h("Số hồ sơ đang giải quyết"), "", ""],
        ["", "", h("Tổng số"), h("Trong đó"), "", h("Từ kỳ trước"), h("Tổng số"),
         h("Trước hạn"), h("Đúng hạn"), h("Quá hạn"), h("Tổng số"), h("Trong hạn"),
         h("Quá hạn")],
        ["", "", "", h("Trực tuyến"), h("Trực tiếp, dịch vụ bưu chính"), "", "", "", "", "",
         "", "", ""],
        [h(f"({n})") for n in range(1, 14)],
    ]  # fmt: skip
    for number, section in enumerate(sections, start=1):
        rows.append([str(number), para(section.label, 8.5),
                     *[grouped_number(section.value(k)) for k, _ in TABLE_COLUMNS]])  # fmt: skip
    if total is not None:
        rows.append(["", para("Tổng cộng", 8.5, SERIF_BOLD),
                     *[grouped_number(total.value(k)) for k, _ in TABLE_COLUMNS]])  # fmt: skip
    number_w = (width - 10 * mm - 62 * mm) / 11
    table = Table(rows, colWidths=[10 * mm, 62 * mm] + [number_w] * 11, repeatRows=4)
    style = [
        ("FONT", (0, 0), (-1, -1), SERIF, 8.5),
        ("GRID", (0, 0), (-1, -1), 0.5, "black"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (2, 4), (-1, -1), "RIGHT"),
        ("ALIGN", (0, 0), (0, -1), "CENTER"),
        ("SPAN", (0, 0), (0, 2)), ("SPAN", (1, 0), (1, 2)),
        ("SPAN", (2, 0), (5, 0)), ("SPAN", (6, 0), (9, 0)), ("SPAN", (10, 0), (12, 0)),
        ("SPAN", (2, 1), (2, 2)), ("SPAN", (3, 1), (4, 1)), ("SPAN", (5, 1), (5, 2)),
        *[("SPAN", (c, 1), (c, 2)) for c in range(6, 13)],
    ]  # fmt: skip
    if total is not None:
        style.append(("FONT", (0, -1), (-1, -1), SERIF_BOLD, 8.5))
    table.setStyle(TableStyle(style))
    return table


def _more_table(report: PeriodicReport, width: float) -> Table:
    """The desk's further figures: the whole office, then per procedure for money."""
    rows: list[list[Any]] = [[para("Chỉ tiêu", 9, SERIF_BOLD), para("Số liệu", 9, SERIF_BOLD,
                                                                    TA_RIGHT)]]  # fmt: skip
    for key, label in MORE_FIGURES:
        rows.append([para(label, 9), grouped_number(report.office.value(key))])
    table = Table(rows, colWidths=[width * 0.45, width * 0.15], hAlign="LEFT", repeatRows=1)
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SERIF, 9),
                               ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                               ("ALIGN", (1, 1), (1, -1), "RIGHT")]))  # fmt: skip
    return table


def _money_table(report: PeriodicReport, width: float) -> Table | None:
    sections = [s for s in report.procedures
                if s.value("fees.collected") or s.value("fees.refunded")]  # fmt: skip
    if not sections:
        return None
    rows: list[list[Any]] = [[para(t, 9, SERIF_BOLD) for t in (
        "Thủ tục", LABELS_VI["fees.collected"], LABELS_VI["fees.refunded"])]]  # fmt: skip
    for s in sections:
        rows.append([para(s.label, 9), grouped_number(s.value("fees.collected")),
                     grouped_number(s.value("fees.refunded"))])  # fmt: skip
    table = Table(rows, colWidths=[width * 0.45, width * 0.15, width * 0.15], hAlign="LEFT",
                  repeatRows=1)  # fmt: skip
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SERIF, 9),
                               ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                               ("ALIGN", (1, 1), (-1, -1), "RIGHT")]))  # fmt: skip
    return table


def _receipt_table(report: PeriodicReport, width: float) -> Table | None:
    if not report.series:
        return None
    rows: list[list[Any]] = [
        [
            para("Ký hiệu", 9, SERIF_BOLD),
            *[para(label, 9, SERIF_BOLD) for _, label in RECEIPT_FIGURES],
        ]
    ]
    for s in report.series:
        rows.append([s.key, *[grouped_number(s.value(k)) for k, _ in RECEIPT_FIGURES]])
    table = Table(rows, colWidths=[width * 0.12] + [width * 0.15] * 4, hAlign="LEFT")
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), SERIF, 9),
                               ("GRID", (0, 0), (-1, -1), 0.5, "black"),
                               ("ALIGN", (1, 1), (-1, -1), "RIGHT")]))  # fmt: skip
    return table


def _signature(report: PeriodicReport, width: float) -> Table:
    made = report.made_at.astimezone(OFFICE_TZ)
    left = [para("NGƯỜI LẬP BIỂU", 10, SERIF_BOLD, TA_CENTER), Spacer(1, 16 * mm),
            para(report.made_by, 10, SERIF_BOLD, TA_CENTER)]  # fmt: skip
    right: list[Any] = [para(f"ngày {made:%d} tháng {made:%m} năm {made:%Y}", 10, SERIF_ITALIC,
                           TA_CENTER),
                        para("LÃNH ĐẠO BỘ PHẬN MỘT CỬA", 10, SERIF_BOLD, TA_CENTER)]  # fmt: skip
    if report.signed is not None:
        at = report.signed.signed_at.astimezone(OFFICE_TZ)
        right += [para(f"Đã ký chốt số liệu lúc {at:%H:%M} ngày {at:%d/%m/%Y}", 9, SERIF_ITALIC,
                     TA_CENTER), Spacer(1, 8 * mm),
                  para(report.signed.signed_by, 10, SERIF_BOLD, TA_CENTER)]  # fmt: skip
    else:
        right += [para("(chưa ký chốt số liệu)", 9, SERIF_ITALIC, TA_CENTER), Spacer(1, 16 * mm)]
    table = Table([[left, right]], colWidths=[width / 2, width / 2])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return table


def report_story(report: PeriodicReport, width: float) -> list[Any]:
    story: list[Any] = [report_head(report, width), Spacer(1, 3 * mm),
                        para("Đơn vị tính: Số hồ sơ TTHC", 9, SERIF_ITALIC, TA_RIGHT)]  # fmt: skip
    story.append(form_table("Lĩnh vực, công việc giải quyết (thủ tục)", report.procedures,
                             report.office, width))  # fmt: skip
    story += [Spacer(1, 4 * mm), para("Theo phòng chuyên môn giải quyết", 10, SERIF_BOLD)]
    story.append(form_table("Phòng chuyên môn", report.departments, None, width))
    if report.changes:
        story += [Spacer(1, 3 * mm), para("Số liệu khác với khi đã ký chốt:", 10, SERIF_BOLD)]
        story += [para(f"- {c.label_vi()}", 9) for c in report.changes]
    story += [Spacer(1, 4 * mm), para("Các chỉ tiêu khác (Đ6, Đ11.5, Đ16)", 10, SERIF_BOLD),
              _more_table(report, width)]  # fmt: skip
    for title, table in (
        ("Phí, lệ phí theo thủ tục", _money_table(report, width)),
        ("Biên lai thu phí, lệ phí theo ký hiệu", _receipt_table(report, width)),
    ):
        if table is not None:
            story += [Spacer(1, 3 * mm), para(title, 10, SERIF_BOLD), table]
    if report.refusals:
        story += [Spacer(1, 3 * mm), para("Hồ sơ không đủ điều kiện — lý do (Đ15)", 10,
                                        SERIF_BOLD)]  # fmt: skip
        story += [para(f"- {r.code}: {r.reason or '(không ghi lý do)'}", 9)
                  for r in report.refusals]  # fmt: skip
    for number, title in enumerate(FREE_TEXT, start=1):
        story += [Spacer(1, 2 * mm), para(f"{number}. {title}:", 10, SERIF_BOLD),
                  para("." * 190, 9)]  # fmt: skip
    story += [Spacer(1, 5 * mm), _signature(report, width)]
    return story


def render_report(report: PeriodicReport, target: Path) -> None:
    """The report as a PDF file, written whole (a full disk leaves no half a PDF)."""
    register_fonts()
    buffer = io.BytesIO()
    width, height = PAGE
    frame = Frame(MARGIN, MARGIN, width - 2 * MARGIN, height - 2 * MARGIN, id="body")

    def footer(canvas: Any, doc: Any) -> None:
        canvas.setFont(SERIF_ITALIC, 8)
        canvas.drawRightString(width - MARGIN, MARGIN / 2,
                               f"{report.office_code} — {report.period.text} — trang "
                               f"{doc.page}")  # fmt: skip

    doc = BaseDocTemplate(buffer, pagesize=PAGE, title=f"Báo cáo {report.period.name_vi}",
                          author="MotCua Desk", creator="MotCua Desk",
                          initialFontName=SERIF)  # fmt: skip
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=footer)])
    doc.build(report_story(report, width - 2 * MARGIN))
    write_atomically(target, buffer.getvalue())
