"""The Ray engine: the same stages as the local engine, their model work spread over a Ray cluster.

Workers are Ray actors (one CPU each) that load the models once and keep them: the claim encoder, the NLI
scorer and the frame reader, plus claim extraction. The driver (the ``contradict`` process) keeps everything
else: it splits each stage's work into slices, sends them to the workers, puts the results back in input
order and writes the store and the vector index itself, chunk by chunk as the local engine does, so SQLite and
the index files stay exactly as crash-safe. A worker that dies mid-stage is restarted by Ray and its slice
run again (``max_restarts``/``max_task_retries``); when no worker can finish it, the run stops with one line
and nothing stored changes beyond the committed caches, which the next run reuses.

What runs where: ingest (reading, cleaning: one pass over every file to count repeated lines) and the
stories, candidates and store stages run in the driver; claims, embedding, frame reading and NLI in the
workers. Results do not depend on the number of workers: every slice is computed by the same code as locally
and reassembled in order (the OpenVINO encoder's vectors do not depend on batch-mates; NLI reads one pair
per run).

    contradict batch inbox/ --engine ray                     # a local Ray with one worker per core
    contradict batch inbox/ --engine ray --ray-address auto  # the cluster started with `ray start`
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from contradict.errors import ContradictError, Exit
from contradict.settings import Settings
from contradict.types import Article, Claim, ClaimRead

log = logging.getLogger(__name__)

EXTRA_HINT = "pip install 'contradict[ray]'"


def _ray():
    try:
        import ray
    except ImportError as exc:
        raise ContradictError("the Ray engine needs Ray, which is not installed", hint=EXTRA_HINT,
                              exit_code=Exit.USAGE) from exc
    return ray


def _reachable(address: str, timeout: float = 3.0) -> None:
    """Fail at once, in one line, for a host:port nobody listens on (Ray itself retries for minutes)."""
    import socket

    if address == "auto" or address.startswith("local"):
        return
    hostport = address.split("://", 1)[-1].rstrip("/")
    host, _, port = hostport.rpartition(":")
    if not host or not port.isdigit():
        raise ContradictError(f"--ray-address {address!r} is not HOST:PORT, ray://HOST:PORT or auto",
                              exit_code=Exit.USAGE)
    try:
        socket.create_connection((host, int(port)), timeout=timeout).close()
    except OSError as exc:
        raise ContradictError(f"no Ray cluster answers at {address} ({exc.strerror or exc})",
                              hint="start it with `ray start --head` there, or leave out --ray-address for a "
                                   "local Ray") from exc


class RayEngine:
    """A pool of Ray workers holding the models named by ``settings``; ``close()`` releases them.

    ``address``: None starts a local Ray with ``workers`` CPUs (one worker per core by default); "auto" or
    "ray://host:10001" joins a running cluster, which then has as many workers as asked (default: its CPUs).
    ``factories`` (tests) replaces the model loaders: a picklable object with ``encoder()``, ``scorer()`` and
    ``reader()``, called in each worker.
    """

    def __init__(self, settings: Settings, address: str | None = None, workers: int | None = None,
                 factories=None, runtime_env: dict | None = None):
        ray = _ray()
        self.ray = ray
        self.started = False
        if address:
            _reachable(address)
        if not ray.is_initialized():
            kw: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.WARNING}
            if runtime_env:
                kw["runtime_env"] = runtime_env
            try:
                if address:
                    ray.init(address=address, **kw)
                else:
                    ray.init(num_cpus=workers or os.cpu_count() or 1, **kw)
            except Exception as exc:  # no cluster at the address, a port in use, ...
                raise ContradictError(f"cannot start or join Ray{f' at {address}' if address else ''}: "
                                      f"{str(exc).splitlines()[0][:200]}",
                                      hint="start the cluster with `ray start --head`, or leave out --ray-address "
                                           "for a local Ray") from exc
            self.started = True
        n = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        one = replace(settings, threads=1, frame_processes=1)  # one core each: the workers are the parallelism
        worker = ray.remote(num_cpus=1, max_restarts=3, max_task_retries=3)(_Worker)
        self.workers = [worker.remote(one, factories) for _ in range(n)]
        self.spacy_model = None if factories is not None else settings.spacy_model  # the driver's own parse
        self.names = ray.get(self.workers[0].names.remote())  # loads the first worker's models: errors surface here
        log.info("Ray engine: %d workers (%s)", n, ", ".join(f"{k} {v}" for k, v in self.names.items()))

    # ------------------------------------------------------------ spreading work

    def map(self, method: str, items: Sequence, slice_size: int | None = None) -> list:
        """``method`` of the workers over ``items`` in slices, one slice per worker at a time; results in order."""
        items = list(items)
        if not items:
            return []
        size = slice_size or max(1, -(-len(items) // len(self.workers)))
        slices = [items[k:k + size] for k in range(0, len(items), size)]
        pending: dict[Any, tuple[int, Any]] = {}
        out: list[Any] = [None] * len(slices)
        free = list(self.workers)
        nxt = 0
        try:
            while nxt < len(slices) or pending:
                while free and nxt < len(slices):
                    w = free.pop()
                    pending[getattr(w, method).remote(slices[nxt])] = (nxt, w)
                    nxt += 1
                done, _ = self.ray.wait(list(pending), num_returns=1)
                k, w = pending.pop(done[0])
                out[k] = self.ray.get(done[0])
                free.append(w)
        except self.ray.exceptions.RayError as exc:
            raise ContradictError(f"a Ray worker failed in {method}: {str(exc).splitlines()[0][:200]}",
                                  hint="the run stored nothing of this stage; run it again to complete it") from exc
        return [r for part in out for r in part]

    def encoder(self) -> RayEncoder:
        return RayEncoder(self, self.names["encoder"], self.names["dim"])

    def scorer(self) -> RayScorer:
        return RayScorer(self, self.names["scorer"])

    def reader(self) -> RayReader:
        return RayReader(self) if self.spacy_model is None else ParsingRayReader(self, self.spacy_model)

    def extract(self, articles: Sequence[Article], max_claims: int) -> dict[str, list[Claim]]:
        """Claims of each article (article id -> claims in reading order), extracted in the workers."""
        got = self.map("extract", [(a, max_claims) for a in articles], slice_size=64)
        return {a.id: cs for a, cs in zip(articles, got)}

    def pids(self) -> list[int]:
        return self.ray.get([w.pid.remote() for w in self.workers])

    def close(self) -> None:
        for w in self.workers:
            self.ray.kill(w)
        self.workers = []
        if self.started:
            self.ray.shutdown()
            self.started = False


class RayEncoder:
    """The encoder protocol over the engine's workers: each embeds a slice, vectors come back in order."""

    def __init__(self, engine: RayEngine, name: str, dim: int):
        self.engine, self.name, self.dim = engine, name, dim

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        plan = self.engine.map("plan", [list(texts)], slice_size=1)[0]
        if plan is None:  # an encoder whose vectors do not depend on their batch-mates' (or that says nothing)
            return np.stack(self.engine.map("encode", texts)).astype(np.float32)
        # the batches the local encoder runs, each sent whole: the same vectors, bit for bit, as a local run
        groups = [[texts[i] for i in idx] for idx in plan]
        size = max(1, -(-len(groups) // len(self.engine.workers)))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for idx, vecs in zip(plan, self.engine.map("encode_groups", groups, slice_size=size)):
            out[idx] = np.stack(vecs)
        return out


class RayScorer:
    """The scorer protocol over the engine's workers (directional pairs in, [n, 3] probabilities out)."""

    def __init__(self, engine: RayEngine, name: str):
        self.engine, self.name = engine, name

    def score(self, pairs: Sequence[tuple[str, str]], progress: Callable | None = None) -> np.ndarray:
        if not pairs:
            return np.zeros((0, 3), dtype=np.float32)
        # a pair and its reverse stay in one slice: slices of an even size keep both_ways' neighbours together
        size = max(2, -(-len(pairs) // len(self.engine.workers)))
        out = np.stack(self.engine.map("score", list(pairs), slice_size=size + size % 2)).astype(np.float32)
        if progress:
            progress(len(pairs), len(pairs))
        return out


class RayReader:
    """The frame reader protocol over the engine's workers."""

    def __init__(self, engine: RayEngine):
        self.engine = engine

    def read(self, items: Sequence[tuple[Claim, str]]) -> list[ClaimRead]:
        return self.engine.map("read", list(items))


class ParsingRayReader(RayReader):
    """A Ray reader on the real models, with the driver's own spaCy pipeline (loaded on first use) for the few
    claims the driver parses itself: the report's rule differences, anchored as a local run anchors them
    (:mod:`contradict.stages.anchors`; without it a Ray run's report read the numeric rule unanchored)."""

    def __init__(self, engine: RayEngine, model: str):
        super().__init__(engine)
        self.model, self._nlp = model, None

    @property
    def nlp(self):
        if self._nlp is None:
            from contradict.stages.frames import load_spacy

            self._nlp = load_spacy(self.model)
        return self._nlp


class _Worker:
    """One Ray actor: a model set without a workspace, whose encoder, scorer and frame reader (loaded on first use
    from the settings, as in the driver, or built by ``factories``) serve the engine's slices."""

    def __init__(self, settings: Settings, factories=None):
        from contradict.runs.modelset import ModelSet

        try:  # the worker's one core
            import torch

            torch.set_num_threads(1)
        except Exception:  # pragma: no cover
            pass
        models = {} if factories is None else {"encoder": factories.encoder(), "scorer": factories.scorer(),
                                                "frame_reader": factories.reader()}
        # the worker parses; the driver's reader confirms the links with the relation model (runs/modelset.py)
        self.models = ModelSet(replace(settings, relation_model="none"), **models)
        self._nli = models.get("scorer")

    @property
    def scorer(self):
        """The cross-encoders without the gate: the driver gates (it holds the claims' vectors), so a pair is
        gated once and scores are cached under the name a local run gives them."""
        if self._nli is None:
            from contradict.backends.nli import scorer_for

            self._nli = scorer_for(self.models.nli_settings(), None)
        return self._nli

    def names(self) -> dict:
        enc = self.models.encoder
        return {"encoder": enc.name, "dim": int(enc.dim), "scorer": self.scorer.name}

    def pid(self) -> int:
        return os.getpid()

    def encode(self, texts):
        return list(self.models.encoder.encode(texts))

    def plan(self, texts_lists):
        batches = getattr(self.models.encoder, "batches", None)
        return [batches(texts) if batches else None for texts in texts_lists]

    def encode_groups(self, groups):
        return [list(self.models.encoder.encode(g)) for g in groups]

    def score(self, pairs):
        return list(self.scorer.score(pairs))

    def read(self, items):
        return self.models.frame_reader.read(items)

    def extract(self, jobs):
        from contradict.stages.claims import extract

        nlp = self.models.speaker_nlp  # the worker's frame reader's pipeline: speakers from the parse
        return [extract(a, n, nlp=nlp) for a, n in jobs]
