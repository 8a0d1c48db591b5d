"""The compiled fast path: per-sample SGD in a Numba kernel that runs without the GIL.

`load_fast_backend()` is the one entry point `training.backend.select_backend` uses: it
imports Numba, compiles (or loads from the on-disk cache) and checks the kernel once per
process. Importing this package alone does not import Numba.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fnnsim.fast.backend import FastBackend

__all__ = ["FastBackend", "load_fast_backend"]

_lock = threading.Lock()
_backend: FastBackend | None = None


def load_fast_backend() -> FastBackend:
    """The process-wide `FastBackend`, compiled and checked against the reference engine.

    Raises ImportError if Numba is not installed, and RuntimeError if the compiled kernel
    disagrees with the reference on a tiny network — so a broken fast path never trains.
    """
    global _backend
    with _lock:
        if _backend is None:
            try:
                import numba  # noqa: F401
            except ImportError as exc:
                raise ImportError(
                    "the fast path needs the 'numba' package (pip install numba)"
                ) from exc
            from fnnsim.fast.backend import FastBackend
            from fnnsim.fast.warmup import warm_up

            backend = FastBackend()
            warm_up(backend)
            _backend = backend
        return _backend


def __getattr__(name: str):
    """`fnnsim.fast.FastBackend`, imported (with Numba) only when asked for."""
    if name == "FastBackend":
        from fnnsim.fast.backend import FastBackend

        return FastBackend
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
