"""The contrast set's per-kind recall and false-alarm rates never fall silently."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONTRAST = ROOT.parent / "shared" / "eval" / "contrast" / "dev.jsonl"
ECB_PAIRS = ROOT.parent / "shared" / "data" / "ecbplus" / "pairs.jsonl"
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


@pytest.mark.slow
@pytest.mark.parametrize(("split", "parity"), [("odd", 1), ("even", 0)])
def test_real_same_event_pairs_raise_few_alarms(split: str, parity: int) -> None:
    # Even topics are held out: only their overall rate is read, never their firings.
    if not ECB_PAIRS.is_file():
        pytest.skip(f"no ECB+ pairs at {ECB_PAIRS}")
    sys.path.insert(0, str(ROOT / "scripts"))
    from score_contrast import ecb_false_alarms

    rate = ecb_false_alarms(ECB_PAIRS, [], parity)["any"]
    assert rate <= FLOORS["max_ecb_firing"][split], f"ECB+ {split}: rules fire on {rate:.3f}"
