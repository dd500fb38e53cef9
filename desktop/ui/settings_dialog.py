"""Cài đặt — the administrator's settings dialog, its fields made from the registry.

Each tab is a group of ``desktop.services.options``; each field is made from its option
(a number, a choice, a time, a printer, a file), with the option's help below it. Saving
hands every changed field to ``change_settings``: a value the registry refuses is said in
the dialog, on its tab, and nothing is written; Cancel writes nothing.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.core.accounts import Role
from desktop.core.lifecycle import DomainError
from desktop.services import options
from desktop.services.context import Actor, Desk
from desktop.services.documents import office_place
from desktop.services.dossiers import AccessDenied
from desktop.services.sync_status import is_enrolled
from desktop.store.models import Office
from desktop.ui.errors import show_error
from desktop.ui.i18n import QT_TRANSLATE_NOOP
from desktop.ui.safe_text import plain

TABS = (
    (options.Group.OFFICE, QT_TRANSLATE_NOOP("SettingsDialog", "Cơ quan")),
    (options.Group.PAPERS, QT_TRANSLATE_NOOP("SettingsDialog", "Giấy tờ in")),
    (options.Group.PRINTERS, QT_TRANSLATE_NOOP("SettingsDialog", "Máy in")),
    (options.Group.INTERFACE, QT_TRANSLATE_NOOP("SettingsDialog", "Giao diện")),
    (options.Group.BACKUP, QT_TRANSLATE_NOOP("SettingsDialog", "Sao lưu")),
    (options.Group.PORTAL, QT_TRANSLATE_NOOP("SettingsDialog", "Cổng dịch vụ công")),
)
ADMIN_ONLY = QT_TRANSLATE_NOOP(
    "SettingsDialog", "Chỉ quản trị hệ thống được mở Cài đặt của bàn; hãy nhờ quản trị viên."
)


def open_settings(parent: QWidget | None, desk: Desk, actor: Actor) -> SettingsDialog | None:
    """The settings dialog, opened (window-modal) for an administrator; anyone else is
    told why not, and None is returned."""
    if actor.role is not Role.ADMINISTRATOR:
        show_error(parent, AccessDenied(QCoreApplication.translate("SettingsDialog", ADMIN_ONLY)))
        return None
    dialog = SettingsDialog(desk, actor, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


class SettingsDialog(QDialog):
    def __init__(self, desk: Desk, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if actor.role is not Role.ADMINISTRATOR:  # a second guard: the service refuses too
            raise AccessDenied(QCoreApplication.translate("SettingsDialog", ADMIN_ONLY))
        self._desk, self._actor = desk, actor
        self.changed: list[options.Option[Any]] = []
        self.setObjectName("settings")
        self.setWindowTitle(self.tr("Cài đặt"))
        with desk.store.read() as session:
            self._initial = {o: o.text(options.read(session, o)) for o in options.OPTIONS}
            enrolled = is_enrolled(session)
            office = session.get(Office, desk.office_code)
            self._own_authority = options.has_own_authority(session)
        self.fields: dict[options.Option[Any], QWidget] = {}
        self.tabs = QTabWidget()
        self._tab_of: dict[options.Group, int] = {}
        for group, title in TABS:
            self._tab_of[group] = self.tabs.addTab(
                self._tab(group, enrolled, office), self.tr(title)
            )
        self.error = plain(QLabel())
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("Lưu"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("save")
        cancel = buttons.addButton(self.tr("Huỷ"), QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setObjectName("cancel")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(640, 420)
        self._loaded = {o: self.value_text(o) for o in self.fields}  # what "changed" is against

    # --- the fields ---------------------------------------------------------------------
    def _tab(self, group: options.Group, enrolled: bool, office: Office | None) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        if group is options.Group.PORTAL and not enrolled:
            note = QLabel(self.tr("Bàn chưa ghi danh với cổng dịch vụ công: địa chỉ cổng được "
                                  "đặt khi ghi danh bàn (lần chạy đầu tiên, hoặc lệnh "
                                  "motcua enrol)."))  # fmt: skip
            note.setObjectName("not_enrolled")
            note.setWordWrap(True)
            form.addRow(note)
        for option in (o for o in options.OPTIONS if o.group is group):
            field = self._field(option, office)
            field.setObjectName(option.key)
            field.setEnabled(enrolled or not option.needs_row)
            self.fields[option] = field
            box = QWidget()
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(self._with_browse(option, field))
            hint = QLabel(_tr(option.help))
            hint.setWordWrap(True)
            hint.setStyleSheet("color: #5f6368")
            column.addWidget(hint)
            form.addRow(_tr(option.label), box)
        return page

    def _field(self, option: options.Option[Any], office: Office | None) -> QWidget:
        shown = self._initial[option]
        if isinstance(option, options.ChoiceOption):
            combo = QComboBox()
            for value, label in option.choices:
                combo.addItem(label, value)
            combo.setCurrentIndex(max(combo.findData(options.read_desk(self._desk, option)), 0))
            return combo
        if isinstance(option, options.NumberOption):
            spin = QSpinBox()
            spin.setRange(option.minimum, option.maximum)
            spin.setSuffix(f" {option.unit}")
            spin.setValue(int(shown))
            return spin
        if option in options.PRINTERS.values():
            printers = QComboBox()
            printers.setEditable(True)  # a printer not installed yet may be named ahead
            printers.addItems(["", *QPrinterInfo.availablePrinterNames()])
            printers.setEditText(shown)
            line = printers.lineEdit()
            if line is not None:
                line.setPlaceholderText(self.tr("Máy in mặc định của hệ thống"))
            return printers
        edit = QLineEdit(shown)
        if isinstance(option, options.DailyTimeOption):
            edit.setPlaceholderText(self.tr("HH:MM — để trống: tắt"))
        elif option is options.PLACE_NAME and office is not None:
            edit.setPlaceholderText(office_place(office))
        elif option is options.OFFICE_ADDRESS and office is not None:
            edit.setPlaceholderText(office.address)
        elif option is options.PORTAL_CA_FILE and self._own_authority and not shown:
            edit.setPlaceholderText(self.tr("Đang dùng chứng chỉ đã chép vào bàn khi ghi danh"))
        return edit

    def _with_browse(self, option: options.Option[Any], field: QWidget) -> QWidget:
        if not isinstance(option, options.CertificateFileOption):
            return field
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(field, 1)
        browse = QPushButton(self.tr("Chọn tệp…"))
        browse.setEnabled(field.isEnabled())
        assert isinstance(field, QLineEdit)
        browse.clicked.connect(lambda: self._choose_file(field))
        line.addWidget(browse)
        return row

    def _choose_file(self, edit: QLineEdit) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Chứng chỉ gốc của tỉnh"), edit.text(), self.tr("Chứng chỉ (*.pem *.crt)")
        )
        if chosen:
            edit.setText(chosen)

    def value_text(self, option: options.Option[Any]) -> str:
        """What the field holds, as the registry reads it."""
        field = self.fields[option]
        if isinstance(field, QSpinBox):
            return str(field.value())
        if isinstance(field, QComboBox):
            return str(field.currentData()) if not field.isEditable() else field.currentText()
        assert isinstance(field, QLineEdit)
        return field.text()

    # --- saving -------------------------------------------------------------------------
    def save(self) -> None:
        changes: dict[options.Option[Any], object] = {
            o: self.value_text(o) for o in self.fields if self.value_text(o) != self._loaded[o]
        }
        try:
            self.changed = options.change_settings(self._desk, self._actor, changes)
        except options.InvalidSetting as exc:
            self._refused(str(exc), exc.option)
            return
        except DomainError as exc:
            self._refused(str(exc), None)
            return
        self.accept()

    def _refused(self, message: str, option: options.Option[Any] | None) -> None:
        self.error.setText(message)
        if option is not None and option in self.fields:
            self.tabs.setCurrentIndex(self._tab_of[option.group])
            self.fields[option].setFocus()


def _tr(text: str) -> str:
    """A registry label or help: Vietnamese source text, English where the catalogue has it."""
    return QCoreApplication.translate("options", text)
