"""Numerical gradient check: backprop against central differences.

∂L/∂θ is estimated from L at θ ± h and θ ± 2h for a seeded sample of each layer's weights
and biases and compared with (4.62), (4.63). The check runs in pieces of about
PIECE_SECONDS each (`GradientChecker.run_piece`), set-up included, so a caller can answer
other requests between them; a very deep, wide net samples fewer parameters per layer, so
that the whole check stays within WORK_BUDGET (bench/gradcheck_cost.py measures both).

Why the verdict can be trusted both ways (bench/gradcheck_accuracy.py measures it):
- Truncation. The plain central difference (L(θ+h) − L(θ−h)) / 2h errs by h²·L'''/6, and
  a saturated net with large weights has L''' big enough to reach 1e-4 of the gradient at
  the best step for it. Combining the steps h and 2h (Richardson) cancels the h² term:
      ĝ = [8(L(θ+h) − L(θ−h)) − (L(θ+2h) − L(θ−2h))] / 12h,   error O(h⁴),
  so at h ≈ 6e-6 truncation is far below rounding on every network.
- Round-off. Each computed L carries a rounding error E (see `rounding_error`), and the
  quotient divides it by h: an error of ~E/h, which the step keeps small, h = u^(1/3) ·
  max(1, |θ|) (u = 2.2e-16, the float64 spacing at 1; u^(1/3) is where a central
  difference's truncation O(h²) and round-off O(u/h) balance). It is the same for every
  entry, so an entry smaller than it cannot be checked relatively.
Hence the relative difference |g − ĝ| / max(|g|, |ĝ|, floor) with the floor at the size of
entry whose relative error the rounding alone would push to THRESHOLD (with a margin).
Correct backprop stays below the threshold; a gradient off by 1 % fails by a factor 10⁴,
one with a flipped sign by 10⁶, on any entry the rounding leaves visible.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from fnnsim.engine.activations import ACTIVATIONS
from fnnsim.engine.backprop import backward, gradients
from fnnsim.engine.losses import LOSSES
from fnnsim.engine.network import Network

ROUNDOFF = float(np.finfo(np.float64).eps)  # u ≈ 2.2e-16
STEP = ROUNDOFF ** (1 / 3)  # ≈ 6.1e-6, times max(1, |θ|)
THRESHOLD = 1e-6  # largest relative difference that passes
# The rounding E/h is a bound up to a constant: the errors measured on 15 networks (deep
# sigmoid, saturated tanh, ReLU, softmax, exploding) reached at most 0.56·E/h. Four times
# E/h is what a correct entry may differ by.
ROUNDING_MARGIN = 4.0
SAMPLED_WEIGHTS = 160  # per layer; a smaller layer is checked entry by entry
SAMPLED_BIASES = 48
# The work of a check: per sampled parameter of layer l, the multiply-adds of the layers
# after l (four evaluations each). 10×512 needs 2.5e9 of it (~0.6 s); 64×512 would need
# 1.1e11 (26 s, minutes on a busy machine), so a net above the budget samples fewer
# parameters per layer — never fewer than the minimums, which one bug in a layer's
# gradient already fails (64×512 at the minimums: 1.1e10, ~3 s).
WORK_BUDGET = 1e10
MIN_SAMPLED_WEIGHTS = 16
MIN_SAMPLED_BIASES = 4
BATCH = 16  # parameters run through the network together: one step is one layer's
# product of 4·16 rows, ~1–5 ms on a 512-wide layer
PIECE_SECONDS = 0.025  # a piece runs steps until this much time has passed
KINKED = frozenset({"relu", "leaky_relu"})  # activations whose derivative jumps at z = 0
MULTIPLES = (1.0, -1.0, 2.0, -2.0)  # θ + h, θ − h, θ + 2h, θ − 2h


@dataclass(frozen=True)
class LayerCheck:
    layer: int  # l, 1-based
    max_rel_diff_weights: float
    max_rel_diff_biases: float
    checked: int = 0  # parameters compared
    parameters: int = 0  # parameters in the layer (W and b)
    # sampled parameters left out because θ ± 2h moves a ReLU unit across its kink, where
    # the difference quotient mixes two slopes and backprop (rightly) takes one
    kinks: int = 0
    # compared parameters whose gradient (both |g| and |ĝ|) is within the rounding error
    # of the difference quotient: these cannot show a bug of any size
    unresolved: int = 0

    @property
    def max_rel_diff(self) -> float:
        return max(self.max_rel_diff_weights, self.max_rel_diff_biases)

    @property
    def passed(self) -> bool:
        return self.max_rel_diff < THRESHOLD

    @property
    def conclusive(self) -> bool:
        """Did any compared gradient stand out of the rounding? (If not — a sample the
        net already fits to 1e-20, a layer of dead units — a pass says nothing.)"""
        return self.parameters == 0 or self.checked > self.unresolved


def sample_loss(network: Network, x: np.ndarray, y: np.ndarray) -> float:
    z, a = network.forward(x)
    return LOSSES[network.loss].value(z[-1], a[-1], np.asarray(y, dtype=np.float64))


def numerical_gradients(
    network: Network, x: np.ndarray, y: np.ndarray, eps: float = 1e-6
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Plain central-difference ∂L/∂W^(l), ∂L/∂b^(l) of every parameter (the tests'
    reference); the network is restored afterwards."""
    probe = network.copy()
    result = []
    for params in (probe.weights, probe.biases):
        grads = []
        for p in params:
            g = np.zeros_like(p)
            flat, gflat = p.reshape(-1), g.reshape(-1)
            for i in range(flat.size):
                keep = flat[i]
                flat[i] = keep + eps
                plus = sample_loss(probe, x, y)
                flat[i] = keep - eps
                minus = sample_loss(probe, x, y)
                flat[i] = keep
                gflat[i] = (plus - minus) / (2.0 * eps)
            grads.append(g)
        result.append(grads)
    return result[0], result[1]


