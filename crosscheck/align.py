"""Pair the sentences of different sources that state the same fact, and group them.

>>> alignments = align(sentences, vectors)      # doctest: +SKIP
>>> facts = group_facts(alignments)              # doctest: +SKIP

For every pair of sources the aligner scores every cross pair of sentences (order
plays no part), so 3+ outlets are handled pairwise. The score mixes what helps:

* cosine similarity of the sentence vectors (paraphrase-level meaning);
* lexical overlap of content words (rapidfuzz), which rescues pairs that share rare
  words the small model under-weights;
* shared names and shared figures, the anchors of news facts.

A pair is kept when its score clears ``STRONG_SCORE``, or when it clears
``WEAK_SCORE`` and each sentence is the other's best match in the other source
(a mutual best): "two weeks ago in Istanbul" and "met in Istanbul on May 16" are
only moderately similar, but each is the other's best counterpart. Thresholds were
calibrated with ``scripts/calibrate_alignment.py`` (see the constants' comments).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import combinations

import numpy as np

from crosscheck.types import Alignment, Fact, Sentence

# --- Calibrated constants (scripts/calibrate_alignment.py) -----------------------
# Weight of content-word overlap (0..1) added to the cosine.
LEXICAL_WEIGHT = 0.15
# Bonus per shared name or figure, capped: shared anchors make a same-fact reading likely.
ANCHOR_BONUS = 0.04
ANCHOR_CAP = 0.12
# A pair at or above this combined score is kept even if it is not a mutual best.
STRONG_SCORE = 0.70
# A mutual-best pair at or above this combined score is kept.
WEAK_SCORE = 0.50
# Within one source pair, a second match for the same sentence must come this close
# to its best (a sentence may state two facts, but rarely three).
SECOND_MATCH_MARGIN = 0.06

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?", re.UNICODE)
_NAME = re.compile(r"\b[A-Z][\w'’-]*[a-z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")
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


@dataclass(frozen=True, slots=True)
class Anchors:
    """What a sentence is anchored on: content words, names and figures (folded)."""

    words: frozenset[str]
    names: frozenset[str]
    figures: frozenset[str]


@lru_cache(maxsize=65536)
def anchors(text: str) -> Anchors:
    words = frozenset(
        w for w in (_fold(m) for m in _WORD.findall(text)) if w not in _STOPWORDS and len(w) > 2
    )
    names: set[str] = set()
    for match in _NAME.finditer(text):
        for token in match.group(0).split():
            token = _fold(token.strip("'’-"))
            if token not in _STOPWORDS and len(token) > 2:
                names.add(token)
    figures = frozenset(f.rstrip(".,").replace(",", "") for f in _FIGURE.findall(text))
    return Anchors(words=words, names=frozenset(names), figures=figures)


def lexical_overlap(left: str, right: str) -> float:
    """Share of the shorter sentence's content words found (fuzzily) in the other, 0..1."""
    a, b = anchors(left).words, anchors(right).words
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    exact = small & large
    rest = small - exact
    hits = float(len(exact))
    if rest:
        from rapidfuzz import fuzz, process

        # Inflections and transliterations (talks/talk, Umerov/Umierov) count as hits.
        for word in rest:
            best = process.extractOne(word, large, scorer=fuzz.ratio, score_cutoff=85)
            if best is not None:
                hits += 0.8
    return hits / len(small)


def shared_anchors(left: str, right: str) -> int:
    a, b = anchors(left), anchors(right)
    return len(a.names & b.names) + len(a.figures & b.figures)


def pair_score(cosine: float, left: str, right: str) -> float:
    """The combined same-fact score of two sentences whose vectors have ``cosine``."""
    bonus = min(ANCHOR_CAP, ANCHOR_BONUS * shared_anchors(left, right))
    return cosine + LEXICAL_WEIGHT * lexical_overlap(left, right) + bonus


def _by_source(sentences: Sequence[Sentence]) -> dict[str, list[int]]:
    groups: dict[str, list[int]] = {}
    for row, sentence in enumerate(sentences):
        groups.setdefault(sentence.source, []).append(row)
    return groups


def align(
    sentences: Sequence[Sentence],
    vectors: np.ndarray,
    strong: float = STRONG_SCORE,
    weak: float = WEAK_SCORE,
) -> list[Alignment]:
    """Pairs of sentences from different sources that state the same fact.

    ``vectors[k]`` is the normalised vector of ``sentences[k]``.
    """
    found: list[Alignment] = []
    groups = _by_source(sentences)
    for source_a, source_b in combinations(sorted(groups), 2):
        rows_a, rows_b = groups[source_a], groups[source_b]
        cosines = vectors[rows_a] @ vectors[rows_b].T
        # Only pairs the vectors already find plausible get the (costlier) lexical score.
        scores = np.full(cosines.shape, -1.0, dtype=np.float32)
        for i, j in zip(*np.nonzero(cosines >= weak - LEXICAL_WEIGHT - ANCHOR_CAP), strict=True):
            scores[i, j] = pair_score(
                float(cosines[i, j]), sentences[rows_a[i]].text, sentences[rows_b[j]].text
            )
        if scores.size == 0:
            continue
        best_j = scores.argmax(axis=1)
        best_i = scores.argmax(axis=0)
        for i, j in zip(*np.nonzero(scores >= weak), strict=True):
            score = float(scores[i, j])
            mutual = best_j[i] == j and best_i[j] == i
            near_best = (
                score >= scores[i, best_j[i]] - SECOND_MATCH_MARGIN
                and score >= scores[best_i[j], j] - SECOND_MATCH_MARGIN
            )
            if mutual or (score >= strong and near_best):
                found.append(
                    Alignment(
                        left=sentences[rows_a[i]],
                        right=sentences[rows_b[j]],
                        score=round(score, 4),
                        cosine=round(float(cosines[i, j]), 4),
                    )
                )
    return found


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
