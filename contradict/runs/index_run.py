"""An index run: ingest -> claims -> embed -> stories -> candidates and facts -> frames -> NLI -> store.

Each stage is a function of values (modules ``ingest``, ``claims``, ``stories``, ``pairs``, ``facts``,
``frames``); :func:`index_run` orders them and applies the run's result to the store in one transaction at
the end. Vectors and NLI scores are caches committed in chunks (a killed run resumes); the faiss index is
derived from the store: written to a new file once its neighbours are found (its memory, and the claim vectors',
given back before spaCy and the NLI models load; the write counts in the candidate stage's time) and named by the
manifest, atomically, after the store's transaction; a failed run removes the file it never named. The run hands
what it wrote to the workspace
(:attr:`Workspace.handed`), so a report built while its lock is held reads nothing twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from contradict.errors import ContradictError, Exit
from contradict.inputs import ingest
from contradict.inputs.sources import Problem
from contradict.runs import vectors as vec
from contradict.runs.modelset import ModelSet
from contradict.runs.run import RunStats, give_back_memory, plan_changes, retirement_check, timed
from contradict.runs.scoring import both_ways, score
from contradict.runs.workspace import Workspace
from contradict.stages import actor_merge, aggregate, anchors
from contradict.stages import claims as claims_mod
from contradict.stages import facts as facts_mod
from contradict.stages import frames as frames_mod
from contradict.stages import pairs as pairs_mod
from contradict.stages import stories as stories_mod
from contradict.storage import index_files
from contradict.storage import snapshot as snapshot_mod
from contradict.storage.store import Store
from contradict.types import Article, Claim, ClaimRead, Fact, Story

log = logging.getLogger(__name__)

Tick = Callable[[str, int, int], None]


def index_run(ws: Workspace, models: ModelSet, paths: Sequence[str | Path], tick: Tick, remove_missing: bool = False,
              rebuild: bool = False, allow_mass_retire: bool = False,
              fact_params: facts_mod.FactParams = facts_mod.FactParams()) -> RunStats:
    """Ingest ``paths`` into the store and score the new candidate pairs, holding the write lock.

    ``remove_missing``: articles in the store that are not among the inputs are retired, but only when every
    input is there and readable (:func:`_retiring`); a run that would retire most of the index refuses
    (exit 6) unless ``allow_mass_retire``.
    """
    with ws.writing():
        try:
            return _index(ws, models, paths, tick, remove_missing, rebuild, allow_mass_retire, fact_params)
        except BaseException:
            index_files.drop_unnamed(ws.s.index_dir)  # the faiss file it staged and never named, ~360 MB at 5,000
            raise


def _retiring(ws: Workspace, removed: list[str], paths: Sequence[str | Path], articles: Sequence[Article],
              st: RunStats, allow_mass_retire: bool) -> list[str]:
    """The stored articles this run may retire of ``removed``: none when an input named on the command line is
    missing, unreadable or empty (said in a warning line); a refusal (exit 6) when they are most of the index."""
    roots = {str(Path(p)) for p in paths}
    bad = [p for p in st.problems if p.skipped and p.path in roots]
    if bad:
        st.problems.append(Problem(bad[0].path, f"nothing retired this run: an input is missing, unreadable or "
                                   f"empty ({len(removed)} stored articles not found in the inputs are kept)",
                                   skipped=False))
        return []
    why = retirement_check(removed, len(ws.store.article_hashes()), len(articles),
                           ws.s.mass_retire_share, ws.s.mass_retire_min)
    if why and not allow_mass_retire:
        raise ContradictError(f"refused: {why}; nothing was changed",
                              hint="check the inputs, or pass --allow-mass-retire to retire them "
                                   "(--keep-missing keeps them)", exit_code=Exit.REFUSED)
    return removed


def _claims(ws: Workspace, models: ModelSet, articles: Sequence[Article]) -> dict[str, list[Claim]]:
    """The claims of ``articles``: on the Ray engine's workers, in the frame reader's worker processes (speakers
    from its parse), or here."""
    limit = ws.s.max_claims_per_article
    if models.engine is not None:
        return models.engine.extract(articles, limit)
    nlp = models.speaker_nlp
    split = getattr(models.parse_reader, "extract", None) if nlp is not None else None
    fresh = split(articles, limit) if split else None  # in worker processes
    if fresh is None:
        fresh = {a.id: claims_mod.extract(a, limit, nlp=nlp) for a in articles}
    return fresh


def _index(ws: Workspace, models: ModelSet, paths: Sequence[str | Path], tick: Tick, remove_missing: bool,
           rebuild: bool, allow_mass_retire: bool, fact_params: facts_mod.FactParams) -> RunStats:
    s = ws.s
    st, store = RunStats(), ws.store
    with timed(st, "ingest"):
        articles, st.problems = ingest.load(paths, s.max_file_bytes, s.max_article_chars,
                                            exclude=(s.index_dir, s.reports_dir))
        st.articles_skipped = sum(1 for p in st.problems if p.skipped)
    ch = plan_changes(store, articles, st.problems, remove_missing,
                      retire=lambda removed: _retiring(ws, removed, paths, articles, st, allow_mass_retire))
    st.articles_new, st.articles_changed, st.articles_removed = len(ch.new), len(ch.changed), len(ch.removed)
    st.articles_unchanged, st.articles_reread = len(articles) - len(ch.new) - len(ch.changed), len(ch.reread)

    with timed(st, "claims"):
        fresh = _claims(ws, models, ch.to_read)
    new_claims = [c for cs in fresh.values() for c in cs]
    retired = set(store.claim_ids([a.id for a in ch.changed + ch.reread] + ch.removed))
    kept = retired & {c.id for c in new_claims}  # unchanged sentences of a changed article keep their pairs
    st.claims_new = len(new_claims) - len(kept)

    with timed(st, "embed"):
        got = vec.vectors(ws, models, [c.text for c in new_claims], tick)
        st.embedded, st.embeddings_cached = got.computed, got.cached

    with timed(st, "stories"):
        found, kept_articles = _stories(ws, models, store, ch, warn_for={a.id for a in ch.to_read})
        st.stories = len(found)

    with timed(st, "pairs"):
        all_claims = {c.id: c for c in store.claims() if c.id not in retired}
        all_claims.update({c.id: c for c in new_claims})
        kept_pairs = [c for c in store.candidates_touching(kept) if c.a in all_claims and c.b in all_claims]
        by_text = got.values  # this run's vectors, then the stored ones: each vector held once
        by_text.update(vec.vectors(ws, models, [c.text for c in all_claims.values() if c.text not in by_text],
                                   tick).values)
        ids = sorted(all_claims)
        matrix = vec.VectorIndex.stack([by_text[all_claims[cid].text] for cid in ids])
        del got, by_text  # each vector now once, a row of the matrix (a copy less while the index is built)
        give_back_memory()  # the per-claim arrays' pages, before the index allocates its own
        vectors = {cid: matrix[k] for k, cid in enumerate(ids)}
        index = vec.vector_index(ws, vectors, rebuild, matrix=matrix)
        new_ids = sorted(c.id for c in new_claims if c.id not in kept)
        near = vec.neighbours(ws, index, new_ids, vectors, all_claims)
        staged = index.stage(s.index_dir)  # on disk, named by the manifest at the end: its memory is free from here
        del index
        give_back_memory()
        story_of = stories_mod.story_of(found)
        facts = _facts(ws, store, found, all_claims, vectors, story_of, fact_params,
                       {a.id for a in ch.to_read + ch.changed} | set(ch.removed), rebuild)
        sel = pairs_mod.select(
            new_ids, all_claims, vectors, near, vec.pair_params(s),
            known=store.candidate_keys() if not rebuild else set(), story_of=story_of,
            fact_pairs=facts_mod.fact_pairs(facts, all_claims))
        del vectors, matrix, near  # the stages after read claims, not vectors: their pages go back before spaCy and
        give_back_memory()         # the NLI models load
        st.pairs_within_stories, st.facts, st.pairs_within_facts = sel.within_story, len(facts), sel.within_facts
        st.pairs_considered, st.candidate_pairs, st.duplicates = sel.considered, len(sel.candidates), len(sel.duplicates)

    with timed(st, "frames"):
        reads, all_read = _frame_reads(ws, models, store, fresh, retired, rebuild, tick)
        st.frames_read, st.frame_links = len(reads), sum(len(r.links) for r in reads)

    with timed(st, "rules"):  # the candidate pairs' rule differences, anchored on the parse: a report reads them
        rule_reads = _rule_reads(models, store, ws.rule_reads_key, sel, all_claims, story_of,
                                 {a.id: a.day for a in kept_articles + ch.to_read}, retired)

    with timed(st, "nli"):  # scores are a cache committed in chunks: a killed run resumes here
        score(ws, models, both_ways([(all_claims[c.a].scored_text, all_claims[c.b].scored_text)
                                     for c in sel.candidates]), tick, st)

    with timed(st, "store"):  # articles, claims and candidates change together or not at all
        with store.transaction():
            store.delete_articles([a.id for a in ch.changed] + ch.removed)
            for a in ch.to_read:
                store.put_article(a, fresh[a.id])  # deletes, with the old article, its candidate pairs
            store.put_candidates(kept_pairs)
            put_selection(store, sel)
            store.put_stories(found)
            store.put_facts(facts)
            store.set_meta("fact_basis", facts_mod.basis(fact_params, s.embed_model))
            store.set_meta("pairs_left_unread", str(sel.dropped_by_budget))
            if s.frames != "off":
                store.put_frame_reads(reads, replace_all=all_read)
                store.set_meta("frame_rules", models.frame_rules or "")
                _store_actor_merge(store, all_claims, reads if all_read else None)
            store.put_rule_reads(rule_reads or {})
            store.set_meta("rule_reads", ws.rule_reads_key if rule_reads is not None else "")
            store.set_meta("claim_rules", claims_mod.RULES_VERSION)
            if not store.get_meta("created_at"):  # once: the manifest's created_at is the index's birth
                store.set_meta("created_at", time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
        index_files.commit(staged, s.index_dir, vec.manifest(ws, models, store, fact_params))
    st.claims = len(all_claims)
    ws.handed = snapshot_mod.handed(kept_articles + ch.to_read, all_claims.values(), found, facts,
                                    reads if all_read or s.frames == "off" else None, sel.dropped_by_budget)
    return st


def _facts(ws: Workspace, store: Store, found: Sequence[Story], claims: dict[str, Claim], vectors: dict,
           story_of: dict[str, str], params: facts_mod.FactParams, touched: set[str],
           rebuild: bool) -> list[Fact]:
    """The facts of every story. A story that holds the articles it held
    after the last run, none of them read again since, keeps its stored facts: aligning depends on the story's
    claims and their vectors alone, which did not change. The others are aligned now; all are after a rebuild or
    under another :func:`facts.basis`. The order is :func:`facts.story_facts`'s (story, then fact id)."""
    same_basis = not rebuild and store.get_meta("fact_basis") == facts_mod.basis(params, ws.s.embed_model)
    before = {st.id: frozenset(st.articles) for st in store.stories()} if same_basis else {}
    redo = {st.id for st in found if before.get(st.id) != frozenset(st.articles) or touched & set(st.articles)}
    current = {st.id for st in found}
    kept = [f for f in store.facts() if f.story in current and f.story not in redo] if before else []
    new = facts_mod.story_facts(claims, vectors, story_of, stories=redo, params=params)
    log.info("facts: %d stories aligned, %d kept their %d facts", len(redo), len(current - redo), len(kept))
    return sorted(kept + new, key=lambda f: (f.story, f.id))


