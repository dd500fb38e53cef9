"""Talking to the portal over HTTP: authentication, compression, timeouts, retries.

Timeouts are stall timeouts (no byte for N seconds), not a total: a slow commune link
that keeps moving is never cut. Only network errors and 5xx are retried, with backoff;
401/403/409 and other 4xx are surfaced at once, never retried in a loop.
"""

from __future__ import annotations

import gzip
import json
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from sync.protocol import PROTOCOL_HEADER, PROTOCOL_VERSION

CONNECT_TIMEOUT = 10.0
STALL_TIMEOUT = 30.0


class PortalUnreachable(Exception):
    """The network or the portal failed even after retries; nothing was lost locally."""


class PortalRefused(Exception):
    def __init__(self, status: int, detail: str) -> None:
        self.status, self.detail = status, detail
        super().__init__(f"Cổng từ chối ({status}): {detail}")


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
    # The snapshot fetches one page ahead on a thread: the byte counts are shared.
    _counting: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        self.base_url = self.base_url.rstrip("/")
        adapter = HTTPAdapter(pool_connections=2, pool_maxsize=4)  # keep connections alive
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

    def get_range(self, path: str, start: int, end: int) -> tuple[bytes, int]:
        """Bytes ``start``–``end`` (inclusive) of a file and the file's whole size."""
        response = self._send("GET", path, headers={"Range": f"bytes={start}-{end}"}, raw=True)
        total = response.headers.get("Content-Range", "").rpartition("/")[2]
        if response.status_code == 206 and total.isdigit():
            return response.content, int(total)
        return response.content[start : end + 1], len(response.content)  # no range support

    def _send(self, method: str, path: str, raw: bool = False, **kwargs: Any) -> Any:
        headers = {
            PROTOCOL_HEADER: str(PROTOCOL_VERSION),
            "Accept-Encoding": "gzip",
            **kwargs.pop("headers", {}),
        }
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        delay, last_error = self.backoff, "?"
        for attempt in range(1, self.attempts + 1):
            try:
                response = self.session.request(
                    method,
                    self.base_url + path,
                    headers=headers,
                    timeout=(CONNECT_TIMEOUT, STALL_TIMEOUT),
                    **kwargs,
                )
            except requests.RequestException as exc:  # connection refused, cut, stalled
                last_error = f"{type(exc).__name__}: {exc}"
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
            if attempt < self.attempts:
                self.sleep(delay * (0.5 + random.random()))
                delay = min(delay * 2, 30.0)
        raise PortalUnreachable(f"Không kết nối được cổng {self.base_url}: {last_error}")


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
