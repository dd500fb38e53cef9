"""original appointment

The appointment a dossier was accepted with, kept beside the one the citizen now holds:
a re-appointment (Mẫu 04) no longer hides that the first was missed. Filled for existing
dossiers from their history: the appointment last given before their first
re-appointment (or their current one when never re-appointed).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import json
from datetime import datetime

import sqlalchemy as sa
from alembic import op

from desktop.core.moments import utc_text

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("dossiers", sa.Column("original_due_date", sa.Date(), nullable=True))
    op.add_column("dossiers",
                  sa.Column("original_due_session", sa.String(length=10), nullable=True))
    op.add_column("dossiers", sa.Column("original_due_at", sa.String(length=32), nullable=True))
    conn = op.get_bind()
    conn.execute(sa.text("UPDATE dossiers SET original_due_date = due_date, "
                         "original_due_session = due_session, original_due_at = due_at"))
    rows = conn.execute(sa.text(
        "SELECT dossier_id, act, payload FROM acts WHERE dossier_id IN "
        "(SELECT dossier_id FROM acts WHERE act = 'reappoint') ORDER BY dossier_id, version, id"
    )).all()
    before: dict[str, dict[str, str] | None] = {}
    done: set[str] = set()
    for dossier_id, act, payload in rows:
        if dossier_id in done:
            continue
        if act == "reappoint":
            done.add(dossier_id)
            continue
        given = (json.loads(payload) if isinstance(payload, str) else payload or {}).get(
            "appointment")
        if given:
            before[dossier_id] = given
    for dossier_id, given in before.items():
        if given:
            conn.execute(sa.text(
                "UPDATE dossiers SET original_due_date = :d, original_due_session = :s, "
                "original_due_at = :at WHERE id = :id"),
                {"d": given["date"], "s": given["session"],
                 "at": utc_text(datetime.fromisoformat(given["deadline"])),
                 "id": dossier_id})


def downgrade() -> None:
    with op.batch_alter_table("dossiers") as batch:
        batch.drop_column("original_due_date")
        batch.drop_column("original_due_session")
        batch.drop_column("original_due_at")
