"""Only SQLite opens the journal: every path a person gives is checked against its files.

Writing an export, report, chart or backup onto the journal or its side files is
refused with a clear line, and so is reading them as an import or a backup to
restore, before a byte of them is read. Everything written is owner-only.
"""

from __future__ import annotations

import io
import os
import sqlite3
import stat
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from wlitracker import app
from wlitracker.core.files import create_private, journal_file_of, write_private
from wlitracker.core.model.errors import WliError


def run(db: Path, *args: str) -> tuple[int, str]:
    err = io.StringIO()
    code = app.main(["--db", str(db), *args], out=io.StringIO(), err=err)
    return code, err.getvalue()


def contents(db: Path) -> list[tuple[str, str]]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT date, note FROM check_ins ORDER BY date").fetchall()


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "journal.db"
    assert run(path, "log", "--satisfaction", "7", "--note", "keep me")[0] == 0
    return path


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    yield
    os.umask(old)


SIDES = ("", "-wal", "-shm", "-journal")


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("kind", ["json", "csv"])
def test_an_export_onto_the_journal_or_a_side_file_is_refused(
    db: Path, kind: str, side: str
) -> None:
    before = contents(db)
    code, err = run(db, "export", "--format", kind, "-o", f"{db}{side}")

    assert code == 2
    assert "is the journal" in err and err.count("\n") == 1
    assert contents(db) == before
    assert not Path(f"{db}-journal").exists()


def test_a_report_or_chart_onto_the_journal_is_refused(tmp_path: Path) -> None:
    for name, command in (
        ("notes.pdf", ["report", "1", "-o"]),
        ("notes.html", ["report", "1", "-o"]),
        ("notes.png", ["chart", "trend", "-o"]),
    ):
        db = tmp_path / name
        assert run(db, "log", "--note", "mine")[0] == 0
        if command[0] == "report":
            assert run(db, "experiment", "add", "--title", "Walks")[0] == 0
        code, err = run(db, *command, str(db))
        assert code == 2, err
        assert "is the journal" in err
        assert contents(db)[0][1] == "mine"


def test_a_backup_onto_a_side_file_is_refused(db: Path) -> None:
    code, err = run(db, "backup", "-o", f"{db}-journal")

    assert code == 2 and "is the journal" in err
    assert not Path(f"{db}-journal").exists()


@pytest.mark.parametrize("side", SIDES)
def test_the_journal_is_not_restored_from_itself(db: Path, side: str) -> None:
    before = contents(db)
    code, err = run(db, "restore", f"{db}{side}")

    assert code == 2 and "is the journal" in err
    assert contents(db) == before


@pytest.mark.parametrize("side", SIDES)
def test_the_journal_is_not_imported_into_itself(
    db: Path, side: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    Path(f"{db}{side}").touch()  # so that every side file exists to be refused
    opened: list[str] = []
    real_open = Path.open

    def watching(self: Path, *args: object, **kwargs: object) -> object:
        opened.append(str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", watching)
    code, err = run(db, "import", f"{db}{side}")

    assert code == 2 and "is the journal" in err
    assert not [name for name in opened if name.startswith(str(db))]


def test_a_folder_or_a_missing_folder_as_output_gets_one_line(db: Path, tmp_path: Path) -> None:
    code, err = run(db, "export", "--format", "json", "-o", str(tmp_path))
    assert code == 2 and "is a folder" in err and "internal error" not in err

    code, err = run(db, "export", "--format", "csv", "-o", "/")
    assert code == 2 and "is a folder" in err

    code, err = run(db, "export", "--format", "csv", "-o", str(tmp_path / "no" / "x.csv"))
    assert code == 2 and "does not exist" in err and err.count("\n") == 1


@pytest.mark.usefixtures("umask_022")
@pytest.mark.parametrize(
    ("name", "command"),
    [
        ("report.pdf", ["report", "1", "-o"]),
        ("report.html", ["report", "1", "-o"]),
        ("chart.png", ["chart", "trend", "-o"]),
        ("chart.svg", ["chart", "trend", "-o"]),
        ("export.json", ["export", "--format", "json", "-o"]),
    ],
)
def test_everything_written_is_owner_only(
    db: Path, tmp_path: Path, name: str, command: list[str]
) -> None:
    assert run(db, "experiment", "add", "--title", "Walks")[0] == 0
    target = tmp_path / name
    target.write_text("an old world-readable file\n")
    target.chmod(0o644)

    code, err = run(db, *command, str(target))

    assert code == 0, err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


@pytest.mark.usefixtures("umask_022")
def test_an_empty_file_adopted_as_a_journal_becomes_owner_only(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    db.touch()
    db.chmod(0o644)

    assert run(db, "log", "--note", "first")[0] == 0
    assert stat.S_IMODE(db.stat().st_mode) == 0o600


def test_a_temporary_file_never_follows_or_reuses_what_is_there(tmp_path: Path) -> None:
    aim = tmp_path / "elsewhere"
    link = tmp_path / "planted.partial"
    link.symlink_to(aim)
    with pytest.raises(FileExistsError):
        create_private(link)
    assert not aim.exists()


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    target.write_text("the previous export\n")

    def fail(handle: object) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(WliError, match="No space left"):
        write_private(target, fail)
    assert target.read_text() == "the previous export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["export.json"]


def test_side_files_are_known_before_they_exist(tmp_path: Path) -> None:
    db = tmp_path / "journal.db"
    assert journal_file_of(tmp_path / "journal.db-journal", [db]) == db
    assert journal_file_of(tmp_path / "journal.db.bak", [db]) is None
    (tmp_path / "link.db").symlink_to(db)
    db.touch()
    assert journal_file_of(tmp_path / "link.db", [db]) == db


@pytest.mark.usefixtures("umask_022")
def test_the_log_file_is_owner_only(db: Path) -> None:
    from wlitracker import paths

    # Reading or logging a day writes nothing to the log, so it does not even open it.
    assert run(db, "show")[0] == 0
    assert not paths.log_file().exists()
    assert run(db, "backup")[0] == 0  # says in the log what was backed up where
    assert stat.S_IMODE(paths.log_file().stat().st_mode) == 0o600
