"""Fuzzing the importers: malformed and random files never raise anything but ``WliError``,
and a failed import leaves the journal exactly as it was (a full export before and after).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wlitracker.core import schedules
from wlitracker.core.model.entities import Adherence, Experiment, Schedule
from wlitracker.core.model.errors import WliError
from wlitracker.core.model.repository import InMemoryRepository
from wlitracker.core.services.journal import Journal
from wlitracker.interop import native
from wlitracker.interop.importing import FORMATS, apply_import, preview
from wlitracker.storage.database import open_database
from wlitracker.storage.repository import SqliteRepository

TODAY = dt.date(2026, 3, 16)
FUZZ = settings(
    max_examples=int(__import__("os").environ.get("WLI_FUZZ_EXAMPLES", "120")),
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def seeded(repo: Any = None) -> Journal:
    """A journal that already holds things an import could clash with."""
    journal = Journal(repo or InMemoryRepository(), lambda: TODAY)
    journal.metrics.add("mood", 1, 5, "higher")
    journal.metrics.add("walk", 0, 3, "higher")
    walk = journal.experiments.create(Experiment("Walk at lunch", schedules.ab(3, 3, TODAY)))
    journal.experiments.create(
        Experiment("Meditate", Schedule((), dt.date(2026, 3, 1)), kind="routine")
    )
    journal.check_ins.update(
        dt.date(2026, 3, 10), ratings={"mood": 2, "satisfaction": 7}, add_tags=["work"], note="Mine"
    )
    journal.check_ins.update(TODAY, adherence={walk.id or 0: Adherence.DONE})
    return journal


def state(journal: Journal) -> dict[str, Any]:
    document = native.export_document(journal)
    document.pop("app_version")
    return document


def attempt(journal: Journal, path: Path, fmt: str = "auto", mood_map: Any = None) -> None:
    """Preview and apply; only user-facing errors may escape, and they change nothing."""
    before = state(journal)
    try:
        plan = preview(journal, path, fmt, mood_map)  # type: ignore[arg-type]
        if plan.unmapped_moods:
            plan = preview(
                journal,
                path,
                fmt,  # type: ignore[arg-type]
                {m.name: i % 6 or None for i, m in enumerate(plan.unmapped_moods)},
            )
        apply_import(journal, plan)
    except WliError:
        assert state(journal) == before
        return
    if plan.format == "wlitracker-json":
        return  # goes only into an empty journal, so it cannot be repeated
    # A success can be repeated: the second time adds nothing.
    after = state(journal)
    again = preview(journal, path, fmt, mood_map)  # type: ignore[arg-type]
    if again.can_apply:
        apply_import(journal, again)
        assert state(journal) == after


# --- strategies ---------------------------------------------------------------------

texts = st.text(alphabet=st.characters(codec="utf-8"), max_size=30)
dates = st.one_of(
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)).map(str),
    st.sampled_from(["2026-03-14", "2026-03-16", "2026-03-17", "2026-02-30", "", "14/03/2026"]),
    texts,
)
times = st.one_of(
    st.sampled_from(
        ["20:39", "9:03", "9:00 PM", "12:00 AM", "7:24 pm", "9:23\u202fPM", "", "25:61"]
    ),
    texts,
)
moods = st.one_of(
    st.sampled_from(["rad", "good ", "meh", "bad", "awful", "źle", "tak sobie", "Solid", ""]), texts
)
activities = st.one_of(
    st.lists(
        st.one_of(st.sampled_from(["work", " family ", "a" * 80, "#"]), texts), max_size=4
    ).map(" | ".join),
    texts,
)
notes = st.one_of(
    st.sampled_from(
        ["", "<b>bold</b><br>x", "&amp;&#0;&#xD800;", "a\nb", "<script>x</script>", "\x00"]
    ),
    texts,
)
DAYLIO_HEADERS = [
    ["year", "date", "weekday", "time", "mood", "activities", "note"],
    ["full_date", "date", "weekday", "time", "mood", "activities", "note"],
    ["full_date", "date", "weekday", "time", "mood", "activities", "note_title", "note"],
    ["full_date", "date", "weekday", "time", "mood", "activities", "scales", "note_title", "note"],
]


def cell_for(name: str) -> st.SearchStrategy[str]:
    return {
        "year": st.one_of(st.integers(1, 9999).map(str), texts),
        "full_date": dates,
        "date": st.one_of(
            st.sampled_from(["June 22", "7 września", "Nov 30", "31 February"]), texts
        ),
        "time": times,
        "mood": moods,
        "activities": activities,
        "scales": st.one_of(st.just("Sleep:\u00a0 8/10\u00a0points | Time:\u00a0 8:00"), texts),
        "note_title": notes,
        "note": notes,
    }.get(name, texts)


@st.composite
def daylio_files(draw: Callable[..., Any]) -> bytes:
    header = draw(st.sampled_from(DAYLIO_HEADERS))
    rows = []
    for _ in range(draw(st.integers(0, 8))):
        row = [draw(cell_for(name)) for name in header]
        rows.append(row[: draw(st.integers(0, len(row) + 1))] + draw(st.lists(texts, max_size=1)))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=draw(st.sampled_from(["\n", "\r\n"]))).writerows(
        [header, *rows]
    )
    bom = draw(st.sampled_from(["", "\ufeff"]))
    text: str = bom + buffer.getvalue()
    return text.encode("utf-8")


@st.composite
def loop_exports(draw: Callable[..., Any]) -> dict[str, bytes]:
    header = draw(
        st.sampled_from(
            [
                "Position,Name,Description,NumRepetitions,Interval,Color",
                "Position,Name,Question,Description,NumRepetitions,Interval,Color",
                "Position,Name,Type,Question,Description,FrequencyNumerator,FrequencyDenominator,"
                "Color,Unit,Target Type,Target Value,Archived?",
            ]
        )
    )
    files: dict[str, bytes] = {}
    lines = [header]
    for position in range(1, draw(st.integers(0, 3)) + 1):
        pos = draw(st.one_of(st.just(f"{position:03d}"), texts))
        kind = draw(st.sampled_from(["YES_NO", "NUMERICAL", "", "X"]))
        target = draw(st.sampled_from(["2.0", "", "NaN", "-1", "1e400", "x"]))
        name = draw(st.one_of(st.sampled_from(["Run", "Медитация", "a,b", "Run"]), texts))
        fields = [
            pos,
            name,
            kind,
            "Question?",
            "",
            "1",
            "7",
            "#FF8F00",
            "km",
            "AT_LEAST",
            target,
            "true",
        ]
        lines.append(",".join(json.dumps(f) if "," in f or '"' in f else f for f in fields))
        values = st.one_of(
            st.sampled_from(
                ["UNKNOWN", "NO", "YES_AUTO", "YES_MANUAL", "SKIP", "-1", "0", "1", "2", "3"]
            ),
            st.integers(-(2**40), 2**40).map(str),
            texts,
        )
        rows = [
            f"{draw(dates)},{draw(values)},{json.dumps(draw(notes))}"
            for _ in range(draw(st.integers(0, 6)))
        ]
        if draw(st.booleans()):
            rows.insert(0, "Date,Value,Notes")
        files[f"{position:03d} {name[:10]}/Checkmarks.csv".replace("\x00", "")] = "\n".join(
            rows
        ).encode("utf-8")
    files["Habits.csv"] = "\n".join(lines).encode("utf-8")
    if draw(st.booleans()):
        files["Checkmarks.csv"] = draw(st.binary(max_size=60))
    return files


@st.composite
def own_csv_files(draw: Callable[..., Any]) -> bytes:
    metrics = draw(
        st.lists(
            st.sampled_from(["satisfaction", "guilt", "mood", "walk", "focus", "a=b", ""]),
            max_size=4,
        )
    )
    experiments = draw(
        st.lists(
            st.sampled_from(
                ["experiment 1: Walk at lunch", "experiment 2: Meditate", "experiment 9: x"]
            ),
            max_size=2,
        )
    )
    header = ["date", *metrics, *experiments, "tags", "unusual", "note"]
    value = st.one_of(st.integers(-20, 2000).map(str), st.just(""), texts)
    mark = st.one_of(st.sampled_from([a.value for a in Adherence] + [""]), texts)
    rows = []
    for _ in range(draw(st.integers(0, 6))):
        row = [draw(dates), *[draw(value) for _ in metrics], *[draw(mark) for _ in experiments]]
        row += [draw(st.one_of(st.just("a; b"), texts)), draw(texts), draw(notes)]
        if draw(st.integers(0, 9)) == 0:
            row = row[:-1]
        rows.append(row)
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([header, *rows])
    return buffer.getvalue().encode("utf-8")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | texts,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(texts, children, max_size=3),
    max_leaves=12,
)


@st.composite
def native_documents(draw: Callable[..., Any]) -> dict[str, Any]:
    document: dict[str, Any] = {"format": "wlitracker-json", "format_version": 1}
    plausible = {
        "metrics": st.lists(
            st.fixed_dictionaries(
                {"name": texts, "min": json_values, "max": json_values, "better": json_values}
            ),
            max_size=2,
        ),
        "experiments": st.lists(
            st.fixed_dictionaries(
                {"title": texts, "kind": json_values, "schedule": json_values, "id": json_values}
            ),
            max_size=2,
        ),
        "check_ins": st.lists(
            st.fixed_dictionaries(
                {
                    "date": dates,
                    "ratings": json_values,
                    "adherence": json_values,
                    "tags": json_values,
                }
            ),
            max_size=2,
        ),
    }
    for key in ("metrics", "experiments", "decisions", "check_ins", "settings"):
        if draw(st.booleans()):
            document[key] = draw(st.one_of(plausible.get(key, json_values), json_values))
    return document


# --- the properties -----------------------------------------------------------------


@FUZZ
@given(content=daylio_files(), fmt=st.sampled_from(["auto", "daylio"]))
def test_random_daylio_files(content: bytes, fmt: str, tmp_path: Path) -> None:
    path = tmp_path / "daylio_export.csv"
    path.write_bytes(content)
    attempt(seeded(), path, fmt, {"solid": 4})


@FUZZ
@given(files=loop_exports(), as_zip=st.booleans())
def test_random_loop_exports(files: dict[str, bytes], as_zip: bool, tmp_path: Path) -> None:
    with tempfile.TemporaryDirectory(dir=tmp_path) as folder:
        root = Path(folder)
        if as_zip:
            path = root / "export.zip"
            with zipfile.ZipFile(path, "w") as archive:
                for name, data in files.items():
                    archive.writestr(name, data)
        else:
            path = root / "export"
            for name, data in files.items():
                target = path / name
                try:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(data)
                except (OSError, ValueError):
                    continue  # a name the file system refuses; the ZIP case covers it
        attempt(seeded(), path, "loop")


@FUZZ
@given(content=own_csv_files())
def test_random_own_csv_files(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "days.csv"
    path.write_bytes(content)
    attempt(seeded(), path, "wlitracker-csv")


@FUZZ
@given(document=native_documents())
def test_random_json_documents(document: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    attempt(Journal(InMemoryRepository(), lambda: TODAY), path)


@FUZZ
@given(content=st.binary(max_size=300), fmt=st.sampled_from(["auto", *FORMATS]))
def test_random_bytes_in_any_format(content: bytes, fmt: str, tmp_path: Path) -> None:
    path = tmp_path / "file"
    path.write_bytes(content)
    attempt(seeded(), path, fmt)


_counter = itertools.count()


@settings(FUZZ, max_examples=40)
@given(
    content=st.one_of(daylio_files(), own_csv_files()),
    fmt=st.sampled_from(["auto", "daylio", "wlitracker-csv"]),
)
def test_random_files_against_sqlite(content: bytes, fmt: str, tmp_path: Path) -> None:
    db_path = tmp_path / f"fuzz-{next(_counter)}.db"
    repo = SqliteRepository(open_database(db_path), db_path)
    try:
        path = tmp_path / "input.csv"
        path.write_bytes(content)
        attempt(seeded(repo), path, fmt, {"solid": 4})
    finally:
        repo.close()


def test_superscript_digits_in_an_old_daylio_date_are_not_numbers() -> None:
    # Found by fuzzing: "²" is a digit to str.isdigit() but not to int().
    from wlitracker.interop.daylio_cells import parse_local_date

    assert parse_local_date("1", "²") is None
    assert parse_local_date("2018", "June 22") == dt.date(2018, 6, 22)
