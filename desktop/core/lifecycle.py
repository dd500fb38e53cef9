"""Vòng đời hồ sơ — the dossier lifecycle as an explicit state machine.

Every act an officer (or a citizen, through the portal) performs on a dossier is an
``Act``; ``next_state`` is the only place that says which act is legal in which state.
The desk and the portal both judge acts with this table, so they can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum, StrEnum
from typing import Any


class PortalStatus(IntEnum):
    """Mã trạng thái hồ sơ của Cổng dịch vụ công quốc gia — national portal status codes."""

    NEW = 1  # Mới đăng ký
    ACCEPTED = 2  # Được tiếp nhận
    REFUSED = 3  # Không được tiếp nhận
    IN_PROCESSING = 4  # Đang xử lý
    SUPPLEMENT_REQUESTED = 5  # Yêu cầu bổ sung giấy tờ
    PAYMENT_REQUESTED = 6  # Yêu cầu thực hiện nghĩa vụ tài chính
    WITHDRAWAL = 7  # Công dân yêu cầu rút hồ sơ
    STOPPED = 8  # Dừng xử lý
    RESOLVED = 9  # Đã xử lý xong
    RETURNED = 10  # Đã trả kết quả


class DossierState(StrEnum):
    """Trạng thái hồ sơ tại bàn một cửa — the desk's own states."""

    SUBMITTED = "submitted"  # Mới nộp trực tuyến
    SUPPLEMENT_REQUESTED = "supplement_requested"  # Chờ bổ sung
    SUPPLEMENTED = "supplemented"  # Đã bổ sung, chờ kiểm tra lại
    REFUSED = "refused"  # Từ chối tiếp nhận
    ACCEPTED = "accepted"  # Đã tiếp nhận, có ngày hẹn trả
    IN_PROCESSING = "in_processing"  # Đã chuyển phòng chuyên môn
    PAYMENT_REQUESTED = "payment_requested"  # Chờ thực hiện nghĩa vụ tài chính
    # Asked for a supplement while the department processes it: the clock stands still.
    SUPPLEMENT_IN_PROCESSING = "supplement_in_processing"
    REAPPOINTED = "reappointed"  # Trễ hạn: đã xin lỗi, hẹn lại
    RESULT_READY = "result_ready"  # Có kết quả, chờ trả
    DENIED = "denied"  # Không giải quyết, có văn bản nêu lý do
    RETURNED_IN_PERSON = "returned_in_person"  # Đã trả kết quả trực tiếp
    RETURNED_BY_POST = "returned_by_post"  # Đã trả kết quả qua bưu chính
    RETURNED_ONLINE = "returned_online"  # Đã trả kết quả trực tuyến (mức độ 4, Đ9.3)
    WITHDRAWN = "withdrawn"  # Công dân rút hồ sơ
    STOPPED = "stopped"  # Dừng xử lý

    @property
    def label_vi(self) -> str:
        return STATE_LABELS_VI[self]

    @property
    def portal_status(self) -> PortalStatus:
        return PORTAL_STATUS[self]

    @property
    def is_final(self) -> bool:
        """No act leads anywhere else (recording a complaint or feedback still may)."""
        return not any(state == self and to != self for (state, _act), to in TRANSITIONS.items())

    @property
    def is_paused(self) -> bool:
        """Waiting on the citizen (a supplement, a financial obligation): the processing
        clock stands still, and the due date moves later by the time spent waiting."""
        return self in PAUSED


class Act(StrEnum):
    """Thao tác trên hồ sơ — the acts that move a dossier."""

    RECEIVE = "receive"  # nhận hồ sơ từ cổng (tạo hồ sơ)
    ACCEPT = "accept"
    REQUEST_SUPPLEMENT = "request_supplement"
    RECORD_SUPPLEMENT = "record_supplement"
    REFUSE = "refuse"
    HAND_OVER = "hand_over"
    REQUEST_PAYMENT = "request_payment"
    CONFIRM_PAYMENT = "confirm_payment"
    REAPPOINT = "reappoint"
    RECORD_RESULT = "record_result"
    DENY = "deny"
    RETURN_IN_PERSON = "return_in_person"
    RETURN_BY_POST = "return_by_post"
    RETURN_ONLINE = "return_online"  # văn bản có chữ ký số tải lên cổng (mức độ 4)
    WITHDRAW = "withdraw"
    STOP = "stop"
    HAND_ON = "hand_on"  # chuyển tiếp phòng chuyên môn khác
    CONSULT = "consult"  # xin ý kiến cơ quan, phòng phối hợp
    RECEIVE_BY_POST = "receive_by_post"  # nhận bản chính, phí, cước qua bưu chính
    COMPLAIN = "complain"  # khiếu nại, phản ánh, tranh chấp (Đ16)
    RESOLVE_COMPLAINT = "resolve_complaint"
    FEEDBACK = "feedback"  # ý kiến đánh giá của công dân (Đ11.5)

    @property
    def label_vi(self) -> str:
        return ACT_LABELS_VI[self]


