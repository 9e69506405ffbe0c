"""Score crosscheck's sentence-pair decision (same fact or not) on public data sets.

    .venv/bin/python scripts/score_pairs.py [--data ../shared/data] [--limit N] [--json]

Data sets are read where they lie (some are non-commercial and stay out of this
repository); a missing one is skipped with a line saying so.

* ECB+ ``pairs.jsonl``: positives share an annotated news event; negatives are
  same-story sentences without a shared event, and hard negatives from another event
  of the same kind (another earthquake, another rehab stay).
* MSRP test set: 1 = paraphrase (same content) across outlets.
* STS benchmark test set, ``main-news`` genre: gold score >= 4 counts as same fact.

For each set it prints ROC AUC of the raw cosine and of crosscheck's combined score,
and precision / recall / F1 of the combined score (without the date evidence, as
these pairs carry no publication dates) at the shipped thresholds
(``ASSIGNED_SCORE``: what a pair needs once the one-to-one match in a document
picked it; ``EXTRA_SCORE``: what a second pair of one sentence needs), plus the
threshold with the best F1. Isolated pairs have no one-to-one match, so these
figures show how the score separates same-fact pairs, not compare's full decision.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscheck import align  # noqa: E402
from crosscheck.embed import Embedder  # noqa: E402
from crosscheck.settings import cache_dir  # noqa: E402


@dataclass(frozen=True, slots=True)
class Pair:
    left: str
    right: str
    label: int
    group: str  # a sub-kind, e.g. ECB+'s pair_type


def ecbplus(folder: Path, limit: int | None) -> Iterator[Pair]:
    with (folder / "ecbplus" / "pairs.jsonl").open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if limit is not None and n >= limit:
                return
            row = json.loads(line)
            yield Pair(row["sent1"]["text"], row["sent2"]["text"], row["label"], row["pair_type"])


def msrp(folder: Path, limit: int | None) -> Iterator[Pair]:
    path = folder / "msrp" / "msr-para-test.tsv"
    with path.open(encoding="utf-8-sig") as handle:
        next(handle)
        for n, line in enumerate(handle):
            if limit is not None and n >= limit:
                return
            quality, _id1, _id2, left, right = line.rstrip("\r\n").split("\t")[:5]
            yield Pair(left, right, int(quality), "news")


# STS gold at or above this (0-5 scale: 4 = "mostly equivalent, unimportant details
# differ") counts as the same fact.
STS_SAME_FACT = 4.0


def sts(folder: Path, limit: int | None) -> Iterator[Pair]:
    path = folder / "stsbenchmark" / "sts-test.csv"
    with path.open(encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        count = 0
        for row in reader:
            genre, source, _year, _id, score, left, right = row[:7]
            if genre != "main-news":
                continue
            if limit is not None and count >= limit:
                return
            count += 1
            yield Pair(left, right, int(float(score) >= STS_SAME_FACT), source)


DATASETS = {"ecbplus": ecbplus, "msrp": msrp, "sts-news": sts}


def roc_auc(scores: np.ndarray, labels: np.ndarray) -> float:
    """Probability that a random positive outscores a random negative (ties count half)."""
    order = np.argsort(scores, kind="mergesort")
    ranks = np.empty(len(scores))
    sorted_scores = scores[order]
    # Average ranks over ties.
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    positives = labels == 1
    n_pos, n_neg = positives.sum(), (~positives).sum()
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    return float((ranks[positives].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def prf(scores: np.ndarray, labels: np.ndarray, threshold: float) -> tuple[float, float, float]:
    predicted = scores >= threshold
    tp = float(np.sum(predicted & (labels == 1)))
    precision = tp / predicted.sum() if predicted.sum() else 0.0
    recall = tp / (labels == 1).sum() if (labels == 1).sum() else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def score(pairs: list[Pair], embedder: Embedder) -> dict[str, object]:
    texts = [p.left for p in pairs] + [p.right for p in pairs]
    vectors = embedder.encode(texts)
    left, right = vectors[: len(pairs)], vectors[len(pairs) :]
    cosines = np.einsum("ij,ij->i", left, right)
    # Word rarity is taken over the data set's sentences, as compare takes it over the
    # sentences of the articles being compared.
    idf = align.idf_table(list(dict.fromkeys(texts)))
    combined = np.array(
        [
            align.pair_score(float(c), p.left, p.right, idf)
            for c, p in zip(cosines, pairs, strict=True)
        ]
    )
    labels = np.array([p.label for p in pairs])
    grid = np.arange(0.3, 1.2, 0.01)
    best = max(grid, key=lambda t: prf(combined, labels, float(t))[2])
    result: dict[str, object] = {
        "pairs": len(pairs),
        "positives": int(labels.sum()),
        "auc_cosine": roc_auc(cosines, labels),
        "auc_combined": roc_auc(combined, labels),
        "best_f1_threshold": round(float(best), 2),
        "best_f1": prf(combined, labels, float(best))[2],
    }
    for name, threshold in (("assigned", align.ASSIGNED_SCORE), ("extra", align.EXTRA_SCORE)):
        p, r, f = prf(combined, labels, threshold)
        result[f"{name}_threshold"] = threshold
        result[f"{name}_precision"], result[f"{name}_recall"], result[f"{name}_f1"] = p, r, f
    groups = sorted({p.group for p in pairs})
    if 1 < len(groups) <= 6:
        result["by_group_mean_combined"] = {
            g: round(float(combined[[p.group == g for p in pairs]].mean()), 3) for g in groups
        }
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--limit", type=int, default=None, help="at most N pairs per data set")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = parser.parse_args()

    embedder = Embedder(cache_dir=cache_dir())
    results: dict[str, dict[str, object]] = {}
    for name, reader in DATASETS.items():
        try:
            pairs = list(reader(args.data, args.limit))
        except FileNotFoundError as exc:
            print(f"skipped {name}: {exc.filename} is absent", file=sys.stderr)
            continue
        results[name] = score(pairs, embedder)
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    from tabulate import tabulate

    rows = [
        [
            name,
            r["pairs"],
            r["positives"],
            f"{r['auc_cosine']:.3f}",
            f"{r['auc_combined']:.3f}",
            f"{r['assigned_precision']:.2f} / {r['assigned_recall']:.2f} / {r['assigned_f1']:.2f}",
            f"{r['extra_precision']:.2f} / {r['extra_recall']:.2f} / {r['extra_f1']:.2f}",
            f"{r['best_f1']:.2f} @ {r['best_f1_threshold']}",
        ]
        for name, r in results.items()
    ]
    headers = [
        "data set",
        "pairs",
        "same fact",
        "AUC cosine",
        "AUC combined",
        f"P / R / F1 @ {align.ASSIGNED_SCORE}",
        f"P / R / F1 @ {align.EXTRA_SCORE}",
        "best F1",
    ]
    print(tabulate(rows, headers, tablefmt="github"))
    for name, r in results.items():
        if "by_group_mean_combined" in r:
            print(f"{name}: mean combined score by pair type: {r['by_group_mean_combined']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
