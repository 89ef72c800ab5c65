"""Where wlitracker keeps its files; resolved when asked, never at import time."""

from __future__ import annotations

import os
from pathlib import Path

from . import APP_NAME

DB_ENV = "WLITRACKER_DB"
DB_FILENAME = "wlitracker.db"


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def log_dir() -> Path:
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_NAME, appauthor=False))


def log_file() -> Path:
    return log_dir() / "wlitracker.log"


def database_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """``--db PATH``, else ``$WLITRACKER_DB``, else the user data directory."""
    if explicit:
        return Path(explicit).expanduser()
    from_env = os.environ.get(DB_ENV)
    if from_env:
        return Path(from_env).expanduser()
    return data_dir() / DB_FILENAME
