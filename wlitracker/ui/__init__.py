"""The Qt window. The only package that imports PySide6."""

from __future__ import annotations

import os
import sys


def _note_which_modules_use_pyside() -> None:
    """Spare PySide reading the source of each of our modules as it is imported.

    PySide reads the whole source of every module imported after it, to learn whether
    it mentions PySide6 (for its opt-in ``__feature__`` switches, which this app does
    not use), and ``linecache`` keeps every line read for as long as the window runs:
    a tenth of the window's start, and megabytes. The answer for our modules is known
    (only ``ui`` imports PySide6: ``tests/test_architecture.py``), so it is noted for
    each of them before they are imported, as PySide would note it: 0 for a module
    that uses PySide, -1 for one it may ignore. (The mark matters only where a module
    selects a feature, and none does.)
    """
    import PySide6.QtCore  # noqa: F401  (PySide makes its table when it loads)

    # (``from __feature__ import`` would select a feature by that name.)
    pyside_feature_dict = getattr(sys.modules.get("__feature__"), "pyside_feature_dict", None)
    if not isinstance(pyside_feature_dict, dict):  # another PySide: it reads them all
        return
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    root = os.path.dirname(package)
    for folder, folders, files in os.walk(package):
        folders[:] = [f for f in folders if f != "__pycache__"]
        prefix = os.path.relpath(folder, root).replace(os.sep, ".")
        for file in files:
            if file.endswith(".py"):
                stem = file[:-3]
                name = prefix if stem == "__init__" else f"{prefix}.{stem}"
                uses_pyside = name == "wlitracker.ui" or name.startswith("wlitracker.ui.")
                pyside_feature_dict.setdefault(name, 0 if uses_pyside else -1)
    # Python's own modules, those loaded so far and the top of each of the others, never
    # use PySide: -1 is what reading them would find.
    for name in (*sys.modules, *sys.stdlib_module_names):
        pyside_feature_dict.setdefault(name, -1)


_note_which_modules_use_pyside()
