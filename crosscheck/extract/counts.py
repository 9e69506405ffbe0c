"""Figures and what they count, read from the parse: "five guards" -> 5, "guard".

>>> _SCALES["billion"]
1000000000.0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

from crosscheck.extract.slots import Count

_SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "m": 1e6,
    "k": 1e3,
    "dozen": 12.0,
}
_HEDGES = frozenset(
    """about around roughly nearly almost approximately some over under more less least
    most up than estimated only just""".split()
)
# Figures that are no count: dates, times, ordinals, a score or range written "20-13".
_NOT_COUNTS = frozenset({"DATE", "TIME", "ORDINAL"})


# Words after a figure that make it a rate, not a total.
_RATE_WORDS = frozenset(
    {"per", "each", "annually", "apiece", "daily", "weekly", "monthly", "yearly"}
)
_CALENDAR_WORDS = frozenset(
    """january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
    thursday friday saturday sunday today yesterday tomorrow tonight""".split()
)


def _calendar(ent: Span) -> bool:
    """Whether a DATE entity names a day, month or year rather than a length of time."""
    return any(
        t.lower_ in _CALENDAR_WORDS or (t.shape_ == "dddd" and 1000 <= int(t.text) <= 2100)
        for t in ent
    )


def _number(token: Token) -> float | None:
    text = token.text.replace(",", "").lower()
    try:
        return float(text)
    except ValueError:
        pass
    if token.like_num and text.isalpha():
        from text_to_num import text2num

        try:
            return float(text2num(text, "en"))
        except ValueError:
            return None
    return None


def read_counts(doc: Doc) -> list[Count]:
    found = []
    # Dates and clock times are left to the date rule; but the tagger also calls ages
    # and durations dates ("the 26-year-old", "a 90-day stay", "five days ago"), and
    # those are counts: a DATE is skipped only when it names a calendar day or year.
    skip = {
        i
        for ent in doc.ents
        if ent.label_ in _NOT_COUNTS and (ent.label_ != "DATE" or _calendar(ent))
        for i in range(ent.start, ent.end)
    }
    for token in doc:
        if token.i in skip or not (token.like_num or token.pos_ == "NUM"):
            continue
        if token.lower_ in _SCALES:
            continue  # "million" is read with the figure before it
        value = _number(token)
        if value is None or token.lower_ == "one":
            continue  # "one" is as often a pronoun or an article ("one Norwegian and one ...")
        neighbours = doc[max(0, token.i - 1) : token.i + 2].text
        if "-" in neighbours and any(
            t.like_num for t in doc[max(0, token.i - 2) : token.i + 3] if t.i != token.i
        ):
            continue  # "20-13", "9-14": a score or range
        end = token.i + 1
        nxt = doc[end] if end < len(doc) else None
        if (
            nxt is not None
            and nxt.text == "-"
            and end + 1 < len(doc)
            and doc[end + 1].lower_ in _SCALES
        ):
            end += 1  # "$7.6-billion"
            nxt = doc[end]
        if nxt is not None and nxt.lower_ in _SCALES:
            value *= _SCALES[nxt.lower_]
            end += 1
        previous = doc[token.i - 1] if token.i else None
        currency = previous is not None and previous.tag_ == "$"
        head = token.head
        if currency:
            counted = previous.text if previous is not None else "$"
        elif token.dep_ in ("nummod", "quantmod", "compound", "amod") and head.pos_ in (
            "NOUN",
            "PROPN",
        ):
            while head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head is not head:
                head = head.head
            counted = head.lemma_.lower()
        elif nxt is not None and nxt.pos_ == "NOUN":
            counted = nxt.lemma_.lower()
        else:
            continue  # a bare figure: nothing says what it counts
        if (
            counted == "year"
            and end + 1 < len(doc)
            and doc[token.i + 1 : token.i + 5].text.find("old") >= 0
        ):
            # "the 16-year-old boy": an age, of whom the noun after says ("" if none).
            old = next((t for t in doc[token.i : token.i + 5] if t.lower_ == "old"), None)
            target = old.head if old is not None and old.head.pos_ in ("NOUN", "PROPN") else None
            counted = f"age:{target.lemma_.lower() if target is not None else ''}"
        after = doc[end : end + 3]
        if any(t.lower_ in _RATE_WORDS for t in after):
            counted += "/rate"  # "$23 million per season" is no total
        lead = doc[max(0, token.i - 3) : token.i]
        start = previous.i if currency and previous is not None else token.i
        found.append(
            Count(
                value=value,
                counted=counted,
                text=doc[start:end].text,
                start=doc[start].idx,
                end=doc[end - 1].idx + len(doc[end - 1].text),
                hedged=any(t.lower_ in _HEDGES for t in lead),
            )
        )
    return found
