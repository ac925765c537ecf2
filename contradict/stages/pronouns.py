"""What a reported "he", "she", "it" or "they" stands for (issue 40): the person asked who answers, a subject earlier
in its own sentence, a speaker or subject of the sentences just before (over a chain of sentences that call the same
man "he"), a person named in another role, a name the article calls "he", else the article's last fitting speaker.
:mod:`contradict.stages.speakers` calls :func:`resolve` on sentences it parsed (objects with ``text``, ``paragraph``,
``doc``, ``mask`` and ``found``), with what it has assigned before (``got``: (phrase, kind) per sentence).
"""

from __future__ import annotations

import re

from contradict.stages.speech import antecedents, gender, outside_quotes, phrase_of, same_gender
from contradict.stages.tags import asked
from contradict.words import ANSWER_VERBS, TITLE_FORMS, US_STATES

UNNAMED = "an unnamed source"
PRONOUN_REACH = 2  # sentences before a pronoun searched for its antecedent (then the article's speakers)
SUBJECT_REACH = 6  # sentences before a pronoun whose subjects it may stand for when they were parsed anyway
NAMED_REACH = 8  # sentences before a "he"/"she" read as a description searched for the person it names
_GENDER = {"he": "m", "she": "f"}
_FITS = {"he": {"person", "name"}, "she": {"person", "name"}, "it": {"org", "name"}, "they": {"group", "org"}}


def resolve(pronoun: str, i: int, sents: list, got, text: str) -> tuple[str, str]:
    """What "he", "she", "it", "they" stands for; a description ("the candidate") by the person it names. ``text``:
    the article (its sentences joined), where names and genders are looked up."""
    prev, own = sents[i - 1] if i else None, sents[i].found
    if pronoun in ("he", "she") and own is not None and own.verb in ANSWER_VERBS and prev is not None \
            and prev.doc is not None and prev.paragraph >= sents[i].paragraph - 1:
        person = asked(prev.doc, prev.mask)  # '"X asked Trump ..." / '"...," he replied': the person asked
        if person is not None:
            return person
    phrase, kind = _antecedent(pronoun, i, sents, got, text)
    if pronoun in ("he", "she") and kind in ("person", "name"):
        phrase, kind = same_gender(pronoun, i, sents, got, (phrase, kind), NAMED_REACH, UNNAMED, text)
    if pronoun in ("he", "she") and _description(phrase):
        for j in range(i - 1, max(-1, i - 1 - NAMED_REACH), -1):
            if got[j] and got[j][0] and got[j][1] in ("person", "name") and not _description(got[j][0]) \
                    and got[j][0] != UNNAMED:
                return got[j]
        titled = _titled(phrase, text, pronoun)
        if titled:
            return titled, "person"
    return phrase, kind


def _titled(description: str, text: str, pronoun: str) -> str:
    """The one person the article names with the description's role as a title ("the governor" -> "Paul LePage"
    when the article says "Gov. Paul LePage" and names no other governor), else "". Only a bare description ("the
    governor", "the former governor"; not "the vice president", "the press secretary"), a title with no capitalised
    word before it ("Vice President Mike Pence", "Lt. Gov. Dan Patrick", "Planned Parenthood President Cecile
    Richards" name no president or governor), a name of the pronoun's gender."""
    words = description.lower().split()
    forms = TITLE_FORMS.get(words[-1]) if words[:1] == ["the"] and len(words) <= 3 and \
        (len(words) == 2 or words[1] == "former") else None
    if not forms:
        return ""
    names = _title_names(forms, text)
    surnames = {n.split()[-1] for n in names}
    if len(surnames) != 1 or gender(names[0], text) not in ("", _GENDER[pronoun]):
        return ""
    return names[0]


def _title_names(forms, text: str) -> list[str]:
    """The names the article gives after one of the title ``forms``, with no capitalised word before the title but a
    state's name."""
    out = []
    for m in re.finditer(r"\b(?:" + "|".join(forms) + r")\.?\s+((?:[A-Z][\w’'-]+\s+){0,2}[A-Z][\w’'-]+)", text):
        before = (text[:m.start()].split()[-1:] or [""])[0].strip(",.;:")
        if not before[:1].isupper() or before.lower() in US_STATES:  # "Maine Gov. Paul LePage"
            out.append(m.group(1))
    return out


def _clause_person(s, pron) -> tuple[str, str] | None:
    """The person subject of a clause before a "he" / "she" in its own sentence ("When Mr. Bush released his
    returns, he said"), not the one the clause does something to ("After the judge ruled against him, he said"),
    nor a vocative or an aside's topic."""
    for t in s.doc[:pron.i]:
        if t.dep_ == "nsubj" and t.head.dep_ == "advcl" and t.ent_type_ == "PERSON" and outside_quotes(t, s.mask) \
                and not any(x.lower_ in ("him", "her") and x.dep_ in ("dobj", "pobj", "dative") for x in t.head.subtree) \
                and not any(x.lower_ in ("his", "her") for x in t.subtree):
            return phrase_of(t), "person"
    return None


def _chained(s, pronoun: str) -> bool:
    """Whether a sentence's first subject is ``pronoun`` ("He has used the word ... on Twitter"): it speaks of the
    same person, and the names in it are no antecedent ("Trump knows ... or at least he once did" is not)."""
    first = next((t for t in s.doc if t.dep_ in ("nsubj", "nsubjpass") and outside_quotes(t, s.mask)), None) \
        if s.doc is not None else None
    return first is not None and first.lower_ == pronoun


