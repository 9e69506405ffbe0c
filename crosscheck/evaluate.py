"""Score compare reports against gold story clusters (``../shared/eval/FORMAT.md``).

>>> gold = load_gold(Path("../shared/eval/dev/google-wiz"))        # doctest: +SKIP
>>> score = score_cluster(gold, pipeline_runner()(gold.article_paths))  # doctest: +SKIP
>>> score.divergence_recall                                        # doctest: +SKIP
Ratio(hits=6, total=9)

How FORMAT.md's wording is read here, where it leaves a choice:

- A gold mention names the ONE report sentence that contains it (case-insensitive
  substring after :func:`fold`). If several sentences contain it, the first is used
  and a warning recorded. If the segmenter split the mention over neighbouring
  sentences, every piece stands for the mention (with a warning): the evaluation then
  measures alignment and rules, not where the segmenter cut. A mention found in no
  sentence is a miss for everything that needs it.
- "The tool pairs the two sentences" means a direct entry in the report's
  ``alignments`` (either order); membership of the same fact group does not count.
- Units: a gold alignment is one pair of mentions of one fact (two facts stated in
  the same two sentences are two gold alignments). Tool pairs and tool divergences are
  counted once per distinct sentence pair (and kind): a rule engine that says the same
  thing twice is neither rewarded nor punished twice.
- Only fact mentions make a sentence "contain gold mentions"; omission mentions do not
  (an omission sentence may state facts the annotator left out).
- A ratio with nothing to judge (0/0) has the value ``None``, shown as ``n/a``: a
  cluster without gold divergences has no divergence recall. Totals are micro-averages:
  they sum the counts of all clusters.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import math
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import Any

import yaml
from tabulate import tabulate

from crosscheck.errors import EvalError
from crosscheck.types import Kind

GOLD_FILE = "gold.yaml"

# (report source id, sentence index): how the report's JSON names a sentence.
Ref = tuple[str, int]


# --------------------------------------------------------------------------- folding

_FOLD = str.maketrans(
    {
        **dict.fromkeys("‘’‚‛′‹›", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        # hyphen, non-breaking hyphen, figure dash, en dash, em dash, bar, minus sign
        **dict.fromkeys("‐‑‒–—―−", "-"),
        # soft hyphen and zero-width characters are invisible in print but break matching
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\ufeff", ""),
    }
)
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Fold text for mention matching: NFC, ASCII quotes/dashes, one space, casefold.

    >>> fold("Kyiv’s  “memorandum” — in\\nfull")
    'kyiv\\'s "memorandum" - in full'
    """
    return _SPACE.sub(" ", unicodedata.normalize("NFC", text).translate(_FOLD)).strip().casefold()


# ------------------------------------------------------------------------------ gold


@dataclass(frozen=True, slots=True)
class GoldSource:
    id: str
    file: str
    path: Path
    outlet: str = ""
    published: dt.date | None = None


@dataclass(frozen=True, slots=True)
class GoldMention:
    source: str
    text: str


@dataclass(frozen=True, slots=True)
class GoldFact:
    id: str
    label: str
    mentions: tuple[GoldMention, ...]

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(mention.source for mention in self.mentions)

    def mention(self, source: str) -> str | None:
        for mention in self.mentions:
            if mention.source == source:
                return mention.text
        return None


@dataclass(frozen=True, slots=True)
class GoldDivergence:
    id: str
    fact: str
    kind: Kind
    sources: tuple[str, str]
    detail: str = ""


@dataclass(frozen=True, slots=True)
class GoldBenign:
    fact: str
    kind: Kind
    sources: tuple[str, str]
    detail: str = ""


@dataclass(frozen=True, slots=True)
class GoldOmission:
    source: str
    mention: str


@dataclass(frozen=True, slots=True)
class Gold:
    """One annotated story cluster, validated against its article files."""

    story: str
    path: Path
    sources: tuple[GoldSource, ...]
    facts: tuple[GoldFact, ...]
    divergences: tuple[GoldDivergence, ...] = ()
    benign: tuple[GoldBenign, ...] = ()
    omissions: tuple[GoldOmission, ...] = ()
    note: str = ""

    @property
    def article_paths(self) -> list[Path]:
        """The article files, in the order gold.yaml lists them (what ``run`` is given)."""
        return [source.path for source in self.sources]

    def fact(self, fact_id: str) -> GoldFact:
        for fact in self.facts:
            if fact.id == fact_id:
                return fact
        raise KeyError(fact_id)


