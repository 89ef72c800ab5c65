"""The command line: argparse over the core services, nothing more.

Each command takes the already-opened ``Journal`` and writes to stdout; input
problems surface as ``WliError`` and become exit status 2 in ``app.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from . import APP_NAME, __version__
from .core import demo, schedules
from .core.checkins import KEEP
from .core.errors import ValidationError
from .core.experiment_form import ExperimentForm, form_of
from .core.experiments import ExperimentView
from .core.journal import Journal
from .core.models import (
    Adherence,
    CheckIn,
    DecisionKind,
    Domain,
    Experiment,
    Schedule,
    Target,
    rating_text,
)
from .core.templates import TEMPLATES, template
from .core.validation import check_past_or_today, parse_date
from .core.words import ADHERENCE_WORDS, VERDICT_WORDS
from .interop import native

if TYPE_CHECKING:
    from .core.evaluation import Evaluation, Verdict
    from .storage.backups import BackupManager

VERDICT_WIDTH = max(len(words) for words in VERDICT_WORDS.values())
ADHERENCE_INPUT = {  # what --did accepts
    "done": Adherence.DONE,
    "partly": Adherence.PARTLY,
    "not": Adherence.NOT_DONE,
    "unscheduled": Adherence.NOT_SCHEDULED,
}


class UsageError(Exception):
    """Bad command-line usage; carries one line for stderr."""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, not usage plus a message."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: error: {message} (see {self.prog} --help)")


Command = Callable[[Journal, argparse.Namespace, TextIO], int]


def build_parser() -> Parser:
    parser = Parser(
        prog=APP_NAME,
        description="A private lab notebook for small work-life integration experiments. "
        "Without a command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"{APP_NAME} {__version__}")
    parser.add_argument(
        "--db", metavar="PATH", help="database file (default: $WLITRACKER_DB, else user data dir)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

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

    metric = commands.add_parser("metric", help="your own metrics")
    metric_commands = metric.add_subparsers(dest="metric_command", metavar="ACTION", required=True)
    metric_add = metric_commands.add_parser("add", help="add a metric")
    metric_add.add_argument("name")
    metric_add.add_argument("--min", type=int, required=True, dest="min_value")
    metric_add.add_argument("--max", type=int, required=True, dest="max_value")
    metric_add.add_argument("--better", choices=("higher", "lower"), required=True)
    metric_add.set_defaults(run=cmd_metric_add)
    metric_list = metric_commands.add_parser("list", help="list metrics")
    metric_list.add_argument("--json", action="store_true")
    metric_list.add_argument("--all", action="store_true", help="include archived metrics")
    metric_list.set_defaults(run=cmd_metric_list)

    templates = commands.add_parser("templates", help="ideas for experiments")
    templates.add_argument("--json", action="store_true")
    templates.set_defaults(run=cmd_templates)

    experiment = commands.add_parser("experiment", help="create, list, show and decide")
    exp_commands = experiment.add_subparsers(dest="exp_command", metavar="ACTION", required=True)
    add = exp_commands.add_parser(
        "add", help="create an experiment; prints its id, then how long to plan it"
    )
    add.add_argument("--title", required=True)
    add.add_argument("--template", metavar="KEY", help="start from an idea (see: templates)")
    add.add_argument("--intention")
    add.add_argument("--shift")
    add.add_argument("--hypothesis")
    add.add_argument(
        "--domain", action="append", default=[], choices=[d.value for d in Domain], metavar="D"
    )
    add.add_argument(
        "--target",
        action="append",
        default=[],
        metavar="METRIC",
        help="a metric to move; METRIC=higher|lower overrides its better direction",
    )
    add.add_argument("--design", choices=schedules.DESIGNS)
    add.add_argument("--baseline-days", type=int, metavar="N")
    add.add_argument("--trial-days", type=int, metavar="N")
    add.add_argument("--block-days", type=int, metavar="N")
    add.add_argument("--start", metavar="D", help="first day (default: today)")
    add.add_argument(
        "--change",
        type=float,
        default=1.0,
        metavar="POINTS",
        help="the change in the main target to plan for (default: 1 point)",
    )
    add.set_defaults(run=cmd_experiment_add)
    exp_list = exp_commands.add_parser("list", help="list experiments")
    exp_list.add_argument("--json", action="store_true")
    exp_list.set_defaults(run=cmd_experiment_list)
    exp_show = exp_commands.add_parser("show", help="show one experiment")
    exp_show.add_argument("id", type=int)
    exp_show.add_argument("--json", action="store_true")
    exp_show.set_defaults(run=cmd_experiment_show)
    decide = exp_commands.add_parser("decide", help="persist, adjust, switch or stop")
    decide.add_argument("id", type=int)
    decide.add_argument("decision", choices=[k.value for k in DecisionKind])
    decide.add_argument("--reason", required=True)
    decide.set_defaults(run=cmd_experiment_decide)
    undo = exp_commands.add_parser("undo", help="take back the latest decision")
    undo.add_argument("id", type=int)
    undo.set_defaults(run=cmd_experiment_undo)

    evaluate = commands.add_parser("evaluate", help="how an experiment went, and a suggestion")
    evaluate.add_argument("id", type=int)
    evaluate.add_argument("--json", action="store_true")
    evaluate.set_defaults(run=cmd_evaluate)

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
        help="first day (default: trend 3 months back, weekday and scatter a year back); "
        "calendar: the year of D",
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

    # Backup commands get a BackupManager instead of a Journal (see run_backups): a
    # damaged journal cannot be opened, yet it is exactly when a restore is needed.
    backup = commands.add_parser("backup", help="back up the journal now")
    backup.add_argument(
        "-o", "--output", metavar="PATH", help="a new file or a folder (default: backups folder)"
    )
    backup.set_defaults(backup_run=cmd_backup)
    backups = commands.add_parser("backups", help="list the backups, newest first")
    backups.add_argument("--json", action="store_true")
    backups.set_defaults(backup_run=cmd_backups)
    restore = commands.add_parser(
        "restore", help="replace the journal with a backup (the current one is kept)"
    )
    restore.add_argument("path", metavar="PATH", help="a backup file (see: backups)")
    restore.set_defaults(backup_run=cmd_restore)
    return parser


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
    json.dump(data, out, ensure_ascii=False, indent=2)
    out.write("\n")


def format_check_in(journal: Journal, check_in: CheckIn) -> str:
    if check_in.is_empty:
        return f"{check_in.date.isoformat()}  (no check-in)"
    ratings = "  ".join(f"{name} {rating_text(v)}" for name, v in check_in.ratings.items())
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
        _dump(native.check_in_to_dict(check_in), out)
    else:
        out.write(format_check_in(journal, check_in) + "\n")
    return 0


def cmd_history(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    start = parse_date(args.start, "--from") if args.start else None
    end = parse_date(args.end, "--to") if args.end else None
    check_ins = journal.check_ins.history(start, end)
    if args.json:
        _dump([native.check_in_to_dict(c) for c in check_ins], out)
    elif not check_ins:
        out.write("No check-ins yet. Add one with: wlitracker log --satisfaction N --guilt N\n")
    else:
        for check_in in check_ins:
            out.write(format_check_in(journal, check_in) + "\n")
    return 0


def cmd_metric_add(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    metric = journal.metrics.add(args.name, args.min_value, args.max_value, args.better)
    out.write(
        f"Added {metric.name} ({metric.min_value} to {metric.max_value}, "
        f"{metric.better} is better)\n"
    )
    return 0


def cmd_metric_list(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    metrics = journal.metrics.list(include_archived=args.all)
    if args.json:
        _dump([native.metric_to_dict(m) for m in metrics], out)
        return 0
    for m in metrics:
        flags = " (built in)" if m.builtin else (" (archived)" if m.archived else "")
        out.write(f"{m.name:<20} {m.min_value}..{m.max_value}  {m.better} is better{flags}\n")
    return 0


def cmd_templates(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    if args.json:
        _dump(
            [
                {
                    "key": t.key,
                    "title": t.title,
                    "why": t.why,
                    **{
                        k: v
                        for k, v in native.experiment_to_dict(t.to_experiment()).items()
                        if k not in ("id", "parent_id", "version", "created_on", "title")
                    },
                }
                for t in TEMPLATES
            ],
            out,
        )
        return 0
    for t in TEMPLATES:
        out.write(f"{t.key:<30} {t.title}\n{'':<30} {t.why}\n")
    return 0


def _schedule_from_args(
    args: argparse.Namespace, base: Experiment | None, start: dt.date
) -> Schedule:
    """The template's (or the default) schedule, with the lengths given on the command line."""
    form = form_of(base) if base is not None else ExperimentForm()
    design = args.design or form.design
    if design == "ab" and args.block_days is not None:
        raise ValidationError("--block-days", "applies to --design abab")
    if design == "abab" and (args.baseline_days is not None or args.trial_days is not None):
        raise ValidationError(
            "--baseline-days/--trial-days", "apply to --design ab; use --block-days"
        )

    def given(value: int | None, default: int) -> int:
        return default if value is None else value

    return replace(
        form,
        design=design,
        baseline_days=given(args.baseline_days, form.baseline_days),
        trial_days=given(args.trial_days, form.trial_days),
        block_days=given(args.block_days, form.block_days),
        start=start,
    ).schedule()


