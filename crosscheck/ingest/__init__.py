"""File -> Article: read plain text, Markdown (with or without YAML front matter) and HTML.

The format is told by content, never by extension: a ``.txt`` that opens with ``---``
has front matter, and a saved page is HTML whatever it is called. The body is cleaned
of what is not a claim made by the article (headline, byline, date line, photo
captions, "Related article" links, agency credits, "Original url" trailers, Markdown
markup) so that every sentence left in ``Article.text`` is the outlet's own prose.

The shape of ``Article.text``, which crosscheck.segment relies on: paragraphs are
separated by one blank line; soft-wrapped lines are joined; any line break left is a
deliberate one (a section heading, a list item). The headline goes to ``Source.title``
only, since it is the desk's summary and not a claim the body makes; section headings
stay in the body, each on its own line, and become sentences of their own. A wire
dateline ("PORTVILLE, June 2 (Wire) - ") is cut from the first sentence: its date is
metadata, and a year it lacks is taken from the file, else from the other articles of
the same story (``resolve_dateline_years``, which compare runs per story).

One concern a module; this file is the public face (import from ``crosscheck.ingest``):

- ``load``: paths, URLs and feed entries -> Articles (ids, outlets);
- ``discover``: which files arguments and folder scans take as articles;
- ``files``: bytes -> text (size limit, encoding, normalising, HTML or not);
- ``frontmatter``: YAML front matter; ``text``: a text or Markdown file;
  ``html``: a saved web page;
- ``clean``: a body's lines -> its prose; ``markdown``: inline markup -> text;
- ``dates``: dates a page states about itself; ``metadata``: addresses, ids, text
  values; ``outlets``: outlet names (``outlets.yaml``); ``parsed``: the records
  handed between them.

Names with a leading underscore are private to the package.

>>> article = load_article("tests/data/ingest/plain.txt")
>>> article.source.title, article.source.published
('Harbour Council Approves Flood Wall After Two-Year Delay', datetime.date(2025, 4, 14))
"""

from __future__ import annotations

from crosscheck.ingest.clean import RUN_ON_MAX_CHARS
from crosscheck.ingest.dates import resolve_dateline_years
from crosscheck.ingest.discover import (
    ARTICLE_SUFFIXES,
    DATA_SUFFIXES,
    article_inputs,
    is_article_file,
)
from crosscheck.ingest.files import real_path
from crosscheck.ingest.load import load_article, load_articles
from crosscheck.ingest.metadata import source_ids
from crosscheck.ingest.outlets import OUTLETS_FILE, outlet_names

__all__ = [
    "ARTICLE_SUFFIXES",
    "DATA_SUFFIXES",
    "OUTLETS_FILE",
    "RUN_ON_MAX_CHARS",
    "article_inputs",
    "is_article_file",
    "load_article",
    "load_articles",
    "outlet_names",
    "real_path",
    "resolve_dateline_years",
    "source_ids",
]
