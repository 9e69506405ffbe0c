"""One finding per difference: two rules on the same words of one pair give one entry."""

from __future__ import annotations

from crosscheck.rules import SPECIFICITY, merge_duplicates
from crosscheck.types import Divergence, Kind, Sentence, Severity, Span

LEFT_TEXT = 'The coach said he "would not sleep very well" after the defeat on Sunday.'
RIGHT_TEXT = 'The coach said he "would sleep soundly" after the defeat on Friday.'
LEFT = Sentence("a", 0, LEFT_TEXT, 0, len(LEFT_TEXT))
RIGHT = Sentence("b", 0, RIGHT_TEXT, 0, len(RIGHT_TEXT))


def _span(sentence: Sentence, words: str) -> Span:
    start = sentence.text.index(words)
    return Span(sentence.source, start, start + len(words), words)


def _divergence(kind: Kind, left_words: str, right_words: str, rule: str = "") -> Divergence:
    return Divergence(
        rule=rule or f"{kind.value}-rule",
        kind=kind,
        severity=Severity.WARNING,
        left=LEFT,
        right=RIGHT,
        left_value=left_words,
        right_value=right_words,
        message=f"{left_words} / {right_words}",
        left_span=_span(LEFT, left_words),
        right_span=_span(RIGHT, right_words),
    )


def test_a_quote_finding_wins_over_negation_on_the_same_words() -> None:
    negation = _divergence(Kind.NEGATION, "would not sleep", "would sleep")
    quote = _divergence(Kind.QUOTE, "would not sleep very well", "would sleep soundly")
    assert merge_duplicates([negation, quote]) == [quote]
    assert merge_duplicates([quote, negation]) == [quote]


def test_findings_on_different_words_are_all_kept_in_order() -> None:
    negation = _divergence(Kind.NEGATION, "would not sleep", "would sleep")
    date = _divergence(Kind.DATE, "Sunday", "Friday")
    assert merge_duplicates([negation, date]) == [negation, date]


def test_words_inside_on_one_side_only_are_two_differences() -> None:
    # The left words lie inside the quotation finding's, the right ones do not.
    quote = _divergence(Kind.QUOTE, "would not sleep very well", "would sleep soundly")
    other = _divergence(Kind.NEGATION, "would not sleep", "Friday")
    assert merge_duplicates([quote, other]) == [quote, other]


def test_a_clause_that_holds_more_than_a_date_is_kept() -> None:
    # The date lies inside the negation's clause, not the clause inside the date: the
    # denial has words of its own to show, so both are listed.
    negation = _divergence(
        Kind.NEGATION, "after the defeat on Sunday", "after the defeat on Friday"
    )
    place = _divergence(Kind.DATE, "Sunday", "Friday")
    assert merge_duplicates([negation, place]) == [negation, place]


def test_findings_without_spans_are_kept() -> None:
    negation = _divergence(Kind.NEGATION, "would not sleep", "would sleep")
    bare = Divergence(**{**_fields(negation), "left_span": None, "kind": Kind.QUOTE})
    assert merge_duplicates([negation, bare]) == [negation, bare]


def test_same_kind_keeps_the_first_rule() -> None:
    first = _divergence(Kind.NEGATION, "would not sleep very", "would sleep soundly", rule="a")
    second = _divergence(Kind.NEGATION, "not sleep", "sleep soundly", rule="b")
    assert merge_duplicates([first, second]) == [first]
    assert merge_duplicates([second, first]) == [second, first]  # the first covers nothing


def test_every_kind_has_a_rank() -> None:
    assert set(SPECIFICITY) == set(Kind)
    assert SPECIFICITY[0] is Kind.QUOTE and SPECIFICITY[-1] is Kind.NEGATION


def _fields(d: Divergence) -> dict[str, object]:
    return {name: getattr(d, name) for name in Divergence.__dataclass_fields__}
