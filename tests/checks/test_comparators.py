"""The comparators on hand-built mentions: no parser involved (``analyse`` is replaced)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from crosscheck.checks import Claim, Context, entities, locations, negation_parse
from crosscheck.extract import mentions
from crosscheck.extract.mentions import Analysis, Mention, Predicate
from crosscheck.types import Sentence, Source


def _claim(text: str) -> Claim:
    return Claim(Sentence("s", 0, text, 0, len(text)), Source("s", "", "", "Outlet"))


def _name(text: str, sentence: str, kind: str, role: str, head: str) -> Mention:
    start = sentence.index(text)
    return Mention(kind, kind.upper(), text, start, start + len(text), role, head, "VERB")


def _verb(lemma: str, sentence: str, word: str, negated: bool = False) -> Predicate:
    start = sentence.index(word)
    return Predicate(lemma, word, start, start + len(word), negated, ("man",), "VERB", word)


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Analysis]]:
    table: dict[str, Analysis] = {}

    def analyse(text: str) -> Analysis:
        return table.get(text, Analysis(text, (), (), frozenset()))

    for module in (mentions, entities, locations, negation_parse):
        monkeypatch.setattr(module, "analyse", analyse)
    yield table


def _add(table: dict[str, Analysis], text: str, names=(), predicates=(), lemmas=()) -> None:
    table[text] = Analysis(text, tuple(names), tuple(predicates), frozenset(lemmas))


def test_entity_same_slot_other_name_is_flagged_with_spans(parsed: dict[str, Analysis]) -> None:
    left, right = "Alphabet agreed to buy it.", "Microsoft agreed to buy it."
    _add(parsed, left, [_name("Alphabet", left, "org", "subj", "agree")])
    _add(parsed, right, [_name("Microsoft", right, "org", "subj", "agree")])
    (finding,) = entities.check(_claim(left), _claim(right), {"check_context": True}, Context())
    assert (finding.left_value, finding.right_value) == ("Alphabet", "Microsoft")
    assert finding.right_at == (0, 9)


def test_entity_other_slot_or_surname_is_not_flagged(parsed: dict[str, Analysis]) -> None:
    left, right = "Tara Reid entered rehab.", "Police thanked Reid and Jones."
    _add(parsed, left, [_name("Tara Reid", left, "person", "subj", "enter")])
    _add(parsed, right, [_name("Jones", right, "person", "obj", "thank")])
    assert not list(entities.check(_claim(left), _claim(right), {}, Context()))


def test_location_apart_in_gazetteer_is_flagged(parsed: dict[str, Analysis]) -> None:
    left, right = "A fire hit a dairy in Palmer.", "A fire hit a dairy in Huntsville."
    _add(parsed, left, [_name("Palmer", left, "place", "prep:in", "dairy")])
    _add(parsed, right, [_name("Huntsville", right, "place", "prep:in", "dairy")])
    (finding,) = locations.check(_claim(left), _claim(right), {"containment": True}, Context())
    assert finding.right_value == "Huntsville"


def test_location_inside_the_other_is_not_flagged(parsed: dict[str, Analysis]) -> None:
    left, right = "Talks were held in Istanbul.", "Talks were held in Turkey."
    _add(parsed, left, [_name("Istanbul", left, "place", "prep:in", "hold")])
    _add(parsed, right, [_name("Turkey", right, "place", "prep:in", "hold")])
    assert not list(locations.check(_claim(left), _claim(right), {"containment": True}, Context()))


def test_negation_same_predicate_one_side_negated(parsed: dict[str, Analysis]) -> None:
    left, right = "The man was arrested.", "The man was not arrested."
    _add(parsed, left, predicates=[_verb("arrest", left, "arrested")])
    _add(parsed, right, predicates=[_verb("arrest", right, "arrested", negated=True)])
    findings = list(negation_parse.parsed(_claim(left), _claim(right)))
    assert [f.right_value for f in findings] == ["arrested"]


def test_negation_same_polarity_mix_on_both_sides_is_no_clash(
    parsed: dict[str, Analysis],
) -> None:
    text = "We were not progressing as we wanted to progress."
    _add(
        parsed,
        text,
        predicates=[
            _verb("progress", text, "progressing", negated=True),
            _verb("progress", text, "progress"),
        ],
    )
    assert not list(negation_parse.parsed(_claim(text), _claim(text)))
