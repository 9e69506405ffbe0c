"""Two outlets put the same event on different days, or give its date another weekday.

Each side's dates (``crosscheck.extract.dates``) are compared as ranges of days, relative
ones ("two weeks ago", "on Monday", "last summer") resolved against each article's own
publication date. Dates are paired before they are compared: first every pair that can
agree, then what is left, like granularity with like, if the two sit among like words
and are at most two granularity steps apart. Only dates in the same role meet: a date
after a speech verb dates the statement ("the ministry said on Monday"), a year used as
an adjective names a thing ("the 2004 awards telecast"), "since"/"by" mark starts and ends.
A date that only one side gives is no divergence. "last year's final" names the final as
"the 2023 final" does, and the two are compared. Two days one apart are no divergence
when either sentence gives its time in a named zone ("early on Thursday, Halden time"):
the same moment falls on two calendar days in two zones; nor are one day's night and the
next day's small hours ("Friday night" / "early Saturday"). Without publication dates,
months stated without a year are still compared, like weekdays: one event cannot happen
"last May" and "on August 29th".

With ``aspect: date`` (rule date-mismatch) a pair is flagged when no reading of one can
overlap any reading of the other.

    pass: "They last met in the capital on May 16." (29 May) /
          "The first round two weeks ago in the capital ..." (31 May)
    fail: "Acme rejected a $23bn approach in July 2024." /
          "Acme turned down a 23 billion dollar offer in July 2023."

A German, French or Spanish sentence (``Source.language``) is read by
``crosscheck.lang.mentions.date_mentions`` ("14. April 2025", "le 1er mai", "ayer"), its
roles by the language's data ("seit", "jusqu'au", "desde", a speech verb before it).

    fail: "Die Halle war am 3. März 2025 eröffnet worden." / "... am 3. Mai 2025 ..."

With ``aspect: weekday`` (rule weekday-mismatch) a pair of the same day is flagged when
the two sides state different weekdays for it, or one side states a weekday its date
does not fall on.

    pass: "The first round on Friday 16 May ..." / "The first round, held on May 16, ..."
    fail: "The first round on Friday 16 May ..." / "The first round, held on Thursday, May 16"
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from crosscheck.checks import Claim, Context, Finding, Param
from crosscheck.extract.dates import DateMention, Granularity, Range, date_spans
from crosscheck.extract.dates import find_dates as _find_dates
from crosscheck.lang.dates import LANGUAGES as READERS
from crosscheck.vocabulary import WEEKDAYS

# Languages this check reads: English with crosscheck/extract, German, French and
# Spanish with crosscheck.lang (the coverage names the checks that lack a reader).
LANGUAGES = ("en", *READERS)

PARAMS: dict[str, Param] = {
    "aspect": Param(
        str,
        "date",
        "what must agree: 'date' (the days themselves) or 'weekday' (weekdays stated for them)",
        choices=("date", "weekday"),
    ),
    "granularity": Param(
        str,
        "day",
        "the finest unit that must agree (dates in the same unit agree)",
        choices=("day", "week", "month", "year"),
    ),
    "resolve_relative": Param(
        bool,
        True,
        "resolve 'on Monday', 'two weeks ago', 'last year' against the publication date",
    ),
    # 3 days: "two weeks ago" in a piece of 31 May must meet 16 May (17 May nominal), and
    # wire copy is often dated a day after the words were written. Calibrated on the
    # seed and dev clusters: 1 is enough for them, 3 leaves room for looser phrasing.
    "slack_days": Param(
        int,
        3,
        "days either side that vague expressions ('two weeks ago', 'last summer') may stretch",
    ),
}

# Dates that play one role in a sentence pair only with dates in the same role:
# "since 2012" is a start, "by 2030" an end, "in 2023" a point in time.
_ROLES = {
    "since": "start",
    "from": "start",
    "until": "end",
    "till": "end",
    "by": "end",
    "before": "end",
    "after": "after",
    "through": "end",
    "thru": "end",
}


# A date right after a speech verb dates the statement, not the event: "the ministry
# said on Monday" is no rival to "the toll rose on Saturday".
_SPEECH = re.compile(
    r"\b(?:said|says|told|announced|reported|confirmed|stated|wrote|added|insisted|warned"
    r"|claimed|argued|tweeted|posted|declared)\s+(?:on\s+|late\s+|early\s+|in\s+)?$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z]{3,}|\d+(?:\.\d+)?")
# Words too common to show that two dates sit in like contexts.
_COMMON = frozenset(
    "the and for from with that this was were has have had its their his her not but "
    "which who will would said says also than into after before over about year years "
    "day days week month last next".split()
)
# Content words either side of a date that describe what the date is about.
CONTEXT_WORDS = 8
# Leftover dates are compared only this many granularity steps apart (day, week, month,
# season, year): "last summer" meets "July 2023", "6th June" never meets "the 1950s".
MAX_GRANULARITY_GAP = 2


# A year or month used as an adjective names a thing rather than dating the event: "the
# 2004 awards telecast", "the country's 2022 census", "the April 2012 shooting".
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
_NOT_A_NOUN = frozenset(
    "and or but nor was were is are be been has had have will would could can may might "
    "that which who when where while as to in on at of for with by from than so if then "
    "after before since until during".split()
)
# A relative date that owns a noun names a thing too: "last year's final", "last
# month's vote" are labels, the same role as "the 2023 final".
_POSSESSIVE_NOUN = re.compile(r"['’]s\s+[A-Za-z]")
# A date given in a named time zone ("early on Thursday, Halden time", "at 0100 GMT",
# "local time"): the same moment falls on two calendar days in two zones, so a one-day
# difference from the other side is no evidence of two different days. Without such a
# phrase a one-day gap stays a divergence ("approved on Wednesday" vs "on Thursday").
_TIME_ZONE = re.compile(
    r"(?<![.!?]\s)(?<!^)\b(?:[A-Z][a-z]+|local)\s+time\b|\b(?:GMT|UTC|BST|CET|CEST|[ECMP][SD]T)\b"
)
_ONE_DAY = dt.timedelta(days=1)
_PREPOSITIONS = frozenset(
    "in on at since by from until till during before after of through to between around "
    "circa and or".split()
)


def _role(mention: DateMention, text: str, language: str | None = None) -> str:
    if language is not None:
        from crosscheck.lang.mentions import date_role

        return date_role(text, mention.start, language)
    if _SPEECH.search(text[max(0, mention.start - 30) : mention.start]):
        return "statement"
    if mention.granularity in (Granularity.YEAR, Granularity.MONTH) and not mention.relative:
        after = _NEXT_WORD.match(text, mention.end)
        if after and after[1].lower() not in _NOT_A_NOUN and mention.marker not in _PREPOSITIONS:
            return "label"
    if mention.relative and _POSSESSIVE_NOUN.match(text, mention.end):
        return "label"  # "last year's final" names the final as "the 2023 final" does
    return _ROLES.get(mention.marker, "point")


def near_words(text: str, start: int, end: int, width: int = CONTEXT_WORDS) -> set[str]:
    """Crude stems of the content words either side of ``text[start:end]``.

    Two dates (or figures) left without partners are compared only if they sit among
    like words, i.e. say when (or how much) of the same thing:

    >>> sorted(near_words("Acme rejected a $23bn approach in July 2024.", 34, 43))
    ['23', 'acme', 'appro', 'rejec']
    """
    before = [w for w in _WORD.findall(text[:start].lower()) if w not in _COMMON]
    after = [w for w in _WORD.findall(text[end:].lower()) if w not in _COMMON]
    words = before[-width:] + after[:width]
    # Five letters make "rejected"/"rejects" and "offer"/"offers" meet.
    return {w if w[0].isdigit() else w[:5] for w in words}


def context_near(
    text: str, start: int, end: int, language: str | None, width: int = CONTEXT_WORDS
) -> set[str]:
    """``near_words`` for an English sentence (``language`` None), the language's own
    reading (``crosscheck.lang.mentions.context_words``) for one crosscheck.lang reads."""
    if language is None:
        return near_words(text, start, end, width)
    from crosscheck.lang.mentions import context_words

    return context_words(text, start, end, language, width)


def claim_language(claim: Claim) -> str | None:
    """The claim's language when crosscheck.lang reads it (German, French, Spanish),
    else None: English, and a language no reader knows, take the English path."""
    from crosscheck.lang.mentions import reads

    language = claim.source.language
    return language if reads(language) else None


def _coarsen(span: Range, unit: str) -> Range:
    lo, hi = span
    if unit == "week":
        return lo - dt.timedelta(lo.weekday()), hi + dt.timedelta(6 - hi.weekday())
    if unit == "month":
        nxt = dt.date(hi.year + hi.month // 12, hi.month % 12 + 1, 1)
        return lo.replace(day=1), nxt - dt.timedelta(1)
    if unit == "year":
        return dt.date(lo.year, 1, 1), dt.date(hi.year, 12, 31)
    return span


def _spans(mention: DateMention, params: Mapping[str, Any]) -> list[Range]:
    slack = dt.timedelta(params["slack_days"] if mention.vague else 0)
    return [
        _coarsen((lo - slack, hi + slack), params["granularity"]) for lo, hi in mention.readings
    ]


def _agree(left: DateMention, right: DateMention, params: Mapping[str, Any]) -> bool:
    return any(
        a[0] <= b[1] and b[0] <= a[1] for a in _spans(left, params) for b in _spans(right, params)
    )


def pair_dates(
    lefts: list[DateMention],
    rights: list[DateMention],
    params: Mapping[str, Any],
    texts: tuple[str, str] = ("", ""),
    languages: tuple[str | None, str | None] = (None, None),
) -> list[tuple[DateMention, DateMention, bool]]:
    """Pair the two sides' dates that refer to the same slot: ``(left, right, agree)``.

    Pairs that can agree are taken first, closest granularity first, so that an extra
    date on one side never steals the partner of another. Then the dates left over on
    both sides are paired, like granularity first, if they sit among like words (``texts``
    are the two sentences, ``languages`` theirs as ``claim_language`` gives them): those
    are the disagreements. A date with no partner on the other side is left out.
    """
    left_text, right_text = texts
    left_language, right_language = languages
    candidates = [
        (i, j)
        for i, a in enumerate(lefts)
        for j, b in enumerate(rights)
        if _role(a, left_text, left_language) == _role(b, right_text, right_language)
    ]

    def order(pair: tuple[int, int]) -> tuple[int, int, int]:
        a, b = lefts[pair[0]], rights[pair[1]]
        return (abs(a.granularity.rank - b.granularity.rank), pair[0], pair[1])

    candidates.sort(key=order)
    used_left: set[int] = set()
    used_right: set[int] = set()
    pairs: list[tuple[DateMention, DateMention, bool]] = []
    for agree_pass in (True, False):
        for i, j in candidates:
            if i in used_left or j in used_right:
                continue
            if agree_pass and not _agree(lefts[i], rights[j], params):
                continue
            gap = abs(lefts[i].granularity.rank - rights[j].granularity.rank)
            if not agree_pass and gap > MAX_GRANULARITY_GAP:
                continue
            if not agree_pass and not (
                context_near(left_text, lefts[i].start, lefts[i].end, left_language)
                & context_near(right_text, rights[j].start, rights[j].end, right_language)
            ):
                continue  # "founded in 2020" and "revenue this year" date other things
            used_left.add(i)
            used_right.add(j)
            pairs.append((lefts[i], rights[j], agree_pass))
    return sorted(pairs, key=lambda pair: pair[0].start)


# One sentence meets several others in an audit: read its dates once. 4,096 sentences is
# a large story's worth and a few megabytes at most.
@lru_cache(maxsize=4096)
def _dates(
    text: str, published: dt.date | None, relative: bool, year: int | None
) -> tuple[DateMention, ...]:
    return tuple(_find_dates(text, published, relative=relative, year=year))


def find_dates(
    text: str, published: dt.date | None, *, relative: bool = True, year: int | None = None
) -> list[DateMention]:
    return list(_dates(text, published, relative, year))


# The same for a sentence in a language crosscheck.lang reads (dateparser's words).
@lru_cache(maxsize=4096)
def _language_dates(
    text: str, language: str, published: dt.date | None, relative: bool, year: int | None
) -> tuple[DateMention, ...]:
    from crosscheck.lang.mentions import date_mentions

    return tuple(date_mentions(text, language, published, relative=relative, year=year))


def dates_of(
    claim: Claim, published: dt.date | None, *, relative: bool = True, year: int | None = None
) -> list[DateMention]:
    """The claim's dates, read in its language (``claim_language``)."""
    language = claim_language(claim)
    if language is None:
        return find_dates(claim.text, published, relative=relative, year=year)
    return list(_language_dates(claim.text, language, published, relative, year))


