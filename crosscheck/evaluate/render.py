"""Rendering scores: the text table ``crosscheck eval`` prints, and its JSON."""

from __future__ import annotations

from typing import Any

from tabulate import tabulate

from crosscheck.evaluate.score import (
    METRICS,
    ClusterScore,
    EvalResult,
    Ratio,
    SentenceView,
    shorten,
)

# ------------------------------------------------------------------------- rendering


def render_table(result: EvalResult) -> str:
    """Scores per cluster and in total, per kind, then false alarms and misses."""
    headers = ["cluster", "align R", "align P", "diverg R", "diverg P", "false alarms", "omiss R"]
    rows = [
        [
            score.name,
            str(score.alignment_recall),
            str(score.alignment_precision),
            str(score.divergence_recall),
            str(score.divergence_precision),
            score.false_alarm_count,
            str(score.omission_recall),
        ]
        for score in (*result.clusters, result.total)
    ]
    total = result.total
    parts = [tabulate(rows, headers=headers, disable_numparse=True)]
    kind_rows = [
        [ks.kind, str(ks.recall), str(ks.precision), ks.precision.misses] for ks in total.per_kind
    ]
    parts.append(
        tabulate(
            kind_rows,
            headers=["kind", "recall", "precision", "false alarms"],
            disable_numparse=True,
        )
    )
    parts.append("n/a: nothing to judge (0 of 0). Totals sum the counts of all clusters.")

    lines = []
    for score in result.clusters:
        for alarm in score.false_alarms:
            lines.append(
                f"[{score.name}] {alarm.kind} ({', '.join(alarm.rules)}): "
                f"{alarm.left_value!r} vs {alarm.right_value!r}; gold: {alarm.gold}"
                + (f" ({shorten(alarm.gold_detail, 160)})" if alarm.gold_detail else "")
            )
            lines.extend(f"    {side}" for side in (alarm.left, alarm.right))
    parts.append("False alarms:\n" + ("\n".join(lines) if lines else "    none"))

    lines = []
    for score in result.clusters:
        for miss in score.missed_divergences:
            lines.append(
                f"[{score.name}] {miss.id} {miss.kind} {'/'.join(miss.sources)} "
                f"({miss.fact}): {miss.detail}; {miss.reason}"
            )
            lines.extend(f"    {side}" for side in (miss.left, miss.right) if side)
    parts.append("Missed divergences:\n" + ("\n".join(lines) if lines else "    none"))

    if total.warnings:
        parts.append("Warnings:\n" + "\n".join(f"    {w}" for w in total.warnings))
    return "\n\n".join(parts) + "\n"


def _ratio_json(ratio: Ratio, recall: bool) -> dict[str, int]:
    return {"tp": ratio.hits, "fn" if recall else "fp": ratio.misses}


def _view_json(view: SentenceView | None) -> dict[str, Any] | None:
    return None if view is None else {"source": view.source, "index": view.index, "text": view.text}


def _score_json(score: ClusterScore, details: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"name": score.name}
    if score.story:
        out["story"] = score.story
    for metric in METRICS:
        out[metric] = getattr(score, metric).value
    out["false_alarms"] = score.false_alarm_count
    out["counts"] = {
        metric: _ratio_json(getattr(score, metric), recall=metric.endswith("recall"))
        for metric in METRICS
    }
    out["per_kind"] = {
        ks.kind: {
            "recall": ks.recall.value,
            "precision": ks.precision.value,
            "recall_counts": _ratio_json(ks.recall, recall=True),
            "precision_counts": _ratio_json(ks.precision, recall=False),
        }
        for ks in score.per_kind
    }
    if not details:
        return out
    out["false_alarm_details"] = [
        {
            "kind": a.kind,
            "rules": list(a.rules),
            "left": _view_json(a.left),
            "right": _view_json(a.right),
            "left_value": a.left_value,
            "right_value": a.right_value,
            "gold": a.gold,
            "gold_detail": a.gold_detail,
        }
        for a in score.false_alarms
    ]
    out["missed_divergences"] = [
        {
            "id": m.id,
            "fact": m.fact,
            "kind": m.kind,
            "sources": list(m.sources),
            "detail": m.detail,
            "reason": m.reason,
            "left": _view_json(m.left),
            "right": _view_json(m.right),
        }
        for m in score.missed_divergences
    ]
    out["missed_alignments"] = [
        {
            "fact": m.fact,
            "sources": list(m.sources),
            "reason": m.reason,
            "left": _view_json(m.left),
            "right": _view_json(m.right),
        }
        for m in score.missed_alignments
    ]
    out["missed_omissions"] = [
        {"source": m.source, "mention": m.mention} for m in score.missed_omissions
    ]
    out["warnings"] = list(score.warnings)
    return out


def to_json(result: EvalResult) -> dict[str, Any]:
    """``{"total": {...}, "clusters": [{...}, ...]}``; ratios are floats or null (0/0).

    Each object holds ``alignment_recall``, ``alignment_precision``,
    ``divergence_recall``, ``divergence_precision``, ``omission_recall``,
    ``false_alarms`` (a count), raw ``counts`` (tp/fn or tp/fp) and ``per_kind``;
    clusters add ``name``, ``story`` and the detail lists.
    """
    return {
        "total": _score_json(result.total, details=False),
        "clusters": [_score_json(score, details=True) for score in result.clusters],
    }
