"""Draw cross-article claim pairs from an abp_5k index for labelling by reading (issue 36).

    contradict index ../shared/data/news/abp_5k.jsonl --index-dir /tmp/abp5k --pair-budget 20000
    python benchmarks/news_pairs_sample.py /tmp/abp5k --out benchmarks/news_labels/pairs.jsonl
    python benchmarks/news_pairs_sample.py /tmp/abp5k --pairs benchmarks/news_labels/pairs.jsonl \
        --render /tmp/labelwork --batch-size 300        # the reading sheets, outside the repository

Pairs are drawn as the product meets them, in strata (``STRATA``): the candidate pairs the index chose, within a
story and across stories, at every P(contradiction) the shipped cascade gave them (and candidates the pair budget
left unscored), and same-story pairs the candidates may miss that carry what contradictions are made of
(different numbers, dates or weekdays, a name in place of another, a negation on one side only, a headline, a
quoted speaker), plus same-story pairs at random. A pair is kept in the first stratum that draws it. The split
is by story (an article outside any story is its own key): ``split_of``. Only ids are written; the sheets that
``--render`` writes hold the text and stay outside the repository (the corpus is not ours to copy).

Only abp_5k may be sampled: the data rules keep BASIL, abp_lcr, PAC, the seeds and data/heldout for evaluation.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sqlite3
import sys
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from contradict.stages.pairs import entities  # noqa: E402
from contradict.types import EntityKind, content_hash  # noqa: E402

SEED = 36
# stratum -> how many pairs to draw. "cand" pools are the index's candidate pairs (same story or not) by the
# cascade's P(contradiction), the larger of both directions; "story" pools are same-story pairs by feature.
STRATA = {
    "story-cand-hi": 500, "story-cand-mid": 450, "story-cand-lo": 300, "story-cand-unscored": 150,
    "cross-cand-hi": 400, "cross-cand-mid": 300, "cross-cand-lo": 200, "cross-cand-unscored": 100,
    "story-number": 900, "story-date": 400, "story-name": 500, "story-negation": 500,
    "story-headline": 300, "story-quote": 300, "story-random": 300,
}  # a pool smaller than its quota is taken whole (on abp_5k: story-cand-hi 113, cross-cand-hi 33, mid 444 / 60)
HI, LO = 0.5, 0.05  # P(contradiction) bins: hi >= HI > mid >= LO > lo
STORY_MIN_COSINE = 0.45  # same-story pairs below this are about different things nearly always
NEGATION = re.compile(r"\b(not|no|never|n't|neither|nor|denied|denies|deny|false|refused|rejected)\b", re.I)
WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I)
SPLITS = (("test", 0.25), ("dev", 0.15), ("train", 0.60))  # a few large stories hold many pairs


def split_of(key: str) -> str:
    """train / dev / test by a hash of the story key: stable, independent of what else was drawn."""
    u = int(hashlib.sha256(f"split:{key}".encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    acc = 0.0
    for name, share in SPLITS:
        acc += share
        if u < acc:
            return name
    return SPLITS[-1][0]


def load(index: Path):
    db = sqlite3.connect(f"file:{index / 'contradict.sqlite'}?mode=ro", uri=True)
    arts = {r[0]: {"id": r[0], "title": r[1] or "", "source": r[2] or "", "date": r[3] or ""}
            for r in db.execute("SELECT id, title, source, date FROM articles")}
    claims = {r[0]: {"id": r[0], "article": r[1], "position": r[2], "text": r[3], "speaker": r[4] or "",
                     "context": r[5] or "", "kind": r[6] or "sentence", "hash": r[7]}
              for r in db.execute("SELECT id, article_id, position, text, speaker, context, kind, text_hash "
                                  "FROM claims")}
    story_of = {}
    for sid, members in db.execute("SELECT id, articles FROM stories"):
        members = json.loads(members)
        if len(members) > 1:
            for a in members:
                story_of[a] = sid
    cands = [(a, b, sim) for a, b, sim in db.execute("SELECT a, b, similarity FROM candidates ORDER BY a, b")]
    model = db.execute("SELECT model FROM nli GROUP BY model ORDER BY count(*) DESC LIMIT 1").fetchone()
    scores = {}
    if model:
        for p, h, c in db.execute("SELECT premise, hypothesis, contradiction FROM nli WHERE model=?", model):
            scores[(p, h)] = c
    vec_model = db.execute("SELECT model FROM vectors GROUP BY model ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    vectors = {h: np.frombuffer(v, dtype=np.float32) for h, v in
               db.execute("SELECT text_hash, vec FROM vectors WHERE model=?", (vec_model,))}
    return arts, claims, story_of, cands, scores, (model[0] if model else ""), vectors


def scored_text(c: dict) -> str:
    return f"{c['context']} {c['text']}" if c["context"] else c["text"]


def p_contradiction(scores, a: dict, b: dict) -> float | None:
    ha, hb = content_hash(scored_text(a)), content_hash(scored_text(b))
    got = [scores.get((ha, hb)), scores.get((hb, ha))]
    got = [g for g in got if g is not None]
    return max(got) if got else None


def features(text: str) -> dict:
    ents = entities(text)
    return {"names": {e.value.lower() for e in ents if e.kind == EntityKind.NAME},
            "numbers": {e.value for e in ents if e.kind == EntityKind.NUMBER},
            "dates": {e.value for e in ents if e.kind == EntityKind.DATE} | {w.lower() for w in WEEKDAY.findall(text)},
            "negated": bool(NEGATION.search(text))}


def story_strata(fa: dict, fb: dict, a: dict, b: dict) -> list[str]:
    out = []
    shared_names = fa["names"] & fb["names"]
    if shared_names and fa["numbers"] and fb["numbers"] and fa["numbers"] != fb["numbers"]:
        out.append("story-number")
    if fa["dates"] and fb["dates"] and fa["dates"] != fb["dates"]:
        out.append("story-date")
    if shared_names and (fa["names"] - fb["names"]) and (fb["names"] - fa["names"]):
        out.append("story-name")
    if fa["negated"] != fb["negated"]:
        out.append("story-negation")
    if a["kind"] == "heading" or b["kind"] == "heading":
        out.append("story-headline")
    if a["speaker"] or b["speaker"]:
        out.append("story-quote")
    return out


def sample(index: Path, seed: int = SEED) -> list[dict]:
    arts, claims, story_of, cands, scores, model, vectors = load(index)
    pools: dict[str, list[tuple]] = defaultdict(list)
    info: dict[tuple, dict] = {}
    for a, b, sim in cands:
        ca, cb = claims.get(a), claims.get(b)
        if not ca or not cb or ca["article"] == cb["article"]:
            continue
        same = story_of.get(ca["article"]) is not None and story_of.get(ca["article"]) == story_of.get(cb["article"])
        p = p_contradiction(scores, ca, cb)
        where = "story" if same else "cross"
        band = "unscored" if p is None else "hi" if p >= HI else "mid" if p >= LO else "lo"
        pools[f"{where}-cand-{band}"].append((a, b))
        info[(a, b)] = {"similarity": round(float(sim), 4), "p_contradiction": None if p is None else round(p, 4),
                        "candidate": True}
    # same-story pairs by feature, whether or not the candidates hold them
    by_article: dict[str, list[str]] = defaultdict(list)
    for cid in sorted(claims):
        by_article[claims[cid]["article"]].append(cid)
    members: dict[str, list[str]] = defaultdict(list)
    for art, sid in story_of.items():
        members[sid].append(art)
    feats: dict[str, dict] = {}
    for sid in sorted(members):
        arts_in = sorted(members[sid])
        for i, x in enumerate(arts_in):
            for y in arts_in[i + 1:]:
                xs = [c for c in by_article[x] if claims[c]["hash"] in vectors]
                ys = [c for c in by_article[y] if claims[c]["hash"] in vectors]
                if not xs or not ys:
                    continue
                vx = np.stack([vectors[claims[c]["hash"]] for c in xs])
                vy = np.stack([vectors[claims[c]["hash"]] for c in ys])
                sims = vx @ vy.T
                for i2, j2 in zip(*np.nonzero(sims >= STORY_MIN_COSINE)):
                    a, b = sorted((xs[i2], ys[j2]))
                    for c in (a, b):
                        if c not in feats:
                            feats[c] = features(claims[c]["text"])
                    kinds = story_strata(feats[a], feats[b], claims[a], claims[b]) + ["story-random"]
                    for k in kinds:
                        pools[k].append((a, b))
                    if (a, b) not in info:
                        ca, cb = claims[a], claims[b]
                        p = p_contradiction(scores, ca, cb)
                        info[(a, b)] = {"similarity": round(float(sims[i2, j2]), 4),
                                        "p_contradiction": None if p is None else round(p, 4), "candidate": False}
    rng = random.Random(seed)
    taken: dict[tuple, str] = {}
    for stratum, n in STRATA.items():
        pool = sorted(set(pools.get(stratum, ())) - taken.keys())
        rng.shuffle(pool)
        for key in pool[:n]:
            taken[key] = stratum
    rows = []
    for (a, b), stratum in taken.items():
        aa, ab = claims[a]["article"], claims[b]["article"]
        sa, sb = story_of.get(aa), story_of.get(ab)
        key = min(sa or f"article:{aa}", sb or f"article:{ab}")
        rows.append({"pair": f"{a}|{b}", "a": a, "b": b, "article_a": aa, "article_b": ab,
                     "story": sa if sa and sa == sb else None, "stratum": stratum, "split": split_of(key),
                     **info[(a, b)]})
    rows.sort(key=lambda r: hashlib.sha256(f"{seed}:{r['pair']}".encode()).hexdigest())
    for i, r in enumerate(rows):
        r["order"] = i
    print(json.dumps({"model": model, "pools": {k: len(set(v)) for k, v in sorted(pools.items())},
                      "drawn": {k: sum(r["stratum"] == k for r in rows) for k in STRATA},
                      "splits": {s: sum(r["split"] == s for r in rows) for s, _ in SPLITS}}, indent=1),
          file=sys.stderr)
    return rows


def fact_sample(index: Path, existing: list[dict], n_slot: int, n_fact: int, seed: int = SEED) -> list[dict]:
    """A second draw, as the product with facts meets pairs (issue 37): cross-article pairs within a fact of a
    story (:mod:`contradict.stages.facts`) whose slots differ by rule (stratum ``fact-slot``, by slot), and other pairs
    within a fact (``fact-pair``). Pairs already drawn are skipped; the split is by story as before."""
    from contradict.dates import day_of as parse_date
    from contradict.stages.facts import FactParams, fact_pairs, story_facts
    from contradict.stages.slots import slot_differences
    from contradict.types import Claim

    arts, claims, story_of, cands, scores, model, vectors = load(index)
    objs = {cid: Claim(cid, c["article"], c["position"], 0, 0, c["text"], c["speaker"], c["context"], c["kind"])
            for cid, c in claims.items()}
    vec = {cid: vectors[c["hash"]] for cid, c in claims.items() if c["hash"] in vectors}
    pairs = fact_pairs(story_facts(objs, vec, story_of, params=FactParams()), objs)
    taken = {r["pair"] for r in existing}
    cand_keys = {(x, y) for x, y, _ in cands}
    by_slot: dict[str, list[tuple]] = defaultdict(list)
    plain: list[tuple] = []
    for (a, b) in sorted(pairs):
        if f"{a}|{b}" in taken:
            continue
        ca, cb = claims[a], claims[b]
        found = slot_differences(ca["text"], cb["text"], parse_date(arts[ca["article"]]["date"]),
                                 parse_date(arts[cb["article"]]["date"]), float(vec[a] @ vec[b]), 1)
        (by_slot[found[0].slot] if found else plain).append((a, b))
    rng = random.Random(seed + 7)
    drawn: list[tuple[tuple, str]] = []
    slots = sorted(by_slot)
    share = n_slot // max(1, len(slots))
    for slot in slots:
        pool = by_slot[slot][:]
        rng.shuffle(pool)
        drawn += [(k, f"fact-slot-{slot}") for k in pool[:share]]
    pool = plain[:]
    rng.shuffle(pool)
    drawn += [(k, "fact-pair") for k in pool[:n_fact]]
    rows = []
    start = max((r["order"] for r in existing), default=-1) + 1
    for i, ((a, b), stratum) in enumerate(sorted(drawn, key=lambda d: hashlib.sha256(f"{seed}:{d[0]}".encode()).hexdigest())):
        aa, ab = claims[a]["article"], claims[b]["article"]
        sa, sb = story_of.get(aa), story_of.get(ab)
        key = min(sa or f"article:{aa}", sb or f"article:{ab}")
        p = p_contradiction(scores, claims[a], claims[b])
        rows.append({"pair": f"{a}|{b}", "a": a, "b": b, "article_a": aa, "article_b": ab,
                     "story": sa if sa and sa == sb else None, "stratum": stratum, "split": split_of(key),
                     "similarity": round(float(vec[a] @ vec[b]), 4), "candidate": (a, b) in cand_keys,
                     "p_contradiction": None if p is None else round(p, 4), "order": start + i})
    print(json.dumps({"fact_pairs": len(pairs), "by_slot": {k: len(v) for k, v in by_slot.items()},
                      "drawn": dict(Counter(s for _, s in drawn))}, indent=1), file=sys.stderr)
    return rows


def previous_sentence(claims_by_article: dict, c: dict) -> str:
    before = [x for x in claims_by_article[c["article"]] if x["position"] < c["position"]]
    return max(before, key=lambda x: x["position"])["text"] if before else ""


def render(index: Path, pairs: list[dict], out: Path, batch_size: int, double: float, seed: int) -> None:
    """Reading sheets: batch_NNN.md of batch_size pairs each, and double_NNN.md with a share of them again
    (other batch-mates, other order) for an independent second labeller."""
    arts, claims, *_ = load(index)
    by_article: dict[str, list[dict]] = defaultdict(list)
    for c in claims.values():
        by_article[c["article"]].append(c)
    out.mkdir(parents=True, exist_ok=True)

    def side(tag: str, cid: str) -> list[str]:
        c = claims[cid]
        art = arts[c["article"]]
        lines = [f"{tag} article: {art['source']} | {art['date']} | title: {art['title']}"]
        before = previous_sentence(by_article, c)
        if before:
            lines.append(f"{tag} sentence before: {before}")
        if c["context"] and c["context"] != before:
            lines.append(f"{tag} context the claim leans on: {c['context']}")
        speaker = c["speaker"] or "the article's own voice"
        lines.append(f"{tag} claim ({c['kind']}; speaker: {speaker}): {c['text']}")
        return lines

    def sheet(path: Path, rows: list[dict]) -> None:
        text = []
        for r in rows:
            text += [f"### pair {r['pair']}", *side("A", r["a"]), *side("B", r["b"]), ""]
        path.write_text("\n".join(text), encoding="utf-8")

    ordered = sorted(pairs, key=lambda r: r["order"])
    for k in range(0, len(ordered), batch_size):
        sheet(out / f"batch_{k // batch_size:03d}.md", ordered[k:k + batch_size])
    rng = random.Random(seed + 1)
    again = sorted(rng.sample(ordered, round(len(ordered) * double)), key=lambda r: r["pair"])
    for k in range(0, len(again), batch_size):
        sheet(out / f"double_{k // batch_size:03d}.md", again[k:k + batch_size])
    (out / "double_pairs.txt").write_text("\n".join(r["pair"] for r in again) + "\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("index", type=Path)
    ap.add_argument("--out", type=Path, help="write the drawn pairs (ids only) here")
    ap.add_argument("--pairs", type=Path, help="render sheets for these drawn pairs")
    ap.add_argument("--render", type=Path, help="directory for the reading sheets (outside the repository)")
    ap.add_argument("--batch-size", type=int, default=300)
    ap.add_argument("--double", type=float, default=0.10)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--add-facts", nargs=2, type=int, metavar=("SLOT", "OTHER"),
                    help="append a draw of fact pairs to --pairs: SLOT pairs whose slots differ, OTHER other fact pairs")
    a = ap.parse_args()
    if a.add_facts:
        existing = [json.loads(x) for x in a.pairs.read_text().splitlines()]
        more = fact_sample(a.index, existing, a.add_facts[0], a.add_facts[1], a.seed)
        with a.pairs.open("a", encoding="utf-8") as fh:
            fh.write("".join(json.dumps(r, sort_keys=True) + "\n" for r in more))
        return
    if a.out:
        rows = sample(a.index, a.seed)
        a.out.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in rows), encoding="utf-8")
    if a.render:
        rows = [json.loads(x) for x in (a.pairs or a.out).read_text().splitlines()]
        render(a.index, rows, a.render, a.batch_size, a.double, a.seed)


if __name__ == "__main__":
    main()
