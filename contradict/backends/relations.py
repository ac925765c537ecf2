"""The relation model behind a tiny protocol: ``score(texts) -> float32[n, 5]``.

Each text is one claim with one ordered pair of actors marked in it, the source's mentions as "@ ... @" and the
target's as "# ... #" (:func:`mark`); the columns are :data:`RELATIONS`' probabilities. A model is all-MiniLM-L6-v2
fine-tuned on abp_5k claims labelled by reading and exported to ONNX with int8 weights per channel
(`benchmarks/frame_learned.py fit` and `export`); it reads its activations per token, so a text's probabilities do
not depend on its batch-mates. The frames stage uses it, when the setting ``relation_model`` names one, to confirm
the parse's links (:mod:`contradict.stages.frame_confirm`). None is shipped yet (docs/how-it-works.md "Frames").
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from contradict.backends.models import files_key
from contradict.backends.nli_scorers import _batched, _padded, _softmax
from contradict.errors import ContradictError
from contradict.settings import (
    RELATION_MODEL_FILES,
    SHIPPED_RELATION_MODEL,
    relation_model_dir,
    relation_model_missing,
    relation_model_setting,
)

log = logging.getLogger(__name__)

RELATIONS = ("none", "supports", "opposes", "threatens", "allied with")  # the model's columns, in order
DEFAULT_RELATION_MODEL = SHIPPED_RELATION_MODEL.name  # "default": not shipped yet (docs/how-it-works.md "Frames")
MAX_TOKENS = 160  # the length the model was trained at


class RelationScorer(Protocol):
    name: str

    def score(self, texts: Sequence[str]) -> np.ndarray:
        """Each marked text -> the probability of each of :data:`RELATIONS` (rows in input order)."""
        ...


def mark(text: str, source: Sequence[tuple[int, int]], target: Sequence[tuple[int, int]]) -> str:
    """``text`` with the character spans ``source`` marked "@ ... @" and ``target`` "# ... #" (as trained)."""
    spans = sorted([(s, e, "@ ", " @") for s, e in source] + [(s, e, "# ", " #") for s, e in target], reverse=True)
    for s, e, left, right in spans:
        text = text[:s] + left + text[s:e] + right + text[e:]
    return text


HINT = "set CONTRADICT_RELATION_MODEL=none to read relations by the parse alone"


def wanted(name: str | None) -> bool:
    """Whether the setting ``relation_model`` asks for a model ("none" asks for the parse alone)."""
    return relation_model_dir(name) is not None


def model_dir(name: str | None = None) -> Path:
    """The shipped model's directory ("default"), or the name read as a path."""
    return relation_model_dir(name) or SHIPPED_RELATION_MODEL


def problem(name: str | None) -> str:
    """What makes the setting unusable ("" when nothing): a directory without the model's files."""
    missing = relation_model_missing(name)
    if not missing:
        return ""
    what = "the shipped relation model" if relation_model_setting(name) == "default" else "no relation model"
    return f"{what} at {model_dir(name)}: missing {', '.join(missing)}"


def model_key(name: str | None) -> str:
    """What frame reads the model confirmed are stored under: the shipped model's name and revision
    (``config.json``); for a directory of one's own, also a digest of its files' sizes and times, so a model
    exported again in the same place is another model."""
    d = model_dir(name)
    try:
        revision = json.loads((d / "config.json").read_text()).get("revision")
    except (OSError, ValueError):
        revision = None
    key = f"{d.name}@{revision}" if revision else d.name
    if relation_model_setting(name) == "default":
        return key
    files = [d / f for f in RELATION_MODEL_FILES if (d / f).is_file()]
    return f"{key}#{files_key('relations', d, files, 10)}"


class OnnxRelationScorer:
    """An exported relation model directory (``model.onnx``, ``tokenizer.json``, ``config.json``) on onnxruntime."""

    BATCH = 16

    def __init__(self, directory: Path, threads: int | None = None, name: str | None = None):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        from contradict.backends import int8

        d = Path(directory)
        try:
            cfg = json.loads((d / "config.json").read_text())
            if tuple(cfg.get("relations", ())) != RELATIONS:
                raise ValueError(f"its relations are {cfg.get('relations')}, not {list(RELATIONS)}")
            self.tok = Tokenizer.from_file(str(d / "tokenizer.json"))
            self.tok.enable_truncation(max_length=MAX_TOKENS)
            self.pad_id = int(cfg.get("pad_token_id", 0))
            so = ort.SessionOptions()
            so.intra_op_num_threads = threads or min(4, os.cpu_count() or 1)
            so.inter_op_num_threads = 1
            so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
            self.session = int8.session(d / "model.onnx", so, "token")
        except Exception as exc:
            raise ContradictError(f"cannot load the relation model from {d}: {str(exc).splitlines()[0][:200]}",
                                  hint=HINT) from exc
        self.name = name or model_key(str(d))

    def _run(self, texts: Sequence[str]) -> np.ndarray:
        ids, att, _ = _padded(self.tok.encode_batch(list(texts)), self.pad_id)
        return _softmax(self.session.run(None, {"input_ids": ids, "attention_mask": att})[0].astype(np.float32))

    def score(self, texts: Sequence[str]) -> np.ndarray:
        return _batched(list(texts), [len(t) for t in texts], self.BATCH, self._run, None, cols=len(RELATIONS))


def load_relation_scorer(name: str | None = None, threads: int | None = None) -> OnnxRelationScorer:
    if trouble := problem(name):
        raise ContradictError(trouble, hint=HINT)
    return OnnxRelationScorer(model_dir(name), threads, model_key(name))


class LazyRelationScorer:
    """The model of the setting ``name``, loaded on its first :meth:`score` (a report whose frame reads are stored
    loads none); ``name`` is its :func:`model_key`, known without loading."""

    def __init__(self, name: str | None, threads: int | None = None):
        self.setting, self.threads, self.name = name, threads, model_key(name)
        self._scorer: OnnxRelationScorer | None = None

    def score(self, texts: Sequence[str]) -> np.ndarray:
        if self._scorer is None:
            self._scorer = load_relation_scorer(self.setting, self.threads)
        return self._scorer.score(texts)
