"""The data the pipeline passes between stages: frozen values with stable string ids."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from contradict import serial
from contradict.dates import day_of
from contradict.serial import key


def content_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    source: str
    date: str
    text: str  # cleaned text; claim spans index into it
    path: str = ""
    meta: tuple[tuple[str, str], ...] = ()  # unknown input fields, kept as (key, json) pairs
    skipped_lines: int = 0  # non-English lines dropped while cleaning
    captions: tuple[tuple[int, int], ...] = ()  # spans of image captions in ``text``

    @property
    def hash(self) -> str:
        return content_hash("\x1f".join((self.title, self.source, self.date, self.text)))

    @functools.cached_property
    def day(self) -> dt.date | None:
        """The day ``date`` names (:func:`contradict.dates.day_of`), parsed once per article."""
        return day_of(self.date)


@dataclass(frozen=True)
class Claim:
    id: str
    article_id: str
    position: int  # order of the claim within its article
    start: int  # character span in Article.text
    end: int
    text: str
    speaker: str = ""  # "" = the article itself; else the named source it reports
    context: str = ""  # preceding text the claim leans on ("They ...", a continued quote)
    kind: str = "sentence"  # sentence | heading | caption | quote

    @property
    def scored_text(self) -> str:
        """What the NLI model sees: the claim with the context it leans on."""
        return f"{self.context} {self.text}" if self.context else self.text

    @staticmethod
    def make_id(article_id: str, text: str) -> str:
        return f"{article_id}:{content_hash(text)[:10]}"


class EntityKind(StrEnum):
    NAME = "name"  # a person, place, organisation ("Mosul", "US" for "U.S.")
    NUMBER = "num"
    DATE = "date"  # a day of a month ("march 3")
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class Entity:
    """A salient name, number or date of a claim (:func:`contradict.stages.pairs.entities`)."""

    kind: EntityKind
    value: str

    def encode(self) -> str:
        """The stored form: a name as itself, other kinds as 'num:52', 'date:march 3', 'year:2014'."""
        return self.value if self.kind is EntityKind.NAME else f"{self.kind.value}:{self.value}"

    @classmethod
    def decode(cls, text: str) -> Entity:
        kind, sep, value = text.partition(":")
        if sep and kind in _CODED:
            return cls(EntityKind(kind), value)
        return cls(EntityKind.NAME, text)

    def __lt__(self, other: Entity) -> bool:  # the order of the stored form
        return self.encode() < other.encode()


_CODED = {k.value for k in EntityKind if k is not EntityKind.NAME}


class Route(StrEnum):
    """Why a claim pair became a candidate (:func:`contradict.stages.pairs.select`)."""

    STORY = "story"  # both articles report one story (within-story budget)
    SIMILAR = "similar"  # cosine >= 0.5, or among each other's nearest neighbours
    ENTITIES = "entities"  # shared names
    NUMBERS = "numbers"  # shared salient numbers
    DATES = "dates"  # shared salient dates or years
    ALL_PAIRS = "all pairs"  # a small corpus: every cross-article pair
    RANKED = "ranked"  # ranked among all pairs by priority
    FACT = "fact"  # both claims tell one fact of a story (contradict.stages.facts): read ahead of the pair budget


@dataclass(frozen=True, slots=True)
class Reason:
    route: Route
    text: str  # as reports show it: "similarity 0.41 (nearest neighbours)", "entities: Mosul", ...

    def __str__(self) -> str:
        return self.text

    @classmethod
    def parse(cls, text: str) -> Reason:
        """A reason from its shown text (the store keeps the text)."""
        for prefix, route in _REASON_PREFIXES:
            if text.startswith(prefix):
                return cls(route, text)
        raise ValueError(f"unknown candidate reason {text!r}")


_REASON_PREFIXES = (("same story ", Route.STORY), ("similarity ", Route.SIMILAR), ("entities: ", Route.ENTITIES), ("numbers: ", Route.NUMBERS),
                    ("dates: ", Route.DATES), ("all pairs", Route.ALL_PAIRS), ("ranked among all pairs", Route.RANKED),
                    ("same fact", Route.FACT))


@dataclass(frozen=True)
class Candidate:
    """A claim pair from two articles chosen for scoring (a < b), or a merged near-duplicate (never scored)."""

    a: str  # claim id
    b: str
    similarity: float
    reasons: tuple[Reason, ...]
    shared: tuple[Entity, ...]  # shared salient entities, most informative first
    priority: float = 0.0  # the ranking that the pair budget cuts (selection only; not stored)
    duplicate: bool = False

    @property
    def key(self) -> tuple[str, str]:
        return (self.a, self.b)


LABELS = ("contradiction", "entailment", "neutral")  # NLI labels, in the order probabilities are kept everywhere


class Kind(StrEnum):
    """What kind of disagreement a reported pair is (:mod:`contradict.stages.kinds`)."""

    NUMERIC = "numeric"  # the same quantity of the same thing with different values
    UPDATE = "update"  # a numeric or factual difference where the later article revises the earlier
    FACTUAL = "factual"  # incompatible facts as the NLI model reads them
    FRAMING = "framing"  # the same actors in opposite roles (frames)
    AGREEMENT = "agreement"
    RESTATEMENT = "restatement"  # an NLI contradiction between two spellings of one statement: not a disagreement
    OCCASIONS = "occasions"  # an NLI contradiction across stories that rests on other numbers, dates or times:
    # two occasions of a recurring line ("updated at 11:04 a.m." / "at 11:48 a.m."), not a disagreement
    FURNITURE = "furniture"  # an NLI contradiction where a claim is page furniture (a video promo, a photo caption,
    # an editor's note, a byline): not a disagreement


@dataclass(frozen=True, slots=True)
class Difference:
    """Two values of one quantity: "killed: 52 -> 67"."""

    thing: str  # what is counted or dated ("people", "weekday", "percent of voters", "vote")
    a: str  # as each claim writes it
    b: str

    def __str__(self) -> str:
        return f"{self.thing}: {self.a} vs {self.b}"


@dataclass(frozen=True)
class Pair:
    """A scored pair of claims from two different articles (a.article_id < b.article_id)."""

    a: Claim
    b: Claim
    label: str  # contradiction | entailment | neutral
    probs: dict = field(hash=False, compare=False)  # {"contradiction", "entailment", "neutral"}
    similarity: float
    score: float  # ranking score: contradiction (or entailment) probability weighed by relatedness
    reasons: tuple[Reason, ...] = ()  # why the pair was considered
    shared: tuple[Entity, ...] = ()  # shared salient entities / numbers / dates
    entailment_one_way: float = 0.0  # the larger P(entailment) of the two directions: one claim implying the other
    story: str = ""  # the story both articles belong to ("" across stories)
    kind: Kind | None = None  # set by aggregate.classify; None: neither a disagreement nor an agreement
    difference: Difference | None = None  # the quantity the two claims give different values

    @property
    def id(self) -> str:
        return f"{self.a.id}|{self.b.id}"


@dataclass(frozen=True)
class Tension(serial.Json):
    """An article pair with contradictions (score >= threshold) or agreements between them."""

    articles: tuple[str, str]
    topic: str
    contradictions: int = field(metadata=key(schema={"minimum": 0}))
    agreements: int = field(metadata=key(schema={"minimum": 0}))
    score: float = field(metadata=key(schema={"minimum": 0}))  # the sum of its contradictions' scores
    # its contradictions by score: the HTML report links them (a report made before they were written has none)
    pair_ids: tuple[str, ...] = field(default=(), compare=False)

    @property
    def key(self) -> str:
        return " vs ".join(self.articles)



@dataclass(frozen=True)
class Story:
    """Articles that report one event (:mod:`contradict.stages.stories`), by date then id."""

    id: str  # "story-<10 hex>", kept across runs
    label: str  # key names and a few title words
    articles: tuple[str, ...]
    first: str = ""  # ISO dates of the earliest and latest dated article ("" when none is dated)
    last: str = ""


class Relation(StrEnum):
    """What a claim says one actor does to another (:mod:`contradict.stages.frames`): CAMEO's cooperation/conflict
    split reduced to four roles."""

    SUPPORTS = "supports"  # funds, arms, trains, backs, sponsors
    ALLIED = "allied with"  # symmetric
    OPPOSES = "opposes"  # fights, attacks, sanctions, condemns
    THREATENS = "threatens"  # threatens, endangers

    @property
    def polarity(self) -> int:
        """+1 cooperation, -1 conflict."""
        return 1 if self in (Relation.SUPPORTS, Relation.ALLIED) else -1


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a claim that names an actor, as the entity recogniser read it."""

    text: str
    label: str  # spaCy's entity label: PERSON, ORG, GPE, NORP
    start: int = -1  # character span in the claim's text; -1: resolved from the sentence before
    end: int = -1