def _mentions(claim: Claim, other: Claim, params: Mapping[str, Any]) -> list[DateMention]:
    published = claim.source.published
    if published is not None:
        return dates_of(claim, published, relative=params["resolve_relative"])
    # Without its own date a piece's "yesterday" means nothing. A bare "16 May" still
    # needs a year: the other piece's date gives it, else a year either sentence states.
    if other.source.published is not None:
        return dates_of(claim, other.source.published, relative=False)
    return dates_of(claim, None, relative=False, year=_stated_year(claim, other))


_YEAR_IN_TEXT = re.compile(r"\b(?:1[89]|20)\d\d\b")


def _stated_year(*claims: Claim) -> int | None:
    """The year the two sentences state most often: "on 12 March 2025", "in 2003"."""
    years = [
        int(found.group())
        for claim in claims
        for mention in dates_of(claim, None, relative=False)
        if not mention.relative
        for found in [_YEAR_IN_TEXT.search(mention.text)]
        if found
    ]
    return max(years, key=lambda year: (years.count(year), year)) if years else None


def _stated_weekday_clash(left: DateMention, right: DateMention) -> bool:
    if left.weekday is not None and right.weekday is not None and left.weekday != right.weekday:
        return True
    return left.weekday_conflict or right.weekday_conflict


