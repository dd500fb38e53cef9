"""Where the desk finds its resources and keeps its data.

Resources (fonts, wording, the shipped calendar and catalogue, translations, trust roots)
are read-only and live inside the package, so a wheel installed anywhere carries them.
What the desk writes — its database, crash reports, the log — goes to the user's own data
folders (platformdirs), never the install folder, which may be read-only (Program Files).

Those files hold citizens' personal data (Luật 91/2025/QH15), so on POSIX every file the
desk creates is this user's alone (0600, folders 0700): ``keep_private`` sets the process's
umask at start, and the database's own files are made private where they are opened
(``make_private``). On Windows they live under the user's own profile, which other users
cannot read by default.
"""

from __future__ import annotations

import atexit
import os
import stat
import sys
from contextlib import ExitStack, suppress
from functools import cache
from importlib.resources import as_file, files
from pathlib import Path

import platformdirs

APP_NAME = "MotCuaDesk"
APP_AUTHOR = "MotCua"
LOG_ENV = "MOTCUA_LOG_DIR"  # where the log goes instead (tests, a desk with a shared drive)
PRIVATE_UMASK = 0o077  # new files 0600, new folders 0700


def keep_private() -> int:
    """Make every file and folder this process creates from now on readable by this user
    alone (the database, its WAL, scans, the log, crash reports, backups); returns the
    previous umask. Meaningless on Windows, where the user's profile is private."""
    return os.umask(PRIVATE_UMASK)


def make_private(path: Path) -> None:
    """Take group and other permissions away from ``path`` (a file of the desk made by an
    older version, or before the umask was set). A link is left alone, and so is what
    belongs to another user or cannot be changed (a read-only medium): never an error."""
    if os.name != "posix":
        return
    with suppress(OSError):
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode) or info.st_uid != os.getuid():
            return
        if stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(path, stat.S_IMODE(info.st_mode) & 0o700)


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
