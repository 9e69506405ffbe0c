"""German, French and Spanish dates and figures in the shapes the checks compare.

The checks read English with crosscheck/extract; for an article in another language
they need the same mention types from this package's readers. ``quantities`` gives
``extract.numbers.Quantity`` (hedges from the language's vocabulary data) and
``date_mentions`` gives ``extract.dates.DateMention``: the numbers and dates checks
call these instead of ``find_quantities`` and ``find_dates`` for a claim whose
language (``Claim.source.language``) this package reads (see ``reads``).
``context_words`` is the language's counterpart of ``checks.dates.near_words``.

>>> [(q.text, q.value, q.hedge) for q in quantities("Rund 1.700 Anwohner flohen.", "de")]
[('1.700', 1700.0, 'about')]
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import cache

from crosscheck.extract.dates import DateMention, Granularity
from crosscheck.extract.numbers import DEFAULT_HEDGE_TOLERANCE, Quantity, hedge_bounds
from crosscheck.lang.dates import LANGUAGES as DATE_LANGUAGES
from crosscheck.lang.dates import LangDate, read_dates, weekday_words
from crosscheck.lang.numbers import LANGUAGES as NUMBER_LANGUAGES
from crosscheck.lang.numbers import read_numbers

__all__ = ["context_words", "date_mentions", "date_role", "quantities", "reads", "stated_weekdays"]

# Years written as plain numbers (1987, 2025) are dates, not figures to compare.
_YEAR = re.compile(r"^(?:1[89]|20)\d{2}$")
# Units a duration word names, in seconds: figures of time compare in one unit, as
# crosscheck.extract.numbers gives durations ("s"), so "zwei Stunden" meets "120 Minuten".
SECONDS = {"minute": 60, "hour": 3600, "day": 86400, "week": 604800}
# A unit word stands right after its figure, after at most this many characters of
# space or a no-break space ("6 %", "2,5 Millionen Euro").
UNIT_GAP = 2
_UNIT_WORD = re.compile(
    rf"[\s\u00a0\u202f]{{0,{UNIT_GAP}}}(%|€|\$|£|[^\W\d_]+(?:['’\s]+[^\W\d_]+)?)"
)
_CONTEXT_WORD = re.compile(r"[^\W\d_]{3,}|\d+(?:[.,]\d+)?")
# Letters of a word that stand for it when two contexts are compared: "Verletzte" and
# "verletzt", "signalée" and "signalées" meet (as checks.dates.near_words, five).
CONTEXT_STEM = 5


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


def _unit(text: str, end: int, language: str) -> tuple[str, float, int]:
    """(unit, factor, end of the unit word) for the words right after a figure, from
    the language's ``units`` data: ("%", 1, ...), ("EUR", 1, ...), ("s", 3600, ...) for
    hours; ("", 1, end) for a plain count."""
    from crosscheck.lang import vocabulary

    match = _UNIT_WORD.match(text, end)
    if not match:
        return "", 1.0, end
    units = vocabulary(language).units
    # Two words first ("pour cent", "por ciento"), then the first word alone.
    phrase = match.group(1).casefold().replace("’", "'")
    first = re.match(r"%|€|\$|£|[^\W\d_]+", phrase)
    for words, stop in ((phrase, match.end(1)), (first.group() if first else "", None)):
        unit = units.get(words)
        if unit is None:
            continue
        stop = stop if stop is not None else match.start(1) + len(words)
        if unit in SECONDS:
            return "s", float(SECONDS[unit]), stop
        return unit, 1.0, stop
    return "", 1.0, end


def quantities(text: str, language: str) -> list[Quantity]:
    """Every figure of ``text`` as a Quantity (nothing counted named; a unit when the
    language's data names the word after it), leaving out years and the parts of dates.

    >>> [(q.text, q.unit, q.value) for q in quantities("seit sechs Stunden, 6 %", "de")]
    [('sechs', 's', 21600.0), ('6', '%', 6.0)]
    """
    dates = [(d.start, d.end) for d in read_dates(text, language, None)]
    found: list[Quantity] = []
    for number in read_numbers(text, language):
        if _YEAR.match(number.text) or any(s <= number.start < e for s, e in dates):
            continue
        if found and number.start < found[-1].phrase_end:
            continue  # a word of the unit before it: "cent" in "2 pour cent"
        hedge = _hedge(text, number.start, language)
        unit, factor, phrase_end = _unit(text, number.end, language)
        value = number.value * factor
        low, high = hedge_bounds(hedge, value, value, DEFAULT_HEDGE_TOLERANCE)
        found.append(
            Quantity(
                text=number.text,
                start=number.start,
                end=number.end,
                value=value,
                low=low,
                high=high if not math.isnan(high) else value,
                unit=unit,
                hedge=hedge,
                stated=(value, value),
                phrase_end=phrase_end,
            )
        )
    return found


def context_words(text: str, start: int, end: int, language: str, width: int) -> set[str]:
    """Crude stems of the content words either side of ``text[start:end]`` in
    ``language`` (its stop words left out): what two figures or dates without a
    partner must share to be compared.

    >>> sorted(context_words("Die Halle war am 3. März eröffnet worden.", 17, 25, "de", 8))
    ['eröff', 'halle']
    """
    from crosscheck.lang.polarity import stop_words

    stops = stop_words(language)
    before = [w for w in _CONTEXT_WORD.findall(text[:start].casefold()) if w not in stops]
    after = [w for w in _CONTEXT_WORD.findall(text[end:].casefold()) if w not in stops]
    words = before[-width:] + after[:width]
    return {w if w[0].isdigit() else w[:CONTEXT_STEM] for w in words}


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
    weekdays = weekday_words(language)
    read = read_dates(text, language, base)
    found = []
    for i, mention in enumerate(read):
        weekday = weekdays.get(mention.text.casefold())
        if weekday is not None and i + 1 < len(read) and _names_day(text, mention, read[i + 1]):
            continue  # "Montag, 14. April": the weekday joins the date after it
        before = read[i - 1] if i else None
        stated = None
        if before is not None and _names_day(text, before, mention):
            stated = weekdays.get(before.text.casefold())
        start = before.start if stated is not None and before is not None else mention.start
        if weekday is not None:
            stated = weekday
        if mention.relative and (not relative or published is None):
            continue
        if mention.date is None:
            continue
        found.append(
            DateMention(
                text=text[start : mention.end],
                start=start,
                end=mention.end,
                earliest=mention.date,
                latest=mention.date,
                granularity=Granularity.DAY,
                weekday=stated,
                relative=mention.relative,
                marker=_word_before(text, start),
                year_known=mention.year_known and base is not None,
            )
        )
    return found


# Between a weekday and the date it names: a comma, an article ("den", "le", "el").
_WEEKDAY_JOIN = re.compile(r"[\s,]*(?:\w{2,3}\s+)?", re.UNICODE)


def _names_day(text: str, weekday: LangDate, date: LangDate) -> bool:
    """Whether ``weekday`` (a weekday word) stands right before the written ``date``:
    "Montag, 14. April", "lundi 14 avril", "el lunes 14 de abril"."""
    if date.relative or weekday.end > date.start:
        return False
    gap = text[weekday.end : date.start]
    return bool(_WEEKDAY_JOIN.fullmatch(gap)) and not any(ch.isdigit() for ch in gap)


def _word_before(text: str, start: int) -> str:
    match = re.search(r"(\w+)\W*$", text[:start])
    return match.group(1).casefold() if match else ""


# How far before a date or weekday the words that give its role are looked for.
ROLE_WINDOW = 40
_ENGLISH_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@cache
def _speech_before(language: str) -> re.Pattern[str]:
    """A speech verb of the language's data, then at most one short word, at the end:
    "sagte am", "a déclaré", "dijo el". Of a verb of several words the longest stands
    for it: German splits "teilte ... mit" around the date."""
    from crosscheck.lang import vocabulary

    verbs = {max(v.split(), key=len).casefold() for v in vocabulary(language).speech_verbs}
    alternation = "|".join(re.escape(v) for v in sorted(verbs, key=len, reverse=True))
    return re.compile(rf"(?:^|\W)(?:{alternation})\s+(?:[^\W\d_]{{1,4}}\s+)?$")


def date_role(text: str, start: int, language: str) -> str:
    """The role of the date at ``start``: "statement" right after a speech verb (it dates
    what was said), else the role the words before it give in the language's
    ``date_roles`` data ("start", "end", "after": the roles the English dates take), else
    "point".

    >>> date_role("Die Strecke ist seit dem 3. Mai gesperrt.", 25, "de")
    'start'
    >>> date_role("El ministerio dijo el lunes que ...", 22, "es")
    'statement'
    """
    from crosscheck.lang import vocabulary

    before = text[max(0, start - ROLE_WINDOW) : start].casefold().replace("’", "'")
    if _speech_before(language).search(before):
        return "statement"
    roles = vocabulary(language).date_roles
    for phrase in sorted(roles, key=len, reverse=True):
        # The role word, then at most an article ("seit dem", "antes del").
        if re.search(rf"(?:^|\W){re.escape(phrase)}(?:\s+[^\W\d_]{{1,3}})?\s*$", before):
            return roles[phrase]
    return "point"


@cache
def _weekday_pattern(language: str) -> re.Pattern[str]:
    from crosscheck.lang import vocabulary

    names = "|".join(re.escape(w) for w in sorted(weekday_words(language), key=len, reverse=True))
    parts = "|".join(re.escape(p) for p in vocabulary(language).day_parts)
    # German writes the part of the day onto the weekday: "Montagabend".
    suffix = rf"(?:{parts})?" if parts else ""
    return re.compile(rf"(?<!\w)(?P<day>{names}){suffix}(?!\w)", re.IGNORECASE)


def stated_weekdays(text: str, language: str) -> list[tuple[str, int, int, str]]:
    """(weekday in English, start, end, role) for each weekday ``text`` states, role being
    "statement" after a speech verb and "event" otherwise; a weekday the language's
    ``week_shifters`` move to another week ("letzten Montag", "lundi dernier") is left
    out, as ``checks.dates.stated_weekdays`` does for English.

    >>> stated_weekdays("Sie sagte am Dienstag, es brannte am Montagabend.", "de")
    [('tuesday', 13, 21, 'statement'), ('monday', 37, 48, 'event')]
    """
    from crosscheck.lang import vocabulary

    shifters = vocabulary(language).week_shifters
    days = weekday_words(language)
    found = []
    for match in _weekday_pattern(language).finditer(text):
        before = text[max(0, match.start() - ROLE_WINDOW) : match.start()].casefold()
        after = text[match.end() : match.end() + ROLE_WINDOW].casefold()
        words_before = re.findall(r"[^\W\d_]+", before)[-1:]
        words_after = " ".join(re.findall(r"[^\W\d_]+", after)[:2])
        if set(words_before) & shifters or any(
            words_after == s or words_after.startswith(s + " ") for s in shifters
        ):
            continue
        role = "statement" if _speech_before(language).search(before) else "event"
        weekday = _ENGLISH_WEEKDAYS[days[match.group("day").casefold()]]
        found.append((weekday, match.start(), match.end(), role))
    return found
