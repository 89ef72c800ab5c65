"""``insights``: what goes with good days, strongest first, in words or as JSON."""

from __future__ import annotations

import argparse
from typing import Any, TextIO

from ..core.present.insights import ASSOCIATION_NOTE, insight_row
from ..core.services.insights import MIN_DAYS_EACH_SIDE, STRONG_Q, Insight
from ..core.services.journal import Journal
from ..core.validation import parse_date
from .common import Subparsers, _dump


def add_parsers(commands: Subparsers) -> None:
    insights = commands.add_parser(
        "insights",
        help="what goes with your good days: tags, experiments and metrics, strongest first",
        description="How each metric differs on the days with a tag, an experiment done or "
        "another metric high, and the days without. Associations, not causes. "
        f"A factor is tested with {MIN_DAYS_EACH_SIDE} days on each side; q-values are "
        "corrected for everything tested.",
    )
    insights.add_argument("--metric", metavar="NAME", help="only this metric's comparisons")
    insights.add_argument("--from", dest="start", metavar="D", help="first day (default: all)")
    insights.add_argument("--to", dest="end", metavar="D", help="last day (default: today)")
    insights.add_argument("--json", action="store_true")
    insights.set_defaults(run=cmd_insights)


def insight_to_dict(insight: Insight) -> dict[str, Any]:
    c = insight.comparison
    return {
        "factor": insight.factor.name,
        "kind": insight.factor.kind,
        "experiment_id": insight.factor.experiment_id,
        "metric": insight.metric.name,
        "difference": c.difference,
        "ci_low": c.ci_low,
        "ci_high": c.ci_high,
        "days_with": c.days_with,
        "days_without": c.days_without,
        "mean_with": c.mean_with,
        "mean_without": c.mean_without,
        "p_value": c.p_value,
        "q_value": insight.q_value,
        "strong": insight.strong,
    }


def cmd_insights(journal: Journal, args: argparse.Namespace, out: TextIO) -> int:
    metric = journal.metrics.get(args.metric).name if args.metric else None
    start = parse_date(args.start, "--from") if args.start else None
    end = parse_date(args.end, "--to") if args.end else None
    result = journal.insights.insights(start, end)
    items = result.for_metric(metric)
    if args.json:
        _dump([insight_to_dict(i) for i in items], out)
        return 0
    lines = [f"What goes with your good days, {result.start} to {result.end}"]
    if not items:
        lines.append(
            f"Nothing to compare yet: a factor is compared once it has {MIN_DAYS_EACH_SIDE} "
            f"rated days with it and {MIN_DAYS_EACH_SIDE} without."
        )
    else:
        strong = sum(1 for i in items if i.strong)
        lines.append(f"{len(items)} comparisons, {strong} strong (q <= {STRONG_Q:g}).")
        today = journal.today()
        for rank, insight in enumerate(items, 1):
            row = insight_row(insight, today)
            mark = "*" if row.strong else " "
            lines.append(f"{rank:>3}.{mark}{row.headline}")
            lines.append(f"      {row.detail}")
    lines.append(ASSOCIATION_NOTE)
    out.write("\n".join(lines) + "\n")
    return 0