@dataclass(frozen=True, slots=True)
class Link:
    """One relation a claim asserts from one mention to another."""

    source: Mention
    target: Mention
    relation: Relation
    p: float  # how sure the reading is
    evidence: str  # the words that carry it ("US-trained", "alliance")


@dataclass(frozen=True)
class ClaimRead:
    """What the frame reader found in one claim."""

    claim_id: str = field(metadata=key(skip=True))  # the store keeps it apart
    mentions: tuple[Mention, ...] = ()
    links: tuple[Link, ...] = ()

    def to_json(self) -> dict:
        return serial.to_json(self)

    @classmethod
    def from_json(cls, claim_id: str, d: dict) -> ClaimRead:
        return serial.from_json(cls, d, claim_id=claim_id)


@dataclass(frozen=True)
class Actor(serial.Json):
    """One actor across articles and spellings ("U.S.", "Washington", "American" -> united-states)."""

    id: str  # "actor-<slug>"
    name: str
    label: str = field(metadata=key(missing="", doc="spaCy entity label most mentions carry: PERSON, ORG, GPE, NORP"))
    variants: tuple[str, ...] = field(metadata=key(missing=()))  # the spellings met, most frequent first
    articles: int = field(metadata=key(missing=0))  # how many articles name it


@dataclass(frozen=True, slots=True)
class FrameEvidence:
    """One claim's part in a frame: how sure the reading is, the voice it is said in, the words that carry it."""

    claim: str  # claim id
    p: float
    voice: float  # 1 the article's own voice, 0.5 a quoted source
    words: str


