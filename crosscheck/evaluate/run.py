"""Running: the pipeline (or any ``run``) over gold clusters, each report scored.

>>> sorted(find_clusters("no/such/folder"))
[]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from crosscheck.build import Setup, build
from crosscheck.evaluate.gold import GOLD_FILE, load_gold
from crosscheck.evaluate.score import EvalResult, score_cluster
from crosscheck.ingest import load_articles
from crosscheck.pipeline import compare
from crosscheck.report.json import to_dict

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


def pipeline_runner(setup: Setup | None = None, **options: Any) -> Run:
    """A ``run`` for :func:`evaluate` that runs the real compare pipeline.

    ``setup`` (crosscheck.build.build) holds the rules and the embedder every cluster
    shares; without it one is built from ``options`` (``rules_dirs=``, ``embedder=``,
    ``model=``, ...). Each cluster's files are read once, then compared.

    >>> run = pipeline_runner()                                 # doctest: +SKIP
    >>> run(load_gold("../shared/eval/dev/google-wiz").article_paths)["alignments"][0]
    ... # doctest: +SKIP
    """
    shared = setup if setup is not None else build(**options)

    def run(paths: list[Path]) -> dict[str, Any]:
        articles = load_articles(paths, rules_dirs=shared.rules_dirs)
        return to_dict(compare(articles, shared.ruleset, shared.embedder))

    return run


def find_clusters(eval_root: Path | str) -> dict[str, Path]:
    """Every folder under ``eval_root`` holding a gold.yaml, by name relative to it.

    >>> sorted(find_clusters("../shared/eval"))          # doctest: +SKIP
    ['dev/cluster-a', 'dev/cluster-b', 'seeds']
    """
    root = Path(eval_root)
    return {
        gold.parent.relative_to(root).as_posix(): gold.parent
        for gold in sorted(root.rglob(GOLD_FILE))
    }
