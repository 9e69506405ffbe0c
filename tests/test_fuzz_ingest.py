"""Generated bad and random inputs (hypothesis): ingest either reads an article or
refuses it with an ``IngestError``; the compare command either writes a report or
prints one ``Error:`` line with exit 3 and writes nothing. Never a traceback.

Four generators of 100 inputs each go into ingest (random bytes, truncated UTF-8,
random front matter, random HTML), and 80 mixed ones through the compare command with
the bag-of-words encoder: 480 in the default run.
"""

from __future__ import annotations

import os
import signal
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosscheck.errors import CrosscheckError
from crosscheck.ingest import load_articles

pytestmark = pytest.mark.filterwarnings("ignore::crosscheck.errors.MetadataWarning")

ARTICLE = (
    "Bridge opens after delay\n\n"
    "By Ana Ruiz\n\n"
    "The council opened the new bridge on Monday, two years later than planned.\n\n"
    "“It was worth the wait,” the mayor said, adding that 1,200 cars would cross daily.\n"
)

OUTCOMES: list[int] = []  # exit codes seen, checked below: both paths were taken

FUZZ = settings(
    max_examples=100,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# --- generators ---------------------------------------------------------------------

random_bytes = st.binary(min_size=0, max_size=2_000)


@st.composite
def truncated_utf8(draw: st.DrawFn) -> bytes:
    """A real article cut at any byte (often inside a multi-byte character), maybe
    with a byte-order mark or stray bytes."""
    data = draw(st.sampled_from([ARTICLE, ARTICLE.replace("e", "é"), "— ¿Qué? ✓ 東京 " * 20]))
    raw = data.encode(draw(st.sampled_from(["utf-8", "utf-16", "utf-8-sig"])))
    cut = draw(st.integers(0, len(raw)))
    tail = draw(st.binary(max_size=4))
    return raw[:cut] + tail


_KEYS = ["title", "date", "published", "url", "outlet", "source", "publisher", "site_name"]
_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.sampled_from(["2025-13-45", "2025-02-30", "not a date", "https://", "[a, b]", "{x: 1}"]),
    st.lists(st.text(max_size=10), max_size=3),
)


@st.composite
def front_matter(draw: st.DrawFn) -> bytes:
    """YAML front matter with odd values and odd syntax, then a body (or none)."""
    lines = []
    for key in draw(st.lists(st.sampled_from([*_KEYS, "x", "Title", ""]), max_size=6)):
        value = draw(_VALUES)
        rendered = value if isinstance(value, str) else repr(value)
        lines.append(f"{key}: {rendered}")
    junk = draw(st.sampled_from(["", "&a [*a]", "key: [unclosed", ": :", "- list item", "\t"]))
    closing = draw(st.sampled_from(["---", "...", "", "--"]))
    body = draw(st.sampled_from([ARTICLE, "", "Short.", "# Only a heading"]))
    return ("---\n" + "\n".join(lines) + f"\n{junk}\n{closing}\n{body}").encode("utf-8")


_TAGS = ["p", "div", "article", "main", "h1", "span", "script", "style", "a", "time", "meta"]


@st.composite
def html_page(draw: st.DrawFn) -> bytes:
    """Random, often broken HTML: nested tags, stray closers, entities, meta tags."""

    def fragment(depth: int) -> str:
        parts = []
        for _ in range(draw(st.integers(0, 4))):
            kind = draw(st.integers(0, 5))
            if kind == 0 or depth > 3:
                parts.append(
                    draw(st.sampled_from([ARTICLE, "text &amp; &bogus; &#99999999;", "<", ""]))
                )
            elif kind == 1:
                parts.append(f"</{draw(st.sampled_from(_TAGS))}>")
            elif kind == 2:
                prop = draw(st.sampled_from(["og:site_name", "article:published_time", "og:url"]))
                value = draw(st.text(max_size=20)).replace('"', "")
                parts.append(f'<meta property="{prop}" content="{value}">')
            else:
                tag = draw(st.sampled_from(_TAGS))
                parts.append(f"<{tag}>{fragment(depth + 1)}</{tag}>")
        return "".join(parts)

    head = draw(st.sampled_from(["<!DOCTYPE html>", "<html>", "<?xml version='1.0'?><html>", ""]))
    return (
        f"{head}<head><title>{draw(st.text(max_size=30))}</title></head><body>{fragment(0)}".encode(
            "utf-8", "surrogatepass"
        )
    )


# --- ingest ----------------------------------------------------------------------------


def _ingest_or_refuse(data: bytes, name: str = "article.txt") -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            (article,) = load_articles([path])
        except CrosscheckError as exc:
            message = str(exc)
            assert message.startswith(str(path)), message
            return
        assert article.text.strip()
        assert article.source.outlet


@FUZZ
@given(random_bytes)
def test_random_bytes(data: bytes) -> None:
    _ingest_or_refuse(data)


@FUZZ
@given(truncated_utf8())
def test_truncated_utf8(data: bytes) -> None:
    _ingest_or_refuse(data)


@FUZZ
@given(front_matter())
def test_random_front_matter(data: bytes) -> None:
    _ingest_or_refuse(data, "article.md")


@FUZZ
@given(html_page())
def test_random_html(data: bytes) -> None:
    _ingest_or_refuse(data, "page.html")


# --- the compare command ------------------------------------------------------------------


@settings(FUZZ, max_examples=80)
@given(data=st.one_of(random_bytes, truncated_utf8(), front_matter(), html_page()))
def test_compare_command_reports_or_refuses_in_one_line(
    data: bytes, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from doubles import BagOfWords

    import crosscheck.embed
    from crosscheck.cli import main

    monkeypatch.setattr(crosscheck.embed, "Embedder", lambda *a, **k: BagOfWords())
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        good = root / "wire.txt"
        good.write_text(ARTICLE, encoding="utf-8")
        odd = root / "odd.txt"
        odd.write_bytes(data)
        report = root / "out" / "report.md"
        monkeypatch.setattr(
            sys,
            "argv",
            ["crosscheck", "compare", str(good), str(odd), "-o", str(report), "-q", "--no-cache"],
        )
        previous = signal.getsignal(signal.SIGINT)
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        finally:
            signal.signal(signal.SIGINT, previous)
        err = capsys.readouterr().err
        assert "Traceback" not in err
        errors = [line for line in err.splitlines() if line.startswith("Error: ")]
        OUTCOMES.append(code)
        if code == 0:
            assert report.is_file() and report.read_text(encoding="utf-8").strip()
            assert not errors, err
        else:
            assert code == 3, err
            # One error line; a refused file may first get its documented front-matter
            # warnings ("Warning: FILE: ..."), never anything else.
            others = [line for line in err.strip().splitlines() if line not in errors]
            assert len(errors) == 1 and all(line.startswith("Warning: ") for line in others), err
            assert not (root / "out").exists()
        leftovers = [p.name for p in root.rglob(".*.tmp")]
        assert leftovers == []
        os.environ.pop("CROSSCHECK_MAX_ARTICLE_MB", None)


def test_the_compare_fuzz_saw_reports_and_refusals() -> None:
    if not OUTCOMES:
        pytest.skip("run with the compare fuzz test")
    assert 0 in OUTCOMES and 3 in OUTCOMES, OUTCOMES
