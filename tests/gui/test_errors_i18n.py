"""Language, fonts, the officer's error dialogs and crash reports (offscreen Qt)."""

from __future__ import annotations

import errno
import socket
import sqlite3
import ssl
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import TracebackType

import pytest
import requests
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics, QRawFont
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.core.lifecycle import DomainError
from desktop.services.context import Desk
from desktop.store.db import StoreError
from desktop.ui import errors, i18n
from sync.client.transport import PortalCertificateError, PortalUnreachable, Transport

NAME = "Nguyễn Thị Hằng"
VIETNAMESE = "ắầẩẫậơưđĐỳỹỷỵ"


@pytest.fixture
def english(qapp: QApplication) -> Iterator[list[QTranslator]]:
    translators = i18n.install_language(qapp, "en")
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)


def exc_info(exc: BaseException) -> tuple[type[BaseException], BaseException, TracebackType]:
    try:
        raise exc
    except BaseException as caught:
        assert caught.__traceback__ is not None
        return type(caught), caught, caught.__traceback__


def close(box: QMessageBox | None) -> None:
    assert box is not None
    box.done(0)


def open_boxes(name: str) -> list[QMessageBox]:
    return [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and w.objectName() == name and w.isVisible()
    ]


# --- language ---------------------------------------------------------------------------


def test_english_translates_the_login_dialog_and_removing_it_restores_vietnamese(
    qapp: QApplication, english: list[QTranslator]
) -> None:
    assert english and QCoreApplication.translate("LoginDialog", "Đăng nhập") == "Log in"
    assert QCoreApplication.translate("MainWindow", "Tất cả hồ sơ") == "All dossiers"
    for translator in english:
        qapp.removeTranslator(translator)
    assert QCoreApplication.translate("LoginDialog", "Đăng nhập") == "Đăng nhập"


def test_vietnamese_needs_no_catalogue_and_unknown_languages_are_refused(
    qapp: QApplication,
) -> None:
    translators = i18n.install_language(qapp, "vi")
    try:
        assert QCoreApplication.translate("LoginDialog", "Đăng nhập") == "Đăng nhập"
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
    with pytest.raises(ValueError, match=r"'fr'.*vi.*en"):
        i18n.install_language(qapp, "fr")


def test_language_choice_is_kept_in_the_desk_settings(desk: Desk) -> None:
    assert i18n.language_setting(desk) == "vi"
    i18n.set_language(desk, "en")
    assert i18n.language_setting(desk) == "en"
    with pytest.raises(ValueError):
        i18n.set_language(desk, "fr")
    assert i18n.language_setting(desk) == "en"


# --- fonts ------------------------------------------------------------------------------


def test_shipped_dejavu_sans_is_registered_and_has_every_vietnamese_letter(
    qapp: QApplication,
) -> None:
    family = i18n.install_fonts()
    assert family == "DejaVu Sans" and family in QFontDatabase.families()
    assert family in i18n.registered_fonts()["DejaVuSans.ttf"]
    assert "DejaVuSans-Bold.ttf" in i18n.registered_fonts()
    shipped = QRawFont(str(i18n.fonts_dir() / "DejaVuSans.ttf"), 12)
    metrics = QFontMetrics(QFont(family, 10))
    for letter in NAME + VIETNAMESE:
        assert shipped.supportsCharacter(ord(letter)), letter  # str overload: Latin-1 only
        assert metrics.inFontUcs4(ord(letter)), letter
    before = qapp.font()
    try:
        assert i18n.apply_ui_font(qapp, family).family() == family
        assert qapp.font().family() == family and qapp.font().pointSize() == 10
    finally:
        qapp.setFont(before)


# --- describe(): what the officer is told -----------------------------------------------


def test_a_full_disk(qapp: QApplication) -> None:
    described = errors.describe(OSError(errno.ENOSPC, "No space left on device"))
    assert described is not None
    title, message = described
    assert title == "Ổ đĩa đã đầy"
    assert message.startswith("Ổ đĩa đã đầy: không ghi được dữ liệu. Hãy giải phóng dung lượng")
    assert message.endswith("data already saved is not lost.")  # the English line after
    full = sqlite3.OperationalError("database or disk is full")
    assert (errors.describe(full) or ("",))[0] == "Ổ đĩa đã đầy"


