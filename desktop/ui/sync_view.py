"""Đồng bộ trong cửa sổ — the sync runs on a worker while the officer keeps working; the
status bar says online or offline, when the last sync succeeded, how many acts wait to go
up and how many conflicts wait for an officer, with a progress bar while a sync runs.

At the start of each morning and afternoon session of a working day the desk syncs by
itself and tells the officer how many new dossiers arrived (Đ12.8); each such pickup is
logged for the supervisor.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QWidget

from desktop.services.context import Actor, Desk
from desktop.services.sessions import WorkSession, awaiting_check, pickup_due, record_pickup
from desktop.services.sync_status import SyncStatus, record_sync, sync_status
from desktop.ui.errors import describe
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.safe_text import display, plain, tooltip
from desktop.ui.workers import Workers

if TYPE_CHECKING:
    from sync.client.engine import SyncReport

STEPS = {
    "push": QT_TRANSLATE_NOOP("SyncStatusBar", "Đang gửi thao tác"),
    "snapshot": QT_TRANSLATE_NOOP("SyncStatusBar", "Đang nhận hồ sơ"),
    "pull": QT_TRANSLATE_NOOP("SyncStatusBar", "Đang nhận thay đổi"),
    "attachments": QT_TRANSLATE_NOOP("SyncStatusBar", "Đang tải bản quét"),
}
PICKUP_CHECK_MS = 60_000


class SyncController(QObject):
    """Starts syncs (never two at once) and reports on the UI thread."""

    started = Signal()
    progressed = Signal(str, int, int)  # step, done, total (0: unknown)
    finished = Signal(object)  # SyncReport
    failed = Signal(str)
    status_changed = Signal(object)  # SyncStatus
    new_dossiers = Signal(object, int)  # WorkSession, how many arrived

    def __init__(self, desk: Desk, actor: Actor, workers: Workers,
                 parent: QObject | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._desk, self._actor, self._workers = desk, actor, workers
        self.running = False
        self.pickup_timer = QTimer(self)
        self.pickup_timer.setInterval(PICKUP_CHECK_MS)
        self.pickup_timer.timeout.connect(self.check_session_pickup)

    def status(self) -> SyncStatus:
        return sync_status(self._desk)

    def refresh_status(self) -> None:
        self._workers.submit(self.status, self.status_changed.emit)

    def sync_now(self, pickup: WorkSession | None = None) -> bool:
        """Start a sync on a worker; False when one is already running or the desk is not
        enrolled with a portal."""
        if self.running or not self.status().enrolled:
            return False
        self.running = True
        self.started.emit()
        desk, actor = self._desk, self._actor
        began = desk.now()

        def run() -> tuple[SyncReport, int]:
            # The engine's progress calls come from this worker: the signal carries them to
            # the UI thread (queued), where the status bar shows them.
            from sync.client.engine import SyncEngine  # the network stack: loaded when used

            engine = SyncEngine(desk, progress=self.progressed.emit)
            report = engine.sync_once()
            record_sync(desk, True)
            return report, awaiting_check(desk, actor, since=began)

        def done(result: tuple[SyncReport, int]) -> None:
            self.running = False
            report, arrived = result
            if pickup is not None:
                record_pickup(desk, actor, pickup, True, arrived)
                self.new_dossiers.emit(pickup, arrived)
            self.finished.emit(report)
            self.refresh_status()

        def failed(error: BaseException) -> None:
            self.running = False
            described = describe(error)
            if described is None:
                raise error  # a bug, not the network: the crash handler reports it
            message = described[1]
            record_sync(desk, False, message)
            if pickup is not None:
                record_pickup(desk, actor, pickup, False, 0, message)
            self.failed.emit(message)
            self.refresh_status()

        self._workers.submit(run, done, failed)
        return True

    @Slot()
    def check_session_pickup(self) -> None:
        """Called every minute: the first sync of a session is its pickup."""
        session = pickup_due(self._desk)
        if session is not None:
            self.sync_now(pickup=session)


def _ago(moment: datetime | None, now: datetime, tz: Any) -> str:
    def tr(text: str) -> str:
        return QCoreApplication.translate("SyncStatusBar", text)

    if moment is None:
        return tr("chưa bao giờ")
    minutes = int((now - moment).total_seconds() // 60)
    if minutes < 1:
        return tr("vừa xong")
    if minutes < 60:
        return tr("{minutes} phút trước").format(minutes=minutes)
    return moment.astimezone(tz).strftime("%H:%M %d/%m")


class SyncStatusBar(QWidget):
    """Trực tuyến / ngoại tuyến · lần đồng bộ cuối · chờ gửi · xung đột, and a progress bar."""

    def __init__(self, desk: Desk, controller: SyncController,
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self._desk = desk
        self.label = plain(QLabel())
        self.label.setObjectName("sync_status")
        self.progress = QProgressBar()
        self.progress.setObjectName("sync_progress")
        self.progress.setMaximumWidth(180)
        self.progress.setVisible(False)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.progress)
        layout.addWidget(self.label)
        controller.status_changed.connect(self.show_status)
        controller.started.connect(self._started)
        controller.progressed.connect(self._progress)
        controller.finished.connect(lambda _r: self.progress.setVisible(False))
        controller.failed.connect(lambda _m: self.progress.setVisible(False))

    def show_status(self, s: SyncStatus) -> None:
        if not s.enrolled:
            self.label.setText(self.tr("Ngoại tuyến — bàn chưa ghi danh với cổng"))
            return
        state = {None: self.tr("Chưa đồng bộ"), True: self.tr("● Trực tuyến"),
                 False: self.tr("○ Mất kết nối")}[s.online]  # fmt: skip
        text = self.tr("{state} · đồng bộ: {ago} · chờ gửi: {pending} · xung đột: {conflicts}"
                       ).format(state=state, ago=_ago(s.last_success, self._desk.now(),
                                                      self._desk.calendar.tz),
                                pending=s.pending, conflicts=s.conflicts)  # fmt: skip
        self.label.setText(text)
        self.label.setToolTip(tooltip(s.last_error))  # the portal's or the network's words
        self.label.setStyleSheet("color: #b3261e" if s.conflicts or s.online is False else "")

    def _started(self) -> None:
        self.progress.setRange(0, 0)  # busy until the first step says how much
        self.progress.setFormat(self.tr("Đang đồng bộ…"))
        self.progress.setVisible(True)

    @Slot(str, int, int)
    def _progress(self, step: str, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 0))
        if total:
            self.progress.setValue(min(done, total))
        label = self.tr(STEPS[step]) if step in STEPS else display(step)
        self.progress.setFormat(f"{label} %v/%m" if total else label)
