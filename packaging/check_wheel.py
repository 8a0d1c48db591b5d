"""Check that a normal (non-editable) install of fnnsim's wheel carries its resources.

    python packaging/check_wheel.py

Builds the wheel (`pip wheel --no-deps`), installs it into a fresh virtual environment
(with --system-site-packages, so NumPy, Numba and Qt come from this Python and nothing is
downloaded but the build backend), then, from a folder outside the checkout:
  - imports fnnsim from the venv (not from this checkout) and finds every file of
    resources/ under fnnsim.resources.resources_dir();
  - runs the venv's `fnnsim train` on the shipped neuron_bias preset, whose CSV data set
    is found relative to the preset (so presets and data sets both shipped).
Prints one line per check and exits 0 if all passed, 1 otherwise.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PRESET = "neuron_bias.json"

PROBE = """
import json, fnnsim
from fnnsim.resources import resources_dir
root = resources_dir()
print(json.dumps({
    "module": fnnsim.__file__,
    "resources": str(root),
    "files": sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()),
}))
"""


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, check=False, **kwargs)


def shipped_files() -> list[str]:
    folder = ROOT / "resources"
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def main() -> int:
    started = time.monotonic()
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="fnnsim-wheel-") as tmp:
        tmp_path = Path(tmp)
        built = run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet",
                     "--disable-pip-version-check", str(ROOT), "-w", str(tmp_path / "wheel")])
        wheels = list((tmp_path / "wheel").glob("fnnsim-*.whl"))
        if built.returncode != 0 or len(wheels) != 1:
            print(f"check_wheel: building the wheel failed:\n{built.stderr}", file=sys.stderr)
            return 1
        print(f"built {wheels[0].name}")
        venv = tmp_path / "venv"
        made = run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)])
        bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
        python = bin_dir / ("python.exe" if os.name == "nt" else "python")
        if made.returncode != 0:
            print(f"check_wheel: venv failed:\n{made.stderr}", file=sys.stderr)
            return 1
        installed = run([str(python), "-m", "pip", "install", "--no-deps", "--quiet",
                         "--disable-pip-version-check", str(wheels[0])])
        if installed.returncode != 0:
            print(f"check_wheel: install failed:\n{installed.stderr}", file=sys.stderr)
            return 1
        # Outside the checkout, and nothing pointing back into it.
        env = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONPATH", "FNNSIM_RESOURCES", "PYTHONHOME")}
        env["QT_QPA_PLATFORM"] = "offscreen"
        outside = tmp_path / "elsewhere"
        outside.mkdir()
        probe = run([str(python), "-c", PROBE], cwd=outside, env=env)
        if probe.returncode != 0:
            print(f"check_wheel: importing the installed fnnsim failed:\n{probe.stderr}",
                  file=sys.stderr)
            return 1
        found = json.loads(probe.stdout)
        if not Path(found["module"]).resolve().is_relative_to(venv.resolve()):
            failures.append(f"fnnsim was imported from {found['module']}, not the venv")
        missing = sorted(set(shipped_files()) - set(found["files"]))
        if missing:
            failures.append(f"{len(missing)} resource files missing from the wheel: "
                            + ", ".join(missing[:5]))
        print(f"resources at {found['resources']}: {len(found['files'])} files"
              f"{'' if missing else ', all of resources/'}")
        preset = Path(found["resources"]) / "presets" / PRESET
        fnnsim = bin_dir / ("fnnsim.exe" if os.name == "nt" else "fnnsim")
        trained = run([str(fnnsim), "train", str(preset), "--out", str(outside / "run"),
                       "--epochs", "20", "--quiet"], cwd=outside, env=env)
        written = sorted(p.name for p in (outside / "run").glob("*"))
        expected = ["config.json", "history.csv", "session.fnnsession", "weights.npz"]
        if trained.returncode != 0 or written != expected:
            failures.append(f"fnnsim train {PRESET} failed (exit {trained.returncode}, wrote "
                            f"{', '.join(written) or 'nothing'}): {trained.stderr.strip()[-300:]}")
        else:
            print(f"fnnsim train {PRESET} from the installed wheel: "
                  + trained.stdout.strip().splitlines()[-2])
    for failure in failures:
        print(f"check_wheel: FAILED: {failure}", file=sys.stderr)
    if not failures:
        print(f"check_wheel: ok ({time.monotonic() - started:.0f} s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
