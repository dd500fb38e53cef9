"""A bare PySide6 window, bundled the same way as the desk (bundle/baseline.spec): what any
Qt program costs in size and start-up, to compare the desk's bundle with."""

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

app = QApplication(sys.argv)
label = QLabel("MotCua Desk — baseline")
label.show()
if "--quit-after-start" in sys.argv or os.environ.get("MOTCUA_QUIT_AFTER_START"):
    QTimer.singleShot(0, app.quit)
sys.exit(app.exec())
