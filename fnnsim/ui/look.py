"""Light and dark looks: which one the learner chose, and the colours that follow from it.

The plots, the decision boundary and the diagram take their colours from a `Theme`
(plots/palette.py) when they are built, so a change of look applies at the next start —
said plainly in the View menu. The widgets follow the application palette: the system's
own when the look matches the system, else Fusion with a light or dark palette. Texts
that colour themselves (rich text, small notes) ask `muted()` and `error_colour()`, so
they stay readable on either background.
"""

from __future__ import annotations

import os
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QColor,
    QGuiApplication,
    QIcon,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtWidgets import QApplication, QMenu, QStyleFactory

from fnnsim.ui.plots.palette import DARK, LIGHT, Theme, blend

SETTINGS_KEY = "view/theme"
THEME_ENV = "FNNSIM_THEME"  # light, dark or system: wins over the setting (screenshots, CI)
CHOICES = ("system", "light", "dark")


def choice_names() -> dict[str, str]:
    return {"system": QCoreApplication.translate("Look", "Follow the system"),
            "light": QCoreApplication.translate("Look", "Light"),
            "dark": QCoreApplication.translate("Look", "Dark")}


def chosen(settings: QSettings) -> str:
    """The look asked for: the environment's, else the saved choice, else "system"."""
    for value in (os.environ.get(THEME_ENV), settings.value(SETTINGS_KEY)):
        if isinstance(value, str) and value.strip().lower() in CHOICES:
            return value.strip().lower()
    return "system"


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    if hints.colorScheme() == Qt.ColorScheme.Dark:
        return True
    window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
    return hints.colorScheme() == Qt.ColorScheme.Unknown and window.lightness() < 110


def theme_for(choice: str) -> Theme:
    dark = system_is_dark() if choice == "system" else choice == "dark"
    return DARK if dark else LIGHT


def apply_look(app: QApplication, theme: Theme) -> None:
    """Give the widgets a palette that matches `theme`, unless the system's already does."""
    if (theme is DARK) == system_is_dark():
        return
    app.setStyle(QStyleFactory.create("Fusion"))
    app.setPalette(dark_palette() if theme is DARK else app.style().standardPalette())


def dark_palette() -> QPalette:
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    p = QPalette()
    colours = {
        role.Window: "#2b2b2b", role.WindowText: "#e0e0e0", role.Base: "#1e1e1e",
        role.AlternateBase: "#262626", role.ToolTipBase: "#3a3a3a", role.ToolTipText: "#f0f0f0",
        role.PlaceholderText: "#8a8a8a", role.Text: "#e0e0e0", role.Button: "#353535",
        role.ButtonText: "#e0e0e0", role.BrightText: "#ff6b6b", role.Light: "#505050",
        role.Midlight: "#404040", role.Mid: "#6a6a6a", role.Dark: "#1a1a1a",
        role.Shadow: "#000000", role.Highlight: "#3d7ab8", role.HighlightedText: "#ffffff",
        role.Link: "#6fb1f0", role.LinkVisited: "#b18ce8",
    }
    for r, colour in colours.items():
        p.setColor(r, QColor(colour))
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(group.Disabled, r, QColor("#7a7a7a"))
    return p


def _palette() -> QPalette:
    return QGuiApplication.palette()


def is_dark() -> bool:
    """Is the current widget palette dark (text lighter than the window)?"""
    p = _palette()
    return p.color(QPalette.ColorRole.Window).lightness() < p.color(
        QPalette.ColorRole.WindowText).lightness()


def muted(amount: float = 0.38) -> str:
    """A secondary text colour (captions, formula numbers): the text colour moved `amount`
    of the way to the window's, so it reads on either look."""
    p = _palette()
    return blend(p.color(QPalette.ColorRole.WindowText), p.color(QPalette.ColorRole.Window),
                 amount).name()


def strong() -> str:
    """The main text colour, for rich text that must stand out from `muted()`."""
    return _palette().color(QPalette.ColorRole.WindowText).name()


def error_colour() -> str:
    return "#ff7b7b" if is_dark() else "#b00020"


def tinted(icon: QIcon) -> QIcon:
    """The style's icon in the text colour, when the look is dark: Fusion's standard
    media icons are dark grey, nearly invisible on a dark toolbar."""
    if not is_dark() or icon.isNull():
        return icon
    colour = _palette().color(QPalette.ColorRole.WindowText)
    out = QIcon()
    for size in (16, 22, 24, 32, 48):
        pixmap = QPixmap(icon.pixmap(size, size))
        painter = QPainter(pixmap)
        painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
        painter.fillRect(pixmap.rect(), colour)
        painter.end()
        out.addPixmap(pixmap)
    return out


def readable(colour: str) -> str:
    """A colour chosen for a light background (an accent, pass/fail), lightened on a dark
    one so that it keeps its contrast as text."""
    return blend(colour, "#ffffff", 0.45).name() if is_dark() else colour


def add_theme_menu(menu: QMenu, settings: QSettings, told: Callable[[str], None]) -> QMenu:
    """View → Theme ▸ Follow the system / Light / Dark, saved in `settings`; `told` gets
    the one-line note that the new look comes with the next start."""
    sub = menu.addMenu(QCoreApplication.translate("Look", "Theme"))
    group = QActionGroup(sub)
    current = chosen(settings)
    for key, name in choice_names().items():
        action = sub.addAction(name)
        action.setCheckable(True)
        action.setChecked(key == current)
        action.setData(key)
        group.addAction(action)
    sub.addSeparator()
    note = sub.addAction(QCoreApplication.translate("Look", "Applies when fnnsim starts again"))
    note.setEnabled(False)

    def picked(action: QAction) -> None:
        settings.setValue(SETTINGS_KEY, action.data())
        told(QCoreApplication.translate(
            "Look", "Theme “{0}” saved: it applies when fnnsim starts again.").format(
            action.text()))

    group.triggered.connect(picked)
    return sub
