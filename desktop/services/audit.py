"""Nhật ký kiểm tra — writing the hash-chained audit log and verifying it.

The chain alone proves nothing against someone holding the file: they can recompute every
hash, or cut the newest entries. So the verification also compares the chain with its
*anchors* — the head the portal acknowledged at the last sync (kept in the settings) and,
online, the head the portal holds — and compares the officers table with the last audited
state of each account (every change to an account writes an entry carrying that state).
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.core.audit import GENESIS_HASH, entry_hash
from desktop.services.context import Actor, Desk
from desktop.services.settings import get_setting, put_setting
from desktop.store.db import Store
from desktop.store.models import AuditEntry, Officer

log = logging.getLogger("motcua.audit")  # prints go to the desk's log file too

ANCHOR_SETTING = "audit_anchor"  # the head the portal acknowledged last: {seq, hash, at}
# A restore the portal has not accepted yet: the backup's head, the restore's entry (its
# hash and fields) and who ran it
RESTORE_SETTING = "audit_restore_undeclared"
ACCOUNT_STATE = "account_state"  # the key, in an officer entry's ``after``, of the result
ACCOUNT_FIELDS = {"office": "cơ quan", "role": "vai trò", "disabled": "khoá",
                  "password": "mật khẩu"}  # fmt: skip


def _fields(e: AuditEntry) -> dict[str, Any]:
    return {
        "seq": e.seq,
        "at": e.at.astimezone(UTC).isoformat(timespec="microseconds"),
        "officer_id": e.officer_id,
        "desk_id": e.desk_id,
        "action": e.action,
        "subject": e.subject,
        "before": e.before,
        "after": e.after,
    }


def record_audit(
    session: Session,
    desk: Desk,
    actor: Actor,
    action: str,
    subject: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry, chained to the last one; call inside the act's own transaction."""
    if action.endswith(".print"):  # every paper printed, from the window or the command line
        log.info("%s %s by %s on desk %s %s", action, subject, actor.username, desk.desk_id,
                 after or "")  # fmt: skip
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    entry = AuditEntry(
        seq=seq,
        at=desk.now(),
        officer_id=actor.officer_id,
        desk_id=desk.desk_id,
        action=action,
        subject=subject,
        before=before,
        after=after,
        prev_hash=prev,
    )
    entry.hash = entry_hash(prev, _fields(entry))
    session.add(entry)
    session.flush()
    return entry


def account_state(officer: Officer) -> dict[str, Any]:
    """What an account may do, as audited: office, role, locked, and a digest of its password
    hash (the audit log never holds the hash itself)."""
    digest = hashlib.sha256(officer.password_hash.encode("utf-8")).hexdigest()
    return {"office": officer.office_code, "role": officer.role,
            "disabled": bool(officer.disabled), "password": digest}  # fmt: skip


def audited_accounts(session: Session) -> dict[str, dict[str, Any]]:
    """The last audited state of each account, by username."""
    states: dict[str, dict[str, Any]] = {}
    for subject, after in session.execute(
        select(AuditEntry.subject, AuditEntry.after)
        .where(AuditEntry.action.like("officer.%")).order_by(AuditEntry.seq)
    ):  # fmt: skip
        if isinstance(after, dict) and isinstance(after.get(ACCOUNT_STATE), dict):
            states[subject] = after[ACCOUNT_STATE]
    return states


@dataclass(frozen=True)
class AuditHead:
    seq: int
    hash: str


def audit_head(session: Session) -> AuditHead | None:
    """The newest entry of the chain (None while the log is empty)."""
    row = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    return None if row is None else AuditHead(row[0], row[1])


def hash_at(session: Session, seq: int) -> str:
    """The hash the chain holds at ``seq`` ("" when it has no such entry)."""
    found = session.scalar(select(AuditEntry.hash).where(AuditEntry.seq == seq))
    return found or ""


def anchored_head(session: Session) -> AuditHead | None:
    """The head the portal acknowledged at the last sync that anchored one."""
    value = get_setting(session, ANCHOR_SETTING)
    return AuditHead(int(value["seq"]), str(value["hash"])) if value else None


def remember_anchor(session: Session, head: AuditHead, at: str) -> None:
    put_setting(session, ANCHOR_SETTING, {"seq": head.seq, "hash": head.hash, "at": at})


def undeclared_restore(session: Session) -> dict[str, Any]:
    """The restore this desk has still to declare to the portal ({} when none)."""
    return get_setting(session, RESTORE_SETTING) or {}


