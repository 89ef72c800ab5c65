"""The schema, as an append-only list of steps run by ``sqlite_utils.Migrations``.

Never edit a step that has shipped: add a new one at the end of ``STEPS``. The
names of applied steps are how a database says which version of the app wrote
it. sqlite-utils is imported only when a step is actually pending.
"""

from __future__ import annotations

from collections.abc import Callable

TYPE_CHECKING = False  # not ``typing``'s: the command line starts without it (see cli)
if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations

MIGRATION_SET = "wlitracker"
MIGRATIONS_TABLE = "_sqlite_migrations"

_SCHEMA_0001 = """
CREATE TABLE metrics (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    min_value INTEGER NOT NULL,
    max_value INTEGER NOT NULL CHECK (max_value > min_value),
    better TEXT NOT NULL CHECK (better IN ('higher', 'lower')),
    builtin INTEGER NOT NULL DEFAULT 0 CHECK (builtin IN (0, 1)),
    archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);
CREATE TABLE check_ins (
    date TEXT PRIMARY KEY CHECK (date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    note TEXT NOT NULL DEFAULT '',
    unusual TEXT,
    updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE TABLE ratings (
    date TEXT NOT NULL REFERENCES check_ins(date) ON DELETE CASCADE,
    metric_id INTEGER NOT NULL REFERENCES metrics(id),
    value INTEGER NOT NULL,
    PRIMARY KEY (date, metric_id)
) WITHOUT ROWID;
CREATE INDEX ratings_by_metric ON ratings(metric_id, date);
CREATE TABLE check_in_tags (
    date TEXT NOT NULL REFERENCES check_ins(date) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    tag TEXT NOT NULL,
    PRIMARY KEY (date, tag)
) WITHOUT ROWID;
CREATE TABLE experiments (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    intention TEXT NOT NULL DEFAULT '',
    shift TEXT NOT NULL DEFAULT '',
    hypothesis TEXT NOT NULL DEFAULT '',
    domains TEXT NOT NULL DEFAULT '[]',
    template TEXT,
    parent_id INTEGER REFERENCES experiments(id),
    version INTEGER NOT NULL DEFAULT 1,
    start_date TEXT,
    created_on TEXT
);
CREATE TABLE experiment_targets (
    experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    metric_id INTEGER NOT NULL REFERENCES metrics(id),
    better TEXT NOT NULL CHECK (better IN ('higher', 'lower')),
    PRIMARY KEY (experiment_id, metric_id)
) WITHOUT ROWID;
CREATE TABLE experiment_phases (
    experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('baseline', 'trial')),
    days INTEGER NOT NULL CHECK (days > 0),
    PRIMARY KEY (experiment_id, position)
) WITHOUT ROWID;
CREATE TABLE adherence (
    experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
    date TEXT NOT NULL REFERENCES check_ins(date) ON DELETE CASCADE,
    mark TEXT NOT NULL CHECK (mark IN ('done', 'partly', 'not_done', 'not_scheduled')),
    PRIMARY KEY (experiment_id, date)
) WITHOUT ROWID;
CREATE INDEX adherence_by_date ON adherence(date);
CREATE TABLE decisions (
    id INTEGER PRIMARY KEY,
    experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('persist', 'adjust', 'switch', 'stop')),
    reason TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    new_experiment_id INTEGER REFERENCES experiments(id)
);
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO metrics (name, min_value, max_value, better, builtin)
VALUES ('satisfaction', 0, 10, 'higher', 1), ('guilt', 0, 10, 'lower', 1);
"""


def initial_schema(db: Database) -> None:
    for statement in _SCHEMA_0001.split(";"):
        if statement.strip():
            db.execute(statement)


def experiment_kind(db: Database) -> None:
    """Experiments become 'experiment' or 'routine' (a habit kept without phases)."""
    db.execute(
        "ALTER TABLE experiments ADD COLUMN kind TEXT NOT NULL DEFAULT 'experiment'"
        " CHECK (kind IN ('experiment', 'routine'))"
    )


