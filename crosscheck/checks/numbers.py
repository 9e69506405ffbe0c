"""Two outlets give figures for the same thing that cannot both be right.

Each side's quantities (``crosscheck.extract.numbers``) are paired by what they measure,
not by position: same unit (currency, %, duration, storeys...), and, for counts, the
same thing counted (killed, injured, missing, children...) when both sides say it.
Pairs that agree are taken first; figures left over on both sides are paired next,
closest first, if they sit among like words. A figure with no counterpart on the other
side is no divergence, nor is one given only to be set aside ("40 beds rather than the
400 promised").

When that pairing finds nothing, figures read from the parse are paired by the noun
they count (the same lemma, WordNet synonyms, or two words for people: "five guards" /
"two officers"), the currency, or whose age they give ("the 16-year-old boy"); a rate
("$23 million per season") never meets a total.

A pair agrees when the ranges the hedges allow meet; exact figures may differ by
``tolerance`` of the larger one (rounding), while "about", "roughly" and "nearly" stretch
a figure by ``hedge_tolerance`` instead.

When the two sentences name days and none can be the same ("rose to 140 on Saturday"
/ "has climbed to 212, officials said on Monday"), the figures may be one count
updated: the finding's ``note`` field says so, for the message to show.

A German, French or Spanish sentence (``Source.language``) is read by
``crosscheck.lang.mentions.quantities`` ("1 700", "1.700", "drei", "sept mille", the
language's hedges and units) and paired the same way, among like words of its language;
the parse-based pairing and the days note are English only.

    fail: "Bei dem Brand wurden drei Menschen verletzt." / "... fünf Menschen verletzt."

    pass: "Acme will be bought for $32bn." / "Acme agreed a sale for 32 billion dollars."
    pass: "The session lasted a little over an hour." / "It lasted more than an hour."
    fail: "Acme shares dropped 4% on the news." / "Acme shares closed down about 2 per cent."
    fail: "a 12-storey hotel collapsed" / "The 15-storey hotel came down"
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from crosscheck.checks import Claim, Context, Finding, Param
from crosscheck.checks.dates import claim_language, context_near
from crosscheck.extract import wordnet
from crosscheck.extract.mentions import Count, analyse
from crosscheck.extract.numbers import Quantity, find_quantities
from crosscheck.lang.numbers import LANGUAGES as READERS

# Message fields this check fills besides the common ones.
FIELDS = ("note",)

# Languages this check reads: English with crosscheck/extract, German, French and
# Spanish with crosscheck.lang (the coverage names the checks that lack a reader).
LANGUAGES = ("en", *READERS)

PARAMS: dict[str, Param] = {
    # 0.05: rounding in news copy ("$43.2bn" vs "$43bn", 1.6%) stays inside; the closest
    # gold disagreements of the dev clusters (two storey counts 9% apart; "about 100" vs
    # 78) stay outside.
    "tolerance": Param(
        float, 0.05, "relative gap allowed between two figures neither of which is approximate"
    ),
    # 0.1: "about 750 million" covers 675-825 million, so it never meets "roughly $500
    # million", and "about 2 per cent" (1.8-2.2) never meets "4%"; "about a dozen
    # minutes" still meets "12 minutes" exactly.
    "hedge_tolerance": Param(
        float, 0.1, "how far 'about', 'roughly', 'nearly', 'just over' stretch a figure"
    ),
}


_APPROXIMATE = {"about", "nearly", "just over"}
# Content words either side of a figure that must meet the other side's before two
# leftover figures are compared. Narrower than for dates: a sentence holds more figures
# than dates, and five words keep "more than 500 pupils" / "a list of pupils ... 480
# names" together while "two officers" and "a hundred people joined a vigil" fall apart
# (checked on the MSRP and ECB+ same-event pairs).
CONTEXT_WORDS = 5


def _compatible(a: Quantity, b: Quantity) -> bool:
    if a.reference or b.reference or a.unit != b.unit:
        return False
    if (a.counted == "offset") != (b.counted == "offset"):
        return False  # "nine days after" is no rival to "90 days of treatment"
    return a.counted is None or b.counted is None or a.counted == b.counted


def _agree(a: Quantity, b: Quantity, params: Mapping[str, Any]) -> bool:
    a_low, a_high = a.bounds(params["hedge_tolerance"])
    b_low, b_high = b.bounds(params["hedge_tolerance"])
    gap = max(a_low, b_low) - min(a_high, b_high)
    # An approximate hedge is already the allowance: "nearly 2,000" may not stretch
    # further to meet "some 1,600".
    tolerance = 0.0 if {a.hedge, b.hedge} & _APPROXIMATE else params["tolerance"]
    if gap > tolerance * max(a_low, b_low):
        return False
    # "fell 2%" and "rose 2%" share a figure but not a story.
    return not (a.direction and b.direction and a.direction != b.direction)


def _distance(a: Quantity, b: Quantity) -> float:
    """How far apart two figures are, in orders of magnitude (0 when ranges meet)."""
    a_low, a_high = a.low, a.high
    b_low, b_high = b.low, b.high
    if a_high < b_low:
        return math.log10(max(b_low, 1e-9) / max(a_high, 1e-9))
    if b_high < a_low:
        return math.log10(max(a_low, 1e-9) / max(b_high, 1e-9))
    return 0.0


def pair_quantities(
    lefts: list[Quantity],
    rights: list[Quantity],
    params: Mapping[str, Any],
    texts: tuple[str, str] = ("", ""),
    languages: tuple[str | None, str | None] = (None, None),
) -> list[tuple[Quantity, Quantity, bool]]:
    """Pair the two sides' figures that measure the same thing: ``(left, right, agree)``.

    Same counted thing before a pair where one side does not say what it counts; within
    that, pairs that agree first, then the closest figures that count the same thing or
    sit among like words (``texts`` are the two sentences, ``languages`` theirs as
    ``checks.dates.claim_language`` gives them). Each figure is used once.
    """
    left_text, right_text = texts
    left_language, right_language = languages
    candidates = [
        (i, j) for i, a in enumerate(lefts) for j, b in enumerate(rights) if _compatible(a, b)
    ]

    def order(pair: tuple[int, int]) -> tuple[int, float, int, int]:
        a, b = lefts[pair[0]], rights[pair[1]]
        same_thing = a.counted is not None and a.counted == b.counted
        return (0 if same_thing else 1, _distance(a, b), pair[0], pair[1])

    candidates.sort(key=order)
    used_left: set[int] = set()
    used_right: set[int] = set()
    pairs: list[tuple[Quantity, Quantity, bool]] = []
    for agree_pass in (True, False):
        for i, j in candidates:
            if i in used_left or j in used_right:
                continue
            a, b = lefts[i], rights[j]
            if agree_pass and not _agree(a, b, params):
                continue
            same_thing = a.counted is not None and a.counted == b.counted
            if not (agree_pass or same_thing) and not (
                context_near(left_text, a.start, a.end, left_language, CONTEXT_WORDS)
                & context_near(right_text, b.start, b.end, right_language, CONTEXT_WORDS)
            ):
                continue  # nothing says the two figures measure the same thing
            used_left.add(i)
            used_right.add(j)
            pairs.append((a, b, agree_pass))
    return sorted(pairs, key=lambda pair: pair[0].start)


# One sentence meets several others in an audit: read its figures once. A sentence in
# a language crosscheck.lang reads (German, French, Spanish) is read by it: separators
# ("1 700", "1.700"), number words ("drei", "sept mille") and the language's hedges.
@lru_cache(maxsize=4096)
def _quantities(text: str, language: str | None = None) -> tuple[Quantity, ...]:
    if language is None:
        found = find_quantities(text)
        labels = _label_starts(text) if found else frozenset()
        return tuple(q for q in found if q.start not in labels)
    from crosscheck.lang.mentions import quantities

    return tuple(quantities(text, language))


def _label_starts(text: str) -> frozenset[int]:
    """Where figures that name rather than count start, from the parse: an English
    numeral right after the noun it belongs to is a label ("Count three", "Flight 370",
    "Chapter 11", "Group 7"), as are the numerals joined to it ("Counts three and five");
    a figure that counts comes before its noun ("two counts", "239 people").

    >>> sorted(_label_starts("Counts three and five, wire fraud: guilty."))
    [7, 17]
    >>> sorted(_label_starts("Flight 370 had 239 people aboard."))
    [7]
    """
    from crosscheck.nlp import default_parser

    doc = default_parser()(text)
    labels: set[int] = set()
    for token in doc:
        head = token.head
        if not token.like_num or token.i == 0:
            continue
        after_its_noun = head.i == token.i - 1 and head.pos_ in ("NOUN", "PROPN")
        joined_to_a_label = token.dep_ == "conj" and head.i in labels
        if (after_its_noun and not head.like_num) or joined_to_a_label:
            labels.add(token.i)
    return frozenset(doc[i].idx for i in labels)


def check(
    left: Claim, right: Claim, params: Mapping[str, Any], context: Context
) -> Iterator[Finding]:
    languages = (claim_language(left), claim_language(right))
    lefts = list(_quantities(left.text, languages[0]))
    rights = list(_quantities(right.text, languages[1]))
    if not lefts or not rights:
        return
    pairs = pair_quantities(lefts, rights, params, (left.text, right.text), languages)
    differing = [(a, b) for a, b, agree in pairs if not agree]
    if any(languages):
        # The parse-based pairing and the days note read English (spaCy, English days):
        # in another language only the figures read above are compared.
        for a, b in differing:
            yield _finding(left, right, a, b, "")
        return
    note = _other_days_note(left, right) if differing else ""
    for a, b in differing:
        yield _finding(left, right, a, b, note)
    if not differing:
        yield from _by_counted(left, right, params)


def _finding(left: Claim, right: Claim, a: Quantity, b: Quantity, note: str) -> Finding:
    return Finding(
        left.text[a.start : a.phrase_end],
        right.text[b.start : b.phrase_end],
        {"note": note},
        left_at=(a.start, a.phrase_end),
        right_at=(b.start, b.phrase_end),
    )


def _same_thing(a: str, b: str) -> bool:
    """Whether two counted nouns count the same thing: one lemma, WordNet synonyms or
    a kind of the other, or two words for people ("two guards" / "five officers")."""
    if a == b:
        return True
    if a.endswith("/rate") != b.endswith("/rate"):
        return False
    a, b = a.removesuffix("/rate"), b.removesuffix("/rate")
    if a.startswith("age:") or b.startswith("age:"):
        # Ages of the same person: the same noun, or one side names none.
        x, y = a.removeprefix("age:"), b.removeprefix("age:")
        return a.startswith("age:") and b.startswith("age:") and (x == y or not x or not y)
    if a in _CURRENCY or b in _CURRENCY:
        return a in _CURRENCY and b in _CURRENCY
    if wordnet.related(a, b, "n"):
        return True
    return "noun.person" in wordnet.lexnames(a, "n", 1) and "noun.person" in wordnet.lexnames(
        b, "n", 1
    )


_CURRENCY = frozenset({"$", "us$", "£", "€", "¥", "dollar", "euro", "pound", "yen"})


def _fits(a: Count, b: Count, params: Mapping[str, Any]) -> bool:
    tolerance = params["hedge_tolerance"] if a.hedged or b.hedged else params["tolerance"]
    if a.hedged or b.hedged:
        tolerance = max(tolerance, 0.5)  # "more than 20" covers 23; "about 200" covers 205
    top = max(abs(a.value), abs(b.value))
    return top == 0 or abs(a.value - b.value) <= tolerance * top


def _by_counted(left: Claim, right: Claim, params: Mapping[str, Any]) -> Iterator[Finding]:
    """Figures read from the parse, paired by the noun they count (or the currency):
    each left figure that some right figure of the same thing fits is consistent; one
    that none fits, with a right figure of the same thing that nothing on the left
    fits either, is a divergence."""
    lefts, rights = analyse(left.text).counts, analyse(right.text).counts
    for a in lefts:
        partners = [b for b in rights if _same_thing(a.counted, b.counted)]
        if not partners or any(_fits(a, b, params) for b in partners):
            continue
        for b in partners:
            if any(_fits(b, c, params) for c in lefts if _same_thing(c.counted, b.counted)):
                continue
            yield Finding(
                a.text, b.text, {"note": ""}, left_at=(a.start, a.end), right_at=(b.start, b.end)
            )
            return


def _other_days_note(left: Claim, right: Claim) -> str:
    """Said when both sentences name days and none can be the same, else ""."""
    from crosscheck.align import day_tokens, days_conflict

    days_left = day_tokens(left.text, left.source.published)
    days_right = day_tokens(right.text, right.source.published)
    if days_conflict(days_left, days_right):
        return " (they name different days: the count may have been updated)"
    return ""


__all__ = ["PARAMS", "check", "pair_quantities"]
