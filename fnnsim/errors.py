"""Errors a user can cause.

Every exception here is a *user* error: the GUI shows its message in a dialog and the CLI
prints it on one line with a non-zero exit code. Programming errors stay ordinary
exceptions (and tracebacks).
"""

from __future__ import annotations


class FnnsimError(Exception):
    """Base class of every error a user can cause (bad value, bad file, divergence)."""


class ConfigError(FnnsimError, ValueError):
    """An experiment configuration is invalid (bad value, unknown key, wrong type)."""


class DataError(FnnsimError, ValueError):
    """A data set cannot be built or read (bad CSV, bad generator parameters)."""


class WeightsError(FnnsimError, ValueError):
    """Given weights do not fit the network (missing array, wrong shape)."""


class DivergenceError(FnnsimError, ArithmeticError):
    """Training produced a non-finite loss or weight; the last finite weights are kept.

    `epoch` and `sample` (1-based) say where, when the run loop knows: the window words the
    message in the learner's language from them (the message itself is English)."""

    def __init__(self, message: str, epoch: int | None = None,
                 sample: int | None = None) -> None:
        super().__init__(message)
        self.epoch, self.sample = epoch, sample


class SessionError(FnnsimError, ValueError):
    """A session file cannot be read (not a session, damaged, wrong version, inconsistent)
    or written."""
