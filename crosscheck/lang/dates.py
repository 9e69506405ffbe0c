"""Dates in German, French and Spanish text: where each is and which day it names.

The words (month and weekday names, "gestern", "hier", "ayer") are dateparser's locale
data; the day each span names is dateparser's reading of that span against the
publication date. dateparser is imported on first use (~0.15 s import, ~0.08 s for the
first parse, measured on this shared machine), so a run over English articles never
loads it.

>>> [(d.text, str(d.date)) for d in read_dates("Am 14. April 2025 und gestern.", "de",
...                                            dt.date(2025, 4, 16))]
[('14. April 2025', '2025-04-14'), ('gestern', '2025-04-15')]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

__all__ = ["LangDate", "date_pattern", "month_words", "read_dates", "weekday_words"]

# Languages read here (English dates are crosscheck/extract/dates.py's).
LANGUAGES = ("de", "fr", "es")
# dateparser's relative-type keys for days, and how many days each moves from the
# publication date. Future days are left out: news reports what happened, and the
# Spanish "mañana" and German "morgen" also mean "morning".
_RELATIVE_DAYS = {"0 day ago": 0, "1 day ago": -1, "2 day ago": -2}


@dataclass(frozen=True, slots=True)
class LangDate:
    """One date in a text: its span, the day it names (None if it cannot be placed),
    and whether it was resolved against the publication date (relative)."""

    text: str
    start: int
    end: int
    date: dt.date | None
    relative: bool = False
    year_known: bool = True


def _alternation(words: list[str]) -> str:
    unique = sorted({w for w in words if len(w) > 1}, key=len, reverse=True)
    return "|".join(re.escape(w) for w in unique)


@cache
def _locale_words(lang: str) -> tuple[dict[str, int], dict[str, int], list[str]]:
    """month word -> 1..12, relative-day word -> offset, weekday words (full names)."""
    from dateparser.languages import default_loader

    info = default_loader.get_locale(lang).info
    months = (
        "january february march april may june july august september october november december"
    ).split()
    month_words = {}
    for number, key in enumerate(months, 1):
        for word in info.get(key, []):
            # A three-letter stem ("mar", "mai") also opens ordinary words; names of
            # four letters or more, and abbreviations with a stop, are safe.
            if len(word) >= 3:
                month_words[word.casefold()] = number
    relative = {}
    for key, offset in _RELATIVE_DAYS.items():
        for word in info.get("relative-type", {}).get(key, []):
            relative[word.casefold()] = offset
    weekdays = "monday tuesday wednesday thursday friday saturday sunday".split()
    # Only the full names: "Mo", "lun" and "Sa" are also ordinary words or abbreviations.
    weekday_words = [w for key in weekdays for w in info.get(key, []) if len(w) >= 5]
    return month_words, relative, weekday_words


@cache
def weekday_words(lang: str) -> dict[str, int]:
    """Full weekday names of ``lang`` (casefolded) -> 0 (Monday) .. 6 (Sunday).

    >>> weekday_words("fr")["mardi"]
    1
    """
    from dateparser.languages import default_loader

    info = default_loader.get_locale(lang).info
    days = "monday tuesday wednesday thursday friday saturday sunday".split()
    return {
        word.casefold(): number
        for number, key in enumerate(days)
        for word in info.get(key, [])
        if len(word) >= 5
    }


def month_words(lang: str) -> dict[str, int]:
    """Month names and abbreviations of ``lang`` (casefolded) -> month number."""
    return _locale_words(lang)[0]


@cache
def date_pattern(lang: str) -> re.Pattern[str]:
    """The pattern that finds date spans in ``lang`` (day month [year], numeric dates,
    relative days, weekdays), built from dateparser's locale words."""
    if lang not in LANGUAGES:
        raise ValueError(f"dates are read for {', '.join(LANGUAGES)}, not {lang!r}")
    month_words, relative, weekdays = _locale_words(lang)
    # An abbreviation's stop ("15 avr. 2025") only where a year follows: a stop after a
    # full month name ends the sentence.
    month = rf"(?P<month>{_alternation(list(month_words))})(?:\.(?=\s*\d))?"
    # "14. April 2025" (de), "15 avril 2025", "1er juin" (fr), "3 de junio de 2025" (es).
    day = r"(?P<day>\d{1,2})(?:\.|er|º|°)?"
    joiner = r"\s+(?:de\s+)?" if lang == "es" else r"\s+"
    year = r"(?:,?\s+(?:de\s+|del\s+)?(?P<year>(?:1[89]|20)\d{2}))?"
    written = rf"{day}{joiner}{month}{year}"
    # "14.04.2025" (de), "14/04/2025" (fr, es): day first in all three.
    numeric = r"(?P<nday>\d{1,2})[./](?P<nmonth>\d{1,2})[./](?P<nyear>(?:19|20)\d{2})"
    words = _alternation([*relative, *weekdays])
    return re.compile(rf"(?<![\w.])(?:{written}|{numeric}|(?P<word>{words}))(?!\w)", re.IGNORECASE)


def read_dates(text: str, lang: str, published: dt.date | None) -> list[LangDate]:
    """Every date ``text`` (in ``lang``) states, in order.

    A date without a year takes the year nearest ``published``; a relative day or a
    weekday is resolved against ``published`` (the past one), or has ``date=None``
    without a publication date.

    >>> [(d.text, str(d.date)) for d in read_dates("el 3 de junio, ayer", "es",
    ...                                            dt.date(2025, 6, 5))]
    [('3 de junio', '2025-06-03'), ('ayer', '2025-06-04')]
    """
    month_words, relative, _ = _locale_words(lang) if lang in LANGUAGES else ({}, {}, [])
    found = []
    for match in date_pattern(lang).finditer(text):
        span = match.group()
        if match.group("word"):
            word = match.group("word").casefold()
            if word in relative:
                date = published + dt.timedelta(days=relative[word]) if published else None
            else:
                date = _parse(span, lang, published) if published else None
            found.append(LangDate(span, match.start(), match.end(), date, relative=True))
            continue
        if match.group("nday"):
            date = _safe(int(match["nyear"]), int(match["nmonth"]), int(match["nday"]))
            found.append(LangDate(span, match.start(), match.end(), date))
            continue
        month = month_words[match.group("month").casefold().rstrip(".")]
        day = int(match.group("day"))
        if match.group("year"):
            date = _parse(span, lang, None) or _safe(int(match["year"]), month, day)
            found.append(LangDate(span, match.start(), match.end(), date))
        else:
            date = _nearest_year(month, day, published)
            found.append(
                LangDate(span, match.start(), match.end(), date, year_known=published is not None)
            )
    return found


def _parse(span: str, lang: str, published: dt.date | None) -> dt.date | None:
    import dateparser

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False}
    if published is not None:
        settings["RELATIVE_BASE"] = dt.datetime.combine(published, dt.time(12))  # type: ignore[assignment]
    parsed = dateparser.parse(span, languages=[lang], settings=settings)  # type: ignore[arg-type]
    return parsed.date() if parsed else None


def _nearest_year(month: int, day: int, published: dt.date | None) -> dt.date | None:
    base = published or dt.date.today()
    candidates = [_safe(base.year + k, month, day) for k in (-1, 0, 1)]
    valid = [c for c in candidates if c is not None]
    return min(valid, key=lambda c: abs((c - base).days)) if valid else None


def _safe(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None
