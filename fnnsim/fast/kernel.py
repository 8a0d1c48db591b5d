"""The compiled per-sample SGD loop (Algorithm 4.1, lines 5–11) over a chunk of samples.

Numba `@njit(nogil=True)`: the whole chunk runs without the GIL, so a GUI thread keeps
redrawing while a worker thread trains (ENVIRONMENT.md). Every step mirrors the NumPy
reference engine (fnnsim/engine) operation by operation, so the two agree to ~1e-15 per
step in float64; only summation orders and the last bits of exp and tanh (≤ 3 ulp) differ.

Layer l = 1..L is stored at index l − 1. Scratch rows Z[p, l−1], A[p, l], D[l−1] hold z^(l),
a^(l), δ^(l) of the current sample (A[p, 0] = x); p flips each sample, because the update of
sample k computes sample k+1's forward pass in the same sweep over W (layers.update_forward).
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path

import numpy as np
from numba import njit

import fnnsim.engine.activations
from fnnsim.fast import codes, jit, layers, units
from fnnsim.fast.codes import CLIP_GLOBAL_NORM, CLIP_LAYER_NORM, CLIP_OFF, CLIP_VALUE
from fnnsim.fast.jit import FASTMATH
from fnnsim.fast.layers import backward_layer, forward_layer, layer_views, update_forward
from fnnsim.fast.units import activate, loss_and_output_delta, times_derivative, unit_shares

# Numba's on-disk cache checks only this file's timestamp, not the files whose code the
# kernel embeds; but it also keys each entry on the function's closure variables. So the
# kernel closes over a fingerprint of those files: edit one, and it is compiled afresh.
DEPENDENCIES = (codes, jit, layers, units, fnnsim.engine.activations)


def _source(module) -> bytes:
    path = Path(module.__file__ or "")
    return path.read_bytes() if path.is_file() else module.__name__.encode()  # e.g. frozen


FINGERPRINT = hashlib.sha256(b"".join(_source(m) for m in DEPENDENCIES))


def build_run_chunk(fingerprint: str):
    """The chunk kernel, closing over `fingerprint` (see FINGERPRINT)."""

    @njit(nogil=True, cache=True, fastmath=FASTMATH, error_model="numpy")
    def run_chunk(
        sizes, acts, loss_code, weights_flat, biases_flat, X, T, order,
        lr, l2, l1, clip_code, theta, sat_thresholds,
        m_loss, m_grad_norm, m_grad_norm_clipped, m_clipped,
        m_delta_norm, m_grad_w_norm, m_weight_norm, m_update_ratio, m_saturated, m_dead,
        start,
    ):
        """Train on X[order[k]], T[order[k]] in order, in place; metrics into row start + k.

        Returns the number of samples completed; fewer than len(order) means sample k
        diverged (non-finite loss, weight or bias), and the buffers then hold a half-applied
        update.
        """
        _ = fingerprint  # referenced, so that it is part of the cache key
        depth = acts.shape[0]
        count = order.shape[0]
        width = sizes.max()  # the widest layer: the scratch rows' length
        weights, biases = layer_views(sizes, weights_flat, biases_flat)
        Z = np.zeros((2, depth, width))
        A = np.zeros((2, depth + 1, width))
        D = np.zeros((depth, width))
        back = np.zeros(width)
        w_sq = np.zeros(depth)  # ‖W^(l)‖², carried from one update to the next
        for l in range(depth):
            w_sq[l] = np.sum(weights[l] * weights[l])
        d_sq = np.zeros(depth)
        a_sq = np.zeros(depth)
        norms = np.zeros(depth)
        scales = np.ones(depth)
        ratios = np.zeros(depth)
        n_out = sizes[depth]
        out_code = acts[depth - 1]
        value_clip = clip_code == CLIP_VALUE
        if count == 0:
            return 0
        # forward pass of the first sample: z^(l) = W^(l) a^(l−1) + b^(l), a^(l) = f_l(z^(l))
        for j in range(sizes[0]):
            A[0, 0, j] = X[order[0], j]
        for l in range(depth):
            forward_layer(weights[l], biases[l], A[0, l], Z[0, l], sizes[l + 1], sizes[l])
            activate(acts[l], Z[0, l], A[0, l + 1], sizes[l + 1])

        for k in range(count):
            s = order[k]
            p = k % 2
            Zc, Ac, Zn, An = Z[p], A[p], Z[1 - p], A[1 - p]
            loss = loss_and_output_delta(
                loss_code, out_code, Zc[depth - 1], Ac[depth], T[s], D[depth - 1], n_out
            )
            if not math.isfinite(loss):
                return k
            # (4.60) δ^(l) = f_l'(z^(l)) ⊙ (W^(l+1))ᵀ δ^(l+1), l = L−1 … 1
            for l in range(depth - 2, -1, -1):
                backward_layer(weights[l + 1], D[l + 1], back, sizes[l + 2], sizes[l + 1])
                times_derivative(acts[l], Zc[l], Ac[l + 1], back, D[l], sizes[l + 1])
            # ‖(∂W^(l), ∂b^(l))‖² = ‖δ‖²‖a^(l−1)‖² + ‖δ‖² (4.62, 4.63; no outer product)
            total_sq = 0.0
            for l in range(depth):
                dd = 0.0
                for i in range(sizes[l + 1]):
                    dd += D[l, i] * D[l, i]
                aa = 0.0
                for j in range(sizes[l]):
                    aa += Ac[l, j] * Ac[l, j]
                d_sq[l] = dd
                a_sq[l] = aa
                norms[l] = math.sqrt(dd * aa + dd)
                total_sq += norms[l] * norms[l]
            grad_norm = math.sqrt(total_sq)
            # clipping of the data gradient, before the penalty (clipping.py)
            clipped = False
            for l in range(depth):
                scales[l] = 1.0
            if clip_code == CLIP_GLOBAL_NORM and grad_norm > theta:
                for l in range(depth):
                    scales[l] = theta / grad_norm
                clipped = True
            elif clip_code == CLIP_LAYER_NORM:
                for l in range(depth):
                    if norms[l] > theta:
                        scales[l] = theta / norms[l]
                        clipped = True
            elif value_clip:
                for l in range(depth):  # max|δ_i a_j| = max|δ|·max|a|, rounding included
                    dmax = 0.0
                    for i in range(sizes[l + 1]):
                        dmax = max(dmax, abs(D[l, i]))
                    amax = 0.0
                    for j in range(sizes[l]):
                        amax = max(amax, abs(Ac[l, j]))
                    clipped = clipped or dmax * amax > theta or dmax > theta
            # update (lines 10–11) of every layer, fused with the next sample's forward pass
            if k + 1 < count:
                for j in range(sizes[0]):
                    An[0, j] = X[order[k + 1], j]
            clipped_sq = 0.0
            finite = True
            r = start + k
            for l in range(depth):
                n, m = sizes[l + 1], sizes[l]
                upd, wsq, gsq, ok = update_forward(
                    weights[l], biases[l], D[l], Ac[l], An[l], Zn[l], n, m,
                    lr, l2, l1, scales[l], value_clip, theta,
                )
                activate(acts[l], Zn[l], An[l + 1], n)
                finite = finite and ok
                clipped_sq += gsq if value_clip else (scales[l] * norms[l]) ** 2
                # metrics.py: ‖ΔW‖ / ‖W before‖ (0/0 = 0, x/0 = ∞), ‖W after‖
                before = math.sqrt(w_sq[l])
                after = math.sqrt(upd)
                if before == 0.0:
                    ratios[l] = 0.0 if after == 0.0 else math.inf
                else:
                    ratios[l] = after / before
                w_sq[l] = wsq
            if not finite:
                return k  # row r stays untouched, as in the reference
            m_loss[r] = loss
            m_grad_norm[r] = grad_norm
            m_grad_norm_clipped[r] = grad_norm if clip_code == CLIP_OFF else math.sqrt(clipped_sq)
            m_clipped[r] = 1.0 if clipped else 0.0
            for l in range(depth):
                dn = math.sqrt(d_sq[l])
                m_delta_norm[r, l] = dn
                m_grad_w_norm[r, l] = dn * math.sqrt(a_sq[l])
                m_weight_norm[r, l] = math.sqrt(w_sq[l])
                m_update_ratio[r, l] = ratios[l]
                sat, dead = unit_shares(acts[l], Zc[l], Ac[l + 1], sat_thresholds[l], sizes[l + 1])
                m_saturated[r, l] = sat
                m_dead[r, l] = dead
        return count

    return run_chunk


run_chunk = build_run_chunk(FINGERPRINT.hexdigest())
