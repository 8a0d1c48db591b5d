"""Smoke-check the bundle that packaging/build_app.py built: does the app really run?

    python packaging/smoke_app.py [--dist dist]

With QT_QPA_PLATFORM=offscreen (no display needed) and an empty user cache folder (a
first launch), it runs the bundled executable three times:
  1. `fnnsim --version` prints this checkout's version;
  2. `fnnsim --smoke-test` opens the main window on a shipped preset, trains about a
     second and exits 0 (fnnsim/ui/smoke.py), with the compiled fast path — a bundle that
     silently fell back to the NumPy engine is missing part of Numba (--allow-reference
     accepts that) — and the compiled kernel was cached in the user cache folder;
  3. `fnnsim train` on the bundled neuron_bias preset (a CSV data set beside it).
Prints what each took and exits 0 if all passed, 1 otherwise. Plain Python: runs on
Linux, Windows and macOS (a windowed Windows/macOS build prints nothing, so there only
the exit codes are checked).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_app import ROOT, bundle_dir, executable  # noqa: E402

TIMEOUT = 600  # s per run: generous for a loaded machine; a hang is a failure, not a wait
PRESET = "neuron_bias.json"


def checkout_version() -> str:
    text = (ROOT / "fnnsim" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'__version__ = "([^"]+)"', text)
    return match.group(1) if match else "?"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist",
                        help="build_app.py's output folder")
    parser.add_argument("--allow-reference", action="store_true",
                        help="accept a bundle whose fast path does not load")
    args = parser.parse_args(argv)
    program = executable(args.dist)
    if not program.is_file():
        print(f"smoke_app: no bundle at {program} (run packaging/build_app.py)",
              file=sys.stderr)
        return 1
    quiet = sys.platform in ("win32", "darwin")  # windowed: no stdout to check
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="fnnsim-smoke-") as tmp:
        tmp_path = Path(tmp)
        cache = tmp_path / "cache"
        env = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONPATH", "FNNSIM_RESOURCES", "FNNSIM_ENGINE",
                            "NUMBA_CACHE_DIR")}
        # fnnsim_main.py puts Numba's cache under the platform's user cache folder
        env.update(QT_QPA_PLATFORM="offscreen", XDG_CACHE_HOME=str(cache),
                   LOCALAPPDATA=str(cache))

        def run(name: str, *arguments: str) -> subprocess.CompletedProcess | None:
            started = time.monotonic()
            try:
                done = subprocess.run([str(program), *arguments], capture_output=True,
                                      text=True, env=env, cwd=tmp_path, timeout=TIMEOUT,
                                      check=False)
            except subprocess.TimeoutExpired:
                failures.append(f"{name}: no exit after {TIMEOUT} s")
                return None
            seconds = time.monotonic() - started
            last = (done.stdout.strip().splitlines() or [""])[-1]
            print(f"{name}: exit {done.returncode} in {seconds:.1f} s  {last}")
            if done.returncode != 0:
                failures.append(f"{name}: exit {done.returncode}: "
                                f"{done.stderr.strip()[-400:]}")
                return None
            return done

        version = run("fnnsim --version", "--version")
        if version and not quiet and checkout_version() not in version.stdout:
            failures.append(f"--version printed {version.stdout.strip()!r}, "
                            f"not {checkout_version()}")
        smoke = run("fnnsim --smoke-test", "--smoke-test")
        if smoke and not quiet:
            if "engine fast" not in smoke.stdout and not args.allow_reference:
                failures.append(f"the fast path did not load: {smoke.stdout.strip()}")
            if sys.platform.startswith("linux") and "engine fast" in smoke.stdout and not (
                    list((cache / "fnnsim" / "numba").rglob("*.nbi"))):
                failures.append(f"Numba cached nothing under {cache / 'fnnsim' / 'numba'}")
        presets = sorted(bundle_dir(args.dist).rglob(f"resources/presets/{PRESET}"))
        if not presets:
            failures.append(f"the bundle has no resources/presets/{PRESET}")
        else:
            out = tmp_path / "run"
            if run(f"fnnsim train {PRESET}", "train", str(presets[0]), "--out", str(out),
                   "--quiet") and not (out / "weights.npz").is_file():
                failures.append(f"fnnsim train wrote no {out / 'weights.npz'}")
    for failure in failures:
        print(f"smoke_app: FAILED: {failure}", file=sys.stderr)
    if not failures:
        print(f"smoke_app: ok ({program})")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
