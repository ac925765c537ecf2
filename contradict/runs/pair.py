"""Runs that answer one question: where two articles contradict and agree (:func:`pair`), and which indexed
claims contradict or support a free-text claim (:func:`ask`, over :func:`contradict.runs.query.query`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

from contradict.errors import ContradictError, Exit
from contradict.report import build as report_mod
from contradict.report.build import QueryResult, Report
from contradict.runs.index_run import index_run, put_selection
from contradict.runs.modelset import ModelSet
from contradict.runs.reading import check_model, frame_reads, stories
from contradict.runs.scoring import score, score_pending, scored_pairs
from contradict.runs.vectors import pair_params
from contradict.runs.workspace import Workspace
from contradict.stages import pairs as pairs_mod

Tick = Callable[[str, int, int], None]


def resolve_article(ws: Workspace, models: ModelSet, ref: str, tick: Tick) -> str:
    """An article id from an id, a unique prefix or a path (a path not yet indexed is indexed first)."""
    store = ws.open_existing()
    ids = set(store.article_hashes())
    if ref in ids:
        return ref
    p = Path(ref)
    if p.exists():
        if p.stem not in ids:
            index_run(ws, models, [p], tick)
            ids = set(store.article_hashes())
        if p.stem in ids:
            return p.stem
    near = sorted(i for i in ids if i.startswith(ref))
    if len(near) == 1:
        return near[0]
    hint = f"did you mean {', '.join(near[:5])}?" if near else "list them with `contradict report --format json`"
    raise ContradictError(f"no article {ref!r} in the index", hint=hint, exit_code=Exit.USAGE)


def pair(ws: Workspace, models: ModelSet, ref_a: str, ref_b: str, tick: Tick, top: int | None = None) -> Report:
    """Where two articles contradict and agree: every cross pair of their claims, scored."""
    ws.open_existing()
    check_model(ws)
    a, b = resolve_article(ws, models, ref_a, tick), resolve_article(ws, models, ref_b, tick)
    if a == b:
        raise ContradictError("the two articles are the same", exit_code=Exit.USAGE)
    s, store = ws.s, ws.store
    ca, cb = store.claims(a), store.claims(b)
    known = store.candidate_keys()
    todo = [(x.id, y.id) if x.id < y.id else (y.id, x.id) for x in ca for y in cb]
    todo = [k for k in todo if k not in known]
    cl = {c.id: c for c in ca + cb}
    if todo:  # claims of these two articles that were never paired: pair them now
        vecs = store.cached_vectors(s.embed_model, [c.text for c in cl.values()])
        v = {cid: vecs[c.text] for cid, c in cl.items() if c.text in vecs}
        sel = pairs_mod.select([c.id for c in ca], cl, v, {}, replace(pair_params(s), story_pairs=0), known=known)
        with ws.writing(), store.transaction():
            put_selection(store, sel)
    rows = [c for c in store.candidates_touching(cl) if c.a in cl and c.b in cl
            and cl[c.a].article_id != cl[c.b].article_id]
    score_pending(ws, models, cl, rows, tick)  # these two articles' pairs only, never the whole index
    pairs, dups = scored_pairs(ws, models, cl, rows)
    arts = [x for x in store.articles() if x.id in {a, b}]
    return report_mod.build(arts, ca + cb, pairs, dups, s, top, models.nli_name, stories=stories(ws, models),
                            marks=store.marks(), frame_reads=frame_reads(ws, models, tick), parse=models.slot_parser)


def ask(ws: Workspace, models: ModelSet, text: str, tick: Tick, top: int = 10, budget: int = 400) -> QueryResult:
    """Corpus claims that contradict or support a free-text claim (at most ``budget`` of them read)."""
    from contradict.runs.query import query

    store = ws.open_existing()
    check_model(ws)

    def scores(pairs: Sequence[tuple[str, str]]) -> dict:
        return score(ws, models, pairs, tick)

    return query(text, store, ws.load_index(), models.encoder, ws.s.embed_model, scores, models.nli_name, top,
                 budget)
