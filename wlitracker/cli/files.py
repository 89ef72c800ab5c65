"""Commands that read or write files: ``chart``, ``report``, ``export``, ``import``, ``demo``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ..core.model.errors import ConflictError, ValidationError
from ..core.present import chart_specs
from ..core.services import demo
from ..core.services.journal import Journal
from ..core.validation import parse_date
from ..interop import native

if TYPE_CHECKING:
    pass
from .common import Subparsers, TerminalProgress


def add_parsers(commands: Subparsers) -> None:
    chart = commands.add_parser("chart", help="draw a chart into a PNG, SVG or PDF file")
    chart.add_argument("kind", choices=CHART_KINDS)
    chart.add_argument("--experiment", type=int, metavar="ID", help="experiment and compare")
    chart.add_argument(
        "--metric", metavar="NAME", help="trend, calendar, weekday; scatter: x against guilt"
    )
    chart.add_argument(
        "--from",
        dest="start",
        metavar="D",
        help="first day (default: trend 3 months back, calendar, weekday and scatter a year back)",
    )
    chart.add_argument("--to", dest="end", metavar="D", help="last day (default: today)")
    chart.add_argument("--theme", choices=("light", "dark"), default="light")
    chart.add_argument("-o", "--output", required=True, metavar="FILE.png|svg|pdf")
    chart.set_defaults(run=cmd_chart)

    report = commands.add_parser("report", help="a one-page experiment report (PDF or HTML)")
    report.add_argument("id", type=int, help="the experiment's id")
    report.add_argument("-o", "--output", required=True, metavar="FILE.pdf|html")
    report.set_defaults(run=cmd_report)

    export = commands.add_parser("export", help="export everything")
    export.add_argument("--format", choices=("json", "csv"), required=True)
    export.add_argument("-o", "--output", required=True, metavar="PATH")
    export.set_defaults(run=cmd_export)

    imp = commands.add_parser(
        "import",
        help="import history: a wlitracker export, Daylio CSV or Loop Habit Tracker CSV",
        description="Import history. Values already in your journal win; importing the "
        "same file twice adds nothing the second time. Everything lands or nothing does.",
    )
    imp.add_argument("path", metavar="PATH", help="a file, or an unpacked Loop export folder")
    imp.add_argument(
        "--format",
        choices=("auto", "wlitracker-json", "wlitracker-csv", "daylio", "loop"),
        default="auto",
        help="what PATH is (default: recognise it)",
    )
    imp.add_argument(
        "--dry-run", action="store_true", help="say what would be added and skipped; write nothing"
    )
    imp.add_argument(
        "--mood-map",
        action="append",
        default=[],
        metavar="NAME=LEVEL",
        help="place a Daylio mood: LEVEL 1 (awful) to 5 (rad), awful..rad, or skip",
    )
    imp.set_defaults(run=cmd_import)

    demo_cmd = commands.add_parser("demo", help="fill the database with a realistic history")
    demo_cmd.add_argument("--days", type=int, default=demo.DEFAULT_DAYS)
    demo_cmd.add_argument("--seed", type=int, default=14)
    demo_cmd.add_argument("--force", action="store_true", help="replace what is there")
    demo_cmd.set_defaults(run=cmd_demo)


CHART_KINDS = ("experiment", "compare", "trend", "calendar", "weekday", "scatter")


def cmd_chart(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    from ..charts.render import format_of, write_chart  # matplotlib only when drawing
    from ..charts.theme import theme_named

    format_of(args.output)
    needs_experiment = args.kind in ("experiment", "compare")
    if needs_experiment and args.experiment is None:
        raise ValidationError("--experiment", f"the {args.kind} chart needs --experiment ID")
    if not needs_experiment and args.experiment is not None:
        raise ValidationError("--experiment", f"applies to experiment and compare, not {args.kind}")
    if needs_experiment and args.metric is not None:
        raise ValidationError("--metric", f"the {args.kind} chart shows the experiment's targets")
    if args.experiment is not None:
        journal.experiments.get(args.experiment)
    if args.metric is not None:
        journal.metrics.get(args.metric)
    spec = chart_specs.build(
        journal,
        args.kind,
        experiment_id=args.experiment,
        metric=args.metric,
        start=parse_date(args.start, "--from") if args.start else None,
        end=parse_date(args.end, "--to") if args.end else None,
    )
    path = write_chart(spec, args.output, theme=theme_named(args.theme), journals=journal.protected)
    out.write(f"Wrote the {args.kind} chart to {path}\n")
    return 0


def cmd_report(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    from ..charts.render import format_of
    from ..charts.report import REPORT_FORMATS, write_report

    format_of(args.output, REPORT_FORMATS)
    evaluation = journal.evaluations.evaluate(args.id)
    report = chart_specs.report(journal, args.id, evaluation)
    chart = chart_specs.experiment_chart(journal, args.id)
    path = write_report(report, chart, args.output, journal.protected)
    out.write(f"Wrote the report of #{args.id} to {path}\n")
    return 0


def cmd_export(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    write = native.write_json if args.format == "json" else native.write_csv
    path = write(journal, Path(args.output), "-o")
    out.write(f"Exported to {path}\n")
    return 0


def cmd_import(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    from ..interop import importing

    mood_map = importing.parse_mood_map(args.mood_map)
    progress = TerminalProgress(sys.stderr)  # a line on a terminal when it takes a while
    try:
        plan = importing.preview(journal, Path(args.path), args.format, mood_map, progress)
    except ConflictError as error:  # the core says what; the command line says how
        raise ConflictError(f"{error}. Import it into a new journal with --db NEW.db") from None
    finally:
        progress.close()
    if args.dry_run:
        out.write("\n".join(importing.describe_plan(plan)) + "\n")
        if plan.unmapped_moods:
            raise importing.UnmappedMoodsError(importing.unmapped_message(plan.unmapped_moods))
        out.write("Dry run: nothing was written.\n")
        return 0
    try:
        result = importing.apply_import(journal, plan, progress)
    finally:
        progress.close()
    if result.native_counts is not None:
        out.write(
            "Imported {check_ins} check-ins, {experiments} experiments, "
            "{decisions} decisions, {metrics} metrics\n".format(**result.native_counts)
        )
        return 0
    out.write("\n".join(importing.describe_plan(result, applied=True)) + "\n")
    return 0


def cmd_demo(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    try:
        counts = journal.demo.fill(args.days, args.seed, args.force)
    except ConflictError as error:
        raise ConflictError(
            f"{error}: use --force to replace it, or --db NEW.db for a separate demo database"
        ) from None
    out.write(
        "Demo journal ready: {check_ins} check-ins, {experiments} experiments, "
        "{decisions} decisions\n".format(**counts)
    )
    return 0
