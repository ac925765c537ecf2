"""3-class NLI scoring behind a tiny protocol: ``score(pairs) -> float32[n, 3]``.

Columns are always in ``LABELS`` order (contradiction, entailment, neutral); each backend maps its
model's own label order, read from the model config (``id2label``), onto it. Backends:

* ``OnnxScorer``: an exported model directory (``model.onnx`` + ``tokenizer.json`` + ``config.json``),
  run with onnxruntime. Both shipped models are: ``contradict-nli-mpnet`` (the default) and
  ``contradict-nli-minilm`` (fast; by default it reads every pair first, ``CascadeScorer``).
* ``CrossEncoderScorer``: any sentence-transformers CrossEncoder / Hugging Face sequence
  classification model: a local directory or, when online, a hub name.

Both sort inputs by length, pad per batch, and restore the input order.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from contradict.backends import int8
from contradict.backends.models import (
    DEFAULT_EMBED_MODEL,
    DEFAULT_NLI_MODEL,
    FAST_NLI_MODEL,
    SHIPPED_DIR,
    SHIPPED_NLI_MODELS,
    offline_default,
)
from contradict.errors import ContradictError
from contradict.types import LABELS  # noqa: F401 (nli.LABELS: where the labels were read from before)

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


def onnx_name(name: str, directory: Path, per_token: bool) -> str:
    """The name an :class:`OnnxScorer` of ``directory`` takes: ``name``, with "+token" where it reads a dynamically
    quantized model per token."""
    return name + ("+token" if per_token and int8.dynamic(Path(directory) / "model.onnx") else "")


def cascade_name(strong: str, fast: str, threshold: float) -> str:
    """The name of a :class:`CascadeScorer` of the models named ``strong`` and ``fast``."""
    return f"{strong} (prefilter {fast} >= {threshold:g})"


def _softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max(axis=1, keepdims=True)
    e = np.exp(x)
    return e / e.sum(axis=1, keepdims=True)


def _batched(pairs, lengths, batch_size, run, progress):
    order = sorted(range(len(pairs)), key=lambda i: (lengths[i], i))
    out = np.zeros((len(pairs), 3), dtype=np.float32)
    done = 0
    for k in range(0, len(order), batch_size):
        idx = order[k:k + batch_size]
        out[idx] = run([pairs[i] for i in idx])
        done += len(idx)
        if progress:
            progress(done, len(pairs))
    return out


class OnnxScorer:
    """onnxruntime on an exported model.

    A dynamically quantized model computes one activation scale per batch (``quantize_dynamic``), so in a batch a
    pair's probabilities depend (by up to 0.35) on which other pairs share it: batch size 1 (the default, on
    parallel workers) keeps every score a pure function of the pair. ``per_token`` reads the model with its
    activations quantized per token instead (:func:`contradict.backends.int8.per_token_activations`): a pair then reads the
    same in any batch. The name says so ("+token"), so the two readings' cached scores stay apart.
    """

    def __init__(self, directory: Path, name: str | None = None, batch_size: int = 1, max_tokens: int = 128,
                 threads: int | None = None, per_token: bool = False):
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
            so = ort.SessionOptions()
            cores = threads or min(4, os.cpu_count() or 1)
            # one pair per run: parallel single-threaded runs use the cores better than one threaded run
            self.workers = cores if batch_size == 1 else 1
            so.intra_op_num_threads = 1 if self.workers > 1 else cores
            so.inter_op_num_threads = 1
            so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            # on a CPU whose u8 x s8 products saturate, the int8 weights read as uint8 (same integers, int8.py)
            self.session = int8.session(d / "model.onnx", so, per_token)
        except ContradictError:
            raise
        except Exception as exc:
            raise ContradictError(f"cannot load NLI model from {d}: {str(exc).splitlines()[0][:200]}",
                                  hint="reinstall contradict, or pass --nli-model with a complete model") from exc
        self.inputs = {i.name for i in self.session.get_inputs()}
        self.name = onnx_name(name or d.name, d, per_token)
        self.batch_size = batch_size
        self.max_tokens = max_tokens
        self.truncated = 0

    def _encode(self, pairs):
        return self.tok.encode_batch([(p, h) for p, h in pairs])

    def _run(self, pairs) -> np.ndarray:
        encs = self._encode(pairs)
        width = max(len(e.ids) for e in encs)
        ids = np.full((len(encs), width), self.pad_id, dtype=np.int64)
        att = np.zeros((len(encs), width), dtype=np.int64)
        typ = np.zeros((len(encs), width), dtype=np.int64)
        for r, e in enumerate(encs):
            n = len(e.ids)
            ids[r, :n], att[r, :n], typ[r, :n] = e.ids, e.attention_mask, e.type_ids
            if e.overflowing:
                self.truncated += 1
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

            with ThreadPoolExecutor(self.workers) as pool:
                rows = list(pool.map(lambda p: self._run([p])[0], pairs, chunksize=16))
            out = np.stack(rows).astype(np.float32)
            if progress:
                progress(len(pairs), len(pairs))
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


def resolve_name(name: str | None) -> str:
    """"default" (or nothing) -> the shipped default's name; any other name as given."""
    return DEFAULT_NLI_MODEL if name in ("default", "", None) else name


