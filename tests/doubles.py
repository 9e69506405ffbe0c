"""Test doubles shared by several test modules (no model needed)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np


class BagOfWords:
    """A deterministic stand-in for the model: hashed word counts, normalised.

    Has what compare and audit read of an embedder: a name, a fingerprint, the seconds
    spent loading (none) and how many texts it encoded.
    """

    name = "bag-of-words"
    fingerprint = "bag-of-words:1"
    load_seconds = 0.0

    def __init__(self) -> None:
        self.encoded = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        vectors = np.zeros((len(texts), 256), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in text.lower().split():
                digest = hashlib.md5(word.strip(".,\"'").encode()).digest()
                vectors[row, digest[0]] += 1
        self.encoded += len(texts)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)
