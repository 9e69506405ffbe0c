"""Scoring against gold, on hand-made clusters in tests/data/eval with hand-written reports.

Every expected figure is worked out by hand in the comments; no model is needed.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from crosscheck.errors import EvalError
from crosscheck.evaluate import (
    Ratio,
    evaluate,
    fold,
    load_gold,
    render_table,
    score_cluster,
    to_json,
)

DATA = Path(__file__).parent / "data" / "eval"
HARBOUR = DATA / "harbour-fire"
COUNCIL = DATA / "council-vote"


def _sentences(source: str, texts: list[str]) -> list[dict[str, Any]]:
    out, offset = [], 0
    for index, text in enumerate(texts):
        out.append(
            {
                "source": source,
                "index": index,
                "text": text,
                "start": offset,
                "end": offset + len(text),
            }
        )
        offset += len(text) + 1
    return out


def _ref(source: str, index: int) -> dict[str, Any]:
    return {"source": source, "index": index}


def _pair(left: str, right: str, score: float = 0.8) -> dict[str, Any]:
    (ls, li), (rs, ri) = left.split("#"), right.split("#")
    return {"left": _ref(ls, int(li)), "right": _ref(rs, int(ri)), "score": score}


def _flag(left: str, right: str, kind: str, rule: str, values: tuple[str, str]) -> dict[str, Any]:
    return {
        **_pair(left, right),
        "rule": rule,
        "kind": kind,
        "severity": "error",
        "left_value": values[0],
        "right_value": values[1],
        "message": f"{values[0]} vs {values[1]}",
    }


def _sources(folder: Path, files: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "id": sid,
            "path": str(folder / name),
            "title": "",
            "outlet": "",
            "published": None,
            "url": None,
        }
        for sid, name in files.items()
    ]


# Report source ids are the slugified file stems, unlike the gold ids (wire, gazette,
# radio): scoring must map them through the source paths. Short names below:
# w = harbour-wire, g = gazette, r = radio-news; "w1" is harbour-wire sentence 1.
W, G, R = "harbour-wire", "gazette", "radio-news"

HARBOUR_REPORT: dict[str, Any] = {
    "sources": _sources(HARBOUR, {W: "harbour-wire.txt", G: "gazette.md", R: "radio-news.txt"}),
    "sentences": [
        *_sentences(
            W,
            [
                "A fire broke out at the Port Ellis grain terminal on Tuesday night, "
                "the harbour authority said.",
                # w1 states two facts: f2 (four hours) and f3 (42 evacuated)
                "Firefighters brought the blaze under control after about four hours, "
                "and 42 workers were evacuated.",
                # typographic quotes, an en dash and a doubled space: folded before matching
                "Harbour master Ines Vale said the cause was “not yet known”  –  an inquiry "
                "would follow.",
                "The terminal handles a third of the region's wheat exports.",
            ],
        ),
        *_sentences(
            G,
            [
                "Fire tore through the grain terminal at Port Ellis late on Tuesday.",
                "Crews needed six hours to bring the fire under control.",
                "Some 42 dock workers were led to safety.",
                "Port director Ines Vale said the cause of the fire was still unclear.",
                "The terminal reopened on Thursday morning.",
            ],
        ),
        *_sentences(
            R,
            [
                "The Port Ellis terminal fire started on Wednesday evening.",
                "Forty-two workers were evacuated as the blaze spread.",
                "Harbour master Ines Vale told listeners the cause was still unknown.",
            ],
        ),
    ],
    # Gold alignments (10): f1 w0-g0, w0-r0, g0-r0; f2 w1-g1; f3 w1-g2, w1-r1, g2-r1;
    # f4 w2-g3, w2-r2, g3-r2.
    "alignments": [
        _pair(f"{W}#0", f"{G}#0"),  # f1: hit
        _pair(f"{G}#0", f"{W}#0"),  # the same pair again, other order: counted once
        _pair(f"{W}#0", f"{R}#0"),  # f1: hit
        _pair(f"{W}#1", f"{G}#1"),  # f2: hit (w1 also states f3)
        _pair(f"{G}#2", f"{W}#1"),  # f3: hit, right-to-left
        _pair(f"{W}#2", f"{G}#3"),  # f4: hit
        _pair(f"{G}#3", f"{R}#2"),  # f4: hit
        _pair(f"{G}#1", f"{R}#1"),  # g1 states f2, r1 states f3: a wrong pair
        _pair(f"{W}#3", f"{G}#4"),  # two omission sentences: not judged
        _pair(f"{W}#0", f"{W}#1"),  # within one source: ignored with a warning
    ],
    # Recall: 6 of 10 hit (missed: g0-r0, w1-r1, g2-r1, w2-r2).
    # Precision: 8 distinct cross-source pairs, 7 judged (not w3-g4), 6 correct (not g1-r1).
    "facts": [],
    "divergences": [
        _flag(f"{W}#0", f"{R}#0", "date", "date-mismatch", ("Tuesday", "Wednesday")),  # d1: hit
        # g0-r0 is gold d2 (date) but flagged as number: a false alarm and d2 is missed
        _flag(f"{R}#0", f"{G}#0", "number", "number-mismatch", ("Port Ellis", "Port Ellis")),
        # w0-g0 is benign (date): a false alarm on a benign pair
        _flag(f"{W}#0", f"{G}#0", "date", "date-mismatch", ("Tuesday night", "late on Tuesday")),
        _flag(f"{W}#1", f"{G}#1", "number", "number-mismatch", ("four hours", "six hours")),  # d3
        # the same pair and kind from a second rule: one unit, not a second hit
        _flag(f"{G}#1", f"{W}#1", "number", "number-range", ("six hours", "four hours")),
        # w1-g2 share f3, which gold lists neither as divergent nor benign: consistent
        _flag(f"{W}#1", f"{G}#2", "number", "number-mismatch", ("four", "42")),
        # omission sentences: not judged
        _flag(f"{W}#3", f"{G}#4", "number", "number-mismatch", ("a third", "Thursday")),
        # g1 (f2) and r1 (f3) share no fact: a false alarm on different facts
        _flag(f"{G}#1", f"{R}#1", "number", "number-mismatch", ("six", "Forty-two")),
    ],
    # d4 (f4 role, w2-g3) is aligned above but not flagged: recall 2/4 (d1, d3).
    # Judged units (pair, kind): w0-r0 date (d1), g0-r0 number (alarm), w0-g0 date
    # (alarm: benign), w1-g1 number (d3), w1-g2 number (alarm), g1-r1 number (alarm):
    # precision 2/6, 4 false alarms.
    # Per kind: date recall 1/2, precision 1/2; number recall 1/1, precision 1/4;
    # role recall 0/1, precision n/a.
    "omissions": [_ref(W, 3), _ref(R, 2)],  # w3 is gold; g4 is missed -> 1/2
}


# council-vote: the report's segmenter cuts the valley mention "voted 9-4 on Monday"
# over v0/v1, and "It will open in 2027" is in city sentences 1 and 3 (first one wins).
C, V = "city-desk", "valley-times"
COUNCIL_REPORT: dict[str, Any] = {
    "sources": _sources(COUNCIL, {C: "city-desk.txt", V: "valley-times.txt"}),
    "sentences": [
        *_sentences(
            C,
            [
                "The town council approved the new bus depot by nine votes to four on Monday.",
                '"It will open in 2027," Mayor Tomas Brenn said after the vote.',
                "Residents near the site had asked for a later start.",
                '"It will open in 2027," the mayor repeated.',
            ],
        ),
        *_sentences(
            V,
            [
                "Councillors voted 9-4",
                "on Monday to back the bus depot.",
                "Mayor Tomas Brenn expects the depot to open in 2027.",
            ],
        ),
    ],
    "alignments": [
        _pair(f"{C}#0", f"{V}#1"),  # f1 through the second piece of the split mention: hit
        _pair(f"{C}#3", f"{V}#2"),  # f2, but gold's city mention is c1: missed, c3 not judged
    ],
    # alignment recall 1/2, precision 1/1; no divergences: recall and precision n/a
    "facts": [],
    "divergences": [],
    "omissions": [],
}


@pytest.fixture(scope="module")
def harbour() -> Any:
    return score_cluster(load_gold(HARBOUR), HARBOUR_REPORT)


def test_fold_quotes_dashes_space_and_case() -> None:
    assert fold("The  “Port”\u00a0Director – ‘said’\n") == "the \"port\" director - 'said'"


def test_alignment_scores(harbour: Any) -> None:
    assert harbour.alignment_recall == Ratio(6, 10)
    assert harbour.alignment_precision == Ratio(6, 7)
    missed = {(m.fact, m.sources) for m in harbour.missed_alignments}
    assert missed == {
        ("f1", ("gazette", "radio")),
        ("f3", ("wire", "radio")),
        ("f3", ("gazette", "radio")),
        ("f4", ("wire", "radio")),
    }
    assert any("within one source" in w for w in harbour.warnings)


def test_divergence_scores(harbour: Any) -> None:
    assert harbour.divergence_recall == Ratio(2, 4)
    assert harbour.divergence_precision == Ratio(2, 6)
    assert harbour.false_alarm_count == 4


def test_false_alarms_say_what_gold_makes_of_the_pair(harbour: Any) -> None:
    by_pair = {
        frozenset({(a.left.source, a.left.index), (a.right.source, a.right.index)}): a
        for a in harbour.false_alarms
    }
    benign = by_pair[frozenset({(W, 0), (G, 0)})]
    assert (benign.gold, benign.kind, benign.rules) == ("benign", "date", ("date-mismatch",))
    assert "'Tuesday night' vs 'late on Tuesday'" in benign.gold_detail
    assert benign.left.text.startswith("A fire broke out")
    assert (benign.left_value, benign.right_value) == ("Tuesday night", "late on Tuesday")
    other = by_pair[frozenset({(R, 0), (G, 0)})]
    assert other.gold == "other kind" and "d2 date" in other.gold_detail
    assert by_pair[frozenset({(W, 1), (G, 2)})].gold == "consistent"
    assert by_pair[frozenset({(G, 1), (R, 1)})].gold == "different facts"


def test_missed_divergences_give_gold_detail_and_reason(harbour: Any) -> None:
    missed = {m.id: m for m in harbour.missed_divergences}
    assert set(missed) == {"d2", "d4"}
    assert missed["d2"].reason == "flagged as number, not date"
    assert missed["d4"].reason == "aligned but not flagged"
    assert missed["d4"].detail == "Vale as 'harbour master' vs 'port director'"
    assert missed["d4"].left is not None and "“not yet known”" in missed["d4"].left.text


def test_per_kind_scores(harbour: Any) -> None:
    kinds = {ks.kind: ks for ks in harbour.per_kind}
    assert (kinds["date"].recall, kinds["date"].precision) == (Ratio(1, 2), Ratio(1, 2))
    assert (kinds["number"].recall, kinds["number"].precision) == (Ratio(1, 1), Ratio(1, 4))
    assert kinds["role"].recall == Ratio(0, 1)
    assert kinds["role"].precision.value is None  # nothing flagged as role: n/a, not 0 or 1
    assert kinds["quote"].recall.value is None


def test_omission_recall(harbour: Any) -> None:
    assert harbour.omission_recall == Ratio(1, 2)
    assert [m.mention for m in harbour.missed_omissions] == ["reopened on Thursday morning"]


def test_split_and_repeated_mentions_warn() -> None:
    score = score_cluster(load_gold(COUNCIL), COUNCIL_REPORT)
    assert score.alignment_recall == Ratio(1, 2)
    assert score.alignment_precision == Ratio(1, 1)
    assert score.divergence_recall.value is None and score.divergence_precision.value is None
    assert score.omission_recall.value is None
    assert any("runs over sentences #0, #1 of valley-times" in w for w in score.warnings)
    assert any("in 2 sentences of city-desk (#1, #3); using #1" in w for w in score.warnings)


def _oracle(gold_dir: Path) -> dict[str, Any]:
    """A report that agrees with gold on everything (articles are one sentence a line)."""
    gold = load_gold(gold_dir)
    sources, sentences, where = [], [], {}
    for source in gold.sources:
        sources.append({"id": source.id.upper(), "path": str(source.path)})
        lines = [ln for ln in source.path.read_text().splitlines() if ln and ln[0].isupper()]
        sentences += _sentences(source.id.upper(), lines)

        def locate(text: str, lines: list[str] = lines, sid: str = source.id.upper()) -> Any:
            return next(_ref(sid, i) for i, ln in enumerate(lines) if fold(text) in fold(ln))

        where[source.id] = locate
    alignments = []
    for fact in gold.facts:
        for i, a in enumerate(fact.mentions):
            for b in fact.mentions[i + 1 :]:
                left, right = where[a.source](a.text), where[b.source](b.text)
                alignments.append({"left": left, "right": right, "score": 1.0})
    divergences = []
    for d in gold.divergences:
        fact = gold.fact(d.fact)
        left, right = (where[s](fact.mention(s) or "") for s in d.sources)
        divergences.append(
            {
                "left": left,
                "right": right,
                "kind": d.kind.value,
                "rule": "x",
                "severity": "error",
                "left_value": "a",
                "right_value": "b",
                "message": "a vs b",
            }
        )
    omissions = [where[o.source](o.mention) for o in gold.omissions]
    return {
        "sources": sources,
        "sentences": sentences,
        "alignments": alignments,
        "facts": [],
        "divergences": divergences,
        "omissions": omissions,
    }


def test_a_report_that_agrees_with_gold_scores_one() -> None:
    score = score_cluster(load_gold(HARBOUR), _oracle(HARBOUR))
    for ratio in (
        score.alignment_recall,
        score.alignment_precision,
        score.divergence_recall,
        score.divergence_precision,
        score.omission_recall,
    ):
        assert ratio.value == 1.0
    assert score.false_alarm_count == 0 and not score.warnings


def _run(paths: list[Path]) -> dict[str, Any]:
    return {"harbour-fire": HARBOUR_REPORT, "council-vote": COUNCIL_REPORT}[paths[0].parent.name]


def test_evaluate_micro_averages_the_counts() -> None:
    seen: list[list[str]] = []

    def run(paths: list[Path]) -> dict[str, Any]:
        seen.append([p.name for p in paths])
        return _run(paths)

    result = evaluate([HARBOUR, COUNCIL], run, root=DATA)
    assert seen[0] == ["harbour-wire.txt", "gazette.md", "radio-news.txt"]  # gold order
    assert [c.name for c in result.clusters] == ["harbour-fire", "council-vote"]
    total = result.total
    # alignment recall 6/10 + 1/2 = 7/12, precision 6/7 + 1/1 = 7/8;
    # divergences 2/4 + 0/0 = 2/4 and 2/6 + 0/0 = 2/6; omissions 1/2 + 0/0
    assert total.alignment_recall == Ratio(7, 12)
    assert total.alignment_precision == Ratio(7, 8)
    assert total.divergence_recall == Ratio(2, 4)
    assert total.divergence_precision == Ratio(2, 6)
    assert total.omission_recall == Ratio(1, 2)
    assert total.false_alarm_count == 4


def test_to_json_shape() -> None:
    result = evaluate([HARBOUR, COUNCIL], _run)
    data = json.loads(json.dumps(to_json(result)))
    total = data["total"]
    assert total["alignment_recall"] == pytest.approx(7 / 12)
    assert total["divergence_precision"] == pytest.approx(2 / 6)
    assert total["false_alarms"] == 4
    assert total["counts"]["divergence_precision"] == {"tp": 2, "fp": 4}
    assert total["counts"]["alignment_recall"] == {"tp": 7, "fn": 5}
    assert total["per_kind"]["number"]["precision"] == pytest.approx(0.25)
    harbour, council = data["clusters"]
    assert harbour["name"] == "harbour-fire" and harbour["false_alarms"] == 4
    assert len(harbour["false_alarm_details"]) == 4
    alarm = next(a for a in harbour["false_alarm_details"] if a["gold"] == "benign")
    assert alarm["left"]["source"] == W and alarm["rules"] == ["date-mismatch"]
    assert {m["id"] for m in harbour["missed_divergences"]} == {"d2", "d4"}
    assert council["divergence_recall"] is None  # 0/0 is null, not 0 or 1
    assert council["warnings"]


def test_render_table_lists_scores_alarms_and_misses() -> None:
    text = render_table(evaluate([HARBOUR, COUNCIL], _run))
    assert "0.60 (6/10)" in text and "0.58 (7/12)" in text
    assert "n/a" in text and "total" in text
    assert "gold: benign" in text and "gold: different facts" in text
    assert "d4 role wire/gazette (f4)" in text and "aligned but not flagged" in text
    assert "runs over sentences" in text  # warnings are shown


def test_report_without_a_gold_source_is_an_error() -> None:
    report = {**HARBOUR_REPORT, "sources": HARBOUR_REPORT["sources"][:2]}
    with pytest.raises(EvalError, match=r"no source read from radio-news\.txt"):
        score_cluster(load_gold(HARBOUR), report)


def test_malformed_report_is_an_error() -> None:
    report = {**HARBOUR_REPORT, "alignments": [{"left": {"source": W}}]}
    with pytest.raises(EvalError, match=r'alignments\[0\]\.left has no "index"'):
        score_cluster(load_gold(HARBOUR), report)


def test_a_report_naming_an_unknown_sentence_or_kind_is_an_error() -> None:
    # The report JSON is read by crosscheck.report.json.from_dict, as audit reads it.
    pair = {**_pair(f"{W}#0", f"{G}#9")}
    report = {**HARBOUR_REPORT, "alignments": [pair]}
    with pytest.raises(EvalError, match=r"alignments\[0\]\.right names gazette#9, not in"):
        score_cluster(load_gold(HARBOUR), report)
    flag = {**HARBOUR_REPORT["divergences"][0], "kind": "colour"}
    report = {**HARBOUR_REPORT, "divergences": [flag]}
    with pytest.raises(EvalError, match=r"divergences\[0\]: kind 'colour' is not one of date"):
        score_cluster(load_gold(HARBOUR), report)


# ------------------------------------------------------------------ gold validation

ARTICLE_A = "The bridge reopened on Friday after repairs costing 3 million euros.\n"
ARTICLE_B = "Repairs worth 3.5 million euros ended on Friday, and the bridge reopened.\n"
GOOD = """\
story: bridge
sources:
  - {id: a, file: a.txt}
  - {id: b, file: b.txt}
