"""Activations, their derivatives and the losses, for one sample's vectors (compiled).

Each mirrors its NumPy counterpart in fnnsim/engine (activations.py, losses.py) operation
by operation; `n` is the number of units in use (the scratch rows are wider).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from fnnsim.engine.activations import LEAKY_SLOPE
from fnnsim.fast.codes import BCE, LEAKY_RELU, LINEAR, MSE, RELU, SIGMOID, SOFTMAX, TANH
from fnnsim.fast.jit import kernel_jit

LOG2 = math.log(2.0)
LN2_HI = 6.93147180369123816490e-01  # ln 2 split so that n·LN2_HI is exact (Cody–Waite)
LN2_LO = 1.90821492927058770002e-10
INV_LN2 = 1.44269504088896338700e00
INV_FACTORIALS = tuple(1.0 / math.factorial(k) for k in range(14))


# exp and expm1 are plain arithmetic, not libm calls (which block vectorisation): the
# activation loops compile to SIMD, 5× faster per element here. Their own fastmath flags
# leave out `reassoc`, which would undo the exact range reduction.
exact_jit = njit(nogil=True, fastmath={"contract"}, error_model="numpy")


@exact_jit
def exp_parts(x):
    """(2^n, e^r − 1) with e^x = 2^n e^r, |r| ≤ ln2/2, for x clamped to [−708, 708]."""
    xs = min(max(x, -708.0), 708.0) if x == x else 0.0
    n = math.floor(xs * INV_LN2 + 0.5)
    r = (xs - n * LN2_HI) - n * LN2_LO  # Cody–Waite: exact up to the last bits of ln 2
    q = INV_FACTORIALS[13]  # Taylor series of e^r − 1 to r^13/13! (remainder < 1e-17)
    for k in range(12, 0, -1):
        q = q * r + INV_FACTORIALS[k]
    return np.int64((np.int64(n) + 1023) << 52).view(np.float64), q * r


@exact_jit
def exp(x):
    """e^x within 1 ulp of NumPy's for |x| ≤ 708 (0 below, ∞ above, NaN kept)."""
    scale, m = exp_parts(x)
    if x != x or -708.0 <= x <= 708.0:
        return scale * m + scale if x == x else x
    return 0.0 if x < 0 else math.inf


@exact_jit
def expm1(x):
    """e^x − 1 to a few ulp, relative, also for tiny |x| where exp(x) − 1 would cancel."""
    scale, m = exp_parts(x)
    if x != x or -708.0 <= x <= 708.0:
        return scale * m + (scale - 1.0) if x == x else x
    return -1.0 if x < 0 else math.inf


@kernel_jit
def activate(code, z, a, n):
    """a = f(z) for the first n units (activations.py)."""
    if code == SIGMOID:
        for i in range(n):
            e = exp(-abs(z[i]))  # σ without overflow, as activations.sigmoid
            a[i] = 1.0 / (1.0 + e) if z[i] >= 0 else e / (1.0 + e)
    elif code == TANH:
        for i in range(n):  # tanh|z| = −m / (2 + m), m = e^(−2|z|) − 1; a few ulp
            m = expm1(-2.0 * abs(z[i]))
            t = -m / (2.0 + m)
            a[i] = t if z[i] >= 0 else -t
    elif code == RELU:
        for i in range(n):
            a[i] = max(z[i], 0.0)
    elif code == LEAKY_RELU:
        for i in range(n):
            a[i] = z[i] if z[i] > 0 else LEAKY_SLOPE * z[i]
    elif code == LINEAR:
        for i in range(n):
            a[i] = z[i]
    else:  # SOFTMAX: e^(z_k − max z) / Σ_j e^(z_j − max z)
        m = z[0]
        for i in range(1, n):
            m = max(m, z[i])
        total = 0.0
        for i in range(n):
            a[i] = exp(z[i] - m)
            total += a[i]
        for i in range(n):
            a[i] = a[i] / total


@kernel_jit
def times_derivative(code, z, a, v, out, n):
    """out = f'(z) ⊙ v, with f' from z or a as in activations.py (ReLU'(0) = 0)."""
    if code == SIGMOID:
        for i in range(n):
            out[i] = a[i] * (1.0 - a[i]) * v[i]  # σ' = a(1 − a)
    elif code == TANH:
        for i in range(n):
            out[i] = (1.0 - a[i] * a[i]) * v[i]  # tanh' = 1 − a²
    elif code == RELU:
        for i in range(n):
            out[i] = (1.0 if z[i] > 0 else 0.0) * v[i]
    elif code == LEAKY_RELU:
        for i in range(n):
            out[i] = (1.0 if z[i] > 0 else LEAKY_SLOPE) * v[i]
    else:  # LINEAR
        for i in range(n):
            out[i] = 1.0 * v[i]


@kernel_jit
def logaddexp0(z):
    """log(1 + e^z) = np.logaddexp(0, z), branch for branch as NumPy computes it."""
    if z == 0.0:
        return LOG2
    tmp = -z
    if tmp > 0:
        return math.log1p(exp(-tmp))
    if tmp <= 0:
        return z + math.log1p(exp(tmp))
    return tmp  # NaN


@kernel_jit
def loss_and_output_delta(loss_code, out_code, z, a, y, delta, n):
    """L(y, ŷ) and δ^(L) = ∂L/∂z^(L) into delta (losses.py)."""
    if loss_code == MSE:
        sq = 0.0
        for i in range(n):
            r = a[i] - y[i]
            sq += r * r
            delta[i] = r
        if out_code == SOFTMAX:  # δ = Jᵀr = ŷ ⊙ (r − ŷ·r)
            ar = 0.0
            for i in range(n):
                ar += a[i] * delta[i]
            for i in range(n):
                delta[i] = a[i] * (delta[i] - ar)
        else:  # δ = f'(z) ⊙ (ŷ − y)
            times_derivative(out_code, z, a, delta, delta, n)
        return 0.5 * sq
    for i in range(n):  # both cross-entropies: δ^(L) = ŷ − y
        delta[i] = a[i] - y[i]
    if loss_code == BCE:  # Σ softplus(z) − y·z
        total = 0.0
        for i in range(n):
            total += logaddexp0(z[i]) - y[i] * z[i]
        return total
    # CROSS_ENTROPY: logsumexp(z)·Σy − y·z
    m = z[0]
    for i in range(1, n):
        m = max(m, z[i])
    se = 0.0
    sy = 0.0
    yz = 0.0
    for i in range(n):
        se += exp(z[i] - m)
        sy += y[i]
        yz += y[i] * z[i]
    return (m + math.log(se)) * sy - yz


@kernel_jit
def unit_shares(code, z, a, threshold, n):
    """(saturated share, dead share) of one layer's units (activations.py)."""
    count = 0
    if code == SIGMOID:
        for i in range(n):
            if a[i] * (1.0 - a[i]) < threshold:
                count += 1
        return count / n, 0.0
    if code == TANH:
        for i in range(n):
            if 1.0 - a[i] * a[i] < threshold:
                count += 1
        return count / n, 0.0
    if code == RELU:
        for i in range(n):
            if z[i] <= 0:
                count += 1
        return 0.0, count / n
    return 0.0, 0.0
