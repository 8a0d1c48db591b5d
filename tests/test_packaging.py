"""Packaging: the icon, the resources a wheel ships, the bundle's start-up, the smoke test.

Building a wheel or a bundle is too slow (and needs the network) for the unit tests:
packaging/check_wheel.py, build_app.py and smoke_app.py do that, and CI runs them.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage

from fnnsim import cli, resources

ROOT = Path(__file__).resolve().parents[1]
SIZES = (16, 32, 48, 64, 128, 256)


def shipped_files() -> set[str]:
    folder = ROOT / "resources"
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("size", SIZES)
def test_each_icon_png_is_rendered_at_its_size(size):
    image = QImage(str(ROOT / "resources" / "icons" / f"fnnsim-{size}.png"))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    centre = image.pixelColor(size // 2, size // 2)  # the middle node: not transparent
    assert centre.alpha() == 255


def test_the_app_has_the_icon_at_every_size(qapp):
    from fnnsim.ui.app import make_application

    app = make_application()
    icon = app.windowIcon()
    assert not icon.isNull()
    assert {QSize(s, s) for s in SIZES} <= set(icon.availableSizes())


def test_the_wheel_ships_every_resource_file(tmp_path):
    """setuptools' own build_py, configured by setup.py + pyproject.toml, lists as package
    data every file under resources/ (run on a copy: setuptools writes egg-info)."""
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy(ROOT / name, tmp_path / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.nbi", "*.nbc")
    shutil.copytree(ROOT / "fnnsim", tmp_path / "fnnsim", ignore=ignore)
    shutil.copytree(ROOT / "resources", tmp_path / "resources", ignore=ignore)
    code = (
        "import json\n"
        "from setuptools._distutils.core import run_setup\n"
        "dist = run_setup('setup.py', stop_after='config')\n"
        "build = dist.get_command_obj('build_py')\n"
        "build.ensure_finalized()\n"
        "print(json.dumps([[package, files] for package, _, _, files in build.data_files]))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, check=True)
    listed = set()
    for package, files in json.loads(done.stdout):
        if package.startswith("fnnsim._resources"):
            folder = package.removeprefix("fnnsim._resources").strip(".").replace(".", "/")
            listed |= {f"{folder}/{name}".lstrip("/") for name in files}
    assert listed == shipped_files()
    assert "presets/spiral.json" in listed


def test_resources_are_found_in_an_installed_wheel_first(tmp_path, monkeypatch):
    monkeypatch.delenv("FNNSIM_RESOURCES", raising=False)
    package = tmp_path / "site-packages" / "fnnsim"
    monkeypatch.setattr(resources, "PACKAGE", package)
    (tmp_path / "site-packages" / "resources").mkdir(parents=True)  # someone else's
    assert resources.resources_dir() == tmp_path / "site-packages" / "resources"
    (package / "_resources" / "presets").mkdir(parents=True)
    assert resources.resources_dir() == package / "_resources"
    assert resources.presets_dir() == package / "_resources" / "presets"
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "bundle"), raising=False)
    assert resources.icons_dir() == tmp_path / "bundle" / "resources" / "icons"
    monkeypatch.setenv("FNNSIM_RESOURCES", str(tmp_path / "mine"))
    assert resources.resources_dir() == tmp_path / "mine"


def test_a_checkout_finds_its_resources(monkeypatch):
    monkeypatch.delenv("FNNSIM_RESOURCES", raising=False)
    assert resources.resources_dir() == ROOT / "resources"
    assert (resources.presets_dir() / "spiral.json").is_file()


@pytest.mark.parametrize("frozen", [True, False])
def test_the_bundle_entry_point_caches_numba_in_the_user_cache(tmp_path, frozen):
    code = (
        "import os, runpy, sys\n"
        f"sys.frozen = {frozen}\n"
        "runpy.run_path(sys.argv[1], run_name='fnnsim_bundle')\n"
        "print(os.environ.get('NUMBA_CACHE_DIR', '-'))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    env.update(XDG_CACHE_HOME=str(tmp_path), LOCALAPPDATA=str(tmp_path),
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", code, str(ROOT / "packaging" /
                                                          "fnnsim_main.py")],
                          capture_output=True, text=True, env=env, check=True)
    base = Path.home() / "Library" / "Caches" if sys.platform == "darwin" else tmp_path
    expected = str(base / "fnnsim" / "numba") if frozen else "-"
    assert done.stdout.strip() == expected


def test_smoke_test_flag_opens_the_window_and_trains(qapp, monkeypatch, capsys):
    monkeypatch.setenv("FNNSIM_ENGINE", "reference")  # no compile: the fast path has tests
    monkeypatch.delenv("FNNSIM_RESOURCES", raising=False)
    assert cli.main(["--smoke-test"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("fnnsim smoke test: ok: engine reference, ")
    _, samples_part, scenarios_part = line.split(", ")
    assert int(samples_part.split()[0]) >= 300
    assert scenarios_part.endswith(" scenarios") and int(scenarios_part.split()[0]) > 0


def test_smoke_test_fails_in_one_line_without_resources(qapp, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("FNNSIM_RESOURCES", str(tmp_path))
    assert cli.main(["--smoke-test"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("fnnsim smoke test: ") and "spiral.json" in err
    assert len(err.splitlines()) == 1


def test_smoke_test_flag_is_hidden():
    assert "smoke" not in cli.build_parser().format_help()
