"""Input rules shared by every way data comes in (window, command line, imports)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

from .model.entities import Metric, Rating, metric_key
from .model.errors import ValidationError

MAX_NOTE_CHARS = 20_000
MAX_TEXT_CHARS = 2_000
MAX_TAG_CHARS = 60
EARLIEST_DATE = dt.date(1970, 1, 1)


def parse_date(text: str, field: str = "date") -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValidationError(field, f"{text!r} is not a date; use YYYY-MM-DD") from None


def check_past_or_today(day: dt.date, today: dt.date, field: str = "date") -> dt.date:
    if day > today:
        raise ValidationError(field, f"{day.isoformat()} is in the future; today is {today}")
    if day < EARLIEST_DATE:
        raise ValidationError(field, f"{day.isoformat()} is before {EARLIEST_DATE}")
    return day


def check_rating(metric: Metric, value: Rating) -> int:
    """A rating a person enters: a whole number on the metric's scale."""
    if isinstance(value, bool) or not isinstance(value, int) or not metric.allows(value):
        raise ValidationError(
            metric.name,
            f"{value!r} is outside the scale; use a whole number "
            f"from {metric.min_value} to {metric.max_value}",
        )
    return value


def check_kept_rating(metric: Metric, value: Rating, field: str | None = None) -> Rating:
    """A rating as stored or brought by an import: a number on the scale, whole or not."""
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
        or not metric.allows(value)
    ):
        raise ValidationError(
            field or metric.name,
            f"{value!r} is outside the scale {metric.min_value} to {metric.max_value}",
        )
    return value


def check_open_metric(metric: Metric, doing: str = "rate") -> Metric:
    """An archived metric keeps its history but takes no new values."""
    if metric.archived:
        raise ValidationError(metric.name, f"is archived; restore it in Settings to {doing} it")
    return metric


def check_text(field: str, text: str, limit: int = MAX_TEXT_CHARS) -> str:
    if len(text) > limit:
        raise ValidationError(field, f"is {len(text)} characters long; at most {limit} allowed")
    if "\x00" in text:
        raise ValidationError(field, "contains a NUL character")
    return text


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    """Tags trimmed, without blanks or repeats, in the order first given."""
    seen: dict[str, None] = {}
    for raw in tags:
        tag = " ".join(raw.split())
        if not tag:
            continue
        check_text("tag", tag, MAX_TAG_CHARS)
        seen.setdefault(tag, None)
    return tuple(seen)


def check_metric_label(name: str) -> str:
    """A metric's name as typed, its spaces tidied: what people will read."""
    clean = " ".join(name.split())
    if not clean:
        raise ValidationError("metric name", "must not be empty")
    if len(clean) > 40:
        raise ValidationError("metric name", "must be at most 40 characters")
    if "=" in clean or "," in clean:
        raise ValidationError("metric name", "must not contain '=' or ','")
    return clean


def check_metric_name(name: str) -> str:
    """A metric's key (``metric_key``), if ``name`` is allowed as a metric's name."""
    return metric_key(check_metric_label(name))
