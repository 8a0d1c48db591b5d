"""The compiled Chinese translation on the real window, and how the language is chosen."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QFormLayout, QMenu, QMessageBox

from fnnsim.config import ExperimentConfig, LayerConfig
from fnnsim.errors import DivergenceError
from fnnsim.training.backend import ReferenceBackend
from fnnsim.training.experiment import build_trainer
from fnnsim.ui import i18n
from fnnsim.ui.main_window import MainWindow, default_config
from fnnsim.ui.scenarios import scenario_presets
from tests.ui.conftest import WAIT, make_window


@pytest.fixture
def chinese(qapp, monkeypatch):
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    assert i18n.install_translators("zh_CN") == "zh_CN"
    yield
    i18n.uninstall()


def _label(panel, field) -> str:
    layout = panel.layout() if isinstance(panel.layout(), QFormLayout) else panel.form
    return layout.labelForField(field).text()


def test_the_window_speaks_chinese_with_the_qm_installed(qtbot, settings, chinese):
    w = make_window(qtbot, settings)
    menus = [a.text() for a in w.menuBar().actions()]
    assert menus == ["文件(&F)", "训练(&T)", "视图(&V)", "帮助(&H)"]
    assert w.docks["network"].windowTitle() == "网络"
    assert w.docks["inspector"].windowTitle() == "单步检查器"
    assert w.docks["delta_norm"].windowTitle() == "各层误差信号 ‖δ‖"
    assert _label(w.training_panel, w.training_panel.learning_rate) == "学习率 α"
    assert _label(w.data_panel, w.data_panel.val_fraction) == "验证集比例"
    assert w.network_panel.add_button.text() == "添加一层"
    assert w.actions_.reset.toolTip() == "从相同的初始权重重新开始（R）。"
    assert "正则化系数 λ" in w.training_panel.l2.toolTip()
    assert w.actions_.speed.currentText() == "1 万样本/秒"
    assert w.data_panel.source.currentText() == "螺旋 (spiral)"
    assert w.data_panel.config().source == "spiral"  # the config keeps the name
    assert w.network_panel.seed.specialValueText() == "自动"
    assert w.status.state_label.text() == "已暂停"
    # Qt's own strings (standard buttons of the "Stop training?" question) from qtbase
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    w.close()


def test_scenarios_follow_the_chosen_language(qtbot, settings, chinese):
    w = make_window(qtbot, settings)
    titles = {a.text() for a in w.scenario_actions}
    assert "梯度消失" in titles and "Vanishing gradients" not in titles
    next(a for a in w.scenario_actions if a.text() == "梯度消失").trigger()
    assert w.scenario_panel.title.text() == "梯度消失"
    w.close()


def test_without_a_translator_the_window_is_english(qtbot, settings):
    i18n.uninstall()
    w = make_window(qtbot, settings)
    assert w.menuBar().actions()[0].text() == "&File"
    assert w.docks["network"].windowTitle() == "Network"
    w.close()


def test_the_environment_overrides_the_stored_choice(settings, monkeypatch):
    settings.setValue(i18n.SETTINGS_KEY, "en")
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    assert i18n.requested_language(settings) == "en"
    monkeypatch.setenv(i18n.ENV_VAR, "zh_CN.UTF-8")
    assert i18n.requested_language(settings) == "zh_CN"
    monkeypatch.setenv(i18n.ENV_VAR, "system")
    assert i18n.requested_language(settings) == i18n.SYSTEM


def test_english_on_a_chinese_default_locale_installs_nothing(qapp, monkeypatch):
    previous = QLocale()
    QLocale.setDefault(QLocale("zh_CN"))
    try:
        assert i18n.install_translators("en") == "en"
        assert i18n.current_language() == "en"  # scenarios too
        assert i18n._installed == []
        i18n.uninstall()
        assert QLocale().name() == "zh_CN"  # uninstall restores the default locale
    finally:
        QLocale.setDefault(previous)


@pytest.mark.parametrize(("code", "expected"), [
    ("zh", "zh_CN"), ("zh-CN", "zh_CN"), ("zh_TW", "zh_CN"), ("en_GB", "en"), ("C", "en"),
    ("", i18n.SYSTEM), ("System", i18n.SYSTEM), ("de_DE", "de_DE")])
def test_language_codes_are_normalised(code, expected):
    assert i18n.normalize(code) == expected


def test_view_language_stores_the_choice_and_says_it_applies_after_restart(
        qtbot, window, monkeypatch):
    shown = []
    monkeypatch.setattr(i18n.QMessageBox, "information",
                        lambda parent, title, text: shown.append(text))
    monkeypatch.delenv(i18n.ENV_VAR, raising=False)
    view = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    language = next(a.menu() for a in view.actions()
                    if isinstance(a.menu(), QMenu) and a.text() == "Language")
    names = [a.text() for a in language.actions()]
    assert names == ["System", "English", "简体中文"]
    assert language.actions()[0].isChecked()  # nothing stored yet: follow the system
    language.actions()[2].trigger()
    assert window.settings.value(i18n.SETTINGS_KEY) == "zh_CN"
    # said in the current language and in the chosen one
    assert shown == ["The language changes when fnnsim is started again.\n"
                     "重新启动 fnnsim 后语言才会改变。"]
    assert i18n.stored_choice(window.settings) == "zh_CN"
    language.actions()[2].trigger()  # the same choice again: no second message
    assert len(shown) == 1
    language.actions()[1].trigger()  # English, said once
    assert shown[-1] == "The language changes when fnnsim is started again."
    language.actions()[0].trigger()
    assert window.settings.value(i18n.SETTINGS_KEY) == i18n.SYSTEM


def test_every_preset_has_a_chinese_scenario_text():
    for path, config in scenario_presets():
        assert config.scenario.title.get("zh_CN"), path.name
        assert config.scenario.explanation.get("zh_CN"), path.name


SYSTEM_LOCALE_SCRIPT = """
from PySide6.QtCore import QCoreApplication
from fnnsim.ui.app import make_application
from fnnsim.ui.i18n import install_translators
app = make_application(["fnnsim"])
print(install_translators(), QCoreApplication.translate("MainWindow", "&File"))
"""


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh_CN.UTF-8", "zh_CN 文件(&F)"), ("zh_TW.UTF-8", "zh_CN 文件(&F)"),
    ("en_US.UTF-8", "en &File"), ("C", "en &File")])
def test_a_fresh_start_follows_the_system_locale(tmp_path, lang, expected):
    """Nothing chosen, no FNNSIM_LANG: the system locale (LANG) decides, in a new process
    because Qt reads it once."""
    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items()
           if k not in (i18n.ENV_VAR, "LANGUAGE") and not k.startswith("LC_")}
    env.update(LANG=lang, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path),
               HOME=str(tmp_path), PYTHONPATH=str(root))
    done = subprocess.run([sys.executable, "-c", SYSTEM_LOCALE_SCRIPT], env=env, cwd=root,
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == expected


def divergence() -> DivergenceError:
    """The error a real run raises when it diverges (as in test_main_window)."""
    config = ExperimentConfig()
    config.network.hidden = [LayerConfig(8, "relu")]
    config.network.output_activation, config.network.loss = "linear", "mse"
    config.training.learning_rate, config.network.init_scale = 10.0, 100.0
    trainer, _ = build_trainer(config.validate(), backend=ReferenceBackend())
    with pytest.raises(DivergenceError) as raised:
        trainer.train_samples(1000)
    return raised.value


def test_a_divergence_is_reported_in_chinese(chinese):
    exc = divergence()
    assert exc.epoch == 1
    assert str(exc).startswith(f"training diverged at epoch 1, sample {exc.sample}:")
    message = i18n.error_text(exc)
    assert message.startswith(f"训练在第 1 轮第 {exc.sample} 个样本处发散") and "学习率" in message


def test_a_failed_export_is_explained_in_chinese(qtbot, settings, chinese, tmp_path,
                                                 monkeypatch):
    w = make_window(qtbot, settings)
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[1:3]))
    target = tmp_path / "gone" / "w.json"
    w.exports.save_path = lambda *a: str(target)
    w.actions_.export_weights.trigger()
    qtbot.waitUntil(lambda: bool(shown), timeout=WAIT)
    assert shown == [("导出失败", f"{target}：文件或文件夹不存在")]
    w.close()


def test_a_bad_csv_is_explained_in_chinese(qtbot, settings, chinese, tmp_path, monkeypatch):
    w = make_window(qtbot, settings)
    bad = tmp_path / "bad.csv"
    bad.write_text("x1,x2,label\n1,2,0\n3,abc,1\n")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: shown.append(a[1:3]))
    w.data_panel.file_chooser = lambda parent: str(bad)
    w.data_panel.column_chooser = lambda parent, header: ("label", ["x1", "x2"], "auto")
    w.data_panel.load_csv_file()
    assert shown == [("无法使用这个 CSV 文件", "bad.csv，第 3 行，'x2' 列：不是数字：'abc'")]
    w.close()


def test_a_fast_path_that_cannot_load_is_noted_in_chinese(qtbot, settings, chinese,
                                                          monkeypatch):
    monkeypatch.delenv("FNNSIM_ENGINE", raising=False)
    monkeypatch.setitem(sys.modules, "fnnsim.fast", None)  # as if numba were not installed
    config = default_config()
    config.training.engine = "auto"
    w = MainWindow(config, settings)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: w.status.engine_label.text() == "参考引擎", timeout=WAIT)
    note = w.status.engine_label.toolTip()
    assert note.startswith("快速引擎不可用（ModuleNotFoundError：")
    assert note.endswith("）；改用参考引擎")
    assert w.statusBar().currentMessage() == note
    w.close()
