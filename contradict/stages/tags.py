"""Speakers named by the shape of a sentence rather than by a reporting verb's subject (issue 40, third round):
a transcript's label ("TRUMP: ...", "Story highlights Jane Doe: ..."), an inverted tag the parse hung on the
name ('"...," tweeted editor Jane Doe'), a statement issued by someone ("X issued a statement saying ..."), a verb
of saying "in a statement" or "in an interview" (:func:`medium`), "according to X" (:func:`according`), "in the
words of X" (:func:`words_of`), and the person asked who answers ('X asked Trump ...' / '"...," he replied').
:mod:`contradict.stages.speakers` calls these when its reporting-verb reading finds nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from contradict.stages.speech import (
    FORMS,
    ISSUING_FORMS,
    MEDIUM_FORMS,
    can_speak,
    has_content,
    kind_of,
    outside_quotes,
    phrase_of,
    quoted_person,
    speaker_head,
)
from contradict.words import (
    ACT_MEDIUM_NOUNS,
    CONTENT_VERBS,
    MEDIUM_NOUNS,
    NOT_LABELS,
    NOT_SPEAKER_HEADS,
    RESOLVED_PRONOUNS,
    STATEMENT_NOUNS,
    STATEMENT_PARTICIPLES,
)

# a speaker's label before a colon, as in a transcript ("TRUMP: Maybe ...", "Story highlights Jane Doe: ..."):
# up to 50 characters from the sentence's start to a capitalised word, a colon and a space
LABEL = re.compile(r"^\s*(?:[A-Z][^:\"“”\n]{0,50}?\s)?[A-Z][\w.'’-]*:\s+\S")
CAPS_LABEL = re.compile(r"^(\s*)([A-Z][A-Z.'’ -]{1,30}[A-Z])(?=:\s)")  # "TRUMP:", parsed as "Trump:"
LABEL_REACH = 8  # tokens before the colon of a speaker's label
TAG_REACH = 6  # tokens after an inverted tag's verb to the name
_PLACES = {"GPE", "LOC", "FAC", "NORP", "DATE", "TIME"}  # a dateline's label ("LONDON:") is no speaker
QUOTE_TAG_REACH = 8  # tokens after a quotation's close to the verb of its tag
TAG_ONLY = {"continued", "continues"}  # a quotation's tag, not a report elsewhere ('"...," he continued')
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# an embedded post's signature: "— Jane Doe (@janedoe) January 18, 2019" (a dash, a name, a handle, a date)
SIGNATURE = re.compile(r"(?:[—–]|--?)\s*([A-Z][^()\n—–]{1,60}?)\s*\(@\w{1,20}\)\s*(?:on\s+)?(?:" + _MONTHS
                       + r")\.?\s+\d{1,2},\s+\d{4}")
_OWN_CLAUSE = {"ccomp", "xcomp", "dobj", "parataxis"}
POST_SENTENCES = 6  # a paragraph this long before a signature is more than the post it ends
SIGNED_REACH = 3  # sentences of such a paragraph a signature signs


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
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":  # "X raised eyebrows by claiming that ...": X
        return subject(verb.head.head)
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
        if verb.lower_ not in FORMS or FORMS[verb.lower_] in CONTENT_VERBS or not outside_quotes(verb, mask) or verb.i < 2 \
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


def _statement_object(tok) -> bool:
    """A statement noun as the object of the sentence's main verb ("issued a statement")."""
    return (tok.lower_ in STATEMENT_NOUNS or tok.lower_[:-1] in STATEMENT_NOUNS) and tok.dep_ == "dobj" \
        and tok.head.dep_ == "ROOT"


def _issued(tok) -> bool:
    """A statement object its subject issued ("released a statement", not "ignored a report", "read a report")."""
    return _statement_object(tok) and tok.head.lower_ in ISSUING_FORMS


def _participle(tok) -> bool:
    """A statement's participle; "calling" only for something ("calling for"), not "calling back two million cars"."""
    return tok.lower_ in STATEMENT_PARTICIPLES and (tok.lower_ != "calling" or any(
        c.dep_ in ("oprd", "xcomp") or c.lower_ == "for" for c in tok.children))


def statement(doc, mask) -> Found | None:
    """"The companies issued a statement saying ...", "Harris released a statement that Republicans want ...", "The
    White House issued a statement on Sunday while Trump was at his club saying ..." (the participle hung on a
    later word): the subject of the verb whose object is the statement."""
    for tok in doc:
        noun = tok.head
        if _participle(tok) and outside_quotes(tok, mask) and tok.dep_ in ("acl", "advcl"):
            # the statement it hangs on, or an issued statement a few words before it
            noun = noun if _statement_object(noun) else next(
                (t for t in reversed(doc[max(0, tok.i - 15):tok.i]) if _issued(t)), None)
        elif _issued(tok) and any(c.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" and m.dep_ == "mark"
                                                                      for m in c.children)
                                  and any(m.dep_ == "nsubj" for m in c.children) for c in tok.children):
            noun = tok  # "released a statement that Republicans want ...", not "found a note that he had left"
        else:
            continue
        if noun is not None and outside_quotes(noun, mask):
            subj = subject(noun.head)
            if subj is not None and outside_quotes(subj, mask):
                if subj.lower_ in RESOLVED_PRONOUNS:
                    return Found(pronoun=subj.lower_)
                if speaker_head(subj) and phrase_of(subj):
                    return Found(phrase_of(subj), kind=kind_of(subj))
    return None


