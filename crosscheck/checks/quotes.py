"""Quote: the same speaker's quoted words differ beyond a spelling variant.

How it decides. Each quotation on one side is paired with the quotations on the other.
Nothing is raised when the two are the same words, when one is a fragment of the other
("great" inside "a great meeting"), when they differ only by spelling
("organise"/"organize"), or when they have the same content words (nouns and verbs
by dictionary form, adjectives and adverbs as written, negation and quantifiers kept):
"I've been hit" and "I got hit" say the same. Otherwise two quotes are one remark
misquoted when

* their letters are close (rapidfuzz ratio of at least ``min_similarity``, 60): one word
  swapped, "supercharge" vs "turbocharge" (73);
* each has a content word the other lacks and the shorter repeats at least
  ``min_shared`` (half) of its content words in the other, the two being of like
  length: "effectively closed" vs "closed for good";
* they share no word but fill the same slot: the quoted phrase describes the same
  noun, or a WordNet synonym, with another head ('called the outcome "a great
  victory"' vs 'said the result was "a complete exoneration"');
* a remark split around its speech verb ('"Whatever the motives," she said, "..."')
  matches the other side's when read as one run, with one word put in another's place.

Without quotation marks, reported speech is compared too: when both sentences report
what was said (a speech verb and the clause it governs) with the same verb, denied on
one side only ("admitted he would not sleep well" / "said he would sleep soundly"), the
remark has been reversed. A speech verb that itself denies ("denied that ...") is left
to the negation check.

A quantifier on one side only ("a victory of all victories" vs "a great victory") is
emphasis, not a change. Quotes with almost nothing in common are either two remarks or
two translations of a foreign speaker ("great" vs "magnificent"): a checker cannot tell
which, so this check stays quiet and leaves it to a reader. When both sides name their
speakers and they differ, the attribution rule speaks instead.

Passes (a fragment of the longer quote)::

    left:  Brandvik called the talks "great".
    right: Brandvik said it had been "a great meeting for peace".

Fails (one word swapped)::

    left:  Lunde said the deal would "supercharge" cloud security.
    right: Lunde said the deal would "turbocharge" cloud security.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from itertools import pairwise
from typing import Any

from rapidfuzz import fuzz

from crosscheck.checks import Claim, Context, Finding, Param
from crosscheck.extract import wordnet
from crosscheck.extract.names import same_name
from crosscheck.extract.quotes import Quote, find_quotes, find_speakers
from crosscheck.extract.text import fold, word_set
from crosscheck.nlp import default_parser

# Message fields this check fills besides the common ones.
FIELDS = ("similarity",)

# Share of the shorter quote's content words (lemmas, negation and quantifiers kept)
# that the other must repeat for two differently worded quotes to count as one remark
# misquoted even below min_similarity ("effectively closed" / "closed for good": 1 of
# 2). Calibration in the module's CALIBRATION note below.
MIN_SHARED = 0.5
# One remark reworded keeps about its length: below this ratio of content-word counts
# the shorter quote is another remark that happens to share a word with the longer
# (ECB+ odd topics: a 2-word phrase against a 12-word sentence sharing "customers").
MIN_LENGTH_RATIO = 0.5

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
    "min_shared": Param(
        float,
        MIN_SHARED,
        "share of the shorter quote's content words the other repeats from which two "
        "quotes that each have words of their own are one remark reworded",
    ),
}

# Calibration (min_shared, MIN_LENGTH_RATIO): on the contrast set (odd ECB+ topics,
# used for tuning) quote recall 59/60 -> 60/60 and one consistent quotation pair
# ("I've been hit" / "I got hit") no longer flagged; on real same-event pairs of ECB+
# odd topics the quote rule fires on 0 of 2,229 (one before), on even topics (held out;
# looked at once, which showed that titles in quotes are not a remark: _one_remark) 0.1%
# as before. Dev clusters rule-only: quote 1/6 -> 4/6, no false alarm.
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
    found = list(_quoted(left, right, params, context))
    if found:
        yield from found
    elif not _speakers_differ(left, right, context):
        yield from _reported(left, right)


# Speech verbs whose own meaning is a denial: "denied that it would" against "said
# that it would" is the negation check's case, not a reworded remark.
_DENYING = frozenset({"deny", "refute", "dispute", "reject", "dismiss"})


def _reported_clauses(doc: Any) -> list[tuple[str, bool, int, int]]:
    """(verb lemma, negated, start, end) of each clause a speech verb reports: "he
    admitted he would not sleep well" -> ("sleep", True, ...)."""
    found = []
    speech = word_set("words", "speech_verbs")
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lower_ not in speech or verb.lemma_ in _DENYING:
            continue
        for clause in verb.children:
            if clause.dep_ != "ccomp" or clause.pos_ != "VERB":
                continue
            negated = any(child.dep_ == "neg" for child in clause.children)
            start, end = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge)
            found.append((clause.lemma_.lower(), negated, start, end))
    return found