def restore_to_declare(session: Session, backup: AuditHead, entry: AuditEntry, by: str) -> None:
    """After a restore: the portal must be told the chain now goes on from ``backup`` (a
    head it anchored) through the restore's ``entry``, or it refuses every later head."""
    put_setting(session, RESTORE_SETTING, {
        "backup_seq": backup.seq, "backup_hash": backup.hash, "hash": entry.hash, "by": by,
        **_fields(entry),  # the portal checks the entry's hash chains to the backup's head
    })  # fmt: skip


def restore_declared(session: Session, head: AuditHead, at: str) -> None:
    put_setting(session, RESTORE_SETTING, {})
    remember_anchor(session, head, at)


@dataclass(frozen=True)
class AuditReport:
    entries: int
    first_broken: int | None  # seq of the first entry that does not verify
    problem: str = ""
    problems: tuple[str, ...] = ()  # anchors not held, accounts not as audited
    anchored: AuditHead | None = None  # the last head the portal acknowledged, if any

    @property
    def ok(self) -> bool:
        return self.first_broken is None and not self.problems


def _walk(session: Session, wanted: set[int]) -> tuple[int, int | None, str, dict[int, str]]:
    """(entries, first broken seq, its problem, the hashes at the ``wanted`` seqs): the chain
    walked from the start."""
    prev, expected_seq, count, found = GENESIS_HASH, 1, 0, {}
    for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.seq)):
        count += 1
        if entry.seq != expected_seq:
            return count, expected_seq, f"mục {expected_seq} bị xoá (tiếp theo là {entry.seq})", {}
        if entry.prev_hash != prev:
            return count, entry.seq, "liên kết với mục trước không khớp", {}
        if entry_hash(prev, _fields(entry)) != entry.hash:
            return count, entry.seq, "nội dung đã bị sửa", {}
        if entry.seq in wanted:
            found[entry.seq] = entry.hash
        prev, expected_seq = entry.hash, expected_seq + 1
    return count, None, "", found


def _anchor_problem(head: AuditHead, hashes: dict[int, str], count: int, where: str) -> str:
    if head.seq not in hashes:
        return (f"nhật ký bị cắt: mục #{head.seq} đã neo với {where} nhưng không còn "
                f"(mục cuối là #{count})")  # fmt: skip
    if hashes[head.seq] != head.hash:
        return f"mục #{head.seq} khác với mốc đã neo với {where}: nhật ký đã bị tính lại"
    return ""


def _shown(value: Any) -> str:
    return ("có" if value else "không") if isinstance(value, bool) else str(value)


def _account_problems(session: Session) -> list[str]:
    """Accounts whose row is not what the log last recorded: edited in the file itself."""
    audited = audited_accounts(session)
    problems = []
    for officer in session.scalars(select(Officer).order_by(Officer.username)):
        expected = audited.pop(officer.username, None)
        if expected is None:
            problems.append(f"tài khoản “{officer.username}” không có trong nhật ký kiểm tra "
                            "(thêm thẳng vào cơ sở dữ liệu)")  # fmt: skip
            continue
        current = account_state(officer)
        changed = [
            label if key == "password"
            else f"{label} {_shown(expected.get(key))} → {_shown(current[key])}"
            for key, label in ACCOUNT_FIELDS.items() if expected.get(key) != current[key]
        ]  # fmt: skip
        if changed:
            problems.append(f"tài khoản “{officer.username}” bị sửa ngoài chương trình: "
                            + ", ".join(changed))  # fmt: skip
    problems += [f"tài khoản “{name}” đã bị xoá khỏi bảng cán bộ" for name in sorted(audited)]
    return problems


def verify_audit(store: Store, portal_head: AuditHead | None = None) -> AuditReport:
    """Walk the chain from the start; name the first entry altered, missing or out of place.

    Then hold it against its anchors: the head the portal acknowledged at the last sync and,
    when given, the head the portal holds now (a forger who edits the file can rebuild the
    chain and the local anchor, not the portal's copy). A cut chain misses the anchored
    entry; a recomputed one has another hash there. Last, each account must be as the log
    last recorded it.
    """
    with store.read() as session:
        anchored = anchored_head(session)
        anchors = [(head, where) for head, where in ((anchored, "cổng ở lần đồng bộ trước"),
                                                     (portal_head, "bản cổng đang giữ"))
                   if head is not None and head.seq > 0]  # fmt: skip
        if len(anchors) == 2 and anchors[0][0] == anchors[1][0]:
            anchors = anchors[1:]  # the same head twice: said once, as the portal's
        count, broken, problem, hashes = _walk(session, {head.seq for head, _ in anchors})
        problems = []
        if broken is None:
            for head, where in anchors:
                found = _anchor_problem(head, hashes, count, where)
                if found:
                    problems.append(found)
        problems += _account_problems(session)
    return AuditReport(count, broken, problem, tuple(problems), anchored)
