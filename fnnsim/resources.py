"""Where the shipped resources (presets, sample data sets, translations, icons) live.

In a source checkout or an editable install they are in `resources/` beside the package;
a PyInstaller bundle unpacks them under sys._MEIPASS; FNNSIM_RESOURCES overrides both.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def resources_dir() -> Path:
    override = os.environ.get("FNNSIM_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[1] / "resources"


def presets_dir() -> Path:
    return resources_dir() / "presets"
