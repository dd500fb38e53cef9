"""SQLite's ``quick_check`` of the desk database at start, on a worker thread.

The check reads every page of the file — on an encrypted desk it decrypts every page too,
0.4–1.5 s at 200,000 dossiers — so the window runs it while the officer logs in and the
queue loads instead of before either. What it guards is unchanged: a damaged file is named
in the same dialog as before and the desk stops (``refuse``) before the day's work goes on.
The command line still checks first, synchronously (``open_store(check=True)``).
"""

from __future__ import annotations

from collections.abc import Callable

from desktop.store.db import Store, StoreError, check_integrity
from desktop.ui.workers import Workers


class StartCheck:
    """One background integrity check; ``damage`` is what it found (None: sound so far)."""

    def __init__(self, store: Store, workers: Workers,
                 refuse: Callable[[StoreError], None]) -> None:  # fmt: skip
        self.damage: StoreError | None = None
        self.done = False
        self._refuse = refuse
        path, key = store.path, store.key
        workers.submit(lambda: check_integrity(path, key), self._passed, self._failed)

    def _passed(self, _value: object) -> None:
        self.done = True

    def _failed(self, exc: BaseException) -> None:
        self.done = True
        if not isinstance(exc, StoreError):
            raise exc  # a bug, not a verdict on the file: the crash handler reports it
        self.damage = exc
        self._refuse(exc)
