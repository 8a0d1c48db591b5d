"""A copy of a run at one moment: what exports and sessions are written from."""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass

from fnnsim.config import ExperimentConfig
from fnnsim.engine.network import Network
from fnnsim.training.backend import Backend
from fnnsim.training.experiment import DataSplit
from fnnsim.training.history import EpochHistory, SampleHistory
from fnnsim.training.trainer import Trainer, TrainerState


@dataclass(frozen=True)
class RunSnapshot:
    """Copies of what a run has produced so far, safe to write from any thread."""

    config: ExperimentConfig
    network: Network
    epochs: EpochHistory
    samples: SampleHistory
    epoch: int  # completed epochs
    samples_seen: int


@dataclass(frozen=True)
class SessionState:
    """A whole run at a sample boundary (copies): the config, the data it trains on, the
    initial and current weights and the trainer's state. What a session file holds;
    `build_trainer` goes on from it exactly."""

    config: ExperimentConfig
    data: DataSplit
    initial: Network  # the weights the run started from
    network: Network  # the weights now
    trainer: TrainerState

    @classmethod
    def capture(cls, config: ExperimentConfig, data: DataSplit, initial: Network,
                trainer: Trainer) -> SessionState:
        """Copies of `trainer`'s run (call between two training calls). The config's
        training section is set to the live settings, so it shows what really trains."""
        state = trainer.state()
        return cls(live_config(config, state), data, initial.copy(), trainer.network.copy(),
                   state)

    def build_trainer(self, backend: Backend | None = None) -> Trainer:
        """A Trainer that goes on exactly where the captured one stood (ValueError or
        WeightsError if the parts do not fit together)."""
        t = self.trainer
        trainer = Trainer(self.network.copy(), self.data.train, self.data.val, t.settings,
                          shuffle=t.shuffle, patience=t.patience, max_epochs=t.max_epochs,
                          backend=backend, recent_samples=t.samples.recent)
        trainer.restore(t)
        return trainer

    @property
    def samples_seen(self) -> int:
        return self.trainer.samples.total


def live_config(config: ExperimentConfig, state: TrainerState) -> ExperimentConfig:
    """`config` with its training section as the trainer runs now (live edits included);
    a value the trainer has switched off (patience, epoch limit) keeps the config's."""
    s, training = state.settings, config.training
    training = dataclasses.replace(
        training, learning_rate=s.learning_rate, l2=s.l2, l1=s.l1, clip_mode=s.clip_mode,
        clip_threshold=s.clip_threshold,
        early_stopping=state.patience is not None and config.data.val_fraction > 0,
        patience=state.patience if state.patience is not None else training.patience,
        epochs=state.max_epochs if state.max_epochs is not None else training.epochs)
    config = copy.deepcopy(config)
    config.training = training
    return config
