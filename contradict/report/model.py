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

N = {"minimum": 0}  # a count's schema


@dataclass(frozen=True)
class Summary(serial.Json):
    articles: int = field(metadata=key(schema=N))
    claims: int = field(metadata=key(schema=N))
    pairs_scored: int = field(metadata=key(schema=N))
    labels: tuple[tuple[str, int], ...] = field(metadata=key(mapping=True, missing=()))
    contradictions: int = field(metadata=key(schema=N))
    threshold: float
    nli_model: str
    embed_model: str
    pairs_unscored: int = 0
    kinds: tuple[tuple[str, int], ...] = field(default=(), metadata=key(
        mapping=True, doc="disagreements at or above the threshold, by kind"))
    stories: int = 0
    # what the report was restricted to (--story, --source, ...)
    filters: tuple[tuple[str, str], ...] = field(default=(), metadata=key(mapping=True, omit_empty=True))
    dismissed: int = 0  # findings a reader marked wrong, left out (--show-dismissed shows them)
    framing_tensions: int = 0
    restated: int = field(default=0, metadata=key(
        doc="NLI contradictions at or above the threshold left out: the two claims restate one statement (kind "
            "restatement)"))
    occasions: int = field(default=0, metadata=key(
        doc="NLI contradictions at or above the threshold left out: across stories, the two claims give other "
            "numbers (digits), calendar days or weekdays and neither negates the other: two occasions of a recurring "
            "line (kind occasions)"))
    furniture: int = field(default=0, metadata=key(
        doc="NLI contradictions at or above the threshold left out: a claim is a line of the page's furniture, a "
            "video promo, a photo caption, an editor's note or a byline (kind furniture)"))
    facts: int = field(default=0, metadata=key(
        doc="facts of the stories shown: claims of two or more articles telling one event, quantity or statement "
            "(`contradict facts` lists them)"))
    fact_pairs_read: int = field(default=0, metadata=key(
        doc="scored pairs whose two claims tell one fact (read ahead of the pair budget)"))
    pairs_left_unread: int = field(default=0, metadata=key(
        doc="candidate pairs the last index run's --pair-budget left unread"))
    disagreements: int = field(default=0, metadata=key(
        doc="every disagreement the report holds before --top cut the listed pairs (at any score; `contradictions` "
            "counts those at or above the threshold)"))
    agreements: int = field(default=0, metadata=key(doc="every agreement before --top cut the list"))
    by_rule: int = field(default=0, metadata=key(
        doc="of the contradictions at or above the threshold, those a rule found (basis 'rule': numbers, dates, places, "
            "persons, denials read different)"))
    model_only: int = field(default=0, metadata=key(
        doc="of the contradictions at or above the threshold, those the NLI model alone reads (basis 'model'): "
            "unconfirmed until a reader marks them"))
    by_reader: int = field(default=0, metadata=key(
        doc="of the contradictions at or above the threshold, those no rule found that a reader marked right (basis "
            "'reader')"))

    JSON_KEYS = ("articles", "claims", "pairs_scored", "labels", "contradictions", "kinds", "stories", "threshold",
                 "nli_model", "embed_model", "pairs_unscored", "filters", "dismissed", "framing_tensions", "restated",
                 "occasions", "furniture", "facts", "fact_pairs_read", "pairs_left_unread", "disagreements", "agreements",
                 "by_rule", "by_reader", "model_only")


@dataclass(frozen=True)
class Report(serial.Json):
    articles: tuple[ArticleRow, ...]
    pairs: tuple[PairRow, ...]  # contradictions by score, then agreements by agreement
    tensions: tuple[Tension, ...]  # by score
    duplicates: tuple[DuplicateRow, ...] = field(metadata=key(missing=()))
    summary: Summary
    # stories with disagreements first (by count), then by id
    stories: tuple[StoryRow, ...] = field(default=(), metadata=key(
        doc="Stories of more than one article (articles that report one event), those with disagreements first"))
    # named in at least two articles, most articles first
    actors: tuple[Actor, ...] = field(default=(), metadata=key(
        doc="actors named in at least two articles, spellings merged (frames)"))
    # by article, strongest first
    frames: tuple[FrameRow, ...] = field(default=(), metadata=key(
        doc="per article, how it casts one actor towards another"))
    framing: tuple[FramingRow, ...] = field(default=(), metadata=key(
        name="framing_tensions", doc="two articles casting the same two actors in opposite roles, strongest first"))
    casts: tuple[CastRow, ...] = field(default=(), metadata=key(
        name="frame_summaries", doc="per article, the actors it casts most in each role"))
    blame: tuple[BlameRow, ...] = field(default=(), metadata=key(
        name="blame_tensions",
        doc="two articles on one subject (a story, or casts sharing two actors) that blame different actors: each "
            "side is the article's most blamed actor (its central threat, or its central sponsor of a threat); "
            "contradict.blame"))
    central: tuple[RoleRow, ...] = field(default=(), metadata=key(
        name="central_cast",
        doc="per article, the one or two actors it casts as its central threat and as a sponsor, by salience "
            "(voice x heading / lead / body x reading probability)"))

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
        if not (self.since or self.until):
            return True
        if a.day is None:
            return False
        day = a.day.isoformat()
        return not (self.since and day < self.since) and not (self.until and day > self.until)

    def keeps_pair(self, p: Pair, kept: set[str], sources: dict[str, str]) -> bool:
        if p.a.article_id not in kept or p.b.article_id not in kept:
            return False
        src = self.source.casefold()
        return not src or src in (sources.get(p.a.article_id, "").casefold(), sources.get(p.b.article_id, "").casefold())


