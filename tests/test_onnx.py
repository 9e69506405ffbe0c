"""The ONNX Runtime encoder: configs read, pooling, batching (fast, hand-made graph) and
agreement with the PyTorch encoder on the real model (slow)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from crosscheck.embed import Backend, Embedder, resolve_model
from crosscheck.errors import CrosscheckError
from crosscheck.onnx_encoder import (
    GRAPH_FILE,
    REFUSED_FILE,
    SPEC_FILE,
    TOKENIZER_FILE,
    ExportRefused,
    ModelSpec,
    OnnxEncoder,
    pool,
    read_spec,
)

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "eval" / "dev"


def model_copy(tmp_path: Path) -> Path:
    """The packaged model's configs (not its weights) in a folder a test may edit."""
    folder = tmp_path / "model"
    source = resolve_model(None)
    folder.mkdir()
    for name in ("modules.json", "sentence_bert_config.json", "config.json"):
        shutil.copy(source / name, folder / name)
    shutil.copytree(source / "1_Pooling", folder / "1_Pooling")
    return folder


def test_spec_is_read_from_the_packaged_models_configs() -> None:
    spec = read_spec(resolve_model(None))
    assert spec == ModelSpec(
        max_seq_length=256, pooling="mean", normalize=True, do_lower_case=False
    )


def test_spec_follows_the_config_not_a_default(tmp_path: Path) -> None:
    folder = model_copy(tmp_path)
    pooling = json.loads((folder / "1_Pooling" / "config.json").read_text())
    pooling.update(pooling_mode_mean_tokens=False, pooling_mode_cls_token=True)
    (folder / "1_Pooling" / "config.json").write_text(json.dumps(pooling))
    (folder / "sentence_bert_config.json").write_text('{"max_seq_length": 128}')
    modules = json.loads((folder / "modules.json").read_text())
    (folder / "modules.json").write_text(json.dumps(modules[:2]))  # no Normalize module
    assert read_spec(folder) == ModelSpec(128, "cls", False, False)


def test_a_model_with_a_dense_layer_is_refused(tmp_path: Path) -> None:
    folder = model_copy(tmp_path)
    modules = json.loads((folder / "modules.json").read_text())
    modules.insert(
        2, {"idx": 2, "name": "2", "path": "2_Dense", "type": "sentence_transformers.models.Dense"}
    )
    (folder / "modules.json").write_text(json.dumps(modules))
    with pytest.raises(ExportRefused, match="Dense"):
        read_spec(folder)


def test_two_pooling_modes_at_once_are_refused(tmp_path: Path) -> None:
    folder = model_copy(tmp_path)
    pooling = json.loads((folder / "1_Pooling" / "config.json").read_text())
    pooling["pooling_mode_max_tokens"] = True
    (folder / "1_Pooling" / "config.json").write_text(json.dumps(pooling))
    with pytest.raises(ExportRefused, match="pooling"):
        read_spec(folder)


def test_pooling_leaves_pads_out() -> None:
    tokens = np.array([[[1.0, 0.0], [3.0, 4.0], [100.0, 100.0]]], dtype=np.float32)
    mask = np.array([[1, 1, 0]])
    assert pool(tokens, mask, "mean").tolist() == [[2.0, 2.0]]
    assert pool(tokens, mask, "max").tolist() == [[3.0, 4.0]]
    assert pool(tokens, mask, "cls").tolist() == [[1.0, 0.0]]
    assert np.allclose(pool(tokens, mask, "mean_sqrt_len"), [[4 / np.sqrt(2), 4 / np.sqrt(2)]])


