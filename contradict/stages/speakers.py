"""Speakers from the dependency parse (issue 40): who each sentence of an article reports.

The rules in ``claims`` read speakers from the words around a reporting verb; they mistake a time, a number or
a law for a speaker and lose a speaker named after a quote that runs over several sentences. Here spaCy's parse
(the pipeline frames load, ``frames.load_spacy``) decides:

1. **A sentence's own speaker**: the object of "according to", else the subject of a reporting verb
   (``words.REPORTING_VERBS``) that stands outside the quotation marks and governs the sentence (its root, or a
   clause beside the root: '"...," he said'). The subject must be a person, an organisation or a role noun
   phrase: never a time, a number or a law (``NOT_SPEAKER_HEADS``, ``NOT_SPEAKER_LABELS``).
2. **Quotes over sentences**: the sentences of one quotation (a quote opened in one sentence and closed in a
   later one of the paragraph) share the speaker any of them names ('"It is over. We lost," she said').
   A sentence that is all quote and names no one continues the speaker of the sentences just before.
3. **Pronouns**: "he", "she", "it", "they" stand for the nearest fitting speaker or subject in the sentences
   before (parsed on demand), else the last fitting speaker of the article; "I", "we" outside a quote are the
   writer: the article's own voice.

Only sentences with a cue (a reporting verb form, "according to", a quotation mark) are parsed, so an article
of plain statements costs nothing. :func:`read` returns, per sentence, the speaker ("" for the article's own
voice) or None where the parse has no reading and the caller's rules decide.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from contradict.stages import pronouns, tags
from contradict.stages.frame_parse import DATELINE
from contradict.stages.pronouns import UNNAMED
from contradict.stages.quotes import closes_first, opens_quote, paragraph_masks, quote_share
from contradict.stages.speech import (
    FORMS,
    can_speak,
    has_content,
    kind_of,
    outside_quotes,
    phrase_of,
    quoted_person,
    speaker_head,
)
from contradict.stages.stance import CUE as STANCE_CUE
from contradict.stages.stance import stance
from contradict.stages.tags import (
    CAPS_LABEL,
    LABEL,
    Found,
    confirmed,
    inverted_tag,
    label,
    statement,
    subject,
)

__all__ = ["FORMS", "Found", "for_parse", "has_cue", "passive_report", "phrase_of", "read", "read_doc", "speaker_head"]
from contradict.words import (
    ACT_MEDIUM_NOUNS,
    CONTENT_VERBS,
    FINDING_NOUNS,
    FINDING_VERBS,
    MEDIUM_NOUNS,
    NEEDS_CCOMP,
    REPORTING_NEEDS_CLAUSE,
    RESOLVED_PRONOUNS,
    STATEMENT_NOUNS,
    WRITER_PRONOUNS,
)

RECENT = 3  # sentences a speaker carries over to a quote that names no one


_VERB_CUE = re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, {*FORMS, *FINDING_VERBS, *tags.TAG_ONLY}), key=len,
                                                    reverse=True))
                       + r"|according to|in the words of|(?:in|during) (?:an?|his|her|their|its|the|that|this) (?:[\w-]+ ){0,3}(?:"
                       + "|".join(sorted(MEDIUM_NOUNS | STATEMENT_NOUNS | ACT_MEDIUM_NOUNS)) + r"))\b"
                       + "|" + STANCE_CUE.pattern, re.I)  # and a stated position (stance.py): one search per sentence
_CUE = re.compile(_VERB_CUE.pattern + r"|[\"“”]", re.I)
_GOVERNING = {"ROOT", "parataxis", "conj", "advcl"}  # a reporting verb that speaks for the sentence
_CLAUSE = {"ccomp", "xcomp", "parataxis", "advcl"}
SUBORDINATORS = {"when", "while", "where", "whenever", "as", "after", "before", "if", "because", "since", "once",
                 "until", "unless", "though", "although"}  # "When it asked Congress, ...": not a report


# a link to a person's page glued after the name, its headlines up to "MORE" ("Sen. Jane Doe Jane Ann DoeSenate
# passes bill Doe pushes plan MORE (D-Ohio) said"): blanked before the parse, the offsets kept
_GLUED_LINK = re.compile(r"[A-Z][a-z]{2,}([A-Z][^\n]{0,300}?\sMORE)\b")
# a passive report names no one ("The plan was said to ...", "It is reported that ..."): unnamed sources
_PASSIVE_REPORT = re.compile(r"\b(?:is|are|was|were|been|being)\s+(?:\w+ly\s+)?(?:said|reported|believed|thought|"
                             r"alleged|rumou?red|understood)\s+(?:to|that)\b", re.I)


def for_parse(text: str) -> str:
    """The text the parse reads: glued link headlines and a dateline opening the sentence ("WASHINGTON — Rep. ...",
    a place never a speaker; a capitalised word must follow its dash) blanked with spaces (the same length, so
    offsets hold)."""
    text = _GLUED_LINK.sub(lambda m: m.group(0)[:m.start(1) - m.start(0)] + " " * len(m.group(1)), text)
    line = DATELINE.match(text)
    if line and text[line.end():line.end() + 1].isupper():  # not "ISIS -- through its media arm", "CNN — which"
        text = " " * line.end() + text[line.end():]
    return CAPS_LABEL.sub(lambda m: m.group(1) + m.group(2).title(), text)  # the same length


def passive_report(text: str) -> bool:
    return bool(_PASSIVE_REPORT.search(text))


def has_cue(text: str) -> bool:
    return bool(_CUE.search(text))


def _needs_parse(s) -> bool:
    """Whether a sentence names its speaker outside its quotation marks (a reporting verb, "according to"): a
    sentence that is all quote, or quotes only a phrase, is read from its quotation without a parse."""
    outside = "".join(" " if m else ch for ch, m in zip(s.text, s.mask))
    return bool(_VERB_CUE.search(outside))


@dataclass
class _Sent:
    text: str
    paragraph: int
    skip: bool  # a heading or a caption: speaks for the article
    considered: bool = False  # a cue (a reporting verb, "according to", a quotation mark): this module decides
    inside_start: bool = False
    inside_end: bool = False
    mask: list | None = None
    doc: Any = None
    found: Found | None = None
    run: int = -1  # the first sentence of its quotation (its own index when it starts none; set by read)


def _has_clause(verb, mask) -> bool:
    """A reported clause or a quote; an infinitive only for the sentence's own verb ("She vowed to appeal", not
    "he shifted left, agreeing to restore ...")."""
    if any(c.dep_ in _CLAUSE and (c.dep_ != "xcomp" or verb.dep_ == "ROOT") for c in verb.children):
        return True
    return any(mask[t.idx] for t in verb.doc) if mask else False


def _name_before(verb, mask):
    """'"... seniors," House Leader Nancy Pelosi (D-Calif.) said': the name right before the verb, outside the
    quote (a parenthesis skipped)."""
    j = verb.i - 1
    if j >= 0 and verb.doc[j].text == ")":
        while j >= 0 and verb.doc[j].text != "(":
            j -= 1
        j -= 1
    if j > 0 and verb.doc[j].text == "," and verb.doc[j - 1].ent_type_ == "PERSON":  # "..., Professor X, said"
        j -= 1
    tok = verb.doc[j] if j >= 0 else None
    if tok is not None and outside_quotes(tok, mask) and (tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON"):
        while tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.pos_ == "PROPN" and tok.i - tok.head.i <= 3:
            tok = tok.head.head  # "Office of the Joint Chiefs of Staff said": the office, not "Staff"
        return tok
    return None


def _governs(t, mask) -> bool:
    """A reporting verb that speaks for the sentence: its root, a clause beside the root, or a clause the parse
    hung under a root inside the quotation ('"The kingdom affirms ...," the government said'); not a clause of
    time or condition ("When it asked Congress"), not an infinitive ("stood up to ask him")."""
    if t.dep_ == "pcomp" and t.head.lower_ in ("by", "with") and t.head.head.dep_ == "ROOT":
        return _has_clause(t, mask)  # "X raised eyebrows by claiming that ...", "..., with X saying he was ..."
    if t.dep_ != "ROOT" and not (t.head.dep_ == "ROOT" and (t.dep_ in _GOVERNING
                                                              or t.dep_ == "ccomp" and not outside_quotes(t.head, mask))) \
            and not _opens(t):
        return False
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
        return False
    # it says something: a clause or a quote
    said = any(c.dep_ == "ccomp" for c in t.children) or bool(mask) and any(mask[x.idx] for x in t.subtree)
    said = said or FORMS.get(t.lower_) in CONTENT_VERBS and any(c.lower_ == "as" and c.dep_ == "prep"
                                                                for c in t.children)  # "describing the plan as a ..."
    # a subordinator that opens the clause ("When it asked Congress"), or one after a verb that says nothing
    # ("declaring victory as the presumptive nominee"); not a preposition after a verb with a clause or a quote
    # ("saying on Sunday after Barr's announcement that ...")
    return not (t.dep_ == "advcl" and any(c.dep_ == "mark" or c.lower_ in SUBORDINATORS and (c.i < t.i or not said)
                                          for c in t.children))


def _opens(t) -> bool:
    """"He said he did not know the woman ...; she followed him": a reporting verb right after the subject that
    opens the sentence, which the parse hung under a later clause (a ccomp of the root after a semicolon)."""
    subj = next((c for c in t.children if c.dep_ == "nsubj"), None)
    return t.dep_ == "ccomp" and subj is not None and subj.left_edge.i == 0 and t.i - subj.i <= 2 \
        and subj.lower_ not in ("they", "it", "we", "i", "you") \
        and t.head.i > t.i and any(x.text == ";" for x in t.doc[t.i:t.head.i])


def read_doc(doc, mask: list[bool] | None = None, labels: bool = True) -> Found | None:
    """A sentence's own speaker from its parse; None when it reports no one. "according to X" names it, unless
    the sentence opens with or is mostly a quote whose speaker is named ('"...," Gardner said, according to a
    transcript'; a phrase quoted inside a report stays the report's: 'X, according to the filing, "often" lied')."""
    labelled = label(doc, mask) if labels else None
    if labelled is not None:
        return labelled
    according = tags.according(doc, mask)
    opens_quoted = bool(mask) and next((m for ch, m in zip(doc.text, mask or ()) if ch.isalpha()), False)
    if opens_quoted:  # '"...," she said, Breitbart reported': the tag next to the quote
        tagged = tags.quote_tag(doc, mask)
        if tagged is not None:
            return tagged
    if according is not None and not opens_quoted and quote_share(doc.text, mask) < 0.5:
        return according
    verbs = [t for t in doc if t.lower_ in FORMS and t.pos_ in ("VERB", "AUX") and outside_quotes(t, mask)
             and _governs(t, mask)]
    verbs.sort(key=lambda t: (t.dep_ != "ROOT", t.i))
    refused = False
    for verb in verbs:
        base = FORMS[verb.lower_]
        if base in REPORTING_NEEDS_CLAUSE and not _has_clause(verb, mask) \
                or base in CONTENT_VERBS and not (has_content(verb) and can_speak(subject(verb)) and not tags.denied(verb)) \
                or base in NEEDS_CCOMP and not ((any(c.dep_ == "ccomp" for c in verb.children) or any(mask or ()))
                                                and can_speak(subject(verb))):
            continue
        if base == "quote":  # "the agency quoted spokesman Ivan Petrov (as saying)": the person quoted
            quoted = quoted_person(verb)
            if quoted is not None:
                return Found(phrase_of(quoted), kind="person")
            if not _has_clause(verb, mask):  # "The contractor quoted a price": no report
                continue
        if tags.request(verb, mask):  # "the government has asked doctors to come back": an act, the article's
            refused = True
            continue
        subj = subject(verb)
        if verb.dep_ in ("advcl", "conj") and verb.i and doc[verb.i - 1].ent_type_ == "PERSON" \
                and not any(c.dep_ == "nsubj" for c in verb.children):
            named = _name_before(verb, mask)  # "..., trade adviser Tom Reed revealed": the name, not the head's subject
            subj = named if named is not None and named.ent_type_ == "PERSON" else subj
        if subj is None or not outside_quotes(subj, mask):
            subj = _name_before(verb, mask)  # the parse took a word of the quote for the subject
        if subj is None:
            continue
        if subj.lower_ in RESOLVED_PRONOUNS:
            return Found(pronoun=subj.lower_, verb=FORMS[verb.lower_])
        if subj.lower_ in WRITER_PRONOUNS:
            return Found()  # the writer: the article's own voice
        if not speaker_head(subj):  # "Zero for Zeros’ campaign manager Lane Hudson" (the head misread): a person
            people = [e.root for e in doc.ents if e.label_ == "PERSON" and subj.left_edge.i <= e.start
                      and e.end - 1 <= subj.right_edge.i and outside_quotes(e.root, mask) and not _in_clause(e.root, subj)]
            subj = people[-1] if people else None  # the last: the head of a noun phrase ends it
        if subj is not None and speaker_head(subj):
            phrase = phrase_of(subj)
            if phrase:
                return Found(phrase, kind=kind_of(subj))
        refused = True
    stated = statement(doc, mask) or inverted_tag(doc, mask) or tags.aside_tag(doc, mask) or _finding(doc, mask) \
        or tags.words_of(doc, mask) or tags.medium(doc, mask) or stance(doc, mask)
    if stated is not None:
        return stated
    if according is not None:
        return according
    # a law, a time or a number "says": the article quotes it in its own voice (no speaker carried over to it)
    return Found() if refused else None


def _finding(doc, mask) -> Found | None:
    """"A recent YouGov poll found 40 percent of voters support ...": a poll, survey or study that finds a clause."""
    for verb in doc:
        if verb.lower_ in FINDING_VERBS and outside_quotes(verb, mask) and _governs(verb, mask) \
                and any(c.dep_ == "ccomp" for c in verb.children):
            subj = subject(verb)
            if subj is not None and subj.lower_ in FINDING_NOUNS and outside_quotes(subj, mask):
                return Found(phrase_of(subj), kind="org")
    return None


def _in_clause(tok, top) -> bool:
    """Whether ``tok`` sits in a clause under ``top`` ("one of the pastors who had come to listen to Rubio")."""
    while tok.i != top.i and tok.head.i != tok.i:
        if tok.dep_ in ("relcl", "acl", "advcl", "ccomp", "xcomp"):
            return True
        tok = tok.head
    return False


def read(sentences: Sequence, nlp, batch_size: int = 64) -> list[str | None]:
    """Per sentence (objects with ``text``, ``paragraph``, ``heading``, ``caption``), its speaker: a phrase, ""
    for the article's own voice, or None where the parse has no reading (the caller's rules decide)."""
    sents = [_Sent(s.text, s.paragraph, bool(s.heading or s.caption)) for s in sentences]
    paras: dict[int, list[_Sent]] = {}
    for s in sents:
        paras.setdefault(s.paragraph, []).append(s)
    order = sorted(paras)
    starts_inside = False
    for n, p in enumerate(order):
        nxt = paras[order[n + 1]] if n + 1 < len(order) else []
        # the next paragraph goes on with the quote: it reopens with a mark, or its first mark closes the quote
        reopens = bool(nxt) and opens_quote(nxt[0].text)
        closes = bool(nxt) and closes_first(" ".join(s.text for s in nxt))
        for s, (mask, start, end) in zip(paras[p], paragraph_masks([s.text for s in paras[p]], reopens or closes,
                                                                   starts_inside)):
            s.mask, s.inside_start, s.inside_end = mask, start, end
        starts_inside = closes and paras[p][-1].inside_end
    for s in sents:
        s.considered = not s.skip and (s.inside_start or has_cue(s.text))
    # parsed: the sentences with a cue, and those that open with a transcript's label ("TRUMP: ...")
    todo = [s for s in sents if s.considered and _needs_parse(s) or not s.skip and LABEL.match(s.text)]
    for s, doc in zip(todo, nlp.pipe([for_parse(s.text) for s in todo], batch_size=batch_size)):
        s.doc = doc
        s.found = read_doc(doc, s.mask) if s.considered else label(doc, s.mask)
    if any(s.found is not None and s.found.label for s in todo):
        others = "\n".join(s.text for s in sents if not LABEL.match(s.text))
        for s in todo:
            if s.found is not None and s.found.label and not confirmed(s.text, s.found.phrase, others):
                s.found = read_doc(s.doc, s.mask, labels=False) if s.considered else None
    for s in todo:  # a label-shaped opening with no speaker's label leaves the sentence to the rules
        s.considered = s.considered or s.found is not None
    tags.signed(sents)
    for k, run in enumerate(_runs(sents)):
        sents[k].run = run
    _parseantecedents(sents, nlp, batch_size)
    return _assign(sents)


def _parseantecedents(sents: list[_Sent], nlp, batch_size: int) -> None:
    """Parse the sentences before a pronoun speaker that were not parsed for their own cue."""
    need = set()
    for i, s in enumerate(sents):
        if s.found and s.found.pronoun:
            need |= {j for j in pronouns.reach(sents, i, s.found.pronoun) if sents[j].doc is None and not sents[j].skip}
    order = sorted(need)
    for j, doc in zip(order, nlp.pipe([for_parse(sents[j].text) for j in order], batch_size=batch_size)):
        sents[j].doc = doc


def _runs(sents: list[_Sent]) -> list[int]:
    """Per sentence, the index of the first sentence of its quotation (itself when it starts none)."""
    out: list[int] = []
    for i, s in enumerate(sents):
        prev = sents[i - 1] if i else s  # (over a paragraph break: the one before ends inside, this one reopens)
        over = prev.paragraph != s.paragraph and prev.inside_end and (opens_quote(s.text) or s.inside_start)
        out.append(out[i - 1] if i and (s.inside_start and prev.paragraph == s.paragraph or over) else i)
    return out


def _all_quote(s: _Sent) -> bool:
    return quote_share(s.text, s.mask) >= 0.8


def _assign(sents: list[_Sent]) -> list[str | None]:
    """One pass in reading order: each sentence's own speaker (a pronoun resolved against what is already
    assigned before it), then its quotation's (filled back over the quotation's earlier sentences), then, for a
    sentence that is all quote, the speaker of the sentences just before."""
    run_of = [s.run for s in sents]
    text = "\n".join(s.text for s in sents)  # the article, joined once for every pronoun in it
    got: list[Any] = [None] * len(sents)  # (speaker, kind) or None; ("", "") the article's voice
    run_speaker: dict[int, tuple[str, str]] = {}
    carried: set[int] = set()  # sentences that took the last speaker over: a guess the quotation's own name beats
    last, last_at = ("", ""), -10
    for i, s in enumerate(sents):
        if s.skip:
            got[i] = ("", "")
            continue
        f = s.found
        if f is not None:
            got[i] = pronouns.resolve(f.pronoun, i, sents, got, text) if f.pronoun else (f.phrase, f.kind)
        quoted = s.inside_start or s.inside_end or any(s.mask or [])
        if got[i] and got[i][0] and quoted and run_of[i] not in run_speaker:
            run_speaker[run_of[i]] = got[i]
            for j in range(run_of[i], i):  # the quotation's earlier sentences, which named no one
                if not (got[j] and got[j][0]) or got[j][0] == UNNAMED or j in carried:
                    got[j] = got[i]
        if not (got[i] and got[i][0]) and quoted and run_of[i] in run_speaker:
            got[i] = run_speaker[run_of[i]]
        said_by_none = f is not None and not f.phrase and not f.pronoun  # "I told him", "The Act says"
        if not (got[i] and got[i][0]) and s.considered and _all_quote(s) and not said_by_none:
            tag = _next_tag(sents, i)
            for j in range(run_of[i], i) if tag else ():  # the quotation's earlier sentences: the tag's too
                if sents[j].found is None:
                    got[j] = tag
            got[i] = tag or (last if last[0] and i - last_at <= RECENT else (UNNAMED, ""))
            if not tag and got[i] == last:
                carried.add(i)
        if got[i] is None and s.considered:
            got[i] = ("", "")
        if got[i] and got[i][0]:
            last, last_at = got[i], i
    return [g[0] if g is not None else None for g in got]


def _next_tag(sents: list[_Sent], i: int) -> tuple[str, str] | None:
    """The speaker named by a short tag after a quote ('"... the United States?"' / 'Bishara asked.')."""
    j = i + 1
    found = sents[j].found if j < len(sents) else None
    alone = j + 1 >= len(sents) or sents[j + 1].paragraph != sents[j].paragraph  # a paragraph of its own
    if found is not None and (sents[j].paragraph == sents[i].paragraph or alone and sents[j].paragraph == sents[i].paragraph + 1) \
            and found.phrase and len(sents[j].text.split()) <= 8 and not any(sents[j].mask or []):
        return found.phrase, found.kind
    return None
