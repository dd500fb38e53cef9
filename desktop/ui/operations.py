"""Thao tác — every act of the desk goes through here: the service runs on a worker, never
on the UI thread, so a sync holding the database (SQLite waits up to its busy timeout for
the lock) never freezes the window; the act's button is disabled while it runs, so a second
Ctrl+Enter or F2 is not a second act; every failure takes one path; and one signal,
``changed``, says which dossier an act changed, for each screen to refresh itself.

The services open their own sessions from ``desk.store`` on the thread that calls them:
no session, row or widget crosses threads. What the act needs from the widgets (a reason
typed, the checklist's verdicts) is read on the UI thread before the work is handed over.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QWidget

from desktop.core.lifecycle import DomainError
from desktop.ui.errors import describe, show_error
from desktop.ui.workers import Workers

T = TypeVar("T")
log = logging.getLogger("motcua.operations")


class Operations(QObject):
    """Runs the desk's acts on ``workers`` (the window's pool; ``InlineWorkers`` in tests
    that want an act done when its key returns), one at a time."""

    changed = Signal(str)  # the dossier an act changed; "" when it changed several
    started = Signal(str)  # the label of the act now running
    finished = Signal()  # the act ended, done or not

    def __init__(self, workers: Workers, parent: QObject | None = None,
                 show_status: Callable[[str, int], None] | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._workers, self._show_status = workers, show_status
        self.running: str | None = None  # the label of the act running now, if one is

    def run(
        self,
        parent: QWidget,
        label: str,
        fn: Callable[..., T],
        *args: Any,
        on_done: Callable[[T], None] | None = None,
        refused: Callable[[DomainError], None] | None = None,
        dossier_id: str = "",
        busy: Sequence[QWidget] = (),
    ) -> bool:
        """Run ``fn(*args)`` on a worker. Once it is done ``changed(dossier_id)`` is emitted,
        then ``on_done(result)`` runs (on the UI thread). A rule broken (``DomainError``)
        goes to ``refused`` (a dialog's red line), or without one to a message box; the
        environment (database locked, disk full) to a message box; a bug to the crash
        handler, logged with its traceback. ``busy``: widgets disabled meanwhile.

        Returns False, doing nothing, while another act runs (a key pressed twice)."""
        if self.running is not None:
            log.info("%s ignored: %s is still running", label, self.running)
            return False
        self.running = label
        disabled = [w for w in busy if w.isEnabled()]
        for widget in disabled:
            widget.setEnabled(False)
        QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
        self._status(self.tr("{label}: đang thực hiện…").format(label=label), 0)
        self.started.emit(label)

        def end() -> None:
            self.running = None
            QApplication.restoreOverrideCursor()
            for widget in disabled:
                widget.setEnabled(True)
            self.finished.emit()

        def done(result: T) -> None:
            end()
            self._status(self.tr("{label}: đã xong.").format(label=label), 8_000)
            self.changed.emit(dossier_id)
            if on_done is not None:
                on_done(result)

        def failed(error: BaseException) -> None:
            end()
            self._status(self.tr("{label}: chưa thực hiện được.").format(label=label), 8_000)
            self.report(parent, label, error, refused)

        self._workers.submit(lambda: fn(*args), done, failed)
        return True

    def report(self, parent: QWidget, label: str, error: BaseException,
               refused: Callable[[DomainError], None] | None = None) -> None:  # fmt: skip
        """The one path of an act's failure; nothing was written (each service writes in
        one transaction, committed whole or not at all)."""
        if isinstance(error, DomainError):
            if refused is not None:
                refused(error)
            else:
                show_error(parent, error)
            return
        if describe(error) is not None:  # the officer can act on it: said in Vietnamese
            log.warning("%s not done: %r (caused by %r)", label, error, error.__cause__)
            show_error(parent, error)
            return
        log.error("%s failed", label, exc_info=error)
        raise error  # a bug: the crash handler saves a report and tells the officer

    def _status(self, text: str, timeout: int) -> None:
        if self._show_status is not None:
            self._show_status(text, timeout)
