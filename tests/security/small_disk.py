"""A really full disk for the disk-full tests: a tiny tmpfs mounted on a test's folder.

Why a tmpfs: the kernel itself answers ENOSPC ("No space left on device") part-way through
a write, exactly as on a full disk — no patched ``write``. RLIMIT_FSIZE would give EFBIG
("file too large", another error) and ``/dev/full`` cannot hold the temporary file that is
renamed into place. Mounting needs root (the CI and development containers run as root);
elsewhere these tests are skipped, saying why.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def small_disk(folder: Path, size_kb: int = 64, leave_kb: int | None = None) -> Iterator[Path]:
    """``folder`` as a ``size_kb`` KiB file system; with ``leave_kb``, filled up to that
    much free space by a file named ``filler`` (a disk almost full already)."""
    folder.mkdir(parents=True, exist_ok=True)
    if not shutil.which("mount") or (hasattr(os, "geteuid") and os.geteuid() != 0):
        pytest.skip("mounting a small tmpfs needs root: the disk-full path is untested here")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k,mode=0755",
                              "tmpfs", str(folder)], capture_output=True, text=True)  # fmt: skip
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.strip()}): untested")
    try:
        if leave_kb is not None:
            (folder / "filler").write_bytes(b"\0" * ((size_kb - leave_kb) * 1024))
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)
