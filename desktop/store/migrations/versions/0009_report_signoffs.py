"""report sign-offs

A supervisor's sign-off of a periodic report (Đ15) freezes its figures: kept as they were
signed, never changed or removed (a later sign-off of the same period is a new row), so a
later re-run can say which figures moved. An index on the acts by kind and moment lets a
report count a period's acts (refusals, withdrawals, ratings…) without reading them all.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

MOMENT = sa.String(length=32)


def upgrade() -> None:
    op.create_table(
        "report_signoffs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("office_code", sa.String(length=32), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("rule", sa.String(length=12), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("signed_at", MOMENT, nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("desk_id", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(["office_code"], ["offices.code"]),
        sa.ForeignKeyConstraint(["officer_id"], ["officers.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_report_signoffs_period", "report_signoffs",
                    ["office_code", "period", "rule"])  # fmt: skip
    for verb in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER report_signoffs_no_{verb.lower()} BEFORE {verb} ON report_signoffs "
            "BEGIN SELECT RAISE(ABORT, 'report_signoffs is append-only'); END"
        )
    op.create_index("ix_acts_act_at", "acts", ["act", "at"])


def downgrade() -> None:
    op.drop_index("ix_acts_act_at", table_name="acts")
    for verb in ("update", "delete"):
        op.execute(f"DROP TRIGGER IF EXISTS report_signoffs_no_{verb}")
    op.drop_index("ix_report_signoffs_period", table_name="report_signoffs")
    op.drop_table("report_signoffs")