def model_dir(name: str | None) -> Path:
    """Where a model name points: a shipped model's directory, or the name read as a path."""
    name = resolve_name(name)
    return SHIPPED_DIR / name if name in SHIPPED_NLI_MODELS else Path(name).expanduser()


def default_model_dir() -> Path:
    return model_dir("default")


def cache_name(name: str, directory: Path) -> str:
    """The name scores are cached under: a shipped model's name with its revision (``training.json``), so
    that an index scored by an earlier release of the same model is rescored, not read as this one's."""
    try:
        revision = json.loads((directory / "training.json").read_text()).get("revision")
    except (OSError, ValueError):
        revision = None
    return f"{name}@{revision}" if revision else name


def load_scorer(name: str = "default", batch_size: int | None = None, max_tokens: int = 128,
                threads: int | None = None, per_token: bool = False) -> Scorer:
    """A shipped model's name -> its ONNX model; a directory with model.onnx -> onnxruntime; else CrossEncoder."""
    name = resolve_name(name)
    if name in SHIPPED_NLI_MODELS:
        d = model_dir(name)
        if not d.exists():
            what = "the default NLI model" if name == DEFAULT_NLI_MODEL else f"the shipped NLI model {name}"
            raise ContradictError(f"{what} is missing ({d})",
                                  hint="reinstall contradict, or pass --nli-model with a local model directory")
        return OnnxScorer(d, name=cache_name(name, d), batch_size=batch_size or 1, max_tokens=max_tokens,
                          threads=threads, per_token=per_token)
    p = model_dir(name)
    if p.is_dir() and (p / "model.onnx").exists():
        return OnnxScorer(p, batch_size=batch_size or 1, max_tokens=max_tokens, threads=threads, per_token=per_token)
    if p.exists() and not p.is_dir():
        raise ContradictError(f"--nli-model {name}: expected a model directory, got a file")
    if not p.exists() and (name.startswith((".", "/", "~")) or os.sep in name and name.count("/") > 1):
        raise ContradictError(f"NLI model directory {name} does not exist")
    return CrossEncoderScorer(name, batch_size=batch_size or 32, max_tokens=max_tokens)


def prefilter_name(settings) -> str:
    """The prefilter ``settings`` ask for, "" for none.

    "auto" (the default) puts the shipped fast model in front of the shipped default model and nothing
    in front of any other model; "none" (or "") turns the prefilter off; anything else names the model.
    """
    p = (settings.nli_prefilter or "").strip()
    if p.lower() == "auto":
        return FAST_NLI_MODEL if resolve_name(settings.nli_model) == DEFAULT_NLI_MODEL else ""
    return "" if p.lower() == "none" else p


SHIPPED_GATE = "contradict-gate"


def gate_name(settings) -> str:
    """The gate ``settings`` ask for, "" for none: "auto" (the default) puts the shipped gate in front of the
    shipped cascade (the default model behind the shipped prefilter, claims embedded with the default embedding
    model, whose vectors the gate reads) and nothing in front of anything else;
    "none" (or "") turns it off; anything else names a gate directory."""
    g = (getattr(settings, "nli_gate", "none") or "").strip()
    if g.lower() == "auto":
        shipped = (resolve_name(settings.nli_model) == DEFAULT_NLI_MODEL and prefilter_name(settings) == FAST_NLI_MODEL
                   and getattr(settings, "embed_model", DEFAULT_EMBED_MODEL) == DEFAULT_EMBED_MODEL)
        return SHIPPED_GATE if shipped else ""
    return "" if g.lower() == "none" else g


