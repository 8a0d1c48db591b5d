"""The Numba options every kernel function is compiled with."""

from __future__ import annotations

from numba import njit

# No `nnan`/`ninf`: divergence detection needs NaN and ∞ to behave. `reassoc` lets LLVM
# vectorise the dot products and norms (sums in another order: ~1e-16 relative, far inside
# the 1e-12 the fast path must match the reference to). Measured on this machine against
# fastmath=False: 2-(32×10)-1 ×2.3, 784-128-64-10 ×7; against fastmath=True: no difference.
FASTMATH = {"nsz", "arcp", "contract", "afn", "reassoc"}

# The helpers are not cached on their own: the cached chunk kernel (kernel.py) embeds their
# code, and a helper's own cache entry would not notice edits to the files it depends on.
kernel_jit = njit(nogil=True, fastmath=FASTMATH, error_model="numpy")
