"""Measure the aligner at scale on ECB+ (news event coreference), by kind of pair.

    .venv/bin/python scripts/measure_ecb_alignment.py [--data ../shared/data] [--docs 8]

ECB+ groups news articles by real-world event (a sub-topic: one court case, one
earthquake) and marks, in about two sentences per article, the events each sentence
mentions, linked across articles. Per sub-topic, up to ``--docs`` articles go through
the aligner as one comparison (sentences, clauses, the shipped thresholds; no dates,
as the corpus gives none). Of the pairs it makes between two annotated sentences, a
pair counts as right when the two sentences mention one event (a shared
cross-document ACTION chain). That is looser than "the same fact" and the annotation
covers few sentences, so the figures compare kinds of pairs with each other (a pair
of whole sentences against a pair through a clause) rather than grade the aligner.

It also shows how the pairs compare keeps are right by their ``confidence``, per split
(odd topics for calibration, even topics held out): the share of judged pairs below
``UNCERTAIN_CONFIDENCE`` (a report marks them uncertain) and the same-event share
below and above it and per band of confidence.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from itertools import combinations, pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscheck import align  # noqa: E402
from crosscheck.embed import Embedder  # noqa: E402
from crosscheck.segment import split_clauses  # noqa: E402
from crosscheck.settings import cache_dir  # noqa: E402
from crosscheck.types import Alignment, Sentence  # noqa: E402


def events(sentence: dict[str, Any]) -> frozenset[str]:
    """The cross-document event chains a sentence mentions."""
    return frozenset(
        mention["chain"]
        for mention in sentence.get("mentions", [])
        if mention["type"].startswith("ACTION") and mention["cross_doc"]
    )


def kind(alignment: Alignment) -> str:
    if alignment.left_clause is not None or alignment.right_clause is not None:
        return "through a clause"
    return "whole sentences"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--docs", type=int, default=8, help="articles per sub-topic")
    parser.add_argument(
        "--slot",
        type=float,
        default=align.SLOT_SCORE,
        help="align's SLOT_SCORE (at or above ASSIGNED_SCORE: no pair kept by shared slots)",
    )
    args = parser.parse_args()
    path = args.data / "ecbplus" / "docs.jsonl"
    if not path.exists():
        print(f"ECB+ not found at {path}: nothing to measure")
        return 1

    by_subtopic: dict[str, list[dict[str, Any]]] = defaultdict(list)
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            if len(by_subtopic[doc["subtopic"]]) < args.docs:
                by_subtopic[doc["subtopic"]].append(doc)

    embedder = Embedder(cache_dir=cache_dir())
    right: dict[str, int] = defaultdict(int)
    judged: dict[str, int] = defaultdict(int)
    made: dict[str, int] = defaultdict(int)
    # (split, confidence, same event) of each judged pair.
    graded: list[tuple[str, float, bool]] = []
    # Per split: pairs of annotated sentences of two articles that mention one event,
    # and how many of them compare pairs.
    same_event: dict[str, int] = defaultdict(int)
    recalled: dict[str, int] = defaultdict(int)
    for n, (_subtopic, docs) in enumerate(sorted(by_subtopic.items()), 1):
        split = "odd" if int(docs[0]["topic"]) % 2 else "even"
        sentences, annotation = [], {}
        for doc in docs:
            for row in doc["sentences"]:
                text = " ".join(row["text"].split())
                if not text:
                    continue
                sentence = Sentence(doc["doc_name"], row["sent_id"], text, 0, len(text))
                sentences.append(sentence)
                if row["annotated"]:
                    annotation[sentence.ref] = events(row)
        clauses = [c for s in sentences for c in split_clauses(s)]
        vectors = embedder.encode([s.text for s in sentences])
        clause_vectors = embedder.encode([c.text for c in clauses]) if clauses else None
        found = align.align(
            sentences, vectors, clauses=clauses, clause_vectors=clause_vectors, slot=args.slot
        )
        # Recall: of the pairs of annotated sentences of two articles that mention one
        # event, how many compare pairs directly.
        paired = {frozenset((a.left.ref, a.right.ref)) for a in found}
        for left_ref, right_ref in combinations(annotation, 2):
            if left_ref[0] != right_ref[0] and annotation[left_ref] & annotation[right_ref]:
                same_event[split] += 1
                recalled[split] += frozenset((left_ref, right_ref)) in paired
        for pair in found:
            made[kind(pair)] += 1
            left, right_events = annotation.get(pair.left.ref), annotation.get(pair.right.ref)
            if left is None or right_events is None:
                continue
            judged[kind(pair)] += 1
            right[kind(pair)] += bool(left & right_events)
            graded.append((split, pair.confidence or 0.0, bool(left & right_events)))
        print(f"\r{n}/{len(by_subtopic)} sub-topics", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    print(f"{'pairs':<18} {'made':>6} {'judged':>7} {'same event':>11}")
    for name in ("whole sentences", "through a clause"):
        share = right[name] / judged[name] if judged[name] else float("nan")
        print(f"{name:<18} {made[name]:>6} {judged[name]:>7} {share:>11.2f}")
    print_confidence(graded)
    print_recall(graded, same_event, recalled)
    return 0


def print_recall(
    graded: list[tuple[str, float, bool]], same_event: dict[str, int], recalled: dict[str, int]
) -> None:
    """Per split, compare's own decision as a same-event pair finder: precision (judged
    pairs that mention one event), recall (same-event pairs of annotated sentences of
    two articles that compare pairs) and F1."""
    for split in ("odd", "even"):
        rows = [r for r in graded if r[0] == split]
        if not rows or not same_event[split]:
            continue
        precision = sum(r[2] for r in rows) / len(rows)
        recall = recalled[split] / same_event[split]
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(
            f"{split} topics, compare's pairs as same-event pairs: precision {precision:.3f}"
            f" ({len(rows)} judged), recall {recall:.3f} ({recalled[split]} of"
            f" {same_event[split]}), F1 {f1:.3f}"
        )


# Bands of confidence in which the same-event share of kept pairs is shown.
BANDS = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def print_confidence(graded: list[tuple[str, float, bool]]) -> None:
    """Per split, how often a kept pair is one event, by its confidence."""
    threshold = align.UNCERTAIN_CONFIDENCE

    def share(rows: list[tuple[str, float, bool]]) -> str:
        return f"{sum(r[2] for r in rows) / len(rows):.2f} of {len(rows)}" if rows else "n/a"

    for split in ("odd", "even"):
        rows = [r for r in graded if r[0] == split]
        if not rows:
            continue
        low = [r for r in rows if r[1] < threshold]
        high = [r for r in rows if r[1] >= threshold]
        print(
            f"{split} topics: {len(low)} of {len(rows)} judged pairs below {threshold}; "
            f"one event below: {share(low)}, at or above: {share(high)}"
        )
        for lo, hi in pairwise(BANDS):
            band = [r for r in rows if lo <= r[1] < hi]
            print(f"  confidence {lo:.1f}-{min(hi, 1.0):.1f}: one event {share(band)}")


if __name__ == "__main__":
    raise SystemExit(main())
