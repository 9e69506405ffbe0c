"""German, French and Spanish dates and figures in the shapes the checks compare.

The checks read English with crosscheck/extract; for an article in another language
they need the same mention types from this package's readers. ``quantities`` gives
``extract.numbers.Quantity`` (hedges from the language's vocabulary data) and
``date_mentions`` gives ``extract.dates.DateMention``: a check that knows a claim's
language (``Claim.source.language``) calls these instead of ``find_quantities`` and
``find_dates`` (see ``reads``).

>>> [(q.text, q.value, q.hedge) for q in quantities("Rund 1.700 Anwohner flohen.", "de")]
[('1.700', 1700.0, 'about')]
"""

from __future__ import annotations

import datetime as dt
import math
import re

from crosscheck.extract.dates import DateMention, Granularity
from crosscheck.extract.numbers import DEFAULT_HEDGE_TOLERANCE, Quantity, hedge_bounds
from crosscheck.lang.dates import LANGUAGES as DATE_LANGUAGES
from crosscheck.lang.dates import read_dates
from crosscheck.lang.numbers import LANGUAGES as NUMBER_LANGUAGES
from crosscheck.lang.numbers import read_numbers

__all__ = ["date_mentions", "quantities", "reads"]

# Years written as plain numbers (1987, 2025) are dates, not figures to compare.
_YEAR = re.compile(r"^(?:1[89]|20)\d{2}$")


def reads(language: str | None) -> bool:
    """True when this package, not crosscheck/extract, should read ``language``."""
    return language in NUMBER_LANGUAGES and language in DATE_LANGUAGES


def _hedge(text: str, start: int, language: str) -> str:
    """The normalised hedge ("about", "at least", "up to") the words before ``start``
    say, from the language's vocabulary data, or ""."""
    from crosscheck.lang import vocabulary

    before = text[:start].rstrip().casefold()
    for hedge, phrases in vocabulary(language).hedges.items():
        for phrase in sorted(phrases, key=len, reverse=True):
            if re.search(rf"(?:^|\W){re.escape(phrase.casefold())}$", before):
                return hedge
    return ""


def quantities(text: str, language: str) -> list[Quantity]:
    """Every figure of ``text`` as a Quantity (plain counts: unit "", nothing counted
    named), leaving out years and the parts of dates."""
    dates = [(d.start, d.end) for d in read_dates(text, language, None)]
    found = []
    for number in read_numbers(text, language):
        if _YEAR.match(number.text) or any(s <= number.start < e for s, e in dates):
            continue
        hedge = _hedge(text, number.start, language)
        low, high = hedge_bounds(hedge, number.value, number.value, DEFAULT_HEDGE_TOLERANCE)
        found.append(
            Quantity(
                text=number.text,
                start=number.start,
                end=number.end,
                value=number.value,
                low=low,
                high=high if not math.isnan(high) else number.value,
                unit="",
                hedge=hedge,
                stated=(number.value, number.value),
                phrase_end=number.end,
            )
        )
    return found


def date_mentions(
    text: str,
    language: str,
    published: dt.date | None,
    *,
    relative: bool = True,
    year: int | None = None,
) -> list[DateMention]:
    """Every date of ``text`` that can be placed, as a day-granular DateMention.

    Without ``published`` a year-less date takes ``year`` (if given) and relative days
    are left out, as ``extract.dates.find_dates`` does.
    """
    base = published or (dt.date(year, 7, 1) if year else None)
    found = []
    for mention in read_dates(text, language, base):
        if mention.relative and (not relative or published is None):
            continue
        if mention.date is None:
            continue
        found.append(
            DateMention(
                text=mention.text,
                start=mention.start,
                end=mention.end,
                earliest=mention.date,
                latest=mention.date,
                granularity=Granularity.DAY,
                relative=mention.relative,
                marker=_word_before(text, mention.start),
                year_known=mention.year_known and base is not None,
            )
        )
    return found


def _word_before(text: str, start: int) -> str:
    match = re.search(r"(\w+)\W*$", text[:start])
    return match.group(1).casefold() if match else ""
