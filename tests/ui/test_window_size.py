"""The main window fits a small screen: 1024×640 with all its docks, and a gradient check or
an inspector step never grows it (it used to need 1268×699, and 866 px after a check)."""

from PySide6.QtWidgets import QScrollArea

from tests.ui.conftest import WAIT

SMALL = (1024, 640)


def fits(size, limit=SMALL) -> bool:
    return size.width() <= limit[0] and size.height() <= limit[1]


def test_the_window_can_be_made_1024_by_640(window, qtbot):
    assert fits(window.minimumSizeHint()), window.minimumSizeHint()
    window.resize(*SMALL)
    qtbot.waitUntil(lambda: window.size().width() == SMALL[0], timeout=WAIT)
    assert (window.width(), window.height()) == SMALL
    assert window.statusBar().geometry().bottom() < SMALL[1]  # the status bar stays in view
    # the decision boundary keeps a usable size, and the tall panels scroll
    assert window.boundary.width() >= 200 and window.boundary.height() >= 150
    network = window.docks["network"].widget()
    assert isinstance(network, QScrollArea) and network.widget() is window.network_panel


def test_a_step_and_a_gradient_check_do_not_grow_the_window(window, qtbot):
    window.resize(*SMALL)
    qtbot.wait(50)
    size = (window.width(), window.height())  # 1024×640 (or as small as it goes)
    window.docks["inspector"].raise_()
    inspector = window.inspector
    inspector.next_action.trigger()
    qtbot.waitUntil(lambda: inspector.report is not None, timeout=WAIT)
    for _ in range(5):
        inspector.next_action.trigger()
    qtbot.wait(50)
    assert (window.width(), window.height()) == size
    inspector.check_action.trigger()
    # the panel shows "checking…" at once: wait for the report itself, whose rows are
    # what could grow the window
    qtbot.waitUntil(lambda: inspector.gradient_check.report is not None, timeout=WAIT)
    assert inspector.gradient_check.isVisible() and len(inspector.gradient_check.rows) == 3
    qtbot.wait(50)
    assert (window.width(), window.height()) == size == SMALL
    assert fits(window.minimumSizeHint()), window.minimumSizeHint()
    # the inspector scrolls in its dock rather than hiding the check
    assert window.docks["inspector"].widget().widget() is inspector


def test_the_default_layout_is_unchanged_at_1280_by_800(window, qtbot):
    """The plots and panels keep their usual sizes when there is room."""
    assert (window.width(), window.height()) == (1280, 800)
    for key in ("weight_norm", "grad_norm", "update_ratio", "saturation"):
        assert window.docks[key].width() >= 230
    assert window.docks["delta_norm"].width() >= 560
    assert window.docks["network"].widget().verticalScrollBar().maximum() == 0  # no scrolling
