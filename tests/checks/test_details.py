"""One-source details inside shared sentences (crosscheck.checks.omissions.details)."""

from __future__ import annotations

from typing import Any

import pytest

from crosscheck.checks import Claim, Context
from crosscheck.checks.omissions import PARAMS, details
from crosscheck.rules import load_rules, select_details
from crosscheck.settings import RULES_DIR
from crosscheck.types import Sentence, Source

DEFAULTS: dict[str, Any] = {name: param.default for name, param in PARAMS.items()}

MOTOROLA = (
    "The deal dwarfs the $12.5bn that Google paid for Motorola Mobility in 2012,"
    " a purchase it later unwound at a heavy loss."
)
PARTNER = "That easily beats the $12.5 billion Google paid for Motorola Mobility back in 2012."


def _claim(text: str, start: int = 0) -> Claim:
    return Claim(Sentence("wire", 3, text, start, start + len(text)), Source("wire", "w", "", "W"))


def _details(
    text: str, partners: list[str], elsewhere: tuple[str, ...] = (), **params: Any
) -> list[str]:
    found = details(_claim(text), partners, list(elsewhere), {**DEFAULTS, **params}, Context())
    return [span.text for span in found]


def test_a_phrase_no_partner_states_is_a_detail() -> None:
    assert _details(MOTOROLA, [PARTNER]) == ["a purchase it later unwound at a heavy loss."]


def test_spans_point_into_the_article() -> None:
    claim = _claim(MOTOROLA, start=40)
    (span,) = details(claim, [PARTNER], [], DEFAULTS, Context())
    assert span.ref == claim.sentence.ref
    assert MOTOROLA[span.start - 40 : span.end - 40] == span.text


def test_what_the_partner_also_says_is_no_detail() -> None:
    assert _details(PARTNER, [MOTOROLA]) == []


def test_a_detail_another_sentence_of_the_other_outlet_gives_is_no_detail() -> None:
    elsewhere = ["Google later sold Motorola, a purchase it unwound at a heavy loss."]
    assert _details(MOTOROLA, [PARTNER], elsewhere) == []


@pytest.mark.parametrize(
    "text",
    [
        # Who reported it is not a detail of the fact.
        "Google paid $12.5bn for Motorola Mobility in 2012, officials there reported.",
        # Fewer than three words.
        "Google paid $12.5bn for Motorola Mobility in 2012, reluctantly.",
    ],
)
def test_scraps_are_no_details(text: str) -> None:
    assert _details(text, [PARTNER]) == []


def test_adjacent_new_phrases_are_joined() -> None:
    text = "Drones hit four air bases on Sunday, damaging 41 aircraft, including strategic bombers."
    partner = "Drones hit four air bases on Sunday."
    assert _details(text, [partner]) == ["damaging 41 aircraft, including strategic bombers."]


def test_inflections_count_as_the_same_word() -> None:
    text = "The storm hit the port on Tuesday, destroying homes across the harbour."
    partner = "A storm hit the port on Tuesday and destroyed homes across harbours."
    assert _details(text, [partner]) == []


def test_details_can_be_turned_off() -> None:
    assert _details(MOTOROLA, [PARTNER], details=False) == []


def test_select_details_skips_what_the_omission_rule_drops() -> None:
    ruleset = load_rules(RULES_DIR)
    question = "Did Google pay $12.5bn for Motorola in 2012, a purchase later unwound at a loss?"
    items = [(_claim(MOTOROLA), [PARTNER], []), (_claim(question), [PARTNER], [])]
    assert [s.text for s in select_details(ruleset, items)] == [
        "a purchase it later unwound at a heavy loss."
    ]
