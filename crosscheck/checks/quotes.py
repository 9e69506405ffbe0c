"""Quote: the same speaker's quoted words differ beyond a spelling variant.

Each quotation on one side is paired with the most similar quotation on the other
(rapidfuzz ``ratio`` on folded text without punctuation). Nothing is raised when
the two are the same words, when one is a fragment of the other ("great" inside
"a great meeting") or when they differ only by spelling ("organise"/"organize").
A pair is a misquote when it is similar enough to be one remark rendered two ways:
a ratio of at least ``min_similarity`` (60). Below that the words have almost nothing in
common, and the pair is either two different remarks or two independent translations
of a foreign speaker ("great" vs "magnificent" for one word in another language): a
checker cannot tell which, so this check stays quiet and leaves it to a reader.
This is why "supercharge" vs "turbocharge" (ratio 73: one word with its prefix
swapped, the signature of a slip) is flagged and "great" vs "magnificent" (38) is
not. When both sides name their speakers and they differ, the attribution rule
speaks instead.

Passes (a fragment of the longer quote)::

    left:  Brandvik called the talks "great".
    right: Brandvik said it had been "a great meeting for peace".

Fails (one word swapped)::

    left:  Lunde said the deal would "supercharge" cloud security.
    right: Lunde said the deal would "turbocharge" cloud security.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from rapidfuzz import fuzz

from crosscheck.checks import Claim, Context, Finding, Param
from crosscheck.extract.names import same_name
from crosscheck.extract.quotes import Quote, find_quotes, find_speakers
from crosscheck.extract.text import fold

# Message fields this check fills besides the common ones.
FIELDS = ("similarity",)

PARAMS: dict[str, Param] = {
    "min_similarity": Param(
        float,
        60.0,
        "rapidfuzz ratio (0-100) from which two differing quotes count as one remark "
        "misquoted; below it they are different remarks or translations",
    ),
    "spelling_similarity": Param(
        float,
        85.0,
        "ratio from which two differing words are one word spelt two ways",
    ),
}

# Calibration: min_similarity 60 sits between slips (supercharge/turbocharge 73,
# great/greatest 77, "we will win"/"we will lose" 70) and unrelated renderings
# (great/magnificent 38, disaster/catastrophe 42, satisfied/pleased 50);
# spelling_similarity 85 keeps organise/organize (88) and a -iy/-y transliteration (94)
# together and supercharge/turbocharge (73) apart.


def _words(quote: Quote) -> list[str]:
    return re.findall(r"[0-9a-z]+(?:'[a-z]+)?", fold(quote.text))


def _contains(long: list[str], short: list[str]) -> bool:
    size = len(short)
    return any(long[i : i + size] == short for i in range(len(long) - size + 1))


def _spelling_only(a: list[str], b: list[str], threshold: float) -> bool:
    return len(a) == len(b) and all(
        x == y or fuzz.ratio(x, y) >= threshold for x, y in zip(a, b, strict=True)
    )


def _agree(a: list[str], b: list[str], threshold: float) -> bool:
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return _contains(long, short) or _spelling_only(a, b, threshold)


def _speakers_differ(left: Claim, right: Claim, context: Context) -> bool:
    ls = [s for s in find_speakers(left.text, left.context) if s.named]
    rs = [s for s in find_speakers(right.text, right.context) if s.named]
    if not ls or not rs:
        return False
    return not any(same_name(a.name, b.name, context.aliases) for a in ls for b in rs)


def check(
    left: Claim, right: Claim, params: Mapping[str, Any], context: Context
) -> Iterator[Finding]:
    left_quotes, right_quotes = find_quotes(left.text), find_quotes(right.text)
    if not left_quotes or not right_quotes:
        return
    min_similarity = float(params.get("min_similarity", PARAMS["min_similarity"].default))
    spelling = float(params.get("spelling_similarity", PARAMS["spelling_similarity"].default))
    if _speakers_differ(left, right, context):
        return
    left_words = [(quote, _words(quote)) for quote in left_quotes]
    right_words = [(quote, _words(quote)) for quote in right_quotes]
    # Quotes that the other side repeats (whole, in part or spelt otherwise) are
    # accounted for, and so are the quotes they repeat: only the rest are compared.
    open_left = [
        (quote, words)
        for quote, words in left_words
        if words and not any(_agree(words, other, spelling) for _, other in right_words if other)
    ]
    open_right = [
        (quote, words)
        for quote, words in right_words
        if words and not any(_agree(words, other, spelling) for _, other in left_words if other)
    ]
    for quote, words in open_left:
        if not open_right:
            return
        text = " ".join(words)
        best, score = max(
            ((other, fuzz.ratio(text, " ".join(other_words))) for other, other_words in open_right),
            key=lambda pair: pair[1],
        )
        if score >= min_similarity:
            yield Finding(
                left_value=f"“{quote.text}”",
                right_value=f"“{best.text}”",
                fields={"similarity": f"{score:.0f}"},
            )
