"""Commands for metrics, ideas and experiments.

``metric``, ``templates``, ``experiment``, ``evaluate``.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any, TextIO

from .. import APP_NAME
from ..core import schedules
from ..core.model.entities import (
    DecisionKind,
    Domain,
    Experiment,
    Schedule,
    Target,
    label_of,
    metric_label,
)
from ..core.model.errors import ValidationError
from ..core.model.record import replace
from ..core.model.words import ROUTINE_CHANGE_WORDS, VERDICT_WORDS
from ..core.present.experiment_form import ExperimentForm, form_of
from ..core.present.routine import routine_panel
from ..core.services.experiments import ExperimentView
from ..core.services.journal import Journal
from ..core.services.routines import RoutineView
from ..core.templates import TEMPLATES, template
from ..core.validation import parse_date
from ..interop import native

if TYPE_CHECKING:
    from ..core.services.evaluation import Evaluation, Verdict
from .common import VERDICT_WIDTH, Subparsers, _dump, _phase_text
from .removals import add_experiment_parser


def add_parsers(commands: Subparsers) -> None:
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
    add_experiment_parser(exp_commands)
    for name, about, needs_reason in (
        ("pause", "pause a routine (a persisted experiment): not asked about until resumed", True),
        ("resume", "ask about a paused routine again", False),
        ("retire", "end a routine; today is its last day, its history stays", True),
    ):
        change = exp_commands.add_parser(name, help=about)
        change.add_argument("id", type=int)
        change.add_argument("--reason", required=needs_reason, default="")
        change.set_defaults(run=cmd_routine_change, routine_change=name)

    evaluate = commands.add_parser("evaluate", help="how an experiment went, and a suggestion")
    evaluate.add_argument("id", type=int)
    evaluate.add_argument("--json", action="store_true")
    evaluate.set_defaults(run=cmd_evaluate)


def cmd_metric_add(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    metric = journal.metrics.add(args.name, args.min_value, args.max_value, args.better)
    out.write(
        f"Added {metric_label(metric)} ({metric.min_value} to {metric.max_value}, "
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
        name = metric_label(m)
        out.write(f"{name:<20} {m.min_value}..{m.max_value}  {m.better} is better{flags}\n")
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
        routine = journal.routines.view(args.id)
        data["routine"] = routine_to_dict(routine) if routine is not None else None
        _dump(data, out)
        return 0
    e = view.experiment
    labels = journal.metrics.labels()
    lines = [
        f"#{view.id} {e.title} (version {e.version})",
        f"  status: {view.status.value}",
        f"  intention: {e.intention or '-'}",
        f"  the shift: {e.shift or '-'}",
        f"  hypothesis: {e.hypothesis or '-'}",
        f"  domains: {', '.join(d.value for d in e.domains) or '-'}",
        "  targets: "
        + (
            ", ".join(f"{label_of(t.metric, labels)} ({t.better} is better)" for t in e.targets)
            or "-"
        ),
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
    routine = journal.routines.view(args.id)
    if routine is not None:
        panel = routine_panel(routine, journal.today())
        lines += [f"  routine: {panel.state_text}", f"    {panel.headline}", f"    {panel.recent}"]
        lines += [f"    {line}" for line in (*panel.held_up, *panel.history)]
    out.write("\n".join(lines) + "\n")
    return 0


def routine_to_dict(routine: RoutineView) -> dict[str, Any]:
    """The routine's score (0 to 1), days done lately, state and what happened to it."""
    return {
        "since": routine.since.isoformat(),
        "state": routine.state,
        "retired_on": routine.retired_on.isoformat() if routine.retired_on else None,
        "score": round(routine.score, 4),
        "days_done_last_30": routine.done_recent,
        "days_partly_last_30": routine.partly_recent,
        "changes": [
            {"kind": c.kind.value, "on": c.changed_on.isoformat(), "reason": c.reason}
            for c in routine.changes
        ],
        "held_up": [
            {
                "metric": h.metric.name,
                "judgement": h.judgement,
                "trial_mean": h.trial_mean,
                "since_mean": h.since_mean,
                "trial_days": h.trial_days,
                "since_days": h.since_days,
            }
            for h in routine.held_up
        ],
    }


def cmd_routine_change(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    change = getattr(journal.routines, args.routine_change)
    done = change(args.id, args.reason)
    out.write(f"{ROUTINE_CHANGE_WORDS[done.kind]}: #{args.id} on {done.changed_on}\n")
    return 0


def cmd_experiment_decide(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    from ..core.services.evaluation import early_decision_note

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
    from ..core.services.evaluation import change_in_words, nap_in_words

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
        lines.append(f"{m.label} ({role}{better} is better): {m.status}")
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
            f"{m.label} {m.status}" + (f" (NAP {m.nap.value:.2f})" if m.nap else "")
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
