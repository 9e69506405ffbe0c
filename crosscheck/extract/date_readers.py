"""The readers behind ``find_dates``: one handler per date pattern.

Each handler turns one regular-expression match into the ranges of days the words
allow (a ``_Reading``), resolved against the publication date held in ``_Context``.
``_PATTERNS`` lists the patterns in the order they win where matches overlap.

>>> import datetime as dt
>>> ctx = _Context("on 16 May", dt.date(2025, 5, 31), 2025)
>>> _explicit_day(_P_DMY.search(ctx.text), ctx).readings
((datetime.date(2025, 5, 16), datetime.date(2025, 5, 16)),)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

# The readers and the patterns are one unit split for size (issue 15): the underscored
# names stay private to the date reader.
from crosscheck.extract.date_patterns import (
    _COUNT_WORDS,
    _FEW,
    _FUTURE,
    _MONTH_WORDS,
    _NEXT_WORD,
    _P_AGO,
    _P_DAY_WORD,
    _P_DMY,
    _P_ISO,
    _P_MDY,
    _P_MONTH,
    _P_MONTH_YEAR,
    _P_PERIOD,
    _P_SEASON,
    _P_SLASH,
    _P_WEEKDAY,
    _P_YEAR,
    _PLURALS,
    _S_VERBS,
    _SEASONS,
    _SMALL_VALUES,
    _WEEKDAYS,
    _WORD_BEFORE,
    _YEAR_WORDS,
    Granularity,
    Range,
    _add_months,
    _month_number,
    _month_range,
    _nearest,
    _part,
    _week,
)


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
