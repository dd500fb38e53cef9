"""portal facts

What the portal made itself and sealed (a citizen's act online, a payment made online, a
receipt block allotted to the desk), kept as received so the desk can give it back to a
portal restored from an older backup.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "portal_facts",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("fact_id", sa.String(length=36), nullable=False),
        sa.Column("dossier_id", sa.String(length=36), nullable=True),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "fact_id"),
    )
    op.create_index("ix_portal_facts_dossier_id", "portal_facts", ["dossier_id"])


def downgrade() -> None:
    op.drop_index("ix_portal_facts_dossier_id", table_name="portal_facts")
    op.drop_table("portal_facts")
