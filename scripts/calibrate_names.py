"""Calibrate the name-matching thresholds on ECB+ cross-document coreference.

ECB+ links every mention of a person (HUMAN_PART_PER) and a place (LOC_GEO) across the
articles of a topic to one instance. Two differently written names of one instance
are a pair a checker must treat as one entity; two names of different instances in
the same topic (people and places of the same story) must stay apart. For each
threshold this prints, per split (odd topics calibrate, even topics are held out):
how many same-instance spelling pairs reach it (recall) and how many
different-instance pairs reach it too (false merges).

    PYTHONPATH=. python scripts/calibrate_names.py [--ecb ../shared/data/ecbplus]

The archive is read in place (``ECB+.tar.gz``); nothing is written.
"""

from __future__ import annotations

import argparse
import itertools
import re
import tarfile
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

from rapidfuzz import fuzz

from crosscheck.extract.names import key_tokens
from crosscheck.extract.text import squash

ROOT = Path(__file__).resolve().parents[1]
THRESHOLDS = (50, 60, 70, 75, 80, 85, 90, 95)
KINDS = {"HUMAN_PART_PER": "person", "LOC_GEO": "place"}
_LOWER_INSIDE = {"of", "the", "de", "van", "von", "al", "bin", "da", "del", "la", "le"}


def _is_name(words: list[str]) -> bool:
    """A written name: every word capitalised but joiners ("Bank of England")."""
    if not words or (words[0].lower() in ("the", "a", "an") and len(words) == 1):
        return False
    content = [w for w in words if w.lower() not in _LOWER_INSIDE]
    return bool(content) and all(w[:1].isupper() and w[:1].isalpha() for w in content)


def _mentions(archive: Path) -> dict[str, dict[tuple[str, str], set[str]]]:
    """topic -> (kind, instance) -> the distinct names written for it."""
    found: dict[str, dict[tuple[str, str], set[str]]] = defaultdict(lambda: defaultdict(set))
    with tarfile.open(archive) as tar:
        for member in tar:
            if not member.name.endswith(".xml"):
                continue
            handle = tar.extractfile(member)
            if handle is None:
                continue
            root = ET.parse(handle).getroot()
            topic = Path(member.name).name.split("_")[0]
            tokens = {t.get("t_id"): t.text or "" for t in root.iter("token")}
            anchors: dict[str, tuple[str, list[str]]] = {}
            instances: dict[str, tuple[str, str]] = {}
            for markable in root.find("Markables") or []:
                kind = KINDS.get(markable.tag)
                if kind is None:
                    continue
                ids = [a.get("t_id") for a in markable.findall("token_anchor")]
                if ids:
                    anchors[str(markable.get("m_id"))] = (kind, [tokens.get(i, "") for i in ids])
                elif markable.get("instance_id"):
                    instances[str(markable.get("m_id"))] = (kind, str(markable.get("instance_id")))
            for relation in root.find("Relations") or []:
                if relation.tag != "CROSS_DOC_COREF":
                    continue
                target = relation.find("target")
                if target is None or str(target.get("m_id")) not in instances:
                    continue
                kind, instance = instances[str(target.get("m_id"))]
                for source in relation.findall("source"):
                    anchor = anchors.get(str(source.get("m_id")))
                    if anchor is None or anchor[0] != kind or not _is_name(anchor[1]):
                        continue
                    found[topic][(kind, instance)].add(" ".join(anchor[1]))
    return found


def _pairs(
    topics: dict[str, dict[tuple[str, str], set[str]]], odd: bool, kind: str
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    same: list[tuple[str, str]] = []
    different: list[tuple[str, str]] = []
    for topic, chains in topics.items():
        if not topic.isdigit() or (int(topic) % 2 == 1) != odd:
            continue
        names = {key: sorted(v) for key, v in chains.items() if key[0] == kind}
        for written in names.values():
            for a, b in itertools.combinations(written, 2):
                if squash(a) != squash(b):
                    same.append((a, b))
        for (_, xs), (_, ys) in itertools.combinations(names.items(), 2):
            for a in xs:
                for b in ys:
                    if squash(a) != squash(b):
                        different.append((a, b))
    return same, different


def _last(name: str) -> str:
    words = key_tokens(name)
    return re.sub(r"[^a-z]", "", words[-1]) if words else ""


def _report(kind: str, same: list[tuple[str, str]], different: list[tuple[str, str]]) -> None:
    """Ratios of the last words (surnames) for people, of the squashed names for places."""

    def score(a: str, b: str) -> float:
        if kind == "person":
            return fuzz.ratio(_last(a), _last(b))
        return fuzz.ratio(squash(a), squash(b))

    # Spelling pairs: the same last word is not a spelling question ("Reid" / "Tara Reid").
    if kind == "person":
        same = [(a, b) for a, b in same if _last(a) != _last(b)]
        different = [(a, b) for a, b in different if _last(a) != _last(b)]
    same_scores = [score(a, b) for a, b in same]
    diff_scores = [score(a, b) for a, b in different]
    print(f"  {kind}: {len(same)} same-instance pairs, {len(different)} different-instance")
    for t in THRESHOLDS:
        hit = sum(s >= t for s in same_scores)
        merged = sum(s >= t for s in diff_scores)
        print(
            f"    >= {t:3d}: recall {hit}/{len(same)}"
            f" ({hit / max(len(same), 1):.2f}), false merges {merged}/{len(different)}"
            f" ({merged / max(len(different), 1):.4f})"
        )


def _report_given(same: list[tuple[str, str]], different: list[tuple[str, str]]) -> None:
    """Two full names with one surname (at SURNAME_SIMILARITY) but other given names:
    one person spelt two ways, or two people of one family?"""
    from crosscheck.extract.names import SURNAME_SIMILARITY

    def given(pairs: list[tuple[str, str]]) -> list[float]:
        scores = []
        for a, b in pairs:
            ta, tb = key_tokens(a), key_tokens(b)
            if len(ta) < 2 or len(tb) < 2 or ta[0] == tb[0]:
                continue
            if fuzz.ratio(ta[-1], tb[-1]) >= SURNAME_SIMILARITY:
                scores.append(fuzz.ratio(ta[0], tb[0]))
        return scores

    same_scores, diff_scores = given(same), given(different)
    print(f"  given names: {len(same_scores)} same-instance, {len(diff_scores)} different")
    for t in THRESHOLDS:
        print(
            f"    >= {t:3d}: same person kept {sum(s >= t for s in same_scores)}"
            f"/{len(same_scores)}, two people merged {sum(s >= t for s in diff_scores)}"
            f"/{len(diff_scores)}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ecb", type=Path, default=ROOT.parent / "shared" / "data" / "ecbplus")
    args = parser.parse_args()
    topics = _mentions(args.ecb / "ECB+.tar.gz")
    for odd, label in (
        (True, "ECB+ odd topics (calibration)"),
        (False, "ECB+ even topics (held out)"),
    ):
        print(label)
        for kind in ("person", "place"):
            _report(kind, *_pairs(topics, odd, kind))
        _report_given(*_pairs(topics, odd, "person"))


if __name__ == "__main__":
    main()
