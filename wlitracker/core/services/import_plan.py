"""The merge rules of an import: a batch compared with the journal, value by value.

The journal's own values win. A day that already has a value for a metric or an
experiment keeps it; the file's value counts as *unchanged* when it is the same and
as *skipped (already has a value)* when it differs. Tags are added to the day's tags;
a note line is appended only if the day's note does not already contain it. So
importing the same file twice adds nothing the second time. A value the journal's
rules refuse (a future date, off a metric's scale, an archived metric, a note too
long) is skipped with a warning; those rules are the services' own, called here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..model.entities import CheckIn, Experiment, Metric, Schedule, rating_text
from ..model.errors import ValidationError
from ..model.import_batch import (
    DayRecord,
    ExperimentRef,
    ImportProgress,
    ImportSource,
    MetricSpec,
    RoutineSpec,
    UnmappedMood,
    no_progress,
)
from ..model.repository import Repository
from ..model.words import ADHERENCE_WORDS
from ..validation import (
    EARLIEST_DATE,
    MAX_NOTE_CHARS,
    check_kept_rating,
    check_open_metric,
    check_past_or_today,
    check_text,
    clean_tags,
)

MAX_WARNINGS = 25
MAX_EXAMPLES = 6
PROGRESS_EVERY = 256  # days compared between two reports of progress


@dataclass(frozen=True)
class Tally:
    added: int = 0
    unchanged: int = 0  # the journal already has exactly this
    skipped: int = 0  # the journal has a different value, which wins

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.added + other.added,
            self.unchanged + other.unchanged,
            self.skipped + other.skipped,
        )


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do, as plain data for a preview (and what ``apply`` writes).

    ``days_added`` are days without a check-in yet, ``days_changed`` days that
    get something added, ``days_unchanged`` days the journal already has as the
    file says. ``skipped_invalid`` counts values left out for a reason given in
    ``warnings`` (a future date, off the scale...). ``unmapped_moods`` must be
    empty before the plan can be applied: pass a mood map to ``preview``.
    """

    format: str
    source_name: str
    days_added: int = 0
    days_changed: int = 0
    days_unchanged: int = 0
    ratings: Tally = Tally()
    adherence: Tally = Tally()
    tags: Tally = Tally()
    notes: Tally = Tally()
    unusual: Tally = Tally()
    skipped_invalid: int = 0
    new_metrics: tuple[Metric, ...] = ()
    metric_notes: Mapping[str, str] = field(default_factory=dict)  # name -> where its scale is from
    new_routines: tuple[Experiment, ...] = ()
    examples: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    unmapped_moods: tuple[UnmappedMood, ...] = ()
    native_counts: Mapping[str, int] | None = None  # wlitracker-json only
    source: ImportSource | None = field(default=None, repr=False, compare=False)
    check_ins: tuple[CheckIn, ...] = field(default=(), repr=False, compare=False)
    routine_ids: Mapping[str, int] = field(default_factory=dict, repr=False, compare=False)

    @property
    def can_apply(self) -> bool:
        return not self.unmapped_moods

    @property
    def adds_nothing(self) -> bool:
        if self.native_counts is not None:
            return not any(self.native_counts.values())
        return not (self.days_added or self.days_changed or self.new_metrics or self.new_routines)


def _norm_title(title: str) -> str:
    return " ".join(title.split()).casefold()


