"""Commands for finding days and keeping tags tidy: ``search``, ``tags``."""

from __future__ import annotations

import argparse
from typing import TextIO

from ..core.model.errors import ValidationError
from ..core.model.search import SearchHit
from ..core.services.journal import Journal
from ..core.services.search import DEFAULT_LIMIT
from .common import Subparsers, _dump


def add_parsers(commands: Subparsers) -> None:
    search = commands.add_parser(
        "search",
        help="find days by words in their notes and tags, newest first",
        description="Find days whose note or tags have every word given (a word matches "
        "the start of a word; case and accents do not matter).",
    )
    search.add_argument("text", nargs="+", metavar="TEXT")
    search.add_argument(
        "--limit",
        type=int,
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"at most N days (default {DEFAULT_LIMIT}; 0 for all)",
    )
    search.add_argument("--json", action="store_true")
    search.set_defaults(run=cmd_search)

    tags = commands.add_parser("tags", help="tags in use with their number of days; rename")
    tags.add_argument("--json", action="store_true")
    tags.set_defaults(run=cmd_tags)
    actions = tags.add_subparsers(dest="tags_command", metavar="ACTION")
    rename = actions.add_parser(
        "rename", help="rename a tag on every day (onto an existing tag, merges the two)"
    )
    rename.add_argument("old")
    rename.add_argument("new")
    rename.set_defaults(run=cmd_tags_rename)
    delete = actions.add_parser("delete", help="take a tag off every day that has it")
    delete.add_argument("tag")
    delete.set_defaults(run=cmd_tags_delete)


def marked(hit: SearchHit) -> str:
    """The excerpt with the matching words in [brackets], on one line."""
    text = "".join(f"[{part}]" if found else part for part, found in hit.parts())
    return " ".join(text.split())


def cmd_search(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    if args.limit < 0:
        raise ValidationError("--limit", "must be 0 (all) or more")
    text = " ".join(args.text)
    results = journal.search.days(text, args.limit or None)
    if args.json:
        _dump(
            [
                {
                    "date": hit.date.isoformat(),
                    "excerpt": hit.plain_excerpt,
                    "matches": list(hit.matched_words),
                    "tags": list(hit.tags),
                }
                for hit in results.hits
            ],
            out,
        )
        return 0
    if not results.hits:
        out.write(f"No days found for {text!r}.\n")
        return 0
    for hit in results.hits:
        line = f"{hit.date.isoformat()}  {marked(hit) or '(no note)'}"
        if hit.tags:
            line += f"  tags: {', '.join(hit.tags)}"
        out.write(line + "\n")
    more = results.total - len(results.hits)
    if more:
        out.write(f"... and {more} older days (see them all with --limit 0)\n")
    return 0


def cmd_tags(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    uses = journal.tags.uses()
    if args.json:
        _dump(
            [{"tag": u.tag, "days": u.days, "last_used": u.last_used.isoformat()} for u in uses],
            out,
        )
        return 0
    if not uses:
        out.write("No tags yet. Add one with: wlitracker log --tag TAG\n")
        return 0
    out.write(f"{'DAYS':>5}  LAST USED   TAG\n")
    for use in uses:
        out.write(f"{use.days:>5}  {use.last_used.isoformat()}  {use.tag}\n")
    return 0


def cmd_tags_rename(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    out.write(journal.tags.rename(args.old, args.new).done + "\n")
    return 0


def cmd_tags_delete(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    out.write(journal.tags.remove(args.tag).done + "\n")
    return 0
