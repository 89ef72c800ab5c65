"""Composition root: parse arguments, set up logging and paths, open the database,
then run a command or start the window. The only module that wires layers together.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence

from . import APP_NAME, paths

TYPE_CHECKING = False  # not ``typing``'s: the command line starts without it (see cli)
if TYPE_CHECKING:
    import argparse
    import logging
    from pathlib import Path
    from typing import Any, TextIO

    from _typeshed import StrPath

    from .core.services.journal import Journal
    from .storage.backups import Backup, BackupManager, RestoreResult
    from .storage.repository import SqliteRepository


def _log() -> logging.Logger:
    """The app's logger; ``logging`` is imported when something is logged, not at start."""
    import logging

    return logging.getLogger(APP_NAME)


EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
LOG_MAX_BYTES = 1_000_000


def setup_logging() -> Path | None:
    """Log to a file (one older copy kept past 1 MB); an unwritable log must not stop the app."""
    import logging

    path = paths.log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if path.exists() and path.stat().st_size > LOG_MAX_BYTES:
            path.replace(path.with_suffix(".log.1"))  # keep one previous log
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600))
        os.chmod(path, 0o600)  # it names files and experiments: private like the rest
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
    # The app's own messages from INFO up; other libraries' only when they warn (fontTools
    # alone wrote dozens of INFO lines for every PDF report).
    root.setLevel(logging.WARNING)
    logging.getLogger(APP_NAME).setLevel(logging.INFO)
    return path


def open_journal(
    db_path: StrPath, also_open: Sequence[StrPath] = ()
) -> tuple[Journal, SqliteRepository]:
    """Open the SQLite journal at ``db_path``; returns (journal, repository).

    ``also_open``: other journals this process has (or may get) open, which the
    journal's file operations must never read or write either.
    """
    from .core.services.journal import Journal
    from .storage.database import open_database
    from .storage.repository import SqliteRepository

    db = open_database(db_path)
    repo = SqliteRepository(db, db_path)
    return Journal(repo, protected=(db_path, *also_open)), repo


def journal_not_made_yet() -> Journal:
    """An empty journal in memory for a dry run on a journal that does not exist: the
    dry run says what an import would add to a new journal and creates no file."""
    from .core.model.repository import InMemoryRepository
    from .core.services.journal import Journal

    return Journal(InMemoryRepository())


class Imports:
    """What the window's import dialog needs, from ``interop`` (loaded when first used).

    ``preview`` and ``apply`` run off the GUI thread, so they work on a connection of
    their own to the journal's file (an SQLite connection belongs to its thread): the
    window's connection sees the import once it is committed, never half of it. The
    dialog announces the change on the window's journal afterwards.
    """

    @property
    def level_names(self) -> Mapping[int, str]:
        from .interop.daylio import LEVEL_NAMES

        return LEVEL_NAMES

    def preview(
        self,
        journal: Journal,
        path: Path,
        mood_map: Mapping[str, int | None],
        progress: Callable[[str, int, int], None] | None = None,
    ) -> Any:
        from .interop import importing

        with own_connection(journal) as own:
            return importing.preview(own, path, "auto", mood_map, progress or _ignore)

    def apply(
        self, journal: Journal, plan: Any, progress: Callable[[str, int, int], None] | None = None
    ) -> Any:
        from .interop import importing

        with own_connection(journal) as own:
            return importing.apply_import(own, plan, progress or _ignore)

    def describe(self, plan: Any, applied: bool) -> list[str]:
        from .interop import importing

        return importing.describe_plan(plan, applied, command_line=False)


class Exports:
    """What File > Export everything needs: the command line's own export files."""

    def write(self, journal: Journal, path: Path, format: str) -> Path:
        from .interop import native

        write = native.write_json if format == "json" else native.write_csv
        return write(journal, path, "export file")


def _ignore(stage: str, done: int, total: int) -> None:
    """No one follows this work's progress."""


