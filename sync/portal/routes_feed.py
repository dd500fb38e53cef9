"""Routes a desk reads the office from: its officers, the catalogue, the calendar, the
snapshot of its dossiers (with their acts) and the change feed, and one dossier whole."""

from typing import Annotated

from fastapi import APIRouter, Query, Response

from sync.portal import calendar as province_calendar
from sync.portal import service
from sync.portal.base import seal_key
from sync.portal.http import ERRORS, NOT_FOUND, AfterId, AnId, Db, Desk
from sync.portal.models import PortalAct, PortalDossier
from sync.protocol import (
    MAX_PAGE,
    MAX_SEQ,
    CalendarWire,
    CatalogueWire,
    ChangesPage,
    ChangeWire,
    OfficersWire,
    SnapshotPage,
)

router = APIRouter()


@router.get("/v1/offices/{office_code}/officers", responses=ERRORS)
def officers(office_code: str, desk: Desk, s: Db) -> OfficersWire:
    return OfficersWire(officers=service.officers_of(s, office_code))


@router.get("/v1/offices/{office_code}/catalogue", responses=ERRORS)
def catalogue(office_code: str, desk: Desk, s: Db) -> CatalogueWire:
    return CatalogueWire(procedures=service.catalogue(s))


@router.get("/v1/offices/{office_code}/calendar", responses=ERRORS)
def calendar(office_code: str, desk: Desk, s: Db) -> CalendarWire:
    """Lịch làm việc của tỉnh with this office's hours (its version is in each page of
    changes, so a desk asks again only when it moves)."""
    wire = province_calendar.province_calendar(s, office_code).to_dict()
    return CalendarWire.model_validate(wire)


@router.get("/v1/offices/{office_code}/snapshot", responses=ERRORS,
         response_model=SnapshotPage)  # fmt: skip
def snapshot(
    office_code: str,
    desk: Desk,
    s: Db,
    after: AfterId = "",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 500,
    cursor: Annotated[int | None, Query(ge=0, le=MAX_SEQ)] = None,
) -> Response:
    page = service.snapshot_page_json(s, office_code, after, limit, cursor)
    return Response(page, media_type="application/json")


@router.get("/v1/offices/{office_code}/changes", responses=ERRORS, response_model=ChangesPage)
def changes(
    office_code: str,
    desk: Desk,
    s: Db,
    since: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 200,
) -> Response:
    page = service.changes_since(s, office_code, since, limit)
    return Response(page.model_dump_json(), media_type="application/json")


@router.get("/v1/offices/{office_code}/dossiers/{dossier_id}", responses=NOT_FOUND)
def dossier(office_code: str, dossier_id: AnId, desk: Desk, s: Db) -> ChangeWire:
    d = s.get(PortalDossier, dossier_id)
    if d is None or d.office_code != office_code:
        raise service.PortalError(404, "Không có hồ sơ này trong cơ quan.")
    acts = s.query(PortalAct).filter_by(dossier_id=d.id).order_by(PortalAct.version)
    return ChangeWire(
        seq=0,
        dossier=service.dossier_wire(d, service.payments_of(s, [d.id])[d.id]),
        acts=[service.act_wire(a, seal_key(s)) for a in acts],
    )
