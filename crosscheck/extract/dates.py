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

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum

__all__ = [
    "DateMention",
    "Granularity",
    "clock_spans",
    "date_spans",
    "find_dates",
]

Range = tuple[dt.date, dt.date]


class Granularity(StrEnum):
    """How coarse a date expression is, finest first."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    SEASON = "season"
    YEAR = "year"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {g: n for n, g in enumerate(Granularity)}


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


# --------------------------------------------------------------------------- patterns

_MONTH_NAMES = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b\.?"
)
_MONTH = rf"(?P<mon>{_MONTH_NAMES})"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_ORD = r"(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_PART = (
    r"(?P<part>(?i:early|mid|late|the\s+end\s+of|end\s+of|the\s+start\s+of|the\s+beginning"
    r"\s+of|the\s+middle\s+of))"
)
_SMALL = (
    r"a\s+few|a\s+couple\s+of|several|an?|one|two|three|four|five|six|seven|eight|nine"
    r"|ten|eleven|twelve|\d{1,3}"
)
_SMALL_VALUES = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
# Counts that are ranges: "a few days ago" is two to five days back.
_FEW = {"a few": (2, 5), "a couple of": (2, 3), "several": (3, 9)}

# Words before a bare year that make it a year rather than a count ("in 2023",
# "since 2012", "Russia's 2022 invasion"); "to" is left out ("rose to 2056").
_YEAR_WORDS = frozenset(
    "in since from until till between during before after around circa by early mid late "
    "spring summer autumn fall winter the and or of".split()
)
# Words before a bare month that make "May" a month rather than a verb or a name.
_MONTH_WORDS = frozenset(
    "in since from until till to between during before after by of and or through early "
    "mid late last next this".split()
)
# Words before a four-digit number that make it a count: "about 2000 people".
_COUNT_WORDS = frozenset(
    "about some nearly almost than least roughly approximately estimated only just".split()
)
_PLURALS = frozenset("people children men women staff police personnel cattle".split())
# Verbs that end in -s: a year followed by them is still a year ("2012 was").
_S_VERBS = frozenset("was is has does as saw its".split())
# A sentence with one of these is more likely speaking of the coming days ("would" is
# left out: reported speech is full of it).
_FUTURE = re.compile(
    r"\b(?:will|shall|set\s+to|due\s+to|is\s+to|are\s+to|scheduled|planned|upcoming"
    r"|proposed\s+for|expected\s+to\s+(?:be\s+held|meet|start|begin|resume|take\s+place)|ahead\s+of)\b",
    re.IGNORECASE,
)

_P_DMY = re.compile(
    rf"(?:(?P<rel>(?i:last|this|next))\s+)?(?:{_WD},?\s+(?:the\s+)?)?"
    rf"(?<![\d,.$£€])(?P<d1>\d{{1,2}}){_ORD}"
    rf"(?:\s*(?:-|–|to|and)\s*(?P<d2>\d{{1,2}}){_ORD})?\s+(?:of\s+)?{_MONTH}"
    rf"(?:,?\s+(?P<year>{_YEAR})\b)?"
)
_P_MDY = re.compile(
    rf"(?:(?P<rel>(?i:last|this|next))\s+)?(?:{_WD},?\s+)?{_MONTH}\s+(?P<d1>\d{{1,2}}){_ORD}"
    rf"(?:\s*(?:-|–)\s*(?P<d2>\d{{1,2}}){_ORD})?(?![\d:])\b(?!\s*(?:%|per\s*cent))"
    rf"(?:,?\s+(?P<year>{_YEAR})\b)?"
)
_P_ISO = re.compile(rf"(?<![\d-])(?P<year>{_YEAR})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})(?![\d-])")
_P_SLASH = re.compile(r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4}|\d{2})(?![\d/])")
_P_MONTH_YEAR = re.compile(rf"(?:{_PART}[\s-]+)?{_MONTH},?\s+(?:of\s+)?(?P<year>{_YEAR})\b")
_P_MONTH = re.compile(
    rf"(?:(?P<rel>(?i:last|next|this))\s+|{_PART}[\s-]+)?{_MONTH}(?!\s*\d)(?!['’]s|-\w)"
)
_P_SEASON = re.compile(
    r"(?:(?P<rel>(?i:last|this|next|early|late|mid))[\s-]+)?"
    r"(?P<season>(?i:spring|summer|autumn|fall|winter))\b"
    rf"(?:\s+(?:of\s+)?(?P<year>{_YEAR})\b)?"
)
_P_YEAR = re.compile(
    rf"(?:{_PART}[\s-]+)?(?<![\w$£€¥.,/])(?P<year>{_YEAR})(?P<decade>s)?(?![\w%]|[.,]\d|-\d)"
    r"(?!\s*(?:per\s*cent|percent))"
)
_P_DAY_WORD = re.compile(
    r"\b(?P<rd>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|yesterday"
    r"|today|tonight|tomorrow|this\s+morning|this\s+afternoon|this\s+evening|last\s+night))\b"
)
_P_AGO = re.compile(
    rf"\b(?P<n>(?i:{_SMALL}))\s+(?P<unit>(?i:days?|weeks?|months?|years?|decades?))\s+(?i:ago)\b"
)
_P_PERIOD = re.compile(
    r"\b(?P<rel>(?i:earlier\s+this|later\s+this|early\s+this|late\s+this|early\s+next"
    r"|late\s+last|earlier\s+last|this\s+past|the\s+past|the\s+coming|last|this|next"
    r"|(?<=at\s)the|(?<=over\s)the))\s+"
    r"(?P<unit>(?i:week|weekend|month|year))\b"
)
_P_WEEKDAY = re.compile(
    rf"(?:(?P<rel>(?i:last|this|next|late|early))\s+)?\b{_WD}(?P<poss>['’]s)?"
    r"(?:\s+(?i:morning|afternoon|evening|night))?\b"
)
_CLOCK = re.compile(
    r"(?<![\d.:])\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.m\.|[ap]m\b|(?:GMT|UTC|BST|CET|EST|EDT|PST)\b)"
    r"|(?<![\d.:])\d{1,2}:\d{2}(?::\d{2})?(?![\d:])"
    r"|(?<![\d.:])\d{4}\s*(?:GMT|UTC)\b",
    re.IGNORECASE,
)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)['’]?s?\W*$")
_NEXT_WORD = re.compile(r"\W{0,2}([A-Za-z]+)")

_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}


def _month_number(name: str) -> int:
    return {
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
        "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
    }[name[:3].lower()]  # fmt: skip


def _month_range(year: int, month: int) -> Range:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def _distance(day: dt.date, span: Range) -> int:
    """Days from ``day`` to the nearest day of ``span`` (0 inside it)."""
    if day < span[0]:
        return (span[0] - day).days
    if day > span[1]:
        return (day - span[1]).days
    return 0


def _nearest(ref: dt.date, candidates: list[Range]) -> Range:
    """The candidate nearest ``ref``; a tie goes to the earlier one (news looks back)."""
    return min(candidates, key=lambda span: (_distance(ref, span), span[0]))


def _week(ref: dt.date, weeks: int = 0) -> Range:
    monday = ref - dt.timedelta(ref.weekday()) + dt.timedelta(weeks=weeks)
    return monday, monday + dt.timedelta(6)


def _part(span: Range, part: str | None) -> Range:
    """Narrow a month or a year to its "early", "mid" or "late" part."""
    if not part:
        return span
    part = " ".join(part.lower().split())
    days = (span[1] - span[0]).days + 1
    third = days // 3
    if part.startswith(("early", "the start", "the beginning")):
        return span[0], span[0] + dt.timedelta(third - 1)
    if part.startswith(("mid", "the middle")):
        return span[0] + dt.timedelta(third), span[1] - dt.timedelta(third)
    return span[1] - dt.timedelta(third - 1), span[1]


# --------------------------------------------------------------------------- resolution


@dataclass(frozen=True, slots=True)
class _Reading:
    readings: tuple[Range, ...]
    granularity: Granularity
    weekday: int | None = None
    relative: bool = False
    vague: bool = False
    year_known: bool = True


@dataclass(frozen=True, slots=True)
class _Context:
    text: str
    ref: dt.date | None  # the publication date
    year: int  # the year for dates that state none
    year_known: bool = True  # False when ``year`` is only this year's, a guess

    def word_before(self, start: int) -> str:
        found = _WORD_BEFORE.search(self.text[max(0, start - 40) : start])
        return found.group(1).lower() if found else ""

    def word_after(self, end: int) -> str:
        found = _NEXT_WORD.match(self.text, end)
        return found.group(1) if found else ""


Handler = Callable[[re.Match[str], _Context], _Reading | None]


def _yearless(ctx: _Context, month: int, day: int, day2: int | None = None) -> list[Range]:
    spans = []
    for year in (ctx.year - 1, ctx.year, ctx.year + 1):
        try:
            spans.append((dt.date(year, month, day), dt.date(year, month, day2 or day)))
        except ValueError:
            continue
    if not spans:
        return []
    if ctx.ref is None:
        return [s for s in spans if s[0].year == ctx.year] or spans[:1]
    return [_nearest(ctx.ref, spans)]


def _explicit_day(match: re.Match[str], ctx: _Context) -> _Reading | None:
    month = _month_number(match["mon"])
    day, day2 = int(match["d1"]), int(match["d2"]) if match["d2"] else None
    if day2 is not None and day2 <= day:
        return None
    if match["year"]:
        try:
            spans = [(dt.date(int(match["year"]), month, day),
                      dt.date(int(match["year"]), month, day2 or day))]  # fmt: skip
        except ValueError:
            return None
    else:
        spans = _yearless(ctx, month, day, day2)
    if not spans:
        return None
    weekday = _WEEKDAYS.index(match["wd"].lower()) if match["wd"] else None
    known = bool(match["year"]) or ctx.year_known
    return _Reading(tuple(spans), Granularity.DAY, weekday=weekday, year_known=known)


def _numeric_day(match: re.Match[str], ctx: _Context) -> _Reading | None:
    if "m" in match.groupdict():
        orders = [(int(match["d"]), int(match["m"]))]
        year = int(match["year"])
    else:
        a, b = int(match["a"]), int(match["b"])
        year = int(match["year"]) + (2000 if len(match["year"]) == 2 else 0)
        # Day first unless that is impossible; when both read as a month, keep both.
        orders = [(a, b)] if b <= 12 else []
        if a <= 12 and a != b:
            orders.append((b, a))
    spans = []
    for day, month in orders:
        try:
            spans.append((dt.date(year, month, day),) * 2)
        except ValueError:
            continue
    return _Reading(tuple(spans), Granularity.DAY) if spans else None


def _month_year(match: re.Match[str], ctx: _Context) -> _Reading:
    span = _part(_month_range(int(match["year"]), _month_number(match["mon"])), match["part"])
    return _Reading((span,), Granularity.MONTH, vague=bool(match["part"]))


def _month_alone(match: re.Match[str], ctx: _Context) -> _Reading | None:
    rel = (match["rel"] or "").lower()
    if not rel and not match["part"] and ctx.word_before(match.start()) not in _MONTH_WORDS:
        return None  # "Theresa May", "May I"
    month = _month_number(match["mon"])
    candidates = [_month_range(y, month) for y in (ctx.year - 1, ctx.year, ctx.year + 1)]
    if ctx.ref is None:
        span = candidates[1]
    elif rel == "last":
        span = max(c for c in candidates if c[1] < ctx.ref.replace(day=1))
    elif rel == "next":
        span = min(c for c in candidates if c[0] > ctx.ref)
    elif rel == "this":
        span = candidates[1]
    else:
        span = _nearest(ctx.ref, candidates)
    return _Reading(
        (_part(span, match["part"]),),
        Granularity.MONTH,
        relative=bool(rel),
        vague=bool(match["part"]),
    )


def _season_range(season: str, year: int) -> Range:
    """Northern-hemisphere seasons; winter ``year`` runs from December of ``year``."""
    if season == "winter":
        return dt.date(year, 12, 1), dt.date(year + 1, 3, 1) - dt.timedelta(1)
    first, last = _SEASONS[season]
    return _month_range(year, first)[0], _month_range(year, last)[1]


def _season(match: re.Match[str], ctx: _Context) -> _Reading | None:
    season = match["season"].lower()
    rel = (match["rel"] or "").lower()
    if match["year"]:
        year = int(match["year"])
        # "winter 2023" is said of the winter that starts in 2022 and of the one that
        # starts in 2023: keep both readings.
        years = (year - 1, year) if season == "winter" else (year,)
        spans = tuple(_season_range(season, y) for y in years)
        return _Reading(spans, Granularity.SEASON, vague=True)
    if ctx.ref is None:
        return None
    candidates = [_season_range(season, y) for y in range(ctx.year - 2, ctx.year + 2)]
    if rel == "last":
        span = max(c for c in candidates if c[1] < ctx.ref)
    elif rel == "next":
        span = min(c for c in candidates if c[0] > ctx.ref)
    elif rel == "this" or (rel in ("early", "late", "mid")):
        span = _nearest(ctx.ref, candidates)
    else:
        before = ctx.word_before(match.start())
        if before == "the":
            before = ctx.word_before(match.start() - 4)
        if season == "fall" or before not in ("in", "during", "over", "since", "until", "by"):
            return None  # "the fall of Kabul", "summer camp"
        span = _nearest(ctx.ref, candidates)
    return _Reading((span,), Granularity.SEASON, relative=True, vague=True)


def _year(match: re.Match[str], ctx: _Context) -> _Reading | None:
    year = int(match["year"])
    before = ctx.word_before(match.start("year"))
    raw_before = ctx.text[max(0, match.start("year") - 3) : match.start("year")]
    after = ctx.word_after(match.end())
    year_words = bool(match["part"] or match["decade"]) or before in _YEAR_WORDS
    if raw_before.rstrip().endswith(("'s", "’s")):
        year_words = True  # "Russia's 2022 invasion"
    plural = (after.endswith("s") and after not in _S_VERBS) or after in _PLURALS
    if before in _COUNT_WORDS or (not year_words and after.islower() and plural):
        return None  # "2000 people", "about 1900 troops"
    if match["decade"]:
        span = (dt.date(year, 1, 1), dt.date(year + 9, 12, 31))
    else:
        span = _part((dt.date(year, 1, 1), dt.date(year, 12, 31)), match["part"])
    return _Reading((span,), Granularity.YEAR, vague=bool(match["part"]))


def _day_word(match: re.Match[str], ctx: _Context) -> _Reading | None:
    if ctx.ref is None:
        return None
    word = " ".join(match["rd"].lower().split())
    offset = {
        "the day before yesterday": -2,
        "yesterday": -1,
        "last night": -1,
        "tomorrow": 1,
        "the day after tomorrow": 2,
    }.get(word, 0)
    day = ctx.ref + dt.timedelta(offset)
    return _Reading(((day, day),), Granularity.DAY, relative=True)


def _ago(match: re.Match[str], ctx: _Context) -> _Reading | None:
    if ctx.ref is None:
        return None
    ref = ctx.ref
    words = " ".join(match["n"].lower().split())
    unit = match["unit"].lower().rstrip("s")
    # "a few" and "several" are ranges of counts; a number is a count.
    if words in _FEW:
        low, high = _FEW[words]
    else:
        low = high = int(words) if words.isdigit() else _SMALL_VALUES[words]
    if unit == "day":
        span = (ref - dt.timedelta(high), ref - dt.timedelta(low))
        return _Reading((span,), Granularity.DAY, relative=True, vague=low != high)
    if unit == "week":
        span = (ref - dt.timedelta(weeks=high), ref - dt.timedelta(weeks=low))
        return _Reading((span,), Granularity.DAY, relative=True, vague=True)
    if unit == "month":
        first = _month_range(*_add_months(ref.year, ref.month, -high))[0]
        last = _month_range(*_add_months(ref.year, ref.month, -low))[1]
        return _Reading(((first, last),), Granularity.MONTH, relative=True, vague=True)
    years = 10 if unit == "decade" else 1
    span = (dt.date(ref.year - high * years, 1, 1), dt.date(ref.year - low * years, 12, 31))
    return _Reading((span,), Granularity.YEAR, relative=True, vague=True)


def _period(match: re.Match[str], ctx: _Context) -> _Reading | None:
    if ctx.ref is None:
        return None
    ref = ctx.ref
    rel = " ".join(match["rel"].lower().split())
    unit = match["unit"].lower()
    shift = {"last": -1, "next": 1, "early next": 1, "late last": -1, "earlier last": -1}.get(
        rel, 0
    )
    if rel in ("the past", "this past", "the coming"):
        days = {"week": 7, "weekend": 7, "month": 31, "year": 366}[unit]
        if rel == "the coming":
            span = (ref, ref + dt.timedelta(days))
        else:
            span = (ref - dt.timedelta(days), ref)
        grain = Granularity.WEEK if unit.startswith("week") else Granularity(unit)
        return _Reading((span,), grain, relative=True, vague=True)
    if rel == "the":
        if unit != "weekend":
            return None  # "over the week" says how long, not when
        # "at the weekend": the one just gone, or the coming one if the piece is
        # dated before it (readings in that order).
        last = _week(ref, -1 if ref.weekday() < 5 else 0)[1]
        spans = ((last - dt.timedelta(1), last), (last + dt.timedelta(6), last + dt.timedelta(7)))
        return _Reading(spans if ref.weekday() < 5 else spans[:1], Granularity.WEEK, relative=True)
    if unit in ("week", "weekend"):
        span = _week(ref, shift)
        if unit == "weekend":
            span = (span[1] - dt.timedelta(1), span[1])
        grain = Granularity.WEEK
    elif unit == "month":
        span = _month_range(*_add_months(ref.year, ref.month, shift))
        grain = Granularity.MONTH
    else:
        span = (dt.date(ref.year + shift, 1, 1), dt.date(ref.year + shift, 12, 31))
        grain = Granularity.YEAR
    if rel.startswith("earlier this"):
        span = (span[0], ref)
    elif rel.startswith("later this"):
        span = (ref, span[1])
    elif rel.startswith(("early", "late")) or rel == "earlier last":
        span = _part(span, "early" if rel.startswith("early") else "late")
    return _Reading((span,), grain, relative=True, vague=rel not in ("last", "this", "next"))


def _weekday(match: re.Match[str], ctx: _Context) -> _Reading | None:
    if ctx.ref is None:
        return None
    if ctx.word_before(match.start()) in ("good", "black", "cyber", "ash", "holy", "easter"):
        return None  # holidays and events named after a weekday
    ref = ctx.ref
    wd = _WEEKDAYS.index(match["wd"].lower())
    rel = (match["rel"] or "").lower()
    back = (ref.weekday() - wd) % 7 or 7  # days back to the last such weekday
    ahead = (wd - ref.weekday()) % 7 or 7
    past = ref - dt.timedelta(back)
    future = ref + dt.timedelta(ahead)
    if rel == "last":
        spans = [past]
    elif rel == "this":
        spans = [_week(ref)[0] + dt.timedelta(wd)]
    elif rel == "next":
        # "next Friday" on a Wednesday: this week's Friday or the one after.
        spans = [future] + ([future + dt.timedelta(7)] if future <= _week(ref)[1] else [])
    elif wd == ref.weekday():
        spans = [ref]  # "on Tuesday" in a Tuesday piece is that day
    else:
        # A bare weekday is the one just gone or the coming one; the sentence's tense
        # only decides which reading comes first.
        sentence = ctx.text
        spans = [future, past] if _FUTURE.search(sentence) else [past, future]
    return _Reading(tuple((d, d) for d in spans), Granularity.DAY, weekday=wd, relative=True)


# Earlier patterns win where matches overlap: "Friday 16 May" is one explicit date, not a
# weekday followed by a date.
_PATTERNS: tuple[tuple[re.Pattern[str], Handler], ...] = (
    (_P_DMY, _explicit_day),
    (_P_MDY, _explicit_day),
    (_P_ISO, _numeric_day),
    (_P_SLASH, _numeric_day),
    (_P_AGO, _ago),
    (_P_MONTH_YEAR, _month_year),
    (_P_SEASON, _season),
    (_P_PERIOD, _period),
    (_P_DAY_WORD, _day_word),
    (_P_WEEKDAY, _weekday),
    (_P_MONTH, _month_alone),
    (_P_YEAR, _year),
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
    ctx = _Context(text, None, dt.date.today().year)
    return [match.span() for match, _ in _scan(text, ctx)]


def clock_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of clock times: "12:50 pm", "1 pm", "13:20", "0600 GMT".

    >>> clock_spans("It struck at 12:50 pm, or 1:20 pm Thai time.")
    [(13, 21), (26, 33)]
    """
    return [match.span() for match in _CLOCK.finditer(text)]
