"""Dependency direction (DESIGN §4) checked on the source, and imports kept lazy."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "wlitracker"
FORBIDDEN_IN_CORE = ("PySide6", "sqlite_utils", "sqlite3", "matplotlib")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _top(names: set[str]) -> set[str]:
    return {name.split(".")[0] for name in names}


@pytest.mark.parametrize("path", sorted((PACKAGE / "core").rglob("*.py")), ids=lambda p: p.name)
def test_core_imports_no_qt_sql_or_matplotlib(path: Path) -> None:
    assert not _top(_imports(path)) & set(FORBIDDEN_IN_CORE)


def test_only_ui_imports_pyside6() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "PySide6" in _top(_imports(path)) and path.relative_to(PACKAGE).parts[0] != "ui"
    ]
    assert offenders == []


def test_importing_all_of_core_loads_none_of_them() -> None:
    modules = sorted(p.stem for p in (PACKAGE / "core").glob("*.py") if p.stem != "__init__")
    code = (
        "import sys\n"
        + "".join(f"import wlitracker.core.{name}\n" for name in modules)
        + f"print(sorted(m for m in {FORBIDDEN_IN_CORE!r} if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_importing_the_package_runs_nothing_heavy() -> None:
    code = "import sys, wlitracker, wlitracker.app, wlitracker.cli; print(sorted(m for m in "
    code += "('PySide6', 'matplotlib', 'sqlite_utils', 'platformdirs') if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
