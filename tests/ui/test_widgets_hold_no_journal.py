"""Widgets show states and ask through signals: none holds the journal or calls a service.

Controllers (``ui/controllers/``) and the window's wiring hold the journal; every
other module in ``ui/`` may use the core's models, words, errors and screen states,
never the journal, the repository or a service module.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

UI = Path(__file__).parents[2] / "wlitracker" / "ui"
WIRING = {"main.py", "main_window.py", "session.py", "application.py"}
SERVICES = {
    "journal",
    "repository",
    "checkins",
    "experiments",
    "metrics",
    "preferences",
    "evaluation",
    "demo",
    "imports",
    "welcome",
}


def _widget_modules() -> list[Path]:
    return [path for path in sorted(UI.glob("*.py")) if path.name not in WIRING | {"__init__.py"}]


def _core_imports(path: Path) -> set[str]:
    """The core modules ``path`` imports at run time (type-checking imports left out)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = {
        id(node)
        for block in ast.walk(tree)
        if isinstance(block, ast.If) and "TYPE_CHECKING" in ast.unparse(block.test)
        for child in block.body
        for node in ast.walk(child)
    }
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip or not isinstance(node, ast.ImportFrom) or node.level != 2:
            continue
        module = node.module or ""
        if module == "core":
            found.update(alias.name for alias in node.names)
        elif module.startswith("core."):
            found.add(module.split(".")[1])
    return found


@pytest.mark.parametrize("path", _widget_modules(), ids=lambda p: p.name)
def test_a_widget_module_uses_no_journal_and_no_service(path: Path) -> None:
    assert _core_imports(path) & SERVICES == set()
