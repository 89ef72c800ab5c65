"""Where wlitracker keeps its files; resolved when asked, never at import time."""

from __future__ import annotations

import os

from . import APP_NAME

TYPE_CHECKING = False  # not ``typing``'s: the command line starts without it (see cli)
if TYPE_CHECKING:
    from pathlib import Path

    from _typeshed import StrPath

DB_ENV = "WLITRACKER_DB"
DB_FILENAME = "wlitracker.db"


def _data_folder() -> str:
    from platformdirs import user_data_dir

    return user_data_dir(APP_NAME, appauthor=False)


def data_dir() -> Path:
    from pathlib import Path

    return Path(_data_folder())


def log_dir() -> Path:
    from pathlib import Path

    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, appauthor=False))


def log_file() -> Path:
    return log_dir() / "wlitracker.log"


def database_file(explicit: StrPath | None = None) -> str:
    """``--db PATH``, else ``$WLITRACKER_DB``, else the user data directory.

    As text: a check-in from the command line opens its journal without loading
    ``pathlib`` (a tenth of the command's start); ``database_path`` is the same file.
    """
    if explicit:
        return os.path.expanduser(os.fspath(explicit))
    from_env = os.environ.get(DB_ENV)
    if from_env:
        return os.path.expanduser(from_env)
    return os.path.join(_data_folder(), DB_FILENAME)


def database_path(explicit: StrPath | None = None) -> Path:
    """``database_file`` as a path."""
    from pathlib import Path

    return Path(database_file(explicit))
