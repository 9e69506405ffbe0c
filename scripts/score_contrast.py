"""Score the pair rules on a contrast set (real pairs with one planted divergence or none).

    .venv/bin/python scripts/score_contrast.py [FILE.jsonl] [--rules DIR] [--verbose KIND]
                                               [--json OUT]

Every item is run through the same code as ``crosscheck check-pairs`` (no publication
dates: the set carries none). Printed per label:

* for a divergence label (date, number, ...): recall, the share of items on which a rule
  of that kind fires;
* for ``consistent`` and ``benign``: the false-alarm rate, the share of items on which any
  rule fires (and which kinds fired).

Also printed: firings of another kind on divergence items (not counted against recall).
Default file: ../shared/eval/contrast/dev.jsonl (odd ECB+ topics; used for calibration).
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscheck.check_pairs import Pair, check_pairs, parse_pair  # noqa: E402
from crosscheck.rules import load_rules  # noqa: E402
from crosscheck.settings import RULES_DIR  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "eval" / "contrast" / "dev.jsonl"
NO_DIVERGENCE = ("consistent", "benign")


def score(path: Path, rules_dirs: list[Path], verbose: set[str]) -> dict[str, dict[str, float]]:
    """Per label: items, hits (rule of that kind fired / any rule fired) and the rate."""
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        data = json.loads(line)
        pair = parse_pair(
            json.dumps(
                {
                    "id": data["id"],
                    "left": {"text": data["left"]["text"]},
                    "right": {"text": data["right"]["text"]},
                }
            ),
            f"{path}: line {number}",
        )
        items.append((data, pair))
    ruleset = load_rules(RULES_DIR, *rules_dirs)
    started = time.perf_counter()
    results = dict(check_pairs(ruleset, [pair for _, pair in items]))
    elapsed = time.perf_counter() - started
    table: dict[str, dict[str, float]] = {}
    fired_kinds: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for data, pair in items:
        label = data["label"]
        found = results[pair.id]
        row = table.setdefault(label, {"items": 0, "hits": 0})
        row["items"] += 1
        kinds = {d.kind.value for d in found}
        hit = bool(kinds) if label in NO_DIVERGENCE else label in kinds
        row["hits"] += hit
        for kind in kinds - ({label} if label not in NO_DIVERGENCE else set()):
            fired_kinds[label][kind] += 1
        show = label in verbose or "all" in verbose
        if show and (hit if label in NO_DIVERGENCE else not hit):
            _show(data, pair, found, "FALSE ALARM" if label in NO_DIVERGENCE else "MISSED")
        elif show and label not in NO_DIVERGENCE and "hits" in verbose:
            _show(data, pair, found, "caught")
    for label, row in table.items():
        row["rate"] = row["hits"] / row["items"] if row["items"] else 0.0
        row["other_kinds"] = dict(fired_kinds[label])  # type: ignore[assignment]
    table["_speed"] = {
        "pairs": len(items),
        "seconds": elapsed,
        "pairs_per_second": len(items) / elapsed if elapsed else 0.0,
    }
    return table


ECB_PAIRS = ROOT.parent / "shared" / "data" / "ecbplus" / "pairs.jsonl"


def ecb_false_alarms(
    path: Path, rules_dirs: list[Path], parity: int, verbose: frozenset[str] = frozenset()
) -> dict[str, float]:
    """Share of real same-event sentence pairs (ECB+ coreferent-event pairs from two
    outlets, topics of the given parity: 1 odd, used for calibration; 0 even, held out)
    on which some pair rule fires, overall and per kind. ``verbose`` (kinds, or "all")
    prints the firings of those kinds; only for the odd topics: the even ones are held
    out, and reading their firings would tune to them."""
    if verbose and parity != 1:
        raise SystemExit("score_contrast: --ecb even is held out: its firings are not shown")
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        data = json.loads(line)
        if data.get("label") != 1 or int(data["topic"]) % 2 != parity:
            continue
        one, two = data["sent1"], data["sent2"]
        if one.get("outlet") and one.get("outlet") == two.get("outlet"):
            continue
        pairs.append(
            parse_pair(
                json.dumps(
                    {
                        "id": f"{number}",
                        "left": {"text": one["text"]},
                        "right": {"text": two["text"]},
                    }
                ),
                f"{path}: line {number}",
            )
        )
    return firing_rates(pairs, rules_dirs, verbose)


def firing_rates(
    pairs: list[Pair], rules_dirs: list[Path], verbose: frozenset[str] = frozenset()
) -> dict[str, float]:
    """Share of ``pairs`` on which some pair rule fires, overall ("any") and per kind,
    with their number ("pairs"); ``verbose`` (kinds, or "all") prints those firings."""
    ruleset = load_rules(RULES_DIR, *rules_dirs)
    results = dict(check_pairs(ruleset, pairs))
    kinds: collections.Counter[str] = collections.Counter()
    fired = 0
    texts = {pair.id: pair for pair in pairs}
    for pair_id, found in results.items():
        fired += bool(found)
        for kind in {d.kind.value for d in found}:
            kinds[kind] += 1
        shown = [d for d in found if d.kind.value in verbose or "all" in verbose]
        if shown:
            pair = texts[pair_id]
            print(f"FIRED line {pair_id}")
            print(f"    L: {pair.left.text}")
            print(f"    R: {pair.right.text}")
            for d in shown:
                print(f"    -> {d.rule}: {d.left_value!r} vs {d.right_value!r}")
    table = {"pairs": float(len(pairs)), "any": fired / len(pairs) if pairs else 0.0}
    table.update({kind: count / len(pairs) for kind, count in sorted(kinds.items())})
    return table


def rules_speed(path: Path, rules_dirs: list[Path]) -> float:
    """Aligned pairs per second through the rules alone, every sentence parsed first."""
    from crosscheck.extract.mentions import prepare

    pairs = [
        parse_pair(
            json.dumps(
                {
                    "id": str(i),
                    "left": {"text": d["left"]["text"]},
                    "right": {"text": d["right"]["text"]},
                }
            ),
            str(i),
        )
        for i, d in enumerate(map(json.loads, path.read_text(encoding="utf-8").splitlines()))
    ]
    prepare(t for p in pairs for t in (p.left.text, p.right.text))
    ruleset = load_rules(RULES_DIR, *rules_dirs)
    list(check_pairs(ruleset, pairs))  # analyses cached
    started = time.perf_counter()
    list(check_pairs(ruleset, pairs))
    return len(pairs) / (time.perf_counter() - started)


def _show(data: dict, pair: Pair, found: list, verdict: str) -> None:
    print(f"{verdict} {data['label']} {data['id']}: {data.get('change')}")
    print(f"    L: {pair.left.text}")
    print(f"    R: {pair.right.text}")
    for d in found:
        print(f"    -> {d.rule}: {d.left_value!r} vs {d.right_value!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--rules", action="append", type=Path, default=[])
    parser.add_argument(
        "--verbose",
        "-v",
        action="append",
        default=[],
        help="print misses / false alarms of this label ('all', 'hits'); with --ecb odd, "
        "the firings of this kind",
    )
    parser.add_argument("--json", type=Path, help="also write the table as JSON here")
    parser.add_argument(
        "--ecb",
        choices=("odd", "even"),
        help="instead: false-alarm rate on real ECB+ same-event pairs",
    )
    parser.add_argument(
        "--speed",
        action="store_true",
        help="instead: rules-only pairs per second (parse done first)",
    )
    args = parser.parse_args()
    if args.ecb:
        table = ecb_false_alarms(
            ECB_PAIRS, args.rules, 1 if args.ecb == "odd" else 0, frozenset(args.verbose)
        )
        print(
            f"ECB+ {args.ecb} topics: {table.pop('pairs'):.0f} real same-event pairs; "
            f"any rule fires on {table.pop('any'):.3f}"
        )
        for kind, rate in table.items():
            print(f"  {kind:12} {rate:.3f}")
        return 0
    if args.speed:
        print(f"rules: {rules_speed(args.file, args.rules):.0f} aligned pairs/s")
        return 0
    table = score(args.file, args.rules, set(args.verbose))
    print(f"{'label':12} {'items':>5}  {'measure':12} {'rate':>6}  other kinds fired")
    for label in sorted(k for k in table if not k.startswith("_")):
        row = table[label]
        measure = "false alarms" if label in NO_DIVERGENCE else "recall"
        others = ", ".join(f"{k} {n}" for k, n in sorted(row["other_kinds"].items()))
        print(f"{label:12} {row['items']:5.0f}  {measure:12} {row['rate']:6.3f}  {others}")
    speed = table["_speed"]
    print(
        f"{speed['pairs']:.0f} pairs in {speed['seconds']:.1f} s "
        f"({speed['pairs_per_second']:.0f} pairs/s, parse included)"
    )
    if args.json:
        args.json.write_text(json.dumps(table, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
