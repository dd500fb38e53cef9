"""Đối soát — digests of an office's (id, version) pairs by id range, which a desk compares
with its own to repair only the dossiers that differ."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.portal.models import PortalDossier
from sync.protocol import DigestReply, DigestRequest, digest_ranges


def digests(session: Session, office_code: str, request: DigestRequest) -> DigestReply:
    """Digests of the office's (id, version) pairs for each requested id prefix."""
    by_prefix: dict[str, list[tuple[str, int]]] = {}
    for prefix in request.prefixes:
        rows = session.execute(
            select(PortalDossier.id, PortalDossier.version).where(
                PortalDossier.office_code == office_code,
                PortalDossier.id >= prefix,
                PortalDossier.id < prefix + "\uffff",
            )
        ).all()
        by_prefix[prefix] = [(i, v) for i, v in rows]
    return DigestReply(ranges=digest_ranges(by_prefix, request.list_below, request.known))
