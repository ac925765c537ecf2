"""The pipeline: ingest -> claims -> embed -> index -> candidate pairs -> NLI -> store.

``Pipeline.index`` is incremental and crash-safe: vectors and NLI scores are caches committed in
chunks; articles, claims and candidate pairs change in one transaction; the faiss index is derived
from the store and written atomically afterwards (a stale one is rebuilt from stored vectors).
"""

from __future__ import annotations

import logging
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Sequence

import numpy as np

from . import aggregate, claims as claims_mod, ingest, pairs as pairs_mod
from .errors import ContradictError
from .index import REBUILD_HINT, VectorIndex
from .lock import WriteLock
from .nli import LABELS, combine, one_way_entailment, prefilter_name, resolve_name, scorer_for
from .settings import Settings
from .store import Store
from .types import Article, Claim, Pair

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]


@dataclass
class RunStats:
    articles_new: int = 0
    articles_changed: int = 0
    articles_unchanged: int = 0
    articles_removed: int = 0
    articles_reread: int = 0  # stored articles read again because the claim rules changed
    articles_skipped: int = 0
    claims: int = 0
    claims_new: int = 0
    embedded: int = 0
    embeddings_cached: int = 0
    pairs_considered: int = 0
    candidate_pairs: int = 0
    duplicates: int = 0
    pairs_scored: int = 0
    pairs_cached: int = 0
    seconds: dict = field(default_factory=dict)
    problems: list = field(default_factory=list)

    def brief(self) -> str:
        return (f"(articles {self.articles_new} new {self.articles_changed} changed {self.articles_removed} removed, "
                f"claims {self.claims_new} new, {self.candidate_pairs} candidates, {self.pairs_scored} scored "
                f"{self.pairs_cached} cached)")

    def as_dict(self) -> dict:
        d = {k: v for k, v in self.__dict__.items() if k != "problems"}
        d["problems"] = [str(p) for p in self.problems]
        return d


class Timer:
    def __init__(self, stats: RunStats):
        self.stats = stats

    def __call__(self, stage: str):
        stats = self.stats

        class _T:
            def __enter__(self):
                self.t = time.perf_counter()
                log.debug("stage %s: started", stage)

            def __exit__(self, *exc):
                took = time.perf_counter() - self.t
                stats.seconds[stage] = round(stats.seconds.get(stage, 0.0) + took, 3)
                if not exc[0]:
                    log.info("stage %s: %.2fs %s", stage, took, stats.brief())

        return _T()