def relative_difference(analytic: np.ndarray, numeric: np.ndarray, floor: float) -> float:
    """max |g − ĝ| / max(|g|, |ĝ|, floor): entries below the floor compare absolutely."""
    if analytic.size == 0:
        return 0.0
    scale = np.maximum(np.maximum(np.abs(analytic), np.abs(numeric)), floor)
    return float(np.max(np.abs(analytic - numeric) / scale))


def rounding_error(network: Network, z: list[np.ndarray], a: list[np.ndarray],
                   deltas: list[np.ndarray], loss: float) -> float:
    """About how far the computed L(θ) may be from the exact one, to first order: each
    z^(l)_i is a sum rounded to ~u·(Σ_j |w_ij a_j| + |b_i|), which reaches L times δ^(l)_i
    (a rounded activation a^(l−1)_j is covered too: its effect enters the same sum); the
    loss itself sums numbers as large as L, z^(L) and ŷ (a cross-entropy at z = 40 is a
    difference of numbers near 40, so it rounds like 40 however small L is)."""
    total = abs(loss) + float(np.sum(np.abs(z[-1])) + np.sum(np.abs(a[-1])))
    for w, b, d, a_prev in zip(network.weights, network.biases, deltas, a[:-1], strict=True):
        total += rounding_term(w, b, d, a_prev)
    return ROUNDOFF * total


def rounding_term(w: np.ndarray, b: np.ndarray, d: np.ndarray, a_prev: np.ndarray) -> float:
    """One layer's part of `rounding_error` (without the factor u)."""
    return float(np.abs(d) @ (np.abs(w) @ np.abs(a_prev) + np.abs(b)))


def _activate(name: str, Z: np.ndarray) -> np.ndarray:
    if name == "softmax":  # row by row, as in Network.forward_batch
        E = np.exp(Z - Z.max(axis=1, keepdims=True))
        return E / E.sum(axis=1, keepdims=True)
    return ACTIVATIONS[name].forward(Z)


