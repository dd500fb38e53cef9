"""Lần chạy đầu tiên — from an empty folder to a desk with its administrator's account.

Shown when the desk's database does not exist. The administrator either connects the desk
to the province's portal (its address and the one-time enrolment code the portal's
administrator gave) or builds the demo desk to learn on; then makes their own account.

The database is built in a folder of its own beside the final file (``.desk.db.dang-tao``)
and moved into place only when the account is made: cancelled, failed or killed midway,
no half-made database is left where the desk looks for one (the next start clears the
folder and begins again).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop.core.accounts import Role
from desktop.core.lifecycle import DomainError
from desktop.services.accounts import add_officer, login
from desktop.services.context import Actor
from desktop.services.options import read_ca_pem
from desktop.services.settings import open_desk
from desktop.store.db import Store, StoreError, open_store
from desktop.store.keys import KEY_FILE_TAIL
from desktop.ui.errors import describe
from desktop.ui.passphrase import choose_passphrase
from desktop.ui.safe_text import plain
from desktop.ui.workers import PoolWorkers, Workers

DEMO_DOSSIERS = 150  # enough to learn on; built in about half a minute on an office PC
CHOICE, PORTAL, DEMO, ACCOUNT = range(4)
SIDE_FILES = ("-wal", "-shm", "-journal", KEY_FILE_TAIL)  # moved with it: the key file too


def building_folder(database: Path) -> Path:
    """Where the database is built before it is moved to ``database``."""
    return database.parent / f".{database.name}.dang-tao"


def attachments_of(database: Path) -> Path:
    return database.parent / f"{database.stem}.tep-dinh-kem"  # as ScanStore.beside names it


class _Progress(QObject):
    """Carries the demo's progress from the worker thread to the page (queued signal)."""

    moved = Signal(int, int)