class _Planner:
    def __init__(
        self,
        repo: Repository,
        today: dt.date,
        source: ImportSource,
        progress: ImportProgress = no_progress,
    ) -> None:
        self.source = source
        self.progress = progress
        self.today = today
        self.warnings: list[str] = list(source.warnings)
        self.examples_added: list[str] = []
        self.examples_skipped: list[str] = []
        self.skipped_invalid = 0
        self.tallies = {k: Tally() for k in ("ratings", "adherence", "tags", "notes", "unusual")}
        self.metrics: dict[str, Metric] = {m.name: m for m in repo.list_metrics()}
        self.new_metrics: list[Metric] = []
        self.metric_notes: dict[str, str] = {}
        self.experiments = {e.id: e for e in repo.list_experiments() if e.id is not None}
        self.new_routines: list[Experiment] = []
        self.routine_ids: dict[str, int] = {}  # routine key -> id (negative: not created yet)
        self.stored: dict[dt.date, CheckIn] = {c.date: c for c in repo.list_check_ins()}
        self.work: dict[dt.date, CheckIn] = {}
        self.ref_warned: set[ExperimentRef] = set()

    def warn(self, text: str) -> None:
        self.warnings.append(text)

    def _skipped_example(self, text: str) -> None:
        if len(self.examples_skipped) < MAX_EXAMPLES:  # only these are shown
            self.examples_skipped.append(text)

    def count(self, kind: str, added: int = 0, unchanged: int = 0, skipped: int = 0) -> None:
        self.tallies[kind] = self.tallies[kind] + Tally(added, unchanged, skipped)

    def plan(self) -> ImportPlan:
        for spec in self.source.metrics:
            self._metric(spec)
        for routine in self.source.routines:
            self._routine(routine)
        total = len(self.source.days)
        self.progress("comparing", 0, total)
        for done, record in enumerate(self.source.days, start=1):
            self._day(record)
            if done % PROGRESS_EVERY == 0 or done == total:
                self.progress("comparing", done, total)
        added = changed = unchanged = 0
        changed_days: list[CheckIn] = []
        for day, check_in in sorted(self.work.items()):
            before = self.stored.get(day)
            if before is None and check_in.is_empty:
                continue  # everything for this day was skipped
            if before == check_in:
                unchanged += 1
                continue
            changed_days.append(check_in)
            if before is None:
                added += 1
            else:
                changed += 1
        warnings = self.warnings
        if len(warnings) > MAX_WARNINGS:
            more = len(warnings) - MAX_WARNINGS + 1
            warnings = [*warnings[: MAX_WARNINGS - 1], f"... and {more} more warnings like these"]
        # Half additions, half values kept over the file's; more of one if the other is short.
        from_skipped = min(MAX_EXAMPLES // 2, len(self.examples_skipped))
        examples = self.examples_added[: MAX_EXAMPLES - from_skipped]
        examples += self.examples_skipped[: MAX_EXAMPLES - len(examples)]
        return ImportPlan(
            format=self.source.format,
            source_name=self.source.name,
            days_added=added,
            days_changed=changed,
            days_unchanged=unchanged,
            ratings=self.tallies["ratings"],
            adherence=self.tallies["adherence"],
            tags=self.tallies["tags"],
            notes=self.tallies["notes"],
            unusual=self.tallies["unusual"],
            skipped_invalid=self.skipped_invalid,
            new_metrics=tuple(self.new_metrics),
            metric_notes=dict(self.metric_notes),
            new_routines=tuple(self.new_routines),
            examples=tuple(examples),
            warnings=tuple(warnings),
            unmapped_moods=self.source.unmapped_moods,
            source=self.source,
            check_ins=tuple(changed_days),
            routine_ids=dict(self.routine_ids),
        )

    # metrics and routines
    def _metric(self, spec: MetricSpec) -> None:
        existing = self.metrics.get(spec.name)
        if existing is not None:
            scale = (existing.min_value, existing.max_value)
            if spec.fixed_scale and scale != (spec.min_value, spec.max_value):
                self.warn(
                    f"{spec.name}: your metric runs from {existing.min_value} to "
                    f"{existing.max_value}; the file's values are kept as they are "
                    "where they fit that scale"
                )
            return
        metric = Metric(spec.name, spec.min_value, spec.max_value, spec.better, label=spec.label)
        self.metrics[spec.name] = metric
        self.new_metrics.append(metric)
        if spec.why:
            self.metric_notes[spec.name] = spec.why

    def _routine(self, spec: RoutineSpec) -> None:
        for experiment in self.experiments.values():
            if experiment.kind == "routine" and _norm_title(experiment.title) == _norm_title(
                spec.title
            ):
                assert experiment.id is not None
                self.routine_ids[spec.key] = experiment.id
                return
        if spec.start is None:
            self.warn(f"{spec.title}: no days recorded yet; the routine starts today")
        start = min(max(spec.start or self.today, EARLIEST_DATE), self.today)
        placeholder = -(len(self.new_routines) + 1)
        draft = Experiment(
            title=spec.title,
            intention=spec.intention,
            shift=spec.shift,
            targets=spec.targets,
            schedule=Schedule((), start),
            kind="routine",
            created_on=self.today,
            id=placeholder,
        )
        self.experiments[placeholder] = draft
        self.routine_ids[spec.key] = placeholder
        self.new_routines.append(draft)

    def _experiment_id(self, ref: ExperimentRef, record: DayRecord) -> int | None:
        if ref.routine is not None:
            found = self.routine_ids.get(ref.routine)
            if found is None:
                return None
            start = self.experiments[found].schedule.start
            if start is not None and record.date < start:
                self.skipped_invalid += 1
                if ref not in self.ref_warned:
                    self.ref_warned.add(ref)
                    self.warn(
                        f"{ref.title}: marks before your routine's first day ({start}) are skipped"
                    )
                return None
            return found
        if ref.id is not None:
            experiment = self.experiments.get(ref.id)
            if experiment is not None and _norm_title(experiment.title) == _norm_title(ref.title):
                return ref.id
            self.skipped_invalid += 1
            if ref not in self.ref_warned:
                self.ref_warned.add(ref)
                here = (
                    "is not in this journal"
                    if experiment is None
                    else f"is {experiment.title!r} here, not {ref.title!r}"
                )
                self.warn(f"experiment {ref.id} ({ref.title!r}) {here}; its marks are skipped")
        return None

    # days
    def _day(self, record: DayRecord) -> None:
        where = f"line {record.line}" if record.line else record.date.isoformat()
        try:
            check_past_or_today(record.date, self.today)
        except ValidationError:
            self.skipped_invalid += 1
            self.warn(
                f"{where}: {record.date} is in the future (today is {self.today}); skipped"
                if record.date > self.today
                else f"{where}: {record.date} is before {EARLIEST_DATE}; skipped"
            )
            return
        current = self.work.get(record.date) or self.stored.get(record.date) or CheckIn(record.date)
        ratings = dict(current.ratings)
        added_parts: list[str] = []
        for name, value in record.ratings.items():
            metric = self.metrics.get(name)
            if metric is None:
                continue
            try:
                check_open_metric(metric, "import")
            except ValidationError as error:
                self.skipped_invalid += 1
                self.warn(f"{where}: {name} {error.detail}")
                continue
            try:
                check_kept_rating(metric, value)
            except ValidationError:
                self.skipped_invalid += 1
                self.warn(
                    f"{where}: {name} {rating_text(value)} is off the scale "
                    f"{metric.min_value}..{metric.max_value}; skipped"
                )
                continue
            old = ratings.get(name)
            if old is None:
                ratings[name] = value
                self.count("ratings", added=1)
                added_parts.append(f"{name} {rating_text(value)}")
            elif old == value:
                self.count("ratings", unchanged=1)
            else:
                self.count("ratings", skipped=1)
                self._skipped_example(
                    f"{record.date}: kept your {name} {rating_text(old)} "
                    f"(the file says {rating_text(value)})"
                )
        adherence = dict(current.adherence)
        for ref, mark in record.adherence.items():
            experiment_id = self._experiment_id(ref, record)
            if experiment_id is None:
                continue
            old_mark = adherence.get(experiment_id)
            if old_mark is None:
                adherence[experiment_id] = mark
                self.count("adherence", added=1)
                added_parts.append(f"{ref.title}: {ADHERENCE_WORDS[mark]}")
            elif old_mark == mark:
                self.count("adherence", unchanged=1)
            else:
                self.count("adherence", skipped=1)
                self._skipped_example(
                    f"{record.date}: kept your mark for {ref.title!r} "
                    f"({ADHERENCE_WORDS[old_mark]}; the file says {ADHERENCE_WORDS[mark]})"
                )
        tags = list(current.tags)
        file_tags = clean_tags(record.tags)
        # The CSV export joins tags with "; ", so a stored "gym; late" comes back as two.
        known = set(tags) | {" ".join(p.split()) for t in tags for p in t.split(";")}
        new_tags = [t for t in file_tags if t not in known]
        self.count("tags", added=len(new_tags), unchanged=len(file_tags) - len(new_tags))
        tags += new_tags
        if new_tags:
            added_parts.append("tags " + ", ".join(new_tags))
        note = current.note
        for line in record.notes:
            if not line.strip():
                continue
            if line in note:
                self.count("notes", unchanged=1)
                continue
            joined = f"{note}\n{line}" if note else line
            try:
                check_text("note", joined, MAX_NOTE_CHARS)
            except ValidationError:
                self.skipped_invalid += 1
                self.warn(
                    f"{where}: the note for {record.date} would pass {MAX_NOTE_CHARS} "
                    "characters; this part is skipped"
                )
                continue
            note = joined
            self.count("notes", added=1)
            flat = " ".join(line.split())
            short = flat if len(flat) <= 60 else flat[:57] + "..."
            added_parts.append(f"note “{short}”")
        unusual = current.unusual
        if record.unusual is not None:
            if unusual is None:
                unusual = record.unusual
                self.count("unusual", added=1)
                added_parts.append(f"unusual: {record.unusual}")
            elif unusual == record.unusual:
                self.count("unusual", unchanged=1)
            else:
                self.count("unusual", skipped=1)
        merged = CheckIn(
            record.date,
            ratings=ratings,
            adherence=adherence,
            tags=tuple(tags),
            note=note,
            unusual=unusual,
        )
        self.work[record.date] = merged
        if added_parts and len(self.examples_added) < MAX_EXAMPLES:  # only these are shown
            described = f" ({record.described})" if record.described else ""
            self.examples_added.append(f"{record.date}: " + "; ".join(added_parts) + described)


def plan_days(
    repo: Repository, today: dt.date, source: ImportSource, progress: ImportProgress = no_progress
) -> ImportPlan:
    """Compare the batch's days with the journal; reads the repository, writes nothing."""
    return _Planner(repo, today, source, progress).plan()
