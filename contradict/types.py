"""The data the pipeline passes between stages: frozen values with stable string ids."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


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


@dataclass(frozen=True)
class Pair:
    """A scored pair of claims from two different articles (a.article_id < b.article_id)."""

    a: Claim
    b: Claim
    label: str  # contradiction | entailment | neutral
    probs: dict = field(hash=False, compare=False)  # {"contradiction", "entailment", "neutral"}
    similarity: float
    score: float  # ranking score: contradiction (or entailment) probability weighed by relatedness
    reasons: tuple[str, ...] = ()  # why the pair was considered
    shared: tuple[str, ...] = ()  # shared salient entities / numbers / dates
    entailment_one_way: float = 0.0  # the larger P(entailment) of the two directions: one claim implying the other

    @property
    def id(self) -> str:
        return f"{self.a.id}|{self.b.id}"


@dataclass(frozen=True)
class Tension:
    articles: tuple[str, str]
    topic: str
    contradictions: int
    agreements: int
    score: float
    pair_ids: tuple[str, ...] = ()
