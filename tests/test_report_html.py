"""The HTML report on hand-built reports: content, escaping, golden page, a real browser."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from crosscheck.history import fingerprint
from crosscheck.report import render
from crosscheck.report.coverage import CONFIDENT_PAIR, coverage_of
from crosscheck.report.html import render as render_html
from crosscheck.report.reasoning import explain
from crosscheck.reviews import Review, Verdict, Verdicts
from crosscheck.types import (
    Alignment,
    Coverage,
    Divergence,
    Fact,
    Kind,
    NotJudged,
    Report,
    Sentence,
    Severity,
    Source,
    Span,
    Unjudged,
)

GOLDEN = Path(__file__).parent / "golden" / "desk.html"
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")

WIRE = Source("wire", "in/wire.txt", "Talks end | Wire", "Meridian Wire", dt.date(2025, 6, 7))
BLOG = Source(
    "blog", "in/blog.html", "Talks <b>end</b>", "The <Blog>", dt.date(2025, 6, 7),
    "javascript:alert(1)",
)  # fmt: skip
LEDGER = Source("ledger", "in/ledger.md", "Talks", "Ledger", None, "https://ledger.example/a")

W = [
    Sentence("wire", 0, "The talks ended on Friday in Geneva.", 0, 36),
    Sentence("wire", 1, "About 1,200 people marched outside.", 37, 72),
    Sentence("wire", 2, "Delegates left on Saturday.", 73, 100),
    Sentence("wire", 3, "A statement is due next week.", 101, 130),
]
B = [
    Sentence("blog", 0, "The talks ended on June 9 in Geneva <script>alert(1)</script>.", 0, 63),
    Sentence("blog", 1, "Some 1,500 people marched outside.", 64, 98),
]
L = [Sentence("ledger", 0, "Talks ended on Thursday, June 6, 2025.", 0, 38)]


NO_GAPS = Coverage()


def _report(coverage: Coverage = NO_GAPS) -> Report:
    date = Divergence(
        "date-mismatch", Kind.DATE, Severity.ERROR, W[0], B[0], "Friday", "June 9",
        "Meridian Wire dates it Friday; The <Blog> says June 9",
        left_span=Span("wire", 19, 25, "Friday"), right_span=Span("blog", 19, 25, "June 9"),
    )  # fmt: skip
    number = Divergence(
        "number-mismatch", Kind.NUMBER, Severity.WARNING, W[1], B[1], "1,200", "1,500",
        "figures differ: 1,200 (Meridian Wire) vs 1,500 (The <Blog>)",
    )  # fmt: skip
    weekday = Divergence(
        "date-mismatch", Kind.DATE, Severity.INFO, W[0], L[0], "Friday", "Thursday, June 6",
        "Meridian Wire dates it Friday; Ledger says Thursday, June 6",
    )  # fmt: skip
    return Report(
        sources=(WIRE, BLOG, LEDGER),
        sentences=(*W, *B, *L),
        alignments=(
            Alignment(W[0], B[0], 0.8, 0.7, confidence=0.91),
            Alignment(W[1], B[1], 0.7, 0.6, confidence=0.42),
            Alignment(W[0], L[0], 0.6, 0.5),
        ),
        facts=(Fact("f1", (W[0], B[0], L[0])), Fact("f2", (W[1], B[1]))),
        divergences=(number, date, weekday),
        omissions=(W[2], W[3]),
        model="all-MiniLM-L6-v2",
        rules=("date-mismatch", "number-mismatch"),
        coverage=coverage,
    )


def test_article_text_is_escaped_and_nothing_is_fetched() -> None:
    page = render_html(_report())
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "The &lt;Blog&gt;" in page and "<Blog>" not in page
    # A javascript: URL from an article's metadata is text, never a link.
    assert 'href="javascript:' not in page
    assert '<a href="https://ledger.example/a"' in page
    assert "default-src 'none'" in page
    # No resource is referenced: no src attributes, no stylesheet links.
    assert not re.search(r"\ssrc=|<link\b|@import|url\(http", page)
    # The JSON block for the script cannot be closed by article text.
    block = page.split('id="crosscheck-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block
    data = json.loads(block)
    assert data["sources"]["blog"]["sentences"][0][1] == B[0].text


def test_divergences_worst_first_with_highlighted_values() -> None:
    page = render_html(_report())
    cards = re.findall(r'<article class="divergence sev-(\w+)"', page)
    assert cards == ["error", "warning", "info"]
    # From the spans, and found again where a check gave none.
    assert '<mark class="hl">Friday</mark>' in page
    assert '<mark class="hl">June 9</mark>' in page
    assert '<mark class="hl">1,200</mark>' in page and '<mark class="hl">1,500</mark>' in page
    assert "pair confidence 0.91" in page and "not calibrated" in page
    assert "sentence 1 (JSON index 0)" in page
    fp = fingerprint(_report().divergences[1])
    assert f"crosscheck review talks-end-wire {fp} --as false-alarm" in page


def test_facts_grid_shows_empty_cells_and_filters_list_outlets() -> None:
    page = render_html(_report())
    grid = page.split('<table class="grid">', 1)[1].split("</table>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", grid)
    # f2: wire and blog state it, the ledger does not.
    assert rows[2].count('class="empty"') == 1
    assert '<option value="ledger">Ledger</option>' in page
    assert '<option value="number">number</option>' in page
    assert '<option value="quote">' not in page  # only kinds present


def test_a_false_alarm_folds_under_reviewed_and_leaves_the_counts() -> None:
    report = _report()
    fp = fingerprint(report.divergences[0])  # the number divergence
    verdicts = Verdicts(
        "talks",
        {fp: Review("talks", fp, Verdict.FALSE_ALARM, "ana", "2025-06-08T10:00:00+00:00", "ok")},
    )
    page = render_html(report, verdicts=verdicts)
    main, reviewed = page.split('<section id="reviewed">', 1)
    assert f'id="d-{fp}"' not in main and f'id="d-{fp}"' in reviewed
    assert "<b>2</b> divergences (1 error, 0 warning, 1 info): <b>2</b> open" in page
    assert "false-alarm by ana" in reviewed
    markdown = render(report, "markdown", verdicts=verdicts)
    assert "## Reviewed" in markdown
    assert markdown.index("1,200") > markdown.index("## Reviewed")
    data = json.loads(render(report, "json", verdicts=verdicts))
    assert data["divergences"][0]["review"]["verdict"] == "false-alarm"
    assert "review" not in data["divergences"][1]


def test_reasoning_resolves_relative_dates_and_names_the_wrong_weekday() -> None:
    report = _report()
    number, date, weekday = report.divergences
    # A bare weekday in a Saturday piece: the Friday just gone, or (the parser allows
    # it) the coming one; both are said, the preferred first.
    assert explain(date, report) == [
        "Meridian Wire: Friday (= Fri 6 June 2025 or Fri 13 June 2025, published Sat 7 June 2025)"
    ]
    lines = explain(weekday, report)
    assert any(
        line.startswith("Ledger: Thursday, June 6, 2025: the weekday disagrees") for line in lines
    )
    assert "6 June 2025 is a Friday" in " ".join(lines)
    assert explain(number, report)[0].startswith('Meridian Wire: "About 1,200" is hedged (about)')


def test_reasoning_names_both_speakers_of_a_quote() -> None:
    left = Sentence("wire", 4, '"We will rebuild," he said.', 131, 158)
    right = Sentence("blog", 2, '"We will rebuild," the governor\'s aide told reporters.', 99, 153)
    before = Sentence("wire", 3, "Mayor Karen Bass toured the site.", 101, 130)
    quote = Divergence(
        "quote-attribution", Kind.ATTRIBUTION, Severity.WARNING, left, right, "he", "aide", "m"
    )
    report = replace(_report(), sentences=(*W[:3], before, left, *B, right))
    lines = explain(quote, report)
    assert lines[0] == "Meridian Wire: speaker: Karen Bass (written 'he') said"
    assert lines[1].startswith("The <Blog>: ")
    assert "Karen Bass" not in lines[1]


def test_coverage_lists_low_confidence_pairs_and_producers_items() -> None:
    item = NotJudged(Unjudged.LANGUAGE, (W[3],), "de")
    coverage = coverage_of(_report(Coverage((item,))))
    assert coverage.count(Unjudged.LANGUAGE) == 1
    low = [i for i in coverage.items if i.reason is Unjudged.LOW_CONFIDENCE]
    assert [i.sentences for i in low] == [(W[1], B[1])]  # 0.42 < CONFIDENT_PAIR; None skipped
    assert CONFIDENT_PAIR > 0.42
    data = json.loads(render(_report(Coverage((item,))), "json"))
    assert data["coverage"]["counts"] == {"language": 1, "place-by-name": 0, "low-confidence": 1}
    assert "## Not judged" in render(_report(), "markdown")


def test_spans_and_confidence_survive_the_audit_memo() -> None:
    from crosscheck.audit import report_from_dict
    from crosscheck.report.json import to_dict

    report = _report()
    assert report_from_dict(json.loads(json.dumps(to_dict(report)))) == report


def test_a_divergence_says_where_each_sentence_starts_in_its_file() -> None:
    from crosscheck.origin import build_origin

    raw = "---\ntitle: Talks\n---\nIntro line here.\n\nThe talks ended on Friday in Geneva.\n"
    text = "Intro line here.\n\nThe talks ended on Friday in Geneva."
    wire = replace(WIRE, text=text, origin=build_origin(raw, text, kind="text", body_start=21))
    placed = Sentence("wire", 1, "The talks ended on Friday in Geneva.", 18, 54)
    report = replace(
        _report(),
        sources=(wire, BLOG, LEDGER),
        sentences=(placed, *B, *L),
        divergences=(
            Divergence(
                "date-mismatch",
                Kind.DATE,
                Severity.ERROR,
                placed,
                B[0],
                "Friday",
                "June 9",
                "dates differ",
            ),
        ),
        alignments=(),
        facts=(),
        omissions=(),
        details=(),
    )
    page = render_html(report)
    assert "sentence 2 (JSON index 1), wire.txt line 6:1" in page
    assert "sentence 1 (JSON index 0)</span>" in page  # the blog has no file map


def test_the_page_matches_the_golden_file() -> None:
    page = render_html(_report())
    if os.environ.get("CROSSCHECK_UPDATE_GOLDEN"):
        GOLDEN.write_text(page, encoding="utf-8")
    assert GOLDEN.exists(), "no golden page: run with CROSSCHECK_UPDATE_GOLDEN=1 once"
    assert page == GOLDEN.read_text(encoding="utf-8"), (
        "the HTML report changed; if on purpose, rewrite it with CROSSCHECK_UPDATE_GOLDEN=1"
    )


# --- a real browser ---------------------------------------------------------------------

# Flags that keep a headless Chromium quiet and off the network (no sync, no updates).
_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync "
    "--window-size=1280,2000"
).split()


def open_browser(profile: Path) -> Any:
    """A headless Chromium driven through the system chromedriver, or a skip."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("no /usr/bin/chromium or /usr/bin/chromedriver: apt-get install chromium")
    webdriver = pytest.importorskip("selenium.webdriver", reason="pip install selenium")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)


