"""Use cases for the user's own metrics."""

from __future__ import annotations

from collections.abc import Mapping

from ..model.entities import Better, Metric, metric_key, metric_label, metric_labels
from ..model.errors import ConflictError, NotFoundError, ValidationError
from ..model.record import replace
from ..validation import check_metric_label
from .context import Context

MAX_SCALE_SPAN = 1000


class MetricService:
    def __init__(self, context: Context) -> None:
        self._ctx = context

    def list(self, include_archived: bool = False) -> list[Metric]:
        return self._ctx.repo.list_metrics(include_archived=include_archived)

    def labels(self) -> Mapping[str, str]:
        """Every metric's label by name, archived ones too (``metric_labels``)."""
        return metric_labels(self._ctx.repo.list_metrics())

    def get(self, name: str) -> Metric:
        """The metric called ``name`` in any case or spacing ("Sleep  hours")."""
        metric = self._ctx.repo.get_metric(metric_key(name))
        if metric is None:
            known = ", ".join(metric_label(m) for m in self._ctx.repo.list_metrics())
            raise NotFoundError(f"metric: no metric called {name!r}; known metrics: {known}")
        return metric

    def check(self, metric: Metric) -> Metric:
        """The metric with its name folded to its key and its label as typed, if its name,
        scale and direction are allowed. A label that does not spell the name (a file
        edited by hand) gives way to the name.

        Every way a metric comes in (Settings, the command line, an import) passes here.
        """
        typed = check_metric_label(metric.name)
        name = metric_key(typed)
        label = " ".join(metric.label.split()) if metric_key(metric.label) == name else typed
        low, high = metric.min_value, metric.max_value
        if low >= high:
            raise ValidationError(
                "scale", f"the lowest rating ({low}) must be below the highest ({high})"
            )
        if high - low > MAX_SCALE_SPAN:
            raise ValidationError("scale", f"may span at most {MAX_SCALE_SPAN} points")
        if metric.better not in ("higher", "lower"):
            raise ValidationError("better", "must be 'higher' or 'lower'")
        return replace(metric, name=name, label=label)

    def add(self, name: str, min_value: int, max_value: int, better: Better) -> Metric:
        """A new metric, shown as ``name`` is typed. A name known in another case
        ("sleep hours" beside "Sleep Hours") is the same metric, and refused."""
        clean = self.check(Metric(name, min_value, max_value, better))
        self._refuse_taken(clean.name)
        metric = self._ctx.repo.add_metric(clean)
        self._ctx.changed.emit()
        return metric

    def rename(self, name: str, new_name: str) -> Metric:
        """The metric shown as ``new_name`` from now on. Only a rename changes how a
        metric is written: "Sleep hours" for "Sleep Hours" keeps its key, its ratings
        and its place in sync, and shows the new case everywhere."""
        metric = self.get(name)
        if metric.builtin:
            raise ValidationError(
                "metric name", f"{metric_label(metric)!r} is built in and keeps its name"
            )
        label = check_metric_label(new_name)
        clean = metric_key(label)
        if clean != metric.name:
            self._refuse_taken(clean)
        updated = self._ctx.repo.update_metric(replace(metric, name=clean, label=label))
        self._ctx.changed.emit()
        return updated

    def _refuse_taken(self, name: str) -> None:
        taken = self._ctx.repo.get_metric(name)
        if taken is not None:
            raise ConflictError(f"metric: a metric called {metric_label(taken)!r} already exists")

    def set_archived(self, name: str, archived: bool) -> Metric:
        """Archived metrics keep their history but are no longer asked for."""
        metric = self.get(name)
        if metric.builtin and archived:
            raise ValidationError(
                "metric", f"{metric_label(metric)!r} is built in and cannot be archived"
            )
        updated = self._ctx.repo.update_metric(replace(metric, archived=archived))
        self._ctx.changed.emit()
        return updated
