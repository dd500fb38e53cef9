"""Khám bàn — ``motcua doctor``: is this desk's data whole, and can it go on working?

Each check gives one line: ✓ when it is as it should be, ✗ when someone must act, – when
it could not be made (an offline portal is normal at a desk, not a fault). The checks read
and never write, so the doctor may run while the desk works. A desk whose data is not
encrypted at rest (or only under the demo's published passphrase) is a ✗: a stolen PC
would then be a reportable breach of citizens' personal data.
"""

from __future__ import annotations

import os
import shutil
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from desktop.services.audit import verify_audit
from desktop.services.settings import get_setting
from desktop.store.db import (
    DatabaseCorrupt,
    Store,
    StoreError,
    check_integrity,
    connect,
    database_files,
    dbapi,
    inspect_revision,
    is_encrypted,
    known_revisions,
    open_store,
)
from desktop.store.keys import key_file, read_record
from desktop.store.models import OutboxEvent, SyncConflict

OK, FAILED, SKIPPED = "✓", "✗", "–"
MIN_FREE_BYTES = 500 * 1024 * 1024  # below this a day of scans and a backup may not fit
MAX_SKEW_SECONDS = 120  # due dates, receipts and the audit log carry the desk's time
PORTAL_TIMEOUT = (3.0, 5.0)


@dataclass(frozen=True)
class Finding:
    mark: str
    text: str

    @property
    def line(self) -> str:
        return f"{self.mark} {self.text}"


def _integrity(path: Path, full: bool) -> Finding:
    what = "integrity_check" if full else "quick_check"
    if not full:
        try:
            check_integrity(path)
        except DatabaseCorrupt as exc:
            return Finding(FAILED, f"Cơ sở dữ liệu hỏng ({what}: {exc.problem}).")
        except StoreError as exc:
            return Finding(FAILED, f"Không đọc được cơ sở dữ liệu: {exc}")
        return Finding(OK, f"Cơ sở dữ liệu nguyên vẹn ({what}).")
    try:
        con = connect(path, read_only=True)
        try:
            rows = con.execute("PRAGMA integrity_check").fetchall()
        finally:
            con.close()
    except StoreError as exc:  # its key could not be had
        return Finding(FAILED, f"Không đọc được cơ sở dữ liệu: {exc}")
    except dbapi.DatabaseError as exc:
        return Finding(FAILED, f"Cơ sở dữ liệu hỏng ({what}: {exc}).")
    if rows != [("ok",)]:
        first = " ".join(str(rows[0][0]).split())[:200] if rows else "?"
        return Finding(FAILED, f"Cơ sở dữ liệu hỏng ({what}: {first}; {len(rows)} lỗi).")
    return Finding(OK, f"Cơ sở dữ liệu nguyên vẹn ({what}).")


def _schema(path: Path) -> Finding:
    try:
        revision = inspect_revision(path)
    except StoreError as exc:
        return Finding(FAILED, f"Không đọc được lược đồ: {exc}")
    if revision is not None and revision not in known_revisions():
        return Finding(FAILED, f"Lược đồ {revision} mới hơn phiên bản này: hãy cập nhật.")
    return Finding(OK, f"Lược đồ {revision or 'trống'}.")


def _audit(store: Store) -> Finding:
    report = verify_audit(store)  # against the anchor kept at the last sync; no network
    if report.ok:
        return Finding(OK, f"Nhật ký kiểm tra toàn vẹn: {report.entries} mục.")
    problem = (f"mục #{report.first_broken} — {report.problem}"
               if report.first_broken is not None else "; ".join(report.problems))  # fmt: skip
    return Finding(FAILED, f"Nhật ký kiểm tra KHÔNG toàn vẹn: {problem}.")


def _outbox(store: Store, now: datetime) -> Finding:
    with store.read() as session:
        counts: dict[str, int] = {
            status: n
            for status, n in session.execute(
                select(OutboxEvent.status, func.count()).group_by(OutboxEvent.status)
            )
        }
        oldest = session.scalar(
            select(func.min(OutboxEvent.created_at)).where(OutboxEvent.status == "pending")
        )
        open_conflicts = session.scalar(
            select(func.count()).select_from(SyncConflict).where(SyncConflict.resolved_at.is_(None))
        )
    pending, rejected = counts.get("pending", 0), counts.get("rejected", 0)
    conflicts = int(open_conflicts or 0)
    waiting = ""
    if pending and oldest is not None:
        hours = (now - oldest.astimezone(UTC)).total_seconds() / 3600
        waiting = f", cũ nhất {hours:.0f} giờ trước" if hours >= 1 else ""
    text = (f"Hàng đợi gửi cổng: {pending} chờ gửi{waiting}, {rejected} bị từ chối, "
            f"{conflicts} xung đột chưa giải quyết.")  # fmt: skip
    if rejected or conflicts:
        return Finding(FAILED, text + " Cán bộ cần xem bảng xung đột.")
    return Finding(OK, text)


def _free_space(path: Path) -> Finding:
    free = shutil.disk_usage(path.parent).free
    text = f"Ổ đĩa chứa cơ sở dữ liệu còn trống {free / 1024**3:.1f} GB."
    if free < MIN_FREE_BYTES:
        return Finding(FAILED, text + " Quá ít: hãy giải phóng dung lượng.")
    return Finding(OK, text)


