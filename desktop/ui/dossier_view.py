"""Hồ sơ — one dossier as the officer works on it: applicant and contact, the procedure
and its papers as a checklist beside the scan viewer, the deadline, the digital signatures
of a level-4 dossier, the timeline of acts, and the acts its state allows (one key each).

Everything is read on a worker (``view_dossier``, the signature check, the scans); the
acts themselves run through the confirmation dialogs, which call the services on a worker
through the window's ``Operations`` (whose ``changed`` signal reloads this view).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QItemSelection, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.core.calendar import Timeliness
from desktop.core.checks import PaperCheck, PaperVerdict, problems
from desktop.core.lifecycle import Act, DomainError, DossierState
from desktop.services import dossiers as acts
from desktop.services import papers, processing, reception
from desktop.services.context import Actor, Desk
from desktop.services.dossier_view import ChecklistItem, DossierDetail, view_dossier
from desktop.services.fees import REFUNDABLE
from desktop.services.processing import Complaint
from desktop.services.scans import ScanStore

if TYPE_CHECKING:
    from desktop.services.signatures import DossierSignatures
from desktop.ui.decisions import NoticeDialog
from desktop.ui.dossier_models import ChecksModel, TimelineModel, VerdictKeys
from desktop.ui.errors import show_error
from desktop.ui.operations import Operations
from desktop.ui.originals import OriginalsDialog, show_checks
from desktop.ui.paper_offer import PaperOffer, offer_paper
from desktop.ui.processing_forms import Forms, open_complaints_of
from desktop.ui.queue_model import CHANNELS
from desktop.ui.reprints import ReprintDialog, open_reprints
from desktop.ui.safe_text import SHOWN, TIP, digits, display, escaped, rich, tooltip
from desktop.ui.scan_viewer import ScanViewer
from desktop.ui.workers import Workers

VERDICT_KEYS = {Qt.Key.Key_1: PaperVerdict.PRESENT, Qt.Key.Key_2: PaperVerdict.MISSING,
                Qt.Key.Key_3: PaperVerdict.WRONG}  # fmt: skip
SUPPLEMENT_REASON = "Hồ sơ chưa đầy đủ, hợp lệ theo quy định của thủ tục."
BEING_PROCESSED = (DossierState.IN_PROCESSING, DossierState.REAPPOINTED)
BUTTON_COLUMNS = 3
# Three columns of buttons only while they fit this many pixels beside the scan viewer:
# the longest acts' words in three columns made a window wider than a 1024-pixel screen.
BUTTONS_WIDTH = 620


def _initial(item: ChecklistItem) -> PaperVerdict:
    return PaperVerdict.PRESENT if item.attached else PaperVerdict.MISSING


class DossierView(QWidget):
    loaded = Signal()

    def __init__(self, desk: Desk, actor: Actor, dossier_id: str, workers: Workers,
                 parent: QWidget | None = None,
                 operations: Operations | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._desk, self._actor, self.dossier_id, self._workers = desk, actor, dossier_id, workers
        self.operations = operations or Operations(workers, self)
        self._scans = ScanStore.of(desk)
        self.detail: DossierDetail | None = None
        self.signatures: DossierSignatures | None = None
        self.dialog: QWidget | None = None  # the confirmation open now (tests drive it)
        self._then: Callable[[QWidget], object] | None = None  # what follows it when confirmed
        self.forms = Forms(self, desk, actor, self.operations)
        self.open_complaints: list[Complaint] = []
        self.offer: PaperOffer | None = None  # the paper an act just gave, offered to print
        self.reprint_dialog: ReprintDialog | None = None
        self.setObjectName("dossier_view")

        # Bold field names around the citizen's words: rich text, the words escaped.
        self.header = rich(QLabel(self.tr("Đang tải hồ sơ…")))
        self.header.setObjectName("dossier_header")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.deadline = rich(QLabel())
        self.deadline.setObjectName("deadline")
        self.signature_note = rich(QLabel())
        self.signature_note.setObjectName("signatures")
        self.signature_note.setWordWrap(True)
        self.checklist = QTableView()
        self.checklist.setObjectName("checklist")
        VerdictKeys(self.checklist, dict(VERDICT_KEYS), PaperVerdict.WRONG)
        self.model: ChecksModel[PaperVerdict] | None = None
        self.viewer = ScanViewer(workers)
        self.timeline = QTableView()
        self.timeline.setObjectName("timeline")
        self.timeline.verticalHeader().setVisible(False)
        self.timeline.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.timeline.horizontalHeader().setStretchLastSection(True)
        self.timeline_model: TimelineModel | None = None

        self.buttons: dict[Act, QPushButton] = {}
        self.bar = QGridLayout()
        self.bar.setContentsMargins(0, 0, 0, 0)
        for act, text, keys, slot in (
            (Act.ACCEPT, self.tr("Tiếp nhận (F2)"), "F2", self.accept_dossier),
            (Act.REQUEST_SUPPLEMENT, self.tr("Yêu cầu bổ sung (F3)"), "F3",
             self.request_supplement),
            (Act.REFUSE, self.tr("Từ chối (F4)"), "F4", self.refuse),
            (Act.RECORD_SUPPLEMENT, self.tr("Đã bổ sung (F6)"), "F6", self.record_supplement),
            (Act.RETURN_IN_PERSON, self.tr("Đối chiếu và trả kết quả (F9)"), "F9",
             self.return_result),
            (Act.RECORD_RESULT, self.tr("Có kết quả (F11)"), "F11", self.record_result),
            (Act.DENY, self.tr("Không giải quyết (F12)"), "F12", self.deny),
            (Act.HAND_ON, self.tr("Chuyển tiếp (Ctrl+Shift+T)"), "Ctrl+Shift+T", self.hand_on),
            (Act.CONSULT, self.tr("Xin ý kiến (Ctrl+Shift+Y)"), "Ctrl+Shift+Y", self.consult),
            (Act.REQUEST_PAYMENT, self.tr("Nghĩa vụ tài chính (Ctrl+Shift+N)"), "Ctrl+Shift+N",
             self.request_payment),
            (Act.CONFIRM_PAYMENT, self.tr("Đã nộp nghĩa vụ tài chính (Ctrl+Shift+X)"),
             "Ctrl+Shift+X", self.confirm_payment),
            (Act.REAPPOINT, self.tr("Xin lỗi, hẹn lại (Ctrl+Shift+H)"), "Ctrl+Shift+H",
             self.reappoint),
            (Act.RECEIVE_BY_POST, self.tr("Nhận qua bưu chính (Ctrl+Shift+B)"), "Ctrl+Shift+B",
             self.receive_by_post),
            (Act.RETURN_BY_POST, self.tr("Gửi kết quả qua bưu chính (Ctrl+Shift+G)"),
             "Ctrl+Shift+G", self.post_result),
            (Act.RETURN_ONLINE, self.tr("Trả kết quả trực tuyến (Ctrl+Shift+O)"),
             "Ctrl+Shift+O", self.return_online),
            (Act.WITHDRAW, self.tr("Rút hồ sơ (Ctrl+Shift+R)"), "Ctrl+Shift+R", self.withdraw),
            (Act.STOP, self.tr("Dừng xử lý (Ctrl+Shift+D)"), "Ctrl+Shift+D", self.stop),
            (Act.COMPLAIN, self.tr("Khiếu nại, phản ánh (Ctrl+Shift+K)"), "Ctrl+Shift+K",
             self.complain),
            (Act.RESOLVE_COMPLAINT, self.tr("Giải quyết khiếu nại (Ctrl+Shift+Q)"),
             "Ctrl+Shift+Q", self.resolve_complaint),
            (Act.FEEDBACK, self.tr("Ý kiến đánh giá (Ctrl+Shift+E)"), "Ctrl+Shift+E",
             self.feedback),
        ):  # fmt: skip
            button = QPushButton(text)
            button.setObjectName(f"act_{act.value}")
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            button.setVisible(False)
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self._if_allowed(act, slot))
            self.buttons[act] = button

        self.reprint_button = QPushButton(self.tr("In lại giấy tờ (Ctrl+P)"))
        self.reprint_button.setObjectName("reprint_papers")
        self.reprint_button.setAutoDefault(False)
        self.reprint_button.setEnabled(False)
        self.reprint_button.clicked.connect(self.reprint)
        hint = QLabel(self.tr("Kiểm tra từng giấy tờ — phím 1: đủ, hợp lệ · 2: thiếu · "
                              "3: sai (ghi chú lý do)"))  # fmt: skip
        hint.setObjectName("hint")
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(hint)
        left_layout.addWidget(self.checklist, 1)
        left_layout.addWidget(self.signature_note)
        left_layout.addLayout(self.bar)
        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(left)
        top.addWidget(self.viewer)
        top.setSizes([640, 520])
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(top)
        body.addWidget(self.timeline)
        body.setSizes([460, 180])
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        deadline_row = QHBoxLayout()
        deadline_row.addWidget(self.deadline, 1)
        deadline_row.addWidget(self.reprint_button)
        layout.addLayout(deadline_row)
        layout.addWidget(body, 1)
        self.reload()

    # --- loading ------------------------------------------------------------------------------
    def reload(self) -> None:
        desk, actor, dossier_id = self._desk, self._actor, self.dossier_id
        self._workers.submit(lambda: view_dossier(desk, actor, dossier_id), self._show,
                             self._failed)  # fmt: skip

    def _failed(self, error: BaseException) -> None:
        self.header.setText(escaped(error))
        if not isinstance(error, DomainError):
            show_error(self, error)

    def _show(self, d: DossierDetail) -> None:
        self.detail = d
        tz = self._desk.calendar.tz
        p = d.procedure
        self.header.setText(self.tr(
            "<b style='font-size:14pt'>{code}</b> — <b>{state}</b> · Mức độ {level} · {channel}"
            "<br><b>{name}</b> · CCCD {id} · ĐT {phone} · {email}<br>{address}"
            "<br>Thủ tục: <b>{procedure}</b> ({sector}) · {time} · {department}"
            "<br>Nộp lúc {submitted}").format(
            code=escaped(d.code), state=d.state.label_vi, level=d.level,
            channel=QCoreApplication.translate("QueueModel", CHANNELS.get(d.channel, "?")),
            name=escaped(d.applicant_name), id=digits(d.id_number) or "—",
            phone=digits(d.phone) or "—", email=escaped(d.email), address=escaped(d.address),
            procedure=escaped(p.name), sector=escaped(p.sector),
            time=p.processing_time.label_vi(), department=escaped(p.department),
            submitted=d.submitted_at.astimezone(tz).strftime("%H:%M %d/%m/%Y")))  # fmt: skip
        # What the header had to cut, in full (within reason) on hover.
        cut = [display(t, TIP) for t in (d.applicant_name, d.address, d.email) if len(t) > SHOWN]
        self.header.setToolTip(tooltip("\n".join(cut)))
        self.deadline.setText(self._deadline_text(d))
        self.model = ChecksModel(d.checklist, PaperVerdict, _initial, PaperVerdict.PRESENT, self)
        show_checks(self.checklist, self.model)
        self.checklist.selectionModel().selectionChanged.connect(self._show_selected)
        self.timeline_model = TimelineModel(d.timeline, tz, self)
        self.timeline.setModel(self.timeline_model)
        for column, width in enumerate((130, 190, 150, 80, 150)):
            self.timeline.setColumnWidth(column, width)
        self.forms.detail = d
        self.reprint_button.setEnabled(True)
        self._show_buttons()
        self._load_complaints()
        self.signature_note.setText("")
        if d.level == 4:
            self._check_signatures()
        if d.checklist:
            self.checklist.selectRow(0)
        self.loaded.emit()

    def allowed(self, act: Act) -> bool:
        """Whether ``act`` may be done now: by the lifecycle, and for resolving a complaint,
        when the dossier has one still open."""
        if self.detail is None or act not in self.detail.acts:
            return False
        if act is Act.REAPPOINT:  # the rules of the apology (how often, until when)
            return self.detail.reappoint_refusal is None
        return act is not Act.RESOLVE_COMPLAINT or bool(self.open_complaints)

    def _refused(self, act: Act) -> str | None:
        """Why the rules refuse an act the lifecycle allows (only the re-appointment has such
        rules), or None."""
        d = self.detail
        if act is not Act.REAPPOINT or d is None or act not in d.acts:
            return None
        return d.reappoint_refusal

    def _show_buttons(self) -> None:
        """The buttons of the acts allowed now, in a grid of a few columns."""
        for button in self.buttons.values():
            self.bar.removeWidget(button)
            button.setVisible(False)
        shown = [b for act, b in self.buttons.items() if self.allowed(act) or self._refused(act)]
        for act, button in self.buttons.items():
            # A lawful act the rules refuse now stays in sight, greyed, saying why.
            button.setEnabled(self.allowed(act))
            button.setToolTip(tooltip(self._refused(act) or ""))
        widest = sorted((b.sizeHint().width() for b in shown), reverse=True)
        columns = BUTTON_COLUMNS if sum(widest[:BUTTON_COLUMNS]) <= BUTTONS_WIDTH else 2
        for n, button in enumerate(shown):
            self.bar.addWidget(button, n // columns, n % columns)
            button.setVisible(True)

    def _load_complaints(self) -> None:
        desk, actor, dossier_id = self._desk, self._actor, self.dossier_id

        def shown(found: list[Complaint]) -> None:
            self.open_complaints = found
            self._show_buttons()

        self._workers.submit(lambda: open_complaints_of(desk, actor, dossier_id), shown,
                             self._failed)  # fmt: skip

    def _deadline_text(self, d: DossierDetail) -> str:
        if d.due is None:
            return self.tr("Chưa có ngày hẹn trả (hồ sơ chưa được tiếp nhận).")
        text = self.tr("Hẹn trả: {due}").format(due=d.due.label_vi())
        if d.original_due is not None:  # lateness counts from the appointment of acceptance
            text = self.tr("Hẹn trả khi tiếp nhận: {due}; hẹn lại: {new}").format(
                due=d.original_due.label_vi(), new=d.due.label_vi())
        s = d.standing
        if s is None:
            return text
        if s.timeliness is Timeliness.LATE:
            return text + self.tr(" — <b style='color:#b3261e'>trễ hạn {n} ngày làm việc</b>"
                                  ).format(n=-s.working_days)  # fmt: skip
        if d.state.is_final or d.state.value in ("result_ready", "denied"):
            return text + f" — {s.timeliness.label_vi}"
        if s.working_days == 0:  # due today: the hours left count, not "0 days"
            minutes = int(s.open_time_left.total_seconds()) // 60
            return text + self.tr(" — hạn hôm nay, còn {h} giờ {m} phút làm việc").format(
                h=minutes // 60, m=minutes % 60)
        return text + self.tr(" — còn {n} ngày làm việc").format(n=s.working_days)

    def _check_signatures(self) -> None:
        desk, actor, dossier_id, scans = self._desk, self._actor, self.dossier_id, self._scans

        def shown(result: DossierSignatures) -> None:
            self.signatures = result
            # Signers' names come from the certificates in the citizen's files: escaped.
            lines = [f"<b>{escaped(result.note_vi)}</b>"] if result.note_vi else []
            for paper in result.papers:
                what = paper.signature.label_vi if paper.signature else paper.note_vi
                lines.append(f"{paper.position}. {escaped(paper.paper_name)}: {escaped(what)}")
            self.signature_note.setText("<br>".join(lines))

        def check() -> DossierSignatures:
            # pyHanko takes a quarter of a second to import: only level-4 dossiers need it.
            from desktop.services.signatures import check_dossier_signatures

            return check_dossier_signatures(desk, actor, dossier_id, scans.get)

        self._workers.submit(
            check, shown,
            lambda e: self.signature_note.setText(
                self.tr("Không kiểm tra được chữ ký số: {error}").format(
                    error=escaped(e))))  # fmt: skip

    def _show_selected(self, selected: QItemSelection, _old: QItemSelection) -> None:
        rows = {i.row() for i in selected.indexes()}
        if not rows or self.model is None:
            return
        item = self.model.items[min(rows)]
        if not item.attached:
            self.viewer.clear(self.tr("{n}. {name}: công dân không đính kèm bản quét.").format(
                n=item.position, name=display(item.name)))  # fmt: skip
            return
        sha = item.sha256
        self.viewer.show_scan(f"{item.position}. {display(item.name)} — {display(item.file_name)}",
                              lambda: self._scans.get(sha), item.is_pdf)  # fmt: skip

    # --- acts -------------------------------------------------------------------------------
    def _if_allowed(self, act: Act, slot: Callable[[], None]) -> Callable[[], None]:
        def run() -> None:
            if self.allowed(act):
                slot()

        return run

    def checks(self) -> list[PaperCheck]:
        assert self.model is not None
        return [PaperCheck(item.position, item.name, self.model.verdict(row), self.model.note(row))
                for row, item in enumerate(self.model.items)]  # fmt: skip

    def _open(self, dialog: QWidget, then: Callable[[QWidget], object] | None = None) -> None:
        """Open a confirmation; ``then`` runs with it once it is confirmed (a follow-up: the
        refund after a withdrawal, Mẫu 04 after a re-appointment)."""
        self.dialog, self._then = dialog, then
        dialog.finished.connect(self._closed)  # type: ignore[attr-defined]
        dialog.open()  # type: ignore[attr-defined]

    def _closed(self, result: int) -> None:
        # The act is written by now (the dialog is accepted once its operation is done) and
        # ``Operations.changed`` has had this view reloaded; what follows it comes next.
        dialog, then = self.dialog, self._then
        self.dialog, self._then = None, None
        if result and then is not None and dialog is not None:
            then(dialog)

    def _notice(self, title: str, preview: Callable[[str], str],
                perform: Callable[[str], object], reason_label: str | None = None,
                reason: str = "") -> NoticeDialog:  # fmt: skip
        return NoticeDialog(self, title, preview, perform, reason_label, reason,
                            operations=self.operations, dossier_id=self.dossier_id)  # fmt: skip

    def accept_dossier(self) -> None:
        desk, actor, dossier_id, checks = self._desk, self._actor, self.dossier_id, self.checks()
        self._open(self._notice(
            self.tr("Tiếp nhận hồ sơ"),
            lambda _r: reception.preview_accept(desk, actor, dossier_id)[1],
            lambda _r: reception.accept_checked(desk, actor, dossier_id, checks)),
            lambda _d: self.offer_act_paper(papers.RECEIPT_SLIP))  # fmt: skip

    def request_supplement(self) -> None:
        desk, actor, dossier_id, checks = self._desk, self._actor, self.dossier_id, self.checks()
        if self.detail is not None and self.detail.state in BEING_PROCESSED:
            self._request_supplement_in_processing(checks)
            return
        self._open(self._notice(
            self.tr("Yêu cầu bổ sung, hoàn thiện hồ sơ"),
            lambda r: reception.preview_supplement(desk, actor, dossier_id, checks, r),
            lambda r: reception.request_supplement_checked(desk, actor, dossier_id, checks, r),
            self.tr("Lý do yêu cầu bổ sung"), SUPPLEMENT_REASON),
            lambda _d: self.offer_act_paper(papers.SUPPLEMENT))  # fmt: skip

    def refuse(self) -> None:
        desk, actor, dossier_id, checks = self._desk, self._actor, self.dossier_id, self.checks()
        self._open(self._notice(
            self.tr("Từ chối tiếp nhận hồ sơ"),
            lambda r: reception.preview_refuse(desk, actor, dossier_id, r),
            lambda r: reception.refuse_checked(desk, actor, dossier_id, r, checks),
            self.tr("Lý do từ chối (bắt buộc)")),
            lambda _d: self.offer_act_paper(papers.REFUSAL))  # fmt: skip

    def _request_supplement_in_processing(self, checks: list[PaperCheck]) -> None:
        """Asked for while the department processes the dossier: the clock stands still."""
        desk, actor, dossier_id = self._desk, self._actor, self.dossier_id
        problems_asked = [acts.PaperProblem(c.name, "missing" if c.verdict is PaperVerdict.MISSING
                                            else "wrong", c.note.strip())
                          for c in problems(checks)]  # fmt: skip

        def notice(reason: str) -> str:  # the words the act records
            return processing.preview_supplement_in_processing(desk, actor, dossier_id,
                                                               problems_asked, reason)  # fmt: skip

        self._open(self._notice(
            self.tr("Yêu cầu bổ sung khi đang giải quyết"), notice,
            lambda r: processing.request_supplement_in_processing(desk, actor, dossier_id,
                                                                  problems_asked, r),
            self.tr("Lý do yêu cầu bổ sung"), SUPPLEMENT_REASON),
            lambda _d: self.offer_act_paper(papers.SUPPLEMENT))  # fmt: skip

    def record_supplement(self) -> None:
        desk, actor, dossier_id = self._desk, self._actor, self.dossier_id
        paused = self.detail is not None and self.detail.state.is_paused
        after = (self.tr("Hồ sơ tiếp tục được giải quyết; ngày hẹn trả kết quả lùi thêm thời "
                         "gian đã chờ bổ sung.") if paused
                 else self.tr("Hồ sơ được đưa lại hàng đợi để kiểm tra."))  # fmt: skip
        self._open(self._notice(
            self.tr("Ghi nhận công dân đã bổ sung"),
            lambda r: after + " " + self.tr("Ghi chú: {note}").format(note=r.strip() or "—"),
            lambda r: processing.record_supplement_in_processing(desk, actor, dossier_id, r),
            self.tr("Giấy tờ đã nhận bổ sung"), " "))  # fmt: skip

    def return_result(self) -> None:
        if self.detail is None:
            return
        self._open(OriginalsDialog(self, self._desk, self._actor, self.detail, self._workers,
                                   self.operations))  # fmt: skip

    # --- processing (Đ8, Đ9.2, Đ10.3, Đ16) ------------------------------------------------------
    def hand_on(self) -> None:
        self._open(self.forms.hand_on())

    def consult(self) -> None:
        self._open(self.forms.consult())

    def request_payment(self) -> None:
        self._open(self.forms.request_payment())

    def confirm_payment(self) -> None:
        self._open(self.forms.confirm_payment())

    def record_result(self) -> None:
        self._open(self.forms.result())

    def deny(self) -> None:
        self._open(self.forms.deny(), self._offer_refund)

    def reappoint(self) -> None:
        self._open(self.forms.reappoint(), lambda _d: self.offer_act_paper(papers.APOLOGY))

    def receive_by_post(self) -> None:
        self._open(self.forms.receive_by_post())

    def post_result(self) -> None:
        self._open(self.forms.post_result())

    def return_online(self) -> None:
        self._open(self.forms.return_online())

    def withdraw(self) -> None:
        self._open(self.forms.withdraw(), self._offer_refund)

    def stop(self) -> None:
        # The stop notice first, then what the citizen paid, to refund.
        self._open(self.forms.stop(),
                   lambda d: self.offer_act_paper(papers.STOP, lambda: self._offer_refund(d)))

    def complain(self) -> None:
        self._open(self.forms.complain())

    def resolve_complaint(self) -> None:
        self._open(self.forms.resolve_complaint(self.open_complaints))

    def feedback(self) -> None:
        self._open(self.forms.feedback())

    def _offer_refund(self, done: QWidget) -> None:
        """After the office ends a dossier without performing the service (Đ10.3): what the
        citizen paid, to refund with a reason."""
        outcome = getattr(done, "outcome", None)
        if not isinstance(outcome, acts.ActOutcome) or outcome.state not in REFUNDABLE:
            return
        payments = processing.refundable_payments(self._desk, self._actor, self.dossier_id)
        if payments:
            self._open(self.forms.refund(payments, outcome.state))

    # --- papers ------------------------------------------------------------------------------
    def offer_act_paper(
        self, kind: str, after: Callable[[], None] | None = None
    ) -> PaperOffer | None:
        """Offer the paper the act just done gives (drawn on a worker); ``after`` runs once
        the offer is closed, printed or left for later."""
        if self.detail is None:
            return None
        desk, actor, code = self._desk, self._actor, self.detail.code
        received = self.detail.received_at or self.detail.submitted_at  # the set's day
        offer = offer_paper(self, desk, self._workers,
                            lambda: papers.act_paper(desk, actor, code, kind),
                            papers.paper_title(kind, received))  # fmt: skip
        self.offer = offer

        def closed(_result: int) -> None:
            if self.offer is offer:
                self.offer = None
            if after is not None:
                after()

        offer.finished.connect(closed)
        return offer

    def reprint(self) -> ReprintDialog | None:
        """In lại: the papers the dossier has had, to print one again."""
        if self.detail is None:
            return None
        self.reprint_dialog = open_reprints(self, self._desk, self._actor, self._workers,
                                            self.detail.code)  # fmt: skip
        return self.reprint_dialog
