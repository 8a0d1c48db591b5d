"""Several consecutive epochs in one GIL-free kernel call (Algorithm 4.1, lines 2–16).

Why this exists: on small data sets (the spiral preset: 450 samples, ~0.4 ms of kernel
time per epoch) the trainer's per-epoch Python loop takes the GIL back several times per
epoch — over a thousand times a second. Whenever the GUI thread runs Python (painting),
the worker waits for the GIL each time, and training in the window ran at ~2/3 of its
headless speed. Here the SGD steps of many epochs, the evaluation after each epoch (line 13)
and the early-stopping rule (line 14) run in one call, so the worker takes the GIL back
about once per chunk. The trainer then rebuilds the per-epoch bookkeeping (records,
callbacks, counters) from what this returns (Trainer._train_epochs).

Each epoch's samples go through `run_chunk` and the evaluations through `evaluate_set`,
with the same arguments the per-epoch loop passes them (FastBackend.run/evaluate), so the
results are the same bits as that loop's.
"""

from __future__ import annotations

import hashlib
import math

import numpy as np
from numba import njit

from fnnsim.fast import evaluation, kernel
from fnnsim.fast.evaluation import evaluate_set
from fnnsim.fast.jit import FASTMATH, kernel_jit
from fnnsim.fast.kernel import FINGERPRINT, run_chunk

# The kernel embeds run_chunk and evaluate_set; Numba's cache would not notice edits to
# their files (see kernel.FINGERPRINT), so it closes over a fingerprint of those files too.
EPOCHS_FINGERPRINT = hashlib.sha256(
    FINGERPRINT.digest() + kernel._source(kernel) + kernel._source(evaluation))

# Codes of what ended a run_epochs call
RAN_ALL, STOPPED_EARLY, DIVERGED = 0, 1, 2


@kernel_jit
def better(error, loss, best_error, best_loss):
    """(error, loss) < (best_error, best_loss) as Python compares tuples of floats: the
    first pair that is not equal decides (a NaN is never equal, and never less)."""
    if error != best_error:
        return error < best_error
    if loss != best_loss:
        return loss < best_loss
    return False


def build_run_epochs(fingerprint: str):
    """The multi-epoch kernel, closing over `fingerprint` (see EPOCHS_FINGERPRINT)."""

    @njit(nogil=True, cache=True, fastmath=FASTMATH, error_model="numpy")
    def run_epochs(
        sizes, acts, loss_code, weights_flat, biases_flat, X, T, orders, epoch_length,
        position, lr, l2, l1, clip_code, theta, sat_thresholds,
        m_loss, m_grad_norm, m_grad_norm_clipped, m_clipped,
        m_delta_norm, m_grad_w_norm, m_weight_norm, m_update_ratio, m_saturated, m_dead,
        start, train_labels, X_val, T_val, val_labels, threshold, has_val,
        patience, has_best, best_error, best_loss, wait, best_weights, best_biases,
        train_loss, train_accuracy, val_loss, val_accuracy, improved,
    ):
        """Train on X[orders[k]] in order, in place, metrics into row start + k; `orders`
        is the rest of the current epoch (it is at sample `position` of `epoch_length`)
        followed by whole or partial further epochs.

        After each epoch that completes: its train (and validation) loss and accuracy go
        into row e of train_loss … val_accuracy; with validation, the early-stopping rule
        of Trainer._early_stopping runs on (1 − accuracy or loss, loss) against the best so
        far (has_best, best_error, best_loss; wait epochs without improvement; patience < 0:
        never stop): improved[e] = 1 and the weights are copied into best_weights/biases.

        Returns (samples completed, epochs completed, RAN_ALL | STOPPED_EARLY | DIVERGED).
        On divergence the buffers hold the weights from before the diverging sample, as
        FastBackend.run leaves them.
        """
        _ = fingerprint  # part of the cache key
        total = orders.shape[0]
        w_start = np.empty_like(weights_flat)
        b_start = np.empty_like(biases_flat)
        done = 0
        epochs = 0
        at = position
        while done < total:
            take = min(total - done, epoch_length - at)
            chunk = orders[done:done + take]
            w_start[:] = weights_flat
            b_start[:] = biases_flat
            completed = run_chunk(
                sizes, acts, loss_code, weights_flat, biases_flat, X, T, chunk,
                lr, l2, l1, clip_code, theta, sat_thresholds,
                m_loss, m_grad_norm, m_grad_norm_clipped, m_clipped,
                m_delta_norm, m_grad_w_norm, m_weight_norm, m_update_ratio, m_saturated, m_dead,
                start + done,
            )
            if completed < take:
                # as FastBackend.run: replay the completed samples from the chunk's start
                weights_flat[:] = w_start
                biases_flat[:] = b_start
                run_chunk(
                    sizes, acts, loss_code, weights_flat, biases_flat, X, T,
                    chunk[:completed], lr, l2, l1, clip_code, theta, sat_thresholds,
                    m_loss, m_grad_norm, m_grad_norm_clipped, m_clipped,
                    m_delta_norm, m_grad_w_norm, m_weight_norm, m_update_ratio, m_saturated,
                    m_dead, start + done,
                )
                return done + completed, epochs, DIVERGED
            done += take
            at += take
            if at < epoch_length:
                break  # the request ended inside this epoch
            at = 0
            # line 13: evaluate after the epoch
            loss, accuracy = evaluate_set(sizes, acts, loss_code, weights_flat, biases_flat,
                                          X, T, train_labels, threshold)
            train_loss[epochs] = loss
            train_accuracy[epochs] = accuracy
            improved[epochs] = 0
            if has_val:
                loss, accuracy = evaluate_set(sizes, acts, loss_code, weights_flat,
                                              biases_flat, X_val, T_val, val_labels, threshold)
                val_loss[epochs] = loss
                val_accuracy[epochs] = accuracy
                # line 14: early stopping on the validation error (Trainer._early_stopping)
                error = 1.0 - accuracy if accuracy == accuracy else loss
                if not has_best or better(error, loss, best_error, best_loss):
                    has_best, best_error, best_loss, wait = True, error, loss, 0
                    best_weights[:] = weights_flat
                    best_biases[:] = biases_flat
                    improved[epochs] = 1
                else:
                    wait += 1
                    if patience >= 0 and wait >= patience:
                        return done, epochs + 1, STOPPED_EARLY
            else:
                val_loss[epochs] = math.nan
                val_accuracy[epochs] = math.nan
            epochs += 1
        return done, epochs, RAN_ALL

    return run_epochs


run_epochs = build_run_epochs(EPOCHS_FINGERPRINT.hexdigest())
