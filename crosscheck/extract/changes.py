"""Scores and changes: the figures that say who won by what, and which way a value moved.

*Scores* are two figures joined by a dash that no unit or noun turns into a range: "beat
the visitors 27-17", "a poor 3-8 start". The two figures are kept in order.

*Changes* read the clause around a figure that another figure is compared with: "up 8%
from the $12.1 billion" rose from $12.1bn, "down from $12.1bn" fell from it; "fell to
41.5% from 47.5%" is a change of -6 percentage points.

>>> [(s.first, s.second) for s in find_scores("The hosts won 27-17 to reach the final")]
[(27, 17)]
>>> from crosscheck.extract.numbers import find_quantities
>>> text = "Revenue was up 8% from the $12.1 billion it reported in March."
>>> [change_from(text, q) for q in find_quantities(text)]
[0, 1]
>>> text = "The jobless rate fell to 41.5% from 47.5% in a year."
>>> [round(c.points, 1) for c in point_changes(text, find_quantities(text))]
[-6.0]
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from crosscheck.extract.numbers import Quantity
from crosscheck.extract.quantity_units import DIRECTION

# Two figures of up to three digits joined by a dash, not part of a longer run
# ("45-7-2"), a code ("MS08-078"), a year span ("2008-09") or a decimal.
_SCORE = re.compile(r"(?<![\w.,–-])(\d{1,3})\s?[-–]\s?(\d{1,3})(?![\w%]|[.,]\d|\s?[-–]\s?\d)")


@dataclass(frozen=True, slots=True)
class Score:
    """A score or record as written: "27-17" -> first 27, second 17."""

    first: int
    second: int
    start: int
    end: int


def find_scores(text: str, quantities: list[Quantity] | tuple[Quantity, ...] = ()) -> list[Score]:
    """Dashed figure pairs that no quantity with a unit in ``quantities`` covers: "2-3
    days" and "10-15%" are ranges, "a 10-13 win" a score."""
    found = []
    for match in _SCORE.finditer(text):
        start, end = match.span()
        if any(q.unit and q.start < end and start < q.end for q in quantities):
            continue
        found.append(Score(int(match[1]), int(match[2]), start, end))
    return found


# "... from (the) $12.1bn": the figure is where a change started.
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+|an?\s+|its\s+)?(?:US\s?)?$", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[;:]|,(?!\d)|\b(?:but|while|whereas)\b", re.IGNORECASE)
# How far back the direction word of a change is looked for, in characters: "Sales were
# up 12% from the" is 28; a clause rarely puts its verb further from its "from".
CHANGE_WINDOW = 60


def change_from(text: str, q: Quantity) -> int:
    """+1 or -1 when ``q`` is the starting point of a change in its clause ("up 8% from
    the $12.1bn" rose from it, "down from $12.1bn" fell from it), else 0."""
    if not _FROM_BEFORE.search(text, max(0, q.start - 12), q.start):
        return 0
    before = text[max(0, q.start - CHANGE_WINDOW) : q.start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    found = list(DIRECTION.finditer(before))
    if not found:
        return 0
    return -1 if found[-1]["down"] else 1


@dataclass(frozen=True, slots=True)
class PointChange:
    """A change in percentage points read from "to A% from B%" / "from B% to A%"."""

    points: float
    start: int
    end: int


_TO_FROM = re.compile(r"\s+from\s+", re.IGNORECASE)
_FROM_TO = re.compile(r"\s+to\s+", re.IGNORECASE)


def point_changes(
    text: str, quantities: list[Quantity] | tuple[Quantity, ...]
) -> list[PointChange]:
    """Changes stated by an old and a new percentage: "fell to 41.5% from 47.5%" is
    -6 points, "rose from 4% to 5.5%" +1.5."""
    out = []
    percents = [q for q in quantities if q.unit == "%" and not q.hedge]
    for a, b in itertools.pairwise(percents):
        between = text[a.end : b.start]
        if _TO_FROM.fullmatch(between) and re.search(r"\bto\s+$", text[: a.start]):
            new, old = a.value, b.value
        elif _FROM_TO.fullmatch(between) and re.search(r"\bfrom\s+$", text[: a.start]):
            old, new = a.value, b.value
        else:
            continue
        out.append(PointChange(new - old, a.start, b.end))
    return out
