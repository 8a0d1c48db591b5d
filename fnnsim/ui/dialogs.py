"""The file dialogs the window's actions ask (one place: exports, sessions, imports).

Each action keeps its dialog as an attribute (`open_path`, `save_path`, `folder`), so tests
replace it with a function that returns a path.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMainWindow


def ask_open_path(parent: QMainWindow, title: str, filters: str) -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, "", filters)
    return path or None


def ask_save_path(parent: QMainWindow, title: str, name: str, filters: str) -> str | None:
    path, chosen = QFileDialog.getSaveFileName(parent, title, name, filters)
    return with_filter_suffix(path, chosen) if path else None


def ask_folder(parent: QMainWindow, title: str) -> str | None:
    return QFileDialog.getExistingDirectory(parent, title) or None


def with_filter_suffix(path: str, chosen_filter: str) -> str:
    """A name typed without a suffix gets the chosen filter's ("ONNX (*.onnx)" → .onnx),
    since the format follows the suffix."""
    match = re.search(r"\(\*(\.\w+)", chosen_filter)
    return path if Path(path).suffix or match is None else path + match.group(1)
