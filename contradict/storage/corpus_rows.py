"""The store's corpus tables: articles and their claims, stories, facts, frame reads and a reader's marks (a part
of :class:`contradict.storage.store.Store`)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence

from contradict.storage import sql
from contradict.types import Article, Claim, ClaimRead, Fact, Story, content_hash


class CorpusRows:
    """Rows of what was read: one transaction per run writes them (:meth:`Store.transaction`)."""

    db: sqlite3.Connection

    def _rows(self, query: str, params: Sequence = ()) -> list[tuple] | None:
        """The rows of ``query``; None when its table does not exist: a read-only store of an earlier version,
        whose tables a later one added (a writable store gains them when opened)."""
        try:
            return self.db.execute(query, params).fetchall()
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return None
            raise

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
        rows = self._rows("SELECT id, label, articles, first, last FROM stories ORDER BY id") or []
        return [Story(i, label, tuple(json.loads(arts)), first or "", last or "") for i, label, arts, first, last in rows]

    def put_stories(self, stories: Iterable[Story]) -> None:
        """Replace the stored stories (inside the run's transaction)."""
        self.db.execute("DELETE FROM stories")
        sql.insert(self.db, "INSERT INTO stories",
                [(s.id, s.label, json.dumps(list(s.articles)), s.first, s.last) for s in stories])

    # ------------------------------------------------------------ facts (claims of a story that tell one fact)

    def facts(self) -> list[Fact]:
        """The facts of the last indexing run, by id ([] for an index made before facts)."""
        rows = self._rows("SELECT id, story, claims, about FROM facts ORDER BY id") or []
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
        if ids is None:
            rows = self._rows("SELECT claim, read FROM frame_reads ORDER BY claim") or []
        else:
            rows = []
            for part, marks in sql.in_parts(sorted(set(ids)), 900):
                rows += self._rows(f"SELECT claim, read FROM frame_reads WHERE claim IN ({marks}) ORDER BY claim",
                                   part) or []
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
        return {p: (v, n or "") for p, v, n in self._rows("SELECT pair, verdict, note FROM marks") or []}

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

    # ------------------------------------------------------------ rule differences read at index time

    def rule_reads(self) -> dict[str, tuple[str, str, str, str]] | None:
        """Pair id -> (slot, thing, value a, value b) of every candidate pair the last index run read for rule
        differences (slot "" where none is anchored); None when the index holds none (made before them, with frames
        off, or by another version of the anchor rules: see ``meta.rule_reads``)."""
        rows = self._rows("SELECT pair, slot, thing, a, b FROM rule_reads")
        if rows is None:
            return None
        return {p: (slot, thing, a, b) for p, slot, thing, a, b in rows}

    def put_rule_reads(self, reads: dict[str, tuple[str, str, str, str]]) -> None:
        """Replace the stored rule reads (inside the run's transaction)."""
        self.db.execute("DELETE FROM rule_reads")
        sql.insert(self.db, "INSERT INTO rule_reads", [(p, *reads[p]) for p in sorted(reads)])

    # ------------------------------------------------------------ the actor merge made at index time

    def actor_merge(self) -> tuple[str, str] | None:
        """The stored actor merge as (basis, text) (:mod:`contradict.stages.actor_merge`), None when there is
        none (an index made before version 4, or with frames off)."""
        rows = self._rows("SELECT basis, merge FROM actor_merge")
        return (rows[0][0], rows[0][1]) if rows else None

    def put_actor_merge(self, basis: str, text: str) -> None:
        """Replace the stored actor merge (inside the run's transaction)."""
        self.db.execute("DELETE FROM actor_merge")
        self.db.execute("INSERT INTO actor_merge VALUES (?, ?)", (basis, text))

