"""A relation word's agents and targets in a spaCy parse (:mod:`contradict.stages.frames`): subject and
object, "by" agents of a passive, possessors and prepositions of a noun, the actor before a hyphenated
participle, both modifiers of "alliance", the antecedent of a pronoun or a definite phrase, and the obstacle
word that turns its subject into the relation's opponent. Each pair is a :class:`Link` with how sure it is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from contradict.stages.actors import country_table, mention_key
from contradict.stages.frame_lexicon import P_CLAUSE, P_DIRECT, P_HYPHEN, P_NOUN, lemma
from contradict.types import Link, Mention, Relation
from contradict.words import (
    ACTOR_HEAD_NOUNS,
    AGENT_NOUN_PREPOSITIONS,
    AGENT_NOUNS,
    AGENT_PREPOSITIONS,
    ANAPHOR_NOUNS,
    ANAPHOR_PRONOUNS,
    CHARGE_WORDS,
    COOPERATION_NOT_TARGETS,
    GIVER_PREPOSITIONS,
    INTENT_NOUNS,
    NP_PREPOSITIONS,
    PLACE_NOT_ACTOR_HEADS,
    PUBLIC_HEADS,
    RECEIVE_PREPOSITIONS,
    RECEIVE_VERB_FORMS,
    STATE_VOICE_HEADS,
    TARGET_PREPOSITIONS,
    TARGET_PREPOSITIONS_ALLIED_ONLY,
    WANT_VERB_FORMS,
)


@dataclass
class _Phrases:
    """The actors the noun phrases of one parsed claim name: a name, its conjuncts, an actor modifier, a pronoun's
    antecedent in the sentence before; a verb's subjects and objects."""

    doc: Any  # a spaCy Doc
    by_token: dict
    before: list
    offset: int

    # -- noun phrases -> actors
    def actors(self, tok, depth: int = 0) -> list[tuple[Mention, float]]:
        """The actors a noun phrase headed by ``tok`` names: the name itself, its conjuncts, an actor
        modifier ("Iranian militias", "US forces"), or the antecedent of a pronoun or "the group"."""
        if depth > 3 or any(c.dep_ == "neg" or c.lower_ == "not" for c in tok.children):
            return []  # "Dems, not Russia, are to blame": not Russia
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
                    if not _names_no_actor(self.by_token[c.i], head):
                        found.append((self.by_token[c.i], 0.8))
                elif head in INTENT_NOUNS and (c.dep_ == "poss" or (not owner and c.dep_ in ("compound", "amod"))):
                    found.append((self.by_token[c.i], 0.8))  # "the US goal", "his Syria decision": his, not Syria
            if not found and any(c.lower_ == "the" for c in tok.children):
                found += self.antecedent(ANAPHOR_NOUNS.get(lemma(tok), ""))
            if not found and depth < 2:  # "the reconstruction of every damaged home in Carrow"
                found += [(m, min(w, 0.7)) for c in tok.children if c.dep_ == "prep" and c.lower_ in NP_PREPOSITIONS
                          for p in c.children if p.dep_ == "pobj" for m, w in self.actors(p, depth + 1)
                          if not _names_no_actor(m, head)]  # "the people of Syria"
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
        charge = verb.head.head if verb.dep_ == "pcomp" and verb.head.lower_ in ("for", "of") else None
        if charge is not None and lemma(charge) in CHARGE_WORDS:  # "blamed the Taliban for harboring al Qaeda"
            return [a for c in charge.children if c.dep_ == "dobj" for a in self.actors(c)]
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

    def objects(self, tok, rel: Relation | None = None) -> list[tuple[Mention, float]]:
        """The targets of a verb: its objects, the subject of its passive, the objects of "against", "to" ... (of a
        supporting or allying ``rel``, not what it is aimed at: "helps Syria against ISIS")."""
        found = []
        preps = target_prepositions(rel)
        for c in tok.children:  # in the order of the sentence
            if (c.dep_ in ("dobj", "dative", "obj", "attr") and c.pos_ != "AUX") or c.dep_ == "nsubjpass":
                found += self.actors(c)
            elif c.dep_ == "prep" and c.lower_ in preps:
                found += [a for p in c.children if p.dep_ == "pobj" for a in self.actors(p)]
        return _unique(found)



