"""Start the desktop app: QApplication, names for QSettings, the main window."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Sequence

APP_NAME = "fnnsim"
ORGANIZATION = "fnnsim"
DESKTOP_ID = "io.github.fnnsim.Fnnsim"  # packaging/linux/<id>.desktop


def make_application(argv: Sequence[str] | None = None):  # -> QApplication
    """The QApplication (existing one reused), named so QSettings has a home."""
    os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(list(argv or sys.argv[:1]))
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationDisplayName("fnnsim")
    app.setDesktopFileName(DESKTOP_ID)  # lets a Wayland desktop match packaging/linux/
    app.setWindowIcon(app_icon())
    return app


def app_icon():  # -> QIcon
    """The fnnsim icon at every rendered size (resources/icons, packaging/render_icons.py)."""
    from PySide6.QtGui import QIcon

    from fnnsim.resources import icons_dir

    icon = QIcon()
    for path in sorted(icons_dir().glob("fnnsim-*.png")):
        icon.addFile(str(path))
    return icon


def freeze_startup_objects() -> None:
    """Exclude everything alive now (modules, widgets, plot items) from the cycle collector.

    A full collection walks every tracked object; with the window built that is ~125k of
    them and took ~100 ms on the GUI thread (bench/gui_latency.py, measured with
    gc.callbacks), a visible stall mid-training. Frozen objects are still freed by
    reference counting; only cycles among them would outlive their use.
    """
    gc.collect()
    gc.freeze()


def run_app(argv: Sequence[str] | None = None, session: str | None = None) -> int:
    """The window (on a saved session, if given), until it is closed."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
            or os.environ.get("QT_QPA_PLATFORM")) and sys.platform.startswith("linux"):
        print("fnnsim: error: no display to open the window on (set DISPLAY, or run "
              "`fnnsim train CONFIG --out DIR` headless)", file=sys.stderr)
        return 2
    app = make_application(argv)
    from PySide6.QtCore import QSettings

    from fnnsim.ui import look
    from fnnsim.ui.i18n import install_translators
    from fnnsim.ui.main_window import MainWindow

    install_translators()  # FNNSIM_LANG, else View → Language, else the system locale
    theme = look.theme_for(look.chosen(QSettings()))
    look.apply_look(app, theme)
    window = MainWindow(theme=theme)
    if session is not None:
        window.sessions.open_file(session)
    window.show()
    freeze_startup_objects()
    return app.exec()
