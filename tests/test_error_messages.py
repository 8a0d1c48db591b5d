"""Every user error can be shown in the learner's language (fnnsim.errors).

Qt's lupdate only collects texts marked with QT_TRANSLATE_NOOP, so a user error raised
with an f-string or a bare literal would reach the Chinese window in English. This reads
the sources (not the running code: most of these raises need a broken file to happen)."""

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

import fnnsim
from fnnsim import errors

ROOT = Path(fnnsim.__file__).parent


def sources() -> list[Path]:
    # the widgets translate their own texts with tr()
    return sorted(p for p in ROOT.rglob("*.py") if "ui" not in p.relative_to(ROOT).parts)


def user_errors() -> set[str]:
    """fnnsim.errors' classes and every class of the sources derived from one."""
    names = {name for name, value in vars(errors).items()
             if isinstance(value, type) and issubclass(value, errors.FnnsimError)}
    classes = [node for p in sources() for node in ast.walk(ast.parse(p.read_text()))
               if isinstance(node, ast.ClassDef)]
    grown = True
    while grown:
        more = {c.name for c in classes
                if any(isinstance(b, ast.Name) and b.id in names for b in c.bases)}
        grown = not more <= names
        names |= more
    return names


USER_ERRORS = user_errors()


def called(node: ast.Call) -> str:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def marked(node: ast.expr) -> bool:
    """A template marked for translation, or a name holding one (or a Message)."""
    if isinstance(node, ast.Call) and called(node) == "QT_TRANSLATE_NOOP":
        return True
    return isinstance(node, ast.Name | ast.Attribute)


def unmarked_messages(tree: ast.AST) -> list[int]:
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Call) and called(node) in USER_ERRORS | {"Message"}
            and node.args and not marked(node.args[0])]


def test_every_user_error_is_raised_with_a_marked_template():
    found = {f"{p.relative_to(ROOT.parent)}:{line}"
             for p in sources() for line in unmarked_messages(ast.parse(p.read_text()))}
    assert not found, "user errors with untranslatable messages:\n" + "\n".join(sorted(found))


def test_templates_are_marked_in_the_errors_context():
    contexts = set()
    for p in sources():
        for node in ast.walk(ast.parse(p.read_text())):
            if isinstance(node, ast.Call) and called(node) == "QT_TRANSLATE_NOOP":
                contexts.add(ast.literal_eval(node.args[0]))
                assert isinstance(ast.literal_eval(node.args[1]), str)
    assert contexts == {errors.CONTEXT}


def test_the_check_catches_an_f_string_and_a_bare_literal():
    tree = ast.parse('raise DataError(f"{p}: bad")\nraise SessionError("bad")\n'
                     'raise WeightsError(QT_TRANSLATE_NOOP("Errors", "{p}: bad"), p=p)\n'
                     'raise ConfigError(problem)\nMessage("x {y}", y=1)\n')
    assert unmarked_messages(tree) == [1, 2, 5]


def test_every_chinese_error_template_keeps_the_fields_of_its_english():
    """A translation that lost or misspelt a field would be shown in English instead."""
    ts = ROOT.parent / "resources" / "i18n" / "fnnsim_zh_CN.ts"
    context = next(c for c in ET.parse(ts).getroot().iter("context")
                   if c.findtext("name") == errors.CONTEXT)
    pairs = [(m.findtext("source"), m.findtext("translation")) for m in context.iter("message")]
    assert len(pairs) > 150
    assert [en for en, zh in pairs if not zh or not errors.same_fields(en, zh)] == []


def test_user_errors_defined_elsewhere_are_checked_too():
    assert {"OnnxExportError", "SessionError", "FnnsimError"} <= USER_ERRORS
