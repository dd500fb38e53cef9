"""Ghi tệp an toàn — files the desk writes: whole or not at all, never through a planted link.

- ``write_atomically``: a printed PDF, a scan. The bytes go to a temporary file in the same
  folder, are flushed to the disk, then renamed over the target: a full disk or a power cut
  leaves the earlier file (or none), never half a document.
- ``create_private``: a crash report. A new file only (``O_EXCL | O_NOFOLLOW``), readable
  by this user alone (0600): a link planted under the report's name is never followed.
- ``is_sha256``: a scan's name comes from the portal; it must be 64 lowercase hex digits
  before it is ever part of a path. ``file_stem``: any other word from the portal (a
  dossier code) in a file name keeps letters, digits and ``._-`` only.
"""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
from contextlib import suppress
from pathlib import Path

_SHA256 = re.compile(r"[0-9a-f]{64}")
_NOT_IN_NAMES = re.compile(r"[^0-9A-Za-z._-]+")
NO_SPACE = (errno.ENOSPC, errno.EDQUOT)


def is_sha256(text: object) -> bool:
    return isinstance(text, str) and _SHA256.fullmatch(text) is not None


def file_stem(text: str, fallback: str = "tep") -> str:
    """``text`` made safe as part of a file name: no separator, no leading dot, ≤ 60 chars."""
    return _NOT_IN_NAMES.sub("-", text).strip(".-")[:60] or fallback


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in NO_SPACE


def inside(root: Path, path: Path) -> bool:
    """Whether ``path``, with its links and ``..`` resolved, lies under ``root``."""
    return path.resolve().is_relative_to(root.resolve())


def _umask() -> int:
    """The process's umask, read without changing it (os.umask would, for every thread)."""
    with suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` in one step (temporary file, fsync, rename).

    A device or a pipe (``/dev/usb/lp0``, ``/dev/stdout``) is written as it is: it cannot be
    renamed over, and holds no earlier document to keep. On any error the temporary file is
    removed and the error raised (a full disk: ``OSError`` ENOSPC).
    """
    path = Path(path)
    if path.exists() and not path.is_file():
        with path.open("wb") as device:
            device.write(data)
        return
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            if hasattr(os, "fchmod"):  # mkstemp makes it 0600: give a document the usual mode
                os.fchmod(f.fileno(), 0o666 & ~_umask())
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        with suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError) and exc.filename is None:
            exc.filename = str(path)  # "no space left" says which document was not written
        raise
    _sync_folder(path.parent)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX; Windows has no directory handles to sync)."""
    with suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def private_folder(folder: Path) -> Path:
    """``folder``, created readable by this user alone if missing; refused when it is a
    link or another user's folder (someone could read or swap what is written there)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    info = folder.lstat()
    if stat.S_ISLNK(info.st_mode) or not stat.S_ISDIR(info.st_mode):
        raise OSError(errno.ENOTDIR, "không phải thư mục thật (liên kết hoặc tệp)", str(folder))
    if hasattr(os, "getuid") and info.st_uid != os.getuid():
        raise OSError(errno.EPERM, "thư mục của người dùng khác", str(folder))
    return folder


def create_private(folder: Path, stem: str, suffix: str, data: bytes) -> Path:
    """Write ``data`` to a new file ``<stem><suffix>`` in ``folder`` (``<stem>-2<suffix>``…
    when the name is taken), mode 0600, never following or replacing what is there."""
    private_folder(folder)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)
    for n in range(1, 1000):
        path = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
        try:
            fd = os.open(path, flags, 0o600)
        except FileExistsError:  # an earlier report, or anything planted under the name
            continue
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        except OSError:
            path.unlink(missing_ok=True)  # half a report (a full disk) helps no one
            raise
        return path
    raise FileExistsError(errno.EEXIST, "quá nhiều tệp cùng tên", str(folder / stem))
