"""receipt block closures

A desk restored from its backup gives up the blocks of receipt numbers the backup held;
the portal closes them (no longer counted as in the desk's hand) and records the numbers
after the last one used as void, so the series stays accounted for.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "receipt_block_closures",
        sa.Column("block_id", sa.String(length=36), nullable=False),
        sa.Column("desk_id", sa.String(length=36), nullable=False),
        sa.Column("series", sa.String(length=16), nullable=False),
        sa.Column("declared_last_used", sa.Integer(), nullable=True),
        sa.Column("void_first", sa.Integer(), nullable=False),
        sa.Column("void_last", sa.Integer(), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["block_id"], ["receipt_blocks.id"]),
        sa.ForeignKeyConstraint(["desk_id"], ["desks.id"]),
        sa.PrimaryKeyConstraint("block_id"),
    )
    op.create_index("ix_receipt_block_closures_desk_id", "receipt_block_closures", ["desk_id"])


def downgrade() -> None:
    op.drop_index("ix_receipt_block_closures_desk_id", table_name="receipt_block_closures")
    op.drop_table("receipt_block_closures")