def _store_actor_merge(store: Store, claims: dict[str, Claim], every: Sequence[ClaimRead] | None) -> None:
    """Merge the actors of every stored frame read, as a report would (its spellings, across the whole index), and
    store the merge with its basis: a report whose reads have the same basis takes it instead of merging again.
    ``every``: this run's reads when they are every claim's (a first run: not read back, a second copy of them at
    the run's peak), in the store's order (by claim, those naming an actor)."""
    reads = (sorted((r for r in every if r.mentions), key=lambda r: r.claim_id) if every is not None
             else store.frame_reads())
    m = actor_merge.merge(reads, {i: c.article_id for i, c in claims.items()},
                          {i: c.position for i, c in claims.items()})
    store.put_actor_merge(m.basis, m.to_text())


def _rule_reads(models: ModelSet, store: Store, key: str, sel: pairs_mod.Selection, claims: dict[str, Claim],
                story_of: dict[str, str], days: dict, retired: set[str]) -> anchors.Reads | None:
    """Every candidate pair's rule difference anchored on the parse (:func:`anchors.rule_differences`), or its
    absence, for the index's candidates after this run: a report reads them instead of loading spaCy to parse
    again. A pair read by an earlier run under the same rules keeps its read while both its articles stay in the
    stories they were in (a read depends on the pair's claims, which never change under one id, on the story of
    each article and on their days); the others are read now. None without a parse (frames off, or a reader
    without spaCy): reports then read as before."""
    parse = models.slot_parser
    if parse is None:
        return None
    before = store.rule_reads() if store.get_meta("rule_reads") == key else None
    before = before or {}
    was = {a: s.id for s in store.stories() for a in s.articles}
    rows = {(c.a, c.b): c for c in store.candidates() if c.a in claims and c.b in claims}
    rows.update({(c.a, c.b): c for c in sel.candidates})
    neutral = {"contradiction": 0.0, "entailment": 0.0, "neutral": 1.0}
    pairs = [aggregate.make_pair(claims[c.a], claims[c.b], "neutral", neutral, c.similarity, c.reasons, c.shared)
             for c in rows.values() if not c.duplicate]

    def settled(p) -> bool:
        arts = (p.a.article_id, p.b.article_id)
        return (p.id in before and p.a.id not in retired and p.b.id not in retired
                and all(story_of.get(x, "") == was.get(x, "") for x in arts))

    kept = {p.id: before[p.id] for p in pairs if settled(p)}
    todo = [p for p in pairs if p.id not in kept]
    out = anchors.reads_of(todo, anchors.rule_differences(todo, story_of, days, parse))
    out.update(kept)
    log.info("rules: %d candidate pairs read, %d kept their reads", len(todo), len(kept))
    return out


