"""Frame reading quality on claims labelled by hand (issue 23): relations per claim and actor merging.

    python benchmarks/frame_quality.py sample CORPUS N [--skip K] [--abroad]  # claims to label (no predictions)
    python benchmarks/frame_quality.py score [--relation-model M]    # precision and recall per relation
    python benchmarks/frame_quality.py actors                        # actor merging, pairwise P/R
    python benchmarks/frame_quality.py agreement                     # second readers of 500 training claims

`sample` lists, deterministically, claims that name at least two actors (by the entity recogniser) with their
mentions, without the reader's relations, so labels are not led by predictions. The labels live in
benchmarks/frame_labels.json: per claim id, the relations a reader finds ("US supports ISIS") as
{"source", "relation", "target"} with mention spellings as written, or [] for none; and per corpus, mention
spellings with the actor they name. `score` re-reads each labelled claim with the current rules and compares
at the actor level (spellings merged by the country table and the labelled actor of each spelling).
Three groups: the seeds were read while writing the rules (tuning); the first BASIL and abp_lcr claims were
labelled blind, then read while fixing the rules (development); the next ones (``sample CORPUS N --skip 70``)
were labelled after the rules were frozen (test). Test 2 and test 3 were labelled blind by helpers who never saw the
tool's reading; training holds 4,494 abp_5k claims labelled in session 22 by the same guidelines
(benchmarks/frame_labels_GUIDELINES.md), which the session's rules and `frame_learned.py` learn from; validation
1,600 more (abp_5k lines 4501-5000, session 23), on which the relation model's threshold is chosen; 1,600 international
claims (session 23) and 1,600 more of lines 1-3000 naming no other country (session 25) are training too.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from contradict.inputs import ingest
from contradict.stages import claims as claims_mod
from contradict.stages import frames
from contradict.types import Relation

HERE = Path(__file__).parent
SHARED = HERE.parent.parent / "shared"
CORPORA = {"seeds": SHARED / "seeds", "basil": SHARED / "data/news/basil_triplets.jsonl",
           "abp_lcr": SHARED / "data/news/abp_lcr_triplets_sample.jsonl"}
CORPORA.update({"basil_test": CORPORA["basil"], "abp_lcr_test": CORPORA["abp_lcr"], "basil_test2": CORPORA["basil"],
                "abp_lcr_test2": CORPORA["abp_lcr"], "abp_5k_test2": SHARED / "data/news/abp_5k.jsonl"})
TRAIN = tuple(f"abp_5k_train_{b}" for b in "abcde")  # one batch a reader labelled each, with its own actor map
TRAIN2 = tuple(f"abp_5k_train2_{b}" for b in "abcdefghij")  # the second draw (abp_5k lines 1201-3000)
TRAIN3 = tuple(f"abp_5k_train3_{b}" for b in "abcdefghij")  # the third (lines 3301-4200)
TRAIN4 = tuple(f"abp_5k_train4_{b}" for b in "abcdefgh")  # the fourth (lines 4501-5000; session 23)
TRAIN5 = tuple(f"abp_5k_train5_{b}" for b in "abcdefgh")  # the fifth: international claims of lines 1-3000
# that no earlier draw took (`sample abp_5k_train5 1600 --abroad`; session 23)
TRAIN6 = tuple(f"abp_5k_train6_{b}" for b in "abcdefgh")  # the sixth: claims of lines 1-3000 no earlier draw took
# (`sample abp_5k_train6 1600`; session 25): in the hash range it reached the fifth had taken every international
# claim, so it names no country other than the US
CORPORA.update({name: CORPORA["abp_5k_test2"] for name in ("abp_5k_train", *TRAIN, "abp_5k_train2", *TRAIN2,
                                                           "abp_5k_train3", *TRAIN3, "abp_5k_train4", *TRAIN4,
                                                           "abp_5k_train5", *TRAIN5, "abp_5k_train6", *TRAIN6,
                                                           "abp_5k_test3")})
CORPORA.update({"basil_test3": CORPORA["basil"], "abp_lcr_test3": CORPORA["abp_lcr"]})
# slices of abp_5k (test2: its lines 4201-4500; train: lines 1-1200, the relation reader's training claims): the
# whole corpus is 5,000 articles
LINES = {"abp_5k_test2": (4200, 4500), **{name: (0, 1200) for name in ("abp_5k_train", *TRAIN)},
         **{name: (1200, 3000) for name in ("abp_5k_train2", *TRAIN2)}, "abp_5k_test3": (3000, 3300),
         **{name: (3300, 4200) for name in ("abp_5k_train3", *TRAIN3)},
         **{name: (4500, 5000) for name in ("abp_5k_train4", *TRAIN4)},
         **{name: (0, 3000) for name in ("abp_5k_train5", *TRAIN5, "abp_5k_train6", *TRAIN6)}}
LABELS = HERE / "frame_labels.json"
SECOND = HERE / "frame_labels_second.json"  # a second reader of every ninth claim of the first draw, and of two
# batches of the sixth read again whole (their claims name the batch: ``reader``)


def _claims(corpus: str):
    return _claims_of(CORPORA[corpus], LINES.get(corpus))


@functools.cache
def _claims_of(path: Path, lines: tuple[int, int] | None):
    if lines is not None:
        lo, hi = lines
        with tempfile.TemporaryDirectory() as tmp:
            part = Path(tmp) / "slice.jsonl"
            part.write_text("".join(path.read_text().splitlines(keepends=True)[lo:hi]))
            arts, _ = ingest.load([str(part)], 500_000_000, 200_000)
    else:
        arts, _ = ingest.load([str(path)], 500_000_000, 200_000)
    return [c for a in sorted(arts, key=lambda a: a.id) for c in claims_mod.extract(a)]


def _abroad(own) -> bool:
    """Whether a claim names a country other than the United States (or its people): international news."""
    table = frames.country_table()
    return any(table.get(frames.mention_key(m.text)) not in (None, "United States") for m in own)


def sample(corpus: str, n: int, skip: int = 0, abroad: bool = False) -> None:
    """Claims of ``corpus`` naming two actors, in a hash order, none already labelled; ``abroad``: only those that
    name a country other than the United States (the fifth training draw: international news)."""
    labelled = {lab["id"] for lab in json.loads(LABELS.read_text())["claims"]}
    cls = [c for c in _claims(corpus) if c.id not in labelled]
    reader = frames.SpacyReader()
    nlp = reader.nlp
    prev = frames.previous_texts(cls)
    rows = []
    order = sorted(cls, key=lambda c: hashlib.sha1(c.id.encode()).hexdigest())
    for c in order:
        doc = nlp(c.text)
        own, _, _ = frames._mentions(doc, 0)
        keys = {frames.mention_key(m.text) for m in own}
        if len(keys) >= 2 and (not abroad or _abroad(own)):
            rows.append((c, own))
        if len(rows) >= n + skip:
            break
    for c, own in rows[skip:]:
        print(json.dumps({"id": c.id, "text": c.text, "before": prev.get(c.id, "")[-200:],
                          "mentions": [m.text for m in own]}, ensure_ascii=False))


def _actor_of(spelling: str, corpus_actors: dict[str, str]) -> str:
    """The labelled actor of a spelling, else its country, else its key."""
    key = frames.mention_key(spelling)
    if spelling in corpus_actors:
        return corpus_actors[spelling]
    if key in corpus_actors:
        return corpus_actors[key]
    table = frames.country_table()
    return frames.mention_key(table[key]) if key in table else key


def read_labelled(corpus: str, labs: list[dict], reader, spell: dict[str, str]) -> tuple[list, list[str]]:
    """Each labelled claim ``corpus`` still extracts as (label, the relations its reader wrote, those ``reader`` reads),
    both as actor-level triples (:func:`_triple`); and the ids of the labelled claims no longer extracted."""
    cls = {c.id: c for c in _claims(corpus)}
    prev = frames.previous_texts(list(cls.values()))
    kept = [lab for lab in labs if lab["id"] in cls]
    reads = reader.read([(cls[lab["id"]], prev.get(lab["id"], "")) for lab in kept])
    out = [(lab, {_triple(x["source"], x["relation"], x["target"], spell) for x in lab["relations"]},
            {_triple(k.source.text, k.relation.value, k.target.text, spell) for k in r.links})
           for lab, r in zip(kept, reads)]
    return out, [lab["id"] for lab in labs if lab["id"] not in cls]


def reader_of(relation_model: str | None = None):
    """The frame reader the tool builds: the parse, its links confirmed by the relation model unless
    ``relation_model`` is "none" (None: the tool's default setting)."""
    from contradict.backends import relations
    from contradict.settings import Settings
    from contradict.stages.frame_confirm import ConfirmedReader

    name = Settings().relation_model if relation_model is None else relation_model
    reader = frames.SpacyReader()
    return ConfirmedReader(reader, relations.load_relation_scorer(name)) if relations.wanted(name) else reader


def score(relation_model: str | None = None) -> int:
    data = json.loads(LABELS.read_text())
    reader = reader_of(relation_model)
    print(f"relation model: {relation_model or 'the default setting'}")
    by_corpus: dict[str, list] = defaultdict(list)
    for lab in data["claims"]:
        by_corpus[lab["corpus"]].append(lab)
    totals: dict[str, Counter] = defaultdict(Counter)
    for corpus, labs in sorted(by_corpus.items()):
        spell = data.get("actors", {}).get(corpus, {})
        read, missing = read_labelled(corpus, labs, reader, spell)
        if missing:
            print(f"{corpus}: {len(missing)} labelled claims no longer extracted: {missing[:3]}")
        c = Counter()
        for _, want, got in read:
            for rel in [x.value for x in Relation] + ["all"]:
                w = {t for t in want if rel in ("all", t[1])}
                g = {t for t in got if rel in ("all", t[1])}
                c[(rel, "tp")] += len(w & g)
                c[(rel, "fp")] += len(g - w)
                c[(rel, "fn")] += len(w - g)
            c["claims"] += 1
            c["claims with a relation"] += bool(want)
        totals[corpus] = c
    for group, names in (("tuning (seeds)", ["seeds"]), ("development (BASIL, abp_lcr; read while fixing rules)",
                                                        ["basil", "abp_lcr"]),
                         ("test (BASIL, abp_lcr; labelled after the rules were frozen)", ["basil_test", "abp_lcr_test"]),
                         ("test 2 (BASIL, abp_lcr, abp_5k; labelled blind after the rules froze at 31c5375)",
                          ["basil_test2", "abp_lcr_test2", "abp_5k_test2"]),
                         ("test 3 (BASIL, abp_lcr, abp_5k; labelled blind in session 22, scored once after the rules "
                          "froze at frames-2026-12-10a)", ["basil_test3", "abp_lcr_test3", "abp_5k_test3"]),
                         ("training (abp_5k lines 1-3000 and 3301-4200, 4,494 claims labelled in session 22)",
                          [*TRAIN, *TRAIN2, *TRAIN3]),
                         ("validation (abp_5k lines 4501-5000, 1,600 claims labelled in session 23; the relation "
                          "model's threshold is chosen on them)", [*TRAIN4]),
                         ("training, international (abp_5k lines 1-3000, 1,600 claims naming a country other than "
                          "the US, labelled in session 23)", [*TRAIN5]),
                         ("training, US only (abp_5k lines 1-3000, 1,600 claims naming no other country that no "
                          "earlier draw took, labelled in session 25)", [*TRAIN6])):
        c = sum((totals[n] for n in names if n in totals), Counter())
        print(f"{group}: {c['claims']} claims, {c['claims with a relation']} with a relation")
        for rel in [x.value for x in Relation] + ["all"]:
            tp, fp, fn = c[(rel, "tp")], c[(rel, "fp")], c[(rel, "fn")]
            p = tp / (tp + fp) if tp + fp else float("nan")
            r = tp / (tp + fn) if tp + fn else float("nan")
            print(f"  {rel:12s} labelled {tp + fn:3d} read {tp + fp:3d} right {tp:3d}  precision {p:.2f}  recall {r:.2f}")
    return 0


def _triple(source: str, relation: str, target: str, spell: dict[str, str]) -> tuple[str, str, str]:
    a, b = _actor_of(source, spell), _actor_of(target, spell)
    if relation == Relation.ALLIED.value and b < a:
        a, b = b, a
    return (a, relation, b)


def actors() -> int:
    """Pairwise precision/recall of "these two spellings name one actor" against the labelled actors."""
    data = json.loads(LABELS.read_text())
    for corpus, spell in sorted(data.get("actors", {}).items()):
        cls = _claims(corpus)
        reads = frames.read_claims(frames.SpacyReader(), cls)
        _, key_to_actor = frames.actors(reads, {c.id: c.article_id for c in cls}, min_articles=1)
        items = [(s, a) for s, a in sorted(spell.items()) if frames.mention_key(s) in key_to_actor]
        tp = fp = fn = 0
        wrong = []
        for i, (s1, a1) in enumerate(items):
            for s2, a2 in items[i + 1:]:
                same = key_to_actor[frames.mention_key(s1)] == key_to_actor[frames.mention_key(s2)]
                tp += same and a1 == a2
                fp += same and a1 != a2
                fn += (not same) and a1 == a2
                if same != (a1 == a2):
                    wrong.append(f"{s1} / {s2}: {'merged' if same else 'apart'}, labelled {'same' if a1 == a2 else 'different'}")
        n_missing = len(spell) - len(items)
        print(f"{corpus}: {len(items)} labelled spellings ({n_missing} not met as mentions); same-actor pairs: "
              f"precision {tp / (tp + fp) if tp + fp else float('nan'):.2f} recall {tp / (tp + fn) if tp + fn else float('nan'):.2f}"
              f" (tp {tp} fp {fp} fn {fn})")
        for w in wrong[:12]:
            print("   ", w)
    return 0


def agreement() -> int:
    """The relations two readers found in the same training claims, each mapped through its own actor map: the first
    second reading (every ninth claim of the first draw) and each batch read again whole (``reader``: the batch, whose
    first reading it is compared with)."""
    data, second = json.loads(LABELS.read_text()), json.loads(SECOND.read_text())
    first: dict[tuple[str, str], set] = {}  # (batch, claim id) -> the first reader's relations
    for lab in data["claims"]:
        spell = data["actors"].get(lab["corpus"], {})
        first[lab["corpus"], lab["id"]] = {_triple(x["source"], x["relation"], x["target"], spell)
                                           for x in lab["relations"]}
    groups: dict[str, dict[tuple[str, str], set]] = defaultdict(dict)
    for lab in second["claims"]:
        reader = lab.get("reader", "")
        spell = second["readers"][reader]["actors"] if reader else second["actors"]
        batch = reader or next((b for b in TRAIN if (b, lab["id"]) in first), "")
        groups[reader][batch, lab["id"]] = {_triple(x["source"], x["relation"], x["target"], spell)
                                            for x in lab["relations"]}
    for reader, other in sorted(groups.items()):
        both = [k for k in other if k in first]
        common = sum(len(first[k] & other[k]) for k in both)
        n1, n2 = sum(len(first[k]) for k in both), sum(len(other[k]) for k in both)
        print(f"{reader or 'every ninth claim of abp_5k_train'}: {len(both)} claims read twice: first reader {n1} "
              f"relations, second {n2}, in common {common} (the second against the first: precision "
              f"{common / n2 if n2 else float('nan'):.2f}, recall {common / n1 if n1 else float('nan'):.2f}); "
              f"claims both read as holding a relation or none: {sum(bool(first[k]) == bool(other[k]) for k in both)}")
    return 0


if __name__ == "__main__":
    cmd = sys.argv[1] if len(sys.argv) > 1 else "score"
    if cmd == "sample":
        skip = int(sys.argv[sys.argv.index("--skip") + 1]) if "--skip" in sys.argv else 0
        sample(sys.argv[2], int(sys.argv[3]), skip, "--abroad" in sys.argv)
        sys.exit(0)
    model = sys.argv[sys.argv.index("--relation-model") + 1] if "--relation-model" in sys.argv else None
    sys.exit(score(model) if cmd == "score" else agreement() if cmd == "agreement" else actors())
