"""The diagram's colours, as TF Playground draws them: blue for negative, orange for positive.

One diverging scale serves node values (a, z or δ), per-unit maps and weights, so the same
hue always means the same sign. A value is coloured by where it sits between `centre − scale`
and `centre + scale`; the centre of an activation's colour is f(0) (0.5 for sigmoid and
softmax, 0 otherwise), so a white unit is one whose z is 0.

Weights are drawn with one of a few dozen cached pens (sign × |w| level): setting a pen that
is already there is cheap, so a redraw touches only the edges whose level changed.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen

from fnnsim.ui.plots.palette import LIGHT, Theme, blend

NEGATIVE = "#0877bd"  # TF Playground's blue
POSITIVE = "#f59322"  # … and orange
STEPS = 64  # colour steps on each side of the centre
WIDTH_PER_UNIT = 2.3  # px of line width per unit of |w|, above a hairline for w = 0
MIN_WIDTH, MAX_WIDTH = 0.5, 6.0
WEIGHT_LEVELS = 48  # distinct |w| levels of the cached pens
# a unit's activation is coloured relative to f(0) and half the range of f, when bounded
BOUNDED = {"sigmoid": (0.5, 0.5), "softmax": (0.5, 0.5), "tanh": (0.0, 1.0)}


def neutral_color(theme: Theme) -> QColor:
    """The colour of 0: a light grey on a light theme, a dark grey on a dark one."""
    return blend(theme.background, theme.foreground, 0.1)


class Diverging:
    """Blue ← neutral → orange, as a lookup table of 2·STEPS + 1 colours."""

    def __init__(self, theme: Theme = LIGHT) -> None:
        mid = neutral_color(theme)
        ramp = np.linspace(0.0, 1.0, STEPS + 1)
        ends = [np.array(QColor(c).getRgb()[:3], float) for c in (NEGATIVE, POSITIVE)]
        centre = np.array(mid.getRgb()[:3], float)
        negative = centre + (ends[0] - centre) * ramp[::-1, None]
        positive = centre + (ends[1] - centre) * ramp[1:, None]
        self.table = np.round(np.vstack([negative, positive])).astype(np.uint8)
        self._colors = [QColor(*(int(v) for v in rgb)) for rgb in self.table]

    def index(self, values: np.ndarray, centre: float, scale: float) -> np.ndarray:
        """Row of the table for each value (NaN → the centre)."""
        with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
            t = np.clip((np.asarray(values, float) - centre) / scale, -1.0, 1.0)
        t = np.where(np.isnan(t), 0.0, t)  # (np.nan_to_num costs ~10× more on small arrays)
        return np.round((t + 1.0) * STEPS).astype(np.intp)

    def color(self, value: float, centre: float = 0.0, scale: float = 1.0) -> QColor:
        return self._colors[int(self.index(np.array([value]), centre, scale)[0])]

    def colors(self, values: np.ndarray, centre: float, scale: float) -> list[QColor]:
        return [self._colors[i] for i in self.index(values, centre, scale)]

    def rgba(self, values: np.ndarray, centre: float, scale: float) -> np.ndarray:
        """An RGBA uint8 array of the values' shape + (4,), for images."""
        rgb = self.table[self.index(values, centre, scale)]
        out = np.full((*rgb.shape[:-1], 4), 255, np.uint8)
        out[..., :3] = rgb
        return out


def value_scale(activation: str | None, values: np.ndarray) -> tuple[float, float]:
    """(centre, scale) for colouring a layer's values: f's own range when it is bounded,
    else the largest |value| (so ReLU and linear units use the whole scale)."""
    if activation in BOUNDED:
        return BOUNDED[activation]
    finite = np.abs(values[np.isfinite(values)]) if np.size(values) else np.zeros(0)
    return 0.0, float(max(finite.max(initial=0.0), 1e-12))


class EdgePens:
    """Cached pens for weights: colour = sign, width and strength ∝ |w| (clamped)."""

    def __init__(self, theme: Theme = LIGHT) -> None:
        mid = neutral_color(theme)
        self.cap = (MAX_WIDTH - MIN_WIDTH) / WIDTH_PER_UNIT  # |w| at which the width stops growing
        self._pens: dict[float, QPen] = {}
        for sign, hue in ((-1, NEGATIVE), (1, POSITIVE)):
            for level in range(WEIGHT_LEVELS + 1):
                share = level / WEIGHT_LEVELS
                pen = QPen(blend(mid, hue, 0.35 + 0.65 * share))
                pen.setWidthF(MIN_WIDTH + share * (MAX_WIDTH - MIN_WIDTH))
                pen.setCapStyle(Qt.PenCapStyle.FlatCap)
                pen.setCosmetic(True)
                self._pens[float(sign * (level or 0.5))] = pen

    def levels(self, weights: np.ndarray) -> np.ndarray:
        """A signed level per weight: ±1..±WEIGHT_LEVELS, or ±0.5 for a (near) zero."""
        w = np.asarray(weights, float)
        size = np.abs(w)
        size = np.where(np.isnan(size), 0.0, np.minimum(size, self.cap))  # ±inf → the cap
        level = np.round(size / self.cap * WEIGHT_LEVELS)
        sign = np.where(w < 0, -1.0, 1.0)
        return np.where(level == 0, 0.5, level) * sign

    def pen(self, level: float) -> QPen:
        return self._pens[float(level)]
