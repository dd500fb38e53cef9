"""What the portal's routes share: the refusals they document, the bounded ids in paths,
and the dependencies that authenticate a desk and open the database."""

import json
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, Header, Path, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from sync.portal import service
from sync.portal.db import PortalDatabase
from sync.protocol import MAX_ID, PROTOCOL_HEADER, PROTOCOL_VERSION, ErrorWire

# Every refusal is {"detail": "…"} (422 keeps FastAPI's list of problems, without the input).
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorWire} for code in (400, 401, 403, 413)
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {**ERRORS, 404: {"model": ErrorWire}}
REFUSED: dict[int | str, dict[str, Any]] = {**ERRORS, 409: {"model": ErrorWire}}
BINARY = {"type": "string", "format": "binary"}
SCAN_TYPES = {"content": {t: {"schema": {"type": "string", "format": "binary"}}
                          for t in ("application/pdf", "image/png", "image/jpeg",
                                    "application/octet-stream")}}  # fmt: skip


class SafeJSONResponse(JSONResponse):
    """For refusals, which may quote what a client sent: half a UTF-16 pair becomes “?”
    rather than a 500 (such texts are refused earlier; this is the last line)."""

    def render(self, content: Any) -> bytes:
        text = json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        return text.encode("utf-8", "replace")


# Ids in paths and queries reach SQL: bounded, and without NUL (PostgreSQL refuses it).
AnId = Annotated[str, Path(max_length=MAX_ID, pattern=r"^[^\x00]*$")]
AfterId = Annotated[str, Query(max_length=MAX_ID, pattern=r"^[^\x00]*$")]
Sha256 = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$")]


class DeskIdentity:
    def __init__(self, desk_id: str, office_code: str) -> None:
        self.desk_id, self.office_code = desk_id, office_code


def _session(request: Request) -> Iterator[Session]:
    db: PortalDatabase = request.app.state.db
    with db.reading() as s:
        yield s


def _desk_for(
    request: Request,
    office_code: str,
    authorization: Annotated[str | None, Header()] = None,
    x_motcua_protocol: Annotated[str | None, Header()] = None,
) -> DeskIdentity:
    db: PortalDatabase = request.app.state.db
    token = authorization[7:] if authorization and authorization.startswith("Bearer ") else None
    with db.reading() as s:
        desk = service.authenticate(s, token)
    service.require_office(desk, office_code)
    if x_motcua_protocol != str(PROTOCOL_VERSION):
        raise service.PortalError(
            400,
            f"Giao thức {x_motcua_protocol!r} không được hỗ trợ; "
            f"cổng dùng {PROTOCOL_HEADER}: {PROTOCOL_VERSION}.",
        )
    return DeskIdentity(desk.id, desk.office_code)


Desk = Annotated[DeskIdentity, Depends(_desk_for)]
Db = Annotated[Session, Depends(_session)]


def _database(request: Request) -> PortalDatabase:
    return request.app.state.db  # type: ignore[no-any-return]


Database = Annotated[PortalDatabase, Depends(_database)]  # for routes that write
