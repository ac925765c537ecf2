"""SQLite store beside the faiss index: articles, claims, claim vectors, candidate pairs, NLI scores.

The store is the source of truth; the faiss index can always be rebuilt from it. Every change is
made inside one transaction, so a killed process leaves the store as it was before the change.
NLI scores are cached by (model, premise text hash, hypothesis text hash): nothing is scored twice.
The tables and their numbered migrations are in :mod:`contradict.storage.tables`.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shlex
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from contradict.errors import ContradictError, index_command
from contradict.storage.cache_rows import CacheRows
from contradict.storage.corpus_rows import CorpusRows
from contradict.storage.lock import index_dir_ready
from contradict.storage.tables import MIGRATIONS, SCHEMA, SCHEMA_VERSION

log = logging.getLogger(__name__)


def reindex_hint(index_dir: Path) -> str:
    """The hint for a store that cannot be used: start the index again, in the directory the user gave."""
    return f"move {shlex.quote(str(index_dir))} away and run {index_command('index PATH...', index_dir)} again"


class Store(CorpusRows, CacheRows):
    """One index's SQLite store: its connection, schema version and migrations, meta values, transactions and
    snapshots; the rows it holds are read and written by :class:`CorpusRows` and :class:`CacheRows`."""

    def __init__(self, path: Path, create: bool = True, timeout: float = 10.0):
        self.path = Path(path)
        if not self.path.exists() and not create:
            raise ContradictError(f"no index at {self.path.parent}",
                                  hint=f"run {index_command('index PATH...', self.path.parent)} first")
        self.read_only = self.path.exists() and not os.access(self.path.parent, os.W_OK)
        try:
            if self.read_only:  # a read-only index directory can still be reported on
                self.db = _connect_read_only(self.path, timeout)
            else:
                index_dir_ready(self.path.parent)
                self.db = sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None)
                self.db.execute("PRAGMA journal_mode = WAL")
                self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            version = self._meta("schema_version")
            if version is None and self.read_only:
                raise ContradictError(f"the store {self.path} is empty and its directory is read-only",
                                      hint="run `contradict index PATH...` with a writable --index-dir")
            if version is not None and not (version.isdigit() and 1 <= int(version) <= SCHEMA_VERSION):
                raise ContradictError(f"the store {self.path} has schema version {version}; this contradict "
                                      f"reads versions 1 to {SCHEMA_VERSION}", hint=reindex_hint(self.path.parent))
            self.schema_version = int(version) if version is not None else 0
            if not self.read_only and self.schema_version < SCHEMA_VERSION:
                self._migrate()
        except sqlite3.OperationalError as exc:
            raise _sqlite_error(self.path, exc) from exc
        except sqlite3.DatabaseError as exc:
            raise ContradictError(f"the store {self.path} is corrupt or not a contradict database ({exc})",
                                  hint=reindex_hint(self.path.parent)) from exc

    def _migrate(self) -> None:
        """Bring this (writable) store from its version up to SCHEMA_VERSION: SCHEMA for a new one, then each
        numbered migration it lacks, in one transaction."""
        with self.transaction():
            steps = [SCHEMA] if self.schema_version == 0 else []
            steps += [MIGRATIONS[v] for v in sorted(MIGRATIONS) if v > max(self.schema_version, 1)]
            for script in steps:
                for stmt in script.split(";"):
                    if stmt.strip():
                        self.db.execute(stmt)
            self.db.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
        if self.schema_version:
            log.info("store %s: schema version %d -> %d", self.path, self.schema_version, SCHEMA_VERSION)
        self.schema_version = SCHEMA_VERSION

    def close(self) -> None:
        self.db.close()

    def _meta(self, key: str) -> str | None:
        rows = self._rows("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def get_meta(self, key: str) -> str | None:
        return self._meta(key)

    def set_meta(self, key: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads inside see one consistent state of the store, whatever another process commits meanwhile."""
        self.db.execute("BEGIN")
        try:
            yield
        finally:
            self.db.execute("COMMIT")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _sqlite_error(self.path, exc) from exc
        try:
            yield
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        else:
            self.db.execute("COMMIT")

    # ------------------------------------------------------------ integrity

    def counts(self) -> dict[str, int]:
        return {t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in ("articles", "claims", "vectors", "candidates", "nli")}

    def checksum(self) -> str:
        """A hash of the store's logical content: articles, claims and candidate pairs, in a stable order.

        Claim vectors and NLI scores are caches (pure functions of model and text), kept across
        failed runs so that the next run resumes instead of starting over; they are not included.
        """
        h = hashlib.sha256()
        for table, order in (("articles", "id"), ("claims", "id"), ("candidates", "a, b")):
            for row in self.db.execute(f"SELECT * FROM {table} ORDER BY {order}"):
                h.update(repr(row).encode())
        return h.hexdigest()


def _connect_read_only(path: Path, timeout: float) -> sqlite3.Connection:
    """Open a store whose directory is read-only: ``mode=ro`` needs its WAL index file, so fall back to
    ``immutable=1`` (nothing may write it meanwhile: nothing can, the directory is read-only)."""
    uri = path.resolve().as_uri()
    try:
        db = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=timeout, isolation_level=None)
        db.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return db
    except sqlite3.OperationalError:
        return sqlite3.connect(f"{uri}?immutable=1", uri=True, timeout=timeout, isolation_level=None)


def _sqlite_error(path: Path, exc: Exception) -> ContradictError:
    msg = str(exc)
    if "disk is full" in msg or "disk I/O" in msg:
        return ContradictError(f"no space left for the store {path} ({msg})",
                               hint="free disk space and run again; what was stored before is intact")
    if "locked" in msg or "busy" in msg:
        return ContradictError(f"the store {path} is locked by another process",
                               hint="wait for the other contradict run to finish")
    if "readonly" in msg or "read-only" in msg or "unable to open" in msg:
        return ContradictError(f"cannot write the store {path} ({msg})",
                               hint="check that the index directory exists and is writable, or pass --index-dir")
    return ContradictError(f"store error in {path}: {msg}", hint=reindex_hint(path.parent))
