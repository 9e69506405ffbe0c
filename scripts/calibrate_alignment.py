"""Reproduce the calibration of the aligner's thresholds on gold story clusters.

    .venv/bin/python scripts/calibrate_alignment.py [EVAL_ROOT] [--assigned 0.5:0.8:0.02] ...

For each cluster under EVAL_ROOT (default ../shared/eval: the seeds and dev
clusters), the articles are ingested, split and embedded once; then the aligner
runs over a grid of (ASSIGNED_SCORE, EXTRA_SCORE, CLOSURE_SCORE, CLAUSE_SCORE, SLOT_SCORE)
and each run is scored with crosscheck.evaluate (alignment recall and precision,
FORMAT.md's definitions), summed over clusters. It prints the grid, best first
by F1, and the shipped values' row (marked *). Where F1 ties, the shipped value
sits inside the plateau.
Thresholds pair-level data can inform are scored by scripts/score_pairs.py.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscheck import align  # noqa: E402
from crosscheck.embed import Embedder  # noqa: E402
from crosscheck.evaluate import Ratio, find_clusters, load_gold, score_cluster  # noqa: E402
from crosscheck.ingest import load_articles  # noqa: E402
from crosscheck.report.json import to_dict  # noqa: E402
from crosscheck.segment import split_clauses, split_sentences  # noqa: E402
from crosscheck.settings import cache_dir  # noqa: E402
from crosscheck.types import Report  # noqa: E402


def grid(spec: str) -> list[float]:
    start, stop, step = (float(x) for x in spec.split(":"))
    return [round(v, 3) for v in np.arange(start, stop + 1e-9, step)]


def f_beta(precision: float, recall: float, beta: float = 0.5) -> float:
    if precision + recall == 0:
        return 0.0
    return (1 + beta**2) * precision * recall / (beta**2 * precision + recall)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_root", nargs="?", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--assigned", default="0.50:0.80:0.02")
    parser.add_argument("--extra", default="0.80:1.10:0.05")
    parser.add_argument("--closure", default="0.20:0.60:0.10")
    parser.add_argument("--clause", default="0.76:0.92:0.02")
    parser.add_argument(
        "--slot", default=f"{align.SLOT_SCORE}:{align.SLOT_SCORE}:0.01", help="SLOT_SCORE grid"
    )
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument(
        "--block", type=int, default=align.BLOCK_TOP_K, help="nearest sentences scored"
    )
    args = parser.parse_args()

    embedder = Embedder(cache_dir=cache_dir())
    clusters = []
    for name, folder in find_clusters(args.eval_root).items():
        gold = load_gold(folder, search_dirs=[folder.parent.parent / "seeds", ROOT / "seeds"])
        articles = load_articles(gold.article_paths)
        sentences = [s for a in articles for s in split_sentences(a)]
        clauses = [c for s in sentences for c in split_clauses(s)]
        vectors = embedder.encode([s.text for s in sentences])
        clause_vectors = embedder.encode([c.text for c in clauses])
        published = {a.source.id: a.source.published for a in articles}
        # One Story per cluster: each pair is scored once however many grid points.
        story = align.Story(sentences, clauses, published)
        clusters.append((name, gold, articles, sentences, vectors, clauses, clause_vectors, story))

    rows = []

    for assigned, extra, closure, clause, slot in itertools.product(
        grid(args.assigned),
        grid(args.extra),
        grid(args.closure),
        grid(args.clause),
        grid(args.slot),
    ):
        recall, precision = Ratio(0, 0), Ratio(0, 0)
        per_cluster = []
        for name, gold, articles, sentences, vectors, clauses, clause_vectors, story in clusters:
            alignments = align.align(
                sentences,
                vectors,
                assigned=assigned,
                extra=extra,
                closure=closure,
                published={a.source.id: a.source.published for a in articles},
                clauses=clauses,
                clause_vectors=clause_vectors,
                clause_score=clause,
                slot=slot,
                story=story,
                block=args.block,
            )
            report = Report(
                sources=tuple(a.source for a in articles),
                sentences=tuple(sentences),
                alignments=tuple(alignments),
                facts=(),
                divergences=(),
                omissions=(),
            )
            score = score_cluster(gold, to_dict(report), name=name)
            recall = recall + score.alignment_recall
            precision = precision + score.alignment_precision
            per_cluster.append(
                f"{name.split('/')[-1]} {score.alignment_recall}/{score.alignment_precision}"
            )
        r, p = recall.value or 0.0, precision.value or 0.0
        f1 = f_beta(p, r, 1.0)
        rows.append((f1, assigned, extra, closure, clause, slot, r, p, "; ".join(per_cluster)))
    rows.sort(reverse=True)
    shipped = (
        align.ASSIGNED_SCORE,
        align.EXTRA_SCORE,
        align.CLOSURE_SCORE,
        align.CLAUSE_SCORE,
        align.SLOT_SCORE,
    )
    columns = (
        ("F1", 7),
        ("assign", 6),
        ("extra", 6),
        ("closure", 7),
        ("clause", 6),
        ("slot", 5),
        ("R", 6),
    )
    print(" ".join(f"{name:>{width}}" for name, width in columns), f"{'P':>6}  R/P")
    for rank, (f, assigned, extra, closure, clause, slot, r, p, detail) in enumerate(rows):
        is_shipped = (assigned, extra, closure, clause, slot) == shipped
        if rank < args.top or is_shipped:
            label = f"{f:.3f}" + ("*" if is_shipped else "")
            print(
                f"{label:>7} {assigned:6.2f} {extra:6.2f} {closure:7.2f} {clause:6.2f} "
                f"{slot:5.2f} {r:6.3f} {p:6.3f}  {detail}"
            )
    print("* the shipped thresholds (crosscheck/align.py)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