_WEEKDAY = re.compile(
    r"\b(?:(?:early|late|on|last|this|next)\s+)?(" + "|".join(WEEKDAYS) + r")(?:'s)?\b"
    r"(?:\s+(?:morning|afternoon|evening|night))?",
    re.IGNORECASE,
)
# A weekday preceded by one of these says "which week" too: "last Monday" and "next
# Monday" are two different days, so the weekday alone is not what the two compare.
_WEEK_SHIFTERS = ("last", "next")


def stated_weekdays(text: str) -> list[tuple[str, int, int, str]]:
    """(weekday, start, end, role) for each weekday the sentence states, role being
    "statement" after a speech verb ("police said Friday") and "event" otherwise.

    >>> [w[0] for w in stated_weekdays("Police said Friday the fire began Tuesday night.")]
    ['friday', 'tuesday']
    """
    found = []
    for match in _WEEKDAY.finditer(text):
        if match.group(0).lower().startswith(_WEEK_SHIFTERS):
            continue
        before = text[max(0, match.start() - 30) : match.start()]
        role = "statement" if _SPEECH.search(before) else "event"
        found.append((match.group(1).lower(), match.start(), match.end(), role))
    return found


def _stated_weekdays(claim: Claim) -> list[tuple[str, int, int, str]]:
    language = claim_language(claim)
    if language is None:
        return stated_weekdays(claim.text)
    from crosscheck.lang.mentions import stated_weekdays as language_weekdays

    return language_weekdays(claim.text, language)


