"""The contrast set's per-kind recall and false-alarm rates never fall silently."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTRAST = ROOT.parent / "shared" / "eval" / "contrast" / "dev.jsonl"
FLOORS = json.loads((Path(__file__).parent / "contrast_floors.json").read_text())


@pytest.mark.slow
def test_contrast_set_meets_its_floors() -> None:
    if not CONTRAST.is_file():
        pytest.skip(f"no contrast set at {CONTRAST}")
    sys.path.insert(0, str(ROOT / "scripts"))
    from score_contrast import score

    table = score(CONTRAST, [], set())
    low = {
        label: round(table[label]["rate"], 3)
        for label, floor in FLOORS["recall"].items()
        if table[label]["rate"] < floor
    }
    high = {
        label: round(table[label]["rate"], 3)
        for label, ceiling in FLOORS["max_false_alarms"].items()
        if table[label]["rate"] > ceiling
    }
    assert not low, f"recall below its floor: {low}"
    assert not high, f"false alarms above their ceiling: {high}"
