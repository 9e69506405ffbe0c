"""Fixtures shared by the tests of the slot checks."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from crosscheck.checks import entities, locations
from crosscheck.extract import contest, mentions
from crosscheck.extract.mentions import Analysis


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Analysis]]:
    """A table of hand-built analyses that stands in for the parser: the entity and
    location checks read ``table[text]`` (an empty analysis for any other text), so a
    test states the mentions it means and no model is loaded."""
    table: dict[str, Analysis] = {}

    def analyse(text: str) -> Analysis:
        return table.get(text, Analysis(text, (), (), frozenset()))

    for module in (mentions, entities, locations):
        monkeypatch.setattr(module, "analyse", analyse)
    # A Title Case headline's winners and losers come from a parse of their own.
    monkeypatch.setattr(contest, "headline_sides", lambda text: ())
    yield table
