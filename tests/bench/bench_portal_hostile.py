"""Benchmark: a real portal process under hostile request bodies.

    .venv/bin/python -m tests.bench.bench_portal_hostile [--bomb-mib 2048] [--chunked-mib 100]

Sends (a) a gzip bomb (about 2 MB of gzip that inflates to 2 GiB of zeros) and (b) a
100 MiB chunked body with no Content-Length, each to a path anyone may call (/v1/enrol)
and to one that needs a desk's token (a push of events). Meanwhile a thread asks /health
every 0.2 s. Reports each reply's status and time, the portal's peak resident memory
(VmHWM) and whether /health kept answering.

Target (hardening issue): every hostile body gets 413, the portal's peak RSS stays under
200 MB and /health answers throughout and after. Exit 1 if not.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import requests

from sync.portal.db import PortalDatabase
from sync.portal.demo import init_demo
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
from tests.sync.conftest import PortalProcess, free_port

PEAK_RSS_TARGET = 200 * MiB


class HealthWatch(threading.Thread):
    """Asks /health every 0.2 s until stopped; keeps the slowest answer and the failures."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url, self.asked, self.slowest, self.failures = url, 0, 0.0, 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            start = time.perf_counter()
            try:
                ok = requests.get(self.url + "/health", timeout=5).ok
            except requests.RequestException:
                ok = False
            self.asked += 1
            self.failures += not ok
            self.slowest = max(self.slowest, time.perf_counter() - start)


Body = Callable[[], object]  # a new body for each request (a generator is sent only once)


def hostile_bodies(bomb_mib: int, chunked_mib: int) -> Iterable[tuple[str, Body, dict[str, str]]]:
    bomb = gzip_bomb(bomb_mib * MiB)
    yield (f"gzip bomb {len(bomb) / MiB:.1f} MiB → {bomb_mib} MiB", lambda: bomb,
           {"Content-Encoding": "gzip"})  # fmt: skip
    yield f"chunked {chunked_mib} MiB, no length", lambda: chunked(chunked_mib * MiB), {}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--bomb-mib", type=int, default=2048, help="inflated size of the bomb")
    parser.add_argument("--chunked-mib", type=int, default=100, help="size of the chunked body")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        db_url = f"sqlite:///{Path(tmp) / 'portal.db'}"
        db = PortalDatabase(db_url)
        init_demo(db)
        db.dispose()
        portal = PortalProcess(f"http://127.0.0.1:{free_port()}", db_url)
        portal.start()
        assert portal.process is not None
        pid = portal.process.pid
        try:
            targets = [(ENROL, {}), (EVENTS, desk_headers(portal))]
            print(f"{os.cpu_count()} cores; portal started, peak RSS {peak_rss(pid) / MiB:.0f} MiB")
            watch = HealthWatch(portal.url)
            watch.start()
            statuses = []
            for name, body, extra in hostile_bodies(args.bomb_mib, args.chunked_mib):
                for path, headers in targets:
                    start = time.perf_counter()
                    reply = post(portal, path, body(), {**headers, **extra})
                    took = time.perf_counter() - start
                    statuses.append(reply.status_code)
                    print(f"{name:<36} {path:<32} HTTP {reply.status_code} in {took:5.2f} s; "
                          f"portal peak RSS {peak_rss(pid) / MiB:.0f} MiB")  # fmt: skip
            watch.done.set()
            watch.join()
            after = requests.get(portal.url + "/health", timeout=5).ok
            peak = peak_rss(pid)
        finally:
            portal.stop()
    print(f"/health during: {watch.asked} asked, {watch.failures} failed, slowest "
          f"{watch.slowest * 1000:.0f} ms; after: {'ok' if after else 'FAILED'}")  # fmt: skip
    ok = all(s == 413 for s in statuses) and peak < PEAK_RSS_TARGET
    ok = ok and after and watch.failures == 0
    print(f"peak RSS {peak / MiB:.0f} MiB (target < {PEAK_RSS_TARGET // MiB}): "
          f"{'PASS' if ok else 'FAIL'}")  # fmt: skip
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
