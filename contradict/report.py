"""The typed report: built once from a run's values, handed to every renderer and to the nightly delta.

``Report.to_json()`` gives the documented JSON object (``schema/report.schema.json``, key order as
the README shows it); ``Report.from_json()`` reads one back (the nightly delta compares the previous
run's report with this one).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from . import aggregate
from .nli import LABELS
from .settings import Settings
from .types import Article, Claim, Pair, Tension


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

    @classmethod
    def of(cls, c: Claim) -> ClaimRow:
        return cls(id=c.id, article=c.article_id, claim=c.text, speaker=c.speaker or "article", kind=c.kind,
                   position=c.position, span=(c.start, c.end), context=c.context)

    @property
    def who(self) -> str:
        """'article 000' or 'article 000, quoting a senior U.S. official'."""
        art = f"article {self.article}"
        return art if self.speaker == "article" else f"{art}, quoting {self.speaker}"

    def to_json(self) -> dict:
        d = {"id": self.id, "article": self.article, "claim": self.claim, "speaker": self.speaker, "kind": self.kind,
             "position": self.position, "span": list(self.span)}
        if self.context:
            d["context"] = self.context
        return d

    @classmethod
    def from_json(cls, d: dict) -> ClaimRow:
        return cls(id=d["id"], article=d["article"], claim=d["claim"], speaker=d.get("speaker") or "article",
                   kind=d.get("kind", "sentence"), position=d.get("position", 0), span=tuple(d.get("span", (0, 0))),
                   context=d.get("context", ""))


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

    @property
    def id(self) -> str:
        return f"{self.a.id}|{self.b.id}"

    def p(self, label: str) -> float:
        return dict(self.probs)[label]

    @classmethod
    def of(cls, p: Pair) -> PairRow:
        return cls(label=p.label, probs=tuple((k, p.probs[k]) for k in LABELS), similarity=p.similarity,
                   score=p.score, agreement=aggregate.agreement_score(p), entailment_one_way=p.entailment_one_way,
                   a=ClaimRow.of(p.a), b=ClaimRow.of(p.b), reasons=tuple(str(r) for r in p.reasons),
                   shared=tuple(e.value for e in p.shared))

    def to_json(self) -> dict:
        return {"label": self.label, "probs": dict(self.probs), "similarity": self.similarity, "score": self.score,
                "agreement": self.agreement, "entailment_one_way": self.entailment_one_way, "a": self.a.to_json(),
                "b": self.b.to_json(), "reasons": list(self.reasons), "shared": list(self.shared)}

    @classmethod
    def from_json(cls, d: dict) -> PairRow:
        return cls(label=d["label"], probs=tuple((k, d["probs"][k]) for k in LABELS), similarity=d["similarity"],
                   score=d["score"], agreement=d.get("agreement", 0.0),
                   entailment_one_way=d.get("entailment_one_way", 0.0), a=ClaimRow.from_json(d["a"]),
                   b=ClaimRow.from_json(d["b"]), reasons=tuple(d.get("reasons", ())), shared=tuple(d.get("shared", ())))


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

    def to_json(self) -> dict:
        return {"articles": self.articles, "claims": self.claims, "pairs_scored": self.pairs_scored,
                "labels": dict(self.labels), "contradictions": self.contradictions, "threshold": self.threshold,
                "nli_model": self.nli_model, "embed_model": self.embed_model, "pairs_unscored": self.pairs_unscored}

    @classmethod
    def from_json(cls, d: dict) -> Summary:
        return cls(articles=d["articles"], claims=d["claims"], pairs_scored=d["pairs_scored"],
                   labels=tuple(d.get("labels", {}).items()), contradictions=d["contradictions"],
                   threshold=d["threshold"], nli_model=d["nli_model"], embed_model=d["embed_model"],
                   pairs_unscored=d.get("pairs_unscored", 0))


@dataclass(frozen=True)
class Report:
    articles: tuple[ArticleRow, ...]
    pairs: tuple[PairRow, ...]  # contradictions by score, then agreements by agreement
    tensions: tuple[Tension, ...]  # by score
    duplicates: tuple[DuplicateRow, ...]
    summary: Summary

    @property
    def contradictions(self) -> list[PairRow]:
        return [p for p in self.pairs if p.label == "contradiction"]

    @property
    def agreements(self) -> list[PairRow]:
        return [p for p in self.pairs if p.label == "entailment"]

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

    def to_json(self) -> dict:
        return {"articles": [a.to_json() for a in self.articles], "pairs": [p.to_json() for p in self.pairs],
                "tensions": [t.to_json() for t in self.tensions],
                "duplicates": [d.to_json() for d in self.duplicates], "summary": self.summary.to_json()}

    @classmethod
    def from_json(cls, d: dict) -> Report:
        return cls(articles=tuple(ArticleRow.from_json(a) for a in d["articles"]),
                   pairs=tuple(PairRow.from_json(p) for p in d["pairs"]),
                   tensions=tuple(Tension.from_json(t) for t in d["tensions"]),
                   duplicates=tuple(DuplicateRow.from_json(x) for x in d.get("duplicates", ())),
                   summary=Summary.from_json(d["summary"]))


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


def build(articles: Sequence[Article], claims: Sequence[Claim], pairs: Sequence[Pair],
          duplicates: Sequence[tuple[Claim, Claim, float]], s: Settings, top: int | None, nli_model: str,
          pairs_unscored: int = 0) -> Report:
    top = s.top if top is None else top
    per_article: dict[str, int] = {}
    for c in claims:
        per_article[c.article_id] = per_article.get(c.article_id, 0) + 1
    contra, agree = aggregate.rank(pairs, top if top > 0 else None)
    tens = aggregate.tensions(pairs, s.contradiction_threshold)
    return Report(
        articles=tuple(ArticleRow(a.id, a.title, a.source, per_article.get(a.id, 0), a.date, a.path) for a in articles),
        pairs=tuple(PairRow.of(p) for p in contra + agree),
        tensions=tuple(tens),
        duplicates=tuple(DuplicateRow(ClaimRow.of(x), ClaimRow.of(y), round(sim, 4)) for x, y, sim in duplicates),
        summary=Summary(articles=len(articles), claims=len(claims), pairs_scored=len(pairs),
                        labels=tuple((lab, sum(1 for p in pairs if p.label == lab)) for lab in LABELS),
                        contradictions=sum(t.contradictions for t in tens), threshold=s.contradiction_threshold,
                        nli_model=nli_model, embed_model=s.embed_model, pairs_unscored=pairs_unscored))
