"""3-class NLI scoring behind a tiny protocol: ``score(pairs) -> float32[n, 3]``.

Columns are always in ``LABELS`` order (contradiction, entailment, neutral); each backend maps its
model's own label order, read from the model config (``id2label``), onto it. Backends:

* ``OnnxScorer``: an exported model directory (``model.onnx`` + ``tokenizer.json`` + ``config.json``),
  run with onnxruntime. Both shipped models are: ``contradict-nli-mpnet`` (the default) and
  ``contradict-nli-minilm`` (fast; by default it reads every pair first, ``CascadeScorer``).
* ``CrossEncoderScorer``: any sentence-transformers CrossEncoder / Hugging Face sequence
  classification model: a local directory or, when online, a hub name.

Both sort inputs by length, pad per batch, and restore the input order. The scorers are in
:mod:`contradict.backends.nli_scorers` (re-exported here); this module names and chooses them from settings, and
combines a pair's two directions into one label (:func:`combine`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path

from contradict.backends.models import (
    DEFAULT_EMBED_MODEL,
    DEFAULT_NLI_MODEL,
    FAST_NLI_MODEL,
    SHIPPED_DIR,
    SHIPPED_NLI_MODELS,
)
from contradict.backends.nli_scorers import (  # noqa: F401 (re-exported: nli.OnnxScorer, nli.label_order ...)
    CascadeScorer,
    CrossEncoderScorer,
    OnnxScorer,
    Scorer,
    _batched,
    _softmax,
    cascade_name,
    label_order,
    onnx_name,
)
from contradict.errors import ContradictError
from contradict.types import LABELS  # noqa: F401 (nli.LABELS: where the labels were read from before)


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
                threads: int | None = None, activations: str = "tensor") -> Scorer:
    """A shipped model's name -> its ONNX model; a directory with model.onnx -> onnxruntime; else CrossEncoder."""
    name = resolve_name(name)
    if name in SHIPPED_NLI_MODELS:
        d = model_dir(name)
        if not d.exists():
            what = "the default NLI model" if name == DEFAULT_NLI_MODEL else f"the shipped NLI model {name}"
            raise ContradictError(f"{what} is missing ({d})",
                                  hint="reinstall contradict, or pass --nli-model with a local model directory")
        return OnnxScorer(d, name=cache_name(name, d), batch_size=batch_size, max_tokens=max_tokens,
                          threads=threads, activations=activations)
    p = model_dir(name)
    if p.is_dir() and (p / "model.onnx").exists():
        return OnnxScorer(p, batch_size=batch_size, max_tokens=max_tokens, threads=threads, activations=activations)
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
    """How ``settings`` quantize the int8 models' activations: "tensor", "token", "static" or "hybrid"
    (``nli_activations``)."""
    return (getattr(settings, "nli_activations", "tensor") or "tensor").strip().lower()


def _model_name(name: str, how: str = "tensor") -> str | None:
    """The name a shipped model's scorer takes (:func:`load_scorer`), or None for any other model."""
    name = resolve_name(name)
    if name not in SHIPPED_NLI_MODELS:
        return None
    d = model_dir(name)
    return onnx_name(cache_name(name, d), d, how)


def scorer_name(settings) -> str | None:
    """The name :func:`scorer_for` ``(settings, vectors)`` gives its scorer, without loading a model (scores are
    cached under it; reading a built index needs nothing more); None where it names a model that is not shipped."""
    name = _model_name(settings.nli_model, activations(settings))
    fast_name = prefilter_name(settings)
    fast = _model_name(fast_name, activations(settings)) if fast_name else ""
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
    how = activations(settings)
    scorer = load_scorer(settings.nli_model, max_tokens=settings.max_tokens, threads=threads, activations=how)
    fast_name = prefilter_name(settings)
    if fast_name:
        fast = load_scorer(fast_name, max_tokens=settings.max_tokens, threads=threads, activations=how)
        scorer = CascadeScorer(scorer, fast, settings.prefilter_threshold)
    return gate_for(settings, scorer, vectors)


ONE_WAY_ENTAILMENT = 0.5  # one direction's P(entailment) from which a pair the mean calls neutral agrees


_ENTAILMENT = LABELS.index("entailment")


def one_way_entailment(ab: Sequence[float], ba: Sequence[float]) -> float:
    """The larger P(entailment) of the two directions: how strongly one claim implies the other."""
    return float(max(ab[_ENTAILMENT], ba[_ENTAILMENT]))


def combine(ab: Sequence[float], ba: Sequence[float]) -> tuple[str, dict]:
    """One label for a pair scored both ways.

    The probabilities are the mean of the two directions; the label is the class with the highest
    mean probability. Contradiction is symmetric, so averaging rewards pairs the model reads as
    contradictory both ways. Entailment is not: when one claim implies the other ("The dam was found
    safe" / "The governor said the dam was found safe"), the other direction is rightly neutral, and
    the mean can fall to neutral. So a pair the mean calls neutral is an agreement when either
    direction reads entailment with P >= ``ONE_WAY_ENTAILMENT``.
    """
    mean = [(float(x) + float(y)) / 2 for x, y in zip(ab, ba, strict=True)]  # three floats each (an array or a row)
    probs = {lab: round(mean[i], 4) for i, lab in enumerate(LABELS)}
    label = LABELS[max(range(len(mean)), key=mean.__getitem__)]  # the first of equal ones, as numpy's argmax
    if label == "neutral" and one_way_entailment(ab, ba) >= ONE_WAY_ENTAILMENT:
        label = "entailment"
    return label, probs
