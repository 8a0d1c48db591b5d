"""The epoch limit and early stopping as the Training panel shows them: kept across Reset,
and a finished run says why Play does nothing until the limit is raised."""

from tests.ui.conftest import WAIT


def trainer(w):
    return w.controller.worker.trainer


def test_reset_keeps_no_limit_and_early_stopping(qtbot, window):
    panel = window.training_panel
    panel.no_limit.setChecked(True)
    panel.early_stopping.setChecked(True)
    panel.patience.setValue(7)
    qtbot.waitUntil(lambda: trainer(window).max_epochs is None
                    and trainer(window).patience == 7, timeout=WAIT)
    old = trainer(window)
    window.actions_.reset.trigger()
    qtbot.waitUntil(lambda: trainer(window) is not old, timeout=WAIT)
    qtbot.waitUntil(lambda: trainer(window).max_epochs is None
                    and trainer(window).patience == 7, timeout=WAIT)


def test_play_on_a_finished_run_says_why_and_a_higher_limit_lets_it_go_on(qtbot, window):
    panel = window.training_panel
    panel.epochs.setValue(1)
    qtbot.waitUntil(lambda: trainer(window).max_epochs == 1, timeout=WAIT)
    window.actions_.step_epoch.trigger()
    qtbot.waitUntil(lambda: window.state == "finished", timeout=WAIT)
    window.actions_.play.trigger()
    qtbot.waitUntil(lambda: "finished" in window.statusBar().currentMessage(), timeout=WAIT)
    assert not window.actions_.play.isChecked() and window.state == "finished"
    panel.epochs.setValue(3)
    qtbot.waitUntil(lambda: window.state == "paused", timeout=WAIT)
    window.actions_.speed.setCurrentIndex(0)
    window.actions_.play.trigger()
    qtbot.waitUntil(lambda: trainer(window).epoch == 3 and window.state == "finished",
                    timeout=WAIT)
