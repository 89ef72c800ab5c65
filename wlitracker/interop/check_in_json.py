"""Check-ins as JSON: the plain data of one day, and a long list written as it is read.

``write_check_ins`` writes exactly what ``json.dump([...], indent=2, ensure_ascii=False)``
writes for the same days, without holding them all: Python's JSON encoder falls back
to its slow pure-Python path whenever it indents, which made ten years of history take
most of a second. The days have a fixed shape, so each is written from the standard
library's C string encoder and the text of its numbers, a day in one piece.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

from ..core.model.entities import Adherence, CheckIn

TYPE_CHECKING = False  # not ``typing``'s: the command line starts without it (see cli)
if TYPE_CHECKING:
    from typing import Any, TextIO

try:  # the C string encoder json uses for ensure_ascii=False, without loading json's
    # package (its decoder compiles its patterns on import: a few ms of every history)
    from _json import encode_basestring
except ImportError:  # pragma: no cover (an interpreter without json's C speedups)
    from json.encoder import encode_basestring


def check_in_to_dict(check_in: CheckIn) -> dict[str, Any]:
    return {
        "date": check_in.date.isoformat(),
        "ratings": dict(check_in.ratings),
        "adherence": {str(k): v.value for k, v in sorted(check_in.adherence.items())},
        "tags": list(check_in.tags),
        "note": check_in.note,
        "unusual": check_in.unusual,
    }


def _scalar(value: object) -> str:
    """A value as json writes it (strings, numbers, None, booleans)."""
    if isinstance(value, str):
        return encode_basestring(value)
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if math.isfinite(value):
            return float.__repr__(value)
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


# Each mark as JSON text: one of a few plain words (formatting the member is slower).
_MARK_TEXT = {mark: f'"{mark.value}"' for mark in Adherence}
_ITEM = ",\n      "  # between the items of a day's ratings, marks or tags (indent=2)


def _inner(parts: list[str], brackets: str) -> str:
    """A day's mapping or list, its items one a line, as ``indent=2`` writes them."""
    return f"{brackets[0]}\n      {_ITEM.join(parts)}\n    {brackets[1]}" if parts else brackets


def _check_in_text(check_in: CheckIn, names: dict[str, str]) -> str:
    """One day as an item of the list (indented by two): the fields of
    ``check_in_to_dict``, each written as the type it always has (a mark is one of a
    few plain words, an experiment's id a whole number). ``names``: the metrics' names
    as JSON text so far, each encoded once for the whole list."""
    ratings = []
    for name, value in check_in.ratings.items():
        key = names.get(name)
        if key is None:
            key = names[name] = encode_basestring(name)
        ratings.append(f"{key}: {value if value.__class__ is int else _scalar(value)}")
    adherence = _inner(
        [f'"{key}": {_MARK_TEXT[mark]}' for key, mark in sorted(check_in.adherence.items())],
        "{}",
    )
    tags = _inner([encode_basestring(tag) for tag in check_in.tags], "[]")
    unusual = check_in.unusual
    return (
        f'  {{\n    "date": "{check_in.date.isoformat()}",\n'
        f'    "ratings": {_inner(ratings, "{}")},\n'
        f'    "adherence": {adherence},\n    "tags": {tags},\n'
        f'    "note": {encode_basestring(check_in.note)},\n'
        f'    "unusual": {"null" if unusual is None else encode_basestring(unusual)}\n  }}'
    )


def write_check_ins(check_ins: Iterable[CheckIn], out: TextIO) -> int:
    """Write the days as one indented JSON list and a newline; returns how many."""
    count = 0
    names: dict[str, str] = {}
    for check_in in check_ins:
        out.write(("[\n" if not count else ",\n") + _check_in_text(check_in, names))
        count += 1
    out.write("\n]\n" if count else "[]\n")
    return count
