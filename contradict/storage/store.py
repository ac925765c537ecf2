"""SQLite store beside the faiss index: articles, claims, claim vectors, candidate pairs, NLI scores.

The store is the source of truth; the faiss index can always be rebuilt from it. Every change is
made inside one transaction, so a killed process leaves the store as it was before the change.
NLI scores are cached by (model, premise text hash, hypothesis text hash): nothing is scored twice.
The tables and their numbered migrations are in :mod:`contradict.storage.tables`.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shlex
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from contradict.errors import ContradictError, index_command
from contradict.storage import sql
from contradict.storage.lock import index_dir_ready
from contradict.storage.tables import MIGRATIONS, SCHEMA, SCHEMA_VERSION
from contradict.types import Article, Candidate, Claim, ClaimRead, Entity, Fact, Reason, Story, content_hash

log = logging.getLogger(__name__)


def reindex_hint(index_dir: Path) -> str:
    """The hint for a store that cannot be used: start the index again, in the directory the user gave."""
    return f"move {shlex.quote(str(index_dir))} away and run {index_command('index PATH...', index_dir)} again"


class Store:
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
        try:
            row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return None
            raise
        return row[0] if row else None

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

    # ------------------------------------------------------------ articles and claims

    def article_hashes(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT id, hash FROM articles"))

    def article_paths(self) -> dict[str, str]:
        return dict(self.db.execute("SELECT id, path FROM articles"))

    def put_article(self, art: Article, claims: Sequence[Claim]) -> None:
        """Insert or replace an article and its claims (call inside a transaction)."""
        self.db.execute("DELETE FROM articles WHERE id = ?", (art.id,))
        self.db.execute(
            "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?)",
            (art.id, art.hash, art.title, art.source, art.date, art.path, art.text,
             json.dumps(dict(art.meta), sort_keys=True), art.skipped_lines, json.dumps(list(art.captions))),
        )
        sql.insert(self.db, "INSERT OR IGNORE INTO claims",
                [(c.id, c.article_id, c.position, c.start, c.end, c.text, c.speaker, c.context, c.kind,
                  content_hash(c.text)) for c in claims])

    def delete_articles(self, ids: Iterable[str]) -> None:
        for part, marks in sql.in_parts(sorted(set(ids)), sql.params(self.db)):
            self.db.execute(f"DELETE FROM articles WHERE id IN ({marks})", part)

    def articles(self) -> list[Article]:
        rows = self.db.execute(
            "SELECT id, title, source, date, text, path, meta, skipped_lines, captions FROM articles ORDER BY id")
        return [Article(id=r[0], title=r[1] or "", source=r[2] or "", date=r[3] or "", text=r[4], path=r[5] or "",
                        meta=tuple(sorted(json.loads(r[6] or "{}").items())), skipped_lines=r[7] or 0,
                        captions=tuple(tuple(x) for x in json.loads(r[8] or "[]"))) for r in rows]

    # ------------------------------------------------------------ stories

    def stories(self) -> list[Story]:
        """The stories of the last indexing run, by id ([] for an index made before stories)."""
        try:
            rows = self.db.execute("SELECT id, label, articles, first, last FROM stories ORDER BY id").fetchall()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return []
            raise
        return [Story(i, label, tuple(json.loads(arts)), first or "", last or "") for i, label, arts, first, last in rows]

    def put_stories(self, stories: Iterable[Story]) -> None:
        """Replace the stored stories (inside the run's transaction)."""
        self.db.execute("DELETE FROM stories")
        sql.insert(self.db, "INSERT INTO stories",
                [(s.id, s.label, json.dumps(list(s.articles)), s.first, s.last) for s in stories])

    # ------------------------------------------------------------ facts (claims of a story that tell one fact)

    def facts(self) -> list[Fact]:
        """The facts of the last indexing run, by id ([] for an index made before facts)."""
        try:
            rows = self.db.execute("SELECT id, story, claims, about FROM facts ORDER BY id").fetchall()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return []
            raise
        return [Fact(i, story, tuple(json.loads(cl)), about or "") for i, story, cl, about in rows]

    def put_facts(self, facts: Iterable[Fact]) -> None:
        """Replace the stored facts (inside the run's transaction)."""
        self.db.execute("DELETE FROM facts")
        sql.insert(self.db, "INSERT OR REPLACE INTO facts",
                [(f.id, f.story, json.dumps(list(f.claims)), f.about) for f in facts])

    # ------------------------------------------------------------ what the frame reader found in claims

    def frame_reads(self, ids: Sequence[str] | None = None) -> list[ClaimRead]:
        """What the frame reader found in each claim that names an actor, by claim id ([] before frames); only
        the claims ``ids`` names, when given."""
        try:
            if ids is None:
                rows = self.db.execute("SELECT claim, read FROM frame_reads ORDER BY claim").fetchall()
            else:
                rows = []
                for part, marks in sql.in_parts(sorted(set(ids)), 900):
                    rows += self.db.execute(f"SELECT claim, read FROM frame_reads WHERE claim IN ({marks}) ORDER BY claim",
                                            part).fetchall()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):  # a read-only store of version 1: no frame reads yet
                return []
            raise
        return [ClaimRead.from_json(c, json.loads(r)) for c, r in rows]

    def put_frame_reads(self, reads: Iterable[ClaimRead], replace_all: bool = False) -> None:
        """Store reads (inside the run's transaction); claims that name no actor are not stored."""
        if replace_all:
            self.db.execute("DELETE FROM frame_reads")
        sql.insert(self.db, "INSERT OR REPLACE INTO frame_reads",
                [(r.claim_id, json.dumps(r.to_json(), sort_keys=True)) for r in reads if r.mentions])

    # ------------------------------------------------------------ a reader's marks on findings

    def marks(self) -> dict[str, tuple[str, str]]:
        """Pair id -> (verdict "right" | "wrong", note); kept whatever happens to the articles."""
        try:
            return {p: (v, n or "") for p, v, n in self.db.execute("SELECT pair, verdict, note FROM marks")}
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return {}
            raise

    def put_mark(self, pair: str, verdict: str, note: str, at: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO marks VALUES (?, ?, ?, ?)", (pair, verdict, note, at))

    def claims(self, article_id: str | None = None) -> list[Claim]:
        q = 'SELECT id, article_id, position, start, "end", text, speaker, context, kind FROM claims'
        rows = (self.db.execute(q + " WHERE article_id = ? ORDER BY position", (article_id,)) if article_id
                else self.db.execute(q + " ORDER BY article_id, position"))
        return [Claim(*r) for r in rows]

    def claim_counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT article_id, COUNT(*) FROM claims GROUP BY article_id"))

    def claim_ids(self, article_ids: Iterable[str]) -> list[str]:
        """The ids of the claims of these articles, by article id and position."""
        out = []
        for part, marks in sql.in_parts(sorted(set(article_ids)), sql.params(self.db)):
            out += [r[0] for r in self.db.execute(
                f"SELECT id FROM claims WHERE article_id IN ({marks}) ORDER BY article_id, position", part)]
        return out

    # ------------------------------------------------------------ vectors

    def cached_vectors(self, model: str, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of those of ``texts`` that have one (text -> vector), in a statement per
        few thousand texts."""
        by_hash = {content_hash(t): t for t in set(texts)}
        out = {}
        for part, marks in sql.in_parts(sorted(by_hash), sql.params(self.db) - 1):
            for h, vec in self.db.execute(f"SELECT text_hash, vec FROM vectors WHERE model = ? AND text_hash IN ({marks})",
                                          [model, *part]):
                out[by_hash[h]] = np.frombuffer(vec, dtype=np.float32)
        return out

    def put_vectors(self, model: str, texts: Sequence[str], vecs: np.ndarray) -> None:
        sql.insert(self.db, "INSERT OR REPLACE INTO vectors",
                [(model, content_hash(t), np.asarray(v, dtype=np.float32).tobytes()) for t, v in zip(texts, vecs)])

    # ------------------------------------------------------------ candidate pairs and NLI scores

    def candidate_keys(self) -> set[tuple[str, str]]:
        return set(self.db.execute("SELECT a, b FROM candidates"))

    def put_candidates(self, cands: Iterable[Candidate]) -> None:
        """Store candidate pairs; a pair already stored is kept as it is."""
        sql.insert(self.db, "INSERT OR IGNORE INTO candidates",
                [(c.a, c.b, c.similarity, _encode_reasons(c), json.dumps([e.encode() for e in c.shared]))
                 for c in cands])

    def candidates_touching(self, claim_ids: Iterable[str]) -> list[Candidate]:
        """The candidate pairs with ``claim_ids`` on either side, as :meth:`candidates` gives them."""
        out = {}
        for part, marks in sql.in_parts(sorted(set(claim_ids)), 400):  # each id bound twice
            for row in self.db.execute(
                    f"SELECT a, b, similarity, reasons, shared FROM candidates WHERE a IN ({marks}) OR b IN ({marks})",
                    part + part):
                out[(row[0], row[1])] = _candidate(*row)
        return [out[k] for k in sorted(out)]

    def candidates(self) -> list[Candidate]:
        """Every stored candidate pair, by claim ids."""
        return [_candidate(*row) for row in
                self.db.execute("SELECT a, b, similarity, reasons, shared FROM candidates ORDER BY a, b")]

    def cached_scores(self, model: str, pairs: Iterable[tuple[str, str]]) -> dict[tuple[str, str], tuple]:
        """The stored scores of those of the (premise, hypothesis) text ``pairs`` that have one: the rows of their
        premises, a statement per few thousand premises, kept where the hypothesis is one asked for."""
        hashes: dict[str, str] = {}
        want: dict[tuple[str, str], tuple[str, str]] = {}
        for p, h in pairs:
            hp = hashes.get(p) or hashes.setdefault(p, content_hash(p))
            hh = hashes.get(h) or hashes.setdefault(h, content_hash(h))
            want[(hp, hh)] = (p, h)
        out = {}
        for part, marks in sql.in_parts(sorted({hp for hp, _ in want}), sql.params(self.db) - 1):
            for hp, hh, *row in self.db.execute(
                    "SELECT premise, hypothesis, contradiction, entailment, neutral FROM nli "
                    f"WHERE model = ? AND premise IN ({marks})", [model, *part]):
                texts = want.get((hp, hh))
                if texts is not None:
                    out[texts] = tuple(row)
        return out

    def put_scores(self, model: str, pairs: Sequence[tuple[str, str]],
                   probs: Sequence[Sequence[float]] | np.ndarray) -> None:
        """probs rows are (contradiction, entailment, neutral)."""
        sql.insert(self.db, "INSERT OR REPLACE INTO nli",
                [(model, content_hash(p), content_hash(h), float(r[0]), float(r[1]), float(r[2]))
                 for (p, h), r in zip(pairs, probs)])

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


# A near-duplicate is stored as a candidate whose reasons end with this marker (the store's own encoding).
_DUPLICATE = "near-duplicate"


def _encode_reasons(c: Candidate) -> str:
    return json.dumps([r.text for r in c.reasons] + ([_DUPLICATE] if c.duplicate else []))


def _candidate(a: str, b: str, similarity: float, reasons: str, shared: str) -> Candidate:
    texts = json.loads(reasons)
    duplicate = _DUPLICATE in texts
    return Candidate(a, b, similarity, tuple(Reason.parse(t) for t in texts if t != _DUPLICATE),
                     tuple(Entity.decode(e) for e in json.loads(shared)), duplicate=duplicate)


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
