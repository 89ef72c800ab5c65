"""A long session does not abort on PySide6's lost references to None (see ui/refcounts.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

LOOP = textwrap.dedent(
    """
    import os, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QWidget
    from wlitracker.ui.application import application

    app = application()
    widget = QWidget()
    for i in range(int(sys.argv[1])):
        widget.resize(100 + i % 7, 100)  # returns nothing: the call that loses a reference
        widget.setWindowTitle("a long session")
    app.processEvents()
    print("done")
    """
)


@pytest.mark.processes
def test_a_hundred_thousand_qt_calls_end_normally() -> None:
    result = subprocess.run(
        [sys.executable, "-c", LOOP, "100000"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "done"
