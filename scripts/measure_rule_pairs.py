"""Score pair rules on the gold mention pairs, with no model and no aligner in the way.

    .venv/bin/python scripts/measure_rule_pairs.py [--kind date --kind number] [--verbose]
                                                   [CLUSTER ...]

For every gold fact of every cluster (default: ../shared/eval/seeds and dev/*), each pair
of its mentions is taken as aligned and the shipped rules of the chosen kinds are run on
the two sentences that hold the mentions. Printed per kind:

* recall: gold divergences of that kind on which some rule of that kind fires;
* false alarms: pairs with no gold divergence of that kind (benign or consistent) on
  which some rule of that kind fires.

`crosscheck eval` measures the whole pipeline; this isolates the rules, so that a miss
can be told apart from an alignment miss.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscheck.checks import Claim  # noqa: E402
from crosscheck.evaluate import fold, load_gold  # noqa: E402
from crosscheck.ingest import load_article  # noqa: E402
from crosscheck.rules import load_rules, run_pair_rules  # noqa: E402
from crosscheck.segment import split_sentences  # noqa: E402
from crosscheck.settings import RULES_DIR  # noqa: E402
from crosscheck.types import Sentence, Source  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"


Articles = dict[str, tuple[Source, list[Sentence]]]


def _claim(articles: Articles, source_id: str, mention: str) -> Claim:
    """The claim whose sentence holds ``mention`` (matched as the gold format says)."""
    meta, sentences = articles[source_id]
    for sentence in sentences:
        if fold(mention) in fold(sentence.text):
            return Claim(sentence=sentence, source=meta)
    raise SystemExit(f"no sentence of {source_id} holds {mention!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("clusters", nargs="*", type=Path)
    parser.add_argument("--kind", action="append", help="rule kinds to score (default: all)")
    parser.add_argument("--verbose", "-v", action="store_true", help="print every firing")
    args = parser.parse_args()
    clusters = args.clusters or [EVAL / "seeds", *sorted((EVAL / "dev").glob("*/"))]
    ruleset = load_rules(RULES_DIR)
    rules = [r for r in ruleset.enabled if r.check != "omissions" and r.kind is not None]
    kinds = args.kind or sorted({r.kind.value for r in rules if r.kind is not None})
    totals = {kind: [0, 0, 0, 0] for kind in kinds}  # gold, caught, other pairs, alarms
    for cluster in clusters:
        gold = load_gold(cluster, [ROOT / "seeds"])
        articles: Articles = {}
        for source in gold.sources:
            article = load_article(source.path)
            meta = replace(article.source, published=source.published, outlet=source.id)
            articles[source.id] = (meta, split_sentences(article))

        for fact in gold.facts:
            for a, b in itertools.combinations(fact.mentions, 2):
                left, right = _claim(articles, a.source, a.text), _claim(articles, b.source, b.text)
                listed = [
                    d
                    for d in gold.divergences
                    if d.fact == fact.id and set(d.sources) == {a.source, b.source}
                ]
                # Every rule runs, as in a report: of two findings on the same words
                # only the more specific is listed (crosscheck.rules.merge_duplicates).
                reported = run_pair_rules(rules, left, right, ruleset.context)
                for kind in kinds:
                    fired = [d for d in reported if d.kind.value == kind]
                    expected = [d for d in listed if d.kind.value == kind]
                    where = f"{gold.story}/{fact.id} {a.source}-{b.source}"
                    if expected:
                        totals[kind][0] += 1
                        totals[kind][1] += bool(fired)
                        if args.verbose or not fired:
                            verdict = "caught" if fired else "MISSED"
                            print(f"{verdict} {kind} {where}: {expected[0].detail}")
                    else:
                        totals[kind][2] += 1
                        totals[kind][3] += bool(fired)
                        if fired:
                            print(f"FALSE ALARM {kind} {where}")
                            for divergence in fired:
                                print(f"    {divergence.message}")
    for kind, (gold_count, caught, other, alarms) in totals.items():
        print(f"{kind:12} recall {caught}/{gold_count}   false alarms {alarms}/{other}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
