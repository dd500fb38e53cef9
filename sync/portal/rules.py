"""Quy tắc cổng kiểm tra — what the portal checks of the facts desks push, beyond their
schema: who may approve what needs a leader's word, and what a dossier still owes. The
rules are the desk's own (``desktop/services/fees.py``, ``desktop/core/accounts.py``): a
desk token alone must not be enough to record what an honest desk would have refused.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.accounts import SUPERVISING
from sync.portal.models import PortalDossier, PortalOfficer, PortalPayment, PortalProcedure


def supervisor_problem(session: Session, office_code: str, username: str | None) -> str | None:
    """Why ``username`` may not approve for the office (None: a supervisor of it may)."""
    officer = session.get(PortalOfficer, username) if username else None
    if officer is None or officer.office_code != office_code or officer.disabled:
        return f"“{username}” không phải lãnh đạo của cơ quan (hoặc đã bị khoá)."
    if officer.role not in SUPERVISING:
        return f"“{username}” không phải lãnh đạo bộ phận: không được duyệt."
    return None


def schedule_total(session: Session, dossier: PortalDossier) -> int:
    """The procedure's fees and charges (đồng), as the catalogue lists them."""
    procedure = session.get(PortalProcedure, dossier.procedure_code)
    fees = procedure.data.get("fees", []) if procedure else []
    return sum(int(f.get("amount", 0)) for f in fees)


def still_owed(session: Session, dossier: PortalDossier) -> int:
    """The schedule less what was paid and not refunded; nothing once a supervisor approved
    another amount that was not refunded (the desk's ``fees.still_owed``, without its
    state rule: cash a desk took is recorded whatever happened to the dossier since)."""
    payments = session.scalars(
        select(PortalPayment).where(PortalPayment.dossier_id == dossier.id)
    ).all()
    refunded = {p.body.get("refund_of") for p in payments if p.kind == "refund"}
    if any(p.kind == "payment" and p.body.get("approved_by") and p.id not in refunded
           for p in payments):  # fmt: skip
        return 0
    paid = sum(p.amount if p.kind == "payment" else -p.amount for p in payments)
    return max(0, schedule_total(session, dossier) - paid)


def refundable(session: Session, payment: PortalPayment) -> int:
    """What of ``payment`` has not been refunded yet."""
    refunds = session.scalars(
        select(PortalPayment).where(
            PortalPayment.dossier_id == payment.dossier_id, PortalPayment.kind == "refund"
        )
    )
    return payment.amount - sum(r.amount for r in refunds if r.body.get("refund_of") == payment.id)
