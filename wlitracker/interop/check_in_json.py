"""Check-ins as JSON: the plain data of one day, and a long list written as it is read.

``write_check_ins`` writes exactly what ``json.dump([...], indent=2, ensure_ascii=False)``
writes for the same days, without holding them all: Python's JSON encoder falls back
to its slow pure-Python path whenever it indents, which made ten years of history take
most of a second. The days have a fixed shape, so each is written from the standard
library's C string encoder and ``repr`` of its numbers.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
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


def _flat(values: Mapping[str, object] | Sequence[object], pad: str) -> str:
    """A mapping or list of plain values, indented by two under ``pad``."""
    inner = ",\n" + pad + "  "
    if isinstance(values, Mapping):
        if not values:
            return "{}"
        parts = [f"{encode_basestring(k)}: {_scalar(v)}" for k, v in values.items()]
        return "{\n" + pad + "  " + inner.join(parts) + "\n" + pad + "}"
    if not values:
        return "[]"
    return "[\n" + pad + "  " + inner.join(_scalar(v) for v in values) + "\n" + pad + "]"


def _check_in_text(check_in: CheckIn) -> str:
    """One day as an item of the list (indented by two)."""
    data = check_in_to_dict(check_in)
    pad = "    "
    return (
        "  {\n"
        f'{pad}"date": {encode_basestring(data["date"])},\n'
        f'{pad}"ratings": {_flat(data["ratings"], pad)},\n'
        f'{pad}"adherence": {_flat(data["adherence"], pad)},\n'
        f'{pad}"tags": {_flat(data["tags"], pad)},\n'
        f'{pad}"note": {_scalar(data["note"])},\n'
        f'{pad}"unusual": {_scalar(data["unusual"])}\n'
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
