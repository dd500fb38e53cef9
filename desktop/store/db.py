"""Opening the desk's SQLite database: checks, pragmas, migrations, transactions."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

# SQLCipher's build of SQLite: it reads plaintext databases as SQLite does, and encrypted
# ones once ``PRAGMA key`` is given. Every connection to a desk database goes through it.
from sqlcipher3 import dbapi2 as _sqlcipher

from desktop.paths import make_private
from desktop.store import keys
from desktop.store.keys import DatabaseKeyError

dbapi: Any = _sqlcipher  # its errors are what a raw connection raises
MIGRATIONS = Path(__file__).with_name("migrations")
SQLITE_MAGIC = b"SQLite format 3\x00"


class StoreError(Exception):
    """An environment problem with the database (missing, corrupt, locked, too new).

    Its message is written for the officer or administrator who sees it.
    """


class NewerDatabaseError(StoreError):
    pass


class StoreBusy(StoreError):
    """Another connection (a sync, a backup, a second window) held the write lock longer
    than SQLite's busy timeout: nothing of this transaction was written; try again."""


class DatabaseCorrupt(StoreError):
    """SQLite's own check found the file damaged (a disk fault, a bad copy, a cut power)."""

    def __init__(self, path: Path, problem: str) -> None:
        self.path, self.problem = path, " ".join(problem.split())[:200]
        super().__init__(
            f"Cơ sở dữ liệu {path} bị hỏng ({self.problem}). Không dùng tiếp tệp này: hãy "
            "khôi phục bản sao lưu gần nhất, hoặc ghi danh lại bàn với cổng vào một tệp mới "
            "(motcua enrol) để tải lại hồ sơ từ cổng; giữ tệp hỏng cho bộ phận kỹ thuật."
        )


def _alembic_config() -> Any:
    from alembic.config import Config  # Alembic is imported only to upgrade a database

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def known_revisions() -> set[str]:
    """The revisions this version knows, from the migration files' names ("0005_….py"
    is revision "0005", each revising the one before — a test checks Alembic agrees), so
    opening an up-to-date database does not import Alembic."""
    return {p.name[:4] for p in (MIGRATIONS / "versions").glob("[0-9][0-9][0-9][0-9]_*.py")}


def head_revision() -> str:
    return max(known_revisions())


def is_encrypted(path: Path) -> bool:
    """An encrypted desk database: a key file beside it, and no plaintext SQLite header
    (an empty file with a key file is a new encrypted database)."""
    if not keys.key_file(path).exists():
        return False
    with path.open("rb") as f:
        return f.read(16) != SQLITE_MAGIC


def key_of(path: Path) -> bytes | None:
    """The key of the desk database ``path``; None for a plaintext (or not yet made) one."""
    if not path.exists() or not is_encrypted(path):
        return None
    try:
        return keys.database_key(path)
    except DatabaseKeyError as exc:
        raise StoreError(str(exc)) from exc


def connect(
    path: Path | str, *, read_only: bool = False, immutable: bool = False, timeout: float = 5.0,
    key: bytes | None = None,
) -> Any:  # fmt: skip
    """A DB-API connection to the desk database ``path``, plaintext or encrypted: for an
    encrypted file ``PRAGMA key`` is its first statement. The key is the one in the key file
    beside it unless given."""
    path = Path(path)
    if key is None:
        key = key_of(path)
    if read_only:
        flags = "mode=ro" + ("&immutable=1" if immutable else "")
        con = dbapi.connect(f"{path.resolve().as_uri()}?{flags}", uri=True, timeout=timeout,
                            check_same_thread=False)  # fmt: skip
    else:
        con = dbapi.connect(str(path), timeout=timeout, check_same_thread=False)
    if key is not None:
        con.execute(f"PRAGMA key = {keys.sqlcipher_key(key)}")
    return con


def _read_only(path: Path, key: bytes | None = None) -> Any:
    # With no WAL beside it the main file is the whole database: read it as immutable,
    # so not even the -wal/-shm side files are created for a file we may refuse.
    return connect(path, read_only=True, immutable=not Path(f"{path}-wal").exists(), key=key)


