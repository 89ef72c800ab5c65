"""People's words for verdicts, decisions, phases, adherence, statuses and days: one place.

The window, the command line, the charts and the reports all say these things; when
they said them separately they disagreed ("try another" in one, "try something
different" in another). Keys are the enums' string values, so a ``Verdict`` (a
``StrEnum`` in ``evaluation``) looks its words up here without this module
importing the statistics. The window passes these through its translation function.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType

from .entities import Adherence, DecisionKind, PhaseKind, RoutineChangeKind, Status

# What the app suggests (an ``evaluation.Verdict``), as a short phrase.
VERDICT_WORDS: Mapping[str, str] = MappingProxyType(
    {
        "keep_going": "keep going",
        "persist": "persist",
        "adjust": "adjust",
        "switch": "try something different",
    }
)

# A decision as the buttons name it, and as it reads once made.
DECISION_WORDS: Mapping[DecisionKind, str] = MappingProxyType(
    {
        DecisionKind.PERSIST: "Persist",
        DecisionKind.ADJUST: "Adjust",
        DecisionKind.SWITCH: "Try something different",
        DecisionKind.STOP: "Stop",
    }
)
DECIDED_WORDS: Mapping[DecisionKind, str] = MappingProxyType(
    {
        DecisionKind.PERSIST: "Persisted",
        DecisionKind.ADJUST: "Adjusted",
        DecisionKind.SWITCH: "Switched to something different",
        DecisionKind.STOP: "Stopped",
    }
)

# A phase, and what is lived in it.
PHASE_WORDS: Mapping[PhaseKind, str] = MappingProxyType(
    {PhaseKind.BASELINE: "Baseline", PhaseKind.TRIAL: "Trial"}
)
PHASE_MEANING: Mapping[PhaseKind, str] = MappingProxyType(
    {PhaseKind.BASELINE: "the usual way", PhaseKind.TRIAL: "the change"}
)

# Whether the change was made on a day.
ADHERENCE_WORDS: Mapping[Adherence, str] = MappingProxyType(
    {
        Adherence.DONE: "done",
        Adherence.PARTLY: "partly",
        Adherence.NOT_DONE: "not done",
        Adherence.NOT_SCHEDULED: "not scheduled",
    }
)

# One target metric's judgement (an ``evaluation.MetricStatus``).
STATUS_WORDS: Mapping[str, str] = MappingProxyType(
    {
        "improved": "improved",
        "worsened": "got worse",
        "unclear": "no clear change",
        "not enough data": "not enough days yet",
    }
)

# Where an experiment stands, as a short label.
EXPERIMENT_STATUS_WORDS: Mapping[Status, str] = MappingProxyType(
    {
        Status.PLANNED: "Planned",
        Status.BASELINE: "Baseline",
        Status.TRIAL: "Trial",
        Status.READY_TO_REVIEW: "Ready to review",
        Status.PERSISTED: "Persisted",
        Status.ADJUSTED: "Adjusted",
        Status.SWITCHED: "Switched",
        Status.STOPPED: "Stopped",
        Status.ROUTINE: "Routine",
    }
)

# What a long import is doing (an ``import_batch.ImportStage``), for its progress line.
IMPORT_STAGE_WORDS: Mapping[str, str] = MappingProxyType(
    {
        "reading": "Reading the file",
        "comparing": "Comparing with your journal",
        "writing": "Writing to your journal",
    }
)


def counted(count: int, thing: str, things: str | None = None) -> str:
    """'1 day', '3 days': a count with its noun in the right number."""
    return f"1 {thing}" if count == 1 else f"{count} {things or thing + 's'}"


def day_words(day: dt.date) -> str:
    """A day as people say it: 'Thursday 12 March 2026'."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Where a routine stands (``core.routines.RoutineState``), and what was done to it.
ROUTINE_STATE_WORDS: Mapping[str, str] = MappingProxyType(
    {"kept": "kept up", "paused": "paused", "retired": "retired"}
)
ROUTINE_CHANGE_WORDS: Mapping[RoutineChangeKind, str] = MappingProxyType(
    {
        RoutineChangeKind.PAUSE: "Paused",
        RoutineChangeKind.RESUME: "Resumed",
        RoutineChangeKind.RETIRE: "Retired",
    }
)

# What a factor of "what goes with my good days" is (``insights.FactorKind``).
FACTOR_KIND_WORDS: Mapping[str, str] = MappingProxyType(
    {"tag": "tag", "adherence": "experiment done", "metric": "another metric"}
)


def verdict_words(verdict: str) -> str:
    """The suggestion in words (``Verdict`` or its value)."""
    return VERDICT_WORDS[str(verdict)]


__all__ = [
    "ADHERENCE_WORDS",
    "DECIDED_WORDS",
    "DECISION_WORDS",
    "EXPERIMENT_STATUS_WORDS",
    "FACTOR_KIND_WORDS",
    "IMPORT_STAGE_WORDS",
    "PHASE_MEANING",
    "PHASE_WORDS",
    "ROUTINE_CHANGE_WORDS",
    "ROUTINE_STATE_WORDS",
    "STATUS_WORDS",
    "VERDICT_WORDS",
    "day_words",
    "verdict_words",
]
