"""sync state

The portal's acknowledgement on each outbox event, and the conflicts an officer resolves.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_conflicts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.String(length=32), nullable=False),
        sa.Column("resolved_at", sa.String(length=32), nullable=True),
        sa.Column("resolved_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["dossier_id"], ["dossiers.id"]),
        sa.ForeignKeyConstraint(["event_id"], ["outbox.event_id"]),
        sa.ForeignKeyConstraint(["resolved_by"], ["officers.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_id"),
    )
    op.create_index("ix_sync_conflicts_dossier_id", "sync_conflicts", ["dossier_id"])
    # Plain ALTER TABLE ADD COLUMN: rebuilding the table would drop its guard triggers.
    op.add_column("outbox", sa.Column("ack_seq", sa.Integer(), nullable=True))
    op.add_column("outbox", sa.Column("message", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    op.drop_column("outbox", "message")
    op.drop_column("outbox", "ack_seq")
    op.drop_index("ix_sync_conflicts_dossier_id", "sync_conflicts")
    op.drop_table("sync_conflicts")
