"""The typed report: built once from a run's values, handed to every renderer and to the nightly delta.

``Report.to_json()`` gives the documented JSON object (``schema/report.schema.json``, key order as
the README shows it); ``Report.from_json()`` reads one back (the nightly delta compares the previous
run's report with this one).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from contradict.settings import Settings
from contradict.stages import aggregate, anchors
from contradict.stages import blame as blame_mod
from contradict.stages import frames as frames_mod
from contradict.stages import stories as stories_mod
from contradict.stages.kinds import differences
from contradict.types import LABELS, Actor, Article, Claim, ClaimRead, Fact, Kind, Pair, Route, Story, Tension

# how a framing finding's sentence names a relation: '002 casts United States as a backer of ISIS'
CAST_WORDS = {"supports": "a backer of", "allied with": "an ally of", "opposes": "an opponent of",
              "threatens": "a threat to"}


@dataclass(frozen=True)
class ArticleRow:
    id: str
    title: str
    source: str
    claims: int
    date: str
    path: str

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "source": self.source, "claims": self.claims, "date": self.date,
                "path": self.path}

    @classmethod
    def from_json(cls, d: dict) -> ArticleRow:
        return cls(id=d["id"], title=d.get("title") or "", source=d.get("source") or "", claims=d.get("claims", 0),
                   date=d.get("date") or "", path=d.get("path") or "")


@dataclass(frozen=True)
class ClaimRow:
    id: str
    article: str
    claim: str
    speaker: str  # "article" for the article's own claims
    kind: str
    position: int
    span: tuple[int, int]
    context: str = ""
    source: str = ""  # the article's outlet
    date: str = ""  # the article's date

    @classmethod
    def of(cls, c: Claim, article: Article | None = None) -> ClaimRow:
        return cls(id=c.id, article=c.article_id, claim=c.text, speaker=c.speaker or "article", kind=c.kind,
                   position=c.position, span=(c.start, c.end), context=c.context,
                   source=article.source if article else "", date=article.date if article else "")

    @property
    def who(self) -> str:
        """'article 000 (Fox News, 2019-02-15)' or '..., quoting a senior U.S. official'."""
        where = ", ".join(x for x in (self.source, self.date[:10]) if x)
        art = f"article {self.article}" + (f" ({where})" if where else "")
        return art if self.speaker == "article" else f"{art}, quoting {self.speaker}"

    def to_json(self) -> dict:
        d = {"id": self.id, "article": self.article, "source": self.source, "date": self.date, "claim": self.claim,
             "speaker": self.speaker, "kind": self.kind, "position": self.position, "span": list(self.span)}
        if self.context:
            d["context"] = self.context
        return d

    @classmethod
    def from_json(cls, d: dict) -> ClaimRow:
        return cls(id=d["id"], article=d["article"], claim=d["claim"], speaker=d.get("speaker") or "article",
                   kind=d.get("kind", "sentence"), position=d.get("position", 0), span=tuple(d.get("span", (0, 0))),
                   context=d.get("context", ""), source=d.get("source", ""), date=d.get("date", ""))


@dataclass(frozen=True)
class PairRow:
    label: str
    probs: tuple[tuple[str, float], ...]  # in LABELS order
    similarity: float
    score: float
    agreement: float
    entailment_one_way: float
    a: ClaimRow
    b: ClaimRow
    reasons: tuple[str, ...]
    shared: tuple[str, ...]  # entity values, kinds dropped
    story: str = ""  # the story of both articles; "" across stories
    kind: str = ""  # numeric | update | factual | framing | agreement ("" for a report made before kinds)
    difference: tuple[str, str, str] | tuple[()] = ()  # (thing, value in a, value in b) of a numeric difference or update
    explain: str = ""  # "people: 52 vs 67", "revised from 52 (2019-03-01) to 67 (2019-03-02)"
    differences: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = ()  # (kind, words in a, words in b)
    mark: str = ""  # a reader's verdict: "right", "wrong" (`contradict mark`), or ""
    note: str = ""

    def why(self) -> str:
        """'number 2002 vs 2003; negation – vs no': what differs, in words."""
        return "; ".join(f"{k} {', '.join(a) or '–'} vs {', '.join(b) or '–'}" for k, a, b in self.differences)

    def marked(self, side: str) -> tuple[str, ...]:
        """The words of one side (``"a"`` or ``"b"``) that differ from the other: to highlight."""
        return tuple(w for _, a, b in self.differences for w in (a if side == "a" else b))

    @property
    def id(self) -> str:
        return f"{self.a.id}|{self.b.id}"

    @property
    def disagrees(self) -> bool:
        return self.kind in aggregate.DISAGREEMENTS if self.kind else self.label == "contradiction"

    def p(self, label: str) -> float:
        return dict(self.probs)[label]

    @classmethod
    def of(cls, p: Pair, arts: dict[str, Article] | None = None) -> PairRow:
        arts = arts or {}
        dates = {k: a.date for k, a in arts.items()}
        diff = (p.difference.thing, p.difference.a, p.difference.b) if p.difference else ()
        return cls(label=p.label, probs=tuple((k, p.probs[k]) for k in LABELS), similarity=p.similarity,
                   score=p.score, agreement=aggregate.agreement_score(p), entailment_one_way=p.entailment_one_way,
                   a=ClaimRow.of(p.a, arts.get(p.a.article_id)), b=ClaimRow.of(p.b, arts.get(p.b.article_id)),
                   reasons=tuple(str(r) for r in p.reasons),
                   shared=tuple(e.value for e in p.shared), story=p.story, kind=p.kind.value if p.kind else "",
                   difference=diff, explain=_explain(p, dates),
                   differences=tuple((d["kind"], tuple(d["a"]), tuple(d["b"])) for d in differences(p.a.text, p.b.text)))

    def to_json(self) -> dict:
        d = {"id": self.id, "kind": self.kind, "story": self.story, "label": self.label, "probs": dict(self.probs),
             "similarity": self.similarity, "score": self.score, "agreement": self.agreement,
             "entailment_one_way": self.entailment_one_way, "a": self.a.to_json(), "b": self.b.to_json(),
             "reasons": list(self.reasons), "shared": list(self.shared)}
        if self.difference:
            d["difference"] = dict(zip(("thing", "a", "b"), self.difference))
        if self.explain:
            d["explain"] = self.explain
        d["differences"] = [{"kind": k, "a": list(a), "b": list(b)} for k, a, b in self.differences]
        if self.mark:
            d["mark"] = self.mark
            if self.note:
                d["note"] = self.note
        return d

    @classmethod
    def from_json(cls, d: dict) -> PairRow:
        diff = d.get("difference") or {}
        return cls(label=d["label"], probs=tuple((k, d["probs"][k]) for k in LABELS), similarity=d["similarity"],
                   score=d["score"], agreement=d.get("agreement", 0.0),
                   entailment_one_way=d.get("entailment_one_way", 0.0), a=ClaimRow.from_json(d["a"]),
                   b=ClaimRow.from_json(d["b"]), reasons=tuple(d.get("reasons", ())), shared=tuple(d.get("shared", ())),
                   story=d.get("story", ""), kind=d.get("kind", ""),
                   difference=(diff["thing"], diff["a"], diff["b"]) if diff else (), explain=d.get("explain", ""),
                   differences=tuple((x["kind"], tuple(x["a"]), tuple(x["b"])) for x in d.get("differences", ())),
                   mark=d.get("mark", ""), note=d.get("note", ""))


def _explain(p: Pair, dates: dict[str, str]) -> str:
    """What differs, in words: "people: 52 vs 67"; an update reads "revised from 52 (date) to 67 (date)"."""
    d = p.difference
    if p.kind is Kind.UPDATE:
        da, db = dates.get(p.a.article_id, ""), dates.get(p.b.article_id, "")
        if not d:
            return f"the later report ({max(da, db)}) differs from the earlier ({min(da, db)})"
        (v1, d1), (v2, d2) = sorted(((d.a, da), (d.b, db)), key=lambda vd: vd[1])
        return f"{d.thing}: revised from {v1} ({d1}) to {v2} ({d2})"
    if p.kind in (Kind.NUMERIC, Kind.FACTUAL) and d:  # a factual finding by rule names its slot: "place: X vs Y"
        return str(d)
    return ""


@dataclass(frozen=True)
class StoryRow:
    """A story as reports show it: its articles by date, and its pairs counted by kind."""

    id: str
    label: str
    articles: tuple[str, ...]
    sources: tuple[str, ...]
    dates: tuple[str, str]  # (first, last); "" when undated
    contradictions: int  # disagreements at or above the threshold, every kind
    updates: int
    agreements: int
    kinds: tuple[tuple[str, int], ...] = ()  # disagreements at or above the threshold, by kind

    def to_json(self) -> dict:
        return {"id": self.id, "label": self.label, "articles": list(self.articles), "sources": list(self.sources),
                "dates": list(self.dates), "contradictions": self.contradictions, "updates": self.updates,
                "agreements": self.agreements, "kinds": dict(self.kinds)}

    @classmethod
    def from_json(cls, d: dict) -> StoryRow:
        return cls(id=d["id"], label=d.get("label", ""), articles=tuple(d.get("articles", ())),
                   sources=tuple(d.get("sources", ())), dates=tuple(d.get("dates") or ("", "")),
                   contradictions=d.get("contradictions", 0), updates=d.get("updates", 0),
                   agreements=d.get("agreements", 0), kinds=tuple((d.get("kinds") or {}).items()))


@dataclass(frozen=True)
class FrameRow:
    """How one article casts one actor towards another (``frames`` in the JSON)."""

    article: str
    actor: str
    target: str
    relation: str
    strength: float
    claims: tuple[str, ...]
    evidence: tuple[str, ...] = ()
    reads: tuple[dict, ...] = ()  # per claim: {"claim", "speaker", "p", "voice", "words"}

    def to_json(self) -> dict:
        return {"article": self.article, "actor": self.actor, "target": self.target, "relation": self.relation,
                "strength": self.strength, "claims": list(self.claims), "evidence": list(self.evidence),
                "reads": [dict(r) for r in self.reads]}

    @classmethod
    def from_json(cls, d: dict) -> FrameRow:
        return cls(d["article"], d["actor"], d["target"], d["relation"], d["strength"], tuple(d.get("claims", ())),
                   tuple(d.get("evidence", ())), tuple(d.get("reads", ())))


@dataclass(frozen=True)
class SideRow:
    """One article's side of a framing tension, with the claims that carry it."""

    article: str
    actor: str  # actor names, in the direction this article reads the relation
    target: str
    relation: str
    strength: float
    claims: tuple[ClaimRow, ...]  # the strongest few (claim_ids has them all)
    claim_ids: tuple[str, ...]
    evidence: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        n = len(self.claim_ids)
        return f"{self.actor} {self.relation} {self.target} ({n} claim{'s' if n != 1 else ''})"

    @property
    def cast(self) -> str:
        """'United States as a backer of ISIS (5 claims)'."""
        n = len(self.claim_ids)
        return (f"{self.actor} as {CAST_WORDS.get(self.relation, self.relation)} {self.target} "
                f"({n} claim{'s' if n != 1 else ''})")

    def to_json(self) -> dict:
        return {"article": self.article, "actor": self.actor, "target": self.target, "relation": self.relation,
                "strength": self.strength, "claims": list(self.claim_ids), "evidence": list(self.evidence),
                "quotes": [c.to_json() for c in self.claims]}

    @classmethod
    def from_json(cls, d: dict) -> SideRow:
        return cls(d["article"], d["actor"], d["target"], d["relation"], d["strength"],
                   tuple(ClaimRow.from_json(c) for c in d.get("quotes", ())), tuple(d.get("claims", ())),
                   tuple(d.get("evidence", ())))


