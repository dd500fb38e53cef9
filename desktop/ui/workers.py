"""Việc chạy nền — slow work (queries over a big queue, scans, PDF pages, sync) off the UI
thread, its outcome delivered back on the UI thread.

A worker never touches a widget: it returns a value (data, a ``QImage``) and the callback,
run on the UI thread, puts it on screen. The window is given its ``Workers``: the real
thread pool in the app, ``InlineWorkers`` in tests that want each step to finish at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

T = TypeVar("T")
Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class Workers(Protocol):
    def submit(self, work: Callable[[], T], done: Callable[[T], None],
               failed: Failed | None = None) -> None: ...  # fmt: skip


class _Relay(QObject):
    """Lives on the UI thread; the worker's signals are queued to its slots."""

    finished = Signal(object)
    crashed = Signal(object)

    def __init__(self, done: Done, failed: Failed | None, forget: Callable[[_Relay], None]) -> None:
        super().__init__()
        self._done, self._failed, self._forget = done, failed, forget
        self.finished.connect(self._on_finished)
        self.crashed.connect(self._on_crashed)

    @Slot(object)
    def _on_finished(self, value: object) -> None:
        self._forget(self)
        self._done(value)

    @Slot(object)
    def _on_crashed(self, error: object) -> None:
        self._forget(self)
        if self._failed is None:
            assert isinstance(error, BaseException)
            raise error  # reaches the crash handler on the UI thread
        self._failed(error)  # type: ignore[arg-type]


class _Job(QRunnable):
    def __init__(self, work: Callable[[], object], relay: _Relay) -> None:
        super().__init__()
        self._work, self._relay = work, relay

    def run(self) -> None:
        try:
            value = self._work()
        except BaseException as exc:  # handed to the UI thread, never lost in the pool
            self._relay.crashed.emit(exc)
            return
        self._relay.finished.emit(value)


class PoolWorkers:
    def __init__(self, pool: QThreadPool | None = None) -> None:
        self.pool = pool or QThreadPool.globalInstance()
        self._relays: set[_Relay] = set()  # kept alive until their job reports back

    def submit(self, work: Callable[[], T], done: Callable[[T], None],
               failed: Failed | None = None) -> None:  # fmt: skip
        relay = _Relay(done, failed, self._relays.discard)
        self._relays.add(relay)
        self.pool.start(_Job(work, relay))

    def busy(self) -> int:
        return len(self._relays)


class InlineWorkers:
    """Runs each job at once on the calling thread (tests, scripts)."""

    def submit(self, work: Callable[[], T], done: Callable[[T], None],
               failed: Failed | None = None) -> None:  # fmt: skip
        try:
            value = work()
        except BaseException as exc:
            if failed is None:
                raise
            failed(exc)
            return
        done(value)
