"""Pair the sentences of different sources that state the same fact, and group them.

>>> alignments = align(sentences, vectors)      # doctest: +SKIP
>>> facts = group_facts(alignments)              # doctest: +SKIP

For every pair of sources the aligner scores every cross pair of sentences (order
plays no part), so 3+ outlets are handled pairwise. The score mixes what helps:

* cosine similarity of the sentence vectors (paraphrase-level meaning);
* shared words and figures, weighted by how rare they are among the sentences being
  compared (IDF), matched fuzzily (rapidfuzz) so that inflections and
  transliterations count: rare names and figures are the anchors of news facts that
  the small model under-weights.

Within each pair of sources the sentences are matched one to one for the highest
summed score (moderately similar wordings of one fact are each other's best
counterpart, while a look-alike of another event has a better partner), and a
matched pair is kept when its score clears ``ASSIGNED_SCORE``. A sentence that
states two facts may also pair with a second sentence above ``EXTRA_SCORE``.
Pairs are then grouped into facts across outlets, and members of one fact that were
not paired directly are paired above ``CLOSURE_SCORE``. Thresholds were
calibrated with ``scripts/calibrate_alignment.py`` (see the constants' comments).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache
from itertools import combinations

import numpy as np

from crosscheck.types import Alignment, Fact, Sentence

# --- Calibrated constants (scripts/calibrate_alignment.py) -----------------------
# Weight of shared-word evidence: the summed IDF (over the sentences being compared)
# of the words and figures both sentences use. A rare shared word ("Phumtham",
# "43.2") is strong evidence of one fact; "Russia" in a Russia story is none.
# On the gold clusters this lifted the ROC AUC of same-fact pairs from 0.947
# (cosine alone) to 0.965.
EVIDENCE_WEIGHT = 0.03
# Evidence beyond this many IDF units adds nothing (long sentences share many words).
EVIDENCE_CAP = 10.0
# Within each pair of sources, sentences are matched one to one so that the summed
# score is highest (an assignment), and a matched pair is kept at or above this
# score. The assignment keeps a look-alike of another event out when its sentence
# has a better partner. Calibrated on the seeds and dev clusters (best F1, a plateau
# over 0.64-0.66: alignment recall 0.81, precision 0.92 with the closure below).
ASSIGNED_SCORE = 0.64
# A pair left out by the one-to-one match is still kept at or above this score when
# it is the best match of one of its sentences: a sentence that states two facts
# pairs with both. High, because the assignment already took the likely pairs.
EXTRA_SCORE = 1.0
# Once pairs are grouped into facts, two members of one fact from different sources
# that were not paired directly are paired at or above this score (A~B and B~C make
# A~C likely; the floor keeps out a member that only the chain connects).
CLOSURE_SCORE = 0.30

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_FIGURE = re.compile(r"\d[\d,.]*")
_STOPWORDS = frozenset(
    """a an the and or but if of to in on at by for with from as into than that this these
    those is are was were be been being has have had do does did will would shall should can
    could may might must it its it's he she they them his her their we our you your i me my
    not no so such there here who whom whose which what when where why how all any both each
    few more most other some own same too very just also said says say told tells according
    after before about over under up down out off again further then once one two three new
    last next week monday tuesday wednesday thursday friday saturday sunday""".split()
)


def _fold(text: str) -> str:
    return "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    ).casefold()


@lru_cache(maxsize=65536)
def tokens(text: str) -> frozenset[str]:
    """Folded content words and figures of a sentence (stopwords and short words dropped)."""
    words = {w for w in (_fold(m) for m in _WORD.findall(text)) if w not in _STOPWORDS}
    figures = {f.rstrip(".,").replace(",", "") for f in _FIGURE.findall(text)}
    return frozenset(w for w in words | figures if len(w) > 2 or w.isdigit())


def idf_table(texts: Sequence[str]) -> dict[str, float]:
    """Inverse document frequency of each token over ``texts`` (each text one document)."""
    counts: dict[str, int] = {}
    for text in texts:
        for token in tokens(text):
            counts[token] = counts.get(token, 0) + 1
    total = len(texts)
    return {token: math.log((total + 1) / (count + 0.5)) for token, count in counts.items()}


# A token absent from the IDF table (pairs scored on their own) weighs this much.
DEFAULT_IDF = 1.0
# A fuzzy match (inflection, transliteration: talks/talk, Umerov/Umierov) counts this
# much of an exact one; rapidfuzz ratio at or above FUZZY_RATIO makes a match.
FUZZY_CREDIT = 0.8
FUZZY_RATIO = 85


def shared_evidence(left: str, right: str, idf: Mapping[str, float] | None = None) -> float:
    """Summed IDF of the tokens of the shorter sentence that the other one also has."""
    a, b = tokens(left), tokens(right)
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    weight = (lambda t: idf.get(t, DEFAULT_IDF)) if idf is not None else (lambda t: DEFAULT_IDF)
    evidence = sum(weight(t) for t in small & large)
    rest = [t for t in small - large if not t.isdigit()]
    if rest:
        from rapidfuzz import fuzz, process

        candidates = [t for t in large if not t.isdigit()]
        for token in rest:
            if process.extractOne(token, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_RATIO):
                evidence += FUZZY_CREDIT * weight(token)
    return evidence


def pair_score(
    cosine: float, left: str, right: str, idf: Mapping[str, float] | None = None
) -> float:
    """The combined same-fact score of two sentences whose vectors have ``cosine``."""
    return cosine + EVIDENCE_WEIGHT * min(EVIDENCE_CAP, shared_evidence(left, right, idf))


def _by_source(sentences: Sequence[Sentence]) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {}
    for row, sentence in enumerate(sentences):
        groups.setdefault(sentence.source, []).append(row)
    return groups


def _score_matrix(
    sentences: Sequence[Sentence],
    vectors: np.ndarray,
    rows_a: list[int],
    rows_b: list[int],
    idf: Mapping[str, float],
) -> tuple[np.ndarray, np.ndarray]:
    """Cosines and combined scores of every cross pair of two sources' sentences.

    Every pair gets its word evidence, not only likely ones: the one-to-one match
    weighs all pairs, and a cut-off score would skew it.
    """
    cosines = vectors[rows_a] @ vectors[rows_b].T
    scores = np.empty(cosines.shape, dtype=np.float32)
    for i, row_a in enumerate(rows_a):
        for j, row_b in enumerate(rows_b):
            scores[i, j] = pair_score(
                float(cosines[i, j]), sentences[row_a].text, sentences[row_b].text, idf
            )
    return cosines, scores


def align(
    sentences: Sequence[Sentence],
    vectors: np.ndarray,
    assigned: float = ASSIGNED_SCORE,
    extra: float = EXTRA_SCORE,
    closure: float = CLOSURE_SCORE,
) -> list[Alignment]:
    """Pairs of sentences from different sources that state the same fact.

    ``vectors[k]`` is the normalised vector of ``sentences[k]``.
    """
    from scipy.optimize import linear_sum_assignment

    found: dict[frozenset[tuple[str, int]], Alignment] = {}
    groups = _by_source(sentences)
    idf = idf_table([s.text for s in sentences])
    floor = min(assigned, extra)
    for source_a, source_b in combinations(sorted(groups), 2):
        rows_a, rows_b = groups[source_a], groups[source_b]
        cosines, scores = _score_matrix(sentences, vectors, rows_a, rows_b, idf)
        matched = set(zip(*linear_sum_assignment(scores, maximize=True), strict=True))
        best_j, best_i = scores.argmax(axis=1), scores.argmax(axis=0)
        for i, j in zip(*np.nonzero(scores >= floor), strict=True):
            score = float(scores[i, j])
            one_sided_best = best_j[i] == j or best_i[j] == i
            if ((i, j) in matched and score >= assigned) or (one_sided_best and score >= extra):
                left, right = sentences[rows_a[i]], sentences[rows_b[j]]
                found[frozenset((left.ref, right.ref))] = Alignment(
                    left, right, round(score, 4), round(float(cosines[i, j]), 4)
                )
    alignments = list(found.values())
    row_of = {sentence.ref: row for row, sentence in enumerate(sentences)}
    for fact in group_facts(alignments):
        for left, right in combinations(fact.members, 2):
            if left.source == right.source or frozenset((left.ref, right.ref)) in found:
                continue
            cosine = float(vectors[row_of[left.ref]] @ vectors[row_of[right.ref]])
            score = pair_score(cosine, left.text, right.text, idf)
            if score >= closure:
                alignments.append(Alignment(left, right, round(score, 4), round(cosine, 4)))
    return alignments


def group_facts(alignments: Sequence[Alignment]) -> list[Fact]:
    """Group alignments into facts that span outlets, strongest pairs first.

    Two groups merge only if they share no source: a fact has at most one sentence
    per outlet, so weak links cannot chain different facts together. Facts are
    numbered in reading order of their earliest sentence.
    """
    group_of: dict[tuple[str, int], int] = {}
    members: dict[int, dict[tuple[str, int], Sentence]] = {}
    for alignment in sorted(alignments, key=lambda a: -a.score):
        left, right = alignment.left, alignment.right
        g_left, g_right = group_of.get(left.ref), group_of.get(right.ref)
        if g_left is None and g_right is None:
            new = len(members)
            members[new] = {left.ref: left, right.ref: right}
            group_of[left.ref] = group_of[right.ref] = new
        elif g_left is not None and g_right is not None:
            if g_left == g_right:
                continue
            sources_left = {ref[0] for ref in members[g_left]}
            sources_right = {ref[0] for ref in members[g_right]}
            if sources_left & sources_right:
                continue
            for ref, sentence in members.pop(g_right).items():
                members[g_left][ref] = sentence
                group_of[ref] = g_left
        else:
            group, newcomer = (g_left, right) if g_left is not None else (g_right, left)
            assert group is not None
            if newcomer.source in {ref[0] for ref in members[group]}:
                continue
            members[group][newcomer.ref] = newcomer
            group_of[newcomer.ref] = group
    ordered = sorted(
        (sorted(group.values(), key=lambda s: (s.source, s.index)) for group in members.values()),
        key=lambda group: min((s.index, s.source) for s in group),
    )
    return [Fact(id=f"f{n}", members=tuple(group)) for n, group in enumerate(ordered, 1)]
