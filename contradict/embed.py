"""Sentence embeddings behind a tiny protocol: ``encode(texts) -> float32[n, d]``, L2-normalized."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from .errors import ContradictError
from .models import DEFAULT_EMBED_MODEL, offline_default, packaged_minilm_path

log = logging.getLogger(__name__)


class Encoder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


class SentenceTransformerEncoder:
    """A sentence-transformers model: the packaged all-MiniLM-L6-v2, a local directory or a hub name."""

    def __init__(self, name: str = DEFAULT_EMBED_MODEL, batch_size: int = 64, precision: str = "fp32"):
        offline_default()
        from sentence_transformers import SentenceTransformer

        self.name = name
        self.batch_size = batch_size
        source = str(packaged_minilm_path()) if name in (DEFAULT_EMBED_MODEL, "default") else name
        if name not in (DEFAULT_EMBED_MODEL, "default") and not Path(name).exists() and "/" not in name:
            source = name
        try:
            self.model = SentenceTransformer(source, device="cpu")
        except Exception as exc:  # missing dir, offline hub, corrupt weights: one clear line
            raise ContradictError(
                f"cannot load embedding model {name!r}: {type(exc).__name__}: {str(exc).splitlines()[0][:200]}",
                hint="use the packaged default (all-MiniLM-L6-v2), a local model directory, "
                     "or set HF_HUB_OFFLINE=0 when online to fetch a hub model",
            ) from exc
        self.dim = int(self.model.get_embedding_dimension() if hasattr(self.model, "get_embedding_dimension")
                       else self.model.get_sentence_embedding_dimension())
        self.bf16 = precision == "bf16" or precision == "auto" and native_bf16()
        if self.bf16:
            log.info("embedding in bf16 (the CPU computes it natively)")

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        import torch

        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.bf16):
            vecs = self.model.encode(list(texts), batch_size=self.batch_size, normalize_embeddings=True,
                                     convert_to_numpy=True, show_progress_bar=False)
        return np.ascontiguousarray(vecs, dtype=np.float32)


def native_bf16() -> bool:
    """Whether this CPU computes bf16 natively (AVX512-BF16 or AMX): there bf16 autocast embeds 1.6x faster at
    cosine 0.9999 to fp32 (benchmarks/embed_backends.py); elsewhere it would be emulated, and slower."""
    try:
        import torch

        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except Exception:  # pragma: no cover - an older torch
        return False
