"""Sentence embeddings behind a tiny protocol: ``encode(texts) -> float32[n, d]``, L2-normalized."""

from __future__ import annotations

import json
import logging
import shutil
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from contradict.backends.models import (
    DEFAULT_EMBED_MODEL,
    cache_dir,
    files_key,
    keep_dir,
    offline_default,
    packaged_minilm_path,
)
from contradict.errors import ContradictError

log = logging.getLogger(__name__)


class Encoder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


BACKENDS = ("auto", "openvino", "torch")


def load_encoder(name: str = DEFAULT_EMBED_MODEL, batch_size: int = 64, precision: str = "auto",
                 backend: str = "auto", threads: int = 0) -> Encoder:
    """The encoder for ``name``: OpenVINO where it is installed and can run the model ("auto"), else
    sentence-transformers on PyTorch. Both give the same vectors (cosine >= 0.999, tests/test_embed.py).

    A local model is converted for OpenVINO once, in a child process, and kept in the cache directory
    (:func:`cache_dir`); this process reads it back without importing PyTorch or sentence-transformers (430 MB
    of resident memory it does not hold). Where the child cannot convert, this process does."""
    if backend not in BACKENDS:
        raise ContradictError(f"unknown embedding backend {backend!r}", hint=f"choose one of {', '.join(BACKENDS)}")
    key = _converted_key(name) if backend != "torch" else None
    entry = cache_dir() / "openvino" / key if key else None
    refused = ""  # why the child could not convert the model: this process does not try again
    if entry:
        enc = _cached(entry, precision, threads)
        if enc is None:
            refused = _convert_in_child(name, entry)
            enc = None if refused else _cached(entry, precision, threads)
        if enc is not None:
            return enc
    st = SentenceTransformerEncoder(name, batch_size=batch_size, precision=precision)
    if backend == "torch":
        return st
    try:
        if refused:
            raise Unsupported(refused)
        enc = OpenVinoEncoder(st, precision=precision, threads=threads)
    except Unsupported as why:
        if backend == "openvino":
            raise ContradictError(f"cannot embed with OpenVINO: {why}",
                                  hint="pip install openvino, or CONTRADICT_EMBED_BACKEND=torch") from why
        log.info("embedding with sentence-transformers on PyTorch: %s", why)
        return st
    if entry:
        enc.save(entry)
    return enc


def _cached(entry: Path, precision: str, threads: int) -> OpenVinoEncoder | None:
    try:
        return OpenVinoEncoder.load(entry, precision=precision, threads=threads)
    except Unsupported as why:
        log.debug("no converted model in the cache (%s)", why)
        shutil.rmtree(entry, ignore_errors=True)  # a damaged entry is written again
        return None


_REFUSED = 3  # the child's exit code when OpenVINO cannot run the model (its reason on the last line of stderr)


def _convert_in_child(name: str, entry: Path) -> str:
    """Convert ``name`` into ``entry`` in a child Python process (PyTorch is loaded there, not here). Returns ""
    when it converted or failed for another reason (this process then tries itself), else why OpenVINO cannot
    run the model."""
    import subprocess
    import sys

    code = "import sys; from contradict.backends.embed import convert; convert(sys.argv[1], sys.argv[2])"
    log.info("converting the embedding model %s for OpenVINO (once; kept in %s)", name, entry.parent)
    try:
        done = subprocess.run([sys.executable, "-c", code, name, str(entry)], capture_output=True, text=True,
                              timeout=900)
    except (OSError, subprocess.SubprocessError) as exc:
        log.debug("conversion in a child process failed: %s", exc)
        return ""
    if done.returncode == _REFUSED:
        return (done.stderr.strip().splitlines() or ["OpenVINO cannot run the model"])[-1]
    if done.returncode != 0:
        log.debug("conversion in a child process failed (%d): %s", done.returncode, done.stderr[-500:])
    return ""


def convert(name: str, entry: str | Path) -> None:
    """Convert a local sentence-transformers model for OpenVINO and keep it in ``entry`` (see :func:`load_encoder`);
    exits non-zero when nothing was kept (``_REFUSED``, with the reason, when OpenVINO cannot run the model)."""
    import sys

    try:
        enc = OpenVinoEncoder(SentenceTransformerEncoder(name, precision="fp32"))
    except Unsupported as why:
        sys.stderr.write(f"{why}\n")  # the parent's log line names it
        raise SystemExit(_REFUSED) from why
    enc.save(Path(entry))
    if not (Path(entry) / "meta.json").exists():
        raise SystemExit(1)


CONVERSION_VERSION = "1"  # bump when OpenVinoEncoder converts differently: old cache entries are then unused


def _converted_key(name: str) -> str | None:
    """A key for the OpenVINO conversion of a local model: its files (names, sizes, modification times), the
    OpenVINO version and the conversion's; None for a hub name (its files are not known before loading)."""
    try:
        import openvino as ov
    except ImportError:
        return None
    if name in (DEFAULT_EMBED_MODEL, "default"):
        try:
            source = packaged_minilm_path()
        except ContradictError:
            return None
    elif Path(name).is_dir():
        source = Path(name)
    else:
        return None
    return files_key(f"{CONVERSION_VERSION}|{ov.__version__}|{name}|{source.resolve()}", source,
                     (p for p in source.rglob("*") if p.is_file()), 32)


