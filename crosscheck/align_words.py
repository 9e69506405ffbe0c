"""Shared words and figures of two sentences, weighted by rarity: the aligner's
first-stage evidence beside the cosine (crosscheck.align).

Rare names and figures are the anchors of news facts that a small sentence model
under-weights: "Okonkwo" or "17.4" in both sentences is strong evidence of one fact,
the country a story is about is none. Words are matched fuzzily (rapidfuzz) so that
inflections and transliterations count.

>>> idf = idf_table(["Okonkwo won 17.4%.", "Okonkvo took 17.4%.", "Rain fell."])
>>> round(shared_evidence("Okonkwo won 17.4%.", "Okonkvo took 17.4%.", idf), 2)
3.13
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache

import numpy as np

from crosscheck.align_model import idf_of
from crosscheck.extract.text import unaccent

# --- Calibrated constants (scripts/calibrate_alignment.py) -----------------------
# Shared-word evidence is the summed IDF (over the sentences being compared) of the
# words and figures both sentences use: a rare shared word ("Okonkwo", "17.4") is
# strong evidence of one fact; the country a story is about is none. The second stage
# weighs it (align_model "words"). A shared day (crosscheck.align_dates) adds this much cosine per
# IDF unit of the day, as the first-stage score weighed a shared word (calibrated
# there on the gold clusters: ROC AUC of same-fact pairs 0.947 cosine alone, 0.965).
EVIDENCE_WEIGHT = 0.03
# Evidence beyond this many IDF units adds nothing (long sentences share many words).
# Calibrated with the thresholds: 8 and 10 lost pairs that share a full name and title
# ("the deputy interior minister, Petra Valdane"); 14 and 18 scored the same.
EVIDENCE_CAP = 14.0

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


@lru_cache(maxsize=65536)
def tokens(text: str) -> frozenset[str]:
    """Folded content words and figures of a sentence (stopwords and short words dropped).

    A figure is one token ("17.4", "2316"), not also its digit groups.
    """
    words = {
        w
        for w in (unaccent(m) for m in _WORD.findall(text))
        if w not in _STOPWORDS and not w[:1].isdigit()
    }
    figures = {f.rstrip(".,").replace(",", "") for f in _FIGURE.findall(text)}
    return frozenset(w for w in words | figures if len(w) > 2 or w.isdigit())


def idf_table(texts: Sequence[str]) -> dict[str, float]:
    """Inverse document frequency of each token over ``texts`` (each text one document)."""
    return idf_of([tokens(text) for text in texts])


# A shared figure ("17.4", "3.9", "2,316") counts this many times a shared word of the
# same rarity: an exact figure pins a news fact down more than a word does. Years do
# not count as figures here (a story's sentences share "2025" whatever they say).
# Calibrated on the gold clusters at the shipped thresholds: 1-2 give alignment recall
# 0.86, 3 gives 0.88, 5-8 give 0.90 with precision 0.92 (the lowest of those is kept:
# with EVIDENCE_CAP it already lets one rare shared figure carry a pair). On ECB+
# (few figures; scripts/measure_ecb_alignment.py) same-event pairs stay at 0.90.
FIGURE_WEIGHT = 5.0
_YEAR = re.compile(r"(?:19|20)\d\d")


def _is_figure(token: str) -> bool:
    return token[:1].isdigit() and not _YEAR.fullmatch(token)


# A token absent from the IDF table (pairs scored on their own) weighs this much.
DEFAULT_IDF = 1.0
# A fuzzy match (inflection, transliteration: talks/talk, Okonkwo/Okonkvo) counts this
# much of an exact one; rapidfuzz ratio at or above FUZZY_RATIO makes a match.
FUZZY_CREDIT = 0.8
FUZZY_RATIO = 85


def shared_evidence(
    left: str,
    right: str,
    idf: Mapping[str, float] | None = None,
    fuzzy: FuzzyIndex | None = None,
) -> float:
    """Summed IDF of the tokens of the shorter sentence that the other one also has
    (figures count FIGURE_WEIGHT times)."""
    a, b = tokens(left), tokens(right)
    if not a or not b:
        return 0.0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    table: Mapping[str, float] = idf if idf is not None else {}

    def weight(token: str) -> float:
        return table.get(token, DEFAULT_IDF)

    evidence = sum(weight(t) * (FIGURE_WEIGHT if _is_figure(t) else 1.0) for t in small & large)
    # Inflections and transliterations ("talks"/"talk", "Okonkwo"/"Okonkvo") count in part.
    close = small - large - new_tokens(small, large, fuzzy)
    return evidence + FUZZY_CREDIT * sum(weight(t) for t in close)


def new_tokens(
    words: frozenset[str], known: frozenset[str], fuzzy: FuzzyIndex | None = None
) -> frozenset[str]:
    """The tokens of ``words`` that ``known`` lacks, neither exactly nor fuzzily
    (an inflection or a transliteration counts as known, as in shared_evidence).

    ``fuzzy`` (a FuzzyIndex over the story's vocabulary) answers from one table
    computed once instead of a fuzzy search per token per pair.
    """
    missing = words - known
    if not missing:
        return missing
    if fuzzy is not None and fuzzy.covers(missing):
        return frozenset(t for t in missing if t.isdigit() or not fuzzy.similar(t) & known)
    candidates = [t for t in known if not t.isdigit()]
    if not candidates:
        return missing
    from rapidfuzz import fuzz, process

    return frozenset(
        token
        for token in missing
        if token.isdigit()
        or not process.extractOne(token, candidates, scorer=fuzz.ratio, score_cutoff=FUZZY_RATIO)
    )


class FuzzyIndex:
    """Which tokens of a vocabulary match each other fuzzily (rapidfuzz ratio at or
    above FUZZY_RATIO), from one ``cdist`` over the vocabulary.

    >>> FuzzyIndex({"okonkwo", "okonkvo", "talks"}).similar("okonkwo")  # doctest: +SKIP
    frozenset({'okonkvo'})
    """

    def __init__(self, vocabulary: set[str] | frozenset[str]) -> None:
        words = sorted(t for t in vocabulary if not t.isdigit())
        self._vocabulary = frozenset(vocabulary)
        self._similar: dict[str, frozenset[str]] = {}
        if not words:
            return
        from rapidfuzz import fuzz, process

        matrix = process.cdist(
            words, words, scorer=fuzz.ratio, score_cutoff=FUZZY_RATIO, dtype=np.uint8
        )
        similar: dict[str, set[str]] = {}
        for row, col in zip(*np.nonzero(matrix), strict=True):
            if row != col:
                similar.setdefault(words[row], set()).add(words[col])
        self._similar = {word: frozenset(others) for word, others in similar.items()}

    def covers(self, tokens: frozenset[str]) -> bool:
        return tokens <= self._vocabulary

    def similar(self, token: str) -> frozenset[str]:
        return self._similar.get(token, frozenset())


def pair_score(
    cosine: float,
    left: str,
    right: str,
    idf: Mapping[str, float] | None = None,
    fuzzy: FuzzyIndex | None = None,
) -> float:
    """The first-stage same-fact score of two sentences whose vectors have ``cosine``."""
    evidence = shared_evidence(left, right, idf, fuzzy)
    return cosine + EVIDENCE_WEIGHT * min(EVIDENCE_CAP, evidence)


class WordMatrix:
    """shared_evidence of many pairs at once: the texts' tokens as a sparse incidence
    matrix over the story's vocabulary, so a block of pairs costs a few sparse
    products instead of set operations per pair (the same sums, in another order).

    >>> texts = ["Okonkwo won 17.4%.", "Okonkvo took 17.4%.", "Rain fell."]
    >>> idf = idf_table(texts)
    >>> words = WordMatrix(texts, idf, FuzzyIndex(frozenset().union(*map(tokens, texts))))
    >>> np.round(words.evidence(texts[:1], texts[1:]), 2).tolist()
    [[3.13, 0.0]]
    """

    def __init__(self, texts: Sequence[str], idf: Mapping[str, float], fuzzy: FuzzyIndex) -> None:
        from scipy import sparse

        unique = list(dict.fromkeys(texts))
        self._idf, self._fuzzy = idf, fuzzy
        self._row = {text: n for n, text in enumerate(unique)}
        vocabulary = sorted(frozenset().union(*(tokens(t) for t in unique)) if unique else ())
        column = {token: n for n, token in enumerate(vocabulary)}
        self._weight = np.array([idf.get(t, DEFAULT_IDF) for t in vocabulary], dtype=np.float64)
        figure = np.array([FIGURE_WEIGHT if _is_figure(t) else 1.0 for t in vocabulary])
        self._exact_weight = self._weight * figure if vocabulary else self._weight
        cells = [(n, column[t]) for n, text in enumerate(unique) for t in tokens(text)]
        rows = np.array([r for r, _ in cells], dtype=np.int64)
        cols = np.array([c for _, c in cells], dtype=np.int64)
        shape = (len(unique), len(vocabulary))
        ones = np.ones(len(cells))
        self._has = sparse.csr_matrix((ones, (rows, cols)), shape=shape)
        self._length = np.asarray(self._has.sum(axis=1)).ravel()
        # near[r, t]: text r has a token that matches token t fuzzily (t not in it).
        links = [
            (column[t], column[u]) for t in vocabulary for u in fuzzy.similar(t) if u in column
        ]
        similar = sparse.csr_matrix(
            (np.ones(len(links)), ([a for a, _ in links], [b for _, b in links])),
            shape=(len(vocabulary), len(vocabulary)),
        )
        near = (self._has @ similar).sign()
        self._near = (near - near.multiply(self._has)).tocsr()
        self._near.eliminate_zeros()
        self._all: np.ndarray | None = None

    def evidence(self, left: Sequence[str], right: Sequence[str]) -> np.ndarray:
        """shared_evidence of every pair of a ``left`` and a ``right`` text (float64)."""
        if self._all is None:
            self._all = self._every_pair()
        return self._all[np.ix_([self._row[t] for t in left], [self._row[t] for t in right])]

    def pair(self, left: str, right: str) -> float:
        """shared_evidence of one pair of texts (computed alone if one is not the story's)."""
        if left not in self._row or right not in self._row:
            return shared_evidence(left, right, self._idf, self._fuzzy)
        return float(self.evidence([left], [right])[0, 0])

    def _every_pair(self) -> np.ndarray:
        """shared_evidence between every two texts: one set of sparse products per story."""
        exact = (self._has.multiply(self._exact_weight) @ self._has.T).toarray()
        # close[a, b]: the weight of the tokens of a that b has only fuzzily; a pair
        # counts those of its shorter text (the first of two of equal length).
        close = (self._has.multiply(self._weight) @ self._near.T).toarray()
        shorter = self._length[:, None] <= self._length[None, :]
        return np.asarray(exact + FUZZY_CREDIT * np.where(shorter, close, close.T))