@contextlib.contextmanager
def own_connection(journal: Journal) -> Iterator[Journal]:
    """The same journal (file, clock, protected files) on a connection of its own; a
    journal kept in memory is itself."""
    from .core.services.journal import Journal
    from .storage.repository import SqliteRepository

    repo = journal.repo
    if not isinstance(repo, SqliteRepository):
        yield journal
        return
    _, own_repo = open_journal(repo.path)
    try:
        yield Journal(own_repo, journal.context.today, journal.protected)
    finally:
        own_repo.close()


def demo_path_for(db_path: Path) -> Path:
    """The demo journal lives beside the real one, in a file of its own."""
    return db_path.with_name(f"{db_path.stem}-demo{db_path.suffix or '.db'}")


def start_window(db_path: Path, log_path: Path | None, err: TextIO) -> int:
    from .core.model.errors import WliError
    from .storage.instance_lock import InstanceLock

    try:
        from .ui import main  # noqa: F401  (Qt loads, or the user is told why not)
    except ImportError as error:
        err.write(
            f"{APP_NAME}: error: the window cannot start ({error}); see README for "
            "the system libraries Qt needs. The command line works: wlitracker --help\n"
        )
        return EXIT_INTERNAL
    lock = InstanceLock(db_path)  # one window per journal; the command line is not blocked
    if not lock.acquire():
        return already_open(db_path, err)
    try:
        try:
            journal, _repo = open_journal(db_path, (demo_path_for(db_path),))
        except WliError as error:
            recovered = recover_damaged(db_path, error, err)
            if recovered is None:
                return EXIT_USAGE
            journal = recovered
        return _run_window(journal, db_path, log_path)
    finally:
        lock.release()


def already_open(db_path: Path, err: TextIO) -> int:
    """Another window has this journal: bring it to the front, or say which process it is."""
    from .storage.instance_lock import ask_to_raise, holder_pid

    if ask_to_raise(db_path):
        err.write(f"{APP_NAME}: this journal is already open; its window was brought forward.\n")
        return EXIT_OK
    from .ui.backups_panel import report_already_open

    pid = holder_pid(db_path)
    err.write(
        f"{APP_NAME}: this journal is already open in another window "
        f"({db_path}{f', process {pid}' if pid else ''}).\n"
    )
    report_already_open(str(db_path), pid)
    return EXIT_OK


def _run_window(journal: Journal, db_path: Path, log_path: Path | None) -> int:
    from . import __version__
    from .core.model.errors import WliError
    from .ui import main as ui_main
    from .ui.session import Session

    demo_path = demo_path_for(db_path)

    def open_demo() -> Journal:
        demo_journal, _ = open_journal(demo_path, (db_path,))
        if demo_journal.repo.is_empty():
            demo_journal.demo.fill()
        return demo_journal

    backups = LazyBackups(db_path, journal)

    def auto_backup() -> str | None:
        """At most one a day: after the window is up, and again (if none yet) at close."""
        try:
            backups.auto_backup()
        except WliError as problem:
            _log().warning("automatic backup failed: %s", problem)
            return f"Automatic backup failed: {problem}"
        return None

    from .storage.instance_lock import raise_request_path

    def reader() -> Journal:
        """The journal again, on a connection for the thread that builds screen states."""
        from .core.services.journal import Journal
        from .storage.database import open_database
        from .storage.repository import SqliteRepository

        return Journal(
            SqliteRepository(open_database(db_path), db_path), protected=journal.protected
        )

    session = Session(
        journal,
        db_path,
        log_path,
        __version__,
        open_demo,
        demo_path,
        importer=Imports(),
        exporter=Exports(),
        raise_requests=raise_request_path(db_path),
        reader=reader,
        sync=SyncActions(db_path),
    )
    code = ui_main.run(session, backups, auto_backup)
    auto_backup()
    return code