class _Ctx(_Phrases):
    """A relation word's links in one parsed claim: its agents and targets (:class:`_Phrases`), under an obstacle
    or not."""

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
            kept = self._pairs(own, self.objects(tok, rel), rel, P_CLAUSE, tok.text)
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
            targets = self.objects(tok, rel)
            if agents and not targets:  # a misattached object: "for the US to Beat ISIS" (ISIS read as Making's)
                near = [self.by_token[t.i] for t in self.doc[tok.i + 1:tok.i + 4]
                        if t.i in self.by_token and t.dep_ not in ("compound", "amod", "poss", "nmod")
                        and not (t.head.dep_ == "prep" and t.head.lower_ not in TARGET_PREPOSITIONS)]  # "over the NHS"
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
        preps = self.prep_actors(tok, target_prepositions(rel))
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
        receiver = self.receiver(tok) if rel is Relation.SUPPORTS else None
        if receiver is not None:  # "DeSantis has the backing of Trump": the "of" names the giver, not the protege,
            givers = _unique(mods + self.prep_actors(tok, GIVER_PREPOSITIONS)  # and the receiver is the only target
                             + (self.prep_actors(tok.head, ("from",)) if tok.dep_ == "dobj" else []))  # "gets aid from"
            mine = {m.text for m, _ in givers}
            return self._pairs(givers, [a for a in receiver if a[0].text not in mine], rel, P_CLAUSE, tok.text)
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
            head, says_what = tok, True  # an agent noun says what the subject is ("is a critic of"), or no agent
            while head.dep_ in ("pobj", "prep", "attr", "dobj", "conj", "appos") and head.head.i != head.i:
                if head.dep_ == "dobj" or (head.dep_ == "pobj" and head.head.lower_ not in AGENT_NOUN_PREPOSITIONS):
                    says_what = False
                head = head.head
                if head.pos_ in ("VERB", "AUX"):
                    break
            if head.pos_ in ("VERB", "AUX") and (says_what or lemma(tok) not in AGENT_NOUNS):
                agents, p = self.subject(head), P_CLAUSE
        out += self._pairs(agents, preps, rel, p, tok.text)
        if rel is Relation.ALLIED and not preps and len(agents) >= 2:
            out += self._pairs(agents[:1], agents[1:], rel, p, tok.text)
        return out

    def receiver(self, tok) -> list[tuple[Mention, float]] | None:
        """Who receives a supporting noun: the subject of a verb of receiving it is the object of ("has the backing
        of", "won the endorsement of"), or the one a "with" phrase hangs on ("Assad, with the support of Russia,
        retook Aleppo"); none when it is only wanted or lost ("sought the support of"); None when the noun is not
        received."""
        if tok.dep_ == "dobj" and tok.head.lower_ in RECEIVE_VERB_FORMS:
            return self.subject(tok.head)
        if tok.dep_ == "dobj" and tok.head.lower_ in WANT_VERB_FORMS:
            return []  # "sought the support of six Democrats": wanted, not given
        if tok.dep_ == "pobj" and tok.head.lower_ in RECEIVE_PREPOSITIONS and tok.head.head.i != tok.head.i:
            holder = tok.head.head
            return self.subject(holder) if holder.pos_ in ("VERB", "AUX") else self.actors(holder)
        return None

    def _pairs(self, agents, targets, rel: Relation, p: float, evidence: str) -> list[Link]:
        out = []
        for a, wa in agents:
            for b, wb in targets:
                if a.text.casefold() != b.text.casefold():
                    out.append(Link(a, b, rel, round(p * min(wa, wb, 1.0) if min(wa, wb) < 1 else p, 3), evidence))
        return out


def target_prepositions(rel: Relation | None) -> set[str]:
    """The prepositions that lead to a relation's target: "among" for an alliance only, and never what a supporting
    or allying word is aimed at or about ("an alliance against ISIS", "an adviser on Iran")."""
    if rel is None:
        return TARGET_PREPOSITIONS
    out = TARGET_PREPOSITIONS if rel is Relation.ALLIED else TARGET_PREPOSITIONS - TARGET_PREPOSITIONS_ALLIED_ONLY
    return out - COOPERATION_NOT_TARGETS if rel.polarity > 0 else out


def _names_no_actor(modifier: Mention, head: str) -> bool:
    """A place before a person's or a public's noun ("the Vermont senator", "Houston voters", "the Syrian people"),
    any group before "voters": no actor. A country or its capital, by name or adjective, still speaks through its
    own ("a US spokesman", "Russia's air campaign", "Iranian lawmakers"); someone's "people" are his agents."""
    if head not in PLACE_NOT_ACTOR_HEADS:  # the public's nouns are among them
        return False
    country = mention_key(modifier.text) in country_table()
    place = modifier.label == "GPE" or (modifier.label == "NORP" and country)
    if head in PUBLIC_HEADS and (head != "people" or modifier.label in ("GPE", "NORP")):
        return True
    return place and not (country and head in STATE_VOICE_HEADS)


def _unique(found: Iterable[tuple[Mention, float]]) -> list[tuple[Mention, float]]:
    seen, out = set(), []
    for m, w in found:
        if (m.text, m.start) not in seen:
            seen.add((m.text, m.start))
            out.append((m, w))
    return out
