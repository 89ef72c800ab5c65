"""Importing history from other apps and from wlitracker's own exports.

Three steps, so the window and the command line can both show what an import
would do before anything is written:

1. ``detect_format(path)`` names the format (or ``preview`` does it for you);
2. ``preview(journal, path, fmt, mood_map)`` has the format's reader turn the file
   into a plain batch (``ImportSource``) and the journal's import service compare it
   with the journal: an ``ImportPlan``, pure data (counts, a few example lines,
   warnings, moods it cannot place);
3. ``apply_import(journal, plan)`` has the service write it in one transaction: it
   all lands or nothing does.

The merge rules (the same for every format) are in ``core.services.import_plan``: the
journal's own values win, and a value the journal's rules refuse is skipped with
a warning. A file that cannot be read at all raises ``ValidationError`` naming the
line and the problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from ..core.files import refuse_journal_input
from ..core.model.import_batch import (
    DayRecord,
    ExperimentRef,
    ImportProgress,
    ImportSource,
    MetricSpec,
    RoutineSpec,
    UnmappedMood,
    no_progress,
)
from ..core.services.import_plan import MAX_EXAMPLES, MAX_WARNINGS, ImportPlan, Tally
from ..core.services.journal import Journal
from .formats import FORMAT_LABELS, FORMATS, Format, detect_format, read_source
from .moods import UnmappedMoodsError, mood_map_hint, parse_mood_map, unmapped_message
from .reading import MAX_FILE_BYTES, half_up

__all__ = [
    "FORMATS",
    "FORMAT_LABELS",
    "MAX_EXAMPLES",
    "MAX_FILE_BYTES",
    "MAX_WARNINGS",
    "DayRecord",
    "ExperimentRef",
    "Format",
    "ImportPlan",
    "ImportSource",
    "MetricSpec",
    "RoutineSpec",
    "Tally",
    "UnmappedMood",
    "UnmappedMoodsError",
    "apply_import",
    "describe_plan",
    "detect_format",
    "half_up",
    "parse_mood_map",
    "preview",
    "read_source",
    "unmapped_message",
]


def preview(
    journal: Journal,
    path: Path,
    fmt: Format | Literal["auto"] = "auto",
    mood_map: Mapping[str, int | None] | None = None,
    progress: ImportProgress = no_progress,
) -> ImportPlan:
    """Read ``path`` and say what importing it would do; writes nothing.

    ``mood_map`` maps Daylio mood names (any case) to a level 1-5, or to None
    to leave that mood out; see ``parse_mood_map`` for the command-line form.
    The journal's own files are refused before a byte of them is read.
    ``progress`` hears how far reading and comparing are; it may raise ``Cancelled``.
    """
    refuse_journal_input(Path(path), journal.protected, "import")
    return journal.imports.preview(read_source(path, fmt, mood_map, progress), progress)


def apply_import(
    journal: Journal, plan: ImportPlan, progress: ImportProgress = no_progress
) -> ImportPlan:
    """Write the plan through the journal's import service, in one transaction; returns
    it as applied. If ``progress`` raises ``Cancelled``, nothing is written."""
    if plan.unmapped_moods:
        raise UnmappedMoodsError(unmapped_message(plan.unmapped_moods))
    return journal.imports.apply(plan, progress)


# --- describing a plan -----------------------------------------------------------


def _tally_text(tally: Tally, what: str, applied: bool) -> str | None:
    parts = []
    if tally.added:
        parts.append(f"{tally.added} {'added' if applied else 'to add'}")
    if tally.unchanged:
        parts.append(f"{tally.unchanged} already there")
    if tally.skipped:
        parts.append(f"{tally.skipped} skipped (already has a value)")
    return f"  {what}: {', '.join(parts)}" if parts else None


def describe_plan(plan: ImportPlan, applied: bool = False, command_line: bool = True) -> list[str]:
    """The plan (or the result) as lines for the command line or, without its
    option syntax, for the window's import dialog (which asks for moods itself)."""
    label = FORMAT_LABELS.get(plan.format, plan.format)
    lines = [f"{label}: {plan.source_name}"]
    if plan.native_counts is not None:
        c = plan.native_counts
        verb = "Imported" if applied else "Would import"
        lines.append(
            f"  {verb} {c['check_ins']} check-ins, {c['experiments']} experiments, "
            f"{c['decisions']} decisions, {c['metrics']} metrics"
        )
        return lines
    day_parts = []
    if plan.days_added:
        day_parts.append(f"{plan.days_added} new")
    if plan.days_changed:
        day_parts.append(f"{plan.days_changed} with additions")
    if plan.days_unchanged:
        day_parts.append(f"{plan.days_unchanged} already up to date")
    lines.append(f"  days: {', '.join(day_parts) or 'none'}")
    for tally, what in (
        (plan.ratings, "ratings"),
        (plan.adherence, "routine and experiment marks"),
        (plan.tags, "tags"),
        (plan.notes, "note lines"),
        (plan.unusual, "unusual-day flags"),
    ):
        text = _tally_text(tally, what, applied)
        if text:
            lines.append(text)
    if plan.skipped_invalid:
        lines.append(f"  {plan.skipped_invalid} values skipped (see the warnings)")
    verb = "added" if applied else "to add"
    for metric in plan.new_metrics:
        why = plan.metric_notes.get(metric.name)
        lines.append(
            f"  new metric ({verb}): {metric.name} ({metric.min_value} to {metric.max_value}, "
            f"{metric.better} is better)" + (f"; {why}" if why else "")
        )
    for routine in plan.new_routines:
        lines.append(f"  new routine ({verb}): {routine.title} (from {routine.schedule.start})")
    if plan.examples:
        lines.append("  for example:")
        lines.extend(f"    {example}" for example in plan.examples)
    if plan.warnings:
        lines.append("  warnings:")
        lines.extend(f"    {warning}" for warning in plan.warnings)
    if plan.unmapped_moods:
        lines.append("  moods to place before importing:")
        lines.extend(
            f"    {m.name!r} ({m.entries} entr{'y' if m.entries == 1 else 'ies'})"
            for m in plan.unmapped_moods
        )
        if command_line:
            lines.append(f"    {mood_map_hint(plan.unmapped_moods)}")
    if plan.adds_nothing and not plan.unmapped_moods:
        lines.append("  Nothing new: everything in the file is already in your journal.")
    return lines
