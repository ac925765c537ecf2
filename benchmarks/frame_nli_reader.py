"""The shipped NLI model as a second relation reader (issue 39, item 3): measured, not wired in.

    python benchmarks/frame_nli_reader.py [--nli-model default] [--out /tmp/frame_nli.json]

For every labelled claim of ``benchmarks/frame_labels.json`` the spaCy reader finds the actor mentions; each
ordered pair of two actors is put to the NLI model as hypotheses ("A supports B.", "A threatens B.", "A opposes
B.", "A and B are allies.") with the claim (and the sentence before, when the reader uses it) as premise. A
relation is read when its P(entailment) is the largest of the four, at least ``t`` and above P(contradiction).
Relations are scored at the actor level as `frame_quality.py score` does, for the parse alone, the NLI alone and
their union, at each ``t`` of a grid: ``t`` is chosen on the development group (BASIL, abp_lcr) and the test group
(labelled after the rules froze) read at that ``t`` only.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from frame_quality import LABELS, _claims, _triple  # noqa: E402

from contradict.backends.nli import scorer_for  # noqa: E402
from contradict.settings import Settings  # noqa: E402
from contradict.stages import frames  # noqa: E402
from contradict.types import LABELS as NLI_LABELS  # noqa: E402
from contradict.types import Relation  # noqa: E402

TEMPLATES = {Relation.SUPPORTS: "{a} supports {b}.", Relation.THREATENS: "{a} threatens {b}.",
             Relation.OPPOSES: "{a} opposes {b}.", Relation.ALLIED: "{a} and {b} are allies."}
GRID = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
GROUPS = {"dev": ("basil", "abp_lcr"), "test": ("basil_test", "abp_lcr_test"), "tuning": ("seeds",)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--nli-model", default="default")
    ap.add_argument("--out", type=Path, default=Path("/tmp/frame_nli.json"))
    a = ap.parse_args()
    data = json.loads(LABELS.read_text())
    reader = frames.SpacyReader()
    scorer = scorer_for(Settings(nli_model=a.nli_model, nli_prefilter="none"))
    E, C = NLI_LABELS.index("entailment"), NLI_LABELS.index("contradiction")
    by_corpus: dict[str, list] = defaultdict(list)
    for lab in data["claims"]:
        by_corpus[lab["corpus"]].append(lab)
    rows = []  # per claim: wanted triples, parse triples, NLI candidates (triple, p_e, p_c, best of its pair)
    for corpus, labs in sorted(by_corpus.items()):
        cls = {c.id: c for c in _claims(corpus)}
        spell = data.get("actors", {}).get(corpus, {})
        labs = [lab for lab in labs if lab["id"] in cls]
        prev = frames.previous_texts(list(cls.values()))
        reads = reader.read([(cls[lab["id"]], prev.get(lab["id"], "")) for lab in labs])
        queries, owners = [], []
        for k, (lab, r) in enumerate(zip(labs, reads)):
            names = {}
            for m in r.mentions:
                if m.start >= 0:  # a mention of the claim itself, not resolved from the sentence before
                    names.setdefault(frames.mention_key(m.text), m.text)
            keys = sorted(names)
            for x in keys:
                for y in keys:
                    if x == y:
                        continue
                    for rel, t in TEMPLATES.items():
                        queries.append((cls[lab["id"]].text, t.format(a=names[x], b=names[y])))
                        owners.append((k, names[x], rel, names[y]))
        probs = scorer.score(queries) if queries else np.zeros((0, 3))
        per_claim: dict[int, list] = defaultdict(list)
        for (k, x, rel, y), p in zip(owners, probs):
            per_claim[k].append((_triple(x, rel.value, y, spell), float(p[E]), float(p[C]), (x, y)))
        for k, (lab, r) in enumerate(zip(labs, reads)):
            want = sorted({_triple(x["source"], x["relation"], x["target"], spell) for x in lab["relations"]})
            parse = sorted({_triple(lk.source.text, lk.relation.value, lk.target.text, spell) for lk in r.links})
            rows.append({"corpus": corpus, "id": lab["id"], "want": want, "parse": parse,
                         "nli": [list(t) + [pe, pc, list(pair)] for t, pe, pc, pair in per_claim[k]]})
        print(f"{corpus}: {len(labs)} claims, {len(queries)} hypotheses", file=sys.stderr)
    a.out.write_text(json.dumps(rows))
    report(rows)


def nli_triples(row: dict, t: float) -> set[tuple]:
    best: dict[tuple, tuple] = {}
    for src, rel, dst, pe, pc, pair in row["nli"]:
        key = tuple(pair)
        if pe >= t and pe > pc and (key not in best or pe > best[key][1]):
            best[key] = ((src, rel, dst), pe)
    return {v[0] for v in best.values()}


def measure(rows: list[dict], how: str, t: float) -> dict:
    c = Counter()
    for row in rows:
        want = {tuple(x) for x in row["want"]}
        parse = {tuple(x) for x in row["parse"]}
        got = parse if how == "parse" else nli_triples(row, t) if how == "nli" else parse | nli_triples(row, t)
        c["tp"] += len(want & got)
        c["fp"] += len(got - want)
        c["fn"] += len(want - got)
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else float("nan")
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else float("nan")
    return {"read": c["tp"] + c["fp"], "right": c["tp"], "labelled": c["tp"] + c["fn"], "precision": round(p, 3),
            "recall": round(r, 3)}


def report(rows: list[dict]) -> None:
    groups = {g: [r for r in rows if r["corpus"] in names] for g, names in GROUPS.items()}
    out = {"parse": {g: measure(rs, "parse", 0) for g, rs in groups.items()}}
    for how in ("nli", "union"):
        out[how] = {f"dev t={t}": measure(groups["dev"], how, t) for t in GRID}
    # t chosen on dev: the union's best F1 whose precision is at least the parse's on dev
    floor = out["parse"]["dev"]["precision"]

    def f1(m):
        return 0 if not m["precision"] == m["precision"] or not m["recall"] else \
            2 * m["precision"] * m["recall"] / (m["precision"] + m["recall"])

    ok = [t for t in GRID if out["union"][f"dev t={t}"]["precision"] >= floor - 1e-9]
    chosen = max(ok or GRID, key=lambda t: (f1(out["union"][f"dev t={t}"]), t))
    out["chosen_t (on dev)"] = chosen
    out["test at chosen t"] = {how: measure(groups["test"], how, chosen) for how in ("parse", "nli", "union")}
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
