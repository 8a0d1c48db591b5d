"""Fixtures shared by the widget tests: an isolated QSettings, the real main window
(reference engine: deterministic, no compile), a shown network diagram, and edit counting
for the panels."""

import pytest
from PySide6.QtCore import QSettings

from fnnsim.ui.diagram import NetworkDiagram
from fnnsim.ui.main_window import MainWindow, default_config

WAIT = 20_000  # ms; generous for a loaded CI machine, never a speed assertion


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "fnnsim.ini"), QSettings.Format.IniFormat)


def make_window(qtbot, settings) -> MainWindow:
    """The default window (reference engine), shown, with its worker holding the first
    run."""
    config = default_config()
    config.training.engine = "reference"
    w = MainWindow(config, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.controller.worker.trainer is not None, timeout=WAIT)
    return w


@pytest.fixture
def window(qtbot, settings):
    """The default window, shown, with its worker holding the first run."""
    w = make_window(qtbot, settings)
    yield w
    w.close()


@pytest.fixture
def diagram(qtbot):
    """A network diagram on its own, 500×400, shown."""
    d = NetworkDiagram()
    qtbot.addWidget(d)
    d.resize(500, 400)
    d.show()
    qtbot.waitExposed(d)
    return d


@pytest.fixture
def edits(panel):
    """How many times the test module's `panel` emitted config_changed."""
    count = []
    panel.config_changed.connect(lambda: count.append(1))
    return count
