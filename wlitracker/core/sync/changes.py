"""One change, and the plain payload a change set carries (compressed JSON).

A change sets one register: a field of one row (``column``), or the row's presence
(``column == PRESENT``: 1 present, 0 deleted, a tombstone). ``base`` holds the stamps of
the versions the device had when it made the change: what it replaced knowingly.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .clock import Stamp
from .registry import BY_NAME, PRESENT

Value = str | int | float | None
Key = tuple[str, str]  # the row's key on every device; "" where a table's key has one column


class ChangeSetError(ValueError):
    """A payload that does not decode to changes (damaged, or from another program)."""


@dataclass(frozen=True)
class Change:
    table: str
    key: Key
    column: str
    value: Value
    stamp: Stamp
    base: tuple[Stamp, ...] = ()

    @property
    def register(self) -> tuple[str, str, str, str]:
        return (self.table, self.key[0], self.key[1], self.column)

    @property
    def is_presence(self) -> bool:
        return self.column == PRESENT


def encode(changes: Sequence[Change]) -> bytes:
    """Changes as compressed JSON: devices listed once, stamps as numbers."""
    devices: dict[str, int] = {}

    def dev(name: str) -> int:
        return devices.setdefault(name, len(devices))

    rows = [
        [
            c.table,
            c.key[0],
            c.key[1],
            c.column,
            c.value,
            c.stamp.ms,
            c.stamp.counter,
            dev(c.stamp.device),
            [[b.ms, b.counter, dev(b.device)] for b in c.base],
        ]
        for c in changes
    ]
    text = json.dumps({"devices": list(devices), "changes": rows}, separators=(",", ":"))
    return zlib.compress(text.encode("utf-8"), 6)


def decode(payload: bytes) -> list[Change]:
    try:
        data = json.loads(zlib.decompress(payload).decode("utf-8"))
        devices: list[str] = [str(d) for d in data["devices"]]
        out = []
        values = (str, int, float, type(None))  # a tuple: quicker to test than a union
        for t, k1, k2, col, value, ms, counter, d, base in data["changes"]:
            if t not in BY_NAME or not isinstance(value, values):
                raise ChangeSetError(f"an unknown table or value: {t!r}")
            out.append(
                Change(
                    str(t),
                    (str(k1), str(k2)),
                    str(col),
                    value,
                    Stamp(int(ms), int(counter), devices[d]),
                    tuple(Stamp(int(b[0]), int(b[1]), devices[b[2]]) for b in base) if base else (),
                )
            )
        return out
    except ChangeSetError:
        raise
    except (ValueError, KeyError, IndexError, TypeError, zlib.error) as error:
        raise ChangeSetError(f"the changes cannot be read ({error})") from None


def tables_of(changes: Iterable[Change]) -> set[str]:
    return {c.table for c in changes}


def json_value(value: Any) -> Value:
    """A value as it travels: booleans as 0/1, everything else as stored."""
    if isinstance(value, bool):
        return int(value)
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)
