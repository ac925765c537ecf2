"""Runs that read an index: the report (from one snapshot, pairs the model has not read scored first within
the budget), the frames alone, the articles, stories and facts tables, and a reader's mark on a finding.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import replace

from contradict.errors import ContradictError, Exit
from contradict.report import build as report_mod
from contradict.report.build import Report
from contradict.runs import vectors as vec
from contradict.runs.modelset import ModelSet, check_index_model
from contradict.runs.scoring import score_pending, scored_pairs
from contradict.runs.workspace import Workspace
from contradict.stages import facts as facts_mod
from contradict.stages import frames as frames_mod
from contradict.stages import stories as stories_mod
from contradict.types import Claim, ClaimRead, Story

log = logging.getLogger(__name__)

Tick = Callable[[str, int, int], None]


def check_model(ws: Workspace) -> None:
    """:func:`contradict.runs.modelset.check_index_model` on this workspace's index."""
    check_index_model(ws.s, lambda: bool(ws.open_existing().counts()["articles"]))


def build_report(ws: Workspace, models: ModelSet, tick: Tick, top: int | None = None,
                 only: report_mod.Only = report_mod.Only(), show_dismissed: bool = False) -> Report:
    """The report on everything stored (or what ``only`` keeps), from one snapshot (the last index run's, handed
    on while its lock is held); pairs the current model has not read are scored first, at most ``pair_budget``
    of them (announced on stderr), the rest left out and counted."""
    ws.open_existing()
    check_model(ws)
    snap = ws.snapshot(models.nli_name, models.frame_rules)  # one consistent state, whatever a concurrent writer commits
    articles, claims, rows = snap.articles, snap.claims, snap.candidates
    found = snap.stories or stories(ws, models)
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
    unscored = score_pending(ws, models, cl, rows, tick, budget=ws.s.pair_budget, scores=scores)
    pairs, dups = scored_pairs(ws, models, cl, rows, scores)
    reads = snap.frame_reads if snap.frame_reads is not None else frame_reads(ws, models, tick, claims)
    return report_mod.build(articles, claims, pairs, dups, ws.s, top, models.nli_name, unscored,
                            stories=found, only=only, marks=snap.marks, show_dismissed=show_dismissed,
                            frame_reads=reads, facts=snap.facts, pairs_left_unread=snap.pairs_left_unread,
                            parse=models.slot_parser, rule_reads=snap.rule_reads, actor_merge=snap.actor_merge)


def frames(ws: Workspace, models: ModelSet, tick: Tick, only: report_mod.Only = report_mod.Only()) -> Report:
    """A report of the frames alone (no NLI scoring): actors, frames, framing tensions, casts."""
    store = ws.open_existing()
    with store.snapshot():
        articles, claims = store.articles(), store.claims()
    found = stories(ws, models)
    return report_mod.build(articles, claims, [], [], ws.s, 0, "", stories=found, only=only,
                            frame_reads=frame_reads(ws, models, tick, claims))


def frame_reads(ws: Workspace, models: ModelSet, tick: Tick, claims: Sequence[Claim] | None = None) -> list[ClaimRead]:
    """The stored frame reads; an index read under other frame rules (or before frames) is read now, and
    the reads stored when the index is writable."""
    if ws.s.frames == "off":
        return []
    store = ws.open_existing()
    if store.get_meta("frame_rules") == models.frame_rules:
        return store.frame_reads()
    claims = store.claims() if claims is None else claims
    log.warning("reading frames of %d claims (the index was made before these frame rules)", len(claims))
    reads = frames_mod.read_claims(models.frame_reader, claims, progress=lambda d, t: tick("frames", d, t))
    if ws.writable:
        with ws.writing(), store.transaction():
            store.put_frame_reads(reads, replace_all=True)
            store.set_meta("frame_rules", models.frame_rules or "")
    return reads


def stories(ws: Workspace, models: ModelSet) -> list[Story]:
    """The stored stories; an index made before stories gets them computed (not stored)."""
    store = ws.open_existing()
    found = store.stories()
    if found or not store.counts()["articles"]:
        return found
    return vec.stories_of(ws, models, store.articles(), {})


def articles(ws: Workspace, models: ModelSet, only: report_mod.Only = report_mod.Only()) -> list[dict]:
    """The stored articles (id, source, date, title, claims, story, path) that ``only`` keeps, by id."""
    store = ws.open_existing()
    story_of = stories_mod.story_of(stories(ws, models))
    counts = store.claim_counts()
    rows = []
    for a in sorted(store.articles(), key=lambda a: a.id):
        if not only.keeps(a, story_of) or (only.source and a.source.casefold() != only.source.casefold()):
            continue
        rows.append({"id": a.id, "source": a.source, "date": a.date, "title": a.title,
                     "claims": counts.get(a.id, 0), "story": story_of.get(a.id, ""), "path": a.path})
    return rows


def facts(ws: Workspace, models: ModelSet, story: str | None = None) -> list[dict]:
    """The stored facts (of one story, when given) as side-by-side rows (:func:`contradict.stages.facts.table`)."""
    store = ws.open_existing()
    with store.snapshot():
        found = [f for f in store.facts() if story is None or f.story == story]
        wanted = {c for f in found for c in f.claims}
        claims = {c.id: c for c in store.claims() if c.id in wanted}
        arts = {a.id: a for a in store.articles()}
        labels = {s.id: s.label for s in store.stories()}
    return facts_mod.table(found, claims, arts, labels, parse=models.slot_parser)


def mark(ws: Workspace, pair_id: str, verdict: str, note: str = "") -> str:
    """Store a reader's verdict on a finding (a pair id, or a unique prefix of one); returns the pair id."""
    store = ws.open_existing()
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
    with ws.writing(), store.transaction():
        store.put_mark(pair_id, verdict, note, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    return pair_id
