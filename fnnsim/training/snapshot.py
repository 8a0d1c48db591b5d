"""A copy of a run at one moment: what exports and sessions are written from."""

from __future__ import annotations

from dataclasses import dataclass

from fnnsim.config import ExperimentConfig
from fnnsim.engine.network import Network
from fnnsim.training.history import EpochHistory, SampleHistory


@dataclass(frozen=True)
class RunSnapshot:
    """Copies of what a run has produced so far, safe to write from any thread."""

    config: ExperimentConfig
    network: Network
    epochs: EpochHistory
    samples: SampleHistory
    epoch: int  # completed epochs
    samples_seen: int