class Unsupported(Exception):
    """The OpenVINO encoder cannot run this model (or OpenVINO is not installed)."""


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


class OpenVinoEncoder:
    """The sentence-transformers model of ``st`` (a transformer, mean pooling, L2 normalisation) compiled by
    OpenVINO, in bf16 where the CPU computes it natively: 3x sentence-transformers' claims/s on the 2-core
    development machine at cosine 0.9999 to its vectors (``contradict bench embed``).

    Texts are tokenized once, sorted by token count and run in batches of ``batch_size`` padded to their
    longest member only; the output is in input order. Pooling and normalisation run inside the compiled graph.
    """

    batch_size = 32  # measured: 16 and 48 are slower on 2 cores, 64 by 10% (benchmarks/embed_backends.py)
    # at most this many (padded) tokens in a batch: fewer rows when texts are long. OpenVINO keeps memory for the
    # shapes it has run: on 12,000 abp_5k sentences it grew by 414 MB with batches of 32 however long, by 228 MB
    # with this budget, in the same time (/tmp measurements; claims of up to 64 tokens still go 32 at a time).
    max_batch_tokens = 2048

    def __init__(self, st: SentenceTransformerEncoder, precision: str = "auto", threads: int = 0):
        try:
            import openvino as ov
        except ImportError as exc:
            raise Unsupported("openvino is not installed") from exc
        import torch
        from tokenizers import Tokenizer

        try:
            from sentence_transformers.sentence_transformer.modules import Normalize, Pooling, Transformer
        except ImportError:  # sentence-transformers before 6
            from sentence_transformers.models import Normalize, Pooling, Transformer

        mods = list(st.model)
        if not (isinstance(mods[0], Transformer) and len(mods) >= 2 and isinstance(mods[1], Pooling)
                and _pooling_mode(mods[1]) == "mean" and all(isinstance(m, Normalize) for m in mods[2:])):
            raise Unsupported("the model is not transformer + mean pooling (+ normalize)")
        hf, tok = mods[0].auto_model, mods[0].tokenizer
        if not getattr(tok, "is_fast", False):
            raise Unsupported("the model has no fast tokenizer")
        self.name, self.dim = st.name, st.dim
        self.tok = Tokenizer.from_str(tok.backend_tokenizer.to_str())
        self.tok.no_padding()
        self.max_tokens = int(mods[0].max_seq_length or 512)
        self.tok.enable_truncation(self.max_tokens)
        self.pad_id = int(tok.pad_token_id or 0)
        self.names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in tok.model_input_names]
        example = {n: torch.ones((1, 4), dtype=torch.int64) for n in self.names}
        try:
            with torch.no_grad(), warnings.catch_warnings():
                warnings.simplefilter("ignore")  # the tracer's notes on shape-dependent branches of the attention
                graph = ov.convert_model(_MeanPooled(hf.eval()), example_input=example)
            self._compile(graph, precision, threads)
        except Exception as exc:  # a model OpenVINO cannot convert: sentence-transformers runs it
            raise Unsupported(f"OpenVINO cannot convert it ({type(exc).__name__}: {str(exc)[:120]})") from exc
        self.graph = graph  # kept for save(); load() does not keep it

    def _compile(self, graph, precision: str, threads: int) -> None:
        import openvino as ov

        core = ov.Core()
        want = precision == "bf16" or precision == "auto" and "BF16" in core.get_property(
            "CPU", "OPTIMIZATION_CAPABILITIES")  # OpenVINO's own reading of the CPU: no PyTorch import
        config = {"INFERENCE_PRECISION_HINT": "bf16" if want else "f32"}
        if threads:  # a share of the machine (a Ray worker): not pinned, or workers pile onto one core
            config["INFERENCE_NUM_THREADS"] = int(threads)
            config["ENABLE_CPU_PINNING"] = False
        self.compiled = core.compile_model(graph, "CPU", config)
        self.bf16 = want
        self.request = self.compiled.create_infer_request()
        log.info("embedding with OpenVINO %s (%s)", ov.__version__, "bf16" if want else "fp32")

    def save(self, directory: Path) -> None:
        """Keep the converted model in ``directory`` (written aside, then renamed into place); a cache that
        cannot be written is logged and skipped: the next load converts again."""
        import openvino as ov

        directory = Path(directory)
        if directory.exists():
            return

        def write(tmp: Path) -> None:
            ov.save_model(self.graph, str(tmp / "model.xml"), compress_to_fp16=False)
            (tmp / "tokenizer.json").write_text(self.tok.to_str(), encoding="utf-8")
            meta = {"name": self.name, "dim": self.dim, "pad_id": self.pad_id, "inputs": self.names,
                    "max_tokens": self.max_tokens}
            (tmp / "meta.json").write_text(json.dumps(meta, indent=2), encoding="utf-8")  # written last

        if keep_dir(directory, write, "the converted embedding model", marker="meta.json"):
            self.graph = None
            log.info("converted embedding model kept in %s", directory)

    @classmethod
    def load(cls, directory: Path, precision: str = "auto", threads: int = 0) -> OpenVinoEncoder:
        """A converted model :meth:`save` kept; :class:`Unsupported` when there is none or it does not load."""
        directory = Path(directory)
        if not (directory / "meta.json").exists():
            raise Unsupported(f"nothing converted in {directory}")
        try:
            import openvino as ov
            from tokenizers import Tokenizer

            self = cls.__new__(cls)
            meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
            self.name, self.dim, self.pad_id = meta["name"], int(meta["dim"]), int(meta["pad_id"])
            self.names, self.max_tokens = list(meta["inputs"]), int(meta["max_tokens"])
            self.tok = Tokenizer.from_file(str(directory / "tokenizer.json"))
            self.tok.no_padding()
            self.tok.enable_truncation(self.max_tokens)
            self._compile(ov.Core().read_model(str(directory / "model.xml")), precision, threads)
        except Exception as exc:  # a damaged entry: convert again
            log.warning("the converted embedding model in %s does not load (%s: %s); converting again",
                        directory, type(exc).__name__, str(exc)[:120])
            raise Unsupported(f"cache entry {directory} does not load") from exc
        self.graph = None
        log.debug("embedding model read from %s", directory)
        return self

    def batches(self, texts: Sequence[str]) -> list[list[int]]:
        """The batches :meth:`encode` runs ``texts`` in (indices, by token count): a vector in bf16 depends on
        its batch-mates in the last bits, so an engine that splits the work sends these batches whole."""
        lengths = [len(e.ids) for e in self.tok.encode_batch([str(t).strip() for t in texts])]
        return _batches(sorted(range(len(texts)), key=lambda i: (lengths[i], i)), lengths, self.batch_size,
                        self.max_batch_tokens)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        encs = self.tok.encode_batch([str(t).strip() for t in texts])
        lengths = [len(e.ids) for e in encs]
        order = sorted(range(len(encs)), key=lambda i: (lengths[i], i))
        for idx in _batches(order, lengths, self.batch_size, self.max_batch_tokens):
            width = lengths[idx[-1]]
            feed = {"input_ids": np.full((len(idx), width), self.pad_id, dtype=np.int64),
                    "attention_mask": np.zeros((len(idx), width), dtype=np.int64),
                    "token_type_ids": np.zeros((len(idx), width), dtype=np.int64)}
            for r, i in enumerate(idx):
                e, n = encs[i], lengths[i]
                feed["input_ids"][r, :n], feed["attention_mask"][r, :n] = e.ids, e.attention_mask
                feed["token_type_ids"][r, :n] = e.type_ids
            out[idx] = self.request.infer({n: feed[n] for n in self.names})[0]
        return out


