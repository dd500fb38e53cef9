"""Bodies sent to hurt the portal: a chunked body with no Content-Length, a gzip bomb, a
body that is not what the route expects. Each gets a clear 4xx, the portal's memory stays
bounded and it keeps answering — with or without a desk's token."""

from __future__ import annotations

import gzip
import json

import pytest
import requests
from sqlalchemy import func, select

from sync.portal.app import MAX_BODY
from sync.portal.models import PortalDesk, PortalEvent
from tests.security.hostile import (
    ENROL,
    EVENTS,
    MiB,
    chunked,
    desk_headers,
    gzip_bomb,
    peak_rss,
    post,
)
from tests.sync.conftest import PortalProcess

PEAK_RSS_LIMIT = 200 * MiB  # the portal itself takes about 85 MB once started


@pytest.fixture(scope="session")
def bomb() -> bytes:
    return gzip_bomb(2048 * MiB)


def targets(portal: PortalProcess) -> list[tuple[str, dict[str, str]]]:
    """One path anyone may call and one that needs a desk's token."""
    return [(ENROL, {}), (EVENTS, desk_headers(portal))]


def assert_unharmed(portal: PortalProcess) -> None:
    assert portal.process is not None
    assert requests.get(portal.url + "/health", timeout=10).ok
    assert peak_rss(portal.process.pid) < PEAK_RSS_LIMIT
    db = portal.database()
    with db.reading() as s:  # nothing half-written: only the desk enrolled for the test
        assert s.scalar(select(func.count()).select_from(PortalEvent)) == 0
        assert s.scalar(select(func.count()).select_from(PortalDesk)) == 1
    db.dispose()


def test_a_chunked_body_without_length_is_cut_at_the_limit(portal: PortalProcess) -> None:
    for path, headers in targets(portal):
        reply = post(portal, path, chunked(20 * MiB), headers)
        assert reply.status_code == 413, (path, reply.text[:300])
        assert "quá lớn" in reply.json()["detail"]
    assert_unharmed(portal)


def test_a_gzip_bomb_is_refused_before_it_inflates(portal: PortalProcess, bomb: bytes) -> None:
    assert len(bomb) < 3 * MiB
    for path, headers in targets(portal):
        reply = post(portal, path, bomb, {**headers, "Content-Encoding": "gzip"})
        assert reply.status_code == 413, (path, reply.text[:300])
        assert "quá lớn" in reply.json()["detail"]
    assert_unharmed(portal)


def test_gzip_is_bounded_by_what_it_inflates_to_and_must_be_whole(portal: PortalProcess) -> None:
    (path, headers), _ = targets(portal)
    gz = {**headers, "Content-Encoding": "gzip"}
    just_over = gzip.compress(b" " * (MAX_BODY + 1))
    assert post(portal, path, just_over, gz).status_code == 413
    request = json.dumps({"code": "0000-0000-0000-0000", "desk_uuid": "0" * 32}).encode()
    assert post(portal, path, gzip.compress(request)[:-8], gz).status_code == 400  # cut short
    assert post(portal, path, gzip.compress(request) + b"x", gz).status_code == 400  # a tail
    assert post(portal, path, b"not gzip at all", gz).status_code == 400
    # The same request whole reaches the route, which refuses the code: the body got through.
    assert post(portal, path, gzip.compress(request), gz).status_code == 401
    assert_unharmed(portal)


def test_a_refused_body_is_never_echoed_back(portal: PortalProcess) -> None:
    secret = "mat-khau-bi-mat-" + "9" * 40
    for path, headers in targets(portal):
        for body in ({"events": secret}, {"code": 1, "desk_uuid": secret, "ngoài-lề": secret}):
            reply = post(portal, path, json.dumps(body), headers)
            assert reply.status_code == 422, (path, reply.text[:300])
            assert secret not in reply.text
            assert all({"loc", "msg"} <= set(error) for error in reply.json()["detail"])
        broken = post(portal, path, '{"events": "' + secret, headers)  # not JSON at all
        assert broken.status_code == 422 and secret not in broken.text
