"""Behaviour unchanged? JSON reports on the same corpora, made by two versions of contradict, compared.

    python benchmarks/report_diff.py make OUT_DIR [--nli-model M --nli-prefilter P]   # with this checkout
    python benchmarks/report_diff.py compare BEFORE_DIR AFTER_DIR

``make`` indexes examples/, ../shared/seeds and ../shared/data/news/basil_triplets.jsonl each into a
fresh index and writes ``<corpus>.json`` (``contradict report --format json --top 0``). Pin the models
(``--nli-model`` a directory) so that a model change does not hide or fake a code change. ``compare``
prints, per corpus, ``identical`` or the first differences (a JSON path and both values); keys that
only one side has are listed apart (a newer version may add keys). Timings are not part of a report.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPORA = {"examples": ROOT / "examples", "seeds": SHARED / "seeds",
           "basil": SHARED / "data" / "news" / "basil_triplets.jsonl"}


def make(out: Path, model: list[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    bin_dir = Path(sys.executable).parent
    for name, path in CORPORA.items():
        if not path.exists():
            print(f"{name}: {path} not found, skipped", file=sys.stderr)
            continue
        with tempfile.TemporaryDirectory() as tmp:
            t = time.perf_counter()
            # a path relative to the checkout: reports made in two checkouts name their articles alike
            rel = os.path.relpath(path, ROOT)
            p = subprocess.run([str(bin_dir / "contradict"), "report", rel, "--index-dir", tmp, "--format", "json",
                                "--top", "0", *model], capture_output=True, text=True, cwd=ROOT)
            if p.returncode not in (0, 4):
                sys.exit(f"{name}: exit {p.returncode}: {p.stderr.strip()[-400:]}")
            (out / f"{name}.json").write_text(p.stdout)
            print(f"{name}: {time.perf_counter() - t:.0f} s", file=sys.stderr)


def differences(a, b, path="$", only_a=None, only_b=None, out=None):
    out = [] if out is None else out
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in b:
                only_a.append(f"{path}.{k}")
            elif k not in a:
                only_b.append(f"{path}.{k}")
            else:
                differences(a[k], b[k], f"{path}.{k}", only_a, only_b, out)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append((f"{path} (length)", len(a), len(b)))
        for k, (x, y) in enumerate(zip(a, b)):
            differences(x, y, f"{path}[{k}]", only_a, only_b, out)
    elif a != b:
        out.append((path, a, b))
    return out


def compare(before: Path, after: Path) -> int:
    changed = 0
    for name in CORPORA:
        fa, fb = before / f"{name}.json", after / f"{name}.json"
        if not (fa.exists() and fb.exists()):
            print(f"{name}: missing on one side")
            changed += 1
            continue
        only_a: list = []
        only_b: list = []
        a, b = json.loads(fa.read_text()), json.loads(fb.read_text())
        diff = differences(a, b, only_a=only_a, only_b=only_b)
        shape = f"{len(a['articles'])} articles, {len(a['pairs'])} pairs, {len(a['tensions'])} tensions"
        if not diff and not only_a:
            extra = f"; keys only after: {', '.join(sorted({p.split('[')[0] for p in only_b}))}" if only_b else ""
            print(f"{name}: identical ({shape}){extra}")
        else:
            changed += 1
            print(f"{name}: {len(diff)} differences, {len(only_a)} keys only before ({shape})")
            for p, x, y in diff[:10]:
                print(f"  {p}: {json.dumps(x)[:100]} -> {json.dumps(y)[:100]}")
            for p in only_a[:5]:
                print(f"  only before: {p}")
    return 1 if changed else 0


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    m = sub.add_parser("make")
    m.add_argument("out", type=Path)
    m.add_argument("--nli-model")
    m.add_argument("--nli-prefilter")
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    a = ap.parse_args()
    if a.cmd == "make":
        model = (["--nli-model", a.nli_model] if a.nli_model else []) + (
            ["--nli-prefilter", a.nli_prefilter] if a.nli_prefilter else [])
        make(a.out, model)
    else:
        sys.exit(compare(a.before, a.after))


if __name__ == "__main__":
    main()
