"""GUI event-loop latency while training at full speed with every plot redrawing.

A 10 ms QTimer in the GUI thread records how late each tick fires while the real main
window trains at full speed (worker thread) and shows it as a learner would see it: every
update goes to the plots, the decision boundary and the status bar, which redraw as often
as they choose to. Prints p50/p99/max delay and the training speed, as a ratio to the same
engine training headless in this process, measured just before and just after the window
runs (the machine is noisy; the ratio is what to compare). `--events` also lists the GUI
thread's longest events and where its time went (timing every event costs a little: use
it to find out why, not for the numbers).

    QT_QPA_PLATFORM=offscreen python bench/gui_latency.py [--seconds 10] [--preset NAME]
        [--events] [--reference]

`--reference` first trains a run A for as long, pins it (Train → Pin run as reference) and
then measures run B with A's curves in every plot: compare with a run without it.

Presets: spiral (2-16-16-1 tanh), deep_sigmoid (10 sigmoid hidden layers), xor, …

Target (issue #4): p99 <= 16 ms at >= 80 % of the headless speed.
"""

from __future__ import annotations

import argparse
import collections
import gc
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("PYQTGRAPH_QT_LIB", "PySide6")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from fnnsim.config import load_config  # noqa: E402
from fnnsim.training.experiment import build_trainer  # noqa: E402
from fnnsim.ui.app import freeze_startup_objects, make_application  # noqa: E402


def headless_rate(config, seconds: float) -> tuple[float, str]:
    """Samples/s of the same config trained headless in this process, in big chunks."""
    trainer, _ = build_trainer(config)
    trainer.max_epochs = None
    trainer.train_samples(2000)  # warm up (compile/cache load)
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        done += len(trainer.train_samples(20_000))
    return done / (time.perf_counter() - started), trainer.backend.name


class TimedApplication(QApplication):
    """Times every event the GUI thread handles (outermost only), when `timing` is on."""

    timing = False

    def __init__(self, argv: list[str]) -> None:
        super().__init__(argv)
        self.depth = 0
        self.total: collections.Counter[str] = collections.Counter()
        self.longest: list[tuple[float, str]] = []

    def notify(self, receiver: QObject, event: QEvent) -> bool:
        if not self.timing or self.depth:
            self.depth += 1
            try:
                return super().notify(receiver, event)
            finally:
                self.depth -= 1
        self.depth += 1
        started = time.perf_counter()
        try:
            return super().notify(receiver, event)
        finally:
            self.depth -= 1
            ms = (time.perf_counter() - started) * 1000
            kind = f"{type(receiver).__name__} {event.type().name}"
            self.total[kind] += ms
            if ms > 8:
                self.longest.append((ms, kind))


class CollectorPauses:
    """How long each of Python's cycle collections took (ms), by generation."""

    def __init__(self) -> None:
        self.pauses: dict[int, list[float]] = collections.defaultdict(list)
        self._started = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            ms = (time.perf_counter() - self._started) * 1000
            self.pauses[info["generation"]].append(ms)

    def summary(self) -> str:
        return ", ".join(f"gen {g}: {len(p)}× (longest {max(p):.1f} ms)"
                         for g, p in sorted(self.pauses.items())) or "none"


def pin_reference(app, window, seconds: float) -> None:
    """Train run A at full speed for `seconds`, pin it, and wait for run B to start."""
    window.actions_.play.setChecked(True)
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.01)
    window.actions_.pin_reference.trigger()
    while window.plots.reference() is None or (
            window.controller.worker.trainer.samples_seen != 0):
        app.processEvents()
        time.sleep(0.01)
    print(f"pinned run A: {window.compare.pinned.samples_seen:,} samples")


