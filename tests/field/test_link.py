"""The link harness itself: bandwidth, latency, cuts, loss and the byte counts, measured
against a plain TCP server on this machine."""

from __future__ import annotations

import contextlib
import socket
import socketserver
import threading
import time
from collections.abc import Iterator

import pytest

from tests.field.link import SEGMENT, Cut, Link


class _Handler(socketserver.StreamRequestHandler):
    """``GET n`` → n bytes; ``PUT n`` + n bytes → ``OK``; ``PING`` → ``PONG``."""

    def handle(self) -> None:
        while line := self.rfile.readline():
            word, _, n = line.decode().strip().partition(" ")
            if word == "GET":
                self.wfile.write(b"x" * int(n))
            elif word == "PUT":
                self.rfile.read(int(n))
                self.wfile.write(b"OK\n")
            elif word == "PING":
                self.wfile.write(b"PONG\n")
            self.wfile.flush()


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@pytest.fixture
def upstream() -> Iterator[tuple[str, int]]:
    server = _Server(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    yield str(host), int(port)
    server.shutdown()
    server.server_close()


def _connect(link: Link) -> socket.socket:
    return socket.create_connection(("127.0.0.1", link.port), timeout=30)


def _read_exactly(sock: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise ConnectionError(f"closed after {len(data)} of {n} bytes")
        data += chunk
    return data


def test_download_runs_at_the_set_bandwidth(upstream: tuple[str, int]) -> None:
    size = 40_000  # 1.6 s at 200 kbps
    with Link(upstream, kbps=200, rtt_ms=0) as link, _connect(link) as sock:
        start = time.monotonic()
        sock.sendall(f"GET {size}\n".encode())
        _read_exactly(sock, size)
        took = time.monotonic() - start
    expected = size * 8 / 200_000
    assert expected * 0.9 <= took <= expected * 1.25, took


def test_the_two_directions_have_their_own_bandwidth(upstream: tuple[str, int]) -> None:
    size = 20_000  # up at 100 kbps: 1.6 s; the reply is three bytes
    with Link(upstream, kbps=100, kbps_down=1000, rtt_ms=0) as link, _connect(link) as sock:
        start = time.monotonic()
        sock.sendall(f"PUT {size}\n".encode() + b"y" * size)
        assert _read_exactly(sock, 3) == b"OK\n"
        took = time.monotonic() - start
    expected = size * 8 / 100_000
    assert expected * 0.9 <= took <= expected * 1.3, took


def test_each_round_trip_takes_the_set_latency(upstream: tuple[str, int]) -> None:
    with Link(upstream, kbps=10_000, rtt_ms=400) as link, _connect(link) as sock:
        times = []
        for _ in range(3):
            start = time.monotonic()
            sock.sendall(b"PING\n")
            assert _read_exactly(sock, 5) == b"PONG\n"
            times.append(time.monotonic() - start)
    assert all(0.39 <= t <= 0.6 for t in times), times


def test_bytes_on_the_wire_are_counted_each_way(upstream: tuple[str, int]) -> None:
    with Link(upstream, kbps=5_000, rtt_ms=10) as link:
        with _connect(link) as sock:
            sock.sendall(b"PUT 10000\n" + b"y" * 10_000)
            _read_exactly(sock, 3)
            sock.sendall(b"GET 25000\n")
            _read_exactly(sock, 25_000)
        time.sleep(0.2)
        assert link.stats.bytes_up == len(b"PUT 10000\n") + 10_000 + len(b"GET 25000\n")
        assert link.stats.bytes_down == 3 + 25_000
        assert link.stats.connections == 1


def test_a_cut_refuses_connections_and_drops_the_open_ones(upstream: tuple[str, int]) -> None:
    with Link(upstream, kbps=50, rtt_ms=100) as link:
        sock = _connect(link)
        sock.sendall(b"GET 50000\n")  # 8 s at 50 kbps: still flowing when the cut comes
        _read_exactly(sock, 1000)
        link.cut(1.5)
        with pytest.raises(ConnectionError):
            _read_exactly(sock, 49_000)
        sock.close()
        with pytest.raises(ConnectionRefusedError):
            socket.create_connection(("127.0.0.1", link.port), timeout=5)
        assert link.is_down
        time.sleep(1.7)
        with _connect(link) as again:  # the link is back, on the same address
            again.sendall(b"PING\n")
            assert _read_exactly(again, 5) == b"PONG\n"
        assert (link.stats.cuts, link.stats.cut_resets) == (1, 2)


def test_a_cut_after_so_many_bytes(upstream: tuple[str, int]) -> None:
    with Link(upstream, kbps=400, rtt_ms=0, cuts=(Cut(after_bytes=20_000, seconds=5),)) as link:
        sock = _connect(link)
        sock.sendall(b"GET 60000\n")
        with pytest.raises(ConnectionError):
            _read_exactly(sock, 60_000)
        sock.close()
        assert link.stats.cuts == 1
        # The segment that would have crossed the mark was on the wire when it failed.
        up = len(b"GET 60000\n")
        assert 20_000 - SEGMENT <= link.stats.bytes_down + up < 20_000


def _lossy_download(upstream: tuple[str, int], seed: int) -> tuple[int, int, float]:
    size = 100 * SEGMENT
    with Link(upstream, kbps=20_000, rtt_ms=50, loss=0.05, seed=seed) as link:
        start = time.monotonic()
        with _connect(link) as sock:
            sock.sendall(f"GET {size}\n".encode())
            with contextlib.suppress(ConnectionError):  # the line dropped it
                _read_exactly(sock, size)
        return link.stats.stalls, link.stats.resets, time.monotonic() - start


def test_loss_stalls_the_stream_the_same_way_for_the_same_seed(
    upstream: tuple[str, int],
) -> None:
    first = _lossy_download(upstream, seed=7)
    again = _lossy_download(upstream, seed=7)
    other = [_lossy_download(upstream, seed=s)[:2] for s in (8, 9, 10)]
    assert first[:2] == again[:2]  # the same faults at the same bytes
    assert first[0] + first[1] > 0
    assert any(o != first[:2] for o in other)
    # Each stall holds the connection for a retransmission timeout (2 × 50 ms + 200 ms).
    assert first[2] >= first[0] * 0.3 * 0.9


def test_a_cut_counted_from_what_the_desk_sends(upstream: tuple[str, int]) -> None:
    cut = Cut(after_bytes=10_000, seconds=5, marker=b"GET 40000")
    with Link(upstream, kbps=400, rtt_ms=0, cuts=(cut,)) as link:
        sock = _connect(link)
        sock.sendall(b"GET 30000\n")  # not the marker: no cut
        _read_exactly(sock, 30_000)
        sock.sendall(b"GET 40000\n")
        with pytest.raises(ConnectionError):
            _read_exactly(sock, 40_000)
        sock.close()
        assert link.stats.cuts == 1
        # Counted from the moment "GET 40000" was read: 10,000 bytes later, within a segment.
        counted = link.stats.bytes_down + link.stats.bytes_up - (30_000 + len(b"GET 30000\n"))
        assert 10_000 - SEGMENT <= counted < 10_000
