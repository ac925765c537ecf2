"""Slot values anchored on the parse: two claims that give one slot two values disagree only where the value
hangs from one event in both (issue 37).

A rule that sees "Tuesday" in one claim and "Friday" in the other, "two" and "10" people, "Auckland" and
"Brooklyn", "Michael" and "Mike" Flynn, cannot tell one event told twice from two events of one story. Read
on abp_5k's labelled pairs (benchmarks/news_labels: no pair whose slots differ by rule was a real
disagreement), the false ones are mostly of three kinds: the value belongs to another event of the story
("said Saturday night" / "the riot Thursday night"; "arrested two people for looting" / "10 people had been
arrested" over two nights), to the statement rather than the event ("recorders recovered ... Ethiopian
Airlines said Monday" / "crashed on Sunday"), or the two values are one name written two ways ("Qassem" /
"Qasem", "William" / "Bill").

So a slot difference is kept only when, in spaCy's dependency parse of each claim, the value's chain of heads
reaches the same event word (its stem, or one class of :data:`contradict.words.EVENT_CLASSES`: "voted" and
"passed"), that word is not a verb of saying (the value then dates the statement), and the two events share a
name among their arguments (subjects, objects and their phrases, the value's own words left out: "the House",
"Trump"). The climb stops at the nearest clause's verb (a relative, adverbial or complement clause tells its own
event: "emails that became public on Friday"); a count's event is sought above the thing it counts ("arrested 18
suspects" / "a trial of 11 suspects" share only the suspects); a day's own noun is its only event, its phrases its
arguments ("the Nov. 13 attacks in Paris"); a participle clause's arguments are its event's ("won, defeating
Barbara Lee"). A count of a part ("three other Americans", "10 more seats") is never compared. A person's two first
names must both be read as a person's name by spaCy and must not be one name's variants (a nickname table, or
spellings a letter or two apart); a place's two names must both be names read as places. Values in, values out: the parse is
passed in (:class:`Parser`), so tests give a fake or the real pipeline.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from contradict.stages.kinds import numeric_difference, stem
from contradict.stages.slots import SlotDifference, slot_differences
from contradict.types import Difference, EntityKind, Pair, Route
from contradict.words import (
    EVENT_CLASSES,
    GIVEN_NAME_VARIANTS,
    NOT_EVENT_HEADS,
    PART_WORDS,
    POLL_WORDS,
    REFERENCE_WORDS,
    REPORTING_VERBS,
)

log = logging.getLogger(__name__)

Parser = Callable[[str], object]  # text -> a spaCy Doc (tokens with .head, .dep_, .pos_, .idx, .ent_type_)

_SAYING = {stem(w) for w in REPORTING_VERBS} | {"said", "say", "told", "tell", "accord", "report", "announc"}
_CLASS = {stem(w): f"class:{i}" for i, words in enumerate(EVENT_CLASSES) for w in words}
_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "attr", "agent", "compound", "poss", "appos", "npadvmod"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_CLAUSE_DEPS = {"relcl", "advcl", "ccomp", "xcomp", "parataxis", "conj"}  # a clause of its own below a head (a
# participle modifier, "veterans gathered in Norwalk", goes on telling the scene above it)
_MODIFIER_DEPS = {"nummod", "quantmod", "amod", "compound", "nmod"}  # a count's ties to the noun it counts
# the version of the rules a stored rule read was made under (anchors, slots and the numeric rule of kinds): a change
# that reads any pair differently moves it, and a report then parses again rather than trusting the stored reads
RULES_VERSION = "anchors-2026-12-06e"
SAME_NEWS_DAYS = 1  # two articles whose dates are this close tell one news cycle: their days of an event must agree
MAX_HEADS = 8  # heads climbed from the value to the sentence's root at most


@dataclass(frozen=True)
class Anchor:
    """Where a value hangs in its claim: the event words above it, and the words of those events' arguments."""

    events: frozenset[str]
    args: frozenset[str]  # the names among them (proper nouns, stemmed)
    nouns: frozenset[str] = frozenset()  # the common nouns among the arguments ("the primary")


