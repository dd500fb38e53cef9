"""Talking to the portal over HTTP: authentication, compression, timeouts, retries.

Timeouts are stall timeouts (no byte for N seconds), not a total: a slow commune link
that keeps moving is never cut. Only network errors and 5xx are retried, with backoff;
401/403/409 and other 4xx are surfaced at once, never retried in a loop.

The desk's token and citizens' personal data travel in every request, so plain http:// is
refused except to this machine (loopback) or when the enrolment said ``--insecure-http``.
A province that runs its own certificate authority gives its PEM (``ca_pem``): the portal's
certificate is then checked against that authority alone. A certificate that does not
verify is its own error (:class:`PortalCertificateError`), never retried and never told
as "cannot connect", since the fix is not the network.
"""

from __future__ import annotations

import gzip
import ipaddress
import json
import random
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter

from desktop.core.lifecycle import DomainError
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION

CONNECT_TIMEOUT = 10.0
STALL_TIMEOUT = 30.0


class PortalUnreachable(Exception):
    """The network or the portal failed even after retries; nothing was lost locally."""


class PortalCertificateError(PortalUnreachable):
    """The portal's TLS certificate is not trusted (unknown authority, wrong name, expired).

    A kind of "unreachable" (nothing was sent, nothing lost), kept apart so that the desk
    says what is wrong: a clock, a missing ``--ca-file``, or someone in the middle.
    """


class InsecurePortalUrl(DomainError):
    """http:// to another machine without ``--insecure-http``, or not a web address at all."""


class PortalRefused(Exception):
    def __init__(self, status: int, detail: str) -> None:
        self.status, self.detail = status, detail
        super().__init__(f"Cổng từ chối ({status}): {detail}")


class PortalMalformedReply(PortalRefused):
    """The portal (or someone in the middle) answered outside the protocol: an over-long or
    missing field, a wrong type. Nothing of that reply was written; the sync stops there."""

    def __init__(self, where: str) -> None:
        super().__init__(
            502, f"cổng trả lời sai giao thức ({where}); không ghi gì từ câu trả lời này."
        )


