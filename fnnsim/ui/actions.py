"""The main window's actions (menus, toolbar, shortcuts) in one place."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QMainWindow, QStyle

# Speed control: samples per second (None = as fast as the engine goes).
SPEEDS: list[tuple[str, float | None]] = [
    ("Full speed", None), ("100k samples/s", 1e5), ("10k samples/s", 1e4),
    ("1k samples/s", 1e3), ("100 samples/s", 100.0), ("10 samples/s", 10.0),
    ("1 sample/s", 1.0),
]
DEFAULT_SPEED = 2  # 10k samples/s: a default spiral run unfolds over tens of seconds


def tr(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


@dataclass
class Actions:
    play: QAction
    step_sample: QAction
    step_epoch: QAction
    reset: QAction
    pin_reference: QAction
    clear_reference: QAction
    open_config: QAction
    save_config: QAction
    export_weights: QAction
    export_plots: QAction
    export_history: QAction
    export_bundle: QAction
    quit: QAction
    x_samples: QAction
    x_epochs: QAction
    restore_layout: QAction
    shortcuts: QAction
    about: QAction
    speed: QComboBox


def make_actions(window: QMainWindow) -> Actions:
    style = window.style()

    def action(text: str, shortcut: str | QKeySequence | None = None, tip: str = "",
               icon: QStyle.StandardPixmap | None = None) -> QAction:
        a = QAction(tr(text), window)
        if shortcut:
            a.setShortcut(QKeySequence(shortcut))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            a.setToolTip(tr(tip))
            a.setStatusTip(tr(tip))
        if icon is not None:
            a.setIcon(style.standardIcon(icon))
        window.addAction(a)
        return a

    sp = QStyle.StandardPixmap
    play = action("Play", "Space", "Train continuously (Space pauses)", sp.SP_MediaPlay)
    play.setCheckable(True)
    x_samples = action("X axis in samples", tip="Plot against the number of samples trained")
    x_epochs = action("X axis in epochs", tip="Plot against epochs")
    for a in (x_samples, x_epochs):
        a.setCheckable(True)
    x_samples.setChecked(True)
    speed = QComboBox(window)
    for label, _ in SPEEDS:
        speed.addItem(tr(label))
    speed.setCurrentIndex(DEFAULT_SPEED)
    speed.setToolTip(tr("How many samples per second to train (the engine's limit at full "
                        "speed)"))
    return Actions(
        play=play,
        step_sample=action("Step sample", "Right", "Train on one sample (→)",
                           sp.SP_MediaSeekForward),
        step_epoch=action("Step epoch", "Ctrl+Right", "Train to the end of this epoch",
                          sp.SP_MediaSkipForward),
        reset=action("Reset", "R", "Start over from the same initial weights (R)",
                     sp.SP_MediaSkipBackward),
        pin_reference=action("Pin run as reference (A)", tip=(
            "Keep this run's curves (dashed) in every plot and start a run B from the same "
            "initial weights")),
        clear_reference=action("Clear reference", tip="Remove the pinned run's curves"),
        open_config=action("Open config…", QKeySequence.StandardKey.Open,
                           "Load an experiment config (JSON)"),
        save_config=action("Save config…", QKeySequence.StandardKey.Save,
                           "Save this experiment's config (JSON)"),
        export_weights=action("Export weights…", "Ctrl+E",
                              "Write W1..WL and b1..bL as .npz, .json or .csv"),
        export_plots=action("Export plots…", tip="Every plot as PNG and SVG into a folder"),
        export_history=action("Export history…",
                              tip="The metric history as CSV: per epoch and per sample"),
        export_bundle=action("Export everything…", "Ctrl+Shift+E",
                             "Weights, plots, history, config and a README into a folder"),
        quit=action("Quit", QKeySequence.StandardKey.Quit, "Close fnnsim"),
        x_samples=x_samples,
        x_epochs=x_epochs,
        restore_layout=action("Restore default layout", tip="Put every panel back"),
        shortcuts=action("Keyboard shortcuts", "F1", "List the keyboard shortcuts"),
        about=action("About fnnsim"),
        speed=speed,
    )
