"""The labelled abp_5k pairs (issue 36): counts, agreement, and checks that every label is well formed.

    python benchmarks/news_labels_stats.py                # counts by label, trap, kind, stratum, split, outlet pair
    python benchmarks/news_labels_stats.py --kappa        # Cohen's kappa on the double-labelled tenth
    python benchmarks/news_labels_stats.py --check FILE   # validate a labeller's file against pairs.jsonl

Files: benchmarks/news_labels/pairs.jsonl (the drawn pairs, ids only), labels/first_*.jsonl (one label per
pair), labels/second_*.jsonl (the independent second reading of a tenth). The outlet pair is read from
../shared when it is there.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent / "news_labels"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "abp_5k.jsonl"
LABELS = ("contradiction", "entailment", "neutral")
KINDS = ("factual", "number", "date", "place", "person", "denial", "framing", "other")
TRAPS = ("none", "same_quote", "rounding", "different_quantity", "bound", "different_time", "headline",
         "quoted_speaker", "negation_only", "different_entity", "other")


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def pairs() -> dict[str, dict]:
    return {r["pair"]: r for r in read_jsonl(HERE / "pairs.jsonl")}


def problems(row: dict, known: dict) -> list[str]:
    out = []
    if row.get("pair") not in known:
        out.append("unknown pair")
    if row.get("label") not in LABELS:
        out.append(f"label {row.get('label')!r}")
    if not isinstance(row.get("same_fact"), bool):
        out.append("same_fact not a boolean")
    if row.get("label") == "contradiction" and row.get("kind") not in KINDS:
        out.append(f"kind {row.get('kind')!r}")
    if row.get("trap", "none") not in TRAPS:
        out.append(f"trap {row.get('trap')!r}")
    if not row.get("reason") or len(str(row.get("reason")).split()) > 40:
        out.append("reason missing or over 40 words")
    return out


def labels(prefix: str) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for f in sorted((HERE / "labels").glob(f"{prefix}_*.jsonl")):
        for r in read_jsonl(f):
            out[r["pair"]] = r
    return out


def kappa(x: list[str], y: list[str]) -> float:
    n = len(x)
    if not n:
        return float("nan")
    po = sum(a == b for a, b in zip(x, y)) / n
    cx, cy = Counter(x), Counter(y)
    pe = sum(cx[k] * cy[k] for k in set(cx) | set(cy)) / (n * n)
    return (po - pe) / (1 - pe) if pe < 1 else float("nan")  # one class only on both sides: undefined


def outlets() -> dict[str, str]:
    if not SHARED.exists():
        return {}
    return {r["id"]: r["source"] for r in map(json.loads, SHARED.open(encoding="utf-8"))}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--kappa", action="store_true")
    ap.add_argument("--check", type=Path)
    a = ap.parse_args()
    known = pairs()
    if a.check:
        rows = read_jsonl(a.check)
        bad = [(r.get("pair"), p) for r in rows for p in [problems(r, known)] if p]
        dup = [k for k, n in Counter(r.get("pair") for r in rows).items() if n > 1]
        print(json.dumps({"rows": len(rows), "bad": bad[:20], "n_bad": len(bad), "duplicates": dup[:20]}, indent=1))
        sys.exit(1 if bad or dup else 0)
    first = labels("first")
    if a.kappa:
        second = labels("second")
        both = sorted(set(first) & set(second))
        x, y = [first[k]["label"] for k in both], [second[k]["label"] for k in both]
        binary = [lab == "contradiction" for lab in x], [lab == "contradiction" for lab in y]
        confusion = Counter(f"{p}->{q}" for p, q in zip(x, y))
        print(json.dumps({"pairs": len(both), "agreement": round(sum(p == q for p, q in zip(x, y)) / max(1, len(both)), 3),
                          "kappa_3way": round(kappa(x, y), 3),
                          "kappa_contradiction": round(kappa([str(v) for v in binary[0]], [str(v) for v in binary[1]]), 3),
                          "same_fact_kappa": round(kappa([str(first[k]["same_fact"]) for k in both],
                                                         [str(second[k]["same_fact"]) for k in both]), 3),
                          "confusion": dict(sorted(confusion.items()))}, indent=1))
        return
    src = outlets()
    rows = [(known[k], v) for k, v in first.items() if k in known]
    contra = [(p, v) for p, v in rows if v["label"] == "contradiction"]

    def count(it):
        return dict(Counter(it).most_common())

    print(json.dumps({
        "drawn": len(known), "labelled": len(rows),
        "by_label": count(v["label"] for _, v in rows),
        "same_fact": count(v["same_fact"] for _, v in rows),
        "by_kind (contradictions)": count(v.get("kind") for _, v in contra),
        "by_trap (non-contradictions)": count(v.get("trap", "none") for _, v in rows if v["label"] != "contradiction"),
        "by_split": {s: count(v["label"] for p, v in rows if p["split"] == s) for s in ("train", "dev", "test")},
        "by_stratum": {s: count(v["label"] for p, v in rows if p["stratum"] == s)
                       for s in sorted({p["stratum"] for p, _ in rows})},
        "by_outlet_pair (top 15)": dict(Counter(" / ".join(sorted((src.get(p["article_a"], "?"), src.get(p["article_b"], "?"))))
                                                for p, _ in rows).most_common(15)) if src else "needs ../shared",
        "contradictions_by_outlet_pair (top 10)": dict(Counter(" / ".join(sorted((src.get(p["article_a"], "?"),
                                                                                  src.get(p["article_b"], "?"))))
                                                               for p, _ in contra).most_common(10)) if src else None,
    }, indent=1))


if __name__ == "__main__":
    main()
