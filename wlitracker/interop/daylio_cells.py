"""Reading the text of Daylio's cells: localized dates and times, rich notes, scales."""

from __future__ import annotations

import datetime as dt
import html
import math
import re

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    (
        "january jan styczeń stycznia sty enero ene januar jänner janvier janv janeiro gennaio",
        "february feb luty lutego lut febrero februar février févr fevereiro febbraio",
        "march mar marzec marca marzo märz mär mrz mars março",
        "april apr kwiecień kwietnia kwi abril abr avril avr aprile",
        "may maj maja mayo mai maio maggio",
        "june jun czerwiec czerwca cze junio juni juin junho giugno",
        "july jul lipiec lipca lip julio juli juillet juil julho luglio",
        "august aug sierpień sierpnia sie agosto ago août",
        "september sep sept wrzesień września wrz septiembre setiembre septembre setembro "
        "settembre set",
        "october oct październik października paź octubre oktober okt octobre outubro ottobre out",
        "november nov listopad listopada lis noviembre novembre novembro",
        "december dec grudzień grudnia gru diciembre dic dezember dez décembre déc dezembro "
        "dicembre",
    ),
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

_AM = {"am", "a", "午前", "오전", "上午"}
_PM = {"pm", "p", "午後", "오후", "下午"}


def parse_time(text: str) -> dt.time | None:
    """Daylio's local time in any case and locale seen: 20:39, 9:03, 9:00 PM, 7:24 pm."""
    compact = re.sub(r"\s+", "", text.replace("\u202f", " ").replace("\u00a0", " ")).casefold()
    found = re.fullmatch(r"(\D*)(\d{1,2})[:.](\d{2})(\D*)", compact)
    if found is None:
        return None
    hour, minute = int(found.group(2)), int(found.group(3))
    marker = (found.group(1) + found.group(4)).replace(".", "")
    if minute > 59:
        return None
    if not marker:
        return dt.time(hour, minute) if hour < 24 else None
    if not 1 <= hour <= 12:
        return None
    if marker in _AM:
        return dt.time(hour % 12, minute)
    if marker in _PM:
        return dt.time(hour % 12 + 12, minute)
    return None


def parse_local_date(year: str, text: str) -> dt.date | None:
    """The old ``year`` header: 2017 + '7 września', 2018 + 'June 22', 'Nov 30'."""
    try:
        number = int(year.strip())
    except ValueError:
        return None
    day: int | None = None
    month: int | None = None
    for token in re.findall(r"\d+|[^\W\d_]+", text.casefold()):
        if token.isdecimal():
            day = int(token) if day is None else day
        elif month is None:
            month = _MONTHS.get(token)
    if day is None or month is None:
        return None
    try:
        return dt.date(number, month, day)
    except ValueError:
        return None


_BLOCK_END = re.compile(r"</\s*(p|div|li|h[1-6]|ul|ol|blockquote)\s*>|<\s*br\s*/?\s*>", re.I)
_LIST_ITEM = re.compile(r"<\s*li\b[^>]*>", re.I)
_DROP = re.compile(r"<\s*(script|style)\b[^>]*>.*?<\s*/\s*\1\s*>", re.I | re.S)
_TAG = re.compile(r"</?\s*[a-z][a-z0-9]*\b[^<>]*>", re.I)
_LOOKS_HTML = re.compile(r"</?\s*[a-z][a-z0-9]*\b[^<>]*>|&(#\d+|#x[0-9a-f]+|[a-z]+);", re.I)


def html_to_text(text: str) -> str:
    """Plain text from Daylio's rich notes: tags dropped, line breaks kept, entities decoded.

    Text without markup is left alone, so "< 15 mins" or "I <3 tea" survive.
    """
    if not _LOOKS_HTML.search(text):
        return text
    text = _DROP.sub("", text)
    text = _BLOCK_END.sub("\n", text)
    text = _LIST_ITEM.sub("• ", text)
    text = _TAG.sub("", text)
    text = html.unescape(text)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def scale_items(text: str) -> tuple[tuple[str, str], ...]:
    """``Name:\u00a0 value`` items joined by " | ", as (name, value) with spaces tidied."""
    items = []
    for part in text.split(" | "):
        flat = " ".join(part.replace("\u00a0", " ").split())
        if flat:
            name, sep, value = flat.partition(":")
            items.append((name.strip(), value.strip()) if sep else ("", flat))
    return tuple(items)


ScaleKind = str  # "points" (N/M), "hours" (H:MM) or "number"
_POINTS = re.compile(r"(\d+(?:[.,]\d+)?)\s*/\s*(\d+)\b.*")
_HOURS = re.compile(r"(\d{1,2}):([0-5]\d)")
_NUMBER = re.compile(r"(\d+(?:[.,]\d+)?)(?:\s+\D.*)?")


def scale_value(text: str) -> tuple[ScaleKind, float, int] | None:
    """(kind, value, top of the scale) for "8/10 points", "7:30", "5 cups"; None if unreadable."""
    if (found := _POINTS.fullmatch(text)) is not None:
        return "points", float(found.group(1).replace(",", ".")), int(found.group(2))
    if (found := _HOURS.fullmatch(text)) is not None:
        return "hours", int(found.group(1)) + int(found.group(2)) / 60, 24
    if (found := _NUMBER.fullmatch(text)) is not None:
        value = float(found.group(1).replace(",", "."))
        return "number", value, max(1, math.ceil(value))
    return None
