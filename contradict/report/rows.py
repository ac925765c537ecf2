"""The rows of the typed report: one frozen dataclass per JSON object, written and read by :mod:`contradict.serial`
(field metadata names the keys that differ from the fields, the keys left out when empty, the defaults an older
report lacks)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from contradict import serial
from contradict.serial import key
from contradict.stages import aggregate
from contradict.stages.kinds import differences
from contradict.types import LABELS, Article, Claim, Kind, Pair, Relation

N = {"minimum": 0}  # a count's schema
RELATIONS = {"enum": [r.value for r in Relation]}

CAST_WORDS = {"supports": "a backer of", "allied with": "an ally of", "opposes": "an opponent of",
              "threatens": "a threat to"}


@dataclass(frozen=True)
class ArticleRow(serial.Json):
    id: str
    title: str = field(metadata=key(missing=""))
    source: str = field(metadata=key(missing=""))
    claims: int = field(metadata=key(missing=0, schema=N))
    date: str = field(metadata=key(missing=""))
    path: str = field(metadata=key(missing=""))


@dataclass(frozen=True)
class ClaimRow(serial.Json):
    id: str
    article: str
    claim: str
    speaker: str = field(metadata=key(missing="article", or_missing=True,
                                      doc='"article" for the article\'s own claims'))
    kind: str = field(metadata=key(missing="sentence", schema={"enum": ["sentence", "heading", "caption", "quote"]}))
    position: int = field(metadata=key(missing=0))
    span: tuple[int, int] = field(metadata=key(missing=(0, 0)))
    context: str = field(default="", metadata=key(omit_empty=True))
    source: str = field(default="", metadata=key(doc="the article's outlet"))
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

    JSON_KEYS = ("id", "article", "source", "date", "claim", "speaker", "kind", "position", "span", "context")


@dataclass(frozen=True)
class PairRow(serial.Json):
    label: str = field(metadata=key(schema={"enum": list(LABELS)}))
    probs: tuple[tuple[str, float], ...] = field(metadata=key(  # in LABELS order
        mapping=True, schema={"required": list(LABELS), "additionalProperties": {"type": "number", "minimum": 0,
                                                                                  "maximum": 1}}))
    similarity: float
    score: float
    agreement: float = field(metadata=key(missing=0.0))
    entailment_one_way: float = field(metadata=key(missing=0.0))
    a: ClaimRow
    b: ClaimRow
    reasons: tuple[str, ...] = field(metadata=key(missing=()))
    shared: tuple[str, ...] = field(metadata=key(missing=()))  # entity values, kinds dropped
    story: str = field(default="", metadata=key(doc="the story of both articles; empty across stories"))
    # numeric | update | factual | framing | agreement ("" for a report made before kinds)
    kind: str = field(default="", metadata=key(schema={"enum": ["numeric", "update", "factual", "framing", "agreement",
                                                                 ""]}))
    # (thing, value in a, value in b) of a numeric difference or update
    difference: tuple[str, str, str] | tuple[()] = field(default=(), metadata=key(
        omit_empty=True, or_missing=True, names=("thing", "a", "b"),
        doc="the values a rule found different, as each claim writes them. For numeric (and an update of numbers) "
            "thing is what is counted ('page', 'dollars'); for a factual finding by rule within a fact "
            "(contradict.facts) thing names the slot: 'date' (weekdays resolved against the article's date), "
            "'place', 'person' or 'denial'"))
    # "people: 52 vs 67", "revised from 52 (2019-03-01) to 67 (2019-03-02)"
    explain: str = field(default="", metadata=key(
        omit_empty=True, doc="the difference in words, e.g. 'people: revised from 10 (...) to 31 (...)'"))
    # (kind, words in a, words in b)
    differences: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = field(
        default=(), metadata=key(names=("kind", "a", "b"), doc="what differs between the two claims, for a reader"))
    # a reader's verdict: "right", "wrong" (`contradict mark`), or ""
    mark: str = field(default="", metadata=key(omit_empty=True))
    basis: str = field(default="", metadata=key(omit_empty=True, schema={"enum": ["rule", "model", "reader", ""]}, doc=(
        "what found a disagreement: 'rule' (a rule read the two values different: `difference` holds them), 'model' "
        "(the NLI model alone, no rule: unconfirmed; on the news the project's readers labelled, few such findings "
        "were real disagreements), 'reader' (no rule, and a reader marked it right); absent for an agreement")))
    note: str = field(default="", metadata=key(omit_empty=True))  # written with a mark only (``_marked`` sets both)

    JSON_KEYS = ("id", "kind", "basis", "story", "label", "probs", "similarity", "score", "agreement",
                 "entailment_one_way", "a", "b", "reasons", "shared", "difference", "explain", "differences", "mark",
                 "note")

    def why(self) -> str:
        """'number 2002 vs 2003; negation – vs no': what differs, in words."""
        return "; ".join(f"{k} {', '.join(a) or '–'} vs {', '.join(b) or '–'}" for k, a, b in self.differences)

    def marked(self, side: str) -> tuple[str, ...]:
        """The words of one side (``"a"`` or ``"b"``) that differ from the other: to highlight."""
        return tuple(w for _, a, b in self.differences for w in (a if side == "a" else b))

    @property
    def id(self) -> str:
        """Stable: the two claim ids joined by |."""
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
                   differences=tuple((d["kind"], tuple(d["a"]), tuple(d["b"])) for d in differences(p.a.text, p.b.text)),
                   basis=("rule" if p.difference else "model") if aggregate.is_disagreement(p) else "")


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
class StoryRow(serial.Json):
    """A story as reports show it: its articles by date, and its pairs counted by kind."""

    id: str
    label: str = field(metadata=key(missing=""))
    articles: tuple[str, ...] = field(metadata=key(missing=(), doc="by date, then id"))
    sources: tuple[str, ...] = field(metadata=key(missing=()))
    dates: tuple[str, str] = field(metadata=key(missing=("", ""), or_missing=True,
                                                doc="first and last date; empty strings when no article is dated"))
    # disagreements at or above the threshold, every kind
    contradictions: int = field(metadata=key(missing=0, schema=N, doc="disagreements of every kind"))
    updates: int = field(metadata=key(missing=0, schema=N))
    agreements: int = field(metadata=key(missing=0, schema=N))
    # disagreements at or above the threshold, by kind
    kinds: tuple[tuple[str, int], ...] = field(default=(), metadata=key(mapping=True))


@dataclass(frozen=True)
class FrameRow(serial.Json):
    """How one article casts one actor towards another (``frames`` in the JSON)."""

    article: str
    actor: str = field(metadata=key(doc="actor id"))
    target: str = field(metadata=key(doc="actor id"))
    relation: str = field(metadata=key(schema=RELATIONS))
    strength: float = field(metadata=key(doc="sum over its claims of reading probability x voice weight", schema=N))
    claims: tuple[str, ...] = field(metadata=key(missing=()))
    evidence: tuple[str, ...] = ()
    # per claim: {"claim", "speaker", "p", "voice", "words"}
    reads: tuple[dict, ...] = field(default=(), metadata=key(
        doc="per claim: its speaker, the reading's probability, the voice weight and the words"))


@dataclass(frozen=True)
class SideRow(serial.Json):
    """One article's side of a framing tension, with the claims that carry it."""

    article: str
    # actor names, in the direction this article reads the relation
    actor: str = field(metadata=key(doc="actor name, in the direction this article reads the relation"))
    target: str
    relation: str = field(metadata=key(schema=RELATIONS))
    strength: float
    # the strongest few (claim_ids has them all)
    claims: tuple[ClaimRow, ...] = field(metadata=key(name="quotes", missing=(),
                                                      doc="the strongest few of those claims"))
    claim_ids: tuple[str, ...] = field(metadata=key(name="claims", missing=(),
                                                    doc="every claim id that carries this side"))
    evidence: tuple[str, ...] = field(default=(), metadata=key(doc="the words that carry it"))

    JSON_KEYS = ("article", "actor", "target", "relation", "strength", "claim_ids", "evidence", "claims")

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


