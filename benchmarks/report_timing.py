"""How long two checkouts of contradict take to report on one built index, run alternately in one script.

    python benchmarks/report_timing.py BEFORE_CHECKOUT AFTER_CHECKOUT INDEX_DIR [--runs 3]

Runs ``contradict report --index-dir INDEX_DIR --format json --top 0`` with each checkout on ``PYTHONPATH``,
alternately (before, after, before, ...), ``--runs`` times each after one untimed run of each (the index is read
from the page cache alike, and anything a first report writes is written). Prints each run's wall time, the
median of each checkout, and whether the two JSON reports are identical. Build the index first, e.g.
``contradict index ../shared/data/news/basil_triplets.jsonl --index-dir /tmp/basil``; the index is only read.
``--before-index DIR``: the before checkout reports on an index of its own (one it built: an index another version
wrote may hold frame reads or scores under names the before checkout does not read, and it would read them again
at every run); the two reports are then not compared.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _report(checkout: Path, index_dir: Path) -> tuple[float, str]:
    env = dict(os.environ, PYTHONPATH=str(checkout), HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "contradict", "report", "--index-dir", str(index_dir), "--format",
                        "json", "--top", "0", "-q"], capture_output=True, text=True, env=env, cwd=checkout)
    took = time.perf_counter() - t
    if p.returncode not in (0, 4):
        sys.exit(f"{checkout}: exit {p.returncode}: {p.stderr.strip()[-400:]}")
    return took, p.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("index_dir", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--before-index", type=Path, help="the index the before checkout reports on (default INDEX_DIR)")
    a = ap.parse_args()
    sides = {"before": a.before.resolve(), "after": a.after.resolve()}
    index_of = {"before": a.before_index or a.index_dir, "after": a.index_dir}
    outputs = {name: _report(path, index_of[name])[1] for name, path in sides.items()}  # untimed
    times: dict[str, list[float]] = {name: [] for name in sides}
    for k in range(a.runs):
        for name, path in sides.items():
            took, out = _report(path, index_of[name])
            times[name].append(took)
            print(f"run {k + 1} {name}: {took:.2f} s", flush=True)
            if out != outputs[name]:
                print(f"  {name}: this report differs from its first", flush=True)
    for name in sides:
        print(f"{name} ({sides[name]}): median {statistics.median(times[name]):.2f} s of "
              f"{', '.join(f'{t:.2f}' for t in times[name])}")
    print(f"speed-up: {statistics.median(times['before']) / statistics.median(times['after']):.2f}x")
    if a.before_index is None:
        print("reports identical" if outputs["before"] == outputs["after"] else "REPORTS DIFFER")


if __name__ == "__main__":
    main()
