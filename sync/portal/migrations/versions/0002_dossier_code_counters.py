"""dossier code counters

Online dossiers are numbered per office and local day from a counter row instead of a count
of every dossier. The counters start above the codes already given: a code of the previous
scheme (``OFFICE-yymmdd-NNNNNN``, numbered across all offices, dated in UTC) is never given
again.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import re
from datetime import date

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

# Written out, not imported: a migration keeps the code format of its day.
PORTAL_CODE = re.compile(r"(\d{2})(\d{2})(\d{2})-(\d{6,})")


def upgrade() -> None:
    counters = op.create_table(
        "dossier_code_counters",
        sa.Column("office_code", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["office_code"], ["offices.code"]),
        sa.PrimaryKeyConstraint("office_code", "day"),
    )
    dossiers = sa.table("dossiers", sa.column("code", sa.String), sa.column("office_code"))
    highest: dict[tuple[str, date], int] = {}
    for code, office in op.get_bind().execute(sa.select(dossiers.c.code, dossiers.c.office_code)):
        prefix = f"{office}-"
        found = PORTAL_CODE.fullmatch(code[len(prefix) :]) if code.startswith(prefix) else None
        if found is None:
            continue
        yy, mm, dd, number = found.groups()
        try:
            day = date(2000 + int(yy), int(mm), int(dd))
        except ValueError:
            continue
        highest[(office, day)] = max(highest.get((office, day), 0), int(number))
    if highest:
        op.bulk_insert(
            counters,
            [{"office_code": o, "day": d, "last_number": n} for (o, d), n in highest.items()],
        )


def downgrade() -> None:
    op.drop_table("dossier_code_counters")
