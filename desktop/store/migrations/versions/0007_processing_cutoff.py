"""processing cutoff

"Trong ngày" procedures (processing time 0 days) carry their cut-off hour: received before
it, the result is due that day; after it, the next working day.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("procedures") as batch:
        batch.add_column(sa.Column("processing_cutoff", sa.String(length=5), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("procedures") as batch:
        batch.drop_column("processing_cutoff")
