"""A figure that differs between sentences naming different days may be an update."""

from __future__ import annotations

import datetime as dt

from crosscheck.checks import Claim
from crosscheck.rules import load_rules, run_pair
from crosscheck.settings import RULES_DIR
from crosscheck.types import Sentence, Source

RULESET = load_rules(RULES_DIR)


def _claim(side: str, text: str, published: dt.date) -> Claim:
    source = Source(side, f"{side}.txt", "", side.title(), published)
    return Claim(Sentence(side, 0, text, 0, len(text)), source)


def _messages(left: str, right: str) -> list[str]:
    rule = RULESET.get("number-mismatch")
    wire = _claim("wire", left, dt.date(2025, 3, 30))  # a Sunday
    blog = _claim("blog", right, dt.date(2025, 3, 31))  # a Monday
    return [d.message for d in run_pair(rule, wire, blog, RULESET.context)]


def test_counts_given_for_different_days_are_flagged_with_a_note() -> None:
    (message,) = _messages(
        "The number of people killed rose to 1,644 on Saturday.",
        "The death toll has climbed to 2,056, the junta said on Monday.",
    )
    assert "1,644" in message and "2,056" in message
    assert message.endswith("(they name different days: the count may have been updated)")


def test_counts_for_the_same_day_get_no_note() -> None:
    (message,) = _messages(
        "The number of people killed rose to 1,644 on Saturday.",
        "On Saturday the death toll reached 2,056.",
    )
    assert message.endswith("gives 2,056")
