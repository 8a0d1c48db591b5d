"""One layer's forward, backward and update loops (compiled).

W is a 2-D (n_l, n_(l−1)) view, so the inner loops run along contiguous rows; where it pays
(measured here: 1.2–2.7× on 16- and 32-unit layers), four rows are handled together, sharing
each load of a and paying one horizontal reduction per four rows instead of one per row.
"""

from __future__ import annotations

import math

from fnnsim.fast.jit import kernel_jit


@kernel_jit
def layer_views(sizes, weights_flat, biases_flat):
    """W^(l) as 2-D (n_l, n_(l−1)) views and b^(l) as views into the flat buffers (layer
    l at index l − 1), as FastBackend packs them."""
    weights = []
    biases = []
    w_at = 0
    b_at = 0
    for l in range(sizes.shape[0] - 1):
        n, m = sizes[l + 1], sizes[l]
        weights.append(weights_flat[w_at:w_at + n * m].reshape((n, m)))
        biases.append(biases_flat[b_at:b_at + n])
        w_at += n * m
        b_at += n
    return weights, biases


@kernel_jit
def forward_layer(W, b, a_prev, z, n, m):
    """z^(l) = W^(l) a^(l−1) + b^(l)."""
    for i in range(n):
        acc = 0.0
        for j in range(m):
            acc += W[i, j] * a_prev[j]
        z[i] = acc + b[i]


@kernel_jit
def backward_layer(W, delta, back, n, m):
    """back = (W^(l+1))ᵀ δ^(l+1), the sum in (4.60), accumulated row by row of W."""
    for j in range(m):
        back[j] = 0.0
    i = 0
    while i + 4 <= n:
        d0, d1, d2, d3 = delta[i], delta[i + 1], delta[i + 2], delta[i + 3]
        for j in range(m):
            back[j] += (W[i, j] * d0 + W[i + 1, j] * d1) + (W[i + 2, j] * d2 + W[i + 3, j] * d3)
        i += 4
    while i < n:
        di = delta[i]
        for j in range(m):
            back[j] += W[i, j] * di
        i += 1


@kernel_jit
def update_forward(
    W, b, delta, a_prev, a_next, z_next, n, m, lr, l2, l1, scale, value_clip, theta
):
    """Update layer l and compute the next sample's z^(l) from the new weights, in one pass.

    W ← W − α(g + λW + λ₁ sign W) with g = scale · δ aᵀ (4.62), or clamp(δ aᵀ, ±θ) in value
    mode; b ← b − α g_b with g_b = scale · δ (4.63) (no penalty on biases). Reading each new
    weight once for both jobs saves a pass over W (×1.4 on a 784-128 layer). z_next is
    scratch when there is no next sample.

    Returns (‖ΔW‖², ‖W after‖², ‖clipped g‖² (W and b; value mode only), all finite?).
    """
    gsq = 0.0
    finite = True
    for i in range(n):  # biases first: the next sample's z uses the new b
        g = min(max(delta[i], -theta), theta) if value_clip else scale * delta[i]
        gsq += g * g
        b[i] = b[i] + -lr * g
        finite = finite and math.isfinite(b[i])
    upd = 0.0
    wsq = 0.0
    i = 0
    if not value_clip and l1 == 0.0:  # the common case, four rows at a time
        while i + 4 <= n:
            d0, d1, d2, d3 = delta[i], delta[i + 1], delta[i + 2], delta[i + 3]
            z0 = z1 = z2 = z3 = 0.0
            for j in range(m):
                aj = a_prev[j]
                w0, w1, w2, w3 = W[i, j], W[i + 1, j], W[i + 2, j], W[i + 3, j]
                u0 = -lr * (scale * (d0 * aj) + l2 * w0)
                u1 = -lr * (scale * (d1 * aj) + l2 * w1)
                u2 = -lr * (scale * (d2 * aj) + l2 * w2)
                u3 = -lr * (scale * (d3 * aj) + l2 * w3)
                w0, w1, w2, w3 = w0 + u0, w1 + u1, w2 + u2, w3 + u3
                W[i, j], W[i + 1, j], W[i + 2, j], W[i + 3, j] = w0, w1, w2, w3
                upd += (u0 * u0 + u1 * u1) + (u2 * u2 + u3 * u3)
                wsq += (w0 * w0 + w1 * w1) + (w2 * w2 + w3 * w3)
                an = a_next[j]
                z0 += w0 * an
                z1 += w1 * an
                z2 += w2 * an
                z3 += w3 * an
            z_next[i], z_next[i + 1] = z0 + b[i], z1 + b[i + 1]
            z_next[i + 2], z_next[i + 3] = z2 + b[i + 2], z3 + b[i + 3]
            i += 4
    while i < n:
        di = delta[i]
        acc = 0.0
        if value_clip:
            for j in range(m):
                w = W[i, j]
                g = min(max(di * a_prev[j], -theta), theta)
                sign = 1.0 if w > 0 else (-1.0 if w < 0 else 0.0)
                u = -lr * (g + (l2 * w + l1 * sign))
                w = w + u
                W[i, j] = w
                upd += u * u
                wsq += w * w
                gsq += g * g
                acc += w * a_next[j]
        else:
            for j in range(m):
                w = W[i, j]
                sign = 1.0 if w > 0 else (-1.0 if w < 0 else 0.0)
                u = -lr * (scale * (di * a_prev[j]) + (l2 * w + l1 * sign))
                w = w + u
                W[i, j] = w
                upd += u * u
                wsq += w * w
                acc += w * a_next[j]
        z_next[i] = acc + b[i]
        i += 1
    if not math.isfinite(wsq):  # an overflowing ‖W‖² can still be made of finite weights
        for i in range(n):
            for j in range(m):
                finite = finite and math.isfinite(W[i, j])
    return upd, wsq, gsq, finite
