"""The query CLI's pace (issue 41): `contradict query` and `contradict pair` on a built index, model loading
included, each command a fresh process, as a person runs them.

    python benchmarks/query_pace.py INDEX_DIR [--runs 3]

Each run copies INDEX_DIR (so no run reads scores an earlier one stored), asks five queries that were never
asked of it, and pairs two articles of one story after deleting every stored score between their claims
("nothing scored yet"). Prints each command's wall seconds per run and the medians, with the CPU class.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

QUERIES = (  # written for this benchmark: no corpus text
    "The Senate passed the spending bill on Tuesday night.",
    "The president fired the director of the FBI.",
    "Police arrested dozens of protesters outside the courthouse.",
    "The governor denied that he had resigned.",
    "The shutdown cost the economy billions of dollars.",
)


def two_articles(db: sqlite3.Connection) -> tuple[str, str]:
    """Two articles of the story with the most articles (ties by id)."""
    rows = sorted((json.loads(arts) for (arts,) in db.execute("SELECT articles FROM stories")),
                  key=lambda a: (-len(a), a))
    arts = next(a for a in rows if len(a) >= 2)
    return arts[0], arts[1]


def forget_scores(db: sqlite3.Connection, a: str, b: str) -> int:
    ha = [h for (h,) in db.execute("SELECT text_hash FROM claims WHERE article_id = ?", (a,))]
    hb = [h for (h,) in db.execute("SELECT text_hash FROM claims WHERE article_id = ?", (b,))]
    gone = 0
    for x in ha:
        for y in hb:
            gone += db.execute("DELETE FROM nli WHERE (premise = ? AND hypothesis = ?) OR (premise = ? AND "
                               "hypothesis = ?)", (x, y, y, x)).rowcount
    db.commit()
    return gone


def timed(cmd: list[str]) -> float:
    t = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, HF_HUB_OFFLINE="1"))
    took = time.perf_counter() - t
    if p.returncode != 0:
        sys.exit(f"{' '.join(cmd[2:5])} failed ({p.returncode}): {p.stderr[-800:]}")
    return took


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("index", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    from contradict.backends.int8 import cpu_class

    exe = [sys.executable, "-m", "contradict"]
    query_s: list[float] = []
    pair_s: list[float] = []
    for run in range(a.runs):
        with tempfile.TemporaryDirectory() as tmp:
            idx = Path(tmp) / "index"
            shutil.copytree(a.index, idx)
            (idx / "write.lock").unlink(missing_ok=True)
            db = sqlite3.connect(str(idx / "contradict.sqlite"))
            x, y = two_articles(db)
            forgot = forget_scores(db, x, y)
            db.close()
            for q in QUERIES:
                query_s.append(timed([*exe, "query", q, "--index-dir", str(idx), "--top", "5"]))
            pair_s.append(timed([*exe, "pair", x, y, "--index-dir", str(idx)]))
            print(f"run {run + 1}: queries {[round(s, 2) for s in query_s[-len(QUERIES):]]} s; pair {x} {y} "
                  f"({forgot} stored scores forgotten) {pair_s[-1]:.2f} s", flush=True)
    print(json.dumps({"cpu": cpu_class(), "query_median_s": round(statistics.median(query_s), 2),
                      "query_max_s": round(max(query_s), 2), "pair_median_s": round(statistics.median(pair_s), 2),
                      "queries": len(query_s), "pairs": len(pair_s)}, indent=1))


if __name__ == "__main__":
    main()
