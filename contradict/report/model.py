"""The typed report (``Report``, its ``Summary``), a query's result and a report's filter (``Only``).

``Report.to_json()`` gives the documented JSON object (``schema/report.schema.json``, generated from these
classes by ``python -m contradict.report.schema``, key order as the README shows it); ``Report.from_json()``
reads one back (the nightly delta compares the previous run's report with this one).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from contradict import serial
from contradict.report.rows import (
    ArticleRow,
    BlameRow,
    CastRow,
    ClaimRow,
    DuplicateRow,
    FrameRow,
    FramingRow,
    PairRow,
    RoleRow,
    StoryRow,
)
from contradict.serial import key
from contradict.types import Actor, Article, Pair, Tension


@dataclass(frozen=True)
class Summary(serial.Json):
    articles: int
    claims: int
    pairs_scored: int
    labels: tuple[tuple[str, int], ...] = field(metadata=key(mapping=True, missing=()))
    contradictions: int
    threshold: float
    nli_model: str
    embed_model: str
    pairs_unscored: int = 0
    # disagreements at or above the threshold, by kind
    kinds: tuple[tuple[str, int], ...] = field(default=(), metadata=key(mapping=True))
    stories: int = 0
    # what the report was restricted to (--story, --source, ...)
    filters: tuple[tuple[str, str], ...] = field(default=(), metadata=key(mapping=True, omit_empty=True))
    dismissed: int = 0  # findings a reader marked wrong, left out (--show-dismissed shows them)
    framing_tensions: int = 0
    restated: int = 0  # NLI contradictions at or above the threshold left out: two spellings of one statement
    facts: int = 0  # facts of the stories shown (contradict.stages.facts): claims of two or more articles telling one fact
    fact_pairs_read: int = 0  # scored pairs whose two claims tell one fact
    pairs_left_unread: int = 0  # candidate pairs the last index run's --pair-budget left unread
    disagreements: int = 0  # every disagreement the report holds, before --top cut the list (listed: pairs)
    agreements: int = 0  # every agreement, before --top

    JSON_KEYS = ("articles", "claims", "pairs_scored", "labels", "contradictions", "kinds", "stories", "threshold",
                 "nli_model", "embed_model", "pairs_unscored", "filters", "dismissed", "framing_tensions", "restated",
                 "facts", "fact_pairs_read", "pairs_left_unread", "disagreements", "agreements")


@dataclass(frozen=True)
class Report(serial.Json):
    articles: tuple[ArticleRow, ...]
    pairs: tuple[PairRow, ...]  # contradictions by score, then agreements by agreement
    tensions: tuple[Tension, ...]  # by score
    duplicates: tuple[DuplicateRow, ...] = field(metadata=key(missing=()))
    summary: Summary
    stories: tuple[StoryRow, ...] = ()  # stories with disagreements first (by count), then by id
    actors: tuple[Actor, ...] = ()  # named in at least two articles, most articles first
    frames: tuple[FrameRow, ...] = ()  # by article, strongest first
    # framing tensions, strongest first
    framing: tuple[FramingRow, ...] = field(default=(), metadata=key(name="framing_tensions"))
    # per article: who it casts as threat, sponsor, victim, ally
    casts: tuple[CastRow, ...] = field(default=(), metadata=key(name="frame_summaries"))
    # articles on one subject blaming different actors, strongest first
    blame: tuple[BlameRow, ...] = field(default=(), metadata=key(name="blame_tensions"))
    # per article, its central threat(s) and sponsor(s)
    central: tuple[RoleRow, ...] = field(default=(), metadata=key(name="central_cast"))

    JSON_KEYS = ("articles", "stories", "pairs", "tensions", "duplicates", "actors", "frames", "framing", "casts",
                 "blame", "central", "summary")

    def actor_names(self) -> dict[str, str]:
        return {a.id: a.name for a in self.actors}

    def find_actor(self, ref: str) -> Actor:
        """An actor by id, name or any spelling met (case-insensitive), or a unique prefix of a name."""
        from contradict.errors import ContradictError, Exit

        key = ref.casefold().strip()
        exact = [a for a in self.actors if key in {a.id.casefold(), a.name.casefold()}
                 | {v.casefold() for v in a.variants}]
        if len(exact) == 1:
            return exact[0]
        near = exact or [a for a in self.actors if a.name.casefold().startswith(key)
                         or any(v.casefold().startswith(key) for v in a.variants)]
        if len(near) == 1:
            return near[0]
        hint = ("did you mean " + ", ".join(a.name for a in near[:5]) + "?" if near else
                "`contradict frames` lists the actors" if self.actors else "no actor is named in two articles")
        raise ContradictError(f"no single actor {ref!r} in the index", exit_code=Exit.USAGE, hint=hint)

    @property
    def contradictions(self) -> list[PairRow]:
        """The disagreements of every kind (numeric, update, factual, framing), by score."""
        return [p for p in self.pairs if p.disagrees]

    @property
    def agreements(self) -> list[PairRow]:
        return [p for p in self.pairs if p.label == "entailment" and not p.disagrees]

    def story(self, story_id: str) -> StoryRow | None:
        return next((s for s in self.stories if s.id == story_id), None)

    def split_tensions(self) -> tuple[list[Tension], list[Tension]]:
        """Article pairs with at least one contradiction, and those that only agree."""
        return ([t for t in self.tensions if t.contradictions], [t for t in self.tensions if not t.contradictions])

    def article_labels(self, width: int | None = None, untitled_as_id: bool = True) -> dict[str, str]:
        """Article id -> its title (or id), cut to ``width``, and its date when known: two reports of one
        event that disagree on a figure read differently when one is a day later."""
        out = {}
        for a in self.articles:
            title = a.title or (a.id if untitled_as_id else "")
            if width and len(title) > width:
                title = title[:width - 1].rstrip() + "…"
            out[a.id] = " · ".join(x for x in (title, a.date or "") if x)
        return out

    def article_names(self, width: int = 40) -> dict[str, str]:
        """Article id -> how a reader names it: outlet, date and the title cut to ``width`` ("Fox News,
        2019-03-01: Clinton releases tax…"); the id when the article has none of them (ids stay in JSON and
        in the `mark` / `pair` hints)."""
        out = {}
        for a in self.articles:
            title = " ".join((a.title or "").split())
            if len(title) > width:  # cut at a word where one ends in the last third
                cut = title[:width - 1]
                at = cut.rfind(" ")
                title = (cut[:at] if at > width * 2 // 3 else cut).rstrip() + "…"
            head = ", ".join(x for x in (a.source, (a.date or "")[:10]) if x)
            out[a.id] = (f"{head}: {title}" if head and title else head or title) or a.id
        return out


@dataclass(frozen=True)
class QueryHit(serial.Json):
    """A corpus claim against the query: the label of the pair scored both ways, and how it ranks."""

    label: str
    probs: tuple[tuple[str, float], ...] = field(metadata=key(mapping=True))
    implies_query: float  # P(entailment) with the corpus claim as premise
    similarity: float
    score: float  # P(contradiction) x relatedness
    support: float  # max(P(entailment), implies_query) x relatedness
    claim: ClaimRow
    shared: tuple[str, ...]

    def p(self, label: str) -> float:
        return dict(self.probs)[label]


@dataclass(frozen=True)
class QueryResult(serial.Json):
    query: str
    nli_model: str
    candidates: int
    contradicting: tuple[QueryHit, ...]
    supporting: tuple[QueryHit, ...]


@dataclass(frozen=True)
class Only:
    """What a report is restricted to: a story, an outlet, a date range (ISO dates, inclusive)."""

    story: str = ""
    source: str = ""
    since: str = ""
    until: str = ""

    def items(self) -> tuple[tuple[str, str], ...]:
        return tuple((k, v) for k, v in (("story", self.story), ("source", self.source), ("since", self.since),
                                         ("until", self.until)) if v)

    def keeps(self, a: Article, story_of: dict[str, str]) -> bool:
        """Whether an article is in the report (an undated article is outside any date range)."""
        if self.story and story_of.get(a.id) != self.story:
            return False
        if (self.since or self.until) and not a.date:
            return False
        if self.since and a.date[:10] < self.since:
            return False
        return not (self.until and a.date[:10] > self.until)

    def keeps_pair(self, p: Pair, kept: set[str], sources: dict[str, str]) -> bool:
        if p.a.article_id not in kept or p.b.article_id not in kept:
            return False
        src = self.source.casefold()
        return not src or src in (sources.get(p.a.article_id, "").casefold(), sources.get(p.b.article_id, "").casefold())


