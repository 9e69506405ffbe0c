"""Quality-floor maintenance: development tooling for the gate, not part of the product.

tests/test_quality_floors.py checks scores against tests/quality_floors.json with
these helpers, and scripts/update_floors.py re-measures the floors with them.

>>> floor_down(0.6666), floor_down(0.29)
(0.66, 0.29)
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from crosscheck.evaluate import GOLD_FILE, METRICS, ClusterScore, EvalResult, Ratio

# tests/quality_floors.json pins minimum scores on the shared gold clusters:
#   {"gold_sha256": {cluster: hash}, "floors": {"total"|cluster: {metric: min, ...}}}
# A cluster's floors may also hold "max_false_alarms" (a ceiling). Floors rise with
# measurements (scripts/update_floors.py) and never fall without a stated reason.

MAX_FALSE_ALARMS = "max_false_alarms"
TOTAL = "total"


def gold_sha256(cluster_dir: Path | str) -> str:
    """The sha256 of a cluster's gold.yaml: floors measured on other gold are void."""
    path = Path(cluster_dir)
    path = path if path.suffix in (".yaml", ".yml") else path / GOLD_FILE
    return hashlib.sha256(path.read_bytes()).hexdigest()


def floor_down(value: float) -> float:
    """Round down to 2 decimals, so a floor never sits above what was measured.

    >>> floor_down(0.6666), floor_down(0.29)
    (0.66, 0.29)
    """
    # The small epsilon keeps 0.29 (stored as 0.28999...) from becoming 0.28.
    return math.floor(value * 100 + 1e-9) / 100


def _scores_by_name(result: EvalResult) -> dict[str, ClusterScore]:
    return {TOTAL: result.total, **{score.name: score for score in result.clusters}}


def floor_violations(result: EvalResult, floors: Mapping[str, Mapping[str, float]]) -> list[str]:
    """Every score below its floor (or false alarms above their ceiling), as a sentence.

    A ratio with nothing to judge (``None``) passes: a precision is 0/0 only when the
    tool flagged or paired nothing judgeable, which the matching recall floor catches.
    """
    scores = _scores_by_name(result)
    problems = []
    for name, metrics in floors.items():
        if name not in scores:
            problems.append(f"{name}: has floors but was not evaluated")
            continue
        score = scores[name]
        for metric, floor in metrics.items():
            if metric == MAX_FALSE_ALARMS:
                if score.false_alarm_count > floor:
                    problems.append(
                        f"{name}: {score.false_alarm_count} false alarms, at most {floor} allowed"
                    )
                continue
            ratio: Ratio = getattr(score, metric)
            if ratio.value is not None and ratio.value < floor:
                problems.append(f"{name}: {metric} {ratio} is below its floor {floor:.2f}")
    return problems


@dataclass(frozen=True, slots=True)
class FloorChange:
    name: str
    metric: str
    old: float | None
    new: float

    @property
    def loosens(self) -> bool:
        """A lower floor, or a higher false-alarm ceiling."""
        if self.old is None:
            return False
        return self.new > self.old if self.metric == MAX_FALSE_ALARMS else self.new < self.old

    def __str__(self) -> str:
        old = "none" if self.old is None else f"{self.old:g}"
        return f"{self.name}: {self.metric} {old} -> {self.new:g}"


def measured_floors(
    result: EvalResult, floors: Mapping[str, Mapping[str, float]]
) -> tuple[dict[str, dict[str, float]], list[FloorChange]]:
    """Floors set to what ``result`` measured (rounded down), and the changes made.

    Every evaluated cluster and the total get a floor for each metric it can judge;
    a metric measured as n/a keeps its old floor. ``max_false_alarms`` is kept where
    present and set to the measured count. Clusters no longer evaluated are dropped.
    Callers refuse the result when any change ``loosens`` unless told why.
    """
    new: dict[str, dict[str, float]] = {}
    changes: list[FloorChange] = []
    for name, score in _scores_by_name(result).items():
        old = dict(floors.get(name, {}))
        entry: dict[str, float] = {}
        for metric in METRICS:
            value = getattr(score, metric).value
            before = old.get(metric)
            if value is None:
                entry[metric] = before if before is not None else 0.0
                continue
            entry[metric] = floor_down(value)
            if before is None or entry[metric] != before:
                changes.append(FloorChange(name, metric, before, entry[metric]))
        if MAX_FALSE_ALARMS in old:
            entry[MAX_FALSE_ALARMS] = score.false_alarm_count
            if score.false_alarm_count != old[MAX_FALSE_ALARMS]:
                changes.append(
                    FloorChange(
                        name, MAX_FALSE_ALARMS, old[MAX_FALSE_ALARMS], entry[MAX_FALSE_ALARMS]
                    )
                )
        new[name] = entry
    return new, changes
