"""Bảng của cổng tỉnh — the reference portal's tables (SQLite by default, PostgreSQL).

The portal is the system of record. ``changes`` is its strictly increasing change feed:
each change row takes the next value of the single ``seq`` counter row, whose row lock is
held until commit, so changes commit in sequence order and a reader never skips one that
commits late (the classic hole with PostgreSQL sequences).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

from desktop.core.moments import from_utc_text, utc_text


class Moment(TypeDecorator[datetime]):
    """An aware datetime as UTC ISO text: the same on SQLite and PostgreSQL."""

    impl = String(32)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> str | None:
        return utc_text(value)

    def process_result_value(self, value: str | None, dialect: Dialect) -> datetime | None:
        return from_utc_text(value)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: Moment(),
        dict[str, Any]: JSON,
        date: Date,
    }


class Meta(Base):
    """``epoch`` (made once when the database is created) and ``seq`` (the change counter)."""

    __tablename__ = "portal_meta"
    key: Mapped[str] = mapped_column(String(32), primary_key=True)
    text_value: Mapped[str] = mapped_column(Text, default="")
    int_value: Mapped[int] = mapped_column(Integer, default=0)


class PortalOffice(Base):
    __tablename__ = "offices"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    address: Mapped[str] = mapped_column(Text, default="")
    level: Mapped[str] = mapped_column(String(16))
    tax_code: Mapped[str] = mapped_column(String(16), default="")


class EnrolmentCode(Base):
    """Mã ghi danh một lần — stored hashed; used once, within 24 hours of ``created_at``."""

    __tablename__ = "enrolment_codes"
    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"))
    created_at: Mapped[datetime]
    used_at: Mapped[datetime | None] = mapped_column(Moment(), nullable=True)
    desk_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class EnrolmentFailure(Base):
    """A refused enrolment attempt, by client address: what the guess throttle counts. In
    the database, so that every process serving the portal counts the same attempts."""

    __tablename__ = "enrolment_failures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    client: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime]

    __table_args__ = (Index("ix_enrolment_failures_client_at", "client", "at"),)


class PortalDesk(Base):
    """Bàn đã ghi danh — authenticated by a device token stored hashed."""

    __tablename__ = "desks"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    desk_uuid: Mapped[str] = mapped_column(String(36))  # the desk's own identity
    name: Mapped[str] = mapped_column(Text, default="")
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    enrolled_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None] = mapped_column(Moment(), nullable=True)


class PortalOfficer(Base):
    __tablename__ = "officers"
    username: Mapped[str] = mapped_column(String(64), primary_key=True)
    full_name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"))
    password_hash: Mapped[str] = mapped_column(Text)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)


class PortalProcedure(Base):
    __tablename__ = "procedures"
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)


class PortalDossier(Base):
    __tablename__ = "dossiers"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"))
    procedure_code: Mapped[str] = mapped_column(ForeignKey("procedures.code"))
    level: Mapped[int] = mapped_column(Integer)
    channel: Mapped[int] = mapped_column(Integer)
    applicant_name: Mapped[str] = mapped_column(Text)
    id_number: Mapped[str] = mapped_column(String(16), default="")
    phone: Mapped[str] = mapped_column(String(16), default="")
    email: Mapped[str] = mapped_column(Text, default="")
    address: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(24))
    version: Mapped[int] = mapped_column(Integer)
    submitted_at: Mapped[datetime]
    received_at: Mapped[datetime | None] = mapped_column(Moment(), nullable=True)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    due_session: Mapped[str | None] = mapped_column(String(10), nullable=True)
    due_at: Mapped[datetime | None] = mapped_column(Moment(), nullable=True)
    # The acceptance's appointment, moved by pauses, never by a re-appointment (lateness).
    original_due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    original_due_session: Mapped[str | None] = mapped_column(String(10), nullable=True)
    original_due_at: Mapped[datetime | None] = mapped_column(Moment(), nullable=True)
    resolved_at: Mapped[datetime | None] = mapped_column(Moment(), nullable=True)
    papers: Mapped[list[dict[str, Any]]] = mapped_column(JSON)

    # Snapshot pages and reconciliation ranges walk one office's dossiers in id order.
    __table_args__ = (Index("ix_dossiers_office_id", "office_code", "id"),)


class DossierCodeCounter(Base):
    """The last running number of the codes an office gave online dossiers on one local
    day (Asia/Ho_Chi_Minh): the next code takes this row, not a count of every dossier.
    Its row lock is held until the submission commits, so numbers are never skipped."""

    __tablename__ = "dossier_code_counters"
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)


class PortalAct(Base):
    __tablename__ = "acts"
    act_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"))
    version: Mapped[int] = mapped_column(Integer)
    act: Mapped[str] = mapped_column(String(32))
    from_state: Mapped[str | None] = mapped_column(String(24), nullable=True)
    to_state: Mapped[str] = mapped_column(String(24))
    officer: Mapped[str] = mapped_column(String(64))
    desk_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    at: Mapped[datetime]
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)

    __table_args__ = (
        Index("ux_acts_dossier_version", "dossier_id", "version", unique=True),
        # The province's report: a period's acts of some kinds; the acts since a moment.
        Index("ix_acts_act_at", "act", "at"),
        Index("ix_acts_at", "at"),
    )


class PortalEvent(Base):
    """Every event a desk pushed, by its id: the idempotency record (insert or return)."""

    __tablename__ = "events"
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    desk_id: Mapped[str] = mapped_column(ForeignKey("desks.id"))
    body_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(12))
    seq: Mapped[int | None] = mapped_column(Integer, nullable=True)
    message: Mapped[str] = mapped_column(Text, default="")
    received_at: Mapped[datetime]


class PortalConflict(Base):
    """An act based on a stale version: kept for an officer to resolve, never dropped."""

    __tablename__ = "conflicts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(36))
    desk_id: Mapped[str] = mapped_column(String(36))
    dossier_id: Mapped[str] = mapped_column(String(36))
    base_version: Mapped[int] = mapped_column(Integer)
    portal_version: Mapped[int] = mapped_column(Integer)
    portal_state: Mapped[str] = mapped_column(String(24))
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime]


class Change(Base):
    __tablename__ = "changes"
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"))
    office_code: Mapped[str] = mapped_column(String(32))
    at: Mapped[datetime]

    __table_args__ = (Index("ix_changes_office_seq", "office_code", "seq"),)


class Notice(Base):
    """Thông báo điện tử gửi công dân (Đ7, Đ8.2) produced by desk acts."""

    __tablename__ = "notices"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), index=True)
    act_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(32))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class PortalAttachment(Base):
    """Bản quét công dân đính kèm — content-addressed by SHA-256, kept once. ``office_code``
    is where it was first uploaded; who may read it follows ``dossier_scans``."""

    __tablename__ = "attachments"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"))
    content_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class PortalResultUpload(Base):
    """A signed result (or reasoned refusal) a desk uploads for a level-4 dossier returned
    online (Đ9.3), in chunks: ``data`` grows until ``size``; it becomes an attachment of the
    dossier only when the whole of it hashes to ``sha256``."""

    __tablename__ = "result_uploads"
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    desk_id: Mapped[str] = mapped_column(String(36))
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)
    completed_at: Mapped[datetime | None] = mapped_column(Moment(), nullable=True)


class PortalDossierScan(Base):
    """Which dossier's papers use which scan: a scan belongs to the dossiers that use it, so
    the same bytes submitted at two offices are served to each."""

    __tablename__ = "dossier_scans"
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class PortalReceiptSeries(Base):
    """Ký hiệu biên lai của một cơ quan: numbers are allotted to desks in blocks from
    ``next_number`` (the row is locked while a block is cut, so blocks never overlap)."""

    __tablename__ = "receipt_series"
    series: Mapped[str] = mapped_column(String(16), primary_key=True)
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"))
    form_symbol: Mapped[str] = mapped_column(String(16))
    next_number: Mapped[int] = mapped_column(Integer, default=1)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class PortalReceiptBlock(Base):
    __tablename__ = "receipt_blocks"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    request_id: Mapped[str] = mapped_column(String(64), unique=True)
    desk_id: Mapped[str] = mapped_column(ForeignKey("desks.id"))
    series: Mapped[str] = mapped_column(ForeignKey("receipt_series.series"))
    form_symbol: Mapped[str] = mapped_column(String(16))
    first_number: Mapped[int] = mapped_column(Integer)
    last_number: Mapped[int] = mapped_column(Integer)
    allotted_at: Mapped[datetime]


class PortalReceiptBlockClosure(Base):
    """A block its desk gave up (restored from a backup): no longer in the desk's hand, its
    numbers after ``last_used`` recorded void — never issued, by anyone — so the series
    stays accounted for without a gap."""

    __tablename__ = "receipt_block_closures"
    block_id: Mapped[str] = mapped_column(ForeignKey("receipt_blocks.id"), primary_key=True)
    desk_id: Mapped[str] = mapped_column(ForeignKey("desks.id"), index=True)
    series: Mapped[str] = mapped_column(String(16))
    declared_last_used: Mapped[int | None] = mapped_column(Integer, nullable=True)
    void_first: Mapped[int] = mapped_column(Integer)
    void_last: Mapped[int] = mapped_column(Integer)  # < void_first: every number was used
    at: Mapped[datetime]


class PortalReceipt(Base):
    """A receipt as a desk issued it; (series, number) is unique across all desks."""

    __tablename__ = "receipts"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    block_id: Mapped[str] = mapped_column(ForeignKey("receipt_blocks.id"))
    desk_id: Mapped[str] = mapped_column(String(36))
    series: Mapped[str] = mapped_column(String(16))
    number: Mapped[int] = mapped_column(Integer)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), index=True)
    amount: Mapped[int] = mapped_column(BigInteger)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    issued_at: Mapped[datetime]
    voided_at: Mapped[datetime | None] = mapped_column(Moment(), nullable=True)
    void_reason: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (Index("ux_receipts_series_number", "series", "number", unique=True),)


class PortalPayment(Base):
    __tablename__ = "payments"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    dossier_id: Mapped[str] = mapped_column(ForeignKey("dossiers.id"), index=True)
    desk_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(8))
    method: Mapped[str] = mapped_column(String(8))
    amount: Mapped[int] = mapped_column(BigInteger)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    at: Mapped[datetime]


class PortalDocumentKey(Base):
    """The public key each desk signs its printed documents with (the portal checks them)."""

    __tablename__ = "document_keys"
    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    desk_id: Mapped[str] = mapped_column(ForeignKey("desks.id"))
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"))
    public_key: Mapped[str] = mapped_column(String(64))
    registered_at: Mapped[datetime]


class PortalAuditHead(Base):
    """The latest head (seq, hash) of each desk's audit chain the portal accepted: a copy
    out of the desk's reach, so a desk log rebuilt or cut after it shows."""

    __tablename__ = "audit_heads"
    desk_id: Mapped[str] = mapped_column(ForeignKey("desks.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))
    anchored_at: Mapped[datetime]


class PortalAuditRefusal(Base):
    """A head the portal refused: the seq went backwards, or the desk's chain no longer
    holds the anchored entry. A tamper signal for the province, never a crash."""

    __tablename__ = "audit_refusals"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    desk_id: Mapped[str] = mapped_column(ForeignKey("desks.id"), index=True)
    held_seq: Mapped[int] = mapped_column(BigInteger)
    held_hash: Mapped[str] = mapped_column(String(64))
    offered_seq: Mapped[int] = mapped_column(BigInteger)
    offered_hash: Mapped[str] = mapped_column(String(64))
    proof_hash: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime]


class PortalAuditHeadSeen(Base):
    """Every head of a desk's chain the portal accepted, not only the latest: a restored
    desk may declare a restore only from a head the portal saw (its backup's)."""

    __tablename__ = "audit_heads_seen"
    desk_id: Mapped[str] = mapped_column(ForeignKey("desks.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    hash: Mapped[str] = mapped_column(String(64))
    anchored_at: Mapped[datetime]


class PortalAuditRestore(Base):
    """A desk restored from a backup: its chain goes on from the backup's head, and the
    head the portal held until then (entries the desk lost) is abandoned — kept here for
    the supervisor to see."""

    __tablename__ = "audit_restores"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    desk_id: Mapped[str] = mapped_column(ForeignKey("desks.id"), index=True)
    backup_seq: Mapped[int] = mapped_column(BigInteger)
    backup_hash: Mapped[str] = mapped_column(String(64))
    abandoned_seq: Mapped[int] = mapped_column(BigInteger)
    abandoned_hash: Mapped[str] = mapped_column(String(64))
    restore_seq: Mapped[int] = mapped_column(BigInteger)
    restore_hash: Mapped[str] = mapped_column(String(64))
    restored_by: Mapped[str] = mapped_column(String(64))  # who ran the restore, as audited
    restored_at: Mapped[str] = mapped_column(String(40))  # when, as the desk said it
    at: Mapped[datetime]  # when the portal accepted the declaration


class PortalGivenBack(Base):
    """A fact a desk gave back to this portal after it was restored from a backup without
    it: which fact, from which desk, when. The fact itself is back in its own table, with
    its original id, time and author."""

    __tablename__ = "given_back"
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    fact_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    desk_id: Mapped[str] = mapped_column(ForeignKey("desks.id"), index=True)
    dossier_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    at: Mapped[datetime]


class CalendarYear(Base):
    """A year the province calendar declares: for it, ``calendar_days`` is the whole list of
    days off and make-up working days. ``note`` says how official it is."""

    __tablename__ = "calendar_years"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    note: Mapped[str] = mapped_column(Text, default="")


class CalendarDay(Base):
    """Ngày nghỉ (``off``) or ngày làm bù (``work``) of the province, with its source."""

    __tablename__ = "calendar_days"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    kind: Mapped[str] = mapped_column(String(8))
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(Text, default="")


class OfficeHoursRow(Base):
    """An office's sessions (``HH:MM-HH:MM``); an office without a row keeps the defaults."""

    __tablename__ = "office_hours"
    office_code: Mapped[str] = mapped_column(ForeignKey("offices.code"), primary_key=True)
    morning: Mapped[str] = mapped_column(String(11))
    afternoon: Mapped[str] = mapped_column(String(11))
