"""Scoring: one compare report (its JSON as a dict) against one gold cluster.

>>> str(Ratio(6, 10)), str(Ratio()), Ratio(1, 2) + Ratio(2, 3)
('0.60 (6/10)', 'n/a', Ratio(hits=3, total=5))
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from crosscheck.errors import EvalError
from crosscheck.evaluate.gold import Gold, GoldDivergence, GoldFact, GoldOmission, fold
from crosscheck.report.json import ReportError, from_dict
from crosscheck.types import Divergence, Kind

# (report source id, sentence index): how the report's JSON names a sentence.
Ref = tuple[str, int]


# ---------------------------------------------------------------------------- scores


@dataclass(frozen=True, slots=True)
class Ratio:
    """``hits`` of ``total`` judged items. For a recall, tp = hits and fn = misses;
    for a precision, tp = hits and fp = misses."""

    hits: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        """The share, or ``None`` when there was nothing to judge (0/0)."""
        return self.hits / self.total if self.total else None

    @property
    def misses(self) -> int:
        return self.total - self.hits

    def __add__(self, other: Ratio) -> Ratio:
        return Ratio(self.hits + other.hits, self.total + other.total)

    def __str__(self) -> str:
        value = self.value
        return "n/a" if value is None else f"{value:.2f} ({self.hits}/{self.total})"


@dataclass(frozen=True, slots=True)
class SentenceView:
    """A report sentence as shown in score details."""

    source: str  # the report's source id
    index: int
    text: str

    def __str__(self) -> str:
        return f"{self.source}#{self.index}: {shorten(self.text)}"


@dataclass(frozen=True, slots=True)
class FalseAlarm:
    """A tool divergence between gold-mentioned sentences that gold does not list.

    ``gold`` says what gold makes of the pair: ``benign`` (listed as a difference not
    to flag), ``consistent`` (same fact, nothing to flag), ``other kind`` (gold lists a
    divergence of another kind) or ``different facts`` (the sentences state no common
    fact: the tool compared sentences it should not have aligned).
    """

    kind: str
    rules: tuple[str, ...]
    left: SentenceView
    right: SentenceView
    left_value: str
    right_value: str
    gold: str
    gold_detail: str = ""


@dataclass(frozen=True, slots=True)
class MissedDivergence:
    """A gold divergence the tool did not report, and the likely reason."""

    id: str
    fact: str
    kind: str
    sources: tuple[str, str]  # gold source ids
    detail: str
    reason: str
    left: SentenceView | None = None
    right: SentenceView | None = None


@dataclass(frozen=True, slots=True)
class MissedAlignment:
    fact: str
    sources: tuple[str, str]  # gold source ids
    reason: str
    left: SentenceView | None = None
    right: SentenceView | None = None


@dataclass(frozen=True, slots=True)
class KindScore:
    """Divergence scores of one kind: recall over gold kinds, precision over tool kinds."""

    kind: str
    recall: Ratio = field(default_factory=Ratio)
    precision: Ratio = field(default_factory=Ratio)

    def __add__(self, other: KindScore) -> KindScore:
        return KindScore(self.kind, self.recall + other.recall, self.precision + other.precision)


@dataclass(frozen=True, slots=True)
class ClusterScore:
    """The scores of one cluster (or of all, for the total) with what explains them."""

    name: str
    story: str
    alignment_recall: Ratio
    alignment_precision: Ratio
    divergence_recall: Ratio
    divergence_precision: Ratio
    omission_recall: Ratio
    per_kind: tuple[KindScore, ...] = ()
    false_alarms: tuple[FalseAlarm, ...] = ()
    missed_divergences: tuple[MissedDivergence, ...] = ()
    missed_alignments: tuple[MissedAlignment, ...] = ()
    missed_omissions: tuple[GoldOmission, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def false_alarm_count(self) -> int:
        return self.divergence_precision.misses


# What to_json and the quality floors read, in table order.
METRICS = (
    "alignment_recall",
    "alignment_precision",
    "divergence_recall",
    "divergence_precision",
    "omission_recall",
)


@dataclass(frozen=True, slots=True)
class EvalResult:
    clusters: tuple[ClusterScore, ...]

    @property
    def total(self) -> ClusterScore:
        """Micro-average: the counts of all clusters summed (details concatenated)."""
        return _sum_scores(self.clusters)

    def cluster(self, name: str) -> ClusterScore:
        for score in self.clusters:
            if score.name == name:
                return score
        raise KeyError(name)


def _sum_scores(scores: Sequence[ClusterScore], name: str = "total") -> ClusterScore:
    kinds: dict[str, KindScore] = {}
    for score in scores:
        for ks in score.per_kind:
            kinds[ks.kind] = kinds[ks.kind] + ks if ks.kind in kinds else ks
    return ClusterScore(
        name=name,
        story="",
        alignment_recall=sum((s.alignment_recall for s in scores), Ratio()),
        alignment_precision=sum((s.alignment_precision for s in scores), Ratio()),
        divergence_recall=sum((s.divergence_recall for s in scores), Ratio()),
        divergence_precision=sum((s.divergence_precision for s in scores), Ratio()),
        omission_recall=sum((s.omission_recall for s in scores), Ratio()),
        per_kind=tuple(sorted(kinds.values(), key=lambda k: _kind_order(k.kind))),
        false_alarms=tuple(a for s in scores for a in s.false_alarms),
        missed_divergences=tuple(m for s in scores for m in s.missed_divergences),
        missed_alignments=tuple(m for s in scores for m in s.missed_alignments),
        missed_omissions=tuple(m for s in scores for m in s.missed_omissions),
        warnings=tuple(f"{s.name}: {w}" for s in scores for w in s.warnings),
    )


def _kind_order(kind: str) -> tuple[int, str]:
    values = Kind.values()
    return (values.index(kind), kind) if kind in values else (len(values), kind)


# ---------------------------------------------------------------------- report input


class _Report:
    """The report JSON read into what scoring needs, with gold ids mapped to report ids."""

    def __init__(self, gold: Gold, report: Any) -> None:
        if not isinstance(report, Mapping):
            raise EvalError(f"report for {gold.path}: expected a JSON object, not {type(report)}")
        try:
            parsed = from_dict(report)
        except ReportError as exc:
            raise EvalError(str(exc)) from None
        by_file = {PurePath(source.path).name: source.id for source in parsed.sources}
        self.report_id: dict[str, str] = {}
        for gold_source in gold.sources:
            name = PurePath(gold_source.file).name
            if name not in by_file:
                listed = ", ".join(sorted(by_file)) or "none"
                raise EvalError(
                    f"{gold.path}: the report has no source read from {name}"
                    f" (report source files: {listed})"
                )
            self.report_id[gold_source.id] = by_file[name]
        self.gold_id = {rid: gid for gid, rid in self.report_id.items()}

        self.text: dict[Ref, str] = {s.ref: s.text for s in parsed.sentences}
        # Per report source: (index, folded text) in reading order, for mention lookup.
        self.folded: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for (source, index), text in sorted(self.text.items()):
            self.folded[source].append((index, fold(text)))

        self.alignments = [(a.left.ref, a.right.ref) for a in parsed.alignments]
        self.divergences = parsed.divergences
        # Omission entries of the JSON: omitted sentences, and sentences with details.
        self.omissions = {s.ref for s in (*parsed.omissions, *parsed.details)}

    def view(self, ref: Ref) -> SentenceView:
        return SentenceView(ref[0], ref[1], self.text.get(ref, "(not in the report's sentences)"))


class _Mentions:
    """Resolves gold mentions to report sentences, remembering warnings once each."""

    def __init__(self, report: _Report) -> None:
        self.report = report
        self.warnings: list[str] = []
        self._cache: dict[tuple[str, str], tuple[Ref, ...]] = {}

    def resolve(self, gold_source: str, mention: str) -> tuple[Ref, ...]:
        key = (gold_source, mention)
        if key not in self._cache:
            self._cache[key] = self._resolve(gold_source, mention)
        return self._cache[key]

    def _resolve(self, gold_source: str, mention: str) -> tuple[Ref, ...]:
        source = self.report.report_id[gold_source]
        sentences = self.report.folded.get(source, [])
        needle = fold(mention)
        where = f'mention "{shorten(mention, 60)}" ({gold_source})'
        hits = [index for index, text in sentences if needle in text]
        if hits:
            if len(hits) > 1:
                listed = ", ".join(f"#{i}" for i in hits)
                self.warnings.append(
                    f"{where} is in {len(hits)} sentences of {source} ({listed}); using #{hits[0]}"
                )
            return ((source, hits[0]),)
        # Not within one sentence: perhaps the segmenter cut through it.
        spans, joined, offset = [], [], 0
        for index, text in sentences:
            spans.append((index, offset, offset + len(text)))
            joined.append(text)
            offset += len(text) + 1
        start = " ".join(joined).find(needle)
        if start >= 0:
            end = start + len(needle)
            pieces = tuple((source, i) for i, lo, hi in spans if lo < end and hi > start)
            listed = ", ".join(f"#{i}" for _, i in pieces)
            self.warnings.append(
                f"{where} runs over sentences {listed} of {source} (the segmenter split it);"
                " any of them counts"
            )
            return pieces
        self.warnings.append(f"{where} is in no sentence of {source}")
        return ()


def shorten(text: str, width: int = 200) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# --------------------------------------------------------------------------- scoring


def score_cluster(gold: Gold, report: Mapping[str, Any], name: str | None = None) -> ClusterScore:
    """Score one report (the compare JSON as a dict) against its gold cluster.

    >>> score = score_cluster(gold, report)            # doctest: +SKIP
    >>> str(score.alignment_recall)                    # doctest: +SKIP
    '0.60 (6/10)'
    """
    tool = _Report(gold, report)
    mentions = _Mentions(tool)
    facts = {fact.id: fact for fact in gold.facts}

    # fact id -> gold source id -> the report sentences standing for its mention
    fact_refs: dict[str, dict[str, tuple[Ref, ...]]] = {
        fact.id: {m.source: mentions.resolve(m.source, m.text) for m in fact.mentions}
        for fact in gold.facts
    }
    # report sentence -> the facts gold says it states
    facts_at: dict[Ref, set[str]] = defaultdict(set)
    for fact_id, by_source in fact_refs.items():
        for refs in by_source.values():
            for ref in refs:
                facts_at[ref].add(fact_id)

    def sides(fact_id: str, pair: tuple[str, str]) -> tuple[SentenceView | None, ...]:
        return tuple(
            tool.view(fact_refs[fact_id][s][0]) if fact_refs[fact_id][s] else None for s in pair
        )

    def crosses(fact_id: str, pair: tuple[str, str]) -> set[frozenset[Ref]]:
        """Every sentence pair that stands for this fact's mentions in the two sources."""
        left, right = (fact_refs[fact_id][s] for s in pair)
        return {frozenset((a, b)) for a in left for b in right}

    warnings: list[str] = []

    # -- alignments
    tool_pairs: set[frozenset[Ref]] = set()
    for left, right in tool.alignments:
        if left[0] == right[0]:
            warnings.append(f"alignment {left[0]}#{left[1]} - #{right[1]} is within one source")
            continue
        tool_pairs.add(frozenset((left, right)))

    align_hits, align_total = 0, 0
    missed_alignments: list[MissedAlignment] = []
    for fact in gold.facts:
        sources = fact.sources
        for i, first in enumerate(sources):
            for second in sources[i + 1 :]:
                duo = (first, second)
                align_total += 1
                if crosses(fact.id, duo) & tool_pairs:
                    align_hits += 1
                    continue
                found = all(fact_refs[fact.id][s] for s in duo)
                missed_alignments.append(
                    MissedAlignment(
                        fact.id,
                        duo,
                        "sentences not aligned" if found else "mention not found",
                        *sides(fact.id, duo),
                    )
                )
    judged = [p for p in tool_pairs if all(ref in facts_at for ref in p)]
    correct = [p for p in judged if set.intersection(*(facts_at[ref] for ref in p))]

    # -- divergences, one unit per (sentence pair, kind)
    units: dict[tuple[frozenset[Ref], str], list[Divergence]] = defaultdict(list)
    unit_sides: dict[tuple[frozenset[Ref], str], tuple[Ref, Ref]] = {}
    for div in tool.divergences:
        left, right = div.left.ref, div.right.ref
        key = (frozenset((left, right)), div.kind.value)
        units[key].append(div)
        unit_sides.setdefault(key, (left, right))

    gold_units: dict[tuple[frozenset[Ref], str], GoldDivergence] = {}
    for gd in gold.divergences:
        for pair in crosses(gd.fact, gd.sources):
            gold_units.setdefault((pair, gd.kind.value), gd)

    kind_recall: dict[str, Ratio] = defaultdict(Ratio)
    kind_precision: dict[str, Ratio] = defaultdict(Ratio)
    div_hits = 0
    missed: list[MissedDivergence] = []
    for gd in gold.divergences:
        pairs = crosses(gd.fact, gd.sources)
        hit = any((pair, gd.kind.value) in units for pair in pairs)
        div_hits += hit
        kind_recall[gd.kind.value] += Ratio(int(hit), 1)
        if hit:
            continue
        other = sorted({kind for (pair, kind) in units if pair in pairs})
        if not pairs:
            reason = "mention not found"
        elif other:
            reason = f"flagged as {', '.join(other)}, not {gd.kind.value}"
        elif pairs & tool_pairs:
            reason = "aligned but not flagged"
        else:
            reason = "sentences not aligned"
        missed.append(
            MissedDivergence(
                gd.id,
                gd.fact,
                gd.kind.value,
                gd.sources,
                gd.detail,
                reason,
                *sides(gd.fact, gd.sources),
            )
        )

    false_alarms: list[FalseAlarm] = []
    flag_hits, flag_total = 0, 0
    for key, divs in units.items():
        pair, kind = key
        left, right = unit_sides[key]
        if left[0] == right[0] or not all(ref in facts_at for ref in pair):
            continue  # within one source, or a sentence gold says nothing about
        flag_total += 1
        ok = key in gold_units
        flag_hits += ok
        kind_precision[kind] += Ratio(int(ok), 1)
        if ok:
            continue
        verdict, detail = _gold_verdict(gold, tool, facts, facts_at, left, right)
        false_alarms.append(
            FalseAlarm(
                kind=kind,
                rules=tuple(dict.fromkeys(d.rule for d in divs)),
                left=tool.view(left),
                right=tool.view(right),
                left_value=divs[0].left_value,
                right_value=divs[0].right_value,
                gold=verdict,
                gold_detail=detail,
            )
        )

    # -- omissions
    omission_hits = 0
    missed_omissions: list[GoldOmission] = []
    for omission in gold.omissions:
        if set(mentions.resolve(omission.source, omission.mention)) & tool.omissions:
            omission_hits += 1
        else:
            missed_omissions.append(omission)

    per_kind = tuple(
        KindScore(kind, kind_recall.get(kind, Ratio()), kind_precision.get(kind, Ratio()))
        for kind in sorted(set(Kind.values()) | set(kind_precision), key=_kind_order)
    )
    return ClusterScore(
        name=name or gold.story,
        story=gold.story,
        alignment_recall=Ratio(align_hits, align_total),
        alignment_precision=Ratio(len(correct), len(judged)),
        divergence_recall=Ratio(div_hits, len(gold.divergences)),
        divergence_precision=Ratio(flag_hits, flag_total),
        omission_recall=Ratio(omission_hits, len(gold.omissions)),
        per_kind=per_kind,
        false_alarms=tuple(false_alarms),
        missed_divergences=tuple(missed),
        missed_alignments=tuple(missed_alignments),
        missed_omissions=tuple(missed_omissions),
        warnings=tuple(mentions.warnings + warnings),
    )


def _gold_verdict(
    gold: Gold,
    tool: _Report,
    facts: Mapping[str, GoldFact],
    facts_at: Mapping[Ref, set[str]],
    left: Ref,
    right: Ref,
) -> tuple[str, str]:
    """What gold says about a flagged sentence pair that is not a gold divergence."""
    shared = sorted(facts_at[left] & facts_at[right])
    if not shared:
        return "different facts", (
            f"{left[0]}#{left[1]} states {', '.join(sorted(facts_at[left]))}; "
            f"{right[0]}#{right[1]} states {', '.join(sorted(facts_at[right]))}"
        )
    pair = {tool.gold_id.get(left[0]), tool.gold_id.get(right[0])}
    divs = [d for d in gold.divergences if d.fact in shared and set(d.sources) == pair]
    benign = [b for b in gold.benign if b.fact in shared and set(b.sources) == pair]
    if divs:
        return "other kind", "; ".join(f"{d.id} {d.kind.value}: {d.detail}" for d in divs)
    if benign:
        return "benign", "; ".join(f"{b.fact} {b.kind.value}: {b.detail}" for b in benign)
    labels = "; ".join(f"{f}: {facts[f].label}" for f in shared)
    return "consistent", labels
