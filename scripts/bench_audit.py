"""Measure ``crosscheck audit`` at scale on ECB+ written out as one mixed pile.

    .venv/bin/python scripts/bench_audit.py [--articles 982] [--sizes 100,200,400,800]
    .venv/bin/python scripts/bench_audit.py --calibrate
    flock /tmp/bench.lock .venv/bin/python scripts/bench_audit.py --executors \
        [--articles 300] [--rounds 2]

``--executors`` times the first run (empty vector cache, empty history) of the same pile
in-process, with ``--workers 2`` and with ``--dask local`` (2 workers), each in a fresh
process, checks that the three wrote the same reports, and prints the speed-ups.

ECB+ (../shared/data/ecbplus/docs.jsonl, CC BY 3.0, read where it lies) holds 982 news
articles in 43 topics; each topic has two sub-topics, two real events of one kind (two
different rehab stays, two different earthquakes). Each article is written as a
Markdown file with front matter (title, outlet and URL where the corpus has them) under
a neutral name, and all are mixed into one folder: the audit must find the stories.

Default run, each audit in a fresh process (peak memory = that process's max RSS):
1. first audit, empty vector cache and empty history;
2. second audit, nothing changed (vectors cached, comparisons memoised);
3. the same without memoised comparisons (every story compared again, vectors cached);
4. one article edited, then audited again;
5. growth: piles of ``--sizes`` articles, warm cache, no memo: time of grouping
   (candidate pairs, clustering) and of alignment inside stories. Twice: random articles
   (the 86 events get denser as the pile grows) and whole topics (more events of their
   natural size, as when a desk watches more outlets and beats).
Grouping quality is scored against the topics and against the sub-topics (the events):
B-cubed precision / recall / F1, purity and inverse purity.

``--calibrate`` searches the grouping thresholds on the odd-numbered topics (B-cubed F1
against sub-topics) and reports the held-out even topics with the chosen values.

Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

PROCESS_STARTED = time.time()  # the child's timeline starts here (--trace)
ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "ecbplus" / "docs.jsonl"
sys.path.insert(0, str(ROOT))

# --- the pile -------------------------------------------------------------------------


_DATE_LIKE = re.compile(
    r"\b(?:19|20)\d\d\b|\b\d{1,2}\s*:\s*\d\d\b|^(?:updated|published|posted|last updated)",
    re.I,
)


def _yaml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # JSON strings are valid YAML scalars


def write_pile(
    data: Path, folder: Path, limit: int | None = None, *, whole_topics: bool = False
) -> dict[str, dict[str, str]]:
    """Write ECB+ documents as article files; return file name -> topic, subtopic.

    ``limit`` takes a random sample (seed 7) of articles, or with ``whole_topics`` whole
    topics in a random order until about ``limit`` articles are taken.
    """
    docs = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines()]
    if limit is not None and limit < len(docs):
        if whole_topics:
            topics = sorted({d["topic"] for d in docs}, key=int)
            random.Random(7).shuffle(topics)
            chosen: set[str] = set()
            for topic in topics:
                if sum(1 for d in docs if d["topic"] in chosen) >= limit:
                    break
                chosen.add(topic)
            docs = [d for d in docs if d["topic"] in chosen]
        else:
            docs = random.Random(7).sample(docs, limit)
    folder.mkdir(parents=True, exist_ok=True)
    labels = {}
    for doc in docs:
        texts = [s["text"].strip() for s in doc["sentences"] if s["text"].strip()]
        if texts and texts[0].startswith("http"):
            texts = texts[1:]  # the URL line that ECB+ keeps as sentence 0
        title = ""
        if doc["corpus_part"] == "ecbplus":
            # ECB+ pages: the headline is among the next lines, next to a date line.
            for k, line in enumerate(texts[:3]):
                if len(line.split()) >= 4 and not _DATE_LIKE.search(line):
                    title, texts = line, texts[:k] + texts[k + 1 :]
                    break
        outlet = doc.get("outlet") or ""
        stem = re.sub(r"[^a-z0-9]+", "-", outlet.lower()).strip("-") or "wire"
        name = f"{stem}-{hashlib.sha1(doc['doc_id'].encode()).hexdigest()[:10]}.md"
        front = ["---"]
        if title:
            front.append(f"title: {_yaml_string(title)}")
        if outlet:
            front.append(f"outlet: {_yaml_string(outlet)}")
        if doc.get("url"):
            front.append(f"url: {_yaml_string(doc['url'])}")
        front.append("---")
        # Three sentences to a paragraph, as news sites set them.
        paragraphs = [" ".join(texts[i : i + 3]) for i in range(0, len(texts), 3)]
        (folder / name).write_text(
            "\n".join(front) + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8"
        )
        labels[name] = {"topic": doc["topic"], "subtopic": doc["subtopic"]}
    # A few ECB+ documents are one line long: ingest rightly takes it for a headline and
    # refuses the file (an audit stops on a bad file), so they stay out of the pile.
    from crosscheck.errors import IngestError
    from crosscheck.ingest import load_article

    for name in list(labels):
        try:
            load_article(folder / name)
        except IngestError:
            (folder / name).unlink()
            del labels[name]
    return labels


# --- scores ---------------------------------------------------------------------------


def bcubed(pred: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 of a clustering (item -> cluster id)."""
    by_pred: dict[str, list[str]] = defaultdict(list)
    by_gold: dict[str, list[str]] = defaultdict(list)
    for item in gold:
        by_pred[pred[item]].append(item)
        by_gold[gold[item]].append(item)
    precision = recall = 0.0
    for item in gold:
        same_pred = by_pred[pred[item]]
        same_gold = by_gold[gold[item]]
        both = sum(1 for other in same_pred if gold[other] == gold[item])
        precision += both / len(same_pred)
        recall += both / len(same_gold)
    precision /= len(gold)
    recall /= len(gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def purity(pred: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float]:
    """Purity (each found story's majority label) and inverse purity (each label's
    largest found story)."""

    def one_way(a: Mapping[str, str], b: Mapping[str, str]) -> float:
        groups: dict[str, Counter[str]] = defaultdict(Counter)
        for item in b:
            groups[a[item]][b[item]] += 1
        return sum(c.most_common(1)[0][1] for c in groups.values()) / len(b)

    return one_way(pred, gold), one_way(gold, pred)


def scores(pred: Mapping[str, str], labels: Mapping[str, Mapping[str, str]]) -> dict[str, float]:
    out = {}
    for level in ("topic", "subtopic"):
        gold = {name: label[level] for name, label in labels.items()}
        p, r, f = bcubed(pred, gold)
        pur, inv = purity(pred, gold)
        out.update(
            {
                f"{level} b3 precision": p,
                f"{level} b3 recall": r,
                f"{level} b3 F1": f,
                f"{level} purity": pur,
                f"{level} inverse purity": inv,
            }
        )
    return out


# --- one audit in a fresh process -------------------------------------------------------


def child(args: argparse.Namespace) -> None:
    """Run one audit in this process and print what it did as JSON."""
    from crosscheck.audit import audit
    from crosscheck.tracing import trace

    trace("driver: imports", PROCESS_STARTED, time.time())
    started = time.perf_counter()
    audit_started = time.time()
    result = audit(
        [Path(args.pile)],
        output=Path(args.output),
        cache_dir=Path(args.cache),
        memoise=not args.no_memo,
        workers=args.workers,
        dask=args.dask,
    )
    wall = time.perf_counter() - started
    trace("driver: audit", audit_started, time.time())
    clusters = {}
    for story in result.stories:
        for path in (*story.paths, *story.set_aside):
            clusters[path.name] = story.id
    for item in result.uncompared:
        clusters.setdefault(item.path.name, f"alone:{item.path.name}")
    print(
        json.dumps(
            {
                "wall": wall,
                "articles": result.articles,
                "stories": len(result.stories),
                "uncompared": len(result.uncompared),
                "embedded": result.embedded,
                "reused": sum(1 for s in result.stories if s.reused),
                "new": len(result.new),
                "resolved": len(result.resolved),
                "timings": result.timings,
                "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "clusters": clusters,
                "candidate_pairs": result.candidate_pairs,
            }
        )
    )


def snapshot(work: Path) -> Path:
    """A copy of the package, rules and this script: edits made to the checkout while the
    benchmark runs (other people work in it) must not change the code between runs."""
    target = work / "code"
    shutil.copytree(ROOT / "crosscheck", target / "crosscheck",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    shutil.copytree(ROOT / "rules", target / "rules")
    (target / "scripts").mkdir()
    shutil.copy2(__file__, target / "scripts" / "bench_audit.py")
    return target / "scripts" / "bench_audit.py"


SCRIPT = Path(__file__)


def run_child(
    pile: Path,
    output: Path,
    cache: Path,
    *,
    no_memo: bool = False,
    extra: tuple[str, ...] = (),
    trace: Path | None = None,
) -> dict[str, Any]:
    import os

    from crosscheck.tracing import TRACE_ENV

    command = [sys.executable, str(SCRIPT), "--child", "--pile", str(pile), "--output",
               str(output), "--cache", str(cache)] + (["--no-memo"] if no_memo else [])  # fmt: skip
    command += list(extra)
    env = dict(os.environ)
    env.pop(TRACE_ENV, None)
    if trace is not None:
        env[TRACE_ENV] = str(trace)
    started = time.perf_counter()
    done = subprocess.run(
        command, capture_output=True, text=True, cwd=SCRIPT.parent.parent, env=env
    )
    if done.returncode != 0:
        raise SystemExit(f"audit failed:\n{done.stderr}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    result["process wall"] = time.perf_counter() - started  # with imports and start-up
    return result


# --- calibration ------------------------------------------------------------------------


def calibrate(args: argparse.Namespace) -> None:
    import numpy as np

    from crosscheck.embed import Embedder
    from crosscheck.ingest import load_articles
    from crosscheck.stories import (
        CLUSTER_MIN_SCORE,
        EDGE_MIN_SCORE,
        TERM_WEIGHT,
        group_stories,
        lead_text,
    )

    work = Path(args.workdir or tempfile.mkdtemp(prefix="crosscheck-calibrate-"))
    pile = work / "pile"
    labels = write_pile(Path(args.data), pile)
    names = sorted(labels)
    articles = load_articles([pile / n for n in names])
    embedder = Embedder(cache_dir=work / "cache")
    vectors = embedder.encode([lead_text(a) for a in articles])
    odd_topic = [int(labels[n]["topic"]) % 2 == 1 for n in names]
    halves = {
        "calibration (odd topics)": [i for i, odd in enumerate(odd_topic) if odd],
        "held out (even topics)": [i for i, odd in enumerate(odd_topic) if not odd],
    }

    def f1_of(rows: list[int], **params: float) -> dict[str, float]:
        grouping = group_stories([articles[i] for i in rows], vectors[rows], **params)  # type: ignore[arg-type]
        pred = {names[rows[k]]: f"alone{k}" for k in grouping.singletons}
        for g, group in enumerate(grouping.groups):
            for k in (*group.members, *group.set_aside):
                pred[names[rows[k]]] = f"g{g}"
        return scores(pred, {names[i]: labels[names[i]] for i in rows})

    odd = halves["calibration (odd topics)"]
    grid = itertools.product(
        [0.6, 0.7, 0.8, 0.9],  # edge_min_score
        [0.5, 0.6, 0.7, 0.8, 0.9, 1.0],  # cluster_min_score
        [0.5, 1.0, 1.5, 2.0, 2.5],  # term_weight
    )
    results = []
    for edge, cluster, weight in grid:
        params = {"edge_min_score": edge, "cluster_min_score": cluster, "term_weight": weight}
        results.append((f1_of(odd, **params)["subtopic b3 F1"], params))
    results.sort(key=lambda r: -r[0])
    print("best on the odd topics (B-cubed F1 against sub-topics):")
    for f1, params in results[:12]:
        print(f"  {f1:.3f}  {params}")
    shipped = {
        "edge_min_score": EDGE_MIN_SCORE,
        "cluster_min_score": CLUSTER_MIN_SCORE,
        "term_weight": TERM_WEIGHT,
    }
    for label, rows in halves.items():
        got = f1_of(rows, **shipped)
        print(f"shipped {shipped} on {label}:")
        for key, value in got.items():
            print(f"  {key}: {value:.3f}")
    del np


# --- grouping beyond the corpus: renamed replicas ----------------------------------------

_CAPITALISED = re.compile(r"\b([A-Z][a-z]{2,})\b")


def _renamed(text: str, tag: str) -> str:
    return _CAPITALISED.sub(lambda m: m.group(1) + tag, text)


def replicas(args: argparse.Namespace) -> None:
    """Grouping alone on 1, 2, 4, ... copies of the pile, each copy with its names renamed.

    ECB+ has 979 usable articles; to see how grouping grows beyond that, copy ``k`` of
    every article gets a suffix on each capitalised word ("Lohan" -> "Lohanzq"): each
    copy is a new set of events with new names and near-identical wording, as when a
    desk watches more beats. Same-kind events of different copies share their common
    words, which is what the document-frequency cap of the blocking must absorb.
    """
    import math

    from tabulate import tabulate

    from crosscheck.embed import Embedder
    from crosscheck.ingest import load_articles
    from crosscheck.stories import group_stories, lead_text

    work = Path(args.workdir or tempfile.mkdtemp(prefix="crosscheck-replicas-"))
    labels = write_pile(Path(args.data), work / "pile")
    names = sorted(labels)
    base = load_articles([work / "pile" / n for n in names])
    embedder = Embedder(cache_dir=work / "cache")
    tags = ["", "zq", "vx", "kj", "wq", "qz", "xv", "jk"]
    articles, gold = [], {}
    for copy, tag in enumerate(tags[: args.replicas]):
        for name, article in zip(names, base, strict=True):
            source = replace(
                article.source,
                id=f"{copy}-{article.source.id}",
                title=_renamed(article.source.title, tag),
            )
            articles.append(replace(article, source=source, text=_renamed(article.text, tag)))
            gold[f"{copy}-{name}"] = {
                "topic": f"{copy}-{labels[name]['topic']}",
                "subtopic": f"{copy}-{labels[name]['subtopic']}",
            }
    keys = [f"{copy}-{name}" for copy in range(args.replicas) for name in names]
    vectors = embedder.encode([lead_text(a) for a in articles])
    rows = []
    k = 1
    while k <= args.replicas:
        n = k * len(names)
        started = time.perf_counter()
        grouping = group_stories(articles[:n], vectors[:n])
        seconds = time.perf_counter() - started
        pred = {keys[i]: f"alone{i}" for i in grouping.singletons}
        for g, group in enumerate(grouping.groups):
            for i in (*group.members, *group.set_aside):
                pred[keys[i]] = f"g{g}"
        f1 = scores(pred, {key: gold[key] for key in keys[:n]})["subtopic b3 F1"]
        rows.append([n, grouping.candidate_pairs, round(grouping.candidate_pairs / n, 1),
                     round(seconds, 2), round(f1, 3)])  # fmt: skip
        k *= 2
    print("## Grouping on renamed replicas of the pile\n")
    headers = ["articles", "candidate pairs", "pairs per article", "grouping s",
               "sub-topic B3 F1"]  # fmt: skip
    print(tabulate(rows, headers, tablefmt="github"))
    first, last = rows[0], rows[-1]
    if last[0] > first[0]:
        for label, column in (("candidate pairs", 1), ("grouping time", 3)):
            slope = math.log(last[column] / first[column]) / math.log(last[0] / first[0])
            print(f"{label}: grows as n^{slope:.2f} from {first[0]} to {last[0]} articles")


# --- the benchmark ------------------------------------------------------------------------


def _stage(result: dict[str, Any], *names: str) -> float:
    return sum(result["timings"].get(name, 0.0) for name in names)


def _growth(
    args: argparse.Namespace, work: Path, cache: Path, n: int, *, whole_topics: bool
) -> list[list[Any]]:
    """Audit piles of growing size (warm cache, memo off) and print how time grows."""
    import math

    from tabulate import tabulate

    rows: list[list[Any]] = []
    sizes = [int(s) for s in args.sizes.split(",") if s and int(s) < n] + [n]
    for size in sizes:
        sub = work / f"pile-{'t' if whole_topics else 'a'}{size}"
        sub_labels = write_pile(Path(args.data), sub, size, whole_topics=whole_topics)
        r = run_child(sub, work / f"out-{sub.name}", cache, no_memo=True)
        f1 = scores(r["clusters"], sub_labels)["subtopic b3 F1"]
        stories = len({label["subtopic"] for label in sub_labels.values()})
        rows.append(
            [
                r["articles"],
                stories,
                r["stories"],
                r["candidate_pairs"],
                round(_stage(r, "group: cluster"), 3),
                round(_stage(r, "compare: align"), 2),
                round(_stage(r, "compare: rules"), 2),
                round(f1, 3),
            ]
        )
    how = "whole topics (more stories)" if whole_topics else "random articles (denser stories)"
    print(f"\n## Growth, piles of {how}; warm cache, memo off\n")
    headers = ["articles", "true stories", "stories found", "candidate pairs",
               "clustering s", "alignment s", "rules s", "sub-topic B3 F1"]  # fmt: skip
    print(tabulate(rows, headers, tablefmt="github"))
    first, last = rows[0], rows[-1]
    for label, column in (("candidate pairs", 3), ("clustering", 4), ("alignment", 5)):
        if first[column] > 0 and last[column] > 0 and last[0] > first[0]:
            slope = math.log(last[column] / first[column]) / math.log(last[0] / first[0])
            print(f"{label}: grows as n^{slope:.2f} from {first[0]} to {last[0]} articles")
    return rows


def bench(args: argparse.Namespace) -> None:
    work = Path(args.workdir or tempfile.mkdtemp(prefix="crosscheck-bench-audit-"))
    if work.exists() and args.workdir:
        shutil.rmtree(work)
    pile, cache = work / "pile", work / "cache"
    global SCRIPT
    SCRIPT = snapshot(work)
    labels = write_pile(Path(args.data), pile, args.articles)
    n = len(labels)
    print(f"pile: {n} ECB+ articles in {pile} (work folder {work})\n")

    rows = []

    def report(label: str, r: dict[str, Any]) -> None:
        rows.append(
            [
                label,
                f"{r['wall']:.1f}",
                f"{r['process wall']:.1f}",
                f"{r['articles'] / r['process wall']:.1f}",
                r["embedded"],
                f"{r['reused']}/{r['stories']}",
                f"{r['peak_rss_mb']:.0f}",
            ]
        )
        print(f"{label}: {json.dumps({k: v for k, v in r.items() if k != 'clusters'})}\n")

    first = run_child(pile, work / "out", cache)
    report("1. first run (empty cache)", first)
    second = run_child(pile, work / "out", cache)
    report("2. second run, nothing changed", second)
    nomemo = run_child(pile, work / "out", cache, no_memo=True)
    report("3. second run, memo off (vectors cached)", nomemo)
    edited = sorted(pile.iterdir())[0]
    edited.write_text(
        edited.read_text(encoding="utf-8").rstrip() + "\n\nOfficials said 42 people were hurt.\n",
        encoding="utf-8",
    )
    fourth = run_child(pile, work / "out", cache)
    report("4. one article edited", fourth)

    from tabulate import tabulate

    print("## Runs\n")
    headers = ["run", "audit s", "process s", "articles/s", "sentences embedded",
               "stories reused", "peak RSS MB"]  # fmt: skip
    print(tabulate(rows, headers, tablefmt="github"))
    speedup = first["process wall"] / second["process wall"]
    print(f"\nsecond run {speedup:.1f}x faster than the first (whole process)\n")

    print("## Where the first run's time goes\n")
    stages: dict[str, float] = first["timings"]
    ordered = sorted(stages.items(), key=lambda kv: -kv[1])
    print(
        tabulate(
            ordered,
            ["stage", "seconds"],
            tablefmt="github",
            floatfmt=".2f",
        )
    )

    print(f"\n## Grouping quality ({n} articles, {first['stories']} stories found)\n")
    quality = scores(first["clusters"], labels)
    print(tabulate(sorted(quality.items()), ["score", "value"], tablefmt="github", floatfmt=".3f"))

    growth = {
        "articles": _growth(args, work, cache, n, whole_topics=False),
        "topics": _growth(args, work, cache, n, whole_topics=True),
    }
    if args.json:
        Path(args.json).write_text(
            json.dumps(
                {
                    "first": first,
                    "second": second,
                    "nomemo": nomemo,
                    "edited": fourth,
                    "quality": quality,
                    "growth": growth,
                },
                indent=2,
            )
        )


def _busy(r: dict[str, Any], stage: str, workers: int) -> str:
    """How much of a stage's wall time the workers spent in tasks (1.00: never idle)."""
    wall = r["timings"].get(stage, 0.0)
    inside = r["timings"].get(f"{stage}: in tasks", 0.0)
    return f"{inside / (wall * workers):.2f}" if wall > 0 else "-"


def timeline(path: Path) -> str:
    """The trace of one run (crosscheck.executors.trace) as text: the driver's phases,
    then per process its set-up, its tasks per kind and how long it sat idle."""
    spans = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if not spans:
        return "(empty trace)"
    zero = min(s["start"] for s in spans)
    driver = next(s["pid"] for s in spans if s["what"] == "driver: audit")
    lines = ["driver phases (s from process start):"]
    for s in sorted((s for s in spans if s["what"].startswith("driver")),
                    key=lambda s: s["start"]):  # fmt: skip
        lines.append(f"  {s['start'] - zero:7.1f} -> {s['end'] - zero:7.1f} "
                     f"({s['end'] - s['start']:6.1f})  {s['what']}")  # fmt: skip
    by_pid: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for s in spans:
        if not s["what"].startswith("driver"):
            by_pid[s["pid"]].append(s)
    for pid, mine in sorted(by_pid.items()):
        mine.sort(key=lambda s: s["start"])
        tasks = [s for s in mine if s["what"] != "worker set-up"]
        setup = [s for s in mine if s["what"] == "worker set-up"]
        who = "driver (in-process tasks)" if pid == driver else f"worker {pid}"
        head = f"{who}:"
        if setup:
            head += f" set-up {setup[0]['start'] - zero:.1f} -> {setup[0]['end'] - zero:.1f}"
        lines.append(head)
        kinds: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for s in tasks:
            kinds[s["what"]].append(s)
        for kind, ks in kinds.items():
            busy = sum(s["end"] - s["start"] for s in ks)
            longest = max(s["end"] - s["start"] for s in ks)
            first = ks[0]["start"] - zero
            lines.append(f"  {kind}: {len(ks)} tasks, {first:.1f} -> {ks[-1]['end'] - zero:.1f},"
                         f" busy {busy:.1f} s, longest {longest:.1f} s"
                         f" (first {ks[0]['end'] - ks[0]['start']:.1f} s)")  # fmt: skip
        gaps = [b["start"] - a["end"] for a, b in itertools.pairwise(tasks)]
        if gaps:
            lines.append(f"  idle between tasks: {sum(g for g in gaps if g > 0):.1f} s")
    return "\n".join(lines)


def _pages(out: Path) -> dict[str, str]:
    """A run's Markdown reports and index, without the index's one line with the clock."""
    pages = {}
    for path in sorted(out.glob("*.md")):
        lines = path.read_text(encoding="utf-8").splitlines()
        pages[path.name] = "\n".join(x for x in lines if "Started " not in x)
    return pages


def history_rows(db: Path) -> dict[str, list[Any]]:
    """Every history row a run wrote, timestamps aside (the runs table's clock columns).
    tests/test_executors.py compares runs with it too."""
    import sqlite3

    connection = sqlite3.connect(db)
    tables = ["stories", "story_runs", "divergences", "sightings", "memo"]
    rows = {t: sorted(connection.execute(f"SELECT * FROM {t}").fetchall()) for t in tables}
    rows["runs"] = connection.execute(
        "SELECT id, inputs, version, stories, divergences, new, resolved FROM runs"
    ).fetchall()
    connection.close()
    return rows


def executors(args: argparse.Namespace) -> None:
    """First-run time of one pile in-process, with --workers 2 and with --dask local,
    alternated over ``--rounds`` (A B C, then C B A, ...) so that a change in the load
    of a shared machine falls on every mode alike."""
    import os
    import statistics

    from tabulate import tabulate

    work = Path(args.workdir or tempfile.mkdtemp(prefix="crosscheck-bench-executors-"))
    if work.exists() and args.workdir:
        shutil.rmtree(work)
    global SCRIPT
    SCRIPT = snapshot(work)
    pile = work / "pile"
    n = len(write_pile(Path(args.data), pile, args.articles))
    print(f"pile: {n} ECB+ articles; {os.cpu_count()} CPU cores (shared with other work: "
          "figures are disturbed by whatever else runs)\n")  # fmt: skip
    modes = [("in-process", (), 1), ("--workers 2", ("--workers", "2"), 2),
             ("--dask local (2 workers)", ("--workers", "2", "--dask", "local"), 2)]  # fmt: skip
    runs: dict[str, list[dict[str, Any]]] = {label: [] for label, _, _ in modes}
    for round_ in range(args.rounds):
        order = modes if round_ % 2 == 0 else modes[::-1]
        for label, extra, _ in order:
            name = re.sub(r"[^a-z0-9]+", "-", label).strip("-") + f"-{round_}"
            load = os.getloadavg()[0]
            traced = work / f"trace-{name}.jsonl" if args.trace else None
            r = run_child(pile, work / f"out-{name}", work / f"cache-{name}", extra=extra,
                          trace=traced)  # fmt: skip
            r["load before"], r["load after"], r["out"] = load, os.getloadavg()[0], name
            runs[label].append(r)
            print(f"round {round_ + 1} {label}: {r['process wall']:.1f} s (load average "
                  f"{load:.1f} -> {r['load after']:.1f}), {r['stories']} stories, "
                  f"{r['embedded']} sentences embedded", flush=True)  # fmt: skip
            if traced is not None:
                print(timeline(traced), flush=True)
    base = runs["in-process"]
    rows = []
    for label, _, workers in modes:
        walls = [r["process wall"] for r in runs[label]]
        # Paired by round: the in-process run of the same round ran beside it in time.
        pairs = zip(base, runs[label], strict=True)
        ratios = [b["process wall"] / r["process wall"] for b, r in pairs]
        last = runs[label][-1]
        t = last["timings"]
        rows.append([label, " ".join(f"{w:.1f}" for w in walls),
                     f"{statistics.median(walls):.1f}", f"{statistics.median(ratios):.2f}x",
                     f"{t.get('ingest', 0):.1f}", f"{t.get('split', 0):.1f}",
                     f"{t.get('embed', 0):.1f}", f"{t.get('compare', 0):.1f}",
                     f"{t.get('write', 0):.1f}", _busy(last, "embed", workers),
                     _busy(last, "compare", workers), last["stories"],
                     last["embedded"]])  # fmt: skip
    print("\n## First run, same pile, empty cache\n")
    print(tabulate(rows, ["run", "process s per round", "median s", "speed-up (median of "
                          "rounds)", "ingest", "split", "embed", "compare", "write",
                          "embed busy", "compare busy", "stories", "embedded"],
                   tablefmt="github"))  # fmt: skip
    print(
        "\nstage columns: seconds on the driver, last round; busy: time the workers spent"
        " in tasks / (stage wall x workers)"
    )
    every = [r for label in runs for r in runs[label]]
    same = len({json.dumps(r["clusters"], sort_keys=True) for r in every}) == 1
    reports = [{p.name: p.read_bytes() for p in (work / f"out-{r['out']}").glob("*.json")}
               for r in every]  # fmt: skip
    pages = [_pages(work / f"out-{r['out']}") for r in every]
    rows = [history_rows(work / f"out-{r['out']}" / "history.sqlite3") for r in every]
    print(f"\nsame stories: {same}; same JSON reports: {all(r == reports[0] for r in reports)};"
          f" same Markdown reports and index: {all(p == pages[0] for p in pages)};"
          f" same history rows: {all(r == rows[0] for r in rows)}")  # fmt: skip
    if args.json:
        Path(args.json).write_text(json.dumps(runs, indent=2))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(DATA), help="ECB+ docs.jsonl")
    parser.add_argument("--articles", type=int, default=None, help="a random subset (seed 7)")
    parser.add_argument("--sizes", default="100,200,400,800", help="pile sizes for growth")
    parser.add_argument("--workdir", default=None, help="keep files here (wiped first)")
    parser.add_argument("--json", default=None, help="also write all figures to this file")
    parser.add_argument("--calibrate", action="store_true", help="search grouping thresholds")
    parser.add_argument(
        "--replicas", type=int, default=0, help="grouping alone on up to N renamed copies"
    )
    parser.add_argument(
        "--executors", action="store_true", help="first run in-process vs --workers 2 vs --dask"
    )
    parser.add_argument(
        "--rounds", type=int, default=1, help="--executors: alternate the modes this often"
    )
    parser.add_argument(
        "--trace", action="store_true", help="--executors: print each run's timeline"
    )
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--dask", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--pile", help=argparse.SUPPRESS)
    parser.add_argument("--output", help=argparse.SUPPRESS)
    parser.add_argument("--cache", help=argparse.SUPPRESS)
    parser.add_argument("--no-memo", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    if not Path(args.data).is_file():
        print(f"skipped: {args.data} not found (ECB+ lies in ../shared/data/ecbplus)")
        return
    if args.executors:
        executors(args)
    elif args.calibrate:
        calibrate(args)
    elif args.replicas:
        replicas(args)
    else:
        bench(args)


if __name__ == "__main__":
    main()
