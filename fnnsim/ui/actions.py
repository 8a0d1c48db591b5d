"""The main window's actions (menus, toolbar, shortcuts) in one place."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QMainWindow, QStyle, QWidget

from fnnsim.ui.look import tinted

# Speed control: samples per second (None = as fast as the engine goes). The labels are
# translated when the combo is filled.
SPEEDS: list[tuple[str, float | None]] = [
    (QT_TRANSLATE_NOOP("Actions", "Full speed"), None),
    (QT_TRANSLATE_NOOP("Actions", "100k samples/s"), 1e5),
    (QT_TRANSLATE_NOOP("Actions", "10k samples/s"), 1e4),
    (QT_TRANSLATE_NOOP("Actions", "1k samples/s"), 1e3),
    (QT_TRANSLATE_NOOP("Actions", "100 samples/s"), 100.0),
    (QT_TRANSLATE_NOOP("Actions", "10 samples/s"), 10.0),
    (QT_TRANSLATE_NOOP("Actions", "1 sample/s"), 1.0),
]
DEFAULT_SPEED = 2  # 10k samples/s: a default spiral run unfolds over tens of seconds

# A bare `translate("Actions", "text")` is what pyside6-lupdate extracts.
translate = QCoreApplication.translate


def tr(text: str) -> str:
    """Translate a text of context "Actions" at run time. Write literals as
    `translate("Actions", "…")` so lupdate extracts them."""
    return translate("Actions", text)


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
    open_session: QAction
    save_session: QAction
    import_weights: QAction
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
        """An action with an already translated text and tooltip."""
        a = QAction(text, window)
        if shortcut:
            a.setShortcut(QKeySequence(shortcut))
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if tip:
            a.setToolTip(tip)
            a.setStatusTip(tip)
        if icon is not None:
            a.setIcon(tinted(style.standardIcon(icon)))
        window.addAction(a)
        return a

    sp = QStyle.StandardPixmap
    play = action(translate("Actions", "Play"), "Space", translate(
        "Actions", "Train continuously, one SGD step per sample (Space pauses)."),
        sp.SP_MediaPlay)
    play.setCheckable(True)
    x_samples = action(translate("Actions", "X axis in samples"),
                       tip=translate("Actions", "Plot against the number of samples trained."))
    x_epochs = action(translate("Actions", "X axis in epochs"),
                      tip=translate("Actions", "Plot against epochs (passes over the "
                                               "training set)."))
    for a in (x_samples, x_epochs):
        a.setCheckable(True)
    x_samples.setChecked(True)
    speed = QComboBox(window)
    for label, _ in SPEEDS:
        speed.addItem(translate("Actions", label))
    speed.setCurrentIndex(DEFAULT_SPEED)
    speed.setToolTip(translate("Actions", "How many samples per second to train (at full "
                                          "speed, as fast as the engine goes)."))
    return Actions(
        play=play,
        step_sample=action(translate("Actions", "Step sample"), "Right", translate(
            "Actions", "Train on one sample: one forward pass, backpropagation and update (→)."),
            sp.SP_MediaSeekForward),
        step_epoch=action(translate("Actions", "Step epoch"), "Ctrl+Right", translate(
            "Actions", "Train to the end of this epoch (Ctrl+→)."), sp.SP_MediaSkipForward),
        reset=action(translate("Actions", "Reset"), "R", translate(
            "Actions", "Start over from the same initial weights (R)."),
            sp.SP_MediaSkipBackward),
        pin_reference=action(translate("Actions", "Pin run as reference (A)"), tip=translate(
            "Actions", "Keep this run's curves (dashed) in every plot and start a run B from "
                       "the same initial weights.")),
        clear_reference=action(translate("Actions", "Clear reference"), tip=translate(
            "Actions", "Remove the pinned run's curves.")),
        open_config=action(translate("Actions", "Open config…"), QKeySequence.StandardKey.Open,
                           translate("Actions", "Load an experiment config (JSON).")),
        save_config=action(translate("Actions", "Save config…"), QKeySequence.StandardKey.Save,
                           translate("Actions", "Save this experiment's config (JSON).")),
        open_session=action(translate("Actions", "Open session…"), "Ctrl+Shift+O", translate(
            "Actions", "Reopen a saved run and go on exactly where it stood.")),
        save_session=action(translate("Actions", "Save session…"), "Ctrl+Shift+S", translate(
            "Actions", "Save the whole run (config, data, weights, position, history) in one "
                       "file.")),
        import_weights=action(translate("Actions", "Import weights…"), "Ctrl+I", translate(
            "Actions", "Start over from weights in a .npz, .json or .csv file.")),
        export_weights=action(translate("Actions", "Export weights…"), "Ctrl+E", translate(
            "Actions", "Write W1..WL and b1..bL as .npz, .json, .csv or .onnx.")),
        export_plots=action(translate("Actions", "Export plots…"), tip=translate(
            "Actions", "Every plot as PNG and SVG into a folder.")),
        export_history=action(translate("Actions", "Export history…"), tip=translate(
            "Actions", "The metric history as CSV: per epoch and per sample.")),
        export_bundle=action(translate("Actions", "Export everything…"), "Ctrl+Shift+E",
                             translate("Actions", "Weights, plots, history, config and a "
                                                  "README into a folder.")),
        quit=action(translate("Actions", "Quit"), QKeySequence.StandardKey.Quit,
                    translate("Actions", "Close fnnsim.")),
        x_samples=x_samples,
        x_epochs=x_epochs,
        restore_layout=action(translate("Actions", "Restore default layout"),
                              tip=translate("Actions", "Put every panel back where it was.")),
        shortcuts=action(translate("Actions", "Keyboard shortcuts"), "F1",
                         translate("Actions", "List the keyboard shortcuts.")),
        about=action(translate("Actions", "About fnnsim")),
        speed=speed,
    )


def shortcut_rows(root: QWidget) -> list[tuple[str, str]]:
    """(keys, what it does) for every action under `root` that has a shortcut, in the
    order they were made: generated from the live QActions, so Help → Keyboard shortcuts
    cannot miss one that a panel adds."""
    rows, seen = [], set()
    for action in root.findChildren(QAction):
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()]
        keys = [k for k in keys if k]
        if not keys or id(action) in seen:
            continue
        seen.add(id(action))
        text = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        rows.append((" / ".join(keys), text.rstrip("…").rstrip(".")))
    return rows
