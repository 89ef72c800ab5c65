"""Check-ins as JSON: the plain data of one day, and a long list written as it is read.

``write_check_ins`` writes exactly what ``json.dump([...], indent=2, ensure_ascii=False)``
writes for the same days, without holding them all: Python's JSON encoder falls back
to its slow pure-Python path whenever it indents, which made ten years of history take
most of a second. The days have a fixed shape, so each is written from the standard
library's C string encoder and ``repr`` of its numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from json.encoder import encode_basestring  # the C encoder, as json uses for ensure_ascii=False
from typing import Any, TextIO

from ..core.model.entities import CheckIn


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


def _block(parts: list[str], pad: str, open_: str, close: str) -> str:
    """Items of a mapping or list, one a line, indented by two under ``pad``."""
    if not parts:
        return open_ + close
    return f"{open_}\n{pad}  " + f",\n{pad}  ".join(parts) + f"\n{pad}{close}"


def _check_in_text(check_in: CheckIn) -> str:
    """One day as an item of the list (indented by two): the fields of
    ``check_in_to_dict``, each written as the type it always has."""
    pad = "    "
    ratings = [
        f"{encode_basestring(name)}: "
        + (int.__repr__(value) if value.__class__ is int else _scalar(value))
        for name, value in check_in.ratings.items()
    ]
    adherence = [
        f"{encode_basestring(str(key))}: {encode_basestring(mark.value)}"
        for key, mark in sorted(check_in.adherence.items())
    ]
    tags = [encode_basestring(tag) for tag in check_in.tags]
    return (
        "  {\n"
        f'{pad}"date": "{check_in.date.isoformat()}",\n'
        f'{pad}"ratings": {_block(ratings, pad, "{", "}")},\n'
        f'{pad}"adherence": {_block(adherence, pad, "{", "}")},\n'
        f'{pad}"tags": {_block(tags, pad, "[", "]")},\n'
        f'{pad}"note": {encode_basestring(check_in.note)},\n'
        f'{pad}"unusual": {_scalar(check_in.unusual)}\n'
        "  }"
    )


def write_check_ins(check_ins: Iterable[CheckIn], out: TextIO) -> int:
    """Write the days as one indented JSON list and a newline; returns how many."""
    count = 0
    for check_in in check_ins:
        out.write(("[\n" if not count else ",\n") + _check_in_text(check_in))
        count += 1
    out.write("\n]\n" if count else "[]\n")
    return count
