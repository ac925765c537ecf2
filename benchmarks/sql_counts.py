"""SQL statements it takes to index a corpus and report on it, with the unit tests' fakes (no model is loaded).

    python benchmarks/sql_counts.py [CORPUS]          # default ../shared/seeds

Three runs of the CLI in this process, each on a fresh index in a temporary directory:
``index CORPUS`` then ``report`` (two commands), and ``report CORPUS`` (one command that indexes, then reports).
Every statement SQLite runs on any connection the runs open is counted (``sqlite3.Connection.set_trace_callback``:
``executemany`` counts once per row, as SQLite runs it once per row). Prints one line per run and the statements
by kind (SELECT, INSERT, ...) of the one-command run.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from click.testing import CliRunner  # noqa: E402

from contradict import cli  # noqa: E402
from contradict.cli import app  # noqa: E402
from contradict.runs.pipeline import Pipeline  # noqa: E402
from tests.fakes import FakeEncoder, FakeFrameReader, FakeScorer  # noqa: E402

SEEDS = ROOT.parent / "shared" / "seeds"


class Counting:
    """Counts the statements of every sqlite3 connection opened while it is installed."""

    def __init__(self):
        self.kinds: Counter[str] = Counter()
        self._connect = sqlite3.connect

    def _trace(self, sql: str) -> None:
        self.kinds[sql.lstrip().split(None, 1)[0].upper() if sql.strip() else "?"] += 1

    def connect(self, *args, **kwargs):
        db = self._connect(*args, **kwargs)
        db.set_trace_callback(self._trace)
        return db

    def __enter__(self):
        sqlite3.connect = self.connect
        return self

    def __exit__(self, *exc):
        sqlite3.connect = self._connect

    @property
    def total(self) -> int:
        return sum(self.kinds.values())


def _fake_pipeline(ctx, progress=None, engine=False):
    return Pipeline(ctx.settings, progress=progress, encoder=FakeEncoder(), scorer=FakeScorer(),
                    frame_reader=FakeFrameReader())


def _run(*args: str) -> Counting:
    with Counting() as c:
        got = CliRunner().invoke(cli.main, list(args))
    if got.exit_code not in (0, 4):
        sys.exit(f"contradict {' '.join(args)}: exit {got.exit_code}\n{got.output[-2000:]}\n{got.exception!r}")
    return c


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=SEEDS)
    corpus = str(ap.parse_args().corpus)
    app.pipeline = _fake_pipeline
    with tempfile.TemporaryDirectory() as tmp:
        two, one = Path(tmp) / "two", Path(tmp) / "one"
        index = _run("index", corpus, "--index-dir", str(two), "-q")
        report = _run("report", "--index-dir", str(two), "--format", "json", "--top", "0", "-q")
        both = _run("report", corpus, "--index-dir", str(one), "--format", "json", "--top", "0", "-q")
    print(f"index {corpus}: {index.total} statements")
    print(f"report (from the index): {report.total} statements")
    print(f"index + report, two commands: {index.total + report.total} statements")
    print(f"report {corpus} (one command: index, then report): {both.total} statements")
    print("  by kind: " + ", ".join(f"{k} {n}" for k, n in both.kinds.most_common()))


if __name__ == "__main__":
    main()
