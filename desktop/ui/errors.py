"""Thông báo lỗi — what the officer is told when something outside the program fails.

Environment errors an officer can act on (disk full, database locked, portal unreachable,
certificate refused) and broken domain rules are explained in Vietnamese, with the English
after, saying what happened and what to do. Anything else is a bug: the crash handler saves
a report file for technical support and says where it is.
"""

from __future__ import annotations

import errno
import logging
import os
import platform
import sqlite3
import ssl
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any

import PySide6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTranslator, Signal, qVersion
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy.exc import DBAPIError

import desktop
from desktop.core.lifecycle import DomainError
from desktop.files import create_private
from desktop.paths import default_database, report_dir
from desktop.store.db import DatabaseCorrupt, StoreError, dbapi
from desktop.ui.i18n import QT_TRANSLATE_NOOP, translations_dir

CONTEXT = "errors"
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


@dataclass(frozen=True)
class Problem:
    title: str
    message: str


DISK_FULL = Problem(
    QT_TRANSLATE_NOOP("errors", "Ổ đĩa đã đầy"),
    QT_TRANSLATE_NOOP(
        "errors",
        "Ổ đĩa đã đầy: không ghi được dữ liệu. Hãy giải phóng dung lượng rồi thử lại; "
        "dữ liệu đã lưu không bị mất.",
    ),
)
DATABASE_LOCKED = Problem(
    QT_TRANSLATE_NOOP("errors", "Cơ sở dữ liệu đang bận"),
    QT_TRANSLATE_NOOP(
        "errors",
        "Cơ sở dữ liệu đang bị chương trình khác khoá (có thể là một cửa sổ MotCua Desk khác "
        "hoặc chương trình sao lưu). Hãy chờ một lát rồi thử lại; nếu vẫn lỗi, hãy đóng các "
        "cửa sổ MotCua Desk khác.",
    ),
)
PORTAL_UNREACHABLE = Problem(
    QT_TRANSLATE_NOOP("errors", "Không kết nối được cổng dịch vụ công"),
    QT_TRANSLATE_NOOP(
        "errors",
        "Không kết nối được cổng dịch vụ công (mạng bị ngắt hoặc cổng không trả lời). "
        "Dữ liệu trên máy này không bị mất; hãy kiểm tra kết nối mạng rồi đồng bộ lại sau.",
    ),
)
CERTIFICATE = Problem(
    QT_TRANSLATE_NOOP("errors", "Lỗi chứng chỉ bảo mật"),
    QT_TRANSLATE_NOOP(
        "errors",
        "Không xác minh được chứng chỉ bảo mật của cổng dịch vụ công nên không có dữ liệu nào "
        "được gửi đi. Hãy kiểm tra ngày giờ của máy tính; nếu ngày giờ đúng, hãy báo bộ phận "
        "kỹ thuật (mạng có thể đang chặn hoặc giả mạo kết nối).",
    ),
)
DATABASE_CORRUPT = Problem(
    QT_TRANSLATE_NOOP("errors", "Cơ sở dữ liệu bị hỏng"),
    QT_TRANSLATE_NOOP(
        "errors",
        "Cơ sở dữ liệu {path} bị hỏng ({problem}). Không dùng tiếp tệp này: hãy khôi phục "
        "bản sao lưu gần nhất, hoặc ghi danh lại bàn với cổng vào một tệp mới (motcua enrol) "
        "để tải lại hồ sơ từ cổng; giữ tệp hỏng cho bộ phận kỹ thuật.",
    ),
)
# Titles for errors whose message already speaks to the officer (Vietnamese, as is).
DOMAIN_TITLE = QT_TRANSLATE_NOOP("errors", "Không thực hiện được")
DATABASE_TITLE = QT_TRANSLATE_NOOP("errors", "Lỗi cơ sở dữ liệu")
REFUSED_TITLE = QT_TRANSLATE_NOOP("errors", "Cổng dịch vụ công từ chối yêu cầu")
REFUSED_ADVICE = QT_TRANSLATE_NOOP(
    "errors", "Hãy báo quản trị viên của bàn; dữ liệu trên máy này không bị mất."
)
UNEXPECTED_TITLE = QT_TRANSLATE_NOOP("errors", "Lỗi không mong muốn")
UNEXPECTED = QT_TRANSLATE_NOOP("errors", "Đã xảy ra lỗi không mong muốn: thao tác chưa hoàn tất.")
CRASH_SAVED = QT_TRANSLATE_NOOP(
    "errors",
    "Đã xảy ra lỗi không mong muốn. Báo cáo lỗi đã được lưu tại {path}; "
    "hãy gửi tệp này cho bộ phận kỹ thuật.",
)
CRASH_NOT_SAVED = QT_TRANSLATE_NOOP(
    "errors",
    "Đã xảy ra lỗi không mong muốn và không lưu được báo cáo lỗi ({reason}). "
    "Hãy chụp màn hình thông báo này cùng phần chi tiết và gửi cho bộ phận kỹ thuật.",
)


