"""``motcua`` — the command line for administrators, scripts and headless checks.

Every command takes ``--db PATH``. A bad input ends with one clear line on stderr and a
non-zero exit, never a traceback; an unexpected bug leaves a crash report file.
"""

from __future__ import annotations

import argparse
import errno
import getpass
import os
import shutil
import socket
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import desktop
from desktop.core.accounts import Role
from desktop.core.calendar import (
    OFFICE_TZ,
    OfficeHours,
    ProcessingTime,
    TimeUnit,
    WorkingCalendar,
    load_province_calendar,
)
from desktop.core.lifecycle import DomainError
from desktop.files import create_private, is_disk_full
from desktop.logs import log, start_log, utf8_console
from desktop.paths import default_calendar_file, default_database, keep_private, report_dir
from desktop.services.accounts import (
    add_officer,
    authenticate_admin,
    has_officers,
    set_locked,
    set_password,
)
from desktop.services.audit import AuditHead, verify_audit
from desktop.services.catalogue import procedure_of
from desktop.services.context import Actor, Desk
from desktop.services.settings import load_calendar, open_desk
from desktop.store.db import Store, StoreError, head_revision, open_store
from desktop.store.keys import PassphraseNeeded, give_passphrase, key_file

if TYPE_CHECKING:
    from sync.portal.db import PortalDatabase

EXIT_FAILED = 1  # the command ran and found a problem (e.g. a broken audit chain)
EXIT_BAD_INPUT = 2
EXIT_BUG = 70
# What only the reference portal needs: installed with `pip install "motcua-desk[portal]"`.
PORTAL_PACKAGES = frozenset({"fastapi", "starlette", "uvicorn", "psycopg"})
VERIFY_TIMEOUT = (3.0, 5.0)  # audit verify asks the portal briefly, then goes on offline


class CliError(Exception):
    """A bad input: printed as one line, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        print(f"motcua: lỗi: {message} (xem {self.prog} --help)", file=sys.stderr)
        raise SystemExit(EXIT_BAD_INPUT)


def _read_secret(prompt: str) -> str:
    """A password from the terminal, or one line of stdin when a script pipes it in."""
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline() if sys.stdin is not None else ""
    if not line:
        raise CliError(f"thiếu mật khẩu ({prompt.strip(': ')}) trên đầu vào chuẩn")
    return line.rstrip("\n")


def _store(
    args: argparse.Namespace, *, create: bool = False, encrypt: bool = False, demo: bool = False
) -> Store:
    # A damaged file is refused before any command reads or writes it.
    try:
        return open_store(Path(args.db), create=create, check=True, encrypt=encrypt, demo=demo)
    except StoreError as exc:
        if not isinstance(exc.__cause__, PassphraseNeeded) or not _interactive():
            raise
    # No keystore here and no passphrase given yet: the administrator types it once.
    give_passphrase(getpass.getpass("Mật khẩu bảo vệ cơ sở dữ liệu: "))
    return open_store(Path(args.db), create=create, check=True, encrypt=encrypt, demo=demo)


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


@contextmanager
def _new_database(path: Path) -> Iterator[None]:
    """A command that may create the database at ``path``: when it fails, a file it made is
    removed again (with SQLite's journals and the attachments folder), never left half-made."""
    made = [path, *(path.with_name(path.name + tail) for tail in ("-wal", "-shm", "-journal")),
            key_file(path), path.parent / f"{path.stem}.tep-dinh-kem"]  # fmt: skip
    existed = {p for p in made if p.exists()}
    try:
        yield
    except BaseException:
        for leftover in made:
            if leftover in existed or not leftover.exists():
                continue
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)
        raise


def _check_out(out: str) -> Path:
    """An output file the command can write: refused before anything is opened or printed."""
    path = Path(out)
    if path.is_dir():
        raise CliError(f"--out {out} là một thư mục; hãy ghi tên tệp, ví dụ {path / 'giay.pdf'}")
    if not path.parent.is_dir():
        raise CliError(f"--out {out}: không có thư mục {path.parent}")
    return path


# --- commands -----------------------------------------------------------------------------------


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    # A database it makes is encrypted like every new desk's (enrolment, first run); one
    # that exists keeps what it is (``db encrypt`` migrates a plaintext one).
    with _new_database(Path(args.db)):
        store = _store(args, create=True, encrypt=True)
        store.close()
    print(f"Cơ sở dữ liệu {args.db} ở lược đồ {head_revision()}.")
    return 0


def cmd_db_encrypt(args: argparse.Namespace) -> int:
    from desktop.services.encryption import encrypt_database

    try:
        report = encrypt_database(Path(args.db))
    except StoreError as exc:
        if not isinstance(exc.__cause__, PassphraseNeeded) or not _interactive():
            raise
        first = getpass.getpass("Đặt mật khẩu bảo vệ cơ sở dữ liệu: ")
        if getpass.getpass("Nhập lại: ") != first:
            raise CliError("hai lần nhập mật khẩu không khớp; cơ sở dữ liệu giữ nguyên") from None
        give_passphrase(first)
        report = encrypt_database(Path(args.db))
    kept = {"keystore": "trong kho khoá của hệ điều hành", "demo": "bằng mật khẩu dữ liệu mẫu",
            "passphrase": "bằng mật khẩu của quản trị"}.get(report.kept, report.kept)  # fmt: skip
    said = "đã được mã hoá từ trước" if report.already else "đã được mã hoá"
    print(f"Cơ sở dữ liệu {args.db} {said}; khoá được giữ {kept}.")
    if report.scans_sealed:
        print(f"  {report.scans_sealed} tệp đính kèm đã được mã hoá.")
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from desktop.services.demo import build_demo

    if args.count < 1:
        raise CliError("--count phải lớn hơn 0")
    with _new_database(Path(args.db)):
        store = _store(args, create=True, encrypt=True, demo=True)
        try:
            summary = build_demo(store, dossier_count=args.count)
        finally:
            store.close()
    print(f"Đã tạo dữ liệu mẫu trong {args.db}: {summary.office.name}")
    print(f"  {summary.procedures} thủ tục, {summary.dossiers} hồ sơ (dữ liệu mẫu).")
    print("  Tài khoản mẫu (tên đăng nhập / mật khẩu):")
    for username, full_name, role, password in summary.officers:
        print(f"    {username:<10} {password:<14} {full_name} — {role.label_vi}")
    return 0


