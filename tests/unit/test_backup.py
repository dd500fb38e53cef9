"""Backups, restores and the doctor, on real SQLite files and the real command line."""

from __future__ import annotations

import hashlib
import json
import os
import random
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.cli import main
from desktop.core.accounts import Role
from desktop.services import dossiers as acts
from desktop.services.audit import verify_audit
from desktop.services.backup import (
    BackupError,
    create_backup,
    desk_facts,
    restore_backup,
    verify_backup,
)
from desktop.services.context import Actor, Desk
from desktop.services.doctor import examine
from desktop.services.encryption import encrypt_database
from desktop.services.fees import numbers_left
from desktop.services.scans import ScanStore
from desktop.services.settings import open_desk
from desktop.store.db import DatabaseCorrupt, head_revision, open_store
from desktop.store.db import connect as connect_desk_db
from desktop.store.models import AuditEntry, Dossier, Officer, ReceiptBlock
from tests.conftest import incoming


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def motcua(*args: str, umask: int = 0o022, **env: str) -> subprocess.CompletedProcess[str]:
    """The command as an administrator's shell runs it: a usual umask (files readable by all
    unless the program says otherwise)."""
    return subprocess.run(
        [sys.executable, "-m", "desktop.cli", *args], capture_output=True, text=True,
        timeout=300, env={**os.environ, **env}, preexec_fn=lambda: os.umask(umask),
    )  # fmt: skip


def one_error_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("motcua: lỗi: ")
    return lines[0]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def audit_actions(path: Path) -> list[str]:
    con = connect_desk_db(path)
    try:
        return [a for (a,) in con.execute("SELECT action FROM audit_log ORDER BY seq")]
    finally:
        con.close()


@pytest.fixture
def demo_desk(demo_store: object) -> Iterator[Desk]:
    desk = open_desk(demo_store)  # type: ignore[arg-type]
    scans = ScanStore.of(desk)
    for n in range(3):  # the citizen's scans kept beside the database
        scans.put(f"%PDF-1.4 bản quét {n}".encode())
    yield desk


# --- file modes ---------------------------------------------------------------------------


def test_what_motcua_demo_and_backup_make_is_this_users_alone(tmp_path: Path) -> None:
    db, logs = tmp_path / "du-lieu" / "desk.db", tmp_path / "nhat-ky"
    made = motcua("demo", "--db", str(db), "--count", "3", MOTCUA_LOG_DIR=str(logs))
    assert made.returncode == 0, made.stderr
    scans = db.parent / "desk.tep-dinh-kem"
    assert mode(db.parent) == 0o700 and mode(db) == 0o600
    assert mode(scans) == 0o700 and any(scans.iterdir())
    for path in scans.rglob("*"):
        assert mode(path) == (0o700 if path.is_dir() else 0o600), path
    assert mode(logs) == 0o700 and mode(logs / "motcua.log") == 0o600
    out = tmp_path / "sao-luu.zip"
    backed = motcua("backup", "--db", str(db), "--out", str(out), MOTCUA_LOG_DIR=str(logs))
    assert backed.returncode == 0, backed.stderr
    assert mode(out) == 0o600
    # SQLite gives the WAL and the shared-memory file the database's own mode.
    previous = os.umask(0o022)
    try:
        store = open_store(db)
        with store.engine.begin() as conn:  # any write: the WAL and SHM now exist
            conn.exec_driver_sql("CREATE TABLE t_modes (x)")
        wal, shm = Path(f"{db}-wal"), Path(f"{db}-shm")
        assert wal.exists() and shm.exists()
        assert (mode(wal), mode(shm)) == (0o600, 0o600)
        store.close()
    finally:
        os.umask(previous)