def test_a_database_locked_by_another_connection(tmp_path: Path) -> None:
    path = tmp_path / "khoa.db"
    holder = sqlite3.connect(path, isolation_level=None)
    other = sqlite3.connect(path, isolation_level=None, timeout=0)
    try:
        holder.execute("CREATE TABLE t (x)")
        holder.execute("BEGIN IMMEDIATE")  # holds the write lock
        with pytest.raises(sqlite3.OperationalError) as caught:
            other.execute("INSERT INTO t VALUES (1)")
    finally:
        holder.rollback()
        holder.close()
        other.close()
    described = errors.describe(caught.value)
    assert described is not None and described[0] == "Cơ sở dữ liệu đang bận"
    # The store wraps it (raise … from): the cause still decides.
    wrapped = StoreError("Cơ sở dữ liệu đang bị chương trình khác khoá, vui lòng thử lại.")
    wrapped.__cause__ = caught.value
    assert (errors.describe(wrapped) or ("",))[0] == "Cơ sở dữ liệu đang bận"


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port  # nothing listens there any more


def test_the_portal_unreachable(closed_port: int) -> None:
    url = f"http://127.0.0.1:{closed_port}"
    with requests.Session() as session, pytest.raises(requests.ConnectionError) as caught:
        session.get(url + "/", timeout=5)
    described = errors.describe(caught.value)
    assert described is not None and described[0] == "Không kết nối được cổng dịch vụ công"
    transport = Transport(url, attempts=1)
    try:
        with pytest.raises(PortalUnreachable) as gave_up:
            transport.get("/api/ping")
    finally:
        transport.session.close()
    assert (errors.describe(gave_up.value) or ("",))[0] == "Không kết nối được cổng dịch vụ công"
    assert (errors.describe(requests.ReadTimeout("stalled")) or ("",))[0] == described[0]


def test_a_certificate_that_does_not_verify() -> None:
    refused = ssl.SSLCertVerificationError(
        1, "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: self-signed certificate"
    )
    for exc in (
        refused,
        requests.exceptions.SSLError(refused),  # a ConnectionError, yet not "the network"
        PortalCertificateError("Chứng chỉ của cổng https://x không được tin cậy"),
    ):
        described = errors.describe(exc)
        assert described is not None and described[0] == "Lỗi chứng chỉ bảo mật", exc


def test_domain_errors_are_said_as_they_are_and_bugs_are_not_described() -> None:
    rule = DomainError("Hồ sơ đã được trả kết quả, không thể bổ sung.")
    assert errors.describe(rule) == ("Không thực hiện được", str(rule))
    assert errors.describe(RuntimeError("bug")) is None
    assert errors.describe(OSError(errno.EACCES, "Permission denied")) is None
    # An unrelated error raised while handling a full disk is still a bug.
    try:
        try:
            raise OSError(errno.ENOSPC, "No space left on device")
        except OSError:
            raise KeyError("oops") from None
    except KeyError as bug:
        assert errors.describe(bug) is None


def test_english_ui_shows_english_once(english: list[QTranslator]) -> None:
    described = errors.describe(OSError(errno.ENOSPC, "full"))
    assert described is not None
    assert described[0] == "Disk full"
    assert described[1].startswith("The disk is full") and "Ổ đĩa" not in described[1]
    assert described[1].count("The disk is full") == 1


def test_show_error_opens_a_dialog_without_blocking(qtbot: QtBot) -> None:
    box = errors.show_error(None, OSError(errno.ENOSPC, "No space left on device"))
    try:
        assert box.objectName() == "error_dialog" and box.isVisible()
        assert box.text() == "Ổ đĩa đã đầy" and "giải phóng dung lượng" in box.informativeText()
        assert box.icon() == QMessageBox.Icon.Warning
    finally:
        close(box)


# --- crash reports ----------------------------------------------------------------------


def a_bug() -> None:
    raise RuntimeError("lỗi lập trình thử nghiệm")


