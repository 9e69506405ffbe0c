"""Omissions: which claims that only one outlet makes are worth listing.

Every sentence that no other outlet states is a candidate; this check keeps those
that carry a claim a fact-checker would want to verify, and drops scraps: very short
lines, questions, and sentences without a single content word.

A sentence that other outlets do state may still carry a detail they leave out
("The deal dwarfs the $12.5bn Orvane paid for Telmark in 2012, a purchase it later
unwound at a heavy loss"): ``details`` finds the phrases whose words neither the
sentence's partners nor any single sentence of another outlet use.

Passing (listed): "In the Eldmoor region, three people were killed and 10 more were
injured." (only one outlet says it; a concrete claim)

Failing (not listed): "Here's a round-up." (too short to be a claim)
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from crosscheck.checks import Claim, Context, Param
from crosscheck.types import Sentence

PARAMS = {
    "min_words": Param(
        int, 6, "shortest sentence (in words) worth listing; shorter ones are scraps or headings"
    ),
    "skip_questions": Param(bool, True, "leave out sentences that end in a question mark"),
    "details": Param(
        bool, True, "also list details that only one outlet gives inside a shared sentence"
    ),
    "detail_min_new_words": Param(
        int, 2, "content words a phrase must add (that no other outlet uses) to count as a detail"
    ),
}

# A phrase is a detail when at most this share of its content words appear in the
# sentence's partners (it adds, rather than rephrases), and no single sentence of
# another outlet uses at least ELSEWHERE_SHARE of them (nobody else says it).
DETAIL_MAX_SHARED = 1 / 3
ELSEWHERE_SHARE = 0.5
# Phrases shorter than this (in words) are not shown as details: "Alphabet's chief".
DETAIL_MIN_WORDS = 3
# "officials from both delegations said": who reported it, not a detail of the fact.
_REPORTING = re.compile(
    r"\b(?:said|says|told|tells|reported|reports|according|added|adds|wrote|writes|stated"
    r"|announced)\b",
    re.IGNORECASE,
)

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def keep(claim: Claim, params: Mapping[str, Any], context: Context) -> bool:
    """True when ``claim`` (stated by one outlet only) belongs in the report's list."""
    text = claim.text.strip()
    if len(_WORD.findall(text)) < params["min_words"]:
        return False
    return not (params["skip_questions"] and text.rstrip("\"'”’ ").endswith("?"))


def details(
    claim: Claim,
    partners: Sequence[str],
    elsewhere: Sequence[str],
    params: Mapping[str, Any],
    context: Context,
) -> list[Sentence]:
    """The phrases of ``claim`` that only its outlet gives, as spans of its sentence
    (adjacent phrases joined); ``partners`` are the sentences aligned with it and
    ``elsewhere`` every sentence of the other outlets."""
    from crosscheck.align import new_tokens, tokens
    from crosscheck.segment import split_phrases

    if not params["details"]:
        return []
    known = frozenset().union(*(tokens(text) for text in partners))
    others = [tokens(text) for text in elsewhere]
    spans: list[Sentence] = []
    for phrase in split_phrases(claim.sentence):
        words = tokens(phrase.text)
        new = new_tokens(words, known)
        if (
            len(new) < params["detail_min_new_words"]
            or len(words - new) > DETAIL_MAX_SHARED * len(words)
            or len(phrase.text.split()) < DETAIL_MIN_WORDS
            or (_REPORTING.search(phrase.text) and len(words) <= 4)
            or any(len(words & other) >= ELSEWHERE_SHARE * len(words) for other in others)
        ):
            continue
        if spans and _adjacent(claim.sentence, spans[-1], phrase):
            last = spans[-1]
            text = claim.sentence.text[
                last.start - claim.sentence.start : phrase.end - claim.sentence.start
            ]
            spans[-1] = Sentence(last.source, last.index, text, last.start, phrase.end)
        else:
            spans.append(phrase)
    return spans


def _adjacent(sentence: Sentence, before: Sentence, after: Sentence) -> bool:
    """Only separators (commas, brackets, dashes, spaces) lie between two phrases."""
    between = sentence.text[before.end - sentence.start : after.start - sentence.start]
    return not _WORD.search(between)
