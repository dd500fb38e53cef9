"""Giao thức đồng bộ — the versioned wire schema shared by the desk and the portal (JSON).

Every request and reply carries ``X-Motcua-Protocol``; a peer speaking another major
version is refused with 400 and a message naming both versions. See docs/SYNC.md.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    SkipValidation,
    StrictBool,
    StringConstraints,
    ValidationError,
)

from desktop.core.calendar import Session as DaySession
from desktop.core.calendar import Timeliness
from desktop.core.checks import OriginalVerdict, PaperVerdict
from desktop.core.lifecycle import Act, DossierState

PROTOCOL_VERSION = 1
PROTOCOL_HEADER = "X-Motcua-Protocol"
MAX_EVENTS_PER_PUSH = 500
MAX_PAGE = 1000
MAX_AMOUNT = 10**12  # đồng: far above any fee, below JSON's safe integers
# Change sequence numbers fit a 64-bit integer column on every database. A round decimal,
# not 2**62: a client that writes the bound as a float (4.611686018427388e18) sends a number
# above 2**62, and its "largest valid value" would be refused.
MAX_SEQ = 10**18

# Longest text each kind of field may carry, on the wire and in the portal's tables: a
# 1 MB applicant name once froze a desk's window for 22 s. Real values are far shorter.
MAX_ID = 36  # a UUID's text (the id columns are 36 characters wide)
MAX_CODE = 64  # codes, references, usernames, document and tracking numbers
MAX_NAME = 200  # a person's, a paper's, a department's name
MAX_ADDRESS = 500
MAX_TEXT = 2000  # notes, reasons, questions, complaints
MAX_NOTICE = 4000  # a notice the desk wrote for the citizen (quotes a reason and a name)
MAX_FILE_NAME = 255
MAX_ID_NUMBER = 16  # CCCD: 12 digits; passports are shorter
MAX_PHONE = 16
MAX_EMAIL = 254
MAX_PAPERS = 100  # papers of a dossier, checks of them, fee items …
FIRST_YEAR, LAST_YEAR = 2000, 2199  # moments outside are typing mistakes or attacks


def valid_text(text: str) -> str:
    """Refuse what no database or JSON encoder downstream can take: half of a UTF-16 pair
    (a lone surrogate, which UTF-8 cannot encode) and NUL (PostgreSQL text cannot hold it)."""
    if "\x00" in text:
        raise ValueError("chứa ký tự NUL")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("chứa nửa cặp ký tự UTF-16 (surrogate) đơn lẻ") from None
    return text


# Every text on the wire is bounded (StringConstraints) and storable (Clean); NO_NUL tells
# the schema's readers (and fuzzers) that NUL is refused.
Clean = AfterValidator(valid_text)
NO_NUL = Field(json_schema_extra={"pattern": r"^[^\x00]*$"})
Id = Annotated[str, StringConstraints(min_length=1, max_length=MAX_ID), Clean, NO_NUL]
Code = Annotated[str, StringConstraints(max_length=MAX_CODE), Clean, NO_NUL]
Name = Annotated[str, StringConstraints(max_length=MAX_NAME), Clean, NO_NUL]
Address = Annotated[str, StringConstraints(max_length=MAX_ADDRESS), Clean, NO_NUL]
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT), Clean, NO_NUL]
Notice = Annotated[str, StringConstraints(max_length=MAX_NOTICE), Clean, NO_NUL]
FileName = Annotated[str, StringConstraints(max_length=MAX_FILE_NAME), Clean, NO_NUL]
IdNumber = Annotated[str, StringConstraints(max_length=MAX_ID_NUMBER), Clean, NO_NUL]
Phone = Annotated[str, StringConstraints(max_length=MAX_PHONE), Clean, NO_NUL]
Email = Annotated[str, StringConstraints(max_length=MAX_EMAIL), Clean, NO_NUL]
Prefix = Annotated[str, StringConstraints(max_length=MAX_ID), Clean, NO_NUL]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


def needed() -> Any:
    """A text the desk's services require (a reason, a name …): not empty."""
    return Field(min_length=1)


def _plausible(moment: datetime) -> datetime:
    # The local year first: moving year 1 or 9999 to UTC overflows.
    if not FIRST_YEAR <= moment.year <= LAST_YEAR or not (
        FIRST_YEAR <= moment.astimezone(UTC).year <= LAST_YEAR
    ):
        raise ValueError(f"năm phải trong khoảng {FIRST_YEAR}–{LAST_YEAR}")
    return moment


Moment = Annotated[AwareDatetime, AfterValidator(_plausible)]