def _stated_finding(
    left: Claim, right: Claim, x: tuple[str, int, int, str], y: tuple[str, int, int, str]
) -> Finding:
    """The finding for two stated calendar words (weekday or month), with both spans."""
    return Finding(
        left.text[x[1] : x[2]], right.text[y[1] : y[2]], left_at=(x[1], x[2]), right_at=(y[1], y[2])
    )


def _weekday_clashes(left: Claim, right: Claim) -> Iterator[Finding]:
    """Weekdays stated for the same role on both sides, none shared: without both
    publication dates the weekdays cannot be turned into days, but two different
    weekdays for one event still cannot both be right."""
    lefts, rights = _stated_weekdays(left), _stated_weekdays(right)
    for role in ("event", "statement"):
        a = [w for w in lefts if w[3] == role]
        b = [w for w in rights if w[3] == role]
        if a and b and not {w[0] for w in a} & {w[0] for w in b}:
            if _one_night_stated(left.text, a[0], right.text, b[0]):
                continue
            yield _stated_finding(left, right, a[0], b[0])
            return


_MARKER = re.compile(r"\b([A-Za-z]+)\s*$")
_MONTH_NAME = re.compile(
    r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b\.?", re.IGNORECASE
)


def stated_months(text: str) -> list[tuple[str, int, int, str]]:
    """(month, start, end, role) for each month named inside a date expression that
    states no year, role as in ``stated_weekdays``; "May" the verb is not a date
    expression.

    >>> [m[:1] + m[3:] for m in stated_months("Killed last May, police said in June.")]
    [('may', 'event'), ('jun', 'statement')]
    """
    found = []
    for start, end in date_spans(text):
        if _YEAR_IN_TEXT.search(text, start, end):
            continue  # "the April 2012 shooting": a full date, compared by _by_date
        marker = _MARKER.search(text[max(0, start - 20) : start])
        for match in _MONTH_NAME.finditer(text, start, end):
            before = text[max(0, match.start() - 30) : match.start()]
            role = "statement" if _SPEECH.search(before) else "event"
            if marker is not None:
                role = _ROLES.get(marker.group(1).lower(), role)  # "since May" is a start
            found.append((match.group(1).lower(), match.start(), match.end(), role))
    return found


