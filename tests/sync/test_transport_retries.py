"""The transport's retries (urllib3's ``Retry``) against tiny local HTTP servers that count
what reaches them: a portal unavailable twice then answering, one that stays unavailable,
one that never answers, a closed port; a POST that does not name itself is not sent twice;
when the tries run out the officer reads why in Vietnamese, the log has the English cause
and the error is chained to it."""

from __future__ import annotations

import json
import logging
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from sync.client.transport import PortalServerError, PortalUnreachable, Transport

Reply = tuple[int, dict[str, str], object]
UNAVAILABLE: Reply = (503, {}, {"detail": "Cổng đang bảo trì"})
ANSWER: Reply = (200, {}, {"ok": True})


class ScriptedPortal(ThreadingHTTPServer):
    """Answers each request with the next reply of its script (the last one once the
    script runs out) and counts the requests that reached it."""

    daemon_threads = True

    def __init__(self, script: list[Reply]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.script, self.requests = script, 0
        self.counting = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def next_reply(self) -> Reply:
        with self.counting:
            self.requests += 1
            return self.script[min(self.requests, len(self.script)) - 1]


class _Handler(BaseHTTPRequestHandler):
    server: ScriptedPortal

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status, headers, body = self.server.next_reply()
        data = json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        for name, value in {"Content-Type": "application/json", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass  # the test counts requests; nothing to print


def serving(script: list[Reply]) -> Iterator[ScriptedPortal]:
    server = ScriptedPortal(script)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


@pytest.fixture
def twice_unavailable() -> Iterator[ScriptedPortal]:
    # The first 503 says when to come back; the second does not.
    yield from serving([(503, {"Retry-After": "2"}, {"detail": "Cổng đang khởi động"}),
                        UNAVAILABLE, ANSWER])  # fmt: skip


@pytest.fixture
def always_unavailable() -> Iterator[ScriptedPortal]:
    yield from serving([UNAVAILABLE])


def transport_to(url: str, slept: list[float], attempts: int = 5, **options: object) -> Transport:
    return Transport(url, attempts=attempts, sleep=slept.append, **options)  # type: ignore[arg-type]


def test_a_portal_unavailable_twice_then_answering_is_waited_for(
    twice_unavailable: ScriptedPortal,
) -> None:
    slept: list[float] = []
    transport = transport_to(twice_unavailable.url, slept)
    try:
        assert transport.get("/v1/ping") == {"ok": True}
    finally:
        transport.session.close()
    assert twice_unavailable.requests == 3
    # As long as the portal asked (Retry-After: 2); then the backoff: 0.5 s doubled, plus
    # up to 0.5 s at random so that the desks of a province do not come back in step.
    assert slept[0] == 2.0 and 1.0 <= slept[1] <= 1.5 and len(slept) == 2


def test_a_portal_that_stays_unavailable_is_tried_as_often_as_configured(
    always_unavailable: ScriptedPortal, caplog: pytest.LogCaptureFixture
) -> None:
    slept: list[float] = []
    transport = transport_to(always_unavailable.url, slept, attempts=3)
    with (
        caplog.at_level(logging.WARNING, "motcua.sync.transport"),
        pytest.raises(PortalUnreachable) as gave_up,
    ):
        transport.get("/v1/ping")
    transport.session.close()
    assert always_unavailable.requests == 3 and len(slept) == 2
    said = str(gave_up.value)  # for the officer: what, why, how often
    assert said.startswith("Không kết nối được cổng") and "HTTP 503: Cổng đang bảo trì" in said
    assert "(đã thử 3 lần)" in said
    cause = gave_up.value.__cause__  # the last underlying error, kept
    assert isinstance(cause, PortalServerError) and cause.status == 503
    assert "gave up after 3 attempt(s)" in caplog.text and "/v1/ping" in caplog.text


def test_a_post_is_sent_again_only_when_it_names_itself(
    always_unavailable: ScriptedPortal,
) -> None:
    slept: list[float] = []
    transport = transport_to(always_unavailable.url, slept, attempts=3)
    try:
        with pytest.raises(PortalUnreachable) as once:  # an enrolment: its code is spent once
            transport.post("/v1/enrol", {"code": "123456"})
        assert always_unavailable.requests == 1 and slept == []
        assert "(đã thử 1 lần)" in str(once.value)
        with pytest.raises(PortalUnreachable):  # events, kept by the portal under their ids
            transport.post("/v1/offices/X/events", {"events": []}, repeatable=True)
        assert always_unavailable.requests == 1 + 3
        with pytest.raises(PortalUnreachable):  # a chunk sent once, then asked about
            transport.put_bytes("/v1/chunks", b"x" * 10, once=True)
        assert always_unavailable.requests == 1 + 3 + 1
    finally:
        transport.session.close()


def test_a_500_is_not_tried_again() -> None:
    for portal in serving([(500, {}, {"detail": "lỗi nội bộ"}), ANSWER]):
        slept: list[float] = []
        transport = transport_to(portal.url, slept)
        with pytest.raises(PortalUnreachable) as gave_up:
            transport.get("/v1/ping")
        transport.session.close()
        assert portal.requests == 1 and slept == []
        assert "HTTP 500: lỗi nội bộ" in str(gave_up.value)


@pytest.fixture
def silent_portal() -> Iterator[tuple[str, list[socket.socket]]]:
    """Accepts connections and never answers (a portal hung, a link that swallows)."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}", accepted
    finally:
        stop.set()
        thread.join(10)
        for connection in accepted:
            connection.close()
        listener.close()


def test_a_portal_that_never_answers_is_given_up_with_a_clear_message(
    silent_portal: tuple[str, list[socket.socket]],
) -> None:
    url, accepted = silent_portal
    slept: list[float] = []
    transport = transport_to(url, slept, attempts=3, timeout=(5.0, 0.5))
    with pytest.raises(PortalUnreachable) as gave_up:
        transport.get("/v1/ping")
    transport.session.close()
    assert len(accepted) == 3 and len(slept) == 2  # as many tries as configured
    said = str(gave_up.value)
    assert "cổng không trả lời kịp (mạng chậm hoặc bị ngắt)" in said
    assert "(đã thử 3 lần)" in said
    assert isinstance(gave_up.value.__cause__, requests.exceptions.Timeout)


def test_a_closed_port_is_tried_again_and_said_as_refused() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there once closed
    slept: list[float] = []
    transport = transport_to(f"http://127.0.0.1:{port}", slept, attempts=2)
    with pytest.raises(PortalUnreachable) as gave_up:
        transport.post("/v1/enrol", {"code": "123456"})  # nothing was sent: tried again
    transport.session.close()
    assert len(slept) == 1 and "(đã thử 2 lần)" in str(gave_up.value)
    assert "máy cổng từ chối kết nối" in str(gave_up.value)
    assert isinstance(gave_up.value.__cause__, requests.ConnectionError)
