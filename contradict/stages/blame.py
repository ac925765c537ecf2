"""Blame (issue 39): whom each article casts as the central threat and as the sponsor, and where two articles on
one subject blame different actors.

From the frames (:mod:`contradict.stages.frames`): an actor an article casts as threatening others, using force
against them or standing in their way is a *threat* candidate (of them); the target of an accusation ("blamed
Iran for the attacks") is one too (of the accuser); a quarrel in words, votes or courts ("criticised", "sued")
casts none (``words.VERBAL_CONFLICT``, ``words.ACCUSE_WORDS``). An actor it casts as supporting another is a
*sponsor* candidate (of that other). Each frame claim counts by salience: how sure the reading is x the voice it
is said in (the article's own 1, a quoted source 0.5) x where it stands (a heading ``HEADING``, the lead's first
``LEAD_CLAIMS`` claims ``LEAD``, the body 1); opposing counts ``OPPOSE_WEIGHT`` of threatening.

An article's central threat and sponsor are the one or two actors with the most salience in the role (at least
``MIN_SALIENCE``, and at least ``RUNNER_UP`` of the first for the second), each with the claims that carry it;
an article silent on a role has none.

A *blame tension* is two articles on one subject whose most blamed actor (the central threat, or the central
sponsor of something the two articles or their stories cast as a threat, or the corpus casts as a threat at
least as often as someone's protege) differs, where neither article casts the
other's blamed actor in that role. One subject: the two blamed actors are cast against the same victim or for the
same protege, or one's victim or protege is the other's culprit (not both ways: "the US fights ISIS" and "ISIS
threatens the US" are adversaries, not rival blame), in one story, in casts that share two actors, or (one blaming
the other's victim) in frames relating three actors in common: "004 casts Iran as the central threat (to
the United States); 002 casts the United States as the sponsor (of ISIS)". Values in, values out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from contradict.stages import frames as frames_mod
from contradict.types import Claim, Frame, Relation
from contradict.words import ACCUSE_WORDS, VERBAL_CONFLICT

HEADING = 2.0  # a heading (the title) carries an article's own framing most
LEAD = 1.5  # so do its first claims
LEAD_CLAIMS = 3
MIN_SALIENCE = 0.9  # about one own-voice claim read with confidence: less is an incidental mention
RUNNER_UP = 0.5  # a second actor in a role needs half the first one's salience
CROSSED_SHARED = 3  # actors two articles' frames relate in common for one's victim as the other's culprit to count
OPPOSE_WEIGHT = 0.5  # opposing someone (by force, or blaming them) is a weaker cast than threatening them
# Across stories, two articles further apart than this (``day_of``) are not on one subject: "Biden endorsed Clinton"
# (2016) and "Sanders endorsed Biden" (2020) are two events, not rival blame.
MAX_DAYS_APART = 30
ROLES = ("threat", "sponsor")


@dataclass(frozen=True)
class CastRole:
    """One actor an article casts in a role, and of whom."""

    article: str
    role: str  # threat | sponsor
    actor: str  # actor id
    of: str  # the actor it threatens / opposes most, or supports most
    salience: float
    claims: tuple[str, ...]  # the claims that carry it, most salient first


@dataclass(frozen=True)
class BlameTension:
    """Two articles on one subject that blame different actors."""

    a: CastRole  # a.article < b.article
    b: CastRole
    score: float  # the geometric mean of both sides' salience
    story: str = ""
    also_a: tuple[CastRole, ...] = ()  # other articles blaming a's actor in a's role (of the same actor), by salience
    also_b: tuple[CastRole, ...] = ()

    @property
    def id(self) -> str:
        return f"blame|{self.a.article}|{self.b.article}|{self.a.actor}|{self.b.actor}"


def _weight(claim: Claim | None) -> float:
    if claim is None:
        return 1.0
    if claim.kind == "heading":
        return HEADING
    return LEAD if claim.position < LEAD_CLAIMS else 1.0


def conflict_kind(words: str) -> str:
    """How an opposing relation casts its two actors, by the word that carries it: "accuse" (blame, condemn: the
    target is cast as the culprit), "verbal" (criticise, sue, reject: a quarrel casts no threat), else "force"
    (fight, attack, war, and what stands in the way: the agent is cast as the threat)."""
    word = frames_mod.word_lemma(words)
    if word in ACCUSE_WORDS:
        return "accuse"
    return "verbal" if word in VERBAL_CONFLICT else "force"


def central_cast(found: Sequence[Frame], claims: Mapping[str, Claim], top: int = 2) -> dict[str, list[CastRole]]:
    """Per article, its central threat(s) and sponsor(s), most salient first (threats, then sponsors). A threat is
    who threatens, or uses force against, or stands in the way of others (opposing counts half of threatening),
    or whom an accusation blames; a sponsor who supports others. Each role's claims list those about its main
    "of whom" first."""
    acc: dict[tuple[str, str, str], dict] = {}

    def add(art: str, role: str, actor: str, of: str, claim: str, s: float, own: bool) -> None:
        slot = acc.setdefault((art, role, actor), {"salience": 0.0, "of": defaultdict(float), "claims": {}, "own": False})
        slot["salience"] += s
        slot["own"] = slot["own"] or own
        slot["of"][of] += s
        by_claim = slot["claims"].setdefault(claim, defaultdict(float))
        by_claim[of] += s

    for f in found:
        if f.relation not in (Relation.THREATENS, Relation.OPPOSES, Relation.SUPPORTS):
            continue
        for e in f.reads:
            s = e.p * e.voice * _weight(claims.get(e.claim))
            own = e.voice >= frames_mod.VOICE_OWN  # the article's own voice, not a quoted source's
            if f.relation is Relation.SUPPORTS:
                add(f.article, "sponsor", f.actor, f.target, e.claim, s, own)
            elif f.relation is Relation.THREATENS:
                add(f.article, "threat", f.actor, f.target, e.claim, s, own)
            else:
                kind = conflict_kind(e.words)
                if kind == "force":
                    add(f.article, "threat", f.actor, f.target, e.claim, s * OPPOSE_WEIGHT, own)
                elif kind == "accuse":  # "Saudi Arabia blamed Iran for the attacks": Iran is the culprit, in the
                    # accuser's view; the article reports it, it does not cast it by that alone
                    add(f.article, "threat", f.target, f.actor, e.claim, s * OPPOSE_WEIGHT, False)
    by_article: dict[str, dict[str, list[CastRole]]] = defaultdict(lambda: defaultdict(list))
    for (art, role, actor), v in acc.items():
        if not v["own"]:
            continue  # only quoted sources or reported accusations cast it: theirs, not the article's central cast
        of = max(sorted(v["of"]), key=lambda k: v["of"][k])
        ids = tuple(sorted(v["claims"], key=lambda c: (-v["claims"][c].get(of, 0.0), -sum(v["claims"][c].values()), c)))
        by_article[art][role].append(CastRole(art, role, actor, of, round(v["salience"], 4), ids))
    out: dict[str, list[CastRole]] = {}
    for art in sorted(by_article):
        rows: list[CastRole] = []
        for role in ROLES:
            ranked = sorted(by_article[art][role], key=lambda r: (-r.salience, r.actor))
            ranked = [r for r in ranked if r.salience >= MIN_SALIENCE]
            if ranked:
                rows += [r for r in ranked[:top] if r is ranked[0] or r.salience >= RUNNER_UP * ranked[0].salience]
        if rows:
            out[art] = rows
    return out


def blamed(cast: Sequence[CastRole], threats_elsewhere: set[str]) -> CastRole | None:
    """An article's most blamed actor: its central threat, or its central sponsor of an actor that is cast as a
    threat (here or in the other article), whichever is more salient."""
    options = [r for r in cast if r.role == "threat" or (r.role == "sponsor" and r.of in threats_elsewhere)]
    return max(options, key=lambda r: (r.salience, r.role == "threat", r.actor), default=None)


def _casts_so(cast: Sequence[CastRole], other: CastRole, threats: set[str]) -> bool:
    """Whether an article also blames ``other``'s actor: as a threat, or as the sponsor of a threat (a sponsor of
    something no one casts as a threat is no blame)."""
    for r in cast:
        if r.actor != other.actor or r.role != other.role:
            continue
        if r.role == "threat" or r.of in threats:
            return True
    return False


def frame_actors(found: Sequence[Frame]) -> dict[str, set[str]]:
    """Per article, every actor its frames relate (what it is about, beyond its central cast)."""
    out: dict[str, set[str]] = defaultdict(set)
    for f in found:
        out[f.article].update((f.actor, f.target))
    return dict(out)


def tensions(casts: Mapping[str, Sequence[CastRole]], story_of: Mapping[str, str] | None = None,
             limit: int = 20, about: Mapping[str, set[str]] | None = None,
             day_of: Mapping[str, dt.date | None] | None = None) -> list[BlameTension]:
    """Pairs of articles on one subject that blame different actors, strongest first. ``about``
    (:func:`frame_actors`) lets one article's victim being the other's culprit count as one subject when their
    frames relate ``CROSSED_SHARED`` actors in common. ``day_of`` (article -> its day, ``Article.day``): across
    stories, two articles more than ``MAX_DAYS_APART`` days apart are not on one subject."""
    story_of = story_of or {}
    arts = sorted(casts)
    threats_in_story: dict[str, set[str]] = defaultdict(set)
    as_threat: Counter[str] = Counter()
    as_protege: Counter[str] = Counter()
    for art, rs in casts.items():
        threats_in_story[story_of.get(art) or art].update(r.actor for r in rs if r.role == "threat")
        as_threat.update({r.actor for r in rs if r.role == "threat"})
        as_protege.update({r.of for r in rs if r.role == "sponsor"})
    # what the corpus casts as a threat at least as often as someone's protege (ISIS; not a candidate whom some
    # articles cast as a threat to a rival and more endorse: abp_5k, Clinton 1 article to 14, Biden 1 to 6)
    menaces = {a for a, n in as_threat.items() if n >= as_protege[a]}
    out = []
    for i, x in enumerate(arts):
        for y in arts[i + 1:]:
            cx, cy = casts[x], casts[y]
            actors_x = {r.actor for r in cx} | {r.of for r in cx}
            actors_y = {r.actor for r in cy} | {r.of for r in cy}
            story = story_of.get(x, "")
            same_story = bool(story) and story == story_of.get(y)
            # a sponsor is blamed for what these two articles (or their stories) cast as a threat, or the corpus
            # does more than as a protege; not for what some article does ("Biden endorsed Clinton" is no blame
            # because another article of another year casts Clinton as a threat to a rival)
            threats = threats_in_story[story_of.get(x) or x] | threats_in_story[story_of.get(y) or y] | menaces
            bx, by = blamed(cx, threats), blamed(cy, threats)
            if bx is None or by is None or bx.actor == by.actor:
                continue
            if bx.of == by.actor and by.of == bx.actor:
                continue  # mirror images ("the US fights ISIS", "ISIS threatens the US"): adversaries, not rival blame
            # one's victim is the other's culprit (the victim of a threat, not what a sponsor backs)
            linked = (bx.role == "threat" and bx.of == by.actor) or (by.role == "threat" and by.of == bx.actor)
            # one's protege is the other's threat ("Karlan funds Vexor" / "Vexor threatens Dalmia")
            behind = (by.role == "sponsor" and bx.role == "threat" and by.of == bx.actor) or \
                (bx.role == "sponsor" and by.role == "threat" and bx.of == by.actor)
            if not (bx.of == by.of or linked or behind):
                continue  # one subject: the same victim or protege, one's victim the other's culprit, or its sponsor
            crossed = linked and about is not None and len(about.get(x, set()) & about.get(y, set())) >= CROSSED_SHARED
            if not (same_story or crossed or len(actors_x & actors_y) >= 2):
                continue  # ... in one story, in casts that share two actors, or in frames relating the same few
            if not same_story and days_apart(day_of, x, y) > MAX_DAYS_APART:
                continue  # ... and, across stories, at one time: two endorsements years apart are two events
            if _casts_so(cx, by, threats) or _casts_so(cy, bx, threats):
                continue  # each also blames the other's blamed actor: no disagreement on whom to blame
            out.append(BlameTension(bx, by, round((bx.salience * by.salience) ** 0.5, 4), story if same_story else ""))
    out.sort(key=lambda t: (-t.score, t.id))
    return grouped(out)[:limit]


def days_apart(day_of: Mapping[str, dt.date | None] | None, x: str, y: str) -> int:
    """Days between two articles (0 when either day is unknown: no evidence they are apart)."""
    a, b = (day_of.get(x), day_of.get(y)) if day_of else (None, None)
    return abs((a - b).days) if a and b else 0


def _side(r: CastRole) -> tuple[str, str, str]:
    return (r.actor, r.role, r.of)


def grouped(found: Sequence[BlameTension]) -> list[BlameTension]:
    """Tensions that blame the same two (actor, role, of whom) joined into one, strongest first: the strongest
    pair leads, the other articles of each side follow it ("002 and 003 cast the United States as ISIS's
    sponsor"). An article already on one side of a group is not added to the other."""
    groups: dict[frozenset, list[BlameTension]] = {}
    for t in sorted(found, key=lambda t: (-t.score, t.id)):
        groups.setdefault(frozenset((_side(t.a), _side(t.b))), []).append(t)
    out = []
    for ts in groups.values():
        lead = ts[0]
        more: dict[tuple, dict[str, CastRole]] = {_side(lead.a): {}, _side(lead.b): {}}
        placed = {lead.a.article, lead.b.article}
        for t in ts[1:]:
            for r in (t.a, t.b):
                if r.article not in placed:
                    placed.add(r.article)
                    more[_side(r)][r.article] = r
        also_a, also_b = (tuple(sorted(more[_side(x)].values(), key=lambda r: (-r.salience, r.article)))
                          for x in (lead.a, lead.b))
        out.append(BlameTension(lead.a, lead.b, lead.score, lead.story, also_a, also_b))
    out.sort(key=lambda t: (-t.score, t.id))
    return out
