"""A stated maximum is one value: "faces up to 14 years" / "facing a maximum of seven".

As ranges the two meet (0-14 and 0-7 years); as the greatest penalty one verb is given
they cannot both be right. Invented sentences of general news language.
"""

from __future__ import annotations

from crosscheck.checks import Claim
from crosscheck.extract.ceilings import ceilings
from crosscheck.extract.numbers import find_quantities
from crosscheck.rules import load_rules, run_pair
from crosscheck.settings import RULES_DIR
from crosscheck.types import Sentence, Source

RULESET = load_rules(RULES_DIR)


def _claim(side: str, text: str) -> Claim:
    return Claim(Sentence(side, 0, text, 0, len(text)), Source(side, f"{side}.txt", "", side))


def _fires(left: str, right: str) -> list[tuple[str, str]]:
    rule = RULESET.get("number-mismatch")
    found = run_pair(rule, _claim("a", left), _claim("b", right), RULESET.context)
    return [(d.left_value, d.right_value) for d in found]


def test_a_maximum_belongs_to_its_verb() -> None:
    text = "Each charge carries a maximum of five years, so the driver faces up to ten years."
    found = ceilings(text, find_quantities(text))
    assert [(c.verb, c.quantity.text) for c in found] == [
        ("carry", "a maximum of five years"),
        ("face", "up to ten years"),
    ]


def test_two_maxima_of_one_verb_that_differ_are_flagged() -> None:
    assert _fires(
        "The driver faces up to 14 years in prison, prosecutors said.",
        "That leaves the driver facing a maximum of seven years in prison.",
    )


def test_the_same_maximum_in_other_words_passes() -> None:
    assert not _fires(
        "The driver faces up to 14 years in prison.",
        "The driver is facing a maximum of 14 years in prison.",
    )


def test_the_maximum_per_charge_is_no_rival_to_the_total() -> None:
    # Only the left gives the total ("faces"); both give the same maximum per charge.
    assert not _fires(
        "Each charge carries a maximum of five years, so the driver faces up to ten years.",
        "Each charge carries up to five years in prison.",
    )


def test_a_bound_is_no_maximum() -> None:
    # "fewer than" bounds a count from above; it names no greatest value of anything.
    assert not _fires(
        "Fewer than 50 people attended the rally on Sunday.",
        "Fewer than 80 people attended the rally on Sunday.",
    )


def test_maxima_of_two_doers_are_two_facts() -> None:
    assert not _fires(
        "The driver faces up to 14 years in prison, prosecutors said.",
        "His passenger faces up to seven years in prison, prosecutors said.",
    )
