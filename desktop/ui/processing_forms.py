"""Giải quyết hồ sơ tại bàn — the forms of the acts after acceptance (Đ8, Đ9.2, Đ10.3, Đ16):
hand on, consultation, financial obligation, result with its document, reasoned refusal,
apology and re-appointment, result by post, withdrawal, stop, refund, complaint
and feedback. Each form calls one service of ``desktop.services.processing`` (or
``dossiers`` / ``fees``); what the citizen is told is shown before confirming.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLineEdit, QWidget

from desktop.core.calendar import Due
from desktop.core.calendar import Session as DaySession
from desktop.core.checks import OriginalCheck, OriginalVerdict, notice_denied, notice_late
from desktop.core.lifecycle import DomainError, DossierState
from desktop.core.money import format_dong
from desktop.services import dossiers as acts
from desktop.services import fees, processing, reception
from desktop.services.context import Actor, Desk
from desktop.services.dossier_view import DossierDetail
from desktop.services.processing import Complaint
from desktop.ui.forms import Fields, FormDialog
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.safe_text import display

if TYPE_CHECKING:  # the rows refundable_payments gives; no database work here
    from desktop.store.models import Payment
    from desktop.ui.operations import Operations

REFUND_REASONS = {
    DossierState.WITHDRAWN: QT_TRANSLATE_NOOP(
        "Forms", "Công dân rút hồ sơ: cơ quan không thực hiện dịch vụ (Đ10.3)."),
    DossierState.STOPPED: QT_TRANSLATE_NOOP(
        "Forms", "Hồ sơ dừng xử lý: cơ quan không thực hiện dịch vụ (Đ10.3)."),
    DossierState.DENIED: QT_TRANSLATE_NOOP(
        "Forms", "Hồ sơ không được giải quyết: cơ quan không thực hiện dịch vụ (Đ10.3)."),
}  # fmt: skip


def _day(desk: Desk, moment: datetime) -> str:
    return f"{moment.astimezone(desk.calendar.tz):%d/%m/%Y}"


class Forms(QObject):
    """The forms for the dossier of a view (``parent``), as the view last loaded it."""

    def __init__(self, parent: QWidget, desk: Desk, actor: Actor,
                 operations: Operations | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.view, self.desk, self.actor, self.operations = parent, desk, actor, operations
        self.detail: DossierDetail | None = None

    def _ctx(self) -> tuple[Desk, Actor, DossierDetail]:
        assert self.detail is not None, "the dossier is not loaded yet"
        return self.desk, self.actor, self.detail

    def _form(self, title: str, perform: Callable[[Fields], object], intro: str = "",
              **options: Any) -> FormDialog:  # fmt: skip
        """A form titled ``title — code``, over the dossier's view; its act runs through
        the view's operations (on a worker), reading a copy of the fields."""
        code, dossier_id = (self.detail.code, self.detail.id) if self.detail else ("", "")
        return FormDialog(self.view, f"{title} — {code}", perform, intro=intro,
                          operations=self.operations, dossier_id=dossier_id, **options)  # fmt: skip

    # --- handing on and consulting -------------------------------------------------------------
    def hand_on(self) -> FormDialog:
        desk, actor, d = self._ctx()
        form = self._form(
            self.tr("Chuyển tiếp phòng chuyên môn"),
            lambda f: processing.hand_on(
                desk, actor, d.id, f.string("department"), f.string("receiver"),
                f.number("days"), f.string("note"),
            ),
            self.tr("Phòng đang giữ hồ sơ chuyển tiếp cho phòng khác: bước của phòng này kết "
                    "thúc và được ghi trước hạn, đúng hạn hoặc trễ hạn."),
        )  # fmt: skip
        department = [(name, None) for name in processing.known_departments(desk, actor)]
        form.combo("department", self.tr("Phòng nhận tiếp"), department, editable=True)
        form.line("receiver", self.tr("Người nhận"))
        form.days("days", self.tr("Thời gian giao (ngày làm việc)"), self.tr("Theo hạn của hồ sơ"))
        form.text("note", self.tr("Ghi chú"))
        return form

    def consult(self) -> FormDialog:
        desk, actor, d = self._ctx()
        form = self._form(
            self.tr("Xin ý kiến phối hợp"),
            lambda f: processing.consult(
                desk, actor, d.id, f.string("departments").split(","), f.string("question")
            ),
            self.tr("Ghi vào lịch sử hồ sơ; thời hạn của bước vẫn tiếp tục."),
        )
        form.line("departments", self.tr("Cơ quan, phòng được hỏi (cách nhau bởi dấu phẩy)"))
        form.text("question", self.tr("Nội dung xin ý kiến"))
        return form

    # --- waiting on the citizen ---------------------------------------------------------------
    def request_payment(self) -> FormDialog:
        desk, actor, d = self._ctx()
        form = self._form(
            self.tr("Yêu cầu thực hiện nghĩa vụ tài chính"),
            lambda f: acts.request_payment(
                desk, actor, d.id, f.string("reason"), f.integer("amount")
            ),
            self.tr("Thời hạn giải quyết tạm dừng đến khi công dân nộp xong; ngày hẹn trả "
                    "lùi tương ứng."),
        )  # fmt: skip
        form.line("reason", self.tr("Nội dung nghĩa vụ tài chính"))
        form.amount("amount", self.tr("Số tiền"))
        return form

    def confirm_payment(self) -> FormDialog:
        desk, actor, d = self._ctx()
        form = self._form(
            self.tr("Xác nhận đã nộp nghĩa vụ tài chính"),
            lambda f: processing.confirm_payment(desk, actor, d.id, f.string("reference")),
            self.tr("Thời hạn giải quyết tiếp tục; ngày hẹn trả lùi thêm thời gian đã chờ."),
        )
        form.line("reference", self.tr("Số chứng từ nộp tiền"))
        return form

    # --- outcomes -------------------------------------------------------------------------------
    def result(self) -> FormDialog:
        desk, actor, d = self._ctx()

        def perform(f: Fields) -> acts.ActOutcome:
            path = f.string("scan_file").strip()
            scan = None
            if path:
                try:
                    scan = Path(path).read_bytes()
                except OSError as exc:
                    message = self.tr("Không đọc được tệp {path}: {error}")
                    raise DomainError(message.format(path=path, error=exc.strerror)) from None
            return processing.record_result_document(
                desk, actor, d.id, f.string("document_number"), f.string("note"), scan,
                Path(path).name if path else "",
            )  # fmt: skip

        form = self._form(
            self.tr("Ghi nhận có kết quả"), perform,
            self.tr("Hồ sơ chuyển sang chờ trả kết quả cho công dân."),
        )  # fmt: skip
        form.line("document_number", self.tr("Số văn bản kết quả"))
        form.file(
            "scan_file", self.tr("Bản quét kết quả (không bắt buộc)"),
            self.tr("Chọn bản quét văn bản kết quả"),
            self.tr("PDF hoặc ảnh (*.pdf *.png *.jpg *.jpeg)"),
        )  # fmt: skip
        form.text("note", self.tr("Ghi chú"))
        return form

    def deny(self) -> FormDialog:
        desk, actor, d = self._ctx()

        def notice(f: Fields) -> str:  # the words deny_with_document records
            return notice_denied(d.code, d.applicant_name, f.string("reason"),
                                 f.string("document_number"), f.string("signer"))  # fmt: skip

        form = self._form(
            self.tr("Không giải quyết, nêu lý do"),
            lambda f: processing.deny_with_document(
                desk, actor, d.id, f.string("reason"), f.string("document_number"),
                f.string("signer"),
            ),
            preview=notice, needs=("reason", "document_number", "signer"),
        )  # fmt: skip
        form.text("reason", self.tr("Lý do không giải quyết"))
        form.line("document_number", self.tr("Số văn bản trả lời"))
        form.line("signer", self.tr("Lãnh đạo ký văn bản"))
        return form

    def reappoint(self) -> FormDialog:
        desk, actor, d = self._ctx()
        cal = desk.calendar
        today = desk.now().astimezone(cal.tz).date()
        after = max(today, d.due.date) if d.due is not None else today

        def new_due(f: Fields) -> Due:
            day = f.day_of("new_date")
            if not cal.is_working_day(day):
                message = self.tr("Ngày hẹn mới {day} không phải ngày làm việc.")
                raise DomainError(message.format(day=f"{day:%d/%m/%Y}"))
            close = cal.hours.afternoon[1]
            return Due(day, DaySession.AFTERNOON, datetime.combine(day, close, cal.tz))

        form = self._form(
            self.tr("Xin lỗi và hẹn lại ngày trả kết quả"),
            lambda f: acts.reappoint(desk, actor, d.id, f.string("reason"), new_due(f).date),
            self.tr("Hẹn trả hiện tại: {due}").format(due=d.due.label_vi() if d.due else "—"),
            preview=lambda f: notice_late(d.code, d.applicant_name, f.string("reason"),
                                          new_due(f)),
            needs=("reason",),
        )  # fmt: skip
        form.day("new_date", self.tr("Ngày hẹn mới"), cal.nth_working_day_after(after, 3))
        form.text("reason", self.tr("Lý do trễ hạn"))
        return form

    # --- by post --------------------------------------------------------------------------------
    def receive_by_post(self) -> FormDialog:
        desk, actor, d = self._ctx()

        def originals(f: Fields) -> list[OriginalCheck]:
            # Each paper as at the counter: its original matches its scan, differs (saying
            # how), or was not in the envelope.
            return [OriginalCheck(p.position, p.name,
                                  OriginalVerdict(f.string(f"paper_{p.position}")),
                                  f.string(f"paper_{p.position}_note"))
                    for p in d.checklist]  # fmt: skip

        form = self._form(
            self.tr("Nhận bản chính, phí qua bưu chính"),
            lambda f: processing.receive_by_post(
                desk, actor, d.id, f.string("postal_reference"), originals(f),
                f.string("note"), f.integer("postage"),
            ),
        )  # fmt: skip
        form.line("postal_reference", self.tr("Số hiệu bưu gửi nhận được"))
        verdicts = [
            (self.tr("Khớp bản điện tử"), OriginalVerdict.MATCHES.value),
            (self.tr("Khác bản điện tử"), OriginalVerdict.DIFFERS.value),
            (self.tr("Không có trong bưu gửi"), OriginalVerdict.NOT_PRESENTED.value),
        ]
        for p in d.checklist:
            form.combo(f"paper_{p.position}", self.tr("Bản chính: ") + display(p.name), verdicts)
            form.line(f"paper_{p.position}_note", self.tr("Khác ở đâu (nếu khác)"))
        form.amount("postage", self.tr("Cước gửi trả kết quả đã nhận"))
        form.text("note", self.tr("Ghi chú"))
        return form

    def post_result(self) -> FormDialog:
        desk, actor, d = self._ctx()

        def override(f: Fields) -> reception.Override | None:
            # Only when an original did not come or differs: a supervisor of the office
            # signs in here and says why (audited under their name, as at the counter).
            if not f.string("supervisor").strip():
                return None
            return reception.authorize_override(
                desk, f.string("supervisor"), f.string("supervisor_password"),
                f.string("override_reason"))  # fmt: skip

        form = self._form(
            self.tr("Gửi kết quả qua bưu chính"),
            lambda f: processing.post_result(
                desk, actor, d.id, f.string("tracking_number"), override(f)
            ),
            self.tr("Chỉ gửi khi bản chính từng giấy tờ đã nhận qua bưu chính và khớp, đã nộp "
                    "đủ phí, lệ phí và cước gửi trả kết quả."),
        )  # fmt: skip
        form.line("tracking_number", self.tr("Số hiệu bưu gửi"))
        form.line("supervisor", self.tr("Lãnh đạo cho phép (nếu bản chính chưa khớp)"))
        form.line("supervisor_password", self.tr("Mật khẩu lãnh đạo")).setEchoMode(
            QLineEdit.EchoMode.Password
        )
        form.line("override_reason", self.tr("Lý do cho phép"))
        return form

    def return_online(self) -> FormDialog:
        desk, actor, d = self._ctx()
        return self._form(
            self.tr("Trả kết quả trực tuyến"),
            lambda f: processing.return_online(desk, actor, d.id),
            self.tr("Mức độ 4: văn bản kết quả (hoặc văn bản trả lời) đã ký số được tải lên Cổng "
                    "dịch vụ công ở lần đồng bộ tới; công dân nhận thông báo và tải văn bản về."),
        )  # fmt: skip

    # --- ending without a result ----------------------------------------------------------------
    def withdraw(self) -> FormDialog:
        desk, actor, d = self._ctx()
        form = self._form(
            self.tr("Công dân rút hồ sơ"),
            lambda f: acts.withdraw_dossier(desk, actor, d.id, f.string("reason")),
            self.tr("Hồ sơ kết thúc, không giải quyết tiếp. Phí, lệ phí đã nộp được hoàn "
                    "trả ở bước sau."),
        )  # fmt: skip
        form.text("reason", self.tr("Lý do rút hồ sơ"))
        return form

    def stop(self) -> FormDialog:
        desk, actor, d = self._ctx()
        form = self._form(
            self.tr("Dừng xử lý hồ sơ"),
            lambda f: acts.stop_processing(desk, actor, d.id, f.string("reason")),
            self.tr("Hồ sơ kết thúc, không giải quyết tiếp. Phí, lệ phí đã nộp được hoàn "
                    "trả ở bước sau."),
        )  # fmt: skip
        form.text("reason", self.tr("Lý do dừng xử lý"))
        return form

    def refund(self, payments: list[Payment], state: DossierState) -> FormDialog:
        """Offered after a withdrawal, a stop or a refusal document: every payment back."""
        desk, actor, _d = self._ctx()
        line = self.tr("- {amount} đồng, {method}, ngày {day}")
        lines = [
            line.format(amount=format_dong(p.amount), day=_day(desk, p.at),
                        method=fees.METHODS.get(p.method, p.method))
            for p in payments
        ]  # fmt: skip
        paid = self.tr("Hồ sơ đã nộp {total} đồng:").format(
            total=format_dong(sum(p.amount for p in payments))
        )

        def perform(f: Fields) -> list[str]:
            return [fees.refund_fee(desk, actor, p.id, f.string("reason")) for p in payments]

        form = self._form(
            self.tr("Hoàn trả phí, lệ phí"), perform, "\n".join([paid, *lines]),
            confirm_text=self.tr("Hoàn trả (Ctrl+Enter)"),
        )  # fmt: skip
        reason = REFUND_REASONS.get(state)
        form.text("reason", self.tr("Lý do hoàn trả"), self.tr(reason) if reason else "")
        return form

    # --- complaints and feedback ----------------------------------------------------------------
    def complain(self) -> FormDialog:
        desk, actor, d = self._ctx()
        form = self._form(
            self.tr("Ghi nhận khiếu nại, phản ánh"),
            lambda f: processing.record_complaint(
                desk, actor, d.id, f.string("kind"), f.string("content"), f.string("channel")
            ),
        )
        kinds = [(label, kind) for kind, label in processing.COMPLAINT_KINDS.items()]
        form.combo("kind", self.tr("Loại"), kinds)
        form.text("content", self.tr("Nội dung"))
        channels = [(c, c) for c in ("trực tiếp", "điện thoại", "thư", "cổng dịch vụ công")]
        form.combo("channel", self.tr("Kênh tiếp nhận"), channels, editable=True).setCurrentIndex(0)
        return form

    def resolve_complaint(self, open_complaints: list[Complaint]) -> FormDialog:
        desk, actor, _d = self._ctx()
        form = self._form(
            self.tr("Giải quyết khiếu nại, phản ánh"),
            lambda f: processing.resolve_complaint(
                desk, actor, f.string("complaint"), f.string("resolution")
            ),
        )
        choices = [
            (f"{processing.COMPLAINT_KINDS.get(c.kind, c.kind)} {_day(desk, c.at)}: "
             f"{display(c.content, 60)}", c.id)
            for c in open_complaints
        ]  # fmt: skip
        form.combo("complaint", self.tr("Khiếu nại, phản ánh"), choices)
        form.text("resolution", self.tr("Kết quả giải quyết"))
        return form

    def feedback(self) -> FormDialog:
        desk, actor, d = self._ctx()
        form = self._form(
            self.tr("Ghi nhận ý kiến đánh giá"),
            lambda f: processing.record_feedback(
                desk, actor, d.id, f.string("rating"), f.string("comment")
            ),
        )
        ratings = [(label, rating) for rating, label in processing.RATINGS.items()]
        form.combo("rating", self.tr("Mức đánh giá"), ratings)
        form.text("comment", self.tr("Ý kiến của công dân"))
        return form


def open_complaints_of(desk: Desk, actor: Actor, dossier_id: str) -> list[Complaint]:
    """The complaints of a dossier still waiting for their resolution."""
    return [
        c for c in processing.complaints(desk, actor, open_only=True) if c.dossier_id == dossier_id
    ]
