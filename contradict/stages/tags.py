"""Speakers named by the shape of a sentence rather than by a reporting verb's subject (issue 40, third round):
a transcript's label ("TRUMP: ...", "Story highlights Jane Doe: ..."), an inverted tag the parse hung on the
name ('"...," tweeted editor Jane Doe'), a statement issued by someone ("X issued a statement saying ..."), and
the person asked who answers ('X asked Trump ...' / '"...," he replied'). :mod:`contradict.stages.speakers`
calls these when its reporting-verb reading finds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from contradict.stages.speech import FORMS, kind_of, outside_quotes, phrase_of, speaker_head
from contradict.words import NOT_LABELS, RESOLVED_PRONOUNS, STATEMENT_NOUNS, STATEMENT_PARTICIPLES

# a speaker's label before a colon, as in a transcript ("TRUMP: Maybe ...", "Story highlights Jane Doe: ..."):
# up to 50 characters from the sentence's start to a capitalised word, a colon and a space
LABEL = re.compile(r"^\s*(?:[A-Z][^:\"“”\n]{0,50}?\s)?[A-Z][\w.'’-]*:\s+\S")
CAPS_LABEL = re.compile(r"^(\s*)([A-Z][A-Z.'’ -]{1,30}[A-Z])(?=:\s)")  # "TRUMP:", parsed as "Trump:"
LABEL_REACH = 8  # tokens before the colon of a speaker's label
TAG_REACH = 6  # tokens after an inverted tag's verb to the name
_PLACES = {"GPE", "LOC", "FAC", "NORP", "DATE", "TIME"}  # a dateline's label ("LONDON:") is no speaker


@dataclass(frozen=True)
class Found:
    """A sentence's own reading: a named speaker (``phrase``), a pronoun to resolve, or nothing."""
    phrase: str = ""
    pronoun: str = ""
    kind: str = ""  # "person", "group" (plural), "org": what a later pronoun may stand for
    verb: str = ""  # the reporting verb of a pronoun ("reply": "he replied" after "X asked Y" is Y)
    label: bool = False  # a transcript label in capitals ("TRUMP:"): a speaker if the article names it elsewhere


def subject(verb):
    """The subject of a reporting verb; of two ("Indian website The Wire reported"), the one next to the verb."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if subjects:
        before = [c for c in subjects if c.i < verb.i]
        return before[-1] if before else subjects[0]
    if verb.dep_ in ("conj", "advcl") and verb.head.i != verb.i:  # "..., adding that", "and said"
        return subject(verb.head)
    before_tok = verb.doc[verb.i - 1] if verb.i else None  # "O’Rielly said": a name the tagger missed
    if verb.dep_ == "ROOT" and before_tok is not None and before_tok.text[:1].isupper() \
            and before_tok.pos_ in ("ADV", "X"):
        return before_tok
    return None


def label(doc, mask) -> Found | None:
    """A transcript's speaker label: a person's name right before a colon near the sentence's start ("Jane Doe:
    ...", "Story highlights Jane Doe: ..."); a label of capitals the recogniser does not type ("TRUMP:") is
    marked for the caller to confirm (:func:`confirmed`)."""
    if not LABEL.match(doc.text):
        return None
    colon = next((t for t in doc[:LABEL_REACH + 1] if t.text == ":"), None)
    if colon is None or colon.i == 0 or not outside_quotes(colon, mask):
        return None
    ent = next((e for e in doc.ents if e.end == colon.i and e.label_ == "PERSON"), None)
    if ent is not None:
        return Found(ent.text, kind="person")
    words = doc[:colon.i]
    if len(words) <= 3 and all(t.is_alpha and t.text[:1].isupper() and t.ent_type_ not in _PLACES for t in words) \
            and words.text.lower() not in NOT_LABELS:
        return Found(words.text, kind="name", label=True)
    return None


def confirmed(text: str, phrase: str, others: str) -> bool:
    """A label ``phrase`` read from capitals ("TRUMP:" as "Trump") is a speaker when the sentence ``text`` had it
    in capitals and the rest of the article (``others``) names it."""
    raw = text.lstrip()[:len(phrase)]
    return raw.isupper() and re.search(r"\b" + re.escape(phrase) + r"\b", others) is not None


def inverted_tag(doc, mask) -> Found | None:
    """'"...," tweeted Huffington Post editor Jane Doe': a reporting verb right after a closing quote that the parse
    hung on the name after it (an adjective of the name): the person named within the next tokens."""
    for verb in doc:
        if verb.lower_ not in FORMS or not outside_quotes(verb, mask) or verb.i < 2 \
                or verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ == "by":  # "“Title,” written by X": an author
            continue
        mark = doc[verb.i - 1] if doc[verb.i - 1].text in "”\"" else doc[verb.i - 2]
        if mark.text not in "”\"" or mark.i < verb.i - 2 or outside_quotes(mark, mask):
            continue
        ent = next((e for e in doc.ents if e.label_ == "PERSON" and verb.i < e.start <= verb.i + TAG_REACH
                    and outside_quotes(e.root, mask)), None)
        if ent is not None and speaker_head(ent.root):
            return Found(phrase_of(ent.root), kind="person")
    return None


def statement(doc, mask) -> Found | None:
    """"The companies issued a statement saying ...": the subject of the verb whose object is the statement."""
    for tok in doc:
        noun = tok.head
        if tok.lower_ in STATEMENT_PARTICIPLES and tok.dep_ == "acl" and outside_quotes(tok, mask) \
                and (noun.lower_ in STATEMENT_NOUNS or noun.lower_[:-1] in STATEMENT_NOUNS) \
                and noun.dep_ == "dobj" and noun.head.dep_ == "ROOT":
            subj = subject(noun.head)
            if subj is not None and outside_quotes(subj, mask):
                if subj.lower_ in RESOLVED_PRONOUNS:
                    return Found(pronoun=subj.lower_)
                if speaker_head(subj) and phrase_of(subj):
                    return Found(phrase_of(subj), kind=kind_of(subj))
    return None


def asked(doc, mask) -> tuple[str, str] | None:
    """The person asked in a sentence ("Jiang asked Trump about ..."): who a "he replied" right after stands for."""
    for tok in doc:
        if FORMS.get(tok.lower_) == "ask" and outside_quotes(tok, mask):
            obj = next((c for c in tok.children if c.dep_ in ("dobj", "dative")), None)
            if obj is not None and speaker_head(obj) and kind_of(obj) in ("person", "name"):
                return phrase_of(obj), kind_of(obj)
    return None