class FirstRunWizard(QWizard):
    """The first-run wizard. ``accepted`` once the database is in place with its
    administrator's account; ``username`` is then that account's."""

    def __init__(
        self,
        database: Path,
        workers: Workers | None = None,
        parent: QWidget | None = None,
        demo_dossiers: int = DEMO_DOSSIERS,
        demo_now: datetime | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = Path(database)
        self.workers = workers or PoolWorkers()
        self.demo_dossiers, self.demo_now = demo_dossiers, demo_now
        self.store: Store | None = None  # the database being built, once it has begun
        self.creator: Actor | None = None  # who adds the first account (the demo's admin)
        self.username = ""
        self.busy = False
        self.cancelled = False
        self.setObjectName("first_run")
        self.setWindowTitle(self.tr("MotCua Desk — Bắt đầu"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("Tiếp theo >"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< Quay lại"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Huỷ"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Hoàn tất"))
        self.choice = ChoicePage()
        self.portal = PortalPage()
        self.demo = DemoPage()
        self.account = AccountPage()
        for page_id, page in ((CHOICE, self.choice), (PORTAL, self.portal), (DEMO, self.demo),
                              (ACCOUNT, self.account)):  # fmt: skip
            self.setPage(page_id, page)
        self.setStartId(CHOICE)
        self.resize(620, 440)
        self.clear_leftovers()

    # --- the database being built ----------------------------------------------------------
    def clear_leftovers(self) -> None:
        """A folder an earlier run left (killed midway): it never became the database."""
        shutil.rmtree(building_folder(self.database), ignore_errors=True)

    def new_store(self, *, demo: bool) -> Store:
        """The new database, encrypted (its key in the keystore, or under the passphrase
        asked before, or for demo data the published demo passphrase)."""
        folder = building_folder(self.database)
        folder.mkdir(parents=True, exist_ok=True)
        return open_store(folder / self.database.name, create=True, encrypt=True, demo=demo)

    def reject(self) -> None:
        self.cancelled = True
        super().reject()
        self.discard()

    def abandon(self) -> None:
        """After the wizard was cancelled and its event loop has ended: a step still running
        is let finish (it writes only inside the folder being built), then all it built
        goes."""
        if isinstance(self.workers, PoolWorkers):
            self.workers.pool.waitForDone()
        self.busy = False
        self.discard()

    def discard(self) -> None:
        """Cancelled or failed: the database being built goes, nothing is left."""
        if self.busy:  # the worker still writes in it: discarded when it reports back
            return
        if self.store is not None:
            self.store.engine.dispose()
            self.store = None
        self.clear_leftovers()

    def move_into_place(self) -> None:
        """The built database becomes the desk's: its attachments first, the file last (the
        file's presence is what says a desk exists)."""
        assert self.store is not None
        built = self.store.path
        self.store.close()
        self.store = None
        if self.database.exists():
            raise StoreError(f"Đã có cơ sở dữ liệu {self.database}; không ghi đè.")
        scans = attachments_of(built)
        if scans.is_dir():
            target = attachments_of(self.database)
            if target.exists():  # left by a desk whose database is gone: scans by hash, kept
                shutil.copytree(scans, target, dirs_exist_ok=True)
            else:
                os.replace(scans, target)
        for tail in SIDE_FILES:
            side = built.with_name(built.name + tail)
            if side.exists():
                os.replace(side, self.database.with_name(self.database.name + tail))
        os.replace(built, self.database)
        self.clear_leftovers()

    def run(self, page: WizardStep, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """``work`` off the UI thread with ``page`` showing it is busy; then ``done`` on the
        UI thread, or the error said on the page (and what was being built discarded when
        the page says so)."""
        self._set_busy(page, True)

        def finished(value: Any) -> None:
            self._set_busy(page, False)
            if self.cancelled:  # the window was closed while the work ran
                self.discard()
                return
            done(value)

        def failed(exc: BaseException) -> None:
            self._set_busy(page, False)
            if self.cancelled:
                self.discard()
                return
            page.failed(exc)

        self.workers.submit(work, finished, failed)

    def _set_busy(self, page: WizardStep, busy: bool) -> None:
        self.busy = busy
        page.set_busy(busy)
        for button in (QWizard.WizardButton.CancelButton, QWizard.WizardButton.BackButton):
            self.button(button).setEnabled(not busy)

    def go_on(self) -> None:
        QTimer.singleShot(0, self.next)  # after validatePage has returned


class WizardStep(QWizardPage):
    """A page whose step runs in the background: a status line, a busy bar, the error."""

    def __init__(self) -> None:
        super().__init__()
        self.done_once = False  # the step has run: Next now simply moves on
        self.status = plain(QLabel())
        self.status.setObjectName("status")
        self.status.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.hide()

    def wizard_(self) -> FirstRunWizard:
        found = self.wizard()
        assert isinstance(found, FirstRunWizard)
        return found

    def set_busy(self, busy: bool) -> None:
        self.bar.setVisible(busy)
        for child in self.findChildren(QLineEdit):
            child.setEnabled(not busy)

    def say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b3261e" if error else "")
        self.status.setText(text)

    def failed(self, exc: BaseException) -> None:
        self.wizard_().discard()
        self.say(explain(exc), error=True)


def explain(exc: BaseException) -> str:
    """What went wrong, for the one setting up the desk; a bug is raised on."""
    from sync.client.transport import PortalRefused, PortalUnreachable

    if isinstance(exc, PortalUnreachable):
        return QCoreApplication.translate(
            "FirstRun", "Không kết nối được cổng dịch vụ công ({problem}). Hãy kiểm tra địa chỉ "
            "cổng và kết nối mạng rồi bấm Tiếp theo để thử lại; hoặc quay lại chọn dữ liệu mẫu."
        ).format(problem=exc)  # fmt: skip
    if isinstance(exc, PortalRefused):
        return QCoreApplication.translate(
            "FirstRun", "Cổng dịch vụ công không nhận mã ghi danh ({detail}). Mã chỉ dùng được "
            "một lần và có hạn: hãy xin quản trị cổng một mã mới."
        ).format(detail=exc.detail)  # fmt: skip
    described = describe(exc)
    if described is None:
        raise exc
    return described[1]


class ChoicePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Chào mừng đến MotCua Desk"))
        self.setSubTitle(self.tr("Bàn làm việc này chưa có dữ liệu. Hãy chọn cách bắt đầu."))
        self.connect_portal = QRadioButton(self.tr("Kết nối với cổng dịch vụ công của tỉnh"))
        self.connect_portal.setObjectName("choose_portal")
        self.use_demo = QRadioButton(self.tr("Dùng dữ liệu mẫu để làm quen"))
        self.use_demo.setObjectName("choose_demo")
        self.connect_portal.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.connect_portal)
        group.addButton(self.use_demo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.connect_portal)
        layout.addWidget(_note(self.tr(
            "Cần địa chỉ cổng và mã ghi danh một lần do quản trị cổng cấp (lệnh motcua portal "
            "enrol-desk). Hồ sơ, danh mục thủ tục và tài khoản cán bộ được tải từ cổng."
        )))  # fmt: skip
        layout.addWidget(self.use_demo)
        layout.addWidget(_note(self.tr(
            "Một cơ quan mẫu với hồ sơ mẫu, để tập các thao tác; không gửi gì lên cổng. Khi "
            "dùng thật, hãy cài lại bàn vào một tệp mới và kết nối với cổng.")))  # fmt: skip
        layout.addStretch(1)

    def nextId(self) -> int:
        return DEMO if self.use_demo.isChecked() else PORTAL


class PortalPage(WizardStep):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Kết nối với cổng dịch vụ công"))
        self.setSubTitle(self.tr("Nhập địa chỉ cổng của tỉnh và mã ghi danh một lần của bàn."))
        self.address = QLineEdit()
        self.address.setObjectName("portal_address")
        self.address.setPlaceholderText("https://dichvucong.laichau.gov.vn")
        self.code = QLineEdit()
        self.code.setObjectName("enrolment_code")
        self.desk_name = QLineEdit()
        self.desk_name.setObjectName("desk_name")
        self.desk_name.setPlaceholderText(self.tr("ví dụ Quầy 1"))
        self.ca_file = QLineEdit()
        self.ca_file.setObjectName("ca_file")
        self.ca_file.setPlaceholderText(self.tr("khi tỉnh tự cấp chứng chỉ cho cổng https"))
        form = QFormLayout(self)
        form.addRow(self.tr("Địa chỉ cổng"), self.address)
        form.addRow(self.tr("Mã ghi danh"), self.code)
        form.addRow(self.tr("Tên bàn"), self.desk_name)
        form.addRow(self.tr("Chứng chỉ gốc (CA)"), self.ca_file)
        form.addRow(self.bar)
        form.addRow(self.status)

    def nextId(self) -> int:
        return ACCOUNT

    def validatePage(self) -> bool:
        if self.done_once:
            return True
        wizard = self.wizard_()
        if wizard.busy:
            return False
        url, code = self.address.text().strip(), self.code.text().strip()
        if not url or not code:
            self.say(self.tr("Hãy nhập cả địa chỉ cổng và mã ghi danh."), error=True)
            return False
        name, ca_file = self.desk_name.text().strip(), self.ca_file.text().strip()
        if not choose_passphrase(self):  # no keystore here: the database's passphrase first
            return False
        self.say(self.tr("Đang kết nối với cổng {url}…").format(url=url))

        def enrol() -> Store:
            from sync.client.engine import enrol_desk
            from sync.client.transport import check_portal_url

            check_portal_url(url)  # before a file is made
            ca_pem = read_ca_pem(Path(ca_file)) if ca_file else None
            store = wizard.new_store(demo=False)
            wizard.store = store
            enrol_desk(store, url, code, name, ca_pem=ca_pem)
            return store

        def enrolled(store: Store) -> None:
            self.done_once = True
            wizard.creator = None  # the desk's first account: no one else exists yet
            self.say(self.tr("Đã ghi danh bàn với cổng."))
            wizard.go_on()

        wizard.run(self, enrol, enrolled)
        return False


class DemoPage(WizardStep):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Dữ liệu mẫu"))
        self.setSubTitle(self.tr("Tạo một bàn mẫu để làm quen với MotCua Desk."))
        self.progress = _Progress()
        self.progress.moved.connect(self._moved)
        layout = QVBoxLayout(self)
        layout.addWidget(_note(self.tr(
            "Bấm Tiếp theo để tạo Trung tâm Phục vụ hành chính công mẫu với hồ sơ mẫu ở mọi "
            "bước xử lý. Việc này mất khoảng nửa phút. Tài khoản mẫu (quantri, lanhdao, canbo1, "
            "canbo2) có mật khẩu là tên đăng nhập thêm “-demo”.")))  # fmt: skip
        layout.addWidget(self.bar)
        layout.addWidget(self.status)
        layout.addStretch(1)

    def nextId(self) -> int:
        return ACCOUNT

    def _moved(self, done: int, total: int) -> None:
        self.bar.setRange(0, total)
        self.bar.setValue(done)

    def validatePage(self) -> bool:
        if self.done_once:
            return True
        wizard = self.wizard_()
        if wizard.busy:
            return False
        self.say(self.tr("Đang tạo dữ liệu mẫu…"))
        progress = self.progress

        def build() -> Actor:
            from desktop.services.demo import DEMO_OFFICERS, build_demo

            store = wizard.new_store(demo=True)
            wizard.store = store
            build_demo(store, wizard.demo_dossiers, now=wizard.demo_now,
                       progress=progress.moved.emit)  # fmt: skip
            username, _name, _role, password = DEMO_OFFICERS[0]
            # The demo's administrator adds the real one, as any later account is added.
            return login(open_desk(store), username, password)

        def built(creator: Actor) -> None:
            self.done_once = True
            wizard.creator = creator
            self.say(self.tr("Đã tạo dữ liệu mẫu."))
            wizard.go_on()

        wizard.run(self, build, built)
        return False


class AccountPage(WizardStep):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Tài khoản quản trị"))
        self.setSubTitle(self.tr("Tạo tài khoản quản trị hệ thống của bạn trên bàn này."))
        self.full_name = QLineEdit()
        self.full_name.setObjectName("full_name")
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.again = QLineEdit()
        self.again.setObjectName("password_again")
        for field in (self.password, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout(self)
        form.addRow(self.tr("Họ và tên"), self.full_name)
        form.addRow(self.tr("Tên đăng nhập"), self.username)
        form.addRow(self.tr("Mật khẩu"), self.password)
        form.addRow(self.tr("Nhập lại mật khẩu"), self.again)
        form.addRow(_note(self.tr("Mật khẩu có ít nhất 8 ký tự. Tên đăng nhập gồm chữ không dấu, "
                                  "số, dấu chấm hoặc gạch dưới.")))  # fmt: skip
        form.addRow(self.bar)
        form.addRow(self.status)
        self.setFinalPage(True)

    def nextId(self) -> int:
        return -1

    def failed(self, exc: BaseException) -> None:
        # A refused name or password is fixed on this page: the data built so far is kept.
        self.say(explain(exc), error=True)

    def validatePage(self) -> bool:
        if self.done_once:
            return True
        wizard = self.wizard_()
        if wizard.busy or wizard.store is None:
            return False
        if self.password.text() != self.again.text():
            self.say(self.tr("Hai lần nhập mật khẩu không khớp."), error=True)
            self.again.clear()
            self.again.setFocus()
            return False
        store, creator = wizard.store, wizard.creator
        name, username, password = (self.full_name.text(), self.username.text(),
                                    self.password.text())  # fmt: skip

        def make() -> str:
            desk = open_desk(store)
            actor = add_officer(desk, creator, username, name, Role.ADMINISTRATOR, password)
            return actor.username

        def made(username: str) -> None:
            try:
                wizard.move_into_place()
            except (OSError, DomainError, StoreError) as exc:
                wizard.discard()
                self.say(explain(exc), error=True)
                return
            self.done_once = True
            wizard.username = username
            QTimer.singleShot(0, wizard.accept)  # after validatePage has returned

        wizard.run(self, make, made)
        return False


def _note(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: #5f6368; margin-left: 22px")
    return label