def _event_key(tok) -> str:
    s = stem(tok.lower_)
    return _CLASS.get(s, s)


def _value_tokens(doc, value: str) -> list:
    text = doc.text
    i = text.find(value)
    if i < 0:
        i = text.lower().find(value.lower())
    if i < 0:
        return []
    return [t for t in doc if i <= t.idx < i + len(value)]


def _name(tok) -> bool:
    return tok.pos_ == "PROPN" and not tok.is_stop and len(tok.text) > 1


def anchor(doc, value: str, slot: str = "") -> Anchor | None:
    """The anchor of ``value`` (as written) in the parsed claim ``doc``; None when the value is not found, hangs
    from nothing but nouns of time and counting, or from a verb of saying first. ``slot`` "number": the value is a
    count, and the noun it modifies is the thing counted ("34 cadets", "5% enrichment"), not an event: two claims counting
    one thing always share it, so the event is sought above it ("arrested 18 suspects" / "a trial of 11 suspects").
    ``slot`` "date": the value is a day, and a noun it modifies is the event it dates, the only one ("a March 15 raid",
    "the Nov. 13 attacks": two events, though both stories go on to one suspect)."""
    counted, dated = slot == "number", slot == "date"
    toks = _value_tokens(doc, value)
    if not toks:
        return None
    own = {t.i for t in toks}
    if _not_a_value(doc, toks):
        return None
    near = [c for t in toks for c in (*t.children, t.head, *t.head.children)]
    if toks[0].lower_ in REFERENCE_WORDS or any(c.lower_ in REFERENCE_WORDS and c.i < toks[0].i for c in near):
        return None  # "the lowest since 2017": a point of reference, not a value of the event
    t = toks[0]
    while t.head.i in own and t.head.i != t.i:  # up to the root of the value's own phrase ("Linda T. Sánchez")
        t = t.head
    thing = t.head.i if counted and t.dep_ in _MODIFIER_DEPS and t.head.pos_ == "NOUN" else -1
    events: list = []
    own_noun = False  # the day's own noun is the event: its prepositional phrases are its arguments
    seen = 0
    while t.head.i != t.i and seen < MAX_HEADS:
        t = t.head
        seen += 1
        if t.i in own or t.i == thing:
            continue
        key = stem(t.lower_)
        if dated and seen == 1 and t.pos_ == "NOUN" and key not in NOT_EVENT_HEADS and t.lower_ not in NOT_EVENT_HEADS:
            events.append(t)  # "the Nov. 13 attacks": the day's own event
            own_noun = True
            break
        if t.pos_ in ("VERB", "AUX") and key in _SAYING:
            break  # the value dates or places the statement, not the event
        if t.pos_ in ("VERB", "NOUN") and t.lower_ not in NOT_EVENT_HEADS and key not in NOT_EVENT_HEADS:
            events.append(t)
            if t.pos_ == "VERB" and t.dep_ in _CLAUSE_DEPS:
                break  # the nearest clause's verb is the event: "snippets that became public on Friday were
                # seized on" dates the snippets' release, not the seizing above it
        elif t.pos_ == "AUX":  # "the rate was 35.7 percent": the copula's subject
            events += [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"
                       and c.lower_ not in NOT_EVENT_HEADS]
    if not events:
        return None
    # a participle clause goes on telling the event ("won the race, defeating Barbara Lee"): its arguments are the
    # event's too, though its verb is not the event ("assailed her on Tuesday, calling her remarks ..." and "faced a
    # backlash Wednesday, calling him ..." tell two events)
    clauses = [c for ev in events for c in ev.children if c.dep_ == "advcl" and c.tag_ == "VBG" and c.i not in own]
    args: set[str] = set()
    nouns: set[str] = set()
    skip = own | {e.i for e in events} | {c.i for c in clauses}
    deps = _ARG_DEPS | {"prep"} if own_noun else _ARG_DEPS
    for ev in events + clauses:
        for child in ev.children:
            if child.dep_ in deps and child.i not in own:
                for w in child.subtree:
                    if w.i in skip:
                        continue
                    if _name(w):
                        args.add(stem(w.lower_))
                    elif w.pos_ == "NOUN" and not w.is_stop and w.lower_ not in NOT_EVENT_HEADS:
                        nouns.add(stem(w.lower_))
    return Anchor(frozenset(_event_key(e) for e in events), frozenset(args), frozenset(nouns))


