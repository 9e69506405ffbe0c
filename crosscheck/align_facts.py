"""Group aligned pairs into facts that span outlets (crosscheck.align).

>>> group_facts([])
[]
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import count

from crosscheck.types import Alignment, Fact, Sentence

Node = tuple[str, int, int]


def _node(sentence: Sentence, clause: Sentence | None) -> Node:
    """What a fact holds: a sentence, or one clause of it (-1: the whole sentence)."""
    return (sentence.source, sentence.index, -1 if clause is None else clause.start)


def group_facts(alignments: Sequence[Alignment]) -> list[Fact]:
    """Group alignments into facts that span outlets, strongest pairs first.

    Two groups merge only if they share no source: a fact has at most one sentence
    per outlet, so weak links cannot chain different facts together. A sentence
    paired through a clause joins a fact through that clause, so a sentence that
    states two facts may belong to both. Facts are numbered in reading order of
    their earliest sentence.
    """
    group_of: dict[Node, int] = {}
    members: dict[int, dict[Node, Sentence]] = {}
    clause_at: dict[Node, Sentence] = {}
    ids = count()
    for alignment in sorted(alignments, key=lambda a: -a.score):
        left, right = alignment.left, alignment.right
        node_left = _node(left, alignment.left_clause)
        node_right = _node(right, alignment.right_clause)
        for node, clause in (
            (node_left, alignment.left_clause),
            (node_right, alignment.right_clause),
        ):
            if clause is not None:
                clause_at[node] = clause
        g_left, g_right = group_of.get(node_left), group_of.get(node_right)
        if g_left is None and g_right is None:
            new = next(ids)
            members[new] = {node_left: left, node_right: right}
            group_of[node_left] = group_of[node_right] = new
        elif g_left is not None and g_right is not None:
            if g_left == g_right:
                continue
            sources_left = {node[0] for node in members[g_left]}
            sources_right = {node[0] for node in members[g_right]}
            if sources_left & sources_right:
                continue
            for node, sentence in members.pop(g_right).items():
                members[g_left][node] = sentence
                group_of[node] = g_left
        else:
            group, node, newcomer = (
                (g_left, node_right, right) if g_left is not None else (g_right, node_left, left)
            )
            assert group is not None
            if newcomer.source in {other[0] for other in members[group]}:
                continue
            members[group][node] = newcomer
            group_of[node] = group
    ordered = sorted(members.values(), key=lambda g: min((s.index, s.source) for s in g.values()))
    return [
        Fact(
            id=f"f{n}",
            members=tuple(sorted(group.values(), key=lambda s: (s.source, s.index))),
            clauses=tuple(
                clause_at[node]
                for node in sorted(group, key=lambda nd: nd[:2])
                if node in clause_at
            ),
        )
        for n, group in enumerate(ordered, 1)
    ]
