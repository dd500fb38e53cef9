"""Cổng dịch vụ công tham chiếu — the reference portal's HTTP API (FastAPI, OpenAPI).

Every path except ``/health`` and ``/openapi.json`` needs a desk's token (401 without),
and a desk reaches only its own office (403 otherwise). ``/v1/enrol`` is authenticated by
its one-time code instead.
"""

import time
import zlib

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.portal import (
    routes_audit,
    routes_feed,
    routes_files,
    routes_receipts,
    routes_sync,
    service,
)
from sync.portal.db import PortalDatabase
from sync.portal.http import (
    ERRORS,
    SafeJSONResponse,
)
from sync.protocol import (
    PROTOCOL_VERSION,
    EnrolRequest,
    EnrolResponse,
    ErrorWire,
    problem_vi,
    shorten,
)

MAX_BODY = 8 * 1024 * 1024  # a push of 500 events is well under 1 MiB
TOO_LARGE = f"Nội dung quá lớn (tối đa {MAX_BODY} byte, kể cả sau khi giải nén gzip)."
BROKEN_GZIP = "Nội dung gzip hỏng hoặc không trọn vẹn."


class ServerTiming:
    """Adds ``Server-Timing: app;dur=<ms>`` to every reply: the portal's own time, so a desk
    (or a load test) can tell the portal's time from the network's and its own."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()

        async def timed(message: Message) -> None:
            if message["type"] == "http.response.start":
                took = (time.perf_counter() - start) * 1000
                message["headers"] = [
                    *message.get("headers", []),
                    (b"server-timing", f"app;dur={took:.1f}".encode()),
                ]
            await send(message)

        await self.app(scope, receive, timed)


class BodyLimit:
    """Reads each request's body before any route sees it, counting bytes as they arrive:
    past ``MAX_BODY`` — on the wire or once inflated from gzip — it answers 413 at once and
    keeps nothing more. (Checking Content-Length alone let a chunked body, which has none,
    or a 2 MB gzip bomb that inflates to 2 GiB, take the portal's memory.)"""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        gzipped = headers.get("content-encoding", "").strip().lower() == "gzip"
        try:
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > MAX_BODY:
                raise service.PortalError(413, TOO_LARGE)
            body = await _read_body(receive, gzipped)
        except service.PortalError as exc:
            await refusal(exc)(scope, receive, send)
            return
        if body is None:
            return  # the client went away before the end of its body: nobody to answer
        if gzipped:  # the route gets the JSON, so the headers must describe the JSON
            scope = {**scope, "headers": _plain_headers(scope, len(body))}
        delivered = False

        async def replay() -> Message:
            nonlocal delivered
            if delivered:
                return await receive()  # what follows the body: the client's disconnect
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)


async def _read_body(receive: Receive, gzipped: bool) -> bytes | None:
    """The whole body (inflated if gzip), or None if the client disconnected."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS) if gzipped else None
    body, on_wire, more = bytearray(), 0, True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunk, more = message.get("body", b""), message.get("more_body", False)
        on_wire += len(chunk)
        if on_wire > MAX_BODY:
            raise service.PortalError(413, TOO_LARGE)
        body += _inflate(inflater, chunk, MAX_BODY - len(body)) if inflater else chunk
    if inflater and not inflater.eof:
        raise service.PortalError(400, BROKEN_GZIP)  # the gzip stream stopped half-way
    return bytes(body)


def _inflate(inflater: "zlib._Decompress", chunk: bytes, room: int) -> bytes:
    """Inflate one chunk of gzip, never more than ``room`` bytes plus one: a bomb is
    refused as soon as it passes the limit, not after it has filled the memory."""
    out = bytearray()
    while chunk:
        try:
            out += inflater.decompress(chunk, room - len(out) + 1)
        except zlib.error:
            raise service.PortalError(400, BROKEN_GZIP) from None
        if len(out) > room:
            raise service.PortalError(413, TOO_LARGE)
        chunk = inflater.unconsumed_tail
    if inflater.unused_data:  # bytes after the end of the gzip stream
        raise service.PortalError(400, BROKEN_GZIP)
    return bytes(out)


def _plain_headers(scope: Scope, length: int) -> list[tuple[bytes, bytes]]:
    stale = (b"content-encoding", b"content-length")
    kept = [(name, value) for name, value in scope["headers"] if name not in stale]
    return [*kept, (b"content-length", str(length).encode())]


def _methods_of(app: FastAPI, scope: Scope) -> set[str]:
    """Every method some route answers on this request's path."""
    methods: set[str] = set()
    for route in app.routes:
        if isinstance(route, Route) and route.methods:
            match, _ = route.matches({**scope, "method": next(iter(route.methods))})
            if match is Match.FULL:
                methods |= route.methods
    return methods


def refusal(exc: service.PortalError) -> JSONResponse:
    return SafeJSONResponse({"detail": str(exc)}, status_code=exc.status, headers=exc.headers)


def create_app(db: PortalDatabase) -> FastAPI:
    app = FastAPI(
        title="MotCua — cổng tham chiếu (reference portal)",
        version="1",
        description="Đồng bộ bàn một cửa với cổng dịch vụ công của tỉnh.",
    )
    app.state.db = db
    # Level 6: nearly the size of level 9 (the default) for a third of the CPU per reply.
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)
    app.add_middleware(BodyLimit)
    app.add_middleware(ServerTiming)

    @app.exception_handler(service.PortalError)
    async def portal_error(_request: Request, exc: service.PortalError) -> JSONResponse:
        return refusal(exc)

    @app.exception_handler(RequestValidationError)
    async def malformed(_request: Request, exc: RequestValidationError) -> JSONResponse:
        """422 naming each field and what is wrong, never echoing the value (a 1 MB name
        is not sent back, half a UTF-16 pair cannot break the reply)."""
        problems = [{"loc": [p if isinstance(p, int) else shorten(p) for p in e["loc"]],
                     "msg": problem_vi(e), "type": shorten(e["type"])}
                    for e in exc.errors()[:20]]  # fmt: skip
        return SafeJSONResponse({"detail": problems}, status_code=422)

    @app.exception_handler(OperationalError)
    async def busy(_request: Request, exc: OperationalError) -> JSONResponse:
        # SQLite waits for its lock (busy timeout); if it still is not free, the desk is told
        # to come back (it retries 503) rather than shown a server error.
        if "locked" not in str(exc.orig) and "busy" not in str(exc.orig):
            raise exc
        return SafeJSONResponse({"detail": "Cổng đang bận, xin thử lại sau giây lát."},
                                status_code=503, headers={"Retry-After": "1"})  # fmt: skip

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            # Starlette names only the first route of the path; a path with a GET and a PUT
            # route (audit-head) must say both.
            headers["Allow"] = ", ".join(sorted(_methods_of(request.app, request.scope)))
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code,
                            headers=headers)  # fmt: skip

    @app.get("/health")
    def health() -> dict[str, object]:
        return {"status": "ok", "protocol": PROTOCOL_VERSION}

    @app.post("/v1/enrol", responses={**ERRORS, 429: {"model": ErrorWire}})
    def enrol(body: EnrolRequest, request: Request) -> EnrolResponse:
        """Ghi danh bàn bằng mã một lần; an address guessing codes is held back (429)."""
        client = request.client.host if request.client else ""
        return service.enrol(db.transaction, body, client)

    # Each concern's routes in a router of its own (``routes_*.py``).
    app.include_router(routes_feed.router)
    app.include_router(routes_sync.router)
    app.include_router(routes_files.router)
    app.include_router(routes_receipts.router)
    app.include_router(routes_audit.router)
    return app
