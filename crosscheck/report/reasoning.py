"""The reasoning behind a divergence, in words a fact-checker can verify.

The checks say *that* two sides differ; this module says what each side's value
means, from fields the finding carries (its values, sentences and the publication
dates of their sources) read again with the shared parsers in ``crosscheck.extract``:

>>> import datetime as dt
>>> from crosscheck.types import Sentence, Source
>>> src = Source("wire", "wire.txt", "t", "Wire", dt.date(2025, 6, 7))
>>> side_note(src, Sentence("wire", 0, "Talks began last Friday.", 0, 24), "last Friday", "date")
'last Friday (= Fri 6 June 2025, published Sat 7 June 2025)'
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from crosscheck.extract.dates import find_dates
from crosscheck.extract.numbers import find_quantities
from crosscheck.extract.quotes import find_speakers
from crosscheck.report.markdown import value_range
from crosscheck.types import Divergence, Kind, Report, Sentence, Source, Span

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _day(day: dt.date, *, weekday: bool = True) -> str:
    text = f"{day.day} {day.strftime('%B')} {day.year}"
    return f"{day.strftime('%a')} {text}" if weekday else text


def _range(low: dt.date, high: dt.date) -> str:
    return (
        _day(low) if low == high else f"{_day(low, weekday=False)} to {_day(high, weekday=False)}"
    )


def _located(sentence: Sentence, value: str, span: Span | None) -> tuple[int, int] | None:
    """The value's place in the sentence: the check's span, else the value found again."""
    return value_range(sentence, value, span)


def _date_note(source: Source, sentence: Sentence, value: str, span: Span | None) -> str:
    where = _located(sentence, value, span)
    mentions = find_dates(sentence.text, source.published)
    if where is not None:
        mentions = [m for m in mentions if m.start < where[1] and where[0] < m.end]
    if not mentions:
        return ""
    m = mentions[0]
    if m.weekday_conflict and m.weekday is not None:
        days = {d for lo, hi in m.readings for d in (lo, hi)}
        actual = ", ".join(
            sorted(f"{_day(d, weekday=False)} is a {d.strftime('%A')}" for d in days)
        )
        stated = _WEEKDAY_NAMES[m.weekday]
        return f"{m.text}: the weekday disagrees with the date ({actual}, not a {stated})"
    if m.relative and source.published is not None:
        meaning = _range(m.earliest, m.latest)
        if m.alternatives:
            meaning += " or " + " or ".join(_range(lo, hi) for lo, hi in m.alternatives)
        return f"{m.text} (= {meaning}, published {_day(source.published)})"
    return ""


def _figure(number: float) -> str:
    """A bound as a person writes it: 675,000,000; 1.8."""
    rounded = round(number, 2)
    if float(rounded).is_integer():
        return f"{rounded:,.0f}"
    return f"{rounded:,.2f}".rstrip("0").rstrip(".")


def _number_note(sentence: Sentence, value: str, span: Span | None) -> str:
    where = _located(sentence, value, span)
    quantities = find_quantities(sentence.text)
    if where is not None:
        quantities = [q for q in quantities if q.start < where[1] and where[0] < q.end]
    hedged = [q for q in quantities if q.hedge]
    if not hedged:
        return ""
    q = hedged[0]
    unit = f" {q.unit}" if q.unit else ""
    if math.isinf(q.high):
        allows = f"{_figure(q.low)}{unit} or more"
    else:
        allows = f"{_figure(q.low)} to {_figure(q.high)}{unit}"
    return f'"{q.text}" is hedged ({q.hedge}): allows {allows}'


# How many sentences before a quote are read to resolve "he" or a bare surname to a
# speaker: a quote's speaker is named at most a paragraph (two or three sentences) up.
SPEAKER_CONTEXT_SENTENCES = 3
# Kinds whose findings turn on who said what: both sides' speakers are shown.
_SPEECH_KINDS = {Kind.QUOTE.value, Kind.ATTRIBUTION.value}


def _speaker_note(sentence: Sentence, context: Sequence[str]) -> str:
    speakers = find_speakers(sentence.text, context)
    if not speakers:
        return "no speaker named in the sentence"
    parts = []
    for s in speakers:
        shown = s.name if s.written == s.name else f"{s.name} (written {s.written!r})"
        parts.append(f"{shown} {s.verb}".strip())
    return "speaker: " + "; ".join(dict.fromkeys(parts))


def side_note(
    source: Source,
    sentence: Sentence,
    value: str,
    kind: str,
    context: Sequence[str] = (),
    span: Span | None = None,
) -> str:
    """What one side's value means, or "" when there is nothing to add. ``context``:
    the sentences before this one in its article (for a pronoun's speaker)."""
    if kind == Kind.DATE.value:
        return _date_note(source, sentence, value, span)
    if kind == Kind.NUMBER.value:
        return _number_note(sentence, value, span)
    if kind in _SPEECH_KINDS:
        return _speaker_note(sentence, context)
    return ""


def _before(report: Report, sentence: Sentence) -> list[str]:
    earlier = [
        s for s in report.sentences if s.source == sentence.source and s.index < sentence.index
    ]
    earlier.sort(key=lambda s: s.index)
    return [s.text for s in earlier[-SPEAKER_CONTEXT_SENTENCES:]]


def explain(d: Divergence, report: Report) -> list[str]:
    """One line per side that has something to add: "Outlet: what its value means".

    For a weekday mismatch this names the side whose weekday disagrees with its date;
    for a quote or an attribution, each side's speaker.
    """
    lines = []
    for sentence, value, span in (
        (d.left, d.left_value, d.left_span),
        (d.right, d.right_value, d.right_span),
    ):
        source = report.source(sentence.source)
        context = _before(report, sentence) if d.kind.value in _SPEECH_KINDS else []
        note = side_note(source, sentence, value, d.kind.value, context, span)
        if note:
            lines.append(f"{source.outlet}: {note}")
    return lines
