"""Talking to the portal over HTTP: authentication, compression, timeouts, retries.

Timeouts are stall timeouts (no byte for N seconds), not a total: a slow commune link
that keeps moving is never cut. What is retried, how often and after how long is urllib3's
``Retry`` (``retry_policy``): a connection that never opened is always tried again (nothing
was sent); a reply cut or stalled, and 502/503/504 (a gateway, a portal restarting or
overloaded, which may say when to come back: ``Retry-After``), only for a request that is
safe to send twice — GET, PUT, and the POSTs whose body names itself (events by their ids,
a receipt block by its ``request_id``, a question). 401/403/409 and other 4xx, and a 500
(the portal's own fault, which a second try repeats), are surfaced at once. When the tries
run out the error says why in Vietnamese, chained to the last underlying error, and the
log has the English cause.

The transport steps the ``Retry`` itself rather than mounting it in requests' adapter:
requests reads a reply's body after urllib3 has handed the reply over, so a body cut
half-way (the commune's link dropping mid-scan) would escape the adapter's retries; and
each attempt stays a request of the session, where the field tests observe the link.

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
import logging
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
from urllib3.exceptions import (
    ConnectTimeoutError,
    HTTPError,
    MaxRetryError,
    ProtocolError,
    ReadTimeoutError,
)
from urllib3.util.retry import Retry

from desktop.core.lifecycle import DomainError
from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION

CONNECT_TIMEOUT = 10.0
STALL_TIMEOUT = 30.0
RETRIED_STATUSES = frozenset({502, 503, 504})
LONGEST_WAIT = 30  # seconds between two tries at most, whatever a Retry-After asks
log = logging.getLogger("motcua.sync.transport")


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


def retry_policy(attempts: int, backoff: float, repeatable: bool) -> Retry:
    """urllib3's ``Retry`` for one request: ``attempts`` in all; the second try at once,
    then twice ``backoff`` seconds, doubling (urllib3's schedule), each with up to
    ``backoff`` more at random so that the desks of a province do not come back in step;
    ``repeatable``: the request may reach the portal twice without harm (a read cut or a
    5xx is retried too)."""
    again = max(attempts - 1, 0)
    # Not safe twice: a cut reply or a 5xx ends the tries (read and status count 0).
    twice = again if repeatable else 0
    return Retry(
        total=again, connect=again, read=twice, status=twice, other=twice, redirect=0,
        allowed_methods=Retry.DEFAULT_ALLOWED_METHODS | {"POST"},
        status_forcelist=RETRIED_STATUSES, backoff_factor=backoff, backoff_jitter=backoff,
        backoff_max=LONGEST_WAIT, respect_retry_after_header=True,
        retry_after_max=LONGEST_WAIT, raise_on_status=False, raise_on_redirect=False,
    )  # fmt: skip


def _as_urllib3(exc: requests.RequestException) -> HTTPError:
    """The urllib3 error beneath requests' (what ``Retry`` counts): a connection that never
    opened, or a reply that was cut or stalled."""
    for cause in _causes(exc):  # NewConnectionError is a ConnectTimeoutError
        if isinstance(cause, ConnectTimeoutError | ReadTimeoutError | ProtocolError):
            return cause
    if isinstance(exc, requests.ConnectTimeout):
        return ConnectTimeoutError(str(exc))
    # Anything else (a TLS error, a reply that broke off) may have come after the request
    # went out: counted as a cut reply, retried only when the request is safe twice.
    return ProtocolError(str(exc), exc)


@dataclass
class Transport:
    base_url: str
    token: str | None = None
    attempts: int = 5
    backoff: float = 0.5  # half the wait before the third attempt; doubles, with jitter
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

    def post(self, path: str, body: Any, repeatable: bool = False) -> Any:
        """``repeatable``: the body names itself (events by their ids, a ``request_id``) or
        asks a question, so the portal answers a second copy as the first: a cut reply or
        a 503 is retried. Otherwise only a connection that never opened is."""
        raw = _json_bytes(body)
        return self._send(
            "POST",
            path,
            repeatable=repeatable,
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
        repeatable: bool | None = None, **kwargs: Any,
    ) -> Any:  # fmt: skip
        tries = attempts or self.attempts
        headers = {
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            "Accept-Encoding": "gzip",
            **kwargs.pop("headers", {}),
        }
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        url = self.base_url + path
        safe_twice = method != "POST" if repeatable is None else repeatable
        retry = retry_policy(tries, self.backoff, safe_twice)
        while True:
            try:
                response = self.session.request(
                    method, url, headers=headers, timeout=self.timeout, **kwargs
                )
            except requests.exceptions.SSLError as exc:
                reason = certificate_refused(exc)
                if reason is not None:  # retrying will not make it trusted
                    raise PortalCertificateError(
                        f"Chứng chỉ của cổng {self.base_url} không được tin cậy ({reason}); "
                        "kiểm tra ngày giờ của máy và chứng chỉ gốc của tỉnh (--ca-file khi "
                        "ghi danh)."
                    ) from exc
                retry = self._again(retry, method, path, exc, network_reason(exc))
            except requests.RequestException as exc:  # connection refused, cut, stalled
                retry = self._again(retry, method, path, exc, network_reason(exc))
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
                said = f"HTTP {response.status_code}: {_detail(response)}"
                failure = PortalServerError(response.status_code, said)
                if not retry.is_retry(method, response.status_code, "Retry-After" in
                                      response.headers):  # fmt: skip
                    raise self._gave_up(method, path, len(retry.history) + 1, said,
                                        failure) from failure  # fmt: skip
                try:
                    retry = retry.increment(method, url, response=response.raw)
                except MaxRetryError:
                    raise self._gave_up(method, path, len(retry.history) + 1, said,
                                        failure) from failure  # fmt: skip
                wait = retry.get_retry_after(response.raw) if response.raw is not None else None
                self.sleep(wait if wait is not None else retry.get_backoff_time())
                continue
            self.sleep(retry.get_backoff_time())

    def _again(self, retry: Retry, method: str, path: str, exc: requests.RequestException,
               said: str) -> Retry:  # fmt: skip
        """``retry`` counted with the failure ``exc``; raises ``PortalUnreachable`` (from
        ``exc``) when the policy allows no further try."""
        try:
            return retry.increment(method, self.base_url + path, error=_as_urllib3(exc))
        except (MaxRetryError, HTTPError):  # the tries ran out, or this one is not repeated
            raise self._gave_up(method, path, len(retry.history) + 1, said, exc) from exc

    def _gave_up(self, method: str, path: str, tries: int, said: str,
                 cause: BaseException) -> PortalUnreachable:  # fmt: skip
        log.warning("%s %s%s: gave up after %d attempt(s): %r", method, self.base_url, path,
                    tries, cause)  # fmt: skip
        return PortalUnreachable(
            f"Không kết nối được cổng {self.base_url}: {said} (đã thử {tries} lần)"
        )


class PortalServerError(Exception):
    """A 5xx reply: the cause kept under the ``PortalUnreachable`` it ends in."""

    def __init__(self, status: int, said: str) -> None:
        self.status = status
        super().__init__(said)


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