def gui_run(config, seconds: float, events: bool = False, reference: bool = False
            ) -> tuple[list[float], float, int, CollectorPauses]:
    """Tick delays (ms) while the window trains at full speed; samples/s; updates seen;
    the cycle collector's pauses meanwhile (any thread)."""
    from fnnsim.ui.main_window import MainWindow

    if events and QApplication.instance() is None:
        TimedApplication([sys.argv[0]])
    app = make_application()
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "bench.ini"), QSettings.Format.IniFormat)
    window = MainWindow(config, settings)
    window.show()
    window.actions_.speed.setCurrentIndex(0)  # full speed
    for _ in range(20):
        app.processEvents()
    deadline = time.perf_counter() + 60  # a busy machine may take a while to build the run
    while window.controller.worker.trainer is None and time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.01)
    if reference:
        pin_reference(app, window, seconds)
    freeze_startup_objects()  # as run_app does
    counts = {"updates": 0, "samples": 0}
    window.controller.updated.connect(lambda u: counts.__setitem__("updates",
                                                                   counts["updates"] + 1))
    delays: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        delays.append(max(0.0, (now - last[0]) * 1000 - 10.0))
        last[0] = now

    timer = QTimer()
    timer.setInterval(10)
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.timeout.connect(tick)
    window.actions_.play.setChecked(True)
    for _ in range(50):  # let the worker reach full speed before measuring
        app.processEvents()
        time.sleep(0.01)
    start_samples = window.controller.worker.trainer.samples_seen
    started = time.perf_counter()
    last[0] = started
    timer.start()
    QTimer.singleShot(int(seconds * 1000), app.quit)
    if isinstance(app, TimedApplication):
        app.timing = True
    collector = CollectorPauses()
    gc.callbacks.append(collector)
    app.exec()
    gc.callbacks.remove(collector)
    if isinstance(app, TimedApplication):
        app.timing = False
    timer.stop()
    elapsed = time.perf_counter() - started
    samples = window.controller.worker.trainer.samples_seen - start_samples
    if window.plots.reference() is not None:
        print(f"A's curves computed {window.plots.reference().draws} times in all "
              f"(live plots drawn {window.plots.frames} times)")
    window.close()
    if isinstance(app, TimedApplication):
        print_events(app, elapsed)
    return delays, samples / elapsed, counts["updates"], collector


def print_events(app: TimedApplication, elapsed: float) -> None:
    busy = sum(app.total.values()) / elapsed
    print(f"GUI thread busy {busy:.0f} ms/s; by receiver and event type (ms/s):")
    for kind, ms in app.total.most_common(8):
        print(f"  {ms / elapsed:6.1f}  {kind}")
    longest = sorted(app.longest, reverse=True)[:8]
    print("longest events (ms): " + ", ".join(f"{ms:.0f} {kind}" for ms, kind in longest))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--preset", default="spiral",
                        help="a preset in resources/presets, e.g. spiral, deep_sigmoid")
    parser.add_argument("--events", action="store_true",
                        help="also time every GUI event: where the GUI thread's time goes")
    parser.add_argument("--reference", action="store_true",
                        help="measure with a pinned run A (trained as long) in every plot")
    args = parser.parse_args()
    config = load_config(ROOT / "resources" / "presets" / f"{args.preset}.json")
    config.training.epochs = 10**9
    # headless just before and just after the window, so that a machine whose speed drifts
    # (other work on it) skews the ratio less
    before, engine = headless_rate(config, min(args.seconds, 5.0) / 2)
    delays, rate, updates, collector = gui_run(config, args.seconds, args.events,
                                               args.reference)
    after, _ = headless_rate(config, min(args.seconds, 5.0) / 2)
    headless = (before + after) / 2
    print(f"preset {args.preset}{' with a reference run' if args.reference else ''}, "
          f"engine {engine}, {args.seconds:.0f} s training in the window "
          f"({updates} updates, {updates / args.seconds:.0f}/s)")
    print(f"event-loop delay of a 10 ms timer: p50 {statistics.median(delays):.1f} ms, "
          f"p99 {percentile(delays, 0.99):.1f} ms, max {max(delays):.1f} ms "
          f"({len(delays)} ticks)")
    print(f"cycle collections meanwhile: {collector.summary()}")
    print(f"training: {rate:,.0f} samples/s in the window vs {headless:,.0f} headless "
          f"({before:,.0f} before, {after:,.0f} after) = {rate / headless:.0%}")


if __name__ == "__main__":
    main()
