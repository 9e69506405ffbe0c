"""Winners and losers of a Title Case headline, read by the packaged parser (invented
team names written as plural nouns, the way many teams are named)."""

from __future__ import annotations

import pytest

from crosscheck.extract.contest import LOSER, WINNER, headline_sides, side


@pytest.mark.slow
@pytest.mark.parametrize(
    ("headline", "sides"),
    [
        ("Red Sox Beat Comets 5-3 To Clinch Pennant", [("Red Sox", WINNER), ("Comets", LOSER)]),
        ("Comets Lose To Harriers In Overtime", [("Comets", LOSER), ("Harriers", WINNER)]),
        # Clinching is no contest: the one who won is not named as a winner.
        ("Harriers Clinch Title With 2-1 Win Over Comets", [("Comets", LOSER)]),
        ("Protesters Clash With Police Over Fuel Prices", []),
    ],
)
def test_a_headline_names_its_sides(headline: str, sides: list[tuple[str, str]]) -> None:
    found = headline_sides(headline)
    assert [(m.text, side(m)) for m in found] == sides
    assert all(headline[m.start : m.end] == m.text for m in found)


def test_a_sentence_in_running_text_has_no_headline_sides() -> None:
    # No parse is needed: the text is no Title Case headline.
    assert headline_sides("The Comets lost to the Harriers on Saturday.") == ()
