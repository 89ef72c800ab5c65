"""What the window knows about where it runs: the journal and the files behind it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..core.journal import Journal


@dataclass
class Session:
    """The open journal plus the facts the Settings page and About box show.

    ``open_demo`` (set by the composition root) opens a separate demo database
    filled with example data; the window switches to it.
    """

    journal: Journal
    db_path: Path
    log_file: Path | None
    version: str
    open_demo: Callable[[], Journal] | None = None
    demo_path: Path = Path("wlitracker-demo.db")

    @property
    def is_demo(self) -> bool:
        return self.journal.preferences.is_demo()
