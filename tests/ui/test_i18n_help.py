"""Help → Keyboard shortcuts lists the live actions; every panel control explains itself;
Tab walks the panels in reading order."""

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QListWidget,
    QToolBar,
    QWidget,
)

from fnnsim.ui import main_window as main_window_module
from fnnsim.ui.actions import shortcut_rows


def _shown_shortcuts(window, monkeypatch) -> str:
    shown = []
    monkeypatch.setattr(main_window_module.QMessageBox, "information",
                        lambda parent, title, text: shown.append((title, text)))
    window.actions_.shortcuts.trigger()
    ((title, text),) = shown
    assert title == "Keyboard shortcuts"
    return text


def test_every_shortcut_of_the_window_is_listed(window, monkeypatch):
    text = _shown_shortcuts(window, monkeypatch)
    with_keys = [a for a in window.findChildren(QAction) if a.shortcuts()]
    assert len(with_keys) >= 13  # train, files, export, help and the inspector's keys
    for action in with_keys:
        for key in action.shortcuts():
            assert key.toString(QKeySequence.SequenceFormat.NativeText) in text
    for words in ("Play", "Step sample", "Step epoch", "Reset", "Export weights",
                  "Export everything", "Previous", "Next", "Finish", "Gradient check",
                  "Keyboard shortcuts"):  # Quit's standard key is empty on some platforms
        assert f"<td>{words}</td>" in text
    assert "<b>Ctrl+Shift+E</b>" in text and "<b>N / .</b>" in text


def test_an_action_added_later_is_listed_too(window, monkeypatch):
    extra = QAction("Compare runs", window)
    extra.setShortcut(QKeySequence("Ctrl+K"))
    window.addAction(extra)
    assert ("Ctrl+K", "Compare runs") in shortcut_rows(window)
    assert "<td>Compare runs</td>" in _shown_shortcuts(window, monkeypatch)


def _controls(panel: QWidget) -> list[QWidget]:
    kinds = (QAbstractButton, QAbstractSpinBox, QComboBox, QListWidget)
    return [w for w in panel.findChildren(QWidget)
            if isinstance(w, kinds) and not isinstance(w, QLineEdit)
            and w.isVisibleTo(panel) and w.parent() is not None
            and not isinstance(w.parent(), QAbstractSpinBox | QComboBox)]


def test_every_control_in_the_panels_and_toolbar_has_a_tooltip(window):
    panels = (window.network_panel, window.data_panel, window.training_panel)
    for panel in panels:
        controls = _controls(panel)
        assert len(controls) >= 8
        bare = [f"{type(w).__name__} {w.objectName() or getattr(w, 'text', lambda: '')()}"
                for w in controls if not w.toolTip()]
        assert bare == [], f"{type(panel).__name__}: no tooltip on {bare}"
    toolbar = window.findChild(QToolBar, "toolbar_training")
    for action in toolbar.actions():
        speed = toolbar.widgetForAction(action) is window.actions_.speed
        if not action.isSeparator() and not speed:
            assert action.toolTip() and action.toolTip() != action.text()
    assert window.actions_.speed.toolTip()


def _focus_order(panel: QWidget, widgets: list[QWidget]) -> list[QWidget]:
    """The given widgets in the order Tab reaches them, starting from the first."""
    order, current = [], widgets[0]
    for _ in range(500):
        target = current.focusProxy() or current
        owner = next((w for w in widgets if w is current or w.focusProxy() is target
                      or w.isAncestorOf(current)), None)
        if owner is not None and owner not in order:
            order.append(owner)
        current = current.nextInFocusChain()
        if current is widgets[0]:
            break
    return order


def test_tab_walks_the_network_panel_in_reading_order(window):
    panel = window.network_panel
    panel.add_layer()  # a row added later still comes before the Add button
    expected = [w for row in panel.rows for w in (row.units, row.activation, row.remove)]
    expected += [panel.add_button, panel.output_activation, panel.loss, panel.initializer,
                 panel.init_scale, panel.seed, panel.rewind_button]
    assert _focus_order(panel, expected) == expected


def test_tab_walks_the_data_panel_in_reading_order(window):
    panel = window.data_panel
    panel.source.setCurrentIndex(panel.source.findData("checkerboard"))  # new parameter box
    expected = [panel.source, *panel.param_boxes.values(), panel.n_samples, panel.noise,
                panel.val_fraction, panel.seed, panel.regenerate, panel.standardize,
                panel.load_button]
    assert len(panel.param_boxes) == 1
    assert _focus_order(panel, expected) == expected
