from __future__ import annotations

import sys

import pytest

from crosscheck.nlp import Parser, ParserError, verify_meta


def test_verify_meta_refuses_another_model() -> None:
    with pytest.raises(ParserError, match=r"version '3\.7\.1'"):
        verify_meta({"lang": "en", "version": "3.7.1", "license": "MIT"}, "folder")
    verify_meta({"lang": "en", "version": "3.8.0", "license": "MIT"}, "folder")


@pytest.mark.slow
def test_packaged_parser_parses_once_per_text() -> None:
    parser = Parser()
    first, again = parser.parse(["Prices did not rise.", "Prices did not rise."])
    assert first is again
    assert [t.dep_ for t in first if t.dep_ == "neg"] == ["neg"]
    assert parser.nlp.meta["version"] == "3.8.0"


def test_missing_model_folder_is_one_error(tmp_path) -> None:
    with pytest.raises(ParserError, match="cannot load the parser model"):
        Parser(tmp_path / "nowhere").parse(["A sentence."])
    assert sys.modules.get("torch", "absent") is not None
