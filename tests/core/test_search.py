"""Search by words in notes and tags: the same days from both repositories, any text safe."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import TODAY
from wlitracker.core.model.search import MARK_END, MARK_START, SearchHit, matches, search_terms
from wlitracker.core.services.journal import Journal

NOTES = (
    "Café with Anna, then a long walk at noon; clear head all afternoon.",
    "Deadline pressure all afternoon. Family dinner made up for it.",
    'Too many meetings (again!) -- nothing finished; "urgent" everything.',
    "",
    "Evening felt like mine: read, no email after nine.",
)
TAGS = (("gym",), ("family dinner", "deadline"), ("late meeting",), ("travel",), ())


@pytest.fixture
def noted(journal: Journal) -> Journal:
    for offset, (note, tags) in enumerate(zip(NOTES, TAGS, strict=True)):
        journal.check_ins.update(
            TODAY - dt.timedelta(days=offset), note=note, add_tags=tags, ratings={"guilt": 3}
        )
    return journal


def dates(journal: Journal, text: str) -> list[int]:
    return [(TODAY - hit.date).days for hit in journal.search.days(text).hits]


def test_words_of_notes_and_tags_are_found_newest_first(noted: Journal) -> None:
    assert dates(noted, "afternoon") == [0, 1]
    assert dates(noted, "family") == [1]  # in the note and a tag: one day
    assert dates(noted, "travel") == [3]  # a tag of a day without a note
    assert dates(noted, "gym walk") == [0]  # every word, in note or tags
    assert dates(noted, "gym deadline") == []


def test_case_accents_and_the_start_of_a_word(noted: Journal) -> None:
    assert dates(noted, "CAFE") == [0]
    assert dates(noted, "café") == [0]
    assert dates(noted, "meet") == [2]
    assert dates(noted, "eeting") == []  # a word's start, not any part of it


def test_the_excerpt_marks_the_matching_words(noted: Journal) -> None:
    (hit,) = noted.search.days("walk noon").hits
    assert set(hit.matched_words) == {"walk", "noon"}
    assert "walk at noon" in hit.plain_excerpt
    assert hit.tags == ("gym",)
    (tagged,) = noted.search.days("travel").hits
    assert tagged.excerpt == "" and tagged.tags == ("travel",)


def test_a_limit_shows_the_newest_and_counts_them_all(noted: Journal) -> None:
    results = noted.search.days("afternoon", limit=1)
    assert [h.date for h in results.hits] == [TODAY]
    assert results.total == 2
    assert noted.search.days("afternoon", limit=None).total == 2


@pytest.mark.parametrize(
    "text",
    [
        '"',
        "'",
        "AND",
        "OR NOT",
        "NEAR(a b)",
        "a*",
        "*",
        "^x",
        "col:x",
        "(",
        ")",
        "-",
        "",
        "   ",
        '"unterminated',
        "x OR",
        "{a b}",
        "\x00",
        "\u200b",
        "🙂",
    ],
)
def test_query_syntax_typed_is_plain_text(noted: Journal, text: str) -> None:
    noted.search.days(text)  # never an error


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=40))
def test_any_text_searches_without_an_error(noted: Journal, text: str) -> None:
    results = noted.search.days(text)
    terms = search_terms(text)
    for hit in results.hits:
        assert all(matches(word, terms) for word in hit.matched_words)


def test_parts_split_marked_words_from_the_rest() -> None:
    hit = SearchHit(TODAY, f"…a {MARK_START}walk{MARK_END} at {MARK_START}noon{MARK_END}", ())
    assert hit.parts() == (("…a ", False), ("walk", True), (" at ", False), ("noon", True))
    assert hit.plain_excerpt == "…a walk at noon"


def test_terms_are_folded_words_without_repeats() -> None:
    assert search_terms('Café, "café" NEAR(x)') == ("cafe", "near", "x")
    assert search_terms("__--**") == ()


def test_the_search_state_says_what_was_found(noted: Journal) -> None:
    from wlitracker.core.present.search import build_search_state

    assert "Type words" in build_search_state(noted, " -- ").message
    assert build_search_state(noted, "zebra").message.startswith("No days found")
    assert build_search_state(noted, "afternoon").message.startswith("2 days.")
    assert build_search_state(noted, "gym").message.startswith("1 day.")
    limited = build_search_state(noted, "afternoon", limit=1)
    assert limited.message.startswith("The newest 1 of 2 days")
    assert [h.date for h in limited.hits] == [TODAY]
