"""File → Save session / Open session / Open recent, driven through the real window."""

import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QMessageBox

from fnnsim.ui.main_window import MainWindow, default_config
from fnnsim.ui.sessions import MAX_RECENT
from tests.ui.conftest import WAIT


def trainer(w):
    return w.controller.worker.trainer


def step(qtbot, w, n):
    target = trainer(w).samples_seen + n
    w.controller.send("step_samples", n)
    qtbot.waitUntil(lambda: trainer(w).samples_seen == target, timeout=WAIT)


def save(qtbot, w, path):
    w.sessions.save_path = lambda *a: str(path)
    with qtbot.waitSignal(w.sessions.written, timeout=WAIT) as blocker:
        w.actions_.save_session.trigger()
    return blocker.args


def open_in(qtbot, w, path, samples):
    w.sessions.open_path = lambda *a: str(path)
    w.actions_.open_session.trigger()
    qtbot.waitUntil(lambda: trainer(w).samples_seen == samples, timeout=WAIT)
    # the replay and the first update after it reach the window
    qtbot.waitUntil(lambda: f"{samples:,} in all" in w.status.sample_label.text(),
                    timeout=WAIT)


@pytest.fixture
def fresh_window(qtbot, tmp_path):
    """A second window (own settings, own worker), as after a restart of the app."""
    config = default_config()
    config.training.engine = "reference"
    w = MainWindow(config, QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: trainer(w) is not None, timeout=WAIT)
    yield w
    w.close()


def same_parameters(a, b):
    return all(np.array_equal(x, y) for x, y in zip(
        a.network.weights + a.network.biases, b.network.weights + b.network.biases,
        strict=True))


def test_save_mid_run_open_in_a_fresh_window_and_step_on_identically(
        qtbot, window, fresh_window, tmp_path):
    step(qtbot, window, 500)  # epoch 2, sample 180 of 320
    window.training_panel.learning_rate.setValue(0.05)  # a live edit, unlike the config
    window.training_panel.no_limit.setChecked(True)
    qtbot.waitUntil(lambda: trainer(window).settings.learning_rate == 0.05
                    and trainer(window).max_epochs is None, timeout=WAIT)
    step(qtbot, window, 250)
    path = tmp_path / "run.fnnsession"
    assert save(qtbot, window, path) == [str(path), ""]

    other = fresh_window
    open_in(qtbot, other, path, 750)
    a, b = trainer(window), trainer(other)
    assert same_parameters(a, b) and (b.epoch, b.position) == (2, 110)
    assert b.settings.learning_rate == 0.05 and b.max_epochs is None
    assert other.training_panel.learning_rate.value() == 0.05
    assert other.training_panel.no_limit.isChecked()
    assert other.config.network == window.config.network
    for label in ("epoch_label", "sample_label", "loss_label"):
        assert getattr(other.status, label).text() == getattr(window.status, label).text()
    # the plots hold the same history: every sample and every epoch
    assert other.plots.series.end == window.plots.series.end == 750
    names = other.plots.series.store.names
    columns = list(range(len(names)))
    assert np.array_equal(other.plots.series.store.recent(columns, 0),
                          window.plots.series.store.recent(columns, 0))
    for column in ("epoch", "train_loss", "val_accuracy"):
        assert np.array_equal(other.plots.epochs.column(column),
                              window.plots.epochs.column(column), equal_nan=True)
    # the decision boundary draws the session's network
    qtbot.waitUntil(lambda: other.boundary._network is not None, timeout=WAIT)
    assert all(np.array_equal(x, y) for x, y in zip(
        other.boundary._network.weights, a.network.weights, strict=True))

    for w in (window, other):  # step on in both: the same run
        step(qtbot, w, 700)
    assert same_parameters(a, b)
    assert np.array_equal(a.epochs.table(), b.epochs.table(), equal_nan=True)
    assert np.array_equal(a.samples.recent()[1], b.samples.recent()[1])