S = DossierState
A = Act

# States from which the citizen may still withdraw: anything before a result exists.
_BEFORE_RESULT = (
    S.SUBMITTED,
    S.SUPPLEMENT_REQUESTED,
    S.SUPPLEMENTED,
    S.ACCEPTED,
    S.IN_PROCESSING,
    S.PAYMENT_REQUESTED,
    S.REAPPOINTED,
    S.SUPPLEMENT_IN_PROCESSING,
)
_AWAITING_CHECK = (S.SUBMITTED, S.SUPPLEMENTED)
_BEING_PROCESSED = (S.IN_PROCESSING, S.REAPPOINTED)
_WITH_RESULT = (S.RESULT_READY, S.DENIED)
PAUSED = (S.PAYMENT_REQUESTED, S.SUPPLEMENT_IN_PROCESSING)
# Recorded on a dossier in any state, moving nothing: its history keeps them.
ANYTIME = (A.COMPLAIN, A.RESOLVE_COMPLAINT, A.FEEDBACK)

TRANSITIONS: dict[tuple[DossierState, Act], DossierState] = {
    **{(s, A.ACCEPT): S.ACCEPTED for s in _AWAITING_CHECK},
    **{(s, A.REQUEST_SUPPLEMENT): S.SUPPLEMENT_REQUESTED for s in _AWAITING_CHECK},
    **{(s, A.REFUSE): S.REFUSED for s in _AWAITING_CHECK},
    (S.SUPPLEMENT_REQUESTED, A.RECORD_SUPPLEMENT): S.SUPPLEMENTED,
    **{(s, A.REQUEST_SUPPLEMENT): S.SUPPLEMENT_IN_PROCESSING for s in _BEING_PROCESSED},
    (S.SUPPLEMENT_IN_PROCESSING, A.RECORD_SUPPLEMENT): S.IN_PROCESSING,
    **{(s, A.HAND_ON): s for s in _BEING_PROCESSED},
    **{(s, A.CONSULT): s for s in _BEING_PROCESSED},
    (S.ACCEPTED, A.HAND_OVER): S.IN_PROCESSING,
    **{(s, A.REQUEST_PAYMENT): S.PAYMENT_REQUESTED for s in _BEING_PROCESSED},
    (S.PAYMENT_REQUESTED, A.CONFIRM_PAYMENT): S.IN_PROCESSING,
    **{(s, A.REAPPOINT): S.REAPPOINTED for s in _BEING_PROCESSED},
    **{(s, A.RECORD_RESULT): S.RESULT_READY for s in _BEING_PROCESSED},
    **{(s, A.DENY): S.DENIED for s in _BEING_PROCESSED},
    **{(s, A.RETURN_IN_PERSON): S.RETURNED_IN_PERSON for s in _WITH_RESULT},
    **{(s, A.RETURN_BY_POST): S.RETURNED_BY_POST for s in _WITH_RESULT},
    **{(s, A.RETURN_ONLINE): S.RETURNED_ONLINE for s in _WITH_RESULT},
    **{(s, A.RECEIVE_BY_POST): s for s in _WITH_RESULT},
    **{(s, A.WITHDRAW): S.WITHDRAWN for s in _BEFORE_RESULT},
    **{(s, A.STOP): S.STOPPED for s in (S.ACCEPTED, *PAUSED, *_BEING_PROCESSED)},
    **{(s, a): s for s in S for a in ANYTIME},
}

INITIAL_STATE = S.SUBMITTED

PORTAL_STATUS: dict[DossierState, PortalStatus] = {
    S.SUBMITTED: PortalStatus.NEW,
    S.SUPPLEMENT_REQUESTED: PortalStatus.SUPPLEMENT_REQUESTED,
    # Supplemented online: back in the queue as a new submission awaiting the check.
    S.SUPPLEMENTED: PortalStatus.NEW,
    S.REFUSED: PortalStatus.REFUSED,
    S.ACCEPTED: PortalStatus.ACCEPTED,
    S.IN_PROCESSING: PortalStatus.IN_PROCESSING,
    S.PAYMENT_REQUESTED: PortalStatus.PAYMENT_REQUESTED,
    S.SUPPLEMENT_IN_PROCESSING: PortalStatus.SUPPLEMENT_REQUESTED,
    S.REAPPOINTED: PortalStatus.IN_PROCESSING,
    S.RESULT_READY: PortalStatus.RESOLVED,
    # A reasoned refusal document is the department's result: processing is finished.
    S.DENIED: PortalStatus.RESOLVED,
    S.RETURNED_IN_PERSON: PortalStatus.RETURNED,
    S.RETURNED_BY_POST: PortalStatus.RETURNED,
    S.RETURNED_ONLINE: PortalStatus.RETURNED,
    S.WITHDRAWN: PortalStatus.WITHDRAWAL,
    S.STOPPED: PortalStatus.STOPPED,
}

