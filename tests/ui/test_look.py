"""Light and dark looks: the choice, where it is kept, and that every colour stays readable."""

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from fnnsim.ui import look
from fnnsim.ui.main_window import MainWindow, default_config
from fnnsim.ui.plots import DARK, LIGHT
from tests.ui.conftest import WAIT


def luminance(colour: str | QColor) -> float:
    """WCAG relative luminance."""
    c = QColor(colour)
    channels = []
    for v in (c.redF(), c.greenF(), c.blueF()):
        channels.append(v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str | QColor, b: str | QColor) -> float:
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture
def restore_look(qapp):
    style, palette = qapp.style().name(), QApplication.palette()
    yield qapp
    qapp.setStyle(style)
    qapp.setPalette(palette)


def test_the_choice_comes_from_the_environment_then_the_settings(settings, monkeypatch):
    monkeypatch.delenv(look.THEME_ENV, raising=False)
    assert look.chosen(settings) == "system"
    settings.setValue(look.SETTINGS_KEY, "dark")
    assert look.chosen(settings) == "dark"
    monkeypatch.setenv(look.THEME_ENV, "Light")
    assert look.chosen(settings) == "light"
    monkeypatch.setenv(look.THEME_ENV, "purple")  # not a look: ignored
    assert look.chosen(settings) == "dark"
    assert look.theme_for("dark") is DARK and look.theme_for("light") is LIGHT


def test_the_view_menu_saves_the_choice_for_the_next_start(window, settings, monkeypatch):
    monkeypatch.delenv(look.THEME_ENV, raising=False)
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    themes = next(a.menu() for a in menu.actions() if a.text() == "Theme")
    choices = {a.data(): a for a in themes.actions() if a.isCheckable()}
    assert set(choices) == set(look.CHOICES) and choices["system"].isChecked()
    choices["dark"].trigger()
    assert settings.value(look.SETTINGS_KEY) == "dark"
    assert choices["dark"].isChecked() and not choices["system"].isChecked()
    assert "starts again" in window.statusBar().currentMessage()
    assert look.chosen(settings) == "dark"


@pytest.mark.parametrize("theme", [LIGHT, DARK])
def test_text_colours_keep_their_contrast(restore_look, theme):
    look.apply_look(restore_look, theme)
    assert look.is_dark() == (theme is DARK)
    window = QApplication.palette().color(QPalette.ColorRole.Window)
    assert contrast(look.strong(), window) >= 7
    assert contrast(look.muted(), window) >= 3  # captions, formula numbers
    assert contrast(look.error_colour(), window) >= 4.5
    assert contrast(look.readable("#6a3d9a"), window) >= 3  # the inspector's accent


def test_a_dark_window_draws_plots_boundary_and_diagram_dark(qtbot, restore_look, settings):
    look.apply_look(restore_look, DARK)
    config = default_config()
    config.training.engine = "reference"
    w = MainWindow(config, settings, DARK)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.controller.worker.trainer is not None, timeout=WAIT)
    for widget in w.plots.widgets().values():
        assert widget.backgroundBrush().color() == QColor(DARK.background)
    assert w.boundary.plot_widget.backgroundBrush().color() == QColor(DARK.background)
    assert w.diagram.scene.backgroundBrush().color() == QColor(DARK.background)
    icon = w.actions_.play.icon().pixmap(16, 16).toImage()
    lightest = max(QColor(icon.pixel(x, y)).lightness() for x in range(16) for y in range(16)
                   if QColor.fromRgba(icon.pixel(x, y)).alpha() > 128)
    assert lightest > 150  # tinted for the dark toolbar
    w.close()
