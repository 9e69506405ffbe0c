"""Clauses, what they talk about, and whether they say it happened or did not.

A sentence is cut into clauses at punctuation and contrastive conjunctions. Each
clause gets *concepts* (crude stems of its content words, with synonyms from
``data/polarity.yaml`` merged: "aid" and "assistance" are both ``help``) and a
*polarity*: negative when it holds one negator ("not", "no", "never",
"yet to") or one negative verb ("rejected" = did not accept), positive when it holds
none, and unknown when it holds two ("did not deny"). The *scope* is what follows
the first negation: the part of the clause that is denied.

>>> [(c.polarity, sorted(c.scope)) for c in clauses("The council did not approve the budget.")]
[('negative', ['accept', 'budget'])]
>>> [c.polarity for c in clauses("Lisbon had rejected a truce, but agreed to a swap.")]
['negative', 'positive']
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from crosscheck.extract.text import STOPWORDS, fold, lexicon, stem, tokens, word_set

POSITIVE, NEGATIVE, UNKNOWN = "positive", "negative", "unknown"

# Clause boundaries: punctuation that ends a clause, and conjunctions that open a
# contrasting one. "and" is not among them: it joins nouns ("wounded and sick
# prisoners") far more often than clauses in news prose.
_BOUNDARY = re.compile(
    r",(?!\d)|[;:()]|\s[-–—]\s|\b(?:but|while|whereas|although|though|however|yet)\b(?!\s+to\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause: its text, concepts, polarity and the concepts its negation covers."""

    text: str
    concepts: frozenset[str]
    polarity: str
    scope: frozenset[str]
    cue: str = ""  # the negator or negative verb as written ("not", "rejected")
    predicate: str = ""  # what is denied: "accept" in "did not approve the budget"


def _phrases(entries: list[str]) -> list[tuple[str, ...]]:
    return [
        tuple(stem(token.text) for token in tokens(entry) if token.is_word) for entry in entries
    ]


@cache
def _concept_table() -> dict[tuple[str, ...], str]:
    table: dict[tuple[str, ...], str] = {}
    for group, words in lexicon("polarity")["concepts"].items():
        for phrase in _phrases([str(word) for word in words]):
            table.setdefault(phrase, str(group))
    return table


def negative_verbs() -> dict[tuple[str, ...], str]:
    """Negative verbs (as stem tuples) -> the concept they deny: ("reject",) -> "accept"."""
    return _negative_verbs()


@cache
def _negative_verbs() -> dict[tuple[str, ...], str]:
    table = _concept_table()
    verbs = {}
    for verb, denied in lexicon("polarity")["negative_verbs"].items():
        (phrase,) = _phrases([str(verb)])
        concept = stem(str(denied))
        verbs[phrase] = table.get((concept,), concept)
    return verbs


def _raw_phrases(entries: list[str]) -> list[tuple[str, ...]]:
    """Negators are matched on the words as written: a stem would make "noted" "not"."""
    return [
        tuple(fold(token.text) for token in tokens(entry) if token.is_word) for entry in entries
    ]


@cache
def _negators() -> tuple[tuple[str, ...], ...]:
    phrases = _raw_phrases([str(word) for word in lexicon("polarity")["negators"]])
    return tuple(sorted(phrases, key=len, reverse=True))


@cache
def _not_negations() -> tuple[tuple[str, ...], ...]:
    return tuple(_raw_phrases([str(p) for p in lexicon("polarity")["not_negations"]]))


def _stems(text: str) -> list[str]:
    return [stemmed for stemmed, _ in _words(text)]


def _words(text: str) -> list[tuple[str, str]]:
    """(stem, folded word) for each word; "didn't" gives "did" and "n't"."""
    words = []
    toks = tokens(text)
    for i, token in enumerate(toks):
        if not token.is_word:
            continue
        low = fold(token.text)
        if low == "no" and i + 1 < len(toks) and toks[i + 1].text == ".":
            words.append(("number", "number"))  # "the No. 1 seed"
        elif low.endswith("n't"):
            words.extend([(stem(low[:-3]), low[:-3]), ("n't", "n't")])
        else:
            words.append((stem(low), low))
    return words


# Adverbs between a negator and what it denies: "has not been officially sanctioned".
_ADVERBS = frozenset({"yet", "also", "even", "ever", "still", "necessarily", "immediately"})


def _is_past(word: str) -> bool:
    return word.endswith("ed") or word in word_set("words", "irregular")


def _is_adverb(word: str) -> bool:
    return word in _ADVERBS or (len(word) > 4 and word.endswith("ly"))


# The phrase tables ``_match`` reads, by name.
_TABLES: dict[str, Callable[[], Iterable[tuple[str, ...]]]] = {
    "concepts": _concept_table,
    "negative_verbs": _negative_verbs,
    "negators": _negators,
    "not_negations": _not_negations,
}


@cache
def _by_first_word(table: str) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The phrases of one table by their first word, longest first."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for phrase in sorted(_TABLES[table](), key=len, reverse=True):
        if phrase:
            index.setdefault(phrase[0], []).append(phrase)
    return {first: tuple(phrases) for first, phrases in index.items()}