@dataclass(frozen=True)
class FramingRow:
    """Two articles casting the same two actors in opposite roles (``framing_tensions`` in the JSON)."""

    id: str
    actor: str  # the pair as the stronger side reads it (names)
    target: str
    a: SideRow
    b: SideRow
    score: float
    story: str = ""
    kind: str = Kind.FRAMING.value

    @property
    def articles(self) -> tuple[str, str]:
        return (self.a.article, self.b.article)

    @property
    def headline(self) -> str:
        """'004 vs 002 on United States -> ISIS'."""
        return f"{self.a.article} vs {self.b.article} on {self.actor} -> {self.target}"

    def sentence_with(self, names: Mapping[str, str]) -> str:
        """The finding in one sentence, articles as ``names`` names them: '002 casts United States as a backer of
        ISIS (5 claims); 004 casts United States as an opponent of ISIS (2 claims)'."""
        return "; ".join(f"{names.get(s.article, s.article)} casts {s.cast}" for s in (self.a, self.b))

    @property
    def sentence(self) -> str:
        return self.sentence_with({})

    def to_json(self) -> dict:
        return {"id": self.id, "kind": self.kind, "articles": list(self.articles), "actor": self.actor,
                "target": self.target, "relations": [self.a.relation, self.b.relation], "score": self.score,
                "story": self.story, "sentence": self.sentence, "a": self.a.to_json(), "b": self.b.to_json()}

    @classmethod
    def from_json(cls, d: dict) -> FramingRow:
        return cls(d["id"], d["actor"], d["target"], SideRow.from_json(d["a"]), SideRow.from_json(d["b"]),
                   d["score"], d.get("story", ""))


