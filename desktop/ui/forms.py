"""Biểu mẫu thao tác — the small forms of the processing acts (hand on, result, refusal
document, re-appointment, withdrawal, refund …), in the style of the notice dialog: named
fields, what the citizen will be told (when they are told something) refreshed as the
officer types, Ctrl+Enter confirms wherever the cursor is, Esc goes back. The dialog
performs the act itself, so a broken rule keeps it open with the service's message in red.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.core.lifecycle import DomainError
from desktop.ui.decisions import ConfirmKey, acting, perform_act
from desktop.ui.safe_text import display, display_lines, plain

if TYPE_CHECKING:
    from desktop.ui.operations import Operations


class Fields:
    """What a form's fields hold, read by name: the live form, or a copy of it taken on the
    UI thread (``FormValues``) for the act that runs on a worker."""

    def value(self, name: str) -> object:
        raise NotImplementedError

    def string(self, name: str) -> str:
        return str(self.value(name) or "")

    def number(self, name: str) -> float | None:
        value = self.value(name)
        return float(value) if isinstance(value, int | float) else None

    def integer(self, name: str) -> int:
        value = self.value(name)
        return int(value) if isinstance(value, int | float) else 0

    def day_of(self, name: str) -> date:
        value = self.value(name)
        assert isinstance(value, date)
        return value

    def flag(self, name: str) -> bool:
        return bool(self.value(name))


class FormValues(Fields):
    def __init__(self, values: Mapping[str, object]) -> None:
        self._values = dict(values)

    def value(self, name: str) -> object:
        return self._values[name]


class FormDialog(QDialog, Fields):
    """A form for one act. Build it, add its fields, then ``open()`` it.

    ``perform`` reads the fields (``value(name)``, from a copy taken when the officer
    confirms) and calls the service — on a worker through ``operations`` when the form is
    an act; its return value is kept as ``outcome``. ``preview`` (optional) returns what
    the citizen will be told; it is shown once every field named in ``needs`` is filled in.
    """

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        perform: Callable[[Fields], object],
        preview: Callable[[Fields], str] | None = None,
        intro: str = "",
        needs: Sequence[str] = (),
        confirm_text: str | None = None,
        operations: Operations | None = None,
        dossier_id: str = "",
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(display(title))
        self.setObjectName("form_dialog")
        self.setMinimumWidth(560)
        self._perform, self._preview, self._needs = perform, preview, tuple(needs)
        self._operations, self._dossier_id = operations, dossier_id
        self.outcome: object = None
        self.fields: dict[str, QWidget] = {}
        layout = QVBoxLayout(self)
        self.intro = plain(QLabel(intro))
        self.intro.setObjectName("intro")
        self.intro.setWordWrap(True)
        self.intro.setVisible(bool(intro))
        layout.addWidget(self.intro)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.notice = QPlainTextEdit()
        self.notice.setObjectName("notice")
        self.notice.setReadOnly(True)
        self.notice.setTabChangesFocus(True)
        if preview is not None:
            layout.addWidget(QLabel(self.tr("Công dân sẽ nhận được thông báo:")))
            layout.addWidget(self.notice, 1)
        else:
            self.notice.setVisible(False)
        self.error = plain(QLabel())  # a rule's message names the dossier, the papers …
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e")
        layout.addWidget(self.error)
        self.confirm = QPushButton(confirm_text or self.tr("Xác nhận (Ctrl+Enter)"))
        self.confirm.setObjectName("confirm")
        self.confirm.clicked.connect(self.try_perform)
        back = QPushButton(self.tr("Quay lại (Esc)"))
        back.setObjectName("back")
        back.clicked.connect(self.reject)
        for button in (self.confirm, back):
            button.setAutoDefault(False)
        ConfirmKey(self, self.try_perform)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.confirm)
        buttons.addWidget(back)
        layout.addLayout(buttons)

    # --- fields -------------------------------------------------------------------------------
    def _add(self, name: str, label: str, widget: QWidget, row: QWidget | None = None) -> None:
        widget.setObjectName(name)
        self.fields[name] = widget
        self.form.addRow(label, row or widget)
        if len(self.fields) == 1:
            widget.setFocus()

    def line(self, name: str, label: str, text: str = "") -> QLineEdit:
        edit = QLineEdit(text)
        edit.textChanged.connect(self.refresh)
        self._add(name, label, edit)
        return edit

    def text(self, name: str, label: str, text: str = "") -> QPlainTextEdit:
        edit = QPlainTextEdit(text)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(64)
        edit.textChanged.connect(self.refresh)
        ConfirmKey(edit, self.try_perform)  # plain Enter is a new line there
        self._add(name, label, edit)
        return edit

    def combo(self, name: str, label: str, choices: Sequence[tuple[str, object]],
              editable: bool = False) -> QComboBox:  # fmt: skip
        box = QComboBox()
        box.setEditable(editable)
        for text, value in choices:
            box.addItem(text, value)
        box.currentIndexChanged.connect(self.refresh)
        if editable:
            box.setCurrentIndex(-1)
            box.editTextChanged.connect(self.refresh)
        self._add(name, label, box)
        return box

    def days(self, name: str, label: str, zero_text: str) -> QDoubleSpinBox:
        """Working days, in half days; 0 shows ``zero_text`` (and reads as None)."""
        spin = QDoubleSpinBox()
        spin.setRange(0, 365)
        spin.setDecimals(1)
        spin.setSingleStep(0.5)
        spin.setSpecialValueText(zero_text)
        spin.valueChanged.connect(self.refresh)
        self._add(name, label, spin)
        return spin

    def amount(self, name: str, label: str, value: int = 0) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(0, 1_000_000_000)
        spin.setSingleStep(1000)
        spin.setGroupSeparatorShown(True)
        spin.setSuffix(" đ")
        spin.setValue(value)
        spin.valueChanged.connect(self.refresh)
        self._add(name, label, spin)
        return spin

    def day(self, name: str, label: str, value: date) -> QDateEdit:
        edit = QDateEdit(QDate(value.year, value.month, value.day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        edit.dateChanged.connect(self.refresh)
        self._add(name, label, edit)
        return edit

    def check(self, name: str, label: str, checked: bool = False) -> QCheckBox:
        box = QCheckBox(label)
        box.setChecked(checked)
        box.toggled.connect(self.refresh)
        self._add(name, "", box)
        return box

    def file(self, name: str, label: str, caption: str, kinds: str) -> QLineEdit:
        """A file's path, typed or chosen (``kinds``: the file dialog's filter)."""
        edit = QLineEdit()
        edit.textChanged.connect(self.refresh)
        choose = QPushButton(self.tr("Chọn tệp…"))
        choose.setObjectName(f"{name}_choose")
        choose.setAutoDefault(False)

        def chosen() -> None:
            path, _kind = QFileDialog.getOpenFileName(self, caption, edit.text(), kinds)
            if path:
                edit.setText(path)

        choose.clicked.connect(chosen)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(edit, 1)
        row_layout.addWidget(choose)
        self._add(name, label, edit, row)
        return edit

    def value(self, name: str) -> object:
        """The field's value: text (str), a number, a ``date``, a bool, or a combo's data
        (its text when editable)."""
        w = self.fields[name]
        if isinstance(w, QLineEdit):
            return w.text()
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        if isinstance(w, QComboBox):
            return w.currentText() if w.isEditable() else w.currentData()
        if isinstance(w, QDoubleSpinBox):
            return w.value() or None
        if isinstance(w, QSpinBox):
            return w.value()
        if isinstance(w, QDateEdit):
            return w.date().toPython()
        if isinstance(w, QCheckBox):
            return w.isChecked()
        raise TypeError(name)

    def values(self) -> FormValues:
        """Every field's value now: what the act reads, away from the widgets."""
        return FormValues({name: self.value(name) for name in self.fields})

    # --- preview and confirmation ---------------------------------------------------------------
    def refresh(self) -> None:
        if self._preview is None:
            return
        if any(not self.string(name).strip() for name in self._needs):
            self.notice.setPlainText(self.tr("(Điền đủ các ô để xem nội dung thông báo.)"))
            return
        try:
            # Plain text already; bounded and without bidi controls, as every field shown.
            self.notice.setPlainText(display_lines(self._preview(self)))
            self.error.clear()
        except DomainError as exc:
            self.notice.clear()
            self.error.setText(str(exc))

    def open(self) -> None:
        self.refresh()
        super().open()

    def reject(self) -> None:
        if not acting(self._operations):
            super().reject()

    def try_perform(self) -> None:
        perform_act(self, self._operations, self._dossier_id, self._perform, self.values())
