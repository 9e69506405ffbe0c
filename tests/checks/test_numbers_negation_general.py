"""Issue 9: number and negation checks on invented sentences of general news language.

Each case states a phenomenon of news writing (a score, a price, a change from a
starting figure, a swapped winner, a request that is no statement), not an item of the
evaluation data; the sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from crosscheck.checks import Claim
from crosscheck.extract.changes import change_from, find_scores, point_changes
from crosscheck.extract.numbers import find_quantities
from crosscheck.rules import load_rules, run_pair
from crosscheck.settings import RULES_DIR
from crosscheck.types import Sentence, Source

RULESET = load_rules(RULES_DIR)


def _claim(side: str, text: str) -> Claim:
    return Claim(Sentence(side, 0, text, 0, len(text)), Source(side, f"{side}.txt", "", side))


def _fires(rule: str, left: str, right: str) -> list[tuple[str, str]]:
    found = run_pair(RULESET.get(rule), _claim("a", left), _claim("b", right), RULESET.context)
    return [(d.left_value, d.right_value) for d in found]


# ------------------------------------------------------------------ reading figures


def test_basis_points_are_read_in_percentage_points() -> None:
    (q,) = find_quantities("The bank cut its rate by 25 basis points.")
    assert (q.unit, q.value) == ("pp", pytest.approx(0.25))
    (q,) = find_quantities("Yields rose 40bp on the week.")
    assert (q.unit, q.value) == ("pp", pytest.approx(0.4))


def test_a_spaced_us_dollar_sign_and_a_hyphenated_scale_are_one_sum() -> None:
    (q,) = find_quantities("The brewer was sold for US $2.9-billion on Friday.")
    assert (q.unit, q.value) == ("USD", 2.9e9)


def test_a_duration_in_hours_and_minutes_is_one_figure() -> None:
    (q,) = find_quantities("The debate lasted 3 hours and 12 minutes, a record.")
    assert q.text == "3 hours and 12 minutes"
    assert q.value == 3 * 3600 + 12 * 60


def test_a_hyphenated_figure_before_a_plural_noun_is_a_kind_not_a_count() -> None:
    assert find_quantities("She is unbeaten in three-set matches this year.") == []
    (q,) = find_quantities("A 12-storey block was evacuated.")
    assert (q.value, q.counted) == (12, "storey")


def test_what_a_figure_counts_follows_the_verb_and_the_noun_before_of() -> None:
    (q,) = find_quantities("The flood killed 12 Canadians on holiday.")
    assert q.counted == "killed"
    (q,) = find_quantities("A father of 4 was injured in the crash.")
    assert q.counted == "father"


def test_an_amount_of_money_keeps_the_noun_it_is_for() -> None:
    (q,) = find_quantities("The firm took a $2 billion write-down on the mine.")
    assert q.counted == "write-down"
    (q,) = find_quantities("It could not collect $1.4bn of unpaid bills.")
    assert q.counted == "bill"
    (q,) = find_quantities("It paid $2.1 billion in cash yesterday.")
    assert q.counted is None


def test_scores_changes_and_point_changes_are_read() -> None:
    assert [(s.first, s.second) for s in find_scores("They lost 3-1 at home.")] == [(3, 1)]
    assert find_scores("in the 2008-09 season, code MS12-034, a 45-7-2 record") == []
    text = "Profit was down 3% from the $410 million it made in 2023."
    assert [change_from(text, q) for q in find_quantities(text)] == [0, -1]
    text = "Turnout rose from 52% to 58.5% this time."
    assert [round(c.points, 1) for c in point_changes(text, find_quantities(text))] == [6.5]


# ------------------------------------------------------------------ number-mismatch


def test_a_score_changed_on_one_figure_is_flagged() -> None:
    assert _fires(
        "number-mismatch",
        "The hosts held on for a 27-17 victory.",
        "The visitors were beaten 24-17 in the rain.",
    ) == [("27-17", "24-17")]
    # A score written the other way round is the same score.
    assert not _fires(
        "number-mismatch", "The hosts won 27-17.", "The visitors lost 17-27 on the road."
    )
    # Two scores with no figure in common may be two games.
    assert not _fires("number-mismatch", "They won 3-0 on Tuesday.", "They had lost 1-2 before.")


def test_the_one_sum_each_side_names_is_compared() -> None:
    assert _fires(
        "number-mismatch",
        "The group agreed to buy the brewer for $2.1 billion on Monday.",
        "Buying the brewer for US $2.9-billion gives it a foothold in the north.",
    )
    # An order of magnitude apart: two different things.
    assert not _fires(
        "number-mismatch",
        "Analysts set a price target of $21 after the deal.",
        "The group will pay $2.1 billion for the brewer.",
    )


def test_two_sums_for_different_things_are_not_compared() -> None:
    assert not _fires(
        "number-mismatch",
        "It could not collect $1.4bn of unpaid bills before the year ended.",
        "The result was a $2bn write-down on the mine.",
    )


def test_the_one_length_of_time_each_side_gives_is_compared() -> None:
    assert _fires(
        "number-mismatch",
        "The striker will serve a 30-day suspension imposed by the league.",
        "The league handed the striker a 45-day ban on Friday.",
    )


def test_opposite_changes_from_one_starting_figure_are_flagged() -> None:
    assert _fires(
        "number-mismatch",
        "Revenue was up 8% from the $12.1 billion it reported a year earlier.",
        "That was down from $12.1bn a year earlier.",
    )
    assert not _fires(
        "number-mismatch",
        "Revenue was up 8% from the $12.1 billion it reported a year earlier.",
        "That was up from $12.1bn a year earlier.",
    )


def test_a_change_in_points_against_the_same_figure_in_basis_points_is_flagged() -> None:
    assert _fires(
        "number-mismatch",
        "The jobless rate fell to 41.5% from 47.5% in a year.",
        "The jobless rate stood at 41.5%, down 6 basis points in a year.",
    )
    assert not _fires(
        "number-mismatch",
        "The jobless rate fell to 41.5% from 47.5% in a year.",
        "The jobless rate stood at 41.5%, down 6 percentage points in a year.",
    )


def test_a_kind_of_a_thing_counted_meets_the_thing_in_wordnet() -> None:
    # "warplane" is a kind of "aircraft" (WordNet hypernyms), "truce" and "ceasefire" one
    # thing: no word list of this corpus makes them meet.
    assert _fires(
        "number-mismatch",
        "The strikes destroyed 41 warplanes on the ground.",
        "The strikes destroyed 12 aircraft on the ground.",
    )
    assert not _fires(
        "number-mismatch",
        "The raid destroyed 4 cars near the depot.",
        "The raid destroyed 9 trucks near the depot.",
    )


def test_the_dead_counted_by_verb_and_by_state_meet() -> None:
    assert _fires(
        "number-mismatch",
        "The blast killed 12 Canadians at the border post.",
        "The blast left 9 people dead at the border post.",
    )


# ------------------------------------------------------------------ negation-mismatch


def test_winner_and_loser_swapped_around_one_verb_are_flagged() -> None:
    assert _fires(
        "negation-mismatch",
        "Brandt had also beaten him in the semi-final in March.",
        "Lindqvist, who had beaten Brandt in the March semi-final, was the favourite.",
    )
    # The same doer on both sides is no swap.
    assert not _fires(
        "negation-mismatch",
        "Brandt had beaten Lindqvist in March.",
        "Brandt, who had beaten Lindqvist in March, was the favourite.",
    )


def test_a_headline_without_its_auxiliary_is_no_swap() -> None:
    assert not _fires(
        "negation-mismatch",
        "Striker Brandt arrested on suspicion of assault",
        "Brandt was arrested on suspicion of assault on Sunday.",
    )


def test_verbs_of_speaking_are_not_read_as_swaps() -> None:
    assert not _fires(
        "negation-mismatch",
        "The judge told the jurors to keep deliberating.",
        "The jurors sent a note telling the judge they were stuck.",
    )


def test_a_denied_verb_against_another_verb_on_the_same_object_is_flagged() -> None:
    assert _fires(
        "negation-mismatch",
        "The forecast does not yet include $3m of lost ticket sales.",
        "The forecast already covers a loss of $3m in ticket sales.",
    )


def test_a_negative_verb_against_the_verb_it_denies_is_flagged() -> None:
    assert _fires(
        "negation-mismatch",
        "The singer has entered a clinic, her agent confirmed on Friday.",
        "The singer had checked into a clinic in the hills, her spokeswoman denied.",
    )
    assert _fires(
        "negation-mismatch",
        "Officials lifted the evacuation order for the valley on Thursday.",
        "Officials extended the evacuation order for the valley on Thursday.",
    )


def test_an_adjective_denied_on_one_side_only_is_flagged() -> None:
    assert _fires(
        "negation-mismatch",
        "A jury returned a guilty verdict against the driver.",
        "The driver was found not guilty of dangerous driving.",
    )


def test_a_request_or_a_need_is_no_statement_that_it_happened() -> None:
    assert not _fires(
        "negation-mismatch",
        "The court refused to release him on bail on Wednesday.",
        "At the hearing his lawyers asked for him to be released on bail.",
    )
    assert not _fires(
        "negation-mismatch",
        "The ministry said the firm could no longer export the drones.",
        "The ministry told the firm it would need a permit to export the drones.",
    )


def test_never_before_and_the_first_time_state_one_fact() -> None:
    assert not _fires(
        "negation-mismatch",
        "She had never won a title away from home.",
        "It was the first time she had won a title away from home.",
    )


def test_different_named_actors_do_not_clash() -> None:
    assert not _fires(
        "negation-mismatch",
        "Brandt has checked into the clinic near the lake.",
        "The regulators have not approved the clinic near the lake.",
    )
    assert _fires(
        "negation-mismatch",
        "Brandt has checked into the clinic near the lake.",
        "Brandt has not checked into the clinic near the lake.",
    )