@cache
def _english() -> QTranslator:
    """The English catalogue, loaded but not installed: the second line of each message."""
    translator = QTranslator()
    path = translations_dir() / "motcua_en.qm"
    if path.is_file():
        translator.load(str(path))
    return translator  # empty when missing: messages are then Vietnamese only


def _text(source: str, **fields: object) -> str:
    """``source`` in the UI's language; when that is not English, the English line after."""
    shown = _fill(QCoreApplication.translate(CONTEXT, source), source, fields)
    english = _english().translate(CONTEXT, source)
    english = _fill(english, source, fields) if english else ""
    return f"{shown}\n\n{english}" if english and english != shown else shown


def _fill(text: str, source: str, fields: dict[str, object]) -> str:
    # A translation with a mistyped {placeholder} must not break the crash dialog itself.
    try:
        return text.format(**fields)
    except (KeyError, IndexError, ValueError):
        return source.format(**fields)


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """``exc`` and what it was explicitly raised from (``raise … from``). Only causes: an
    unrelated bug raised while handling a full disk must not pass for a full disk."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__


def _sqlite_says(exc: BaseException, text: str) -> bool:
    errors = (sqlite3.Error, dbapi.Error, DBAPIError)  # SQLCipher's errors are its own classes
    return isinstance(exc, errors) and text in str(exc).lower()


def _network() -> Any:
    """The network stack's modules, imported when an error is described rather than at
    start-up (requests and the portal client cost a fifth of a second to import)."""
    import requests

    from sync.client import transport

    return requests, transport


def _is_certificate(exc: BaseException) -> bool:
    requests, transport = _network()
    # The transport says so itself (and keeps the cause), rather than "cannot connect".
    if isinstance(exc, transport.PortalCertificateError | ssl.SSLCertVerificationError):
        return True
    return isinstance(exc, requests.exceptions.SSLError) and bool(
        transport.certificate_refused(exc)
    )


def _problem(exc: BaseException) -> Problem | None:
    if _is_certificate(exc):  # before the network: requests' SSLError is a ConnectionError
        return CERTIFICATE
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DISK_FULL
    if _sqlite_says(exc, "database or disk is full"):
        return DISK_FULL
    if _sqlite_says(exc, "database is locked"):
        return DATABASE_LOCKED
    requests, transport = _network()
    if isinstance(exc, requests.ConnectionError | requests.Timeout | transport.PortalUnreachable):
        return PORTAL_UNREACHABLE
    return None


def describe(exc: BaseException) -> tuple[str, str] | None:
    """(title, message) for an error the officer can act on; ``None`` for a bug."""
    if isinstance(exc, DomainError):
        return QCoreApplication.translate(CONTEXT, DOMAIN_TITLE), str(exc)
    chain = list(_causes(exc))
    for link in chain:  # the specific cause wins over a wrapper's general message
        problem = _problem(link)
        if problem is not None:
            return QCoreApplication.translate(CONTEXT, problem.title), _text(problem.message)
    for link in chain:
        if isinstance(link, DatabaseCorrupt):
            title = QCoreApplication.translate(CONTEXT, DATABASE_CORRUPT.title)
            return title, _text(DATABASE_CORRUPT.message, path=link.path, problem=link.problem)
        if isinstance(link, StoreError):  # missing, corrupt or newer database: said in full
            return QCoreApplication.translate(CONTEXT, DATABASE_TITLE), str(link)
        if isinstance(link, _network()[1].PortalRefused):
            title = QCoreApplication.translate(CONTEXT, REFUSED_TITLE)
            return title, f"{link}\n\n{_text(REFUSED_ADVICE)}"
    return None


# Boxes on screen. A box without a parent belongs to its Python object: were it dropped by
# a caller (or by the crash hook), the box would vanish the moment it opened.
_showing: set[QMessageBox] = set()


def _box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, message: str) -> QMessageBox:
    box = QMessageBox(icon, "MotCua Desk", title, QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText(message)
    # Messages quote the portal and the citizens' data (names, codes): never read as HTML.
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # paths, codes
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # one box per error, none kept
    return box


def _open(box: QMessageBox) -> QMessageBox:
    """Show ``box`` without blocking (window-modal), kept alive until it is closed."""
    _showing.add(box)
    box.finished.connect(lambda _result: _showing.discard(box))
    box.open()
    return box


def error_box(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """The message box for ``exc``, not shown yet (objectName ``error_dialog``)."""
    described = describe(exc)
    if described is None:  # a caller caught a bug: say so, with the error's own words
        title = QCoreApplication.translate(CONTEXT, UNEXPECTED_TITLE)
        described = title, f"{_text(UNEXPECTED)}\n\n{type(exc).__name__}: {exc}"
    box = _box(parent, QMessageBox.Icon.Warning, *described)
    box.setObjectName("error_dialog")
    return box


def show_error(parent: QWidget | None, exc: BaseException) -> QMessageBox:
    """Show ``exc`` to the officer without blocking (``open()``, window-modal); the box is
    returned so a caller or a test can wait on it, inspect it or close it."""
    return _open(error_box(parent, exc))


# --- crash reports ---------------------------------------------------------------------


def default_report_dir(database: Path | None = None) -> Path:
    """``bao-cao-loi`` in the desk's data folder, beside its database."""
    return report_dir(database or default_database())


