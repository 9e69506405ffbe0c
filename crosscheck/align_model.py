"""The aligner's second stage: is a candidate pair of sentences the same fact?

Sentence vectors propose candidates; this module decides, with what a fact-checker
looks at, read from the parse (crosscheck.nlp, spaCy en_core_web_sm):

* the names both sentences use (people, organisations, places: named entities and
  proper nouns), and whether the predicate's subject is the same one;
* the event words (verb and noun lemmas), and whether the predicate of one sentence
  (the verb of the clause a reporting verb introduces: "said he would resign" ->
  "resign") is among the event words of the other;
* the words and figures both use, weighted by rarity (crosscheck.align.shared_evidence);
* the cosine of the sentence vectors.

A polarity, a figure or a name that differs with the rest of the slots shared is no
evidence against the pair: divergences live in such pairs. The features feed a small
logistic model fitted on ECB+ odd topics (scripts/fit_alignment_model.py); its
probability is ``Alignment.confidence``.

>>> slots = slots_of(default_parser()("Brandt opened the bridge."))  # doctest: +SKIP
>>> sorted(slots.names), slots.predicate                             # doctest: +SKIP
(['brandt'], 'open')
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from crosscheck.extract.text import unaccent

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Entity labels that name a participant or a place (not dates or figures, which the
# word evidence and the date tokens weigh).
NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART", "LAW"}
)
# Verbs that introduce what someone said or thought: the fact is the clause they
# introduce, so two statements of one person differ there, not in "said".
REPORTING_LEMMAS = frozenset(
    """say tell add announce state claim report confirm deny insist warn note explain write
    believe think argue suggest accuse acknowledge admit allege declare estimate predict
    promise reveal urge vow""".split()
)
# Dependencies of a clause that a reporting verb introduces.
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "parataxis"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})


@dataclass(frozen=True, slots=True)
class Slots:
    """What the parse says a sentence is about (folded lower-case words)."""

    names: frozenset[str]
    events: frozenset[str]
    predicate: str
    subject: frozenset[str]


EMPTY_SLOTS = Slots(frozenset(), frozenset(), "", frozenset())


def _fold(token: Token) -> str:
    return unaccent(token.text)


def _predicate(root: Token) -> Token:
    """The verb that states the fact: the root, or the clause a reporting root takes."""
    if root.lemma_.lower() in REPORTING_LEMMAS:
        for child in root.children:
            if child.dep_ in _CLAUSE_DEPS and child.pos_ in {"VERB", "AUX", "NOUN", "ADJ"}:
                return child
    return root


def slots_of(doc: Doc) -> Slots:
    """The names, event words, predicate and its subject's names of one parsed sentence.

    >>> slots_of(default_parser()("Brandt said talks would resume.")).predicate  # doctest: +SKIP
    'resume'
    """
    names = {
        _fold(token)
        for ent in doc.ents
        if ent.label_ in NAME_LABELS
        for token in ent
        if token.is_alpha and not token.is_stop and len(token) > 1
    }
    names |= {_fold(t) for t in doc if t.pos_ == "PROPN" and t.is_alpha and len(t) > 1}
    events = frozenset(
        t.lemma_.lower()
        for t in doc
        if t.pos_ in {"VERB", "NOUN"} and t.is_alpha and not t.is_stop and len(t) > 2
    )
    roots = [t for t in doc if t.dep_ == "ROOT"]
    if not roots:
        return Slots(frozenset(names), events, "", frozenset())
    predicate = _predicate(roots[0])
    subject: set[str] = set()
    for child in predicate.children:
        if child.dep_ in _SUBJECT_DEPS:
            subject |= {_fold(t) for t in child.subtree if _fold(t) in names}
    return Slots(frozenset(names), events, predicate.lemma_.lower(), frozenset(subject))


# Verbs that name no event of their own ("was", "had", "took place", "went ahead"):
# two sentences whose predicate is one of these share no event by it.
LIGHT_VERBS = frozenset("be have do get go come make take say seem become remain".split())


def same_predicate(left: Slots, right: Slots) -> bool:
    """Whether both predicates name one event: the same lemma, or WordNet synonyms or
    one a direct kind of the other ("lift" / "hoist"), light verbs aside.

    >>> same_predicate(Slots(frozenset(), frozenset(), "lift", frozenset()),
    ...                Slots(frozenset(), frozenset(), "hoist", frozenset()))  # doctest: +SKIP
    True
    """
    a, b = left.predicate, right.predicate
    if not a or not b or a in LIGHT_VERBS or b in LIGHT_VERBS:
        return False
    from crosscheck.extract import wordnet

    return a == b or wordnet.related(a, b, "v") or wordnet.related(a, b, "n")


def idf_of(sets: Sequence[frozenset[str]]) -> dict[str, float]:
    """Inverse document frequency of each item over ``sets`` (one set per sentence)."""
    counts: dict[str, int] = {}
    for items in sets:
        for item in items:
            counts[item] = counts.get(item, 0) + 1
    total = len(sets)
    return {item: math.log((total + 1) / (n + 0.5)) for item, n in counts.items()}


def _overlap(a: frozenset[str], b: frozenset[str], idf: Mapping[str, float]) -> float:
    """Rarity-weighted share of the smaller set that the other one also has (0-1)."""
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    total = sum(idf.get(x, 1.0) for x in small)
    return sum(idf.get(x, 1.0) for x in small & large) / total if total else 0.0


# The features, in the order of WEIGHTS. Each is 0-1 (the cosine -1..1).
FEATURES = (
    "cosine",  # cosine of the sentence vectors
    "words",  # shared rare words and figures (align.shared_evidence / EVIDENCE_CAP, capped)
    "names",  # rarity-weighted share of names the smaller name set shares
    "name_clash",  # both name someone or somewhere, and no name is shared
    "events",  # rarity-weighted share of event words (verb and noun lemmas) shared
    "predicate",  # the predicate of one is an event word of the other
    "subject",  # both predicates have a named subject, and it is the same
)


def pair_features(
    cosine: float,
    words: float,
    left: Slots,
    right: Slots,
    idf: Mapping[str, float],
) -> np.ndarray:
    """The feature vector (FEATURES order) of a pair; ``words`` is the capped word
    evidence in 0-1."""
    names = _overlap(left.names, right.names, idf)
    clash = float(bool(left.names) and bool(right.names) and not left.names & right.names)
    events = _overlap(left.events, right.events, idf)
    predicate = float(
        bool(left.predicate)
        and bool(right.predicate)
        and (left.predicate in right.events | {right.predicate} or right.predicate in left.events)
    )
    subject = float(bool(left.subject & right.subject))
    return np.array([cosine, words, names, clash, events, predicate, subject], dtype=np.float64)


# --- The fitted model (scripts/fit_alignment_model.py) ----------------------------
# Logistic regression over FEATURES, fitted on ECB+ odd topics (pairs.jsonl: same
# annotated event = 1, same story without a shared event or another event of the same
# kind = 0), L2 penalty LOGISTIC_L2, Newton iterations in numpy.
LOGISTIC_L2 = 1.0
INTERCEPT = -1.9216
WEIGHTS = (3.7046, 1.3298, 0.0667, -0.0680, 0.5358, 0.2405, -0.0526)


def logit(features: np.ndarray) -> float:
    """The model's log-odds that a pair with ``features`` states the same fact."""
    return float(INTERCEPT + np.dot(WEIGHTS, features))


def probability(value: float) -> float:
    """The logistic function: log-odds to a probability."""
    return 1.0 / (1.0 + math.exp(-value))
