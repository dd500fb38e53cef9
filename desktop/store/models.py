"""Bảng dữ liệu của bàn một cửa — the desk's tables (SQLAlchemy 2.x, SQLite).

History tables (``acts``, ``audit_log``) are append-only: database triggers refuse UPDATE
and DELETE on them (see the first migration). ``dossiers`` holds the current state,
kept consistent with ``acts`` in the same transaction by the services.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    Computed,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    literal_column,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from desktop.core.lifecycle import DossierState
from desktop.core.moments import from_utc_text, utc_text


class UTCDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as UTC ISO text, so it sorts and never loses its zone."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return utc_text(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return from_utc_text(value)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        date: Date,
    }


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[dict[str, Any]] = mapped_column(JSON)


class Office(Base):
    """Cơ quan, đơn vị có bộ phận một cửa."""

    __tablename__ = "offices"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    address: Mapped[str] = mapped_column(Text, default="")
    level: Mapped[str] = mapped_column(String(16))
    tax_code: Mapped[str] = mapped_column(String(16), default="")


class Officer(Base):
    """Cán bộ — an account that can log in at this desk."""

    __tablename__ = "officers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"))
    password_hash: Mapped[str] = mapped_column(Text)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)  # khoá bởi quản trị
    created_at: Mapped[datetime]


class ProcedureRow(Base):
    """Thủ tục hành chính, as the desk last received it."""

    __tablename__ = "procedures"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    sector: Mapped[str] = mapped_column(Text)
    level: Mapped[int] = mapped_column(Integer)
    processing_amount: Mapped[str] = mapped_column(String(16))  # Decimal as text
    processing_unit: Mapped[str] = mapped_column(String(8))
    # HH:MM, only for "trong ngày" procedures (0 days); migration 0007
    processing_cutoff: Mapped[str | None] = mapped_column(String(5), nullable=True)
    department: Mapped[str] = mapped_column(Text)
    office_level: Mapped[str] = mapped_column(String(16))
    papers: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    fees: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    sample: Mapped[bool] = mapped_column(Boolean, default=False)


_FINAL_STATES = ", ".join(f"'{s.value}'" for s in DossierState if s.is_final)
_IS_OPEN_SQL = f"state NOT IN ({_FINAL_STATES})"


class Dossier(Base):
    """Hồ sơ — current state; its history lives in ``acts``."""

    __tablename__ = "dossiers"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # portal's UUID
    code: Mapped[str] = mapped_column(String(64), unique=True)  # mã hồ sơ
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"))
    procedure_code: Mapped[str] = mapped_column(ForeignKey("procedures.code"))
    level: Mapped[int] = mapped_column(Integer)
    channel: Mapped[int] = mapped_column(Integer)  # 1 trực tiếp, 2 trực tuyến, 3 bưu chính
    applicant_name: Mapped[str] = mapped_column(Text)
    applicant_folded: Mapped[str] = mapped_column(Text)  # no diacritics, for search
    id_number: Mapped[str] = mapped_column(String(16), default="")  # CCCD
    phone: Mapped[str] = mapped_column(String(16), default="")
    email: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(24))
    version: Mapped[int] = mapped_column(Integer)  # number of acts applied
    submitted_at: Mapped[datetime]
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    due_session: Mapped[str | None] = mapped_column(String(10), nullable=True)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # The appointment given at acceptance, moved only by the waits on the citizen (the
    # clock stood still), never by a re-appointment: lateness is judged against it, as
    # the law counts it; due_* above is the appointment the citizen now holds.
    original_due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    original_due_session: Mapped[str | None] = mapped_column(String(10), nullable=True)
    original_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # When the department's result (or reasoned refusal) was recorded: the moment that
    # decides early / on time / late, whenever the citizen collects it.
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    updated_at: Mapped[datetime]
    # The department that holds the dossier — that of its latest hand-over or hand-on act
    # ('' if that act named none), and when that act happened; both NULL while the desk
    # holds it. Written with those acts (``desktop.services.dossiers``, sync's
    # ``apply_changes``) so a report reads who held each dossier from its row instead of
    # searching its acts; a test checks they agree with the acts.
    held_by: Mapped[str | None] = mapped_column(Text, nullable=True)
    held_since: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    # Derived from state by SQLite itself (never written), for reading by hand; the desk's
    # queries use ``DOSSIER_IS_OPEN``, which its open-queue index answers alone.
    is_open: Mapped[bool] = mapped_column(Boolean, Computed(_IS_OPEN_SQL, persisted=False))

    __table_args__ = (
        Index("ix_dossiers_id_number", "id_number"),
        Index("ix_dossiers_phone", "phone"),
        # The open queue in due order with its ids, open dossiers only (migration 0012):
        # a query reaches it only through ``DOSSIER_IS_OPEN`` below.
        Index(
            "ix_dossiers_open_queue",
            "office_code",
            "due_at",
            "submitted_at",
            "id",
            "state",
            sqlite_where=text(_IS_OPEN_SQL),
        ),
        Index(
            "ix_dossiers_office_state_procedure_due",
            "office_code",
            "state",
            "procedure_code",
            "due_at",
            "submitted_at",
        ),
        Index("ix_dossiers_office_due", "office_code", "due_at", "submitted_at"),
        # The names as they begin, with the ids: the name search (migration 0013).
        Index("ix_dossiers_office_name", "office_code", "applicant_folded", "id"),
    )


# "The dossier is open", word for word the condition of the open-queue index: SQLite uses a
# partial index only for a query whose WHERE holds its condition as written (literal
# states, not bound parameters), and then reads the open ids from that index alone. The
# generated ``is_open`` column cannot do this: an index naming a generated column is never
# covering. ``tests/unit/test_queue_index.py`` checks the plan.
DOSSIER_IS_OPEN = Dossier.state.not_in(
    [literal_column(f"'{s.value}'") for s in DossierState if s.is_final]
)


class DossierPaper(Base):
    """Giấy tờ trong hồ sơ, with the scan the citizen attached."""

    __tablename__ = "dossier_papers"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    kind: Mapped[int] = mapped_column(Integer)
    count: Mapped[int] = mapped_column(Integer, default=1)
    file_name: Mapped[str] = mapped_column(Text, default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")


class ActRow(Base):
    """Một thao tác đã ghi — an act, append-only."""

    __tablename__ = "acts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    act_id: Mapped[str] = mapped_column(String(36), unique=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"))
    version: Mapped[int] = mapped_column(Integer)  # the dossier's version after this act
    act: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str | None] = mapped_column(String(24), nullable=True)
    to_state: Mapped[str] = mapped_column(String(24))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), nullable=True)
    desk_id: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime]
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    # The citizen's rating of a feedback act (its payload's "rating"), beside the payload so
    # a report counts ratings from an index without reading each act's JSON.
    rating: Mapped[str | None] = mapped_column(String(16), nullable=True)

    # Not unique: after a sync conflict the desk keeps its own refused act *and* the portal's
    # act of the same version (history is never rewritten); sync_conflicts tells them apart.
    __table_args__ = (Index("ix_acts_dossier_version", "dossier_id", "version"),)


class AuditEntry(Base):
    """Nhật ký kiểm tra — hash-chained, append-only."""

    __tablename__ = "audit_log"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime]
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), nullable=True)
    desk_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(48))
    subject: Mapped[str] = mapped_column(Text)  # e.g. a dossier code or a username
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class OutboxEvent(Base):
    """Sự kiện chờ gửi lên cổng — cleared (acknowledged) only after the portal says so."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)  # idempotency key
    dossier_id: Mapped[str | None] = mapped_column(ForeignKey("dossiers.id"), nullable=True)
    kind: Mapped[str] = mapped_column(String(32))
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]
    # pending → acked (applied or duplicate) | conflict | rejected (kept, visible, not resent)
    status: Mapped[str] = mapped_column(String(12), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    acked_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    ack_seq: Mapped[int | None] = mapped_column(Integer, nullable=True)  # portal change seq
    message: Mapped[str] = mapped_column(Text, default="")  # the portal's word on it

    __table_args__ = (Index("ix_outbox_status", "status", "id"),)


class SyncConflict(Base):
    """Xung đột đồng bộ — the portal refused an act because the dossier had moved on there.

    Shown to an officer, who resolves it (itself an audited act); never dropped silently.
    """

    __tablename__ = "sync_conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[str] = mapped_column(ForeignKey("outbox.event_id"), unique=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), index=True)
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), nullable=True)


