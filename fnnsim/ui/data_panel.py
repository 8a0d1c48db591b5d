"""The data panel: a generator and its parameters, or a CSV file; split, seed, preview.

It edits a `DataConfig` and shows the data the main window built from it (`show_data`).
Dialogs are injectable (`file_chooser`, `column_chooser`) so tests can drive them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fnnsim.config import TASKS, DataConfig
from fnnsim.data import CLASSIFICATION, GENERATORS, Dataset, load_csv, read_csv_header
from fnnsim.data.generators import MAX_NOISE, MAX_SAMPLES, MIN_SAMPLES
from fnnsim.errors import FnnsimError
from fnnsim.ui.i18n import error_text
from fnnsim.ui.widgets import (
    MAX_SEED,
    DataPreview,
    Quiet,
    SeedSpinBox,
    hbox,
    no_typing_storm,
    tab_chain,
)

CSV = "csv"
ColumnChoice = tuple[str, list[str], str]  # target, features, task

# The generators' names, descriptions and parameter notes live in the Qt-free data layer
# (the CLI prints them too); they are marked here so lupdate extracts them, and shown
# through tr() in context "DataPanel". tests/ui/test_i18n_sources.py checks that every
# description in GENERATORS is listed, so a new generator cannot go untranslated.
GENERATOR_TEXTS = (
    QT_TRANSLATE_NOOP("DataPanel", "xor"),
    QT_TRANSLATE_NOOP("DataPanel", "circles"),
    QT_TRANSLATE_NOOP("DataPanel", "gaussians"),
    QT_TRANSLATE_NOOP("DataPanel", "spiral"),
    QT_TRANSLATE_NOOP("DataPanel", "moons"),
    QT_TRANSLATE_NOOP("DataPanel", "checkerboard"),
    QT_TRANSLATE_NOOP("DataPanel", "plane"),
    QT_TRANSLATE_NOOP("DataPanel", "sine"),
    QT_TRANSLATE_NOOP("DataPanel", "Four quadrants; class 1 where x1 and x2 have opposite "
                                   "signs. Inputs in [-1, 1]²."),
    QT_TRANSLATE_NOOP("DataPanel", "A disc inside a ring. Inputs in [-1, 1]²."),
    QT_TRANSLATE_NOOP("DataPanel", "Two Gaussian blobs around (-1, -1) and (1, 1)."),
    QT_TRANSLATE_NOOP("DataPanel", "spread"),
    QT_TRANSLATE_NOOP("DataPanel", "std of each blob"),
    QT_TRANSLATE_NOOP("DataPanel", "classes"),
    QT_TRANSLATE_NOOP("DataPanel", "K interleaved spiral arms (CS231n); noise jitters the "
                                   "angle. Inputs in [-1, 1]²."),
    QT_TRANSLATE_NOOP("DataPanel", "number of arms (classes)"),
    QT_TRANSLATE_NOOP("DataPanel", "Two interleaved half-moons. Inputs in [-1.5, 1.5] × "
                                   "[-0.75, 0.75]."),
    QT_TRANSLATE_NOOP("DataPanel", "A two-colour checkerboard on [-1, 1]²."),
    QT_TRANSLATE_NOOP("DataPanel", "tiles"),
    QT_TRANSLATE_NOOP("DataPanel", "squares per side"),
    QT_TRANSLATE_NOOP("DataPanel", "Regression y = a·x1 + b·x2 + c, noise on y. Inputs in "
                                   "[-1, 1]²."),
    QT_TRANSLATE_NOOP("DataPanel", "slope along x1"),
    QT_TRANSLATE_NOOP("DataPanel", "slope along x2"),
    QT_TRANSLATE_NOOP("DataPanel", "offset"),
    QT_TRANSLATE_NOOP("DataPanel", "Regression y = sin(x), x in [-π, π], noise on y."),
)
TASK_NAMES = {
    "auto": QT_TRANSLATE_NOOP("CsvColumnsDialog", "auto"),
    "classification": QT_TRANSLATE_NOOP("CsvColumnsDialog", "classification"),
    "regression": QT_TRANSLATE_NOOP("CsvColumnsDialog", "regression"),
}


class CsvColumnsDialog(QDialog):
    """Choose the target column, the feature columns and the task of a CSV file."""

    def __init__(self, header: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Columns of the CSV file"))
        self.target = QComboBox()
        self.target.addItems(header)
        self.target.setCurrentIndex(len(header) - 1)
        self.target.setToolTip(self.tr("The column the network learns to predict (y)."))
        self.features = QListWidget()
        self.features.setToolTip(self.tr("Input columns x, in this order; tick at least one."))
        for column in header:
            item = QListWidgetItem(column)
            item.setCheckState(Qt.CheckState.Checked)
            self.features.addItem(item)
        self.task = QComboBox()
        for task in TASKS:  # shown translated, the config's name kept as item data
            self.task.addItem(self.tr(TASK_NAMES.get(task, task)), task)
        self.task.setToolTip(self.tr(
            "auto: text or few integer values are classes, other numbers regression."))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        form = QFormLayout(self)
        form.addRow(self.tr("Target"), self.target)
        form.addRow(self.tr("Features"), self.features)
        form.addRow(self.tr("Task"), self.task)
        form.addRow(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.target.currentIndexChanged.connect(self._sync)
        self.features.itemChanged.connect(self._sync)
        self._sync()

    def choice(self) -> ColumnChoice:
        """(target, ticked feature columns, task) as chosen."""
        return (self.target.currentText(), self._ticked(), self.task.currentData())

    def _ticked(self) -> list[str]:
        items = (self.features.item(i) for i in range(self.features.count()))
        return [it.text() for it in items if it.checkState() == Qt.CheckState.Checked]

    def _sync(self) -> None:
        """The target cannot also be a feature; OK needs at least one feature."""
        self.features.blockSignals(True)
        for i in range(self.features.count()):
            item, flags = self.features.item(i), self.features.item(i).flags()
            if i == self.target.currentIndex():
                item.setFlags(flags & ~Qt.ItemFlag.ItemIsEnabled)
                item.setCheckState(Qt.CheckState.Unchecked)
            elif not flags & Qt.ItemFlag.ItemIsEnabled:  # was the target: a feature again
                item.setFlags(flags | Qt.ItemFlag.ItemIsEnabled)
                item.setCheckState(Qt.CheckState.Checked)
        self.features.blockSignals(False)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self._ticked()))


def choose_csv_file(parent: QWidget) -> str | None:
    path, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("DataPanel", "Load CSV"), "",
        QCoreApplication.translate("DataPanel", "CSV files (*.csv);;All files (*)"))
    return path or None


def choose_columns(parent: QWidget, header: list[str]) -> ColumnChoice | None:
    dialog = CsvColumnsDialog(header, parent)
    return dialog.choice() if dialog.exec() == QDialog.DialogCode.Accepted else None


class DataPanel(QWidget):
    """Edits `DataConfig` and previews the data built from it.

    - `config_changed` is emitted once per user edit (never by `set_config`); the main
      window builds the data and calls `show_data(train, val)` back.
    - Regenerate draws a new data set: it increments the seed (an "auto" seed becomes the
      experiment seed + 1, see `set_experiment_seed`). For a CSV file it gives a new
      train/validation split.
    - Load CSV… asks `file_chooser(self)` for a path and `column_chooser(self, header)` for
      (target, features, task); it reads the whole file before changing anything, and on
      any `FnnsimError` shows `QMessageBox.warning` with its one-line message and keeps
      the current config. Both are attributes so tests (or a host) can replace them.
    - Generator parameters are remembered per generator while the panel lives.
    """

    config_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.file_chooser: Callable[[QWidget], str | None] = choose_csv_file
        self.column_chooser: Callable[[QWidget, list[str]], ColumnChoice | None] = (
            choose_columns)
        self.quiet = Quiet()
        self._experiment_seed = 0
        self._base = DataConfig()
        self._csv: DataConfig | None = None  # the CSV choice, kept while a generator is shown
        self._params: dict[str, dict[str, float]] = {}
        self.param_boxes: dict[str, QSpinBox | QDoubleSpinBox] = {}
        self._build()
        self.set_config(DataConfig())

    def _build(self) -> None:
        self.source = QComboBox()
        for i, (name, spec) in enumerate(GENERATORS.items()):
            self.source.addItem(self.tr(name), name)
            self.source.setItemData(i, self.tr(spec.description), Qt.ItemDataRole.ToolTipRole)
        self.source.setToolTip(self.tr("Where the data comes from: a generator or a CSV file."))
        self.n_samples = no_typing_storm(QSpinBox())
        self.n_samples.setRange(MIN_SAMPLES, MAX_SAMPLES)
        self.n_samples.setSingleStep(100)
        self.n_samples.setToolTip(self.tr("Samples generated, before the validation split."))
        self.noise = no_typing_storm(QDoubleSpinBox())
        self.noise.setRange(0.0, MAX_NOISE)
        self.noise.setDecimals(3)
        self.noise.setSingleStep(0.05)
        self.noise.setToolTip(self.tr(
            "Std of Gaussian noise: on the inputs, on y for regression, on the angle for spiral."))
        self.val_fraction = no_typing_storm(QDoubleSpinBox())
        self.val_fraction.setRange(0.0, 0.9)
        self.val_fraction.setSingleStep(0.05)
        self.val_fraction.setToolTip(self.tr(
            "Share held out as the validation set V (early stopping watches it)."))
        self.seed = SeedSpinBox()
        self.seed.setToolTip(self.tr("Seed of the data and split; auto = the experiment seed."))
        self.regenerate = QPushButton(self.tr("Regenerate"))
        self.regenerate.setToolTip(self.tr("New data: the seed goes up by one."))
        self.standardize = QCheckBox(self.tr("Standardize inputs"))
        self.standardize.setToolTip(self.tr(
            "x ← (x − mean)/std per feature, fitted on the training part only."))
        self.load_button = QPushButton(self.tr("Load CSV…"))
        self.load_button.setToolTip(self.tr("Use your own data: a CSV file with a header row."))
        self.csv_label = QLabel()
        self.csv_label.setWordWrap(True)
        self.preview = DataPreview()
        self.preview.setToolTip(self.tr("Training points filled, validation points hollow."))
        self.caption = QLabel()
        self.caption.setWordWrap(True)

        self.form = form = QFormLayout()
        form.addRow(self.tr("Source"), self.source)  # generator parameters go below it
        form.addRow(self.tr("Samples"), self.n_samples)
        form.addRow(self.tr("Noise"), self.noise)
        form.addRow(self.tr("Validation"), self.val_fraction)
        form.addRow(self.tr("Seed"), hbox(self.seed, self.regenerate))
        form.addRow(hbox(self.standardize, self.load_button))
        form.addRow(self.csv_label)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addLayout(form)
        outer.addWidget(self.preview, 1)
        outer.addWidget(self.caption)
        outer.addStretch(0)

        self.source.currentIndexChanged.connect(self._source_chosen)
        for box in (self.n_samples, self.noise, self.val_fraction, self.seed):
            box.valueChanged.connect(self._edited)
        self.standardize.toggled.connect(self._edited)
        self.regenerate.clicked.connect(self.regenerate_data)
        self.load_button.clicked.connect(self.load_csv_file)

    # ---- public API ----
    def set_config(self, config: DataConfig) -> None:
        """Show `config` in the widgets, without emitting `config_changed`."""
        with self.quiet:
            self._base = config
            if config.source == CSV:
                self._csv = config
            else:
                self._params[config.source] = dict(config.params)
            self._sync_csv_item()
            self.source.setCurrentIndex(self.source.findData(config.source))
            self._rebuild_params()
            self.n_samples.setValue(config.n_samples)
            self.noise.setValue(config.noise)
            self.val_fraction.setValue(config.val_fraction)
            self.seed.set_seed(config.seed)
            self.standardize.setChecked(config.standardize)
        self._sync_enabled()

    def config(self) -> DataConfig:
        """The data section as shown: a generator with all its parameters, or the CSV."""
        source = self.source.currentData()
        common = dict(n_samples=self.n_samples.value(), noise=self.noise.value(),
                      val_fraction=self.val_fraction.value(), seed=self.seed.seed(),
                      standardize=self.standardize.isChecked())
        if source == CSV and self._csv is not None:
            return dataclasses.replace(self._csv, params={}, **common)
        params = {key: box.value() for key, box in self.param_boxes.items()}
        task = "auto" if self._base.source == CSV else self._base.task
        return DataConfig(source=source, params=params, task=task, **common)

    def set_experiment_seed(self, seed: int) -> None:
        """The experiment seed, which an "auto" data seed stands for (for Regenerate)."""
        self._experiment_seed = seed

    def set_editable(self, editable: bool) -> None:
        """Lock or unlock every control; the preview stays."""
        for widget in (self.source, self.n_samples, self.noise, self.val_fraction, self.seed,
                       self.regenerate, self.standardize, self.load_button,
                       *self.param_boxes.values()):
            widget.setEnabled(editable)
        if editable:
            self._sync_enabled()

    def show_data(self, train: Dataset, val: Dataset) -> None:
        """Plot the data the main window built from `config()`."""
        self.preview.set_data(train, val)
        kind = (self.tr("{k} classes").format(k=train.n_classes)
                if train.task == CLASSIFICATION else self.tr("regression"))
        self.caption.setText(self.tr(
            "{kind} · {t} training (filled) · {v} validation (hollow)").format(
            kind=kind, t=train.n_samples, v=val.n_samples))

    def regenerate_data(self) -> None:
        """New data from the next seed, as one user edit."""
        current = self.seed.seed()
        seed = (self._experiment_seed if current is None else current) + 1
        with self.quiet:
            self.seed.set_seed(min(seed, MAX_SEED))
        self._edited()

    def load_csv_file(self) -> None:
        """Ask for a file and its columns; switch to it only if it loads without error."""
        path = self.file_chooser(self)
        if not path:
            return
        try:
            header = read_csv_header(path)
            choice = self.column_chooser(self, header)
            if choice is None:
                return
            target, features, task = choice
            load_csv(path, target=target, features=features, task=task)
        except FnnsimError as exc:
            QMessageBox.warning(self, self.tr("Cannot use this CSV file"), error_text(exc))
            return
        self._csv = DataConfig(source=CSV, path=str(path), target=target,
                               features=list(features), task=task)
        with self.quiet:
            self._sync_csv_item()
            self.source.setCurrentIndex(self.source.findData(CSV))
        self._sync_enabled()
        self._edited()

    # ---- internals ----
    def _sync_csv_item(self) -> None:
        """A "CSV: name" entry at the end of the source list once a file was chosen."""
        index = self.source.findData(CSV)
        if self._csv is None:
            return
        text = self.tr("CSV: {name}").format(name=Path(self._csv.path or "").name)
        if index < 0:
            self.source.addItem(text, CSV)
            index = self.source.count() - 1
        self.source.setItemText(index, text)
        self.source.setItemData(index, self._csv.path, Qt.ItemDataRole.ToolTipRole)

    def _rebuild_params(self) -> None:
        """One spin box per parameter of the chosen generator, with its limits."""
        for old in self.param_boxes.values():
            self.form.removeRow(old)
        self.param_boxes = {}
        name = self.source.currentData()
        if name == CSV:
            return
        remembered = self._params.setdefault(name, {})
        for key, param in GENERATORS[name].params.items():
            integer = isinstance(param.default, int)
            box = QSpinBox() if integer else QDoubleSpinBox()
            if not integer:
                box.setDecimals(3)
                box.setSingleStep(0.1)
            low = -1e6 if param.minimum is None else param.minimum
            high = 1e6 if param.maximum is None else param.maximum
            box.setRange(int(low) if integer else low, int(high) if integer else high)
            value = remembered.get(key, param.default)
            box.setValue(int(value) if integer else float(value))
            box.setToolTip(self.tr(param.description))
            no_typing_storm(box)
            box.valueChanged.connect(self._param_edited)
            self.form.insertRow(1 + len(self.param_boxes), self.tr(key), box)
            self.param_boxes[key] = box
        tab_chain([self.source, *self.param_boxes.values(), self.n_samples, self.noise,
                   self.val_fraction, self.seed, self.regenerate, self.standardize,
                   self.load_button])

    def _param_edited(self) -> None:
        name = self.source.currentData()
        self._params[name] = {key: box.value() for key, box in self.param_boxes.items()}
        self._edited()

    def _source_chosen(self) -> None:
        if self.quiet:
            return
        self._rebuild_params()
        self._sync_enabled()
        self._edited()

    def _sync_enabled(self) -> None:
        """Sample count and noise mean nothing for a CSV file."""
        is_csv = self.source.currentData() == CSV
        self.n_samples.setEnabled(not is_csv)
        self.noise.setEnabled(not is_csv)
        self.csv_label.setVisible(is_csv and self._csv is not None)
        if is_csv and self._csv is not None:
            self.csv_label.setText(self.tr(
                "{name}: target {target}, {n} features, task {task}").format(
                name=Path(self._csv.path or "").name, target=self._csv.target or "?",
                n=len(self._csv.features or []), task=self._csv.task))

    def _edited(self) -> None:
        if not self.quiet:
            self.config_changed.emit()
