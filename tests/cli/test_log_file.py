"""The log file holds the app's own messages, not the chatter of the libraries it uses."""

from __future__ import annotations

import io
from pathlib import Path

from wlitracker import app, paths


def test_a_pdf_report_adds_no_library_info_lines_to_the_log(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"

    def run(*args: str) -> None:
        err = io.StringIO()
        assert app.main(["--db", str(db), *args], out=io.StringIO(), err=err) == 0, err.getvalue()

    run("log", "--satisfaction", "7")
    run("experiment", "add", "--title", "Walk at lunch")
    run("report", "1", "-o", str(tmp_path / "report.pdf"))
    run("backup")  # the app's own INFO line: what was backed up where

    lines = paths.log_file().read_text(encoding="utf-8").splitlines()
    assert lines, "the app logs its own messages"
    assert all(" wlitracker" in line for line in lines), lines[:5]
    assert not [line for line in lines if "fontTools" in line]
