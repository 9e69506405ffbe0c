"""Sentence splitting: the hard cases of tests/cases/segment_hard_cases.yaml, exact offsets."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from splitters import SPLITTERS

from crosscheck.ingest import load_articles
from crosscheck.segment import (
    SPLITTER,
    sentence_spans,
    split_clauses,
    split_phrases,
    split_sentences,
)
from crosscheck.types import Article, Sentence, Source

ROOT = Path(__file__).resolve().parent.parent
CASES = yaml.safe_load(
    (Path(__file__).parent / "cases" / "segment_hard_cases.yaml").read_text("utf-8")
)
EVAL = ROOT.parent / "shared" / "eval"
DEV_CLUSTERS = sorted((EVAL / "dev").glob("*/gold.yaml"))


# Only syntok is a runtime dependency; the others (tests/splitters.py) are measured by
# scripts/measure_splitters.py and tested here when installed.
OPTIONAL_SPLITTERS = {"pysbd", "blingfire"}


def _needs(splitter: str) -> None:
    if splitter in OPTIONAL_SPLITTERS:
        pytest.importorskip(splitter)


def _article(text: str, source_id: str = "wire") -> Article:
    return Article(Source(source_id, f"{source_id}.txt", "", "Wire"), text)


def _case_params() -> list[Any]:
    params = []
    for name, case in CASES["cases"].items():
        marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if "xfail" in case else []
        params.append(pytest.param(case, id=name, marks=marks))
    return params


def test_there_are_enough_hard_cases() -> None:
    assert len(CASES["cases"]) >= 25


@pytest.mark.parametrize("case", _case_params())
def test_hard_case(case: dict[str, Any]) -> None:
    sentences = split_sentences(_article(case["text"]))
    assert [s.text for s in sentences] == case["sentences"]


def test_offsets_point_into_the_text_and_indexes_count_up() -> None:
    text = "  Why it matters  \n\nU.S. President Donald Trump spoke.   “It is over,” he said.\n"
    sentences = split_sentences(_article(text, "ledger"))
    assert [s.text for s in sentences] == [
        "Why it matters",
        "U.S. President Donald Trump spoke.",
        "“It is over,” he said.",
    ]
    for index, sentence in enumerate(sentences):
        assert sentence.index == index
        assert sentence.source == "ledger"
        assert sentence.text == text[sentence.start : sentence.end]
        assert sentence.ref == ("ledger", index)


def test_empty_and_blank_text_have_no_sentences() -> None:
    assert split_sentences(_article("")) == []
    assert split_sentences(_article(" \n\n \n")) == []


def test_a_line_break_always_ends_a_sentence() -> None:
    assert sentence_spans("Talks resumed\nin Istanbul.") == [(0, 13), (14, 26)]


@pytest.mark.parametrize("splitter", sorted(SPLITTERS))
def test_every_splitter_tiles_the_text(splitter: str) -> None:
    _needs(splitter)
    # Whatever a library does, nothing but white space may fall between sentences.
    text = "Gen. Kellogg said “no.” The U.S. agreed!  Mr. Smith left at 4 a.m. Then silence…"
    spans = sentence_spans(text, SPLITTERS[splitter])
    cursor = 0
    for start, end in spans:
        assert text[cursor:start].strip() == ""
        assert text[start:end] == text[start:end].strip()
        cursor = end
    assert text[cursor:].strip() == ""


@pytest.mark.parametrize("splitter", sorted(SPLITTERS))
def test_a_lower_case_opener_after_initials_is_not_a_new_sentence(splitter: str) -> None:
    _needs(splitter)
    # Whatever the library proposes, "U.K. | and France" is mended into one sentence.
    text = "The treaty was signed by the U.K. and France in 1904. It still stands."
    assert [text[s:e] for s, e in sentence_spans(text, SPLITTERS[splitter])] == [
        "The treaty was signed by the U.K. and France in 1904.",
        "It still stands.",
    ]


def test_the_chosen_splitter_is_one_of_the_contest() -> None:
    assert SPLITTER in SPLITTERS.values()


def _fold(text: str) -> str:
    table = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
    return " ".join(text.translate(table).casefold().split())


@pytest.mark.parametrize("gold_path", DEV_CLUSTERS, ids=lambda p: p.parent.name)
def test_gold_mentions_fall_inside_one_sentence(gold_path: Path) -> None:
    # A fact cut in two by a wrong boundary can never be aligned.
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    files = {s["id"]: gold_path.parent / s["file"] for s in gold["sources"]}
    articles = dict(zip(files, load_articles(list(files.values())), strict=True))
    for fact in gold["facts"]:
        for source_id, mention in fact["mentions"].items():
            article = articles[source_id]
            sentences = split_sentences(article)
            assert any(_fold(mention) in _fold(s.text) for s in sentences), (source_id, mention)
            for sentence in sentences:
                assert sentence.text == article.text[sentence.start : sentence.end]


def test_dev_clusters_present_or_skipped() -> None:
    if not DEV_CLUSTERS:
        pytest.skip(f"no dev clusters under {EVAL / 'dev'}")
    assert all(p.exists() for p in DEV_CLUSTERS)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "The first round of talks in Istanbul brought no breakthrough, but achieved a swap.",
            [
                "The first round of talks in Istanbul brought no breakthrough",
                "but achieved a swap.",
            ],
        ),
        (
            "Elections are barred under martial law, which was declared after the 2022 invasion.",
            [
                "Elections are barred under martial law",
                "which was declared after the 2022 invasion.",
            ],
        ),
        (
            "Russia is yet to send its proposals to Ukraine - a key demand by Kyiv.",
            ["Russia is yet to send its proposals to Ukraine", "a key demand by Kyiv."],
        ),
        (
            "Let us look at the details: the president has questioned the talks.",
            ["Let us look at the details", "the president has questioned the talks."],
        ),
        (
            "The deal was agreed on Tuesday; regulators must still approve it.",
            ["The deal was agreed on Tuesday", "regulators must still approve it."],
        ),
        # A clock time, a hyphen and a list are not clause breaks.
        ("The quake struck at 12:50 pm on a Friday in mid-March.", []),
        ("Rescuers came from China, India and Russia within a day.", []),
        # ", who" opens an aside that runs on into the main clause.
        ("Trump, who has pushed for a deal since taking office, spoke to Putin.", []),
        # A part of fewer than four words does not count: one part is no split.
        ("The blast injured nobody at all - police said.", []),
        ("He said: prices will rise again next year.", []),
    ],
)
def test_split_clauses(text: str, parts: list[str]) -> None:
    sentence = Sentence("wire", 4, text, 100, 100 + len(text))
    assert [part.text for part in split_clauses(sentence)] == parts


def test_clauses_keep_offsets_into_the_article() -> None:
    text = "Intro line.\nTalks brought no breakthrough at all, but achieved a prisoner swap."
    article = Article(Source("wire", "wire.txt", "", "Wire"), text)
    sentence = split_sentences(article)[1]
    clauses = split_clauses(sentence)
    assert len(clauses) == 2
    for clause in clauses:
        assert article.text[clause.start : clause.end] == clause.text
        assert (clause.source, clause.index) == (sentence.source, sentence.index)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "The meeting lasted an hour and was held in Russian, with no interpreters.",
            ["The meeting lasted an hour", "and was held in Russian", "with no interpreters."],
        ),
        # A comma inside a figure and "and" between nouns do not split.
        (
            "At least 1,000 people from Kyiv and Kharkiv were freed.",
            ["At least 1,000 people from Kyiv and Kharkiv were freed."],
        ),
        (
            "The tower (33 storeys) fell - in seconds.",
            ["The tower", "33 storeys", "fell", "in seconds."],
        ),
    ],
)
def test_split_phrases(text: str, parts: list[str]) -> None:
    sentence = Sentence("wire", 0, text, 7, 7 + len(text))
    phrases = split_phrases(sentence)
    assert [p.text for p in phrases] == parts
    assert all(text[p.start - 7 : p.end - 7] == p.text for p in phrases)