def check_integrity(path: Path, key: bytes | None = None, *, full: bool = False) -> None:
    """``PRAGMA quick_check`` (every page and index entry, without cross-checking index
    contents; ``full``: ``integrity_check``, which does): raises ``DatabaseCorrupt``
    naming the first problem SQLite reports.
    It reads the whole file: on the 200,000-dossier benchmark desk (213 MB, file in the page
    cache) 0.37–0.42 s on a quiet machine, 1.0–1.7 s while the machine was busy."""
    try:
        con = _read_only(path, key)
        try:
            rows = con.execute(f"PRAGMA {'integrity_check' if full else 'quick_check'}").fetchall()
        finally:
            con.close()
    except dbapi.OperationalError as exc:  # locked, unreadable: not a verdict on the file
        raise StoreError(f"Không đọc được cơ sở dữ liệu {path}: {exc}") from None
    except dbapi.DatabaseError as exc:  # "database disk image is malformed"
        raise DatabaseCorrupt(path, str(exc)) from None
    if rows != [("ok",)]:
        raise DatabaseCorrupt(path, str(rows[0][0]) if rows else "?")


def inspect_revision(path: Path, key: bytes | None = None) -> str | None:
    """The schema revision recorded in ``path``, read without writing a byte."""
    with path.open("rb") as f:
        header = f.read(16)
    if header and header != SQLITE_MAGIC and key is None and not is_encrypted(path):
        raise StoreError(f"Tệp {path} không phải cơ sở dữ liệu SQLite (hỏng hoặc sai tệp).")
    if not header:
        return None
    try:
        con = _read_only(path, key)
        try:
            has_table = con.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'"
            ).fetchone()
            if not has_table:
                return None
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
            return str(row[0]) if row else None
        finally:
            con.close()
    except dbapi.OperationalError as exc:
        raise StoreError(f"Không đọc được cơ sở dữ liệu {path}: {exc}") from None
    except dbapi.DatabaseError as exc:  # damaged where the schema is kept
        raise DatabaseCorrupt(path, str(exc)) from None


CACHE_KIB = 16 * 1024
# A bulk load (a new desk's snapshot) inserts rows with random ids into every index: with
# 16 MiB the index pages it keeps coming back to are evicted and read again, and on an
# encrypted file every page read is decrypted and every page spilled is encrypted once
# more. With 64 MiB the initial sync of 100,000 dossiers took 18 s instead of 30 s
# encrypted and 16 s instead of 20 s plaintext (docs/PERFORMANCE.md).
BULK_CACHE_KIB = 64 * 1024


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Let SQLAlchemy's "begin" event below decide how transactions start.
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")  # with WAL a power cut can lose no database
    # 16 MiB a connection: the queue's indexes stay in memory; more only grew the resident
    # memory (432 MB at 200,000 dossiers with 64 MiB) without making the queue faster.
    cur.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
    cur.execute("PRAGMA temp_store=MEMORY")
    cur.close()


def _on_begin(conn: Any) -> None:
    # Writers take the write lock up front, so two writers never deadlock on upgrade.
    mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")


def make_engine(path: Path, key: bytes | None = None) -> Engine:
    """The engine of the desk database ``path``; ``key``: it is encrypted with that key."""
    # For a file SQLAlchemy pools connections (QueuePool); ``connect`` opens them with
    # check_same_thread=False: a worker thread checks out a connection of its own for the
    # session it opens, and returns it when the session ends; no connection is used by two
    # threads at once. The window's acts and reads run on workers this way.
    engine = create_engine(f"sqlite:///{path}", module=dbapi,
                           creator=lambda: connect(path, key=key))  # fmt: skip
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


