"""given back

What desks gave back to a portal restored from an older backup (a citizen's act, a
payment made online, a receipt block): which fact, from which desk, when.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
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
        "given_back",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("fact_id", sa.String(length=36), nullable=False),
        sa.Column("desk_id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=True),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["desk_id"], ["desks.id"]),
        sa.PrimaryKeyConstraint("kind", "fact_id"),
    )
    op.create_index("ix_given_back_desk_id", "given_back", ["desk_id"])


def downgrade() -> None:
    op.drop_index("ix_given_back_desk_id", table_name="given_back")
    op.drop_table("given_back")
