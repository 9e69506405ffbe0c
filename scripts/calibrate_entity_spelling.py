"""Calibrate entity-mismatch's SPELLING_SIMILARITY on ECB+ cross-document coreference.

ECB+ links the mentions of a person or organisation (HUMAN_PART_PER, HUMAN_PART_ORG)
across the articles of a topic to one chain. Two different written names of one chain
are one entity spelt two ways (or a longer and a shorter form); two names of different
chains in one topic are two people or bodies of the same story. For each threshold
this prints, per split (odd topics calibrate, even topics are held out), how many
same-chain pairs of different strings reach it and how many different-chain pairs do
(a merge that would hide a real substitution).

    PYTHONPATH=. python scripts/calibrate_entity_spelling.py [--ecb ../shared/data/ecbplus]

Reads ``docs.jsonl`` (derived from the corpus, see its SOURCE.md); nothing is written.
"""

from __future__ import annotations

import argparse
import itertools
import json
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz

from crosscheck.extract.text import fold

ROOT = Path(__file__).resolve().parents[1]
THRESHOLDS = (70, 75, 78, 80, 85, 90, 95)
KINDS = ("HUMAN_PART_PER", "HUMAN_PART_ORG")
_JOINERS = frozenset({"of", "the", "and", "de", "van", "von"})


def _is_name(text: str) -> bool:
    words = text.split()
    return len(text) > 2 and all(w[:1].isupper() or w.lower() in _JOINERS for w in words)


def names_by_topic(docs: Path) -> dict[int, set[tuple[str, str]]]:
    """topic -> {(chain, folded name)} for the named person/organisation mentions."""
    found: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for line in docs.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        for sentence in doc["sentences"]:
            for mention in sentence.get("mentions") or []:
                if mention["type"] in KINDS and mention["cross_doc"] and _is_name(mention["text"]):
                    found[int(doc["topic"])].add((mention["chain"], fold(mention["text"])))
    return found


def ratios(found: dict[int, set[tuple[str, str]]], parity: int) -> tuple[list[float], list[float]]:
    same: list[float] = []
    different: list[float] = []
    for topic, names in found.items():
        if topic % 2 != parity:
            continue
        for (chain_a, a), (chain_b, b) in itertools.combinations(sorted(names), 2):
            if a != b:
                (same if chain_a == chain_b else different).append(fuzz.ratio(a, b))
    return same, different


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ecb", type=Path, default=ROOT.parent / "shared" / "data" / "ecbplus")
    args = parser.parse_args()
    docs = args.ecb / "docs.jsonl"
    if not docs.is_file():
        print(f"no ECB+ docs.jsonl at {docs}")
        return 1
    found = names_by_topic(docs)
    for parity, split in ((1, "odd topics (calibration)"), (0, "even topics (held out)")):
        same, different = ratios(found, parity)
        print(f"{split}: {len(same)} same-entity pairs, {len(different)} different-entity pairs")
        for threshold in THRESHOLDS:
            hit = sum(r >= threshold for r in same)
            merged = sum(r >= threshold for r in different)
            print(
                f"  ratio >= {threshold}: same entity {hit}/{len(same)}, "
                f"different entities merged {merged}/{len(different)}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
