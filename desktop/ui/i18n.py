"""Ngôn ngữ và phông chữ — the UI's language and font.

The source strings are Vietnamese (``self.tr("…")``), so Vietnamese needs no catalogue;
English comes from ``resources/translations/motcua_en.qm``, made by ``scripts/translations``.
The UI font, DejaVu Sans, ships in ``resources/fonts``: every Vietnamese letter renders the
same on any machine, whatever fonts it has.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication

from desktop.paths import resources_dir
from desktop.services import options
from desktop.services.context import Desk

DEFAULT_LANGUAGE = "vi"
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
UI_FONT = "DejaVu Sans"

# Qt does not own translators: they must stay referenced for as long as they are installed.
_installed: list[QTranslator] = []
# Font file → its families; Qt would register a file again on every call.
_fonts: dict[Path, list[str]] = {}


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:  # named for lupdate, which reads it
    """Mark ``source`` for lupdate under ``context`` and return it untranslated.

    PySide6's own marker is typed ``-> object``, which strict mypy refuses wherever the
    string is then used; lupdate only reads the name, so this typed twin is extracted too.
    """
    return source


def translations_dir() -> Path:
    return resources_dir() / "translations"


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def _translator(path: Path) -> QTranslator | None:
    translator = QTranslator()
    return translator if path.is_file() and translator.load(str(path)) else None


def install_language(app: QCoreApplication, language: str = DEFAULT_LANGUAGE) -> list[QTranslator]:
    """Switch the UI to ``language``: the desk's catalogue, then Qt's own (buttons, dialogs)
    when Qt ships one. Translators installed by an earlier call are removed first.

    Widgets already built keep their text: call this before building windows.
    """
    if language not in LANGUAGES:
        known = ", ".join(f"{code} ({name})" for code, name in LANGUAGES.items())
        raise ValueError(
            f"Ngôn ngữ không được hỗ trợ: {language!r}; có: {known}. "
            f"/ Unsupported language {language!r}; available: {known}."
        )
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    ours = _translator(translations_dir() / f"motcua_{language}.qm")
    if ours is None and language != DEFAULT_LANGUAGE:
        # A broken installation: better said at start than a UI silently in Vietnamese.
        raise FileNotFoundError(
            f"Thiếu tệp bản dịch motcua_{language}.qm trong {translations_dir()} "
            f"/ translation file missing"
        )
    qt_dir = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    # PySide6 ships qtbase_en but no qtbase_vi: Qt's few own texts (OK, Cancel) stay English.
    qt = _translator(qt_dir / f"qtbase_{language}.qm")
    translators = [t for t in (ours, qt) if t is not None]
    for translator in translators:
        app.installTranslator(translator)
    _installed.extend(translators)
    return translators


def language_setting(desk: Desk) -> str:
    """The language chosen on this desk; Vietnamese when none (or an unknown one) is set."""
    chosen = options.read_desk(desk, options.LANGUAGE)
    return chosen if chosen in LANGUAGES else DEFAULT_LANGUAGE


def set_language(desk: Desk, language: str) -> None:
    """Remember ``language`` for this desk (used from the next start)."""
    if language not in LANGUAGES:
        raise ValueError(f"Ngôn ngữ không được hỗ trợ: {language!r} / unsupported language")
    options.remember(desk, options.LANGUAGE, language)  # the menu's choice: a preference


def install_fonts() -> str:
    """Register every font in ``resources/fonts`` with Qt; the family the UI should use.

    Needs a QGuiApplication (Qt's font database does not exist before one).
    """
    if QGuiApplication.instance() is None:
        raise RuntimeError("install_fonts() needs a QApplication: create it first")
    for path in sorted(fonts_dir().glob("*.ttf")):
        if path in _fonts:
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            raise OSError(f"Không nạp được phông chữ {path} / cannot load font")
        _fonts[path] = QFontDatabase.applicationFontFamilies(font_id)
    if not any(UI_FONT in families for families in _fonts.values()):
        raise FileNotFoundError(f"Thiếu phông chữ {UI_FONT} trong {fonts_dir()} / font missing")
    return UI_FONT


def registered_fonts() -> dict[str, list[str]]:
    """Font files registered by :func:`install_fonts` and their families (for diagnostics)."""
    return {path.name: list(families) for path, families in _fonts.items()}


def apply_ui_font(app: QGuiApplication, family: str = UI_FONT, point_size: int = 10) -> QFont:
    """Make ``family`` the application's default font; returns the font set."""
    font = QFont(family, point_size)
    app.setFont(font)
    return font
