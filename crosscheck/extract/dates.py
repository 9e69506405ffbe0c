"""Find the dates a sentence states and the range of days each one allows.

Absolute dates ("Friday, May 16, 2025", "16 May", "16/05/2025", "July 2024", "in 2023",
"last summer") and relative ones ("two weeks ago", "on Monday", "last week", "yesterday",
"next year") become a ``DateMention`` whose ``earliest``..``latest`` is the range of days
the words allow, resolved against the article's publication date.

>>> import datetime as dt
>>> [(m.text, str(m.earliest)) for m in find_dates("They met on 16 May.", dt.date(2025, 5, 31))]
[('16 May', '2025-05-16')]
>>> m = find_dates("Talks are proposed for next week.", dt.date(2025, 5, 29))[0]
>>> m.text, str(m.earliest), str(m.latest), m.granularity.value
('next week', '2025-06-02', '2025-06-08', 'week')

Why regular expressions and a calendar rather than dateparser: dateparser costs about
60 ms to import (measured with ``python -X importtime``), parses one date string at a
time rather than finding dates inside prose, and resolves "Friday" only towards the
past, while news uses a bare weekday for the coming days too ("talks on Monday" in a
Saturday piece). The rules here are few and each is tested in tests/extract/test_dates.py.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

# The patterns and readers live in two helper modules split off for size (issue 15);
# this module is the public entry point and re-exports what callers use.
from crosscheck.extract.date_patterns import _CLOCK, Granularity, Range
from crosscheck.extract.date_readers import (
    _PATTERNS,
    Handler,
    _ago,
    _Context,
    _day_word,
    _period,
    _Reading,
    _weekday,
)

__all__ = [
    "DateMention",
    "Granularity",
    "Range",
    "clock_spans",
    "date_spans",
    "find_dates",
]


@dataclass(frozen=True, slots=True)
class DateMention:
    """One date expression in a sentence and the days it allows.

    ``earliest``..``latest`` is the preferred reading; ``alternatives`` holds other
    readings the words equally allow (a bare "Monday" in a Saturday piece may be the
    Monday just gone or the coming one; "05/06/2025" may be 5 June or 6 May).
    ``weekday`` is the weekday the text states (0 = Monday), ``relative`` says the
    date was resolved against the publication date, ``vague`` that the words are
    approximate ("two weeks ago", "last summer", "early March"). ``marker`` is the
    word just before the mention ("on", "since", "between"...), lower-cased.
    ``year_known`` is False for a year-less date with no publication date to place it.

    >>> m = find_dates("The first round, held on Thursday, May 16, ...", dt.date(2025, 6, 2))[0]
    >>> m.text, m.weekday, m.weekday_conflict
    ('Thursday, May 16', 3, True)
    """

    text: str
    start: int
    end: int
    earliest: dt.date
    latest: dt.date
    granularity: Granularity
    weekday: int | None = None
    relative: bool = False
    vague: bool = False
    marker: str = ""
    alternatives: tuple[Range, ...] = ()
    year_known: bool = True

    @property
    def readings(self) -> tuple[Range, ...]:
        """Every reading the words allow, the preferred one first."""
        return ((self.earliest, self.latest), *self.alternatives)

    @property
    def weekday_conflict(self) -> bool:
        """True when the stated weekday falls on none of the days the date allows.

        Only explicit dates can conflict: a bare "Friday" is resolved from the weekday,
        and "Monday, July 21" in a piece of unknown year may well be right.
        """
        if self.weekday is None or self.relative or not self.year_known:
            return False
        return all(
            all((lo + dt.timedelta(n)).weekday() != self.weekday for n in range((hi - lo).days + 1))
            for lo, hi in self.readings
        )


# Joining words that make two dates one range: "between 20 and 30 June" is handled by
# the day patterns; these join two whole dates ("from May 2024 to March 2025").
_RANGE_OPENERS = {"between": ("and",), "from": ("to", "until", "till", "through", "-", "–")}


def _scan(text: str, ctx: _Context) -> list[tuple[re.Match[str], _Reading | None]]:
    taken: list[tuple[int, int]] = []
    clocks = clock_spans(text)
    found: list[tuple[re.Match[str], _Reading | None]] = []
    for pattern, handler in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            if any(s <= start < e for s, e in clocks):
                continue
            reading = handler(match, ctx)
            # A guard that refuses the words (a name, a count) leaves no span behind;
            # a date that only lacks a publication date to resolve keeps its span.
            if reading is None and not _needs_ref(handler):
                continue
            taken.append((start, end))
            found.append((match, reading))
    found.sort(key=lambda item: item[0].start())
    return found


def _needs_ref(handler: Handler) -> bool:
    return handler in (_day_word, _ago, _period, _weekday)


def _merge_ranges(text: str, mentions: list[DateMention]) -> list[DateMention]:
    """Join "from May 2024 to March 2025" and "between X and Y" into one range."""
    merged: list[DateMention] = []
    for mention in mentions:
        if merged:
            first = merged[-1]
            joiner = text[first.end : mention.start].strip().lower()
            closers = _RANGE_OPENERS.get(first.marker, ())
            if joiner in closers and mention.earliest >= first.earliest:
                merged[-1] = replace(
                    first,
                    text=text[first.start : mention.end],
                    end=mention.end,
                    latest=mention.latest,
                    granularity=max(first.granularity, mention.granularity, key=lambda g: g.rank),
                    relative=first.relative or mention.relative,
                    vague=first.vague or mention.vague,
                    alternatives=(),
                )
                continue
        merged.append(mention)
    return merged


def find_dates(
    text: str, published: dt.date | None, *, relative: bool = True, year: int | None = None
) -> list[DateMention]:
    """Every date ``text`` states, resolved against the publication date ``published``.

    A date without a year takes the year that puts it nearest ``published``. Without a
    publication date, relative expressions are left out and year-less dates take
    ``year`` (by default the current year). ``relative=False`` leaves relative
    expressions out in any case. Clock times ("12:50 pm") are not dates.

    >>> [(m.text, str(m.earliest)) for m in find_dates(
    ...     "The storm hit last Friday, 28 March.", dt.date(2025, 3, 31))]
    [('last Friday, 28 March', '2025-03-28')]
    """
    default_year = year if year is not None else dt.date.today().year
    known = published is not None or year is not None
    ctx = _Context(text, published, published.year if published else default_year, known)
    mentions = []
    for match, reading in _scan(text, ctx):
        if reading is None or not reading.readings or (reading.relative and not relative):
            continue
        (earliest, latest), *alternatives = reading.readings
        mentions.append(
            DateMention(
                text=match.group(),
                start=match.start(),
                end=match.end(),
                earliest=earliest,
                latest=latest,
                granularity=reading.granularity,
                weekday=reading.weekday,
                relative=reading.relative,
                vague=reading.vague,
                marker=ctx.word_before(match.start()),
                alternatives=tuple(alternatives),
                year_known=reading.year_known,
            )
        )
    return _merge_ranges(text, mentions)


def date_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of every date expression, resolvable or not ("two days ago").

    The number extractor uses them so that the 16 of "16 May" or the 2012 of "in 2012"
    is never read as a quantity.

    >>> date_spans("It fell two days ago, on 16 May 2025.")
    [(8, 20), (25, 36)]
    """
    return list(_date_spans(text))


# Every pair rule that reads figures or months asks for a sentence's date spans, once per
# pair it is in: memoised by text (the spans do not depend on a publication date).
@lru_cache(maxsize=20_000)
def _date_spans(text: str) -> tuple[tuple[int, int], ...]:
    ctx = _Context(text, None, dt.date.today().year)
    return tuple(match.span() for match, _ in _scan(text, ctx))


def clock_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of clock times: "12:50 pm", "1 pm", "13:20", "0600 GMT".

    >>> clock_spans("It struck at 12:50 pm, or 1:20 pm Thai time.")
    [(13, 21), (26, 33)]
    """
    return [match.span() for match in _CLOCK.finditer(text)]
