"""returned online

Level-4 results returned online (Đ9.3) end in a new final state, ``returned_online``:
the generated ``is_open`` column must count it as closed. SQLite cannot alter a generated
column, but it can drop a virtual one (once its index is gone) and add it back.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

# Written out, not derived from the lifecycle: a migration keeps the rule of its day.
OPEN_BEFORE = ("'refused', 'returned_in_person', 'returned_by_post', 'withdrawn', 'stopped'")
OPEN_AFTER = ("'refused', 'returned_in_person', 'returned_by_post', 'returned_online', "
              "'withdrawn', 'stopped'")  # fmt: skip


def _is_open(final_states: str) -> None:
    op.execute("DROP INDEX ix_dossiers_office_open_due")
    op.execute("ALTER TABLE dossiers DROP COLUMN is_open")
    op.execute(f"ALTER TABLE dossiers ADD COLUMN is_open BOOLEAN GENERATED ALWAYS AS "
               f"(state NOT IN ({final_states})) VIRTUAL")  # fmt: skip
    op.execute("CREATE INDEX ix_dossiers_office_open_due ON dossiers "
               "(office_code, is_open, due_at, submitted_at)")  # fmt: skip


def upgrade() -> None:
    _is_open(OPEN_AFTER)


def downgrade() -> None:
    _is_open(OPEN_BEFORE)
