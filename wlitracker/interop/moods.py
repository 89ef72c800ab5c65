"""Daylio moods the reader cannot place, and the mood map that places them."""

from __future__ import annotations

import shlex
from collections.abc import Iterable, Sequence

from ..core.model.errors import ValidationError, WliError
from ..core.model.import_batch import UnmappedMood
from .daylio import level_of_word, mood_key


class UnmappedMoodsError(WliError):
    """Daylio moods the importer cannot place; the message shows the --mood-map syntax."""


def parse_mood_map(items: Iterable[str]) -> dict[str, int | None]:
    """``NAME=LEVEL`` items (LEVEL 1-5, awful/bad/meh/good/rad, or skip) to a map."""
    mapping: dict[str, int | None] = {}
    for item in items:
        name, sep, level = item.rpartition("=")
        if not sep or not name.strip():
            raise ValidationError(
                "--mood-map", f"{item!r} is not NAME=LEVEL (LEVEL 1-5, awful..rad, or skip)"
            )
        word = level.strip().lower()
        if word in ("skip", "drop", "none", "ignore"):
            mapping[mood_key(name)] = None
            continue
        value = level_of_word(word)
        if value is None:
            raise ValidationError(
                "--mood-map",
                f"{item!r}: the level must be 1 (awful) to 5 (rad), a name "
                "(awful, bad, meh, good, rad) or skip",
            )
        mapping[mood_key(name)] = value
    return mapping


def mood_map_hint(moods: Sequence[UnmappedMood]) -> str:
    options = " ".join(f"--mood-map {shlex.quote(m.name + '=LEVEL')}" for m in moods)
    return f"{options} (LEVEL is 1 awful, 2 bad, 3 meh, 4 good, 5 rad, or skip)"


def unmapped_message(moods: Sequence[UnmappedMood]) -> str:
    listed = ", ".join(
        f"{m.name!r} ({m.entries} entr{'y' if m.entries == 1 else 'ies'})" for m in moods
    )
    return (
        f"import: {len(moods)} Daylio mood{'s' if len(moods) != 1 else ''} cannot be placed "
        f"on the mood scale: {listed}. Say where each belongs: {mood_map_hint(moods)}. "
        "Nothing was imported."
    )