@dataclass(frozen=True)
class FramingRow(serial.Json):
    """Two articles casting the same two actors in opposite roles (``framing_tensions`` in the JSON)."""

    id: str
    actor: str  # the pair as the stronger side reads it (names)
    target: str
    a: SideRow
    b: SideRow
    score: float
    story: str = ""
    kind: str = field(default=Kind.FRAMING.value, metadata=key(schema={"const": Kind.FRAMING.value}))

    JSON_KEYS = ("id", "kind", "articles", "actor", "target", "relations", "score", "story", "sentence", "a", "b")

    @property
    def articles(self) -> tuple[str, str]:
        return (self.a.article, self.b.article)

    @property
    def relations(self) -> tuple[str, str]:
        return (self.a.relation, self.b.relation)

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
        """The finding in one sentence, articles by id (issue 39)."""
        return self.sentence_with({})


@dataclass(frozen=True)
class RoleRow(serial.Json):
    """One actor an article casts as its central threat or sponsor (:mod:`contradict.stages.blame`), by name."""

    article: str
    role: str = field(metadata=key(schema={"enum": ["threat", "sponsor"]}))  # threat | sponsor
    actor: str
    of: str = field(metadata=key(doc="whom it threatens or opposes most, or supports most"))
    salience: float
    claims: tuple[str, ...]  # every claim that carries it, most salient first
    quotes: tuple[ClaimRow, ...] = ()  # the most salient few

    @property
    def sentence(self) -> str:
        """'Iran as the central threat (to United States)', 'United States as the sponsor (of ISIS)'."""
        return (f"{self.actor} as the central threat (to {self.of})" if self.role == "threat"
                else f"{self.actor} as the sponsor (of {self.of})")