def medium(doc, mask) -> Found | None:
    """"In a statement later in the day, the first lady, Melania Trump, questioned Ms. Griffin's sanity": the subject
    of the main verb that speaks "in" or "during" a statement, an interview, a column (``words.STATEMENT_NOUNS``,
    ``words.MEDIUM_NOUNS``), when the verb says something: a verb of saying (``words.MEDIUM_VERBS``, a reporting
    verb, a speech act) with an object or a clause, or a verb whose object a colon follows ("Dowd brought out a new
    defense: ..."); not an act done there ("Brat celebrated his victory in a phone interview"), nor a negated verb
    ("did not address")."""
    for tok in doc:
        prep, verb = tok.head, tok.head.head
        saying_only = tok.lower_ in ACT_MEDIUM_NOUNS  # "in a video", "at a news conference": people also act there
        if (tok.lower_ in MEDIUM_NOUNS or tok.lower_ in STATEMENT_NOUNS or saying_only) and tok.dep_ == "pobj" and prep.lower_ in ("in", "during") \
                and outside_quotes(tok, mask) and verb.dep_ == "ROOT" and verb.pos_ == "VERB" \
                and outside_quotes(verb, mask) and has_content(verb) \
                and not any(c.dep_ == "neg" for c in verb.children) \
                and (verb.lower_ in MEDIUM_FORMS or verb.lower_ in FORMS or not saying_only and _colon_after_object(verb)):
            subj = subject(verb)
            if subj is None or not outside_quotes(subj, mask):
                return None
            found = spoken_by(subj)
            if found is not None:
                return found
    return None


def spoken_by(subj, verb: str = "") -> Found | None:
    """Who a subject a reading found speaks for: a pronoun to resolve, else a phrase that can speak, else None."""
    if subj.lower_ in RESOLVED_PRONOUNS:
        return Found(pronoun=subj.lower_, verb=verb)
    if speaker_head(subj) and can_speak(subj) and phrase_of(subj):
        return Found(phrase_of(subj), kind=kind_of(subj))
    return None


def _colon_after_object(verb) -> bool:
    """"brought out a new defense: ...": a colon right after the verb's object opens what it says."""
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        return False
    # a colon in the object's phrase ("made the case that the state must fix two problems: ..."), right after it, or
    # right after its words before a clause the parse hung on it ("a new defense: Trump isn't guilty ...")
    near = max([obj.i] + [c.right_edge.i for c in obj.children if c.i < obj.i + 4 and c.dep_ not in ("acl", "relcl")])
    ends = {obj.right_edge.i + 1, near + 1}
    return any(t.text == ":" for t in obj.subtree) or any(e < len(verb.doc) and verb.doc[e].text == ":" for e in ends)


def words_of(doc, mask) -> Found | None:
    """"..., in the words of union leader Carla Diaz": a person or an organisation, when no reporting verb names a
    speaker ("Smith said the plan was, in the words of his late father, a waste": Smith)."""
    for tok in doc:
        if tok.lower_ == "words" and tok.head.lower_ == "in" and outside_quotes(tok, mask):
            of = next((c for c in tok.children if c.lower_ == "of"), None)
            obj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
            if obj is not None and speaker_head(obj) and can_speak(obj) and not any(
                    c.dep_ == "poss" and c.lower_ in ("his", "her", "their") for c in obj.children):
                return Found(phrase_of(obj), kind=kind_of(obj))
    return None


def according(doc, mask) -> Found | None:
    """"according to X": a name, an organisation or a source noun ("according to the filing")."""
    for tok in doc:
        if tok.lower_ == "according" and outside_quotes(tok, mask):
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            if to is None and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                to = doc[tok.i + 1]
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if obj is not None and (speaker_head(obj) or obj.pos_ == "NOUN" and obj.lower_ not in NOT_SPEAKER_HEADS):
                return Found(phrase_of(obj), kind=kind_of(obj))
    return None


def denied(verb) -> bool:
    """A speech act that did not happen: "has not criticized", "Neither the president nor his aides have condemned"."""
    subj = subject(verb)
    first = subj.left_edge if subj is not None else None
    return any(c.dep_ == "neg" for c in verb.children) \
        or first is not None and first.lower_ in ("neither", "no", "none", "nobody", "nothing") \
        and not (first.i + 1 < len(first.doc) and first.doc[first.i + 1].text == "-")  # not "No-nonsense"


def request(verb, mask) -> bool:
    """A request or an order, not a report: someone asked, told or urged to do something, nothing quoted."""
    deps = {c.dep_ for c in verb.children}
    return "xcomp" in deps and bool(deps & {"dobj", "dative"}) and not deps & {"ccomp", "parataxis"} \
        and not (mask and any(mask))


