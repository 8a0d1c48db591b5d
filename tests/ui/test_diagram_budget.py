"""The network diagram's redraw budget: throttled redraws are spaced by what they cost.

Costs are faked (a clock the test moves, painting added by hand), never measured: the
tests check what the throttle decides, not how fast anything is.
"""

import types

import numpy as np
import pytest

pytest.importorskip("PySide6")

from fnnsim.engine.network import Network
from fnnsim.ui.diagram import widget as diagram_widget
from fnnsim.ui.diagram.widget import MIN_INTERVAL, SHARE

WAIT = 20_000


class Clock:
    """A perf_counter that moves only when told to (or by a redraw's fake cost)."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    c = Clock()
    monkeypatch.setattr(diagram_widget, "time", types.SimpleNamespace(perf_counter=c))
    return c


@pytest.fixture
def net():
    return Network.create([2, 3, 2], ["tanh", "sigmoid"], "mse", rng=0)


def costly_redraws(diagram, clock, seconds: float) -> list[float]:
    """Each redraw takes `seconds` on the fake clock; returns the fake times of the redraws."""
    draws: list[float] = []
    update = diagram.scene.update_edges

    def slow_update(weights):
        clock.now += seconds
        draws.append(clock.now)
        update(weights)

    diagram.scene.update_edges = slow_update
    return draws


def redraw_at_rest(diagram, clock, net, painted: float, times: int = 4) -> None:
    """Throttled redraws long apart, each after `painted` s of painting the last one."""
    for _ in range(times):
        diagram.view.take_paint_seconds()  # forget the real (offscreen) painting
        diagram.view.paint_seconds = painted
        clock.now += 100.0
        diagram.set_network(net)


def test_costly_redraws_are_spaced_by_their_cost_over_the_share(qtbot, diagram, clock, net):
    draws = costly_redraws(diagram, clock, 0.01)
    redraw_at_rest(diagram, clock, net, painted=0.02)
    assert len(draws) == 4  # long apart: each at once
    spacing = (0.01 + 0.02) / SHARE  # the painting counts: 0.01 / SHARE alone is shorter
    assert diagram.redraw_interval == pytest.approx(spacing)
    assert spacing > MIN_INTERVAL
    last = draws[-1]
    clock.now = last + 0.9 * spacing
    diagram.set_network(net)  # too soon: the redraw waits for the rest of the spacing
    assert len(draws) == 4 and diagram._timer.isActive()
    assert diagram._timer.interval() >= 1000 * 0.1 * spacing - 1
    assert diagram._timer.interval() <= 1000 * 0.1 * spacing + 2
    qtbot.waitUntil(lambda: len(draws) == 5, timeout=WAIT)  # … and then comes
    clock.now = draws[-1] + diagram.redraw_interval + 1e-6
    diagram.set_network(net)  # a full spacing later: at once
    assert len(draws) == 6


def test_cheap_redraws_keep_the_minimum_interval(diagram, clock, net):
    draws = costly_redraws(diagram, clock, 0.001)
    redraw_at_rest(diagram, clock, net, painted=0.001)
    assert 0.002 / SHARE < MIN_INTERVAL
    assert diagram.redraw_interval == MIN_INTERVAL
    clock.now = draws[-1] + 0.9 * MIN_INTERVAL
    diagram.set_network(net)
    assert len(draws) == 4 and diagram._timer.isActive()
    diagram._timer.stop()
    clock.now = draws[-1] + MIN_INTERVAL + 1e-6
    diagram.set_network(net)
    assert len(draws) == 5


def test_the_cost_is_smoothed_so_one_slow_redraw_does_not_stall_the_diagram(diagram, clock,
                                                                            net):
    costly_redraws(diagram, clock, 0.0)
    redraw_at_rest(diagram, clock, net, painted=0.01)
    assert diagram.redraw_interval == pytest.approx(0.01 / SHARE)
    redraw_at_rest(diagram, clock, net, painted=0.05, times=1)  # one slow paint
    assert diagram.redraw_interval == pytest.approx(0.03 / SHARE)
    redraw_at_rest(diagram, clock, net, painted=0.01, times=1)
    assert diagram.redraw_interval == pytest.approx(0.02 / SHARE)


def test_explicit_refreshes_stay_immediate_however_costly(diagram, clock, net):
    draws = costly_redraws(diagram, clock, 0.02)
    redraw_at_rest(diagram, clock, net, painted=0.02)
    assert diagram.redraw_interval == pytest.approx(0.04 / SHARE)
    changed = net.copy()
    changed.weights[0][:] = -np.abs(changed.weights[0]) - 0.5
    clock.now = draws[-1] + 0.01
    diagram.set_network(changed)  # throttled: waits
    assert len(draws) == 4 and diagram._timer.isActive()
    diagram.refresh()  # an edit, a step, a toggle: now
    assert len(draws) == 5 and not diagram._timer.isActive()
    assert all(e.pen().color().blue() > e.pen().color().red() for e in diagram.edges(1))
    diagram.set_sample(np.array([0.3, -0.2]))
    diagram.refresh(maps=False)
    assert len(draws) == 6


def test_only_the_paint_a_throttled_redraw_causes_is_charged(qtbot, diagram, net):
    """Painting for hovering, stepping or edits is not the throttle's: charged, it made the
    spacing grow with itself (seconds without a redraw after using the inspector)."""
    diagram.set_network(net)  # a throttled redraw: its paint is charged
    diagram.view.viewport().repaint()
    assert diagram.view.take_paint_seconds() > 0.0
    for _ in range(3):  # explicit refreshes (a step, an edit) and their paint
        diagram.refresh()
        diagram.view.viewport().repaint()
    assert diagram.view.take_paint_seconds() == 0.0
    diagram.view.charge_next_paint()  # as a throttled redraw does
    diagram.view.viewport().repaint()
    charged = diagram.view.paint_seconds
    assert charged > 0.0
    diagram.view.viewport().repaint()  # the next paint (e.g. hover) is not
    assert diagram.view.paint_seconds == charged
    assert diagram.view.take_paint_seconds() == charged and diagram.view.paint_seconds == 0.0


def test_however_costly_the_diagram_follows_training_once_a_second(diagram, clock, net):
    costly_redraws(diagram, clock, 0.5)
    redraw_at_rest(diagram, clock, net, painted=0.5)
    assert diagram.redraw_interval == diagram_widget.MAX_INTERVAL


def test_stale_unit_maps_wait_for_the_spacing_too(qtbot, diagram, clock, net):
    """A redraw sooner than MAP_INTERVAL after the maps leaves them stale, with a timer to
    recompute them: that timer asks for a throttled redraw, it does not redraw at once."""
    draws = costly_redraws(diagram, clock, 0.0)
    redraw_at_rest(diagram, clock, net, painted=0.008)  # 0.16 s apart: maps every 0.25 s
    assert MIN_INTERVAL < diagram.redraw_interval < diagram_widget.MAP_INTERVAL
    clock.now = draws[-1] + diagram.redraw_interval + 1e-6
    diagram.set_network(net)
    assert len(draws) == 5 and diagram._map_timer.isActive()  # maps not due yet
    diagram.redraw_interval = 100.0  # (as if that redraw had been costly)
    qtbot.waitUntil(lambda: not diagram._map_timer.isActive(), timeout=WAIT)
    assert len(draws) == 5  # not redrawn by the maps' timer …
    assert diagram._timer.isActive() and diagram._timer.interval() >= 99_000  # … but spaced
