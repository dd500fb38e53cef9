"""Cài đặt có kiểu — the settings an administrator may change, each declared once.

An ``Option`` says where its value is kept (a row of the ``settings`` table and a path in
its JSON, so the rows earlier versions wrote are read as they are: the office's phone is
still ``documents.phone``), its type and default, its Vietnamese label and help, how a
value is checked, who may change it and whether every change is audited. :func:`read`
gives the typed value; :func:`change_settings` checks every value before writing any, then
writes them in one transaction with one audit entry per setting that changed. The
settings dialog builds its fields from ``OPTIONS``, so a new setting is one declaration
(as Electrum's ``ConfigVar`` and Picard's options do it).
"""

from __future__ import annotations

import re
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import time
from enum import StrEnum
from pathlib import Path
from typing import Any, Generic, TypeVar

from sqlalchemy.orm import Session

from desktop.core.accounts import Role
from desktop.core.lifecycle import DomainError
from desktop.services.audit import record_audit
from desktop.services.context import Actor, Desk
from desktop.services.dossiers import AccessDenied
from desktop.services.settings import get_setting, put_setting

T = TypeVar("T")


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # named for lupdate, which reads it
    """Mark a label or help for the English catalogue; Vietnamese is the source. (The
    services import no Qt: the dialog translates with this context, "options".)"""
    return source


ADMINISTRATOR_ONLY = frozenset({Role.ADMINISTRATOR})
AUDIT_ACTION = "settings.change"


class Group(StrEnum):
    """The tabs of the settings dialog, in their order."""

    OFFICE = "office"  # Cơ quan
    PAPERS = "papers"  # Giấy tờ in
    PRINTERS = "printers"  # Máy in
    INTERFACE = "interface"  # Giao diện
    BACKUP = "backup"  # Sao lưu
    PORTAL = "portal"  # Cổng dịch vụ công


class InvalidSetting(DomainError):
    """A value the option refuses; the message names the setting, in Vietnamese."""

    def __init__(self, option: Option[Any], problem: str) -> None:
        self.option = option
        super().__init__(f"{option.label}: {problem}")


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per setting
class Option(Generic[T]):
    key: str  # its name in the audit log and in tests: "office.phone"
    group: Group
    label: str
    help: str
    path: tuple[str, ...]  # the settings row, then the keys inside its JSON
    default: T
    audited: bool = True  # False: the window may also remember it as officers work
    changed_by: frozenset[Role] = ADMINISTRATOR_ONLY
    needs_row: bool = False  # only changed once the row exists (the portal's: enrolled)

    def parse(self, raw: object, row: Mapping[str, Any]) -> T:
        """``raw`` (stored JSON or what was typed) as this option's value, or InvalidSetting.
        ``row`` is the settings row it lives in, for checks that depend on its neighbours."""
        raise NotImplementedError

    def to_json(self, value: T) -> Any:
        return value

    def text(self, value: T) -> str:
        """The value as a field shows it and the audit log records it."""
        return str(value)

    def stored(self, value: T) -> dict[str, Any]:
        """The JSON fields (beside the option's own key) a value writes; most write one."""
        return {self.path[-1]: self.to_json(value)}


@dataclass(frozen=True, eq=False)
class TextOption(Option[str]):
    max_length: int = 200
    pattern: str = ""  # a regular expression a non-empty value must match whole
    pattern_help: str = ""  # what the pattern asks for, said to the administrator
    printed: bool = True  # printed text: runs of spaces closed up; a name (printer, file) kept

    def parse(self, raw: object, row: Mapping[str, Any]) -> str:
        if raw is None:
            return ""
        if not isinstance(raw, str):
            raise InvalidSetting(self, "phải là chữ.")
        if not self.printed and ("\n" in raw or "\r" in raw):
            raise InvalidSetting(self, "chỉ được một dòng.")
        # No line breaks or runs of spaces on a printed paper.
        value = " ".join(raw.split()) if self.printed else raw.strip()
        if len(value) > self.max_length:
            raise InvalidSetting(self, f"dài quá {self.max_length} ký tự.")
        if value and self.pattern and not re.fullmatch(self.pattern, value):
            raise InvalidSetting(self, f"{self.pattern_help} (nhận “{value}”).")
        return value


@dataclass(frozen=True, eq=False)
class NumberOption(Option[int]):
    minimum: int = 0
    maximum: int = 0
    unit: str = ""

    def parse(self, raw: object, row: Mapping[str, Any]) -> int:
        value: int | None = None
        if isinstance(raw, int) and not isinstance(raw, bool):
            value = raw
        elif isinstance(raw, str) and re.fullmatch(r"\s*-?\d{1,9}\s*", raw):
            value = int(raw)
        if value is None:
            raise InvalidSetting(self, f"phải là một số nguyên (nhận “{raw}”).")
        if not self.minimum <= value <= self.maximum:
            raise InvalidSetting(
                self, f"phải từ {self.minimum} đến {self.maximum} {self.unit} (nhận {value})."
            )
        return value


