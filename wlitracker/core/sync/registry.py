"""Which tables and columns travel between devices, and how each row is known everywhere.

Adding a table or a column to sync is one entry here: capture (``storage.sync_store``) and
the merge read nothing else. A test fails when the schema has a table or a column that is
neither synced here nor declared local below.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

SYNC_SCHEMA = 1  # raised when an entry changes shape; older apps refuse newer change sets
PRESENT = ""  # the column name of a row's presence register (1 present, 0 deleted)


@dataclass(frozen=True)
class SyncedTable:
    """``key``: the columns that identify a row on every device (``uid`` for tables whose
    integer ``id`` is only local). ``refs``: columns holding another table's local id,
    carried as that row's key. ``required``: columns whose row must exist for this one to
    be shown. ``revives``: columns whose row an edit of this one re-asserts, so a day
    cleared on one computer while it was being filled in on the other comes back.
    ``text``: fields where edits made on two computers at once are both kept, marked.
    ``later``: columns added after sync first shipped, which an older version neither
    sends nor writes; a row arrives whole without them, and keeps its value (or the
    column's default) until one comes."""

    name: str
    key: tuple[str, ...]
    columns: tuple[str, ...]
    refs: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    required: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    revives: tuple[str, ...] = ()
    text: tuple[str, ...] = ()
    local_id: str | None = None
    later: tuple[str, ...] = ()


def _m(**pairs: str) -> Mapping[str, str]:
    return MappingProxyType(pairs)


# In the order rows must be written: a table after every table it points to.
TABLES: tuple[SyncedTable, ...] = (
    SyncedTable(
        "metrics",
        ("uid",),
        ("name", "min_value", "max_value", "better", "builtin", "archived", "label"),
        local_id="id",
        later=("label",),
    ),
    SyncedTable(
        "experiments",
        ("uid",),
        (
            "title",
            "intention",
            "shift",
            "hypothesis",
            "domains",
            "template",
            "parent_id",
            "version",
            "start_date",
            "created_on",
            "kind",
        ),
        refs=_m(parent_id="experiments"),
        local_id="id",
    ),
    SyncedTable("check_ins", ("date",), ("note", "unusual"), text=("note",)),
    SyncedTable(
        "ratings",
        ("date", "metric_id"),
        ("value",),
        refs=_m(metric_id="metrics"),
        required=_m(date="check_ins", metric_id="metrics"),
        revives=("date",),
    ),
    SyncedTable(
        "check_in_tags",
        ("date", "tag"),
        ("position",),
        required=_m(date="check_ins"),
        revives=("date",),
    ),
    SyncedTable(
        "experiment_targets",
        ("experiment_id", "metric_id"),
        ("position", "better"),
        refs=_m(experiment_id="experiments", metric_id="metrics"),
        required=_m(experiment_id="experiments", metric_id="metrics"),
        revives=("experiment_id",),
    ),
    SyncedTable(
        "experiment_phases",
        ("experiment_id", "position"),
        ("kind", "days"),
        refs=_m(experiment_id="experiments"),
        required=_m(experiment_id="experiments"),
        revives=("experiment_id",),
    ),
    SyncedTable(
        "adherence",
        ("experiment_id", "date"),
        ("mark",),
        refs=_m(experiment_id="experiments"),
        required=_m(experiment_id="experiments", date="check_ins"),
        revives=("experiment_id", "date"),
    ),
    SyncedTable(
        "decisions",
        ("uid",),
        ("experiment_id", "kind", "reason", "decided_on", "new_experiment_id"),
        refs=_m(experiment_id="experiments", new_experiment_id="experiments"),
        required=_m(experiment_id="experiments"),
        revives=("experiment_id",),
        local_id="id",
    ),
    SyncedTable(
        "routine_changes",
        ("uid",),
        ("experiment_id", "kind", "changed_on", "reason"),
        refs=_m(experiment_id="experiments"),
        required=_m(experiment_id="experiments"),
        revives=("experiment_id",),
        local_id="id",
    ),
)
BY_NAME: Mapping[str, SyncedTable] = MappingProxyType({t.name: t for t in TABLES})

# Tables that stay on this computer, and why.
LOCAL_TABLES: Mapping[str, str] = MappingProxyType(
    {
        "settings": "this computer's preferences: theme, folders, reminders, tray",
        "_sqlite_migrations": "which schema steps this file has had",
        "sqlite_sequence": "SQLite's own counters",
        # The full-text index of notes and tags: made from the synced days by triggers.
        "day_search": "the search index, rebuilt from the days themselves",
        "day_search_data": "the search index's own storage",
        "day_search_idx": "the search index's own storage",
        "day_search_content": "the search index's own storage",
        "day_search_docsize": "the search index's own storage",
        "day_search_config": "the search index's own storage",
    }
)
LOCAL_PREFIX = "sync_"  # the sync bookkeeping itself
# Columns of synced tables that stay on this computer, and why.
LOCAL_COLUMNS: Mapping[str, str] = MappingProxyType(
    {
        "metrics.id": "a local number; rows travel by uid",
        "experiments.id": "a local number; rows travel by uid",
        "decisions.id": "a local number; rows travel by uid",
        "routine_changes.id": "a local number; rows travel by uid",
        "check_ins.updated_at": "when this computer last wrote the day",
    }
)


def is_local_table(name: str) -> bool:
    return name in LOCAL_TABLES or name.startswith(LOCAL_PREFIX)