def _not_a_value(doc, toks) -> bool:
    """The value is a part of a count ("three other Americans", "10 more seats") or a name with a number in it
    ("737 Max"): not a value of the event that another claim could give differently."""
    near = [c for t in toks for c in (*t.children, t.head, *t.head.children)]
    if any(c.lower_ in PART_WORDS for c in near):
        return True
    after = doc[toks[-1].i + 1] if toks[-1].i + 1 < len(doc) else None
    return any(t.ent_type_ in ("PRODUCT", "ORDINAL") for t in toks) or (
        after is not None and after.pos_ == "PROPN" and toks[-1].like_num)


def _record(doc, toks) -> bool:
    """A record's point of reference: "the lowest since 2017", "the biggest drop since 1987" (a superlative
    before "since"): two records of one story are two quantities."""
    return toks[0].lower_ in REFERENCE_WORDS and any(t.tag_ in ("JJS", "RBS") for t in doc[:toks[0].i])


def _owners(doc, toks) -> frozenset[str]:
    """Names in the phrase of the thing a value counts, its possessor left out ("Tsarnaev's 26-year-old
    brother, Tamerlan" -> {tamerlan})."""
    own = {t.i for t in toks}
    top = next((x for x in toks if x.head.i not in own), toks[0])
    head = top.head
    if head.pos_ != "NOUN":
        return frozenset()
    owner = {w.i for c in head.children if c.dep_ == "poss" for w in c.subtree}
    return frozenset(stem(w.lower_) for w in head.subtree if w.i not in own and w.i not in owner and _name(w))


def count_kept(doc_a, doc_b, d: SlotDifference) -> bool:
    """Whether a number the numeric rule (:func:`contradict.stages.kinds.numeric_difference`) found different stays a
    difference on the parse: not a poll's (every outlet quotes another poll, group or week), not a part of a
    count or a name with a number, not a value of two different owners ("his 26-year-old brother, Tamerlan" /
    "his 19-year-old brother, Dzhokhar"). Unlike the other slots no common event is asked for: the numeric rule
    already asks the thing counted and the words around it to match, and a count is often told with two verbs
    ("In a 48-page indictment, prosecutors charged" / "the 47-page indictment says")."""
    if _poll(doc_a) or _poll(doc_b):
        return False
    ta, tb = _value_tokens(doc_a, d.a), _value_tokens(doc_b, d.b)
    if not ta or not tb:
        return True  # the rule's values as it wrote them ("30 percent."): nothing the parse can refuse
    if _not_a_value(doc_a, ta) or _not_a_value(doc_b, tb) or _record(doc_a, ta) or _record(doc_b, tb):
        return False
    oa, ob = _owners(doc_a, ta), _owners(doc_b, tb)
    return not (oa and ob and not (oa & ob))


def _variants(a: str, b: str) -> bool:
    """One given name written two ways: a nickname ("William" / "Bill") or a spelling a letter or two apart
    with the same first letter ("Qassem" / "Qasem", "Kataeb" / "Kataib")."""
    a, b = a.casefold().strip(".'’"), b.casefold().strip(".'’")
    if a == b or any({a, b} <= group for group in GIVEN_NAME_VARIANTS):
        return True
    return a[:1] == b[:1] and _distance(a, b) <= 2


def _distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


def _labelled(doc, value: str, labels: Iterable[str]) -> bool:
    toks = _value_tokens(doc, value)
    names = [t for t in toks if t.pos_ == "PROPN"]  # at least one: "at Very Serious public events" names no place
    return bool(names) and all(t.ent_type_ in labels for t in names)


