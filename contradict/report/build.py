"""The typed report built once from a run's values (:func:`build`), handed to every renderer and to the nightly
delta. The report's classes are in :mod:`contradict.report.model` and :mod:`contradict.report.rows`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from contradict.report.model import Only, QueryHit, QueryResult, Report, Summary  # noqa: F401 (re-exported)
from contradict.report.rows import (  # noqa: F401 (re-exported)
    CAST_WORDS,
    ArticleRow,
    BlameRow,
    CastRow,
    ClaimRow,
    DuplicateRow,
    FrameRow,
    FramingRow,
    PairRow,
    RoleRow,
    SideRow,
    StoryRow,
)
from contradict.settings import Settings
from contradict.stages import actor_merge as actor_merge_mod
from contradict.stages import aggregate, anchors
from contradict.stages import blame as blame_mod
from contradict.stages import frames as frames_mod
from contradict.stages import stories as stories_mod
from contradict.types import LABELS, Actor, Article, Claim, ClaimRead, Fact, Kind, Pair, Route, Story


def build(articles: Sequence[Article], claims: Sequence[Claim], pairs: Sequence[Pair],
          duplicates: Sequence[tuple[Claim, Claim, float]], s: Settings, top: int | None, nli_model: str,
          pairs_unscored: int = 0, stories: Sequence[Story] = (), only: Only = Only(),
          marks: dict[str, tuple[str, str]] | None = None, show_dismissed: bool = False,
          frame_reads: Sequence[ClaimRead] = (), facts: Sequence[Fact] = (), pairs_left_unread: int = 0,
          parse: Callable[[str], object] | None = None,
          rule_reads: Mapping[str, tuple[str, str, str, str]] | None = None,
          actor_merge: tuple[str, str] | None = None) -> Report:
    """The report: pairs classified by kind (:func:`aggregate.classify`) and grouped by story, and the frames
    read from ``frame_reads`` (:mod:`contradict.stages.frames`); pairs a reader marked wrong are left out (and
    counted) unless ``show_dismissed``. With ``parse`` (spaCy's pipeline), a rule difference counts only where
    the parse anchors it (:mod:`contradict.stages.anchors`); ``rule_reads``, the index run's reads of its candidate
    pairs, stand for the parse where they cover a pair; ``actor_merge``, the index run's merge of the actors as
    (basis, text), stands for merging them again when its basis is the reads' (:mod:`contradict.stages.actor_merge`)."""
    marks = marks or {}
    top = s.top if top is None else top
    story_of = stories_mod.story_of(stories)
    by_id = {a.id: a for a in articles}
    days = {a.id: a.day for a in articles}
    sources = {a.id: a.source for a in articles}
    articles = [a for a in articles if only.keeps(a, story_of)]
    kept = {a.id for a in articles}
    if only.source:
        with_source = {a.id for a in articles if a.source.casefold() == only.source.casefold()}
        partners = {x for p in pairs for x, y in ((p.a.article_id, p.b.article_id), (p.b.article_id, p.a.article_id))
                    if y in with_source}
        kept &= with_source | partners
        articles = [a for a in articles if a.id in kept]
    view = _frames_view(frame_reads, claims, kept, by_id, story_of, actor_merge)
    claims = [c for c in claims if c.article_id in kept]
    pairs = [p for p in pairs if only.keeps_pair(p, kept, sources)]
    if rule_reads is not None:
        ruled = anchors.from_reads(pairs, rule_reads, story_of, days, parse)
    else:
        ruled = None if parse is None else anchors.rule_differences(pairs, story_of, days, parse)
    pairs = [aggregate.classify(p, story_of, days, ruled=ruled) for p in pairs]
    # a reader's "right" mark outweighs a rule that leaves an NLI contradiction out (a restatement, two occasions,
    # page furniture): the pair is listed as the factual disagreement the reader says it is
    right = {pid for pid, (verdict, _) in marks.items() if verdict == "right"}
    pairs = [replace(p, kind=Kind.FACTUAL) if p.kind in aggregate.LEFT_OUT and p.id in right else p for p in pairs]
    dismissed = [p for p in pairs if marks.get(p.id, ("", ""))[0] == "wrong" and aggregate.is_disagreement(p)]
    if not show_dismissed and dismissed:
        gone = {p.id for p in dismissed}
        pairs = [p for p in pairs if p.id not in gone]
    duplicates = [d for d in duplicates if d[0].article_id in kept and d[1].article_id in kept]
    per_article: dict[str, int] = {}
    for c in claims:
        per_article[c.article_id] = per_article.get(c.article_id, 0) + 1
    all_contra, all_agree = aggregate.rank(pairs)
    contra, agree = (all_contra[:top], all_agree[:top]) if top > 0 else (all_contra, all_agree)
    tens = aggregate.tensions(pairs, s.contradiction_threshold)
    shown_stories = {st.id for st in stories if any(a in kept for a in st.articles)}
    counted = [p for p in pairs if aggregate.counts_as_contradiction(p, s.contradiction_threshold)]
    kinds = Counter(p.kind.value for p in counted if p.kind)
    left_out = Counter(p.kind for p in pairs if p.kind in aggregate.LEFT_OUT and p.score >= s.contradiction_threshold)
    if view.framing:
        kinds[Kind.FRAMING.value] = len(view.framing)
    return Report(
        articles=tuple(ArticleRow(a.id, a.title, a.source, per_article.get(a.id, 0), a.date, a.path) for a in articles),
        pairs=tuple(_marked(PairRow.of(p, by_id), marks) for p in contra + agree),
        tensions=tuple(tens),
        duplicates=tuple(DuplicateRow(ClaimRow.of(x, by_id.get(x.article_id)), ClaimRow.of(y, by_id.get(y.article_id)),
                                      round(sim, 4)) for x, y, sim in duplicates),
        summary=Summary(articles=len(articles), claims=len(claims), pairs_scored=len(pairs),
                        labels=tuple((lab, sum(1 for p in pairs if p.label == lab)) for lab in LABELS),
                        contradictions=sum(t.contradictions for t in tens), threshold=s.contradiction_threshold,
                        nli_model=nli_model, embed_model=s.embed_model, pairs_unscored=pairs_unscored,
                        kinds=tuple(sorted(kinds.items())),
                        stories=sum(1 for st in stories if any(a in kept for a in st.articles)),
                        filters=only.items(), dismissed=0 if show_dismissed else len(dismissed),
                        framing_tensions=len(view.framing),
                        restated=left_out[Kind.RESTATEMENT], occasions=left_out[Kind.OCCASIONS],
                        furniture=left_out[Kind.FURNITURE],
                        facts=sum(1 for f in facts if f.story in shown_stories),
                        fact_pairs_read=sum(1 for p in pairs if any(r.route is Route.FACT for r in p.reasons)),
                        pairs_left_unread=pairs_left_unread, disagreements=len(all_contra),
                        agreements=len(all_agree), by_rule=sum(1 for p in counted if p.difference is not None),
                        by_reader=sum(1 for p in counted if p.difference is None and p.id in right),
                        model_only=sum(1 for p in counted if p.difference is None and p.id not in right)),
        stories=_story_rows(stories, kept, sources, pairs, s.contradiction_threshold, view.framing),
        actors=view.actors, frames=view.frames, framing=view.framing, casts=view.casts, blame=view.blame,
        central=view.central)


@dataclass(frozen=True)
class _FramesView:
    actors: tuple[Actor, ...] = ()
    frames: tuple[FrameRow, ...] = ()
    framing: tuple[FramingRow, ...] = ()
    casts: tuple[CastRow, ...] = ()
    blame: tuple[BlameRow, ...] = ()
    central: tuple[RoleRow, ...] = ()


QUOTES_PER_SIDE = 3  # claims shown under each side of a framing tension (the JSON lists every claim id)


def _frames_view(reads: Sequence[ClaimRead], claims: Sequence[Claim], kept: set[str], by_id: dict[str, Article],
                 story_of: dict[str, str], stored_merge: tuple[str, str] | None = None) -> _FramesView:
    """Actors over the whole index (spellings merge across every article; the index run's merge when
    ``stored_merge`` is made on these reads), frames and tensions of the kept articles."""
    if not reads:
        return _FramesView()
    cl = {c.id: c for c in claims}
    merged = actor_merge_mod.merge(reads, {c.id: c.article_id for c in claims}, {c.id: c.position for c in claims},
                                   stored_merge)
    actors, key_to_actor = merged.actors, merged.key_to_actor
    names = {a.id: a.name for a in actors}
    day_of = {a: art.day for a, art in by_id.items()}  # across stories, sides far apart in time are two moments
    found = frames_mod.frames([r for r in reads if r.claim_id in cl and cl[r.claim_id].article_id in kept], cl,
                              key_to_actor, day_of)
    ten = frames_mod.tensions(found, story_of, day_of=day_of)

    def side(x) -> SideRow:
        quotes = tuple(ClaimRow.of(cl[i], by_id.get(cl[i].article_id)) for i in x.claims[:QUOTES_PER_SIDE])
        return SideRow(x.article, names[x.actor], names[x.target], x.relation.value, x.strength, quotes, x.claims,
                       x.evidence)

    framing = tuple(FramingRow(t.id, names[t.lead.actor], names[t.lead.target], side(t.a), side(t.b), t.score, t.story)
                    for t in ten)
    casts = tuple(CastRow(art, **{role: tuple(names[a] for a in ids) for role, ids in roles.items()})
                  for art, roles in frames_mod.summaries(found).items())
    central = blame_mod.central_cast(found, cl)

    def role(r) -> RoleRow:
        quotes = tuple(ClaimRow.of(cl[i], by_id.get(cl[i].article_id)) for i in r.claims[:QUOTES_PER_SIDE])
        return RoleRow(r.article, r.role, names[r.actor], names[r.of], r.salience, r.claims, quotes)

    blame_rows = tuple(BlameRow(t.id, role(t.a), role(t.b), t.score, t.story, also_a=tuple(map(role, t.also_a)),
                                also_b=tuple(map(role, t.also_b)))
                       for t in blame_mod.tensions(central, story_of, about=blame_mod.frame_actors(found),
                                                   day_of=day_of))
    central_rows = tuple(role(r) for art in sorted(central) for r in central[art])
    return _FramesView(
        tuple(actors),
        tuple(FrameRow(f.article, f.actor, f.target, f.relation.value, f.strength, f.claims, f.evidence,
                       tuple({"claim": e.claim, "speaker": cl[e.claim].speaker or "article", "p": e.p, "voice": e.voice,
                              "words": e.words} for e in f.reads)) for f in found),
        framing, casts, blame_rows, central_rows)


def _marked(row: PairRow, marks: dict[str, tuple[str, str]]) -> PairRow:
    """The row with a reader's mark; a model-alone finding marked right is the reader's finding (basis "reader")."""
    verdict, note = marks.get(row.id, ("", ""))
    if not verdict:
        return row
    return replace(row, mark=verdict, note=note, basis="reader" if verdict == "right" and row.basis == "model" else row.basis)


def _story_rows(stories: Sequence[Story], kept: set[str], sources: dict[str, str], pairs: Sequence[Pair],
                threshold: float, framing: Sequence[FramingRow] = ()) -> tuple[StoryRow, ...]:
    """Stories of more than one article (with the report's articles), disagreements first."""
    counted: dict[str, Counter] = {}
    for t in framing:
        if t.story:
            counted.setdefault(t.story, Counter())[Kind.FRAMING.value] += 1
    agree: Counter[str] = Counter()
    for p in pairs:
        if not p.story:
            continue
        if aggregate.counts_as_contradiction(p, threshold):
            counted.setdefault(p.story, Counter())[p.kind.value if p.kind else "factual"] += 1
        elif p.label == "entailment":
            agree[p.story] += 1
    rows = []
    for st in stories:
        arts = tuple(a for a in st.articles if a in kept)
        if len(arts) < 2:
            continue
        kinds = counted.get(st.id, Counter())
        rows.append(StoryRow(id=st.id, label=st.label, articles=arts,
                             sources=tuple(dict.fromkeys(sources.get(a, "") for a in arts if sources.get(a))),
                             dates=(st.first, st.last), contradictions=sum(kinds.values()),
                             updates=kinds.get(Kind.UPDATE.value, 0), agreements=agree[st.id],
                             kinds=tuple(sorted(kinds.items()))))
    rows.sort(key=lambda r: (-r.contradictions, -r.agreements, r.id))
    return tuple(rows)
