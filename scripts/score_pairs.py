"""Score crosscheck's sentence-pair decision (same fact or not) on public data sets.

    .venv/bin/python scripts/score_pairs.py [--data ../shared/data] [--limit N] [--json]

Data sets are read where they lie (some are non-commercial and stay out of this
repository); a missing one is skipped with a line saying so.

* ECB+ ``pairs.jsonl``: positives share an annotated news event; negatives are
  same-story sentences without a shared event, and hard negatives from another event
  of the same kind (another earthquake, another court case).
* MSRP test set: 1 = paraphrase (same content) across outlets.
* STS benchmark test set, ``main-news`` genre: gold score >= 4 counts as same fact.

ECB+ is reported per split: odd topics (which fitted the second stage,
crosscheck/align_model.py, and calibrated the thresholds) and even topics (held out).
For each set it prints ROC AUC of three scores of a pair:

* the raw cosine of the sentence vectors;
* the combined score compare decides on (``crosscheck.align.Story.score``: cosine plus
  rare shared words and figures; no date evidence, as these pairs carry no
  publication dates);
* the second stage's calibrated confidence (``Alignment.confidence``).

Then precision / recall / F1 of the combined score at the shipped thresholds
(``ASSIGNED_SCORE``: what a pair needs once the one-to-one match in a document picked
it; ``EXTRA_SCORE``: what a second pair of one sentence needs), of the confidence at
``UNCERTAIN_CONFIDENCE`` (below it a report marks a pair uncertain), and the best F1
of each with its threshold. The thresholds apply to their own scale: the combined
score is in cosine units, the confidence a probability. Isolated pairs have no
one-to-one match, so these figures show how each score separates same-fact pairs,
not compare's full decision.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscheck import align, align_model  # noqa: E402
from crosscheck.embed import Embedder  # noqa: E402
from crosscheck.settings import cache_dir  # noqa: E402
from crosscheck.types import Sentence  # noqa: E402


@dataclass(frozen=True, slots=True)
class Pair:
    left: str
    right: str
    label: int
    group: str  # a sub-kind, e.g. ECB+'s pair_type
    topic: str = ""  # ECB+ topic (odd topics calibrate, even topics are held out)


def ecbplus(folder: Path, limit: int | None) -> Iterator[Pair]:
    with (folder / "ecbplus" / "pairs.jsonl").open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if limit is not None and n >= limit:
                return
            row = json.loads(line)
            yield Pair(
                row["sent1"]["text"],
                row["sent2"]["text"],
                row["label"],
                row["pair_type"],
                str(row["topic"]),
            )


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


def pair_scores(pairs: Sequence[Pair], embedder: Embedder) -> tuple[np.ndarray, np.ndarray]:
    """Per pair, the aligner's second-stage features (align_model.FEATURES, one row
    each) and its first-stage combined score, computed as compare computes them:
    word and slot rarity over the pair's topic (ECB+), or over the whole data set, as
    compare takes them over the story."""
    texts = list(dict.fromkeys(t for p in pairs for t in (p.left, p.right)))
    vectors = dict(zip(texts, embedder.encode(texts), strict=True))
    by_topic: dict[str, list[int]] = defaultdict(list)
    for n, pair in enumerate(pairs):
        by_topic[pair.topic].append(n)
    rows = np.zeros((len(pairs), len(align_model.FEATURES)))
    combined = np.zeros(len(pairs))
    for members in by_topic.values():
        topic = list(dict.fromkeys(t for n in members for t in (pairs[n].left, pairs[n].right)))
        sentences = {t: Sentence(f"s{k}", 0, t, 0, len(t)) for k, t in enumerate(topic)}
        story = align.Story(list(sentences.values()))
        for n in members:
            left, right = sentences[pairs[n].left], sentences[pairs[n].right]
            cosine = float(vectors[left.text] @ vectors[right.text])
            rows[n] = story.features(cosine, left, right)
            combined[n] = story.score(cosine, left, right)
    return rows, combined


def features(pairs: Sequence[Pair], embedder: Embedder) -> np.ndarray:
    """The second-stage features of each pair (pair_scores' first part)."""
    return pair_scores(pairs, embedder)[0]


def confidences(rows: np.ndarray) -> np.ndarray:
    """The calibrated probability of one fact (Alignment.confidence, without dates)."""
    return 1.0 / (1.0 + np.exp(-(align_model.INTERCEPT + rows @ np.array(align_model.WEIGHTS))))


def _best(scores: np.ndarray, labels: np.ndarray, grid: np.ndarray) -> tuple[float, float]:
    """The threshold of ``grid`` with the best F1, and that F1."""
    best = max(grid, key=lambda t: prf(scores, labels, float(t))[2])
    return round(float(best), 2), prf(scores, labels, float(best))[2]


# Where each score's best-F1 threshold is searched: the combined score is in cosine
# units (a cosine plus up to EVIDENCE_WEIGHT * EVIDENCE_CAP), the confidence in 0-1.
COMBINED_GRID = np.arange(0.30, 1.40, 0.01)
CONFIDENCE_GRID = np.arange(0.05, 1.00, 0.01)


def score(pairs: list[Pair], rows: np.ndarray, combined: np.ndarray) -> dict[str, object]:
    """AUC of cosine, combined score and confidence; P / R / F1 at the shipped thresholds.

    ``rows`` are the pairs' second-stage features (``features``), ``combined`` their
    first-stage scores (``combined_scores``).
    """
    cosines, confidence = rows[:, 0], confidences(rows)
    labels = np.array([p.label for p in pairs])
    best_threshold, best_f1 = _best(combined, labels, COMBINED_GRID)
    best_conf_threshold, best_conf_f1 = _best(confidence, labels, CONFIDENCE_GRID)
    result: dict[str, object] = {
        "pairs": len(pairs),
        "positives": int(labels.sum()),
        "auc_cosine": roc_auc(cosines, labels),
        "auc_combined": roc_auc(combined, labels),
        "auc_confidence": roc_auc(confidence, labels),
        "best_f1_threshold": best_threshold,
        "best_f1": best_f1,
        "best_confidence_f1_threshold": best_conf_threshold,
        "best_confidence_f1": best_conf_f1,
    }
    for name, values, threshold in (
        ("assigned", combined, align.ASSIGNED_SCORE),
        ("extra", combined, align.EXTRA_SCORE),
        ("confident", confidence, align.UNCERTAIN_CONFIDENCE),
    ):
        p, r, f = prf(values, labels, threshold)
        result[f"{name}_threshold"] = threshold
        result[f"{name}_precision"], result[f"{name}_recall"], result[f"{name}_f1"] = p, r, f
    groups = sorted({p.group for p in pairs})
    if 1 < len(groups) <= 6:
        result["by_group_mean_combined"] = {
            g: round(float(combined[[p.group == g for p in pairs]].mean()), 3) for g in groups
        }
        result["by_group_mean_confidence"] = {
            g: round(float(confidence[[p.group == g for p in pairs]].mean()), 3) for g in groups
        }
    return result


def splits(name: str, pairs: list[Pair]) -> Iterator[tuple[str, list[int]]]:
    """ECB+ is reported per split: odd topics calibrated the model, even are held out."""
    if name != "ecbplus":
        yield name, list(range(len(pairs)))
        return
    yield "ecbplus odd (calibration)", [n for n, p in enumerate(pairs) if int(p.topic) % 2]
    yield "ecbplus even (held out)", [n for n, p in enumerate(pairs) if not int(p.topic) % 2]


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
        rows, combined = pair_scores(pairs, embedder)
        for label, members in splits(name, pairs):
            results[label] = score([pairs[n] for n in members], rows[members], combined[members])
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    from tabulate import tabulate

    def prf_cell(r: dict[str, object], name: str) -> str:
        return f"{r[name + '_precision']:.2f} / {r[name + '_recall']:.2f} / {r[name + '_f1']:.2f}"

    rows = [
        [
            name,
            r["pairs"],
            r["positives"],
            f"{r['auc_cosine']:.3f}",
            f"{r['auc_combined']:.3f}",
            f"{r['auc_confidence']:.3f}",
            prf_cell(r, "assigned"),
            prf_cell(r, "extra"),
            prf_cell(r, "confident"),
            f"{r['best_f1']:.2f} @ {r['best_f1_threshold']}",
            f"{r['best_confidence_f1']:.2f} @ {r['best_confidence_f1_threshold']}",
        ]
        for name, r in results.items()
    ]
    headers = [
        "data set",
        "pairs",
        "same fact",
        "AUC cosine",
        "AUC combined",
        "AUC confidence",
        f"P / R / F1 combined @ {align.ASSIGNED_SCORE}",
        f"P / R / F1 combined @ {align.EXTRA_SCORE}",
        f"P / R / F1 confidence @ {align.UNCERTAIN_CONFIDENCE}",
        "best F1 combined",
        "best F1 confidence",
    ]
    print(tabulate(rows, headers, tablefmt="github"))
    for name, r in results.items():
        if "by_group_mean_combined" in r:
            print(f"{name}: mean combined score by pair type: {r['by_group_mean_combined']}")
            print(f"{name}: mean confidence by pair type: {r['by_group_mean_confidence']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
