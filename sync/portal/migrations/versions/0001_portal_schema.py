"""portal schema

The portal's tables as the release before migrations made them with SQLAlchemy's
``create_all``. A database that release made has no ``alembic_version``: it is adopted by
running this revision too, which creates only the tables it lacks (an older release made
fewer), and ``sync.portal.db`` then checks the whole schema against the models.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Index = tuple[str, list[str], bool]  # name, columns, unique


def _table(name: str, *elements: sa.schema.SchemaItem, indexes: Sequence[Index] = ()) -> None:
    """Create ``name`` with its indexes, unless a create_all of the previous release did."""
    if sa.inspect(op.get_bind()).has_table(name):
        return
    op.create_table(name, *elements)
    for index, columns, unique in indexes:
        op.create_index(index, name, columns, unique=unique)


def upgrade() -> None:
    _table(
        "calendar_days",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("day"),
    )
    _table(
        "calendar_years",
        sa.Column("year", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("year"),
    )
    _table(
        "conflicts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("desk_id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("base_version", sa.Integer(), nullable=False),
        sa.Column("portal_version", sa.Integer(), nullable=False),
        sa.Column("portal_state", sa.String(length=24), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    _table(
        "enrolment_failures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("client", sa.String(length=64), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        indexes=[("ix_enrolment_failures_client_at", ["client", "at"], False)],
    )
    _table(
        "offices",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("tax_code", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    _table(
        "portal_meta",
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("text_value", sa.Text(), nullable=False),
        sa.Column("int_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    _table(
        "procedures",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    _table(
        "attachments",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("office_code", sa.String(length=32), nullable=False),
        sa.Column("content_type", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_code"],
            ["offices.code"],
        ),
        sa.PrimaryKeyConstraint("sha256"),
    )
    _table(
        "desks",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("desk_uuid", sa.String(length=36), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("office_code", sa.String(length=32), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("enrolled_at", sa.String(length=32), nullable=False),
        sa.Column("revoked_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["office_code"],
            ["offices.code"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("token_hash"),
    )
    _table(
        "dossiers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("office_code", sa.String(length=32), nullable=False),
        sa.Column("procedure_code", sa.String(length=64), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("channel", sa.Integer(), nullable=False),
        sa.Column("applicant_name", sa.Text(), nullable=False),
        sa.Column("id_number", sa.String(length=16), nullable=False),
        sa.Column("phone", sa.String(length=16), nullable=False),
        sa.Column("email", sa.Text(), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=24), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("submitted_at", sa.String(length=32), nullable=False),
        sa.Column("received_at", sa.String(length=32), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("due_session", sa.String(length=10), nullable=True),
        sa.Column("due_at", sa.String(length=32), nullable=True),
        sa.Column("original_due_date", sa.Date(), nullable=True),
        sa.Column("original_due_session", sa.String(length=10), nullable=True),
        sa.Column("original_due_at", sa.String(length=32), nullable=True),
        sa.Column("resolved_at", sa.String(length=32), nullable=True),
        sa.Column("papers", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_code"],
            ["offices.code"],
        ),
        sa.ForeignKeyConstraint(
            ["procedure_code"],
            ["procedures.code"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
        indexes=[("ix_dossiers_office_id", ["office_code", "id"], False)],
    )
    _table(
        "enrolment_codes",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("office_code", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("used_at", sa.String(length=32), nullable=True),
        sa.Column("desk_id", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(
            ["office_code"],
            ["offices.code"],
        ),
        sa.PrimaryKeyConstraint("code_hash"),
    )
    _table(
        "office_hours",
        sa.Column("office_code", sa.String(length=32), nullable=False),
        sa.Column("morning", sa.String(length=11), nullable=False),
        sa.Column("afternoon", sa.String(length=11), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_code"],
            ["offices.code"],
        ),
        sa.PrimaryKeyConstraint("office_code"),
    )
    _table(
        "officers",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("office_code", sa.String(length=32), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_code"],
            ["offices.code"],
        ),
        sa.PrimaryKeyConstraint("username"),
    )
    _table(
        "receipt_series",
        sa.Column("series", sa.String(length=16), nullable=False),
        sa.Column("office_code", sa.String(length=32), nullable=False),
        sa.Column("form_symbol", sa.String(length=16), nullable=False),
        sa.Column("next_number", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_code"],
            ["offices.code"],
        ),
        sa.PrimaryKeyConstraint("series"),
    )
    _table(
        "acts",
        sa.Column("act_id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("act", sa.String(length=32), nullable=False),
        sa.Column("from_state", sa.String(length=24), nullable=True),
        sa.Column("to_state", sa.String(length=24), nullable=False),
        sa.Column("officer", sa.String(length=64), nullable=False),
        sa.Column("desk_id", sa.String(length=36), nullable=True),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
        ),
        sa.PrimaryKeyConstraint("act_id"),
        indexes=[("ux_acts_dossier_version", ["dossier_id", "version"], True)],
    )
    _table(
        "audit_heads",
        sa.Column("desk_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("anchored_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["desk_id"],
            ["desks.id"],
        ),
        sa.PrimaryKeyConstraint("desk_id"),
    )
    _table(
        "audit_refusals",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("desk_id", sa.String(length=36), nullable=False),
        sa.Column("held_seq", sa.BigInteger(), nullable=False),
        sa.Column("held_hash", sa.String(length=64), nullable=False),
        sa.Column("offered_seq", sa.BigInteger(), nullable=False),
        sa.Column("offered_hash", sa.String(length=64), nullable=False),
        sa.Column("proof_hash", sa.String(length=64), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["desk_id"],
            ["desks.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        indexes=[("ix_audit_refusals_desk_id", ["desk_id"], False)],
    )
    _table(
        "changes",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=32), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
        ),
        sa.PrimaryKeyConstraint("seq"),
        indexes=[("ix_changes_office_seq", ["office_code", "seq"], False)],
    )
    _table(
        "document_keys",
        sa.Column("key_id", sa.String(length=16), nullable=False),
        sa.Column("desk_id", sa.String(length=36), nullable=False),
        sa.Column("office_code", sa.String(length=32), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("registered_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["desk_id"],
            ["desks.id"],
        ),
        sa.ForeignKeyConstraint(
            ["office_code"],
            ["offices.code"],
        ),
        sa.PrimaryKeyConstraint("key_id"),
    )
    _table(
        "dossier_scans",
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
        ),
        sa.PrimaryKeyConstraint("dossier_id", "sha256"),
        indexes=[("ix_dossier_scans_sha256", ["sha256"], False)],
    )
    _table(
        "events",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("desk_id", sa.String(length=36), nullable=False),
        sa.Column("body_hash", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=True),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("received_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["desk_id"],
            ["desks.id"],
        ),
        sa.PrimaryKeyConstraint("event_id"),
    )
    _table(
        "notices",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("act_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        indexes=[("ix_notices_dossier_id", ["dossier_id"], False)],
    )
    _table(
        "payments",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("desk_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("method", sa.String(length=8), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        indexes=[("ix_payments_dossier_id", ["dossier_id"], False)],
    )
    _table(
        "receipt_blocks",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("request_id", sa.String(length=64), nullable=False),
        sa.Column("desk_id", sa.String(length=36), nullable=False),
        sa.Column("series", sa.String(length=16), nullable=False),
        sa.Column("form_symbol", sa.String(length=16), nullable=False),
        sa.Column("first_number", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.Column("allotted_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["desk_id"],
            ["desks.id"],
        ),
        sa.ForeignKeyConstraint(
            ["series"],
            ["receipt_series.series"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("request_id"),
    )
    _table(
        "result_uploads",
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("desk_id", sa.String(length=36), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("completed_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
        ),
        sa.PrimaryKeyConstraint("dossier_id", "sha256"),
    )
    _table(
        "receipts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("block_id", sa.String(length=36), nullable=False),
        sa.Column("desk_id", sa.String(length=36), nullable=False),
        sa.Column("series", sa.String(length=16), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("issued_at", sa.String(length=32), nullable=False),
        sa.Column("voided_at", sa.String(length=32), nullable=True),
        sa.Column("void_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["block_id"],
            ["receipt_blocks.id"],
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        indexes=[
            ("ix_receipts_dossier_id", ["dossier_id"], False),
            ("ux_receipts_series_number", ["series", "number"], True),
        ],
    )


def downgrade() -> None:
    for name in (
        "receipts",
        "result_uploads",
        "receipt_blocks",
        "payments",
        "notices",
        "events",
        "dossier_scans",
        "document_keys",
        "changes",
        "audit_refusals",
        "audit_heads",
        "acts",
        "receipt_series",
        "officers",
        "office_hours",
        "enrolment_codes",
        "dossiers",
        "desks",
        "attachments",
        "procedures",
        "portal_meta",
        "offices",
        "enrolment_failures",
        "conflicts",
        "calendar_years",
        "calendar_days",
    ):
        op.drop_table(name)
