"""Python's cycle collector runs in the GUI thread only, once a window exists (a collection
in the worker could destroy Qt objects there and hang the window)."""

import gc
import threading

from tests.ui.conftest import WAIT


def test_collections_happen_only_in_the_gui_thread(qtbot, window):
    assert not gc.isenabled()
    threads = []

    def seen(phase, info):
        if phase == "start":
            threads.append(threading.current_thread().name)

    gc.callbacks.append(seen)
    try:
        before = window.controller.worker.trainer.samples_seen
        window.controller.send("step_samples", 3000)  # the worker allocates plenty
        qtbot.waitUntil(lambda: window.controller.worker.trainer.samples_seen == before + 3000,
                        timeout=WAIT)
        cycles = [[] for _ in range(2000)]  # and so do we: past gen 0's threshold
        for c in cycles:
            c.append(c)
        del cycles
        qtbot.waitUntil(lambda: len(threads) > 0, timeout=WAIT)
    finally:
        gc.callbacks.remove(seen)
    assert set(threads) == {threading.main_thread().name}
