"""Fixtures shared by the run-loop and controller tests."""

import pytest

from fnnsim.config import ExperimentConfig, LayerConfig


@pytest.fixture
def config():
    c = ExperimentConfig()
    c.network.hidden = [LayerConfig(3, "tanh")]
    c.data.source, c.data.n_samples = "xor", 40
    c.training.engine = "reference"
    return c.validate()
