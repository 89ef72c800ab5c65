"""Commands for check-ins: ``log``, ``show``, ``history``."""

from __future__ import annotations

import argparse

from ..core.model.entities import Adherence
from ..core.model.errors import ValidationError
from ..core.services.checkins import KEEP
from ..core.validation import parse_date
from .common import ADHERENCE_INPUT, Subparsers, _day, _dump, _int, _split_pair, format_check_in

TYPE_CHECKING = False  # not ``typing``'s: the command line starts without it (see cli)
if TYPE_CHECKING:
    from typing import TextIO

    from ..core.services.journal import Journal


def add_parsers(commands: Subparsers) -> None:
    log = commands.add_parser("log", help="create or update a day's check-in")
    log.add_argument("--date", help="YYYY-MM-DD (default: today)")
    log.add_argument("--satisfaction", type=int, metavar="N", help="0 to 10")
    log.add_argument("--guilt", type=int, metavar="N", help="0 to 10 (lower is better)")
    log.add_argument(
        "--rate",
        action="append",
        default=[],
        metavar="NAME=N",
        help="rate any metric; NAME= (empty) clears it",
    )
    log.add_argument(
        "--did",
        action="append",
        default=[],
        metavar="EXPERIMENT_ID=done|partly|not|unscheduled",
        help="whether you did an experiment's change today",
    )
    log.add_argument("--tag", action="append", default=[], help="add a tag")
    log.add_argument("--untag", action="append", default=[], metavar="TAG", help="remove a tag")
    log.add_argument("--note", help="the day's note (replaces it; '' clears it)")
    unusual = log.add_mutually_exclusive_group()
    unusual.add_argument("--unusual", metavar="REASON", help="leave this day out of evaluations")
    unusual.add_argument("--usual", action="store_true", help="clear the unusual-day flag")
    log.set_defaults(run=cmd_log)

    show = commands.add_parser("show", help="show one day's check-in")
    show.add_argument("--date", help="YYYY-MM-DD (default: today)")
    show.add_argument("--json", action="store_true")
    show.set_defaults(run=cmd_show)

    history = commands.add_parser("history", help="list check-ins")
    history.add_argument("--from", dest="start", metavar="D")
    history.add_argument("--to", dest="end", metavar="D")
    history.add_argument("--json", action="store_true")
    history.set_defaults(run=cmd_history)


def cmd_log(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    day = _day(journal, args.date)
    ratings: dict[str, int | None] = {}
    if args.satisfaction is not None:
        ratings["satisfaction"] = args.satisfaction
    if args.guilt is not None:
        ratings["guilt"] = args.guilt
    for item in args.rate:
        name, value = _split_pair(item, "--rate", "NAME=N")
        journal.metrics.get(name)
        ratings[name] = _int(value, name) if value else None
    adherence: dict[int, Adherence | None] = {}
    for item in args.did:
        key, word = _split_pair(item, "--did", "EXPERIMENT_ID=done|partly|not|unscheduled")
        if word not in ADHERENCE_INPUT:
            raise ValidationError(
                "--did", f"{word!r} must be one of done, partly, not, unscheduled"
            )
        experiment_id = _int(key, "--did experiment id")
        journal.experiments.get(experiment_id)
        adherence[experiment_id] = ADHERENCE_INPUT[word]
    if args.unusual is not None and not args.unusual.strip():
        raise ValidationError("--unusual", "give a short reason (ill, travelling...)")
    journal.check_ins.update(
        day,
        ratings=ratings,
        adherence=adherence,
        add_tags=args.tag,
        remove_tags=args.untag,
        note=args.note if args.note is not None else KEEP,
        unusual=None if args.usual else (args.unusual if args.unusual is not None else KEEP),
    )
    # Print the day as stored (ratings in metric order, as ``show`` prints them).
    out.write(format_check_in(journal, journal.check_ins.get(day)) + "\n")
    return 0


def cmd_show(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    check_in = journal.check_ins.get(_day(journal, args.date))
    if args.json:
        from ..interop.check_in_json import check_in_to_dict  # json: for --json only

        _dump(check_in_to_dict(check_in), out)
    else:
        out.write(format_check_in(journal, check_in) + "\n")
    return 0


def cmd_history(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    start = parse_date(args.start, "--from") if args.start else None
    end = parse_date(args.end, "--to") if args.end else None
    check_ins = journal.check_ins.stream(start, end)  # written as read: memory stays flat
    if args.json:
        from ..interop.check_in_json import write_check_ins  # json: for --json only

        write_check_ins(check_ins, out)
        return 0
    shown = 0
    for check_in in check_ins:
        out.write(format_check_in(journal, check_in) + "\n")
        shown += 1
    if not shown:
        out.write("No check-ins yet. Add one with: wlitracker log --satisfaction N --guilt N\n")
    return 0