def _month_clashes(left: Claim, right: Claim) -> Iterator[Finding]:
    """Months named for the same role on both sides, none shared, among like words.
    Without publication dates "last May" has no year, but a month is a month in any
    year: one event cannot happen in May and in August."""
    if claim_language(left) is not None or claim_language(right) is not None:
        return
    lefts, rights = stated_months(left.text), stated_months(right.text)
    for role in ("event", "statement"):
        a = [m for m in lefts if m[3] == role]
        b = [m for m in rights if m[3] == role]
        if not a or not b or {m[0] for m in a} & {m[0] for m in b}:
            continue
        x, y = a[0], b[0]
        if near_words(left.text, x[1], x[2]) & near_words(right.text, y[1], y[2]):
            yield _stated_finding(left, right, x, y)
            return


def check(
    left: Claim, right: Claim, params: Mapping[str, Any], context: Context
) -> Iterator[Finding]:
    found = list(_by_date(left, right, params))
    yield from found
    undated = left.source.published is None or right.source.published is None
    if found or not params["resolve_relative"] or not undated:
        return
    # without both publication dates, stated calendar words are compared as written
    if params["aspect"] == "date":
        yield from _month_clashes(left, right)
    elif params["aspect"] == "weekday":
        yield from _weekday_clashes(left, right)


# The two ends of one night: "Friday night" / "early Saturday" may be one moment, an
# hour either side of midnight; a plain "Friday" against "Saturday" stays two days.
_NIGHT = re.compile(r"\b(?:night|late|overnight)\b", re.IGNORECASE)
_SMALL_HOURS = re.compile(r"\b(?:early|overnight|before\s+dawn)\b", re.IGNORECASE)


def _night_then_small_hours(first: str, second: str) -> bool:
    """Whether date words ``first`` say a night and ``second`` the small hours."""
    return bool(_NIGHT.search(first) and _SMALL_HOURS.search(second))


def _one_night(a: DateMention, b: DateMention) -> bool:
    """Whether two day dates are one night told from its two sides: the earlier day's
    night ("late Friday", "Friday night") and the next day's small hours ("early
    Saturday", "early Saturday morning")."""
    if a.granularity != Granularity.DAY or b.granularity != Granularity.DAY:
        return False
    return any(
        _night_then_small_hours(first.text, second.text)
        and any(y[0] - x[0] == _ONE_DAY for x in first.readings for y in second.readings)
        for first, second in ((a, b), (b, a))
    )


def _one_night_stated(
    left: str, a: tuple[str, int, int, str], right: str, b: tuple[str, int, int, str]
) -> bool:
    """``_one_night`` for weekdays stated without a date: "Friday night" and "early
    Saturday"."""
    for (t1, w1), (t2, w2) in (((left, a), (right, b)), ((right, b), (left, a))):
        if w1[0] not in WEEKDAYS or w2[0] not in WEEKDAYS:
            continue  # another language's weekday
        next_day = (WEEKDAYS.index(w1[0]) + 1) % 7 == WEEKDAYS.index(w2[0])
        if next_day and _night_then_small_hours(t1[w1[1] : w1[2]], t2[w2[1] : w2[2]]):
            return True
    return False


def _time_zone_day(a: DateMention, b: DateMention, left: str, right: str) -> bool:
    """Whether two day dates one day apart may be one moment in two time zones: one
    sentence names a zone ("Halden time", "GMT"). See ``_TIME_ZONE``."""
    if a.granularity != Granularity.DAY or b.granularity != Granularity.DAY:
        return False
    if not (_TIME_ZONE.search(left) or _TIME_ZONE.search(right)):
        return False
    return any(
        x[0] - y[1] <= _ONE_DAY and y[0] - x[1] <= _ONE_DAY for x in a.readings for y in b.readings
    )


def _by_date(left: Claim, right: Claim, params: Mapping[str, Any]) -> Iterator[Finding]:
    lefts = _mentions(left, right, params)
    rights = _mentions(right, left, params)
    if not lefts or not rights:
        return
    languages = (claim_language(left), claim_language(right))
    for a, b, agree in pair_dates(lefts, rights, params, (left.text, right.text), languages):
        if params["aspect"] == "date":
            if not agree and not (_time_zone_day(a, b, left.text, right.text) or _one_night(a, b)):
                yield Finding(a.text, b.text, left_at=(a.start, a.end), right_at=(b.start, b.end))
        elif agree and _stated_weekday_clash(a, b):
            yield Finding(a.text, b.text, left_at=(a.start, a.end), right_at=(b.start, b.end))


__all__ = [
    "PARAMS",
    "Granularity",
    "check",
    "claim_language",
    "context_near",
    "dates_of",
    "near_words",
    "pair_dates",
    "stated_months",
]
