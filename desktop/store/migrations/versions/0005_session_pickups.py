"""session pickups

Đ12.8: the log of each morning and afternoon session in which the desk checked the
portal for new online dossiers (append-only), so a supervisor sees a session missed.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "session_pickups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("session", sa.String(length=10), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("ok", sa.Boolean(), nullable=False),
        sa.Column("new_dossiers", sa.Integer(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["officer_id"], ["officers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_session_pickups_day", "session_pickups", ["day", "session"])
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER session_pickups_no_{verb.lower()} BEFORE {verb} ON session_pickups "
            "BEGIN SELECT RAISE(ABORT, 'session_pickups is append-only'); END"
        )


def downgrade() -> None:
    for verb in ("update", "delete"):
        op.execute(f"DROP TRIGGER session_pickups_no_{verb}")
    op.drop_index("ix_session_pickups_day", "session_pickups")
    op.drop_table("session_pickups")
