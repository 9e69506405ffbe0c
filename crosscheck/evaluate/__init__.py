"""Score compare reports against gold story clusters (``../shared/eval/FORMAT.md``).

Three parts, one concern each: :mod:`.gold` reads and validates ``gold.yaml``,
:mod:`.score` scores one report against one cluster, :mod:`.render` prints the table
and the JSON; :mod:`.run` runs the pipeline over clusters. Floor maintenance (the
quality gate) is development tooling and lives in ``tests/floors.py``.

>>> gold = load_gold(Path("../shared/eval/dev/google-wiz"))        # doctest: +SKIP
>>> score = score_cluster(gold, pipeline_runner()(gold.article_paths))  # doctest: +SKIP
>>> score.divergence_recall                                        # doctest: +SKIP
Ratio(hits=6, total=9)

How FORMAT.md's wording is read here, where it leaves a choice:

- A gold mention names the ONE report sentence that contains it (case-insensitive
  substring after :func:`fold`). If several sentences contain it, the first is used
  and a warning recorded. If the segmenter split the mention over neighbouring
  sentences, every piece stands for the mention (with a warning): the evaluation then
  measures alignment and rules, not where the segmenter cut. A mention found in no
  sentence is a miss for everything that needs it.
- "The tool pairs the two sentences" means a direct entry in the report's
  ``alignments`` (either order); membership of the same fact group does not count.
- Units: a gold alignment is one pair of mentions of one fact (two facts stated in
  the same two sentences are two gold alignments). Tool pairs and tool divergences are
  counted once per distinct sentence pair (and kind): a rule engine that says the same
  thing twice is neither rewarded nor punished twice.
- Only fact mentions make a sentence "contain gold mentions"; omission mentions do not
  (an omission sentence may state facts the annotator left out).
- A ratio with nothing to judge (0/0) has the value ``None``, shown as ``n/a``: a
  cluster without gold divergences has no divergence recall. Totals are micro-averages:
  they sum the counts of all clusters.
"""

from __future__ import annotations

from crosscheck.evaluate.gold import (
    GOLD_FILE,
    Gold,
    GoldBenign,
    GoldDivergence,
    GoldFact,
    GoldMention,
    GoldOmission,
    GoldSource,
    fold,
    load_gold,
)
from crosscheck.evaluate.render import render_table, to_json
from crosscheck.evaluate.run import Run, evaluate, find_clusters, pipeline_runner
from crosscheck.evaluate.score import (
    METRICS,
    ClusterScore,
    EvalResult,
    FalseAlarm,
    KindScore,
    MissedAlignment,
    MissedDivergence,
    Ratio,
    Ref,
    SentenceView,
    score_cluster,
)

__all__ = [
    "GOLD_FILE",
    "METRICS",
    "ClusterScore",
    "EvalResult",
    "FalseAlarm",
    "Gold",
    "GoldBenign",
    "GoldDivergence",
    "GoldFact",
    "GoldMention",
    "GoldOmission",
    "GoldSource",
    "KindScore",
    "MissedAlignment",
    "MissedDivergence",
    "Ratio",
    "Ref",
    "Run",
    "SentenceView",
    "evaluate",
    "find_clusters",
    "fold",
    "load_gold",
    "pipeline_runner",
    "render_table",
    "score_cluster",
    "to_json",
]
