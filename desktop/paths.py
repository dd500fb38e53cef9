"""Where the desk finds its resources and keeps its data.

Resources (fonts, wording, the shipped calendar and catalogue, translations, trust roots)
are read-only and live inside the package, so a wheel installed anywhere carries them.
What the desk writes — its database, crash reports, the log — goes to the user's own data
folders (platformdirs), never the install folder, which may be read-only (Program Files).
"""

from __future__ import annotations

import atexit
import os
import sys
from contextlib import ExitStack
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path

import platformdirs

APP_NAME = "MotCuaDesk"
APP_AUTHOR = "MotCua"
LOG_ENV = "MOTCUA_LOG_DIR"  # where the log goes instead (tests, a desk with a shared drive)


def resources_dir() -> Path:
    """The resources folder: ``MOTCUA_RESOURCES`` when set, the frozen bundle's copy, or the
    one inside the installed package."""
    override = os.environ.get("MOTCUA_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "desktop" / "resources"
    return _package_resources()


@cache
def _package_resources() -> Path:
    found = files("desktop").joinpath("resources")
    if isinstance(found, Path):  # an ordinary install or a checkout: the folder itself
        return found
    # A zipped install: extracted once to a temporary folder, removed when the program ends.
    stack = ExitStack()
    atexit.register(stack.close)
    return Path(stack.enter_context(as_file(found)))


def default_database() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)) / "desk.db"


def log_dir() -> Path:
    """The desk's log folder: ``MOTCUA_LOG_DIR`` when set, else the user's log folder
    (``%LOCALAPPDATA%\\MotCua\\MotCuaDesk\\Logs`` on Windows, ``~/.local/state/…/log`` on
    Linux)."""
    override = os.environ.get(LOG_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def report_dir(database: Path) -> Path:
    """Where crash reports of the desk at ``database`` go: ``bao-cao-loi`` beside it, in
    the user's own data folder (not the shared temporary folder, which anyone can read)."""
    return database.parent / "bao-cao-loi"


def default_calendar_file() -> Path:
    """The province calendar shipped with the desk: what a desk that has not yet pulled its
    province's calendar (and a portal that has loaded none) counts days by."""
    return resources_dir() / "calendar" / "lich-lam-viec.txt"