@dataclass(frozen=True)
class RoleRow:
    """One actor an article casts as its central threat or sponsor (:mod:`contradict.stages.blame`), by name."""

    article: str
    role: str  # threat | sponsor
    actor: str
    of: str
    salience: float
    claims: tuple[str, ...]  # every claim that carries it, most salient first
    quotes: tuple[ClaimRow, ...] = ()  # the most salient few

    @property
    def sentence(self) -> str:
        """'Iran as the central threat (to United States)', 'United States as the sponsor (of ISIS)'."""
        return (f"{self.actor} as the central threat (to {self.of})" if self.role == "threat"
                else f"{self.actor} as the sponsor (of {self.of})")

    def to_json(self) -> dict:
        return {"article": self.article, "role": self.role, "actor": self.actor, "of": self.of,
                "salience": self.salience, "claims": list(self.claims), "quotes": [q.to_json() for q in self.quotes]}

    @classmethod
    def from_json(cls, d: dict) -> RoleRow:
        return cls(d["article"], d["role"], d["actor"], d["of"], d["salience"], tuple(d["claims"]),
                   tuple(ClaimRow.from_json(q) for q in d.get("quotes", ())))


@dataclass(frozen=True)
class BlameRow:
    """Two articles on one subject that blame different actors (``blame_tensions`` in the JSON)."""

    id: str
    a: RoleRow
    b: RoleRow
    score: float
    story: str = ""
    kind: str = "blame"
    also_a: tuple[RoleRow, ...] = ()  # other articles that cast a's actor in a's role (of the same actor)
    also_b: tuple[RoleRow, ...] = ()

    @property
    def articles(self) -> tuple[str, str]:
        return (self.a.article, self.b.article)

    def sides(self) -> tuple[tuple[RoleRow, ...], tuple[RoleRow, ...]]:
        """Each side's articles, the pair's own first."""
        return (self.a, *self.also_a), (self.b, *self.also_b)

    def sentence_with(self, names: Mapping[str, str]) -> str:
        """'004 casts Iran as the central threat (to United States); 002 and 003 cast United States as the sponsor
        (of ISIS)', articles as ``names`` names them."""
        out = []
        for side in self.sides():
            who = [names.get(r.article, r.article) for r in side]
            arts = who[0] if len(who) == 1 else ", ".join(who[:-1]) + " and " + who[-1]
            out.append(f"{arts} {'casts' if len(who) == 1 else 'cast'} {side[0].sentence}")
        return "; ".join(out)

    @property
    def sentence(self) -> str:
        return self.sentence_with({})

    def to_json(self) -> dict:
        return {"id": self.id, "kind": self.kind, "articles": list(self.articles), "score": self.score,
                "story": self.story, "sentence": self.sentence, "a": self.a.to_json(), "b": self.b.to_json(),
                "a_also": [r.to_json() for r in self.also_a], "b_also": [r.to_json() for r in self.also_b]}

    @classmethod
    def from_json(cls, d: dict) -> BlameRow:
        return cls(d["id"], RoleRow.from_json(d["a"]), RoleRow.from_json(d["b"]), d["score"], d.get("story", ""),
                   also_a=tuple(RoleRow.from_json(r) for r in d.get("a_also", ())),
                   also_b=tuple(RoleRow.from_json(r) for r in d.get("b_also", ())))


