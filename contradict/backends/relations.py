"""The relation model behind a tiny protocol: ``score(texts) -> float32[n, 5]``.

Each text is one claim with one ordered pair of actors marked in it, the source's mentions as "@ ... @" and the
target's as "# ... #" (:func:`mark`); the columns are :data:`RELATIONS`' probabilities. The shipped model,
``contradict-relations-minilm``, is all-MiniLM-L6-v2 fine-tuned on abp_5k claims labelled by reading
(`benchmarks/frame_learned.py`; its model card says on what and how it was measured), exported to ONNX with int8
weights. It reads its activations per token, so a text's probabilities do not depend on its batch-mates.
The frames stage uses it to confirm the parse's links (:mod:`contradict.stages.frame_confirm`).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from contradict.backends import int8
from contradict.backends.models import SHIPPED_DIR
from contradict.errors import ContradictError

log = logging.getLogger(__name__)

RELATIONS = ("none", "supports", "opposes", "threatens", "allied with")  # the model's columns, in order
DEFAULT_RELATION_MODEL = "contradict-relations-minilm"
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


def model_dir(name: str | None = None) -> Path:
    """A shipped model's directory, or the name read as a path ("default" or nothing: the shipped one)."""
    name = DEFAULT_RELATION_MODEL if name in (None, "", "default") else name
    return SHIPPED_DIR / name if name == DEFAULT_RELATION_MODEL else Path(name).expanduser()


def wanted(name: str | None) -> bool:
    """Whether the setting ``relation_model`` asks for a model ("none" asks for the parse alone)."""
    return (name or "default").strip().lower() != "none"


def model_key(name: str | None) -> str:
    """The model's name and revision (its ``config.json``), as frame reads it confirmed are stored under."""
    d = model_dir(name)
    try:
        revision = json.loads((d / "config.json").read_text()).get("revision")
    except (OSError, ValueError):
        revision = None
    return f"{d.name}@{revision}" if revision else str(d)


class OnnxRelationScorer:
    """An exported relation model directory (``model.onnx``, ``tokenizer.json``, ``config.json``) on onnxruntime."""

    BATCH = 16

    def __init__(self, directory: Path, threads: int | None = None):
        import onnxruntime as ort
        from tokenizers import Tokenizer

        d = Path(directory)
        missing = [f for f in ("model.onnx", "tokenizer.json", "config.json") if not (d / f).exists()]
        if missing:
            raise ContradictError(f"relation model directory {d} is incomplete: missing {', '.join(missing)}",
                                  hint="reinstall contradict, or run with --frames off")
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
                                  hint="reinstall contradict, or run with --frames off") from exc
        self.name = model_key(str(d)) if d != model_dir() else model_key(None)

    def score(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), len(RELATIONS)), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for k in range(0, len(order), self.BATCH):
            rows = order[k:k + self.BATCH]
            encs = self.tok.encode_batch([texts[i] for i in rows])
            width = max(len(e.ids) for e in encs)
            ids = np.full((len(encs), width), self.pad_id, dtype=np.int64)
            att = np.zeros((len(encs), width), dtype=np.int64)
            for r, e in enumerate(encs):
                ids[r, :len(e.ids)], att[r, :len(e.ids)] = e.ids, e.attention_mask
            logits = self.session.run(None, {"input_ids": ids, "attention_mask": att})[0].astype(np.float32)
            z = np.exp(logits - logits.max(1, keepdims=True))
            out[rows] = z / z.sum(1, keepdims=True)
        return out


def load_relation_scorer(name: str | None = None, threads: int | None = None) -> OnnxRelationScorer:
    d = model_dir(name)
    if not d.exists():
        raise ContradictError(f"the relation model is missing ({d})", hint="reinstall contradict, or run with --frames off")
    return OnnxRelationScorer(d, threads)
