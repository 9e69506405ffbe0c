"""Quotes, speakers and clause polarity."""

from __future__ import annotations

import doctest

import pytest

from crosscheck.extract import polarity, quotes
from crosscheck.extract.polarity import NEGATIVE, POSITIVE, UNKNOWN, clauses
from crosscheck.extract.quotes import find_quotes, find_speakers
from crosscheck.extract.text import stem


@pytest.mark.parametrize("module", [quotes, polarity])
def test_docstring_examples(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ('He called it "great".', ["great"]),
        (
            "He called it “a historic day” and “a turning point”.",
            ["a historic day", "a turning point"],
        ),
        ("She said ‘we’re ready’ on Monday.", ["we’re ready"]),
        ("The minister's aides' plans were 'flexible', she said.", ["flexible"]),
        ("“We will rebuild, he said", ["We will rebuild, he said"]),
        ("No quotes here, only Ukraine's and Russia's plans.", []),
    ],
)
def test_find_quotes(sentence: str, expected: list[str]) -> None:
    assert [q.text for q in find_quotes(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "speaker", "kind"),
    [
        ("Borinsky said Moscow was satisfied.", "Borinsky", "name"),
        (
            "In Moscow, Kremlin spokesman Gennady Lazkov said Russia was satisfied.",
            "Gennady Lazkov",
            "person",
        ),
        (
            "Kremlin aide Mikhail Borinsky, who led the team, said talks would go on.",
            "Mikhail Borinsky",
            "person",
        ),
        (
            "Vikram Raghavan, Alphabet's chief executive, said the deal was big.",
            "Vikram Raghavan",
            "person",
        ),
        (
            "Defence Minister Tarek Kalerov, heading the delegation, said so.",
            "Tarek Kalerov",
            "person",
        ),
        (
            "Moscow has rejected the plan, said Kremlin spokesman Gennady Lazkov.",
            "Gennady Lazkov",
            "person",
        ),
        ("“We are ready,” said Lazkov.", "Lazkov", "name"),
        (
            "The quake measured 7.7, according to the US Geological Survey.",
            "US Geological Survey",
            "org",
        ),
        ("They met for two hours, according to Russian media.", "Russian media", "group"),
        (
            "The session lasted an hour, officials from both delegations said.",
            "officials from both delegations",
            "group",
        ),
        (
            "Orvane Systems rejected the offer, saying it would seek a listing.",
            "Orvane Systems",
            "org",
        ),
        # A lone name taken up as "it" is an organisation; as "he", a person.
        ("Telmark turned down the bid, saying it would stay independent.", "Telmark", "org"),
        ("Dalvik turned down the bid, saying he would stay on.", "Dalvik", "person"),
        (
            "His chief of staff, Taras Hnatyuk, struck a note, telling reporters it mattered.",
            "Taras Hnatyuk",
            "person",
        ),
        (
            "Junta spokesman Zin Min Soe warned on state television that it would rise.",
            "Zin Min Soe",
            "person",
        ),
    ],
)
def test_find_speakers(sentence: str, speaker: str, kind: str) -> None:
    found = find_speakers(sentence)
    assert found, sentence
    assert (found[0].name, found[0].kind) == (speaker, kind)


@pytest.mark.parametrize(
    "sentence",
    [
        "The generals' unusual call for outside help brought rescuers.",
        "On a call with analysts, the figures looked strong.",
        "Peter Capaldi was revealed as the new Doctor.",
        "He wants to say more next week.",
    ],
)
def test_no_speaker(sentence: str) -> None:
    assert find_speakers(sentence) == []


def test_pronoun_resolves_to_the_previous_speaker() -> None:
    context = ("Kalerov spoke first.", "Moscow offered a truce, Borinsky said.")
    (speaker,) = find_speakers("He said Russia was satisfied.", context)
    assert (speaker.name, speaker.written, speaker.kind) == ("Borinsky", "He", "person")


def test_pronoun_prefers_the_sentence_subject() -> None:
    sentence = "Borinsky met Kalerov for two hours, which, he said, helped."
    (speaker,) = find_speakers(sentence)
    assert speaker.name == "Borinsky"


def test_pronoun_ignores_names_inside_quotes() -> None:
    (speaker,) = find_speakers('"Jermayne fired the shot," he said.')
    assert speaker.kind == "unresolved"


def test_surname_completed_from_context() -> None:
    context = ("Vikram Raghavan, Alphabet's chief executive, said it was a milestone.",)
    (speaker,) = find_speakers("Later, Raghavan predicted lower costs.", context)
    assert (speaker.name, speaker.written) == ("Vikram Raghavan", "Raghavan")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "shake hands" meets "handshakes": the closed compound WordNet lists.
        ("The delegations did not shake hands.", [(NEGATIVE, stem("handshake"))]),
        ("Moscow had rejected a truce.", [(NEGATIVE, "accept")]),
        ("The president refused to sign the bill.", [(NEGATIVE, "sign")]),
        ("The junta has not asked for foreign assistance.", [(NEGATIVE, "request")]),
        ("Orvane had no plans for a listing.", [(NEGATIVE, "plan")]),
        ("Russia is yet to send its proposals.", [(NEGATIVE, "give")]),
        ("The man pleaded not guilty.", [(NEGATIVE, "request")]),  # plead = ask
        ("It has not been officially sanctioned.", [(NEGATIVE, "sanction")]),
        ("No fewer than 1,000 people were freed.", [(POSITIVE, "")]),
        ("The ministry did not deny it.", [(UNKNOWN, "confirm")]),
        ("She noted that the talks went well.", [(POSITIVE, "")]),
        ("The No. 1 seed won again.", [(POSITIVE, "")]),
        ("It was none other than Matt Smith.", [(POSITIVE, "")]),
    ],
)
def test_clause_polarity(sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(c.polarity, c.predicate) for c in clauses(sentence)] == expected


def test_clauses_split_at_contrast() -> None:
    found = clauses("Moscow had rejected a truce, but agreed to a swap.")
    assert [c.polarity for c in found] == [NEGATIVE, POSITIVE]