_PRONOUN_WORD = {"he": re.compile(r"\b(?:he|his|him)\b", re.I), "she": re.compile(r"\b(?:she|her)\b", re.I)}


def before_quote(sents: list, i: int) -> int:
    """The sentence searched first for what the pronoun of sentence ``i`` stands for: the one before it; when the
    pronoun tags a quotation that began sentences earlier ('“Congress didn’t ask for a summary.' / '... The American
    people deserve to see the full report,” she wrote'), the last of its sentences that names its own speaker ('“...,”
    said Tom Smith, “... Nobody can stop us,” he added'), else its first sentence when it opens outside the quote
    ('Mary Lee was blunt: “...'), else the sentence before it: the names inside a quote are the speaker's words, not
    who "she" is."""
    run = getattr(sents[i], "run", i)
    if run < 0 or run >= i:
        return i - 1
    for j in range(i - 1, run - 1, -1):
        found = sents[j].found
        if found is not None and (found.phrase or found.pronoun):
            return j
    first = sents[run]
    opens_outside = next((not m for ch, m in zip(first.text, first.mask or ()) if ch.isalpha()), False)
    return run if opens_outside else run - 1


def reach(sents: list, i: int, pronoun: str) -> list[int]:
    """The sentences before sentence ``i`` searched for what its pronoun stands for: the ``PRONOUN_REACH`` before
    it (before its quotation), and for "he" / "she" on over sentences that use the same pronoun (a chain: "Trump’s
    grandiosity ..." / "..., he casts himself ..." / "..., he said"), up to ``NAMED_REACH``."""
    out: list[int] = []
    top = before_quote(sents, i)
    j = top
    while j >= 0 and top - j < NAMED_REACH:
        if sents[j].paragraph < sents[top + 1].paragraph - 1 and out:
            break
        out.append(j)
        if top - j + 1 >= PRONOUN_REACH and not (pronoun in ("he", "she") and _PRONOUN_WORD[pronoun].search(sents[j].text)):
            break
        j -= 1
    return out


def _description(phrase: str) -> bool:
    """"The candidate", "the presumptive Republican nominee": a definite description, not a name."""
    words = phrase.split()
    return len(words) >= 2 and words[0].lower() in ("the", "this", "that") and words[-1].islower()


def _antecedent(pronoun: str, i: int, sents: list, got, text: str) -> tuple[str, str]:
    """What "he", "she", "it", "they" stands for: a fitting subject earlier in the sentence ("it", "they"), else
    sentence by sentence back, a speaker already assigned there, then (for "he", "she") a fitting subject;
    else the article's last fitting speaker."""
    fits = _FITS[pronoun]
    s = sents[i]
    pron = next((t for t in s.doc if t.lower_ == pronoun and t.dep_ == "nsubj"), None) if s.doc is not None else None
    if pronoun in ("it", "they") and s.doc is not None:  # "After the council passed its budget, it said"
        for phrase, kind in antecedents(s.doc, s.mask, before=pron.i if pron is not None else 0):
            if kind in fits:
                return phrase, kind
    if pronoun in ("he", "she") and pron is not None:  # "When Mr. Bush released his returns, he said:"
        own = _clause_person(s, pron)
        if own is not None:
            return own
    top = before_quote(sents, i)
    near = range(top, max(-1, top - PRONOUN_REACH), -1)
    if pronoun in ("it", "they"):  # "it said": an organisation quoted before, more than the last subject
        for j in near:
            if got[j] and got[j][0] and got[j][1] in fits:
                return got[j]
    for j in near:
        if got[j] and got[j][0] and got[j][1] in fits:
            return got[j]
        if sents[j].doc is not None:
            for phrase, kind in antecedents(sents[j].doc, sents[j].mask, text=text):
                if kind in fits:
                    return phrase, kind
    if pronoun in ("he", "she"):
        for j in reach(sents, i, pronoun):  # a person named in another role ("the report on Hale's campaign ... he
            doc = sents[j].doc  # wrote"), or a name the article calls "he" ("Trump’s grandiosity ... he said"), over
            if doc is None or _chained(sents[j], pronoun):  # sentences whose own subject is the same pronoun
                continue
            people = [(e.end, e.text) for e in doc.ents if e.label_ == "PERSON" and outside_quotes(e.root, sents[j].mask)]
            people += [(t.i + 1, t.text) for t in doc if t.text[:1].isupper() and t.dep_ in ("poss", "nsubj")
                       and (t.pos_ == "PROPN" or t.pos_ == "NOUN" and t.tag_ == "NN") and not t.ent_type_ == "PERSON"
                       and outside_quotes(t, sents[j].mask) and gender(t.text, text) == _GENDER[pronoun]]
            if people:  # the last named in the sentence ("Police said he ...": no "he" for a plural noun)
                return max(people)[1].removesuffix("’s").removesuffix("'s"), "person"
    for j in range(top, -1, -1):  # the article's last fitting speaker, or subject of a sentence parsed already
        if got[j] and got[j][0] and got[j][1] in fits:
            return got[j]
        if sents[j].doc is not None and j >= top + 1 - SUBJECT_REACH:
            for phrase, kind in antecedents(sents[j].doc, sents[j].mask, text=text):
                if kind in fits:
                    return phrase, kind
    return UNNAMED, ""