class GradientChecker:
    """Backprop against differences of L for one sample, piece by piece.

    Per layer, up to SAMPLED_WEIGHTS weights and SAMPLED_BIASES biases (every one in a
    small layer; fewer when the net's work would exceed WORK_BUDGET, see `sampled`), drawn
    with `seed`, so any net costs a bounded time. A parameter of layer l moves one z^(l)_i
    (by h·a^(l−1)_j for w_ij, h for b_i), so a batch starts from the stored forward pass at
    layer l and runs the rest of the network once for all its parameters, their four
    evaluations as rows of one matrix. All the work — the forward pass, backprop and the
    rounding estimate too — is a sequence of steps of about one layer's product each,
    which `run_piece` runs for PIECE_SECONDS: the result does not depend on where pieces
    end.

    `copy=False` checks the caller's own network, without the copy (0.1 s on a 64×512
    net), for a caller that leaves it alone until the check is done.
    """

    def __init__(self, network: Network, x: np.ndarray, y: np.ndarray, seed: int = 0,
                 weights_per_layer: int = SAMPLED_WEIGHTS,
                 biases_per_layer: int = SAMPLED_BIASES, copy: bool = True) -> None:
        self.network = network.copy() if copy else network
        self.x = np.asarray(x, dtype=np.float64)
        self.y = np.asarray(y, dtype=np.float64)
        self.weights_per_layer, self.biases_per_layer = self.sampled(
            self.network, weights_per_layer, biases_per_layer)
        rng = np.random.default_rng(seed)
        self.pieces: list[tuple[int, bool, np.ndarray]] = []  # batches: (layer, bias?, flat)
        self._starts: list[int] = []  # where each batch starts in its layer's sample
        self._chosen: list[tuple[np.ndarray, np.ndarray]] = []  # [layer][bias?]: flat
        for k, (w, b) in enumerate(zip(self.network.weights, self.network.biases,
                                       strict=True)):
            sample = []
            for is_bias, size, most in ((False, w.size, self.weights_per_layer),
                                        (True, b.size, self.biases_per_layer)):
                chosen = (np.arange(size) if size <= most
                          else np.sort(rng.choice(size, most, replace=False)))
                sample.append(chosen)
                starts = range(0, len(chosen), BATCH)
                self.pieces += [(k, is_bias, chosen[i:i + BATCH]) for i in starts]
                self._starts += starts
            self._chosen.append((sample[0], sample[1]))
        depth = self.network.depth
        self.z: list[np.ndarray] = []
        self.a: list[np.ndarray] = []
        self.loss = 0.0
        # backprop's gradients of the sampled parameters, [layer][bias?] (a 64×512 net's
        # whole ∂L/∂W would hold 128 MB for the length of the check), and every ∂L/∂b
        self._sampled_grads: list[tuple[np.ndarray, np.ndarray]] = []
        self.grad_b: list[np.ndarray] = []
        self.resolution = self.floor = 0.0  # known once the set-up is done
        self._analytic: list[tuple[list[np.ndarray], list[np.ndarray]]] = [
            ([], []) for _ in range(depth)]  # [layer][bias?]: one array per batch
        self._numeric: list[tuple[list[np.ndarray], list[np.ndarray]]] = [
            ([], []) for _ in range(depth)]
        self.kinks = [0] * depth
        self.done = 0  # pieces run
        self.finished = False
        self._steps = self._work()

    @staticmethod
    def work(network: Network, weights_per_layer: int, biases_per_layer: int) -> float:
        """Multiply-adds per evaluation of a check sampling this many per layer."""
        sizes = [w.size for w in network.weights]
        after = np.cumsum(sizes[::-1])[::-1] - sizes  # Σ of the layers after each
        return float(sum((min(w.size, weights_per_layer) + min(b.size, biases_per_layer))
                         * (later + w.shape[0])
                         for w, b, later in zip(network.weights, network.biases, after,
                                                strict=True)))

    @classmethod
    def sampled(cls, network: Network, weights_per_layer: int = SAMPLED_WEIGHTS,
                biases_per_layer: int = SAMPLED_BIASES) -> tuple[int, int]:
        """The weights and biases per layer to sample: as asked, or scaled down alike
        (not below the minimums) so that the work stays within WORK_BUDGET."""
        work = cls.work(network, weights_per_layer, biases_per_layer)
        if work <= WORK_BUDGET:
            return weights_per_layer, biases_per_layer
        scale = WORK_BUDGET / work
        return (min(weights_per_layer, max(MIN_SAMPLED_WEIGHTS,
                                           int(weights_per_layer * scale))),
                min(biases_per_layer, max(MIN_SAMPLED_BIASES, int(biases_per_layer * scale))))

    def run_piece(self, seconds: float = PIECE_SECONDS) -> bool:
        """Run steps for about `seconds` (at least one); True when the check is done."""
        deadline = time.perf_counter() + seconds
        while not self.finished:
            if next(self._steps, None) is None:
                self.finished = True
            elif time.perf_counter() >= deadline:
                break
        self.done += 1
        return self.finished

    def run(self) -> list[LayerCheck]:
        while not self.run_piece():
            pass
        return self.result()

    def layer_gradients(self, k: int, deltas: list[np.ndarray]) -> tuple[np.ndarray,
                                                                          np.ndarray]:
        """Backprop's ∂L/∂W and ∂L/∂b of layer index k, (4.62), (4.63)."""
        (grad_w,), (grad_b,) = gradients(deltas[k:k + 1], self.a[k:k + 2])
        return grad_w, grad_b

    def _work(self) -> Iterator[bool]:
        """The check, one step (about one layer's product) per yield."""
        net = self.network
        self.z, self.a = net.forward(self.x)  # one sample: depth products of a vector
        self.loss = float(LOSSES[net.loss].value(self.z[-1], self.a[-1], self.y))
        yield True
        deltas = backward(net, self.z, self.a, self.y)
        yield True
        # a correct entry may differ by ROUNDING_MARGIN·E/h (h is smallest, STEP, for
        # |θ| ≤ 1): the resolution; the floor is the entry size where that is THRESHOLD
        total = abs(self.loss) + float(np.sum(np.abs(self.z[-1])) + np.sum(np.abs(self.a[-1])))
        for k in range(net.depth):
            grad_w, grad_b = self.layer_gradients(k, deltas)
            chosen_w, chosen_b = self._chosen[k]
            self._sampled_grads.append((grad_w.reshape(-1)[chosen_w], grad_b[chosen_b]))
            self.grad_b.append(grad_b)
            total += rounding_term(net.weights[k], net.biases[k], deltas[k], self.a[k])
            yield True
        self.resolution = ROUNDING_MARGIN * ROUNDOFF * total / STEP
        self.floor = self.resolution / THRESHOLD
        for piece, start in zip(self.pieces, self._starts, strict=True):
            yield from self._check(*piece, start)

    def _check(self, k: int, is_bias: bool, flat: np.ndarray, start: int) -> Iterator[bool]:
        net = self.network
        params = net.biases[k] if is_bias else net.weights[k]
        h = STEP * np.maximum(1.0, np.abs(params.reshape(-1)[flat]))
        if is_bias:
            unit, factor = flat, np.ones(len(flat))
        else:
            unit, column = np.divmod(flat, params.shape[1])
            factor = self.a[k][column]  # ∂z_i/∂w_ij = a_j^(l−1)
        n = len(flat)
        rows = np.arange(n)
        Z = np.tile(self.z[k], (len(MULTIPLES) * n, 1))
        for block, multiple in enumerate(MULTIPLES):
            Z[block * n + rows, unit] += multiple * h * factor
        kink = np.zeros(n, dtype=bool)
        A = Z
        for j in range(k, net.depth):
            if j > k:
                yield True
                Z = A @ net.weights[j].T + net.biases[j]
            if net.activations[j] in KINKED:  # a unit on different sides of 0
                side = (Z > 0).reshape(len(MULTIPLES), n, -1)
                kink |= np.any(side != side[0], axis=(0, 2))
            A = _activate(net.activations[j], Z)
        plus, minus, plus2, minus2 = np.reshape(LOSSES[net.loss].value(Z, A, self.y),
                                                (len(MULTIPLES), n))
        numeric = (8.0 * (plus - minus) - (plus2 - minus2)) / (12.0 * h)
        grads = self._sampled_grads[k][is_bias][start:start + n]
        self.kinks[k] += int(np.count_nonzero(kink))
        self._analytic[k][is_bias].append(grads[~kink])
        self._numeric[k][is_bias].append(numeric[~kink])
        yield True

    def compared(self, k: int, is_bias: bool) -> tuple[np.ndarray, np.ndarray]:
        """(backprop, difference quotient) of the parameters of layer index k checked so
        far (kinks left out)."""
        def joined(parts: list[np.ndarray]) -> np.ndarray:
            return np.concatenate(parts) if parts else np.empty(0)
        return joined(self._analytic[k][is_bias]), joined(self._numeric[k][is_bias])

    def result(self) -> list[LayerCheck]:
        checks = []
        for k, (w, b) in enumerate(zip(self.network.weights, self.network.biases,
                                       strict=True)):
            (gw, nw), (gb, nb) = self.compared(k, False), self.compared(k, True)
            size = np.maximum(np.abs(np.concatenate([gw, gb])), np.abs(np.concatenate([nw, nb])))
            checks.append(LayerCheck(
                k + 1, relative_difference(gw, nw, self.floor),
                relative_difference(gb, nb, self.floor), gw.size + gb.size, w.size + b.size,
                self.kinks[k], int(np.count_nonzero(size <= self.resolution))))
        return checks


def gradient_check(network: Network, x: np.ndarray, y: np.ndarray,
                   seed: int = 0) -> list[LayerCheck]:
    """Per layer, the largest relative difference between backprop and the difference
    quotient over a seeded sample of its parameters (see GradientChecker)."""
    return GradientChecker(network, x, y, seed).run()
