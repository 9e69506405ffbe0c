"""A pile of articles from many outlets -> stories: which articles report the same event.

>>> texts = [lead_text(a) for a in articles]                 # doctest: +SKIP
>>> grouping = group_stories(articles, embedder.encode(texts))  # doctest: +SKIP
>>> [[articles[i].source.outlet for i in g.members] for g in grouping.groups]  # doctest: +SKIP
[['wire', 'ledger', 'herald'], ['wire', 'courier']]

Each article is described by the vector of its title and lead, and by its *terms*: the
names of its lead (capitalised words seen mid-sentence) and the content words of its
title, weighted by how rare they are in the pile. Two articles are linked when their
cosine plus the weighted share of their terms clears ``EDGE_MIN_SCORE``, and when both
are dated, they lie within the date window.

No all-pairs work over the pile: candidate pairs come from an inverted index of terms
(two articles about one event share a rare name or title word; terms in more than
``BLOCK_MAX_DF`` articles are not used to propose pairs). Candidate links are then
merged strongest first, as in average-linkage clustering, but a merge must keep the
mean link score over all pairs across the two groups above ``CLUSTER_MIN_SCORE``: one
strong pair cannot chain two different stories together.

An article joins at most one story, and a story compares at most one article per
outlet: when an outlet has several, the latest (then the most central) is compared
and the others are *set aside* (listed in the report, not compared). Articles that
join no story are singletons: reported, never compared.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from crosscheck.extract.text import unaccent
from crosscheck.types import Article
from crosscheck.vocabulary import MONTH_NUMBERS, MONTHS, WEEKDAYS

# --- thresholds --------------------------------------------------------------------
# Calibrated with `scripts/bench_audit.py --calibrate` on the odd-numbered topics of
# ECB+ (../shared/data/ecbplus: 43 topics, 86 sub-topics = events), maximising B-cubed
# F1 against the sub-topics over a grid; the even-numbered topics are held out (scores
# in the README's audit section). Terms carry most of the signal: two rehab stays or two earthquakes
# read alike to the model (lead cosine 0.6-0.8), their names do not.

# How many characters of the body, after the title, make the "lead" that is embedded.
# The model reads about 250 word pieces; 600 characters (two or three news sentences)
# keep the lead about the event rather than its background.
LEAD_CHARS = 600
# Names are looked for in a longer stretch: a name in the fourth paragraph still marks
# the event (the victim's name, the town).
NAME_CHARS = 1500
# Weight of the IDF-weighted share of terms (0..1) added to the cosine of the leads.
# Grid 0.5-2.5 (F1 0.78, 0.87, 0.90, 0.90, 0.89): 1.5 and 2.0 on a plateau; the lower
# one is kept, so that the vectors still count as much as the words.
TERM_WEIGHT = 1.5
# Two articles are linked when cosine + TERM_WEIGHT * term share reaches this. Grid
# 0.6-0.9 made no difference to F1 (the group test below does the real work); the
# middle is taken, since a higher bar leaves fewer links to merge.
EDGE_MIN_SCORE = 0.8
# Two groups merge only if the same score, averaged over every pair across them,
# reaches this. Grid 0.6-1.0 (F1 0.85, 0.87, 0.90, 0.86, 0.76): lower merges sibling
# events (two rehab stays), higher splits stories.
CLUSTER_MIN_SCORE = 0.8
# A term in more articles than this proposes no candidate pairs (it is a topic word of
# the day: a head of state's name, "police"): it still counts in the score of pairs
# proposed by rarer terms. Bounds the candidate pairs at about n * BLOCK_MAX_DF.
BLOCK_MAX_DF = 40
# The term part of a merge test averages over at most this many members of each group
# (evenly spread), so that testing two large groups costs at most 16 x 16 term shares;
# the cosine part is exact (it comes from the groups' vector sums). Below 16 articles a
# group is read whole: on ECB+ (stories of 5-22 articles) F1 is unchanged.
MERGE_SAMPLE = 16
# Articles about one story appear within a few days of each other; a story spans at
# most this many days between its first and last dated article.
DATE_WINDOW_DAYS = 3

_WORD = re.compile(r"[^\W\d_]+(?:['’.\-][^\W\d_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
# Capitalised words that are not names: sentence openers, titles, calendar words.
_NOT_NAMES = (
    frozenset(
        """a an the this that these those there here it its he she they we i you his her
        their our my your mr mrs ms dr sir but and or if so as at by in on of for to from
        with after before when while where why how what who which new last next first one
        two three today yesterday tomorrow breaking update updated live exclusive watch
        video photos read more said says according also however meanwhile""".split()
    )
    | frozenset(WEEKDAYS)
    | frozenset(MONTHS)
    | frozenset(MONTH_NUMBERS)
)
# Title words too common in headlines to tell stories apart.
_STOPWORDS = _NOT_NAMES | frozenset(
    """is are was were be been has have had do does did will would can could may might
    not no all any into over under up down out off about than then just now only more
    most other some such very how why what amid after says said new report reports
    could should year years day days week weeks time times back""".split()
)


def _fold(word: str) -> str:
    return _POSSESSIVE.sub("", unaccent(word)).replace("’", "'")


def real_title(article: Article) -> str:
    """The title, or "" when ingest fell back to the file name for want of one."""
    title = article.source.title.strip()
    return "" if title == Path(article.source.path).stem else title


def display_title(article: Article, limit: int = 90) -> str:
    """The title, or for an untitled article the start of its first line.

    >>> from crosscheck.types import Source
    >>> display_title(Article(Source("w", "p/w.txt", "w", "W"), "Rain fell all day.\\nMore."))
    'Rain fell all day.'
    """
    title = real_title(article)
    if title:
        return title
    first = article.text.strip().split("\n", 1)[0]
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + " …"


def lead_text(article: Article, limit: int = LEAD_CHARS) -> str:
    """What is embedded for grouping: the title and the first ``limit`` characters.

    >>> from crosscheck.types import Source
    >>> lead_text(Article(Source("w", "w.txt", "Quake hits", "W"), "A strong quake hit."))
    'Quake hits\\nA strong quake hit.'
    """
    body = article.text[:limit]
    if len(article.text) > limit and " " in body:
        body = body.rsplit(" ", 1)[0]
    title = real_title(article)
    return f"{title}\n{body}" if title else body


def names(text: str) -> set[str]:
    """Capitalised words used as names: mid-sentence ones, and openers seen mid-sentence too.

    >>> sorted(names("Police said Marlow entered rehab. Marlow's agent confirmed it in Eastbrook."))
    ['eastbrook', 'marlow']
    """
    inner: set[str] = set()
    openers: set[str] = set()
    for line in text.splitlines():
        for match in _WORD.finditer(line):
            word = match.group()
            if not word[0].isupper():
                continue
            folded = _fold(word)
            if folded in _NOT_NAMES or len(folded) < 2:
                continue
            before = line[: match.start()].rstrip()
            if not before or before[-1] in ".!?:;\"“”'‘’—–-(":
                openers.add(folded)
            else:
                inner.add(folded)
    return inner | (openers & inner)


def title_words(title: str) -> set[str]:
    """Content words of a headline, folded.

    >>> sorted(title_words("Lindsay Lohan checks into rehab, again"))
    ['again', 'checks', 'lindsay', 'lohan', 'rehab']
    """
    return {
        folded
        for folded in (_fold(w) for w in _WORD.findall(title))
        if len(folded) > 2 and folded not in _STOPWORDS
    }


def terms(article: Article) -> frozenset[str]:
    """The names of an article's opening and the content words of its title."""
    return frozenset(names(article.text[:NAME_CHARS]) | title_words(real_title(article)))


