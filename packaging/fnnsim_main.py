"""Entry point of the PyInstaller bundle (packaging/fnnsim.spec): `fnnsim` as a program.

Runs before anything imports Numba, which reads NUMBA_CACHE_DIR once at import. In a
bundle the compiled kernel cannot be cached beside its source (an install folder may be
read-only, and is replaced by the next build), so it goes to the user's cache folder; if
that fails too, Numba cannot cache, the fast path reports why and fnnsim trains with the
reference engine.
"""

import os
import sys
from pathlib import Path


def user_cache_dir() -> Path:
    """Where this platform keeps per-user caches, with an fnnsim folder in it."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Caches"
    else:
        base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "fnnsim"


if getattr(sys, "frozen", False):
    os.environ.setdefault("NUMBA_CACHE_DIR", str(user_cache_dir() / "numba"))

from fnnsim.cli import main  # noqa: E402  (after NUMBA_CACHE_DIR is set)

if __name__ == "__main__":
    sys.exit(main())
