"""Daylio CSV: every header generation, times, locales, moods, notes and merging."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wlitracker.core.model.entities import CheckIn, Metric
from wlitracker.core.model.errors import ValidationError, WliError
from wlitracker.core.services.journal import Journal
from wlitracker.interop import daylio_cells
from wlitracker.interop.importing import (
    UnmappedMoodsError,
    apply_import,
    detect_format,
    parse_mood_map,
    preview,
)

Snapshot = Callable[[Journal], dict[str, Any]]
D = dt.date


def imported(journal: Journal, path: Path, **mood_map: int | None) -> dict[dt.date, CheckIn]:
    plan = preview(journal, path, "auto", mood_map)
    apply_import(journal, plan)
    return {c.date: c for c in journal.repo.list_check_ins()}


# --- header generations --------------------------------------------------------


def test_year_header_with_bom_24_hour_times_and_english_moods(journal: Journal, data: Path) -> None:
    path = data / "daylio" / "year_english.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert detect_format(path) == "daylio"

    days = imported(journal, path)

    assert sorted(days) == [D(2025, 12, 31), D(2026, 3, 12), D(2026, 3, 13), D(2026, 3, 14)]
    # rad (5) and good (4) on one day: the mean 4.5 is kept as it is
    saturday = days[D(2026, 3, 14)]
    assert saturday.ratings == {"mood": 4.5}
    assert saturday.tags == ("walk", "family", "cooking")  # in the order of the day
    assert saturday.note == "09:03 — Slow morning\n21:05 — Pancakes with the kids"
    assert days[D(2026, 3, 13)].ratings == {"mood": 3}
    assert days[D(2026, 3, 13)].tags == ("work", "late meeting")
    assert days[D(2026, 3, 12)].ratings == {"mood": 2}
    assert days[D(2025, 12, 31)].ratings == {"mood": 1}
    assert journal.repo.get_metric("mood") == Metric("mood", 1, 5, "higher", id=3, label="mood")


def test_polish_moods_and_dates_and_a_short_row(journal: Journal, data: Path) -> None:
    days = imported(journal, data / "daylio" / "year_polish.csv")

    assert {d: c.ratings["mood"] for d, c in days.items()} == {
        D(2025, 9, 7): 5,
        D(2025, 9, 6): 4,
        D(2025, 9, 5): 3,
        D(2025, 9, 4): 2,  # the short row: six fields, no note column
        D(2025, 9, 3): 1,
    }
    assert days[D(2025, 9, 7)].tags == ("rodzina", "spacer")
    assert days[D(2025, 9, 7)].note == "20:15 — Świetny dzień"
    assert days[D(2025, 9, 4)].tags == ("praca",)


def test_full_date_12_hour_times_crlf_and_custom_moods_need_a_map(
    journal: Journal, data: Path, tmp_path: Path
) -> None:
    path = tmp_path / "crlf.csv"
    path.write_bytes(
        (data / "daylio" / "fulldate_7col_ampm.csv").read_bytes().replace(b"\n", b"\r\n")
    )

    plan = preview(journal, path)

    assert [(m.name, m.entries) for m in plan.unmapped_moods] == [("Cry", 1), ("Sick", 1)]
    assert not plan.can_apply
    with pytest.raises(UnmappedMoodsError, match="--mood-map Cry=LEVEL"):
        apply_import(journal, plan)
    assert journal.repo.list_check_ins() == []

    days = imported(journal, path, sick=2, CRY=1)

    # 12:00 AM meh (3), 9:00 PM good (4), 11:30 PM Sick (2): mean 3
    assert days[D(2026, 3, 10)].ratings == {"mood": 3}
    assert days[D(2026, 3, 10)].note == "21:00 — Game night"
    assert days[D(2026, 3, 10)].tags == ("friends", "board game")
    # 8:00 AM Cry (1) and 12:15 PM rad (5): mean 3
    assert days[D(2026, 3, 9)].ratings == {"mood": 3}
    assert days[D(2026, 3, 9)].note == "08:00 — Rough start"


def test_a_mood_mapped_to_skip_is_left_out(journal: Journal, data: Path) -> None:
    days = imported(journal, data / "daylio" / "fulldate_7col_ampm.csv", sick=2, cry=None)

    assert days[D(2026, 3, 9)].ratings == {"mood": 5}
    assert days[D(2026, 3, 9)].note == "08:00 — Rough start"  # the entry's note is still kept


def test_eight_columns_html_notes_titles_quotes_and_a_future_day(
    journal: Journal, data: Path
) -> None:
    plan = preview(journal, data / "daylio" / "fulldate_8col.csv")

    assert plan.skipped_invalid == 1
    assert any("2026-03-20 is in the future" in w and "line 2" in w for w in plan.warnings)
    days = imported(journal, data / "daylio" / "fulldate_8col.csv")
    assert D(2026, 3, 20) not in days
    sunday = days[D(2026, 3, 15)]
    assert sunday.ratings == {"mood": 4.5}  # "good " (trailing space) 4 and rad 5
    assert sunday.tags == ("music", '"quoted" thing')
    assert sunday.note == (
        "19:24 — • tea\n• book\n21:23 — Evening: Listened to records.\n\nThen & slept <early>."
    )
    assert "alert" not in sunday.note
    assert days[D(2026, 3, 11)].note == "10:00 — Title only"
    assert days[D(2026, 3, 11)].tags == ()
    # Text that only looks a little like markup is left alone.
    assert days[D(2026, 3, 8)].note == "18:50 — I <3 tea, 5 < 6"
    assert days[D(2026, 3, 8)].tags == ("chest / core", "< 15 mins on Instagram")


def test_nine_columns_with_scales(journal: Journal, data: Path) -> None:
    days = imported(journal, data / "daylio" / "fulldate_9col_scales.csv")

    # good 4 and bad 2; the scales are metrics, not note text
    assert days[D(2026, 3, 5)].ratings == {"mood": 3, "sleep quality": 8, "sleep time": 8}
    assert days[D(2026, 3, 5)].note == "12:00 — Testing the note.\n14:03 — Bruuuuh."
    assert days[D(2026, 3, 4)].ratings == {"mood": 3, "sleep quality": 4}
    assert days[D(2026, 3, 4)].note == ""
    assert journal.repo.get_metric("sleep quality") == Metric(
        "sleep quality", 0, 10, id=4, label="Sleep Quality"
    )
    assert journal.repo.get_metric("sleep time") == Metric(
        "sleep time", 0, 24, id=5, label="Sleep Time"
    )


# --- pieces ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20:39", dt.time(20, 39)),
        ("08:13", dt.time(8, 13)),
        ("9:03", dt.time(9, 3)),
        ("9:00 PM", dt.time(21, 0)),
        ("12:00 AM", dt.time(0, 0)),
        ("12:30 pm", dt.time(12, 30)),
        ("7:24 pm", dt.time(19, 24)),
        ("10:00 pm", dt.time(22, 0)),
        ("9:23\u202fPM", dt.time(21, 23)),
        ("9:05 a.m.", dt.time(9, 5)),
        ("下午9:23", dt.time(21, 23)),
        ("25:00", None),
        ("13:00 PM", None),
        ("9:75", None),
        ("noon", None),
        ("", None),
    ],
)
def test_times_in_any_case_and_clock(text: str, expected: dt.time | None) -> None:
    assert daylio_cells.parse_time(text) == expected


@pytest.mark.parametrize(
    ("year", "text", "expected"),
    [
        ("2017", "7 września", D(2017, 9, 7)),
        ("2018", "June 22", D(2018, 6, 22)),
        ("2018", "Nov 30", D(2018, 11, 30)),
        ("2019", "9 January", D(2019, 1, 9)),
        ("2020", "16 de octubre", D(2020, 10, 16)),
        ("2019", "February 30", None),
        ("2018", "Smarch 3", None),
        ("soon", "June 22", None),
    ],
)
def test_localized_dates_of_the_year_header(year: str, text: str, expected: dt.date | None) -> None:
    assert daylio_cells.parse_local_date(year, text) == expected


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("plain <3 text", "plain <3 text"),
        ("Never mind<b>d</b>.", "Never mindd."),
        ("Who knows.<br><br>Am I [[virtual]]?", "Who knows.\n\nAm I [[virtual]]?"),
        ("<p>One</p><p>Two</p>", "One\nTwo"),
        ("a &amp; b &lt;c&gt;", "a & b <c>"),
        ("<style>p{}</style><i>x</i><img src=x onerror=alert(1)>", "x"),
    ],
)
def test_html_in_notes_becomes_plain_text(html: str, text: str) -> None:
    assert daylio_cells.html_to_text(html) == text


def test_mood_maps_accept_numbers_names_and_skip() -> None:
    assert parse_mood_map(["Solid=4", "almost Rad=rad", " Fine  I’m fine =skip", "a=b=2"]) == {
        "solid": 4,
        "almost rad": 5,
        "fine i’m fine": None,
        "a=b": 2,
    }
    for bad in ("Solid", "Solid=6", "Solid=great", "=3"):
        with pytest.raises(ValidationError, match="--mood-map"):
            parse_mood_map([bad])


# --- merging -------------------------------------------------------------------------


def test_importing_twice_adds_nothing_the_second_time(
    journal: Journal, data: Path, snapshot: Snapshot
) -> None:
    path = data / "daylio" / "fulldate_7col_ampm.csv"
    apply_import(journal, preview(journal, path, mood_map={"sick": 2, "cry": 1}))
    before = snapshot(journal)

    again = preview(journal, path, mood_map={"sick": 2, "cry": 1})

    assert again.adds_nothing
    assert (again.days_added, again.days_changed, again.days_unchanged) == (0, 0, 2)
    assert again.ratings.added == again.tags.added == again.notes.added == 0
    assert again.ratings.unchanged == 2 and again.notes.unchanged == 2
    apply_import(journal, again)
    assert snapshot(journal) == before


def test_the_journals_own_values_win(journal: Journal, data: Path) -> None:
    journal.metrics.add("mood", 1, 5, "higher")
    day = D(2026, 3, 14)
    journal.check_ins.update(
        day,
        ratings={"mood": 2},
        add_tags=["family"],
        note="My own words\n21:05 — Pancakes with the kids",
    )

    plan = preview(journal, data / "daylio" / "year_english.csv")

    assert plan.ratings.skipped == 1
    assert plan.days_changed == 1 and plan.days_added == 3
    assert any("kept your mood 2 (the file says 4.5)" in e for e in plan.examples)
    apply_import(journal, plan)
    stored = journal.check_ins.get(day)
    assert stored.ratings == {"mood": 2}
    assert stored.tags == ("family", "walk", "cooking")
    assert stored.note == ("My own words\n21:05 — Pancakes with the kids\n09:03 — Slow morning")


def test_a_mood_metric_on_another_scale_is_named(journal: Journal, data: Path) -> None:
    journal.metrics.add("mood", 0, 3, "higher")

    plan = preview(journal, data / "daylio" / "year_english.csv")

    assert any("mood: your metric runs from 0 to 3" in w for w in plan.warnings)
    assert plan.skipped_invalid == 1  # only the day of rad and good (4.5) does not fit 0..3
    assert "line 2: mood 4.5 is off the scale 0..3; skipped" in plan.warnings


# --- malformed files ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "full_date,date,weekday,time,mood,activities,note_title,note\n"
            "2026-03-01,March 1,Sunday,9:00,rad,,,\n"
            "2026-13-01,March 1,Sunday,9:00,rad,,,\n",
            r"line 3: full_date: '2026-13-01' is not a YYYY-MM-DD date",
        ),
        (
            "year,date,weekday,time,mood,activities,note\n2018,Smarch 3,Monday,9:00,rad,,\n",
            r"line 2: cannot read the date from year '2018' and date 'Smarch 3'",
        ),
        (
            "full_date,date,weekday,time,mood,activities,note\n,March 1,Sunday,9:00,rad,,\n",
            r"line 2: the full_date is missing",
        ),
        ("", "is empty"),
    ],
)
def test_a_malformed_file_names_the_line_and_the_problem(
    journal: Journal, tmp_path: Path, text: str, message: str, snapshot: Snapshot
) -> None:
    path = tmp_path / "daylio_export.csv"
    path.write_text(text, encoding="utf-8")
    before = snapshot(journal)

    with pytest.raises(ValidationError, match=message):
        preview(journal, path, "daylio")

    assert snapshot(journal) == before


def test_text_that_is_not_utf8_names_its_line(journal: Journal, tmp_path: Path) -> None:
    path = tmp_path / "daylio_export.csv"
    path.write_bytes(
        b"full_date,date,weekday,time,mood,activities,note\n2026-03-01,x,y,9:00,rad,,\xff\n"
    )
    with pytest.raises(ValidationError, match="line 2: is not UTF-8 text"):
        preview(journal, path)


def test_a_folder_or_a_missing_file_is_a_clear_error(journal: Journal, tmp_path: Path) -> None:
    with pytest.raises(WliError, match="folder"):
        preview(journal, tmp_path, "daylio")
    with pytest.raises(WliError, match="no such file"):
        preview(journal, tmp_path / "missing.csv")


# --- what the file says is kept ---------------------------------------------------------

MEANS = (
    "full_date,date,weekday,time,mood,activities,scales,note_title,note\n"
    '2026-03-12,March 12,Thursday,21:00,good,"","Sleep Quality:\u00a0 7/10\u00a0points","",""\n'
    '2026-03-12,March 12,Thursday,08:00,meh,"",'
    '"Sleep Quality:\u00a0 8/10\u00a0points | Sleep Time:\u00a0 7:30","",""\n'
    '2026-03-11,March 11,Wednesday,20:00,good,"","","",""\n'
    '2026-03-11,March 11,Wednesday,12:00,good,"","Coffee:\u00a0 3 cups","",""\n'
    '2026-03-11,March 11,Wednesday,08:00,meh,"",'
    '"Sleep Quality:\u00a0 4/5\u00a0points | Focus:\u00a0 sharp","","Early"\n'
)


def test_several_entries_keep_their_exact_mean(journal: Journal, tmp_path: Path) -> None:
    path = tmp_path / "daylio_export.csv"
    path.write_text(MEANS, encoding="utf-8")

    days = imported(journal, path)

    assert days[D(2026, 3, 12)].ratings["mood"] == 3.5  # meh 3 and good 4
    assert days[D(2026, 3, 11)].ratings["mood"] == pytest.approx(11 / 3, abs=1e-12)
    assert days[D(2026, 3, 11)].ratings["mood"] == 11 / 3  # not rounded to 3.67 either


def test_scales_become_metrics_and_what_is_not_a_number_stays_in_the_note(
    journal: Journal, tmp_path: Path
) -> None:
    path = tmp_path / "daylio_export.csv"
    path.write_text(MEANS, encoding="utf-8")

    plan = preview(journal, path)
    apply_import(journal, plan)
    days = {c.date: c for c in journal.repo.list_check_ins()}

    thursday = days[D(2026, 3, 12)]
    assert thursday.ratings == {"mood": 3.5, "sleep quality": 7.5, "sleep time": 7.5}
    assert thursday.note == ""
    wednesday = days[D(2026, 3, 11)]
    assert wednesday.ratings == {"mood": 11 / 3, "coffee": 3}
    # A scale out of 5 where the same scale was out of 10, and a word: kept as text.
    assert wednesday.note == "08:00 — Early (Sleep Quality: 4/5 points; Focus: sharp)"
    assert any(
        "'Sleep Quality' has '4/5 points'" in w and "kept in the note" in w for w in plan.warnings
    )
    assert any("'Focus' has the value 'sharp'" in w for w in plan.warnings)
    metrics = {m.name: m for m in journal.repo.list_metrics()}
    assert (metrics["sleep quality"].min_value, metrics["sleep quality"].max_value) == (0, 10)
    assert (metrics["sleep time"].min_value, metrics["sleep time"].max_value) == (0, 24)
    assert (metrics["coffee"].min_value, metrics["coffee"].max_value) == (0, 3)
    assert "hours (7:30 is 7.5)" in plan.metric_notes["sleep time"]

    again = preview(journal, path)
    assert again.adds_nothing  # the fractions compare equal to what was stored


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("8/10\u00a0points", ("points", 8.0, 10)),
        ("8/10", ("points", 8.0, 10)),
        ("7,5/10 points", ("points", 7.5, 10)),
        ("7:30", ("hours", 7.5, 24)),
        ("0:45", ("hours", 0.75, 24)),
        ("3 cups", ("number", 3.0, 3)),
        ("2.5", ("number", 2.5, 3)),
        ("sharp", None),
        ("7:75", None),
        ("", None),
    ],
)
def test_scale_values(text: str, expected: tuple[str, float, int] | None) -> None:
    assert daylio_cells.scale_value(" ".join(text.replace("\u00a0", " ").split())) == expected
