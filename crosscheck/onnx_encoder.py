"""Sentence vectors through ONNX Runtime: no torch, no sentence-transformers at run time.

>>> spec = ModelSpec(max_seq_length=256, pooling="mean", normalize=True, do_lower_case=False)
>>> spec.pooling
'mean'

A sentence-transformers model is exported once (``export_graph``, the only step that
needs torch and transformers; it never imports sentence-transformers), checked against
the model run by PyTorch on ``PROBE_SENTENCES`` and stored in a models folder keyed by
the model's fingerprint. ``OnnxEncoder`` then loads the graph with
``onnxruntime`` and the tokenizer with ``tokenizers``, and pools and normalises as the
model's own module configs say (``modules.json``, ``1_Pooling/config.json``,
``sentence_bert_config.json``), so both paths give the same vectors (within
``EXPORT_TOLERANCE``) and the vector cache serves both.
"""

from __future__ import annotations

import json
import os
import shutil
import warnings
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from crosscheck.errors import ModelError

GRAPH_FILE = "model.onnx"
TOKENIZER_FILE = "tokenizer.json"
SPEC_FILE = "spec.json"
# A model whose export was refused: the reason, so later runs fall back without retrying.
REFUSED_FILE = "refused.txt"

# Largest absolute difference allowed between an exported graph's vector and the PyTorch
# encoder's, per component: the bar. all-MiniLM-L6-v2 differs by about 2e-7.
EXPORT_TOLERANCE = 1e-5
# ONNX opset of the export: 17 has LayerNormalization as one op; onnxruntime 1.17+ runs it.
EXPORT_OPSET = 17

# Sentences per ONNX Runtime call, after sorting by token count (so a batch pads little).
# Measured by `bench/bench.py --tune --runs 3` (2026-12-01, this 2-core VM, shared with
# six other jobs, so +-20%) on the 547 sentences and clauses of the 7 dev clusters: with
# 2 threads, batch 32 took 2.38 s, 64 2.95 s, 16 3.43 s, 8 4.19 s, 128 4.65 s; the same
# texts unsorted in batches of 32 took 3.38 s (sorting saves about 30%).
ONNX_BATCH_SIZE = 32
# Intra-op threads: both cores. Same measurement: 2 threads with batch 32 (2.38 s) beat
# the best 1-thread setting (batch 8, 3.12 s). Inter-op parallelism is off (one graph).
ONNX_THREADS = 2

# After the last batch of an encode call ONNX Runtime returns its arena (the activations
# of the largest batch, about 40 MB for all-MiniLM-L6-v2 on the seeds) to the system
# instead of holding it for a next call that may never come: the checks that run after
# encoding then fit in less memory. Vectors are unchanged (the same kernels run).
SHRINK_ARENA = "memory.enable_memory_arena_shrinkage"

# Pooling config flag -> our name; a model must set exactly one.
POOLING_MODES = {
    "pooling_mode_mean_tokens": "mean",
    "pooling_mode_cls_token": "cls",
    "pooling_mode_max_tokens": "max",
    "pooling_mode_mean_sqrt_len_tokens": "mean_sqrt_len",
}

# The probe set an export must reproduce: short and long, numbers, quotes, accents and a
# text longer than any model's window (truncation). The sentences within the window are
# encoded as one padded batch (padding and masks), the longest text alone: in the same
# batch it padded all seven rows to the window, and the probe took 3.3-4.0 s of ONNX
# Runtime and 4.3-5.0 s of PyTorch instead of 0.8 s and 2.8-5 s (2 rounds each, this
# shared 2-core machine; the export's largest difference stayed 2.2e-7).
PROBE_SENTENCES = (
    "Officials met on Tuesday.",
    "Yes.",
    "The ministry said 1,200 people had been moved to shelters by 6 p.m. local time.",
    "\u201cWe will not sign,\u201d the spokeswoman told reporters, adding that talks would go on.",
    "Café owners in the old town reopened after the flood; prices rose 3.5% in May.",
    "Shares fell 12% — their worst day since 2020 — after the company cut its forecast.",
    " ".join(["The committee heard evidence from witnesses over several long days."] * 40),
)


class ExportRefused(ModelError):
    """The model cannot be run through ONNX Runtime here; the torch path serves it."""


@dataclass(frozen=True, slots=True)
class ModelSpec:
    """How a model turns token vectors into one sentence vector, as its configs say."""

    max_seq_length: int
    pooling: str
    normalize: bool
    do_lower_case: bool