def test_a_failed_open_shows_one_dialog_and_changes_nothing(
        qtbot, window, tmp_path, monkeypatch):
    step(qtbot, window, 40)
    qtbot.waitUntil(lambda: "40 in all" in window.status.sample_label.text(), timeout=WAIT)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    bad = tmp_path / "bad.fnnsession"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    before_config, before_trainer = window.config.to_json(), trainer(window)
    before_weights = [w.copy() for w in before_trainer.network.weights]
    before_text = window.status.sample_label.text()
    window.status.show_problem("a problem the learner must still see")
    window.sessions.open_path = lambda *a: str(bad)
    window.actions_.open_session.trigger()
    qtbot.waitUntil(lambda: not window.sessions.is_opening(), timeout=WAIT)
    qtbot.wait(300)  # anything the open could have sent the worker has arrived
    assert len(shown) == 1 and shown[0].startswith("bad.fnnsession: ")
    assert window.config.to_json() == before_config
    assert trainer(window) is before_trainer and before_trainer.samples_seen == 40
    assert all(np.array_equal(x, y) for x, y in zip(before_weights,
                                                     before_trainer.network.weights,
                                                     strict=True))
    assert window.status.sample_label.text() == before_text
    assert window.status.currentMessage() == "a problem the learner must still see"
    assert window.sessions.recent() == []


def test_recent_sessions_menu(qtbot, window, tmp_path, monkeypatch):
    first, second = tmp_path / "first.fnnsession", tmp_path / "second.fnnsession"
    save(qtbot, window, first)
    step(qtbot, window, 10)
    save(qtbot, window, second)
    assert window.sessions.recent() == [str(second), str(first)]
    entries = [a for a in window.recent_menu.actions() if a.toolTip() and not a.isSeparator()]
    assert [a.text() for a in entries][:2] == ["&1 second.fnnsession", "&2 first.fnnsession"]
    assert entries[0].toolTip() == str(second)

    entries[1].trigger()  # open "first": the run at sample 0 again
    qtbot.waitUntil(lambda: trainer(window).samples_seen == 0, timeout=WAIT)
    assert window.sessions.recent()[0] == str(first)

    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    second.unlink()
    missing = next(a for a in window.recent_menu.actions() if a.toolTip() == str(second))
    missing.trigger()
    qtbot.waitUntil(lambda: not window.sessions.is_opening(), timeout=WAIT)
    assert len(shown) == 1 and "no such file" in shown[0] and "\n" not in shown[0]
    assert window.sessions.recent() == [str(first)]

    for i in range(MAX_RECENT + 2):
        window.sessions._remember(str(tmp_path / f"s{i}.fnnsession"))
    assert len(window.sessions.recent()) == MAX_RECENT
    assert window.sessions.recent()[0] == str(tmp_path / f"s{MAX_RECENT + 1}.fnnsession")
    clear = next(a for a in window.recent_menu.actions() if a.text() == "Clear recent")
    clear.trigger()
    assert window.sessions.recent() == []
    assert [a.text() for a in window.recent_menu.actions() if not a.isSeparator()] == [
        "(none)", "Clear recent"]


def test_recent_sessions_survive_a_restart(qtbot, window, settings, tmp_path):
    path = tmp_path / "kept.fnnsession"
    save(qtbot, window, path)
    again = MainWindow(window.config, settings)
    qtbot.addWidget(again)
    assert again.sessions.recent() == [str(path)]
    assert any(a.toolTip() == str(path) for a in again.recent_menu.actions())
    again.close()


def test_a_failed_save_says_so_and_writes_nothing(qtbot, window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[2]))
    _, error = save(qtbot, window, tmp_path / "missing" / "run.fnnsession")
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=WAIT)
    assert shown[0].endswith("run.fnnsession: no such file or folder") and error == shown[0]
    assert not (tmp_path / "missing").exists() and window.sessions.recent() == []


def test_the_suffix_is_added_and_the_shortcuts_are_set(qtbot, window, tmp_path):
    assert save(qtbot, window, tmp_path / "plain")[0] == str(tmp_path / "plain.fnnsession")
    assert (tmp_path / "plain.fnnsession").exists()
    assert window.actions_.open_session.shortcut().toString() == "Ctrl+Shift+O"
    assert window.actions_.save_session.shortcut().toString() == "Ctrl+Shift+S"