@dataclass(frozen=True)
class BlameRow(serial.Json):
    """Two articles on one subject that blame different actors (``blame_tensions`` in the JSON)."""

    id: str
    a: RoleRow
    b: RoleRow
    score: float
    story: str = ""
    kind: str = field(default="blame", metadata=key(schema={"const": "blame"}))
    also_a: tuple[RoleRow, ...] = field(default=(), metadata=key(
        name="a_also", doc="other articles that cast a's actor in a's role, of the same actor (issue 39)"))
    also_b: tuple[RoleRow, ...] = field(default=(), metadata=key(
        name="b_also", doc="other articles that cast b's actor in b's role, of the same actor (issue 39)"))

    JSON_KEYS = ("id", "kind", "articles", "score", "story", "sentence", "a", "b", "also_a", "also_b")

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
        """The finding in one sentence, articles by id, every article of each side named (issue 39)."""
        return self.sentence_with({})


@dataclass(frozen=True)
class CastRow(serial.Json):
    """The actors one article casts most in each role (a frame summary)."""

    article: str
    sponsor: tuple[str, ...] = ()
    ally: tuple[str, ...] = ()
    threat: tuple[str, ...] = ()
    victim: tuple[str, ...] = ()
    opponent: tuple[str, ...] = ()

    ROLES = ("threat", "opponent", "sponsor", "victim", "ally")  # the order every renderer shows them in
    JSON_KEYS = ("article", *ROLES)

    def roles(self) -> list[tuple[str, tuple[str, ...]]]:
        return [(role, getattr(self, role)) for role in self.ROLES]

    @property
    def text(self) -> str:
        return " · ".join(f"{role}: {', '.join(names)}" for role, names in self.roles() if names)


@dataclass(frozen=True)
class DuplicateRow(serial.Json):
    a: ClaimRow
    b: ClaimRow
    similarity: float