class Store:
    """The desk's database: one engine, read and write transactions."""

    def __init__(self, path: Path, engine: Engine, key: bytes | None = None) -> None:
        self.path = path
        self.engine = engine
        self.key = key  # an encrypted database's key (its scans are sealed under it too)
        self._read = sessionmaker(engine, expire_on_commit=False)
        self._write = sessionmaker(
            engine.execution_options(sqlite_begin="IMMEDIATE"), expire_on_commit=False
        )

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: everything in it is committed together or not at all."""
        with self._translate_errors(), self._write.begin() as session:
            yield session

    @contextmanager
    def bulk_writes(self) -> Iterator[Callable[[], Any]]:
        """Write transactions for a bulk load, all on one connection whose page cache is
        ``BULK_CACHE_KIB``: ``with store.bulk_writes() as write: with write() as session:``.
        The connection is closed afterwards, and that memory with it: other work never
        runs on the bigger cache."""
        with self._translate_errors(), self.engine.connect() as conn:
            conn.execution_options(sqlite_begin="IMMEDIATE")
            conn.exec_driver_sql(f"PRAGMA cache_size=-{BULK_CACHE_KIB}")
            conn.commit()  # the PRAGMA began a transaction; each write() begins its own

            @contextmanager
            def write() -> Iterator[Session]:
                with (
                    self._translate_errors(),
                    Session(bind=conn, expire_on_commit=False) as session,
                    session.begin(),
                ):
                    yield session

            try:
                yield write
            finally:
                conn.invalidate()  # closed, not pooled with the bigger cache

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._translate_errors(), self._read() as session:
            yield session

    @contextmanager
    def _translate_errors(self) -> Iterator[None]:
        try:
            yield
        except OperationalError as exc:
            text = str(exc.orig)
            if "locked" in text or "busy" in text:
                raise StoreBusy(
                    "Cơ sở dữ liệu đang bị chương trình khác khoá, vui lòng thử lại."
                ) from exc
            if "disk" in text or "full" in text:
                raise StoreError("Ổ đĩa đầy: không ghi được dữ liệu.") from exc
            raise

    def close(self) -> None:
        # Let SQLite refresh the statistics its query planner relies on, cheaply.
        with self.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA optimize")
        self.engine.dispose()


def open_store(
    path: Path, *, create: bool = False, upgrade: bool = True, check: bool = False,
    encrypt: bool = False, demo: bool = False, key: bytes | None = None,
    check_if_upgrading: bool = False,
) -> Store:  # fmt: skip
    """Open (and if needed upgrade) the desk database at ``path``.

    A database written by a newer MotCua Desk is refused and left untouched; so is a file
    that is not a SQLite database. ``create`` allows a new, empty file. ``check`` (the
    window and the command line, once at start) runs SQLite's integrity check first and
    refuses a damaged file before anything is read from it or written to it.
    ``check_if_upgrading``: only when an older schema is about to be upgraded (the window,
    which otherwise checks on a worker while the officer logs in: ``desktop.ui.integrity``).

    An encrypted database is opened with the key its key file gives (``keys``). A new file
    is encrypted when ``encrypt`` is set (``demo``: demo data, see ``keys.create_key``);
    else it is plaintext, as every database made before encryption came. ``key``: the key
    of an encrypted file that has no key file beside it (a backup being restored).
    """
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path} là một thư mục, không phải tệp cơ sở dữ liệu.")
    if not path.exists():
        if not create:
            raise StoreError(f"Không tìm thấy cơ sở dữ liệu: {path}")
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if encrypt:  # the key file first: a file with no key would be unreadable
            try:
                keys.create_key(path, demo=demo)
            except DatabaseKeyError as exc:
                raise StoreError(str(exc)) from exc
        _create_private(path)
        revision = None
    else:
        revision = inspect_revision(path, key)
        upgrading = upgrade and revision != head_revision()
        if (check or (check_if_upgrading and upgrading)) and path.stat().st_size:
            check_integrity(path, key)
    if revision is not None and revision not in known_revisions():
        raise NewerDatabaseError(
            f"Cơ sở dữ liệu {path} do phiên bản MotCua Desk mới hơn tạo ra "
            f"(lược đồ {revision}); phiên bản này chỉ biết đến lược đồ {head_revision()}. "
            "Hãy cập nhật chương trình; tệp không bị thay đổi."
        )
    for own in database_files(path):  # SQLite gives the WAL and SHM the database's mode
        make_private(own)
    key = key if key is not None else key_of(path)
    engine = make_engine(path, key)
    try:
        if upgrade and revision != head_revision():
            upgrade_schema(engine)
    except OperationalError as exc:
        engine.dispose()
        raise StoreError(f"Không nâng cấp được cơ sở dữ liệu {path}: {exc.orig}") from None
    return Store(path, engine, key)


def database_files(path: Path) -> list[Path]:
    """The database, its SQLite side files and the scans folder beside it: what holds
    citizens' data and must stay readable by this user alone."""
    return [path, *(path.with_name(path.name + tail) for tail in ("-wal", "-shm", "-journal")),
            keys.key_file(path), path.parent / f"{path.stem}.tep-dinh-kem"]  # fmt: skip


def _create_private(path: Path) -> None:
    """An empty database file readable by this user alone (SQLite would make it 0644 and
    its WAL and SHM alike); never through a link planted under its name."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    os.close(os.open(path, flags, 0o600))


def upgrade_schema(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def downgrade_schema(engine: Engine, revision: str) -> None:
    """Back to ``revision`` (a test making the file an older version left)."""
    from alembic import command

    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)
