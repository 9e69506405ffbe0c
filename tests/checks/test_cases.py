"""Every rule's pass_/fail_ cases, from tests/checks/cases/<rule-id>.yaml.

A case file::

    rule: date-mismatch            # a rule id from rules/
    cases:
      pass_same_day_other_wording:
        left:  {text: "They met on 16 May.", published: 2025-05-31, outlet: Wire}
        right: {text: "They met two weeks ago.", published: 2025-05-31}
      fail_other_day:
        left:  {text: "They met on 16 May.", published: 2025-05-31}
        right: {text: "They met on 17 May.", published: 2025-05-31}
        expect: {left_value: "16 May", right_value: "17 May"}   # optional
        params: {granularity: day}                               # optional overrides

A side may also give ``context: [earlier sentence, ...]``. No model is needed:
the two sentences are taken to be aligned.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from crosscheck.checks import Claim
from crosscheck.rules import load_rules, run_pair
from crosscheck.settings import RULES_DIR
from crosscheck.types import Sentence, Source

CASES_DIR = Path(__file__).parent / "cases"
RULESET = load_rules(RULES_DIR)


def _claim(side: str, spec: dict[str, Any]) -> Claim:
    published = spec.get("published")
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    outlet = spec.get("outlet", "Left Outlet" if side == "left" else "Right Outlet")
    text = spec["text"]
    return Claim(
        sentence=Sentence(source=side, index=0, text=text, start=0, end=len(text)),
        source=Source(id=side, path=f"{side}.txt", title="", outlet=outlet, published=published),
        context=tuple(spec.get("context", ())),
    )


def _cases() -> list[Any]:
    params = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, case in data["cases"].items():
            params.append(pytest.param(data["rule"], name, case, id=f"{path.stem}:{name}"))
    return params


# The checks read the spaCy parse: these run the real parser model.
@pytest.mark.slow
@pytest.mark.parametrize(("rule_id", "name", "case"), _cases())
def test_case(rule_id: str, name: str, case: dict[str, Any]) -> None:
    assert name.startswith(("pass_", "fail_")), f"case {name} must start with pass_ or fail_"
    rule = RULESET.get(rule_id)
    if case.get("params"):
        from dataclasses import replace

        rule = replace(rule, params={**rule.params, **case["params"]})
    left, right = _claim("left", case["left"]), _claim("right", case["right"])
    found = list(run_pair(rule, left, right, RULESET.context))
    if name.startswith("pass_"):
        assert found == [], [d.message for d in found]
        return
    assert found, f"{rule_id} raised nothing on {name}"
    expect = case.get("expect") or {}
    if expect:
        values = [(d.left_value, d.right_value) for d in found]
        assert (expect["left_value"], expect["right_value"]) in values, values
    # Messages quote both outlets, whatever the check.
    assert all(left.source.outlet in d.message or right.source.outlet in d.message for d in found)


def test_every_pair_rule_has_enough_cases() -> None:
    counts: dict[str, int] = {}
    for path in CASES_DIR.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        counts[data["rule"]] = counts.get(data["rule"], 0) + len(data["cases"])
    for rule in RULESET.rules:
        if rule.check == "omissions":
            continue
        assert counts.get(rule.id, 0) >= 8, f"rule {rule.id} has {counts.get(rule.id, 0)} cases"