def anchored(doc_a, doc_b, d: SlotDifference) -> bool:
    """Whether the slot difference ``d`` of the parsed claims ``doc_a`` and ``doc_b`` tells one event twice."""
    if d.slot == "person":
        first_a, first_b = d.a.split()[0], d.b.split()[0]
        if _variants(first_a, first_b) or not (_labelled(doc_a, d.a, {"PERSON"})
                                               and _labelled(doc_b, d.b, {"PERSON"})):
            return False
    if d.slot == "place" and not (_labelled(doc_a, d.a, _PLACE_LABELS) and _labelled(doc_b, d.b, _PLACE_LABELS)):
        return False
    if d.slot == "person" and any(_family_twice(doc, d.a.split()[-1]) for doc in (doc_a, doc_b)):
        return False  # "Biden and his son, Hunter Biden": two of one family in one claim
    if d.slot == "denial":
        return _denial_anchored(doc_a, doc_b, d)
    if d.slot == "number":
        # a hyphenated compound ("48-page indictment", "35-word oath") names its thing's one document or act; any
        # other count needs an event ("83% of Democrats disapprove" / "73% of Democrats think": two questions)
        if not count_kept(doc_a, doc_b, d):
            return False
        if _HYPHENATED.match(d.a) and _HYPHENATED.match(d.b):
            return True
    xa, xb = anchor(doc_a, d.a, d.slot), anchor(doc_b, d.b, d.slot)
    return bool(xa and xb and (xa.events & xb.events) and ((xa.args & xb.args) or (
        d.slot == "person" and xa.nouns & xb.nouns)))  # a person is the named argument: a noun will do


_HYPHENATED = re.compile(r"^\d[\d,.]*-[a-z]+$", re.I)
_SPLIT = re.compile(r"\d(?:[\d.]*)\s*(?:percent|%)?\s*(?:to|-|–)\s*\d[\d.]*\s*(?:percent|%)", re.I)


def _poll(doc) -> bool:
    """A claim of a poll: a poll word, or a split of percentages ("53 percent to 44 percent", "62%-35%")."""
    return any(t.lower_ in POLL_WORDS for t in doc) or bool(_SPLIT.search(doc.text))


def _family_twice(doc, family: str) -> bool:
    fam = family.casefold().strip(".'’s")
    return sum(1 for t in doc if t.lower_.strip(".'’s") == fam or t.lower_ == fam) >= 2


def _denial_anchored(doc_a, doc_b, d: SlotDifference) -> bool:
    """The denied and the asserted verb are one word with a subject in common ("he denied that he had resigned"
    / "the minister resigned": the subject named, or a pronoun standing for it, is not checked here: both must
    name one)."""
    word = stem(d.thing)
    if not any(stem(t.lower_) == word and t.pos_ == "VERB" for t in doc_a) or not any(
            stem(t.lower_) == word and t.pos_ == "VERB" for t in doc_b):
        return False  # what is denied and asserted is an act: a verb on both sides ("resigned")

    def subjects(doc) -> set[str]:
        out = set()
        for t in doc:
            if stem(t.lower_) == word and t.pos_ in ("VERB", "AUX", "NOUN"):
                for c in t.children:
                    if c.dep_ in ("nsubj", "nsubjpass"):
                        out |= {stem(w.lower_) for w in c.subtree if w.pos_ == "PROPN"}
                head, climbed = t, 0
                while not out and head.head.i != head.i and climbed < MAX_HEADS:  # "denied that he had resigned"
                    head, climbed = head.head, climbed + 1  # the denier stands for the one who denies
                    out |= {stem(w.lower_) for c in head.children if c.dep_ == "nsubj"
                            for w in c.subtree if w.pos_ == "PROPN"}
        return out

    return bool(subjects(doc_a) & subjects(doc_b))


def verify(differences: dict, texts: dict[str, str], parse: Parser) -> dict:
    """The slot differences (``pair id -> (claim a id, claim b id, SlotDifference)``) that are anchored, each
    claim parsed once (``texts``: claim id -> text)."""
    docs: dict[str, object] = {}

    def doc(cid: str):
        if cid not in docs:
            docs[cid] = parse(texts[cid])
        return docs[cid]

    return {pid: (a, b, d) for pid, (a, b, d) in sorted(differences.items()) if anchored(doc(a), doc(b), d)}


