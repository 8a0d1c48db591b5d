"""Guards on the Qt stack itself (ENVIRONMENT.md): the PySide6 pin and the None refcount bug."""

import os
import sys

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def test_pyside6_is_not_the_release_that_crashes_on_python_311():
    import PySide6

    version = tuple(int(p) for p in PySide6.__version__.split(".")[:2])
    if sys.version_info < (3, 12):
        assert version < (6, 12), f"PySide6 {PySide6.__version__} crashes on Python 3.11"


def test_many_none_returning_binding_calls_do_not_drop_none():
    """PySide6 6.12.0 on 3.11 drops a reference to None on each such call and the process
    dies with `none_dealloc` after enough of them; 100k calls would bring that on."""
    QObject = pytest.importorskip("PySide6.QtCore").QObject
    obj = QObject()
    before = sys.getrefcount(None)
    for _ in range(100_000):
        assert obj.parent() is None
    assert sys.getrefcount(None) >= before - 1000