def test_an_older_desks_readable_files_are_made_private_when_opened(
    demo_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "desk.db"
    shutil.copy(demo_template, db)
    scans = tmp_path / "desk.tep-dinh-kem"
    scans.mkdir()
    os.chmod(db, 0o644)
    os.chmod(scans, 0o755)
    open_store(db).close()
    assert (mode(db), mode(scans)) == (0o600, 0o700)


# --- backup -------------------------------------------------------------------------------


def test_a_backup_holds_the_desk_its_manifest_and_checksums(
    demo_desk: Desk, tmp_path: Path
) -> None:
    out = tmp_path / "sao-luu.zip"
    report = create_backup(demo_desk, out)
    with zipfile.ZipFile(out) as archive:
        names = set(archive.namelist())
        listed = archive.read("manifest.json")
        manifest = json.loads(listed)
        summed = archive.read("manifest.sha256").decode()
        db_bytes = archive.read("desk.db")
    assert summed == hashlib.sha256(listed).hexdigest()
    assert manifest["desk_id"] == demo_desk.desk_id
    assert manifest["office_code"] == demo_desk.office_code
    assert manifest["schema_revision"] == head_revision()
    assert manifest["database"]["sha256"] == hashlib.sha256(db_bytes).hexdigest()
    assert manifest["counts"]["dossiers"] == 80
    scans = ScanStore.of(demo_desk)
    on_disk = {p.name for p in scans.root.glob("*/*")}
    assert on_disk and {s["sha256"] for s in manifest["scans"]} == on_disk
    assert {f"tep-dinh-kem/{s[:2]}/{s}" for s in on_disk} <= names
    assert report.manifest.audit_seq == manifest["audit_head"]["seq"]
    # The backup is audited in the desk's own log, after the copy was taken.
    with demo_desk.store.read() as session:
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert last is not None and last.action == "backup.create" and last.subject == out.name
    assert last.seq == manifest["audit_head"]["seq"] + 1
    assert verify_backup(out, tmp_path).database_sha256 == manifest["database"]["sha256"]


def test_a_backup_taken_while_the_desk_writes_is_one_consistent_moment(
    demo_desk: Desk, tmp_path: Path
) -> None:
    with demo_desk.store.read() as session:
        row = session.scalars(select(Officer).where(Officer.username == "canbo1")).one()
        officer = Actor(row.id, row.username, row.full_name, Role(row.role), row.office_code)
    stop, errors = threading.Event(), []

    def keep_receiving() -> None:
        # A second desk connection, as the window would be, receiving dossiers meanwhile.
        writer = open_desk(open_store(demo_desk.store.path))
        try:
            while not stop.is_set():
                acts.import_dossier(
                    writer,
                    incoming(office=writer.office_code, procedure=_a_procedure(writer)),
                    officer,
                )
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            writer.store.close()

    thread = threading.Thread(target=keep_receiving)
    thread.start()
    try:
        time.sleep(0.3)
        outs = [tmp_path / f"b{n}.zip" for n in range(3)]
        for out in outs:
            create_backup(demo_desk, out)
    finally:
        stop.set()
        thread.join()
    assert errors == []
    for n, out in enumerate(outs):
        restored = tmp_path / f"r{n}" / "desk.db"
        restored.parent.mkdir()
        report = restore_backup(out, restored)
        assert verify_audit(open_store(restored)).ok
        assert desk_facts(restored).counts["dossiers"] == report.manifest.counts["dossiers"]
    counts = [restore_counts(tmp_path / f"r{n}" / "desk.db") for n in range(3)]
    assert counts == sorted(counts) and counts[0] > 80  # the receiving went on throughout


def restore_counts(path: Path) -> int:
    return desk_facts(path).counts["dossiers"]


def _a_procedure(desk: Desk) -> str:
    with desk.store.read() as session:
        code = session.scalar(select(Dossier.procedure_code).limit(1))
    assert code
    return code


def test_a_damaged_desk_is_not_backed_up(demo_template: Path, tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    shutil.copy(demo_template, db)
    _damage_dossiers(db)
    out = tmp_path / "sao-luu.zip"
    line = one_error_line(motcua("backup", "--db", str(db), "--out", str(out)))
    assert "bị hỏng" in line and str(db) in line
    assert not out.exists() and [p.name for p in tmp_path.glob(".sao-luu*")] == []


def test_backup_refuses_a_missing_folder_and_the_database_itself(
    demo_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "desk.db"
    shutil.copy(demo_template, db)
    line = one_error_line(motcua("backup", "--db", str(db), "--out", str(tmp_path / "x" / "b")))
    assert "không có thư mục" in line
    line = one_error_line(motcua("backup", "--db", str(db), "--out", str(db)))
    assert "trùng với cơ sở dữ liệu" in line
    assert open_store(db, check=True) is not None


def _damage_dossiers(path: Path) -> None:
    con = sqlite3.connect(path)  # dbstat: the stdlib build has it; the desk has closed the file
    size = con.execute("PRAGMA page_size").fetchone()[0]
    pages = [n for (n,) in con.execute(
        "SELECT pageno FROM dbstat WHERE name = 'dossiers' AND pagetype = 'leaf' "
        "ORDER BY pageno")]  # fmt: skip
    con.close()
    with path.open("r+b") as f:
        f.seek((pages[len(pages) // 2] - 1) * size + 8)
        f.write(b"\xff" * 64)


# --- restore ------------------------------------------------------------------------------


def test_restore_brings_the_desk_back_and_audits_it(demo_desk: Desk, tmp_path: Path) -> None:
    out = tmp_path / "sao-luu.zip"
    manifest = create_backup(demo_desk, out).manifest
    target = tmp_path / "may-moi" / "desk.db"
    target.parent.mkdir()
    assert main(["restore", str(out), "--db", str(target)]) == 0
    assert desk_facts(target).desk_id == demo_desk.desk_id
    with demo_desk.store.read() as session:
        ids = set(session.scalars(select(Dossier.id)))
    restored = open_desk(open_store(target, check=True))
    with restored.store.read() as session:
        assert set(session.scalars(select(Dossier.id))) == ids
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert last is not None and last.action == "backup.restore"
    assert last.after is not None and last.after["audit_seq"] == manifest.audit_seq
    assert verify_audit(restored.store).ok
    assert {p.name for p in ScanStore.of(restored).root.glob("*/*")} == set(manifest.scans)
    restored.store.close()


def test_a_foreign_desks_backup_is_refused_unless_told(
    demo_desk: Desk, desk: Desk, tmp_path: Path
) -> None:
    out = tmp_path / "sao-luu.zip"
    create_backup(demo_desk, out)
    other = desk.store.path
    desk.store.close()
    before = sha256(other)
    with pytest.raises(BackupError, match="bàn khác"):
        restore_backup(out, other)
    assert sha256(other) == before and desk_facts(other).desk_id == desk.desk_id
    result = motcua("restore", str(out), "--db", str(other))
    assert "--foreign-ok" in one_error_line(result)
    assert sha256(other) == before
    report = restore_backup(out, other, foreign_ok=True, replace_newer=True)
    assert desk_facts(other).desk_id == demo_desk.desk_id
    assert report.replaced is not None and desk_facts(report.replaced).desk_id == desk.desk_id


def test_a_database_with_newer_acts_is_kept_unless_told(demo_desk: Desk, tmp_path: Path) -> None:
    out = tmp_path / "sao-luu.zip"
    manifest = create_backup(demo_desk, out).manifest  # then the backup's own entry: newer
    path = demo_desk.store.path
    demo_desk.store.close()
    before = sha256(path)
    with pytest.raises(BackupError, match=f"#{manifest.audit_seq + 1}.*--replace-newer"):
        restore_backup(out, path)
    assert sha256(path) == before
    report = restore_backup(out, path, replace_newer=True)
    assert report.replaced is not None and mode(report.replaced) == 0o600
    kept = desk_facts(report.replaced)  # the replaced file, whole, beside the restored one
    assert (kept.desk_id, kept.audit_seq) == (demo_desk.desk_id, manifest.audit_seq + 1)
    assert audit_actions(path)[-1] == "backup.restore"
    assert len(audit_actions(path)) == manifest.audit_seq + 1
    assert verify_audit(open_store(path, check=True)).ok


def test_restoring_over_a_damaged_database_keeps_it_aside(
    demo_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "desk.db"
    shutil.copy(demo_template, db)
    out = tmp_path / "sao-luu.zip"
    desk = open_desk(open_store(db))
    create_backup(desk, out)
    desk.store.close()
    _damage_dossiers(db)
    with pytest.raises(DatabaseCorrupt):
        open_store(db, check=True)
    result = motcua("restore", str(out), "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "bị hỏng, giữ lại" in result.stdout
    open_store(db, check=True).close()
    kept = list(tmp_path.glob("desk.db.truoc-khoi-phuc-*"))
    assert len(kept) == 1
    with pytest.raises(DatabaseCorrupt):
        open_store(kept[0], check=True)


def _rewrite(source: Path, target: Path, change: dict[str, bytes]) -> None:
    """A copy of the backup ``source`` with some members' bytes replaced (CRCs recomputed,
    so only the manifest's checksums can tell)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, change.get(info.filename, old.read(info.filename)))


@pytest.mark.parametrize("damage", ["truncated", "flipped", "database", "manifest", "scan",
                                    "not-a-backup"])  # fmt: skip
def test_a_corrupted_backup_is_refused_with_a_clear_message(
    demo_desk: Desk, tmp_path: Path, damage: str
) -> None:
    good = tmp_path / "sao-luu.zip"
    manifest = create_backup(demo_desk, good).manifest
    bad = tmp_path / "hong.zip"
    data = good.read_bytes()
    with zipfile.ZipFile(good) as archive:
        db = archive.read("desk.db")
        scan = sorted(manifest.scans)[0]
        listed = archive.read("manifest.json")
    if damage == "truncated":
        bad.write_bytes(data[: len(data) * 2 // 3])
    elif damage == "flipped":  # a byte of the stored database changed on the medium
        with zipfile.ZipFile(good) as archive:
            offset = archive.getinfo("desk.db").header_offset + 200
        bad.write_bytes(data[:offset] + bytes([data[offset] ^ 0xFF]) + data[offset + 1 :])
    elif damage == "database":
        _rewrite(good, bad, {"desk.db": db[:-4096] + b"\0" * 4096})
    elif damage == "manifest":
        _rewrite(good, bad, {"manifest.json": listed.replace(b'"dossiers": 80', b'"dossiers": 81')})
    elif damage == "scan":
        _rewrite(good, bad, {f"tep-dinh-kem/{scan[:2]}/{scan}": b"%PDF-1.4 khac"})
    else:
        bad.write_bytes(b"SQLite format 3\x00" + b"\0" * 4000)
    target = tmp_path / "dich" / "desk.db"
    target.parent.mkdir()
    line = one_error_line(motcua("restore", str(bad), "--db", str(target)))
    assert f"Tệp sao lưu {bad} bị hỏng" in line and "không bị thay đổi" in line
    assert sorted(p.name for p in target.parent.iterdir() if not p.name.endswith("kem")) == []
    with pytest.raises(BackupError):
        verify_backup(bad, tmp_path)


def test_restore_retires_receipt_numbers_that_may_have_been_used(
    demo_desk: Desk, tmp_path: Path
) -> None:
    out = tmp_path / "sao-luu.zip"
    with demo_desk.store.read() as session:
        blocks = session.scalar(select(func.count()).select_from(ReceiptBlock))
        held = numbers_left(session)
    assert blocks and held > 0
    create_backup(demo_desk, out)
    target = tmp_path / "khoi-phuc" / "desk.db"
    target.parent.mkdir()
    report = restore_backup(out, target)
    assert report.retired_numbers and sum(
        b["last"] - b["first"] + 1 for b in report.retired_numbers) == held  # fmt: skip
    store = open_store(target)
    with store.read() as session:
        assert numbers_left(session) == 0  # the next sync asks the portal for a new block
        last = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc())).first()
    assert last is not None and last.after is not None
    assert last.after["retired_receipt_numbers"] == report.retired_numbers
    store.close()


# --- killed half-way ----------------------------------------------------------------------


def _kill_runs(
    demo_template: Path, tmp_path: Path, runs: int, seed: int, encrypted: bool = False
) -> None:
    """``motcua backup`` killed with SIGKILL at random moments: the backup file is absent or
    whole; the database always opens and its audit chain verifies. ``encrypted``: of a desk
    encrypted at rest (its key under the tests' passphrase), the backup encrypted alike."""
    db = tmp_path / "desk.db"
    shutil.copy(demo_template, db)
    if encrypted:
        encrypt_database(db)
    scans = ScanStore.beside(db)
    rng = random.Random(seed)
    for _ in range(24):  # enough bytes that the writing takes a while
        scans.put(rng.randbytes(1_000_000))
    out = tmp_path / "sao-luu.zip"
    started = time.monotonic()
    full = motcua("backup", "--db", str(db), "--out", str(out))
    assert full.returncode == 0, full.stderr
    whole_run = time.monotonic() - started
    out.unlink()
    outcomes = {"absent": 0, "whole": 0, "cut while writing": 0}
    for run in range(runs):
        process = subprocess.Popen(
            [sys.executable, "-m", "desktop.cli", "backup", "--db", str(db), "--out", str(out)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        if run % 2:  # anywhere from the start
            time.sleep(rng.uniform(0.2, 1.1) * whole_run)
        else:  # once the backup file is being written, at a random point of it
            writing = tmp_path / f".{out.name}.{process.pid}.tmp"
            deadline = time.monotonic() + 60
            while not writing.exists() and process.poll() is None:
                assert time.monotonic() < deadline
                time.sleep(0.001)
            time.sleep(rng.uniform(0, 0.25))
        process.send_signal(signal.SIGKILL)
        process.wait()
        outcomes["cut while writing"] += (tmp_path / f".{out.name}.{process.pid}.tmp").exists()
        if out.exists():
            outcomes["whole"] += 1
            manifest = verify_backup(out, tmp_path)  # raises unless every byte is right
            assert manifest.desk_id == desk_facts(db).desk_id
            out.unlink()
        else:
            outcomes["absent"] += 1
        store = open_store(db, check=True)
        assert verify_audit(store).ok
        store.close()
    print("backup killed:", outcomes)
    assert outcomes["cut while writing"] > 0, outcomes  # some kills did land mid-file
    # The leftovers of killed runs go with the next backup.
    desk = open_desk(open_store(db))
    create_backup(desk, out)
    desk.store.close()
    leftovers = [p.name for p in tmp_path.iterdir() if ".tmp" in p.name or p.name.endswith("tmp")]
    assert leftovers == []
    assert verify_backup(out, tmp_path).counts["scans"] >= 24


def test_backup_killed_at_random_moments(demo_template: Path, tmp_path: Path) -> None:
    _kill_runs(demo_template, tmp_path, runs=20, seed=6)


def test_encrypted_backup_killed_at_random_moments(demo_template: Path, tmp_path: Path) -> None:
    _kill_runs(demo_template, tmp_path, runs=6, seed=16, encrypted=True)


@pytest.mark.slow
def test_backup_killed_at_random_moments_many_times(demo_template: Path, tmp_path: Path) -> None:
    _kill_runs(demo_template, tmp_path, runs=50, seed=int(time.time()))


# --- doctor -------------------------------------------------------------------------------


def test_doctor_on_a_sound_desk_says_every_check_passed(
    demo_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "desk.db"
    shutil.copy(demo_template, db)
    os.chmod(db, 0o600)
    assert motcua("db", "encrypt", "--db", str(db)).returncode == 0  # under the passphrase
    result = motcua("doctor", "--db", str(db), "--full")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "✓ Cơ sở dữ liệu nguyên vẹn (integrity_check)."
    assert "✓ Cơ sở dữ liệu được mã hoá; khoá được giữ bằng mật khẩu của quản trị." in lines
    assert any(line.startswith("✓ Nhật ký kiểm tra toàn vẹn") for line in lines)
    assert any(line.startswith("✓ Hàng đợi gửi cổng") for line in lines)
    assert any(line.startswith("✓ Ổ đĩa chứa cơ sở dữ liệu còn trống") for line in lines)
    assert lines[-1].startswith("– Đồng hồ: bàn chưa ghi danh")
    assert all(line[:2] in ("✓ ", "– ") for line in lines)


def test_doctor_finds_a_damaged_file(demo_template: Path, tmp_path: Path) -> None:
    db = tmp_path / "desk.db"
    shutil.copy(demo_template, db)
    _damage_dossiers(db)
    result = motcua("doctor", "--db", str(db))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("✗ Cơ sở dữ liệu hỏng (quick_check")
    full = motcua("doctor", "--db", str(db), "--full")
    assert full.returncode == 1 and "✗ Cơ sở dữ liệu hỏng (integrity_check" in full.stdout


def test_doctor_finds_a_broken_chain_rejected_acts_and_readable_files(
    demo_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "desk.db"
    shutil.copy(demo_template, db)
    con = connect_desk_db(db)
    triggers = [n for (n,) in con.execute(
        "SELECT name FROM sqlite_master WHERE type='trigger' AND tbl_name='audit_log'"
    )]  # fmt: skip
    for name in triggers:
        con.execute(f"DROP TRIGGER {name}")
    con.execute("UPDATE audit_log SET subject = 'sua' WHERE seq = 5")
    con.execute("UPDATE outbox SET status = 'rejected' WHERE id = (SELECT min(id) FROM outbox)")
    con.commit()
    con.close()
    os.chmod(db, 0o644)
    result = motcua("doctor", "--db", str(db), "--offline")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert "✗ Nhật ký kiểm tra KHÔNG toàn vẹn: mục #5 — nội dung đã bị sửa." in lines
    assert any(line.startswith("✗ Hàng đợi gửi cổng") and "1 bị từ chối" in line
               for line in lines)  # fmt: skip
    assert any(line.startswith("✗ Người dùng khác đọc được") and "desk.db (644)" in line
               for line in lines)  # fmt: skip
    assert any(line.startswith("✗ Cơ sở dữ liệu CHƯA được mã hoá") and "db encrypt" in line
               for line in lines)  # fmt: skip
    assert not any(line.startswith("– Đồng hồ") for line in lines)  # --offline: not asked


def test_doctor_says_the_demo_passphrase_protects_nothing(tmp_path: Path) -> None:
    db = tmp_path / "mau.db"
    open_store(db, create=True, encrypt=True, demo=True).close()
    lines = [f.line for f in examine(db, ask_portal=False)]
    assert any(line.startswith("✗ Cơ sở dữ liệu được mã hoá bằng mật khẩu của dữ liệu mẫu")
               for line in lines), lines  # fmt: skip


def test_restore_killed_at_random_moments_leaves_the_old_file_or_the_restored_one(
    demo_template: Path, tmp_path: Path
) -> None:
    db = tmp_path / "desk.db"
    shutil.copy(demo_template, db)
    desk = open_desk(open_store(db))
    scans = ScanStore.of(desk)
    rng = random.Random(9)
    for _ in range(12):
        scans.put(rng.randbytes(1_000_000))
    out = tmp_path / "sao-luu.zip"
    manifest = create_backup(desk, out).manifest
    desk.store.close()
    restored_head = manifest.audit_seq + 1  # the backup's chain and the restore's own entry
    command = [sys.executable, "-m", "desktop.cli", "restore", str(out), "--db", str(db),
               "--replace-newer", "--offline"]  # fmt: skip
    started = time.monotonic()
    assert subprocess.run(command, capture_output=True, timeout=300).returncode == 0
    whole_run = time.monotonic() - started
    outcomes = {"old": 0, "restored": 0}
    # Kill moments from early in the run to well after it should have ended: on a busy
    # machine a run takes several times the first one, and both outcomes must be seen.
    moments = [0.1, 0.3, 0.5, 0.7, 0.9, 1.1, 1.5, 2.0, 4.0, 8.0]
    rng.shuffle(moments)
    for moment in moments:
        before = desk_facts(db)
        shutil.rmtree(scans.root, ignore_errors=True)  # each restore writes the scans again
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )  # fmt: skip
        time.sleep(moment * whole_run)
        process.send_signal(signal.SIGKILL)
        process.wait()
        store = open_store(db, check=True)
        assert verify_audit(store).ok
        store.close()
        now = desk_facts(db)
        if (now.audit_seq, now.audit_hash) == (before.audit_seq, before.audit_hash):
            outcomes["old"] += 1
        else:
            assert now.audit_seq == restored_head and audit_actions(db)[-1] == "backup.restore"
            outcomes["restored"] += 1
    print("restore killed:", outcomes)
    assert outcomes["old"] and outcomes["restored"], outcomes
