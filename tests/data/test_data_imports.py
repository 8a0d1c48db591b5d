"""fnnsim.data imports only NumPy, the standard library and fnnsim.errors (DESIGN.md)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import fnnsim.data

PACKAGE = Path(fnnsim.data.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            assert node.level == 0, f"{path.name}: use absolute imports"
            modules.add(node.module or "")
    return modules


def test_data_package_imports_only_numpy_stdlib_and_errors() -> None:
    files = sorted(PACKAGE.glob("*.py"))
    assert len(files) >= 5
    for path in files:
        for module in _imported_modules(path):
            top = module.split(".")[0]
            allowed = (
                top in sys.stdlib_module_names
                or top == "numpy"
                or module == "fnnsim.errors"
                or module.startswith("fnnsim.data")
            )
            assert allowed, f"{path.name} imports {module}"
