"""File → Import weights: a weights file becomes the starting point of a new run.

What a learner expects, and so what happens:
- The file must fit the network the worker holds: the same number of layers and every W
  and b of the same shape, and — when the file names its architecture (.npz, .json) — the
  same activations, because weights trained under relu compute something else under tanh.
  Anything else is one dialog naming the layer and both shapes (or both activations), and
  nothing changes. The loss may differ: it changes how training goes on, not what the
  weights compute. A .csv states no architecture, so only its shapes are checked.
- A good file starts the run over from its weights, as if they were the initial weights:
  epoch and sample counters restart at 0 and the plots start empty, so the history never
  mixes two trajectories. Reset (and Rewind) go back to the imported weights, not to the
  seed's; an edit that builds a new network (architecture, seed, initializer, data) or a
  newly opened config forgets them.
The file is read in the GUI thread into a fresh Network of the current shape (small and
quick), and only a whole valid one is handed to the worker.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtWidgets import QMainWindow, QMessageBox

from fnnsim.engine.network import Network
from fnnsim.errors import FnnsimError
from fnnsim.io.weights import load_weights
from fnnsim.ui.dialogs import ask_open_path
from fnnsim.ui.i18n import error_text

IMPORT_FILTERS = QT_TRANSLATE_NOOP(
    "WeightsImport", "Weights (*.npz *.json *.csv);;All files (*)")




class WeightsImport(QObject):
    """The import action of one main window; `open_path` is an attribute so tests replace
    the dialog."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.open_path: Callable[[QMainWindow, str, str], str | None] = ask_open_path

    def import_weights(self) -> None:
        path = self.open_path(self.window, self.tr("Import weights"),
                              self.tr(IMPORT_FILTERS))
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> bool:
        """Start the run over from the weights in `path`; False (after one dialog) if the
        file does not fit."""
        window = self.window
        sizes, activations, loss = window._shape  # the network the worker holds
        network = Network.create(sizes, activations, loss)
        try:
            load_weights(path, network, match_activations=True)
        except FnnsimError as exc:
            QMessageBox.warning(window, self.tr("Cannot import weights"), error_text(exc))
            return False
        window.imported = network
        window.reset_training()
        window.statusBar().showMessage(self.tr(
            "Imported weights from {0}: the run starts over from them (Reset returns to "
            "them)").format(path), 10_000)
        return True
