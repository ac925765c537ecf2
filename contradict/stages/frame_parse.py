"""Reading one parsed claim (:func:`read_doc`, :mod:`contradict.stages.frames`): its actor mentions (entities,
names defined by an acronym; a dateline's place is none), its relation words (:data:`TRIGGERS`, a word with its
preposition) and whether each is negated, disputed, hedged or under an obstacle word; the agents and targets of
each word are read by :class:`contradict.stages.frame_links._Ctx`."""

from __future__ import annotations

import re

from contradict.stages.actors import _initials, country_table, mention_key
from contradict.stages.frame_lexicon import P_DISPUTED, P_HEDGED, TRIGGERS, lemma
from contradict.stages.frame_links import _Ctx
from contradict.types import ClaimRead, Link, Mention, Relation
from contradict.words import (
    ACTOR_LABELS,
    ALLY_PREPOSITIONS,
    ALLY_WITH,
    COPULA_FORMS,
    DISPUTE_LEMMAS,
    DISPUTE_WORDS,
    HEDGE_MODALS,
    NEGATING_HEADS,
    NEGATIONS,
    NEGATIVE_PHRASE_NOUNS,
    NEGATIVE_SUBJECTS,
    NOT_YET_WORDS,
    OBSTRUCT_HEADS,
    POLL_SIGNS,
    POLL_SUPPORT_WORDS,
    PREPOSITION_RELATIONS,
    QUESTION_MARKS,
    SUSPICION_NOUNS,
    TO_BE_BLAMED,
    VERB_ONLY_WORDS,
)

_POLL = re.compile(r"\d\s*%|\b(?:" + "|".join(sorted((re.escape(w) for w in POLL_SIGNS if w != "%"), key=len, reverse=True))
                   + r")\b", re.I)  # "55%", "61 percent", "a poll"
# inside a name, only letters, digits and these ("Hillary] Clinton" from "[Hillary] Clinton" is "Hillary Clinton")
_NOT_IN_NAME = re.compile(r"[^\w\s.'’&-]+")
# a party and state label after a name ("Sen. Rand Paul (R-Ky.)", "Rep. Frank Wolf, R-Va."): the state is the
# member's, not an actor
_PARTY_STATE = re.compile(r"(?<!\w)(?:[RDI]|DFL)\s?[-–—]\s?$")
# a dateline opening a claim: "HOUSTON —", "WASHINGTON (Reuters) -", "BEIRUT, Lebanon —": a place and a
# wire, not an actor of the story
DATELINE = re.compile(r"^\s*[A-Z][A-Z.'’ -]{2,30}?(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)?\s*(?:\([^)]{1,30}\))?\s*[—–-]{1,2}\s")