@dataclass(frozen=True)
class CastRow:
    """The actors one article casts most in each role (a frame summary)."""

    article: str
    sponsor: tuple[str, ...] = ()
    ally: tuple[str, ...] = ()
    threat: tuple[str, ...] = ()
    victim: tuple[str, ...] = ()
    opponent: tuple[str, ...] = ()

    ROLES = ("threat", "opponent", "sponsor", "victim", "ally")  # the order every renderer shows them in

    def roles(self) -> list[tuple[str, tuple[str, ...]]]:
        return [(role, getattr(self, role)) for role in self.ROLES]

    @property
    def text(self) -> str:
        return " · ".join(f"{role}: {', '.join(names)}" for role, names in self.roles() if names)

    def to_json(self) -> dict:
        return {"article": self.article, **{role: list(names) for role, names in self.roles()}}

    @classmethod
    def from_json(cls, d: dict) -> CastRow:
        return cls(d["article"], tuple(d.get("sponsor", ())), tuple(d.get("ally", ())), tuple(d.get("threat", ())),
                   tuple(d.get("victim", ())), tuple(d.get("opponent", ())))


@dataclass(frozen=True)
class DuplicateRow:
    a: ClaimRow
    b: ClaimRow
    similarity: float

    def to_json(self) -> dict:
        return {"a": self.a.to_json(), "b": self.b.to_json(), "similarity": self.similarity}

    @classmethod
    def from_json(cls, d: dict) -> DuplicateRow:
        return cls(ClaimRow.from_json(d["a"]), ClaimRow.from_json(d["b"]), d["similarity"])


