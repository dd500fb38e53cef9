"""The dossier search index (FTS5 over the applicant's folded name), kept in step by hand.

Inserts are indexed here, inside the inserting transaction, rather than by a trigger:
one INSERT … SELECT for a whole snapshot is about ten times faster than a trigger per row.
"""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from desktop.store.models import Dossier


def last_rowid(session: Session) -> int:
    return int(
        session.scalar(select(func.coalesce(func.max(text("rowid")), 0)).select_from(Dossier)) or 0
    )


def index_dossiers_after(session: Session, rowid: int) -> None:
    """Index every dossier inserted after ``rowid`` (call before the transaction commits)."""
    session.execute(
        text(
            "INSERT INTO dossier_search(rowid, applicant_folded) "
            "SELECT rowid, applicant_folded FROM dossiers WHERE rowid > :rowid"
        ),
        {"rowid": rowid},
    )