class ReceiptBlock(Base):
    """Dải số biên lai — numbers of one receipt series the portal allotted to this desk.

    A desk issues receipts only inside its blocks, in order, so desks issuing offline at
    the same time never take the same number and a block has no gap.
    """

    __tablename__ = "receipt_blocks"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the portal's block id
    form_symbol: Mapped[str] = mapped_column(String(16))  # ký hiệu mẫu, e.g. 01BLP0-001
    series: Mapped[str] = mapped_column(String(16))  # ký hiệu biên lai, e.g. LC-26T
    first_number: Mapped[int] = mapped_column(Integer)
    last_number: Mapped[int] = mapped_column(Integer)
    allotted_at: Mapped[datetime]


class Payment(Base):
    """Khoản thu (or a refund, Đ10.3) of a dossier's fees: cash, online or by post."""

    __tablename__ = "payments"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8))  # payment | refund
    method: Mapped[str] = mapped_column(String(8))  # cash | online | post
    amount: Mapped[int] = mapped_column(Integer)  # whole đồng, > 0 (a refund too)
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    reference: Mapped[str] = mapped_column(Text, default="")  # postal / online reference
    reason: Mapped[str] = mapped_column(Text, default="")  # differs from schedule, refund
    refund_of: Mapped[str | None] = mapped_column(ForeignKey("payments.id"), nullable=True)
    at: Mapped[datetime]
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), nullable=True)
    approved_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), nullable=True)