STATE_LABELS_VI: dict[DossierState, str] = {
    S.SUBMITTED: "Mới nộp",
    S.SUPPLEMENT_REQUESTED: "Chờ bổ sung",
    S.SUPPLEMENTED: "Đã bổ sung",
    S.REFUSED: "Từ chối tiếp nhận",
    S.ACCEPTED: "Đã tiếp nhận",
    S.IN_PROCESSING: "Đang xử lý",
    S.PAYMENT_REQUESTED: "Chờ nghĩa vụ tài chính",
    S.SUPPLEMENT_IN_PROCESSING: "Chờ bổ sung khi đang giải quyết",
    S.REAPPOINTED: "Trễ hạn, đã hẹn lại",
    S.RESULT_READY: "Có kết quả",
    S.DENIED: "Không giải quyết",
    S.RETURNED_IN_PERSON: "Đã trả trực tiếp",
    S.RETURNED_BY_POST: "Đã trả qua bưu chính",
    S.RETURNED_ONLINE: "Đã trả trực tuyến",
    S.WITHDRAWN: "Đã rút",
    S.STOPPED: "Dừng xử lý",
}

ACT_LABELS_VI: dict[Act, str] = {
    A.RECEIVE: "Nhận hồ sơ trực tuyến",
    A.ACCEPT: "Tiếp nhận, hẹn trả kết quả",
    A.REQUEST_SUPPLEMENT: "Yêu cầu bổ sung",
    A.RECORD_SUPPLEMENT: "Ghi nhận bổ sung",
    A.REFUSE: "Từ chối tiếp nhận",
    A.HAND_OVER: "Chuyển phòng chuyên môn",
    A.REQUEST_PAYMENT: "Yêu cầu nghĩa vụ tài chính",
    A.CONFIRM_PAYMENT: "Xác nhận đã nộp nghĩa vụ tài chính",
    A.REAPPOINT: "Xin lỗi, hẹn lại ngày trả",
    A.RECORD_RESULT: "Ghi nhận có kết quả",
    A.DENY: "Không giải quyết, nêu lý do",
    A.RETURN_IN_PERSON: "Trả kết quả trực tiếp",
    A.RETURN_BY_POST: "Trả kết quả qua bưu chính",
    A.RETURN_ONLINE: "Trả kết quả trực tuyến",
    A.WITHDRAW: "Rút hồ sơ",
    A.STOP: "Dừng xử lý",
    A.HAND_ON: "Chuyển tiếp phòng chuyên môn",
    A.CONSULT: "Xin ý kiến phối hợp",
    A.RECEIVE_BY_POST: "Nhận bản chính, phí qua bưu chính",
    A.COMPLAIN: "Ghi nhận khiếu nại, phản ánh",
    A.RESOLVE_COMPLAINT: "Giải quyết khiếu nại, phản ánh",
    A.FEEDBACK: "Ghi nhận ý kiến đánh giá",
}


class DomainError(Exception):
    """A rule of the domain was broken; the message is fit to show an officer."""


class IllegalAct(DomainError):
    def __init__(self, dossier_code: str, state: DossierState, act: Act) -> None:
        self.dossier_code = dossier_code
        self.state = state
        self.act = act
        super().__init__(
            f"Hồ sơ {dossier_code} đang ở trạng thái “{state.label_vi}” ({state.value}): "
            f"không thể “{act.label_vi}” ({act.value})."
        )


def next_state(dossier_code: str, state: DossierState, act: Act) -> DossierState:
    """The state ``act`` leads to from ``state``, or ``IllegalAct``."""
    try:
        return TRANSITIONS[(state, act)]
    except KeyError:
        raise IllegalAct(dossier_code, state, act) from None


def allowed_acts(state: DossierState) -> list[Act]:
    return [act for (s, act) in TRANSITIONS if s == state]


# The acts that give a dossier to a department: the latest one says who holds it.
_HANDING_NAMES = frozenset((A.HAND_OVER.value, A.HAND_ON.value))


def department_given(act: str, payload: Mapping[str, Any]) -> str | None:
    """The department ``act`` hands the dossier to ('' when it names none), or None when
    it does not hand the dossier on."""
    if act not in _HANDING_NAMES:
        return None
    department = payload.get("department")
    return "" if department is None else str(department)


def rating_given(act: str, payload: Mapping[str, Any]) -> str | None:
    """The citizen's rating a feedback act records (Đ11.5), as its payload holds it."""
    rating = payload.get("rating") if act == A.FEEDBACK.value else None
    return rating if isinstance(rating, str) else None
