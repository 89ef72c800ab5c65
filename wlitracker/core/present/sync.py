"""What the Sync section of Settings shows: the folder, the last sync, the problem, and
the values that another computer's edit replaced, in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..sync.ports import HistoryEntry

FIELD_WORDS = {
    ("check_ins", "note"): "note",
    ("check_ins", "unusual"): "unusual day",
    ("ratings", "value"): "rating",
    ("check_in_tags", "position"): "tag",
    ("adherence", "mark"): "mark",
    ("experiments", "title"): "title",
    ("metrics", "name"): "name",
    ("metrics", "label"): "name",
}


@dataclass(frozen=True)
class SyncPanelState:
    folder: str | None
    last_sync: str  # "Last synced 14:05" / "Not synced yet"
    problem: str | None
    running: bool
    keyring: bool  # whether the passphrase can be kept in the system keyring
    history: tuple[str, ...]


def _day(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).strftime("%a %d %b %Y")
    except ValueError:
        return text


def _value(value: object) -> str:
    if value is None or value == "":
        return "(empty)"
    if not isinstance(value, str):
        return str(value)
    text = value.replace("\n", " ")
    return repr(text) if len(text) <= 60 else repr(text[:57] + "...")


def history_line(
    entry: HistoryEntry, metrics: Mapping[str, str], experiments: Mapping[str, str]
) -> str:
    """One replaced value: where it was, what is shown, what the other computer had."""
    k1, k2 = entry.key
    field = FIELD_WORDS.get((entry.table, entry.column), entry.column.replace("_", " "))
    if entry.table == "check_ins":
        where = f"{field} of {_day(k1)}"
    elif entry.table == "ratings":
        where = f"{metrics.get(k2, k2)} on {_day(k1)}"
    elif entry.table == "adherence":
        where = f"mark for {experiments.get(k1, 'an experiment')!r} on {_day(k2)}"
    elif entry.table == "check_in_tags":
        where = f"tag {k2!r} on {_day(k1)}"
    elif entry.table in ("experiments", "experiment_targets", "experiment_phases"):
        where = f"{field} of the experiment {experiments.get(k1, k1[:8])!r}"
    elif entry.table == "metrics":
        where = f"{field} of the metric {metrics.get(k1, k1)!r}"
    else:
        where = f"{field} of a {entry.table.replace('_', ' ')} entry"
    how = "at the same time on" if entry.conflict else "earlier on"
    return (
        f"{where}: {_value(entry.shown)} is shown; {_value(entry.other)} was written "
        f"{how} {entry.other_device} ({entry.other_at.astimezone().strftime('%d %b %H:%M')})"
    )


def last_sync_words(at: dt.datetime | None, today: dt.date) -> str:
    if at is None:
        return "Not synced yet"
    local = at.astimezone() if at.tzinfo else at
    if local.date() == today:
        return f"Last synced at {local:%H:%M}"
    return f"Last synced {local:%d %b %Y, %H:%M}"


def build_sync_state(
    folder: str | None,
    last_sync: dt.datetime | None,
    today: dt.date,
    problem: str | None,
    running: bool,
    keyring: bool,
    history: Sequence[str],
) -> SyncPanelState:
    return SyncPanelState(
        folder,
        "Syncing…" if running else last_sync_words(last_sync, today),
        problem,
        running,
        keyring,
        tuple(history),
    )
