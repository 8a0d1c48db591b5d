"""The UI language: which translations to install at start-up, and View → Language.

The language is, in this order: the FNNSIM_LANG environment variable (e.g. `zh_CN`, `en`;
for screenshots and tests), the learner's choice in View → Language (QSettings key
`view/language`), else the system locale. A change in the menu is stored and applies at
the next start: every widget sets its texts once, when it is built, so switching live
would mean rebuilding the whole window (and its running experiment).

Installing a language also makes it Qt's default locale, so texts kept in files (the
scenarios' bilingual explanations, `current_language()`) follow the same choice.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from fnnsim.errors import user_text
from fnnsim.resources import resources_dir

ENV_VAR = "FNNSIM_LANG"
SETTINGS_KEY = "view/language"
SYSTEM = ""  # the stored choice that means "follow the system locale"
# Languages with a translation, each named in itself (the menu shows these names as they
# are, untranslated, so a learner who cannot read the current language still finds hers).
LANGUAGES: dict[str, str] = {"en": "English", "zh_CN": "简体中文"}

translate = QCoreApplication.translate

_installed: list[QTranslator] = []  # kept alive while installed; removed by uninstall()
_default_locale: list[QLocale] = []  # Qt's default locale before install_translators


def error_text(exc: BaseException) -> str:
    """A user error's one-line message in the UI's language (see fnnsim.errors); any other
    exception's as it is. Safe in any thread."""
    return user_text(exc, translate)


def translations_dir() -> Path:
    return resources_dir() / "i18n"


def normalize(code: str | None) -> str:
    """A language code as fnnsim names it: "zh", "zh-CN", "zh_CN.UTF-8" → "zh_CN";
    "en_GB" → "en"; "" or "system" → SYSTEM; anything else is kept for QLocale."""
    code = (code or "").strip().split(".")[0].replace("-", "_")
    if code.lower() in ("", "system"):
        return SYSTEM
    if code.lower().startswith("zh"):
        return "zh_CN"
    if code.lower().startswith("en") or code.upper() == "C":
        return "en"
    return code


def stored_choice(settings: QSettings | None = None) -> str:
    """The learner's choice in View → Language (SYSTEM if none)."""
    value = (settings or QSettings()).value(SETTINGS_KEY, SYSTEM)
    return normalize(value if isinstance(value, str) else SYSTEM)


def requested_language(settings: QSettings | None = None) -> str:
    """FNNSIM_LANG if set, else the stored choice (SYSTEM: follow the system locale)."""
    env = os.environ.get(ENV_VAR)
    return normalize(env) if env else stored_choice(settings)


def locale_for(choice: str) -> QLocale:
    if choice == SYSTEM:
        return QLocale.system()
    if choice == "en":
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    return QLocale(choice)


def install_translators(language: str | None = None,
                        settings: QSettings | None = None) -> str:
    """Install fnnsim's and Qt's own translations for `language` (default: what
    `requested_language` says) into the running QCoreApplication; return the language in
    use, "zh_CN" or "en". English needs no translator: it is the source language."""
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    uninstall()
    choice = normalize(language) if language is not None else requested_language(settings)
    locale = locale_for(choice)
    if choice != SYSTEM:
        _default_locale.append(QLocale())
        QLocale.setDefault(locale)
    language = current_language(locale)
    if language == "en":
        return "en"
    ours = QTranslator(app)  # zh_CN for any Chinese locale: the one translation there is
    if ours.load(f"fnnsim_{language}", str(translations_dir())):
        app.installTranslator(ours)
        _installed.append(ours)
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt.load(locale, "qtbase", "_", qt_dir):  # standard buttons, file dialogs
        app.installTranslator(qt)
        _installed.append(qt)
    return language


def uninstall() -> None:
    """Remove the translators `install_translators` put in and restore Qt's default
    locale (tests switch back this way)."""
    if _default_locale:
        QLocale.setDefault(_default_locale[0])
        _default_locale.clear()
    app = QCoreApplication.instance()
    while _installed:
        translator = _installed.pop()
        if app is not None:
            app.removeTranslator(translator)


def current_language(locale: QLocale | None = None) -> str:
    """The UI language for texts kept in files: "zh_CN" for any Chinese locale, else "en"."""
    return "zh_CN" if (locale or QLocale()).name().startswith("zh") else "en"


def in_language(code: str, context: str, text: str) -> str:
    """`text` as the translation for language `code` has it (the text itself if none)."""
    locale = locale_for(normalize(code))
    if current_language(locale) == "en":
        return text
    translator = QTranslator()
    if not translator.load(f"fnnsim_{current_language(locale)}", str(translations_dir())):
        return text
    return translator.translate(context, text) or text


def language_menu(parent: QWidget, settings: QSettings) -> QMenu:
    """View → Language: System / English / 简体中文, stored in `settings`; applies after
    a restart (a message says so)."""
    menu = QMenu(translate("Language", "Language"), parent)
    menu.setToolTipsVisible(True)
    group = QActionGroup(menu)
    choice = stored_choice(settings)
    entries = [(SYSTEM, translate("Language", "System")), *LANGUAGES.items()]
    for code, name in entries:
        action = QAction(name, menu)
        action.setCheckable(True)
        action.setChecked(code == choice)
        action.setData(code)
        group.addAction(action)
        menu.addAction(action)
    menu.actions()[0].setToolTip(translate("Language", "Follow the system's language."))

    def chosen(action: QAction) -> None:
        code = action.data()
        if code == stored_choice(settings):
            return
        settings.setValue(SETTINGS_KEY, code)
        settings.sync()
        source = QT_TRANSLATE_NOOP("Language",
                                   "The language changes when fnnsim is started again.")
        note = translate("Language", source)
        said_in_new = in_language(code, "Language", source)
        if said_in_new != note:  # say it in the chosen language too: it may be the one read
            note += "\n" + said_in_new
        if os.environ.get(ENV_VAR):
            note += " " + translate("Language", "({0} is set, and it takes precedence.)"
                                    ).format(ENV_VAR)
        QMessageBox.information(parent, translate("Language", "Language"), note)

    group.triggered.connect(chosen)
    return menu