def gate_dir(name: str) -> Path:
    """Where the gate named ``name`` (:func:`gate_name`) lives: the shipped one's directory, or the name as a path."""
    from contradict.backends.gate import GATE_DIR

    return GATE_DIR if name == SHIPPED_GATE else Path(name).expanduser()


def gate_for(settings, inner: Scorer, vectors: Callable | None) -> Scorer:
    """``inner`` behind the gate ``settings`` name (:func:`gate_name`), given a way to the claims' ``vectors``;
    ``inner`` itself when there is no gate or no vectors."""
    name = gate_name(settings)
    if not name or vectors is None:
        return inner
    from contradict.backends.gate import Gate, GatedScorer

    return GatedScorer(inner, Gate.load(gate_dir(name)), vectors)


def activations(settings) -> str:
    """How ``settings`` quantize the int8 models' activations: "token" or "tensor" (``nli_activations``)."""
    return (getattr(settings, "nli_activations", "tensor") or "tensor").strip().lower()


def per_token(settings) -> bool:
    """Whether ``settings`` read int8 models with activations quantized per token (``nli_activations``)."""
    return activations(settings) == "token"


def _model_name(name: str, token: bool = True) -> str | None:
    """The name a shipped model's scorer takes (:func:`load_scorer`), or None for any other model."""
    name = resolve_name(name)
    if name not in SHIPPED_NLI_MODELS:
        return None
    d = model_dir(name)
    return onnx_name(cache_name(name, d), d, token)


def scorer_name(settings) -> str | None:
    """The name :func:`scorer_for` ``(settings, vectors)`` gives its scorer, without loading a model (scores are
    cached under it; reading a built index needs nothing more); None where it names a model that is not shipped."""
    name = _model_name(settings.nli_model, per_token(settings))
    fast_name = prefilter_name(settings)
    fast = _model_name(fast_name, per_token(settings)) if fast_name else ""
    if name is None or fast is None:
        return None
    if fast:
        name = cascade_name(name, fast, settings.prefilter_threshold)
    gate = gate_name(settings)
    if gate:
        from contradict.backends.gate import Gate, gated_name

        name = gated_name(name, Gate.load(gate_dir(gate)))
    return name


def scorer_for(settings, vectors: Callable | None = None) -> Scorer:
    """The scorer that ``settings`` name: ``nli_model``, behind its prefilter (:func:`prefilter_name`), behind the
    gate (:func:`gate_name`) where ``vectors(texts)`` gives the claims' sentence vectors."""
    threads = getattr(settings, "threads", 0) or None
    token = per_token(settings)
    scorer = load_scorer(settings.nli_model, max_tokens=settings.max_tokens, threads=threads, per_token=token)
    fast_name = prefilter_name(settings)
    if fast_name:
        fast = load_scorer(fast_name, max_tokens=settings.max_tokens, threads=threads, per_token=token)
        scorer = CascadeScorer(scorer, fast, settings.prefilter_threshold)
    return gate_for(settings, scorer, vectors)


ONE_WAY_ENTAILMENT = 0.5  # one direction's P(entailment) from which a pair the mean calls neutral agrees


def one_way_entailment(ab: np.ndarray, ba: np.ndarray) -> float:
    """The larger P(entailment) of the two directions: how strongly one claim implies the other."""
    e = LABELS.index("entailment")
    return float(max(ab[e], ba[e]))


def combine(ab: np.ndarray, ba: np.ndarray) -> tuple[str, dict]:
    """One label for a pair scored both ways.

    The probabilities are the mean of the two directions; the label is the class with the highest
    mean probability. Contradiction is symmetric, so averaging rewards pairs the model reads as
    contradictory both ways. Entailment is not: when one claim implies the other ("The dam was found
    safe" / "The governor said the dam was found safe"), the other direction is rightly neutral, and
    the mean can fall to neutral. So a pair the mean calls neutral is an agreement when either
    direction reads entailment with P >= ``ONE_WAY_ENTAILMENT``.
    """
    ab, ba = np.asarray(ab, dtype=np.float64), np.asarray(ba, dtype=np.float64)
    mean = (ab + ba) / 2
    probs = {lab: round(float(mean[i]), 4) for i, lab in enumerate(LABELS)}
    label = LABELS[int(np.argmax(mean))]
    if label == "neutral" and one_way_entailment(ab, ba) >= ONE_WAY_ENTAILMENT:
        label = "entailment"
    return label, probs
