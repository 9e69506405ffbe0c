from __future__ import annotations

import subprocess
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


@pytest.mark.slow
def test_spacy_is_imported_without_its_command_line() -> None:
    # A fresh interpreter: this test session may have imported spaCy already.
    code = (
        "import sys\n"
        "from crosscheck.nlp import Parser\n"
        "doc = Parser().parse(['Prices did not rise in Paris.'])[0]\n"
        "assert [t.dep_ for t in doc][:3] == ['nsubj', 'aux', 'neg'], doc\n"
        "assert 'spacy.cli' not in sys.modules and 'weasel' not in sys.modules\n"
        "assert sys.modules.get('torch', 'absent') == 'absent'\n"
        "import spacy\n"
        "assert spacy.info()['spacy_version'].startswith('3.8')\n"
        "import spacy.cli\n"
        "assert callable(spacy.cli.info)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
