"""When the live plots draw: a few stale plots per timer tick, round robin, within a budget.

While training, every plot goes stale ~30 times a second. Drawing them all at once made a
single GUI event of 50–100 ms (all seven plots drawn, then all seven painted in one
repaint of the window), freezing the window in step. Here each tick draws the next stale
plots that are shown until their estimated cost — drawing plus the painting it causes,
measured — reaches `TICK_BUDGET`, and the ticks are spaced so that the plots take at most
`SHARE` of the GUI thread. A plot that is not shown (a dock tab not raised, a closed dock)
stays stale until it is.
"""

from __future__ import annotations

import math
import time
import weakref
from typing import Protocol

from PySide6.QtCore import QObject, QTimer

FRAME_INTERVAL = 1 / 30  # s: the shortest time between two ticks
TICK_BUDGET = 0.005  # s of estimated drawing + painting per tick (at least one plot)
SHARE = 0.1  # at most this share of the GUI thread's time goes to the plots
FIRST_GUESS = 0.004  # s per plot until measured


class Plots(Protocol):
    """What the scheduler asks of the plots it draws."""

    def draw_plot(self, key: str) -> None: ...

    def plot_shown(self, key: str) -> bool: ...

    def take_paint_seconds(self, key: str) -> float:
        """The time the plot spent painting since last asked (and reset it)."""
        ...


class FrameScheduler(QObject):
    """Draws stale keys whose plots are shown, a few per timer tick, each plot's cost
    including the painting its drawing caused.

    It holds its `plots` weakly: the plots own the scheduler, and a reference cycle would
    leave both to Python's cycle collector, which may run in any thread — and a QObject
    must be deleted in its own."""

    def __init__(self, keys: tuple[str, ...], plots: Plots,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.keys = keys
        self._plots = weakref.ref(plots)
        self.stale: set[str] = set()
        self.ticks = 0  # ticks that drew something (for tests and diagnostics)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.tick)
        self._next = 0  # where the round robin goes on
        self._cost = dict.fromkeys(keys, FIRST_GUESS)
        self._drawn: dict[str, float] = {}  # key -> seconds its last draw took
        self._last_tick = -math.inf
        self._interval = FRAME_INTERVAL

    def request(self, keys: set[str] | tuple[str, ...] | None = None,
                soon: bool = False) -> None:
        """Mark `keys` (default: all) stale and make sure a tick comes: at the next frame,
        or `soon` (the next pass of the event loop, e.g. after the learner zoomed)."""
        self.stale.update(self.keys if keys is None else keys)
        self.schedule(soon)

    def schedule(self, soon: bool = False) -> None:
        if self._timer.isActive():
            if not soon or self._timer.remainingTime() == 0:
                return
            self._timer.stop()
        wait = 0.0 if soon else self._interval - (time.perf_counter() - self._last_tick)
        self._timer.start(math.ceil(max(0.0, wait) * 1000))

    def pending(self) -> list[str]:
        """Stale keys that are shown, in round-robin order."""
        plots = self._plots()
        if plots is None:
            return []
        n = len(self.keys)
        order = [self.keys[(self._next + i) % n] for i in range(n)]
        return [k for k in order if k in self.stale and plots.plot_shown(k)]

    def tick(self) -> None:
        """Draw the next due keys within the budget; come again if some are left."""
        plots = self._plots()
        if plots is None:
            return
        self._account_paint(plots)
        spent = 0.0
        drawn: dict[str, float] = {}
        for key in self.pending():
            if drawn and spent + self._cost[key] > TICK_BUDGET:
                break
            started = time.perf_counter()
            plots.draw_plot(key)
            drawn[key] = time.perf_counter() - started
            self.stale.discard(key)
            spent += max(self._cost[key], drawn[key])
            self._next = (self.keys.index(key) + 1) % len(self.keys)
        if not drawn:
            return
        self.ticks += 1
        self._drawn = drawn
        self._last_tick = time.perf_counter()
        self._interval = max(FRAME_INTERVAL, spent / SHARE)
        if self.pending():
            self.schedule()

    def _account_paint(self, plots: Plots) -> None:
        """Each key drawn in the last tick now costs its draw plus the painting it caused."""
        painted = {key: plots.take_paint_seconds(key) for key in self.keys}
        for key, seconds in self._drawn.items():
            self._cost[key] = 0.5 * self._cost[key] + 0.5 * (seconds + painted[key])
        self._drawn = {}
