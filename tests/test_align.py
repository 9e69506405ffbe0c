"""Alignment and fact grouping on hand-built vectors (no model)."""

from __future__ import annotations

import numpy as np
import pytest

from crosscheck import align
from crosscheck.types import Alignment, Sentence


def _sentences(spec: dict[str, list[str]]) -> list[Sentence]:
    out = []
    for source, texts in spec.items():
        for index, text in enumerate(texts):
            out.append(Sentence(source, index, text, 0, len(text)))
    return out


def _unit(*components: float) -> np.ndarray:
    vector = np.array(components, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_pairs_sentences_independent_of_order() -> None:
    sentences = _sentences(
        {
            "a": ["Storm hits coast.", "Minister resigns over scandal."],
            "b": ["Minister quits after scandal.", "Coastal storm strikes."],
        }
    )
    # Storm sentences share axis 0, minister sentences axis 1.
    vectors = np.stack([_unit(1, 0, 0.1), _unit(0, 1, 0.1), _unit(0.05, 1, 0), _unit(1, 0.05, 0)])
    found = {(a.left.ref, a.right.ref) for a in align.align(sentences, vectors)}
    assert found == {(("a", 0), ("b", 1)), (("a", 1), ("b", 0))}


def test_unrelated_sentences_do_not_pair() -> None:
    sentences = _sentences({"a": ["Storm hits coast."], "b": ["Bank raises interest rates."]})
    vectors = np.stack([_unit(1, 0, 0), _unit(0, 0, 1)])
    assert align.align(sentences, vectors) == []


def test_mutual_best_pairs_below_strong_threshold() -> None:
    sentences = _sentences({"a": ["Talks were held in Istanbul."], "b": ["They met in Istanbul."]})
    cosine = align.WEAK_SCORE + 0.02  # above weak, far below strong
    vectors = np.stack([_unit(1, 0), _unit(cosine, np.sqrt(1 - cosine**2))])
    found = align.align(sentences, vectors)
    assert len(found) == 1
    assert found[0].cosine == pytest.approx(cosine, abs=1e-3)


def test_non_mutual_weak_pair_is_dropped() -> None:
    # b0 is a's best, but b0 prefers a1: a0-b0 is a weak, one-sided match.
    sentences = _sentences({"a": ["x one", "y two"], "b": ["z three"]})
    vectors = np.stack([_unit(0.55, 0.835), _unit(1, 0.02), _unit(1, 0)])
    found = {(a.left.ref, a.right.ref) for a in align.align(sentences, vectors)}
    assert found == {(("a", 1), ("b", 0))}


def test_three_sources_align_pairwise() -> None:
    sentences = _sentences({"a": ["quake struck"], "b": ["earthquake hit"], "c": ["tremor shook"]})
    vectors = np.stack([_unit(1, 0.01), _unit(1, 0.02), _unit(1, 0.03)])
    found = align.align(sentences, vectors)
    assert {(a.left.source, a.right.source) for a in found} == {("a", "b"), ("a", "c"), ("b", "c")}
    facts = align.group_facts(found)
    assert len(facts) == 1
    assert facts[0].sources == {"a", "b", "c"}


def test_lexical_overlap_counts_inflections_and_spelling_variants() -> None:
    assert align.lexical_overlap("Umerov met Medinsky", "Umierov met Medinsky") > 0.9
    assert align.lexical_overlap("talks resumed", "talk resumed") >= 0.9
    assert align.lexical_overlap("Storm hits coast", "Bank raises rates") == 0.0


def test_shared_anchors_count_names_and_figures() -> None:
    left, right = "Putin spoke to Trump on 19 May", "Trump and Putin talked, 19 May"
    assert align.shared_anchors(left, right) == 3


def _alignment(left: Sentence, right: Sentence, score: float) -> Alignment:
    return Alignment(left, right, score)


def test_facts_never_hold_two_sentences_of_one_source() -> None:
    a0, a1 = Sentence("a", 0, "x", 0, 1), Sentence("a", 1, "y", 0, 1)
    b0, c0 = Sentence("b", 0, "z", 0, 1), Sentence("c", 0, "w", 0, 1)
    facts = align.group_facts(
        [_alignment(a0, b0, 0.9), _alignment(a1, c0, 0.8), _alignment(b0, c0, 0.6)]
    )
    for fact in facts:
        sources = [m.source for m in fact.members]
        assert len(sources) == len(set(sources))
    # The strongest pair keeps its fact; the weak b0-c0 link does not chain a1 in.
    assert {m.ref for m in facts[0].members} == {("a", 0), ("b", 0)}


def test_facts_numbered_in_reading_order() -> None:
    a0, a5 = Sentence("a", 0, "x", 0, 1), Sentence("a", 5, "y", 0, 1)
    b3, b1 = Sentence("b", 3, "z", 0, 1), Sentence("b", 1, "w", 0, 1)
    facts = align.group_facts([_alignment(a5, b1, 0.9), _alignment(a0, b3, 0.7)])
    assert [f.id for f in facts] == ["f1", "f2"]
    assert facts[0].members[0].ref == ("a", 0)