@dataclass(frozen=True, slots=True)
class Group:
    """One story found in a pile (indexes into the articles given to ``group_stories``).

    ``members`` are compared (one per outlet); ``set_aside`` are further articles of an
    outlet already in ``members``; ``central`` is the member closest to the group's mean
    among those with a title (it names the story).
    """

    members: tuple[int, ...]
    set_aside: tuple[int, ...]
    central: int


@dataclass(frozen=True, slots=True)
class Grouping:
    """The stories of a pile, the articles left alone, and how many pairs were scored."""

    groups: tuple[Group, ...]
    singletons: tuple[int, ...]
    candidate_pairs: int


class _Clusters:
    """Union-find over articles, keeping per group what the merge test needs."""

    def __init__(self, vectors: np.ndarray, dates: Sequence[dt.date | None]) -> None:
        self.parent = list(range(len(dates)))
        self.members = [[i] for i in range(len(dates))]
        self.size = [1] * len(dates)
        self.total = [vectors[i].astype(np.float64) for i in range(len(dates))]
        self.first = list(dates)
        self.last = list(dates)

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def mean_cosine(self, a: int, b: int) -> float:
        """Mean cosine over all cross pairs: sum(A) . sum(B) / (|A| |B|) for unit vectors."""
        return float(self.total[a] @ self.total[b]) / (self.size[a] * self.size[b])

    def span_days(self, a: int, b: int) -> int:
        dates = [d for d in (self.first[a], self.last[a], self.first[b], self.last[b]) if d]
        return (max(dates) - min(dates)).days if dates else 0

    def union(self, a: int, b: int) -> None:
        if self.size[a] < self.size[b]:
            a, b = b, a
        self.parent[b] = a
        self.members[a].extend(self.members[b])
        self.members[b] = []
        self.size[a] += self.size[b]
        self.total[a] = self.total[a] + self.total[b]
        firsts = [d for d in (self.first[a], self.first[b]) if d]
        lasts = [d for d in (self.last[a], self.last[b]) if d]
        self.first[a] = min(firsts) if firsts else None
        self.last[a] = max(lasts) if lasts else None