class Pipeline:
    def __init__(self, settings: Settings, progress: Progress | None = None):
        self.s = settings
        self.progress = progress
        self._store: Store | None = None
        self._encoder = None
        self._scorer = None
        self._lock: WriteLock | None = None
        self._lock_depth = 0

    # ------------------------------------------------------------ resources (lazy)

    @property
    def store(self) -> Store:
        if self._store is None:
            self._store = Store(self.s.store_path, timeout=self.s.db_timeout)
        return self._store

    def open_existing(self) -> Store:
        if self._store is None:
            self._store = Store(self.s.store_path, create=False, timeout=self.s.db_timeout)
        return self._store

    @property
    def writable(self) -> bool:
        """Whether this run may write to the index (a read-only directory can still be reported on)."""
        d = self.s.index_dir
        return os.access(d, os.W_OK) if d.exists() else True

    @contextmanager
    def writing(self, wait: bool = True, what: str = "contradict"):
        """Hold the index's write lock (re-entrant within this pipeline): one writer at a time."""
        if self._lock_depth == 0:
            lock = WriteLock(self.s.index_dir, self.s.lock_timeout, wait=wait, what=what)
            lock.__enter__()
            self._lock = lock
        self._lock_depth += 1
        try:
            yield self._lock
        finally:
            self._lock_depth -= 1
            if self._lock_depth == 0:
                lock, self._lock = self._lock, None
                lock.__exit__(None, None, None)

    @property
    def encoder(self):
        if self._encoder is None:
            from .embed import SentenceTransformerEncoder

            self._encoder = SentenceTransformerEncoder(self.s.embed_model, batch_size=self.s.batch_size)
        return self._encoder

    @property
    def scorer(self):
        if self._scorer is None:
            self._scorer = scorer_for(self._nli_settings())
        return self._scorer

    def _nli_settings(self) -> Settings:
        """The settings that choose the NLI model: with no model named, the one the index was scored with."""
        if self.s.nli_model is not None:
            return self.s
        try:
            manifest = VectorIndex.read_manifest(self.s.index_dir)
        except ContradictError:
            manifest = None
        if not manifest or not manifest.get("nli_model"):
            return self.s
        used = (manifest["nli_model"], manifest.get("nli_prefilter") or "")
        if used == (resolve_name(None), prefilter_name(self.s)):
            return self.s
        log.warning("using %s%s, the NLI model this index was scored with (--nli-model default for the default)",
                    used[0], f" behind {used[1]}" if used[1] else "")
        return replace(self.s, nli_model=used[0], nli_prefilter=used[1] or "none")

    @property
    def nli_name(self) -> str:
        return self.scorer.name

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def _tick(self, stage: str, done: int, total: int) -> None:
        if self.progress:
            self.progress(stage, done, total)

    # ------------------------------------------------------------ index

    def index(self, paths: Sequence[str | Path], remove_missing: bool = False, rebuild: bool = False) -> RunStats:
        """Ingest ``paths`` into the store and score the new candidate pairs, holding the write lock.

        ``remove_missing``: articles in the store that are not among the inputs are retired.
        """
        with self.writing():
            return self._index(paths, remove_missing, rebuild)

    def _index(self, paths: Sequence[str | Path], remove_missing: bool, rebuild: bool) -> RunStats:
        st = RunStats()
        timed = Timer(st)
        store = self.store
        with timed("ingest"):
            articles, problems = ingest.load(paths, self.s.max_file_bytes, self.s.max_article_chars)
            st.problems = problems
            st.articles_skipped = sum(1 for p in problems if p.skipped)
        known = store.article_hashes()
        incoming = {a.id: a for a in articles}
        new = [a for a in articles if a.id not in known]
        changed = [a for a in articles if a.id in known and known[a.id] != a.hash]
        removed = []
        if remove_missing:  # retire articles gone from the inputs, not those whose file could not be read now
            unreadable = {p.path.split(":")[0] for p in problems}
            paths = store.article_paths()
            removed = sorted(i for i in set(known) - set(incoming) if paths.get(i) not in unreadable)
        st.articles_new, st.articles_changed = len(new), len(changed)
        st.articles_unchanged = len(articles) - len(new) - len(changed)
        st.articles_removed = len(removed)
        reread: list[Article] = []
        rules = store.get_meta("claim_rules")
        if known and rules != claims_mod.RULES_VERSION:
            # claims read under older rules are read again, from the stored text, so old and new articles agree
            skip = {a.id for a in new + changed} | set(removed)
            reread = [a for a in store.articles() if a.id not in skip]
            log.info("claim rules changed (%s -> %s): %d stored articles read again",
                     rules or "unrecorded", claims_mod.RULES_VERSION, len(reread))
        st.articles_reread = len(reread)

        with timed("claims"):
            fresh: dict[str, list[Claim]] = {
                a.id: claims_mod.extract(a, self.s.max_claims_per_article) for a in new + changed + reread}
        new_claims = [c for cs in fresh.values() for c in cs]
        retired = set(store.claim_ids([a.id for a in changed + reread] + removed))
        # a changed article's sentences that did not change keep their ids, and with them their candidate pairs
        kept = retired & {c.id for c in new_claims}
        st.claims_new = len(new_claims) - len(kept)

        with timed("embed"):
            self._embed([c.text for c in new_claims], st)

        with timed("pairs"):
            all_claims = {c.id: c for c in store.claims() if c.id not in retired}
            all_claims.update({c.id: c for c in new_claims})
            kept_pairs = [r for r in store.candidates_touching(kept) if r[0] in all_claims and r[1] in all_claims]
            index, vectors = self._index_for(all_claims, rebuild)
            new_ids = sorted(c.id for c in new_claims if c.id not in kept)
            neigh = self._neighbours(index, new_ids, vectors, all_claims)
            sel = pairs_mod.select(
                new_ids, all_claims, vectors, neigh, all_pairs_limit=self.s.all_pairs_limit,
                pair_budget=self.s.pair_budget, duplicate_similarity=self.s.duplicate_similarity,
                known=store.candidate_keys() if not rebuild else set())
            st.pairs_considered = sel.considered
            st.candidate_pairs = len(sel.candidates)
            st.duplicates = len(sel.duplicates)

        with timed("nli"):  # scores are a cache committed in chunks: a killed run resumes here
            self._score_candidates(sel.candidates, all_claims, st)

        with timed("store"):  # articles, claims and candidates change together or not at all
            with store.transaction():
                store.delete_articles([a.id for a in changed] + removed)
                for a in new + changed + reread:
                    store.put_article(a, fresh[a.id])  # deletes, with the old article, its candidate pairs
                store.put_candidates(kept_pairs)
                _put_selection(store, sel)
                store.set_meta("claim_rules", claims_mod.RULES_VERSION)
            index.save(self.s.index_dir, self._manifest(store))
        st.claims = len(all_claims)
        return st

    def _score_candidates(self, cands, claims: dict[str, Claim], st: RunStats) -> None:
        directional = []
        for c in cands:
            ta, tb = claims[c.a].scored_text, claims[c.b].scored_text
            directional += [(ta, tb), (tb, ta)]
        self.score_texts(directional, st)

    def _manifest(self, store: Store) -> dict:
        from . import __version__

        c = store.counts()
        nli = self._nli_settings()
        return {"contradict_version": __version__, "embed_model": self.s.embed_model,
                "nli_model": resolve_name(nli.nli_model),
                "nli_prefilter": prefilter_name(nli) or None, "articles": c["articles"], "claims": c["claims"],
                "created_at": store.get_meta("created_at") or time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}

    def _embed(self, texts: Sequence[str], st: RunStats) -> None:
        store = self.store
        cached = store.cached_vectors(self.s.embed_model, texts)
        todo = sorted(set(texts) - set(cached))
        st.embeddings_cached, st.embedded = len(set(texts)) - len(todo), len(todo)
        for k in range(0, len(todo), self.s.chunk_size):
            part = todo[k:k + self.s.chunk_size]
            vecs = self.encoder.encode(part)
            with store.transaction():
                store.put_vectors(self.s.embed_model, part, vecs)
            log.debug("embed: %d/%d claim texts embedded and stored", k + len(part), len(todo))
            self._tick("embed", k + len(part), len(todo))

    def _index_for(self, claims: dict[str, Claim], rebuild: bool):
        """The faiss index over ``claims`` and their vectors (id -> vector)."""
        store = self.store
        texts = [c.text for c in claims.values()]
        by_text = store.cached_vectors(self.s.embed_model, texts)
        vectors = {cid: by_text[c.text] for cid, c in claims.items() if c.text in by_text}
        missing = [cid for cid in claims if cid not in vectors]
        if missing:  # an older run was cut off before its vectors were stored
            self._embed([claims[c].text for c in missing], RunStats())
            by_text.update(store.cached_vectors(self.s.embed_model, [claims[c].text for c in missing]))
            vectors.update({cid: by_text[claims[cid].text] for cid in missing})
        ids = sorted(vectors)
        index = None
        if not rebuild and (self.s.index_dir / "manifest.json").exists():
            index = VectorIndex.load(self.s.index_dir, expect_model=self.s.embed_model)
            stale = set(index.ids) - set(ids)
            if stale and not index.remove(sorted(stale)):
                index = None
        if index is None:
            dim = len(next(iter(vectors.values()))) if vectors else 384
            index = VectorIndex.build(dim, ids, np.stack([vectors[i] for i in ids]) if ids else
                                      np.zeros((0, dim), np.float32))
        else:
            add = [i for i in ids if i not in index]
            if add:
                index.add(add, np.stack([vectors[i] for i in add]))
        return index, vectors

    def _neighbours(self, index: VectorIndex, ids: Sequence[str], vectors, claims) -> dict:
        """Top-k neighbours of each claim among claims of *other* articles."""
        k = self.s.neighbours
        out = {}
        for s in range(0, len(ids), 1024):
            part = ids[s:s + 1024]
            hits = index.search(np.stack([vectors[i] for i in part]), k * 4 + 20)
            for cid, row in zip(part, hits):
                art = claims[cid].article_id
                out[cid] = [(d, sim) for d, sim in row if d in claims and claims[d].article_id != art][:k]
        return out

    def rebuild_index(self) -> int:
        """Rebuild the faiss index from the store's vectors (for a corrupt or missing index)."""
        store = self.open_existing()
        with self.writing():
            cl = {c.id: c for c in store.claims()}
            index, _ = self._index_for(cl, rebuild=True)
            index.save(self.s.index_dir, self._manifest(store))
        return len(index)

    # ------------------------------------------------------------ NLI

    def score_texts(self, pairs: Sequence[tuple[str, str]], st: RunStats | None = None) -> dict:
        """Directional NLI probabilities for text pairs, from the cache or the model (then cached)."""
        st = st or RunStats()
        store = self.store if self.writable else self.open_existing()
        model = self.nli_name
        out = store.cached_scores(model, pairs)
        todo = sorted(set(pairs) - set(out))
        st.pairs_cached += len(set(pairs)) - len(todo)
        if not todo:
            return out
        if not self.writable:  # a read-only index: score in memory, cache nothing
            probs = self.scorer.score(todo)
            out.update({p: tuple(float(x) for x in r) for p, r in zip(todo, probs)})
            st.pairs_scored += len(todo)
            return out
        with self.writing():
            for k in range(0, len(todo), self.s.chunk_size):
                part = todo[k:k + self.s.chunk_size]
                probs = self.scorer.score(part)
                with store.transaction():
                    store.put_scores(model, part, probs)
                out.update({p: tuple(float(x) for x in r) for p, r in zip(part, probs)})
                st.pairs_scored += len(part)
                log.debug("nli: %d/%d directional pairs scored and stored", k + len(part), len(todo))
                self._tick("nli", k + len(part), len(todo))
        return out

    def score_pending(self, st: RunStats | None = None, cl: dict | None = None, rows: list | None = None,
                      budget: int | None = None) -> int:
        """Score the stored candidate pairs (both directions) that the current model has not scored.

        ``cl`` (claims by id) and ``rows`` (stored candidates) may be passed when the caller has them.
        At most ``budget`` pairs are scored, the most similar first; the number left unscored is returned.
        A read-only index scores nothing: what is stored is reported, and the rest is counted.
        """
        store = self.store if self.writable else self.open_existing()
        cl = cl if cl is not None else {c.id: c for c in store.claims()}
        rows = [r for r in (rows if rows is not None else store.candidates()) if "near-duplicate" not in r[3]]
        texts = {(r[0], r[1]): (cl[r[0]].scored_text, cl[r[1]].scored_text) for r in rows}
        cached = store.cached_scores(self.nli_name, [t for ab in texts.values() for t in (ab, ab[::-1])])
        pending = [r for r in rows if texts[r[0], r[1]] not in cached or texts[r[0], r[1]][::-1] not in cached]
        if not pending:
            return 0
        if not self.writable:
            log.warning("%d candidate pairs are not scored by %s and the index directory is read-only: "
                        "they are left out", len(pending), self.nli_name)
            return len(pending)
        left = 0
        if budget is not None and len(pending) > budget:
            left = len(pending) - budget
            pending = sorted(pending, key=lambda r: (-r[2], r[0], r[1]))[:budget]
        log.warning("scoring %d candidate pairs not yet read by %s%s", len(pending), self.nli_name,
                    f"; {left} more are left out (raise --pair-budget to read them)" if left > 0 else "")
        directional = [t for r in pending for t in (texts[r[0], r[1]], texts[r[0], r[1]][::-1])]
        self.score_texts(directional, st)
        return left

    # ------------------------------------------------------------ reading results

    def scored_pairs(self, claim_filter: Callable[[Claim, Claim], bool] | None = None,
                     cl: dict | None = None, rows: list | None = None) -> tuple[list[Pair], list]:
        """All stored candidate pairs with their combined NLI label; plus the merged near-duplicates."""
        store = self.open_existing()
        cl = cl if cl is not None else {c.id: c for c in store.claims()}
        rows = rows if rows is not None else store.candidates()
        if claim_filter:
            rows = [r for r in rows if claim_filter(cl[r[0]], cl[r[1]])]
        dups = [r for r in rows if "near-duplicate" in r[3]]
        rows = [r for r in rows if "near-duplicate" not in r[3]]
        texts = [(cl[a].scored_text, cl[b].scored_text) for a, b, *_ in rows]
        scores = store.cached_scores(self.nli_name, texts + [(t, s) for s, t in texts])
        out = []
        for (a, b, sim, reasons, shared), (ta, tb) in zip(rows, texts):
            if (ta, tb) not in scores or (tb, ta) not in scores:
                continue
            ab, ba = scores[(ta, tb)], scores[(tb, ta)]
            label, probs = combine(ab, ba)
            out.append(aggregate.make_pair(cl[a], cl[b], label, probs, sim, reasons, shared, one_way_entailment(ab, ba)))
        out.sort(key=lambda p: p.id)
        return out, [(cl[a], cl[b], sim) for a, b, sim, *_ in dups]

    def report(self, top: int | None = None) -> dict:
        """The report on everything stored; pairs the current model has not read are scored first, at
        most ``pair_budget`` of them (announced on stderr), the rest left out and counted."""
        store = self.open_existing()
        with store.snapshot():  # one consistent state, whatever a concurrent writer commits
            articles, claims, rows = store.articles(), store.claims(), store.candidates()
        cl = {c.id: c for c in claims}
        unscored = self.score_pending(cl=cl, rows=rows, budget=self.s.pair_budget)
        pairs, dups = self.scored_pairs(cl=cl, rows=rows)
        report = build_report(articles, claims, pairs, dups, self.s, top, self.nli_name)
        report["summary"]["pairs_unscored"] = unscored
        return report

    # ------------------------------------------------------------ queries

    def query(self, text: str, top: int = 10) -> dict:
        """Corpus claims that contradict or support a free-text claim."""
        store = self.open_existing()
        text = " ".join(text.split())
        if len(text.split()) < 2:
            raise ContradictError("the claim to query is empty or a single word", exit_code=2)
        cl = {c.id: c for c in store.claims()}
        if not cl:
            raise ContradictError("the index holds no claims", hint="run `contradict index PATH...` first")
        index = self._load_index()
        vec = self.encoder.encode([text])
        hits = index.search(vec, max(50, top * 5))[0]
        cand = {cid: sim for cid, sim in hits if cid in cl}
        q_ents = pairs_mod.entities(text)
        if q_ents:
            for cid, c in cl.items():
                if len(cand) >= 400:
                    break
                if cid not in cand and q_ents & pairs_mod.entities(c.text):
                    cand[cid] = None
        ids = sorted(cand)
        vecs = store.cached_vectors(self.s.embed_model, [cl[i].text for i in ids])
        directional = []
        for cid in ids:
            directional += [(text, cl[cid].scored_text), (cl[cid].scored_text, text)]
        scores = self.score_texts(directional)
        results = []
        for cid in ids:
            c = cl[cid]
            sim = cand[cid] if cand[cid] is not None else float(np.dot(vec[0], vecs[c.text])) if c.text in vecs else 0.0
            implied = scores[(c.scored_text, text)]  # the corpus claim as premise: does it imply the query?
            # combine() counts one-way entailment as agreement: a claim that says more than the query
            # ("…collapsed early on Tuesday, sending a wall of water…") supports it, not the other way round
            label, probs = combine(scores[(text, c.scored_text)], implied)
            implies = round(float(implied[LABELS.index("entailment")]), 4)
            shared = sorted(q_ents & pairs_mod.entities(c.text))
            rel = pairs_mod.relatedness(sim, [s for s in shared if not s.startswith("num:")])
            results.append({"label": label, "probs": probs, "implies_query": implies, "similarity": round(sim, 4),
                            "score": round(probs["contradiction"] * rel, 4),
                            "support": round(max(probs["entailment"], implies) * rel, 4),
                            "claim": claim_json(c), "shared": [s.split(":", 1)[-1] for s in shared]})
        contra = sorted((r for r in results if r["label"] == "contradiction"), key=lambda r: (-r["score"], r["claim"]["id"]))
        support = sorted((r for r in results if r["label"] == "entailment"), key=lambda r: (-r["support"], r["claim"]["id"]))
        return {"query": text, "nli_model": self.nli_name, "candidates": len(ids),
                "contradicting": contra[:top], "supporting": support[:top]}

    def _load_index(self) -> VectorIndex:
        try:
            return VectorIndex.load(self.s.index_dir, expect_model=self.s.embed_model)
        except ContradictError:
            raise
        except Exception as exc:  # pragma: no cover - faiss oddities
            raise ContradictError(f"cannot read the index in {self.s.index_dir}: {exc}", hint=REBUILD_HINT) from None

    def resolve_article(self, ref: str) -> str:
        """An article id from an id or a path (a path not yet indexed is indexed first)."""
        store = self.open_existing()
        ids = set(store.article_hashes())
        if ref in ids:
            return ref
        p = Path(ref)
        if p.exists():
            if p.stem not in ids:
                self.index([p])
                ids = set(store.article_hashes())
            if p.stem in ids:
                return p.stem
        near = sorted(i for i in ids if i.startswith(ref))
        if len(near) == 1:
            return near[0]
        hint = f"did you mean {', '.join(near[:5])}?" if near else "list them with `contradict report --format json`"
        raise ContradictError(f"no article {ref!r} in the index", hint=hint, exit_code=2)

    def pair(self, ref_a: str, ref_b: str, top: int | None = None) -> dict:
        """Where two articles contradict and agree: every cross pair of their claims, scored."""
        a, b = self.resolve_article(ref_a), self.resolve_article(ref_b)
        if a == b:
            raise ContradictError("the two articles are the same", exit_code=2)
        store = self.store
        ca, cb = store.claims(a), store.claims(b)
        known = store.candidate_keys()
        todo = [(x.id, y.id) if x.id < y.id else (y.id, x.id) for x in ca for y in cb]
        todo = [k for k in todo if k not in known]
        cl = {c.id: c for c in ca + cb}
        if todo:  # claims of these two articles that were never paired: pair them now
            vecs = store.cached_vectors(self.s.embed_model, [c.text for c in cl.values()])
            v = {cid: vecs[c.text] for cid, c in cl.items() if c.text in vecs}
            sel = pairs_mod.select(
                [c.id for c in ca], cl, v, {}, all_pairs_limit=self.s.all_pairs_limit,
                pair_budget=self.s.pair_budget, duplicate_similarity=self.s.duplicate_similarity, known=known)
            with self.writing(), store.transaction():
                _put_selection(store, sel)
        keep = {a, b}
        rows = [r for r in store.candidates_touching(cl) if r[0] in cl and r[1] in cl
                and cl[r[0]].article_id != cl[r[1]].article_id]
        self.score_pending(cl=cl, rows=rows)  # these two articles' pairs only, never the whole index
        pairs, dups = self.scored_pairs(lambda x, y: {x.article_id, y.article_id} == keep)
        arts = [x for x in store.articles() if x.id in keep]
        return build_report(arts, ca + cb, pairs, dups, self.s, top, self.nli_name)