def is_loopback(host: str) -> bool:
    """This machine itself: ``localhost`` or a loopback address (never resolved by DNS)."""
    host = host.strip("[]").lower()
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_portal_url(url: str, insecure_http: bool = False) -> str:
    """The portal's address without its trailing slash, or :class:`InsecurePortalUrl`."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InsecurePortalUrl(
            f"Địa chỉ cổng “{url}” không hợp lệ: cần dạng https://tên-máy[:cổng]."
        )
    if parts.scheme == "http" and not insecure_http and not is_loopback(parts.hostname):
        raise InsecurePortalUrl(
            f"Địa chỉ cổng {url} dùng http:// không mã hoá: mã xác thực của bàn và dữ liệu cá "
            "nhân của công dân sẽ đi qua mạng ở dạng ai cũng đọc được. Hãy dùng https://; chỉ "
            "khi chấp nhận rủi ro này mới ghi danh với --insecure-http."
        )
    return url.strip().rstrip("/")


class _TrustAdapter(HTTPAdapter):
    """Verifies the portal's certificate against the province's authority only (its PEM held
    in memory, from the desk's settings), instead of the public authorities' bundle."""

    def __init__(self, ca_pem: str, **kwargs: Any) -> None:
        self._ca_pem = ca_pem
        super().__init__(**kwargs)

    def build_connection_pool_key_attributes(
        self, request: Any, verify: Any, cert: Any = None
    ) -> Any:
        # Here rather than in the pool manager: direct and proxied connections both pass.
        host_params, given = super().build_connection_pool_key_attributes(request, verify, cert)
        pool_kwargs: dict[str, Any] = dict(given)
        if host_params.get("scheme") == "https":
            pool_kwargs.pop("ca_certs", None)
            pool_kwargs.pop("ca_cert_dir", None)
            pool_kwargs.update(ca_cert_data=self._ca_pem, cert_reqs="CERT_REQUIRED")
        return host_params, pool_kwargs

    def cert_verify(self, conn: Any, url: str, verify: Any, cert: Any) -> None:
        # Instead of requests' own (which points the pool at the public bundle): the
        # province's authority, given to the pool manager above, and nothing else.
        if url.lower().startswith("https"):
            conn.cert_reqs, conn.ca_certs, conn.ca_cert_dir = "CERT_REQUIRED", None, None


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """What an error wraps: requests and urllib3 keep it in args and ``reason``."""
    seen: set[int] = set()
    todo: list[BaseException] = [exc]
    while todo:
        current = todo.pop()
        if id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        inner = [*current.args, getattr(current, "reason", None),
                 current.__cause__, current.__context__]  # fmt: skip
        todo += [e for e in inner if isinstance(e, BaseException)]


def certificate_refused(exc: BaseException) -> str | None:
    """Why the portal's certificate was refused, or None when ``exc`` is something else
    (a handshake cut by the network is retried like any other network error)."""
    for cause in _causes(exc):
        if isinstance(cause, ssl.SSLCertVerificationError):
            return str(getattr(cause, "verify_message", "") or cause)
    return "certificate verify failed" if "CERTIFICATE_VERIFY_FAILED" in str(exc) else None


def network_reason(exc: BaseException) -> str:
    """Why a request got no answer, in words an officer can act on — not the library's
    own text (``HTTPConnectionPool(host=…): Max retries exceeded …``)."""
    causes = list(_causes(exc))
    if any(isinstance(c, ConnectionRefusedError) for c in causes):
        return "máy cổng từ chối kết nối (cổng chưa chạy hoặc sai số cổng)"
    if any(isinstance(c, socket.gaierror) for c in causes) or "NameResolution" in str(exc):
        return "không tìm thấy tên máy của cổng (kiểm tra địa chỉ và mạng)"
    if any(isinstance(c, requests.exceptions.Timeout | TimeoutError) for c in causes):
        return "cổng không trả lời kịp (mạng chậm hoặc bị ngắt)"
    if any(isinstance(c, ConnectionResetError) for c in causes):
        return "kết nối bị ngắt giữa chừng"
    if isinstance(exc, requests.exceptions.SSLError):
        return "không lập được kết nối bảo mật (TLS) với cổng"
    errors = [c for c in causes if isinstance(c, OSError) and c.strerror]
    if errors:
        return f"lỗi mạng: {errors[0].strerror}"
    return f"lỗi mạng ({type(exc).__name__})"


@dataclass
class Transport:
    base_url: str
    token: str | None = None
    attempts: int = 5
    backoff: float = 0.5  # seconds before the second attempt; doubles, with jitter
    sleep: Callable[[float], None] = time.sleep
    bytes_sent: int = 0
    bytes_received: int = 0
    session: requests.Session = field(default_factory=requests.Session)
    insecure_http: bool = False  # the enrolment's explicit --insecure-http
    ca_pem: str | None = None  # the province's authority; None: the public authorities
    timeout: tuple[float, float] = (CONNECT_TIMEOUT, STALL_TIMEOUT)
    # The snapshot fetches one page ahead on a thread: the byte counts are shared.
    _counting: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        self.base_url = check_portal_url(self.base_url, self.insecure_http)
        # Two pools of four connections kept alive.
        adapter = (_TrustAdapter(self.ca_pem, pool_connections=2, pool_maxsize=4)
                   if self.ca_pem else HTTPAdapter(pool_connections=2, pool_maxsize=4))  # fmt: skip
        self.session.mount("http://", adapter)
        self.session.mount("https://", adapter)

    def get(self, path: str, **params: Any) -> Any:
        return self._send("GET", path, params=params)

    def get_bytes(self, path: str, **params: Any) -> bytes:
        """The reply's body as it came (for a model to parse straight from JSON)."""
        response: requests.Response = self._send("GET", path, raw=True, params=params)
        return response.content

    def post(self, path: str, body: Any) -> Any:
        raw = _json_bytes(body)
        return self._send(
            "POST",
            path,
            data=gzip.compress(raw, 6),
            headers={"Content-Encoding": "gzip", "Content-Type": "application/json"},
        )

    def put(self, path: str, body: Any) -> Any:
        raw = _json_bytes(body)
        return self._send("PUT", path, data=raw, headers={"Content-Type": "application/json"})

    def put_bytes(self, path: str, data: bytes, once: bool = False, **params: Any) -> Any:
        """Raw bytes (a chunk of a file being uploaded), not JSON; ``once``: not sent again
        after a network error (the caller asks the portal what arrived first)."""
        return self._send("PUT", path, data=data, params=params, attempts=1 if once else None,
                          headers={"Content-Type": "application/octet-stream"})  # fmt: skip

    def get_range(self, path: str, start: int, end: int) -> tuple[bytes, int]:
        """Bytes ``start``–``end`` (inclusive) of a file and the file's whole size."""
        response = self._send("GET", path, headers={"Range": f"bytes={start}-{end}"}, raw=True)
        total = response.headers.get("Content-Range", "").rpartition("/")[2]
        if response.status_code == 206 and total.isdigit():
            return response.content, int(total)
        return response.content[start : end + 1], len(response.content)  # no range support

    def _send(
        self, method: str, path: str, raw: bool = False, attempts: int | None = None,
        **kwargs: Any,
    ) -> Any:  # fmt: skip
        tries = attempts or self.attempts
        headers = {
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            "Accept-Encoding": "gzip",
            **kwargs.pop("headers", {}),
        }
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        delay, last_error = self.backoff, "?"
        for attempt in range(1, tries + 1):
            try:
                response = self.session.request(
                    method,
                    self.base_url + path,
                    headers=headers,
                    timeout=self.timeout,
                    **kwargs,
                )
            except requests.exceptions.SSLError as exc:
                reason = certificate_refused(exc)
                if reason is not None:  # retrying will not make it trusted
                    raise PortalCertificateError(
                        f"Chứng chỉ của cổng {self.base_url} không được tin cậy ({reason}); "
                        "kiểm tra ngày giờ của máy và chứng chỉ gốc của tỉnh (--ca-file khi "
                        "ghi danh)."
                    ) from exc
                last_error = network_reason(exc)
            except requests.RequestException as exc:  # connection refused, cut, stalled
                last_error = network_reason(exc)
            else:
                # What crossed the wire: the compressed length when the reply was gzip.
                wire = response.headers.get("Content-Length")
                with self._counting:
                    self.bytes_sent += len(kwargs.get("data") or b"") + len(path)
                    self.bytes_received += int(wire) if wire else len(response.content)
                if response.status_code < 400:
                    return response if raw else response.json()
                if response.status_code < 500:
                    raise PortalRefused(response.status_code, _detail(response))
                last_error = f"HTTP {response.status_code}: {_detail(response)}"
            if attempt < tries:
                self.sleep(delay * (0.5 + random.random()))
                delay = min(delay * 2, 30.0)
        raise PortalUnreachable(
            f"Không kết nối được cổng {self.base_url}: {last_error} (đã thử {tries} lần)"
        )


def _detail(response: requests.Response) -> str:
    try:
        detail = response.json().get("detail", response.text)
    except ValueError:
        detail = response.text
    return detail if isinstance(detail, str) else json.dumps(detail, ensure_ascii=False)[:500]


def _json_bytes(body: Any) -> bytes:
    text = json.dumps(body, ensure_ascii=False, default=str)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # half a UTF-16 pair in some text: sent escaped, so the
        # portal can name the event it spoils instead of the whole push failing here
        return json.dumps(body, default=str).encode("ascii")
