"""acts by moment

Two indexes on the acts for the province's report: by kind and moment, so the period's
refusals, supplement requests, re-appointments, withdrawals and stops are a range read of
each kind (not a scan of every act); and by moment alone, so the acts since the period's
end that could have moved a dossier's clock (an acceptance, the end of a wait on the
citizen) are the few newest entries.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_acts_act_at", "acts", ["act", "at"])
    op.create_index("ix_acts_at", "acts", ["at"])


def downgrade() -> None:
    op.drop_index("ix_acts_at", table_name="acts")
    op.drop_index("ix_acts_act_at", table_name="acts")