@dataclass(frozen=True)
class Summary:
    articles: int
    claims: int
    pairs_scored: int
    labels: tuple[tuple[str, int], ...]
    contradictions: int
    threshold: float
    nli_model: str
    embed_model: str
    pairs_unscored: int = 0
    kinds: tuple[tuple[str, int], ...] = ()  # disagreements at or above the threshold, by kind
    stories: int = 0
    filters: tuple[tuple[str, str], ...] = ()  # what the report was restricted to (--story, --source, ...)
    dismissed: int = 0  # findings a reader marked wrong, left out (--show-dismissed shows them)
    framing_tensions: int = 0
    restated: int = 0  # NLI contradictions at or above the threshold left out: two spellings of one statement
    facts: int = 0  # facts of the stories shown (contradict.stages.facts): claims of two or more articles telling one fact
    fact_pairs_read: int = 0  # scored pairs whose two claims tell one fact
    pairs_left_unread: int = 0  # candidate pairs the last index run's --pair-budget left unread
    disagreements: int = 0  # every disagreement the report holds, before --top cut the list (listed: pairs)
    agreements: int = 0  # every agreement, before --top

    def to_json(self) -> dict:
        d = {"articles": self.articles, "claims": self.claims, "pairs_scored": self.pairs_scored,
             "labels": dict(self.labels), "contradictions": self.contradictions, "kinds": dict(self.kinds),
             "stories": self.stories, "threshold": self.threshold, "nli_model": self.nli_model,
             "embed_model": self.embed_model, "pairs_unscored": self.pairs_unscored}
        if self.filters:
            d["filters"] = dict(self.filters)
        d["dismissed"] = self.dismissed
        d["framing_tensions"] = self.framing_tensions
        d["restated"] = self.restated
        d["facts"] = self.facts
        d["fact_pairs_read"] = self.fact_pairs_read
        d["pairs_left_unread"] = self.pairs_left_unread
        d["disagreements"] = self.disagreements
        d["agreements"] = self.agreements
        return d

    @classmethod
    def from_json(cls, d: dict) -> Summary:
        return cls(articles=d["articles"], claims=d["claims"], pairs_scored=d["pairs_scored"],
                   labels=tuple(d.get("labels", {}).items()), contradictions=d["contradictions"],
                   threshold=d["threshold"], nli_model=d["nli_model"], embed_model=d["embed_model"],
                   pairs_unscored=d.get("pairs_unscored", 0), kinds=tuple((d.get("kinds") or {}).items()),
                   stories=d.get("stories", 0), filters=tuple((d.get("filters") or {}).items()),
                   dismissed=d.get("dismissed", 0), framing_tensions=d.get("framing_tensions", 0),
                   restated=d.get("restated", 0), facts=d.get("facts", 0),
                   fact_pairs_read=d.get("fact_pairs_read", 0), pairs_left_unread=d.get("pairs_left_unread", 0),
                   disagreements=d.get("disagreements", 0), agreements=d.get("agreements", 0))