def _reported(left: Claim, right: Claim) -> Iterator[Finding]:
    """Reported speech reversed: the clause a speech verb reports has the same verb on
    both sides, denied on one side only ("admitted he would not sleep well" / "said he
    would sleep soundly"). Both sentences must report speech; quoted words are not
    needed."""
    parse = default_parser()
    lefts = _reported_clauses(parse(left.text))
    rights = _reported_clauses(parse(right.text))
    for verb, negated, start, end in lefts:
        for other_verb, other_negated, other_start, other_end in rights:
            if verb == other_verb and negated != other_negated:
                yield Finding(
                    left_value=left.text[start:end],
                    right_value=right.text[other_start:other_end],
                    fields={"similarity": ""},
                    left_at=(start, end),
                    right_at=(other_start, other_end),
                )
                return


def _quoted(
    left: Claim, right: Claim, params: Mapping[str, Any], context: Context
) -> Iterator[Finding]:
    left_quotes, right_quotes = find_quotes(left.text), find_quotes(right.text)
    if not left_quotes or not right_quotes:
        return
    min_similarity = float(params.get("min_similarity", PARAMS["min_similarity"].default))
    spelling = float(params.get("spelling_similarity", PARAMS["spelling_similarity"].default))
    min_shared = float(params.get("min_shared", PARAMS["min_shared"].default))
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
    if not open_left or not open_right:
        yield from _runs(left, left_quotes, right, right_quotes, min_similarity)
        return
    for quote, words in open_left:
        text = " ".join(words)
        scored = [
            (
                other,
                fuzz.ratio(text, " ".join(other_words)),
                _compare(left, [quote], right, [other]),
            )
            for other, other_words in open_right
        ]
        for other, score, (verdict, shared) in sorted(scored, key=lambda item: -item[1]):
            if verdict == SAME:
                continue  # the same content words, inflected or with function words moved
            if score >= min_similarity or verdict == SLOT or shared >= min_shared:
                yield Finding(
                    left_value=f"“{quote.text}”",
                    right_value=f"“{other.text}”",
                    fields={"similarity": f"{score:.0f}"},
                )
                return
    yield from _runs(left, left_quotes, right, right_quotes, min_similarity)


# A run of quotes shorter than this many words is a list of titles or labels ("the
# 'Games' sequel 'Catching Fire'"), not a remark split around its speech verb.
_MIN_RUN_WORDS = 6


def _one_remark(claim: Claim, quotes: Sequence[Quote]) -> bool:
    """Whether the quotes are one remark: long enough, and each gap between two of
    them holds a speech verb ('"Whatever the motives," Brandt said, "the ...')."""
    if sum(len(_words(quote)) for quote in quotes) < _MIN_RUN_WORDS:
        return False
    verbs = [(s.verb_start, s.verb_end) for s in find_speakers(claim.text, claim.context)]
    return all(
        any(a.end <= start and end <= b.start for start, end in verbs) for a, b in pairwise(quotes)
    )


def _runs(
    left: Claim,
    left_quotes: Sequence[Quote],
    right: Claim,
    right_quotes: Sequence[Quote],
    min_similarity: float,
) -> Iterator[Finding]:
    """One remark that a side splits around its speech verb ('"Whatever the motives,"
    Brandt said, "the mayor has faith ..."'): each side's quotes read as one run, a
    misquote when the runs are similar and each has content words of its own."""
    if len(left_quotes) == 1 and len(right_quotes) == 1:
        return
    if not (_one_remark(left, left_quotes) and _one_remark(right, right_quotes)):
        return
    a = " ".join(" ".join(_words(quote)) for quote in left_quotes)
    b = " ".join(" ".join(_words(quote)) for quote in right_quotes)
    score = fuzz.ratio(a, b)
    if score < min_similarity:
        return
    verdict, _ = _compare(left, left_quotes, right, right_quotes)
    if verdict == CHANGED:
        yield Finding(
            left_value=" … ".join(f"“{quote.text}”" for quote in left_quotes),
            right_value=" … ".join(f"“{quote.text}”" for quote in right_quotes),
            fields={"similarity": f"{score:.0f}"},
        )


