"""The way back to the file: every sentence's file offsets, line and column."""

from __future__ import annotations

import html
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crosscheck.errors import IngestError
from crosscheck.ingest import load_article, load_articles
from crosscheck.origin import build_origin
from crosscheck.report.coverage import not_in_file
from crosscheck.report.json import to_dict
from crosscheck.segment import split_sentences
from crosscheck.types import Article, Origin, Report, Sentence, Source

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
DEV = sorted(
    path
    for path in (ROOT.parent / "shared" / "eval" / "dev").glob("*/*")
    if path.suffix in (".txt", ".md", ".html")
)


def _file_text(path: Path) -> str:
    """The file as ingest decodes it: UTF-8, a byte-order mark dropped, line ends kept."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return handle.read()


def _visible(snippet: str, *, html_page: bool) -> str:
    """Text with markup and entities read, white space collapsed: written apart from
    crosscheck.origin so that the two can disagree."""
    if html_page:
        snippet = html.unescape(re.sub(r"<[^>]*>", "", snippet))
    snippet = re.sub(r"\]\([^)]*\)", "", snippet)  # a Markdown link's target
    snippet = re.sub(r"[*_\[\]#>]", "", snippet)
    snippet = re.sub(r"[\u200b-\u200d\u2060\ufeff]", "", snippet)
    return " ".join(unicodedata.normalize("NFC", snippet).split())


def _line_column(text: str, offset: int) -> tuple[int, int]:
    before = re.split(r"\r\n|\r|\n", text[:offset])
    return len(before), len(before[-1]) + 1


def _check_every_sentence(path: Path) -> list[Sentence]:
    """Assert that each sentence of ``path`` is found where its offsets say; return them."""
    article = load_article(path)
    file_text = _file_text(path)
    page = path.suffix == ".html"
    origin = article.source.origin
    assert origin is not None
    sentences = split_sentences(article)
    assert sentences
    for sentence in sentences:
        place = origin.place(sentence.start, sentence.end)
        assert place is not None, sentence.text
        found = file_text[place.file_start : place.file_end]
        assert _visible(found, html_page=page) == _visible(sentence.text, html_page=page)
        assert (place.line, place.column) == _line_column(file_text, place.file_start)
    return sentences


# --- hand-made files ---------------------------------------------------------------------


def test_plain_text_with_wrapped_lines_crlf_and_odd_spaces(tmp_path: Path) -> None:
    path = tmp_path / "wire.txt"
    path.write_bytes(
        "Harbour Council Approves Flood Wall\r\n"
        "By Ana Ruiz\r\n"
        "\r\n"
        "PORTVILLE, April 14 (Wire) - The harbour council approved a flood wall on\r\n"
        "Monday after two years of delay, its chair said. The wall will cost\u00a04"
        "\u00a0million\r\n"
        "euros.\r\n"
        "\r\n"
        "Cafe\u0301 owners on the quay welcomed the vote.\u200b Work starts in May.\r\n".encode()
    )
    sentences = _check_every_sentence(path)
    article = load_article(path)
    place = article.source.origin.place(sentences[0].start, sentences[0].end)  # type: ignore[union-attr]
    # The dateline is cut from the sentence, so the sentence starts after it.
    assert _file_text(path)[place.file_start :].startswith("The harbour council")  # type: ignore[union-attr]
    assert (place.line, place.column) == (4, 30)  # type: ignore[union-attr]


def test_markdown_offsets_count_the_front_matter_and_skip_its_copy_of_the_lead(
    tmp_path: Path,
) -> None:
    path = tmp_path / "gazette.md"
    path.write_text(
        "---\n"
        "title: Flood wall approved\n"
        "summary: The harbour council approved a flood wall on Monday.\n"
        "---\n"
        "# Flood wall approved\n"
        "\n"
        "The harbour council approved a **flood wall** on Monday.\n"
        "<!-- The harbour council approved a flood wall on Monday. -->\n"
        'Its [chair](https://example.org/chair "Chair") called the vote *overdue*, '
        "and _residents_ cheered.\n"
        "\n"
        "## Cost\n"
        "\n"
        "> The wall will cost 4 million euros, the council's engineers said on Monday.\n"
        "\n"
        "- Work on the northern section starts in May, weeks ahead of the storm season.\n",
        encoding="utf-8",
    )
    sentences = _check_every_sentence(path)
    origin = load_article(path).source.origin
    assert origin is not None
    first = origin.place(sentences[0].start, sentences[0].end)
    assert first is not None and first.line == 7  # the body's copy, not the front matter's
    assert _file_text(path)[first.file_start : first.file_end] == (
        "The harbour council approved a **flood wall** on Monday."
    )
    lines = {origin.place(s.start, s.end).line for s in sentences}  # type: ignore[union-attr]
    assert {11, 13, 15} <= lines


def test_html_offsets_point_into_the_text_nodes_with_entities_and_markup(tmp_path: Path) -> None:
    path = tmp_path / "daily.html"
    path.write_text(
        "<!doctype html><html><head><title>Flood wall | The Daily</title>\n"
        '<script type="application/ld+json">{"articleBody": '
        '"The harbour council approved a flood wall on Monday."}</script></head>\n'
        '<body><nav><a href="/">Home</a></nav><article><h1>Flood wall</h1>\n'
        "<p>The harbour council approved a flood wall on Monday.\n"
        "Smith &amp; Jones, the builders, said work would start in <b>May</b>.</p>\n"
        "<!-- <p>An older version said the vote was on Sunday.</p> -->\n"
        "<p>The chair called it &ldquo;a long overdue step&rdquo; for the town&#8217;s "
        '12,000&nbsp;residents and thanked <a href="/e">the engineers</a>.</p>\n'
        "</article></body></html>\n",
        encoding="utf-8",
    )
    sentences = _check_every_sentence(path)
    file_text = _file_text(path)
    origin = load_article(path).source.origin
    assert origin is not None
    found = [
        file_text[p.file_start : p.file_end]
        for s in sentences
        if (p := origin.place(s.start, s.end))
    ]
    assert "Smith &amp; Jones, the builders, said work would start in <b>May</b>." in found
    assert any(text.startswith("The chair called it &ldquo;") for text in found)
    # The first sentence is the paragraph's, not the JSON-LD copy in the head.
    first = origin.place(sentences[0].start, sentences[0].end)
    assert first is not None and first.line == 4


def test_a_line_not_in_the_file_gets_no_place_and_coverage_says_so() -> None:
    raw = "The vote passed on Monday.\n\nWork starts in May.\n"
    origin = build_origin(raw, "The vote passed on Monday.\n\nA line no file holds.", kind="text")
    assert origin.place(0, 26) is not None
    assert origin.place(28, 49) is None
    source = Source("wire", "wire.txt", "", "Wire", text="", origin=origin)
    placed = Sentence("wire", 0, "The vote passed on Monday.", 0, 26)
    lost = Sentence("wire", 1, "A line no file holds.", 28, 49)
    report = Report((source,), (placed, lost), (), (), (), ())
    assert not_in_file(report) == [lost]
    data = to_dict(report)
    assert data["sentences"][0]["file_start"] == 0 and data["sentences"][0]["line"] == 1
    assert data["sentences"][1]["file_start"] is None and data["sentences"][1]["line"] is None
    assert data["coverage"]["no_file_position"] == [{"source": "wire", "index": 1}]


def test_lines_are_searched_in_order_so_a_repeated_line_maps_to_its_own_copy() -> None:
    raw = "Talks resumed.\nTalks resumed.\n"
    origin = build_origin(raw, "Talks resumed.\nTalks resumed.", kind="text")
    assert [origin.place(0, 14).line, origin.place(15, 29).line] == [1, 2]  # type: ignore[union-attr]


def test_a_file_where_no_line_is_found_is_given_up_on_in_bounded_time() -> None:
    # Each miss scans the rest of the file; 20,000 of them over 1 MB would take minutes.
    raw = "Nothing here matches the cleaned text at all.\n" * 20_000
    text = "\n".join(f"Line {n} is in no file." for n in range(20_000))
    assert build_origin(raw, text, kind="text").pieces == ()


# --- Origin by hand ----------------------------------------------------------------------


def test_place_maps_character_pieces_linearly_and_whole_pieces_whole() -> None:
    # "A&B": "A" is file[10:11], "&" stands for "&amp;" (file[11:16]), "B" is file[16:17].
    origin = Origin(((0, 1, 10, 11, 1, 11), (1, 2, 11, 16, 1, 12), (2, 3, 16, 17, 1, 17)))
    place = origin.place(0, 3)
    assert place is not None and (place.file_start, place.file_end) == (10, 17)
    assert origin.place(1, 2).file_end == 16  # type: ignore[union-attr]
    assert origin.place(2, 4) is None  # runs past the last piece
    assert origin.place(3, 3) is None


def test_a_gap_between_pieces_means_no_place() -> None:
    origin = Origin(((0, 5, 0, 5, 1, 1), (8, 12, 20, 24, 3, 1)))
    assert origin.place(0, 5) is not None and origin.place(8, 12) is not None
    assert origin.place(0, 12) is None
    assert origin.place(6, 7) is None


# --- real articles -----------------------------------------------------------------------


@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name)
def test_every_seed_sentence_is_found_in_its_file(path: Path) -> None:
    _check_every_sentence(path)


@pytest.mark.skipif(not DEV, reason="the dev clusters (../shared/eval/dev) are not here")
@pytest.mark.parametrize("path", DEV, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_dev_cluster_sentence_is_found_in_its_file(path: Path) -> None:
    _check_every_sentence(path)


def test_load_articles_gives_sources_their_text_and_origin() -> None:
    articles = load_articles(SEEDS)
    for article in articles:
        assert article.source.text == article.text
        assert article.source.origin is not None


# --- never a wrong offset ----------------------------------------------------------------

_WORDS = st.sampled_from(
    ["The", "council", "voted.", "Work", "starts", "in", "May.", "It", "cost", "1,200", "euros."]
)
_GAPS = st.sampled_from([" ", "  ", "\n", "\r\n", "\n\n", "\t", "\u00a0"])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_WORDS, _GAPS), min_size=8, max_size=60))
def test_whatever_is_placed_is_the_sentence(
    tmp_path_factory: pytest.TempPathFactory, words: list[tuple[str, str]]
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "story.txt"
    path.write_bytes(("".join(w + g for w, g in words) + ".").encode())
    try:
        article = load_article(path)
    except IngestError:  # too little text to be an article: nothing to place
        return
    file_text = _file_text(path)
    assert isinstance(article, Article) and article.source.origin is not None
    for sentence in split_sentences(article):
        place = article.source.origin.place(sentence.start, sentence.end)
        if place is None:
            continue
        found = file_text[place.file_start : place.file_end]
        assert " ".join(found.split()) == " ".join(sentence.text.split())
        assert (place.line, place.column) == _line_column(file_text, place.file_start)
