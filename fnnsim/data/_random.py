"""Turning a user's seed into an explicit `np.random.Generator` (never the global state)."""

from __future__ import annotations

import numpy as np

from fnnsim.errors import QT_TRANSLATE_NOOP, DataError

Seed = int | np.random.Generator


def as_generator(seed: Seed) -> np.random.Generator:
    """A Generator from `seed`: an int >= 0 starts a fresh PCG64 stream; a Generator is used
    as is (and advanced), so a caller can chain several random steps from one stream."""
    if isinstance(seed, np.random.Generator):
        return seed
    if isinstance(seed, (int, np.integer)) and not isinstance(seed, (bool, np.bool_)):
        if seed < 0:
            raise DataError(QT_TRANSLATE_NOOP("Errors", "{key} must be >= {minimum}, got {value}"),
                            key="seed", minimum=0, value=seed)
        return np.random.default_rng(int(seed))
    raise DataError(QT_TRANSLATE_NOOP(
        "Errors", "seed must be a non-negative integer or a numpy Generator, got {value!r}"),
        value=seed)