def _match(words: list[str], i: int, table: str) -> tuple[str, ...] | None:
    """The longest phrase of ``table`` that starts at ``words[i]``, if any."""
    for phrase in _by_first_word(table).get(words[i], ()):
        if tuple(words[i : i + len(phrase)]) == phrase:
            return phrase
    return None


_STOP_STEMS = frozenset(stem(word) for word in STOPWORDS) | {"n't"}

# Parts shorter than this make accidental compounds ("a" + "mid", "to" + "day").
_COMPOUND_PART = 3


@lru_cache(maxsize=20_000)
def _compound(a: str, b: str) -> str | None:
    """The closed compound two neighbouring stems spell in either order, if WordNet
    lists it as a noun: "shake hands" / "handshake", "cease fire" / "ceasefire",
    "walk out" / "walkout". English morphology, not a list: any such pair meets."""
    from crosscheck.extract import wordnet

    if min(len(a), len(b)) < _COMPOUND_PART or {a, b} & _STOP_STEMS:
        return None
    # A crude stem may have lost a final "e" ("shak"): try both spellings.
    for first, second in ((b, a), (a, b)):
        for x in (first, f"{first}e"):
            for y in (second, f"{second}e"):
                if wordnet.is_word(x + y, "n"):
                    return stem(x + y)
    return None


def _concepts_of(words: list[str]) -> list[str]:
    """Concept ids for a run of stems, longest synonym phrase first."""
    table = _concept_table()
    out, i = [], 0
    while i < len(words):
        phrase = _match(words, i, "concepts")
        if phrase:
            out.append(table[phrase])
            i += len(phrase)
            continue
        verb = _match(words, i, "negative_verbs")
        if verb:
            out.append(_negative_verbs()[verb])
            i += len(verb)
            continue
        joined = _compound(words[i], words[i + 1]) if i + 1 < len(words) else None
        if joined:
            out.append(joined)
            i += 2
            continue
        if words[i] not in _STOP_STEMS and len(words[i]) > 1:
            out.append(words[i])
        i += 1
    return out


def concepts(text: str) -> set[str]:
    """What ``text`` talks about: content-word stems, synonyms merged."""
    return set(_concepts_of(_stems(text)))


def _clause(text: str) -> Clause:
    pairs = _words(text)
    words = [stemmed for stemmed, _ in pairs]
    raw = [word for _, word in pairs]
    cues: list[tuple[int, int, str]] = []  # (start, words skipped before the scope, kind)
    verb_sizes: dict[int, int] = {}
    i = 0
    while i < len(words):
        skip = _match(raw, i, "not_negations")
        if skip:
            i += len(skip)
            continue
        negator = _match(raw, i, "negators")
        if negator:
            cues.append((i, len(negator), "negator"))
            i += len(negator)
            continue
        verb = _match(words, i, "negative_verbs")
        if verb:
            cues.append((i, 0, "verb"))  # the verb's own concept stays in scope
            verb_sizes[i] = len(verb)
            i += len(verb)
            continue
        i += 1
    negators = [cue for cue in cues if cue[2] == "negator"]
    verbs = [cue for cue in cues if cue[2] == "verb"]
    # "not ... nor" is one denial; a negator with a negative verb ("did not deny") or
    # two negative verbs is a double negative we do not try to read.
    count = (1 if negators else 0) + len(verbs)
    polarity = POSITIVE if count == 0 else NEGATIVE if count == 1 else UNKNOWN
    scope: frozenset[str] = frozenset()
    cue = predicate = ""
    if cues:
        start, length, _ = min(cues)
        scope = frozenset(_concepts_of(words[start + length :]))
        cue = _cue_text(text, start)
        k = start + length
        while k < len(pairs) and (pairs[k][0] in _STOP_STEMS or _is_adverb(pairs[k][1])):
            k += 1
        following = _concepts_of(words[k:])
        predicate = following[0] if following else ""
        before = raw[start - 1] if length and start > 0 else ""
        if before and before not in STOPWORDS and _is_past(before):
            # "pleaded not guilty": the verb in front is what the clause is about.
            predicate = (_concepts_of(words[start - 1 : start]) or [predicate])[0]
        after = start + verb_sizes.get(start, 0)
        if start in verb_sizes and after + 1 < len(raw) and raw[after] == "to":
            # "refused to sign": what is refused is signing.
            predicate = (_concepts_of(words[after + 1 :]) or [predicate])[0]
    return Clause(text.strip(), frozenset(_concepts_of(words)), polarity, scope, cue, predicate)


def _cue_text(text: str, index: int) -> str:
    """The word at stem position ``index`` as written (for messages)."""
    position = 0
    for token in tokens(text):
        if not token.is_word:
            continue
        if fold(token.text).endswith("n't"):
            if position + 1 == index:
                return token.text
            position += 2
            continue
        if position == index:
            return token.text
        position += 1
    return ""


def clauses(text: str) -> list[Clause]:
    """The clauses of a sentence with their polarity."""
    return list(_clauses(text))


@lru_cache(maxsize=4096)
def _clauses(text: str) -> tuple[Clause, ...]:
    parts = [part for part in _BOUNDARY.split(text) if part and part.strip(" .!?\"'“”")]
    return tuple(_clause(part) for part in parts)
