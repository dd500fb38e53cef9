"""Each officer's queue columns and sort, kept in the desk's settings across restarts."""

from __future__ import annotations

from desktop.services.context import Desk
from desktop.services.queue import SORT_KEYS, QueueSort
from desktop.services.settings import get_setting, put_setting
from desktop.ui.i18n import language_setting, set_language
from desktop.ui.queue_layout import FIELD, SETTING_KEY, QueueLayout, load_layout, save_layout

WIDTHS = tuple(100 + n for n in range(len(SORT_KEYS)))


def test_each_officer_has_their_own_layout(desk: Desk) -> None:
    assert load_layout(desk, "canbo") is None
    save_layout(desk, "canbo", QueueLayout(WIDTHS, QueueSort("due", descending=True)))
    save_layout(desk, "lanhdao", QueueLayout(WIDTHS[::-1], None))
    assert load_layout(desk, "canbo") == QueueLayout(WIDTHS, QueueSort("due", True))
    assert load_layout(desk, "lanhdao") == QueueLayout(WIDTHS[::-1], None)
    assert load_layout(desk, "quantri") is None


def test_the_language_and_the_layout_share_the_ui_setting(desk: Desk) -> None:
    set_language(desk, "en")
    save_layout(desk, "canbo", QueueLayout(WIDTHS, QueueSort("code")))
    set_language(desk, "vi")
    assert language_setting(desk) == "vi"
    assert load_layout(desk, "canbo") == QueueLayout(WIDTHS, QueueSort("code"))


def test_a_broken_entry_is_ignored_not_obeyed(desk: Desk) -> None:
    broken = {
        "short": {"widths": [100, 100]},
        "huge": {"widths": [100] * (len(SORT_KEYS) - 1) + [10**9]},
        "text": {"widths": ["wide"] * len(SORT_KEYS)},
        "no_dict": ["widths"],
        "bad_sort": {"widths": list(WIDTHS), "sort": "DROP TABLE"},
    }
    with desk.store.write() as session:
        put_setting(session, SETTING_KEY, {FIELD: broken})
    for username in ("short", "huge", "text", "no_dict"):
        assert load_layout(desk, username) is None, username
    assert load_layout(desk, "bad_sort") == QueueLayout(WIDTHS, None)  # the widths still do
    with desk.store.read() as session:
        assert (get_setting(session, SETTING_KEY) or {})[FIELD] == broken  # nothing rewritten
