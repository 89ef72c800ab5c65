"""Finding days by the words of their notes and tags, and how often each tag is used.

What a person types is cut into words here, in the core, the way the journal's
full-text index cuts notes (letters and digits; case and accents ignored), and each
word matches the start of a word in a note or a tag. A storage only ever receives
these plain words, never the text as typed, so nothing typed can be read as the
index's own query syntax.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from .record import Record

MARK_START = "\x02"  # around a matching word in an excerpt
MARK_END = "\x03"
MAX_TERMS = 16  # more words than anyone types; a pasted page is cut here
MAX_TERM_CHARS = 60
EXCERPT_WORDS = 12

_WORD = re.compile(r"[^\W_]+")


def fold(text: str) -> str:
    """Lower case without accents: 'Café' and 'cafe' are the same word."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """The words of ``text`` as the index sees them (punctuation and spaces split them)."""
    return _WORD.findall(text)


def search_terms(text: str) -> tuple[str, ...]:
    """The words to look for, folded, without repeats, at most ``MAX_TERMS``."""
    seen: dict[str, None] = {}
    for word in words(fold(text)):
        seen.setdefault(word[:MAX_TERM_CHARS], None)
    return tuple(seen)[:MAX_TERMS]


def matches(word: str, terms: tuple[str, ...]) -> bool:
    """Whether ``word`` (as written) begins with one of the folded ``terms``."""
    folded = fold(word)
    return any(folded.startswith(term) for term in terms)


class SearchHit(Record):
    """One day found: a part of its note with the matching words marked, and its tags."""

    date: dt.date
    excerpt: str  # words found are between MARK_START and MARK_END
    tags: tuple[str, ...]

    def parts(self) -> tuple[tuple[str, bool], ...]:
        """The excerpt as (text, is a match) pieces, for whoever shows it."""
        pieces: list[tuple[str, bool]] = []
        for chunk in self.excerpt.split(MARK_START):
            found, mark, rest = chunk.partition(MARK_END)
            if mark:
                if found:
                    pieces.append((found, True))
                if rest:
                    pieces.append((rest, False))
            elif chunk:
                pieces.append((chunk, False))
        return tuple(pieces)

    @property
    def plain_excerpt(self) -> str:
        return "".join(text for text, _ in self.parts())

    @property
    def matched_words(self) -> tuple[str, ...]:
        return tuple(text for text, found in self.parts() if found)


class SearchResults(Record):
    """The newest days found (at most the limit asked for) and how many there are in all."""

    hits: tuple[SearchHit, ...]
    total: int


class TagUse(Record):
    """A tag, on how many days it is, and the last of them."""

    tag: str
    days: int
    last_used: dt.date


def excerpt_of(note: str, terms: tuple[str, ...], size: int = EXCERPT_WORDS) -> str:
    """Up to ``size`` words of ``note`` around its first match, matches marked.

    What the in-memory repository shows; SQLite's index makes its own, much like it.
    """
    spans = [m.span() for m in _WORD.finditer(note)]
    if not spans:
        return note.strip()
    first = next((i for i, (a, b) in enumerate(spans) if matches(note[a:b], terms)), 0)
    start = max(0, min(first, len(spans) - size))
    chosen = spans[start : start + size]
    out: list[str] = ["…" if start > 0 else ""]
    position = chosen[0][0]
    for a, b in chosen:
        out.append(note[position:a])
        word = note[a:b]
        out.append(f"{MARK_START}{word}{MARK_END}" if matches(word, terms) else word)
        position = b
    if start + size < len(spans):
        out.append("…")
    else:
        out.append(note[position:])
    return "".join(out).strip()