@dataclass(frozen=True, eq=False)
class ChoiceOption(Option[str]):
    choices: tuple[tuple[str, str], ...] = ()  # (stored value, what the administrator reads)

    def parse(self, raw: object, row: Mapping[str, Any]) -> str:
        known = dict(self.choices)
        if not isinstance(raw, str) or raw not in known:
            listed = ", ".join(known.values())
            raise InvalidSetting(self, f"chỉ chọn được {listed} (nhận “{raw}”).")
        return raw

    def text(self, value: str) -> str:
        return dict(self.choices).get(value, value)


@dataclass(frozen=True, eq=False)
class DailyTimeOption(Option[time | None]):
    """A time of day (``HH:MM``), or None: off."""

    def parse(self, raw: object, row: Mapping[str, Any]) -> time | None:
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        text = raw.strip() if isinstance(raw, str) else ""
        if not re.fullmatch(r"\d{1,2}:\d{2}", text):
            raise InvalidSetting(self, f"cần giờ dạng HH:MM, ví dụ 17:30 (nhận “{raw}”).")
        hours, minutes = (int(x) for x in text.split(":"))
        if hours > 23 or minutes > 59:
            raise InvalidSetting(self, f"không có giờ {text} trong ngày.")
        return time(hours, minutes)

    def to_json(self, value: time | None) -> str:
        return "" if value is None else value.strftime("%H:%M")

    def text(self, value: time | None) -> str:
        return self.to_json(value)


@dataclass(frozen=True, eq=False)
class PortalAddressOption(TextOption):
    def parse(self, raw: object, row: Mapping[str, Any]) -> str:
        from sync.client.transport import check_portal_url  # the one rule the sync applies

        value = super().parse(raw, row)
        if not value:
            raise InvalidSetting(self, "không được để trống khi bàn đã ghi danh.")
        try:
            return check_portal_url(value, bool(row.get("insecure_http")))
        except DomainError as exc:
            raise InvalidSetting(self, str(exc)) from None


@dataclass(frozen=True, eq=False)
class CertificateFileOption(TextOption):
    """The province's certificate authority: the file's path is shown, its PEM text is
    what the sync uses, copied in so that the file may later move or go."""

    def parse(self, raw: object, row: Mapping[str, Any]) -> str:
        value = super().parse(raw, row)
        if value:
            read_ca_pem(Path(value), self)
        return value

    def stored(self, value: str) -> dict[str, Any]:
        pem = read_ca_pem(Path(value), self) if value else None
        return {self.path[-1]: value, "ca_pem": pem}


def read_ca_pem(path: Path, option: Option[Any] | None = None) -> str:
    """The PEM text of the certificate authority in ``path``, refused unless it is one."""

    def refused(problem: str) -> DomainError:
        return InvalidSetting(option or PORTAL_CA_FILE, problem)

    try:
        pem = path.read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise refused(f"không đọc được tệp chứng chỉ {path}: {reason}.") from None
    try:
        if "-----BEGIN CERTIFICATE-----" not in pem:
            raise ValueError(pem[:40])
        ssl.create_default_context(cadata=pem)  # refused here rather than at every sync
    except (ssl.SSLError, ValueError):
        raise refused(f"tệp {path} không chứa chứng chỉ PEM hợp lệ.") from None
    return pem


# The declarations read as a table: one setting, one block.
# fmt: off
PHONE = r"\+?[0-9][0-9 .()-]{5,22}[0-9]"

OFFICE_PHONE = TextOption(
    "office.phone", Group.OFFICE,
    QT_TRANSLATE_NOOP("options", "Số điện thoại của bộ phận"),
    QT_TRANSLATE_NOOP(
        "options",
        "In trên giấy tờ (Mẫu 02 ghi: liên hệ theo số điện thoại này để được hướng dẫn)."),
    ("documents", "phone"), "", max_length=24, pattern=PHONE,
    pattern_help="chỉ gồm chữ số, dấu cách, dấu chấm, gạch ngang, ngoặc và dấu + ở đầu")
OFFICE_ADDRESS = TextOption(
    "office.address", Group.OFFICE,
    QT_TRANSLATE_NOOP("options", "Địa chỉ của bộ phận"),
    QT_TRANSLATE_NOOP("options", "In trên giấy tờ; để trống thì in địa chỉ của cơ quan."),
    ("documents", "address"), "", max_length=300)
PLACE_NAME = TextOption(
    "papers.place", Group.PAPERS,
    QT_TRANSLATE_NOOP("options", "Địa danh ở dòng ngày tháng"),
    QT_TRANSLATE_NOOP(
        "options",
        "Ví dụ “Tam Đường”; để trống: lấy từ địa chỉ cơ quan (xã, phường hoặc tỉnh)."),
    ("documents", "place"), "", max_length=60)