_REBUILT_TABLES = (
    (
        "ratings",
        """CREATE TABLE ratings (
    date TEXT NOT NULL REFERENCES check_ins(date) ON DELETE CASCADE,
    metric_id INTEGER NOT NULL REFERENCES metrics(id),
    value NUMERIC NOT NULL CHECK (typeof(value) IN ('integer', 'real')),
    PRIMARY KEY (date, metric_id)
) WITHOUT ROWID""",
        "date, metric_id, value",
    ),
    (
        "check_in_tags",
        """CREATE TABLE check_in_tags (
    date TEXT NOT NULL REFERENCES check_ins(date) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    position INTEGER NOT NULL,
    PRIMARY KEY (date, tag)
) WITHOUT ROWID""",
        "date, tag, position",
    ),
    (
        "experiment_targets",
        """CREATE TABLE experiment_targets (
    experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
    metric_id INTEGER NOT NULL REFERENCES metrics(id),
    position INTEGER NOT NULL,
    better TEXT NOT NULL CHECK (better IN ('higher', 'lower')),
    PRIMARY KEY (experiment_id, metric_id)
) WITHOUT ROWID""",
        "experiment_id, metric_id, position, better",
    ),
)


def key_columns_first(db: Database) -> None:
    """Rebuild the tables whose key columns came after another NOT NULL column.

    SQLite 3.40.0 to 3.41.0 report "NULL value in check_in_tags.position" from
    ``PRAGMA integrity_check`` on a sound journal: a bug for WITHOUT ROWID tables
    with a NOT NULL column declared before a primary-key column. With the key
    columns first, every SQLite version answers "ok". ``ratings.value`` becomes
    NUMERIC on the way: whole numbers stay integers and an imported fraction (the
    mean of several Daylio entries on one day) is kept as it is. Every row is
    copied; the step runs in one transaction, so it lands whole or not at all.
    """
    for table, create, columns in _REBUILT_TABLES:
        db.execute(create.replace(f"CREATE TABLE {table} ", f"CREATE TABLE new_{table} ", 1))
        db.execute(f"INSERT INTO new_{table} ({columns}) SELECT {columns} FROM {table}")
        db.execute(f"DROP TABLE {table}")
        db.execute(f"ALTER TABLE new_{table} RENAME TO {table}")
    db.execute("CREATE INDEX ratings_by_metric ON ratings(metric_id, date)")


# A day's row in the full-text index has the day's number as its rowid (the Julian day,
# a whole number: days are unique and ordered), so a trigger finds it by key, never by
# scanning; its tags are joined by the unit separator, which the tokenizer splits on.
DAY_NUMBER = "CAST(julianday({date}) AS INTEGER)"
_DAY_TAGS = (
    "coalesce((SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM check_in_tags"
    " WHERE date = {date} ORDER BY position)), '')"
)


def _index_day(date: str) -> str:
    return (
        "INSERT INTO day_search (rowid, date, note, tags) SELECT "
        f"{DAY_NUMBER.format(date=date)}, date, note, {_DAY_TAGS.format(date=date)}"
        f" FROM check_ins WHERE date = {date}"
    )


def _retag_day(date: str) -> str:
    return (
        f"UPDATE day_search SET tags = {_DAY_TAGS.format(date=date)}"
        f" WHERE rowid = {DAY_NUMBER.format(date=date)}"
    )


def _unindex_day(date: str) -> str:
    return f"DELETE FROM day_search WHERE rowid = {DAY_NUMBER.format(date=date)}"


