"""`fnnsim --smoke-test`: prove an installed or bundled app works, without a person.

Opens the real main window (offscreen is fine) on a shipped preset, plays it at full
speed for about a second, and exits 0 once the worker has trained at least MIN_SAMPLES
samples — so the Qt plugins, the shipped resources, the Help → Scenarios presets and an
engine (the compiled fast path, or the reference fallback) all loaded — and the shipped
Chinese translation translates. Anything else
prints one line and exits 1. The user's remembered settings are not touched.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer

from fnnsim.config import load_config
from fnnsim.errors import FnnsimError
from fnnsim.resources import presets_dir
from fnnsim.training.qt_controller import TrainingUpdate
from fnnsim.ui.actions import SPEEDS
from fnnsim.ui.app import make_application

PRESET = "spiral.json"
MIN_SAMPLES = 300
PLAY_SECONDS = 1.0
DEADLINE_SECONDS = 180.0  # a cold Numba cache compiles for ~10-60 s before the first sample
POLL_MS = 100


def translation_check() -> str:
    """"" if the shipped Chinese translation loads and translates, else what went wrong."""
    from PySide6.QtCore import QCoreApplication

    from fnnsim.ui.i18n import install_translators, uninstall

    try:
        language = install_translators("zh_CN")
        text = QCoreApplication.translate("MainWindow", "&File")
    finally:
        uninstall()
    if language != "zh_CN" or text == "&File":
        return "the zh_CN translation did not load (resources/i18n missing from the app?)"
    return ""


def run_smoke_test() -> int:
    make_application()  # named, with the icon; before any widget
    from fnnsim.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory(prefix="fnnsim-smoke-") as folder:
        settings = QSettings(str(Path(folder) / "fnnsim.ini"), QSettings.Format.IniFormat)
        try:
            config = load_config(presets_dir() / PRESET)
        except FnnsimError as exc:
            print(f"fnnsim smoke test: {exc}", file=sys.stderr)
            return 1
        window = MainWindow(config, settings)
        seen = {"samples": 0, "engine": "?", "note": "", "problem": ""}

        def on_update(update: TrainingUpdate) -> None:
            seen["samples"] = max(seen["samples"], update.samples_seen)

        def on_engine(name: str, reason: str) -> None:
            seen["engine"], seen["note"] = name, reason

        window.controller.updated.connect(on_update)
        window.controller.engine_reported.connect(on_engine)
        window.controller.problem_reported.connect(lambda text: seen.update(problem=text))
        window.show()
        window.actions_.speed.setCurrentIndex(next(
            i for i, (_, rate) in enumerate(SPEEDS) if rate is None))
        window.actions_.play.setChecked(True)
        started = time.monotonic()
        result = {"code": 1, "line": ""}

        def poll() -> None:
            elapsed = time.monotonic() - started
            if seen["problem"]:
                result["line"] = f"training reported a problem: {seen['problem']}"
            elif not window.scenario_actions:
                result["line"] = f"no scenarios in {presets_dir()}"
            elif seen["samples"] >= MIN_SAMPLES and elapsed >= PLAY_SECONDS:
                result["code"] = 0
                scenarios = len(window.scenario_actions)
                result["line"] = (f"ok: engine {seen['engine']}, {seen['samples']} samples in "
                                  f"{elapsed:.1f} s, {scenarios} scenarios")
                if seen["note"]:
                    result["line"] += f" (fast path not used: {seen['note']})"
                translated = translation_check()
                if translated:
                    result["code"], result["line"] = 1, translated
            elif elapsed > DEADLINE_SECONDS:
                result["line"] = (f"only {seen['samples']} samples trained in "
                                  f"{DEADLINE_SECONDS:.0f} s")
            else:
                return
            timer.stop()
            window.close()
            loop.exit(result["code"])

        # A local event loop, not app.exec()/app.exit(): exit() would also end every event
        # loop started later in this process (a test suite's, say).
        loop = QEventLoop()
        timer = QTimer()
        timer.timeout.connect(poll)
        timer.start(POLL_MS)
        loop.exec()
        window.deleteLater()
    stream = sys.stdout if result["code"] == 0 else sys.stderr
    print(f"fnnsim smoke test: {result['line']}", file=stream)
    return result["code"]
