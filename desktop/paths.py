"""Where the desk finds its resources and keeps its data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs


def resources_dir() -> Path:
    """``resources/`` beside the package, or inside a frozen bundle."""
    override = os.environ.get("MOTCUA_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def default_database() -> Path:
    return Path(platformdirs.user_data_dir("MotCuaDesk", "MotCua")) / "desk.db"


def report_dir(database: Path) -> Path:
    """Where crash reports of the desk at ``database`` go: ``bao-cao-loi`` beside it, in
    the user's own data folder (not the shared temporary folder, which anyone can read)."""
    return database.parent / "bao-cao-loi"


def default_calendar_file() -> Path:
    """The province calendar shipped with the desk: what a desk that has not yet pulled its
    province's calendar (and a portal that has loaded none) counts days by."""
    return resources_dir() / "calendar" / "lich-lam-viec.txt"
