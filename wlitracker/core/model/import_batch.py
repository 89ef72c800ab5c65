"""What a reader makes of an import file: plain values, nothing checked against the journal.

Every format's reader (in ``interop``) produces one of these; ``ImportService`` alone
compares it with the journal, checks each value and writes it. So a rule for what an
import may bring in exists once, whatever the file looked like.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

from .entities import (
    Adherence,
    CheckIn,
    Decision,
    Experiment,
    Metric,
    Rating,
    RoutineChange,
    Target,
)


@dataclass(frozen=True)
class MetricSpec:
    """A metric the file's values need; created only when the journal lacks it."""

    name: str
    min_value: int
    max_value: int
    better: Literal["higher", "lower"] = "higher"
    why: str = ""  # one line saying where the scale came from
    fixed_scale: bool = False  # the values are levels of exactly this scale (Daylio's moods)
    label: str = ""  # the name as the file writes it ("Sleep Quality"); "": as ``name``


@dataclass(frozen=True)
class RoutineSpec:
    """A habit (from Loop) that becomes a routine, unless one with its title exists."""

    key: str
    title: str
    intention: str = ""
    shift: str = ""
    start: dt.date | None = None
    targets: tuple[Target, ...] = ()
    stopped_on: dt.date | None = None  # archived in the other app
    stop_reason: str = ""


@dataclass(frozen=True)
class ExperimentRef:
    """Whose adherence a mark is: a routine of the same file, or a stored experiment."""

    title: str
    routine: str | None = None  # RoutineSpec.key
    id: int | None = None  # an experiment the journal should already hold


@dataclass(frozen=True)
class DayRecord:
    """What the file says about one day; ``line`` points back into the file."""

    date: dt.date
    line: int
    ratings: Mapping[str, Rating] = field(default_factory=dict)  # a fraction is kept
    adherence: Mapping[ExperimentRef, Adherence] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # lines, each appended unless the note already has it
    unusual: str | None = None
    described: str = ""  # how the day reads in examples ("mood 4 (Solid, good)")


@dataclass(frozen=True)
class UnmappedMood:
    name: str  # as first written in the file
    entries: int


@dataclass(frozen=True)
class JournalDocument:
    """A whole journal as an export holds it, ids included; loaded only into an empty one."""

    metrics: tuple[Metric, ...]
    experiments: tuple[Experiment, ...]
    decisions: tuple[Decision, ...]
    check_ins: tuple[CheckIn, ...]
    settings: Mapping[str, str | None]
    routine_changes: tuple[RoutineChange, ...] = ()


@dataclass(frozen=True)
class ImportSource:
    """The batch: days merged into the journal, or a whole journal (``document``)."""

    format: str  # the reader's name for it ("daylio", "loop", ...)
    name: str  # the file or folder, for messages
    metrics: tuple[MetricSpec, ...] = ()
    routines: tuple[RoutineSpec, ...] = ()
    days: tuple[DayRecord, ...] = ()
    warnings: tuple[str, ...] = ()
    unmapped_moods: tuple[UnmappedMood, ...] = ()
    document: JournalDocument | None = None


# How far a long import is: ``stage`` is one of IMPORT_STAGES, ``done`` of ``total``
# (bytes of the file while reading it, days while comparing and writing). A callback
# may raise ``errors.Cancelled`` to stop: nothing has been written, or it is rolled back.
ImportStage = Literal["reading", "comparing", "writing"]
IMPORT_STAGES: tuple[ImportStage, ...] = ("reading", "comparing", "writing")
ImportProgress = Callable[[ImportStage, int, int], None]


def no_progress(stage: ImportStage, done: int, total: int) -> None:
    """The progress callback of an import nobody watches."""
