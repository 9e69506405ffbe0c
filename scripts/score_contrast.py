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
        help="print misses / false alarms of this label ('all', 'hits')",
    )
    parser.add_argument("--json", type=Path, help="also write the table as JSON here")
    args = parser.parse_args()
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
