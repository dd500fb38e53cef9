"""open queue index

The open queue's ids in due order (the table model loads all of them, ~60,000 on a big
desk) were read through ``ix_dossiers_office_open_due``, which does not hold the id: each
of those rows was then looked up in the wide dossier table, reading most of its pages. On
an encrypted file every page read from outside SQLite's cache is decrypted again, so the
listing took 1.6–1.8× as long encrypted. SQLite never treats an index that names a
generated column as covering, so the index is replaced by a partial one over the open
dossiers only, holding the id: the listing then reads only this index's pages.

A query finds a partial index only when its WHERE holds the index's condition word for
word; the desk's queries take it from ``desktop.store.models.DOSSIER_IS_OPEN`` and a test
checks the plan (``tests/unit/test_queue_index.py``).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# Written out, not derived from the lifecycle: a migration keeps the rule of its day.
OPEN = ("state NOT IN ('refused', 'returned_in_person', 'returned_by_post', "
        "'returned_online', 'withdrawn', 'stopped')")  # fmt: skip


def upgrade() -> None:
    op.execute("DROP INDEX ix_dossiers_office_open_due")
    op.execute("CREATE INDEX ix_dossiers_open_queue ON dossiers "
               f"(office_code, due_at, submitted_at, id, state) WHERE {OPEN}")  # fmt: skip


def downgrade() -> None:
    op.execute("DROP INDEX ix_dossiers_open_queue")
    op.execute("CREATE INDEX ix_dossiers_office_open_due ON dossiers "
               "(office_code, is_open, due_at, submitted_at)")  # fmt: skip
