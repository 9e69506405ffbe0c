"""Title Case headlines put back in sentence case for the tagger (invented names)."""

from __future__ import annotations

import pytest

from crosscheck.extract.recase import caps_case, headline_case, sentence_case, title_case


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        ("Vexlo Hire Ilse Varn As Head Coach", True),
        ("Korvane Clinch Title with Win Over Lumen", True),
        ("Talking to The Harbour Post, Ilse Varn confirms she has left", False),
        ("Vexlo Wins", False),  # too short to tell
        # A name that starts with a figure is one word, not a lower-case "ers".
        ("Porthaven 49ers Fire Coach Ilse Varn", True),
    ],
)
def test_title_case_needs_every_content_word_capitalised(text: str, headline: bool) -> None:
    assert title_case(text) is headline


def test_words_the_other_side_writes_in_lower_case_are_lowered() -> None:
    text = "Korvane Clinch Title with Win Over Lumen"
    cased = sentence_case(text, "Vexlo clinched the title with a win over Ardent.")
    assert cased == "Korvane Clinch title with win over Lumen"
    assert len(cased) == len(text)  # offsets unchanged


def test_a_word_the_other_side_also_capitalises_keeps_its_capital() -> None:
    cased = sentence_case(
        "Rovers Sign Ilse Varn", "The Rovers said the signing of Ilse Varn was done."
    )
    assert cased.startswith("Rovers Sign Ilse Varn")


def test_running_text_is_left_alone() -> None:
    text = "Vexlo hired Ilse Varn as head coach on Friday."
    assert sentence_case(text, "vexlo hired her") is text
    assert headline_case(text, "vexlo hired her") is text


@pytest.mark.slow
def test_the_parse_lowers_the_verbs() -> None:
    cased = headline_case(
        "Ilse Varn Reverses Ban On Dredging", "Mara Toft lifted the ban on dredging."
    )
    assert cased == "Ilse Varn reverses ban on dredging"


def test_an_all_capitals_headline_is_put_in_sentence_case_at_its_length() -> None:
    text = "VEXLO BEAT KORVANE AND REACH FINAL"
    cased = caps_case(text, "Korvane lost to the Vexlo side in the semi-final.")
    assert cased == "Vexlo beat Korvane and reach final"
    assert len(cased) == len(text)
    assert caps_case("Vexlo beat Korvane and reach the final", "x") == (
        "Vexlo beat Korvane and reach the final"
    )
    assert caps_case("VEXLO WIN", "x") == "VEXLO WIN"  # too short to tell
