"""Where the shipped resources (presets, sample data sets, translations, icons) live.

FNNSIM_RESOURCES overrides everything; a PyInstaller bundle unpacks them under
sys._MEIPASS; an installed wheel carries them as the data package `fnnsim._resources`
(setup.py maps `resources/` there); in a source checkout or an editable install they are
in `resources/` beside the package.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    override = os.environ.get("FNNSIM_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    installed = PACKAGE / "_resources"
    if installed.is_dir():
        return installed
    return PACKAGE.parent / "resources"


def presets_dir() -> Path:
    return resources_dir() / "presets"


def icons_dir() -> Path:
    return resources_dir() / "icons"