class Receipt(Base):
    """Biên lai thu phí, lệ phí. Never altered once issued: a correction voids it (number
    kept, with reason, who and when) and issues a new one; triggers enforce it."""

    __tablename__ = "receipts"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    block_id: Mapped[str] = mapped_column(ForeignKey("receipt_blocks.id"))
    form_symbol: Mapped[str] = mapped_column(String(16))
    series: Mapped[str] = mapped_column(String(16))
    number: Mapped[int] = mapped_column(Integer)
    payment_id: Mapped[str] = mapped_column(ForeignKey("payments.id"), index=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), index=True)
    payer_name: Mapped[str] = mapped_column(Text)
    payer_address: Mapped[str] = mapped_column(Text, default="")
    items: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    amount: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime]
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), nullable=True)
    desk_id: Mapped[str] = mapped_column(String(36))
    replaces: Mapped[str | None] = mapped_column(ForeignKey("receipts.id"), nullable=True)
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), nullable=True)
    voided_by: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), nullable=True)
    void_reason: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (Index("ux_receipts_series_number", "series", "number", unique=True),)


class ReceiptPrint(Base):
    """Each time a receipt was printed: every print after the first is marked as a copy."""

    __tablename__ = "receipt_prints"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    receipt_id: Mapped[str] = mapped_column(ForeignKey("receipts.id"), index=True)
    printed_at: Mapped[datetime]
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), nullable=True)
    copy: Mapped[bool] = mapped_column(Boolean)


class SessionPickup(Base):
    """Lần kiểm tra hồ sơ trực tuyến mới trong một buổi làm việc (Đ12.8), append-only."""

    __tablename__ = "session_pickups"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    session: Mapped[str] = mapped_column(String(10))  # morning | afternoon
    at: Mapped[datetime]
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), nullable=True)
    ok: Mapped[bool] = mapped_column(Boolean)  # the portal answered (False: offline)
    new_dossiers: Mapped[int] = mapped_column(Integer)
    message: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (Index("ix_session_pickups_day", "day", "session"),)


class ReportSignOff(Base):
    """Ký chốt số liệu báo cáo định kỳ (Đ15): the figures as a supervisor signed them,
    append-only (a trigger refuses UPDATE and DELETE; migration 0009)."""

    __tablename__ = "report_signoffs"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"))
    period: Mapped[str] = mapped_column(String(8))  # 2026-11, 2026-Q4, 2026
    rule: Mapped[str] = mapped_column(String(12))  # 15-14 | calendar
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    # {section: {figure: [value, sha256 of its dossier codes]}}
    figures: Mapped[dict[str, Any]] = mapped_column(JSON)
    signed_at: Mapped[datetime]
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officers.id"), nullable=True)
    desk_id: Mapped[str] = mapped_column(String(36))

    __table_args__ = (Index("ix_report_signoffs_period", "office_code", "period", "rule"),)


class PortalFact(Base):
    """What the portal made itself and sealed — a citizen's act online, a payment made
    online, a receipt block allotted to this desk —, kept as the portal sent it (seal
    included) so the desk can give it back to a portal restored from an older backup.
    ``outcome``: "" while the portal holds it, "restored" once given back, "refused" when
    the restored portal could not take it back (``message`` says why)."""

    __tablename__ = "portal_facts"
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    fact_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    dossier_id: Mapped[str | None] = mapped_column(String(36), nullable=True, index=True)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    outcome: Mapped[str] = mapped_column(String(12), default="")
    message: Mapped[str] = mapped_column(Text, default="")
