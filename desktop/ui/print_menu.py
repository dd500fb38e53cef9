"""Menu In — the office's papers that belong to no single act: Sổ theo dõi hồ sơ for a span
of days, the officer's shift handover, and the day's Giấy tiếp nhận printed again in one
batch (the printer ran out of paper at noon). The forms only ask for the days; the papers
are drawn on a worker and offered like every other paper."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from desktop.core.lifecycle import Act, DomainError
from desktop.services import papers
from desktop.services.context import Actor, Desk
from desktop.store.models import ActRow, Dossier
from desktop.ui.forms import Fields, FormDialog
from desktop.ui.i18n import QT_TRANSLATE_NOOP

SHIFTS = (
    (QT_TRANSLATE_NOOP("PrintForms", "Buổi sáng"), "morning"),
    (QT_TRANSLATE_NOOP("PrintForms", "Buổi chiều"), "afternoon"),
    (QT_TRANSLATE_NOOP("PrintForms", "Cả ngày"), "day"),
)


def _today(desk: Desk) -> date:
    return desk.now().astimezone(desk.calendar.tz).date()


class PrintForms(QObject):
    """The forms of the menu In, over ``parent``."""

    def __init__(self, parent: QWidget, desk: Desk) -> None:
        super().__init__(parent)
        self.parent_widget, self.desk = parent, desk

    def register(self) -> FormDialog:
        """Sổ theo dõi hồ sơ: from which day to which; ``outcome`` is (first, last)."""

        def days(f: Fields) -> tuple[date, date]:
            first, last = f.day_of("first"), f.day_of("last")
            if last < first:
                raise DomainError(self.tr("Ngày cuối phải sau ngày đầu."))
            return first, last

        today = _today(self.desk)
        form = FormDialog(
            self.parent_widget, self.tr("Sổ theo dõi hồ sơ"), days,
            intro=self.tr("Các hồ sơ cơ quan nhận trong những ngày này, theo ngày nộp."),
            confirm_text=self.tr("Chuẩn bị sổ (Ctrl+Enter)"),
        )  # fmt: skip
        form.day("first", self.tr("Từ ngày"), today.replace(day=1))
        form.day("last", self.tr("Đến ngày"), today)
        return form

    def shift(self) -> FormDialog:
        """Bàn giao ca: the day and the session; ``outcome`` is (day, session name)."""
        form = FormDialog(
            self.parent_widget, self.tr("Bàn giao ca"),
            lambda f: (f.day_of("day"), f.string("session")),
            intro=self.tr("Các hồ sơ công chức đã xử lý và phí, lệ phí đã thu bằng tiền mặt "
                          "trong ca."),
            confirm_text=self.tr("Chuẩn bị phiếu (Ctrl+Enter)"),
        )  # fmt: skip
        form.day("day", self.tr("Ngày"), _today(self.desk))
        choices = [(self.tr(text), name) for text, name in SHIFTS]
        session = form.combo("session", self.tr("Ca"), choices)
        afternoon = self.desk.now().astimezone(self.desk.calendar.tz).hour >= 12
        session.setCurrentIndex(1 if afternoon else 0)
        return form

    def day(self) -> FormDialog:
        """The day whose Giấy tiếp nhận are printed again; ``outcome`` is the day."""
        form = FormDialog(
            self.parent_widget, self.tr("In lại giấy tiếp nhận trong ngày"),
            lambda f: f.day_of("day"),
            intro=self.tr("Giấy tiếp nhận của mọi hồ sơ cơ quan tiếp nhận trong ngày, in liền một "
                    "lượt trên máy in giấy tiếp nhận."),
            confirm_text=self.tr("In (Ctrl+Enter)"),
        )  # fmt: skip
        form.day("day", self.tr("Ngày tiếp nhận"), _today(self.desk))
        return form


def accepted_on(desk: Desk, actor: Actor, day: date) -> list[str]:
    """The codes of the office's dossiers accepted on ``day``, in the order accepted."""
    tz = desk.calendar.tz
    start = datetime.combine(day, time(0, 0), tz)
    with desk.store.read() as session:
        return list(session.scalars(
            select(Dossier.code).join(ActRow, ActRow.dossier_id == Dossier.id)
            .where(Dossier.office_code == actor.office_code, ActRow.act == Act.ACCEPT.value,
                   ActRow.at >= start, ActRow.at < start + timedelta(days=1))
            .order_by(ActRow.at)))  # fmt: skip


def day_slips(desk: Desk, actor: Actor, day: date) -> list[papers.Paper]:
    """Each Giấy tiếp nhận of ``day``, drawn (run on a worker); nothing is recorded yet."""
    return [papers.act_paper(desk, actor, code, papers.RECEIPT_SLIP)
            for code in accepted_on(desk, actor, day)]  # fmt: skip


def slip_pdfs(slips: list[papers.Paper]) -> list[bytes]:
    """The documents the batch prints: each slip as many times as it has copies."""
    return [slip.pdf for slip in slips for _ in range(slip.copies)]


def record_slips(desk: Desk, slips: list[papers.Paper], printed: int) -> None:
    """Once the batch is out: record the print of each slip of the first ``printed``
    documents (a batch cancelled half-way records the slips that went out)."""
    for slip in slips:
        if printed <= 0:
            return
        papers.record_print(desk, slip, min(slip.copies, printed))
        printed -= slip.copies