def _mentions(doc, offset: int) -> tuple[list[Mention], dict[int, Mention], list[Mention]]:
    """Actor mentions of the claim (after ``offset``), a token index -> mention map, and those before it. A
    dateline that opens the claim ("HOUSTON —", a place the recogniser reads as GPE) names no actor."""
    own, before, by_token = [], [], {}
    dateline = DATELINE.match(doc.text[offset:])
    dateline_end = offset + dateline.end() if dateline else -1
    for ent in doc.ents:
        if ent.label_ not in ACTOR_LABELS:
            continue
        if (ent.start_char >= offset and ent.end_char <= dateline_end
                and (ent.label_ == "GPE" or mention_key(ent.text) in country_table())):
            continue  # a place in a dateline (a capital read as ORG too); "ISIS — the group that ..." stays an actor
        if ent.label_ == "GPE" and _PARTY_STATE.search(doc.text[max(0, ent.start_char - 8):ent.start_char]):
            continue
        toks = [t for t in ent]
        while len(toks) > 1 and not _namelike(toks[0]):  # "Beat ISIS" (a headline's verb read into the name)
            toks.pop(0)
        while len(toks) > 1 and not _namelike(toks[-1]):
            toks.pop()
        if not toks[0].text[:1].isupper():
            continue
        name = " ".join(_NOT_IN_NAME.sub(" ", doc.text[toks[0].idx:toks[-1].idx + len(toks[-1])]).split())
        if not name:
            continue
        m = Mention(name, ent.label_,
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
        if t is not tok and t.lower_ in SUSPICION_NOUNS:  # "an investigation into possible collusion"
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
    poll = bool(_POLL.search(doc.text[offset:]))
    for tok in doc:
        if tok.idx < offset:
            continue
        rel = _trigger(tok)
        if rel is None or tok.i in by_token or _negated(tok) or _blamed_subject(tok):
            continue
        if poll and rel is Relation.SUPPORTS and lemma(tok) in POLL_SUPPORT_WORDS:
            continue  # "Republicans support Trump by a 55% to 26% margin": a poll's share, not sponsorship
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
    if base in VERB_ONLY_WORDS and tok.pos_ in ("NOUN", "PROPN"):  # "shot in the back", "a crush on"
        return None
    if rel is not Relation.ALLIED and any(c.lower_ in ALLY_PREPOSITIONS for c in tok.children):
        return Relation.ALLIED
    if base in ALLY_WITH and any(c.lower_ == "with" for c in tok.children):
        return Relation.ALLIED
    return rel


def _negated(tok) -> bool:
    """The relation is denied or not asserted: a negation on the word or on the words it hangs from, within its
    clause or above the clause that holds it ("are never likely to embrace Trump", "did not fund", "no evidence that
    Trump coordinated with Russia"), a negating word above it ("unlikely to defend", "refused to back", "a hold on
    aid to Ukraine"), "without" ("without support from a single Republican"), or a question ("whether Trump
    colluded with Russia")."""
    t, steps, conjunct, came = tok, 0, False, ""
    while True:
        if not conjunct and any(c.dep_ == "neg" or c.lower_ in NEGATIONS for c in t.children):
            return True  # (not the first of two conjoined verbs' own negation: "did not attack X but bombed Y")
        if not conjunct and _denied_by_subject_or_phrase(t):
            return True  # "Neither Lee nor Cruz has endorsed", "In no respect does Iran qualify as a friend"
        if _not_yet(t, came):
            return True  # "Cruz has yet to endorse Trump"
        if any(c.dep_ == "mark" and c.lower_ in QUESTION_MARKS for c in t.children):
            return True
        if t is not tok and not conjunct and (lemma(t) in NEGATING_HEADS or  # "placing a hold on aid to Ukraine"
                             any(c.dep_ == "dobj" and lemma(c) in NEGATING_HEADS for c in t.children)):
            return True
        if t.dep_ == "pobj" and t.head.lower_ == "without":
            return True
        if t.dep_ not in ("xcomp", "acomp", "attr", "dobj", "pobj", "prep", "pcomp", "amod", "compound", "ccomp",
                          "acl", "advcl", "conj") or t.head.i == t.i or steps >= 5:
            return False
        conjunct, came = t.dep_ == "conj", t.dep_
        t, steps = t.head, steps + 1


def _denied_by_subject_or_phrase(t) -> bool:
    """A clause denied by its subject ("Neither Lee nor Cruz has endorsed Trump", "No senator backed him") or by a
    fronted phrase with "no" ("In no respect does Iran qualify as a friend", "by no means an ally")."""
    for c in t.children:
        if c.dep_ in ("nsubj", "nsubjpass") and (c.lower_ in NEGATIVE_SUBJECTS or any(
                g.dep_ in ("det", "preconj") and g.lower_ in NEGATIVE_SUBJECTS for g in c.children)):
            return True
        if c.dep_ == "prep" and any(p.dep_ == "pobj" and p.lower_ in NEGATIVE_PHRASE_NOUNS and any(
                g.dep_ == "det" and g.lower_ == "no" for g in p.children) for p in c.children):
            return True
    return False


def _not_yet(t, came: str) -> bool:
    """"has yet to endorse": "yet" on the verb above the relation's "to" clause, or on the relation's own verb
    before its "to"."""
    kids = list(t.children)
    if came == "xcomp" and any(c.lower_ in NOT_YET_WORDS and c.dep_ == "advmod" for c in kids):
        return True
    to = [c.i for c in kids if c.dep_ == "aux" and c.lower_ == "to"]
    return bool(to) and any(c.lower_ in NOT_YET_WORDS and c.dep_ == "advmod" and c.i < to[0] for c in kids)


def _blamed_subject(tok) -> bool:
    """"Dems, not Russia, are to blame": the subject is the one blamed and no one in the clause blames."""
    return lemma(tok) in TO_BE_BLAMED and tok.head.lower_ in COPULA_FORMS and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


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
        if t.dep_ not in ("xcomp", "dobj", "pobj", "prep", "conj") or t.head.i == t.i:
            return False  # a modal holds over conjoined verbs: "should end all criticism of X and run against Y"
        t = t.head
    return False
