"""name index

The name search read each matching dossier's row to learn its id and office: up to 200
rows on pages no cache keeps, and on an encrypted file every one of those pages is
decrypted and authenticated. Names are typed as they begin, so the office's dossiers are
indexed by their folded name with the id: the dossiers whose name begins with what was
typed are one range of this index, read in order; the full-text index then only adds the
names that hold the words further in (``desktop.services.queue.find_dossiers``).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01
"""

from __future__ import annotations

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_dossiers_office_name", "dossiers",
                    ["office_code", "applicant_folded", "id"])  # fmt: skip


def downgrade() -> None:
    op.drop_index("ix_dossiers_office_name", table_name="dossiers")
