"""The typed settings registry: declared once, read typed, changed audited, stored as before."""

from __future__ import annotations

import re
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.core.lifecycle import DomainError
from desktop.services import options
from desktop.services.context import Actor, Desk
from desktop.services.documents import document_settings, set_document_settings
from desktop.services.settings import get_setting, put_setting
from desktop.services.sync_status import SyncRecord, record_sync, sync_status
from desktop.store.models import AuditEntry


def audit_rows(desk: Desk, action: str = options.AUDIT_ACTION) -> list[AuditEntry]:
    with desk.store.read() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)
                                    .order_by(AuditEntry.seq)))  # fmt: skip


def test_every_option_is_declared_once_with_a_vietnamese_label() -> None:
    keys = [o.key for o in options.OPTIONS]
    assert len(keys) == len(set(keys))
    assert len({o.path for o in options.OPTIONS}) == len(options.OPTIONS)
    assert {o.group for o in options.OPTIONS} == set(options.Group)
    for option in options.OPTIONS:
        assert option.label and option.help
        assert options.option_named(option.key) is option


def test_defaults_then_a_change_is_read_typed_and_audited_once(desk: Desk, admin: Actor) -> None:
    assert options.read_desk(desk, options.IDLE_LOCK) == 10
    assert options.read_desk(desk, options.BACKUP_TIME) is None
    changed = options.change_settings(desk, admin, {
        options.IDLE_LOCK: "15", options.BACKUP_TIME: "17:45",
        options.OFFICE_PHONE: "0213  3876 543", options.FONT_SIZE: 10})  # fmt: skip
    assert changed == [options.IDLE_LOCK, options.BACKUP_TIME, options.OFFICE_PHONE]
    assert options.read_desk(desk, options.IDLE_LOCK) == 15
    assert options.read_desk(desk, options.BACKUP_TIME) == time(17, 45)
    assert options.read_desk(desk, options.OFFICE_PHONE) == "0213 3876 543"
    rows = audit_rows(desk)
    assert [(r.subject, r.before, r.after) for r in rows] == [
        ("interface.lock_minutes", {"value": "10"}, {"value": "15"}),
        ("backup.daily_at", {"value": ""}, {"value": "17:45"}),
        ("office.phone", {"value": ""}, {"value": "0213 3876 543"}),
    ]
    assert all(r.officer_id == admin.officer_id for r in rows)
    # The same values again change nothing and write no entry.
    assert options.change_settings(desk, admin, {options.IDLE_LOCK: 15}) == []
    assert len(audit_rows(desk)) == 3


def test_the_stored_json_keeps_the_rows_earlier_versions_wrote(desk: Desk, admin: Actor) -> None:
    with desk.store.write() as session:  # a row as set_document_settings always wrote it
        put_setting(session, "documents", {"place": "Tam Đường", "phone": "0213 111 222",
                                           "address": "", "signers": {"M04": "Lò Văn A"},
                                           "emblem": ""})  # fmt: skip
        put_setting(session, "ui", {"lock_after_minutes": 7, "language": "en"})
    assert options.read_desk(desk, options.PLACE_NAME) == "Tam Đường"
    assert options.read_desk(desk, options.IDLE_LOCK) == 7
    options.change_settings(desk, admin, {options.APOLOGY_SIGNER: "Nguyễn Thị B",
                                          options.FONT_SIZE: 12})  # fmt: skip
    with desk.store.read() as session:
        assert get_setting(session, "ui") == {"lock_after_minutes": 7, "language": "en",
                                              "font_size": 12}  # fmt: skip
        found = document_settings(session)
    assert found["signers"] == {"M04": "Lò Văn A", "xin-loi": "Nguyễn Thị B"}
    assert found["phone"] == "0213 111 222" and found["place"] == "Tam Đường"


def test_one_refused_value_writes_nothing(desk: Desk, admin: Actor) -> None:
    for option, raw, said in (
        (options.OFFICE_PHONE, "gọi chị Hoa", "Số điện thoại của bộ phận: chỉ gồm chữ số"),
        (options.IDLE_LOCK, "0", "Tự khoá sau: phải từ 1 đến 240 phút (nhận 0)"),
        (options.IDLE_LOCK, "mười", "phải là một số nguyên"),
        (options.BACKUP_TIME, "25:00", "không có giờ 25:00 trong ngày"),
        (options.BACKUP_TIME, "5 giờ", "cần giờ dạng HH:MM"),
        (options.LANGUAGE, "fr", "chỉ chọn được Tiếng Việt, English"),
        (options.PLACE_NAME, "x" * 61, "dài quá 60 ký tự"),
    ):
        with pytest.raises(options.InvalidSetting, match=re.escape(said)) as refused:
            options.change_settings(desk, admin, {options.FONT_SIZE: 14, option: raw})
        assert refused.value.option is option
    assert options.read_desk(desk, options.FONT_SIZE) == 10  # the good one was not kept
    assert audit_rows(desk) == []