def cmd_experiment_add(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    start = parse_date(args.start, "--start") if args.start else journal.today()
    base: Experiment
    if args.template:
        base = template(args.template).to_experiment(start)
    else:
        base = Experiment(title=args.title, schedule=ExperimentForm(start=start).schedule())
    targets = list(base.targets)
    if args.target:
        targets = []
        for item in args.target:
            name, _, better = item.partition("=")
            metric = journal.metrics.get(name)
            if better and better not in ("higher", "lower"):
                raise ValidationError("--target", f"{item!r}: direction must be higher or lower")
            targets.append(Target(metric.name, better or metric.better))
    draft = replace(
        base,
        title=args.title,
        intention=args.intention if args.intention is not None else base.intention,
        shift=args.shift if args.shift is not None else base.shift,
        hypothesis=args.hypothesis if args.hypothesis is not None else base.hypothesis,
        domains=tuple(Domain(d) for d in args.domain) or base.domains,
        targets=tuple(targets),
        schedule=_schedule_from_args(args, base if args.template else None, start),
    )
    # The length: planned from the main target's recent days unless given.
    checked = journal.experiments.validate(draft)
    advice = None
    if checked.kind == "experiment" and checked.targets:
        main = checked.targets[0]
        advice = journal.experiments.length_advice(main.metric, args.change, main.better)
        lengths_given = args.baseline_days is not None or args.trial_days is not None
        design = schedules.design_of(checked.schedule)
        if advice.from_history and design == "ab" and not lengths_given:
            draft = replace(
                draft, schedule=schedules.ab(advice.days, advice.days, checked.schedule.start)
            )
    created = journal.experiments.create(draft)
    out.write(f"{created.id}\n")
    if advice is not None:
        plan = " + ".join(str(p.days) for p in created.schedule.plan)
        out.write(f"Planned {plan} days. {advice.text}\n")
    return 0


def experiment_row(view: ExperimentView, verdict: Verdict) -> str:
    left = "-" if view.days_left is None else str(view.days_left)
    return (
        f"{view.id:>3}  {view.status.value:<16} {_phase_text(view):<5} {left:>9}  "
        f"{VERDICT_WORDS[verdict.value]:<{VERDICT_WIDTH}}  {view.experiment.title}"
    )


def cmd_experiment_list(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    views = journal.experiments.views()
    evaluations = {v.id: journal.evaluations.evaluate(v.id) for v in views}
    if args.json:
        rows = []
        for view in views:
            row = native.view_to_dict(view)
            row["verdict"] = evaluations[view.id].verdict.value
            row["reason"] = evaluations[view.id].reason
            rows.append(row)
        _dump(rows, out)
        return 0
    if not views:
        out.write("No experiments yet. Start one with: wlitracker experiment add --title T\n")
        return 0
    verdict = f"{'VERDICT':<{VERDICT_WIDTH}}"
    out.write(f"{'ID':>3}  {'STATUS':<16} {'PHASE':<5} {'DAYS LEFT':>9}  {verdict}  TITLE\n")
    for view in views:
        out.write(experiment_row(view, evaluations[view.id].verdict) + "\n")
    return 0


def cmd_experiment_show(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    view = journal.experiments.view(args.id)
    if args.json:
        data = native.view_to_dict(view)
        data["lineage"] = [
            {
                "id": step.experiment.id,
                "version": step.experiment.version,
                "decision": step.decision.kind.value if step.decision else None,
                "reason": step.decision.reason if step.decision else None,
            }
            for step in journal.experiments.lineage(args.id)
        ]
        _dump(data, out)
        return 0
    e = view.experiment
    lines = [
        f"#{view.id} {e.title} (version {e.version})",
        f"  status: {view.status.value}",
        f"  intention: {e.intention or '-'}",
        f"  the shift: {e.shift or '-'}",
        f"  hypothesis: {e.hypothesis or '-'}",
        f"  domains: {', '.join(d.value for d in e.domains) or '-'}",
        "  targets: " + (", ".join(f"{t.metric} ({t.better} is better)" for t in e.targets) or "-"),
        f"  schedule: {schedules.design_of(e.schedule).upper().replace('AB', 'A-B-')[:-1]}",
    ]
    for phase in view.phases:
        lines.append(f"    {phase.label:<3} {phase.kind.value:<8} {phase.start} to {phase.end}")
    if e.kind == "routine":
        lines[-1] = f"  schedule: a routine since {e.schedule.start}, no phases"
    elif not view.phases:
        lines.append("    not scheduled yet")
    lineage = journal.experiments.lineage(args.id)
    if len(lineage) > 1:
        lines.append("  lineage:")
        for step in lineage:
            why = f" -> {step.decision.kind.value}: {step.decision.reason}" if step.decision else ""
            lines.append(f"    v{step.experiment.version} #{step.experiment.id}{why}")
    for decision in view.decisions:
        lines.append(f"  decided {decision.kind.value} on {decision.decided_on}: {decision.reason}")
    out.write("\n".join(lines) + "\n")
    return 0


def cmd_experiment_decide(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    from .core.evaluation import early_decision_note

    early = early_decision_note(journal.evaluations.evaluate(args.id))
    decision = journal.experiments.decide(args.id, DecisionKind(args.decision), args.reason)
    if decision.new_experiment_id is not None:
        out.write(f"{decision.new_experiment_id}\n")  # the only line, for scripts
        return 0
    out.write(f"Recorded: {decision.kind.value} (#{decision.experiment_id})\n")
    if early is not None:
        out.write(
            f"Note: decided before the plan's end. {early} "
            f"To undo: {APP_NAME} experiment undo {args.id}\n"
        )
    return 0


def cmd_experiment_undo(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    undone = journal.experiments.undo_decision(args.id)
    removed = (
        f"; version #{undone.new_experiment_id} it made is removed"
        if undone.new_experiment_id is not None
        else ""
    )
    out.write(
        f"Undone: {undone.kind.value} of {undone.decided_on} (#{args.id} is open again{removed})\n"
    )
    return 0


def format_evaluation(journal: Journal, evaluation: Evaluation) -> str:
    from .core.evaluation import change_in_words, nap_in_words

    experiment = journal.experiments.get(evaluation.experiment_id)
    lines = [f"#{evaluation.experiment_id} {experiment.title}", "", evaluation.reason, ""]
    if evaluation.adherence is not None and evaluation.design != "routine":
        lines.append(f"Tried on {round(evaluation.adherence * 100)}% of scheduled trial days.")
    for phase in evaluation.phases:
        lines.append(
            f"  phase {phase.label:<3} {phase.start} to {phase.end}: "
            f"{phase.usable_days} usable days"
            + (f", {phase.unusual_days} unusual left out" if phase.unusual_days else "")
        )
    for m in evaluation.metrics:
        better = "higher" if m.improvement == "increase" else "lower"
        lines.append("")
        role = "main target, " if m.primary else ""
        lines.append(f"{m.metric} ({role}{better} is better): {m.status}")
        if m.baseline_mean is not None and m.trial_mean is not None:
            lines.append(
                f"  baseline mean {m.baseline_mean:.1f}, trial mean {m.trial_mean:.1f} "
                f"({m.difference:+.1f}); {nap_in_words(m)}"
            )
        if m.change is not None and m.autocorrelation is not None:
            lines.append(
                f"  change {change_in_words(m)}; days resemble the day before "
                f"(autocorrelation about {m.autocorrelation:.2f})"
            )
        if m.nap is not None and m.nap.ci_low is not None and m.nap.ci_high is not None:
            lines.append(
                f"  NAP {m.nap.value:.2f} (95% CI {m.nap.ci_low:.2f} to {m.nap.ci_high:.2f})"
                + (f", Tau {m.tau.value:+.2f}" if m.tau else "")
                + (f", Tau-BC {m.tau_bc.value:+.2f}" if m.tau_bc else "")
                + (f", SMD {m.smd.value:+.2f}" if m.smd else "")
            )
    for pair in evaluation.pairs:
        parts = "; ".join(
            f"{m.metric} {m.status}" + (f" (NAP {m.nap.value:.2f})" if m.nap else "")
            for m in pair.metrics
        )
        lines.append(f"  pair {pair.baseline_label}->{pair.trial_label}: {parts}")
    for tradeoff in evaluation.tradeoffs:
        lines.append(f"Trade-off: {tradeoff}.")
    if evaluation.caveats:
        lines.append("")
        lines.extend(f"Note: {caveat}" for caveat in evaluation.caveats)
    return "\n".join(lines)


def cmd_evaluate(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    evaluation = journal.evaluations.evaluate(args.id)
    if args.json:
        _dump(native.evaluation_to_dict(evaluation), out)
    else:
        out.write(format_evaluation(journal, evaluation) + "\n")
    return 0


CHART_KINDS = ("experiment", "compare", "trend", "calendar", "weekday", "scatter")


def cmd_chart(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    from .charts.render import format_of, write_chart  # matplotlib only when drawing
    from .charts.theme import theme_named

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
    path = write_chart(
        journal,
        args.kind,
        args.output,
        experiment_id=args.experiment,
        metric=args.metric,
        start=parse_date(args.start, "--from") if args.start else None,
        end=parse_date(args.end, "--to") if args.end else None,
        theme=theme_named(args.theme),
    )
    out.write(f"Wrote the {args.kind} chart to {path}\n")
    return 0


def cmd_report(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    from .charts.render import format_of
    from .charts.report import REPORT_FORMATS, write_report

    format_of(args.output, REPORT_FORMATS)
    path = write_report(journal, args.id, args.output)
    out.write(f"Wrote the report of #{args.id} to {path}\n")
    return 0


def cmd_export(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    write = native.write_json if args.format == "json" else native.write_csv
    path = write(journal, Path(args.output), "-o")
    out.write(f"Exported to {path}\n")
    return 0


def cmd_import(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    from .interop import importing

    mood_map = importing.parse_mood_map(args.mood_map)
    plan = importing.preview(journal, Path(args.path), args.format, mood_map)
    if args.dry_run:
        out.write("\n".join(importing.describe_plan(plan)) + "\n")
        if plan.unmapped_moods:
            raise importing.UnmappedMoodsError(importing.unmapped_message(plan.unmapped_moods))
        out.write("Dry run: nothing was written.\n")
        return 0
    result = importing.apply_import(journal, plan)
    if result.native_counts is not None:
        out.write(
            "Imported {check_ins} check-ins, {experiments} experiments, "
            "{decisions} decisions, {metrics} metrics\n".format(**result.native_counts)
        )
        return 0
    out.write("\n".join(importing.describe_plan(result, applied=True)) + "\n")
    return 0


def cmd_demo(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    counts = demo.fill(journal.repo, journal.today(), args.days, args.seed, args.force)
    journal.changed.emit()
    out.write(
        "Demo journal ready: {check_ins} check-ins, {experiments} experiments, "
        "{decisions} decisions\n".format(**counts)
    )
    return 0


def format_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def cmd_backup(backups: BackupManager, args: argparse.Namespace, out: TextIO) -> int:
    made = backups.back_up(Path(args.output) if args.output else None)
    out.write(f"Backed up to {made.path} ({format_size(made.size)})\n")
    return 0


def cmd_backups(backups: BackupManager, args: argparse.Namespace, out: TextIO) -> int:
    found = backups.list_backups()
    if args.json:
        _dump(
            [
                {
                    "path": str(b.path),
                    "taken_at": b.taken_at.isoformat(timespec="minutes"),
                    "size": b.size,
                    "kind": b.kind,
                }
                for b in found
            ],
            out,
        )
        return 0
    if not found:
        out.write(f"No backups yet in {backups.folder}. Make one with: {APP_NAME} backup\n")
        return 0
    out.write(f"Backups in {backups.folder} (newest first):\n")
    for b in found:
        kind = "  (before a restore)" if b.kind != "backup" else ""
        out.write(f"{b.label}  {format_size(b.size):>10}  {b.path}{kind}\n")
    return 0


def cmd_restore(backups: BackupManager, args: argparse.Namespace, out: TextIO) -> int:
    result = backups.restore(Path(args.path))
    out.write(result.describe() + "\n")
    return 0


def run_backups(backups: BackupManager, args: argparse.Namespace, out: TextIO) -> int:
    """Run ``backup``, ``backups`` or ``restore``: they work on the file, not the journal."""
    command: Callable[[BackupManager, argparse.Namespace, TextIO], int] = args.backup_run
    return command(backups, args, out)


def run(journal: Journal, args: argparse.Namespace, out: TextIO = sys.stdout) -> int:
    command: Command = args.run
    return command(journal, args, out)


def parse(argv: Sequence[str] | None) -> argparse.Namespace:
    return build_parser().parse_args(argv)