def _file_modes(path: Path) -> Finding:
    if os.name != "posix":
        return Finding(SKIPPED, "Quyền tệp: nằm trong hồ sơ người dùng Windows.")
    loose = [
        f"{p.name} ({stat.S_IMODE(p.lstat().st_mode):o})"
        for p in database_files(path)
        if p.exists() and stat.S_IMODE(p.lstat().st_mode) & 0o077
    ]
    if loose:
        return Finding(FAILED, "Người dùng khác đọc được dữ liệu của bàn: " + ", ".join(loose)
                       + " (mở bàn sẽ thu hẹp lại quyền: chỉ người dùng này).")  # fmt: skip
    return Finding(OK, "Chỉ người dùng này đọc được dữ liệu của bàn.")


def _encryption(path: Path) -> Finding:
    """Is the citizens' data unreadable from a stolen disk (Law 91/2025/QH15)?"""
    if not is_encrypted(path):
        return Finding(FAILED, "Cơ sở dữ liệu CHƯA được mã hoá: ai lấy được ổ đĩa đọc được họ "
                       "tên, số CCCD, điện thoại của công dân. Quản trị chạy: motcua db "
                       f"encrypt --db {path}")  # fmt: skip
    try:
        kept = read_record(key_file(path)).get("kept")
    except Exception as exc:  # an unreadable key file: the database cannot be opened either
        return Finding(FAILED, f"Cơ sở dữ liệu được mã hoá nhưng tệp khoá không đọc được ({exc}).")
    if kept == "demo":  # its passphrase is published with the program
        return Finding(FAILED, "Cơ sở dữ liệu được mã hoá bằng mật khẩu của dữ liệu mẫu, công "
                       "khai: chỉ dùng cho dữ liệu mẫu, không cho hồ sơ thật.")  # fmt: skip
    how = {"keystore": "trong kho khoá của hệ điều hành",
           "passphrase": "bằng mật khẩu của quản trị"}.get(str(kept), str(kept))  # fmt: skip
    return Finding(OK, f"Cơ sở dữ liệu được mã hoá; khoá được giữ {how}.")


def _clock(store: Store, now: Callable[[], datetime]) -> Finding:
    with store.read() as session:
        state = get_setting(session, "portal")
    if not state:
        return Finding(SKIPPED, "Đồng hồ: bàn chưa ghi danh với cổng, không có gì để so.")
    skew = portal_clock_skew(state, now)
    if isinstance(skew, str):
        return Finding(SKIPPED, f"Đồng hồ: không hỏi được cổng ({skew}).")
    text = f"Đồng hồ của máy lệch {abs(skew):.0f} giây so với cổng"
    if abs(skew) > MAX_SKEW_SECONDS:
        ahead = "nhanh" if skew > 0 else "chậm"
        return Finding(FAILED, f"{text} ({ahead} hơn): hãy chỉnh giờ của máy.")
    return Finding(OK, text + ".")


def portal_clock_skew(state: dict[str, Any], now: Callable[[], datetime]) -> float | str:
    """Seconds this machine's clock is ahead of the portal's (from the ``Date`` of its
    reply, to the second), or why the portal could not be asked."""
    from sync.client.engine import portal_transport
    from sync.client.transport import PortalUnreachable, network_reason

    try:
        transport = portal_transport(state, attempts=1, timeout=PORTAL_TIMEOUT)
    except (PortalUnreachable, ValueError) as exc:
        return str(exc)
    try:
        started = time.monotonic()
        before = now()
        reply = transport.session.get(transport.base_url + "/health", timeout=PORTAL_TIMEOUT)
        middle = before.timestamp() + (time.monotonic() - started) / 2
        stamp = reply.headers.get("Date")
        if not stamp:
            return "cổng không gửi giờ"
        return middle - parsedate_to_datetime(stamp).timestamp()
    except Exception as exc:  # any network fault: the check is skipped, never a crash
        return network_reason(exc)
    finally:
        transport.session.close()


def examine(path: Path, *, full: bool = False, now: Callable[[], datetime] | None = None,
            ask_portal: bool = True) -> list[Finding]:  # fmt: skip
    """Every check of the desk database at ``path``, in the order shown."""
    clock = now or (lambda: datetime.now(UTC))
    if not path.is_file():
        return [Finding(FAILED, f"Không tìm thấy cơ sở dữ liệu {path}.")]
    findings = [_integrity(path, full), _schema(path)]
    modes = _file_modes(path)  # before opening it: opening makes the files private
    if findings[0].mark == FAILED or findings[1].mark == FAILED:
        findings.append(Finding(SKIPPED, "Nhật ký, hàng đợi và đồng hồ không kiểm tra được: "
                                "cơ sở dữ liệu không mở được."))  # fmt: skip
        return [*findings, _free_space(path), _encryption(path), modes]
    store = open_store(path, upgrade=False)
    try:
        findings += [_audit(store), _outbox(store, clock())]
        findings += [_free_space(path), _encryption(path), modes]
        if ask_portal:
            findings.append(_clock(store, clock))
    finally:
        store.engine.dispose()  # read only: not even PRAGMA optimize
    return findings
