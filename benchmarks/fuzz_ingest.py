"""Fuzz the ingest path with random bytes for a while: every input must end as articles or
Problems, never an exception; claim spans must map back to the cleaned text.

    python benchmarks/fuzz_ingest.py [--seconds 180] [--seed 1]
"""

import argparse
import json
import random
import tempfile
import time
from pathlib import Path

from contradict.inputs.ingest import Problem, iter_articles
from contradict.stages.claims import extract

ap = argparse.ArgumentParser()
ap.add_argument("--seconds", type=float, default=180)
ap.add_argument("--seed", type=int, default=1)
a = ap.parse_args()
rng = random.Random(a.seed)
SEEDS = [b"The dam failed on Tuesday. ", b"[link](#) ", b"<p>para</p>", b'{"id": "x", "text": "', b'"}\n',
         b"\n\n", b"\xef\xbb\xbf", b"\xff\xfe", b"\x89PNG", "Плотина рухнула. ".encode(), b"U.S. Gen. Dec. 27. ",
         b"Copyright \xc2\xa9 2020", b"\x00", b"\xe9\xe8", b"...", b"\xe2\x80\x9cquoted\xe2\x80\x9d said X. "]
SUFFIXES = [".txt", ".md", ".html", ".json", ".jsonl"]
stats = {"files": 0, "articles": 0, "problems": 0, "claims": 0, "errors": []}
t0 = time.time()
with tempfile.TemporaryDirectory() as tmp:
    while time.time() - t0 < a.seconds:
        d = Path(tmp) / f"r{stats['files']}"
        d.mkdir()
        for k in range(rng.randint(1, 4)):
            parts = []
            for _ in range(rng.randint(0, 60)):
                parts.append(rng.choice(SEEDS) if rng.random() < 0.6 else rng.randbytes(rng.randint(1, 40)))
            (d / f"f{k}{rng.choice(SUFFIXES)}").write_bytes(b"".join(parts))
            stats["files"] += 1
        try:
            for item in iter_articles([d]):
                if isinstance(item, Problem):
                    stats["problems"] += 1
                    continue
                stats["articles"] += 1
                for c in extract(item):
                    stats["claims"] += 1
                    assert item.text[c.start:c.end] == c.text, "span does not map back"
        except Exception as exc:  # a finding
            stats["errors"].append(f"{d}: {type(exc).__name__}: {exc}")
stats["seconds"] = round(time.time() - t0, 1)
stats["errors"] = stats["errors"][:20]
print(json.dumps(stats, indent=2))
