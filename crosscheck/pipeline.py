"""``compare()``: the one place that chains the stages; ``compare_files()`` reads the
articles and builds the resources first (crosscheck.build), for the CLI.

Article -> [Sentence] -> vectors -> [Alignment] -> [Fact] -> [Divergence] -> Report
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Protocol

import numpy as np

from crosscheck import align as aligner
from crosscheck.build import build_embedder, build_rules
from crosscheck.checks import Claim
from crosscheck.errors import CrosscheckError, IngestError
from crosscheck.extract.mentions import prepare
from crosscheck.ingest import load_articles, resolve_dateline_years
from crosscheck.lang.coverage import aligns_across_languages, coverage_items, same_language
from crosscheck.nlp import default_parser
from crosscheck.rules import RuleSet, run_rules, select_details, select_omissions
from crosscheck.segment import split_clauses, split_sentences
from crosscheck.types import Article, Coverage, Report, Sentence

# How many preceding sentences a check may read to resolve "he said" and the like.
CONTEXT_SENTENCES = 2

Progress = Callable[[str], None]


class Encoder(Protocol):
    """What compare needs of an embedder (crosscheck.embed.Embedder, or a test double)."""

    name: str
    load_seconds: float

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class Parsing(Protocol):
    """What book_parser reads of a parser (crosscheck.nlp.Parser)."""

    load_seconds: float
    parse_seconds: float


def book_parser(
    timings: dict[str, float],
    stage: str,
    parser: Parsing,
    before: tuple[float, float],
    *,
    parse_too: bool = True,
) -> None:
    """Move the parser's load and parse time spent inside ``stage`` (since ``before``,
    its load and parse seconds then) to the stages "parser load" and "parse", so the
    stages say what the parser costs (issue 9's bar) apart from the aligner and rules.

    >>> class P: load_seconds, parse_seconds = 1.5, 0.5
    >>> t = {"align": 3.0}
    >>> book_parser(t, "align", P(), (0.0, 0.25)); t
    {'align': 1.25, 'parser load': 1.5, 'parse': 0.25}
    """
    load = parser.load_seconds - before[0]
    parse = parser.parse_seconds - before[1] if parse_too else 0.0
    timings[stage] -= load + parse
    timings["parser load"] = timings.get("parser load", 0.0) + load
    if parse_too:
        timings["parse"] = timings.get("parse", 0.0) + parse


class Timings(dict[str, float]):
    """Seconds spent per stage, in the order the stages ran."""

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self[name] = self.get(name, 0.0) + time.perf_counter() - started


def distinct_outlets(articles: Sequence[Article]) -> list[Article]:
    """Articles whose outlet names differ: a report that says "example.org dates it X;
    example.org says Y" helps nobody, so a shared name gets the source id added."""
    counts: dict[str, int] = {}
    for article in articles:
        counts[article.source.outlet] = counts.get(article.source.outlet, 0) + 1
    return [
        article
        if counts[article.source.outlet] == 1
        else replace(
            article,
            source=replace(article.source, outlet=f"{article.source.outlet} ({article.source.id})"),
        )
        for article in articles
    ]


def claims_of(
    articles: Sequence[Article], sentences: Sequence[Sentence]
) -> dict[tuple[str, int], Claim]:
    """Each sentence as a Claim, with its source and preceding sentences."""
    sources = {article.source.id: article.source for article in articles}
    claims: dict[tuple[str, int], Claim] = {}
    previous: dict[str, list[str]] = {}
    for sentence in sentences:
        before = previous.setdefault(sentence.source, [])
        claims[sentence.ref] = Claim(
            sentence=sentence,
            source=sources[sentence.source],
            context=tuple(before[-CONTEXT_SENTENCES:]),
        )
        before.append(sentence.text)
    return claims


def narrowed(claim: Claim, clause: Sentence | None) -> Claim:
    """The claim a clause of the sentence makes, when an alignment went through one:
    rules then compare what the two sides say of the same fact, not the sentence's
    other clause. The sentence's words before the clause join the context ("Brandt
    said he sent the council a proposal and was waiting ..." keeps its speaker)."""
    if clause is None:
        return claim
    before = claim.sentence.text[: clause.start - claim.sentence.start].strip()
    context = (*claim.context, before) if before else claim.context
    return replace(claim, sentence=clause, context=context)


def compare(
    articles: Sequence[Article],
    ruleset: RuleSet,
    embedder: Encoder,
    *,
    progress: Progress | None = None,
    timings: Timings | None = None,
) -> Report:
    """Compare the articles of one story: chain the stages, nothing else.

    >>> articles = load_articles(sorted(Path("seeds").glob("*.txt")))
    >>> report = compare(articles, build_rules(), build().embedder)  # doctest: +SKIP
    >>> [s.id for s in report.sources]                              # doctest: +SKIP
    ['000-669a61a3c6b00fe6', '004-57117f1b7dc3ecff']

    (Skipped in the suite: it loads the sentence model and the spaCy parser.)
    """
    if len(articles) < 2:
        raise CrosscheckError("compare needs at least two articles")
    timings = timings if timings is not None else Timings()
    say = progress or (lambda _message: None)
    with timings.stage("ingest"):
        # Per story: a year-less dateline takes its year from the story's other articles.
        articles = distinct_outlets(resolve_dateline_years(articles))
        sentences = [s for article in articles for s in split_sentences(article)]
        clauses = [c for s in sentences for c in split_clauses(s)]
    say(f"{len(articles)} articles, {len(sentences)} sentences")
    with timings.stage("embed"):
        loaded_before = embedder.load_seconds
        # One batch for sentences and their clauses: the encoder sorts by length.
        encoded = embedder.encode([s.text for s in (*sentences, *clauses)])
        vectors, clause_vectors = encoded[: len(sentences)], encoded[len(sentences) :]
    # A model loaded lazily inside encode() is booked as its own stage.
    load = embedder.load_seconds - loaded_before
    timings["embed"] -= load
    timings["model load"] = timings.get("model load", 0.0) + load
    # The aligner's second stage reads the parse, so the parser may load in "align":
    # its load is booked as its own stage, like the model's.
    parser = default_parser()
    before = (parser.load_seconds, parser.parse_seconds)
    with timings.stage("align"):
        published = {a.source.id: a.source.published for a in articles}
        alignments = aligner.align(
            sentences,
            vectors,
            published=published,
            clauses=clauses,
            clause_vectors=clause_vectors,
        )
        if not aligns_across_languages(embedder, articles):
            # An English-only model pairs sentences of two languages on shared names
            # and figures alone: no basis for a comparison, so no such pairs are kept.
            language = {a.source.id: a.source.language for a in articles}
            alignments = [
                a
                for a in alignments
                if same_language(language[a.left.source], language[a.right.source])
            ]
        checks = [rule.check for rule in ruleset.enabled]
        coverage = Coverage(coverage_items(articles, alignments, embedder, checks))
        facts = aligner.group_facts(alignments)
    book_parser(timings, "align", parser, before)
    pairs_said = "1 aligned pair" if len(alignments) == 1 else f"{len(alignments)} aligned pairs"
    say(f"{pairs_said} in {len(facts)} fact{'' if len(facts) == 1 else 's'}")
    with timings.stage("rules"):
        claims = claims_of(articles, sentences)
        pairs = [
            (
                narrowed(claims[a.left.ref], a.left_clause),
                narrowed(claims[a.right.ref], a.right_clause),
            )
            for a in alignments
        ]
    before = (parser.load_seconds, parser.parse_seconds)
    with timings.stage("parse"):
        # Every text a pair rule reads, parsed in batches before the rules ask for them
        # one at a time (about 0.6x the time of parsing them singly).
        prepare(t for left, right in pairs for t in (left.sentence.text, right.sentence.text))
    book_parser(timings, "parse", parser, before, parse_too=False)
    before = (parser.load_seconds, parser.parse_seconds)
    with timings.stage("pair rules"):
        # A divergence quotes whole sentences, also where a clause was compared.
        divergences = [
            replace(d, left=claims[d.left.ref].sentence, right=claims[d.right.ref].sentence)
            for d in run_rules(ruleset, pairs)
        ]
    book_parser(timings, "pair rules", parser, before)
    with timings.stage("rules"):
        partners: dict[tuple[str, int], list[str]] = {}
        for a in alignments:
            partners.setdefault(a.left.ref, []).append(a.right.text)
            partners.setdefault(a.right.ref, []).append(a.left.text)
        omissions = select_omissions(
            ruleset, (claims[s.ref] for s in sentences if s.ref not in partners)
        )
        elsewhere = {
            a.source.id: [s.text for s in sentences if s.source != a.source.id] for a in articles
        }
        details = select_details(
            ruleset,
            (
                (claims[s.ref], partners[s.ref], elsewhere[s.source])
                for s in sentences
                if s.ref in partners
            ),
        )
    say(
        f"{len(divergences)} divergences, {len(omissions)} one-source claims,"
        f" {len(details)} one-source details"
    )
    return Report(
        sources=tuple(article.source for article in articles),
        sentences=tuple(sentences),
        alignments=tuple(alignments),
        facts=tuple(facts),
        divergences=tuple(divergences),
        omissions=tuple(omissions),
        details=tuple(details),
        model=embedder.name,
        rules=tuple(rule.id for rule in ruleset.enabled),
        coverage=coverage,
    )


def compare_files(
    paths: Sequence[str | Path],
    *,
    rules_dirs: Sequence[str | Path] = (),
    outlets: Mapping[str, str] | None = None,
    model: str | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    encoder: str | None = None,
    embedder: Encoder | None = None,
    progress: Progress | None = None,
    timings: Timings | None = None,
) -> Report:
    """Read two or more article files (or URLs) of one story, build the rules and the
    embedder (crosscheck.build), and compare them.

    >>> report = compare_files(sorted(Path("seeds").glob("*.txt")))  # doctest: +SKIP
    >>> len(report.facts) > 0                                         # doctest: +SKIP
    True

    ``rules_dirs`` are read after the shipped rules and override them rule by rule.
    ``outlets`` names outlets by input path (``--outlet FILE=NAME``).
    ``embedder`` lets a caller (an audit, a test) share one loaded model across calls;
    without it one is made for this compare's one batch.
    """
    if len(paths) < 2:
        raise CrosscheckError("compare needs at least two articles")
    seen: set[Path] = set()
    for path in paths:
        if Path(path).resolve() in seen:
            raise IngestError(path, "given more than once (compare needs different articles)")
        seen.add(Path(path).resolve())
    timings = timings if timings is not None else Timings()
    # Everything that can be refused (inputs, rules, model) is checked before any work.
    with timings.stage("ingest"):
        articles = load_articles(paths, rules_dirs=rules_dirs, outlets=outlets)
    with timings.stage("rules"):
        ruleset = build_rules(rules_dirs)
    with timings.stage("model load"):
        if embedder is None:
            # Made here, so nobody encodes with it after this compare's one batch.
            embedder = build_embedder(
                model,
                cache_dir=cache_dir,
                use_cache=use_cache,
                encoder=encoder,
                release_after_encode=True,
            )
    return compare(articles, ruleset, embedder, progress=progress, timings=timings)
