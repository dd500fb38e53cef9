"""desk schema

Revision ID: 0001
Revises:
Create Date: 2026-11-27 22:44:16.612696
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "offices",
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("tax_code", sa.String(length=16), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "procedures",
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("sector", sa.Text(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("processing_amount", sa.String(length=16), nullable=False),
        sa.Column("processing_unit", sa.String(length=8), nullable=False),
        sa.Column("department", sa.Text(), nullable=False),
        sa.Column("office_level", sa.String(length=16), nullable=False),
        sa.Column("papers", sa.JSON(), nullable=False),
        sa.Column("fees", sa.JSON(), nullable=False),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("value", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "dossiers",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("office_code", sa.String(length=32), nullable=False),
        sa.Column("procedure_code", sa.String(length=64), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("channel", sa.Integer(), nullable=False),
        sa.Column("applicant_name", sa.Text(), nullable=False),
        sa.Column("applicant_folded", sa.Text(), nullable=False),
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
        sa.Column("resolved_at", sa.String(length=32), nullable=True),
        sa.Column("updated_at", sa.String(length=32), nullable=False),
        # Derived from state, never written: lets the open queue use one index range.
        sa.Column(
            "is_open",
            sa.Boolean(),
            sa.Computed(
                "state NOT IN ('refused', 'returned_in_person', 'returned_by_post', "
                "'withdrawn', 'stopped')",
                persisted=False,
            ),
        ),
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
    )
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.create_index("ix_dossiers_id_number", ["id_number"], unique=False)
        batch_op.create_index("ix_dossiers_phone", ["phone"], unique=False)
        batch_op.create_index(
            "ix_dossiers_office_open_due",
            ["office_code", "is_open", "due_at", "submitted_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_dossiers_office_state_procedure_due",
            ["office_code", "state", "procedure_code", "due_at", "submitted_at"],
            unique=False,
        )
        batch_op.create_index(
            "ix_dossiers_office_due", ["office_code", "due_at", "submitted_at"], unique=False
        )

    op.create_table(
        "officers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("full_name", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("office_code", sa.String(length=32), nullable=False),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.String(length=32), nullable=True),
        sa.Column("disabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["office_code"],
            ["offices.code"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("username"),
    )
    op.create_table(
        "acts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("act_id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("act", sa.String(length=32), nullable=False),
        sa.Column("from_state", sa.String(length=24), nullable=True),
        sa.Column("to_state", sa.String(length=24), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("desk_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["officers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("act_id"),
    )
    op.create_index("ix_acts_dossier_version", "acts", ["dossier_id", "version"])
    op.create_table(
        "audit_log",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("desk_id", sa.String(length=36), nullable=False),
        sa.Column("action", sa.String(length=48), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["officer_id"],
            ["officers.id"],
        ),
        sa.PrimaryKeyConstraint("seq"),
    )
    op.create_table(
        "dossier_papers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("kind", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("dossier_papers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_dossier_papers_dossier_id"), ["dossier_id"], unique=False
        )

    op.create_table(
        "outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("acked_at", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id"),
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.create_index("ix_outbox_status", ["status", "id"], unique=False)

    # History is append-only (Đ5.3): the database itself refuses to rewrite it.
    for table in ("acts", "audit_log"):
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"
            )
    # An outbox event may change status as it travels, but never its identity or content.
    op.execute(
        "CREATE TRIGGER outbox_no_delete BEFORE DELETE ON outbox "
        "BEGIN SELECT RAISE(ABORT, 'outbox events are never deleted'); END"
    )
    op.execute(
        "CREATE TRIGGER outbox_body_fixed BEFORE UPDATE OF event_id, kind, body, dossier_id "
        "ON outbox BEGIN SELECT RAISE(ABORT, 'outbox event content is fixed'); END"
    )


def downgrade() -> None:
    for trigger in (
        "acts_no_update",
        "acts_no_delete",
        "audit_log_no_update",
        "audit_log_no_delete",
        "outbox_no_delete",
        "outbox_body_fixed",
    ):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_status")

    op.drop_table("outbox")
    with op.batch_alter_table("dossier_papers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossier_papers_dossier_id"))

    op.drop_table("dossier_papers")
    op.drop_table("audit_log")
    op.drop_index("ix_acts_dossier_version", "acts")
    op.drop_table("acts")
    op.drop_table("officers")
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.drop_index("ix_dossiers_office_due")
        batch_op.drop_index("ix_dossiers_office_state_procedure_due")
        batch_op.drop_index("ix_dossiers_office_open_due")
        batch_op.drop_index("ix_dossiers_phone")
        batch_op.drop_index("ix_dossiers_id_number")

    op.drop_table("dossiers")
    op.drop_table("settings")
    op.drop_table("procedures")
    op.drop_table("offices")
