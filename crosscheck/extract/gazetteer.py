"""Which listed place contains which: the containment gazetteer in ``data/places.yaml``.

>>> relation("Istanbul", "Turkey"), relation("Kharkov", "Kyiv"), relation("Kyiv", "Kiev")
('inside', 'disjoint', 'same')
>>> relation("Atlantis", "Kyiv")
'unknown'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from crosscheck.extract.text import lexicon, squash

SAME, INSIDE, CONTAINS, DISJOINT, UNKNOWN = "same", "inside", "contains", "disjoint", "unknown"


@dataclass(frozen=True, slots=True)
class _Index:
    keys: Mapping[str, str]  # squashed spelling -> canonical name
    parents: Mapping[str, frozenset[str]]  # canonical name -> direct parents


@cache
def _index() -> _Index:
    keys: dict[str, str] = {}
    parents: dict[str, set[str]] = {}

    def walk(tree: Mapping[str, Any] | None, parent: str | None) -> None:
        for entry, children in (tree or {}).items():
            spellings = [part.strip() for part in str(entry).split(" / ")]
            name = spellings[0]
            for spelling in spellings:
                keys.setdefault(squash(spelling), name)
            parents.setdefault(name, set())
            if parent:
                parents[name].add(parent)
            walk(children, name)

    walk(lexicon("places")["tree"], None)
    return _Index(keys, {name: frozenset(up) for name, up in parents.items()})


@cache
def _suffixes() -> tuple[str, ...]:
    words = [squash(word) for word in lexicon("places")["suffixes"]]
    return tuple(sorted(words, key=len, reverse=True))


def lookup(name: str) -> str | None:
    """The gazetteer's name for ``name`` ("the Kharkiv region" -> "Kharkiv"), else None."""
    keys = _index().keys
    key = squash(name)
    if key.startswith("the") and key not in keys:
        key = key[3:]
    if key in keys:
        return keys[key]
    for suffix in _suffixes():
        if key.endswith(suffix) and key[: -len(suffix)] in keys:
            return keys[key[: -len(suffix)]]
    return None


def spellings(place: str) -> frozenset[str]:
    """Every listed spelling of a listed place, squashed: "Kyiv" -> {"kyiv", "kiev"}."""
    return frozenset(key for key, name in _index().keys.items() if name == place)


def known(name: str) -> bool:
    return lookup(name) is not None


@cache
def ancestors(place: str) -> frozenset[str]:
    """Every listed place that contains ``place`` (its canonical name)."""
    found: set[str] = set()
    todo = list(_index().parents.get(place, ()))
    while todo:
        parent = todo.pop()
        if parent not in found:
            found.add(parent)
            todo.extend(_index().parents.get(parent, ()))
    return frozenset(found)


def relation(a: str, b: str) -> str:
    """How place ``a`` stands to place ``b``: same, inside, contains, disjoint or unknown."""
    ka, kb = lookup(a), lookup(b)
    if ka is None or kb is None:
        return SAME if squash(a) == squash(b) else UNKNOWN
    if ka == kb:
        return SAME
    up_a, up_b = ancestors(ka), ancestors(kb)
    if kb in up_a:
        return INSIDE
    if ka in up_b:
        return CONTAINS
    # Two listed places with nothing in common above them (two continents) are not
    # compared: the tree says nothing about how they relate.
    return DISJOINT if up_a & up_b else UNKNOWN