def test_only_an_administrator_changes_settings(desk: Desk, officer: Actor) -> None:
    with pytest.raises(DomainError, match="Chỉ quản trị hệ thống"):
        options.change_settings(desk, officer, {options.OFFICE_PHONE: "0213 3876 543"})
    assert options.read_desk(desk, options.OFFICE_PHONE) == ""


def test_a_damaged_stored_value_reads_as_the_default(desk: Desk) -> None:
    with desk.store.write() as session:
        put_setting(session, "ui", {"lock_after_minutes": "never", "font_size": True})
    assert options.read_desk(desk, options.IDLE_LOCK) == 10
    assert options.read_desk(desk, options.FONT_SIZE) == 10


def test_remembered_preferences_are_not_audited_and_audited_ones_cannot_be(desk: Desk) -> None:
    options.remember(desk, options.PRINTER_RECEIPT, "  Máy in  quầy 1 ")
    assert options.read_desk(desk, options.PRINTER_RECEIPT) == "Máy in  quầy 1"  # a name: kept
    with pytest.raises(ValueError, match="audited"):
        options.remember(desk, options.OFFICE_PHONE, "0213 3876 543")
    assert audit_rows(desk) == []


def test_the_portal_settings_wait_for_the_enrolment(
    desk: Desk, admin: Actor, tmp_path: Path
) -> None:
    with pytest.raises(options.InvalidSetting, match="chưa ghi danh"):
        options.change_settings(desk, admin, {options.PORTAL_ADDRESS: "https://cong.example"})
    with desk.store.read() as session:
        assert get_setting(session, "portal") is None  # no enrolment was faked
    with desk.store.write() as session:
        put_setting(session, "portal", {"url": "https://cong-cu.example", "token": "t",
                                        "office_code": desk.office_code})  # fmt: skip
    with pytest.raises(options.InvalidSetting, match="http:// không mã hoá"):
        options.change_settings(desk, admin, {options.PORTAL_ADDRESS: "http://10.0.0.5:8080"})
    not_pem = tmp_path / "ca.pem"
    not_pem.write_text("not a certificate", encoding="ascii")
    with pytest.raises(options.InvalidSetting, match="không chứa chứng chỉ PEM"):
        options.change_settings(desk, admin, {options.PORTAL_CA_FILE: str(not_pem)})
    with pytest.raises(options.InvalidSetting, match="không đọc được tệp chứng chỉ"):
        options.change_settings(desk, admin, {options.PORTAL_CA_FILE: str(tmp_path / "x.pem")})
    options.change_settings(desk, admin, {options.PORTAL_ADDRESS: "https://cong-moi.example/"})
    with desk.store.read() as session:
        state = get_setting(session, "portal")
    assert state == {"url": "https://cong-moi.example", "token": "t",
                     "office_code": desk.office_code}  # fmt: skip


def test_document_settings_keep_their_command_and_audit_each_typed_field(
    desk: Desk, admin: Actor
) -> None:
    after = set_document_settings(desk, admin, place="Tam Đường", phone="0213 3876 543",
                                  signers={"xin-loi": "Lò Văn A"})  # fmt: skip
    assert (after["place"], after["phone"], after["signers"]) == (
        "Tam Đường", "0213 3876 543", {"xin-loi": "Lò Văn A"})  # fmt: skip
    assert [r.subject for r in audit_rows(desk)] == ["papers.place", "office.phone"]
    assert len(audit_rows(desk, "settings.documents")) == 1  # the signers, as before
    with pytest.raises(options.InvalidSetting, match="Số điện thoại"):
        set_document_settings(desk, admin, phone="không có", place="Nơi khác")
    assert options.read_desk(desk, options.PLACE_NAME) == "Tam Đường"


def test_the_sync_record_loads_and_saves_typed(desk: Desk) -> None:
    with desk.store.read() as session:
        assert SyncRecord.load(session) == SyncRecord()
    record_sync(desk, False, "Không kết nối được cổng")
    first = desk.now()
    status = sync_status(desk)
    assert (status.online, status.last_error, status.last_success) == (
        False, "Không kết nối được cổng", None)  # fmt: skip
    assert status.last_attempt == first
    with desk.store.write() as session:  # a field a newer desk might add is kept
        put_setting(session, "sync_status", {**(get_setting(session, "sync_status") or {}),
                                             "backoff": 3})  # fmt: skip
    record_sync(desk, True)
    with desk.store.read() as session:
        record = SyncRecord.load(session)
    assert record.online is True and record.last_success == record.last_attempt == first
    assert record.last_error == "" and record.extra == {"backoff": 3}
    assert isinstance(record.last_attempt, datetime)
    assert record.last_attempt - first == timedelta(0)