def read_spec(folder: Path) -> ModelSpec:
    """The pooling, normalisation and window of a sentence-transformers model folder.

    Refuses (``ExportRefused``) a model with modules this path does not reproduce
    (a Dense layer, say): such a model keeps the PyTorch path.
    """
    modules_file = folder / "modules.json"
    if not modules_file.is_file():
        raise ExportRefused(f"{folder}: no modules.json to read pooling from")
    try:
        modules = json.loads(modules_file.read_text(encoding="utf-8"))
        kinds = [str(m["type"]) for m in modules]
        paths = {str(m["type"]): str(m.get("path", "")) for m in modules}
    except (ValueError, KeyError, TypeError) as exc:
        raise ExportRefused(f"{modules_file}: cannot read the module list ({exc})") from None
    # Newer sentence-transformers versions write the same classes under other module
    # paths (sentence_transformers.base.modules...): the class name is what counts.
    short = [kind.rsplit(".", 1)[-1] for kind in kinds]
    if short[:2] != ["Transformer", "Pooling"] or set(short[2:]) - {"Normalize"}:
        raise ExportRefused(
            f"{modules_file}: modules {short} (ONNX path needs Transformer, "
            "Pooling and optionally Normalize)"
        )
    pooling_dir = folder / next(p for k, p in paths.items() if k.endswith("Pooling"))
    try:
        pooling = json.loads((pooling_dir / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ExportRefused(f"{pooling_dir}/config.json: cannot read pooling ({exc})") from None
    modes = [name for flag, name in POOLING_MODES.items() if pooling.get(flag)]
    others = [k for k, v in pooling.items() if k.startswith("pooling_mode") and v]
    if len(modes) != 1 or len(others) != 1:
        raise ExportRefused(
            f"{pooling_dir}/config.json: pooling {others} is not one of {', '.join(POOLING_MODES)}"
        )
    config_file = folder / "sentence_bert_config.json"
    try:
        config = json.loads(config_file.read_text(encoding="utf-8"))
        max_seq_length = int(config["max_seq_length"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ExportRefused(f"{config_file}: cannot read max_seq_length ({exc})") from None
    return ModelSpec(
        max_seq_length=max_seq_length,
        pooling=modes[0],
        normalize="Normalize" in short,
        do_lower_case=bool(config.get("do_lower_case", False)),
    )


def pool(tokens: np.ndarray, mask: np.ndarray, mode: str) -> np.ndarray:
    """One vector per row of ``tokens`` (batch, length, dim), pads (mask 0) left out.

    >>> t = np.array([[[1.0, 2.0], [3.0, 4.0], [9.0, 9.0]]], dtype=np.float32)
    >>> pool(t, np.array([[1, 1, 0]]), "mean").tolist()
    [[2.0, 3.0]]
    """
    weights = mask.astype(tokens.dtype)[:, :, None]
    if mode == "cls":
        return tokens[:, 0]
    if mode == "max":
        return np.where(weights > 0, tokens, np.finfo(tokens.dtype).min).max(axis=1)
    total = (tokens * weights).sum(axis=1)
    count = np.maximum(weights.sum(axis=1), 1e-9)  # as sentence-transformers clamps it
    return total / (np.sqrt(count) if mode == "mean_sqrt_len" else count)


def normalised(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (a zero row stays zero)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return (vectors / np.maximum(norms, 1e-12)).astype(np.float32)


class OnnxEncoder:
    """An exported graph run by ONNX Runtime, with its tokenizer; never imports torch."""

    def __init__(
        self,
        folder: Path,
        *,
        threads: int = ONNX_THREADS,
        batch_size: int = ONNX_BATCH_SIZE,
        sort_by_length: bool = True,
    ) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.folder = folder
        meta = json.loads((folder / SPEC_FILE).read_text(encoding="utf-8"))
        self.spec = ModelSpec(**meta["spec"])
        self.inputs: list[str] = meta["inputs"]
        self.pad_id = int(meta["pad_id"])
        self.batch_size = batch_size
        self.sort_by_length = sort_by_length  # False only to measure what sorting saves
        self.tokenizer = Tokenizer.from_file(str(folder / TOKENIZER_FILE))
        self.tokenizer.no_padding()  # each batch is padded here, to its own longest row
        self.tokenizer.enable_truncation(max_length=self.spec.max_seq_length)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3  # warnings about unused initialisers are noise here
        self.session = onnxruntime.InferenceSession(
            str(folder / GRAPH_FILE), options, providers=["CPUExecutionProvider"]
        )
        self._last_run = onnxruntime.RunOptions()
        self._last_run.add_run_config_entry(SHRINK_ARENA, "cpu:0")

    def encode(self, texts: Sequence[str], normalize: bool = True) -> np.ndarray:
        """One float32 row per text, in order; batches are made of similar lengths."""
        # sentence-transformers strips each text before tokenising it.
        prepared = [t.strip().lower() if self.spec.do_lower_case else t.strip() for t in texts]
        encodings = self.tokenizer.encode_batch(prepared, add_special_tokens=True)
        order = list(range(len(texts)))
        if self.sort_by_length:
            order.sort(key=lambda i: -len(encodings[i].ids))
        rows: list[np.ndarray] = [np.empty(0, dtype=np.float32)] * len(texts)
        for start in range(0, len(order), self.batch_size):
            batch = order[start : start + self.batch_size]
            width = max(len(encodings[i].ids) for i in batch)
            ids = np.full((len(batch), width), self.pad_id, dtype=np.int64)
            mask = np.zeros((len(batch), width), dtype=np.int64)
            types = np.zeros((len(batch), width), dtype=np.int64)
            for row, index in enumerate(batch):
                encoding = encodings[index]
                ids[row, : len(encoding.ids)] = encoding.ids
                mask[row, : len(encoding.ids)] = 1
                types[row, : len(encoding.ids)] = encoding.type_ids
            feed = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
            last = start + self.batch_size >= len(order)
            (tokens,) = self.session.run(
                None,
                {name: feed[name] for name in self.inputs},
                self._last_run if last else None,
            )
            vectors = pool(tokens, mask, self.spec.pooling)
            if normalize or self.spec.normalize:
                vectors = normalised(vectors)
            for row, index in enumerate(batch):
                rows[index] = vectors[row]
        return np.stack(rows).astype(np.float32)


def graph_folder(models_dir: Path, fingerprint: str) -> Path:
    """Where a model's exported graph lives: one folder per fingerprint.

    >>> graph_folder(Path("/c/models"), "my-model:0123abcd").name
    'my-model-0123abcd'
    """
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in fingerprint)
    return models_dir / safe


@dataclass(frozen=True, slots=True)
class Exported:
    """An export that passed its probe: the largest difference from PyTorch's vectors
    and the encoder that ran the probe (ready to use)."""

    difference: float
    encoder: OnnxEncoder


def probe_batches(tokenizer: Any, texts: Sequence[str], window: int) -> list[list[str]]:
    """``texts`` as the probe encodes them: those within the model's window as one
    padded batch, each longer one alone (it would pad every row to the window).

    >>> class Words:
    ...     def encode(self, text):
    ...         return type("E", (), {"ids": text.split()})()
    >>> probe_batches(Words(), ["a b", "a b c d e", "c"], window=3)
    [['a b', 'c'], ['a b c d e']]
    """
    fits = [t for t in texts if len(tokenizer.encode(t).ids) <= window]
    return [b for b in (fits, *([t] for t in texts if t not in fits)) if b]


def transformer_folder(folder: Path) -> Path:
    """The folder of a sentence-transformers model's Transformer module (its weights,
    config.json and tokenizer), as modules.json names it; usually the model folder."""
    modules = json.loads((folder / "modules.json").read_text(encoding="utf-8"))
    path = next(str(m.get("path", "")) for m in modules if str(m["type"]).endswith("Transformer"))
    return folder / path


def reference_vectors(
    tokenizer: Any, auto: Any, inputs: Sequence[str], spec: ModelSpec, texts: Sequence[str]
) -> np.ndarray:
    """What sentence-transformers' Transformer, Pooling and Normalize modules compute for
    one padded batch of ``texts``, in PyTorch: each text stripped (and lower-cased when
    the config says so), tokenised with truncation at the window, run through the model,
    pooled over its real tokens."""
    import torch

    prepared = [t.strip().lower() if spec.do_lower_case else t.strip() for t in texts]
    batch = tokenizer(
        prepared,
        padding=True,
        truncation="longest_first",
        max_length=spec.max_seq_length,
        return_tensors="pt",
    )
    # Evaluation mode (dropout off) stated here: the ONNX exporter puts a module back in
    # the mode it found it in, and a wrapper made in training mode takes its inner model
    # along (the probe then differed by 0.1-0.17 from run to run).
    auto.eval()
    with torch.no_grad():
        tokens = auto(**{name: batch[name] for name in inputs}).last_hidden_state
    return normalised(pool(tokens.numpy(), batch["attention_mask"].numpy(), spec.pooling))


def export_graph(folder: Path, target: Path) -> Exported:
    """Export the transformer of the sentence-transformers model in ``folder`` to
    ``target``; returns the largest difference from the PyTorch vectors on the probe
    set, with the encoder.

    The model is loaded with ``transformers`` alone: importing sentence-transformers
    pulled in scikit-learn and SciPy's statistics (about 2.2 s of CPU of a first run's
    10 s on this 2-core machine) for nothing the export uses. The PyTorch side of the
    probe computes what sentence-transformers' modules do (``reference_vectors``);
    tests/test_onnx.py checks the exported path against sentence-transformers itself.

    Raises ``ExportRefused`` (and writes nothing but ``refused.txt``) when the model's
    configs cannot be reproduced or any probe vector differs by more than
    ``EXPORT_TOLERANCE``. The graph is written to a temporary folder and renamed, so a
    concurrent run never loads half a file.
    """
    spec = read_spec(folder)  # a model this path cannot reproduce never imports torch here
    import torch
    import transformers
    from transformers import AutoModel, AutoTokenizer

    # A first run prints one line on standard error at most, not a weight-loading bar.
    transformers.utils.logging.disable_progress_bar()  # type: ignore[no-untyped-call]
    transformers.utils.logging.set_verbosity_error()  # type: ignore[no-untyped-call]
    weights = transformer_folder(folder)
    tokenizer = AutoTokenizer.from_pretrained(str(weights))
    if not getattr(tokenizer, "is_fast", False):
        raise ExportRefused(f"{folder}: the tokenizer has no tokenizer.json (fast) form")
    inputs = [
        name
        for name in tokenizer.model_input_names
        if name in ("input_ids", "attention_mask", "token_type_ids")
    ]
    auto = AutoModel.from_pretrained(str(weights)).eval()

    class TokenVectors(torch.nn.Module):
        """The transformer with named inputs in a fixed order and one output."""

        def __init__(self) -> None:
            super().__init__()
            self.inner = auto

        def forward(self, *args: Any) -> Any:
            return self.inner(**dict(zip(inputs, args, strict=True))).last_hidden_state

    # A padded batch, so the traced graph keeps the attention mask (an all-ones mask
    # may be dropped by the tracer as a constant).
    dummy = tokenizer(
        ["a padded probe of several words", "short"], padding=True, return_tensors="pt"
    )
    axes = {name: {0: "batch", 1: "tokens"} for name in [*inputs, "token_vectors"]}
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = target.with_name(f"{target.name}.tmp{os.getpid()}")
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    try:
        # The tracer warns about Python branches it freezes; the probe check below is
        # what decides whether the graph is right, so its warnings are noise to a user.
        with torch.no_grad(), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                TokenVectors().eval(),
                tuple(dummy[name] for name in inputs),
                str(scratch / GRAPH_FILE),
                input_names=inputs,
                output_names=["token_vectors"],
                dynamic_axes=axes,
                opset_version=EXPORT_OPSET,
                dynamo=False,
            )
        tokenizer.backend_tokenizer.save(str(scratch / TOKENIZER_FILE))
        meta = {"spec": asdict(spec), "inputs": inputs, "pad_id": tokenizer.pad_token_id or 0}
        (scratch / SPEC_FILE).write_text(json.dumps(meta, indent=2), encoding="utf-8")
        encoder = OnnxEncoder(scratch)
        from tokenizers import Tokenizer

        counter = Tokenizer.from_file(str(scratch / TOKENIZER_FILE))
        counter.no_truncation()  # the encoder's tokenizer cuts at the window: count all
        difference = 0.0
        for batch in probe_batches(counter, PROBE_SENTENCES, spec.max_seq_length):
            got = encoder.encode(batch)
            want = reference_vectors(tokenizer, auto, inputs, spec, batch)
            difference = max(difference, float(np.abs(got - want).max()))
        if difference > EXPORT_TOLERANCE:
            raise ExportRefused(
                f"{folder}: the exported graph differs from PyTorch by {difference:.1e} "
                f"(> {EXPORT_TOLERANCE:.0e})"
            )
    except ExportRefused as refused:
        shutil.rmtree(scratch, ignore_errors=True)
        target.mkdir(parents=True, exist_ok=True)
        (target / REFUSED_FILE).write_text(str(refused) + "\n", encoding="utf-8")
        raise
    except Exception:
        shutil.rmtree(scratch, ignore_errors=True)
        raise
    shutil.rmtree(target, ignore_errors=True)  # a stale refusal or a half-written folder
    try:
        os.replace(scratch, target)
    except OSError:  # another process renamed its export first: theirs serves as well
        shutil.rmtree(scratch, ignore_errors=True)
    # The probe's session holds the graph in memory: the caller encodes with it instead
    # of loading the same file again (about 0.2-0.8 s of a first run).
    encoder.folder = target
    return Exported(difference, encoder)
