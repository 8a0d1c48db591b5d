"""The Chinese translation covers every UI string of the sources, and the .qm is current.

Run `python packaging/update_translations.py` to bring the .ts up to date (it lists what
is left to translate), then translate and run it again to compile the .qm.
"""

import importlib.util
import shutil
from pathlib import Path

import pytest

from fnnsim.data import GENERATORS
from fnnsim.ui.data_panel import GENERATOR_TEXTS

ROOT = Path(__file__).resolve().parents[2]


def _script():
    spec = importlib.util.spec_from_file_location(
        "update_translations", ROOT / "packaging" / "update_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ut = _script()


def test_every_source_string_is_translated_in_zh_cn(tmp_path):
    if ut.tool("lupdate") is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"  # from the sources alone, nothing merged in
    ut.lupdate(fresh)
    found = ut.messages(fresh)
    assert len(found) > 300  # the extraction really saw the UI (contexts, not just a few)
    missing = ut.todo(fresh, ut.TS)
    assert not missing, (
        f"{len(missing)} UI string(s) missing or unfinished in {ut.TS.name} — run "
        "`python packaging/update_translations.py` and translate them:\n"
        + "\n".join(f"  [{c or '(no context)'}] {s}" for c, s in missing))


def test_no_string_is_extracted_without_a_context(tmp_path):
    """A module-level tr("…") gets an empty context in the .ts but is looked up under
    another one at run time, so it would never be translated."""
    if ut.tool("lupdate") is None:
        pytest.skip("pyside6-lupdate is not installed")
    fresh = tmp_path / "fresh.ts"
    ut.lupdate(fresh)
    assert [s for c, s in ut.messages(fresh) if not c] == []


def test_todo_reports_missing_and_unfinished(tmp_path):
    """The comparison the two tests above rely on can fail."""
    def ts(path, messages):
        body = "".join(
            f"<context><name>{c}</name><message><source>{s}</source>"
            f"<translation{'' if t else ' type=' + chr(34) + 'unfinished' + chr(34)}>"
            f"{t or ''}</translation></message></context>" for c, s, t in messages)
        path.write_text(f'<?xml version="1.0" encoding="utf-8"?><TS version="2.1">{body}</TS>',
                        encoding="utf-8")
        return path
    fresh = ts(tmp_path / "fresh.ts", [("A", "one", None), ("A", "two", None),
                                       ("B", "three", None)])
    committed = ts(tmp_path / "zh.ts", [("A", "one", "一"), ("A", "two", None),
                                        ("A", "three", "三")])
    assert ut.todo(fresh, committed) == [("A", "two"), ("B", "three")]


def test_the_committed_qm_is_compiled_from_the_committed_ts(tmp_path):
    if ut.tool("lrelease") is None:
        pytest.skip("pyside6-lrelease is not installed")
    first, second = tmp_path / "a.qm", tmp_path / "b.qm"
    ut.lrelease(ut.TS, first)
    ut.lrelease(ut.TS, second)
    assert first.read_bytes() == second.read_bytes()  # lrelease is deterministic
    assert ut.QM.read_bytes() == first.read_bytes(), (
        "fnnsim_zh_CN.qm is stale: run `python packaging/update_translations.py`")


def test_check_mode_changes_nothing_and_passes(tmp_path, monkeypatch, capsys):
    if ut.tool("lupdate") is None or ut.tool("lrelease") is None:
        pytest.skip("pyside6-lupdate/lrelease are not installed")
    before = ut.TS.read_bytes(), ut.QM.read_bytes()
    assert ut.main(["--check"]) == 0
    assert (ut.TS.read_bytes(), ut.QM.read_bytes()) == before
    assert "0 unfinished message(s)" in capsys.readouterr().out


def test_check_mode_fails_on_a_new_string(tmp_path, monkeypatch, capsys):
    """A UI string added without a translation makes --check fail and names it."""
    if ut.tool("lupdate") is None or ut.tool("lrelease") is None:
        pytest.skip("pyside6-lupdate/lrelease are not installed")
    root = tmp_path / "repo"
    shutil.copytree(ROOT / "fnnsim", root / "fnnsim",
                    ignore=shutil.ignore_patterns("__pycache__"))
    (root / "fnnsim" / "ui" / "brand_new.py").write_text(
        'from PySide6.QtCore import QCoreApplication\n'
        'TEXT = QCoreApplication.translate("BrandNew", "A brand-new label")\n')
    (root / "resources" / "i18n").mkdir(parents=True)
    for path in (ut.TS, ut.QM):
        shutil.copy(path, root / "resources" / "i18n" / path.name)
    monkeypatch.setattr(ut, "ROOT", root)
    monkeypatch.setattr(ut, "TS", root / "resources" / "i18n" / ut.TS.name)
    monkeypatch.setattr(ut, "QM", root / "resources" / "i18n" / ut.QM.name)
    assert ut.main(["--check"]) == 1
    out = capsys.readouterr().out
    assert "1 unfinished message(s)" in out and "[BrandNew] A brand-new label" in out


def test_every_generator_text_is_marked_for_translation():
    """The data layer's descriptions are shown through tr(); lupdate only sees the
    copies marked in data_panel.GENERATOR_TEXTS, so they must stay in step."""
    shown = set()
    for name, spec in GENERATORS.items():
        shown |= {name, spec.description}
        for key, param in spec.params.items():
            shown |= {key, param.description}
    symbols = {"a", "b", "c"}  # the plane's coefficients: the same in every language
    assert shown - symbols - set(GENERATOR_TEXTS) == set()


# tr()/translate() calls whose text is not a literal: lupdate cannot see them, so each
# must translate a text that is marked elsewhere with QT_TRANSLATE_NOOP (same context).
DYNAMIC_TEXTS = {
    "fnnsim/ui/actions.py: text",  # the module's tr() helper
    "fnnsim/ui/actions.py: label",  # SPEEDS, marked
    "fnnsim/ui/data_panel.py: TASK_NAMES.get(task, task)",  # marked
    "fnnsim/ui/data_panel.py: name",  # generator names, marked in GENERATOR_TEXTS
    "fnnsim/ui/data_panel.py: spec.description",  # marked in GENERATOR_TEXTS
    "fnnsim/ui/data_panel.py: key",  # parameter names, marked in GENERATOR_TEXTS
    "fnnsim/ui/data_panel.py: param.description",  # marked in GENERATOR_TEXTS
    "fnnsim/ui/i18n.py: source",  # marked
    "fnnsim/ui/i18n.py: text",  # in_language(): the caller's marked text
    "fnnsim/ui/exports.py: WEIGHT_FILTERS",  # marked
    "fnnsim/ui/weights_import.py: IMPORT_FILTERS",  # marked
    "fnnsim/ui/sessions.py: FILTER",  # marked
    "fnnsim/errors.py: self.template",  # user errors: tests/test_error_messages.py
}


def test_translated_texts_are_literals_or_marked():
    """An f-string or a variable inside tr() is invisible to lupdate and never
    translated; write tr("… {0} …").format(x) instead, or mark the texts with
    QT_TRANSLATE_NOOP and list the call here."""
    import ast

    found = set()
    for path in sorted((ROOT / "fnnsim").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = (node.func.attr if isinstance(node.func, ast.Attribute)
                    else getattr(node.func, "id", ""))
            index = {"tr": 0, "translate": 1}.get(name)
            if index is None or len(node.args) <= index:
                continue
            if name == "translate" and not (isinstance(node.args[0], ast.Constant)
                                            or len(node.args) == 2):
                continue
            text = node.args[index]
            if isinstance(text, ast.Constant) and isinstance(text.value, str):
                continue
            found.add(f"{path.relative_to(ROOT).as_posix()}: {ast.unparse(text)}")
    assert found - DYNAMIC_TEXTS == set()
