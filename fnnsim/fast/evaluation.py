"""The compiled evaluation of a whole data set: mean loss and accuracy (no training).

The trainer evaluates the training and validation sets after every epoch (Algorithm 4.1,
line 13). On small data sets at full speed that is a thousand times a second, and in NumPy
it held the GIL for most of the worker's time, slowing the GUI thread and being slowed by
it. Here the same forward pass and loss run without the GIL, sample by sample, with the
per-sample functions the training kernel uses (so the numbers agree with it, and with the
reference's `Trainer.evaluate`, to ~1e-15 relative: only summation orders differ).
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from fnnsim.fast.jit import FASTMATH
from fnnsim.fast.kernel import FINGERPRINT
from fnnsim.fast.layers import forward_layer, layer_views
from fnnsim.fast.units import activate, loss_and_output_delta


def build_evaluate_set(fingerprint: str):
    """The evaluation kernel, closing over `fingerprint` (see kernel.FINGERPRINT)."""

    @njit(nogil=True, cache=True, fastmath=FASTMATH, error_model="numpy")
    def evaluate_set(sizes, acts, loss_code, weights_flat, biases_flat, X, T, labels,
                     threshold):
        """(mean loss, share of labels predicted right) of the network on X, T.

        `labels` is empty for regression (accuracy is then NaN). One output unit predicts
        class 1 when ŷ > threshold; several predict the first largest output, NaN counting
        as largest — both as NumPy does it in targets.predicted_labels.
        """
        _ = fingerprint  # part of the cache key
        depth = acts.shape[0]
        count = X.shape[0]
        width = sizes.max()  # the widest layer: the scratch rows' length
        weights, biases = layer_views(sizes, weights_flat, biases_flat)
        Z = np.zeros((depth, width))
        A = np.zeros((depth + 1, width))
        scratch = np.zeros(width)
        n_out = sizes[depth]
        classify = labels.shape[0] > 0
        total = 0.0
        right = 0
        for s in range(count):
            for j in range(sizes[0]):
                A[0, j] = X[s, j]
            for l in range(depth):
                forward_layer(weights[l], biases[l], A[l], Z[l], sizes[l + 1], sizes[l])
                activate(acts[l], Z[l], A[l + 1], sizes[l + 1])
            out = A[depth]
            total += loss_and_output_delta(loss_code, acts[depth - 1], Z[depth - 1], out,
                                           T[s], scratch, n_out)
            if classify:
                if n_out == 1:
                    predicted = 1 if out[0] > threshold else 0
                else:
                    predicted = 0
                    for i in range(n_out):
                        if math.isnan(out[i]):
                            predicted = i
                            break
                        if out[i] > out[predicted]:
                            predicted = i
                if predicted == labels[s]:
                    right += 1
        if count == 0:
            return math.nan, math.nan
        return total / count, (right / count) if classify else math.nan

    return evaluate_set


evaluate_set = build_evaluate_set(FINGERPRINT.hexdigest())
