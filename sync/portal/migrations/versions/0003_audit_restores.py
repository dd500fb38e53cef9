"""audit heads seen and declared restores

Every head of a desk's audit chain the portal accepts is kept (not only the latest), so a
desk restored from a backup can declare the restore from a head the portal saw; the
restores accepted are recorded. The heads held when this runs are the first ones kept.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    seen = op.create_table(
        "audit_heads_seen",
        sa.Column("desk_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("anchored_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["desk_id"], ["desks.id"]),
        sa.PrimaryKeyConstraint("desk_id", "seq"),
    )
    op.create_table(
        "audit_restores",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("desk_id", sa.String(length=36), nullable=False),
        sa.Column("backup_seq", sa.BigInteger(), nullable=False),
        sa.Column("backup_hash", sa.String(length=64), nullable=False),
        sa.Column("abandoned_seq", sa.BigInteger(), nullable=False),
        sa.Column("abandoned_hash", sa.String(length=64), nullable=False),
        sa.Column("restore_seq", sa.BigInteger(), nullable=False),
        sa.Column("restore_hash", sa.String(length=64), nullable=False),
        sa.Column("restored_by", sa.String(length=64), nullable=False),
        sa.Column("restored_at", sa.String(length=40), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["desk_id"], ["desks.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_audit_restores_desk_id", "audit_restores", ["desk_id"])
    heads = sa.table("audit_heads", sa.column("desk_id"), sa.column("seq"), sa.column("hash"),
                     sa.column("anchored_at"))  # fmt: skip
    rows = op.get_bind().execute(
        sa.select(heads.c.desk_id, heads.c.seq, heads.c.hash, heads.c.anchored_at)
    )
    held = [{"desk_id": d, "seq": s, "hash": h, "anchored_at": a} for d, s, h, a in rows]
    if held:
        op.bulk_insert(seen, held)


def downgrade() -> None:
    op.drop_index("ix_audit_restores_desk_id", table_name="audit_restores")
    op.drop_table("audit_restores")
    op.drop_table("audit_heads_seen")
