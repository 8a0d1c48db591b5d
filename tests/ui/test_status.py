"""The status bar shows every number without making the main window lay itself out again."""

import numpy as np
from PySide6.QtCore import QEvent, QObject

from fnnsim.engine.metrics import MetricBatch
from fnnsim.training.history import EpochRecord
from fnnsim.training.qt_controller import TrainingUpdate


def update(samples: int, rate: float, loss: float) -> TrainingUpdate:
    record = EpochRecord(samples // 320, samples, loss, 0.9, loss * 1.1, 0.85, 0.03,
                         np.zeros(3))
    return TrainingUpdate(
        first_sample=samples, metrics=MetricBatch.empty(0, 3), epochs=[record],
        epoch=samples // 320, position=samples % 320, samples_seen=samples,
        samples_per_second=rate, weights=[], biases=[], state="playing")


class LayoutRequests(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


def test_updates_do_not_relayout_the_status_bar(qtbot, window):
    status = window.status
    status.show_update(update(1_234, 9_876.0, 0.4123))  # the first texts size the labels
    qtbot.wait(50)
    requests = LayoutRequests()  # a label that changes size asks the status bar, which
    status.installEventFilter(requests)  # then asks the whole window
    for k in range(30):  # numbers change, as 30 updates a second do, without growing
        status.show_update(update(1_300 + 7 * k, 9_000.0 + 31 * k, 0.4 - 0.001 * k))
        qtbot.wait(1)
    qtbot.wait(50)
    assert requests.count == 0
    assert "1,503 in all" in status.sample_label.text()


def test_a_longer_text_widens_its_label_and_fits(qtbot, window):
    status = window.status
    status.show_update(update(12, 10.0, 0.5))
    narrow = status.sample_label.width()
    status.show_update(update(123_456_789_012, 1.5e6, 0.5))
    qtbot.wait(50)
    label = status.sample_label
    assert label.width() > narrow
    assert label.width() >= label.fontMetrics().horizontalAdvance(label.text())
    assert "123,456,789,012 in all" in label.text()
