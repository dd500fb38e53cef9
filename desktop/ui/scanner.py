"""Máy quét mã vạch — a barcode scanner acting as a keyboard types a dossier code (or the
QR payload of a printed paper) much faster than a person, then Enter.

Watching every key the application receives, a burst of at least ``MIN_LENGTH`` characters
each within ``MAX_GAP`` seconds of the last, ending in Enter, is taken as a scan from any
screen. The scan is offered to ``open_code``; only when it opens a dossier is the Enter
swallowed and the burst removed from the field it was typed into, so a fast typist's
search still works as typed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

MIN_LENGTH = 6
MAX_GAP = 0.035  # seconds between two keys: people type 5–10 keys a second, scanners 100+


class BarcodeScanner(QObject):
    scanned = Signal(str)

    def __init__(
        self,
        open_code: Callable[[str], bool],
        clock: Callable[[], float] = time.monotonic,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._open_code, self._clock = open_code, clock
        self._burst, self._last = "", 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if event.isAutoRepeat() or not self._first_delivery(watched):
            return False
        now = self._clock()
        fast = now - self._last <= MAX_GAP
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            burst, self._burst = self._burst, ""
            field = QApplication.focusWidget()  # before opening the dossier moves the focus
            if fast and len(burst) >= MIN_LENGTH and self._open_code(burst):
                if isinstance(field, QLineEdit) and field.text().endswith(burst):
                    field.setText(field.text()[: -len(burst)])
                self.scanned.emit(burst)
                return True
            return False
        text = event.text()
        if text and text.isprintable():
            self._burst = self._burst + text if fast else text
            self._last = now
        return False

    @staticmethod
    def _first_delivery(watched: QObject) -> bool:
        """A key event passes the filter once per object it is delivered to (the window,
        then the focus widget, then its parents if ignored): count it once."""
        focus = QApplication.focusWidget()
        if focus is not None:
            return watched is focus
        return isinstance(watched, QWidget) and watched.isWindow()