facts:
  - id: f1
    label: the bridge reopened on Friday
    mentions: {a: "bridge reopened on Friday", b: "the bridge reopened"}
  - id: f2
    label: the repairs cost 3 million euros
    mentions: {a: "costing 3 million euros", b: "Repairs worth 3.5 million"}
divergences:
  - {id: d1, fact: f2, kind: number, sources: [a, b]}
"""


def _cluster(tmp_path: Path, gold: str) -> Path:
    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    (tmp_path / "gold.yaml").write_text(gold, encoding="utf-8")
    return tmp_path


def test_valid_gold_loads(tmp_path: Path) -> None:
    gold = load_gold(_cluster(tmp_path, GOOD))
    assert [f.id for f in gold.facts] == ["f1", "f2"]
    assert gold.divergences[0].sources == ("a", "b")
    assert gold.article_paths == [tmp_path / "a.txt", tmp_path / "b.txt"]


def test_articles_found_in_search_dirs(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    _cluster(articles, GOOD)
    cluster = tmp_path / "cluster"
    cluster.mkdir()
    (cluster / "gold.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(EvalError, match=r'article file "a\.txt" not found'):
        load_gold(cluster)
    assert load_gold(cluster, search_dirs=[articles]).sources[0].path == articles / "a.txt"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("file: b.txt", "file: c.txt", r'source "b": article file "c\.txt" not found'),
        (
            ', b: "the bridge reopened"}',
            "}",
            r'fact "f1": mentions in 1 source\(s\); a fact needs two or more',
        ),
        ("fact: f2,", "fact: f9,", r'divergence "d1": unknown fact "f9" \(known: f1, f2\)'),
        ("kind: number", "kind: size", r'unknown kind "size" \(valid: date, number, '),
        ('{a: "bridge', '{c: "bridge', r'fact "f1": unknown source "c" \(known: a, b\)'),
        (
            "costing 3 million",
            "costing 4 million",
            r'mention "costing 4 million euros" is not in a',
        ),
        ("divergences:", "divergence:", r'unknown key "divergence" \(valid: story, '),
        ("sources: [a, b]", "sources: [a, a]", r'"sources" must list two different source ids'),
        ("story: bridge", "story: [bridge", r"not valid YAML \(line \d+\)"),
        ("story: bridge\n", "", r'missing "story"'),
    ],
)
def test_invalid_gold_names_file_and_problem(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    assert old in GOOD
    cluster = _cluster(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(EvalError, match=message) as info:
        load_gold(cluster)
    assert str(info.value).startswith(str(cluster / "gold.yaml"))


def test_divergence_needs_mentions_in_both_sources(tmp_path: Path) -> None:
    gold = GOOD + "  - {id: d2, fact: f1, kind: date, sources: [a, c]}\n"
    with pytest.raises(EvalError, match=r'divergence "d2": fact "f1" has no mention in source "c"'):
        load_gold(_cluster(tmp_path, gold))


def test_benign_may_not_repeat_a_divergence(tmp_path: Path) -> None:
    gold = GOOD + "benign:\n  - {fact: f2, kind: number, sources: [b, a]}\n"
    with pytest.raises(
        EvalError, match=r'benign entry 1: the same pair and kind is divergence "d1"'
    ):
        load_gold(_cluster(tmp_path, gold))


def test_missing_gold_file(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="no such gold file"):
        load_gold(tmp_path)
