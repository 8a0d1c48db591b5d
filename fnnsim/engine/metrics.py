"""The per-sample metrics the plots need, in preallocated arrays.

Both engines — the NumPy reference and the compiled fast path — fill a `MetricBatch`
row per sample, so the plots and the history never know which one ran.

Definitions (per sample; per-layer arrays are indexed l − 1):
- loss: the data loss L(y, ŷ) (no penalty term);
- grad_norm / grad_norm_clipped: the global norm of all (∂W, ∂b) before / after clipping;
- clipped: 1.0 if clipping changed the gradient, else 0.0;
- delta_norm: ‖δ^(l)‖;  grad_w_norm: ‖∂L/∂W^(l)‖ = ‖δ^(l)‖·‖a^(l−1)‖, before clipping;
- weight_norm: ‖W^(l)‖ after the update;
- update_ratio: ‖ΔW^(l)‖ / ‖W^(l)‖ with ‖W^(l)‖ before the update (0 if both are 0);
- saturated: share of units with f'(z) < 1 % of max f' (sigmoid, tanh; else 0);
- dead: share of ReLU units with z <= 0 (else 0).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields

import numpy as np

from fnnsim.engine.activations import ACTIVATIONS, dead_share, saturated_share
from fnnsim.engine.sgd import StepTrace

SCALAR_METRICS = ("loss", "grad_norm", "grad_norm_clipped", "clipped")
LAYER_METRICS = (
    "delta_norm", "grad_w_norm", "weight_norm", "update_ratio", "saturated", "dead",
)


@dataclass
class MetricBatch:
    """Metrics of consecutive samples: scalars shaped (n,), per-layer arrays (n, L)."""

    loss: np.ndarray
    grad_norm: np.ndarray
    grad_norm_clipped: np.ndarray
    clipped: np.ndarray
    delta_norm: np.ndarray
    grad_w_norm: np.ndarray
    weight_norm: np.ndarray
    update_ratio: np.ndarray
    saturated: np.ndarray
    dead: np.ndarray

    @classmethod
    def empty(cls, n: int, depth: int) -> MetricBatch:
        scalars = {name: np.zeros(n) for name in SCALAR_METRICS}
        layers = {name: np.zeros((n, depth)) for name in LAYER_METRICS}
        return cls(**scalars, **layers)

    def __len__(self) -> int:
        return len(self.loss)

    @property
    def depth(self) -> int:
        return self.delta_norm.shape[1]

    def head(self, n: int) -> MetricBatch:
        """Copies of the first n rows (e.g. the rows a chunk actually filled)."""
        return MetricBatch(**{f.name: getattr(self, f.name)[:n].copy() for f in fields(self)})

    @classmethod
    def concatenate(cls, batches: list[MetricBatch]) -> MetricBatch:
        return cls(
            **{
                f.name: np.concatenate([getattr(b, f.name) for b in batches])
                for f in fields(cls)
            }
        )

    def record(self, row: int, trace: StepTrace, activations: list[str]) -> None:
        """Fill one row from a reference-engine trace."""
        # Finite but huge values (> 1e154) overflow their squared norms to inf: that is the
        # metric's honest value, not an error.
        with np.errstate(over="ignore", invalid="ignore"):
            self._record(row, trace, activations)

    def _record(self, row: int, trace: StepTrace, activations: list[str]) -> None:
        self.loss[row] = trace.loss
        self.grad_norm[row] = trace.grad_norm
        self.grad_norm_clipped[row] = trace.clipped_grad_norm
        self.clipped[row] = 1.0 if trace.clip.clipped else 0.0
        for i, name in enumerate(activations):
            act = ACTIVATIONS[name]
            delta_norm = math.sqrt(float(np.dot(trace.delta[i], trace.delta[i])))
            self.delta_norm[row, i] = delta_norm
            self.grad_w_norm[row, i] = delta_norm * math.sqrt(
                float(np.dot(trace.a[i], trace.a[i]))
            )
            self.weight_norm[row, i] = frobenius(trace.weights_after[i])
            self.update_ratio[row, i] = ratio(
                frobenius(trace.update_weights[i]), frobenius(trace.weights_before[i])
            )
            self.saturated[row, i] = saturated_share(act, trace.z[i], trace.a[i + 1])
            self.dead[row, i] = dead_share(act, trace.z[i])


def frobenius(m: np.ndarray) -> float:
    return math.sqrt(float(np.vdot(m, m)))


def ratio(update_norm: float, weight_norm: float) -> float:
    """‖ΔW‖/‖W‖, defined as 0 when nothing moved and inf when W was exactly zero."""
    if weight_norm == 0.0:
        return 0.0 if update_norm == 0.0 else math.inf
    return update_norm / weight_norm
