"""The import use case: a reader's batch previewed, then written in one transaction.

Readers (``interop``) only turn a file into an ``ImportSource``. This service alone
compares it with the journal (``import_plan``), checks every value through the
rules the other services use (a metric's name and scale, an experiment's fields, a
day's date, ratings, note and tags) and writes it: all of it lands, or none does,
and the change is announced once.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model.entities import CheckIn, Decision, DecisionKind, Experiment, Metric, metric_label
from ..model.errors import ConflictError, ValidationError
from ..model.import_batch import ImportProgress, ImportSource, JournalDocument, no_progress
from ..model.record import replace
from ..validation import (
    MAX_NOTE_CHARS,
    MAX_TAG_CHARS,
    check_kept_rating,
    check_past_or_today,
    check_text,
)
from .context import Context
from .experiments import ExperimentService
from .import_plan import PROGRESS_EVERY, ImportPlan, plan_days
from .metrics import MetricService

DEFAULT_STOP_REASON = "Stopped in the app it came from"
NOT_EMPTY = (
    "import: this database already holds a journal; a wlitracker JSON export (a whole "
    "journal) is imported only into an empty one, so nothing is mixed up or overwritten"
)


def _named(where: str, error: ValidationError) -> ValidationError:
    """The same problem, said of the item of the file it is in."""
    return ValidationError(f"{where} {error.field}", error.detail)


class ImportService:
    def __init__(
        self, context: Context, metrics: MetricService, experiments: ExperimentService
    ) -> None:
        self._ctx = context
        self._metrics = metrics
        self._experiments = experiments

    # previewing
    def preview(self, batch: ImportSource, progress: ImportProgress = no_progress) -> ImportPlan:
        """What importing ``batch`` would do, as plain data; writes nothing.

        A value the journal's rules refuse is left out with a warning; a whole journal
        (``batch.document``) is refused outright if anything in it is wrong. ``progress``
        hears how many days have been compared (and may raise ``Cancelled``).
        """
        if batch.document is not None:
            return self._preview_document(batch, batch.document)
        plan = plan_days(self._ctx.repo, self._ctx.today(), batch, progress)
        for metric in plan.new_metrics:
            self._metrics.check(metric)
        for routine in plan.new_routines:  # targets may name metrics the batch brings
            self._experiments.validate(replace(routine, id=None, targets=()))
        return plan

    def _preview_document(self, batch: ImportSource, document: JournalDocument) -> ImportPlan:
        self._require_empty()
        self.check_document(document, with_targets=False)
        counts = {
            "metrics": len(document.metrics),
            "experiments": len(document.experiments),
            "decisions": len(document.decisions),
            "check_ins": len(document.check_ins),
        }
        return ImportPlan(
            format=batch.format,
            source_name=batch.name,
            days_added=counts["check_ins"],
            native_counts=counts,
            source=batch,
        )

    # applying
    def apply(self, plan: ImportPlan, progress: ImportProgress = no_progress) -> ImportPlan:
        """Write the plan in one transaction; returns the plan as it was applied.

        The plan is worked out again inside the transaction, so anything saved since
        the preview is respected (the journal's values still win). ``progress`` hears
        how far comparing and writing are; if it raises (``Cancelled``), the
        transaction is rolled back and the journal is exactly as before.
        """
        if plan.unmapped_moods:
            raise ValidationError(
                "import", f"{len(plan.unmapped_moods)} moods are not placed on the mood scale"
            )
        source = plan.source
        if source is None:
            raise ValidationError("import", "this plan has nothing to apply")
        if source.document is not None:
            return replace(plan, native_counts=self.load_journal(source.document))
        repo = self._ctx.repo
        with self._ctx.changed.held(), repo.atomic():
            fresh = self.preview(source, progress)
            for metric in fresh.new_metrics:
                self._metrics.add(
                    metric_label(metric), metric.min_value, metric.max_value, metric.better
                )
            ids: dict[int, int] = {}
            for draft in fresh.new_routines:
                assert draft.id is not None
                created = self._experiments.create(draft)
                assert created.id is not None
                ids[draft.id] = created.id
            self._stop_archived(source, fresh, ids)
            total = len(fresh.check_ins)
            progress("writing", 0, total)

            def days() -> Iterator[CheckIn]:
                for done, check_in in enumerate(fresh.check_ins, start=1):
                    adherence = {ids.get(k, k): v for k, v in check_in.adherence.items()}
                    yield replace(check_in, adherence=adherence)
                    if done % PROGRESS_EVERY == 0 or done == total:
                        progress("writing", done, total)

            repo.save_check_ins(days())
            self._ctx.changed.emit()
        return replace(
            fresh,
            new_routines=tuple(replace(r, id=ids.get(r.id or 0, r.id)) for r in fresh.new_routines),
            check_ins=(),
        )

    def _stop_archived(self, source: ImportSource, plan: ImportPlan, ids: dict[int, int]) -> None:
        """A habit archived in the other app becomes a routine stopped on that day."""
        today = self._ctx.today()
        for spec in source.routines:
            placeholder = plan.routine_ids.get(spec.key, 0)
            if placeholder >= 0 or spec.stopped_on is None:
                continue
            start = next(r for r in plan.new_routines if r.id == placeholder).schedule.start
            stopped = max(spec.stopped_on, start or spec.stopped_on)
            self._ctx.repo.add_decision(
                Decision(
                    ids[placeholder],
                    DecisionKind.STOP,
                    spec.stop_reason or DEFAULT_STOP_REASON,
                    min(stopped, today),
                )
            )

    # a whole journal
    def load_journal(self, document: JournalDocument) -> dict[str, int]:
        """Load an export into an empty journal, in one transaction; returns counts."""
        self._require_empty()
        self.check_document(document, with_targets=False)  # before anything is written
        repo = self._ctx.repo
        counts = {"metrics": 0, "experiments": 0, "decisions": 0, "check_ins": 0}
        with self._ctx.changed.held(), repo.atomic():
            for metric in document.metrics:
                existing = repo.get_metric(metric.name)
                if existing is not None and existing.builtin:
                    continue
                repo.add_metric(metric)
                counts["metrics"] += 1
            for i, experiment in sorted(
                enumerate(document.experiments), key=lambda item: item[1].id or 0
            ):
                self._check_experiment(i, experiment)  # its targets' metrics exist by now
                repo.add_experiment(experiment)
                counts["experiments"] += 1
            for decision in document.decisions:
                repo.add_decision(decision)
                counts["decisions"] += 1
            repo.save_check_ins(document.check_ins)
            counts["check_ins"] = len(document.check_ins)
            for change in document.routine_changes:
                repo.add_routine_change(change)
            for key, value in document.settings.items():
                repo.set_setting(key, value)
            self._ctx.changed.emit()
        return counts

    def _require_empty(self) -> None:
        if not self._ctx.repo.is_empty():
            raise ConflictError(NOT_EMPTY)

    def check_document(self, document: JournalDocument, with_targets: bool = True) -> None:
        """Every value of a whole journal, through the rules a value entered by hand meets.

        The journal's metrics go first, then the file's own. ``with_targets=False`` leaves
        experiments' targets unchecked: they name metrics the file brings, which exist
        only once it is written (``load_journal`` checks them then).
        """
        for i, metric in enumerate(document.metrics):
            if not metric.builtin:
                try:
                    self._metrics.check(metric)
                except ValidationError as error:
                    raise _named(f"metric {i + 1}", error) from None
        for i, experiment in enumerate(document.experiments):
            self._check_experiment(i, experiment, with_targets)
        today = self._ctx.today()
        scales: dict[str, Metric] = {m.name: m for m in document.metrics}
        scales.update((m.name, m) for m in self._ctx.repo.list_metrics())
        for i, check_in in enumerate(document.check_ins):
            where = f"check-in {i + 1}"
            check_past_or_today(check_in.date, today, f"{where} date")
            where = f"{where} ({check_in.date.isoformat()})"
            for name, value in check_in.ratings.items():
                field = f"{where} rating {name}"
                scale = scales.get(name)
                if scale is None:
                    raise ValidationError(field, "no metric of that name")
                check_kept_rating(scale, value, field)
            for tag in check_in.tags:
                check_text(f"{where} tag", tag, MAX_TAG_CHARS)
            check_text(f"{where} note", check_in.note, MAX_NOTE_CHARS)

    def _check_experiment(self, i: int, experiment: Experiment, with_targets: bool = True) -> None:
        """Stored as the file has it (ids and all), if the experiment service allows it."""
        draft = experiment if with_targets else replace(experiment, targets=())
        try:
            self._experiments.validate(draft)
        except ValidationError as error:
            raise _named(f"experiment {i + 1}", error) from None
