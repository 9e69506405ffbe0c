"""Mentions read from the real parse (slow: loads en_core_web_sm). Invented names."""

from __future__ import annotations

import pytest

from crosscheck.extract.mentions import analyse

pytestmark = pytest.mark.slow


def _person(text: str, name: str):
    return next(m for m in analyse(text).names if m.text == name)


def test_word_before_keeps_a_hyphenated_compound_whole() -> None:
    mention = _person("Police shot the 16-year-old Ilse Varnova in the street.", "Ilse Varnova")
    assert mention.before == "16-year-old"


def test_subject_of_a_passive_is_marked() -> None:
    assert _person("Marek Tollund was arrested on Sunday night.", "Marek Tollund").passive
    assert not _person("Marek Tollund arrested two men on Sunday.", "Marek Tollund").passive


def test_headline_gives_no_proper_runs() -> None:
    assert analyse("Harbour Rovers Sign Striker As Transfer Window Opens").proper == ()


def test_title_on_first_word_and_past_office() -> None:
    first = _person("Sheriff Jonas Brennick closed the road.", "Jonas Brennick")
    assert first.titles == ("sheriff",) and first.titles_when == ""
    past = _person("She rehired her former attorney Mira Ostrova.", "Mira Ostrova")
    assert past.titles == ("attorney",) and past.titles_when == "former"


def _places(text: str) -> list[str]:
    return [m.text for m in analyse(text).names if m.kind == "place"]


def test_town_in_a_name_before_a_site_noun_is_a_place() -> None:
    # "Lisbon Vexlo's Club store": the store's town is read out of the venue's name.
    assert "Lisbon" in _places("A woman was killed at the Lisbon Vexlo's Club store.")


def test_town_after_of_in_a_persons_name_is_split_off() -> None:
    names = analyse("Police named the victim as Ilse Varn of Lisbon.").names
    assert any(m.text == "Lisbon" and m.kind == "place" and m.role == "prep:of" for m in names)
    assert all("of Lisbon" not in m.text for m in names)


def test_headline_common_word_is_no_town() -> None:
    assert "Rehab" not in _places("Actress Finally Checks Into Rehab For Undisclosed Reasons")
    assert "Lisbon" in _places("Actress Checks Into Rehab In Lisbon For Undisclosed Reasons")


def _doc(
    words: list[str],
    pos: list[str],
    heads: list[int],
    deps: list[str],
    lemmas: list[str] | None = None,
):
    """A parse stated by hand (the tagger's guesses on a given name vary)."""
    import spacy
    from spacy.tokens import Doc

    return Doc(spacy.blank("en").vocab, words=words, pos=pos, heads=heads, deps=deps, lemmas=lemmas)


@pytest.mark.parametrize(
    ("words", "pos", "runs"),
    [
        # "raj" is also a common noun, but the run goes on with a name.
        (["Raj", "Varnikov", "was", "walking", "."], ["PROPN", "PROPN"], ["Raj Varnikov"]),
        # A first word that is a common noun, and nothing more, names no one.
        (["Police", "Varnikov", "was", "walking", "."], ["PROPN", "VERB"], []),
    ],
)
def test_a_first_word_that_is_a_common_noun_starts_a_name_only_with_more(
    words: list[str], pos: list[str], runs: list[str]
) -> None:
    from crosscheck.extract.mentions import _proper_runs

    doc = _doc(
        words,
        [*pos, "AUX", "VERB", "PUNCT"],
        [1, 3, 3, 3, 3],
        ["compound", "nsubj", "aux", "ROOT", "punct"],
    )
    assert [m.text for m in _proper_runs(doc)] == runs


@pytest.mark.parametrize(
    ("first", "lemma", "runs"),
    [
        # A capitalised word tagged a common noun that no dictionary lists is a name.
        ("Varnick", "varnick", ["Varnick", "Tollund"]),
        # One the dictionary lists, by its lemma, is a common word.
        ("Officers", "officer", ["Tollund"]),
    ],
)
def test_a_capitalised_noun_no_dictionary_lists_is_a_name(
    first: str, lemma: str, runs: list[str]
) -> None:
    from crosscheck.extract import wordnet
    from crosscheck.extract.mentions import _proper_runs

    if not wordnet.available():
        pytest.skip("WordNet files not installed")
    doc = _doc(
        [first, "stops", "Tollund", "."],
        ["NOUN", "VERB", "PROPN", "PUNCT"],
        [1, 1, 1, 1],
        ["nsubj", "ROOT", "dobj", "punct"],
        [lemma, "stop", "Tollund", "."],
    )
    assert [m.text for m in _proper_runs(doc)] == runs


def test_a_verb_and_its_particle_are_read_as_the_phrasal_verb_wordnet_lists() -> None:
    (stepped,) = [p for p in analyse("The minister stepped down on Friday.").predicates]
    assert (stepped.lemma, stepped.phrasal) == ("step", "step_down")
    assert stepped.verbs == ("step", "step_down")
    # A verb and an adverb WordNet does not list together stay the bare verb.
    (ran,) = [p for p in analyse("The minister ran quickly.").predicates]
    assert ran.phrasal == "" and ran.verbs == ("run",)