def _parse_received(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise CliError(
            f"thời điểm nhận “{text}” không đúng dạng YYYY-MM-DDTHH:MM (ví dụ 2026-02-13T16:30)"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=OFFICE_TZ)


def _processing_time(args: argparse.Namespace) -> ProcessingTime:
    try:
        amount = Decimal(args.days if args.days is not None else args.hours)
    except InvalidOperation:
        raise CliError("số ngày/giờ phải là một số (ví dụ 5 hoặc 0.5)") from None
    if not amount.is_finite():
        raise CliError("số ngày/giờ phải là một số hữu hạn")
    cutoff = None
    if args.cutoff is not None:
        if args.days is None or amount != 0:
            raise CliError("--cutoff chỉ dùng với --days 0 (thủ tục giải quyết trong ngày)")
        cutoff = _parse_hhmm(args.cutoff, "--cutoff")
    return ProcessingTime(amount, TimeUnit.DAY if args.days is not None else TimeUnit.HOUR,
                          cutoff)  # fmt: skip


def _parse_hhmm(text: str, flag: str) -> time:
    problem = CliError(f"{flag}: giờ “{text}” không đúng dạng HH:MM (ví dụ 15:00)")
    if len(text) != 5:
        raise problem
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise problem from None


def cmd_due_date(args: argparse.Namespace) -> int:
    received = _parse_received(args.received)
    if args.procedure is None and not (args.db_given or Path(args.db).exists()):
        # No desk yet: the default office hours and the province calendar shipped.
        calendar = WorkingCalendar(
            OfficeHours(), province=load_province_calendar(default_calendar_file())
        )
        processing = _processing_time(args)
    else:
        store = _store(args)
        try:
            with store.read() as session:
                calendar = load_calendar(session)
                processing = (procedure_of(session, args.procedure).processing_time
                              if args.procedure else _processing_time(args))  # fmt: skip
        finally:
            store.close()
    due = calendar.due(received, processing)
    if args.detail:
        print(f"{due.date.isoformat()} {due.session.value} {due.deadline:%H:%M}")
    else:
        print(due.date.isoformat())
    return 0


def _portal_audit_head(store: Store, args: argparse.Namespace) -> tuple[AuditHead | None, str]:
    """The audit head the portal holds for this desk, when it is enrolled and answers within
    a few seconds; else None and what to say about it. ``--portal`` makes the portal's
    copy required; ``--offline`` never asks."""
    from desktop.services.settings import get_setting

    if args.offline:
        return None, ""
    with store.read() as session:
        state = get_setting(session, "portal")
    if not state:
        if args.portal:
            raise CliError("bàn chưa ghi danh với cổng: không có mốc nào trên cổng để so")
        return None, ""
    from sync.client.engine import portal_audit_head
    from sync.client.transport import PortalRefused, PortalUnreachable

    try:
        head, refused = portal_audit_head(state, attempts=1, timeout=VERIFY_TIMEOUT)
    except (PortalRefused, PortalUnreachable, DomainError) as exc:
        if args.portal:
            raise CliError(f"không lấy được mốc nhật ký từ cổng: {exc}") from None
        return None, f"motcua: không hỏi được cổng ({exc}); chỉ so với mốc đã neo."
    note = (f"motcua: cảnh báo: cổng đã từ chối {refused} mốc nhật ký của bàn này "
            "(nhật ký từng bị cắt hoặc tính lại)." if refused else "")  # fmt: skip
    return head, note


def cmd_audit_verify(args: argparse.Namespace) -> int:
    store = _store(args)
    try:
        portal_head, note = _portal_audit_head(store, args)
        report = verify_audit(store, portal_head)
    finally:
        store.close()
    if note:
        print(note, file=sys.stderr)
    if report.ok:
        if portal_head is not None and portal_head.seq:
            anchor = f"; khớp với mốc cổng đang giữ (mục #{portal_head.seq})"
        elif report.anchored is not None:
            anchor = f"; khớp với mốc đã neo với cổng (mục #{report.anchored.seq})"
        else:
            anchor = "; chưa neo với cổng"
        print(f"Nhật ký kiểm tra toàn vẹn: {report.entries} mục{anchor}.")
        return 0
    if report.first_broken is not None:
        print(
            f"Nhật ký kiểm tra KHÔNG toàn vẹn: mục #{report.first_broken} — {report.problem}.",
            file=sys.stderr,
        )
    for problem in report.problems:
        print(f"Nhật ký kiểm tra KHÔNG toàn vẹn: {problem}.", file=sys.stderr)
    return EXIT_FAILED


def _admin_desk(args: argparse.Namespace) -> tuple[Desk, Actor | None]:
    """The desk and the administrator acting on it (None while the desk has no account)."""
    desk = open_desk(_store(args))
    if not has_officers(desk):
        return desk, None
    if not args.admin:
        raise CliError("cần --admin TÊN_QUẢN_TRỊ (mật khẩu sẽ được hỏi)")
    return desk, authenticate_admin(desk, args.admin, _read_secret(f"Mật khẩu của {args.admin}: "))


def _new_password(username: str) -> str:
    first = _read_secret(f"Mật khẩu mới cho {username}: ")
    if sys.stdin is not None and sys.stdin.isatty() and _read_secret("Nhập lại: ") != first:
        raise CliError("hai lần nhập mật khẩu không khớp")
    return first


def cmd_user_add(args: argparse.Namespace) -> int:
    desk, admin = _admin_desk(args)
    try:
        role = Role(args.role)
        actor = add_officer(
            desk, admin, args.username, args.name, role, _new_password(args.username)
        )
    finally:
        desk.store.close()
    print(f"Đã thêm tài khoản {actor.username} ({role.label_vi}).")
    return 0


def cmd_user_passwd(args: argparse.Namespace) -> int:
    desk, admin = _admin_desk(args)
    try:
        if admin is None:
            raise CliError("bàn chưa có tài khoản nào")
        set_password(desk, admin, args.username, _new_password(args.username))
    finally:
        desk.store.close()
    print(f"Đã đổi mật khẩu của {args.username}.")
    return 0


def _cmd_set_locked(locked: bool) -> Callable[[argparse.Namespace], int]:
    def run(args: argparse.Namespace) -> int:
        desk, admin = _admin_desk(args)
        try:
            if admin is None:
                raise CliError("bàn chưa có tài khoản nào")
            set_locked(desk, admin, args.username, locked)
        finally:
            desk.store.close()
        print(f"Đã {'khoá' if locked else 'mở khoá'} tài khoản {args.username}.")
        return 0

    return run


# --- the portal and sync ------------------------------------------------------------------


# The portal and sync modules are imported inside their commands: the desk's own commands
# then start without loading FastAPI, uvicorn or requests.


@contextmanager
def _portal_db(args: argparse.Namespace) -> Iterator[PortalDatabase]:
    """The portal database named by ``--db`` (a URL, or a path for SQLite), disposed after."""
    from sync.portal.db import PortalDatabase

    url = args.portal_db if "://" in args.portal_db else f"sqlite:///{args.portal_db}"
    db = PortalDatabase(url)
    try:
        yield db
    finally:
        db.dispose()


def _portal_errors(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    def wrapped(args: argparse.Namespace) -> int:
        from sqlalchemy.exc import OperationalError

        from sync.portal.service import PortalError

        try:
            return run(args)
        except PortalError as exc:
            raise CliError(str(exc)) from None
        except OperationalError as exc:
            raise CliError(
                f"không mở được cơ sở dữ liệu cổng {args.portal_db}: {exc.orig}"
            ) from None

    return wrapped


@_portal_errors
def cmd_portal_init_demo(args: argparse.Namespace) -> int:
    from sync.portal.demo import DEMO_OFFICES, init_demo

    with _portal_db(args) as db:
        accounts = init_demo(db)
    print("Đã tạo cổng mẫu. Cơ quan (mã — tên):")
    for code, name, _level in DEMO_OFFICES:
        print(f"  {code} — {name}")
    print("Tài khoản mẫu (cơ quan / tên đăng nhập / mật khẩu):")
    for office, username, password in accounts:
        print(f"  {office:<12} {username:<12} {password}")
    return 0


@_portal_errors
def cmd_portal_submit_demo(args: argparse.Namespace) -> int:
    from sync.portal.demo import submit_demo

    if args.count < 1:
        raise CliError("--count phải lớn hơn 0")
    with _portal_db(args) as db:
        count = submit_demo(db, args.count, args.office, args.seed, online_payments=0.5)
    print(f"Công dân đã nộp {count} hồ sơ trực tuyến (dữ liệu mẫu).")
    return 0


@_portal_errors
def cmd_portal_enrol_desk(args: argparse.Namespace) -> int:
    from desktop.core.calendar import OFFICE_TZ
    from sync.portal.service import ENROLMENT_CODE_LIFETIME, create_enrolment_code, utc_now

    issued = utc_now()
    with _portal_db(args) as db, db.transaction() as session:
        code = create_enrolment_code(session, args.office, issued)
    expires = (issued + ENROLMENT_CODE_LIFETIME).astimezone(OFFICE_TZ)
    print(
        f"Mã ghi danh một lần cho một bàn của {args.office}, dùng được đến "
        f"{expires:%H:%M %d/%m/%Y} (giờ Việt Nam; nhập trong cài đặt của bàn):"
    )
    print(code)  # the last line: scripts take the code from it
    return 0


@_portal_errors
def cmd_portal_revoke_desk(args: argparse.Namespace) -> int:
    from sync.portal.service import revoke_desk

    with _portal_db(args) as db, db.transaction() as session:
        revoke_desk(session, args.desk_id)
    print(f"Đã thu hồi quyền của bàn {args.desk_id}.")
    return 0


def _parse_date(text: str, what: str = "ngày") -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"{what} “{text}” không đúng dạng YYYY-MM-DD (ví dụ 2026-01-02)") from None


@contextmanager
def _calendar_db(args: argparse.Namespace) -> Iterator[PortalDatabase]:
    """An initialised portal database, upgraded (an older one lacked the calendar tables)."""
    from sync.portal.service import epoch

    with _portal_db(args) as db:
        with db.reading() as session:
            epoch(session)  # refuses a database that is not a portal's
        db.upgrade_schema()
        yield db


@_portal_errors
def cmd_portal_calendar_load(args: argparse.Namespace) -> int:
    from sync.portal import calendar as province

    loaded = load_province_calendar(Path(args.file))
    with _calendar_db(args) as db, db.transaction() as session:
        version = province.load(session, loaded)
    years = ", ".join(str(y) for y in sorted(loaded.years))
    print(f"Đã nạp lịch năm {years}: {len(loaded.days)} ngày nghỉ / làm bù, giờ làm việc của "
          f"{len(loaded.hours)} cơ quan. Phiên bản lịch: {version}.")  # fmt: skip
    return 0


_WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


@_portal_errors
def cmd_portal_calendar_show(args: argparse.Namespace) -> int:
    from desktop.core.calendar import DayKind, span_text
    from sync.portal import calendar as province

    with _calendar_db(args) as db, db.reading() as session:
        shown = province.province_calendar(session)
    if args.year is not None and args.year not in shown.years:
        raise CliError(f"lịch trên cổng chưa có năm {args.year}")
    print(f"Lịch làm việc của tỉnh — phiên bản {shown.version}")
    for year, note in sorted(shown.years.items()):
        if args.year not in (None, year):
            continue
        print(f"Năm {year}" + (f": {note}" if note else ""))
        for d in shown.days:
            if d.day.year == year:
                word = "nghỉ" if d.kind is DayKind.OFF else "làm "
                source = f" [{d.source}]" if d.source else ""
                print(f"  {d.day:%d/%m/%Y} {_WEEKDAYS[d.day.weekday()]:<9} {word} "
                      f"{d.note}{source}")  # fmt: skip
    print("Giờ làm việc (cơ quan không nêu ở đây: sáng 07:30-11:30, chiều 13:30-17:00):")
    for office, (morning, afternoon) in sorted(shown.hours.items()):
        print(f"  {office}: sáng {span_text(morning)}, chiều {span_text(afternoon)}")
    return 0


@_portal_errors
def cmd_portal_calendar_set(args: argparse.Namespace) -> int:
    from desktop.core.calendar import day_kind
    from sync.portal import calendar as province

    day, kind = _parse_date(args.date), day_kind(args.kind)
    with _calendar_db(args) as db, db.transaction() as session:
        version = province.set_day(session, day, kind, args.note, args.source)
    print(f"Ngày {day:%d/%m/%Y}: {args.kind} — {args.note.strip()}. Phiên bản lịch: {version}.")
    return 0


@_portal_errors
def cmd_portal_calendar_hours(args: argparse.Namespace) -> int:
    from sync.portal import calendar as province

    with _calendar_db(args) as db, db.transaction() as session:
        version = province.set_hours(session, args.office, args.morning, args.afternoon)
    print(f"Giờ làm việc của {args.office}: sáng {args.morning}, chiều {args.afternoon}. "
          f"Phiên bản lịch: {version}.")  # fmt: skip
    return 0


def cmd_calendar_override(args: argparse.Namespace) -> int:
    """A day this desk counts differently from the province calendar (administrator only,
    audited)."""
    from desktop.core.calendar import day_kind
    from desktop.services.calendar_days import override_day

    day, kind = _parse_date(args.date), day_kind(args.kind)
    desk, admin = _admin_desk(args)
    try:
        if admin is None:
            raise CliError("bàn chưa có tài khoản quản trị")
        override_day(desk, admin, day, kind, args.note)
    finally:
        desk.store.close()
    print(f"Bàn này tính ngày {day:%d/%m/%Y} là ngày {args.kind} ({args.note.strip()}); "
          "đã ghi nhật ký kiểm tra.")  # fmt: skip
    return 0


KEEP_ALIVE_SECONDS = 65


@_portal_errors
def cmd_portal_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from sync.portal.app import create_app

    for flag, given in (("--ssl-certfile", args.ssl_certfile), ("--ssl-keyfile", args.ssl_keyfile)):
        if given and not Path(given).is_file():
            raise CliError(f"{flag}: không có tệp {given}")
    if args.ssl_keyfile and not args.ssl_certfile:
        raise CliError("--ssl-keyfile cần đi cùng --ssl-certfile")
    listening = _listen(args.host, args.port)  # a port in use is one line, before anything
    with _portal_db(args) as db:
        db.upgrade_schema()
        # Desks keep their connection between requests; a short keep-alive makes the portal
        # close it just as a busy desk sends its next request (a reset it must retry).
        options: dict[str, Any] = dict(
            host=args.host, port=args.port, log_level=args.log_level,
            timeout_keep_alive=KEEP_ALIVE_SECONDS, ssl_certfile=args.ssl_certfile,
            ssl_keyfile=args.ssl_keyfile,
        )  # fmt: skip
        log.info("portal serving on %s:%s (%d processes)", args.host, args.port, args.workers)
        if args.workers == 1:
            uvicorn.Server(uvicorn.Config(create_app(db), **options)).run(sockets=[listening])
            return 0
    # Several processes accept on the one socket bound above; each opens its own database
    # connections (the portal keeps nothing of its own in memory: all it knows is in the
    # database, so any process may answer any request of any desk).
    from uvicorn.supervisors import Multiprocess

    os.environ[WORKER_DB_VARIABLE] = db.url
    config = uvicorn.Config("desktop.cli:portal_worker_app", factory=True, workers=args.workers,
                            **options)  # fmt: skip
    Multiprocess(config, sockets=[listening]).run()
    return 0


@_portal_errors
def cmd_portal_report(args: argparse.Namespace) -> int:
    """Báo cáo của tỉnh (Biểu 06/VPCP/KSTT): every office's figures of --period (or one
    office's) and the total, from the dossiers the desks pushed — as text, PDF or xlsx."""
    from datetime import UTC, datetime

    from desktop.core.report_periods import PeriodRule, parse_period
    from desktop.core.reports import TABLE_COLUMNS
    from sync.portal.models import PortalOffice
    from sync.portal.reports import province_report

    period = parse_period(args.period, PeriodRule(args.cutoff))
    out = None
    if args.format != "text":
        if not args.out:
            raise CliError(f"--format {args.format} cần --out TỆP")
        out = _check_out(args.out)
        suffix = out.suffix.lower().lstrip(".")
        if suffix and suffix != args.format:
            raise CliError(f"--out {args.out} có đuôi .{suffix} nhưng --format là {args.format}")
    with _portal_db(args) as db, db.reading() as session:
        if args.office and session.get(PortalOffice, args.office) is None:
            raise CliError(f"không có cơ quan mã {args.office} trên cổng")
        report = province_report(session, period, datetime.now(UTC), args.office)
    if out is None:
        print(
            f"Báo cáo tỉnh {period.name_vi} ({period.span_vi}) — Biểu 06/VPCP/KSTT, cột (3)–(13):"
        )
        print("  ".join(["Mã cơ quan", *[label for _, label in TABLE_COLUMNS]]))
        for s in (*report.offices, report.total):
            print("  ".join([s.key or "Tổng cộng", *[str(s.value(k)) for k, _ in TABLE_COLUMNS]]))
        return 0
    from desktop.documents.province_report import (
        render_province_report,
        write_province_workbook,
    )

    draw = render_province_report if args.format == "pdf" else write_province_workbook
    draw(period, report.made_at, report.offices, report.total, out)
    total = report.total
    print(f"Đã lập báo cáo tỉnh {period.name_vi}: {len(report.offices)} cơ quan, nhận "
          f"{total.value('received.total')}, đã giải quyết {total.value('resolved.total')} "
          f"(quá hạn {total.value('resolved.late')}), đang giải quyết "
          f"{total.value('in_progress.total')} → {args.out}")  # fmt: skip
    return 0


WORKER_DB_VARIABLE = "MOTCUA_PORTAL_WORKER_DB"


def portal_worker_app() -> Any:
    """The app of one of ``portal serve --workers``'s processes (the schema is already
    upgraded by the process that started them)."""
    from sync.portal.app import create_app
    from sync.portal.db import PortalDatabase

    return create_app(PortalDatabase(os.environ[WORKER_DB_VARIABLE]))


def _listen(host: str, port: int) -> socket.socket:
    """The portal's listening socket, bound here so that a port already in use or a host
    that is not this machine's is said in one line (uvicorn would log and exit)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
    except (socket.gaierror, UnicodeError):
        raise CliError(f"--host {host}: không tìm thấy địa chỉ này") from None
    listening = socket.socket(family, kind, proto)
    if sys.platform != "win32":  # on Windows the option lets a second server steal the port
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind(address)
    except OSError as exc:
        listening.close()
        if exc.errno in (errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", -1)):
            raise CliError(f"cổng {port} trên {host} đang được chương trình khác dùng; "
                           "hãy chọn --port khác") from None  # fmt: skip
        raise CliError(f"không mở được {host}:{port} ({exc.strerror or exc})") from None
    listening.set_inheritable(True)
    return listening


def _workers(text: str) -> int:
    try:
        workers = int(text)
    except ValueError:
        workers = 0
    if not 1 <= workers <= 64:
        raise argparse.ArgumentTypeError(f"số tiến trình phải từ 1 đến 64, không phải “{text}”")
    return workers


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"cổng phải là số từ 1 đến 65535, không phải {text!r}")
    return port


def cmd_print(args: argparse.Namespace) -> int:
    """In giấy tờ: a dossier's paper (by its kind's name, or by its form number in the
    dossier's form set), the fee receipt of a dossier (its latest one, or --receipt N),
    the tracking book or the shift handover."""
    from sqlalchemy import select

    from desktop.documents.receipt import print_receipt
    from desktop.services import papers
    from desktop.services.accounts import login
    from desktop.store.models import Dossier, Receipt

    _check_out(args.out)
    desk = open_desk(_store(args))
    try:
        officer = login(desk, args.user, _read_secret(f"Mật khẩu của {args.user}: "))
        kind = papers.kind_named(args.kind, papers.dossier_set(desk, officer, args.dossier)
                                 if args.dossier else None)  # fmt: skip
        if kind in (papers.REGISTER, papers.SHIFT):
            return _print_register(desk, officer, args, kind)
        if not args.dossier:
            raise CliError(f"in {args.kind} cần --dossier MÃ_HỒ_SƠ")
        if kind != papers.FEE_RECEIPT:
            paper = papers.act_paper(desk, officer, args.dossier, kind, args.form_set)
            papers.print_to_file(desk, paper, Path(args.out))
            print(f"Đã in {paper.title.lower()} (mẫu số {paper.form[1:]}, bộ mẫu "
                  f"{paper.form_set}) của hồ sơ {paper.dossier_code} → {args.out}")  # fmt: skip
            return 0
        with desk.store.read() as session:
            dossier = session.scalar(select(Dossier).where(Dossier.code == args.dossier))
            if dossier is None or dossier.office_code != officer.office_code:
                raise CliError(f"không có hồ sơ {args.dossier} của cơ quan")
            query = select(Receipt).where(Receipt.dossier_id == dossier.id)
            if args.receipt is not None:
                query = query.where(Receipt.number == args.receipt)
            receipt = session.scalars(query.order_by(Receipt.issued_at.desc())).first()
            if receipt is None:
                raise CliError(f"hồ sơ {args.dossier} chưa có biên lai thu phí, lệ phí")
        if args.thermal:  # ESC/POS bytes for an 80 mm printer, to its device or a file
            from desktop.documents.thermal import print_thermal

            document = print_thermal(desk, officer, receipt.id, Path(args.out))
        else:
            document = print_receipt(desk, officer, receipt.id, Path(args.out))
    finally:
        desk.store.close()
    copy = " (bản sao)" if document.copy else ""
    print(f"Đã in biên lai {document.series} số {document.number:07d}{copy} → {args.out}")
    return 0


def _print_register(desk: Desk, officer: Actor, args: argparse.Namespace, kind: str) -> int:
    """The tracking book for --from … --to …, or the officer's own shift handover for
    --date --session."""
    from desktop.services import papers

    def day(text: str | None, flag: str) -> date:
        if not text:
            raise CliError(f"in {args.kind} cần {flag} YYYY-MM-DD")
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise CliError(f"{flag}: “{text}” không phải ngày YYYY-MM-DD") from None

    if kind == papers.REGISTER:
        first, last = day(args.from_, "--from"), day(args.to, "--to")
        paper = papers.register_paper(desk, officer, first, last, args.form_set)
    else:
        paper = papers.shift_paper(desk, officer, day(args.date, "--date"), args.session)
    papers.print_to_file(desk, paper, Path(args.out))
    print(f"Đã in {paper.title.lower()} → {args.out}")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Báo cáo định kỳ (Đ15) of the supervisor's office for --period, as PDF or xlsx; with
    --sign, its figures are signed off (frozen) first."""
    from desktop.core.report_periods import PeriodRule, parse_period
    from desktop.services import reports
    from desktop.services.accounts import login

    parse_period(args.period)  # a bad period is refused before the password is asked
    out = _check_out(args.out)
    suffix = out.suffix.lower().lstrip(".")
    if suffix and suffix != args.format:
        raise CliError(f"--out {args.out} có đuôi .{suffix} nhưng --format là {args.format}")
    rule = PeriodRule(args.cutoff) if args.cutoff else None
    desk = open_desk(_store(args))
    try:
        supervisor = login(desk, args.user, _read_secret(f"Mật khẩu của {args.user}: "))
        if args.sign:
            report = reports.sign_report(desk, supervisor, args.period, rule)
        else:
            report = reports.periodic_report(desk, supervisor, args.period, rule, args.format)
        save = reports.save_pdf if args.format == "pdf" else reports.save_xlsx
        save(report, out)
    finally:
        desk.store.close()
    total = report.office
    print(f"Đã lập báo cáo {report.period.name_vi} ({report.period.span_vi}): nhận "
          f"{total.value('received.total')}, đã giải quyết {total.value('resolved.total')} "
          f"(quá hạn {total.value('resolved.late')}), đang giải quyết "
          f"{total.value('in_progress.total')} → {args.out}")  # fmt: skip
    if args.sign and report.signed is not None:
        print(f"Đã ký chốt số liệu ({report.signed.signed_by}).")
    elif report.signed is not None and report.changes:
        print(f"Số liệu khác với khi {report.signed.signed_by} ký chốt:")
        for change in report.changes:
            print(f"  - {change.label_vi()}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Xuất ra Excel: the queue (--search, or the filters --due / --procedure) or the
    deadline view (--department / --bucket) of the officer's office, audited."""
    from desktop.services import exports
    from desktop.services.accounts import login
    from desktop.services.deadlines import Bucket
    from desktop.services.queue import QueueFilter

    out = _check_out(args.out)
    if out.suffix.lower() != ".xlsx":
        raise CliError(f"--out {args.out}: tệp xuất phải có đuôi .xlsx")
    desk = open_desk(_store(args))
    try:
        officer = login(desk, args.user, _read_secret(f"Mật khẩu của {args.user}: "))
        try:
            if args.what == "queue":
                f = QueueFilter(procedure_code=args.procedure, due=args.due)
                count = exports.export_queue(desk, officer, out, f, search=args.search)
            else:
                bucket = Bucket(args.bucket) if args.bucket else None
                count = exports.export_deadlines(desk, officer, out, args.department, bucket)
        except exports.ExportError as exc:
            raise CliError(str(exc)) from None
    finally:
        desk.store.close()
    what = "hàng đợi" if args.what == "queue" else "theo dõi hạn"
    print(f"Đã xuất {count} hồ sơ ({what}) → {args.out}")
    return 0


def cmd_settings_documents(args: argparse.Namespace) -> int:
    """Địa danh, người ký và biểu tượng in trên giấy tờ (administrator only)."""
    from desktop.services.documents import set_document_settings

    signers = {}
    for pair in args.signer or []:
        kind, _, name = pair.partition("=")
        if not name.strip():
            raise CliError(f'--signer cần dạng LOẠI=HỌ TÊN, ví dụ M04="Nguyễn Văn A" ({pair})')
        kind = kind.strip()
        signers[kind.upper() if kind[:1] in "mM" and kind[1:].isdigit() else kind.lower()] = name
    desk, admin = _admin_desk(args)
    try:
        if admin is None:
            raise CliError("bàn chưa có tài khoản quản trị")
        after = set_document_settings(desk, admin, args.place, signers,
                                      Path(args.emblem) if args.emblem else None,
                                      args.phone, args.address)  # fmt: skip
    finally:
        desk.store.close()
    named = ", ".join(f"{k}: {v}" for k, v in sorted(after["signers"].items())) or "chưa có"
    emblem = "có" if after["emblem"] else "không"
    print(
        f"Địa danh: {after['place'] or '(theo địa chỉ cơ quan)'}; điện thoại: "
        f"{after['phone'] or 'chưa có'}; người ký: {named}; biểu tượng: {emblem}."
    )
    return 0


def cmd_settings_reappointment(args: argparse.Namespace) -> int:
    """Số lần hẹn lại tối đa và số ngày làm việc báo trước (administrator only)."""
    from desktop.services.dossiers import change_reappointment_rules

    desk, admin = _admin_desk(args)
    try:
        if admin is None:
            raise CliError("bàn chưa có tài khoản quản trị")
        rules = change_reappointment_rules(desk, admin, args.max, args.lead_days)
    finally:
        desk.store.close()
    print(
        f"Hẹn lại tối đa {rules.max_reappointments} lần; thư xin lỗi chậm nhất "
        f"{rules.min_lead_working_days} ngày làm việc trước ngày hẹn trả."
    )
    return 0


def cmd_settings_lock(args: argparse.Namespace) -> int:
    """Thời gian không thao tác trước khi bàn tự khoá (administrator only)."""
    from desktop.services.sessions import set_lock_minutes

    desk, admin = _admin_desk(args)
    try:
        if admin is None:
            raise CliError("bàn chưa có tài khoản quản trị")
        set_lock_minutes(desk, admin, args.minutes)
    finally:
        desk.store.close()
    print(f"Bàn tự khoá sau {args.minutes} phút không thao tác.")
    return 0


def cmd_verify_doc(args: argparse.Namespace) -> int:
    """Giấy tờ thật hay giả: the QR text, or a PDF the desk printed."""
    from desktop.services.document_keys import verify_text

    text = args.document
    if text.lower().endswith(".pdf") or Path(text).is_file():
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            metadata = PdfReader(text).metadata
        except (OSError, PdfReadError) as exc:
            raise CliError(f"không đọc được {text}: {exc}") from None
        text = str(metadata.get("/Keywords", "") if metadata else "")
        if not text:
            raise CliError("tệp PDF không mang mã xác thực của MotCua")
    desk = open_desk(_store(args))
    try:
        with desk.store.read() as session:
            verdict = verify_text(session, text)
    finally:
        desk.store.close()
    print(verdict.message, file=sys.stdout if verdict.valid else sys.stderr)
    return 0 if verdict.valid else EXIT_FAILED


def _read_ca_file(path: Path) -> str:
    """The province's certificate authority, as PEM text: kept in the desk's settings, so
    moving or deleting the file later changes nothing."""
    from desktop.services.options import read_ca_pem

    try:
        return read_ca_pem(path)
    except DomainError as exc:
        raise CliError(str(exc).rstrip(".")) from None


def cmd_enrol(args: argparse.Namespace) -> int:
    from sync.client.engine import enrol_desk
    from sync.client.transport import PortalRefused, PortalUnreachable, check_portal_url

    check_portal_url(args.portal, args.insecure_http)  # before a database file is made
    ca_pem = _read_ca_file(Path(args.ca_file)) if args.ca_file else None
    with _new_database(Path(args.db)):  # a portal that did not answer leaves no file behind
        store = _store(args, create=True, encrypt=True)
        try:
            reply = enrol_desk(store, args.portal, args.code, args.name,
                               insecure_http=args.insecure_http, ca_pem=ca_pem)  # fmt: skip
        except (PortalRefused, PortalUnreachable) as exc:
            raise CliError(str(exc)) from None
        finally:
            store.close()
    print(f"Đã ghi danh bàn {reply.desk_id} cho {reply.office.name} ({reply.office.code}).")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    import time

    from sync.client.engine import SyncEngine
    from sync.client.transport import PortalRefused, PortalUnreachable

    desk = open_desk(_store(args))

    def progress(step: str, done: int, total: int) -> None:
        if not args.quiet:
            print(f"  {step}: {done}" + (f"/{total}" if total else ""), file=sys.stderr)

    rounds = 0
    try:
        while True:
            engine = SyncEngine(desk, progress=progress)
            try:
                report = engine.sync_once()
                print(report.summary_vi())
                if report.audit_problem:  # the portal recorded it; the one running this sees it
                    print(f"motcua: cảnh báo: {report.audit_problem}", file=sys.stderr)
                # Watching, the desk also reconciles now and then: drift that no change in
                # the feed would show (a bug, a restored backup) is caught within the hour.
                if args.reconcile or (args.watch and rounds % args.reconcile_every == 0):
                    print(engine.reconcile().summary_vi())
            except PortalUnreachable as exc:
                if not args.watch:
                    raise
                # A commune's link drops for hours: keep watching, nothing is lost locally.
                print(f"motcua: {exc}; thử lại sau {args.interval:.0f} giây.", file=sys.stderr)
            if not args.watch:
                return 0
            rounds += 1
            time.sleep(args.interval)
    except (PortalRefused, PortalUnreachable) as exc:  # 401/403/4xx are never retried in a loop
        raise CliError(str(exc)) from None
    finally:
        desk.store.close()


# --- parser ------------------------------------------------------------------------------------


def build_parser(prog: str = "motcua") -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--db",
        default=None,
        metavar="PATH",
        help=f"cơ sở dữ liệu của bàn (mặc định {default_database()})",
    )
    admin = _Parser(add_help=False)
    admin.add_argument("--admin", metavar="TÊN", help="tài khoản quản trị thực hiện thao tác")

    parser = _Parser(prog=prog, description="MotCua Desk — dòng lệnh quản trị.")
    parser.add_argument("--version", action="version", version=f"%(prog)s {desktop.__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    db = sub.add_parser("db", help="cơ sở dữ liệu").add_subparsers(dest="db_command", required=True)
    db.add_parser("upgrade", parents=[common], help="tạo hoặc nâng cấp lược đồ").set_defaults(
        func=cmd_db_upgrade
    )
    db.add_parser(
        "encrypt", parents=[common], help="mã hoá cơ sở dữ liệu chưa mã hoá (SQLCipher)"
    ).set_defaults(func=cmd_db_encrypt)

    demo = sub.add_parser("demo", parents=[common], help="tạo cơ sở dữ liệu mẫu")
    demo.add_argument("--count", type=int, default=540, help="số hồ sơ mẫu")
    demo.set_defaults(func=cmd_demo)

    due = sub.add_parser("due-date", parents=[common], help="tính ngày hẹn trả kết quả")
    due.add_argument("--received", required=True, help="thời điểm nhận, YYYY-MM-DDTHH:MM")
    amount = due.add_mutually_exclusive_group(required=True)
    amount.add_argument("--days", help="số ngày làm việc (có thể 0.5; 0 = trong ngày)")
    amount.add_argument("--hours", help="số giờ làm việc")
    amount.add_argument(
        "--procedure", metavar="MÃ", help="theo thời hạn của thủ tục trong danh mục"
    )
    due.add_argument("--cutoff", metavar="HH:MM",
                     help="với --days 0: giờ chốt nhận trong ngày (mặc định 15:00)")  # fmt: skip
    due.add_argument("--detail", action="store_true", help="in cả buổi và giờ hết hạn")
    due.set_defaults(func=cmd_due_date)

    audit = sub.add_parser("audit", help="nhật ký kiểm tra").add_subparsers(
        dest="audit_command", required=True
    )
    audit_verify = audit.add_parser("verify", parents=[common], help="kiểm tra chuỗi băm")
    where = audit_verify.add_mutually_exclusive_group()
    where.add_argument("--portal", action="store_true",
                       help="bắt buộc so với mốc cổng đang giữ (mặc định: so khi ghi danh và "
                       "cổng trả lời trong vài giây)")  # fmt: skip
    where.add_argument(
        "--offline", action="store_true",
        help="không hỏi cổng; chỉ so với mốc đã neo ở lần đồng bộ trước",
    )  # fmt: skip
    audit_verify.set_defaults(func=cmd_audit_verify)

    user = sub.add_parser("user", help="tài khoản cán bộ").add_subparsers(
        dest="user_command", required=True
    )
    add = user.add_parser("add", parents=[common, admin], help="thêm tài khoản")
    add.add_argument("username")
    add.add_argument("--name", required=True, help="họ và tên")
    add.add_argument("--role", choices=[r.value for r in Role], default=Role.OFFICER.value)
    add.set_defaults(func=cmd_user_add)
    passwd = user.add_parser("passwd", parents=[common, admin], help="đặt lại mật khẩu")
    passwd.add_argument("username")
    passwd.set_defaults(func=cmd_user_passwd)
    for name, locked in (("lock", True), ("unlock", False)):
        p = user.add_parser(name, parents=[common, admin], help="khoá / mở khoá tài khoản")
        p.add_argument("username")
        p.set_defaults(func=_cmd_set_locked(locked))

    print_ = sub.add_parser("print", parents=[common], help="in giấy tờ ra tệp PDF")
    print_.add_argument(
        "kind",
        metavar="LOẠI",
        help="tên loại giấy tờ: tiep-nhan, bo-sung, tu-choi, xin-loi, dung, kiem-soat, "
        "so-theo-doi (--from, --to), bien-lai (= receipt), giao-ca (= handover: --date, "
        "--session); hoặc số mẫu m01…m07: số đó trong bộ mẫu của hồ sơ (2018: hồ sơ tiếp "
        "nhận trước 01/7/2025, m05 là phiếu kiểm soát; 2025: m05 là thông báo dừng, m06 "
        "phiếu kiểm soát); không có --dossier, m06/m07 là sổ theo dõi",
    )
    print_.add_argument("--dossier", metavar="MÃ", help="mã hồ sơ (giấy tờ của một hồ sơ)")
    print_.add_argument("--from", dest="from_", metavar="YYYY-MM-DD", help="sổ: từ ngày")
    print_.add_argument("--to", metavar="YYYY-MM-DD", help="sổ: đến ngày")
    print_.add_argument("--form-set", choices=["2018", "2025"], default=None,
                        help="in theo bộ mẫu này thay cho bộ mẫu của ngày tiếp nhận")  # fmt: skip
    print_.add_argument("--date", metavar="YYYY-MM-DD", help="handover: ngày của ca")
    print_.add_argument("--session", choices=["morning", "afternoon"], default="morning",
                        help="handover: ca sáng hoặc chiều")  # fmt: skip
    print_.add_argument(
        "--receipt", type=int, metavar="SỐ", help="số biên lai (mặc định: mới nhất)"
    )
    print_.add_argument("--out", required=True, metavar="TỆP.pdf")
    print_.add_argument("--thermal", action="store_true",
                        help="receipt: bản in nhiệt 80 mm (ESC/POS) ghi ra --out, ví dụ "
                        "/dev/usb/lp0")  # fmt: skip
    print_.add_argument(
        "--user", required=True, metavar="TÊN", help="cán bộ in (mật khẩu sẽ được hỏi)"
    )
    print_.set_defaults(func=cmd_print)
    report = sub.add_parser("report", parents=[common],
                            help="báo cáo định kỳ (Đ15) ra tệp PDF hoặc xlsx")  # fmt: skip
    report.add_argument("--period", required=True, metavar="KỲ",
                        help="2026-11 (tháng), 2026-Q4 (quý) hoặc 2026 (năm)")  # fmt: skip
    report.add_argument("--format", required=True, choices=["pdf", "xlsx"])
    report.add_argument("--out", required=True, metavar="TỆP")
    report.add_argument("--user", required=True, metavar="TÊN",
                        help="lãnh đạo bộ phận (mật khẩu sẽ được hỏi)")  # fmt: skip
    report.add_argument("--sign", action="store_true", help="ký chốt số liệu của kỳ")
    report.add_argument("--cutoff", choices=["15-14", "calendar"], default=None,
                        help="cách chốt kỳ: 15-14 (từ ngày 15 đến ngày 14, NĐ 09/2019) hoặc "
                        "calendar (tháng dương lịch); mặc định theo cài đặt của bàn")  # fmt: skip
    report.set_defaults(func=cmd_report)
    export = sub.add_parser("export", parents=[common],  # xuất hàng đợi hoặc theo dõi hạn
                            help="xuất ra tệp Excel (.xlsx)")  # fmt: skip
    export.add_argument("what", choices=["queue", "deadlines"],
                        help="queue: hàng đợi; deadlines: theo dõi hạn")  # fmt: skip
    export.add_argument("--out", required=True, metavar="TỆP.xlsx")
    export.add_argument("--user", required=True, metavar="TÊN",
                        help="cán bộ xuất (mật khẩu sẽ được hỏi)")  # fmt: skip
    export.add_argument("--search", default=None, metavar="CHỮ",
                        help="queue: tìm trong mọi hồ sơ (như ô tìm kiếm)")  # fmt: skip
    export.add_argument("--due", choices=["overdue", "today", "week"], default=None,
                        help="queue: quá hạn, đến hạn hôm nay, trong tuần")  # fmt: skip
    export.add_argument("--procedure", default=None, metavar="MÃ", help="queue: mã thủ tục")
    export.add_argument("--department", default=None, metavar="PHÒNG",
                        help="deadlines: nơi đang giữ hồ sơ")  # fmt: skip
    export.add_argument("--bucket", default=None,
                        choices=["overdue", "today", "soon", "later", "paused"],
                        help="deadlines: nhóm hạn")  # fmt: skip
    export.set_defaults(func=cmd_export)
    verify = sub.add_parser("verify-doc", parents=[common], help="kiểm tra giấy tờ thật / giả")
    verify.add_argument("document", metavar="QR_HOẶC_TỆP.pdf", help="nội dung mã QR hoặc tệp PDF")
    verify.set_defaults(func=cmd_verify_doc)

    settings = sub.add_parser("settings", help="cài đặt của bàn").add_subparsers(
        dest="settings_command", required=True
    )
    documents = settings.add_parser("documents", parents=[common, admin],
                                    help="địa danh, người ký, biểu tượng trên giấy tờ")  # fmt: skip
    documents.add_argument("--place", help="địa danh ở dòng ngày tháng, ví dụ “Tam Đường”")
    documents.add_argument("--signer", action="append", metavar="LOẠI=HỌ TÊN",
                           help="người ký một loại giấy tờ, ví dụ xin-loi=Nguyễn Văn A "
                           "(hoặc M04=…)")  # fmt: skip
    documents.add_argument("--phone", help="số điện thoại của bộ phận, in trên giấy tờ")
    documents.add_argument("--address", help="địa chỉ của bộ phận (mặc định: của cơ quan)")
    documents.add_argument("--emblem", metavar="ẢNH.png", help="biểu tượng của cơ quan")
    documents.set_defaults(func=cmd_settings_documents)
    lock = settings.add_parser("lock", parents=[common, admin],
                               help="thời gian không thao tác trước khi bàn tự khoá")  # fmt: skip
    lock.add_argument("--minutes", type=int, required=True, help="số phút, từ 1 đến 240")
    lock.set_defaults(func=cmd_settings_lock)
    again = settings.add_parser(
        "reappointment", parents=[common, admin],
        help="hẹn lại: số lần tối đa, số ngày làm việc báo trước (mặc định theo NĐ 61/2018: "
             "1 lần, 1 ngày — kiểm tra NĐ 118/2025)")  # fmt: skip
    again.add_argument("--max", type=int, required=True, help="số lần hẹn lại tối đa (0–10)")
    again.add_argument("--lead-days", type=int, required=True,
                       help="số ngày làm việc tối thiểu trước ngày hẹn trả (0–30)")  # fmt: skip
    again.set_defaults(func=cmd_settings_reappointment)

    calendar = sub.add_parser("calendar", help="lịch làm việc của bàn").add_subparsers(
        dest="calendar_command", required=True
    )
    override = calendar.add_parser(
        "override", parents=[common, admin], help="ngày nghỉ / làm riêng của bàn (ghi nhật ký)"
    )
    override.add_argument("date", metavar="YYYY-MM-DD")
    override.add_argument("kind", metavar="nghỉ|làm")
    override.add_argument("--note", required=True, help="lý do và văn bản")
    override.set_defaults(func=cmd_calendar_override)

    enrol = sub.add_parser("enrol", parents=[common], help="ghi danh bàn với cổng")
    enrol.add_argument("--portal", required=True, help="địa chỉ cổng, ví dụ http://127.0.0.1:8080")
    enrol.add_argument("--code", required=True, help="mã ghi danh một lần")
    enrol.add_argument("--name", default="", help="tên bàn (ví dụ Bàn 1)")
    enrol.add_argument("--ca-file", metavar="TỆP.pem",
                       help="chứng chỉ gốc (CA) của tỉnh để xác minh cổng https; được chép vào "
                       "cài đặt của bàn")  # fmt: skip
    enrol.add_argument(
        "--insecure-http", action="store_true",
        help="cho phép http:// không mã hoá tới máy khác (mã xác thực và dữ liệu cá nhân đi "
        "qua mạng ở dạng đọc được); ghi nhớ cho mọi lần đồng bộ",
    )  # fmt: skip
    enrol.set_defaults(func=cmd_enrol)
    sync = sub.add_parser("sync", parents=[common], help="đồng bộ với cổng")
    mode = sync.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true", help="một lần rồi thôi (mặc định)")
    mode.add_argument("--watch", action="store_true", help="lặp lại mỗi --interval giây")
    sync.add_argument("--interval", type=float, default=300.0)
    sync.add_argument("--quiet", action="store_true", help="không in tiến độ")
    sync.add_argument("--reconcile", action="store_true", help="đối soát với cổng sau khi đồng bộ")
    sync.add_argument(
        "--reconcile-every",
        type=int,
        default=12,
        metavar="N",
        help="khi --watch: đối soát sau mỗi N lần đồng bộ (mặc định 12)",
    )
    sync.set_defaults(func=cmd_sync)

    _add_backup_commands(sub, common)
    _add_scans_commands(sub, common)

    portal_db = _Parser(add_help=False)
    portal_db.add_argument(
        "--db",
        dest="portal_db",
        default="sqlite:///portal.db",
        help="URL hoặc tệp SQLite, ví dụ postgresql+psycopg://…",
    )
    portal_parser = sub.add_parser("portal", help="cổng tham chiếu (cần motcua-desk[portal])")
    portal_parser.add_argument(  # `motcua-portal --version` lands here
        "--version", action="version", version=f"{prog} {desktop.__version__}"
    )
    portal = portal_parser.add_subparsers(dest="portal_command", required=True)
    serve = portal.add_parser("serve", parents=[portal_db], help="chạy cổng (HTTP hoặc HTTPS)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=_port, default=8080, help="từ 1 đến 65535")
    serve.add_argument("--ssl-certfile", metavar="TỆP.pem", help="chứng chỉ của cổng: HTTPS")
    serve.add_argument("--ssl-keyfile", metavar="TỆP.pem", help="khoá riêng của chứng chỉ")
    serve.add_argument("--log-level", default="warning")
    serve.add_argument(
        "--workers",
        type=_workers,
        default=1,
        metavar="SỐ",
        help="số tiến trình cùng nghe một cổng (từ 1 đến 64; nên dùng PostgreSQL)",
    )
    serve.set_defaults(func=cmd_portal_serve)
    portal.add_parser("init-demo", parents=[portal_db], help="tạo cổng mẫu").set_defaults(
        func=cmd_portal_init_demo
    )
    submit = portal.add_parser("submit-demo", parents=[portal_db], help="công dân nộp hồ sơ mẫu")
    submit.add_argument("--count", type=int, default=100)
    submit.add_argument("--office", default=None)
    submit.add_argument("--seed", type=int, default=None)
    submit.set_defaults(func=cmd_portal_submit_demo)
    enrol_desk = portal.add_parser("enrol-desk", parents=[portal_db], help="cấp mã ghi danh bàn")
    enrol_desk.add_argument("--office", required=True)
    enrol_desk.set_defaults(func=cmd_portal_enrol_desk)
    revoke = portal.add_parser("revoke-desk", parents=[portal_db], help="thu hồi quyền của bàn")
    revoke.add_argument("desk_id")
    revoke.set_defaults(func=cmd_portal_revoke_desk)
    province = portal.add_parser(
        "report", parents=[portal_db], help="báo cáo của tỉnh theo Biểu 06 (các cơ quan, tổng)"
    )
    province.add_argument("--period", required=True, metavar="KỲ",
                          help="2026-11 (tháng), 2026-Q4 (quý) hoặc 2026 (năm)")  # fmt: skip
    province.add_argument("--office", default=None, metavar="MÃ_CQ", help="chỉ một cơ quan")
    province.add_argument("--format", choices=["text", "pdf", "xlsx"], default="text")
    province.add_argument("--out", metavar="TỆP", help="tệp PDF hoặc xlsx")
    province.add_argument("--cutoff", choices=["15-14", "calendar"], default="15-14",
                          help="cách chốt kỳ: 15-14 (NĐ 09/2019) hoặc calendar")  # fmt: skip
    province.set_defaults(func=cmd_portal_report)
    cal = portal.add_parser("calendar", help="lịch làm việc của tỉnh (ngày nghỉ, làm bù, giờ)")
    cal_sub = cal.add_subparsers(dest="calendar_command", required=True)
    load = cal_sub.add_parser("load", parents=[portal_db], help="nạp lịch từ tệp")
    load.add_argument("--file", required=True, metavar="TỆP",
                      help="tệp lịch, như desktop/resources/calendar/…")  # fmt: skip
    load.set_defaults(func=cmd_portal_calendar_load)
    show = cal_sub.add_parser("show", parents=[portal_db], help="xem lịch")
    show.add_argument("--year", type=int, help="chỉ một năm")
    show.set_defaults(func=cmd_portal_calendar_show)
    set_day = cal_sub.add_parser("set", parents=[portal_db], help="đặt một ngày nghỉ / làm bù")
    set_day.add_argument("date", metavar="YYYY-MM-DD")
    set_day.add_argument("kind", metavar="nghỉ|làm")
    set_day.add_argument("--note", required=True, help="lý do, ví dụ “Nghỉ bù Tết Dương lịch”")
    set_day.add_argument("--source", default="", help="văn bản, ví dụ “12729/VPCP-KGVX”")
    set_day.set_defaults(func=cmd_portal_calendar_set)
    hours = cal_sub.add_parser("hours", parents=[portal_db], help="giờ làm việc của cơ quan")
    hours.add_argument("--office", required=True, metavar="MÃ_CQ")
    hours.add_argument("--morning", required=True, metavar="HH:MM-HH:MM")
    hours.add_argument("--afternoon", required=True, metavar="HH:MM-HH:MM")
    hours.set_defaults(func=cmd_portal_calendar_hours)
    return parser


# --- backup, restore, doctor ----------------------------------------------------------------


def cmd_backup(args: argparse.Namespace) -> int:
    from desktop.services.backup import create_backup

    out = _check_out(args.out)
    desk = open_desk(_store(args))
    try:
        report = create_backup(desk, out)
    finally:
        desk.store.close()
    m = report.manifest
    print(f"Đã sao lưu bàn {m.desk_id} ({m.office_code}) vào {out}:")
    print(f"  {m.counts.get('dossiers', 0)} hồ sơ, {m.counts.get('acts', 0)} thao tác, "
          f"nhật ký đến mục #{m.audit_seq}, {len(m.scans)} tệp đính kèm; lược đồ "
          f"{m.schema_revision}.")  # fmt: skip
    print(f"  SHA-256 của cơ sở dữ liệu: {m.database_sha256}")
    if report.skipped_scans:
        print(f"motcua: cảnh báo: {report.skipped_scans} tệp đính kèm trên máy đã bị thay đổi, "
              "không đưa vào bản sao lưu (sẽ tải lại từ cổng).", file=sys.stderr)  # fmt: skip
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from desktop.services.backup import reconcile_after_restore, restore_backup

    database = Path(args.db)
    report = restore_backup(Path(args.backup), database, foreign_ok=args.foreign_ok,
                            replace_newer=args.replace_newer)  # fmt: skip
    m = report.manifest
    print(f"Đã khôi phục bàn {m.desk_id} ({m.office_code}) từ bản sao lưu lúc {m.created_at} "
          f"vào {database}: {m.counts.get('dossiers', 0)} hồ sơ, nhật ký đến mục "
          f"#{m.audit_seq}, {report.scans_restored} tệp đính kèm chép lại.")  # fmt: skip
    if report.replaced is not None:
        state = "bị hỏng, " if report.replaced_damaged else ""
        print(f"  Cơ sở dữ liệu cũ ({state}giữ lại): {report.replaced}")
    for block in report.retired_numbers:
        print(f"  Bỏ không dùng số biên lai {block['series']} {block['first']}–{block['last']} "
              "(có thể đã dùng sau bản sao lưu; cổng sẽ cấp dải mới).")  # fmt: skip
    if not m.enrolled or args.offline:
        if m.enrolled:
            print("  Chưa đồng bộ (--offline): lần đồng bộ sau sẽ tải lại các thao tác làm "
                  "sau bản sao lưu.")  # fmt: skip
        return 0
    desk = open_desk(_store(args))
    try:
        reconcile_after_restore(desk, lambda line: print(f"  {line}"))
    finally:
        desk.store.close()
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    from desktop.services.doctor import FAILED, examine

    findings = examine(Path(args.db), full=args.full, ask_portal=not args.offline)
    for finding in findings:
        print(finding.line)
    return EXIT_FAILED if any(f.mark == FAILED for f in findings) else 0


def _add_backup_commands(sub: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
    backup = sub.add_parser(
        "backup", parents=[common], help="sao lưu bàn (dữ liệu và tệp đính kèm) khi bàn đang chạy"
    )
    backup.add_argument("--out", required=True, metavar="TỆP.zip", help="tệp sao lưu sẽ ghi")
    backup.set_defaults(func=cmd_backup)
    restore = sub.add_parser(
        "restore", parents=[common], help="khôi phục bàn từ bản sao lưu rồi đồng bộ với cổng"
    )
    restore.add_argument("backup", metavar="TỆP.zip", help="tệp sao lưu")
    restore.add_argument("--foreign-ok", action="store_true",
                         help="cho phép khôi phục bản sao lưu của bàn khác (chuyển sang máy "
                         "mới khi máy cũ đã ngừng dùng hẳn)")  # fmt: skip
    restore.add_argument("--replace-newer", action="store_true",
                         help="thay cả cơ sở dữ liệu có thao tác mới hơn bản sao lưu (tệp cũ "
                         "được giữ lại bên cạnh)")  # fmt: skip
    restore.add_argument("--offline", action="store_true",
                         help="không đồng bộ với cổng sau khi khôi phục")  # fmt: skip
    restore.set_defaults(func=cmd_restore)
    doctor = sub.add_parser("doctor", parents=[common], help="khám dữ liệu và tình trạng của bàn")
    doctor.add_argument("--full", action="store_true",
                        help="integrity_check đầy đủ (chậm hơn quick_check)")  # fmt: skip
    doctor.add_argument("--offline", action="store_true", help="không hỏi giờ của cổng")
    doctor.set_defaults(func=cmd_doctor)


# --- scans kept on the desk ----------------------------------------------------------------


def cmd_scans_purge(args: argparse.Namespace) -> int:
    from desktop.services.retention import purge_scans

    desk = open_desk(_store(args))
    try:
        if not args.admin:
            raise CliError("cần --user TÊN_QUẢN_TRỊ (mật khẩu sẽ được hỏi)")
        admin = authenticate_admin(desk, args.admin, _read_secret(f"Mật khẩu của {args.admin}: "))
        report = purge_scans(desk, admin, dry_run=args.dry_run)
    finally:
        desk.store.close()
    if report.months == 0:
        print("Cài đặt lưu bản quét là 0 tháng (giữ mãi): không xoá gì.")
        return 0
    verb = "Sẽ xoá" if report.dry_run else "Đã xoá"
    for d in report.dossiers:
        print(f"  {d.code}: {len(d.files)} tệp, {d.bytes:,} byte (trả kết quả "
              f"{d.returned_at:%d/%m/%Y}; giữ lại {d.kept} tệp).")  # fmt: skip
    cutoff = f"{report.cutoff:%d/%m/%Y}" if report.cutoff else ""
    print(f"{verb} {report.files} tệp ({report.bytes:,} byte) của {len(report.dossiers)} hồ sơ "
          f"đã trả kết quả trước {cutoff} (quá {report.months} tháng).")  # fmt: skip
    if report.waiting:
        print(f"  Giữ nguyên {report.waiting} hồ sơ còn thao tác chưa được cổng xác nhận.")
    return 0


def _add_scans_commands(sub: argparse._SubParsersAction[_Parser], common: _Parser) -> None:
    scans = sub.add_parser("scans", help="bản quét lưu trên máy").add_subparsers(
        dest="scans_command", required=True)  # fmt: skip
    purge = scans.add_parser(
        "purge", parents=[common],
        help="xoá khỏi máy bản quét của hồ sơ đã trả kết quả quá số tháng đã đặt (cổng vẫn giữ)",
    )  # fmt: skip
    purge.add_argument("--user", "--admin", dest="admin", metavar="TÊN",
                       help="tài khoản quản trị thực hiện thao tác")  # fmt: skip
    purge.add_argument("--dry-run", action="store_true",
                       help="chỉ liệt kê những gì sẽ xoá, không xoá")  # fmt: skip
    purge.set_defaults(func=cmd_scans_purge)


def _crash_report(database: Path) -> Path:
    """The traceback in ``bao-cao-loi`` beside the database, readable by this user only
    (never the shared temporary folder, never through a link planted there)."""
    import platform

    text = (f"MotCua Desk {desktop.__version__} — motcua {' '.join(sys.argv[1:2])}\n"
            f"Python {platform.python_version()}; {platform.platform()}\n\n"
            f"{traceback.format_exc()}")  # fmt: skip
    stem = f"crash-{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}"
    return create_private(report_dir(database), stem, ".txt", text.encode("utf-8"))


def _disk_full(exc: BaseException) -> OSError | None:
    """The full disk behind ``exc`` (itself, or what it was raised from), if any."""
    seen: BaseException | None = exc
    for _ in range(20):  # a chain of causes, not a cycle
        if isinstance(seen, OSError) and is_disk_full(seen):
            return seen
        seen = seen.__cause__ if seen is not None else None
    return None


def _say(line: str) -> None:
    """One line on stderr (whatever the error carried, it stays one line), and in the log."""
    line = " ".join(line.split())
    print(line, file=sys.stderr)
    log.warning("%s", line.removeprefix("motcua: "))


def _missing_portal_package(exc: BaseException) -> str | None:
    """The portal package whose absence ``exc`` is (this desk was installed without the
    portal extra), or None."""
    if isinstance(exc, ModuleNotFoundError) and exc.name:
        if exc.name == "sync.portal" or exc.name.startswith("sync.portal."):
            return "sync.portal"  # the desk's bundle leaves the portal out altogether
        root = exc.name.partition(".")[0]
        return root if root in PORTAL_PACKAGES else None
    return None


# What an environment error on a named file means to the one who typed the command.
_FILE_ERRORS = {errno.EACCES: "không có quyền", errno.EPERM: "không có quyền",
                errno.EROFS: "ổ đĩa chỉ đọc", errno.ENOENT: "không có tệp hoặc thư mục",
                errno.ENOTDIR: "không phải thư mục", errno.EISDIR: "là một thư mục"}  # fmt: skip


def main(argv: Sequence[str] | None = None, prog: str = "motcua") -> int:
    utf8_console()  # before anything is printed, --help included
    previous = keep_private()  # the database, scans, log, reports, backups: 0600 / 0700
    try:
        return _main(argv, prog)
    finally:
        os.umask(previous)  # a caller in the same process (the tests) keeps its own


def _main(argv: Sequence[str] | None, prog: str) -> int:
    args = build_parser(prog).parse_args(argv)
    args.db_given = getattr(args, "db", None) is not None
    args.db = getattr(args, "db", None) or str(default_database())
    start_log(prog)
    try:
        return int(args.func(args))
    except (CliError, DomainError, StoreError) as exc:
        _say(f"motcua: lỗi: {exc}")
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        _say("motcua: đã dừng.")
        return 130
    except Exception as exc:
        full = _disk_full(exc)
        if full is not None:  # as the window says it (desktop/ui/errors.py DISK_FULL)
            where = f" {full.filename}" if full.filename else ""
            _say(f"motcua: lỗi: Ổ đĩa đã đầy: không ghi được{where}. Hãy giải phóng dung lượng "
                 "rồi thử lại; dữ liệu đã lưu không bị mất.")  # fmt: skip
            return EXIT_FAILED
        missing = _missing_portal_package(exc)
        if missing is not None:
            _say(f"motcua: lỗi: lệnh này thuộc cổng tham chiếu, cần gói {missing} chưa được "
                 'cài: pip install "motcua-desk[portal]"')  # fmt: skip
            return EXIT_BAD_INPUT
        if isinstance(exc, OSError) and exc.filename and exc.errno in _FILE_ERRORS:
            _say(f"motcua: lỗi: {exc.filename}: {_FILE_ERRORS[exc.errno]}")
            return EXIT_BAD_INPUT
        log.error("unexpected error in motcua %s", " ".join(sys.argv[1:2]), exc_info=True)
        try:  # a bug: keep the details, show one line
            saved = f"chi tiết: {_crash_report(Path(args.db))}"
        except OSError as failed:
            said = " ".join(str(exc).split())  # one line, whatever the error says
            saved = f"không lưu được báo cáo lỗi ({failed.strerror or failed}): {said}"
        _say(f"motcua: lỗi không mong đợi ({type(exc).__name__}); {saved}")
        return EXIT_BUG


if __name__ == "__main__":
    raise SystemExit(main())
