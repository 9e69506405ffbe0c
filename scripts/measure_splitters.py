"""Score the sentence splitters on hard cases and on real articles; print accuracy and speed.

    .venv/bin/python scripts/measure_splitters.py [--repeat N]

For each library (pysbd, syntok, blingfire, and a regex baseline), alone and wrapped in
crosscheck.segment's repairs, it reports:
- tuned / holdout: hard cases of tests/cases/segment_hard_cases.yaml split exactly
  right, and the F1 of their sentence spans. "tuned" cases were in hand while the
  repairs were written; "holdout" cases (``set: holdout``) were written afterwards and
  never tuned against, so they are the honest figure;
- mentions: gold mentions (seeds and dev clusters in ../shared/eval) that fall inside a
  single sentence, since a fact split across two sentences cannot be aligned;
- speed: sentences per second over the seed and dev articles (after a warm-up).
Gold files are read by path; clusters that are absent are skipped with a note.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import yaml
from tabulate import tabulate

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscheck.ingest import load_articles  # noqa: E402
from crosscheck.segment import SPLITTER, sentence_spans  # noqa: E402
from tests.splitters import SPLITTERS  # noqa: E402  (the contest is tooling, not product)

CASES = ROOT / "tests" / "cases" / "segment_hard_cases.yaml"
EVAL = ROOT.parent / "shared" / "eval"


def fold(text: str) -> str:
    """The gold format's matching: case, white space, typographic quotes and dashes."""
    table = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
    return " ".join(text.translate(table).casefold().split())


def expected_spans(text: str, sentences: list[str]) -> list[tuple[int, int]]:
    spans, cursor = [], 0
    for sentence in sentences:
        start = text.index(sentence, cursor)
        spans.append((start, start + len(sentence)))
        cursor = start + len(sentence)
    return spans


def score_cases(cases: dict[str, Any], splitter: str, repair: bool) -> tuple[int, float, list[str]]:
    exact, true_pos, found, wanted, failed = 0, 0, 0, 0, []
    for name, case in cases.items():
        gold = set(expected_spans(case["text"], case["sentences"]))
        got = set(sentence_spans(case["text"], SPLITTERS[splitter], repair=repair))
        exact += got == gold
        if got != gold:
            failed.append(name)
        true_pos += len(got & gold)
        found += len(got)
        wanted += len(gold)
    precision = true_pos / found if found else 0.0
    recall = true_pos / wanted if wanted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return exact, f1, failed


def clusters() -> list[tuple[dict[str, Any], dict[str, str]]]:
    """(gold, {source id: article text}) for the seed cluster and each dev cluster."""
    found = []
    folders = [(EVAL / "seeds" / "gold.yaml", ROOT / "seeds")]
    folders += [(g, g.parent) for g in sorted((EVAL / "dev").glob("*/gold.yaml"))]
    for gold_path, article_dir in folders:
        if not gold_path.exists():
            print(f"note: {gold_path} absent, skipped")
            continue
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        files = {s["id"]: article_dir / s["file"] for s in gold["sources"]}
        articles = load_articles(list(files.values()))
        texts = {sid: a.text for sid, a in zip(files, articles, strict=True)}
        found.append((gold, texts))
    return found


def mentions(gold: dict[str, Any]) -> list[tuple[str, str]]:
    pairs = [(sid, m) for fact in gold.get("facts", []) for sid, m in fact["mentions"].items()]
    pairs += [(o["source"], o["mention"]) for o in gold.get("omissions", [])]
    return pairs


def score_mentions(data: list[tuple[dict[str, Any], dict[str, str]]], splitter: str, repair: bool):  # type: ignore[no-untyped-def]
    inside, total, missed = 0, 0, []
    for gold, texts in data:
        split = {
            sid: [
                fold(text[s:e]) for s, e in sentence_spans(text, SPLITTERS[splitter], repair=repair)
            ]
            for sid, text in texts.items()
        }
        for sid, mention in mentions(gold):
            total += 1
            if any(fold(mention) in sentence for sentence in split[sid]):
                inside += 1
            else:
                missed.append(f"{gold['story']}/{sid}: {mention}")
    return inside, total, missed


def speed(texts: list[str], splitter: str, repair: bool, repeat: int) -> float:
    sentence_spans(texts[0], SPLITTERS[splitter], repair=repair)  # warm-up: imports, model tables
    count = 0
    began = time.perf_counter()
    for _ in range(repeat):
        for text in texts:
            count += len(sentence_spans(text, SPLITTERS[splitter], repair=repair))
    return count / (time.perf_counter() - began)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes over the articles for speed")
    parser.add_argument("--show", action="store_true", help="list failed cases and mentions")
    args = parser.parse_args()

    cases = yaml.safe_load(CASES.read_text(encoding="utf-8"))["cases"]
    tuned = {k: v for k, v in cases.items() if v.get("set") != "holdout"}
    holdout = {k: v for k, v in cases.items() if v.get("set") == "holdout"}
    data = clusters()
    texts = [text for _, by_source in data for text in by_source.values()]
    rows = []
    for splitter in SPLITTERS:
        try:
            sentence_spans("Warm up. Now.", SPLITTERS[splitter])
        except ImportError as error:
            print(f"note: {splitter} skipped ({error}); pip install {splitter} to measure it")
            continue
        for repair in (False, True):
            exact, f1, failed = score_cases(tuned, splitter, repair)
            h_exact, h_f1, h_failed = score_cases(holdout, splitter, repair)
            inside, total, missed = score_mentions(data, splitter, repair)
            rate = speed(texts, splitter, repair, args.repeat)
            label = f"{splitter} + repairs" if repair else splitter
            if SPLITTERS[splitter] is SPLITTER and repair:
                label += "  (used)"
            rows.append(
                [
                    label,
                    f"{exact}/{len(tuned)}  F1 {f1:.3f}",
                    f"{h_exact}/{len(holdout)}  F1 {h_f1:.3f}",
                    f"{inside}/{total}",
                    f"{rate:,.0f}",
                ]
            )
            if args.show and (failed or h_failed or missed):
                print(f"-- {label}: failed: {', '.join(failed + h_failed)}")
                for item in missed:
                    print(f"   mention split: {item}")
    print(
        tabulate(
            rows,
            headers=["splitter", "tuned cases", "holdout cases", "mentions whole", "sentences/s"],
        )
    )
    print(f"\n{len(texts)} articles; speed over {args.repeat} passes; cases from {CASES.name}")


if __name__ == "__main__":
    main()
