"""The window does not read its own modules' source as they load.

PySide reads the source of every module imported after it (to learn whether it
mentions PySide6, for its ``__feature__`` switches) and ``linecache`` keeps the lines:
time at start and memory for the whole session. ``wlitracker.ui`` notes the answer
for our modules and Python's before they load.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

CODE = """
import json, linecache, sys
import wlitracker.ui
import wlitracker.ui.main_window, wlitracker.ui.trends_page, wlitracker.ui.experiments_page
import textwrap, difflib  # Python's own, loaded after PySide
table = sys.modules["__feature__"].pyside_feature_dict
ours = [f for f in linecache.cache if "wlitracker" in f]
pythons = [f for f in linecache.cache if f.endswith(("textwrap.py", "difflib.py"))]
print(json.dumps({
    "read": sorted(ours + pythons),
    "ui": table.get("wlitracker.ui.trends_page"),
    "core": table.get("wlitracker.core.model.entities"),
    "package": table.get("wlitracker.ui"),
}))
"""


def test_no_module_of_ours_or_pythons_is_read_when_it_loads() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", CODE], capture_output=True, text=True, env=env, check=True
    )
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["read"] == []
    # What PySide itself would have found: ui uses PySide (0), the rest never does (-1).
    assert (found["ui"], found["package"], found["core"]) == (0, 0, -1)