def test_run_app_opens_the_window_on_a_session(qtbot, tmp_path, monkeypatch):
    """What `fnnsim open FILE` does once the file has been checked."""
    from PySide6.QtCore import QStandardPaths
    from PySide6.QtWidgets import QApplication

    from fnnsim.cli import main
    from fnnsim.ui.app import run_app

    config = default_config()
    config.training.engine, config.training.epochs = "reference", 2
    (tmp_path / "c.json").write_text(config.to_json())
    assert main(["train", str(tmp_path / "c.json"), "--out", str(tmp_path / "r"),
                 "--quiet"]) == 0
    home = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    native, user = QSettings.Format.NativeFormat, QSettings.Scope.UserScope
    QSettings.setPath(native, user, str(tmp_path / "config"))  # not the real settings
    shown = {}

    def exec_(*_):
        window = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, MainWindow) and w.isVisible())  # (not earlier tests')
        try:
            qtbot.waitUntil(lambda: trainer(window) is not None
                            and trainer(window).samples_seen == 640, timeout=WAIT)
            shown.update(visible=window.isVisible(), recent=window.sessions.recent())
        finally:
            window.close()  # (stops its worker thread)
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_)
    try:
        assert run_app(session=str(tmp_path / "r" / "session.fnnsession")) == 0
    finally:
        QSettings.setPath(native, user, home)
    assert shown == {"visible": True, "recent": [str(tmp_path / "r" / "session.fnnsession")]}


def slow_reads(monkeypatch, seconds_by_name: dict[str, float]) -> None:
    """Make reading the named session files take that long (in the reading thread)."""
    from fnnsim.ui import sessions

    real = sessions.read_session

    def slow(path):
        time.sleep(seconds_by_name.get(Path(path).name, 0.0))
        return real(path)

    monkeypatch.setattr(sessions, "read_session", slow)


def test_the_window_goes_on_while_a_session_is_read(qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "long.fnnsession"
    step(qtbot, window, 30)
    save(qtbot, window, path)
    step(qtbot, window, 20)
    slow_reads(monkeypatch, {path.name: 0.6})
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(window.sessions.is_opening()))
    timer.start(10)
    with qtbot.waitSignal(window.sessions.opened, timeout=WAIT):
        window.sessions.open_path = lambda *a: str(path)
        window.actions_.open_session.trigger()
        assert window.statusBar().currentMessage() == "Opening session long.fnnsession…"
    timer.stop()
    assert sum(ticks) >= 5  # the event loop ran while the file was read
    qtbot.waitUntil(lambda: trainer(window).samples_seen == 30, timeout=WAIT)
    assert window.statusBar().currentMessage() == "Opened session long.fnnsession"


def test_the_last_session_asked_for_is_the_one_shown(qtbot, window, tmp_path, monkeypatch):
    first, second = tmp_path / "first.fnnsession", tmp_path / "second.fnnsession"
    step(qtbot, window, 10)
    save(qtbot, window, first)
    step(qtbot, window, 15)
    save(qtbot, window, second)
    slow_reads(monkeypatch, {first.name: 0.5})
    opened = []
    window.sessions.opened.connect(opened.append)
    with qtbot.waitSignal(window.sessions.read, timeout=WAIT,  # (handled when it returns)
                          check_params_cb=lambda tag, path, *_: path == str(first)):
        window.sessions.open_file(str(first))  # slow …
        window.sessions.open_file(str(second))  # … and overtaken
    assert opened == [str(second)] and not window.sessions.is_opening()  # first: dropped
    assert trainer(window).samples_seen == 25
    assert window.sessions.recent()[0] == str(second)


def test_a_run_started_while_a_session_is_read_is_not_replaced_by_it(
        qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "late.fnnsession"
    step(qtbot, window, 30)
    save(qtbot, window, path)
    slow_reads(monkeypatch, {path.name: 0.5})
    opened = []
    window.sessions.opened.connect(opened.append)
    with qtbot.waitSignal(window.sessions.read, timeout=WAIT):
        window.sessions.open_file(str(path))
        window.reset_training()  # the learner starts over before the file is read
        assert not window.sessions.is_opening()
        assert window.statusBar().currentMessage() != "Opening session late.fnnsession…"
    qtbot.wait(300)  # anything the late session could have sent the worker has arrived
    assert opened == [] and trainer(window).samples_seen == 0
