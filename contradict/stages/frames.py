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
   opposite polarity (supports/allied vs opposes/threatens), the same actor cast both ways unless one side is an
   alliance (symmetric), scored by the geometric mean of both sides' net strength. Both sides must be salient
   (two claims or more, or a heading), within a story too: one passing sentence about two politicians usually
   reports another day's event, not a frame. A claim that tells history (:func:`past`: "the invasion of Iraq in
   2003" in an article of 2019) frames nothing.

Reads are stored per claim (``Store.put_frame_reads``) so a nightly batch reads only its new claims; actors,
frames and tensions are recomputed from the stored reads at report time (cheap: no model).

Step 1 lives in four modules, re-exported here: :mod:`~contradict.stages.frame_reader` (the readers, spaCy,
worker processes), :mod:`~contradict.stages.frame_parse` (one parsed claim: mentions, relation words, negation,
dispute, hedges, obstacles), :mod:`~contradict.stages.frame_links` (a relation word's agents and targets) and
:mod:`~contradict.stages.frame_lexicon` (relation words by relation, lemmas, the filter before parsing). This
module aggregates the reads: frames, tensions, summaries.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence

from contradict.stages.actors import (  # noqa: F401  (re-exported: frames.actors, frames.mention_key ...)
    MIN_ARTICLES,
    ActorMap,
    _initials,
    actors,
    country_table,
    mention_key,
    resolve,
)
from contradict.stages.frame_lexicon import (  # noqa: F401  (re-exported: frames.lemma, frames.worth_reading ...)
    P_CLAUSE,
    P_DIRECT,
    P_DISPUTED,
    P_HEDGED,
    P_HYPHEN,
    P_NOUN,
    TRIGGERS,
    lemma,
    word_lemma,
    worth_reading,
)
from contradict.stages.frame_parse import _mentions, read_doc  # noqa: F401  (re-exported)
from contradict.stages.frame_reader import (  # noqa: F401  (re-exported: frames.SpacyReader, frames.load_spacy ...)
    DEFAULT_SPACY_MODEL,
    Reader,
    SpacyReader,
    load_spacy,
)
from contradict.stages.kinds import page_furniture
from contradict.stages.quantities import SINCE_RE
from contradict.types import Claim, ClaimRead, Frame, FrameEvidence, FrameSide, FramingTension, Relation
from contradict.words import MONTHS_PATTERN, YEAR_PREPOSITIONS

RULES_VERSION = "frames-2026-12-10b"  # a change that reads claims differently must change it
VOICE_OWN, VOICE_QUOTED = 1.0, 0.5
# A side of a framing tension needs this net strength: more than one quoted claim can give (0.5 x 0.9), so an
# article takes a side in its own voice or through several sources, never through one quote.
MIN_NET = 0.46
# Across stories, two sides further apart than this (``day_of``) are two moments of one relation, not a tension:
# "the US invaded Iraq" (2003) and "the US trains Iraq's army" (2016) are both true.
MAX_DAYS_APART = 365
# A claim whose every named year lies this many years or more before its article's tells history (:func:`past`)
PAST_YEARS = 2
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DATED_YEAR = re.compile(rf"\b(?:(?:{'|'.join(YEAR_PREPOSITIONS)})\s+(?:(?:early|late|mid-?)\s*)?"
                         rf"|(?:{MONTHS_PATTERN})\.?\s+(?:\d{{1,2}},?\s+)?)((?:19|20)\d\d)\b", re.I)


# ---------------------------------------------------------------- frames and tensions

def voice(claim: Claim) -> float:
    """How much a claim speaks for its article: its own voice 1, a quoted source 0.5 (a relation the writer
    disputes is weighed down where it is read, :func:`contradict.stages.frame_parse._disputed`)."""
    return VOICE_QUOTED if claim.speaker or claim.kind == "quote" else VOICE_OWN


def past(text: str, day: dt.date | None) -> bool:
    """Whether a claim tells history: it dates what it tells by a year (after a month or one of
    :data:`contradict.words.YEAR_PREPOSITIONS`: "in 2003", "in March 2003") and every such year lies :data:`PAST_YEARS`
    or more calendar years before its article's ("After the U.S. invasion of Iraq in 2003" in an article of 2019),
    while it names no recent year and nothing "since" a year (a relation still going on). Its relations are of
    that time, not the article's frame of today's actors."""
    if day is None or SINCE_RE.search(text):
        return False
    dated = [int(m.group(1)) for m in _DATED_YEAR.finditer(text)]
    recent = any(day.year - int(m.group(0)) < PAST_YEARS for m in _YEAR.finditer(text))
    return bool(dated) and not recent and all(day.year - y >= PAST_YEARS for y in dated)


def frames(reads: Sequence[ClaimRead], claims: Mapping[str, Claim], key_to_actor: Mapping[str, str],
           day_of: Mapping[str, dt.date | None] | None = None) -> list[Frame]:
    """Per article, actor, target and relation: the summed strength and the claims that carry it. A line of the
    page's furniture (:func:`contradict.stages.kinds.page_furniture`: a video or photo caption) frames nothing, nor,
    given ``day_of`` (article -> ``Article.day``), a claim that tells history (:func:`past`)."""
    acc: dict[tuple[str, str, str, Relation], list[tuple[FrameEvidence, bool]]] = {}
    for r in reads:
        c = claims.get(r.claim_id)
        if c is None or page_furniture(c.text) or (day_of and past(c.text, day_of.get(c.article_id))):
            continue  # a page's furniture (a video caption, a photo line) or history frames nothing
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
             per_pair: int = 5, min_net: float | None = None,
             day_of: Mapping[str, dt.date | None] | None = None) -> list[FramingTension]:
    """Article pairs that cast the same two actors with opposite polarity, strongest first; at most
    ``per_pair`` article pairs per actor pair (the strongest sides of each polarity), each side at least
    ``min_net`` net strength (:data:`MIN_NET`). ``day_of`` (article -> ``Article.day``): across stories, sides
    more than :data:`MAX_DAYS_APART` days apart are no tension."""
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
                if Relation.ALLIED not in (x.relation, y.relation) and (x.actor, x.target) != (y.actor, y.target):
                    continue  # "A opposes B" and "B backs A" both hold: a tension is one actor cast both ways
                story = story_of.get(x.article, "")
                same_story = bool(story) and story == story_of.get(y.article)
                if not (x.salient and y.salient):
                    continue  # one incidental sentence is not a frame (an event of another day)
                if not same_story and _days_apart(day_of, x.article, y.article) > MAX_DAYS_APART:
                    continue  # two moments of one relation (an invasion, years later the training of its army)
                got.append(FramingTension(x, y, round(math.sqrt(x.net * y.net), 4), story if same_story else ""))
        got.sort(key=lambda t: (-t.score, t.id))
        out += got[:per_pair]
    out.sort(key=lambda t: (-t.score, t.id))
    return out


def _days_apart(day_of: Mapping[str, dt.date | None] | None, x: str, y: str) -> int:
    a, b = (day_of.get(x), day_of.get(y)) if day_of else (None, None)
    return abs((a - b).days) if a and b else 0


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


def rules_of(reader: Reader) -> str:
    """What ``reader``'s reads are stored under: its ``rules`` where it says (a reader whose links a model confirms,
    :mod:`contradict.stages.frame_confirm`), else :data:`RULES_VERSION`."""
    return getattr(reader, "rules", RULES_VERSION)


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