APOLOGY_SIGNER = TextOption(
    "papers.signer.apology", Group.PAPERS,
    QT_TRANSLATE_NOOP("options", "Người ký văn bản xin lỗi, hẹn lại"),
    QT_TRANSLATE_NOOP(
        "options", "Họ và tên người đứng đầu ký văn bản xin lỗi và hẹn lại ngày trả kết quả."),
    ("documents", "signers", "xin-loi"), "", max_length=80)
PRINTER_SLIP = TextOption(
    "printer.slip", Group.PRINTERS,
    QT_TRANSLATE_NOOP("options", "Máy in phiếu khổ A5"),
    QT_TRANSLATE_NOOP(
        "options",
        "Giấy tiếp nhận, phiếu bổ sung, từ chối, xin lỗi, kiểm soát; để trống: máy in mặc định."),
    ("printers", "slip"), "", audited=False, max_length=200, printed=False)
PRINTER_RECEIPT = TextOption(
    "printer.receipt", Group.PRINTERS,
    QT_TRANSLATE_NOOP("options", "Máy in biên lai"),
    QT_TRANSLATE_NOOP("options", "Biên lai thu phí, lệ phí; để trống: máy in mặc định."),
    ("printers", "receipt"), "", audited=False, max_length=200, printed=False)
PRINTER_REGISTER = TextOption(
    "printer.register", Group.PRINTERS,
    QT_TRANSLATE_NOOP("options", "Máy in sổ và biên bản khổ A4"),
    QT_TRANSLATE_NOOP(
        "options", "Sổ theo dõi hồ sơ, biên bản bàn giao ca; để trống: máy in mặc định."),
    ("printers", "register"), "", audited=False, max_length=200, printed=False)
LANGUAGE = ChoiceOption(
    "interface.language", Group.INTERFACE,
    QT_TRANSLATE_NOOP("options", "Ngôn ngữ giao diện"),
    QT_TRANSLATE_NOOP("options", "Áp dụng từ lần mở bàn sau."),
    ("ui", "language"), "vi", audited=False, choices=(("vi", "Tiếng Việt"), ("en", "English")))
FONT_SIZE = NumberOption(
    "interface.font_size", Group.INTERFACE,
    QT_TRANSLATE_NOOP("options", "Cỡ chữ"),
    QT_TRANSLATE_NOOP("options", "Cỡ chữ của cửa sổ, theo điểm; áp dụng từ lần mở bàn sau."),
    ("ui", "font_size"), 10, minimum=8, maximum=18, unit="điểm")
IDLE_LOCK = NumberOption(
    "interface.lock_minutes", Group.INTERFACE,
    QT_TRANSLATE_NOOP("options", "Tự khoá sau"),
    QT_TRANSLATE_NOOP("options", "Số phút không gõ phím, không bấm chuột trước khi bàn tự khoá."),
    ("ui", "lock_after_minutes"), 10, minimum=1, maximum=240, unit="phút")
BACKUP_TIME = DailyTimeOption(
    "backup.daily_at", Group.BACKUP,
    QT_TRANSLATE_NOOP("options", "Sao lưu hằng ngày lúc"),
    QT_TRANSLATE_NOOP(
        "options",
        "Giờ sao lưu cơ sở dữ liệu mỗi ngày, dạng HH:MM; để trống: không sao lưu tự động."),
    ("backup", "daily_at"), None)
SCAN_RETENTION = NumberOption(
    "retention.scan_months", Group.BACKUP,
    QT_TRANSLATE_NOOP("options", "Lưu bản quét của hồ sơ đã trả kết quả (tháng)"),
    QT_TRANSLATE_NOOP(
        "options",
        "Quá số tháng này kể từ khi trả kết quả, bản quét đã có trên cổng được xoá khỏi máy "
        "(motcua scans purge); 0: giữ mãi."),
    ("retention", "scan_months"), 0, minimum=0, maximum=240, unit="tháng")
PORTAL_ADDRESS = PortalAddressOption(
    "portal.url", Group.PORTAL,
    QT_TRANSLATE_NOOP("options", "Địa chỉ cổng dịch vụ công"),
    QT_TRANSLATE_NOOP(
        "options",
        "Ví dụ https://dichvucong.laichau.gov.vn; đặt khi ghi danh bàn, đổi khi cổng chuyển máy."),
    ("portal", "url"), "", needs_row=True, max_length=300, printed=False)
