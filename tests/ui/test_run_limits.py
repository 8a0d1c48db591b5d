"""The epoch limit and early stopping as the Training panel shows them: kept across Reset,
a finished run says why Play does nothing and what lets it go on, and after an early stop
the status bar shows the losses of the weights the network holds (the best epoch's)."""

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
    assert window.statusBar().currentMessage() == (
        "This run is finished: it reached its limit of 1 epochs. Raise Max epochs or tick "
        "no limit to go on, or Reset to start over.")
    panel.epochs.setValue(3)
    qtbot.waitUntil(lambda: window.state == "paused", timeout=WAIT)
    window.actions_.speed.setCurrentIndex(0)
    window.actions_.play.trigger()
    qtbot.waitUntil(lambda: trainer(window).epoch == 3 and window.state == "finished",
                    timeout=WAIT)


def stopped_early(qtbot, window, patience=2):
    """Play the default run with early stopping (patience 2) until it stops: at epoch 3,
    its best being epoch 1 (reference engine, seeded)."""
    panel = window.training_panel
    panel.early_stopping.setChecked(True)
    panel.patience.setValue(patience)
    qtbot.waitUntil(lambda: trainer(window).patience == patience, timeout=WAIT)
    window.actions_.speed.setCurrentIndex(0)
    window.actions_.play.trigger()
    qtbot.waitUntil(lambda: window.state == "finished", timeout=WAIT)
    t = trainer(window)
    assert t.stopped_early and (t.epoch, t.best_epoch) == (3, 1)
    return t


def test_play_after_an_early_stop_says_so_and_what_lets_it_go_on(qtbot, window):
    panel = window.training_panel
    stopped_early(qtbot, window)
    window.actions_.play.trigger()
    qtbot.waitUntil(lambda: "early" in window.statusBar().currentMessage(), timeout=WAIT)
    assert window.statusBar().currentMessage() == (
        "Stopped early at epoch 3; best epoch 1's weights were restored. Untick Early stop "
        "or set patience above 2 to go on from them, or Reset to start over.")
    panel.no_limit.setChecked(True)  # not what stopped it: still finished
    qtbot.waitUntil(lambda: trainer(window).max_epochs is None, timeout=WAIT)
    qtbot.wait(100)
    assert window.state == "finished"
    panel.early_stopping.setChecked(False)
    qtbot.waitUntil(lambda: window.state == "paused", timeout=WAIT)
    window.actions_.play.trigger()
    qtbot.waitUntil(lambda: trainer(window).epoch >= 6, timeout=WAIT)
    window.actions_.play.trigger()
    qtbot.waitUntil(lambda: window.state == "paused", timeout=WAIT)


def test_a_patience_above_the_epochs_since_the_best_lets_it_go_on(qtbot, window):
    panel = window.training_panel
    stopped_early(qtbot, window)
    panel.patience.setValue(2)  # no change
    panel.patience.setValue(3)  # one epoch more than the two since the best
    qtbot.waitUntil(lambda: window.state == "paused", timeout=WAIT)
    window.actions_.play.trigger()
    qtbot.waitUntil(lambda: window.state == "finished", timeout=WAIT)
    assert trainer(window).epoch > 3


def test_after_an_early_stop_the_status_shows_the_losses_of_the_weights_held(qtbot, window):
    t = stopped_early(qtbot, window)
    best, last = t.epochs.record(0), t.epochs.record(-1)
    train, val = t.evaluate_train().loss, t.evaluate_val().loss  # the restored weights'
    assert f"{best.train_loss:.4g}" == f"{train:.4g}" != f"{last.train_loss:.4g}"
    want = (f"train loss {train:.4g}   val loss {val:.4g}   (best epoch 1's weights)")
    qtbot.waitUntil(lambda: window.status.loss_label.text() == want, timeout=WAIT)
    window.training_panel.early_stopping.setChecked(False)
    qtbot.waitUntil(lambda: window.state == "paused", timeout=WAIT)
    window.actions_.step_epoch.trigger()  # trained on: the new last epoch's losses
    qtbot.waitUntil(lambda: trainer(window).epoch == 4, timeout=WAIT)
    now = trainer(window).epochs.record(-1)
    qtbot.waitUntil(lambda: window.status.loss_label.text() == (
        f"train loss {now.train_loss:.4g}   val loss {now.val_loss:.4g}"), timeout=WAIT)


def test_a_stop_at_the_epoch_limit_names_both_and_needs_both_lifted(qtbot, window):
    panel = window.training_panel
    panel.epochs.setValue(3)  # the epoch early stopping ends it at, too
    qtbot.waitUntil(lambda: trainer(window).max_epochs == 3, timeout=WAIT)
    stopped_early(qtbot, window)
    window.actions_.play.trigger()
    qtbot.waitUntil(lambda: "early" in window.statusBar().currentMessage(), timeout=WAIT)
    assert window.statusBar().currentMessage().endswith(
        "or Reset to start over. It also reached its limit of 3 epochs: raise Max epochs or "
        "tick no limit too.")
    panel.early_stopping.setChecked(False)
    qtbot.waitUntil(lambda: trainer(window).patience is None, timeout=WAIT)
    qtbot.wait(100)
    assert window.state == "finished"
    panel.epochs.setValue(5)
    qtbot.waitUntil(lambda: window.state == "paused", timeout=WAIT)
