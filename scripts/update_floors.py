"""Re-measure the quality floors in tests/quality_floors.json on ../shared/eval.

Runs the real pipeline on every gold cluster, prints the scores, and sets each floor
to the measured value rounded down to 2 decimals, with the current gold hashes.
Floors only rise: if any would fall (or a false-alarm ceiling rise), nothing is
written unless ``--allow-lower "reason"`` is given, and then the reason is logged
in CHANGELOG.md.

    .venv/bin/python scripts/update_floors.py
    .venv/bin/python scripts/update_floors.py --allow-lower "gold f7 re-annotated"
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the floor helpers live in tests/floors.py (tooling, not product)

from crosscheck.errors import CrosscheckError  # noqa: E402
from crosscheck.evaluate import evaluate, find_clusters, pipeline_runner, render_table  # noqa: E402
from crosscheck.settings import PROJECT_ROOT  # noqa: E402
from tests.floors import gold_sha256, measured_floors  # noqa: E402

FLOORS_FILE = PROJECT_ROOT / "tests" / "quality_floors.json"
EVAL_DIR = PROJECT_ROOT.parent / "shared" / "eval"
CHANGELOG = PROJECT_ROOT / "CHANGELOG.md"
SEARCH_DIRS = [PROJECT_ROOT / "seeds"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--allow-lower",
        metavar="REASON",
        help="accept lower floors, and log REASON in CHANGELOG.md",
    )
    parser.add_argument("--eval-dir", type=Path, default=EVAL_DIR, help="gold clusters")
    parser.add_argument("--floors", type=Path, default=FLOORS_FILE, help="floors file")
    parser.add_argument("--changelog", type=Path, default=CHANGELOG, help="where reasons go")
    parser.add_argument("--dry-run", action="store_true", help="measure and report only")
    args = parser.parse_args(argv)
    if args.allow_lower is not None and not args.allow_lower.strip():
        parser.error("--allow-lower needs a reason")

    clusters = find_clusters(args.eval_dir)
    if not clusters:
        print(f"Error: no gold clusters under {args.eval_dir}", file=sys.stderr)
        return 2
    doc = json.loads(args.floors.read_text(encoding="utf-8")) if args.floors.exists() else {}
    try:
        from crosscheck.embed import Embedder

        run = pipeline_runner(embedder=Embedder())  # one model load for all clusters
        result = evaluate(clusters.values(), run, search_dirs=SEARCH_DIRS, root=args.eval_dir)
    except CrosscheckError as exc:
        print(f"Error: {exc}", file=sys.stderr)
        return 3
    print(render_table(result))

    floors, changes = measured_floors(result, doc.get("floors", {}))
    hashes = {name: gold_sha256(path) for name, path in clusters.items()}
    old_hashes = doc.get("gold_sha256", {})
    regolded = sorted(
        n for n in set(hashes) | set(old_hashes) if hashes.get(n) != old_hashes.get(n)
    )
    loosened = [change for change in changes if change.loosens]

    for change in changes:
        print(("LOWER " if change.loosens else "raise ") + str(change))
    for name in regolded:
        state = "new" if name not in old_hashes else "gone" if name not in hashes else "changed"
        print(f"gold {name}: {state}")
    if not changes and not regolded:
        print("Floors unchanged.")
        return 0
    if loosened and args.allow_lower is None:
        print(
            f"Refused: {len(loosened)} floor(s) would be lowered; nothing written."
            ' Fix the regression, or re-run with --allow-lower "reason".',
            file=sys.stderr,
        )
        return 1
    if args.dry_run:
        print("Dry run: nothing written.")
        return 0

    doc["gold_sha256"] = hashes
    doc["floors"] = floors
    args.floors.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    print(f"Wrote {args.floors}")
    if loosened:
        lowered = "; ".join(str(change) for change in loosened)
        reason = args.allow_lower.strip()
        line = f"- {dt.date.today().isoformat()}: quality floors lowered ({lowered}): {reason}\n"
        log = args.changelog
        text = log.read_text(encoding="utf-8") if log.exists() else "# Changelog\n\n"
        log.write_text(text + ("" if text.endswith("\n") else "\n") + line, encoding="utf-8")
        print(f"Logged the reason in {log}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