def _idf(term_sets: Sequence[frozenset[str]]) -> tuple[dict[str, float], dict[str, list[int]]]:
    postings: dict[str, list[int]] = {}
    for i, found in enumerate(term_sets):
        for term in found:
            postings.setdefault(term, []).append(i)
    n = len(term_sets)
    idf = {term: math.log((n + 1) / len(rows)) for term, rows in postings.items()}
    return idf, postings


class _Shares:
    """IDF-weighted Jaccard of two articles' terms, 0..1, from precomputed set weights
    (the union's weight is the two weights minus the shared one)."""

    def __init__(self, term_sets: Sequence[frozenset[str]], idf: dict[str, float]) -> None:
        self.term_sets = term_sets
        self.idf = idf
        self.weight = [sum(idf[t] for t in terms) for terms in term_sets]

    def __call__(self, i: int, j: int) -> float:
        a, b = self.term_sets[i], self.term_sets[j]
        if len(a) > len(b):
            a, b = b, a
        shared = sum(self.idf[t] for t in a if t in b)
        union = self.weight[i] + self.weight[j] - shared
        return shared / union if union > 0 else 0.0


def candidate_pairs(
    postings: dict[str, list[int]], max_df: int = BLOCK_MAX_DF
) -> set[tuple[int, int]]:
    """Pairs of articles sharing a term found in 2..max_df articles."""
    pairs: set[tuple[int, int]] = set()
    for rows in postings.values():
        if 2 <= len(rows) <= max_df:
            for x in range(len(rows)):
                for y in range(x + 1, len(rows)):
                    pairs.add((rows[x], rows[y]))
    return pairs


