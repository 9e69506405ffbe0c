"""The quality gate: scores on the shared gold clusters may rise but never fall silently.

tests/quality_floors.json holds a floor per metric for every cluster under
../shared/eval and for their total, plus the sha256 of each gold.yaml the floors
were measured on. The slow test runs the real pipeline on every cluster and fails
when a score drops below its floor or a gold file changed (then re-measure with
``scripts/update_floors.py``). The fast tests check the floors file and the logic.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from crosscheck.evaluate import (
    METRICS,
    ClusterScore,
    EvalResult,
    Ratio,
    evaluate,
    find_clusters,
    pipeline_runner,
    render_table,
)
from crosscheck.settings import PROJECT_ROOT
from tests.floors import (
    MAX_FALSE_ALARMS,
    TOTAL,
    floor_down,
    floor_violations,
    gold_sha256,
    measured_floors,
)

FLOORS_FILE = Path(__file__).parent / "quality_floors.json"
EVAL = PROJECT_ROOT.parent / "shared" / "eval"
# The seeds gold names article files that live in the repository's seeds/.
SEARCH_DIRS = [PROJECT_ROOT / "seeds"]
# The four every cluster must have; omission_recall is pinned too where measured.
REQUIRED = ("alignment_recall", "alignment_precision", "divergence_recall", "divergence_precision")


def _floors() -> dict[str, Any]:
    return json.loads(FLOORS_FILE.read_text(encoding="utf-8"))


def test_floors_file_is_well_formed() -> None:
    data = _floors()
    hashes, floors = data["gold_sha256"], data["floors"]
    assert hashes, "no gold hashes: measure with scripts/update_floors.py"
    for name, digest in hashes.items():
        assert re.fullmatch(r"[0-9a-f]{64}", digest), f"{name}: not a sha256: {digest!r}"
    assert set(floors) == {TOTAL, *hashes}, "every measured cluster (and the total) has floors"
    for name, metrics in floors.items():
        assert set(REQUIRED) <= set(metrics), f"{name}: missing {set(REQUIRED) - set(metrics)}"
        for metric, value in metrics.items():
            if metric == MAX_FALSE_ALARMS:
                assert isinstance(value, int) and value >= 0, f"{name}: {metric} = {value!r}"
                continue
            assert metric in METRICS, f"{name}: unknown metric {metric!r}"
            assert isinstance(value, int | float) and 0.0 <= value <= 1.0, f"{name}: {metric}"
            assert value == floor_down(value), f"{name}: {metric} has more than 2 decimals"
    assert floors["seeds"][MAX_FALSE_ALARMS] == 0, "the seeds gold lists no divergence"


def _score(name: str, align: Ratio, diverg: Ratio, precision: Ratio | None = None) -> ClusterScore:
    return ClusterScore(
        name=name,
        story=name,
        alignment_recall=align,
        alignment_precision=align,
        divergence_recall=diverg,
        divergence_precision=precision or Ratio(),
        omission_recall=Ratio(),
    )


# seeds: alignment 2/3, divergence n/a (no gold divergences), 1 false alarm of 1 flag;
# dev/x: alignment 3/4, divergence 1/2 recall, 1/1 precision.
# total: alignment 5/7 = 0.714, divergence recall 1/2, precision 1/2.
RESULT = EvalResult(
    (
        _score("seeds", Ratio(2, 3), Ratio(0, 0), Ratio(0, 1)),
        _score("dev/x", Ratio(3, 4), Ratio(1, 2), Ratio(1, 1)),
    )
)


def test_floor_violations_name_cluster_metric_and_floor() -> None:
    floors = {
        TOTAL: {"alignment_recall": 0.71, "divergence_precision": 0.6},
        "seeds": {"alignment_recall": 0.66, "divergence_recall": 0.9, MAX_FALSE_ALARMS: 0},
        "dev/x": {"alignment_recall": 0.76},
        "dev/gone": {"alignment_recall": 0.1},
    }
    assert sorted(floor_violations(RESULT, floors)) == [
        "dev/gone: has floors but was not evaluated",
        "dev/x: alignment_recall 0.75 (3/4) is below its floor 0.76",
        "seeds: 1 false alarms, at most 0 allowed",
        "total: divergence_precision 0.50 (1/2) is below its floor 0.60",
    ]  # seeds divergence_recall is n/a (0/0): nothing to judge, no violation


def test_measured_floors_round_down_and_report_changes() -> None:
    old = {
        TOTAL: {"alignment_recall": 0.8, "divergence_recall": 0.3},
        "seeds": {"alignment_recall": 0.5, "divergence_recall": 0.4, MAX_FALSE_ALARMS: 0},
    }
    new, changes = measured_floors(RESULT, old)
    assert new[TOTAL]["alignment_recall"] == 0.71  # 5/7 = 0.714..., rounded down
    assert new["seeds"]["alignment_recall"] == 0.66  # 2/3 rounded down, not up to 0.67
    assert new["seeds"]["divergence_recall"] == 0.4  # n/a keeps the old floor
    assert new["seeds"][MAX_FALSE_ALARMS] == 1
    assert new["dev/x"]["divergence_recall"] == 0.5  # a new cluster gets floors
    loosened = sorted(str(c) for c in changes if c.loosens)
    assert loosened == [
        "seeds: max_false_alarms 0 -> 1",
        "total: alignment_recall 0.8 -> 0.71",
    ]
    raised = {str(c) for c in changes if not c.loosens}
    assert "seeds: alignment_recall 0.5 -> 0.66" in raised
    assert "dev/x: alignment_recall none -> 0.75" in raised


def test_floor_down() -> None:
    assert [floor_down(v) for v in (0.0, 0.29, 0.999, 1.0, 7 / 12)] == [0.0, 0.29, 0.99, 1.0, 0.58]


@pytest.mark.slow
def test_scores_meet_their_floors(embedder: Any) -> None:
    if not EVAL.is_dir():
        pytest.skip(f"no gold clusters at {EVAL} (the shared folder beside the repository)")
    data = _floors()
    clusters = find_clusters(EVAL)
    measured_on = data["gold_sha256"]
    changed = sorted(
        name
        for name in set(clusters) | set(measured_on)
        if name not in clusters
        or name not in measured_on
        or gold_sha256(clusters[name]) != measured_on[name]
    )
    assert not changed, (
        f"gold changed, added or removed since the floors were measured: {', '.join(changed)};"
        " re-measure with scripts/update_floors.py"
    )
    result = evaluate(
        clusters.values(), pipeline_runner(embedder=embedder), search_dirs=SEARCH_DIRS, root=EVAL
    )
    print(render_table(result))  # shown by pytest when the test fails
    problems = floor_violations(result, data["floors"])
    assert not problems, "scores fell below their floors:\n" + "\n".join(problems)