PORTAL_CA_FILE = CertificateFileOption(
    "portal.ca_file", Group.PORTAL,
    QT_TRANSLATE_NOOP("options", "Chứng chỉ gốc (CA) của tỉnh"),
    QT_TRANSLATE_NOOP(
        "options",
        "Tệp .pem để xác minh cổng https của tỉnh; để trống: các tổ chức chứng thực công cộng."),
    ("portal", "ca_file"), "", needs_row=True, max_length=500, printed=False)

OPTIONS: tuple[Option[Any], ...] = (
    OFFICE_PHONE, OFFICE_ADDRESS, PLACE_NAME, APOLOGY_SIGNER, PRINTER_SLIP, PRINTER_RECEIPT,
    PRINTER_REGISTER, LANGUAGE, FONT_SIZE, IDLE_LOCK, BACKUP_TIME, SCAN_RETENTION,
    PORTAL_ADDRESS, PORTAL_CA_FILE,
)
# fmt: on
PRINTERS = {"slip": PRINTER_SLIP, "receipt": PRINTER_RECEIPT, "register": PRINTER_REGISTER}


def option_named(key: str) -> Option[Any]:
    for option in OPTIONS:
        if option.key == key:
            return option
    raise KeyError(key)


# --- reading and writing ------------------------------------------------------------------


_MISSING = object()


def _row(session: Session, option: Option[Any]) -> dict[str, Any] | None:
    return get_setting(session, option.path[0])


def _lookup(row: Mapping[str, Any], keys: tuple[str, ...]) -> object:
    found: object = row
    for key in keys:
        if not isinstance(found, Mapping) or key not in found:
            return _MISSING
        found = found[key]
    return found


def read(session: Session, option: Option[T]) -> T:
    """The option's value; its default when none was set, or when the stored one is not
    one it would accept (a hand-edited file must not stop the desk from opening)."""
    row = _row(session, option) or {}
    raw = _lookup(row, option.path[1:])
    if raw is _MISSING:
        return option.default
    try:
        return option.parse(raw, row)
    except InvalidSetting:
        return option.default


def read_desk(desk: Desk, option: Option[T]) -> T:
    with desk.store.read() as session:
        return read(session, option)


def has_own_authority(session: Session) -> bool:
    """Whether the sync checks the portal against a certificate authority of the province's
    own (copied in at enrolment with ``motcua enrol --ca-file``, or set here)."""
    return bool((get_setting(session, "portal") or {}).get("ca_pem"))


def _write(session: Session, option: Option[T], value: T) -> None:
    row = dict(_row(session, option) or {})
    inner = row
    for key in option.path[1:-1]:  # nested rows are copied, never shared with the old value
        nested = inner.get(key)
        inner[key] = dict(nested) if isinstance(nested, Mapping) else {}
        inner = inner[key]
    inner.update(option.stored(value))
    put_setting(session, option.path[0], row)


def check(session: Session, changes: Mapping[Option[Any], object]) -> dict[Option[Any], Any]:
    """Every value parsed, or InvalidSetting for the first one refused; nothing written."""
    parsed: dict[Option[Any], Any] = {}
    for option, raw in changes.items():
        row = _row(session, option)
        if option.needs_row and row is None:
            raise InvalidSetting(option, "bàn chưa ghi danh với cổng; đặt khi ghi danh bàn.")
        parsed[option] = option.parse(raw, row or {})
    return parsed


def change_settings(
    desk: Desk, actor: Actor, changes: Mapping[Option[Any], object]
) -> list[Option[Any]]:
    """Change several settings at once: all are checked first, and if one is refused none
    is written. Each one that really changed gets its own audit entry (before → after).
    Returns the options that changed."""
    with desk.store.write() as session:
        return apply_changes(session, desk, actor, changes)


def apply_changes(
    session: Session, desk: Desk, actor: Actor, changes: Mapping[Option[Any], object]
) -> list[Option[Any]]:
    """:func:`change_settings` inside the caller's transaction."""
    refused = [o.label for o in changes if actor.role not in o.changed_by]
    if refused:
        raise AccessDenied(f"Chỉ quản trị hệ thống được thay đổi cài đặt ({', '.join(refused)}).")
    changed: list[Option[Any]] = []
    for option, value in check(session, changes).items():
        before = read(session, option)
        if before == value:
            continue
        _write(session, option, value)
        record_audit(session, desk, actor, AUDIT_ACTION, option.key,
                     {"value": option.text(before)}, {"value": option.text(value)})  # fmt: skip
        changed.append(option)
    return changed


def remember(desk: Desk, option: Option[T], value: object) -> T:
    """What the window learns as officers work (the printer last used for a kind, the
    language picked from the menu): checked, written without an audit entry. Only options
    declared ``audited=False`` may be written this way."""
    if option.audited:
        raise ValueError(f"{option.key} is audited: change it with change_settings()")
    with desk.store.write() as session:
        value_t: T = check(session, {option: value})[option]
        _write(session, option, value_t)
    return value_t