@dataclass(frozen=True)
class Frame:
    """How one article casts one actor towards another: the relation and the claims that carry it."""

    article: str
    actor: str  # actor id
    target: str
    relation: Relation
    strength: float  # sum over its claims of p x voice weight (the article's own voice 1, a quoted source less)
    reads: tuple[FrameEvidence, ...]  # per claim that carries it
    headline: bool = False  # a heading (the title, a headline) carries it

    @property
    def claims(self) -> tuple[str, ...]:
        return tuple(e.claim for e in self.reads)

    @property
    def evidence(self) -> tuple[str, ...]:
        """The words that carry it, as written ("US-trained", "alliance"), each once."""
        return tuple(dict.fromkeys(e.words for e in self.reads))


@dataclass(frozen=True)
class FrameSide:
    """One article's dominant relation between two actors (the side it takes in a framing tension)."""

    article: str
    actor: str  # actor ids, in the direction this article reads the relation
    target: str
    relation: Relation
    net: float  # the dominant polarity's strength minus the other polarity's
    strength: float
    claims: tuple[str, ...]  # the claims that carry it, strongest frame first
    evidence: tuple[str, ...] = ()
    headline: bool = False  # a heading carries it

    @property
    def salient(self) -> bool:
        """The article makes a point of it: more than one claim, or its title or a headline."""
        return len(self.claims) >= 2 or self.headline


@dataclass(frozen=True)
class FramingTension:
    """Two articles that cast the same two actors in opposite roles (cooperation vs conflict)."""

    a: FrameSide  # a.article < b.article
    b: FrameSide
    score: float  # the geometric mean of both sides' net strength
    story: str = ""  # the story both articles belong to, if one

    @property
    def articles(self) -> tuple[str, str]:
        return (self.a.article, self.b.article)

    @property
    def lead(self) -> FrameSide:
        """The stronger side: its direction names the tension ("United States -> ISIS")."""
        return self.a if self.a.net >= self.b.net else self.b

    @property
    def id(self) -> str:
        pair = "|".join(sorted((self.a.actor, self.a.target)))
        return f"{self.a.article}|{self.b.article}|{pair}"


@dataclass(frozen=True)
class Fact:
    """Claims of two or more articles of one story that tell one fact."""

    id: str  # "fact-<10 hex>" of its claim ids: the same claims make the same fact, whatever else was indexed
    story: str
    claims: tuple[str, ...]  # claim ids, sorted
    about: str  # what its claims share: names, numbers or the thing counted ("Norwalk, 2008")

    def pairs(self, article_of: Mapping[str, str]) -> list[tuple[str, str]]:
        """Every pair of its claims from two different articles (a < b)."""
        out = []
        for i, a in enumerate(self.claims):
            for b in self.claims[i + 1:]:
                if article_of[a] != article_of[b]:
                    out.append((a, b))
        return out