def asked(doc, mask) -> tuple[str, str] | None:
    """The person asked in a sentence ("Jiang asked Trump about ..."): who a "he replied" right after stands for."""
    for tok in doc:
        if FORMS.get(tok.lower_) == "ask" and outside_quotes(tok, mask):
            obj = next((c for c in tok.children if c.dep_ in ("dobj", "dative")), None)
            if obj is not None and speaker_head(obj) and kind_of(obj) in ("person", "name"):
                return phrase_of(obj), kind_of(obj)
    return None


def signature(text: str) -> str | None:
    """The author an embedded post signs with ("... — Jane Doe (@janedoe) January 18, 2019"), or None."""
    m = SIGNATURE.search(text)
    return m.group(1).strip() if m else None


def _reading(subj, verb) -> Found | None:
    if subj.lower_ in RESOLVED_PRONOUNS:
        return Found(pronoun=subj.lower_, verb=FORMS.get(verb.lower_, verb.lower_))
    if speaker_head(subj) and phrase_of(subj):
        return Found(phrase_of(subj), kind=kind_of(subj))
    return None


def quote_tag(doc, mask) -> Found | None:
    """In a sentence that opens with a quotation, the tag right after it: '"...," she said, Breitbart reported'
    is hers (the outer report only passes her words on); the tag's subject stands between the quote and the verb."""
    if not mask:
        return None
    close = next((t.i for t in doc if t.i and outside_quotes(t, mask) and not outside_quotes(doc[t.i - 1], mask)
                  and t.text.strip()), None)
    if close is None:
        return None
    for verb in doc[close:close + QUOTE_TAG_REACH]:
        if (verb.lower_ in FORMS or verb.lower_ in TAG_ONLY) and verb.pos_ in ("VERB", "AUX") and outside_quotes(verb, mask) \
                and (FORMS.get(verb.lower_) not in CONTENT_VERBS or has_content(verb)):
            quoted = quoted_person(verb)  # '"...," the agency quoted spokesman Ivan Petrov': his words
            if quoted is not None:
                return Found(phrase_of(quoted), kind="person")
            subj = next((c for c in verb.children if c.dep_ == "nsubj" and close <= c.i < verb.i), None)
            return _reading(subj, verb) if subj is not None else None
    return None


def aside_tag(doc, mask) -> Found | None:
    """A tag set off by a comma that the parse hung inside the sentence: "Mr. Rubio, he recalled, put ..." (a
    parenthesis) or "Trump will give a speech ..., adviser H.R. McMaster revealed on Tuesday." (at the end): a
    reporting verb with no clause or object of its own, its subject right after a comma."""
    for verb in doc:
        if verb.lower_ not in FORMS or FORMS[verb.lower_] in CONTENT_VERBS or verb.pos_ not in ("VERB", "AUX") \
                or not outside_quotes(verb, mask) or any(c.dep_ in _OWN_CLAUSE for c in verb.children):
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
        if subj is None or not outside_quotes(subj, mask):
            continue
        start = subj.i  # the name's words up to its head, as phrase_of reads them
        while start > 0 and doc[start - 1] in subj.subtree and doc[start - 1].text not in ",;:()":
            start -= 1
        if start == 0 or doc[start - 1].text != ",":
            continue
        aside = verb.i + 1 < len(doc) and doc[verb.i + 1].text == ","
        last = max(t.i for t in verb.subtree)
        final = last >= len(doc) - 2 and all(t.dep_ in ("prep", "pobj", "punct", "npadvmod", "advmod", "det", "compound",
                                                        "amod", "nsubj") or t.i <= verb.i for t in verb.subtree)
        if aside or final:
            return _reading(subj, verb)
    return None


def signed(sents: list) -> None:
    """An embedded post's signature ("... — Jane Doe (@janedoe) January 18, 2019") names the author of its
    sentence and of those before it in its paragraph; a signature that opens its paragraph signs the paragraph
    before too, when that one names no speaker (a post whose lines the scrape split)."""
    for i, s in enumerate(sents):
        name = signature(s.text)
        if not name:
            continue
        s.skip = False  # (a short last paragraph that reads as a heading)
        para = [j for j in range(i - 1, -1, -1) if sents[j].paragraph == s.paragraph]
        opens = not para  # the signature opens its paragraph
        if len(para) >= POST_SENTENCES:  # a long paragraph (or a scrape with no paragraphs): the post is the
            para = para[:SIGNED_REACH]  # few sentences before the signature that name no speaker of their own
            para = para[:next((n for n, j in enumerate(para) if sents[j].found is not None), len(para))]
        block = [i, *para]
        first = block[-1]
        if opens and first > 0:
            before = [j for j in range(first - 1, -1, -1) if sents[j].paragraph == sents[first - 1].paragraph]
            if not any(sents[j].skip or sents[j].found is not None and (sents[j].found.phrase or sents[j].found.pronoun)
                       for j in before):
                block += before
        for j in block:
            sents[j].found, sents[j].considered = Found(name, kind="person"), True