def _put_selection(store: Store, sel: "pairs_mod.Selection") -> None:
    """Store selected candidates, and merged near-duplicates marked so they are never scored."""
    store.put_candidates((c.a, c.b, c.similarity, c.reasons, c.shared) for c in sel.candidates)
    store.put_candidates((c.a, c.b, c.similarity, c.reasons + ("near-duplicate",), c.shared) for c in sel.duplicates)


# ---------------------------------------------------------------- report data


def claim_json(c: Claim) -> dict:
    return {"id": c.id, "article": c.article_id, "claim": c.text, "speaker": c.speaker or "article",
            "kind": c.kind, "position": c.position, "span": [c.start, c.end],
            **({"context": c.context} if c.context else {})}


def pair_json(p: Pair) -> dict:
    return {"label": p.label, "probs": {k: p.probs[k] for k in LABELS}, "similarity": p.similarity,
            "score": p.score, "agreement": aggregate.agreement_score(p), "entailment_one_way": p.entailment_one_way,
            "a": claim_json(p.a), "b": claim_json(p.b), "reasons": list(p.reasons),
            "shared": [s.split(":", 1)[-1] for s in p.shared]}


def build_report(articles: Sequence[Article], claims: Sequence[Claim], pairs: Sequence[Pair], dups, s: Settings,
                 top: int | None, nli_model: str) -> dict:
    top = s.top if top is None else top
    per_article: dict[str, int] = {}
    for c in claims:
        per_article[c.article_id] = per_article.get(c.article_id, 0) + 1
    contra, agree = aggregate.rank(pairs, top if top > 0 else None)
    tens = aggregate.tensions(pairs, s.contradiction_threshold)
    labels = {lab: sum(1 for p in pairs if p.label == lab) for lab in LABELS}
    return {
        "articles": [{"id": a.id, "title": a.title, "source": a.source, "claims": per_article.get(a.id, 0),
                      "date": a.date, "path": a.path} for a in articles],
        "pairs": [pair_json(p) for p in contra + agree],
        "tensions": [{"articles": list(t.articles), "topic": t.topic, "contradictions": t.contradictions,
                      "agreements": t.agreements, "score": t.score} for t in tens],
        "duplicates": [{"a": claim_json(x), "b": claim_json(y), "similarity": round(sim, 4)} for x, y, sim in dups],
        "summary": {"articles": len(articles), "claims": len(claims), "pairs_scored": len(pairs),
                    "labels": labels, "contradictions": sum(t.contradictions for t in tens),
                    "threshold": s.contradiction_threshold, "nli_model": nli_model,
                    "embed_model": s.embed_model},
    }
