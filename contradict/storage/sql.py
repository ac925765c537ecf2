"""Bulk statements for the store: rows inserted, and ids looked up, a few thousand to a statement (SQLite runs an
``executemany`` once per row)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence

# bound parameters in one statement: at most this many (a statement of a few hundred kilobytes), and under the
# SQLite library's own limit (999 before SQLite 3.32)
_PARAMS = 30_000


def params(db: sqlite3.Connection) -> int:
    return min(_PARAMS, db.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER))


def insert(db: sqlite3.Connection, head: str, rows: Sequence[tuple]) -> None:
    """``head`` ("INSERT [OR ...] INTO table") with ``rows``, as many in one multi-row VALUES as the bound-parameter
    limit allows: a statement per few thousand rows, where ``executemany`` runs one per row. Rows are inserted in
    order, as by ``executemany`` (OR REPLACE keeps the last of a key, OR IGNORE the first)."""
    rows = list(rows)
    if not rows:
        return
    width = len(rows[0])
    one = "(" + ",".join("?" * width) + ")"
    per = max(1, params(db) // width)
    for k in range(0, len(rows), per):
        part = rows[k:k + per]
        db.execute(f"{head} VALUES {','.join([one] * len(part))}", [x for r in part for x in r])


def in_parts(ids: Sequence[str], size: int) -> Iterator[tuple[list[str], str]]:
    """``ids`` in parts of at most ``size`` (under SQLite's limit on bound parameters), each with the "?,?,..."
    an ``IN (...)`` of it needs."""
    for k in range(0, len(ids), size):
        part = list(ids[k:k + size])
        yield part, ",".join("?" * len(part))
