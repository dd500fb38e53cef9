"""Each officer's queue as they left it: the columns' widths and the column sorted by.

Kept in the desk's settings (setting ``ui``, field ``queue_columns``, one entry per
account) rather than in the operating system's: several officers share one PC, and the
desk's database is what moves when the PC is replaced.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop.services.context import Desk
from desktop.services.queue import SORT_KEYS, QueueSort
from desktop.services.settings import get_setting, put_setting

SETTING_KEY, FIELD = "ui", "queue_columns"
# A width outside these is a broken entry, not a choice (a column dragged to nothing is
# still a few pixels wide; none needs a screen and a half).
MIN_WIDTH, MAX_WIDTH = 8, 3000


@dataclass(frozen=True)
class QueueLayout:
    widths: tuple[int, ...]  # one per column, in pixels
    sort: QueueSort | None  # None: the queue's own order (new dossiers, then by due time)


def _parsed(entry: Any) -> QueueLayout | None:
    """The layout stored in ``entry``, or None when it is not one this desk wrote."""
    if not isinstance(entry, dict):
        return None
    widths = entry.get("widths")
    if not isinstance(widths, list) or len(widths) != len(SORT_KEYS):
        return None
    if not all(isinstance(w, int) and MIN_WIDTH <= w <= MAX_WIDTH for w in widths):
        return None
    sort, key = None, entry.get("sort")
    if key in SORT_KEYS:
        sort = QueueSort(str(key), bool(entry.get("descending", False)))
    return QueueLayout(tuple(widths), sort)


def load_layout(desk: Desk, username: str) -> QueueLayout | None:
    with desk.store.read() as session:
        entries = (get_setting(session, SETTING_KEY) or {}).get(FIELD) or {}
    return _parsed(entries.get(username)) if isinstance(entries, dict) else None


def save_layout(desk: Desk, username: str, layout: QueueLayout) -> None:
    entry: dict[str, Any] = {"widths": list(layout.widths)}
    if layout.sort is not None:
        entry |= {"sort": layout.sort.key, "descending": layout.sort.descending}
    with desk.store.write() as session:
        ui = dict(get_setting(session, SETTING_KEY) or {})  # the language etc. are kept
        entries = ui.get(FIELD)
        entries = dict(entries) if isinstance(entries, dict) else {}
        entries[username] = entry
        ui[FIELD] = entries
        put_setting(session, SETTING_KEY, ui)
