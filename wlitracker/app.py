"""Composition root: parse arguments, set up logging and paths, open the database,
then run a command or start the window. The only module that wires layers together.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from . import APP_NAME, paths

if TYPE_CHECKING:
    from .core.journal import Journal
    from .storage.repository import SqliteRepository

log = logging.getLogger(APP_NAME)

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
LOG_MAX_BYTES = 1_000_000


def setup_logging() -> Path | None:
    """Log to a file (one older copy kept past 1 MB); an unwritable log must not stop the app."""
    path = paths.log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > LOG_MAX_BYTES:
            path.replace(path.with_suffix(".log.1"))  # keep one previous log
        handler = logging.FileHandler(path, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    for old in [h for h in root.handlers if getattr(h, "_wlitracker", False)]:
        root.removeHandler(old)
        old.close()
    handler._wlitracker = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


def open_journal(db_path: Path) -> tuple[Journal, SqliteRepository]:
    """Open the SQLite journal at ``db_path``; returns (journal, repository)."""
    from .core.journal import Journal
    from .storage.database import open_database
    from .storage.repository import SqliteRepository

    db = open_database(db_path)
    repo = SqliteRepository(db, db_path)
    return Journal(repo), repo


def demo_path_for(db_path: Path) -> Path:
    """The demo journal lives beside the real one, in a file of its own."""
    return db_path.with_name(f"{db_path.stem}-demo{db_path.suffix or '.db'}")


def start_window(db_path: Path, log_path: Path | None, err: TextIO) -> int:
    from . import __version__
    from .core.errors import WliError

    try:
        from .ui import main as ui_main
        from .ui.session import Session
    except ImportError as error:
        err.write(
            f"{APP_NAME}: error: the window cannot start ({error}); see README for "
            "the system libraries Qt needs. The command line works: wlitracker --help\n"
        )
        return EXIT_INTERNAL
    try:
        journal, _repo = open_journal(db_path)
    except WliError as error:
        err.write(f"{APP_NAME}: error: {error}\n")
        ui_main.report_startup_error(str(error))
        return EXIT_USAGE
    demo_path = demo_path_for(db_path)

    def open_demo() -> Journal:
        from .core import demo

        demo_journal, _ = open_journal(demo_path)
        if demo_journal.repo.is_empty():
            demo.fill(demo_journal.repo, demo_journal.today())
        return demo_journal

    session = Session(journal, db_path, log_path, __version__, open_demo, demo_path)
    return ui_main.run(session)


def window_only(argv: Sequence[str]) -> tuple[bool, str | None]:
    """Whether the arguments only choose a database (and which): then the window starts.

    Starting the window this way skips building the command-line parser, which
    would cost a noticeable slice of the start-up budget.
    """
    db: str | None = None
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        if arg == "--db" and rest and not rest[0].startswith("-"):
            db = rest.pop(0)
        elif arg.startswith("--db=") and len(arg) > len("--db="):
            db = arg[len("--db=") :]
        else:
            return False, None
    return True, db


def main(
    argv: Sequence[str] | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    arguments = sys.argv[1:] if argv is None else list(argv)
    just_window, db = window_only(arguments)
    if just_window:
        log_path = setup_logging()
        return start_window(paths.database_path(db), log_path, err)

    from . import cli
    from .core.errors import WliError

    try:
        with contextlib.redirect_stdout(out):  # --help and --version print to stdout
            args = cli.parse(arguments)
    except cli.UsageError as error:
        err.write(f"{error}\n")
        return EXIT_USAGE
    except SystemExit as done:  # --help and --version
        return int(done.code or 0)
    log_path = setup_logging()
    if args.command is None:
        return start_window(paths.database_path(args.db), log_path, err)
    repo = None
    try:
        db_path = paths.database_path(args.db)
        journal, repo = open_journal(db_path)
        return cli.run(journal, args, out)
    except WliError as error:
        err.write(f"{APP_NAME}: error: {error}\n")
        return EXIT_USAGE
    except Exception as error:
        log.exception("internal error running %s", args.command)
        where = f" Details are in {log_path}." if log_path else ""
        err.write(f"{APP_NAME}: internal error: {type(error).__name__}: {error}.{where}\n")
        return EXIT_INTERNAL
    finally:
        if repo is not None:
            repo.close()


def run() -> None:
    """Console-script entry point."""
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    sys.exit(main())
