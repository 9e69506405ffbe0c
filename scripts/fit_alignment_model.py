"""Fit the aligner's second stage (crosscheck/align_model.py) on ECB+ odd topics.

    .venv/bin/python scripts/fit_alignment_model.py [--data ../shared/data] [--l2 1.0]

Training pairs (odd ECB+ topics only; even topics are held out):

* ECB+ ``pairs.jsonl``: 1 = the two sentences mention one annotated event, 0 = same
  story without a shared event, or another event of the same kind;
* the contrast set (``../shared/eval/contrast/dev.jsonl``, all odd topics): two
  outlets' sentences of one fact, the right one often edited to diverge in one slot
  (a date, a figure, a name, the polarity). All are 1: a divergent pair must still
  pair, so these teach the model that a differing slot is no evidence against it;
* the gold story clusters (``../shared/eval``: seeds and dev), the second source:
  every cross-outlet pair of two sentences holding gold mentions, 1 when they state
  one fact. These pairs carry publication dates, so their date evidence counts as
  compare counts it (ECB+ and the contrast set have none).

Features are computed as compare computes them (crosscheck.align.Story: word and slot
rarity over the topic's sentences, the parse, fuzzy matching). The fit is an L2
logistic regression by Newton's method in numpy over the pooled pairs, then Platt
scaling on ECB+ odd topics, so that the confidence is calibrated there. It prints the weights as the
constants to paste into align_model.py, and ROC AUC of cosine and model per split.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from itertools import combinations
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from score_pairs import Pair, ecbplus, features, roc_auc  # noqa: E402

from crosscheck import align, align_model  # noqa: E402
from crosscheck.embed import Embedder  # noqa: E402
from crosscheck.settings import cache_dir  # noqa: E402


def contrast(path: Path) -> list[Pair]:
    """The contrast set's pairs, all one fact (label 1), grouped by ECB+ topic."""
    pairs = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            pairs.append(
                Pair(row["left"]["text"], row["right"]["text"], 1, row["label"], str(row["topic"]))
            )
    return pairs


def gold_pairs(eval_root: Path, embedder: Embedder) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels of the cross-outlet pairs of gold-mention sentences of every
    cluster under ``eval_root``."""
    from crosscheck.evaluate import find_clusters, load_gold
    from crosscheck.extract.text import fold
    from crosscheck.ingest import load_articles
    from crosscheck.segment import split_sentences

    rows, labels = [], []
    for folder in find_clusters(eval_root).values():
        gold = load_gold(folder, search_dirs=[folder.parent.parent / "seeds", ROOT / "seeds"])
        articles = load_articles(gold.article_paths)
        source_of = {g.id: a.source.id for g, a in zip(gold.sources, articles, strict=True)}
        sentences = [s for a in articles for s in split_sentences(a)]
        vectors = embedder.encode([s.text for s in sentences])
        story = align.Story(sentences, (), {a.source.id: a.source.published for a in articles})
        facts_of: dict[int, set[str]] = defaultdict(set)
        for fact in gold.facts:
            for mention in fact.mentions:
                for k, sentence in enumerate(sentences):
                    if sentence.source == source_of[mention.source] and fold(mention.text) in fold(
                        sentence.text
                    ):
                        facts_of[k].add(fact.id)
                        break
        for i, j in combinations(sorted(facts_of), 2):
            if sentences[i].source != sentences[j].source:
                cosine = float(vectors[i] @ vectors[j])
                rows.append(story.features(cosine, sentences[i], sentences[j]))
                labels.append(float(bool(facts_of[i] & facts_of[j])))
    return np.array(rows), np.array(labels)


def fit(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 30) -> np.ndarray:
    """Intercept and weights of an L2 logistic regression (the intercept unpenalised)."""
    design = np.hstack([np.ones((len(x), 1)), x])
    weights = np.zeros(design.shape[1])
    penalty = np.eye(design.shape[1]) * l2
    penalty[0, 0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-design @ weights))
        gradient = design.T @ (p - y) + penalty @ weights
        hessian = (design * (p * (1 - p))[:, None]).T @ design + penalty
        weights -= np.linalg.solve(hessian, gradient)
    return weights


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument(
        "--contrast", type=Path, default=ROOT.parent / "shared" / "eval" / "contrast" / "dev.jsonl"
    )
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--l2", type=float, default=align_model.LOGISTIC_L2)
    args = parser.parse_args()

    embedder = Embedder(cache_dir=cache_dir())
    ecb = list(ecbplus(args.data, None))
    extra = contrast(args.contrast) if args.contrast.exists() else []
    x_ecb, x_extra = features(ecb, embedder), features(extra, embedder)
    y_ecb = np.array([p.label for p in ecb], dtype=float)
    odd = np.array([int(p.topic) % 2 == 1 for p in ecb])
    extra_odd = np.array([int(p.topic) % 2 == 1 for p in extra], dtype=bool)
    x_gold, y_gold = gold_pairs(args.eval, embedder)
    x_train = np.vstack([x_ecb[odd], x_extra[extra_odd], x_gold])
    y_train = np.concatenate([y_ecb[odd], np.ones(int(extra_odd.sum())), y_gold])
    pooled = fit(x_train, y_train, args.l2)
    # The pooled fit ranks pairs; its probabilities follow the pooled base rate (most
    # gold-cluster pairs are different facts). Platt scaling on ECB+ odd topics alone
    # (one scale and one offset on the pooled log-odds) makes the confidence a
    # probability calibrated there, as the issue asks; the ranking is unchanged.
    odd_logits = (pooled[0] + x_ecb[odd] @ pooled[1:])[:, None]
    scale_offset = fit(odd_logits, y_ecb[odd], 0.0)
    weights = pooled * scale_offset[1]
    weights[0] += scale_offset[0]
    print(
        f"# fitted on {len(y_train)} pairs: {int(odd.sum())} ECB+ odd, "
        f"{int(extra_odd.sum())} contrast, {len(y_gold)} gold-cluster"
    )
    print(f"INTERCEPT = {weights[0]:.4f}")
    print("WEIGHTS = (" + ", ".join(f"{w:.4f}" for w in weights[1:]) + ")")
    print("#", dict(zip(align_model.FEATURES, np.round(weights[1:], 3), strict=True)))
    for name, x, y in (
        ("ECB+ odd (fitted)", x_ecb[odd], y_ecb[odd]),
        ("ECB+ even (held out)", x_ecb[~odd], y_ecb[~odd]),
        ("gold clusters (fitted)", x_gold, y_gold),
    ):
        model = weights[0] + x @ weights[1:]
        print(f"{name}: AUC cosine {roc_auc(x[:, 0], y):.3f}, model {roc_auc(model, y):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
