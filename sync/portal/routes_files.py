"""Routes for files: citizens' scans (whole or by byte range) and the signed results desks
upload in chunks for level-4 dossiers returned online."""

import re
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from sync.portal import service
from sync.portal.http import BINARY, NOT_FOUND, SCAN_TYPES, AnId, Database, Db, Desk, Sha256
from sync.protocol import MAX_RESULT_FILE, MAX_UPLOAD_CHUNK, ErrorWire, UploadStatusWire

router = APIRouter()


@router.get("/v1/offices/{office_code}/attachments/{sha256}", response_class=Response,
            responses={**NOT_FOUND, 200: SCAN_TYPES, 206: SCAN_TYPES,
                       416: {"description": "Range Not Satisfiable"}})  # fmt: skip
def attachment(
    office_code: str,
    sha256: Sha256,
    desk: Desk,
    s: Db,
    range_header: Annotated[str | None, Header(alias="Range")] = None,
) -> Response:
    """A scan, whole or a byte range of it (resumable downloads on slow links)."""
    a = service.attachment_for(s, office_code, sha256)
    size = len(a.data)
    match = re.fullmatch(r"bytes=(\d+)-(\d*)", (range_header or "").strip())
    if match is None:  # no range, or one we do not read: the whole file (RFC 9110 14.2)
        return Response(a.data, media_type=a.content_type, headers={"Accept-Ranges": "bytes"})
    start = int(match[1])
    end = min(int(match[2]) if match[2] else size - 1, size - 1)
    if start >= size or end < start:
        return Response(status_code=416, headers={"Content-Range": f"bytes */{size}"})
    return Response(a.data[start : end + 1], status_code=206, media_type=a.content_type,
                    headers={"Content-Range": f"bytes {start}-{end}/{size}",
                             "Accept-Ranges": "bytes"})  # fmt: skip


@router.get("/v1/offices/{office_code}/dossiers/{dossier_id}/results/{sha256}",
            responses={**NOT_FOUND, 409: {"model": ErrorWire}})  # fmt: skip
def result_upload(
    office_code: str, dossier_id: AnId, sha256: Sha256, desk: Desk, s: Db
) -> UploadStatusWire:
    """How much of a level-4 result document the portal holds: an upload continues there."""
    return service.result_upload_status(s, desk.office_code, dossier_id, sha256)


# Its own path, not a PUT beside the GET: one method a path keeps OPTIONS and 405 honest.
@router.put("/v1/offices/{office_code}/dossiers/{dossier_id}/results/{sha256}/chunks",
            responses={**NOT_FOUND, 409: {"model": ErrorWire}},
            openapi_extra={"requestBody": {"required": True, "content": {
                "application/octet-stream": {"schema": {**BINARY, "minLength": 1}}}}})  # fmt: skip
async def upload_result(
    office_code: str,
    dossier_id: AnId,
    sha256: Sha256,
    desk: Desk,
    db: Database,
    request: Request,
    offset: Annotated[int, Query(ge=0, le=MAX_RESULT_FILE)],
    size: Annotated[int, Query(ge=1, le=MAX_RESULT_FILE)],
) -> UploadStatusWire:
    """Bytes ``offset``… of a level-4 dossier's signed result or refusal document (Đ9.3),
    at most MAX_UPLOAD_CHUNK a request. The file is the dossier's only once all of it
    hashes to ``sha256``; a file that does not is thrown away (409, like a chunk that does
    not fit where the portal's copy stops or the size declared)."""
    chunk = await request.body()
    if not chunk:  # a request that carries nothing moves nothing: say so, do not answer 200
        raise service.PortalError(400, "Lần gửi không có byte nào của tệp.")
    if len(chunk) > MAX_UPLOAD_CHUNK:
        raise service.PortalError(413, f"Mỗi lần gửi tối đa {MAX_UPLOAD_CHUNK} byte.")

    def receive() -> tuple[UploadStatusWire, str | None]:
        with db.transaction() as s:
            return service.receive_result_chunk(
                s, desk.desk_id, desk.office_code, dossier_id, sha256, offset, size, chunk
            )

    status, problem = await run_in_threadpool(receive)
    if problem:  # raised after the commit that discarded the bytes
        raise service.PortalError(409, problem)
    return status