class LazyBackups:
    """The journal's ``BackupManager``, built on first use (after the first paint):
    importing the backups module must not delay the window. Gives the window what
    ``ui.backups_panel.BackupActions`` asks for.
    """

    def __init__(self, db_path: Path, journal: Journal) -> None:
        self._db_path = db_path
        self._journal = journal
        self._manager: BackupManager | None = None

    @property
    def manager(self) -> BackupManager:
        if self._manager is None:
            self._manager = backup_manager(self._db_path, self._journal)
        return self._manager

    @property
    def folder(self) -> Path:
        return self.manager.folder

    def list_backups(self) -> list[Backup]:
        return self.manager.list_backups()

    def back_up(self) -> Backup:
        return self.manager.back_up()

    def auto_backup(self) -> Backup | None:
        return self.manager.auto_backup()

    def set_folder(self, folder: Path | None) -> None:
        self.manager.set_folder(folder)

    def restore(self, source: Path) -> RestoreResult:
        """The file replaced in one operation, then announced once like any other write."""
        result = self.manager.restore(source)
        self._journal.changed.emit()
        return result


def backup_manager(db_path: Path, journal: Journal | None = None) -> BackupManager:
    """Backups of the journal at ``db_path``, in the folder chosen in its preferences."""
    from .storage.backups import BackupManager

    if journal is None:  # the journal may not open (damaged): read the preference raw
        return BackupManager.for_database(db_path)
    prefs = journal.preferences
    return BackupManager(
        db_path,
        prefs.backup_folder(),
        remember_folder=prefs.set_backup_folder,
        also_open=journal.protected,
    )


def recover_damaged(db_path: Path, error: Exception, err: TextIO) -> Journal | None:
    """The journal did not open. If it is damaged and a good backup exists, offer to
    restore it (the damaged file is kept aside); otherwise explain. ``None``: quit.
    """
    from .core.model.errors import WliError
    from .ui import main as ui_main

    message = str(error)
    manager, latest = damage_report(db_path) or (None, None)
    hint = _hint(manager, latest, None) if manager is not None else ""
    if manager is None or latest is None:  # not damaged, or no backup to offer
        err.write(f"{APP_NAME}: error: {message}{hint}\n")
        ui_main.report_startup_error(message + hint)
        return None
    err.write(f"{APP_NAME}: error: {message}{hint}\n")
    from .ui.backups_panel import offer_restore

    if not offer_restore(message, latest.label, str(latest.path)):
        return None
    try:
        result = manager.restore(latest.path)
        journal, _repo = open_journal(db_path, (demo_path_for(db_path),))
    except WliError as again:
        err.write(f"{APP_NAME}: error: {again}\n")
        ui_main.report_startup_error(str(again))
        return None
    _log().warning("%s", result.describe())
    err.write(f"{APP_NAME}: {result.describe()}\n")
    return journal


def damage_report(db_path: Path) -> tuple[BackupManager, Backup | None] | None:
    """For a damaged journal: its backups and the latest good one; ``None`` if not damaged."""
    from .storage.backups import is_damaged

    if not is_damaged(db_path):
        return None
    manager = backup_manager(db_path)
    return manager, manager.latest_good()


def _hint(manager: BackupManager, latest: Backup | None, db_option: str | None) -> str:
    if latest is None:
        return f" No backup was found in {manager.folder}."
    command = [APP_NAME, *(["--db", db_option] if db_option else []), "restore", str(latest.path)]
    return (
        f" The latest backup is {latest.path} (taken {latest.label}); "
        f"restore it with: {shlex_join(command)}"
    )


def shlex_join(command: Sequence[str]) -> str:
    import shlex

    return shlex.join(command)


def restore_hint(db_path: Path, db_option: str | None) -> str:
    """For a damaged journal: the latest good backup and the command that restores it."""
    try:
        found = damage_report(db_path)
    except Exception:  # a hint must never hide the error it adds to
        _log().exception("cannot look for a backup of %s", db_path)
        return ""
    return "" if found is None else _hint(*found, db_option)


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


def not_text(arguments: Sequence[str]) -> str | None:
    """A line naming the first argument that is not UTF-8 text, or ``None``.

    Python hands over such bytes as lone surrogates ("\\udcff"), which no file,
    database or terminal can take: they are refused before anything is opened.
    """
    for index, argument in enumerate(arguments):
        try:
            argument.encode("utf-8")
        except UnicodeEncodeError:
            option, sep, value = argument.partition("=")
            previous = arguments[index - 1] if index else ""
            if argument.startswith("--") and sep and option.isascii():
                name = option
            elif previous.startswith("-") and previous.isascii() and "=" not in previous:
                name, value = previous, argument
            else:
                name, value = f"argument {index + 1}", argument
            try:  # the bytes as given, with \xff for each one that is not UTF-8
                raw = value.encode("utf-8", "surrogateescape")
            except UnicodeEncodeError:
                raw = value.encode("utf-8", "backslashreplace")
            shown = raw.decode("utf-8", "backslashreplace")
            if len(shown) > 40:
                shown = shown[:37] + "..."
            return f"{name}: '{shown}' is not UTF-8 text; give it as UTF-8. Nothing was changed."
    return None


