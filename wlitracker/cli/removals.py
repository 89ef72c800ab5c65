"""Commands that remove: ``remove`` (a day, a decision, a metric's history) and
``experiment remove``. They ask nothing and print what went: on the command line the
words typed are the confirmation, and the window offers the undo."""

from __future__ import annotations

import argparse
from typing import TextIO

from ..core.model.errors import ValidationError
from ..core.services.changes import Change
from ..core.services.journal import Journal
from ..core.validation import parse_date
from .common import Subparsers, format_check_in


def add_parsers(commands: Subparsers) -> None:
    remove = commands.add_parser(
        "remove",
        help="remove a day's check-in, a decision, or a metric's history",
        description="Remove one thing and print what went; nothing else is touched. "
        "Experiments: experiment remove ID.",
    )
    what = remove.add_mutually_exclusive_group(required=True)
    what.add_argument("--date", metavar="D", help="the check-in of day D (YYYY-MM-DD)")
    what.add_argument("--decision", type=int, metavar="ID", help="one decision, by its id")
    what.add_argument("--metric", metavar="NAME", help="every rating of a metric (it stays)")
    remove.set_defaults(run=cmd_remove)


def add_experiment_parser(exp_commands: Subparsers) -> None:
    remove = exp_commands.add_parser(
        "remove", help="remove an experiment with its adherence marks and decisions"
    )
    remove.add_argument("id", type=int)
    remove.set_defaults(run=cmd_experiment_remove)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count or 'no'} {word}s"


def cmd_remove(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    if args.date is not None:
        change = journal.removals.check_in(parse_date(args.date, "--date"))
        (removed,) = (c for c in change.before.days.values() if c is not None)
        out.write(f"{change.done}:\n{format_check_in(journal, removed)}\n")
    elif args.decision is not None:
        change = journal.removals.decision(args.decision)
        (decision,) = (d for d in change.before.decisions.values() if d is not None)
        out.write(f"{change.done}: “{decision.reason}”\n")
    else:
        if not args.metric.strip():
            raise ValidationError("--metric", "name the metric whose ratings go")
        change = journal.removals.metric_history(args.metric)
        out.write(f"{change.done} ({_span(change)})\n")
    return 0


def _span(change: Change) -> str:
    days = sorted(change.before.days)
    return f"{days[0].isoformat()} to {days[-1].isoformat()}"


def cmd_experiment_remove(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    change = journal.removals.experiment(args.id)
    marks = len(change.before.days)
    own = [d for d in change.before.decisions.values() if d and d.experiment_id == args.id]
    unlinked = len(change.before.decisions) - len(own)
    parts = [_plural(marks, "adherence mark"), _plural(len(own), "decision")]
    line = f"{change.done}, with {parts[0]} and {parts[1]}"
    if unlinked:
        line += "; the decision that made this version stays"
    out.write(line + "\n")
    return 0
