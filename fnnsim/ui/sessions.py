"""File → Open session, Save session, Open recent: a whole run in one file (io/session.py).

Saving asks the worker for a copy of its run at a sample boundary and writes it in a
helper thread (compressing a long history takes a second or two), so the window and the
training go on meanwhile. Opening reads and checks the whole file first, in a helper
thread too (0.35–0.5 s for a typical file, more for a long history): a bad file is one
dialog and changes nothing; a good one replaces the run — the panels show its config, the
data is the session's own (not rebuilt, so a changed CSV does not matter), the worker goes
on from its exact state, paused, and the plots are refilled from its history. Opening
another file before the first is read shows only the last one asked for.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Signal
from PySide6.QtWidgets import QMainWindow, QMenu, QMessageBox

from fnnsim.errors import FnnsimError
from fnnsim.io.session import SUFFIX, read_session, write_session
from fnnsim.training.snapshot import SessionState
from fnnsim.ui.dialogs import ask_open_path, ask_save_path
from fnnsim.ui.i18n import error_text

RECENT_KEY = "sessions/recent"
MAX_RECENT = 8
FILTER = QT_TRANSLATE_NOOP("Sessions", "fnnsim session (*.fnnsession)")


class Sessions(QObject):
    """The session actions of one main window. Dialogs are attributes, so tests replace
    them; `recent_menu` is the window's File → Open recent submenu, kept filled here."""

    written = Signal(str, str)  # path, error ("" if written): from the writing thread
    read = Signal(int, str, object, str)  # tag, path, SessionState | None, error: from the
    # reading thread
    opened = Signal(str)  # path of a session now shown (its history is being replayed)

    def __init__(self, window: QMainWindow, recent_menu: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.open_path: Callable[[QMainWindow, str, str], str | None] = ask_open_path
        self.save_path: Callable[[QMainWindow, str, str, str], str | None] = ask_save_path
        self.recent_menu = recent_menu
        recent_menu.setToolTipsVisible(True)  # the full path of each entry
        self._pending: dict[int, str] = {}
        self._next_tag = 0
        self._reading = 0  # tag of the read whose session is to be shown (0: none)
        self._opening_shown = ""  # the "Opening session …" text while it is shown
        self._before_opening = ""  # the status message it covered
        window.controller.session_captured.connect(self._on_captured)
        self.written.connect(self._on_written)
        self.read.connect(self._on_read)
        self._fill_recent_menu()

    # ---- actions ----
    def open_session(self) -> None:
        path = self.open_path(self.window, self.tr("Open session"), self.tr(FILTER))
        if path:
            self.open_file(path)

    def open_file(self, path: str) -> None:
        """Read the session at `path` in a helper thread, then show it (`opened`); on any
        problem one dialog, and nothing changes (a missing file also leaves the recent
        list). The window and the training go on while it is read."""
        self._next_tag += 1
        self._reading = self._next_tag
        status = self.window.statusBar()
        if not self._opening_shown:  # what to show again if the file turns out bad
            self._before_opening = status.currentMessage()
        self._opening_shown = self.tr("Opening session {0}…").format(Path(path).name)
        status.showMessage(self._opening_shown)
        threading.Thread(target=self._read, args=(self._reading, path), daemon=True,
                         name="fnnsim-session-reader").start()

    def is_opening(self) -> bool:
        """Is a session being read, to be shown when it is?"""
        return self._reading != 0

    def cancel_open(self) -> None:
        """Forget a session being read: the learner started another run meanwhile
        (MainWindow.start_run), which a late session must not replace."""
        self._reading = 0
        self._end_opening_message(restore=False)

    def _end_opening_message(self, restore: bool) -> None:
        """Take "Opening session …" off the status bar if it is still there (a state
        change may have replaced it); `restore`: show what it covered again."""
        status = self.window.statusBar()
        if self._opening_shown and status.currentMessage() == self._opening_shown:
            if restore and self._before_opening:
                status.showMessage(self._before_opening)
            else:
                status.clearMessage()
        self._opening_shown = self._before_opening = ""

    def _read(self, tag: int, path: str) -> None:
        """In the helper thread: read and check, and report through the (queued) signal."""
        session, error = None, ""
        try:
            session = read_session(path)
        except FnnsimError as exc:
            error = error_text(exc)
        except Exception as exc:  # anything else must still reach the learner, not die here
            error = f"{Path(path).name}: {type(exc).__name__}: {exc}"
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
            self.read.emit(tag, path, session, error)

    def _on_read(self, tag: int, path: str, session: SessionState | None, error: str) -> None:
        if tag != self._reading:
            return  # another file was asked for since, or another run started
        self._reading = 0
        self._end_opening_message(restore=session is None)  # a bad file changes nothing
        if session is None:
            QMessageBox.warning(self.window, self.tr("Cannot open session"), error)
            if not Path(path).exists():
                self._forget(path)
            return
        self.show_session(session)
        self._remember(path)
        self.window.statusBar().showMessage(
            self.tr("Opened session {0}").format(Path(path).name), 5000)
        self.opened.emit(path)

    def show_session(self, session: SessionState) -> None:
        """Replace the window's run by `session`'s: its config in the panels, its data,
        its trainer in the worker (paused), its history in the plots."""
        w, state = self.window, session.trainer
        w.actions_.play.setChecked(False)
        w.show_experiment(session.config, session.data)
        if state.max_epochs is None:  # "no limit" has no place in the config: show it
            w.training_panel.no_limit.setChecked(True)
        w.start_run(lambda: w.controller.send("load_session", session), session.initial)

    def save_session(self) -> None:
        path = self.save_path(self.window, self.tr("Save session"), f"run{SUFFIX}",
                              self.tr(FILTER))
        if not path:
            return
        if not path.endswith(SUFFIX):
            path += SUFFIX
        self._next_tag += 1
        self._pending[self._next_tag] = path
        self.window.controller.send("capture_session", self._next_tag)

    # ---- recent files ----
    def recent(self) -> list[str]:
        value = self.window.settings.value(RECENT_KEY)
        if isinstance(value, str):  # (an INI file gives one entry back as a plain string)
            value = [value] if value else []
        return [str(v) for v in value][:MAX_RECENT] if isinstance(value, list) else []

    def clear_recent(self) -> None:
        self._set_recent([])

    def _remember(self, path: str) -> None:
        path = str(Path(path).absolute())
        self._set_recent([path, *(p for p in self.recent() if p != path)][:MAX_RECENT])

    def _forget(self, path: str) -> None:
        self._set_recent([p for p in self.recent() if p != str(Path(path).absolute())])

    def _set_recent(self, paths: list[str]) -> None:
        self.window.settings.setValue(RECENT_KEY, paths)
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        menu = self.recent_menu
        menu.clear()
        paths = self.recent()
        for i, path in enumerate(paths, start=1):
            action = menu.addAction(f"&{i} {Path(path).name}")
            action.setToolTip(path)
            action.setStatusTip(path)
            action.triggered.connect(lambda _=False, p=path: self.open_file(p))
        if not paths:
            menu.addAction(self.tr("(none)")).setEnabled(False)
        menu.addSeparator()
        clear = menu.addAction(self.tr("Clear recent"))
        clear.setEnabled(bool(paths))
        clear.triggered.connect(self.clear_recent)

    # ---- writing ----
    def _on_captured(self, tag: object, session: SessionState) -> None:
        path = self._pending.pop(tag, None)  # type: ignore[arg-type]
        if path is None:
            return
        # not a daemon: the process waits for a file being written before it ends
        threading.Thread(target=self._write, args=(path, session),
                         name="fnnsim-session-writer").start()

    def _write(self, path: str, session: SessionState) -> None:
        """In the helper thread: write, and report through the (queued) signal."""
        try:
            write_session(path, session)
            error = ""
        except (OSError, FnnsimError) as exc:
            error = error_text(exc)
        except Exception as exc:  # anything else must still reach the learner, not die here
            error = f"{Path(path).name}: {type(exc).__name__}: {exc}"
        with contextlib.suppress(RuntimeError):  # the window was closed meanwhile
            self.written.emit(path, error)

    def _on_written(self, path: str, error: str) -> None:
        if error:
            QMessageBox.warning(self.window, self.tr("Cannot save session"), error)
            return
        self._remember(path)
        self.window.statusBar().showMessage(
            self.tr("Saved session {0}").format(Path(path).name), 5000)
