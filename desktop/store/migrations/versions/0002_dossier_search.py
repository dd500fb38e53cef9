"""dossier search index

Full-text index over the applicant's folded name, so "nguyen van anh" finds
"Nguyễn Văn Ánh" anywhere in the name without scanning every dossier.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute(
        "CREATE VIRTUAL TABLE dossier_search USING fts5("
        "applicant_folded, content='dossiers', content_rowid='rowid', "
        "tokenize='unicode61', prefix='2 3')"
    )
    # New dossiers are indexed by desktop.store.search in the transaction that inserts them
    # (one statement for a whole snapshot is ten times faster than a trigger per row).
    # A later change of the applicant's name is rare: a trigger keeps the index in step.
    op.execute(
        "CREATE TRIGGER dossier_search_au AFTER UPDATE OF applicant_folded ON dossiers BEGIN "
        "INSERT INTO dossier_search(dossier_search, rowid, applicant_folded) "
        "VALUES ('delete', old.rowid, old.applicant_folded); "
        "INSERT INTO dossier_search(rowid, applicant_folded) "
        "VALUES (new.rowid, new.applicant_folded); END"
    )
    # Dossiers that existed before this revision.
    op.execute("INSERT INTO dossier_search(dossier_search) VALUES ('rebuild')")


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS dossier_search_au")
    op.execute("DROP TABLE IF EXISTS dossier_search")
