"""The NLI scorers (:mod:`contradict.backends.nli`): :class:`OnnxScorer` (onnxruntime on an exported model),
:class:`CrossEncoderScorer` (sentence-transformers) and :class:`CascadeScorer` (a fast model in front of a strong
one). Columns are in ``LABELS`` order, each model's own order mapped onto it (:func:`label_order`); inputs are
sorted by length, padded per batch, and returned in input order."""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from contradict.backends import int8
from contradict.backends.models import offline_default
from contradict.errors import ContradictError
from contradict.types import LABELS

log = logging.getLogger(__name__)


class Scorer(Protocol):
    name: str

    def score(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray: ...


def label_order(id2label: dict) -> list[int]:
    """Column index in the model's output for each of LABELS."""
    names = {int(k): str(v).lower() for k, v in id2label.items()}
    cols = []
    for lab in LABELS:
        hit = [i for i, n in names.items() if n.startswith(lab[:7])]
        if len(hit) != 1:
            raise ContradictError(f"the NLI model's labels {sorted(names.values())} are not "
                                  "entailment/neutral/contradiction", hint="choose a 3-class NLI model")
        cols.append(hit[0])
    return cols


def onnx_name(name: str, directory: Path, activations: str = "tensor") -> str:
    """The name an :class:`OnnxScorer` of ``directory`` takes: ``name``, with "+token" where it reads a dynamically
    quantized model per token, "+static" where it reads one with its shipped fixed scales."""
    if activations not in int8.ACTIVATIONS:
        raise ValueError(f"activations {activations!r}: one of {', '.join(int8.ACTIVATIONS)}")
    path = Path(directory) / "model.onnx"
    if activations == "tensor" or not int8.dynamic(path):
        return name
    if activations == "token":
        return name + "+token"
    key = int8.ranges_key(path)  # the calibration read: other ranges, other scores
    return name + (f"+{activations}.{key}" if key is not None else "")


def cascade_name(strong: str, fast: str, threshold: float) -> str:
    """The name of a :class:`CascadeScorer` of the models named ``strong`` and ``fast``."""
    return f"{strong} (prefilter {fast} >= {threshold:g})"


def _softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max(axis=1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=1, keepdims=True)


def _padded(encs, pad_id: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Token ids, attention mask and segment ids of tokenizer encodings, padded to the longest."""
    width = max(len(e.ids) for e in encs)
    ids = np.full((len(encs), width), pad_id, dtype=np.int64)
    att = np.zeros((len(encs), width), dtype=np.int64)
    typ = np.zeros((len(encs), width), dtype=np.int64)
    for r, e in enumerate(encs):
        n = len(e.ids)
        ids[r, :n], att[r, :n], typ[r, :n] = e.ids, e.attention_mask, e.type_ids
    return ids, att, typ


def _batched(pairs, lengths, batch_size, run, progress, map_=map, cols: int = 3):
    """``run`` over batches of ``pairs`` sorted by length (``map_``: how the batches are run, in order), the rows
    (``cols`` probabilities each) back in input order."""
    order = sorted(range(len(pairs)), key=lambda i: (lengths[i], i))
    batches = [order[k:k + batch_size] for k in range(0, len(order), batch_size)]
    out = np.zeros((len(pairs), cols), dtype=np.float32)
    done = 0
    for idx, probs in zip(batches, map_(lambda b: run([pairs[i] for i in b]), batches)):
        out[idx] = probs
        done += len(idx)
        if progress:
            progress(done, len(pairs))
    return out


class OnnxScorer:
    """onnxruntime on an exported model.

    A dynamically quantized model computes one activation scale per batch (``quantize_dynamic``), so in a batch a
    pair's probabilities depend (by up to 0.35) on which other pairs share it: batch size 1 (on parallel workers)
    keeps every score a pure function of the pair. ``activations="token"`` reads the model with its activations
    quantized per token (:func:`contradict.backends.int8.per_token_activations`), ``"static"`` with the fixed
    scales calibrated for it (:func:`contradict.backends.int8.static_activations`): a pair then reads the same in
    any batch, so ``batch_size`` may be raised (batches sorted by length, one per parallel worker) without changing
    a score. The name says which reading ("+token", "+static", "+hybrid"), so their cached scores stay apart.
    """

    # Pairs per run where a pair reads the same in any batch. One: on 2 cores (AVX-512 VNNI) batches of 4 to 32 read
    # the MPNet at 0.57x to 0.93x the pairs per second of one pair per run, the MiniLM at 0.94x to 1.16x
    # (`python benchmarks/nli_batching.py`): each pair is already a product of 30 to 120 rows
    BATCH = 1

    def __init__(self, directory: Path, name: str | None = None, batch_size: int | None = None, max_tokens: int = 128,
                 threads: int | None = None, activations: str = "tensor", workers: int | None = None):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        d = Path(directory)
        missing = [f for f in ("model.onnx", "tokenizer.json", "config.json") if not (d / f).exists()]
        if missing:
            raise ContradictError(f"NLI model directory {d} is incomplete: missing {', '.join(missing)}",
                                  hint="reinstall contradict, or pass --nli-model with a complete model")
        try:
            cfg = json.loads((d / "config.json").read_text())
            self.cols = label_order(cfg["id2label"])
            self.tok = Tokenizer.from_file(str(d / "tokenizer.json"))
            self.tok.enable_truncation(max_length=max_tokens, strategy="longest_first")
            self.pad_id = int(cfg.get("pad_token_id", 0))
            if batch_size is None:
                batch_size = self.BATCH if int8.batch_invariant(d / "model.onnx", activations) else 1
            so = ort.SessionOptions()
            cores = threads or min(4, os.cpu_count() or 1)
            # parallel single-threaded runs (one batch each) use the cores better than one threaded run
            self.workers = max(1, min(workers or (cores if batch_size == 1 else 1), cores))
            so.intra_op_num_threads = 1 if self.workers > 1 else cores
            so.inter_op_num_threads = 1
            so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            # on a CPU whose u8 x s8 products saturate, the int8 weights read as uint8 (same integers, int8.py)
            self.session = int8.session(d / "model.onnx", so, activations)
        except ContradictError:
            raise
        except Exception as exc:
            raise ContradictError(f"cannot load NLI model from {d}: {str(exc).splitlines()[0][:200]}",
                                  hint="reinstall contradict, or pass --nli-model with a complete model") from exc
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.name = onnx_name(name or d.name, d, activations)
        self.batch_size = batch_size
        self.max_tokens = max_tokens
        self.truncated = 0
        self._count = threading.Lock()

    def _encode(self, pairs):
        return self.tok.encode_batch([(p, h) for p, h in pairs])

    def _run(self, pairs) -> np.ndarray:
        encs = self._encode(pairs)
        over = sum(1 for e in encs if e.overflowing)
        ids, att, typ = _padded(encs, self.pad_id)
        if over:
            with self._count:  # runs share the scorer across worker threads
                self.truncated += over
        feed = {"input_ids": ids, "attention_mask": att}
        if "token_type_ids" in self.inputs:
            feed["token_type_ids"] = typ
        logits = self.session.run(None, feed)[0]
        return _softmax(logits.astype(np.float32))[:, self.cols]

    def score(self, pairs: Sequence[tuple[str, str]], progress: Callable | None = None) -> np.ndarray:
        if not pairs:
            return np.zeros((0, 3), dtype=np.float32)
        lengths = [len(p) + len(h) for p, h in pairs]
        before = self.truncated
        if self.workers > 1 and len(pairs) > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(self.workers) as pool:  # batches on the workers, results in order
                out = _batched(list(pairs), lengths, self.batch_size, self._run, progress, pool.map)
        else:
            out = _batched(list(pairs), lengths, self.batch_size, self._run, progress)
        if self.truncated > before:
            log.info("%d pair(s) longer than %d tokens were truncated for the NLI model",
                     self.truncated - before, self.max_tokens)
        return out


class CrossEncoderScorer:
    def __init__(self, name: str, batch_size: int = 32, max_tokens: int = 128):
        offline_default()
        try:
            from sentence_transformers import CrossEncoder

            self.model = CrossEncoder(name, device="cpu", max_length=max_tokens)
        except Exception as exc:
            raise ContradictError(
                f"cannot load NLI model {name!r}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}",
                hint="pass a local model directory, or set HF_HUB_OFFLINE=0 when online to use a hub name") from exc
        self.cols = label_order(self.model.config.id2label)
        self.name = name
        self.batch_size = batch_size

    def _run(self, pairs) -> np.ndarray:
        probs = self.model.predict([list(p) for p in pairs], batch_size=len(pairs), apply_softmax=True,
                                   convert_to_numpy=True, show_progress_bar=False)
        return np.asarray(probs, dtype=np.float32)[:, self.cols]

    def score(self, pairs: Sequence[tuple[str, str]], progress: Callable | None = None) -> np.ndarray:
        if not pairs:
            return np.zeros((0, 3), dtype=np.float32)
        return _batched(list(pairs), [len(p) + len(h) for p, h in pairs], self.batch_size, self._run, progress)


class CascadeScorer:
    """A fast model reads every pair; a stronger, slower one rereads the pairs that might contradict.

    A directional pair (a, b) goes to ``strong`` when ``fast`` gives P(contradiction) >= ``threshold``
    in either direction, (a, b) or (b, a); both directions are then read by the same model, and the
    decision depends on the pair alone (not on which other pairs share the call). The rest keep the
    fast model's probabilities. The name names both models and the threshold, so cached scores stay
    apart from either model's own. ``rescored`` counts the pairs the strong model read.
    """

    MEMO = 200_000  # fast-model readings kept, so that a reverse direction met in an earlier call is not reread

    def __init__(self, strong: Scorer, fast: Scorer, threshold: float = 0.01):
        self.strong, self.fast, self.threshold = strong, fast, threshold
        self.name = cascade_name(strong.name, fast.name, threshold)
        self.rescored = 0
        self._fast: dict[tuple[str, str], np.ndarray] = {}

    def score(self, pairs: Sequence[tuple[str, str]], progress: Callable | None = None) -> np.ndarray:
        pairs = list(pairs)
        if not pairs:
            return np.zeros((0, 3), dtype=np.float32)
        both = set(pairs) | {(b, a) for a, b in pairs}
        if len(self._fast) + len(both) > self.MEMO:
            self._fast.clear()
        todo = sorted(both - self._fast.keys())
        self._fast.update(zip(todo, self.fast.score(todo)))
        c = LABELS.index("contradiction")
        fast = self._fast
        out = np.stack([fast[p] for p in pairs]).astype(np.float32)
        keep = [i for i, (a, b) in enumerate(pairs) if max(fast[(a, b)][c], fast[(b, a)][c]) >= self.threshold]
        if keep:
            out[keep] = self.strong.score([pairs[i] for i in keep])
        self.rescored += len(keep)
        log.info("nli: %d of %d directional pairs reread by %s", len(keep), len(pairs), self.strong.name)
        if progress:
            progress(len(pairs), len(pairs))
        return out
