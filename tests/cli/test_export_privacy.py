"""Exports hold the whole journal: they are created readable by the owner only."""

from __future__ import annotations

import io
import stat
from pathlib import Path

import pytest

from wlitracker import app


@pytest.mark.parametrize("kind", ["json", "csv"])
def test_exports_are_owner_only(tmp_path: Path, kind: str) -> None:
    db, target = tmp_path / "journal.db", tmp_path / f"export.{kind}"
    out, err = io.StringIO(), io.StringIO()
    assert app.main(["--db", str(db), "log", "--satisfaction", "7"], out=out, err=err) == 0
    target.write_text("old, world-readable\n")
    target.chmod(0o644)
    assert app.main(["--db", str(db), "export", "--format", kind, "-o", str(target)]) == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
