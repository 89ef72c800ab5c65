"""What every command shares: errors, the parser class, small parsing helpers."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable

from ..core.model.entities import Adherence, CheckIn, label_of, rating_text
from ..core.model.errors import ValidationError
from ..core.model.words import ADHERENCE_WORDS, VERDICT_WORDS
from ..core.validation import check_past_or_today, parse_date

TYPE_CHECKING = False  # not ``typing``'s: the command line starts without it (see cli)
if TYPE_CHECKING:
    from typing import Any, NoReturn, TextIO

    from ..core.services.experiments import ExperimentView
    from ..core.services.journal import Journal

    Command = Callable[[Journal, argparse.Namespace, TextIO], int]
    Subparsers = Any  # argparse's private _SubParsersAction
else:  # the command modules import these names for their annotations only
    Command = Subparsers = Callable

VERDICT_WIDTH = max(len(words) for words in VERDICT_WORDS.values())
ADHERENCE_INPUT = {  # what --did accepts
    "done": Adherence.DONE,
    "partly": Adherence.PARTLY,
    "not": Adherence.NOT_DONE,
    "unscheduled": Adherence.NOT_SCHEDULED,
}


# The core names the field a problem is in, in its own words; the command line names the
# option a person typed for it.
OPTION_OF_FIELD = {
    "scale": "--min/--max",
    "days": "--days",
    "from": "--from/--to",
    "format": "--format",
    "experiment": "--experiment",
    "encryption": "--no-encryption",
    "passphrase": "WLITRACKER_SYNC_PASSPHRASE or --no-encryption",
}


def error_text(error: Exception) -> str:
    """A user-facing error in the command line's words."""
    field = getattr(error, "field", None)
    option = OPTION_OF_FIELD.get(field) if isinstance(field, str) else None
    if option is not None:
        return f"{option}: {getattr(error, 'detail', error)}"
    return str(error)


class UsageError(Exception):
    """Bad command-line usage; carries one line for stderr."""


def _columns() -> int:
    """What ``shutil.get_terminal_size().columns`` says: $COLUMNS, else the terminal's
    width, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help as it is, but for where the width comes from.

    argparse makes a formatter for every argument it is given (to check its metavar),
    and each one asks ``shutil`` for the terminal's size: every command loaded shutil,
    with bz2, lzma and zlib behind it, before reading a day. Here the width is worked
    out the same way without it.
    """

    def __init__(
        self,
        prog: str,
        indent_increment: int = 2,
        max_help_position: int = 24,
        width: int | None = None,
    ) -> None:
        if width is None:
            width = _columns() - 2  # what argparse leaves of the terminal's width
        super().__init__(prog, indent_increment, max_help_position, width)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, not usage plus a message, and whose
    help is laid out by ``HelpFormatter``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: error: {message} (see {self.prog} --help)")


# --- helpers --------------------------------------------------------------


def _day(journal: Journal, text: str | None, field: str = "--date") -> dt.date:
    if text is None:
        return journal.today()
    return check_past_or_today(parse_date(text, field), journal.today(), field)


def _split_pair(text: str, option: str, shape: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise ValidationError(option, f"{text!r} is not {shape}")
    return name.strip(), value.strip()


def _int(text: str, field: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValidationError(field, f"{text!r} is not a whole number") from None


def _dump(data: Any, out: TextIO) -> None:
    import json  # only for --json: showing or logging a day does not load it

    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


class TerminalProgress:
    """A progress line on a terminal for work that turns out to take a while.

    Nothing is shown for the first ``delay`` seconds (most work is done by then), and
    nothing at all unless ``stream`` is a terminal: a script reading stderr sees the
    same messages as before. Called as an import's progress callback.
    """

    def __init__(self, stream: TextIO, delay: float = 0.5) -> None:
        import time

        self._clock = time.monotonic
        self._stream = stream
        self._start = self._clock()
        self._delay = delay
        self._shown = ""
        self._last = 0.0
        self._on = stream.isatty()

    def __call__(self, stage: str, done: int, total: int) -> None:
        from ..core.model.words import IMPORT_STAGE_WORDS

        now = self._clock()
        if not self._on or now - self._start < self._delay or now - self._last < 0.1:
            return
        self._last = now
        share = f" {100 * done // total}%" if total else ""
        line = f"{IMPORT_STAGE_WORDS.get(stage, stage)}...{share}"
        self._stream.write("\r" + line.ljust(len(self._shown)))
        self._stream.flush()
        self._shown = line

    def close(self) -> None:
        """Wipe the line, so what follows starts on a clean one."""
        if self._shown:
            self._stream.write("\r" + " " * len(self._shown) + "\r")
            self._stream.flush()
            self._shown = ""


def format_check_in(journal: Journal, check_in: CheckIn) -> str:
    if check_in.is_empty:
        return f"{check_in.date.isoformat()}  (no check-in)"
    labels = journal.metrics.labels()
    ratings = "  ".join(
        f"{label_of(name, labels)} {rating_text(v)}" for name, v in check_in.ratings.items()
    )
    lines = [f"{check_in.date.isoformat()}  {ratings or '(no ratings)'}"]
    for experiment_id, mark in check_in.adherence.items():
        experiment = journal.repo.get_experiment(experiment_id)
        title = experiment.title if experiment else "?"
        lines.append(f"  did #{experiment_id} {title}: {ADHERENCE_WORDS[mark]}")
    if check_in.tags:
        lines.append(f"  tags: {', '.join(check_in.tags)}")
    if check_in.unusual is not None:
        lines.append(f"  unusual day: {check_in.unusual or 'yes'}")
    if check_in.note:
        lines.append("  note: " + check_in.note.replace("\n", "\n        "))
    return "\n".join(lines)


def _phase_text(view: ExperimentView) -> str:
    return view.current_phase.label if view.current_phase else "-"


# --- commands -------------------------------------------------------------
