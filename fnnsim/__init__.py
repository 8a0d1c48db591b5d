"""fnnsim: a simulator of gradient dynamics in feedforward neural networks."""

__version__ = "0.1.0"
