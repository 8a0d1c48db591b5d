"""File → Export: weights, plots, history and the whole bundle, from a snapshot of the run.

The worker owns the run, so an export first asks it for a snapshot (copies) and writes
when the snapshot arrives; training goes on meanwhile. Every write is atomic; a failure
is one line in a dialog and leaves nothing half-written.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtWidgets import QMainWindow, QMessageBox

from fnnsim.engine.network import Network
from fnnsim.errors import FnnsimError
from fnnsim.io.bundle import write_bundle
from fnnsim.io.history_csv import (
    write_epoch_history,
    write_recent_samples,
    write_sample_buckets,
)
from fnnsim.io.onnx_export import export_onnx
from fnnsim.io.plot_export import export_plots
from fnnsim.io.weights import save_weights
from fnnsim.training.snapshot import RunSnapshot
from fnnsim.ui.dialogs import ask_folder, ask_save_path
from fnnsim.ui.i18n import error_text

WEIGHT_FILTERS = QT_TRANSLATE_NOOP(
    "Exports", "NumPy (*.npz);;JSON (*.json);;CSV long table (*.csv);;ONNX (*.onnx)")






def write_weights(path: str | Path, network: Network) -> None:
    """.onnx through the optional extra (one line on how to install it if missing); the
    other formats through fnnsim.io.weights. Both write atomically."""
    if Path(path).suffix.lower() == ".onnx":
        export_onnx(path, network)
    else:
        save_weights(path, network)




class Exports(QObject):
    """The export actions of one main window. Dialogs are attributes, so tests replace them."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.save_path: Callable[[QMainWindow, str, str, str], str | None] = ask_save_path
        self.folder: Callable[[QMainWindow, str], str | None] = ask_folder
        self._pending: dict[int, Callable[[RunSnapshot], str]] = {}
        self._next_tag = 0
        window.controller.snapshot_taken.connect(self._on_snapshot)

    # ---- actions ----
    def export_weights(self) -> None:
        path = self.save_path(self.window, self.tr("Export weights"), "weights.npz",
                              self.tr(WEIGHT_FILTERS))
        if path:
            self._request(lambda s: self._write(write_weights, path, s.network))

    def export_history(self) -> None:
        path = self.save_path(self.window, self.tr("Export history (per epoch)"),
                              "history.csv", self.tr("CSV (*.csv)"))
        if not path:
            return

        def write(s: RunSnapshot) -> str:
            stem = Path(path).with_suffix("")
            write_epoch_history(path, s.epochs)
            write_recent_samples(f"{stem}_samples.csv", s.samples)
            write_sample_buckets(f"{stem}_buckets.csv", s.samples)
            return path

        self._request(write)

    def export_plots(self) -> None:
        folder = self.folder(self.window, self.tr("Export all plots (PNG and SVG)"))
        if not folder:
            return
        try:
            self.export_plots_to(folder)
        except (OSError, FnnsimError) as exc:
            self._failed(exc)
            return
        self._done(folder)

    def export_plots_to(self, folder: str) -> list[Path]:
        """Every live plot as PNG and SVG into `folder` (no snapshot needed); all or
        nothing (fnnsim.io.plot_export.export_plots)."""
        return export_plots(self.window.plots.widgets(), folder)

    def export_bundle(self) -> None:
        folder = self.folder(self.window, self.tr("Export everything into a folder"))
        if folder:
            when = datetime.now().isoformat(timespec="seconds")
            plots = self.window.plots.widgets()
            self._request(lambda s: self._write(write_bundle, folder, s, plots, when))

    # ---- plumbing ----
    def _request(self, write: Callable[[RunSnapshot], str]) -> None:
        self._next_tag += 1
        self._pending[self._next_tag] = write
        self.window.controller.send("snapshot", self._next_tag)

    def _on_snapshot(self, tag: object, snapshot: RunSnapshot) -> None:
        write = self._pending.pop(tag, None)  # type: ignore[arg-type]
        if write is None:
            return
        snapshot = dataclasses.replace(snapshot, config=self.window.current_config())
        try:
            where = write(snapshot)
        except (OSError, FnnsimError) as exc:
            self._failed(exc)
            return
        self._done(where)

    def _failed(self, exc: OSError | FnnsimError) -> None:
        QMessageBox.warning(self.window, self.tr("Export failed"), error_text(exc))

    def _done(self, where: str) -> None:
        self.window.statusBar().showMessage(self.tr("Exported to {0}").format(where), 5000)

    @staticmethod
    def _write(function: Callable[..., object], path: str | Path, *args: object) -> str:
        function(path, *args)
        return str(path)