@dataclass(frozen=True)
class Report:
    articles: tuple[ArticleRow, ...]
    pairs: tuple[PairRow, ...]  # contradictions by score, then agreements by agreement
    tensions: tuple[Tension, ...]  # by score
    duplicates: tuple[DuplicateRow, ...]
    summary: Summary
    stories: tuple[StoryRow, ...] = ()  # stories with disagreements first (by count), then by id
    actors: tuple[Actor, ...] = ()  # named in at least two articles, most articles first
    frames: tuple[FrameRow, ...] = ()  # by article, strongest first
    framing: tuple[FramingRow, ...] = ()  # framing tensions, strongest first
    casts: tuple[CastRow, ...] = ()  # per article: who it casts as threat, sponsor, victim, ally
    blame: tuple[BlameRow, ...] = ()  # articles on one subject blaming different actors, strongest first
    central: tuple[RoleRow, ...] = ()  # per article, its central threat(s) and sponsor(s)

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

    def to_json(self) -> dict:
        return {"articles": [a.to_json() for a in self.articles], "stories": [s.to_json() for s in self.stories],
                "pairs": [p.to_json() for p in self.pairs], "tensions": [t.to_json() for t in self.tensions],
                "duplicates": [d.to_json() for d in self.duplicates], "actors": [a.to_json() for a in self.actors],
                "frames": [f.to_json() for f in self.frames],
                "framing_tensions": [t.to_json() for t in self.framing],
                "frame_summaries": [c.to_json() for c in self.casts],
                "blame_tensions": [b.to_json() for b in self.blame],
                "central_cast": [r.to_json() for r in self.central], "summary": self.summary.to_json()}

    @classmethod
    def from_json(cls, d: dict) -> Report:
        return cls(articles=tuple(ArticleRow.from_json(a) for a in d["articles"]),
                   pairs=tuple(PairRow.from_json(p) for p in d["pairs"]),
                   tensions=tuple(Tension.from_json(t) for t in d["tensions"]),
                   duplicates=tuple(DuplicateRow.from_json(x) for x in d.get("duplicates", ())),
                   summary=Summary.from_json(d["summary"]),
                   stories=tuple(StoryRow.from_json(s) for s in d.get("stories", ())),
                   actors=tuple(Actor.from_json(a) for a in d.get("actors", ())),
                   frames=tuple(FrameRow.from_json(f) for f in d.get("frames", ())),
                   framing=tuple(FramingRow.from_json(t) for t in d.get("framing_tensions", ())),
                   casts=tuple(CastRow.from_json(c) for c in d.get("frame_summaries", ())),
                   blame=tuple(BlameRow.from_json(b) for b in d.get("blame_tensions", ())),
                   central=tuple(RoleRow.from_json(r) for r in d.get("central_cast", ())))


@dataclass(frozen=True)
class QueryHit:
    """A corpus claim against the query: the label of the pair scored both ways, and how it ranks."""

    label: str
    probs: tuple[tuple[str, float], ...]
    implies_query: float  # P(entailment) with the corpus claim as premise
    similarity: float
    score: float  # P(contradiction) x relatedness
    support: float  # max(P(entailment), implies_query) x relatedness
    claim: ClaimRow
    shared: tuple[str, ...]

    def p(self, label: str) -> float:
        return dict(self.probs)[label]

    def to_json(self) -> dict:
        return {"label": self.label, "probs": dict(self.probs), "implies_query": self.implies_query,
                "similarity": self.similarity, "score": self.score, "support": self.support,
                "claim": self.claim.to_json(), "shared": list(self.shared)}


