"""How often the pair rules fire on a fresh sample of real same-event sentence pairs.

    .venv/bin/python scripts/sample_same_event_pairs.py [--seed 11] [--size 4000]
                                                        [--ecb odd|even] [--verbose KIND]

A second calibration source beside ``pairs.jsonl`` (``score_contrast.py --ecb``): pairs
of annotated sentences from two documents of one ECB+ sub-topic (two outlets where the
data names them) that share a cross-document event chain other than a reporting act,
and that ``pairs.jsonl`` does not already hold, drawn at random with ``--seed``. Every
pair states one real event; a rule that fires either caught a real difference between
two reports or raised a false alarm. Printed: the share of pairs on which any rule
fires, and per kind. ``--verbose KIND`` prints the firings of that kind ("all" for every
kind), only for the odd topics: the even ones are held out, and reading their firings
would tune to them.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscheck.check_pairs import parse_pair  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from score_contrast import firing_rates  # noqa: E402

ECB = ROOT.parent / "shared" / "data" / "ecbplus"


def _events(sentence: dict) -> set[str]:
    """The cross-document event chains a sentence's mentions belong to, reporting aside."""
    return {
        m["chain"]
        for m in sentence.get("mentions", ())
        if m["type"].startswith("ACTION")
        and not m["type"].startswith("ACTION_REPORTING")
        and m["cross_doc"]
    }


def candidates(folder: Path, parity: int) -> list[tuple[str, str]]:
    """Every same-event pair of two documents of one sub-topic, topics of ``parity``
    (1 odd, 0 even), not in pairs.jsonl, in a fixed order."""
    known = set()
    for line in (folder / "pairs.jsonl").read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        known.add(frozenset((data["sent1"]["text"], data["sent2"]["text"])))
    by_subtopic: dict[str, list[tuple[str, str | None, str, set[str]]]] = {}
    for line in (folder / "docs.jsonl").read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if int(doc["topic"]) % 2 != parity:
            continue
        for sentence in doc["sentences"]:
            events = _events(sentence) if sentence.get("annotated") else set()
            if events:
                row = (doc["doc_id"], doc.get("outlet"), sentence["text"], events)
                by_subtopic.setdefault(doc["subtopic"], []).append(row)
    found = []
    for rows in by_subtopic.values():
        for i, (doc_a, outlet_a, text_a, events_a) in enumerate(rows):
            for doc_b, outlet_b, text_b, events_b in rows[i + 1 :]:
                if doc_a == doc_b or (outlet_a and outlet_a == outlet_b) or text_a == text_b:
                    continue
                if events_a & events_b and frozenset((text_a, text_b)) not in known:
                    found.append((text_a, text_b))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--size", type=int, default=4000)
    parser.add_argument("--ecb", choices=("odd", "even"), default="odd")
    parser.add_argument("--verbose", "-v", action="append", default=[])
    args = parser.parse_args()
    if args.verbose and args.ecb != "odd":
        raise SystemExit("sample_same_event_pairs: even topics are held out: no firings shown")
    pool = candidates(ECB, 1 if args.ecb == "odd" else 0)
    random.Random(args.seed).shuffle(pool)
    sample = pool[: args.size]
    pairs = [
        parse_pair(
            json.dumps({"id": str(k), "left": {"text": a}, "right": {"text": b}}), f"pair {k}"
        )
        for k, (a, b) in enumerate(sample)
    ]
    table = firing_rates(pairs, [], frozenset(args.verbose))
    print(
        f"ECB+ {args.ecb} topics: {table.pop('pairs'):.0f} same-event pairs (seed {args.seed}, "
        f"pool {len(pool)}); any rule fires on {table.pop('any'):.4f}"
    )
    for kind, rate in sorted(table.items(), key=lambda item: -item[1]):
        print(f"  {kind:12} {rate:.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
