"""Dữ liệu mẫu của cổng — demo offices, officers, catalogue, and citizens submitting."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.core.accounts import hash_password
from desktop.core.calendar import load_province_calendar
from desktop.core.procedures import procedure_to_dict
from desktop.core.text import fold
from desktop.documents.demo_scans import demo_pdf, demo_png
from desktop.paths import default_calendar_file
from desktop.services.catalogue import read_catalogue_file
from desktop.services.demo import (
    DEMO_OFFICERS,
    DEMO_RECEIPT_FORM,
    PLACES,
    demo_catalogue_path,
    id_number,
    phone_number,
    vietnamese_name,
)
from sync.portal import calendar as province_calendar
from sync.portal.db import PortalDatabase
from sync.portal.models import (
    PortalDossier,
    PortalOffice,
    PortalOfficer,
    PortalProcedure,
    PortalReceiptSeries,
)
from sync.portal.receipts import open_series
from sync.portal.service import PortalError, pay_online, store_attachment, submit_dossier

DEMO_RECEIPT_SERIES = {"LCU-TTHCC": "LC", "XA-TAMDUONG": "TD"}
DEMO_OFFICES = [
    ("LCU-TTHCC", "Trung tâm Phục vụ hành chính công tỉnh Lai Châu (dữ liệu mẫu)", "province"),
    ("XA-TAMDUONG", "UBND xã Tam Đường (dữ liệu mẫu)", "commune"),
]


def init_demo(db: PortalDatabase) -> list[tuple[str, str, str]]:
    """Create (or upgrade) the schema, then the demo offices, their officers and the
    catalogue; returns the accounts as (office, username, password)."""
    db.upgrade_schema()
    return fill_demo(db)


def fill_demo(db: PortalDatabase) -> list[tuple[str, str, str]]:
    """The demo offices, officers, receipt series, catalogue and calendar, in a database
    whose schema exists (whatever made it); what is there already is kept."""
    accounts = []
    with db.transaction() as session:
        for code, name, level in DEMO_OFFICES:
            if session.get(PortalOffice, code) is None:
                session.add(
                    PortalOffice(
                        code=code,
                        name=name,
                        address="tỉnh Lai Châu",
                        level=level,
                        tax_code="6200000000",
                    )
                )
        session.flush()
        for code, symbol in DEMO_RECEIPT_SERIES.items():  # this year's series, e.g. LC-26T
            series = f"{symbol}-{datetime.now(UTC):%y}T"
            if session.get(PortalReceiptSeries, series) is None:
                open_series(session, code, series, DEMO_RECEIPT_FORM)
        for p in read_catalogue_file(demo_catalogue_path()):
            if session.get(PortalProcedure, p.code) is None:
                session.add(PortalProcedure(code=p.code, data=procedure_to_dict(p)))
        for office, _name, _level in DEMO_OFFICES:
            prefix = "" if office == DEMO_OFFICES[0][0] else "xa."
            for username, full_name, role, password in DEMO_OFFICERS:
                username = prefix + username
                if session.get(PortalOfficer, username) is None:
                    session.add(
                        PortalOfficer(
                            username=username,
                            full_name=full_name,
                            role=role.value,
                            office_code=office,
                            password_hash=hash_password(password),
                        )
                    )
                accounts.append((office, username, password))
        if not province_calendar.province_calendar(session).years:
            # The 2026 schedule and the computed 2027 one (desktop/resources/calendar).
            province_calendar.load(session, load_province_calendar(default_calendar_file()))
    return accounts


def _scanned(
    session: Session, office_code: str, paper: dict[str, Any], n: int, rng: random.Random
) -> dict[str, Any]:
    """One paper with its scan: a photo now and then, usually a PDF of a few pages."""
    if rng.random() < 0.3:
        data, name, kind = demo_png(rng.randrange(10**6)), f"anh-{n}.png", "image/png"
    else:
        title = fold(paper["name"])[:60]
        data, name, kind = demo_pdf(title, rng.randint(1, 4)), f"giay-to-{n}.pdf", "application/pdf"
    return {
        "name": paper["name"],
        "kind": paper["kind"],
        "count": paper["count"],
        "file_name": name,
        "sha256": store_attachment(session, office_code, data, kind),
    }


def _dossier_ids(db: PortalDatabase, seed: int | None) -> Iterator[str | None]:
    """Ids for the demo's dossiers: drawn from the seed (and how many dossiers the portal
    already holds, so a second run with the same seed does not collide), so that a seeded
    demo lists its dossiers in the same order every run; random without a seed."""
    if seed is None:
        while True:
            yield None
    with db.reading() as session:
        held = session.scalar(select(func.count()).select_from(PortalDossier)) or 0
    draw = random.Random(f"{seed}-ids-{held}")
    while True:
        yield str(uuid.UUID(int=draw.getrandbits(128), version=4))


def submit_demo(
    db: PortalDatabase,
    count: int,
    office: str | None = None,
    seed: int | None = None,
    scans: bool = True,
    online_payments: float = 0.0,
    now: datetime | None = None,
) -> int:
    """Citizens submit ``count`` dossiers online over the few days before ``now`` (the
    wall clock's by default), with their scans; a share ``online_payments`` of level-4
    dossiers with fees are paid online at once."""
    rng = random.Random(seed)
    payer = random.Random(f"{seed}-payments" if seed is not None else None)  # ``rng`` untouched
    with db.transaction() as session:
        offices = [office] if office else [o[0] for o in DEMO_OFFICES]
        for code in offices:
            if session.get(PortalOffice, code) is None:
                raise PortalError(404, f"Không có cơ quan mã {code} (chạy portal init-demo).")
        procedures = [p.data for p in session.scalars(select(PortalProcedure))]
    if not procedures:
        raise PortalError(404, "Cổng chưa có danh mục thủ tục (chạy portal init-demo).")
    now = now or datetime.now(UTC)
    ids = _dossier_ids(db, seed)
    for start in range(0, count, 200):
        with db.transaction() as session:
            for _ in range(min(200, count - start)):
                p, office_code = rng.choice(procedures), rng.choice(offices)
                papers = [
                    _scanned(session, office_code, paper, n, rng)
                    if scans
                    else {**paper, "file_name": "", "sha256": ""}
                    for n, paper in enumerate(p["papers"], start=1)
                ]
                dossier = submit_dossier(
                    session, office_code=office_code, procedure_code=p["code"],
                    applicant_name=vietnamese_name(rng),
                    submitted_at=now - timedelta(minutes=rng.randint(1, 7 * 24 * 60)),
                    level=p["level"], id_number=id_number(rng), phone=phone_number(rng),
                    address=f"Bản {rng.randint(1, 20)}, {rng.choice(PLACES)}, tỉnh Lai Châu",
                    papers=papers, dossier_id=next(ids),
                )  # fmt: skip
                fees = any(f["amount"] for f in p.get("fees", []))
                if p["level"] == 4 and fees and payer.random() < online_payments:
                    pay_online(session, dossier.id, f"DVC-{payer.randrange(10**8):08d}")
    return count
