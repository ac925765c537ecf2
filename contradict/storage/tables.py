"""The store's tables (:mod:`contradict.storage.store`): :data:`SCHEMA` (version 1) and the numbered
:data:`MIGRATIONS` that bring a store up to :data:`SCHEMA_VERSION`."""

from __future__ import annotations

SCHEMA_VERSION = 4  # the last of MIGRATIONS: a writable store of an earlier version is brought up to it on open

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles(
    id TEXT PRIMARY KEY, hash TEXT NOT NULL, title TEXT, source TEXT, date TEXT, path TEXT,
    text TEXT NOT NULL, meta TEXT, skipped_lines INTEGER, captions TEXT);
CREATE TABLE IF NOT EXISTS claims(
    id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position INTEGER, start INTEGER, "end" INTEGER, text TEXT NOT NULL, speaker TEXT, context TEXT,
    kind TEXT, text_hash TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS claims_article ON claims(article_id);
CREATE TABLE IF NOT EXISTS vectors(model TEXT, text_hash TEXT, vec BLOB NOT NULL, PRIMARY KEY(model, text_hash));
CREATE TABLE IF NOT EXISTS candidates(
    a TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    b TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    similarity REAL, reasons TEXT, shared TEXT, PRIMARY KEY(a, b));
CREATE INDEX IF NOT EXISTS candidates_b ON candidates(b);
CREATE TABLE IF NOT EXISTS nli(
    model TEXT, premise TEXT, hypothesis TEXT, contradiction REAL, entailment REAL, neutral REAL,
    PRIMARY KEY(model, premise, hypothesis));
"""
# numbered migrations: version -> the statements that bring a store of the version before up to it. A writable
# store runs the ones it lacks, in order, in one transaction, when it is opened; a read-only one is read as it is
# (readers of a table a version added find it missing and read nothing). Version 1 is SCHEMA. Stores written
# before migrations were numbered are version 1 with some of version 2's tables already made: every statement
# here may meet what it makes.
MIGRATIONS: dict[int, str] = {
    2: """
CREATE TABLE IF NOT EXISTS stories(id TEXT PRIMARY KEY, label TEXT NOT NULL, articles TEXT NOT NULL, first TEXT,
    last TEXT);
CREATE TABLE IF NOT EXISTS marks(pair TEXT PRIMARY KEY, verdict TEXT NOT NULL, note TEXT, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS facts(id TEXT PRIMARY KEY, story TEXT NOT NULL, claims TEXT NOT NULL, about TEXT);
CREATE TABLE IF NOT EXISTS frame_reads(claim TEXT PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    read TEXT NOT NULL);
""",
    3: """
CREATE TABLE IF NOT EXISTS rule_reads(pair TEXT PRIMARY KEY, slot TEXT NOT NULL, thing TEXT NOT NULL, a TEXT NOT NULL,
    b TEXT NOT NULL);
""",
    4: """
CREATE TABLE IF NOT EXISTS actor_merge(basis TEXT PRIMARY KEY, merge TEXT NOT NULL);
""",
}
assert max(MIGRATIONS) == SCHEMA_VERSION
