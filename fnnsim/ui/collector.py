"""Python's cycle collector, run by the GUI thread only.

Left automatic, the collector runs in whichever thread happens to allocate when a
threshold is crossed — often the training worker. If it then frees a cycle that holds a
Qt object (pyqtgraph's ViewBox menus are such cycles), Qt destroys that object in the
wrong thread: the worker blocks on a Qt mutex, the GUI thread waits for the GIL, and
the window hangs (seen in the UI tests: main thread in ~QObject on a mutex, worker in
gc_collect_main → ~QMenu → waiting for the GIL). So automatic collection is switched off
and the GUI thread collects on a timer, with the same generation thresholds — the
approach of pyqtgraph.util.garbage_collector.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer

INTERVAL_MS = 500


class MainThreadCollector(QObject):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.collect)
        self.timer.start(INTERVAL_MS)

    def collect(self) -> None:
        """Collect the generations whose counts passed their thresholds, as gc would."""
        counts = gc.get_count()
        for generation in range(3):
            if counts[generation] <= self.threshold[generation]:
                break
            gc.collect(generation)


def collect_in_gui_thread() -> MainThreadCollector:
    """Install the collector once per application (call from the GUI thread)."""
    app = QCoreApplication.instance()
    assert app is not None and QThread.currentThread() is app.thread()
    existing = app.findChild(MainThreadCollector)
    return existing if existing is not None else MainThreadCollector(app)