SEARCH_SCHEMA = (
    "CREATE VIRTUAL TABLE day_search USING fts5("
    "date UNINDEXED, note, tags, tokenize = 'unicode61 remove_diacritics 2')",
    f"""CREATE TRIGGER day_search_insert AFTER INSERT ON check_ins BEGIN
    {_index_day("NEW.date")};
END""",
    f"""CREATE TRIGGER day_search_update AFTER UPDATE ON check_ins
WHEN OLD.note IS NOT NEW.note OR OLD.date IS NOT NEW.date BEGIN
    {_unindex_day("OLD.date")};
    {_index_day("NEW.date")};
END""",
    f"""CREATE TRIGGER day_search_delete AFTER DELETE ON check_ins BEGIN
    {_unindex_day("OLD.date")};
END""",
    f"""CREATE TRIGGER day_search_tag_insert AFTER INSERT ON check_in_tags BEGIN
    {_retag_day("NEW.date")};
END""",
    f"""CREATE TRIGGER day_search_tag_update AFTER UPDATE ON check_in_tags BEGIN
    {_retag_day("OLD.date")};
    {_retag_day("NEW.date")};
END""",
    f"""CREATE TRIGGER day_search_tag_delete AFTER DELETE ON check_in_tags BEGIN
    {_retag_day("OLD.date")};
END""",
    "CREATE INDEX check_in_tags_by_tag ON check_in_tags(tag, date)",
)


def search_and_tags(db: Database) -> None:
    """A full-text index of every day's note and tags, kept in step by triggers.

    Every write of a note or a tag, whichever path it takes (a check-in, an import,
    the demo, a tag renamed), changes the index in the same transaction; the step
    fills it from the days already stored. Tags also get an index of their own,
    for counting and renaming them.
    """
    for statement in SEARCH_SCHEMA:
        db.execute(statement)
    db.execute(
        "INSERT INTO day_search (rowid, date, note, tags) SELECT "
        f"{DAY_NUMBER.format(date='c.date')}, c.date, c.note, {_DAY_TAGS.format(date='c.date')}"
        " FROM check_ins c"
    )


def routines(db: Database) -> None:
    """Routines kept after an experiment: when one was paused, resumed or retired, and why."""
    db.execute(
        """CREATE TABLE routine_changes (
    id INTEGER PRIMARY KEY,
    experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('pause', 'resume', 'retire')),
    changed_on TEXT NOT NULL
        CHECK (changed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    reason TEXT NOT NULL DEFAULT ''
)"""
    )
    db.execute("CREATE INDEX routine_changes_by_experiment ON routine_changes(experiment_id)")


_SYNC_STATEMENTS = (
    """CREATE UNIQUE INDEX metrics_by_uid ON metrics(uid)""",
    """CREATE UNIQUE INDEX experiments_by_uid ON experiments(uid)""",
    """CREATE UNIQUE INDEX decisions_by_uid ON decisions(uid)""",
    """CREATE UNIQUE INDEX routine_changes_by_uid ON routine_changes(uid)""",
    """CREATE TRIGGER metrics_get_uid AFTER INSERT ON metrics WHEN NEW.uid IS NULL BEGIN
    UPDATE metrics SET uid = CASE
        WHEN EXISTS (SELECT 1 FROM metrics WHERE uid = lower(NEW.name))
        THEN lower(hex(randomblob(16))) ELSE lower(NEW.name) END
    WHERE id = NEW.id;
END""",
    """CREATE TRIGGER experiments_get_uid AFTER INSERT ON experiments WHEN NEW.uid IS NULL BEGIN
    UPDATE experiments SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END""",
    """CREATE TRIGGER decisions_get_uid AFTER INSERT ON decisions WHEN NEW.uid IS NULL BEGIN
    UPDATE decisions SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END""",
    """CREATE TRIGGER routine_changes_get_uid AFTER INSERT ON routine_changes
WHEN NEW.uid IS NULL BEGIN
    UPDATE routine_changes SET uid = lower(hex(randomblob(16))) WHERE id = NEW.id;
END""",
    """CREATE TABLE sync_state (
    one INTEGER PRIMARY KEY CHECK (one = 1),
    device TEXT NOT NULL,
    device_name TEXT NOT NULL,
    journal TEXT NOT NULL,
    encrypted INTEGER NOT NULL CHECK (encrypted IN (0, 1)),
    clock_ms INTEGER NOT NULL DEFAULT 0,
    clock_counter INTEGER NOT NULL DEFAULT 0,
    next_seq INTEGER NOT NULL DEFAULT 1,
    last_sync TEXT
)""",
    """CREATE TABLE sync_dirty (
    tbl TEXT NOT NULL,
    k1,
    k2,
    gone TEXT,
    at INTEGER NOT NULL DEFAULT (CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER))
)""",
    """CREATE TABLE sync_registers (
    tbl TEXT NOT NULL,
    k1 TEXT NOT NULL,
    k2 TEXT NOT NULL,
    col TEXT NOT NULL,
    value,
    raw,
    ms INTEGER NOT NULL,
    counter INTEGER NOT NULL,
    device TEXT NOT NULL,
    base TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tbl, k1, k2, col)
) WITHOUT ROWID""",
    """CREATE TABLE sync_history (
    tbl TEXT NOT NULL,
    k1 TEXT NOT NULL,
    k2 TEXT NOT NULL,
    col TEXT NOT NULL,
    ms INTEGER NOT NULL,
    counter INTEGER NOT NULL,
    device TEXT NOT NULL,
    value,
    base TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (tbl, k1, k2, col, ms, counter, device)
) WITHOUT ROWID""",
    """CREATE INDEX sync_history_by_time ON sync_history(ms)""",
    """CREATE TABLE sync_orphans (
    tbl TEXT NOT NULL,
    k1 TEXT NOT NULL,
    k2 TEXT NOT NULL,
    PRIMARY KEY (tbl, k1, k2)
) WITHOUT ROWID""",
    """CREATE TABLE sync_seen (
    name TEXT PRIMARY KEY,
    device TEXT NOT NULL,
    first INTEGER NOT NULL,
    last INTEGER NOT NULL
) WITHOUT ROWID""",
    """CREATE TABLE sync_devices (
    device TEXT PRIMARY KEY,
    name TEXT NOT NULL
) WITHOUT ROWID""",
)