def crash_report_text(info: ExcInfo, thread_name: str | None = None) -> str:
    """Versions, platform and traceback: nothing about the machine's user or the desk's
    data beyond what the traceback itself says."""
    now = datetime.now().astimezone()
    lines = [
        "MotCua Desk — báo cáo lỗi / crash report",
        f"Thời điểm / Time: {now.isoformat(timespec='seconds')}",
        f"Phiên bản / Version: {desktop.__version__}",
        f"Python: {platform.python_version()} ({platform.python_implementation()})",
        f"Qt: {qVersion()}; PySide6: {PySide6.__version__}",
        f"Hệ điều hành / Platform: {platform.platform()}",
        f"Luồng / Thread: {thread_name or threading.current_thread().name}",
        "",
        *traceback.format_exception(*info),
    ]
    return "\n".join(line.rstrip("\n") for line in lines) + "\n"


def write_crash_report(report_dir: Path, info: ExcInfo, thread_name: str | None = None) -> Path:
    """Save the report as ``crash-YYYYMMDD-HHMMSS-<pid>.txt``, readable by this user only;
    never over an earlier one, never through a link planted under its name."""
    text = crash_report_text(info, thread_name)
    stem = f"crash-{datetime.now():%Y%m%d-%H%M%S}-{os.getpid()}"
    saved = create_private(report_dir, stem, ".txt", text.encode("utf-8"))
    logging.getLogger("motcua.errors").error("crash report %s", saved, exc_info=info)
    return saved


