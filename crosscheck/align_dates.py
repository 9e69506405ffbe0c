"""Dates as alignment evidence: the days a sentence's dates can fall on, resolved
against its article's publication date (crosscheck.align).

"Two weeks ago" in a piece of 31 May and "on May 16" name the same day; two
sentences that both name days, none of which can be the same, are likely about
different events.

>>> import datetime as dt
>>> sorted(day_tokens("They met on May 16.", dt.date(2025, 5, 29)))   # doctest: +SKIP
['@2025-05-16']
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import numpy as np

from crosscheck.align_words import DEFAULT_IDF, EVIDENCE_WEIGHT

# Dates count as shared evidence too: both sentences name a day (or a span of a week
# or less) and the days can be the same once resolved against each article's
# publication date ("two weeks ago" in a piece of 31 May and "on May 16"). A shared
# day weighs like a shared word of the same rarity (its IDF over the sentences being
# compared), so a day every sentence of a one-day story names counts for little.
# Two sentences that both name days, none of which can be the same, are likely about
# different events (another phone call, another round of talks): this is taken off.
# Kept small so that a planted wrong day on the same fact still aligns and is flagged.
DATE_CONFLICT_PENALTY = 0.10
# Vague relatives ("two weeks ago", "last week") match a day this far either side.
DATE_SLACK_DAYS = 3
# Spans longer than this (a month, a season, a year) are too coarse to be evidence.
DATE_MAX_SPAN_DAYS = 7


def day_tokens(text: str, published: dt.date | None) -> frozenset[str]:
    """The days a sentence's dates can fall on, as tokens ("@2025-05-16").

    >>> sorted(day_tokens("They met on May 16.", dt.date(2025, 5, 29)))   # doctest: +SKIP
    ['@2025-05-16']
    """
    from crosscheck.extract.dates import find_dates

    days: set[str] = set()
    slack = dt.timedelta(days=DATE_SLACK_DAYS)
    for mention in find_dates(text, published):
        # Only the preferred reading: the alternatives ("Friday" may also be next
        # Friday) would let almost any two dated sentences share a day.
        earliest, latest = mention.earliest, mention.latest
        if (latest - earliest).days >= DATE_MAX_SPAN_DAYS:
            continue
        if mention.vague:
            earliest, latest = earliest - slack, latest + slack
        for n in range((latest - earliest).days + 1):
            days.add("@" + (earliest + dt.timedelta(days=n)).isoformat())
    return frozenset(days)


def date_adjustment(left: frozenset[str], right: frozenset[str], idf: Mapping[str, float]) -> float:
    """What the days two sentences name add to their score.

    The weight of the rarest day both can mean; minus DATE_CONFLICT_PENALTY when both
    name days and none can be the same; 0 when either names none.
    """
    if days_conflict(left, right):
        return -DATE_CONFLICT_PENALTY
    shared = left & right
    if not shared:
        return 0.0
    return EVIDENCE_WEIGHT * max(idf.get(day, DEFAULT_IDF) for day in shared)


def days_conflict(left: frozenset[str], right: frozenset[str]) -> bool:
    """Both sentences name days (day_tokens) and none of them can be the same."""
    return bool(left) and bool(right) and not left & right


def date_adjustments(
    left: Sequence[frozenset[str]], right: Sequence[frozenset[str]], idf: Mapping[str, float]
) -> np.ndarray:
    """date_adjustment of every pair of a ``left`` and a ``right`` set of days, at once.

    >>> date_adjustments([frozenset({"@2025-05-16"})], [frozenset({"@2025-05-17"})], {}).tolist()
    [[-0.1]]
    """
    days = sorted(frozenset().union(*left, *right)) if left and right else []
    result = np.zeros((len(left), len(right)))
    if not days:
        return result
    has_left = np.array([[d in s for d in days] for s in left], dtype=np.float64)
    has_right = np.array([[d in s for d in days] for s in right], dtype=np.float64)
    weights = np.array([idf.get(d, DEFAULT_IDF) for d in days])
    # The weight of the rarest day both can mean: the largest weight over shared days.
    for column in np.argsort(weights):
        both = np.outer(has_left[:, column], has_right[:, column]) > 0
        result[both] = EVIDENCE_WEIGHT * weights[column]
    shared = has_left @ has_right.T > 0
    conflict = np.outer(has_left.any(axis=1), has_right.any(axis=1)) & ~shared
    result[conflict] = -DATE_CONFLICT_PENALTY
    return result