def sync(db: Database) -> None:
    """Rows known on every computer (a ``uid`` beside the local integer ``id``), and the
    tables sync keeps: its state, changes not yet sent, every version of every synced
    field, and which change sets were read. Changes are captured only once sync is set
    up (``storage.sync_store``), so a journal that never syncs pays nothing."""
    for table in ("metrics", "experiments", "decisions", "routine_changes"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN uid TEXT")
    taken: set[str] = set()
    for row_id, name in db.execute("SELECT id, name FROM metrics ORDER BY id").fetchall():
        uid = str(name).lower()
        if uid in taken:
            uid = f"{uid}#{row_id}"
        taken.add(uid)
        db.execute("UPDATE metrics SET uid = ? WHERE id = ?", (uid, row_id))
    for table in ("experiments", "decisions", "routine_changes"):
        db.execute(f"UPDATE {table} SET uid = lower(hex(randomblob(16)))")
    for statement in _SYNC_STATEMENTS:
        db.execute(statement)


def metric_labels(db: Database) -> None:
    """Metrics shown as the person typed them: ``label`` beside ``name``, which stays the
    key (lower case) by which ratings, targets, imports and sync know a metric. Names
    stored so far were lower-cased as they came in, so each becomes its own label; the
    built-in metrics are capitalised."""
    db.execute("ALTER TABLE metrics ADD COLUMN label TEXT NOT NULL DEFAULT ''")
    db.execute(
        "UPDATE metrics SET label = CASE WHEN builtin = 1"
        " THEN upper(substr(name, 1, 1)) || substr(name, 2) ELSE name END"
    )


STEPS: tuple[tuple[str, Callable[[Database], None]], ...] = (
    ("0001_initial_schema", initial_schema),
    ("0002_experiment_kind", experiment_kind),
    ("0003_key_columns_first", key_columns_first),
    ("0004_search_and_tags", search_and_tags),
    ("0005_routines", routines),
    ("0006_sync", sync),
    ("0007_metric_labels", metric_labels),
)
KNOWN = tuple(name for name, _ in STEPS)


def migration_set() -> Migrations:
    """The steps registered with sqlite-utils, in order."""
    from sqlite_utils import Migrations

    migrations = Migrations(MIGRATION_SET)
    for name, step in STEPS:
        migrations(name=name)(step)
    return migrations