def _batches(order: list[int], lengths: list[int], rows: int, tokens: int) -> list[list[int]]:
    """``order`` (indices by ascending length) cut into batches of at most ``rows`` texts and ``tokens``
    padded tokens (a batch is as wide as its last, longest text); a text longer than ``tokens`` runs alone."""
    out: list[list[int]] = []
    cur: list[int] = []
    for i in order:
        if cur and (len(cur) == rows or (len(cur) + 1) * lengths[i] > tokens):
            out.append(cur)
            cur = []
        cur.append(i)
    if cur:
        out.append(cur)
    return out


def _pooling_mode(pooling) -> str:
    mode = getattr(pooling, "pooling_mode", None)  # sentence-transformers 6
    if mode is None and hasattr(pooling, "get_pooling_mode_str"):
        mode = pooling.get_pooling_mode_str()
    return mode if isinstance(mode, str) else "+".join(mode or ())


def _MeanPooled(model):  # noqa: N802 - builds a module class
    import torch

    class MeanPooled(torch.nn.Module):
        """The transformer, then the mean of its token states over the mask, L2-normalised."""

        def __init__(self):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids=None):
            kw = {"input_ids": input_ids, "attention_mask": attention_mask}
            if token_type_ids is not None:
                kw["token_type_ids"] = token_type_ids
            h = self.model(**kw).last_hidden_state
            w = attention_mask.unsqueeze(-1).to(h.dtype)
            return torch.nn.functional.normalize((h * w).sum(1) / w.sum(1).clamp(min=1e-9), dim=-1)

    return MeanPooled()


def native_bf16() -> bool:
    """Whether this CPU computes bf16 natively (AVX512-BF16 or AMX): there bf16 autocast embeds 1.6x faster at
    cosine 0.9999 to fp32 (benchmarks/embed_backends.py); elsewhere it would be emulated, and slower."""
    try:
        import torch

        return bool(torch.ops.mkldnn._is_mkldnn_bf16_supported())
    except Exception:  # pragma: no cover - an older torch
        return False
