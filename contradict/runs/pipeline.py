"""The pipeline: ingest -> claims -> embed -> stories -> index -> candidates -> score -> (store) ... -> report.

Each stage is a function of values (modules ``ingest``, ``claims``, ``caches``, ``index``, ``pairs``,
``nli``, ``aggregate``, ``report``); ``Pipeline`` only orders them and applies a run's result to the
store in one transaction at the end of ``index``. Vectors and NLI scores are caches committed in chunks
(a killed run resumes); the faiss index is derived from the store and written atomically afterwards.
The encoder and the NLI scorer are injected (``Pipeline(settings, encoder=..., scorer=...)``) or
loaded lazily from the settings.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from collections.abc import Callable, Sequence, Set
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import numpy as np

from contradict.backends.embed import Encoder
from contradict.backends.nli import (
    Scorer,
    activations,
    combine,
    gate_for,
    gate_name,
    one_way_entailment,
    prefilter_name,
    resolve_name,
    scorer_for,
    scorer_name,
)
from contradict.errors import ContradictError, Exit, index_command
from contradict.inputs import ingest
from contradict.inputs.sources import Problem
from contradict.report import build as report_mod
from contradict.report.build import QueryResult, Report
from contradict.runs import caches
from contradict.runs.run import RunStats, plan_changes, retirement_check, timed
from contradict.settings import Settings
from contradict.stages import aggregate
from contradict.stages import claims as claims_mod
from contradict.stages import facts as facts_mod
from contradict.stages import frames as frames_mod
from contradict.stages import pairs as pairs_mod
from contradict.stages import stories as stories_mod
from contradict.storage import snapshot as snapshot_mod
from contradict.storage.index import VectorIndex, ivf_cells, rebuild_hint
from contradict.storage.lock import WriteLock
from contradict.storage.store import Store
from contradict.types import Article, Candidate, Claim, ClaimRead, Pair, Story

log = logging.getLogger(__name__)

Progress = Callable[[str, int, int], None]


class Pipeline:
    def __init__(self, settings: Settings, progress: Progress | None = None, encoder: Encoder | None = None,
                 scorer: Scorer | None = None, frame_reader: frames_mod.Reader | None = None, engine=None):
        """``engine`` (a :class:`contradict.runs.ray_engine.RayEngine`) supplies the models and claim extraction
        where none is injected; ``close()`` releases it."""
        self.s = settings
        self.engine = engine
        self.progress = progress
        self.fact_params = facts_mod.FactParams()
        self._store: Store | None = None
        self._encoder = encoder
        self._scorer = scorer
        self._frame_reader = frame_reader
        self._lock: WriteLock | None = None
        self._lock_depth = 0
        self._handed: snapshot_mod.Handed | None = None  # the last index run's content, while its lock is held

    # ------------------------------------------------------------ resources

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
    def reader(self) -> Store:
        """The store to read (and cache into, when writable): a read-only index is opened read-only."""
        return self.store if self.writable else self.open_existing()

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
                held, self._lock = self._lock, None
                self._handed = None  # another writer may change the index from now on
                if held is not None:
                    held.__exit__(None, None, None)

    @property
    def encoder(self) -> Encoder:
        if self._encoder is None and self.engine is not None:
            self._encoder = self.engine.encoder()
        if self._encoder is None:
            from contradict.backends.embed import load_encoder

            self._encoder = load_encoder(self.s.embed_model, batch_size=self.s.batch_size,
                                         precision=self.s.embed_precision, backend=self.s.embed_backend,
                                         threads=self.s.threads)
        return self._encoder

    @property
    def speaker_nlp(self):
        """The spaCy pipeline claims read their speakers with (:mod:`contradict.stages.speakers`): the frame reader's own,
        never a second copy; None (the rule speakers) when frames are off or the reader has none (a fake)."""
        return None if self.s.frames == "off" else getattr(self.frame_reader, "nlp", None)

    @property
    def slot_parser(self):
        """What anchors the report's rule differences (:mod:`contradict.stages.anchors`): spaCy's pipeline, loaded only
        when a pair needs it (the frame reader's own); None when frames are off or the reader has none (a fake):
        the numeric rule then reads unanchored."""
        if self.s.frames == "off":
            return None
        pipeline = self

        def parse(text: str):
            nlp = pipeline.speaker_nlp
            if nlp is None:
                raise LookupError("no spaCy pipeline")
            return nlp(text)

        return parse if hasattr(type(self.frame_reader), "nlp") else None

    @property
    def frame_reader(self) -> frames_mod.Reader:
        if self._frame_reader is None and self.engine is not None:
            self._frame_reader = self.engine.reader()
        if self._frame_reader is None:
            procs = self.s.frame_processes or min(2, os.cpu_count() or 1)
            self._frame_reader = frames_mod.SpacyReader(self.s.spacy_model, processes=procs)
        return self._frame_reader

    @property
    def scorer(self) -> Scorer:
        if self._scorer is None and self.engine is not None:
            self._scorer = gate_for(self.nli_settings(), self.engine.scorer(), self._gate_vectors)
        if self._scorer is None:
            self._scorer = scorer_for(self.nli_settings(), self._gate_vectors)
        return self._scorer

    def _gate_vectors(self, texts: Sequence[str]) -> np.ndarray:
        """The sentence vectors of the texts the NLI reads, for the gate: the index's cached vectors (a claim with
        context is embedded with it once, and cached)."""
        got = caches.embeddings(self.reader, self.encoder, self.s.embed_model, texts, self.s.chunk_size,
                                persist=self.writable).values
        return np.stack([got[t] for t in texts]) if texts else np.zeros((0, 1), dtype=np.float32)

    def nli_settings(self) -> Settings:
        """The settings that choose the NLI model: with no model named, the one the index was scored with."""
        if self.s.nli_model is not None:
            return self.s
        try:
            manifest = VectorIndex.read_manifest(self.s.index_dir)
        except ContradictError:
            manifest = None
        if not manifest or not manifest.get("nli_model"):
            return self.s
        # an index scored before the manifest named the activations read them per tensor
        used = (manifest["nli_model"], manifest.get("nli_prefilter") or "", manifest.get("nli_gate") or "",
                manifest.get("nli_activations") or "tensor")
        if used == (resolve_name(None), prefilter_name(self.s), gate_name(self.s), activations(self.s)):
            return self.s
        if used[:2] != (resolve_name(None), prefilter_name(self.s)):
            log.warning("using %s%s, the NLI model this index was scored with (--nli-model default for the default)",
                        used[0], f" behind {used[1]}" if used[1] else "")
        else:
            log.info("using %s and activations per %s, as this index was scored", used[2] or "no gate", used[3])
        return replace(self.s, nli_model=used[0], nli_prefilter=used[1] or "none", nli_gate=used[2] or "none",
                       nli_activations=used[3])

    def check_index_model(self) -> None:
        """A reading command with no model named scores with the model the index was scored with, which only the
        manifest names: one that cannot be read (corrupt, or missing beside stored articles) stops the command
        with a rebuild hint, rather than rescoring every pair with the default model."""
        if self.s.nli_model is not None:
            return
        d = self.s.index_dir
        try:
            man = VectorIndex.read_manifest(d)
            why = "" if man is not None or not self.open_existing().counts()["articles"] else \
                f"index manifest missing in {d}"
        except ContradictError as exc:
            why = exc.args[0]
        if why:
            raise ContradictError(
                f"{why}: the NLI model this index was scored with is unknown",
                hint=f"run {index_command('index --rebuild', d)} (with --nli-model NAME if it was not scored with "
                     "the default model), or name --nli-model")

    @property
    def nli_name(self) -> str:
        """The name scores are cached under: the scorer's, known without loading the models where they are shipped
        (a report from a built index then loads none)."""
        if self._scorer is None and self.engine is None:
            known = scorer_name(self.nli_settings())
            if known is not None:
                return known
        return self.scorer.name

    def close(self) -> None:
        if self._frame_reader is not None and hasattr(self._frame_reader, "close"):
            self._frame_reader.close()
        if self.engine is not None:
            self.engine.close()
            self.engine = None
        if self._store is not None:
            self._store.close()
            self._store = None

    def _tick(self, stage: str, done: int, total: int) -> None:
        if self.progress:
            self.progress(stage, done, total)

    # ------------------------------------------------------------ index

    def index(self, paths: Sequence[str | Path], remove_missing: bool = False, rebuild: bool = False,
              allow_mass_retire: bool = False) -> RunStats:
        """Ingest ``paths`` into the store and score the new candidate pairs, holding the write lock.

        ``remove_missing``: articles in the store that are not among the inputs are retired, but only when every
        input is there and readable (:meth:`_retiring`); a run that would retire most of the index refuses
        (exit 6) unless ``allow_mass_retire``.
        """
        with self.writing():
            return self._index(paths, remove_missing, rebuild, allow_mass_retire)

    def _retiring(self, removed: list[str], paths: Sequence[str | Path], articles: Sequence[Article], st: RunStats,
                  allow_mass_retire: bool) -> list[str]:
        """The stored articles this run may retire of ``removed``: none when an input named on the command line is
        missing, unreadable or empty (said in a warning line); a refusal (exit 6) when they are most of the index."""
        roots = {str(Path(p)) for p in paths}
        bad = [p for p in st.problems if p.skipped and p.path in roots]
        if bad:
            st.problems.append(Problem(bad[0].path, f"nothing retired this run: an input is missing, unreadable or "
                                       f"empty ({len(removed)} stored articles not found in the inputs are kept)",
                                       skipped=False))
            return []
        why = retirement_check(removed, len(self.store.article_hashes()), len(articles),
                               self.s.mass_retire_share, self.s.mass_retire_min)
        if why and not allow_mass_retire:
            raise ContradictError(f"refused: {why}; nothing was changed",
                                  hint="check the inputs, or pass --allow-mass-retire to retire them "
                                       "(--keep-missing keeps them)", exit_code=Exit.REFUSED)
        return removed

    def _index(self, paths: Sequence[str | Path], remove_missing: bool, rebuild: bool,
               allow_mass_retire: bool = False) -> RunStats:
        st, store = RunStats(), self.store
        with timed(st, "ingest"):
            articles, st.problems = ingest.load(paths, self.s.max_file_bytes, self.s.max_article_chars,
                                                exclude=(self.s.index_dir, self.s.reports_dir))
            st.articles_skipped = sum(1 for p in st.problems if p.skipped)
        ch = plan_changes(store, articles, st.problems, remove_missing,
                          retire=lambda removed: self._retiring(removed, paths, articles, st, allow_mass_retire))
        st.articles_new, st.articles_changed, st.articles_removed = len(ch.new), len(ch.changed), len(ch.removed)
        st.articles_unchanged, st.articles_reread = len(articles) - len(ch.new) - len(ch.changed), len(ch.reread)

        with timed(st, "claims"):
            if self.engine is not None:
                fresh = self.engine.extract(ch.to_read, self.s.max_claims_per_article)
            else:
                nlp = self.speaker_nlp
                split = getattr(self.frame_reader, "extract", None) if nlp is not None else None
                fresh = split(ch.to_read, self.s.max_claims_per_article) if split else None  # in worker processes
                if fresh is None:
                    fresh = {a.id: claims_mod.extract(a, self.s.max_claims_per_article, nlp=nlp) for a in ch.to_read}
        new_claims = [c for cs in fresh.values() for c in cs]
        retired = set(store.claim_ids([a.id for a in ch.changed + ch.reread] + ch.removed))
        kept = retired & {c.id for c in new_claims}  # unchanged sentences of a changed article keep their pairs
        st.claims_new = len(new_claims) - len(kept)

        with timed(st, "embed"):
            got = self._vectors([c.text for c in new_claims])
            st.embedded, st.embeddings_cached = got.computed, got.cached

        with timed(st, "stories"):
            found, kept_articles = self._stories(store, ch, warn_for={a.id for a in ch.to_read})
            st.stories = len(found)

        with timed(st, "pairs"):
            all_claims = {c.id: c for c in store.claims() if c.id not in retired}
            all_claims.update({c.id: c for c in new_claims})
            kept_pairs = [c for c in store.candidates_touching(kept) if c.a in all_claims and c.b in all_claims]
            by_text = got.values  # this run's vectors, then the stored ones: each vector held once
            by_text.update(self._vectors([c.text for c in all_claims.values() if c.text not in by_text]).values)
            ids = sorted(all_claims)
            matrix = VectorIndex.stack([by_text[all_claims[cid].text] for cid in ids])
            del got, by_text  # each vector now once, a row of the matrix (a copy less while the index is built)
            vectors = {cid: matrix[k] for k, cid in enumerate(ids)}
            index = self._vector_index(vectors, rebuild, matrix=matrix)
            new_ids = sorted(c.id for c in new_claims if c.id not in kept)
            story_of = stories_mod.story_of(found)
            facts = facts_mod.story_facts(all_claims, vectors, story_of, params=self.fact_params)
            sel = pairs_mod.select(
                new_ids, all_claims, vectors, self._neighbours(index, new_ids, vectors, all_claims),
                all_pairs_limit=self.s.all_pairs_limit, pair_budget=self.s.pair_budget,
                duplicate_similarity=self.s.duplicate_similarity,
                known=store.candidate_keys() if not rebuild else set(), story_of=story_of,
                story_pairs=self.s.story_pairs, fact_pairs=facts_mod.fact_pairs(facts, all_claims))
            st.pairs_within_stories, st.facts, st.pairs_within_facts = sel.within_story, len(facts), sel.within_facts
            st.pairs_considered, st.candidate_pairs, st.duplicates = sel.considered, len(sel.candidates), len(sel.duplicates)

        with timed(st, "frames"):
            reads, all_read = self._frame_reads(store, fresh, retired, rebuild)
            st.frames_read, st.frame_links = len(reads), sum(len(r.links) for r in reads)

        with timed(st, "nli"):  # scores are a cache committed in chunks: a killed run resumes here
            self._score(both_ways([(all_claims[c.a].scored_text, all_claims[c.b].scored_text) for c in sel.candidates]),
                        st)

        with timed(st, "store"):  # articles, claims and candidates change together or not at all
            with store.transaction():
                store.delete_articles([a.id for a in ch.changed] + ch.removed)
                for a in ch.to_read:
                    store.put_article(a, fresh[a.id])  # deletes, with the old article, its candidate pairs
                store.put_candidates(kept_pairs)
                _put_selection(store, sel)
                store.put_stories(found)
                store.put_facts(facts)
                store.set_meta("pairs_left_unread", str(sel.dropped_by_budget))
                if self.s.frames != "off":
                    store.put_frame_reads(reads, replace_all=all_read)
                    store.set_meta("frame_rules", frames_mod.RULES_VERSION)
                store.set_meta("claim_rules", claims_mod.RULES_VERSION)
                if not store.get_meta("created_at"):  # once: the manifest's created_at is the index's birth
                    store.set_meta("created_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
            index.save(self.s.index_dir, self._manifest(store))
        st.claims = len(all_claims)
        self._handed = snapshot_mod.handed(kept_articles + ch.to_read, all_claims.values(), found, facts,
                                           reads if all_read or self.s.frames == "off" else None,
                                           sel.dropped_by_budget)
        return st

    def _frame_reads(self, store: Store, fresh: dict[str, list[Claim]], retired: set[str],
                     rebuild: bool) -> tuple[list[ClaimRead], bool]:
        """The frame reads this run stores, and whether they replace all stored ones: the claims of the
        articles read this run, or every claim when the index was read under other frame rules.

        A claim of an article read again (changed, or read under other claim rules) keeps its stored read when
        the index holds the same claim (same id: same article and text) after the same sentence, and the frame
        rules are the ones it was read under: the reader would read it the same way."""
        if self.s.frames == "off":
            return [], False
        todo = [c for cs in fresh.values() for c in cs]
        stale = rebuild or store.get_meta("frame_rules") != frames_mod.RULES_VERSION
        if stale:
            todo = [c for c in store.claims() if c.id not in retired and c.article_id not in fresh] + todo
            return frames_mod.read_claims(self.frame_reader, todo,
                                          progress=lambda d, t: self._tick("frames", d, t)), stale
        context = frames_mod.previous_texts(todo)
        before = [c for a in sorted(fresh) for c in store.claims(a)]
        before_context = frames_mod.previous_texts(before)
        same = {c.id for c in before if c.id in context and before_context[c.id] == context[c.id]}
        kept = {r.claim_id: r for r in store.frame_reads(sorted(same))}
        read = frames_mod.read_claims(self.frame_reader, [c for c in todo if c.id not in same], context=context,
                                      progress=lambda d, t: self._tick("frames", d, t))
        if same:
            log.info("frames: %d claims of articles read again keep their reads", len(same))
        by_id = {r.claim_id: r for r in read}
        return [by_id[c.id] if c.id not in same else kept.get(c.id) or ClaimRead(c.id) for c in todo], stale

    def _stories(self, store: Store, ch, warn_for: set[str]) -> tuple[list[Story], list[Article]]:
        """The stories of every article the index will hold after this run (earlier story ids kept); and the stored
        articles this run keeps as they are."""
        gone = {a.id for a in ch.changed} | set(ch.removed)
        arts = {a.id: a for a in store.articles() if a.id not in gone}
        read_now = {a.id for a in ch.to_read}
        kept = [a for i, a in arts.items() if i not in read_now]
        arts.update({a.id: a for a in ch.to_read})
        return self.stories_of(list(arts.values()), {a: s.id for s in store.stories() for a in s.articles},
                               warn_for), kept

    def stories_of(self, articles: Sequence[Article], previous: dict[str, str],
                   warn_for: Set[str] | None = frozenset()) -> list[Story]:
        """Group ``articles`` into stories; ``previous`` (article id -> story id) keeps earlier ids."""
        articles = sorted(articles, key=lambda a: a.id)
        texts = [stories_mod.story_text(a) for a in articles]
        got = caches.embeddings(self.reader, self.encoder, self.s.embed_model, texts, self.s.chunk_size,
                                persist=self.writable).values
        if not texts:
            return []
        vecs = VectorIndex.stack([got[t] for t in texts])
        params = stories_mod.StoryParams(threshold=self.s.story_threshold, max_days=self.s.story_days)
        return stories_mod.build(articles, vecs, previous, params, warn_for=warn_for)

    def articles(self, only: report_mod.Only = report_mod.Only()) -> list[dict]:
        """The stored articles (id, source, date, title, claims, story, path) that ``only`` keeps, by id."""
        store = self.open_existing()
        story_of = stories_mod.story_of(self.stories())
        counts = store.claim_counts()
        rows = []
        for a in sorted(store.articles(), key=lambda a: a.id):
            if not only.keeps(a, story_of) or (only.source and a.source.casefold() != only.source.casefold()):
                continue
            rows.append({"id": a.id, "source": a.source, "date": a.date, "title": a.title,
                         "claims": counts.get(a.id, 0), "story": story_of.get(a.id, ""), "path": a.path})
        return rows

    def facts(self, story: str | None = None) -> list[dict]:
        """The stored facts (of one story, when given) as side-by-side rows (:func:`contradict.stages.facts.table`)."""
        store = self.open_existing()
        with store.snapshot():
            facts = [f for f in store.facts() if story is None or f.story == story]
            wanted = {c for f in facts for c in f.claims}
            claims = {c.id: c for c in store.claims() if c.id in wanted}
            arts = {a.id: a for a in store.articles()}
            labels = {s.id: s.label for s in store.stories()}
        return facts_mod.table(facts, claims, arts, labels, parse=self.slot_parser)

    def stories(self) -> list[Story]:
        """The stored stories; an index made before stories gets them computed (not stored)."""
        store = self.open_existing()
        found = store.stories()
        if found or not store.counts()["articles"]:
            return found
        return self.stories_of(store.articles(), {})

    def _vectors(self, texts: Sequence[str]) -> caches.Cached:
        return caches.embeddings(self.store, self.encoder, self.s.embed_model, texts, self.s.chunk_size, self._tick)

    def _vector_index(self, vectors: dict, rebuild: bool, matrix: np.ndarray | None = None) -> VectorIndex:
        """The stored faiss index brought up to ``vectors`` (claim id -> vector), or a new one. ``matrix``: the
        same vectors stacked in id order, when the caller has them so (not stacked again)."""
        ids = sorted(vectors)
        index = None
        if not rebuild and (self.s.index_dir / "manifest.json").exists():
            index = VectorIndex.load(self.s.index_dir, expect_model=self.s.embed_model)
            stale = set(index.ids) - set(ids)
            if stale and not index.remove(sorted(stale)):
                index = None
            elif (VectorIndex.kind_for(len(ids), self.s.vector_index) != index.kind
                  or index.cells and ivf_cells(len(ids)) > 2 * index.cells):
                index = None  # grown past exact search, another kind asked for, or beyond its IVF cells: built anew
        if index is None:
            if matrix is not None:
                return VectorIndex.build(matrix.shape[1], ids, matrix, choice=self.s.vector_index)
            return VectorIndex.from_vectors(ids, vectors, choice=self.s.vector_index)
        add = [i for i in ids if i not in index]
        if add:
            index.add(add, VectorIndex.stack([vectors[i] for i in add]))
        return index

    def _neighbours(self, index: VectorIndex, ids: Sequence[str], vectors, claims) -> dict[str, tuple[str, ...]]:
        """The ids of each claim's top-k neighbours among claims of *other* articles, best first (ids only: at
        200,000 claims their similarities took 130 MB, and the candidates recompute the ones they keep)."""
        k = self.s.neighbours
        out = {}
        for s in range(0, len(ids), 1024):
            part = ids[s:s + 1024]
            hits = index.search(VectorIndex.stack([vectors[i] for i in part]), k * 4 + 20)
            for cid, row in zip(part, hits):
                art = claims[cid].article_id
                out[cid] = tuple(d for d, _ in row if d in claims and claims[d].article_id != art)[:k]
        return out

    def _manifest(self, store: Store) -> dict:
        from contradict import __version__

        c = store.counts()
        nli = self.nli_settings()
        return {"contradict_version": __version__, "embed_model": self.s.embed_model,
                "nli_model": resolve_name(nli.nli_model),
                "nli_prefilter": prefilter_name(nli) or None, "nli_gate": gate_name(nli) or None,
                "nli_activations": activations(nli), "articles": c["articles"], "claims": c["claims"],
                "facts": dataclasses.asdict(self.fact_params),
                "created_at": store.get_meta("created_at") or time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}

    def rebuild_index(self) -> int:
        """Rebuild the faiss index from the store's vectors (for a corrupt or missing index)."""
        store = self.open_existing()
        with self.writing():
            cl = {c.id: c for c in store.claims()}
            by_text = self._vectors([c.text for c in cl.values()]).values
            index = self._vector_index({cid: by_text[c.text] for cid, c in cl.items()}, rebuild=True)
            index.save(self.s.index_dir, self._manifest(store))
        return len(index)

    # ------------------------------------------------------------ NLI

    def _score(self, pairs: Sequence[tuple[str, str]], st: RunStats | None = None) -> dict:
        """Directional NLI probabilities for text pairs, from the cache or the model (then cached)."""
        got = caches.scores(self.reader, self.scorer, pairs,
                            self.s.chunk_size, self._tick, persist=self.writable, lock=self.writing)
        if st is not None:
            st.pairs_scored += got.computed
            st.pairs_cached += got.cached
        return got.values

    def score_pending(self, cl: dict[str, Claim], rows: list[Candidate], budget: int | None = None,
                      scores: dict | None = None) -> int:
        """Score the stored candidate pairs (both directions) that the current model has not scored.

        At most ``budget`` pairs are scored, the most similar first; the number left unscored is returned.
        A read-only index scores nothing: what is stored is reported, and the rest is counted. ``scores``: the
        stored scores already read (a snapshot's), then read from nowhere else and given the new ones.
        """
        store = self.reader
        rows = [c for c in rows if not c.duplicate]
        texts = {c.key: (cl[c.a].scored_text, cl[c.b].scored_text) for c in rows}
        cached = store.cached_scores(self.nli_name, both_ways(texts.values())) if scores is None else scores
        pending = [c for c in rows if texts[c.key] not in cached or texts[c.key][::-1] not in cached]
        if not pending:
            return 0
        if not self.writable:
            log.warning("%d candidate pairs are not scored by %s and the index directory is read-only: "
                        "they are left out", len(pending), self.nli_name)
            return len(pending)
        left = 0
        if budget is not None and len(pending) > budget:
            left = len(pending) - budget
            pending = sorted(pending, key=lambda c: (-c.similarity, c.a, c.b))[:budget]
        log.warning("scoring %d candidate pairs not yet read by %s%s", len(pending), self.nli_name,
                    f"; {left} more are left out (raise --pair-budget to read them)" if left > 0 else "")
        got = self._score(both_ways([texts[c.key] for c in pending]))
        if scores is not None:
            scores.update(got)
        return left

    # ------------------------------------------------------------ reading results

    def scored_pairs(self, cl: dict[str, Claim], rows: list[Candidate],
                     scores: dict | None = None) -> tuple[list[Pair], list]:
        """Stored candidate pairs with their combined NLI label (those scored both ways); plus the merged
        near-duplicates. ``scores``: the stored scores already read, when they are."""
        store = self.open_existing()
        dups = [c for c in rows if c.duplicate]
        rows = [c for c in rows if not c.duplicate]
        texts = [(cl[c.a].scored_text, cl[c.b].scored_text) for c in rows]
        if scores is None:
            scores = store.cached_scores(self.nli_name, both_ways(texts))
        out = []
        for c, (ta, tb) in zip(rows, texts):
            if (ta, tb) not in scores or (tb, ta) not in scores:
                continue
            ab, ba = scores[(ta, tb)], scores[(tb, ta)]
            # nli.combine and one_way_entailment read any three floats; their annotations say ndarray (nli.py)
            label, probs = combine(ab, ba)  # type: ignore[arg-type]
            out.append(aggregate.make_pair(cl[c.a], cl[c.b], label, probs, c.similarity, c.reasons, c.shared,
                                           one_way_entailment(ab, ba)))  # type: ignore[arg-type]
        out.sort(key=lambda p: p.id)
        return out, [(cl[c.a], cl[c.b], c.similarity) for c in dups]

    def report(self, top: int | None = None, only: report_mod.Only = report_mod.Only(),
               show_dismissed: bool = False) -> Report:
        """The report on everything stored (or what ``only`` keeps); pairs the current model has not read are
        scored first, at most ``pair_budget`` of them (announced on stderr), the rest left out and counted."""
        store = self.open_existing()
        self.check_index_model()
        snap = self._snapshot(store, self.nli_name)  # one consistent state, whatever a concurrent writer commits
        articles, claims, rows = snap.articles, snap.claims, snap.candidates
        found = snap.stories or self.stories()
        if only.story and not any(st.id == only.story for st in found):
            near = sorted(st.id for st in found if st.id.startswith(only.story))
            if len(near) != 1:
                raise ContradictError(f"no story {only.story!r} in the index", exit_code=Exit.USAGE,
                                      hint="list them with `contradict stories`")
            only = replace(only, story=near[0])
        cl = {c.id: c for c in claims}
        story_of = stories_mod.story_of(found)
        if only.items():  # read only the pairs the report keeps
            keep = {a.id for a in articles if only.keeps(a, story_of)}
            rows = [c for c in rows if cl[c.a].article_id in keep and cl[c.b].article_id in keep]
        scores = dict(snap.scores)
        unscored = self.score_pending(cl, rows, budget=self.s.pair_budget, scores=scores)
        pairs, dups = self.scored_pairs(cl, rows, scores)
        reads = snap.frame_reads if snap.frame_reads is not None else self.frame_reads(claims)
        return report_mod.build(articles, claims, pairs, dups, self.s, top, self.nli_name, unscored,
                                stories=found, only=only, marks=snap.marks, show_dismissed=show_dismissed,
                                frame_reads=reads, facts=snap.facts, pairs_left_unread=snap.pairs_left_unread,
                                parse=self.slot_parser)

    def _snapshot(self, store: Store, score_model: str = "") -> snapshot_mod.Snapshot:
        """What the report reads: handed on by this pipeline's index run when its write lock is still held (nothing
        else can have written since), else read from the store."""
        rules = frames_mod.RULES_VERSION if self.s.frames != "off" else None
        if self._handed is not None and self._lock_depth:
            return snapshot_mod.complete(self._handed, store, rules, score_model)
        return snapshot_mod.load(store, rules, score_model)

    def frames(self, only: report_mod.Only = report_mod.Only()) -> Report:
        """A report of the frames alone (no NLI scoring): actors, frames, framing tensions, casts."""
        store = self.open_existing()
        with store.snapshot():
            articles, claims = store.articles(), store.claims()
        found = self.stories()
        return report_mod.build(articles, claims, [], [], self.s, 0, "", stories=found, only=only,
                                frame_reads=self.frame_reads(claims))

    def frame_reads(self, claims: Sequence[Claim] | None = None) -> list[ClaimRead]:
        """The stored frame reads; an index read under other frame rules (or before frames) is read now, and
        the reads stored when the index is writable."""
        if self.s.frames == "off":
            return []
        store = self.open_existing()
        if store.get_meta("frame_rules") == frames_mod.RULES_VERSION:
            return store.frame_reads()
        claims = store.claims() if claims is None else claims
        log.warning("reading frames of %d claims (the index was made before these frame rules)", len(claims))
        reads = frames_mod.read_claims(self.frame_reader, claims, progress=lambda d, t: self._tick("frames", d, t))
        if self.writable:
            with self.writing(), store.transaction():
                store.put_frame_reads(reads, replace_all=True)
                store.set_meta("frame_rules", frames_mod.RULES_VERSION)
        return reads

    def mark(self, pair_id: str, verdict: str, note: str = "") -> str:
        """Store a reader's verdict on a finding (a pair id, or a unique prefix of one); returns the pair id."""
        store = self.open_existing()
        known = {f"{c.a}|{c.b}" for c in store.candidates() if not c.duplicate}
        if pair_id not in known:
            near = sorted(k for k in known if k.startswith(pair_id)) if len(pair_id) >= 8 else []
            if len(near) > 1:
                raise ContradictError(f"{len(near)} pairs start with {pair_id!r}", exit_code=Exit.USAGE,
                                      hint=f"give more of the id, e.g. {near[0]!r}")
            if not near:
                raise ContradictError(f"no pair {pair_id!r} in the index", exit_code=Exit.USAGE,
                                      hint="copy a pair id from a report (JSON `id`, or the command under a finding)")
            pair_id = near[0]
        with self.writing(), store.transaction():
            store.put_mark(pair_id, verdict, note, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
        return pair_id

    # ------------------------------------------------------------ queries

    def query(self, text: str, top: int = 10, budget: int = 400) -> QueryResult:
        """Corpus claims that contradict or support a free-text claim (at most ``budget`` of them read)."""
        from contradict.runs.query import query

        store = self.open_existing()
        self.check_index_model()
        return query(text, store, self._load_index(), self.encoder, self.s.embed_model, self._score,
                     self.nli_name, top, budget)

    def _load_index(self) -> VectorIndex:
        try:
            return VectorIndex.load(self.s.index_dir, expect_model=self.s.embed_model)
        except ContradictError:
            raise
        except Exception as exc:  # pragma: no cover - faiss oddities
            raise ContradictError(f"cannot read the index in {self.s.index_dir}: {exc}",
                                  hint=rebuild_hint(self.s.index_dir)) from exc

    def resolve_article(self, ref: str) -> str:
        """An article id from an id, a unique prefix or a path (a path not yet indexed is indexed first)."""
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
        raise ContradictError(f"no article {ref!r} in the index", hint=hint, exit_code=Exit.USAGE)

    def pair(self, ref_a: str, ref_b: str, top: int | None = None) -> Report:
        """Where two articles contradict and agree: every cross pair of their claims, scored."""
        self.open_existing()
        self.check_index_model()
        a, b = self.resolve_article(ref_a), self.resolve_article(ref_b)
        if a == b:
            raise ContradictError("the two articles are the same", exit_code=Exit.USAGE)
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
        rows = [c for c in store.candidates_touching(cl) if c.a in cl and c.b in cl
                and cl[c.a].article_id != cl[c.b].article_id]
        self.score_pending(cl, rows)  # these two articles' pairs only, never the whole index
        pairs, dups = self.scored_pairs(cl, rows)
        arts = [x for x in store.articles() if x.id in {a, b}]
        return report_mod.build(arts, ca + cb, pairs, dups, self.s, top, self.nli_name, stories=self.stories(),
                                marks=store.marks(), frame_reads=self.frame_reads(), parse=self.slot_parser)


both_ways = snapshot_mod.both_ways  # where the index's NLI stage and its tests find it


def _put_selection(store: Store, sel: pairs_mod.Selection) -> None:
    """Store selected candidates, and merged near-duplicates marked so they are never scored."""
    store.put_candidates(sel.candidates)
    store.put_candidates(replace(c, duplicate=True) for c in sel.duplicates)
