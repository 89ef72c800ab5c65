"""What the window knows about where it runs: the journal and the files behind it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from ..core.services.journal import Journal

if TYPE_CHECKING:
    from .controllers.sync import SyncActions
    from .import_dialog import ImportActions


ExportFormat = Literal["json", "csv"]


class ExportActions(Protocol):
    """Writing the journal's own export files, as ``wlitracker export`` does."""

    def write(self, journal: Journal, path: Path, format: ExportFormat) -> Path: ...


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
    importer: ImportActions | None = None
    exporter: ExportActions | None = None
    raise_requests: Path | None = None  # a second start writes here to bring this window up
    back_to_own: bool = False  # the demo, opened from one's own journal, which stays open
    # The same journal on a connection of its own, for building screen states in the
    # background (``controllers.states``); None: they are built at once.
    reader: Callable[[], Journal] | None = None
    sync: SyncActions | None = None  # the demo has none: it never syncs

    @property
    def is_demo(self) -> bool:
        return self.journal.preferences.is_demo()