def test_a_crash_writes_a_report_and_says_where(qtbot: QtBot, tmp_path: Path) -> None:
    try:
        a_bug()
    except RuntimeError as exc:
        assert exc.__traceback__ is not None
        info = (RuntimeError, exc, exc.__traceback__)
    box = errors.handle_exception(*info, report_dir=tmp_path / "bao-cao-loi")
    try:
        reports = list((tmp_path / "bao-cao-loi").glob("crash-*.txt"))
        assert len(reports) == 1
        assert reports[0].name.startswith("crash-") and reports[0].name.endswith(".txt")
        text = reports[0].read_text("utf-8")
        assert "Traceback (most recent call last)" in text and "in a_bug" in text
        assert "RuntimeError: lỗi lập trình thử nghiệm" in text
        assert "Python:" in text and "Qt:" in text and "Phiên bản / Version:" in text
        assert box is not None and box.objectName() == "crash_dialog" and box.isVisible()
        assert box.icon() == QMessageBox.Icon.Critical
        assert str(reports[0]) in box.informativeText()
        assert "hãy gửi tệp này cho bộ phận kỹ thuật" in box.informativeText()
        assert "in a_bug" in box.detailedText()
    finally:
        close(box)


def test_a_second_crash_in_the_same_second_keeps_the_first_report(tmp_path: Path) -> None:
    info = exc_info(RuntimeError("một"))
    first = errors.write_crash_report(tmp_path, info)
    second = errors.write_crash_report(tmp_path, exc_info(RuntimeError("hai")))
    assert first != second and "một" in first.read_text("utf-8")


def test_a_report_that_cannot_be_saved_is_shown_in_full(qtbot: QtBot, tmp_path: Path) -> None:
    blocked = tmp_path / "bao-cao-loi"
    blocked.write_text("a file where the folder should be")
    box = errors.handle_exception(*exc_info(RuntimeError("lỗi")), report_dir=blocked)
    try:
        assert box is not None and box.objectName() == "crash_dialog"
        assert "không lưu được báo cáo lỗi" in box.informativeText()
        assert "RuntimeError: lỗi" in box.detailedText()
    finally:
        close(box)


def test_an_environment_error_reaching_the_hook_is_shown_not_saved(
    qtbot: QtBot, tmp_path: Path
) -> None:
    previous = errors.install_crash_handler(tmp_path, wait_outside_loop=False)
    try:
        sys.excepthook(*exc_info(OSError(errno.ENOSPC, "No space left on device")))
    finally:
        previous.restore()
    assert sys.excepthook is previous.excepthook
    assert threading.excepthook is previous.threading_excepthook
    assert list(tmp_path.iterdir()) == []
    boxes = open_boxes("error_dialog")
    assert len(boxes) == 1 and boxes[0].text() == "Ổ đĩa đã đầy"
    close(boxes[0])


def test_a_crash_on_a_worker_thread_is_reported_on_the_gui_thread(
    qtbot: QtBot, tmp_path: Path
) -> None:
    previous = errors.install_crash_handler(tmp_path, wait_outside_loop=False)
    try:
        worker = threading.Thread(target=a_bug, name="in-hang-loat")
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: len(open_boxes("crash_dialog")) == 1, timeout=5000)
    finally:
        previous.restore()
    (report,) = tmp_path.glob("crash-*.txt")
    assert "Luồng / Thread: in-hang-loat" in report.read_text("utf-8")
    close(open_boxes("crash_dialog")[0])


# --- the catalogues ---------------------------------------------------------------------


def catalogue(language: str) -> Path:
    return i18n.translations_dir() / f"motcua_{language}.ts"


@pytest.mark.parametrize("language", sorted(i18n.LANGUAGES))
def test_each_catalogue_parses_and_its_compiled_form_is_current(
    qapp: QApplication, language: str
) -> None:
    root = ET.parse(catalogue(language)).getroot()
    assert root.tag == "TS" and root.get("language") == language
    translator = QTranslator()
    assert translator.load(str(catalogue(language).with_suffix(".qm")))
    # Every finished translation of the .ts is in the .qm (lrelease was run after editing).
    for context in root.iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None
            if translation.get("type") is None and translation.text:
                source = message.findtext("source", "")
                assert translator.translate(name, source) == translation.text, source


def test_the_login_dialog_is_fully_translated_into_english() -> None:
    root = ET.parse(catalogue("en")).getroot()
    login = [c for c in root.iter("context") if c.findtext("name") == "LoginDialog"]
    assert login, "LoginDialog strings missing from motcua_en.ts: run scripts/translations"
    for message in login[0].iter("message"):
        translation = message.find("translation")
        assert translation is not None and translation.get("type") is None
        assert translation.text, message.findtext("source")
