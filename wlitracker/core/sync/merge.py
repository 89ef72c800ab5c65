"""How versions of one register become the value every device shows.

A register is one field of one row (or the row's presence). Every version ever made of it
is kept: the winner in the register, the others in the history. The result depends only on
the set of versions, so merging is commutative and idempotent, and devices that have seen
the same change sets show the same journal.

- A field is a last-writer-wins register: the greatest stamp wins.
- A text field (the day's note) keeps every *head*: a version no other version replaced
  knowingly (none has its stamp in its base). One head: its text. Several (edited on two
  computers before either saw the other's edit): every distinct text, in stamp order,
  marked, for the person to tidy; their next edit replaces them all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .changes import Value
from .clock import Stamp

CONFLICT_HEADING = "[Written on two computers at once: keep what you want, delete the rest]"


@dataclass(frozen=True)
class Version:
    value: Value
    stamp: Stamp
    base: tuple[Stamp, ...] = ()


@dataclass(frozen=True)
class Resolved:
    """``value``: what the journal shows; ``winner``: the version with the greatest stamp
    (what the register holds); ``others``: every other version, for the history."""

    value: Value
    winner: Version
    others: tuple[Version, ...]
    heads: tuple[Version, ...]


def unique(versions: Iterable[Version]) -> list[Version]:
    """One version per stamp (a change delivered twice is one change), in stamp order."""
    seen: dict[Stamp, Version] = {}
    for version in versions:
        seen.setdefault(version.stamp, version)
    return [seen[s] for s in sorted(seen)]


def heads_of(versions: list[Version]) -> list[Version]:
    replaced = {stamp for v in versions for stamp in v.base}
    return [v for v in versions if v.stamp not in replaced]


def combined_text(heads: list[Version], names: Mapping[str, str]) -> Value:
    """The texts of several heads, each marked with the computer it was written on."""
    texts: list[tuple[str, str]] = []
    for head in heads:
        text = "" if head.value is None else str(head.value)
        if text.strip() and text not in (t for _, t in texts):
            texts.append((names.get(head.stamp.device) or head.stamp.device[:8], text))
    if len(texts) <= 1:
        return texts[0][1] if texts else (heads[-1].value if heads else "")
    parts = [CONFLICT_HEADING]
    for name, text in texts:
        parts.append(f"--- on {name} ---")
        parts.append(text)
    return "\n".join(parts)


def resolve(
    versions: Iterable[Version], text: bool = False, names: Mapping[str, str] | None = None
) -> Resolved:
    ordered = unique(versions)
    if not ordered:
        raise ValueError("a register has at least one version")
    winner = ordered[-1]
    others = tuple(ordered[:-1])
    if not text:
        return Resolved(winner.value, winner, others, (winner,))
    heads = heads_of(ordered)
    value = winner.value if len(heads) == 1 else combined_text(heads, names or {})
    return Resolved(value, winner, others, tuple(heads))


def is_conflict(loser: Version, winner: Version) -> bool:
    """Whether two versions were made without either having seen the other."""
    return loser.stamp not in winner.base and winner.stamp not in loser.base
