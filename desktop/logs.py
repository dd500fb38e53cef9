"""The desk's log file and its console.

One rotating log (``motcua.log``, 1 MB × 5) in the user's log folder — ``MOTCUA_LOG_DIR``
overrides it — records syncs, prints and errors, so technical support can see what a desk
did last week without a database in hand. Logging never stops the desk: a folder that
cannot be written just means no log.
"""

from __future__ import annotations

import logging
import os
import sys
from contextlib import suppress
from logging.handlers import RotatingFileHandler
from pathlib import Path

from desktop.paths import log_dir

LOG_NAME = "motcua.log"
MAX_BYTES = 1_000_000
BACKUPS = 5

log = logging.getLogger("motcua")


class _QuietHandler(RotatingFileHandler):
    def handleError(self, record: logging.LogRecord) -> None:
        # Two desks rotating the same file on Windows, a full disk: the log is dropped,
        # the command's own output stays one clean line.
        pass


def start_log(program: str) -> Path | None:
    """Send the ``motcua`` logger to the log file; where it is, or None when it cannot be
    opened. Safe to call twice."""
    for handler in log.handlers:
        if isinstance(handler, _QuietHandler):
            return Path(handler.baseFilename)
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler = _QuietHandler(
            folder / LOG_NAME, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(
        logging.Formatter(
            f"%(asctime)s %(levelname)s {program}[{os.getpid()}] %(name)s: %(message)s"
        )
    )
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False  # not into a host program's root logger (or pytest's capture)
    return Path(handler.baseFilename)


def utf8_console() -> None:
    """Write stdout and stderr as UTF-8 whatever the console's code page (cp1258 on a
    Vietnamese Windows): a letter the console cannot show becomes “?”, never a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)  # None under pythonw
        if reconfigure is not None:
            with suppress(OSError, ValueError):  # a stream already closed or detached
                reconfigure(encoding="utf-8", errors="replace")
