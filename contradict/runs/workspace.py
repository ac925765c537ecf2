"""The workspace: one index directory's store, its write lock and its faiss index, opened lazily and closed
together (a context manager). Runs take a workspace and a :class:`~contradict.runs.modelset.ModelSet`; they
never open a store of their own.
"""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager

from contradict.errors import ContradictError
from contradict.settings import Settings
from contradict.stages import anchors
from contradict.storage import snapshot as snapshot_mod
from contradict.storage.index import VectorIndex, rebuild_hint
from contradict.storage.lock import WriteLock
from contradict.storage.store import Store

log = logging.getLogger(__name__)


class Workspace:
    """The store (created on first write, or opened read-only), the re-entrant write lock, and what the last
    index run handed on while its lock is held (:meth:`snapshot`)."""

    def __init__(self, settings: Settings):
        self.s = settings
        self._store: Store | None = None
        self._lock: WriteLock | None = None
        self._lock_depth = 0
        self.handed: snapshot_mod.Handed | None = None  # the last index run's content, while its lock is held

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.s.store_path, timeout=self.s.db_timeout)
        return self._store

    def open_existing(self) -> Store:
        if self._store is None:
            self._store = Store(self.s.store_path, create=False, timeout=self.s.db_timeout)
        return self._store

    @property
    def reader(self) -> Store:
        """The store to read (and cache into, when writable): a read-only index is opened read-only."""
        return self.store if self.writable else self.open_existing()

    @property
    def writable(self) -> bool:
        """Whether this run may write to the index (a read-only directory can still be reported on)."""
        d = self.s.index_dir
        return os.access(d, os.W_OK) if d.exists() else True

    @property
    def locked(self) -> bool:
        return self._lock_depth > 0

    @contextmanager
    def writing(self, wait: bool = True, what: str = "contradict"):
        """Hold the index's write lock (re-entrant within this workspace): one writer at a time."""
        if self._lock_depth == 0:
            lock = WriteLock(self.s.index_dir, self.s.lock_timeout, wait=wait, what=what)
            lock.__enter__()
            self._lock = lock
        self._lock_depth += 1
        try:
            yield self._lock
        finally:
            self._lock_depth -= 1
            if self._lock_depth == 0:
                held, self._lock = self._lock, None
                self.handed = None  # another writer may change the index from now on
                if held is not None:
                    held.__exit__(None, None, None)

    def snapshot(self, score_model: str, frame_rules: str | None) -> snapshot_mod.Snapshot:
        """What a report reads: handed on by this workspace's index run when its write lock is still held (nothing
        else can have written since), else read from the store in bulk."""
        store = self.open_existing()
        rules = frame_rules if self.s.frames != "off" else None
        rule_rules = self.rule_reads_key if self.s.frames != "off" else None
        if self.handed is not None and self._lock_depth:
            return snapshot_mod.complete(self.handed, store, rules, score_model, rule_rules)
        return snapshot_mod.load(store, rules, score_model, rule_rules)

    @property
    def rule_reads_key(self) -> str:
        """What stored rule reads were made under (``meta.rule_reads``): the anchor rules and the spaCy pipeline
        that parsed; reads made under others are read again."""
        return f"{anchors.RULES_VERSION} {self.s.spacy_model}"

    def manifest(self) -> dict | None:
        """The index's manifest (None when there is none); a corrupt one raises :class:`ContradictError`."""
        return VectorIndex.read_manifest(self.s.index_dir)

    def load_index(self) -> VectorIndex:
        """The stored faiss index, for a query."""
        try:
            return VectorIndex.load(self.s.index_dir, expect_model=self.s.embed_model)
        except ContradictError:
            raise
        except Exception as exc:  # pragma: no cover - faiss oddities
            raise ContradictError(f"cannot read the index in {self.s.index_dir}: {exc}",
                                  hint=rebuild_hint(self.s.index_dir)) from exc

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