def tiny_graph(folder: Path, vocab: list[str], table: np.ndarray) -> None:
    """A graph whose token vectors are rows of ``table`` (a lookup), a word-level
    tokenizer over ``vocab``, and the spec file: an encoder without a real model."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    from tokenizers import Tokenizer, models, pre_tokenizers

    folder.mkdir(parents=True)
    graph = helper.make_graph(
        [helper.make_node("Gather", ["table", "input_ids"], ["token_vectors"])],
        "lookup",
        [
            helper.make_tensor_value_info("input_ids", TensorProto.INT64, ["b", "t"]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, ["b", "t"]),
        ],
        [helper.make_tensor_value_info("token_vectors", TensorProto.FLOAT, ["b", "t", 3])],
        [numpy_helper.from_array(table, "table")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.save(model, str(folder / GRAPH_FILE))
    tokenizer = Tokenizer(models.WordLevel({w: i for i, w in enumerate(vocab)}, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer.save(str(folder / TOKENIZER_FILE))
    spec = {"max_seq_length": 4, "pooling": "mean", "normalize": False, "do_lower_case": True}
    meta = {"spec": spec, "inputs": ["input_ids", "attention_mask"], "pad_id": 0}
    (folder / SPEC_FILE).write_text(json.dumps(meta))


def test_batches_sorted_by_length_give_each_text_its_own_vector(tmp_path: Path) -> None:
    vocab = ["[PAD]", "[UNK]", "red", "green", "blue"]
    table = np.array([[9, 9, 9], [0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 0]], dtype=np.float32)
    tiny_graph(tmp_path / "g", vocab, table)
    texts = ["  Red green ", "blue", "red red red green blue", "green"]
    one_by_one = OnnxEncoder(tmp_path / "g", batch_size=1).encode(texts, normalize=False)
    batched = OnnxEncoder(tmp_path / "g", batch_size=3).encode(texts, normalize=False)
    assert np.array_equal(one_by_one, batched)  # padding never leaks into a vector
    # "Red" is lower-cased (the spec says so); the long text is cut at 4 tokens.
    assert np.allclose(batched[0], [0.5, 0.5, 0.0])
    assert np.allclose(batched[1], [0.0, 0.0, 0.0])
    assert np.allclose(batched[2], [0.75, 0.25, 0.0])
    assert np.allclose(batched[3], [0.0, 1.0, 0.0])
    unit = OnnxEncoder(tmp_path / "g").encode(texts[:1])
    assert np.allclose(np.linalg.norm(unit, axis=1), 1.0)


def test_unknown_encoder_is_refused_in_one_line() -> None:
    with pytest.raises(CrosscheckError, match="--encoder must be one of onnx, torch, not 'tf'"):
        Backend.parse("tf")
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "crosscheck",
            "compare",
            "--encoder",
            "tf",
            *(str(p) for p in sorted((ROOT / "seeds").glob("*.txt"))),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert out.returncode == 3
    assert out.stderr.strip().splitlines() == [
        "Error: --encoder must be one of onnx, torch, not 'tf'"
    ]


def test_a_refused_export_falls_back_in_one_line_without_retrying(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    embedder = Embedder(models_dir=tmp_path)
    folder = embedder.graph_folder()
    folder.mkdir(parents=True)
    (folder / REFUSED_FILE).write_text("model: the exported graph differs by 3e-4\n")
    assert embedder._load_onnx() is None  # the torch path takes over
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == [
        "crosscheck: model: the exported graph differs by 3e-4; using the PyTorch encoder"
    ]


def test_graph_folder_is_keyed_by_fingerprint_and_apart_from_vectors(tmp_path: Path) -> None:
    embedder = Embedder(cache_dir=tmp_path / "vectors", models_dir=tmp_path / "models")
    assert embedder.graph_folder().parent == tmp_path / "models"
    assert embedder.fingerprint.split(":")[1] in embedder.graph_folder().name


# --- the real model (slow) -------------------------------------------------------------


def dev_sentences() -> list[str]:
    from crosscheck.ingest import load_articles
    from crosscheck.segment import split_clauses, split_sentences

    paths = [p for c in sorted(DEV.iterdir()) for p in sorted(c.iterdir()) if p.name != "gold.yaml"]
    sentences = [s for a in load_articles(paths) for s in split_sentences(a)]
    return [s.text for s in sentences] + [c.text for s in sentences for c in split_clauses(s)]


@pytest.mark.slow
@pytest.mark.skipif(not DEV.is_dir(), reason=f"{DEV} not found (../shared absent)")
def test_onnx_and_torch_give_the_same_vectors_on_every_dev_sentence(tmp_path: Path) -> None:
    texts = dev_sentences()
    assert len(texts) > 500
    onnx_path = Embedder(encoder="onnx")
    torch_path = Embedder(encoder="torch")
    got, want = onnx_path.encode(texts), torch_path.encode(texts)
    assert onnx_path.backend is Backend.ONNX and torch_path.backend is Backend.TORCH
    assert float(np.abs(got - want).max()) <= 1e-5


@pytest.mark.slow
def test_a_compare_on_the_onnx_path_never_imports_torch(tmp_path: Path) -> None:
    Embedder(encoder="onnx").load()  # the graph exists before the run (exported once)
    code = (
        "import sys\n"
        f"sys.argv = ['crosscheck', 'compare', {str(ROOT / 'seeds')!r}, '--no-cache', "
        f"'-o', {str(tmp_path / 'r.md')!r}, '--quiet']\n"
        "from crosscheck.cli import main\n"
        "try:\n    main()\nexcept SystemExit as stop:\n    assert stop.code in (0, None)\n"
        "print(sorted(m for m in ('torch', 'sentence_transformers', 'transformers') "
        "if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "r.md").read_text().startswith("#")


@pytest.mark.slow
def test_a_local_model_folder_is_exported_and_agrees_with_torch(tmp_path: Path) -> None:
    folder = tmp_path / "my-model"
    shutil.copytree(resolve_model(None), folder)
    texts = ["A local model folder works offline.", "Shares fell 12% on Monday."]
    fresh = Embedder(str(folder), models_dir=tmp_path / "models")
    got = fresh.encode(texts)
    assert fresh.exported and fresh.backend is Backend.ONNX
    assert (fresh.graph_folder() / GRAPH_FILE).is_file()
    # The session that ran the export's probe is the one used, named by the stored folder.
    assert fresh.load().folder == fresh.graph_folder()
    assert not list((tmp_path / "models").glob("*.tmp*"))
    want = Embedder(str(folder), encoder="torch").encode(texts)
    assert float(np.abs(got - want).max()) <= 1e-5
    again = Embedder(str(folder), models_dir=tmp_path / "models")
    again.encode(texts[:1])
    assert not again.exported  # the second use loads the stored graph


@pytest.mark.slow
def test_a_first_export_imports_neither_sentence_transformers_nor_scikit_learn(
    tmp_path: Path,
) -> None:
    # What a first-ever run pays beyond the export itself: transformers' model class is
    # enough (sentence-transformers' import pulled in scikit-learn and SciPy's stats).
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from crosscheck.embed import Embedder\n"
        f"e = Embedder(models_dir=Path({str(tmp_path)!r}))\n"
        "e.encode(['Officials met on Tuesday.'])\n"
        "print(e.exported, e.backend, sorted(m for m in ('sentence_transformers', 'sklearn') "
        "if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "True onnx []"


def test_a_one_shot_embedder_frees_its_model_after_encoding(tmp_path: Path) -> None:
    vocab = ["[PAD]", "[UNK]", "red", "green", "blue"]
    table = np.array([[9, 9, 9], [0, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 0]], dtype=np.float32)
    one_shot = Embedder(models_dir=tmp_path, release_after_encode=True)
    tiny_graph(one_shot.graph_folder(), vocab, table)
    kept = Embedder(models_dir=tmp_path)
    first = one_shot.encode(["red green", "blue"])
    assert one_shot._model is None  # freed: the checks after it never share its memory
    assert np.array_equal(one_shot.encode(["red green", "blue"]), first)  # loaded again
    assert np.array_equal(kept.encode(["red green", "blue"]), first)
    assert isinstance(kept._model, OnnxEncoder)  # an audit's embedder keeps its model