def _crash_box(parent: QWidget | None, info: ExcInfo, report: Path | OSError) -> QMessageBox:
    if isinstance(report, Path):
        message = _text(CRASH_SAVED, path=report)
    else:
        message = _text(CRASH_NOT_SAVED, reason=report.strerror or report)
    title = QCoreApplication.translate(CONTEXT, UNEXPECTED_TITLE)
    box = _box(parent, QMessageBox.Icon.Critical, title, message)
    box.setObjectName("crash_dialog")
    box.setDetailedText("".join(traceback.format_exception(*info)))
    return box


def _prepare(
    info: ExcInfo, report_dir: Path, thread_name: str | None = None
) -> Callable[[QWidget | None], QMessageBox]:
    """Everything that may run on any thread (the report file); returns the box maker,
    which must run on the GUI thread."""
    if describe(info[1]) is not None:  # the environment or a rule: told, not a crash
        return lambda parent: error_box(parent, info[1])
    try:
        report: Path | OSError = write_crash_report(report_dir, info, thread_name)
    except OSError as exc:  # e.g. the disk is full: the dialog carries the traceback
        report = exc
    return lambda parent: _crash_box(parent, info, report)


def handle_exception(
    exc_type: type[BaseException],
    exc: BaseException,
    tb: TracebackType | None,
    report_dir: Path,
    parent: QWidget | None = None,
) -> QMessageBox | None:
    """What the crash handler does, on the calling (GUI) thread: an environment or domain
    error is shown; anything else is saved as a crash report and its dialog shown. The box
    is opened (not exec'd) and returned; ``None`` when there is no QApplication to show it."""
    make_box = _prepare((exc_type, exc, tb), report_dir)
    if QApplication.instance() is None:
        return None
    return _open(make_box(parent))


class _GuiThread(QObject):
    """Runs callables on the thread that created it (the GUI thread): a signal emitted from
    a worker thread is queued; from the GUI thread itself it is called at once."""

    call = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.call.connect(self._run)

    def _run(self, fn: Callable[[], None]) -> None:
        fn()


@dataclass(frozen=True)
class PreviousHooks:
    excepthook: Callable[[type[BaseException], BaseException, TracebackType | None], Any]
    threading_excepthook: Callable[[threading.ExceptHookArgs], Any]

    def restore(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = self.threading_excepthook


def install_crash_handler(
    report_dir: Path,
    parent_getter: Callable[[], QWidget | None] = lambda: None,
    *,
    wait_outside_loop: bool = True,
) -> PreviousHooks:
    """Route uncaught exceptions (GUI thread, Qt slots, worker threads) to the officer:
    call after the QApplication exists. Returns the hooks it replaced.

    ``wait_outside_loop``: when no event loop runs (an error escaping ``main``), the dialog
    is exec'd so the officer sees it before the program ends; tests pass False.
    """
    gui = _GuiThread()
    previous = PreviousHooks(sys.excepthook, threading.excepthook)

    def present(make_box: Callable[[QWidget | None], QMessageBox]) -> None:
        if QApplication.instance() is None:
            return
        box = make_box(parent_getter())
        if wait_outside_loop and QThread.currentThread().loopLevel() == 0:
            box.exec()
        else:
            _open(box)

    def report(info: ExcInfo, thread_name: str | None) -> None:
        if issubclass(info[0], KeyboardInterrupt):  # Ctrl+C in a terminal is no crash
            sys.__excepthook__(*info)
            return
        if sys.stderr is not None:  # none in a windowed build; developers read it here
            traceback.print_exception(*info, file=sys.stderr)
        make_box = _prepare(info, report_dir, thread_name)
        gui.call.emit(lambda: present(make_box))

    def excepthook(
        exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        report((exc_type, exc, tb), None)

    def threading_excepthook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return  # a thread ending with SystemExit is no error (as in Python's own hook)
        thread = args.thread.name if args.thread is not None else None
        report((args.exc_type, args.exc_value, args.exc_traceback), thread)

    sys.excepthook = excepthook
    threading.excepthook = threading_excepthook
    return previous