_TOP_KEYS = ("story", "note", "sources", "facts", "divergences", "benign", "omissions")
_ENTRY_KEYS = {
    "sources": ("id", "file", "outlet", "published", "note"),
    "facts": ("id", "label", "mentions", "note"),
    "divergences": ("id", "fact", "kind", "sources", "detail", "note"),
    "benign": ("fact", "kind", "sources", "detail", "note"),
    "omissions": ("source", "mention", "note"),
}


class _GoldReader:
    """Validation helpers that name the gold file and the entry in every error."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def error(self, what: str) -> EvalError:
        return EvalError(f"{self.path}: {what}")

    def entries(self, data: Mapping[str, Any], section: str, required: bool) -> list[Any]:
        if section not in data or data[section] is None:
            if required:
                raise self.error(f'missing "{section}"')
            return []
        entries = data[section]
        if not isinstance(entries, list):
            raise self.error(f'"{section}" must be a list')
        valid = _ENTRY_KEYS[section]
        for number, entry in enumerate(entries, 1):
            if not isinstance(entry, dict):
                raise self.error(f"{section} entry {number} must be a mapping of key: value")
            for key in entry:
                if key not in valid:
                    raise self.error(
                        f'{section} entry {number}: unknown key "{key}" (valid: {", ".join(valid)})'
                    )
        return entries

    def text(
        self, entry: Mapping[str, Any], key: str, where: str, default: str | None = None
    ) -> str:
        value = entry.get(key, default)
        if value is None:
            raise self.error(f'{where}: missing "{key}"')
        if not isinstance(value, str) or (default is None and not value.strip()):
            raise self.error(f'{where}: "{key}" must be text (quote it in YAML), not {value!r}')
        return value

    def kind(self, entry: Mapping[str, Any], where: str) -> Kind:
        try:
            return Kind(self.text(entry, "kind", where))
        except ValueError:
            raise self.error(
                f'{where}: unknown kind "{entry["kind"]}" (valid: {", ".join(Kind.values())})'
            ) from None

    def pair(
        self, entry: Mapping[str, Any], where: str, facts: Mapping[str, GoldFact]
    ) -> tuple[str, tuple[str, str]]:
        """The ``fact`` and ``sources`` of a divergence or benign entry, cross-checked."""
        fact_id = self.text(entry, "fact", where)
        if fact_id not in facts:
            raise self.error(f'{where}: unknown fact "{fact_id}" (known: {", ".join(facts)})')
        sources = entry.get("sources")
        if (
            not isinstance(sources, list)
            or len(sources) != 2
            or not all(isinstance(s, str) for s in sources)
            or sources[0] == sources[1]
        ):
            raise self.error(f'{where}: "sources" must list two different source ids')
        mentioned = facts[fact_id].sources
        for source in sources:
            if source not in mentioned:
                raise self.error(
                    f'{where}: fact "{fact_id}" has no mention in source "{source}"'
                    f" (it has: {', '.join(mentioned)})"
                )
        return fact_id, (sources[0], sources[1])


def _find_file(name: str, cluster_dir: Path, search_dirs: Sequence[Path]) -> Path | None:
    for folder in (cluster_dir, *search_dirs):
        candidate = Path(folder) / name
        if candidate.is_file():
            return candidate
    return None


_TAG = re.compile(r"<[^>]+>")


def _searchable(path: Path) -> tuple[str, ...]:
    """Folded forms of a raw article file that a copied mention must occur in.

    HTML is unescaped with tags removed both outright and as a space, because a
    mention may run across an inline tag or sit next to a block tag.
    """
    raw = path.read_text(encoding="utf-8")
    return (
        fold(raw),
        fold(html.unescape(_TAG.sub("", raw))),
        fold(html.unescape(_TAG.sub(" ", raw))),
    )


def load_gold(cluster_dir: Path | str, search_dirs: Sequence[Path | str] = ()) -> Gold:
    """Read and validate ``<cluster_dir>/gold.yaml`` (or a gold file given directly).

    Article files are looked up beside gold.yaml, then in each of ``search_dirs``
    (the seeds gold names files that live in the repository's ``seeds/``).
    ``EvalError`` names the gold file and what is wrong.

    >>> gold = load_gold("../shared/eval/seeds", search_dirs=["seeds"])  # doctest: +SKIP
    >>> [source.id for source in gold.sources]                           # doctest: +SKIP
    ['latest', 'mt']
    """
    cluster_dir = Path(cluster_dir)
    path = cluster_dir if cluster_dir.suffix in (".yaml", ".yml") else cluster_dir / GOLD_FILE
    folder = path.parent
    read = _GoldReader(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EvalError(f"{path}: no such gold file") from None
    except OSError as exc:
        raise read.error(f"cannot read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise read.error("not UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise read.error(
            "not valid YAML" + (f" (line {mark.line + 1})" if mark is not None else "")
        ) from None
    if not isinstance(data, dict):
        raise read.error("gold must be a mapping with story, sources, facts, ...")
    for key in data:
        if key not in _TOP_KEYS:
            raise read.error(f'unknown key "{key}" (valid: {", ".join(_TOP_KEYS)})')
    story = read.text(data, "story", "gold")
    note = data.get("note") or ""

    sources: dict[str, GoldSource] = {}
    texts: dict[str, tuple[str, ...]] = {}
    for number, entry in enumerate(read.entries(data, "sources", required=True), 1):
        where = f"source {number}"
        source_id = read.text(entry, "id", where)
        where = f'source "{source_id}"'
        if source_id in sources:
            raise read.error(f"{where}: the id is used twice")
        file = read.text(entry, "file", where)
        found = _find_file(file, folder, [Path(d) for d in search_dirs])
        if found is None:
            places = ", ".join(str(d) for d in (folder, *search_dirs))
            raise read.error(f'{where}: article file "{file}" not found (looked in {places})')
        try:
            texts[source_id] = _searchable(found)
        except (OSError, UnicodeDecodeError) as exc:
            raise read.error(f'{where}: cannot read "{found}" as UTF-8 text ({exc})') from None
        published = entry.get("published")
        if isinstance(published, str):
            try:
                published = dt.date.fromisoformat(published)
            except ValueError:
                raise read.error(
                    f'{where}: "published" must be a date such as 2025-06-02'
                ) from None
        if published is not None and not isinstance(published, dt.date):
            raise read.error(f'{where}: "published" must be a date such as 2025-06-02')
        if isinstance(published, dt.datetime):
            published = published.date()
        sources[source_id] = GoldSource(
            id=source_id,
            file=file,
            path=found,
            outlet=read.text(entry, "outlet", where, default=""),
            published=published,
        )
    if len(sources) < 2:
        raise read.error("a cluster needs two or more sources")

    def check_mention(source: str, mention: Any, where: str) -> str:
        if source not in sources:
            raise read.error(f'{where}: unknown source "{source}" (known: {", ".join(sources)})')
        if not isinstance(mention, str) or not mention.strip():
            raise read.error(f"{where}: the mention in {source} must be text, not {mention!r}")
        if not any(fold(mention) in text for text in texts[source]):
            raise read.error(
                f'{where}: mention "{mention}" is not in {sources[source].file}'
                " (copy it exactly from the file)"
            )
        return mention

    facts: dict[str, GoldFact] = {}
    for number, entry in enumerate(read.entries(data, "facts", required=True), 1):
        fact_id = read.text(entry, "id", f"fact {number}")
        where = f'fact "{fact_id}"'
        if fact_id in facts:
            raise read.error(f"{where}: the id is used twice")
        mentions = entry.get("mentions")
        if not isinstance(mentions, dict):
            raise read.error(f'{where}: "mentions" must map source id: "text"')
        if len(mentions) < 2:
            raise read.error(
                f"{where}: mentions in {len(mentions)} source(s); a fact needs two or more"
                " (list a one-source fact under omissions)"
            )
        facts[fact_id] = GoldFact(
            id=fact_id,
            label=read.text(entry, "label", where, default=""),
            mentions=tuple(
                GoldMention(str(source), check_mention(str(source), text, where))
                for source, text in mentions.items()
            ),
        )

    divergences: list[GoldDivergence] = []
    seen_ids: set[str] = set()
    for number, entry in enumerate(read.entries(data, "divergences", required=False), 1):
        div_id = read.text(entry, "id", f"divergence {number}", default=f"d{number}")
        where = f'divergence "{div_id}"'
        if div_id in seen_ids:
            raise read.error(f"{where}: the id is used twice")
        seen_ids.add(div_id)
        fact_id, pair = read.pair(entry, where, facts)
        divergences.append(
            GoldDivergence(
                id=div_id,
                fact=fact_id,
                kind=read.kind(entry, where),
                sources=pair,
                detail=read.text(entry, "detail", where, default=""),
            )
        )

    benign: list[GoldBenign] = []
    for number, entry in enumerate(read.entries(data, "benign", required=False), 1):
        where = f"benign entry {number}"
        fact_id, pair = read.pair(entry, where, facts)
        kind = read.kind(entry, where)
        for div in divergences:
            if div.fact == fact_id and div.kind == kind and set(div.sources) == set(pair):
                raise read.error(f'{where}: the same pair and kind is divergence "{div.id}"')
        benign.append(
            GoldBenign(fact_id, kind, pair, read.text(entry, "detail", where, default=""))
        )

    omissions: list[GoldOmission] = []
    for number, entry in enumerate(read.entries(data, "omissions", required=False), 1):
        where = f"omission {number}"
        source = read.text(entry, "source", where)
        omissions.append(GoldOmission(source, check_mention(source, entry.get("mention"), where)))

    return Gold(
        story=story,
        path=path,
        sources=tuple(sources.values()),
        facts=tuple(facts.values()),
        divergences=tuple(divergences),
        benign=tuple(benign),
        omissions=tuple(omissions),
        note=str(note).strip(),
    )


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
        return f"{self.source}#{self.index}: {_shorten(self.text)}"


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


def _field(item: Any, key: str, where: str) -> Any:
    if not isinstance(item, Mapping) or key not in item:
        raise EvalError(f'report: {where} has no "{key}"')
    return item[key]


def _ref(item: Any, where: str) -> Ref:
    source = _field(item, "source", where)
    index = _field(item, "index", where)
    try:
        return (str(source), int(index))
    except (TypeError, ValueError):
        raise EvalError(f"report: {where} has a sentence index that is not a number") from None


def _list(report: Mapping[str, Any], key: str) -> list[Any]:
    value = report.get(key, [])
    if not isinstance(value, list):
        raise EvalError(f'report: "{key}" must be a list')
    return value


class _Report:
    """The report JSON read into what scoring needs, with gold ids mapped to report ids."""

    def __init__(self, gold: Gold, report: Any) -> None:
        if not isinstance(report, Mapping):
            raise EvalError(f"report for {gold.path}: expected a JSON object, not {type(report)}")
        by_file: dict[str, str] = {}
        for number, source in enumerate(_list(report, "sources")):
            path = _field(source, "path", f"sources[{number}]")
            by_file[PurePath(str(path)).name] = str(_field(source, "id", f"sources[{number}]"))
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

        self.text: dict[Ref, str] = {}
        for number, sentence in enumerate(_list(report, "sentences")):
            where = f"sentences[{number}]"
            self.text[_ref(sentence, where)] = str(_field(sentence, "text", where))
        # Per report source: (index, folded text) in reading order, for mention lookup.
        self.folded: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for (source, index), text in sorted(self.text.items()):
            self.folded[source].append((index, fold(text)))

        self.alignments = [
            (
                _ref(_field(a, "left", f"alignments[{n}]"), f"alignments[{n}].left"),
                _ref(_field(a, "right", f"alignments[{n}]"), f"alignments[{n}].right"),
            )
            for n, a in enumerate(_list(report, "alignments"))
        ]
        self.divergences = _list(report, "divergences")
        self.omissions = {
            _ref(item, f"omissions[{n}]") for n, item in enumerate(_list(report, "omissions"))
        }

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
        where = f'mention "{_shorten(mention, 60)}" ({gold_source})'
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


def _shorten(text: str, width: int = 200) -> str:
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
    units: dict[tuple[frozenset[Ref], str], list[Mapping[str, Any]]] = defaultdict(list)
    unit_sides: dict[tuple[frozenset[Ref], str], tuple[Ref, Ref]] = {}
    for n, div in enumerate(tool.divergences):
        where = f"divergences[{n}]"
        left = _ref(_field(div, "left", where), f"{where}.left")
        right = _ref(_field(div, "right", where), f"{where}.right")
        key = (frozenset((left, right)), str(_field(div, "kind", where)))
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
                rules=tuple(dict.fromkeys(str(d.get("rule", "")) for d in divs)),
                left=tool.view(left),
                right=tool.view(right),
                left_value=str(divs[0].get("left_value", "")),
                right_value=str(divs[0].get("right_value", "")),
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


# ---------------------------------------------------------------------- evaluation

Run = Callable[[list[Path]], Mapping[str, Any]]


def evaluate(
    cluster_dirs: Iterable[Path | str],
    run: Run,
    *,
    search_dirs: Sequence[Path | str] = (),
    root: Path | str | None = None,
) -> EvalResult:
    """Run ``run`` on the articles of each cluster and score its report against gold.

    ``run`` gets the article paths in gold order and returns the report JSON as a dict
    (:func:`pipeline_runner` makes one that runs the real pipeline). A cluster's name is its
    folder relative to ``root`` (``dev/google-wiz``), else the folder name.

    >>> clusters = find_clusters("../shared/eval")                    # doctest: +SKIP
    >>> result = evaluate(clusters.values(), pipeline_runner(),
    ...                   search_dirs=["seeds"], root="../shared/eval")  # doctest: +SKIP
    >>> print(render_table(result))                                    # doctest: +SKIP
    """
    scores = []
    for cluster_dir in map(Path, cluster_dirs):
        gold = load_gold(cluster_dir, search_dirs)
        folder = gold.path.parent
        name = folder.name
        if root is not None and folder.resolve().is_relative_to(Path(root).resolve()):
            name = folder.resolve().relative_to(Path(root).resolve()).as_posix()
        scores.append(score_cluster(gold, run(gold.article_paths), name=name))
    return EvalResult(tuple(scores))


def pipeline_runner(**options: Any) -> Run:
    """A ``run`` for :func:`evaluate` that runs the real compare pipeline.

    ``options`` go to ``crosscheck.pipeline.compare``; pass ``embedder=`` to load the
    model once for all clusters. The pipeline is imported on first use.

    >>> run = pipeline_runner()                                 # doctest: +SKIP
    >>> run(load_gold("../shared/eval/dev/google-wiz").article_paths)["alignments"][0]
    ... # doctest: +SKIP
    """

    def run(paths: list[Path]) -> dict[str, Any]:
        from crosscheck.pipeline import compare
        from crosscheck.report.json import to_dict

        return to_dict(compare(paths, **options))

    return run


def find_clusters(eval_root: Path | str) -> dict[str, Path]:
    """Every folder under ``eval_root`` holding a gold.yaml, by name relative to it.

    >>> sorted(find_clusters("../shared/eval"))          # doctest: +SKIP
    ['dev/google-wiz', 'dev/istanbul-round-two', 'dev/myanmar-quake', 'seeds']
    """
    root = Path(eval_root)
    return {
        gold.parent.relative_to(root).as_posix(): gold.parent
        for gold in sorted(root.rglob(GOLD_FILE))
    }


# ------------------------------------------------------------------------- rendering


def render_table(result: EvalResult) -> str:
    """Scores per cluster and in total, per kind, then false alarms and misses."""
    headers = ["cluster", "align R", "align P", "diverg R", "diverg P", "false alarms", "omiss R"]
    rows = [
        [
            score.name,
            str(score.alignment_recall),
            str(score.alignment_precision),
            str(score.divergence_recall),
            str(score.divergence_precision),
            score.false_alarm_count,
            str(score.omission_recall),
        ]
        for score in (*result.clusters, result.total)
    ]
    total = result.total
    parts = [tabulate(rows, headers=headers, disable_numparse=True)]
    kind_rows = [
        [ks.kind, str(ks.recall), str(ks.precision), ks.precision.misses] for ks in total.per_kind
    ]
    parts.append(
        tabulate(
            kind_rows,
            headers=["kind", "recall", "precision", "false alarms"],
            disable_numparse=True,
        )
    )
    parts.append("n/a: nothing to judge (0 of 0). Totals sum the counts of all clusters.")

    lines = []
    for score in result.clusters:
        for alarm in score.false_alarms:
            lines.append(
                f"[{score.name}] {alarm.kind} ({', '.join(alarm.rules)}): "
                f"{alarm.left_value!r} vs {alarm.right_value!r}; gold: {alarm.gold}"
                + (f" ({_shorten(alarm.gold_detail, 160)})" if alarm.gold_detail else "")
            )
            lines.extend(f"    {side}" for side in (alarm.left, alarm.right))
    parts.append("False alarms:\n" + ("\n".join(lines) if lines else "    none"))

    lines = []
    for score in result.clusters:
        for miss in score.missed_divergences:
            lines.append(
                f"[{score.name}] {miss.id} {miss.kind} {'/'.join(miss.sources)} "
                f"({miss.fact}): {miss.detail}; {miss.reason}"
            )
            lines.extend(f"    {side}" for side in (miss.left, miss.right) if side)
    parts.append("Missed divergences:\n" + ("\n".join(lines) if lines else "    none"))

    if total.warnings:
        parts.append("Warnings:\n" + "\n".join(f"    {w}" for w in total.warnings))
    return "\n\n".join(parts) + "\n"


def _ratio_json(ratio: Ratio, recall: bool) -> dict[str, int]:
    return {"tp": ratio.hits, "fn" if recall else "fp": ratio.misses}


def _view_json(view: SentenceView | None) -> dict[str, Any] | None:
    return None if view is None else {"source": view.source, "index": view.index, "text": view.text}


def _score_json(score: ClusterScore, details: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"name": score.name}
    if score.story:
        out["story"] = score.story
    for metric in METRICS:
        out[metric] = getattr(score, metric).value
    out["false_alarms"] = score.false_alarm_count
    out["counts"] = {
        metric: _ratio_json(getattr(score, metric), recall=metric.endswith("recall"))
        for metric in METRICS
    }
    out["per_kind"] = {
        ks.kind: {
            "recall": ks.recall.value,
            "precision": ks.precision.value,
            "recall_counts": _ratio_json(ks.recall, recall=True),
            "precision_counts": _ratio_json(ks.precision, recall=False),
        }
        for ks in score.per_kind
    }
    if not details:
        return out
    out["false_alarm_details"] = [
        {
            "kind": a.kind,
            "rules": list(a.rules),
            "left": _view_json(a.left),
            "right": _view_json(a.right),
            "left_value": a.left_value,
            "right_value": a.right_value,
            "gold": a.gold,
            "gold_detail": a.gold_detail,
        }
        for a in score.false_alarms
    ]
    out["missed_divergences"] = [
        {
            "id": m.id,
            "fact": m.fact,
            "kind": m.kind,
            "sources": list(m.sources),
            "detail": m.detail,
            "reason": m.reason,
            "left": _view_json(m.left),
            "right": _view_json(m.right),
        }
        for m in score.missed_divergences
    ]
    out["missed_alignments"] = [
        {
            "fact": m.fact,
            "sources": list(m.sources),
            "reason": m.reason,
            "left": _view_json(m.left),
            "right": _view_json(m.right),
        }
        for m in score.missed_alignments
    ]
    out["missed_omissions"] = [
        {"source": m.source, "mention": m.mention} for m in score.missed_omissions
    ]
    out["warnings"] = list(score.warnings)
    return out


def to_json(result: EvalResult) -> dict[str, Any]:
    """``{"total": {...}, "clusters": [{...}, ...]}``; ratios are floats or null (0/0).

    Each object holds ``alignment_recall``, ``alignment_precision``,
    ``divergence_recall``, ``divergence_precision``, ``omission_recall``,
    ``false_alarms`` (a count), raw ``counts`` (tp/fn or tp/fp) and ``per_kind``;
    clusters add ``name``, ``story`` and the detail lists.
    """
    return {
        "total": _score_json(result.total, details=False),
        "clusters": [_score_json(score, details=True) for score in result.clusters],
    }


# -------------------------------------------------------------------- quality floors
#
# tests/quality_floors.json pins minimum scores on the shared gold clusters:
#   {"gold_sha256": {cluster: hash}, "floors": {"total"|cluster: {metric: min, ...}}}
# A cluster's floors may also hold "max_false_alarms" (a ceiling). Floors rise with
# measurements (scripts/update_floors.py) and never fall without a stated reason.

MAX_FALSE_ALARMS = "max_false_alarms"
TOTAL = "total"


def gold_sha256(cluster_dir: Path | str) -> str:
    """The sha256 of a cluster's gold.yaml: floors measured on other gold are void."""
    path = Path(cluster_dir)
    path = path if path.suffix in (".yaml", ".yml") else path / GOLD_FILE
    return hashlib.sha256(path.read_bytes()).hexdigest()


def floor_down(value: float) -> float:
    """Round down to 2 decimals, so a floor never sits above what was measured.

    >>> floor_down(0.6666), floor_down(0.29)
    (0.66, 0.29)
    """
    # The small epsilon keeps 0.29 (stored as 0.28999...) from becoming 0.28.
    return math.floor(value * 100 + 1e-9) / 100


def _scores_by_name(result: EvalResult) -> dict[str, ClusterScore]:
    return {TOTAL: result.total, **{score.name: score for score in result.clusters}}


def floor_violations(result: EvalResult, floors: Mapping[str, Mapping[str, float]]) -> list[str]:
    """Every score below its floor (or false alarms above their ceiling), as a sentence.

    A ratio with nothing to judge (``None``) passes: a precision is 0/0 only when the
    tool flagged or paired nothing judgeable, which the matching recall floor catches.
    """
    scores = _scores_by_name(result)
    problems = []
    for name, metrics in floors.items():
        if name not in scores:
            problems.append(f"{name}: has floors but was not evaluated")
            continue
        score = scores[name]
        for metric, floor in metrics.items():
            if metric == MAX_FALSE_ALARMS:
                if score.false_alarm_count > floor:
                    problems.append(
                        f"{name}: {score.false_alarm_count} false alarms, at most {floor} allowed"
                    )
                continue
            ratio: Ratio = getattr(score, metric)
            if ratio.value is not None and ratio.value < floor:
                problems.append(f"{name}: {metric} {ratio} is below its floor {floor:.2f}")
    return problems


@dataclass(frozen=True, slots=True)
class FloorChange:
    name: str
    metric: str
    old: float | None
    new: float

    @property
    def loosens(self) -> bool:
        """A lower floor, or a higher false-alarm ceiling."""
        if self.old is None:
            return False
        return self.new > self.old if self.metric == MAX_FALSE_ALARMS else self.new < self.old

    def __str__(self) -> str:
        old = "none" if self.old is None else f"{self.old:g}"
        return f"{self.name}: {self.metric} {old} -> {self.new:g}"


def measured_floors(
    result: EvalResult, floors: Mapping[str, Mapping[str, float]]
) -> tuple[dict[str, dict[str, float]], list[FloorChange]]:
    """Floors set to what ``result`` measured (rounded down), and the changes made.

    Every evaluated cluster and the total get a floor for each metric it can judge;
    a metric measured as n/a keeps its old floor. ``max_false_alarms`` is kept where
    present and set to the measured count. Clusters no longer evaluated are dropped.
    Callers refuse the result when any change ``loosens`` unless told why.
    """
    new: dict[str, dict[str, float]] = {}
    changes: list[FloorChange] = []
    for name, score in _scores_by_name(result).items():
        old = dict(floors.get(name, {}))
        entry: dict[str, float] = {}
        for metric in METRICS:
            value = getattr(score, metric).value
            before = old.get(metric)
            if value is None:
                entry[metric] = before if before is not None else 0.0
                continue
            entry[metric] = floor_down(value)
            if before is None or entry[metric] != before:
                changes.append(FloorChange(name, metric, before, entry[metric]))
        if MAX_FALSE_ALARMS in old:
            entry[MAX_FALSE_ALARMS] = score.false_alarm_count
            if score.false_alarm_count != old[MAX_FALSE_ALARMS]:
                changes.append(
                    FloorChange(
                        name, MAX_FALSE_ALARMS, old[MAX_FALSE_ALARMS], entry[MAX_FALSE_ALARMS]
                    )
                )
        new[name] = entry
    return new, changes
