"""Dependency direction (DESIGN §4) checked on the source, and imports kept lazy.

Every import is read from the source, relative ones resolved against the module's
package, function-level (lazy) ones included. Imports under ``if TYPE_CHECKING:``
are left out: they name types for the checker and wire nothing at run time.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[1]
PACKAGE = ROOT / "wlitracker"

# Which of our parts each part may import ("pkg" is the package root: names, version).
ALLOWED: dict[str, set[str]] = {
    "pkg": set(),
    "paths": {"pkg"},
    "core": {"core"},
    "storage": {"storage", "core"},
    "interop": {"interop", "core", "pkg"},
    "charts": {"charts", "core", "pkg"},
    "ui": {"ui", "charts", "core", "pkg"},
    "cli": {"core", "interop", "charts", "pkg"},
    "sync": {"sync", "core", "pkg"},
    "__main__": {"app"},
    "app": {"pkg", "paths", "core", "storage", "interop", "charts", "ui", "cli", "sync"},
}
# Where each heavy or layer-defining library may be imported.
THIRD_PARTY: dict[str, set[str]] = {
    "PySide6": {"ui"},
    "matplotlib": {"charts"},  # and only in the chart process, for the window
    "numpy": {"charts"},
    "sqlite3": {"storage"},
    "sqlite_utils": {"storage"},
    "nacl": {"sync"},
    "keyring": {"sync"},
}
FORBIDDEN_IN_CORE = ("PySide6", "sqlite_utils", "sqlite3", "matplotlib")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def part_of(module: str) -> str:
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else "pkg"


def _type_checking_nodes(tree: ast.Module) -> set[int]:
    inside: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                inside.update(id(n) for n in ast.walk(child))
    return inside


@cache
def imports_of(module: str) -> frozenset[str]:
    """Every module ``module`` imports at run time, relative imports resolved."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_nodes(tree)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            found.add(target)
            found.update(
                f"{target}.{alias.name}"
                for alias in node.names
                if f"{target}.{alias.name}" in MODULES
            )
    return frozenset(found - {module})


def test_relative_imports_are_resolved() -> None:
    assert "wlitracker.core.model.errors" in imports_of("wlitracker.storage.database")
    assert "wlitracker.charts.process" in imports_of("wlitracker.ui.chart_view")
    assert "wlitracker.charts.process" in imports_of(
        "wlitracker.ui.controllers.experiments"
    )  # lazy
    assert "wlitracker.ui.file_dialogs" in imports_of("wlitracker.ui.main_window")


@pytest.mark.parametrize("module", sorted(MODULES))
def test_each_part_imports_only_what_the_layer_table_allows(module: str) -> None:
    part = part_of(module)
    ours = {part_of(name) for name in imports_of(module) if name in MODULES}
    assert ours - {part} <= ALLOWED[part], (module, ours - ALLOWED[part] - {part})


@pytest.mark.parametrize("module", sorted(MODULES))
def test_libraries_stay_in_their_layers(module: str) -> None:
    part = part_of(module)
    used = {name.split(".")[0] for name in imports_of(module)}
    misplaced = {lib for lib, parts in THIRD_PARTY.items() if lib in used and part not in parts}
    assert misplaced == set(), module


# Of the core, charts use only the specs, the records, the words, the errors and files.
CHARTS_MAY_USE = (
    "present.chart_specs",
    "model.entities",
    "model.record",
    "model.words",
    "model.errors",
    "files",
)


@pytest.mark.parametrize("module", sorted(m for m in MODULES if part_of(m) == "charts"))
def test_charts_draw_specs_and_never_read_the_journal(module: str) -> None:
    """A chart is given its spec: it imports no journal, repository or service of the core."""
    core = "wlitracker.core."
    used = {name[len(core) :] for name in imports_of(module) if name.startswith(core)}
    used -= {"present", "model"}  # the packages themselves, on the way to their modules
    outside = {n for n in used if not any(n.startswith(a) for a in CHARTS_MAY_USE)}
    assert outside == set(), (module, outside)


def test_there_are_no_import_cycles_between_modules() -> None:
    graph = {m: {n for n in imports_of(m) if n in MODULES} for m in MODULES}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    cycles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in graph[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    assert cycles == []


def test_the_table_catches_a_relative_import_across_layers(tmp_path: Path) -> None:
    """What the old check missed: ``from .. import storage`` inside ``ui``."""
    tree = ast.parse("from .. import storage\nfrom ..storage import database\n")
    package = ["wlitracker", "ui"]
    targets = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)]
            targets.append(".".join([*base, *([node.module] if node.module else [])]))
    assert {part_of(t) for t in targets} == {"pkg", "storage"}
    assert "storage" not in ALLOWED["ui"]


def test_importing_all_of_core_loads_none_of_them() -> None:
    core = sorted(name for name in MODULES if part_of(name) == "core")
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in core)
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


def test_importing_every_module_changes_no_global_state() -> None:
    """No rcParams, locale or Qt objects are set up by importing anything."""
    names = sorted(MODULES)
    code = (
        "import locale, matplotlib\n"
        "before = dict(matplotlib.rcParams)\n"
        "loc = locale.setlocale(locale.LC_ALL)\n"
        + "".join(f"import {name}\n" for name in names if not name.endswith("__main__"))
        + "from PySide6.QtCore import QCoreApplication\n"
        "changed = sorted(k for k, v in matplotlib.rcParams.items() if before.get(k) != v)\n"
        "print(changed, locale.setlocale(locale.LC_ALL) == loc, QCoreApplication.instance())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[] True None"


CLI_OPTION = re.compile(r"(?<![\w-])--[a-z][a-z-]*")


def _raised_texts(path: Path) -> list[str]:
    """The string pieces of every exception raised in ``path``."""
    texts: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Raise) and node.exc is not None:
            for part in ast.walk(node.exc):
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    texts.append(part.value)
    return texts


@pytest.mark.parametrize(
    "path",
    sorted(p for part in ("core", "charts") for p in (PACKAGE / part).rglob("*.py")),
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_errors_of_the_core_and_the_charts_name_no_command_line_option(path: Path) -> None:
    """They speak of the problem; the command line adds its own options (cli.error_text)."""
    assert [t for t in _raised_texts(path) if CLI_OPTION.search(t)] == []