def main(
    argv: Sequence[str] | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    arguments = sys.argv[1:] if argv is None else list(argv)
    problem = not_text(arguments)
    if problem is not None:
        err.write(f"{APP_NAME}: error: {problem}\n")
        return EXIT_USAGE
    just_window, db = window_only(arguments)
    if just_window:
        log_path = setup_logging()
        return start_window(paths.database_path(db), log_path, err)

    from . import cli
    from .core.model.errors import DatabaseError, WliError

    try:
        with contextlib.redirect_stdout(out):  # --help and --version print to stdout
            args = cli.parse(arguments)
    except cli.UsageError as error:
        err.write(f"{error}\n")
        return EXIT_USAGE
    except SystemExit as done:  # --help and --version
        return int(done.code or 0)
    # The check-in commands log nothing of their own: the log (and ``logging``) is set up
    # only if one fails, so that reading or logging a day starts as fast as Python.
    quiet = args.command in cli.UNLOGGED_COMMANDS
    log_path = None if quiet else setup_logging()
    if args.command is None:
        return start_window(paths.database_path(args.db), log_path, err)
    repo = None
    db_file = paths.database_file(args.db)  # text: ``log`` and ``show`` do without pathlib
    try:
        if getattr(args, "backup_run", None) is not None:
            return run_backup_command(paths.database_path(db_file), args, out)
        if getattr(args, "sync_run", None) is not None:
            return cli.run_sync(SyncActions(paths.database_path(db_file)), args, out)
        if getattr(args, "dry_run", False) and not os.path.exists(db_file):
            return cli.run(journal_not_made_yet(), args, out)
        journal, repo = open_journal(db_file)
        return cli.run(journal, args, out)
    except WliError as error:
        hint = ""
        if isinstance(error, DatabaseError):
            hint = restore_hint(paths.database_path(db_file), args.db)
        err.write(f"{APP_NAME}: error: {cli.error_text(error)}{hint}\n")
        return EXIT_USAGE
    except Exception as error:
        if quiet:
            log_path = setup_logging()
        _log().exception("internal error running %s", args.command)
        where = f" Details are in {log_path}." if log_path else ""
        err.write(f"{APP_NAME}: internal error: {type(error).__name__}: {error}.{where}\n")
        return EXIT_INTERNAL
    finally:
        if repo is not None:
            repo.close()


def run_backup_command(db_path: Path, args: argparse.Namespace, out: TextIO) -> int:
    """``backup``, ``backups``, ``restore``: on the file, so they work when it will not open."""
    from . import cli
    from .core.model.errors import WliError
    from .storage.instance_lock import held_elsewhere

    if args.command == "restore" and held_elsewhere(db_path):
        raise WliError(
            f"The journal {db_path} is open in a {APP_NAME} window; close it first, or "
            "restore from the window (Settings, Backups). Nothing was changed."
        )
    return cli.run_backups(backup_manager(db_path), args, out)


def run() -> None:
    """Console-script entry point."""
    from .charts import SERVER_FLAG

    if sys.argv[1:2] == [SERVER_FLAG]:  # a bundled program started as the chart process
        from .charts.server import main as serve_charts

        sys.exit(serve_charts())
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    os.umask(0o077)  # anything written without an explicit mode (Qt's settings) stays private
    sys.exit(main())


def sync_journal(
    db_path: Path,
    folder: Path,
    passphrase: str | None,
    encrypt: bool = True,
    device_name: str | None = None,
) -> Any:
    """One sync of the journal at ``db_path`` on a connection of its own (the window runs
    this off its GUI thread), returning the ``SyncReport``."""
    import socket

    from .core.services.sync import SyncService
    from .storage.database import open_database
    from .storage.sync_store import SqliteChangeStore
    from .sync.folder import Folder

    transport = Folder(folder)
    store = SqliteChangeStore(open_database(db_path))
    try:
        name = device_name or socket.gethostname() or "this computer"
        return SyncService(store, transport, db_path, name).run(passphrase, encrypt)
    finally:
        store.close()


SYNC_FOLDER_SETTING = "sync_folder"


class SyncActions:
    """Sync for the window and the command line: each call opens a connection of its own,
    so a sync may run off the window's GUI thread while the window keeps its journal."""

    def __init__(self, db_path: Path, device_name: str | None = None) -> None:
        self.db_path = db_path
        self.device_name = device_name
        self._remembered: dict[str, str] = {}  # passphrases for this run only (no keyring)
        self._keyring: bool | None = None  # whether there is one, once asked

    def _store(self) -> Any:
        from .storage.database import open_database
        from .storage.sync_store import SqliteChangeStore

        return SqliteChangeStore(open_database(self.db_path))

    def folder(self) -> Path | None:
        store = self._store()
        try:
            rows = store._all("SELECT value FROM settings WHERE key = ?", (SYNC_FOLDER_SETTING,))
        finally:
            store.close()
        from pathlib import Path

        return Path(rows[0][0]) if rows else None

    def set_folder(self, folder: Path | None) -> None:
        from pathlib import Path

        store = self._store()
        try:
            with store.transaction():
                store._exec("DELETE FROM settings WHERE key = ?", (SYNC_FOLDER_SETTING,))
                if folder is not None:
                    store._exec(
                        "INSERT INTO settings (key, value) VALUES (?, ?)",
                        (SYNC_FOLDER_SETTING, str(Path(folder).absolute())),
                    )
        finally:
            store.close()

    def folder_journal(self, folder: Path) -> tuple[str | None, bool]:
        """The id of the journal the folder carries (``None`` for a new folder) and
        whether it is encrypted (a new folder will be)."""
        from .sync.folder import Folder

        header = Folder(folder).read_header()
        return (None, True) if header is None else (header.journal, header.encrypted)

    def passphrase(self, folder: Path) -> str | None:
        """For the command line: the environment first, then the keyring."""
        from .sync import passphrases

        given = passphrases.from_environment()
        if given:
            return given
        journal, _ = self.folder_journal(folder)
        return None if journal is None else passphrases.stored(journal)

    def known_passphrase(self, folder: Path) -> str | None:
        """For the window: the keyring, else what was typed since the window opened."""
        from .sync import passphrases

        journal, _ = self.folder_journal(folder)
        if journal is None:
            return None
        return passphrases.stored(journal) or self._remembered.get(journal)

    def keep_passphrase(self, folder: Path, passphrase: str) -> bool:
        """After a sync that worked: in the keyring if there is one (``True``), else in
        memory until the window closes."""
        from .sync import passphrases

        journal, _ = self.folder_journal(folder)
        if journal is None:
            return False
        self._remembered[journal] = passphrase
        return passphrases.store(journal, passphrase)

    def keyring_available(self) -> bool:
        """Found once (it loads every keyring backend, a third of a second), ahead of the
        Settings page by the window's background loading."""
        if self._keyring is None:
            from .sync import passphrases

            self._keyring = passphrases.keyring_works()
        return self._keyring

    def run(self, folder: Path, passphrase: str | None, encrypt: bool = True) -> Any:
        return sync_journal(self.db_path, folder, passphrase, encrypt, self.device_name)

    def status(self) -> Any:
        store = self._store()
        try:
            return store.state()
        finally:
            store.close()

    def history(self, limit: int = 20) -> list[Any]:
        store = self._store()
        try:
            return list(store.history(limit))
        finally:
            store.close()

    def history_lines(self, limit: int = 20) -> list[str]:
        from .core.present.sync import history_line

        store = self._store()
        try:
            metrics, experiments = store.metric_names(), store.experiment_titles()
            return [history_line(e, metrics, experiments) for e in store.history(limit)]
        finally:
            store.close()
