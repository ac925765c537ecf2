"""The rule differences of a built index's candidate pairs under the current rules, beside the reads the index stored
(the rules it was built under): what a change of the slot rules adds and removes, on a corpus of any size, without
scoring anything again (issue 37).

    python benchmarks/slot_rules_diff.py INDEX_DIR CORPUS.jsonl > diff.jsonl   # claim text: keep it out of the repo

Each line: the pair, its story, the stored read and the current one (slot, thing, values), and both claims with
their articles, for reading. A pair is listed by a report as a rule finding unless its NLI reads entailment; that
is not checked here. Pairs that new fact links would add are not seen (the candidates are the stored ones).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from contradict.settings import Settings
from contradict.stages import aggregate, anchors
from contradict.stages import stories as stories_mod
from contradict.stages.frame_reader import load_spacy
from contradict.storage.store import Store


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("index", type=Path)
    ap.add_argument("corpus", type=Path)
    a = ap.parse_args()
    store = Store(a.index / "contradict.sqlite", create=False)
    claims = {c.id: c for c in store.claims()}
    articles = {x.id: x for x in store.articles()}
    story_of = stories_mod.story_of(store.stories())
    days = {x.id: x.day for x in articles.values()}
    titles = {}
    with open(a.corpus, encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            titles[r["id"]] = r.get("title", "")
    neutral = {"contradiction": 0.0, "entailment": 0.0, "neutral": 1.0}
    pairs = [aggregate.make_pair(claims[c.a], claims[c.b], "neutral", neutral, c.similarity, c.reasons, c.shared)
             for c in store.candidates() if not c.duplicate and c.a in claims and c.b in claims]
    stored = store.rule_reads() or {}
    now = anchors.reads_of(pairs, anchors.rule_differences(pairs, story_of, days, load_spacy(Settings().spacy_model)))
    by_id = {p.id: p for p in pairs}
    for pid in sorted(now):
        old, new = tuple(stored.get(pid, ("", "", "", ""))), tuple(now[pid])
        if not old[0] and not new[0]:
            continue
        p = by_id[pid]
        row = {"pair": pid, "story": story_of.get(p.a.article_id), "stored": list(old), "now": list(new),
               "change": "same" if old == new else "added" if not old[0] else "removed" if not new[0] else "changed"}
        for side, c in (("a", p.a), ("b", p.b)):
            art = articles[c.article_id]
            row[side] = {"article": c.article_id, "source": art.source, "date": art.date,
                         "title": titles.get(c.article_id, ""), "claim": c.text}
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
