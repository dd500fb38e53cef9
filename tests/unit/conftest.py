"""Fixtures of the command-line tests."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.store.db import database_files


@pytest.fixture(scope="session")
def demo_made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """``motcua demo`` run once, in a process of its own as an administrator would (~15 s:
    the modules that need a demo desk work on copies of it, ``copy_desk``)."""
    db = tmp_path_factory.mktemp("cli-demo") / "d.db"
    result = subprocess.run([sys.executable, "-m", "desktop.cli", "demo", "--db", str(db)],
                            capture_output=True, text=True, timeout=300)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "canbo1" in result.stdout and "canbo1-demo" in result.stdout
    return db


def copy_desk(source: Path, target: Path) -> Path:
    """A copy of the desk database ``source`` at ``target``: its side files, its key file
    (the demo's database is encrypted) and its scans folder with it."""
    for own, theirs in zip(database_files(source), database_files(target), strict=True):
        if own.is_dir():
            shutil.copytree(own, theirs)
        elif own.exists():
            shutil.copy2(own, theirs)
    return target
