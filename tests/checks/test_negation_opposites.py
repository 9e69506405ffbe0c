"""Opposite verbs from WordNet in the negation check, on invented sentences.

"survived" / "has died" are opposites that WordNet links only through a kind: the
antonym of "survive" (pull through) is "succumb", a way of dying. The cases state
phenomena of news writing (a survivor against a death, a contest's two sides, a death
both sides report), not items of the evaluation data.
"""

from __future__ import annotations

import pytest

from crosscheck.checks import Claim
from crosscheck.extract import wordnet
from crosscheck.rules import load_rules, run_pair
from crosscheck.settings import RULES_DIR
from crosscheck.types import Sentence, Source

pytestmark = pytest.mark.skipif(not wordnet.available(), reason="WordNet (wn) not installed")

RULESET = load_rules(RULES_DIR)


def _claim(side: str, text: str) -> Claim:
    return Claim(Sentence(side, 0, text, 0, len(text)), Source(side, f"{side}.txt", "", side))


def _fires(left: str, right: str) -> list[tuple[str, str]]:
    rule = RULESET.get("negation-mismatch")
    found = run_pair(rule, _claim("a", left), _claim("b", right), RULESET.context)
    return [(d.left_value, d.right_value) for d in found]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("survive", "die"),
        ("die", "survive"),
        ("win", "lose"),
        ("hire", "sack"),
        ("acquit", "convict"),
        ("allow", "prevent"),
    ],
)
def test_opposites_by_antonym_its_synonyms_and_its_kind(a: str, b: str) -> None:
    assert wordnet.opposite(a, b, "v")


@pytest.mark.parametrize(
    ("a", "b"),
    # "go" means travel first; "react" and "change" lie too near the root of the tree.
    [
        ("survive", "live"),
        ("rise", "go"),
        ("rise", "move"),
        ("accept", "respond"),
        ("increase", "change"),
        ("die", "die"),
    ],
)
def test_no_opposite_through_a_rare_sense_or_a_near_root_kind(a: str, b: str) -> None:
    assert not wordnet.opposite(a, b, "v")


def test_a_survivor_against_a_death_is_flagged() -> None:
    assert _fires(
        "A hiker who survived three days in the desert was found by a patrol.",
        "A walker has died after three days in the desert, the patrol said.",
    )


def test_the_two_sides_of_a_contest_are_no_clash() -> None:
    assert not _fires(
        "The hosts won the final on penalties.",
        "The visitors lost the final on penalties.",
    )


def test_a_death_both_sides_report_is_no_clash() -> None:
    # The left also says the co-pilot died: the sides agree on the death.
    assert not _fires(
        "The pilot survived the crash in which his co-pilot died.",
        "The co-pilot died in the crash near the airfield.",
    )


def test_two_named_doers_are_two_people() -> None:
    assert not _fires(
        "Brandt survived the crash on the mountain road.",
        "Lindqvist died in the crash on the mountain road.",
    )


def test_an_all_capitals_headline_is_parsed_in_sentence_case() -> None:
    # Without recasing, the tagger reads no verb in the capitals; the team's name is
    # lemmatised "rover" in the headline and kept "rovers" in the sentence.
    denial = "The Harbour Rovers did not clinch a playoff spot with the 2-1 win on Sunday."
    assert _fires("ROVERS BEAT CHIEFS 2-1 AND REACH PLAYOFFS", denial)
    assert not _fires(
        "ROVERS BEAT CHIEFS 2-1 AND REACH PLAYOFFS",
        "The Harbour Rovers clinched a playoff spot with the 2-1 win on Sunday.",
    )