def check_in_browser(page: Path, screenshot: Path) -> dict[str, Any]:
    """Load ``page``, assert no console error and no request beyond the file itself,
    save a screenshot; return what the DOM shows."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    profile = Path(tempfile.mkdtemp(prefix="chromium-"))
    driver = open_browser(profile)
    try:
        driver.get_log("performance")  # drop what the browser's start page requested
        driver.get(page.resolve().as_uri())
        found: dict[str, Any] = {
            "marks": [m.text for m in driver.find_elements(By.CSS_SELECTOR, "mark.hl")],
            "cards": len(driver.find_elements(By.CSS_SELECTOR, "#divergences .divergence")),
        }
        driver.save_screenshot(str(screenshot))

        def visible() -> int:
            return sum(
                1
                for c in driver.find_elements(By.CSS_SELECTOR, "#divergences .divergence")
                if c.is_displayed()
            )

        selects = driver.find_elements(By.CSS_SELECTOR, ".filters select")
        if selects:
            kind = Select(driver.find_element(By.NAME, "kind"))
            kind.select_by_index(1)
            found["after_kind"] = (kind.first_selected_option.get_attribute("value"), visible())
            kind.select_by_index(0)
            severity = Select(driver.find_element(By.NAME, "severity"))
            severity.select_by_value("error")
            found["after_severity"] = visible()
            severity.select_by_index(0)
            outlet = Select(driver.find_element(By.NAME, "outlet"))
            outlet.select_by_index(len(outlet.options) - 1)
            found["after_outlet"] = (outlet.first_selected_option.get_attribute("value"), visible())
            outlet.select_by_index(0)
            found["reset"] = visible()
            driver.find_elements(By.CSS_SELECTOR, "#divergences .sentence")[0].click()
            dialog = driver.find_element(By.ID, "context")
            found["dialog_open"] = dialog.get_attribute("open") is not None
            found["context"] = [
                li.text for li in driver.find_elements(By.CSS_SELECTOR, "#context-body li")
            ]
            found["current"] = driver.find_element(By.CSS_SELECTOR, "#context-body li.current").text
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        requests = []
        for entry in driver.get_log("performance"):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                params = message["params"]
                requests.append((params.get("documentURL", ""), params["request"]["url"]))
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)
    assert errors == [], f"console errors: {errors}"
    # Nothing leaves the machine, and the page asks for nothing but itself (the
    # browser's own start page may still be loading chrome:// resources).
    uri = page.resolve().as_uri()
    assert not [url for _, url in requests if url.startswith(("http", "ws"))], requests
    assert [url for doc, url in requests if doc == uri] == [uri], requests
    return found


def test_the_page_works_in_headless_chromium(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(_report()), encoding="utf-8")
    shown = check_in_browser(page, tmp_path / "report.png")
    assert (tmp_path / "report.png").stat().st_size > 10_000
    assert {"Friday", "June 9", "1,200", "1,500"} <= set(shown["marks"])
    assert shown["cards"] == 3
    assert shown["after_kind"] == ("date", 2)
    assert shown["after_severity"] == 1
    assert shown["after_outlet"] == ("ledger", 1)
    assert shown["reset"] == 3
    assert shown["dialog_open"] is True
    # The clicked sentence (wire 0, the error card's left side) and two after it.
    assert shown["context"] == [W[0].text, W[1].text, W[2].text]
    assert shown["current"] == W[0].text


ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev"


@pytest.mark.slow
@pytest.mark.parametrize("inputs", ["seeds", "dev/myanmar-quake"])
def test_real_reports_open_cleanly_in_chromium(tmp_path: Path, inputs: str) -> None:
    """`crosscheck compare ... --format html` on real articles: no console error, no
    request, the divergent values highlighted."""
    import subprocess
    import sys

    if inputs == "seeds":
        files = sorted(str(p) for p in (ROOT / "seeds").iterdir() if p.is_file())
    else:
        folder = DEV / inputs.split("/", 1)[1]
        if not folder.exists():
            pytest.skip(f"{folder} is absent")
        files = [str(folder)]
    page = tmp_path / "r.html"
    done = subprocess.run(
        [sys.executable, "-m", "crosscheck", "compare", *files, "--format", "html",
         "-o", str(page), "-q"],
        capture_output=True, text=True, check=False, cwd=ROOT,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    shown = check_in_browser(page, tmp_path / "r.png")
    cards = shown["cards"]
    assert isinstance(cards, int) and len(shown["marks"]) >= cards
    if cards:
        assert shown["dialog_open"] is True and shown["current"]
