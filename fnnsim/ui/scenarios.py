"""Help → Scenarios: guided presets, and a panel that explains the one that is loaded."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from fnnsim.config import ExperimentConfig, ScenarioConfig, load_config
from fnnsim.errors import FnnsimError
from fnnsim.resources import presets_dir
from fnnsim.ui.i18n import current_language


def scenario_presets(folder: Path | None = None) -> list[tuple[Path, ExperimentConfig]]:
    """Every preset that carries a scenario, in file-name order (bad files are skipped:
    the tests check every shipped preset)."""
    found = []
    for path in sorted((folder or presets_dir()).glob("*.json")):
        try:
            config = load_config(path)
        except FnnsimError:
            continue
        if config.scenario is not None:
            found.append((path, config))
    return found


def language() -> str:
    """The UI language for texts kept in files: zh_CN when the UI is in Chinese (see
    fnnsim.ui.i18n: FNNSIM_LANG, View → Language, or the system locale), else en."""
    return current_language()


def localized(texts: dict[str, str], lang: str | None = None) -> str:
    lang = lang or language()
    return texts.get(lang) or texts.get("en") or next(iter(texts.values()), "")


class ScenarioPanel(QWidget):
    """The loaded scenario's title and explanation (empty for a plain experiment)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        body = QWidget()
        inner = QVBoxLayout(body)
        inner.addWidget(self.title)
        inner.addWidget(self.text, 1)
        scroll = QScrollArea()
        scroll.setWidget(body)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.show_scenario(None)

    def show_scenario(self, scenario: ScenarioConfig | None) -> None:
        if scenario is None:
            self.title.setText(self.tr("Your own experiment"))
            self.text.setText(self.tr(
                "Help → Scenarios has guided experiments: vanishing and exploding "
                "gradients, clipping, L2, early stopping, and why a neuron needs its bias."))
            return
        self.title.setText(localized(scenario.title))
        self.text.setText(localized(scenario.explanation))