def _json_number(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("phải là số nguyên")
    return value


# JSON Schema's integer: 5 and 5.0 are integers, true and "5" are not (pydantic's lax int
# takes both, its strict int refuses 5.0).
Integer = Annotated[int, BeforeValidator(_json_number)]


def _iso_date(text: str) -> str:
    """A date the portal reads back with ``date.fromisoformat`` (the very parser it applies)."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise ValueError("không phải ngày dạng YYYY-MM-DD") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"năm phải trong khoảng {FIRST_YEAR}–{LAST_YEAR}")
    return text


def _iso_moment(text: str) -> str:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError("không phải thời điểm ISO 8601") from None
    if moment.tzinfo is None:
        raise ValueError("thiếu múi giờ")
    _plausible(moment)
    return text


# Dates inside act payloads stay text (the history keeps what the desk wrote); these check
# that the portal's own parsers will read them.
IsoDate = Annotated[str, StringConstraints(max_length=10), AfterValidator(_iso_date)]
IsoMoment = Annotated[str, StringConstraints(max_length=40), AfterValidator(_iso_moment)]


class Wire(BaseModel):
    """Replies: a newer portal may add fields; an older desk ignores what it does not know."""

    model_config = ConfigDict(extra="ignore", frozen=True)


class Request(BaseModel):
    """What a desk sends: the portal refuses anything it does not know, with a clear 422.
    Integers are JSON's (``true`` or ``"5"`` is not a number) and every text is bounded."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class OfficeWire(Wire):
    code: Code
    name: Name
    address: Address = ""
    level: Code
    tax_code: Code = ""


class OfficerWire(Wire):
    username: Code
    full_name: Name
    role: Code
    office_code: Code
    password_hash: Text  # scrypt, so an officer can log in at the desk while offline
    disabled: bool = False


class PaperWire(Wire):
    name: Name
    kind: int = 1
    count: int = 1
    file_name: FileName = ""
    sha256: Code = ""


class ActWire(Wire):
    act_id: Id
    act: Code
    version: int
    from_state: Code | None
    to_state: Code
    officer: Code
    desk_id: Id | None
    at: datetime
    payload: dict[str, Any]
    # The portal's seal on an act it made itself (a citizen's, online): what lets a desk
    # give it back to a portal restored from a backup without it (``GiveBackRequest``).
    seal: str = ""


class DossierPaymentWire(Wire):
    """A fee paid or refunded for the dossier, wherever it was recorded: online on the
    portal (level 4) or at any desk of the office; so no desk collects it a second time."""

    id: Id
    kind: Literal["payment", "refund"] = "payment"
    method: Literal["cash", "online", "post"]
    amount: int
    items: list[dict[str, Any]] = Field(default_factory=list, max_length=MAX_PAPERS)
    reference: Code = ""
    refund_of: Id | None = None
    at: datetime
    seal: str = ""  # on a payment made online: the portal's seal (``GiveBackRequest``)


class DossierWire(Wire):
    id: Id
    code: Code
    office_code: Code
    procedure_code: Code
    level: int
    channel: int
    applicant_name: Name
    id_number: IdNumber = ""
    phone: Phone = ""
    email: Email = ""
    address: Address = ""
    state: Code
    version: int
    submitted_at: datetime
    received_at: datetime | None = None
    due_date: date | None = None
    due_session: Code | None = None
    due_at: datetime | None = None
    # The appointment of the acceptance, moved only by pauses (never by a re-appointment);
    # absent from portals that predate it, when the desk takes due_* instead.
    original_due_date: date | None = None
    original_due_session: Code | None = None
    original_due_at: datetime | None = None
    resolved_at: datetime | None = None
    papers: list[PaperWire] = Field(default_factory=list, max_length=MAX_PAPERS)
    payments: list[DossierPaymentWire] = Field(default_factory=list)


class SubmissionWire(Request):
    """What a citizen submits on the portal, bounded like the wire: an oversized field is
    refused before anything is stored (``service.submit_dossier``)."""

    LABELS: ClassVar[dict[str, str]] = {
        "procedure_code": "Mã thủ tục", "applicant_name": "Họ tên người nộp",
        "id_number": "Số định danh", "phone": "Số điện thoại", "email": "Thư điện tử",
        "address": "Địa chỉ", "papers": "Thành phần hồ sơ", "level": "Mức độ",
        "channel": "Kênh nộp",
    }  # fmt: skip

    procedure_code: Code = needed()
    applicant_name: Name = needed()
    level: Literal[3, 4]
    channel: Literal[1, 2, 3]
    id_number: IdNumber = ""
    phone: Phone = ""
    email: Email = ""
    address: Address = ""
    papers: list[PaperWire] = Field(default_factory=list, max_length=MAX_PAPERS)


class ChangeWire(Wire):
    seq: int
    dossier: DossierWire
    acts: list[ActWire]  # the dossier's whole history on the portal


class ChangesPage(Wire):
    epoch: str  # changes when the portal database is re-created, not when restored
    head_seq: int  # the newest change the portal has
    changes: list[ChangeWire]
    next_seq: int  # the cursor after this page
    # Fingerprints of the changes at ``since`` and at ``next_seq``: a desk whose stored
    # fingerprint no longer matches knows the portal's history changed under it (a restored
    # backup), even when the sequence has since grown past its cursor again.
    since_check: str | None = None
    next_check: str | None = None
    reference_tag: str = ""  # changes when the catalogue or the office's accounts change
    # Changes when a desk of the office registers a document key or is revoked: the desk
    # then asks for the office's keys again (a revoked desk's papers stop verifying).
    document_keys_tag: str = ""
    # The province calendar's version (holidays, swaps, office hours): when it moves the
    # desk fetches ``…/calendar`` again. 0 from a portal that has none.
    calendar_version: int = 0


class DossierActWire(ActWire):
    """An act with the dossier it belongs to (the snapshot lists a page's acts apart)."""

    dossier_id: Id


class SnapshotPage(Wire):
    epoch: str
    cursor: int  # where the change feed continues once the snapshot is loaded
    cursor_check: str | None = None
    reference_tag: str = ""
    dossiers: list[DossierWire]
    # The history of this page's dossiers, by dossier and version. A portal of the release
    # before sends none: the desk then holds the dossiers without their timeline.
    acts: list[DossierActWire] = []
    next_after: str | None  # pass back as ``after`` for the next page; None at the end


# --- what desks push: events, each judged on its own ---------------------------------------


class EventWire(Request):
    """One act done at a desk, as queued in its outbox. Its payload is checked against the
    act's own schema (``ACT_PAYLOADS``)."""

    schema_: Integer = Field(alias="schema", default=1)
    event_id: Id
    desk_id: Id
    kind: Literal["dossier.act"]
    act_id: Id
    act: Act
    dossier_id: Id
    dossier_code: Code
    base_version: Integer = Field(ge=0, le=MAX_SEQ)
    version: Integer = Field(ge=0, le=MAX_SEQ)
    from_state: DossierState | None
    to_state: DossierState
    portal_status: Integer = Field(ge=0, le=99)
    officer: Code
    at: Moment
    payload: dict[str, Any]


class FeeItemWire(Request):
    name: Name = needed()
    kind: Literal["phi", "le_phi"]
    amount: Integer = Field(ge=0, le=MAX_AMOUNT)


class ReceiptIssuedWire(Request):
    """A receipt a desk issued (biên lai thu phí, lệ phí), from a block allotted to it."""

    schema_: Integer = Field(alias="schema", default=1)
    event_id: Id
    desk_id: Id
    kind: Literal["receipt.issued"]
    receipt_id: Id
    block_id: Id
    form_symbol: Code
    series: Code
    number: Integer = Field(ge=1, le=9_999_999)
    payment_id: Id
    dossier_id: Id
    dossier_code: Code
    payer_name: Name = needed()
    payer_address: Address
    items: list[FeeItemWire] = Field(min_length=1, max_length=MAX_PAPERS)
    amount: Integer = Field(ge=1, le=MAX_AMOUNT)
    amount_in_words: Text
    officer: Code
    issued_at: Moment
    replaces: Id | None


class ReceiptVoidedWire(Request):
    schema_: Integer = Field(alias="schema", default=1)
    event_id: Id
    desk_id: Id
    kind: Literal["receipt.voided"]
    receipt_id: Id
    series: Code
    number: Integer = Field(ge=1, le=9_999_999)
    dossier_id: Id
    dossier_code: Code
    reason: Text = needed()
    officer: Code
    voided_at: Moment


class PaymentWire(Request):
    """A fee paid at (or refunded by) a desk. An amount other than what the schedule says
    is still owed needs ``approved_by``: a supervisor of the office (as at the desk)."""

    schema_: Integer = Field(alias="schema", default=1)
    event_id: Id
    desk_id: Id
    kind: Literal["fee.payment"]
    payment_id: Id
    dossier_id: Id
    dossier_code: Code
    payment_kind: Literal["payment", "refund"]
    method: Literal["cash", "online", "post"]
    amount: Integer = Field(ge=1, le=MAX_AMOUNT)
    items: list[FeeItemWire] = Field(max_length=MAX_PAPERS)
    reference: Code
    reason: Text
    refund_of: Id | None
    approved_by: Code | None = None  # the supervisor's username
    at: Moment


AnyEvent = Annotated[
    EventWire | ReceiptIssuedWire | ReceiptVoidedWire | PaymentWire, Field(discriminator="kind")
]
EVENT_MODELS: dict[str, type[EventWire | ReceiptIssuedWire | ReceiptVoidedWire | PaymentWire]] = {
    "dossier.act": EventWire,
    "receipt.issued": ReceiptIssuedWire,
    "receipt.voided": ReceiptVoidedWire,
    "fee.payment": PaymentWire,
}


# --- act payloads: which keys each act carries, their types and bounds --------------------


class DueWire(Request):
    """An appointment or a step's due moment (``desktop.core.pauses.due_dict``)."""

    date: IsoDate
    session: DaySession
    deadline: IsoMoment


class PaperCheckWire(Request):
    position: Integer = Field(ge=0, le=MAX_PAPERS)
    name: Name
    verdict: PaperVerdict
    note: Text = ""


class OriginalCheckWire(PaperCheckWire):
    verdict: OriginalVerdict  # type: ignore[assignment]


class PaperProblemWire(Request):
    name: Name
    problem: Code
    note: Text = ""


class StepWire(Request):
    department: Name
    due: DueWire | None = None
    timeliness: Timeliness | None = None


class OverrideWire(Request):
    supervisor: Code = needed()  # the username of a supervisor of the office
    reason: Text = needed()


Checks = list[PaperCheckWire]
Days = Annotated[float, Field(ge=0, le=3650)]


class ReceivePayload(Request):
    submitted_at: IsoMoment
    papers: Integer = Field(ge=0, le=MAX_PAPERS)


class AcceptPayload(Request):
    received_at: IsoMoment
    appointment: DueWire
    processing_time: Name
    checks: Checks = Field(default_factory=list, max_length=MAX_PAPERS)
    notice: Notice = ""


class ResumePayload(Request):
    """What an act ending a wait on the citizen adds (``desktop.core.pauses.resumption``)."""

    paused_since: IsoMoment | None = None
    extended_by_sessions: Integer = Field(default=0, ge=0, le=100_000)
    appointment: DueWire | None = None
    original_appointment: DueWire | None = None  # when a re-appointment made them differ
    extended_step_due: DueWire | None = None


class RequestSupplementPayload(Request):
    reason: Text = needed()
    papers: list[PaperProblemWire] = Field(min_length=1, max_length=MAX_PAPERS)
    checks: Checks = Field(default_factory=list, max_length=MAX_PAPERS)
    notice: Notice = ""
    paused: StrictBool = False


class RecordSupplementPayload(ResumePayload):
    note: Text = ""


class ReasonPayload(Request):
    reason: Text = needed()


class RefusePayload(ReasonPayload):
    checks: Checks = Field(default_factory=list, max_length=MAX_PAPERS)
    notice: Notice = ""


class WithdrawPayload(Request):
    reason: Text = ""
    notice: Notice = ""


class StopPayload(ReasonPayload):
    notice: Notice = ""


class HandOverPayload(Request):
    department: Name = needed()
    receiver: Name = ""
    batch_id: Id | None = None
    step_due: DueWire | None = None
    allotted_days: Days | None = None
    step_due_capped: StrictBool = False  # the days asked for would pass the dossier's due


class HandOnPayload(HandOverPayload):
    note: Text = ""
    step: StepWire | None = None


class ConsultPayload(Request):
    departments: list[Name] = Field(min_length=1, max_length=50)
    question: Text = needed()


class RequestPaymentPayload(ReasonPayload):
    amount: Integer = Field(ge=1, le=MAX_AMOUNT)


class ConfirmPaymentPayload(ResumePayload):
    reference: Code = needed()


class ReappointPayload(ReasonPayload):
    appointment: DueWire
    notice: Notice = ""
    extended_step_due: DueWire | None = None


class OutcomePayload(Request):
    """What recording a result or a reasoned refusal says of the step and of the dossier."""

    document_number: Code = ""  # the department's document (``processing.record_result``)
    step: StepWire | None = None
    timeliness: Timeliness | None = None
    timeliness_against_appointment: Timeliness | None = None


class RecordResultPayload(OutcomePayload):
    note: Text = ""
    notice: Notice = ""
    sha256: Sha256 | None = None
    file_name: FileName = ""


class DenyPayload(OutcomePayload):
    reason: Text = needed()
    signer: Name = ""  # the leader who signs the reasoned document
    notice: Notice = ""
    sha256: Sha256 | None = None  # the signed refusal document, for a level-4 return online
    file_name: FileName = ""


class ResultDocumentWire(Request):
    """A signed document returned online: the department's result or reasoned refusal,
    uploaded to the portal before the act (``/results/{sha256}``)."""

    sha256: Sha256
    file_name: FileName = needed()
    kind: Literal["result", "refusal"]


class ReturnOnlinePayload(Request):
    documents: list[ResultDocumentWire] = Field(min_length=1, max_length=MAX_PAPERS)
    notice: Notice = ""


class ReturnInPersonPayload(Request):
    receiver: Name = needed()
    originals: list[OriginalCheckWire] = Field(default_factory=list, max_length=MAX_PAPERS)
    signed: StrictBool = False
    override: OverrideWire | None = None  # a supervisor let the result go (originals differ)


class ReturnByPostPayload(Request):
    tracking_number: Code = needed()
    postage: Integer = Field(default=0, ge=0, le=MAX_AMOUNT)  # the return postage received
    postage_references: list[Code] = Field(default_factory=list, max_length=MAX_PAPERS)
    postal_references: list[Code | None] = Field(default_factory=list, max_length=MAX_PAPERS)
    originals: list[OriginalCheckWire] = Field(default_factory=list, max_length=MAX_PAPERS)
    override: OverrideWire | None = None  # a supervisor let the result go (originals differ)


class ReceiveByPostPayload(Request):
    postal_reference: Code = needed()
    # Each paper's original beside its scan (older desks sent one yes/no for all of them).
    originals: list[OriginalCheckWire] | StrictBool = False
    note: Text = ""
    postage: Integer = Field(default=0, ge=0, le=MAX_AMOUNT)  # for sending the result back


class ComplainPayload(Request):
    kind: Code = needed()
    content: Text = needed()
    channel: Name = ""
    complaint_id: Id


class ResolveComplaintPayload(Request):
    complaint_id: Id
    resolution: Text = needed()


class FeedbackPayload(Request):
    rating: Code = needed()
    comment: Text = ""


ACT_PAYLOADS: dict[Act, type[Request]] = {
    Act.RECEIVE: ReceivePayload,
    Act.ACCEPT: AcceptPayload,
    Act.REQUEST_SUPPLEMENT: RequestSupplementPayload,
    Act.RECORD_SUPPLEMENT: RecordSupplementPayload,
    Act.REFUSE: RefusePayload,
    Act.HAND_OVER: HandOverPayload,
    Act.REQUEST_PAYMENT: RequestPaymentPayload,
    Act.CONFIRM_PAYMENT: ConfirmPaymentPayload,
    Act.REAPPOINT: ReappointPayload,
    Act.RECORD_RESULT: RecordResultPayload,
    Act.DENY: DenyPayload,
    Act.RETURN_IN_PERSON: ReturnInPersonPayload,
    Act.RETURN_BY_POST: ReturnByPostPayload,
    Act.RETURN_ONLINE: ReturnOnlinePayload,
    Act.WITHDRAW: WithdrawPayload,
    Act.STOP: StopPayload,
    Act.HAND_ON: HandOnPayload,
    Act.CONSULT: ConsultPayload,
    Act.RECEIVE_BY_POST: ReceiveByPostPayload,
    Act.COMPLAIN: ComplainPayload,
    Act.RESOLVE_COMPLAINT: ResolveComplaintPayload,
    Act.FEEDBACK: FeedbackPayload,
}


def act_payload(act: Act, payload: dict[str, Any]) -> Request:
    """The payload checked against its act's schema (``ValidationError`` when it does not fit)."""
    return ACT_PAYLOADS[act].model_validate(payload)


def text_problem(value: object) -> str | None:
    """Where in a pushed body (keys included) a text no database could store hides, if any."""
    if isinstance(value, str):
        try:
            valid_text(value)
        except ValueError as exc:
            return str(exc)
    elif isinstance(value, dict):
        for key, item in value.items():
            problem = text_problem(key) or text_problem(item)
            if problem:
                return f"{shorten(key)}: {problem}"
    elif isinstance(value, list):
        for n, item in enumerate(value):
            problem = text_problem(item)
            if problem:
                return f"{n}: {problem}"
    return None


# Pydantic's words for the common mistakes, in Vietnamese (others keep pydantic's message).
_PROBLEMS_VI = {
    "missing": "thiếu",
    "extra_forbidden": "không có trong giao thức",
    "value_error": "{error}",
    "string_too_long": "dài quá {max_length} ký tự",
    "string_too_short": "không được để trống",
    "string_pattern_mismatch": "không đúng dạng",
    "string_type": "phải là chuỗi",
    "string_unicode": "chứa nửa cặp ký tự UTF-16 (surrogate) đơn lẻ",
    "int_type": "phải là số nguyên",
    "bool_type": "phải là true hoặc false",
    "dict_type": "phải là một đối tượng",
    "list_type": "phải là một danh sách",
    "model_type": "phải là một đối tượng",
    "greater_than_equal": "phải từ {ge} trở lên",
    "less_than_equal": "phải từ {le} trở xuống",
    "too_long": "nhiều quá {max_length} mục",
    "too_short": "phải có ít nhất {min_length} mục",
    "literal_error": "phải là {expected}",
    "enum": "phải là {expected}",
    "timezone_aware": "thiếu múi giờ",
    "datetime_from_date_parsing": "không phải thời điểm ISO 8601",
    "datetime_parsing": "không phải thời điểm ISO 8601",
    "datetime_type": "không phải thời điểm ISO 8601",
    "date_from_datetime_parsing": "không phải ngày dạng YYYY-MM-DD",
    "json_invalid": "JSON hỏng",
}


def describe_errors(
    exc: ValidationError,
    prefix: str = "",
    limit: int = 5,
    labels: Mapping[str, str] | None = None,
) -> str:
    """A short, readable account of what did not fit (never the offending value itself);
    ``labels`` name the fields for people (“Họ tên người nộp” rather than applicant_name)."""
    parts = []
    for error in exc.errors(include_input=False)[:limit]:
        loc = ((prefix,) if prefix else ()) + tuple(error["loc"])
        if loc and labels and str(loc[0]) in labels:
            loc = (labels[str(loc[0])], *loc[1:])
        where = ".".join(shorten(p) for p in loc)
        parts.append(f"{where}: {problem_vi(error)}" if where else problem_vi(error))
    more = len(exc.errors()) - limit
    return "; ".join(parts) + (f"; và {more} lỗi khác" if more > 0 else "")


def problem_vi(error: Mapping[str, Any]) -> str:
    """One validation error in words: Vietnamese for the common ones, else pydantic's."""
    template = _PROBLEMS_VI.get(error["type"])
    text = template.format(**error.get("ctx", {})) if template else str(error["msg"])
    return shorten(text, 300)


def shorten(part: object, width: int = 40) -> str:
    """A piece of what a client sent, safe to echo: at most ``width`` characters, any half
    of a UTF-16 pair replaced by “?”."""
    text = str(part).encode("utf-8", "replace").decode("utf-8")
    return text if len(text) <= width else text[: width - 1] + "…"


class ReceiptBlockRequest(Request):
    """Ask for a block of receipt numbers; the same ``request_id`` always gets the same
    block back, so a reply lost on the way never costs numbers."""

    request_id: Annotated[str, StringConstraints(min_length=8, max_length=MAX_CODE), Clean, NO_NUL]
    size: Integer = Field(ge=1, le=1000)


class RetiredBlockWire(Request):
    """A block a restored desk gave up: the last number it used (None: none it knows of)."""

    block_id: Id
    # The bounds before the JSON-number check, so the schema a client reads carries them.
    last_used: Annotated[int, Field(ge=1, le=9_999_999), BeforeValidator(_json_number)] | None = (
        None
    )


class RetiredBlocksRequest(Request):
    """Sent once after a restore: the blocks the restore retired, and every block the
    desk still holds (``keep``). Any other block of the desk still open at the portal was
    allotted after the backup was made, to the database that was lost: it is closed too."""

    blocks: list[RetiredBlockWire] = Field(max_length=1000)
    keep: list[Id] = Field(default=[], max_length=10_000)


class ClosedBlockWire(Wire):
    """A block the portal closed: numbers ``void_first``–``void_last`` (none when first >
    last) are recorded as never issued, and never allotted again."""

    block_id: str
    series: str
    void_first: int
    void_last: int


class ClosedBlocksReply(Wire):
    closed: list[ClosedBlockWire]


class ReceiptBlockWire(Wire):
    id: str
    form_symbol: str
    series: str
    first: int
    last: int
    seal: str = ""  # the portal's seal, so the desk can give the block back after a restore


# --- giving back what a restored portal lost -------------------------------------------------

MAX_GIVE_BACK = 500


class GiveBackFact(Request):
    """A fact the portal sealed and sent a desk, sent back as the desk received it: an act
    of the portal's own (``ActWire``), a payment made online (``DossierPaymentWire``), or a
    receipt block allotted to this desk (``ReceiptBlockWire``), seal included."""

    kind: Literal["act", "payment", "receipt_block"]
    dossier_id: Id | None = None  # an act's or payment's dossier
    body: dict[str, Any]


class GiveBackRequest(Request):
    facts: list[GiveBackFact] = Field(max_length=MAX_GIVE_BACK)


class GiveBackResult(Wire):
    # restored: the portal holds it again, with its id, time and author; present: it
    # never lost it; waiting: an act whose earlier versions the portal does not hold yet
    # (a desk will push them); refused: not sealed by this portal, not this desk's office
    # or block, or the portal moved on another way since (the message says which).
    id: str
    status: Literal["restored", "present", "waiting", "refused"]
    message: str = ""
    version: int | None = None  # an act's dossier: its version on the portal now


class GiveBackReply(Wire):
    results: list[GiveBackResult]


EventStatus = Literal["applied", "duplicate", "conflict", "rejected"]


class EventResult(Wire):
    event_id: str
    status: EventStatus
    seq: int | None = None  # the change that recorded it on the portal
    message: str = ""


class PushRequest(Request):
    # Each event is judged on its own: a malformed one is answered ``rejected`` with its
    # reason and the others still apply, so the events' schema is documented here but
    # checked event by event (``service.apply_events``), never for the push as a whole.
    events: list[SkipValidation[AnyEvent]] = Field(max_length=MAX_EVENTS_PER_PUSH)


class PushResponse(Wire):
    results: list[EventResult]


class EnrolRequest(Request):
    code: Code
    desk_uuid: Id
    desk_name: Name = ""


class EnrolResponse(Wire):
    desk_id: str
    token: str
    office: OfficeWire
    epoch: str


class CatalogueWire(Wire):
    procedures: list[dict[str, Any]]


Span = Annotated[str, StringConstraints(pattern=r"^\d\d:\d\d-\d\d:\d\d$")]


class CalendarYearWire(Wire):
    year: int = Field(ge=2000, le=2199)
    note: Text = ""


class CalendarDayWire(Wire):
    day: date
    kind: Literal["off", "work"]
    note: Text = ""
    source: Text = ""


class OfficeHoursWire(Wire):
    morning: Span
    afternoon: Span


class CalendarWire(Wire):
    """Lịch làm việc của tỉnh as one office's desks need it (``ProvinceCalendar.to_dict``):
    the declared years, their days off and make-up days, and the office's own hours."""

    version: int = Field(ge=0)
    years: list[CalendarYearWire]
    days: list[CalendarDayWire]
    hours: dict[Code, OfficeHoursWire] = Field(default_factory=dict)


class OfficersWire(Wire):
    officers: list[OfficerWire]


class DigestRequest(Request):
    """Reconciliation: digests of (dossier id, version) for id prefixes."""

    prefixes: list[Prefix] = Field(max_length=4096)
    # list the pairs of small ranges …
    list_below: Integer = Field(default=64, ge=0, le=1000)
    # … whose digest differs from these
    # (keys are only compared with the prefixes, never stored nor queried)
    known: dict[Annotated[str, StringConstraints(max_length=MAX_ID)], Code] = Field(
        default_factory=dict, max_length=4096
    )


class RangeDigest(Wire):
    prefix: str
    count: int
    digest: str
    items: list[tuple[str, int]] | None = None  # (id, version), when count ≤ list_below


class DigestReply(Wire):
    ranges: list[RangeDigest]


class ErrorWire(Wire):
    detail: str


MAX_RESULT_FILE = 64 * 1024 * 1024  # a signed result document: a few pages of PDF
MAX_UPLOAD_CHUNK = 4 * 1024 * 1024  # well under the portal's 8 MiB body limit


class UploadStatusWire(Wire):
    """How much of a result document the portal holds: the desk continues from
    ``received``; ``complete`` once the whole file hashed to its name."""

    sha256: str
    size: int
    received: int
    complete: bool


def body_hash(body: dict[str, Any]) -> str:
    """The fingerprint that tells an identical resend from a different body with the same id."""
    canonical = json.dumps(
        body, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    # surrogatepass: a body holding half a UTF-16 pair still gets a fingerprint (and is then
    # rejected); every other body keeps the fingerprint it always had.
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def range_digest(pairs: list[tuple[str, int]]) -> str:
    """The digest both ends compute over a range's (id, version) pairs, sorted by id."""
    h = hashlib.sha256()
    for dossier_id, version in sorted(pairs):
        h.update(f"{dossier_id}:{version}\n".encode())
    return h.hexdigest()


def digest_ranges(
    pairs_by_prefix: dict[str, list[tuple[str, int]]],
    list_below: int,
    known: dict[str, str] | None = None,
) -> list[RangeDigest]:
    """Digests per prefix; the pairs themselves for small ranges that differ from ``known``
    (all small ranges when nothing is known), so matching ranges cost one digest each."""
    ranges = []
    for prefix, pairs in pairs_by_prefix.items():
        digest = range_digest(pairs)
        small = len(pairs) <= list_below
        differs = known is None or known.get(prefix) != digest
        items = sorted(pairs) if small and differs else None
        ranges.append(RangeDigest(prefix=prefix, count=len(pairs), digest=digest, items=items))
    return ranges


class DocumentKeyRequest(Request):
    """A desk's public key for the documents it prints (Ed25519, raw, base64url)."""

    public_key: Annotated[str, StringConstraints(min_length=43, max_length=44), Clean, NO_NUL]


class SignerKeyWire(Wire):
    """A desk's document key and what binds it: the desk, its office, the days it signs for."""

    key_id: str
    public_key: str
    desk_id: str
    office_code: str
    registered_at: datetime  # papers dated before are not its
    revoked_at: datetime | None = None  # its desk's revocation: papers dated after are not its


class DocumentKeysWire(Wire):
    keys: dict[str, str]  # key id → public key of the office's desks not revoked (older desks)
    signers: list[SignerKeyWire] = []  # every key of the office's desks, revoked ones too
    tag: str = ""  # the ``document_keys_tag`` these keys answer to


class VerifyRequest(Request):
    # what the document's QR code says
    text: Annotated[str, StringConstraints(min_length=1, max_length=600), Clean, NO_NUL]


class VerifyReply(Wire):
    valid: bool
    message: str


# --- the audit chain's anchor ------------------------------------------------------------

SHA256_HEX = r"^[0-9a-f]{64}$"


class AuditAnchorRequest(Request):
    """The head of the desk's audit chain, and the proof that its chain still holds the
    entry the portal anchored last: the desk's own hash of its entry ``proof_seq``."""

    seq: Integer = Field(ge=1, le=MAX_SEQ)
    hash: str = Field(pattern=SHA256_HEX)
    proof_seq: Integer = Field(ge=0, le=MAX_SEQ)  # 0 before the first anchor
    proof_hash: str = Field(default="", pattern=r"^([0-9a-f]{64})?$")  # "" when missing


class AuditHeadWire(Wire):
    """The head the portal holds for a desk (seq 0: none yet), and how many heads of that
    desk it refused as not continuing it (a sign the desk's log was rewritten), and how
    many restores from a backup it accepted (the chain went on from an older point)."""

    seq: int = 0
    hash: str = ""
    refused: int = 0
    restores: int = 0


class AuditAnchorReply(Wire):
    # anchored: the portal now holds the head sent; prove: the portal holds another seq
    # than ``proof_seq`` (send again with the proof at ``head.seq``); refused: the chain no
    # longer holds the anchored entry, or went backwards — recorded at the portal.
    status: Literal["anchored", "prove", "refused"]
    head: AuditHeadWire
    message: str = ""


class AuditRestoreRequest(Request):
    """A desk restored from its backup declares it: the backup's head (which the portal
    must have accepted from this desk before) and the restore's own entry, written right
    after it — its fields, so the portal can check that its hash chains to the backup's
    head: the chain the desk goes on with holds, unchanged, every entry the portal saw."""

    backup_seq: Integer = Field(ge=1, le=MAX_SEQ)
    backup_hash: str = Field(pattern=SHA256_HEX)
    seq: Integer = Field(ge=1, le=MAX_SEQ)  # the restore's entry (``backup.restore``)
    hash: str = Field(pattern=SHA256_HEX)
    # The entry's other fields, as its hash covers them (``action`` is ``backup.restore``).
    at: Annotated[str, StringConstraints(min_length=1, max_length=40), Clean, NO_NUL]
    officer_id: Annotated[int, Field(ge=1, le=MAX_SEQ), BeforeValidator(_json_number)] | None = None
    desk_id: Id
    subject: Text
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    restored_by: Annotated[str, StringConstraints(max_length=64), Clean, NO_NUL] = ""


class AuditRestoreReply(Wire):
    # accepted: the portal now holds the restore's entry as the head; refused: the backup's
    # head is not one the portal accepted from this desk (nothing changed at the portal).
    status: Literal["accepted", "refused"]
    head: AuditHeadWire
    message: str = ""
