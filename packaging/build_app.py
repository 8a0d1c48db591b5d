"""Build the one-folder fnnsim app with PyInstaller and say where it is and how big.

    python packaging/build_app.py            # -> dist/fnnsim/ (dist/fnnsim.app on macOS)

Needs `pip install pyinstaller` (tested with 6.22.3) in the environment that has fnnsim's
dependencies. Plain Python, no shell: works the same on Linux, Windows and macOS. The
bundle is built for the platform it runs on. Check it with packaging/smoke_app.py.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "fnnsim.spec"


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def bundle_dir(dist: Path) -> Path:
    """The app inside `dist`: fnnsim.app on macOS, else the folder fnnsim/."""
    if sys.platform == "darwin" and (dist / "fnnsim.app").is_dir():
        return dist / "fnnsim.app"
    return dist / "fnnsim"


def executable(dist: Path) -> Path:
    """The bundled program inside `dist` (as PyInstaller lays it out per platform)."""
    bundle = bundle_dir(dist)
    if bundle.suffix == ".app":
        return bundle / "Contents" / "MacOS" / "fnnsim"
    return bundle / ("fnnsim.exe" if sys.platform == "win32" else "fnnsim")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's "
                        "work folder")
    args = parser.parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        print("build_app: PyInstaller is not installed (pip install pyinstaller)",
              file=sys.stderr)
        return 2
    # Bundle this checkout's fnnsim, whatever else is installed (an editable install of
    # another checkout, say): PyInstaller's analysis imports it in subprocesses.
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(args.dist), "--workpath", str(args.work), str(SPEC)]
    print("build_app:", " ".join(command), flush=True)
    started = time.monotonic()
    done = subprocess.run(command, cwd=ROOT, env=env, check=False)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        print(f"build_app: PyInstaller failed (exit {done.returncode})", file=sys.stderr)
        return 1
    program = executable(args.dist)
    if not program.is_file():
        print(f"build_app: PyInstaller did not produce {program}", file=sys.stderr)
        return 1
    bundle = bundle_dir(args.dist)
    print(f"build_app: built {bundle} in {seconds:.0f} s, "
          f"{folder_size(bundle) / 1e6:.0f} MB; run {program}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
