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
from fnnsim.errors import QT_TRANSLATE_NOOP, ConfigError, Message, WeightsError

MAX_WIDTH = 512

SHAPE_PROBLEM = QT_TRANSLATE_NOOP("Errors", "{name} must have shape {needed}, got {shape}")


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
                QT_TRANSLATE_NOOP("Errors", "unknown initializer {value!r}; choose one of "
                                  "{expected}"),
                value=initializer, expected=", ".join(INITIALIZERS),
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
                QT_TRANSLATE_NOOP("Errors", "expected {needed} weight matrices and bias vectors, "
                                  "got {found_weights} and {found_biases}"),
                needed=self.depth_expected, found_weights=len(weights),
                found_biases=len(biases),
            )
        new_w, new_b = [], []
        for layer, (w, b) in enumerate(zip(weights, biases, strict=True), start=1):
            w = np.array(w, dtype=np.float64, copy=True, order="C")
            b = np.array(b, dtype=np.float64, copy=True)
            shape_w = (self.layer_sizes[layer], self.layer_sizes[layer - 1])
            if w.shape != shape_w:
                raise WeightsError(SHAPE_PROBLEM, name=f"W{layer}", needed=shape_w,
                                   shape=w.shape)
            if b.shape != (shape_w[0],):
                raise WeightsError(SHAPE_PROBLEM, name=f"b{layer}", needed=(shape_w[0],),
                                   shape=b.shape)
            if not (np.all(np.isfinite(w)) and np.all(np.isfinite(b))):
                raise WeightsError(QT_TRANSLATE_NOOP("Errors", "W{layer} or b{layer} holds a NaN "
                                                     "or infinite value"),
                                   layer=layer)
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


def check_architecture(layer_sizes: list[int], activations: list[str],
                       loss: str) -> Message | None:
    """Why this architecture is invalid (one line, translatable), or None if it is fine."""
    if len(layer_sizes) < 2:
        return Message(QT_TRANSLATE_NOOP("Errors", "a network needs at least an input and an "
                                         "output layer"))
    for index, n in enumerate(layer_sizes):
        if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
            return Message(QT_TRANSLATE_NOOP("Errors", "layer {layer} width must be a positive "
                                             "integer, got {value!r}"),
                           layer=index, value=n)
        if 0 < index < len(layer_sizes) - 1 and n > MAX_WIDTH:
            return Message(QT_TRANSLATE_NOOP("Errors", "hidden layer {layer} width must be <= "
                                             "{limit}, got {value}"),
                           layer=index, limit=MAX_WIDTH, value=n)
    if len(activations) != len(layer_sizes) - 1:
        return Message(
            QT_TRANSLATE_NOOP("Errors", "expected {needed} activations (one per layer after "
                              "the input), got {found}"),
            needed=len(layer_sizes) - 1, found=len(activations),
        )
    for layer, name in enumerate(activations[:-1], start=1):
        if name not in ACTIVATIONS or not ACTIVATIONS[name].hidden_ok:
            valid = ", ".join(n for n, a in ACTIVATIONS.items() if a.hidden_ok)
            return Message(QT_TRANSLATE_NOOP("Errors", "hidden layer {layer} activation "
                                             "{name!r} is not one of {expected}"),
                           layer=layer, name=name, expected=valid)
    return check_output_pair(loss, activations[-1], layer_sizes[-1])
