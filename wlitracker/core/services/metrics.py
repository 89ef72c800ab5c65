"""Use cases for the user's own metrics."""

from __future__ import annotations

from ..model.entities import Better, Metric
from ..model.errors import ConflictError, NotFoundError, ValidationError
from ..model.record import replace
from ..validation import check_metric_name
from .context import Context

MAX_SCALE_SPAN = 1000


class MetricService:
    def __init__(self, context: Context) -> None:
        self._ctx = context

    def list(self, include_archived: bool = False) -> list[Metric]:
        return self._ctx.repo.list_metrics(include_archived=include_archived)

    def get(self, name: str) -> Metric:
        metric = self._ctx.repo.get_metric(name.strip().lower())
        if metric is None:
            known = ", ".join(m.name for m in self._ctx.repo.list_metrics())
            raise NotFoundError(f"metric: no metric called {name!r}; known metrics: {known}")
        return metric

    def check(self, metric: Metric) -> Metric:
        """The metric with its name cleaned, if its name, scale and direction are allowed.

        Every way a metric comes in (Settings, the command line, an import) passes here.
        """
        clean = check_metric_name(metric.name)
        low, high = metric.min_value, metric.max_value
        if low >= high:
            raise ValidationError(
                "scale", f"the lowest rating ({low}) must be below the highest ({high})"
            )
        if high - low > MAX_SCALE_SPAN:
            raise ValidationError("scale", f"may span at most {MAX_SCALE_SPAN} points")
        if metric.better not in ("higher", "lower"):
            raise ValidationError("better", "must be 'higher' or 'lower'")
        return replace(metric, name=clean)

    def add(self, name: str, min_value: int, max_value: int, better: Better) -> Metric:
        clean = self.check(Metric(name, min_value, max_value, better))
        if self._ctx.repo.get_metric(clean.name) is not None:
            raise ConflictError(f"metric: a metric called {clean.name!r} already exists")
        metric = self._ctx.repo.add_metric(clean)
        self._ctx.changed.emit()
        return metric

    def rename(self, name: str, new_name: str) -> Metric:
        metric = self.get(name)
        if metric.builtin:
            raise ValidationError("metric name", f"{metric.name!r} is built in and keeps its name")
        clean = check_metric_name(new_name)
        if clean != metric.name and self._ctx.repo.get_metric(clean) is not None:
            raise ConflictError(f"metric: a metric called {clean!r} already exists")
        updated = self._ctx.repo.update_metric(replace(metric, name=clean))
        self._ctx.changed.emit()
        return updated

    def set_archived(self, name: str, archived: bool) -> Metric:
        """Archived metrics keep their history but are no longer asked for."""
        metric = self.get(name)
        if metric.builtin and archived:
            raise ValidationError("metric", f"{metric.name!r} is built in and cannot be archived")
        updated = self._ctx.repo.update_metric(replace(metric, archived=archived))
        self._ctx.changed.emit()
        return updated