def rule_differences(pairs: Iterable[Pair], story_of: Mapping[str, str], days: Mapping[str, dt.date | None],
                     parse: Parser) -> dict[str, tuple[str, Difference]]:
    """pair id -> (slot, difference) for every pair of one story whose values a rule finds different and the
    parse anchors: the numeric rule on any pair of one story (as :func:`contradict.stages.aggregate.classify` reads
    it), and the slot rules of :mod:`contradict.stages.slots` on the pairs of one fact. Only the claims of such
    pairs are parsed."""
    found: dict[str, tuple[str, str, SlotDifference]] = {}
    numbers: dict[str, Difference] = {}
    texts: dict[str, str] = {}
    for p in pairs:
        story = story_of.get(p.a.article_id, "")
        if not story or story != story_of.get(p.b.article_id):
            continue
        names = sum(1 for e in p.shared if e.kind is EntityKind.NAME)
        num = numeric_difference(p.a.text, p.b.text, p.similarity, names)
        if num is not None:
            numbers[p.id] = num
            found[p.id] = (p.a.id, p.b.id, SlotDifference("number", num.thing, num.a, num.b))
        elif any(r.route is Route.FACT for r in p.reasons):
            da, db = days.get(p.a.article_id), days.get(p.b.article_id)
            slots = slot_differences(p.a.text, p.b.text, da, db, p.similarity, names)
            if slots and slots[0].slot == "date" and not (da and db and abs((da - db).days) <= SAME_NEWS_DAYS):
                slots = slots[1:]  # an event's day told in two news cycles (or an undated article): two events
            if slots:
                found[p.id] = (p.a.id, p.b.id, slots[0])
        if p.id in found:
            texts[p.a.id], texts[p.b.id] = p.a.text, p.b.text
    if not found:
        return {}
    out: dict[str, tuple[str, Difference]] = {}
    for pid, (_, _, d) in verify(found, texts, parse).items():
        if pid in numbers:
            out[pid] = ("number", numbers[pid])
        else:
            thing = d.thing if d.slot == "number" else d.slot
            out[pid] = (d.slot, Difference(thing, d.a, d.b))
    log.info("slots: %d of %d rule differences anchored on the parse", len(out), len(found))
    return out


Reads = dict[str, tuple[str, str, str, str]]  # pair id -> (slot, thing, value a, value b); slot "" = none anchored


def reads_of(pairs: Sequence[Pair], ruled: Mapping[str, tuple[str, Difference]]) -> Reads:
    """Every pair's rule read, for the store: its anchored difference, or none."""
    out: Reads = {p.id: ("", "", "", "") for p in pairs}
    for pid, (slot, d) in ruled.items():
        out[pid] = (slot, d.thing, d.a, d.b)
    return out


def from_reads(pairs: Iterable[Pair], reads: Mapping[str, tuple[str, str, str, str]], story_of: Mapping[str, str],
               days: Mapping[str, dt.date | None], parse: Parser | None) -> dict[str, tuple[str, Difference]] | None:
    """:func:`rule_differences` of ``pairs``, taking each pair's stored read where the index holds one (an index run
    read every candidate pair it kept) and parsing only the others (pairs made after it: `contradict pair`). None
    without a parse and with pairs unread: the numeric rule then reads unanchored, as without anchors."""
    pairs = list(pairs)
    unread = [p for p in pairs if p.id not in reads]
    if unread and parse is None:
        return None
    out = {p.id: (reads[p.id][0], Difference(*reads[p.id][1:])) for p in pairs
           if p.id in reads and reads[p.id][0]}
    if unread and parse is not None:
        out.update(rule_differences(unread, story_of, days, parse))
    return out


__all__ = ["RULES_VERSION", "Anchor", "Parser", "Reads", "anchor", "anchored", "from_reads", "reads_of",
           "rule_differences", "verify"]
