"""Date patterns and calendar arithmetic shared by the English date readers.

The regular expressions that find date expressions in prose, the word lists that tell
a year from a count or "May" the month from the verb, and the small calendar helpers
(month lengths, weeks, "early"/"mid"/"late" parts). ``crosscheck.extract.dates`` is the
public entry point; this module holds no logic of its own beyond the arithmetic.

>>> _part(_month_range(2025, 3), "early")
(datetime.date(2025, 3, 1), datetime.date(2025, 3, 10))
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from enum import StrEnum

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
