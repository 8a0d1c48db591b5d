"""From a data set's labels to the network's target vectors, and from outputs back to labels.

A K-class problem is trained with one output per class (one-hot targets), except a 2-class
problem on a non-softmax output, which uses one unit whose targets are the two ends of the
output activation's range (0/1 for sigmoid, −1/1 for tanh) and whose decision threshold is
their midpoint. Regression targets are used as they are.
"""

from __future__ import annotations

import numpy as np

from fnnsim.data import Dataset
from fnnsim.engine.activations import ACTIVATIONS


def n_outputs_for(dataset: Dataset, output_activation: str) -> int:
    """How many output units this data set needs with this output activation."""
    if dataset.task == "regression":
        return dataset.n_targets
    if dataset.n_classes == 2 and output_activation != "softmax":
        return 1
    return dataset.n_classes


def encode_targets(dataset: Dataset, n_outputs: int, output_activation: str) -> np.ndarray:
    """Targets T of shape (n, n_outputs), float64."""
    if dataset.task == "regression":
        return np.ascontiguousarray(dataset.y, dtype=np.float64).reshape(len(dataset.y), -1)
    labels = dataset.y
    if n_outputs == 1:
        low, high = ACTIVATIONS[output_activation].output_range
        return np.where(labels == 1, high, low).astype(np.float64).reshape(-1, 1)
    targets = np.zeros((len(labels), n_outputs))
    targets[np.arange(len(labels)), labels] = 1.0
    return targets


def predicted_labels(outputs: np.ndarray, output_activation: str) -> np.ndarray:
    """Class labels from network outputs (n, n_outputs): threshold or argmax."""
    if outputs.shape[1] == 1:
        low, high = ACTIVATIONS[output_activation].output_range
        return (outputs[:, 0] > 0.5 * (low + high)).astype(np.int64)
    return np.argmax(outputs, axis=1)
