r"""Bytes on disk -> text: size limit, encoding, normalised spaces, HTML or not.

>>> _normalise("a\u00a0b\r\nc")
'a b\nc'
"""

from __future__ import annotations

import errno
import os
import re
import unicodedata
from pathlib import Path

from crosscheck.errors import IngestError
from crosscheck.settings import max_article_bytes

# How much of a file is sniffed for HTML markers.
HTML_SNIFF_CHARS = 2048


def _as_path(value: str | Path) -> Path:
    # Checked on the string: Path() would fold "https://" into "https:/".
    if isinstance(value, str) and re.match(r"^[a-z][a-z0-9+.-]*://", value, re.I):
        raise IngestError(value, "only http:// and https:// URLs can be read")
    return Path(value)


def real_path(path: str | Path) -> Path:
    """``path`` with every symbolic link resolved; a link loop is an ``IngestError``.

    Compare and the audit's folder scan both call it, so a loop among the inputs is one
    line of error, not a traceback.

    >>> real_path("seeds") == Path("seeds").resolve()
    True
    """
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise IngestError(path, "symbolic link loop (the link leads back to itself)") from None
    try:
        return Path(path).resolve()
    except (RuntimeError, OSError):
        raise IngestError(path, "symbolic link loop (the link leads back to itself)") from None


def _read_text(path: Path) -> str:
    real_path(path)
    if not path.exists():
        raise IngestError(path, "no such file")
    if path.is_dir():
        raise IngestError(path, "is a directory, not an article file")
    limit = max_article_bytes()
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise IngestError(path, f"cannot be read ({error.strerror or error})") from None
    if len(data) > limit:
        raise IngestError(
            path,
            f"larger than the {_megabytes(limit)} limit for one article; raise it with "
            "--max-article-mb or $CROSSCHECK_MAX_ARTICLE_MB if this is really one article",
        )
    if not data.strip():
        raise IngestError(path, "file is empty")
    text = _decode(path, data)
    if not text.strip():
        raise IngestError(path, "file is empty")
    # As decoded, not yet normalised: file offsets (crosscheck.origin) point into this.
    return text


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.3g} MB"


def _decode(path: Path, data: bytes) -> str:
    # A UTF-16 byte-order mark is an explicit declaration, so honour it before the NUL
    # check (UTF-16 text is full of NUL bytes).
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise IngestError(path, "not valid UTF-16 text despite its byte-order mark") from None
    if b"\x00" in data:
        raise IngestError(path, "binary file (contains NUL bytes), not an article")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # No guessing (cp1252 "works" on any byte string and turns mis-encoded text into
        # silent garbage), except where the file itself names its encoding: an HTML page
        # with <meta charset="...">.
        declared = _declared_html_charset(data)
        if declared:
            try:
                return data.decode(declared)
            except (LookupError, UnicodeDecodeError):
                pass
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start]
        raise IngestError(
            path, f"not UTF-8 text (byte 0x{byte:02x} on line {line}); save it as UTF-8"
        ) from None


def _declared_html_charset(data: bytes) -> str | None:
    head = data[:HTML_SNIFF_CHARS].decode("ascii", errors="replace")
    if not re.search(r"<(?:!doctype\s+html|html|head|meta)\b", head, re.I):
        return None
    match = re.search(r"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", head, re.I)
    if not match or match.group(1).lower().replace("_", "-") in ("utf-8", "utf8"):
        return None
    return match.group(1)


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n")
    # Non-breaking and odd-width spaces become spaces; zero-width marks are dropped so
    # that the same words match across outlets.
    text = re.sub(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]", " ", text)
    text = re.sub(r"[\u200b-\u200d\u2060\ufeff]", "", text)
    return unicodedata.normalize("NFC", text)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:HTML_SNIFF_CHARS]
    if re.search(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", head, re.I):
        return True
    # A fragment saved without <html>: starts with a tag and has paragraph markup.
    return head.startswith("<") and bool(re.search(r"<(?:p|article|div)[\s>]", head, re.I))
