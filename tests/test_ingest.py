"""Ingest: every format, every kind of bad input, metadata and cleaning."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from crosscheck.errors import IngestError
from crosscheck.ingest import (
    load_article,
    load_articles,
    outlet_names,
    resolve_dateline_years,
    source_ids,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "ingest"
SEEDS = ROOT / "seeds"
EVAL = ROOT.parent / "shared" / "eval"
DEV_CLUSTERS = sorted((EVAL / "dev").glob("*/gold.yaml"))

# Strings that must never survive cleaning: markup, link targets and page furniture.
FURNITURE = (
    "](",
    "**",
    "Related article",
    "Original url",
    "contributed reporting",
    "Reporting by",
    "Disclosure",
    "http",
    "---",
)


def _write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _assert_clean(text: str) -> None:
    for marker in FURNITURE:
        assert marker not in text, marker


# --- formats -----------------------------------------------------------------------------


def test_plain_text_headline_date_caption_and_trailers() -> None:
    article = load_article(DATA / "plain.txt")
    source = article.source
    assert source.id == "plain"
    assert source.path == str(DATA / "plain.txt")
    assert source.title == "Harbour Council Approves Flood Wall After Two-Year Delay"
    assert source.published == dt.date(2025, 4, 14)
    assert source.url == "https://www.harbourgazette.example/2025/04/14/council-approves-flood-wall"
    assert source.outlet == "harbourgazette.example"
    assert article.text.startswith("The Harbour town council voted 7-2 on Monday")
    assert "Workers inspect the old sea wall" not in article.text  # photo caption
    assert "Storm damage bill" not in article.text  # related article
    assert "Reuters" not in article.text  # agency credit
    assert "according to the council's own estimate, and" in article.text  # link -> its text
    assert article.text.endswith("moving homes away from the shore.")
    _assert_clean(article.text)


def test_markdown_front_matter_gives_metadata_and_markup_is_removed() -> None:
    article = load_article(DATA / "front_matter.md")
    source = article.source
    assert source.title == "Flood wall: what the vote means for you"
    assert source.outlet == "Coastline Weekly"
    assert source.published == dt.date(2025, 4, 15)
    assert source.url == "https://coastline.example/flood-wall-explainer"
    lines = article.text.split("\n")
    assert "Flood wall: what the vote means for you" not in article.text  # headline repeated
    assert "How much will it cost?" in lines  # a heading stays, as its own line
    assert "by seven votes to two, after" in article.text  # emphasis markers gone
    assert "including the Harbour Residents' Association, say" in article.text
    assert "Construction starts in the autumn." in lines  # bullet marker gone
    assert 'The mayor called the wall "the cheapest' in article.text  # blockquote mark gone
    assert "Quay Street at high tide" not in article.text  # image
    assert "author lives" not in article.text  # disclosure
    assert "layout" not in article.text
    _assert_clean(article.text)


def test_front_matter_is_found_by_content_in_a_txt_file() -> None:
    article = load_article(DATA / "front_matter_note.txt")
    assert article.source.title == "Ferry strike called off"
    assert article.source.published == dt.date(2025, 2, 3)
    # `source:` holding an address names the outlet by its site.
    assert article.source.url == "https://www.portnews.example/2025/02/03/ferry-strike"
    assert article.source.outlet == "portnews.example"
    assert article.text.startswith("The ferry workers' union called off")


def test_html_page_with_meta_tags() -> None:
    article = load_article(DATA / "page_meta.html")
    source = article.source
    assert source.title == "Ferry fares to rise by 4% from May"
    assert source.outlet == "Port Daily"
    assert source.published == dt.date(2025, 3, 11)
    assert source.url == "https://www.portdaily.example/business/ferry-fares-rise"
    assert article.text.startswith("The island ferry operator said on Tuesday")
    assert article.text.endswith("a record for the route.")
    for furniture in ("News", "Sport", "All rights reserved", "Privacy"):
        assert furniture not in article.text


def test_html_page_without_meta_uses_title_suffix_and_byline_date() -> None:
    article = load_article(DATA / "page_bare.html")
    source = article.source
    assert source.title == "Lighthouse keeper retires after 40 years"
    assert source.outlet == "The Cape Ledger"
    assert source.published == dt.date(2025, 2, 7)
    assert source.url is None
    assert "Marta Lind" not in article.text
    assert "Home" not in article.text
    assert article.text.startswith("The last keeper of the Cape Point lighthouse")


def test_html_byline_date_is_found_below_a_cookie_notice(tmp_path: Path) -> None:
    # A consent banner above the article is a full sentence; the date is still read from
    # the byline inside <article>, as a reader finds it.
    page = (
        "<html><head><title>Dam opens | The River Post</title></head><body>"
        "<div class='banner'>We use cookies to improve your experience on this site.</div>"
        "<article><h1>Dam opens</h1>"
        "<p class='byline'>By Ana Ruiz &middot; Tuesday 4 March 2025</p>"
        "<p>The new dam opened on Monday after six years of building and a long delay.</p>"
        "</article></body></html>"
    )
    source = load_article(_write(tmp_path, "post.html", page)).source
    assert source.published == dt.date(2025, 3, 4)


def test_html_is_found_by_content_in_a_txt_file() -> None:
    article = load_article(DATA / "saved_page.txt")
    assert article.source.title == "Bridge reopens"
    assert article.source.outlet == "Valley Times"
    assert "<p>" not in article.text
    assert article.text.startswith("The old river bridge reopened")


def test_wire_byline_dateline_and_reporting_trailer() -> None:
    article = load_article(DATA / "wire.txt")
    source = article.source
    assert source.title == "Port strike ends after pay deal; ferries to resume on Wednesday"
    assert source.outlet == "PNA"  # the agency named in the dateline
    assert source.published is None  # "Feb. 4" and nothing in the file gives the year
    assert article.text.startswith("Dock workers in Lisbon ended a five-day strike")
    assert "Ana Ruiz" not in article.text
    assert "editing by" not in article.text


def test_dateline_year_comes_from_the_other_articles_of_the_story() -> None:
    wire, note = load_articles([DATA / "wire.txt", DATA / "front_matter_note.txt"])
    # Reading the files together does not decide the year: the story does, once.
    assert wire.source.published is None and wire.source.dateline == (2, 4)
    assert wire == load_article(DATA / "wire.txt")
    wire, note = resolve_dateline_years([wire, note])
    assert note.source.published == dt.date(2025, 2, 3)
    assert wire.source.published == dt.date(2025, 2, 4)
    assert wire.source.dateline is None
    # Alone, or beside articles months away, the dateline keeps no year.
    (alone,) = resolve_dateline_years([load_article(DATA / "wire.txt")])
    assert alone.source.published is None


def test_dateline_year_from_the_url(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "wire.txt",
        "RIVERTON, June 3 (Wire) - The port said on Tuesday it had received the offer.\n\n"
        "Original url: https://wire.example/2025/port-offer\n",
    )
    article = load_article(path)
    assert article.source.published == dt.date(2025, 6, 3)
    assert article.source.url == "https://wire.example/2025/port-offer"
    assert article.text == "The port said on Tuesday it had received the offer."


def test_dateline_year_from_a_nearby_full_date_in_the_text(tmp_path: Path) -> None:
    text = (
        "RIVERTON, June 3 (Wire) - The union said on Tuesday it would answer by June 9, 2025.\n\n"
        "The last strike ended in February 2022.\n"
    )
    assert load_article(_write(tmp_path, "wire.txt", text)).source.published == dt.date(2025, 6, 3)


def test_dateline_year_is_not_taken_from_history(tmp_path: Path) -> None:
    text = "RIVERTON, June 3 (Wire) - Talks resumed, officials said, as on May 16, 2022.\n"
    assert load_article(_write(tmp_path, "wire.txt", text)).source.published is None


# --- ids -----------------------------------------------------------------------------------


def test_ids_are_slugs_of_the_stem_and_unique_in_one_load() -> None:
    assert source_ids(["a/wire.txt", "b/wire.md", "c/Ledger Page.html"]) == [
        "wire",
        "wire-2",
        "ledger-page",
    ]
    # A stem that is itself "wire-2" keeps its id; the duplicate moves on.
    assert source_ids(["a/wire.txt", "b/wire.txt", "c/wire-2.txt"]) == ["wire", "wire-3", "wire-2"]
    assert source_ids(["a/???.txt"]) == ["source"]


def test_same_stem_in_two_folders(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = _write(tmp_path / "a", "wire.txt", "The talks resumed on Monday, officials said.")
    second = _write(tmp_path / "b", "wire.txt", "The talks ended on Monday without a deal.")
    ids = [a.source.id for a in load_articles([first, second])]
    assert ids == ["wire", "wire-2"]
    assert [a.source.id for a in load_articles([first, second])] == ids  # stable


# --- bad input -----------------------------------------------------------------------------


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file") as raised:
        load_article(tmp_path / "nope.txt")
    assert raised.value.path == str(tmp_path / "nope.txt")
    assert str(raised.value).startswith(str(tmp_path / "nope.txt") + ": ")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="is a directory"):
        load_article(tmp_path)


@pytest.mark.parametrize("content", ["", "   \n\n\t\n"], ids=["zero-bytes", "white-space"])
def test_empty_file(tmp_path: Path, content: str) -> None:
    with pytest.raises(IngestError, match="file is empty"):
        load_article(_write(tmp_path, "empty.txt", content))


def test_nothing_left_after_cleaning(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "headline.txt", "Just a headline\n\nMay 29, 2025\n\nAFP contributed reporting.\n"
    )
    with pytest.raises(IngestError, match="no article text left after cleaning"):
        load_article(path)


def test_binary_file(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="binary file"):
        load_article(_write(tmp_path, "photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01"))


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    text = "The talks resumed on Monday.\nThe minister\u2019s aide said so.\n"
    path = _write(tmp_path, "cp1252.txt", text.encode("cp1252"))
    with pytest.raises(IngestError, match=r"not UTF-8 text \(byte 0x92 on line 2\)"):
        load_article(path)


def test_utf8_with_bom_and_utf16_with_bom_are_read(tmp_path: Path) -> None:
    text = "The minister’s aide said the talks would resume on Monday."
    bom8 = load_article(_write(tmp_path, "bom8.txt", text.encode("utf-8-sig")))
    bom16 = load_article(_write(tmp_path, "bom16.txt", text.encode("utf-16")))
    assert bom8.text == bom16.text == text


def test_html_declaring_its_charset_is_decoded_with_it(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="windows-1252"><title>Talks | Daily</title></head><body>'
        "<p>The minister\u2019s aide said on Monday that the talks would resume next week.</p>"
        "</body></html>"
    )
    article = load_article(_write(tmp_path, "page.html", page.encode("cp1252")))
    assert "minister’s aide" in article.text


def test_front_matter_that_is_not_yaml_gives_the_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "bad.md",
        '---\ntitle: "Talks resume\ndate: 2025-06-02\n---\nThe talks resumed on Monday.\n',
    )
    with pytest.raises(IngestError, match=r"front matter is not valid YAML \(line \d+\)") as raised:
        load_article(path)
    assert "\n" not in raised.value.problem


def test_front_matter_bad_indentation_line_number(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "bad.md",
        "---\ntitle: Talks\ntags: [a, b\ndate: 2025-06-02\n---\nThe talks resumed on Monday.\n",
    )
    with pytest.raises(IngestError, match=r"not valid YAML \(line (3|4)\)"):
        load_article(path)


def test_front_matter_never_closed(tmp_path: Path) -> None:
    path = _write(tmp_path, "open.md", "---\ntitle: Talks\nThe talks resumed on Monday.\n")
    with pytest.raises(IngestError, match="never closed"):
        load_article(path)


def test_front_matter_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = _write(tmp_path, "list.md", "---\n- one\n- two\n---\nThe talks resumed on Monday.\n")
    with pytest.raises(IngestError, match="not a mapping"):
        load_article(path)


def test_urls_are_not_fetched_offline(tmp_path: Path) -> None:
    from crosscheck.fetch import FetchError, policy

    # Fetching itself is tested against a local server in tests/test_fetch.py.
    with policy(offline=True, cache_dir=tmp_path), pytest.raises(FetchError, match="offline"):
        load_article("https://www.example.org/story")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "locked.txt", "The talks resumed on Monday.")
    path.chmod(0)
    try:
        with pytest.raises(IngestError, match="cannot be read"):
            load_article(path)
    finally:
        path.chmod(0o644)


def test_load_articles_stops_at_the_first_bad_file(tmp_path: Path) -> None:
    good = DATA / "plain.txt"
    bad = _write(tmp_path, "bad.bin", b"\x00\x01")
    with pytest.raises(IngestError) as raised:
        load_articles([good, bad, tmp_path / "missing.txt"])
    assert raised.value.path == str(bad)


# --- cleaning ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Related article: [Storm damage bill passes 20 million](#)",
        "Read more: [Why the quay floods](https://example.org/q)",
        "AFP contributed reporting.",
        "Jane Doe in Riverton and John Roe in Lakeside contributed reporting.",
        "Reuters contributed to this report.",
        "(Reporting by Ana Ruiz in Portville; editing by Tom Kell)",
        "Additional reporting by Tom Kell",
        "With AFP.",
        "*Disclosure: the author holds shares in the operator.*",
        "*This post will be updated as new figures come in.*",
        "Photo: Harbour Gazette",
        "Harbour master Ana Ruiz. [harbour.example](https://harbour.example)",
        "![The quay at dawn](/img/quay.jpg)",
        "© 2025 Harbour Gazette",
        "https://www.example.org/story",
    ],
)
def test_furniture_lines_are_dropped(tmp_path: Path, line: str) -> None:
    body = "The council voted 7-2 on Monday to build a flood wall along the quay."
    article = load_article(_write(tmp_path, "story.txt", f"{body}\n\n{line}\n\n{body}\n"))
    assert article.text == f"{body}\n\n{body}"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Monday, rescuers had reached the town, officials said.", None),
        ("Reporting by the BBC showed the wall had been cracked for years.", None),
        (
            "He said so [in a statement](https://example.org/s) on Monday.",
            "He said so in a statement on Monday.",
        ),
        (
            "The **mayor** said the *wall* was _urgent_ and __overdue__.",
            "The mayor said the wall was urgent and overdue.",
        ),
        ("The file snake_case_name and 2*3*4 stay as written in the report.", None),
        ("Shares fell 4% - the worst day since 2022 - before recovering.", None),
        (
            "Officials said the wall [cost](#) 38 million euros, see <https://example.org/c>.",
            "Officials said the wall cost 38 million euros, see https://example.org/c.",
        ),
    ],
)
def test_prose_is_kept(tmp_path: Path, line: str, expected: str | None) -> None:
    lead = "The council voted 7-2 on Monday to build a flood wall along the quay."
    article = load_article(_write(tmp_path, "story.txt", f"{lead}\n\n{line}\n"))
    assert article.text == f"{lead}\n\n{expected or line}"


def test_header_lines_are_metadata_not_body(tmp_path: Path) -> None:
    text = (
        "Foundry makes a record bet on chip packaging\n\n"
        "Biggest deal in the group's history revives a rebuffed approach\n\n"
        "By Priya Nair, Technology Editor\n\n"
        "Wednesday 19 March 2025\n\n"
        "Castwell agreed on Tuesday to buy the start-up for $3bn in cash, its largest deal.\n"
    )
    article = load_article(_write(tmp_path, "chronicle.txt", text))
    assert article.source.title == "Foundry makes a record bet on chip packaging"
    assert article.source.published == dt.date(2025, 3, 19)
    # A standfirst states facts, so it stays, as its own line.
    assert article.text == (
        "Biggest deal in the group's history revives a rebuffed approach\n\n"
        "Castwell agreed on Tuesday to buy the start-up for $3bn in cash, its largest deal."
    )


@pytest.mark.parametrize(
    "first",
    [
        "“We are ready to talk,” the minister said on Monday.”",
        "Updated: 10:42 GMT, Wednesday 19 March 2025",
        "By Jo Lam",
    ],
)
def test_a_first_line_that_is_prose_a_date_or_a_byline_is_no_headline(
    tmp_path: Path, first: str
) -> None:
    body = "The talks resumed on Monday in Geneva, officials said after the meeting."
    article = load_article(_write(tmp_path, "story.txt", f"{first}\n\n{body}\n"))
    assert article.source.title == "story"  # the file name stem: no headline found
    assert article.text.endswith(body)


def test_a_heading_that_starts_with_by_is_kept(tmp_path: Path) -> None:
    text = (
        "# Wall vote\n\nThe council voted 7-2 on Monday to build a flood wall.\n\n"
        "## By the numbers\n\nIt will cost 38 million euros in total, officials said.\n"
    )
    article = load_article(_write(tmp_path, "story.md", text))
    assert article.source.title == "Wall vote"
    assert "By the numbers" in article.text.split("\n")


@pytest.mark.parametrize(
    ("first", "rest"),
    [
        ("PORTVILLE, June 2 (Wire) - ", "Negotiators met on Monday for a second round of talks."),
        ("RIVERTON, Eastland, June 3 (Reuters) — ", "The port said it had received the offer."),
        ("LAKESIDE — ", "The union said on Monday it was ready to talk again."),
        ("LONDON (AP) -- ", "The prime minister said on Monday the deal was done."),
    ],
)
def test_datelines_are_removed_from_the_first_sentence(
    tmp_path: Path, first: str, rest: str
) -> None:
    article = load_article(_write(tmp_path, "wire.txt", f"Headline here\n\n{first}{rest}\n"))
    assert article.text == rest


def test_a_hyphenated_acronym_is_not_a_dateline(tmp_path: Path) -> None:
    text = "US-China talks resumed in Geneva on Monday after a two-month pause.\n"
    article = load_article(_write(tmp_path, "story.txt", text))
    assert article.text == text.strip()


def test_soft_wrapped_lines_are_joined_but_headings_are_not(tmp_path: Path) -> None:
    text = (
        "The council voted on Monday to build a flood wall along the old\n"
        "quay, ending two years of argument over its cost and its route.\n"
        "\n"
        "Why it matters\n"
        "The quay flooded four times last winter, the council said.\n"
    )
    article = load_article(_write(tmp_path, "wrapped.txt", "Headline\n\n" + text))
    assert article.text.split("\n") == [
        "The council voted on Monday to build a flood wall along the old quay, ending two years"
        " of argument over its cost and its route.",
        "",
        "Why it matters",
        "The quay flooded four times last winter, the council said.",
    ]


def test_white_space_is_normalised(tmp_path: Path) -> None:
    text = "Headline\r\n\r\nThe mayor  said\u00a0the wall\u200b was urgent.\r\n"
    article = load_article(_write(tmp_path, "crlf.txt", text))
    assert article.text == "The mayor said the wall was urgent."


# --- the real seed and dev articles ---------------------------------------------------------


def _file_lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]


def test_seed_with_front_matter_in_a_txt() -> None:
    path = SEEDS / "000_669a61a3c6b00fe6.txt"
    article = load_article(path)
    front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
    assert article.source.id == "000-669a61a3c6b00fe6"
    assert article.source.title == front["title"]
    assert article.source.published == front["date"].date()
    assert "layout:" not in article.text and "excerpt:" not in article.text
    body = [line for line in _file_lines(path)[_file_lines(path).index("---", 1) + 1 :] if line]
    assert article.text.startswith(body[0][:40])


def test_seed_plain_text_with_caption_and_trailers() -> None:
    # Expectations read from the file's own lines: its headline, date line, caption
    # (a short line ending in a bracketed link), related-article link and trailers.
    path = SEEDS / "004_57117f1b7dc3ecff.txt"
    lines = [line for line in _file_lines(path) if line]
    article = load_article(path)
    source = article.source
    assert source.title == lines[0]
    assert source.published == dt.datetime.strptime(lines[1], "%B %d, %Y").date()
    url = lines[-1].strip("<>")
    assert source.url == url
    assert source.outlet == outlet_names()[url.split("/")[2].removeprefix("www.")]
    caption = lines[2]
    assert caption.endswith(")") and "](" in caption
    assert caption[: caption.index("[")].strip() not in article.text
    related = next(line for line in lines if line.startswith("Related article:"))
    assert related.split("[", 1)[1].split("]")[0] not in article.text
    credit = next(line for line in lines if line.endswith("contributed reporting."))
    assert credit.split()[0] not in article.text
    prose = [line for line in lines[3:] if line.endswith(".") and len(line.split()) > 8]
    assert article.text.startswith(prose[0].split("[")[0])
    assert article.text.endswith(prose[-1][-30:])
    _assert_clean(article.text)


def _fold(text: str) -> str:
    table = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})
    return " ".join(text.translate(table).casefold().split())


def _gold_mentions(gold: dict[str, Any]) -> list[tuple[str, str]]:
    pairs = [(sid, m) for fact in gold["facts"] for sid, m in fact["mentions"].items()]
    return pairs + [(o["source"], o["mention"]) for o in gold.get("omissions", [])]


@pytest.mark.parametrize("gold_path", DEV_CLUSTERS, ids=lambda p: p.parent.name)
def test_dev_cluster_metadata_and_clean_bodies(gold_path: Path) -> None:
    gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
    files = {s["id"]: gold_path.parent / s["file"] for s in gold["sources"]}
    # A story's articles as compare sees them: year-less datelines resolved per story.
    story = resolve_dateline_years(load_articles(list(files.values())))
    articles = dict(zip(files, story, strict=True))
    for spec in gold["sources"]:
        article = articles[spec["id"]]
        assert article.source.published == spec["published"], spec["file"]
        assert article.source.title, spec["file"]
        assert article.source.outlet, spec["file"]
        _assert_clean(article.text)
        assert "\n\n\n" not in article.text
    # Cleaning must never eat a fact: every gold mention is still in the body.
    for source_id, mention in _gold_mentions(gold):
        assert _fold(mention) in _fold(articles[source_id].text), (source_id, mention)


def test_dev_outlets_from_title_suffix_dateline_and_url() -> None:
    # A fixture of the shared dev data: a page (outlet from its <title> suffix), a wire
    # (outlet from its dateline's agency) and a text with an "Original url" line; the
    # byline's name is not left in the page's text.
    cluster = EVAL / "dev" / "istanbul-round-two"
    if not cluster.is_dir():
        pytest.skip(f"{cluster} absent")
    wire, ledger, sns = load_articles(
        [cluster / "mpa-wire.txt", cluster / "northern-ledger.html", cluster / "sovereign-news.txt"]
    )
    assert ledger.source.outlet == "The Northern Ledger"
    assert (
        ledger.source.title
        == "Istanbul talks yield a prisoner deal but leave a gulf on peace terms"
    )
    assert wire.source.outlet == "MPA"
    assert wire.text.startswith("Russian and Ukrainian negotiators held a second round")
    assert sns.source.url is not None and sns.source.url.endswith(
        "russia-hands-kiev-peace-memorandum"
    )
    assert "Hannah Keel" not in ledger.text


def test_dev_clusters_present_or_skipped() -> None:
    if not DEV_CLUSTERS:
        pytest.skip(f"no dev clusters under {EVAL / 'dev'}")
    assert len(DEV_CLUSTERS) >= 1


def test_a_placeholder_domain_names_no_outlet(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        "port-herald.txt",
        "The ferry strike ended on Monday after a pay deal was agreed.\n\n"
        "Original url: https://www.example.org/portherald/2025/02/03/ferry-strike\n",
    )
    source = load_article(path).source
    assert source.url == "https://www.example.org/portherald/2025/02/03/ferry-strike"
    assert source.outlet != "example.org"
    assert "port" in source.outlet.lower() and "herald" in source.outlet.lower()


def test_article_inputs_expand_folders_and_leave_out_data_files(tmp_path: Path) -> None:
    from crosscheck.ingest import article_inputs

    story = tmp_path / "story"
    story.mkdir()
    for name in ("b.md", "a.txt", "gold.yaml", ".hidden.txt", "page.HTML"):
        (story / name).write_text("x", encoding="utf-8")
    files, notes = article_inputs([story, tmp_path / "extra.txt", tmp_path / "figures.csv"])
    assert files == [story / "a.txt", story / "b.md", story / "page.HTML", tmp_path / "extra.txt"]
    assert notes == [f"{tmp_path / 'figures.csv'}: left out (a .csv data file, not an article)"]


def test_article_inputs_refuse_a_folder_without_articles(tmp_path: Path) -> None:
    from crosscheck.ingest import article_inputs

    (tmp_path / "gold.yaml").write_text("story: x\n", encoding="utf-8")
    with pytest.raises(IngestError, match="folder holds no article files"):
        article_inputs([tmp_path])


def _hash_like(outlet: str) -> bool:
    from crosscheck.ingest.outlets import _HASH_LIKE

    return bool(_HASH_LIKE.search(outlet.casefold())) and not outlet.startswith("unknown outlet")


def test_no_hash_like_outlet_in_the_seeds_or_dev_clusters() -> None:
    piles = [sorted(SEEDS.glob("*.txt"))]
    piles += [
        sorted(p for p in g.parent.iterdir() if p.suffix in (".txt", ".md", ".html"))
        for g in DEV_CLUSTERS
    ]
    outlets = [a.source.outlet for pile in piles for a in load_articles(pile)]
    assert outlets
    assert not [o for o in outlets if _hash_like(o)], outlets
    assert "unknown outlet (file 000_669a61a3c6b00fe6.txt)" in outlets


def test_a_file_naming_no_outlet_shows_its_file_name(tmp_path: Path) -> None:
    text = "The ferry strike ended on Monday after a pay deal was agreed by both sides.\n"
    hashed = _write(tmp_path, "003_9f8e7d6c5b4a3f2e.txt", text)
    plain = _write(tmp_path, "harbour-post.txt", text)
    first, second = load_articles([hashed, plain])
    assert first.source.outlet == "unknown outlet (file 003_9f8e7d6c5b4a3f2e.txt)"
    # A plain name is shown as the file it is, not passed off as an outlet's name.
    assert second.source.outlet == "harbour-post.txt"
    # A line with the address names the site instead.
    with_url = _write(
        tmp_path, "harbour-post-2.txt", text + "\nOriginal url: https://harbourpost.net/x\n"
    )
    assert load_article(with_url).source.outlet == "harbourpost.net"


def test_outlets_from_hosts_users_extend_them_and_outlet_option_wins(tmp_path: Path) -> None:
    body = "The ferry strike ended on Monday after a pay deal was agreed by both sides.\n\n"
    cnn = _write(tmp_path, "a.txt", body + "Original url: https://edition.cnn.com/2025/02/03/x\n")
    local = _write(tmp_path, "b.txt", body + "Original url: https://www.harbourpost.net/x\n")
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "outlets.yaml").write_text("hosts:\n  harbourpost.net: Harbour Post\n")
    first, second = load_articles([cnn, local], rules_dirs=[rules])
    assert first.source.outlet == "CNN"  # a subdomain takes its parent's name
    assert second.source.outlet == "Harbour Post"
    (named,) = load_articles([local], outlets={str(local): "The Harbour Post"})
    assert named.source.outlet == "The Harbour Post"
    (unmapped,) = load_articles([local])
    assert unmapped.source.outlet == "harbourpost.net"


def test_a_bad_outlets_file_is_one_line(tmp_path: Path) -> None:
    from crosscheck.errors import CrosscheckError

    path = _write(tmp_path, "a.txt", "The ferry strike ended on Monday after a pay deal.\n")
    (tmp_path / "outlets.yaml").write_text("hosts: [a, b]\n")
    with pytest.raises(CrosscheckError, match=r"outlets.yaml: expected 'hosts:'"):
        load_articles([path], rules_dirs=[tmp_path])
