"""A feedforward network of any depth, in the note's notation.

Layer 0 is the input, layer L the output. For l = 1..L (stored at index l − 1):
    W^(l) has shape (n_l, n_(l−1)): row n is node n of layer l, column m node m of layer l−1;
    z^(l) = W^(l) a^(l−1) + b^(l),   a^(l) = f_l(z^(l)),   a^(0) = x.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from fnnsim.engine.activations import ACTIVATIONS
from fnnsim.engine.initializers import INITIALIZERS, init_weights
from fnnsim.engine.losses import check_output_pair
from fnnsim.errors import ConfigError, WeightsError

MAX_WIDTH = 512


@dataclass
class Network:
    """Weights, biases, per-layer activations and the loss the output is trained with."""

    layer_sizes: list[int]  # [n_0, n_1, …, n_L]
    activations: list[str]  # f_1 … f_L; the last is the output activation
    loss: str
    weights: list[np.ndarray] = field(repr=False)
    biases: list[np.ndarray] = field(repr=False)

    def __post_init__(self) -> None:
        problem = check_architecture(self.layer_sizes, self.activations, self.loss)
        if problem:
            raise ConfigError(problem)
        self.set_parameters(self.weights, self.biases)

    @classmethod
    def create(
        cls,
        layer_sizes: list[int],
        activations: list[str],
        loss: str,
        initializer: str = "xavier_uniform",
        scale: float = 1.0,
        rng: np.random.Generator | int = 0,
    ) -> Network:
        """A network with freshly initialised weights (seeded; biases zero)."""
        if initializer not in INITIALIZERS:
            raise ConfigError(
                f"unknown initializer {initializer!r}; choose one of {', '.join(INITIALIZERS)}"
            )
        problem = check_architecture(layer_sizes, activations, loss)
        if problem:
            raise ConfigError(problem)
        rng = np.random.default_rng(rng)
        weights, biases = init_weights(list(layer_sizes), initializer, scale, rng)
        return cls(list(layer_sizes), list(activations), loss, weights, biases)

    @property
    def depth(self) -> int:
        """L: the number of layers with weights (hidden layers + output)."""
        return len(self.weights)

    @property
    def n_parameters(self) -> int:
        return sum(w.size + b.size for w, b in zip(self.weights, self.biases, strict=True))

    def set_parameters(self, weights: list[np.ndarray], biases: list[np.ndarray]) -> None:
        """Replace every W^(l) and b^(l) by float64 copies, checking each shape."""
        if len(weights) != self.depth_expected or len(biases) != self.depth_expected:
            raise WeightsError(
                f"expected {self.depth_expected} weight matrices and bias vectors, "
                f"got {len(weights)} and {len(biases)}"
            )
        new_w, new_b = [], []
        for layer, (w, b) in enumerate(zip(weights, biases, strict=True), start=1):
            w = np.array(w, dtype=np.float64, copy=True, order="C")
            b = np.array(b, dtype=np.float64, copy=True)
            shape_w = (self.layer_sizes[layer], self.layer_sizes[layer - 1])
            if w.shape != shape_w:
                raise WeightsError(f"W{layer} must have shape {shape_w}, got {w.shape}")
            if b.shape != (shape_w[0],):
                raise WeightsError(f"b{layer} must have shape {(shape_w[0],)}, got {b.shape}")
            if not (np.all(np.isfinite(w)) and np.all(np.isfinite(b))):
                raise WeightsError(f"W{layer} or b{layer} holds a NaN or infinite value")
            new_w.append(w)
            new_b.append(b)
        self.weights, self.biases = new_w, new_b

    @property
    def depth_expected(self) -> int:
        return len(self.layer_sizes) - 1

    def copy(self) -> Network:
        return Network(
            list(self.layer_sizes), list(self.activations), self.loss, self.weights, self.biases
        )

    def forward(self, x: np.ndarray) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """z^(l) for l = 1..L and a^(l) for l = 0..L (a^(0) = x) of one sample."""
        a = [np.asarray(x, dtype=np.float64)]
        zs = []
        for w, b, name in zip(self.weights, self.biases, self.activations, strict=True):
            z = w @ a[-1] + b  # z^(l) = W^(l) a^(l−1) + b^(l)
            zs.append(z)
            a.append(ACTIVATIONS[name].forward(z))  # a^(l) = f_l(z^(l))
        return zs, a

    def forward_batch(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """z^(L) and ŷ = a^(L) for a batch X of shape (n, n_0), row by row: (n, n_L) each."""
        A = np.asarray(X, dtype=np.float64)
        Z = A
        for w, b, name in zip(self.weights, self.biases, self.activations, strict=True):
            Z = A @ w.T + b
            if name == "softmax":
                E = np.exp(Z - Z.max(axis=1, keepdims=True))
                A = E / E.sum(axis=1, keepdims=True)
            else:
                A = ACTIVATIONS[name].forward(Z)
        return Z, A

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Outputs ŷ for a batch X of shape (n, n_0): (n, n_L)."""
        return self.forward_batch(X)[1]

    def parameters_finite(self) -> bool:
        return all(
            np.all(np.isfinite(w)) and np.all(np.isfinite(b))
            for w, b in zip(self.weights, self.biases, strict=True)
        )


def check_architecture(layer_sizes: list[int], activations: list[str], loss: str) -> str | None:
    """Why this architecture is invalid (one line), or None if it is fine."""
    if len(layer_sizes) < 2:
        return "a network needs at least an input and an output layer"
    for index, n in enumerate(layer_sizes):
        if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
            return f"layer {index} width must be a positive integer, got {n!r}"
        if 0 < index < len(layer_sizes) - 1 and n > MAX_WIDTH:
            return f"hidden layer {index} width must be <= {MAX_WIDTH}, got {n}"
    if len(activations) != len(layer_sizes) - 1:
        return (
            f"expected {len(layer_sizes) - 1} activations (one per layer after the input), "
            f"got {len(activations)}"
        )
    for layer, name in enumerate(activations[:-1], start=1):
        if name not in ACTIVATIONS or not ACTIVATIONS[name].hidden_ok:
            valid = ", ".join(n for n, a in ACTIVATIONS.items() if a.hidden_ok)
            return f"hidden layer {layer} activation {name!r} is not one of {valid}"
    return check_output_pair(loss, activations[-1], layer_sizes[-1])
