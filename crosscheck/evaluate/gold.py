"""The gold reader: ``gold.yaml`` of a story cluster, validated against its article files.

>>> fold("The  “Memorandum” — signed")
'the "memorandum" - signed'
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from crosscheck.errors import EvalError
from crosscheck.types import Kind
from crosscheck.vocabulary import QUOTE_DASH_FOLD

GOLD_FILE = "gold.yaml"

# --------------------------------------------------------------------------- folding

_FOLD = str.maketrans(
    {
        **QUOTE_DASH_FOLD,
        # single guillemets, which a gold file's mention may carry as quotes
        **dict.fromkeys("‹›", "'"),
        # soft hyphen and zero-width characters are invisible in print but break matching
        **dict.fromkeys("\u00ad\u200b\u200c\u200d\ufeff", ""),
    }
)
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Fold text for mention matching: NFC, ASCII quotes/dashes, one space, casefold.

    >>> fold("Portville’s  “memorandum” — in\\nfull")
    'portville\\'s "memorandum" - in full'
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
