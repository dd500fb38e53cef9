"""A commune's link, played in user space: a TCP proxy between a desk and the portal.

The desk talks to the proxy's loopback address; every byte then crosses a link that has:

* **bandwidth** — a token bucket per direction, shared by all the desk's connections (a
  3G modem or a radio link is one pipe, whatever the number of sockets);
* **latency** — half the round-trip time added to each byte, each way;
* **loss** — TCP never loses bytes, it waits for them: a lost segment holds its
  connection for a retransmission timeout (a *stall*); now and then the line drops the
  connection altogether (a *reset*);
* **cuts** — the link down for N seconds: the proxy stops listening (new connections are
  refused) and resets the open ones;
* **a count of the bytes on the wire** each way (what crossed the link, not what was
  queued in front of it).

Decisions (which segment stalls, which resets) are drawn per connection from a generator
seeded with the link's seed and the connection's number, at each 1,460-byte boundary of
that connection's stream: the same traffic under the same seed meets the same faults.

A connection's undelivered bytes are held to a window (32 KiB a direction), as TCP's flow
control would: a sender that outruns the link waits, it does not hand megabytes to a
buffer and then wait for an answer past its own stall timeout. The desk's own kernel
still buffers what it sends to the proxy (on loopback, up to megabytes): a large request
body leaves the desk's ``sendall`` at once and its read timeout starts while the body is
still crossing the link — harsher than a modem, whose small window keeps the desk writing.
Bodies under about 150 KB (30 s at 50 kbps, the desk's stall timeout) are not affected.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
import socket
import threading
from collections.abc import Awaitable
from dataclasses import dataclass, field

SEGMENT = 1460  # bytes of one TCP segment on an Ethernet-sized path
WINDOW = 32 * 1024  # undelivered bytes a connection may have on the link, each way
RESET_SHARE = 0.1  # of the lost segments, the share that drops the connection outright
UP, DOWN = "up", "down"  # desk → portal, portal → desk


@dataclass
class LinkStats:
    bytes_up: int = 0  # desk → portal, delivered across the link
    bytes_down: int = 0
    connections: int = 0  # accepted while the link was up
    stalls: int = 0  # segments held for a retransmission timeout
    resets: int = 0  # connections the line drops (not a cut's)
    cuts: int = 0
    cut_resets: int = 0  # open connections a cut dropped


@dataclass(frozen=True)
class Cut:
    """The link goes down for ``seconds`` once ``after_bytes`` (both ways) have crossed it —
    counted from the moment the desk first sends ``marker``, when one is given (e.g. the
    ``Range`` header of a scan's second chunk: a cut in the middle of a transfer)."""

    after_bytes: int
    seconds: float
    marker: bytes = b""


@dataclass
class _Pipe:
    """One direction of one connection: segments waiting for their delivery time."""

    queue: asyncio.Queue[tuple[float, bytes] | None] = field(default_factory=asyncio.Queue)
    queued: int = 0  # undelivered bytes
    room: asyncio.Event = field(default_factory=asyncio.Event)
    last_delivery: float = 0.0
    offset: int = 0  # bytes of the stream read so far (decisions are taken per segment)


class Link:
    def __init__(
        self,
        upstream: tuple[str, int],
        *,
        kbps: float = 50.0,
        kbps_down: float | None = None,
        rtt_ms: float = 1000.0,
        loss: float = 0.0,
        seed: int = 0,
        cuts: tuple[Cut, ...] = (),
    ) -> None:
        if kbps <= 0 or (kbps_down is not None and kbps_down <= 0):
            raise ValueError("bandwidth must be above 0 kbps")
        if not 0 <= loss < 1:
            raise ValueError("loss is a probability per segment, in [0, 1)")
        self.upstream = upstream
        self.rate = {UP: kbps * 1000 / 8, DOWN: (kbps_down or kbps) * 1000 / 8}  # bytes/s
        self.one_way = rtt_ms / 2000
        # Linux's retransmission timeout: at least 200 ms above the round trip, twice it here
        self.stall_seconds = 2 * rtt_ms / 1000 + 0.2
        self.loss = loss
        self.seed = seed
        self.stats = LinkStats()
        # Each cut with the byte count it counts from (None: its marker not seen yet).
        self._cuts: list[tuple[Cut, int | None]] = [(c, None if c.marker else 0) for c in cuts]
        self._seen = b""  # the tail of the desk's stream, for markers split across reads
        self._free = {UP: 0.0, DOWN: 0.0}  # when each direction's pipe is free again
        self._open: set[asyncio.StreamWriter] = set()
        self._pumps: set[asyncio.Task[None]] = set()
        self._later: set[asyncio.Future[None]] = set()  # held: the loop keeps tasks weakly
        self._down_until = 0.0
        self._server: asyncio.Server | None = None
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self.port = 0

    # --- control, from any thread ------------------------------------------------------------
    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Link:
        self._thread.start()
        self._call(self._listen(0))
        return self

    def stop(self) -> None:
        self._call(self._close_all(reason=None))
        self._call(self._cancel_tasks())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def cut(self, seconds: float) -> None:
        """Take the link down now for ``seconds``."""
        self._call(self._cut(seconds))

    @property
    def is_down(self) -> bool:
        return self._loop.time() < self._down_until

    def __enter__(self) -> Link:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _call(self, coroutine: Awaitable[object]) -> None:
        asyncio.run_coroutine_threadsafe(coroutine, self._loop).result(timeout=30)  # type: ignore[arg-type]

    # --- inside the loop ---------------------------------------------------------------------
    async def _listen(self, port: int) -> None:
        self._server = await asyncio.start_server(
            self._accept, "127.0.0.1", port, reuse_address=True
        )
        self.port = self._server.sockets[0].getsockname()[1]

    async def _cut(self, seconds: float) -> None:
        self.stats.cuts += 1
        self._down_until = self._loop.time() + seconds
        if self._server is not None:  # not listening: a connection attempt is refused
            self._server.close()
            self._server = None
        await self._close_all(reason="cut")
        self._loop.call_later(seconds, self._schedule_come_back)

    def _schedule_come_back(self) -> None:
        self._later.add(task := asyncio.ensure_future(self._come_back()))
        task.add_done_callback(self._later.discard)

    async def _come_back(self) -> None:
        # The loop may wake a timer a clock tick early, and a later cut may have moved the
        # end: listen again only once the link is really up.
        while self.is_down:
            await asyncio.sleep(self._down_until - self._loop.time() + 0.01)
        if self._server is None:
            await self._listen(self.port)

    async def _close_all(self, reason: str | None) -> None:
        for writer in list(self._open):
            if reason == "cut":
                self.stats.cut_resets += 1
            _reset(writer)
        self._open.clear()
        if reason is None and self._server is not None:
            self._server.close()
            self._server = None

    async def _cancel_tasks(self) -> None:
        # The pumps only: each connection's own task then ends as after a reset.
        pumps = list(self._pumps)
        for task in pumps:
            task.cancel()
        await asyncio.gather(*pumps, return_exceptions=True)
        await asyncio.sleep(0)

    async def _accept(self, desk_r: asyncio.StreamReader, desk_w: asyncio.StreamWriter) -> None:
        if self.is_down:
            _reset(desk_w)
            return
        number = self.stats.connections
        self.stats.connections += 1
        try:
            portal_r, portal_w = await asyncio.open_connection(*self.upstream)
        except OSError:
            _reset(desk_w)
            return
        for w in (desk_w, portal_w):
            w.transport.set_write_buffer_limits(high=SEGMENT * 4)
            self._open.add(w)
        pair = (desk_w, portal_w)
        rng = {d: random.Random(f"{self.seed}-{number}-{d}") for d in (UP, DOWN)}
        pipes = {UP: _Pipe(), DOWN: _Pipe()}
        tasks = [
            asyncio.ensure_future(self._read(desk_r, pipes[UP], UP, rng[UP], pair)),
            asyncio.ensure_future(self._write(portal_w, pipes[UP], UP)),
            asyncio.ensure_future(self._read(portal_r, pipes[DOWN], DOWN, rng[DOWN], pair)),
            asyncio.ensure_future(self._write(desk_w, pipes[DOWN], DOWN)),
        ]
        self._pumps.update(tasks)
        await asyncio.gather(*tasks, return_exceptions=True)
        self._pumps.difference_update(tasks)
        for w in pair:
            self._open.discard(w)
            with contextlib.suppress(Exception):
                w.close()

    async def _read(
        self,
        source: asyncio.StreamReader,
        pipe: _Pipe,
        direction: str,
        rng: random.Random,
        pair: tuple[asyncio.StreamWriter, asyncio.StreamWriter],
    ) -> None:
        try:
            while True:
                while pipe.queued >= WINDOW:  # flow control: wait for the link to drain
                    if any(w.transport.is_closing() for w in pair):
                        return
                    pipe.room.clear()
                    with contextlib.suppress(TimeoutError):
                        await asyncio.wait_for(pipe.room.wait(), 0.5)
                data = await source.read(SEGMENT)
                if not data:
                    break
                if direction == UP:
                    self._look_for_markers(data)
                stall, reset = self._faults(pipe, len(data), rng)
                now = self._loop.time()
                start = max(now, self._free[direction])
                self._free[direction] = start + len(data) / self.rate[direction]
                # A stalled segment holds back its own connection's stream, not the link.
                deliver = max(self._free[direction] + self.one_way, pipe.last_delivery) + stall
                pipe.last_delivery = deliver
                pipe.queued += len(data)
                pipe.queue.put_nowait((deliver, data))
                if reset:  # nothing after it is read: the same bytes meet the same faults
                    self._loop.call_at(deliver, self._line_reset, pair)
                    return
        except (ConnectionError, OSError):
            pass
        finally:
            pipe.queue.put_nowait(None)

    def _faults(self, pipe: _Pipe, size: int, rng: random.Random) -> tuple[float, bool]:
        """The stall and reset for the segment boundaries these bytes cross."""
        stall, reset = 0.0, False
        first, pipe.offset = pipe.offset, pipe.offset + size
        for _ in range(first // SEGMENT, pipe.offset // SEGMENT):
            if self.loss and rng.random() < self.loss:
                if rng.random() < RESET_SHARE:
                    reset = True  # counted when drawn: it may race the stream's own end
                    self.stats.resets += 1
                else:
                    stall += self.stall_seconds
                    self.stats.stalls += 1
        return stall, reset

    def _line_reset(self, pair: tuple[asyncio.StreamWriter, asyncio.StreamWriter]) -> None:
        for w in pair:
            self._open.discard(w)
            _reset(w)

    async def _write(self, target: asyncio.StreamWriter, pipe: _Pipe, direction: str) -> None:
        try:
            while True:
                item = await pipe.queue.get()
                if item is None:
                    if target.can_write_eof():
                        target.write_eof()
                    return
                deliver, data = item
                delay = deliver - self._loop.time()
                if delay > 0:
                    await asyncio.sleep(delay)
                if target.transport.is_closing():
                    return
                if cut := self._cut_due(len(data)):  # the link fails under these bytes
                    await self._cut(cut.seconds)
                    return
                target.write(data)
                await target.drain()
                self._count(direction, len(data))
                pipe.queued -= len(data)
                pipe.room.set()
        except (ConnectionError, OSError):
            return

    def _look_for_markers(self, data: bytes) -> None:
        text = self._seen + data
        total = self.stats.bytes_up + self.stats.bytes_down
        self._cuts = [(c, total if base is None and c.marker in text else base)
                      for c, base in self._cuts]  # fmt: skip
        self._seen = text[-256:]

    def _count(self, direction: str, size: int) -> None:
        if direction == UP:
            self.stats.bytes_up += size
        else:
            self.stats.bytes_down += size

    def _cut_due(self, size: int) -> Cut | None:
        """The cut whose mark these bytes would reach, if any (they are then lost)."""
        total = self.stats.bytes_up + self.stats.bytes_down + size
        for n, (cut, base) in enumerate(self._cuts):
            if base is not None and total >= base + cut.after_bytes:
                del self._cuts[n]
                return cut
        return None


def _reset(writer: asyncio.StreamWriter) -> None:
    """Drop a connection as a line does: an RST, not a polite FIN."""
    sock = writer.get_extra_info("socket")
    with contextlib.suppress(OSError, AttributeError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
    writer.transport.abort()
