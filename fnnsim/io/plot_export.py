"""Plots as PNG and SVG through pyqtgraph's exporters, written atomically.

SVG needs a workaround on Qt >= 6.11 with pyqtgraph 0.14.0: Qt now ends closed paths
with a `Z` token, which pyqtgraph's `correctCoordinates` cannot parse (pyqtgraph issue
#3495: ValueError). We strip the `Z` tokens before it runs and put them back after; on
Qt 6.10 this gave SVG identical to the unpatched exporter's.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
from collections.abc import Iterator, Mapping
from pathlib import Path

import pyqtgraph as pg
import pyqtgraph.exporters  # pyqtgraph does not import its exporters itself
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from fnnsim.errors import QT_TRANSLATE_NOOP, FnnsimError
from fnnsim.io.atomic import atomic_open

INCH_PER_METRE = 39.37007874


def _plot_item(widget: pg.PlotWidget) -> pg.PlotItem:
    return widget.getPlotItem()


def _settle(widget: pg.PlotWidget) -> None:
    """A never-shown plot exports wrong 0..1 axes: lay it out first (ENVIRONMENT.md)."""
    if not widget.isVisible():
        widget.resize(widget.size().expandedTo(widget.sizeHint()))
        widget.show()
        QApplication.processEvents()
        widget.hide()
    QApplication.processEvents()


def export_png(widget: pg.PlotWidget, path: str | Path, width: int | None = None,
               dpi: int = 96) -> QImage:
    """Write the plot as a PNG `width` pixels wide (the widget's own width by default),
    tagged with `dpi`; returns the image."""
    _settle(widget)
    exporter = pg.exporters.ImageExporter(_plot_item(widget))
    if width is not None:
        exporter.parameters()["width"] = int(width)
    image: QImage = exporter.export(toBytes=True)
    dots_per_metre = round(dpi * INCH_PER_METRE)
    image.setDotsPerMeterX(dots_per_metre)
    image.setDotsPerMeterY(dots_per_metre)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise FnnsimError(QT_TRANSLATE_NOOP("Errors", "{file}: could not encode the PNG"),
                          file=Path(path).name)
    with atomic_open(path, "wb") as f:
        f.write(bytes(data.data()))
    return image


def export_svg(widget: pg.PlotWidget, path: str | Path) -> str:
    """Write the plot as SVG; returns the SVG text."""
    _settle(widget)
    with _closed_paths_tolerated():
        text = pg.exporters.SVGExporter(_plot_item(widget)).export(toBytes=True)
    svg = text.decode("utf-8") if isinstance(text, bytes) else str(text)
    with atomic_open(path, "w", encoding="utf-8") as f:
        f.write(svg)
    return svg


def export_plots(widgets: Mapping[str, pg.PlotWidget], folder: str | Path) -> list[Path]:
    """Every plot as `<name>.png` and `<name>.svg` in `folder` (which must exist); the
    files written. All or nothing: if one cannot be written, the files this call created
    are removed again before the error is raised (a file it replaced is whole, new)."""
    folder = Path(folder)
    if not folder.is_dir():  # name the folder the learner chose, not its first plot
        code = errno.ENOTDIR if folder.exists() else errno.ENOENT
        raise OSError(code, os.strerror(code), str(folder))
    written: list[Path] = []
    created: list[Path] = []
    try:
        for name, widget in widgets.items():
            for suffix, export in ((".png", export_png), (".svg", export_svg)):
                path = folder / f"{name}{suffix}"
                new = not path.exists()
                export(widget, path)
                written.append(path)
                if new:
                    created.append(path)
    except BaseException:
        for path in created:
            with contextlib.suppress(OSError):
                path.unlink()
        raise
    return written


@contextlib.contextmanager
def _closed_paths_tolerated() -> Iterator[None]:
    """Patch pyqtgraph's correctCoordinates for the duration of one export."""
    import importlib

    module = importlib.import_module("pyqtgraph.exporters.SVGExporter")
    original = module.correctCoordinates

    @functools.wraps(original)
    def correct(node, defs, item, options):  # pyqtgraph's signature
        closed = []
        for element in node.getElementsByTagName("path"):
            coords, marks = [], []
            for token in element.getAttribute("d").split():
                if token in ("Z", "z"):
                    marks.append(len(coords))  # close after this many coordinates
                else:
                    coords.append(token)
            if marks:
                element.setAttribute("d", " ".join(coords))
                closed.append((element, marks))
        original(node, defs, item, options)
        for element, marks in closed:
            tokens = element.getAttribute("d").split()
            rebuilt = []
            for count, token in enumerate(tokens, start=1):
                rebuilt.append(token)
                rebuilt.extend("Z" * marks.count(count))
            element.setAttribute("d", " ".join(rebuilt))

    module.correctCoordinates = correct
    try:
        yield
    finally:
        module.correctCoordinates = original