def _frame_reads(ws: Workspace, models: ModelSet, store: Store, fresh: dict[str, list[Claim]], retired: set[str],
                 rebuild: bool, tick: Tick) -> tuple[list[ClaimRead], bool]:
    """The frame reads this run stores, and whether they replace all stored ones: the claims of the
    articles read this run, or every claim when the index was read under other frame rules.

    A claim of an article read again (changed, or read under other claim rules) keeps its stored read when
    the index holds the same claim (same id: same article and text) after the same sentence, and the frame
    rules are the ones it was read under: the reader would read it the same way."""
    if ws.s.frames == "off":
        return [], False
    todo = [c for cs in fresh.values() for c in cs]
    stale = rebuild or store.get_meta("frame_rules") != models.frame_rules
    if stale:
        todo = [c for c in store.claims() if c.id not in retired and c.article_id not in fresh] + todo
        return frames_mod.read_claims(models.frame_reader, todo, progress=lambda d, t: tick("frames", d, t)), stale
    context = frames_mod.previous_texts(todo)
    before = [c for a in sorted(fresh) for c in store.claims(a)]
    before_context = frames_mod.previous_texts(before)
    same = {c.id for c in before if c.id in context and before_context[c.id] == context[c.id]}
    kept = {r.claim_id: r for r in store.frame_reads(sorted(same))}
    read = frames_mod.read_claims(models.frame_reader, [c for c in todo if c.id not in same], context=context,
                                  progress=lambda d, t: tick("frames", d, t))
    if same:
        log.info("frames: %d claims of articles read again keep their reads", len(same))
    by_id = {r.claim_id: r for r in read}
    return [by_id[c.id] if c.id not in same else kept.get(c.id) or ClaimRead(c.id) for c in todo], stale


def _stories(ws: Workspace, models: ModelSet, store: Store, ch, warn_for: set[str]) -> tuple[list[Story], list[Article]]:
    """The stories of every article the index will hold after this run (earlier story ids kept); and the stored
    articles this run keeps as they are."""
    gone = {a.id for a in ch.changed} | set(ch.removed)
    arts = {a.id: a for a in store.articles() if a.id not in gone}
    read_now = {a.id for a in ch.to_read}
    kept = [a for i, a in arts.items() if i not in read_now]
    arts.update({a.id: a for a in ch.to_read})
    return vec.stories_of(ws, models, list(arts.values()), {a: s.id for s in store.stories() for a in s.articles},
                          warn_for), kept


def put_selection(store: Store, sel: pairs_mod.Selection) -> None:
    """Store selected candidates, and merged near-duplicates marked so they are never scored."""
    store.put_candidates(sel.candidates)
    store.put_candidates(replace(c, duplicate=True) for c in sel.duplicates)
