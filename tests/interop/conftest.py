"""Shared set-up for import tests: fixture files, journal snapshots, an in-process CLI."""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from wlitracker import app
from wlitracker.core.services.journal import Journal
from wlitracker.interop import native

DATA = Path(__file__).parent / "data"


def snapshot(journal: Journal) -> dict[str, Any]:
    """Everything the journal holds, as a full JSON export does."""
    document = native.export_document(journal)
    document.pop("app_version")
    return document


def copy_data(name: str, tmp_path: Path) -> Path:
    """A fixture file or folder copied to ``tmp_path`` (so tests can change it)."""
    source = DATA / name
    target = tmp_path / source.name
    if source.is_dir():
        shutil.copytree(source, target)
    else:
        shutil.copyfile(source, target)
    return target


def zip_folder(folder: Path, target: Path, prefix: str = "") -> Path:
    """Zip a folder the way Loop does: files only, no directory entries."""
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, prefix + path.relative_to(folder).as_posix())
    return target


Snapshot = Callable[[Journal], dict[str, Any]]
Zipper = Callable[..., Path]


@pytest.fixture
def data() -> Path:
    """The folder of fixture files written for these tests."""
    return DATA


@pytest.fixture(name="snapshot")
def snapshot_fixture() -> Snapshot:
    return snapshot


@pytest.fixture(name="zip_folder")
def zip_folder_fixture() -> Zipper:
    return zip_folder


@pytest.fixture
def copy(tmp_path: Path) -> Callable[[str], Path]:
    return lambda name: copy_data(name, tmp_path)


@dataclass(frozen=True)
class Result:
    status: int
    out: str
    err: str


class Cli:
    """``wlitracker --db DB ARGS...`` in-process, both streams captured."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path

    def __call__(self, *args: str) -> Result:
        out, err = io.StringIO(), io.StringIO()
        status = app.main(["--db", str(self.db_path), *args], out=out, err=err)
        return Result(status, out.getvalue(), err.getvalue())

    def ok(self, *args: str) -> Result:
        result = self(*args)
        assert (result.status, result.err) == (0, ""), result
        return result


@pytest.fixture
def cli(db_path: Path, stopped_clock: None) -> Cli:
    return Cli(db_path)