def group_stories(
    articles: Sequence[Article],
    vectors: np.ndarray,
    *,
    window_days: int | None = DATE_WINDOW_DAYS,
    edge_min_score: float = EDGE_MIN_SCORE,
    cluster_min_score: float = CLUSTER_MIN_SCORE,
    term_weight: float = TERM_WEIGHT,
    max_df: int = BLOCK_MAX_DF,
) -> Grouping:
    """Group articles into stories. ``vectors[k]`` is the unit vector of ``lead_text(articles[k])``.

    ``window_days=None`` ignores publication dates.
    """
    n = len(articles)
    if n == 0:
        return Grouping((), (), 0)
    dates = [a.source.published for a in articles]
    term_sets = [terms(a) for a in articles]
    idf, postings = _idf(term_sets)
    pairs = candidate_pairs(postings, max_df)
    share = _Shares(term_sets, idf)
    edges = []
    for i, j in pairs:
        di, dj = dates[i], dates[j]
        if window_days is not None and di and dj and abs((di - dj).days) > window_days:
            continue
        score = float(vectors[i] @ vectors[j]) + term_weight * share(i, j)
        if score >= edge_min_score:
            edges.append((score, i, j))
    # Strongest first; ties broken by position so that a run is reproducible.
    edges.sort(key=lambda edge: (-edge[0], edge[1], edge[2]))
    clusters = _Clusters(vectors, dates)
    # A root only grows, so (root, size) names one state of a group: a merge refused
    # once is not worked out again for the next link between the same two groups.
    refused: set[tuple[int, int, int, int]] = set()
    for _score, i, j in edges:
        a, b = sorted((clusters.find(i), clusters.find(j)))
        if a == b:
            continue
        state = (a, b, clusters.size[a], clusters.size[b])
        if state in refused:
            continue
        if window_days is not None and clusters.span_days(a, b) > window_days:
            refused.add(state)
            continue
        left, right = _spread(clusters.members[a]), _spread(clusters.members[b])
        shares = sum(share(x, y) for x in left for y in right)
        mean_score = clusters.mean_cosine(a, b) + term_weight * shares / (len(left) * len(right))
        if mean_score < cluster_min_score:
            refused.add(state)
            continue
        clusters.union(a, b)
    by_root: dict[int, list[int]] = {}
    for i in range(n):
        by_root.setdefault(clusters.find(i), []).append(i)
    groups, singletons = [], []
    for rows in sorted(by_root.values()):
        if len(rows) == 1:
            singletons.append(rows[0])
        else:
            groups.append(_one_per_outlet(articles, vectors, rows))
    return Grouping(tuple(groups), tuple(singletons), len(pairs))


def _spread(members: list[int], most: int = MERGE_SAMPLE) -> list[int]:
    """At most ``most`` members, evenly spread over the list (all of them if fewer)."""
    if len(members) <= most:
        return members
    step = len(members) / most
    return [members[int(k * step)] for k in range(most)]


def _one_per_outlet(articles: Sequence[Article], vectors: np.ndarray, rows: list[int]) -> Group:
    mean = vectors[rows].mean(axis=0)
    centrality = {i: float(vectors[i] @ mean) for i in rows}
    by_outlet: dict[str, list[int]] = {}
    for i in rows:
        outlet = articles[i].source.outlet.casefold() or articles[i].source.id
        by_outlet.setdefault(outlet, []).append(i)
    members: list[int] = []
    set_aside: list[int] = []
    for candidates in by_outlet.values():
        # The latest version an outlet published is the one a reader sees today.
        best = max(
            candidates,
            key=lambda i: (articles[i].source.published or dt.date.min, centrality[i], -i),
        )
        members.append(best)
        set_aside.extend(i for i in candidates if i != best)
    # The title shown for the story: the most central member that has a real title.
    titled = [i for i in members if real_title(articles[i])] or members
    central = max(titled, key=lambda i: (centrality[i], -i))
    return Group(tuple(sorted(members)), tuple(sorted(set_aside)), central)
