"""From an ExperimentConfig to the data sets, the network and a ready Trainer.

Each random stream (data, initial weights, shuffling) is seeded from the experiment seed
and its own stream number, so changing one never shifts another, and the same config
always gives the same run.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from fnnsim.config import ExperimentConfig
from fnnsim.data import Dataset, Standardizer, generate, load_csv, train_val_split
from fnnsim.engine.network import Network
from fnnsim.engine.sgd import SGDSettings
from fnnsim.errors import Message
from fnnsim.training.backend import Backend, select_backend
from fnnsim.training.targets import n_outputs_for
from fnnsim.training.trainer import Trainer

STREAM_DATA, STREAM_SPLIT, STREAM_INIT, STREAM_SHUFFLE = 1, 2, 3, 4


def rng_for(seed: int, stream: int) -> np.random.Generator:
    return np.random.default_rng([seed, stream])


@dataclass(frozen=True)
class DataSplit:
    train: Dataset
    val: Dataset
    standardizer: Standardizer | None  # fitted on the training part only


def build_data(config: ExperimentConfig) -> DataSplit:
    d = config.data
    seed = config.seed if d.seed is None else d.seed
    if d.source == "csv":
        assert d.path is not None
        full = load_csv(d.path, target=d.target, features=d.features, task=d.task)
    else:
        full = generate(d.source, d.n_samples, d.noise, rng_for(seed, STREAM_DATA), **d.params)
    train, val = train_val_split(full, d.val_fraction, rng_for(seed, STREAM_SPLIT))
    if not d.standardize:
        return DataSplit(train, val, None)
    scaler = Standardizer.fit(train.X)
    return DataSplit(scaler.apply(train), scaler.apply(val), scaler)


def layer_sizes_for(config: ExperimentConfig, data: Dataset) -> list[int]:
    n = config.network
    n_out = n_outputs_for(data, n.output_activation)
    return [data.n_features, *(layer.units for layer in n.hidden), n_out]


def build_network(config: ExperimentConfig, data: Dataset) -> Network:
    """The network with its initial weights, exactly reproducible from the config."""
    n = config.network
    seed = config.seed if n.seed is None else n.seed
    return Network.create(
        layer_sizes_for(config, data),
        [layer.activation for layer in n.hidden] + [n.output_activation],
        n.loss, n.initializer, n.init_scale, rng_for(seed, STREAM_INIT),
    )


def sgd_settings(config: ExperimentConfig) -> SGDSettings:
    t = config.training
    return SGDSettings(t.learning_rate, t.l2, t.l1, t.clip_mode, t.clip_threshold)


def build_trainer(
    config: ExperimentConfig,
    data: DataSplit | None = None,
    network: Network | None = None,
    backend: Backend | None = None,
) -> tuple[Trainer, Message | None]:
    """A Trainer for this config, and why the fast path is not used (None if it is)."""
    data = data or build_data(config)
    network = network or build_network(config, data.train)
    reason = None
    if backend is None:
        backend, reason = select_backend(config.training.engine)
    t = config.training
    trainer = Trainer(
        network, data.train, data.val, sgd_settings(config),
        shuffle=t.shuffle, seed=rng_for(config.seed, STREAM_SHUFFLE),
        patience=t.patience if t.early_stopping else None,
        max_epochs=t.epochs, backend=backend,
    )
    return trainer, reason