# What _compare says of two quotes.
SAME, CHANGED, SLOT, APART = "same", "changed", "slot", "apart"
# Verbs that only carry tense, voice or possession inside a quote: "I've been hit" and
# "I got hit" say the same.
_LIGHT_VERBS = frozenset({"be", "have", "do", "get"})
# Words that are not content words to the parser but change what a quote claims.
_KEPT_WORDS = frozenset(
    "not n't never no none nothing all every many few more most less least some any only "
    "always".split()
)
_CONTENT_POS = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"})
# Dependencies by which a quoted phrase describes a noun of the sentence: "called the
# outcome 'a victory'" (oprd: the verb's object), "the result was 'a victory'" (attr,
# acomp: the copula's subject), "the deal, 'a disaster'," (appos).
_DESCRIBES = {"oprd": "dobj", "attr": "nsubj", "acomp": "nsubj"}


def _content(doc: Any, quotes: Sequence[Quote]) -> Counter[str]:
    """Lemmas of the quotes' content words, counted, with negation and quantifiers kept."""
    found: Counter[str] = Counter()
    for token in doc:
        if not any(quote.start <= token.idx < quote.end for quote in quotes):
            continue
        low = token.lower_
        if low in _KEPT_WORDS:
            found["not" if low == "n't" else low] += 1
        elif token.pos_ in _CONTENT_POS and not token.is_stop and token.lemma_ not in _LIGHT_VERBS:
            # Nouns and verbs by lemma ("victories", "hit"); adjectives and adverbs as
            # written: "great" and "greatest" claim different things.
            found[low if token.pos_ in ("ADJ", "ADV") else token.lemma_.lower()] += 1
    return found


def _described(doc: Any, quote: Quote) -> tuple[str, str] | None:
    """The noun a quoted phrase describes and the quote's own head noun: ("outcome",
    "victory") for 'called the outcome "a great victory"'; None for any other shape."""
    inside = [t for t in doc if quote.start <= t.idx < quote.end]
    head = next((t for t in inside if not quote.start <= t.head.idx < quote.end), None)
    if head is None or head.pos_ not in ("NOUN", "PROPN"):
        return None
    if head.dep_ == "appos":
        return head.head.lemma_.lower(), head.lemma_.lower()
    wanted = _DESCRIBES.get(head.dep_)
    if wanted is None:
        return None
    target = next((c for c in head.head.children if c.dep_ == wanted), None)
    if target is None or target.pos_ not in ("NOUN", "PROPN"):
        return None
    return target.lemma_.lower(), head.lemma_.lower()


def _compare(
    left: Claim, a: Sequence[Quote], right: Claim, b: Sequence[Quote]
) -> tuple[str, float]:
    """How two quotes (or two runs of quotes) differ, by their content words, and the
    share of the smaller side's content words that the other repeats.

    SAME: no content word differs ("I've been hit" / "I got hit"). SLOT: two different
    words for one thing, the quote filling the same slot ('called the outcome "a great
    victory"' / 'said the result was "a complete exoneration"': the described nouns are
    one word or WordNet synonyms, the quotes' heads are not). CHANGED: both sides have
    a content word the other lacks, or, as many content words on both sides, one put in
    another's place ("for evil ... for good" / "for good ... for good"). APART: anything
    else.
    """
    parse = default_parser()
    left_doc, right_doc = parse(left.text), parse(right.text)
    x, y = _content(left_doc, a), _content(right_doc, b)
    if x == y:
        return SAME, 1.0
    common = sum((x & y).values())
    shared = common / min(x.total(), y.total()) if x and y else 0.0
    if x and y and min(x.total(), y.total()) < MIN_LENGTH_RATIO * max(x.total(), y.total()):
        shared = 0.0  # a phrase and a whole sentence ("the threat to customers"): two remarks
    if not common and len(a) == 1 and len(b) == 1:
        da, db = _described(left_doc, a[0]), _described(right_doc, b[0])
        if (
            da is not None
            and db is not None
            and wordnet.related(da[0], db[0], "n")
            and not wordnet.related(da[1], db[1], "n")
        ):
            return SLOT, shared
    dx, dy = set(x) - set(y), set(y) - set(x)
    if x.total() == y.total():
        # As many content words on both sides: one word put in another's place, even a
        # word the quote already used ("for evil ... for good" / "for good ... for good").
        dx, dy = set(x - y), set(y - x)
    # A quantifier or negation on one side only ("a victory of all victories") is
    # emphasis or a clause the other leaves out; it changes the claim when the other
    # side has its own in its place ("many" / "few").
    if not dy & _KEPT_WORDS:
        dx -= _KEPT_WORDS
    if not dx & _KEPT_WORDS:
        dy -= _KEPT_WORDS
    if dx and dy:
        return CHANGED, shared
    return APART, 0.0