@dataclass(frozen=True)
class QueryResult:
    query: str
    nli_model: str
    candidates: int
    contradicting: tuple[QueryHit, ...]
    supporting: tuple[QueryHit, ...]

    def to_json(self) -> dict:
        return {"query": self.query, "nli_model": self.nli_model, "candidates": self.candidates,
                "contradicting": [h.to_json() for h in self.contradicting],
                "supporting": [h.to_json() for h in self.supporting]}


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


def build(articles: Sequence[Article], claims: Sequence[Claim], pairs: Sequence[Pair],
          duplicates: Sequence[tuple[Claim, Claim, float]], s: Settings, top: int | None, nli_model: str,
          pairs_unscored: int = 0, stories: Sequence[Story] = (), only: Only = Only(),
          marks: dict[str, tuple[str, str]] | None = None, show_dismissed: bool = False,
          frame_reads: Sequence[ClaimRead] = (), facts: Sequence[Fact] = (), pairs_left_unread: int = 0,
          parse: Callable[[str], object] | None = None) -> Report:
    """The report: pairs classified by kind (:func:`aggregate.classify`) and grouped by story, and the frames
    read from ``frame_reads`` (:mod:`contradict.stages.frames`); pairs a reader marked wrong are left out (and
    counted) unless ``show_dismissed``. With ``parse`` (spaCy's pipeline), a rule difference counts only where
    the parse anchors it (:mod:`contradict.stages.anchors`)."""
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
    view = _frames_view(frame_reads, claims, kept, by_id, story_of)
    claims = [c for c in claims if c.article_id in kept]
    pairs = [p for p in pairs if only.keeps_pair(p, kept, sources)]
    ruled = None if parse is None else anchors.rule_differences(pairs, story_of, days, parse)
    pairs = [aggregate.classify(p, story_of, days, ruled=ruled) for p in pairs]
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
                        restated=sum(1 for p in pairs if p.kind is Kind.RESTATEMENT
                                     and p.score >= s.contradiction_threshold),
                        facts=sum(1 for f in facts if f.story in shown_stories),
                        fact_pairs_read=sum(1 for p in pairs if any(r.route is Route.FACT for r in p.reasons)),
                        pairs_left_unread=pairs_left_unread, disagreements=len(all_contra),
                        agreements=len(all_agree)),
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
                 story_of: dict[str, str]) -> _FramesView:
    """Actors over the whole index (spellings merge across every article), frames and tensions of the kept
    articles."""
    if not reads:
        return _FramesView()
    cl = {c.id: c for c in claims}
    actors, key_to_actor = frames_mod.actors(reads, {c.id: c.article_id for c in claims},
                                             positions={c.id: c.position for c in claims})
    names = {a.id: a.name for a in actors}
    found = frames_mod.frames([r for r in reads if r.claim_id in cl and cl[r.claim_id].article_id in kept], cl,
                              key_to_actor)
    ten = frames_mod.tensions(found, story_of)

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
                       for t in blame_mod.tensions(central, story_of, about=blame_mod.frame_actors(found)))
    central_rows = tuple(role(r) for art in sorted(central) for r in central[art])
    return _FramesView(
        tuple(actors),
        tuple(FrameRow(f.article, f.actor, f.target, f.relation.value, f.strength, f.claims, f.evidence,
                       tuple({"claim": e.claim, "speaker": cl[e.claim].speaker or "article", "p": e.p, "voice": e.voice,
                              "words": e.words} for e in f.reads)) for f in found),
        framing, casts, blame_rows, central_rows)


def _marked(row: PairRow, marks: dict[str, tuple[str, str]]) -> PairRow:
    verdict, note = marks.get(row.id, ("", ""))
    return replace(row, mark=verdict, note=note) if verdict else row


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
