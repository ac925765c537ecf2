"""The words of a report (issue 40): the forms of the reporting verbs, and who a parsed noun phrase names.

A speaker is a noun phrase that can speak: a name, an organisation, a role or a source, never a time, a number or a
law (``speaker_head``); its words are the phrase up to its head (``phrase_of``); what a later pronoun may stand for
is its kind (``kind_of``: a person, a group, an organisation, or a name the recogniser did not type).
"""

from __future__ import annotations

import re

from contradict.words import (
    CONTENT_VERBS,
    DATE_WORDS,
    FINDING_NOUNS,
    HONORIFICS,
    INDEFINITE_SPEAKERS,
    ISSUING_VERBS,
    MEDIUM_VERBS,
    NOT_GIVEN_NAMES,
    NOT_SPEAKER_HEADS,
    NOT_SPEAKER_LABELS,
    ORG_HEAD_WORDS,
    PERSON_NOUNS,
    REPORTING_IRREGULAR,
    REPORTING_VERBS,
    STATEMENT_NOUNS,
    TITLE_FORMS,
)
from contradict.words.speakers import FEMALE_WORDS, MALE_WORDS


def _inflections(verb: str) -> set[str]:
    """say -> says, saying, sayed (harmless); deny -> denies, denied, denying; argue -> argues, argued, arguing."""
    out = {verb, verb + "s", verb + "ing"}
    if verb.endswith("e"):
        out |= {verb + "d", verb[:-1] + "ing"}
    elif verb.endswith("y") and verb[-2] not in "aeiou":
        out |= {verb[:-1] + "ies", verb[:-1] + "ied"}
    else:
        out.add(verb + "ed")
    if verb.endswith(("s", "sh", "ch", "x")):
        out.add(verb + "es")
    return out


def forms_of(verbs, irregular: dict[str, str] | None = None) -> dict[str, str]:
    """Each inflected form of ``verbs`` -> its base form, with the ``irregular`` forms."""
    return {**{f: v for v in sorted(verbs) for f in _inflections(v)}, **(irregular or {})}


FORMS: dict[str, str] = forms_of(REPORTING_VERBS | CONTENT_VERBS, REPORTING_IRREGULAR)
# the forms of the verbs that issue a statement (``words.ISSUING_VERBS``)
ISSUING_FORMS = forms_of(ISSUING_VERBS, {"wrote": "write", "written": "write", "sent": "send", "put": "put",
                                         "posted": "post"})
# the forms of the verbs that say something in a statement or an interview (``words.MEDIUM_VERBS``)
MEDIUM_FORMS = forms_of(MEDIUM_VERBS, {"ripped": "rip", "ripping": "rip"})


def has_content(verb) -> bool:
    """What a speech act (``words.CONTENT_VERBS``) reports: an object or a clause; "call" only with "for" or a
    predicate that is no name ("called for unity", "called him a liar"; not "called the baby Ann")."""
    deps = {c.dep_ for c in verb.children}
    if FORMS.get(verb.lower_) == "call":
        return any(c.dep_ == "oprd" and c.pos_ != "PROPN" for c in verb.children) \
            or any(c.dep_ == "prep" and c.lower_ == "for" for c in verb.children)
    return bool(deps & {"dobj", "ccomp"})


def quoted_person(verb):
    """The person a "quote" verb quotes ("the agency quoted spokesman Ivan Petrov (as saying)"), or None."""
    if FORMS.get(verb.lower_) != "quote":
        return None
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    return obj if obj is not None and kind_of(obj) == "person" and speaker_head(obj) else None


def can_speak(subj) -> bool:
    """Whether the subject of a speech act can speak: a person, an organisation or a people, a role or a group
    ("the senators"), a report, a study or a statement, or he / she / they; not "High unemployment", "The forecast",
    "The mural", "it"."""
    if subj is None:
        return False
    if subj.lower_ in ("he", "she", "they") or subj.lower_ in FINDING_NOUNS or subj.lower_ in STATEMENT_NOUNS:
        return True
    return subj.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or subj.lower_ in PERSON_NOUNS \
        or subj.tag_ in ("NNS", "NNPS") and subj.pos_ != "PRON" or subj.pos_ == "PROPN" or _person_in_apposition(subj)


def _person_in_apposition(head) -> bool:
    """A noun phrase a person's name stands beside: "the first lady, Melania Trump"."""
    return any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in head.children)


def kind_of(head) -> str:
    """What a later pronoun may stand for: "person" (he, she), "group" (they), "org" (it, they), "name" (a
    proper name the recogniser did not type: he, she or it)."""
    if head.ent_type_ == "PERSON" or head.lower_ in PERSON_NOUNS or _person_in_apposition(head):
        return "person"
    if head.tag_ in ("NNS", "NNPS") or head.lower_ in INDEFINITE_SPEAKERS:
        return "group"
    if _name_misread(head) and head.head.lower_ in FORMS:  # "Trump conceded", not "Rain fell"
        return "name"
    if head.pos_ != "PROPN" or head.lower_ in ORG_HEAD_WORDS and head.ent_type_ != "PERSON" and (
            head.ent_type_ == "ORG" or any(c.dep_ == "det" for c in head.children)):  # "the Charlotte Lozier
        # Institute" is no "he"; "Gabrielle Union" is a person
        return "org"
    if any(c.dep_ == "appos" and c.lower_ in PERSON_NOUNS for c in head.rights):  # "Munoz, director of ..."
        return "person"
    return "name"  # the small model's entity types are unsure for names ("Cecilia Munoz" read as a place)


def speaker_head(tok) -> bool:
    """Whether a token can head a speaker: a name, an organisation, a role or a source; not a time, a number,
    a law."""
    if tok.like_num or tok.pos_ == "NUM":
        return False
    if tok.ent_type_ in NOT_SPEAKER_LABELS and not _misread_date(tok):
        return False
    if tok.ent_type_ != "PERSON" and (tok.lower_ in NOT_SPEAKER_HEADS or tok.lower_.strip(".") in NOT_SPEAKER_HEADS):
        return False  # ("Shane Day said": a name, not a time)
    if tok.pos_ == "PRON":
        return tok.lower_ in INDEFINITE_SPEAKERS
    return tok.pos_ in ("PROPN", "NOUN", "ADV", "X") or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") \
        or _name_misread(tok)


def _misread_date(tok) -> bool:
    """A proper name the recogniser typed DATE or TIME ("the Minneapolis StarTribune reported"): no date word in
    its entity, no digit."""
    if tok.ent_type_ not in ("DATE", "TIME") or tok.pos_ != "PROPN":
        return False
    ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
    words = [t.lower_.strip(".") for t in (ent if ent is not None else [tok])]
    return not any(w in DATE_WORDS or any(ch.isdigit() for ch in w) for w in words)


def _name_misread(tok) -> bool:
    """A capitalised subject the tagger read as a verb or a bare noun ("Trump conceded", "Trump echoed"): a name
    (not a sentence-opening plural or a noun with a determiner: "Officials said", "The board said")."""
    return (tok.text[:1].isupper() and tok.pos_ in ("VERB", "NOUN") and tok.tag_ in ("NN", "VB", "VBP", "VBZ", "VBD")
            and tok.lower_ not in PERSON_NOUNS and not any(c.dep_ in ("det", "poss", "amod") for c in tok.children))


def phrase_of(head) -> str:
    """The noun phrase a speaker head stands for, without its apposition or clauses: "Sen. Jeff Sessions, the
    Alabama Republican who ..." -> "Sen. Jeff Sessions"; a common noun with a named apposition gives the name
    ("Al Jazeera's analyst, Marwan Bishara," -> "Marwan Bishara")."""
    if (head.pos_ == "NOUN" or any(c.dep_ == "det" for c in head.lefts)) and head.ent_type_ != "PERSON":
        # "Another retiring Republican, Sen. X," (not a name the tagger read as a noun: "Tom O’Halleran, Democrat of")
        for c in head.rights:  # (not a title in quotation marks: "Curtis Wilkie's book “The Fall of ...”")
            if c.dep_ == "appos" and c.pos_ == "PROPN" and head.doc[max(c.left_edge.i - 1, 0)].text not in "“\"" \
                    and c.left_edge.text not in "“\"":
                head = c
                break
    toks = [t for t in head.subtree if t.i <= head.i and t.i >= head.left_edge.i]
    # only the contiguous run ending at the head, inside its own subtree (no clause to its left)
    start = head.i
    while start - 1 >= head.left_edge.i and head.doc[start - 1] in toks and head.doc[start - 1].text not in ",;:()":
        start -= 1
    end = head.i
    for c in head.rights:  # "minutes of the Fed's meeting", "Robert O'Brien Jr."
        if c.dep_ in ("flat", "compound") or (c.dep_ == "prep" and c.lower_ == "of" and c.i == end + 1):
            end = max(end, c.right_edge.i if c.dep_ == "prep" else c.i)
        else:
            break
    for c in head.rights:  # "Postmaster General and CEO Patrick Donahoe": to the person
        if c.dep_ == "conj" and c.ent_type_ == "PERSON" and head.ent_type_ != "PERSON" \
                and not any(t.text in ",;:(" for t in head.doc[head.i:c.i]):
            end = max(end, c.i)
    for ent in head.doc.ents:  # "Republican strategist and CNN contributor Ari Fleischer": to the name
        if ent.label_ == "PERSON" and start <= ent.start and ent.end - 1 <= head.right_edge.i and head.pos_ == "NOUN" \
                and not any(t.text in ",;:(" for t in head.doc[head.i:ent.start]):
            end = max(end, ent.end - 1)
            break
    if head.ent_type_ == "PERSON":  # "Moon Jae-in said": the parse took "in" for the subject; the whole name
        name = next((e for e in head.doc.ents if e.start <= head.i < e.end and e.label_ == "PERSON"), None)
        if name is not None and name.start < start and not any(t.text in ",;:()" for t in head.doc[name.start:start]):
            start = name.start
    span = head.doc[start:end + 1].text
    span = re.split(r"\s[—–]{1,2}\s|\s--\s", span)[-1]  # a dateline before the name: "WASHINGTON — Trump"
    return span.strip(" \"“”'‘’,.-")


def outside_quotes(tok, mask) -> bool:
    return not mask or tok.idx >= len(mask) or not mask[tok.idx]


def misread_name(tok, text: str) -> bool:
    """A surname the tagger read as an adverb at a sentence's start ("Akin, however, continued ...", "Barbee accused
    ..."): not an -ly word, and a surname by :func:`surname` ("Todd Akin", "Teacher Jenna Barbee"; never "Meanwhile",
    "However", nor "Again" of "Make America Great Again")."""
    return tok.pos_ == "ADV" and not tok.lower_.endswith("ly") and surname(tok, text)


def surname(tok, text: str) -> bool:
    """A capitalised word the article ``text`` names after a first name or a title ("Mark Meadows", "Rep. Todd Akin",
    "Teacher Jenna Barbee"): a person however the tagger read it ("Meadows blasted the charge": a plural noun). Never
    a word the article also writes in lower case ("Again", "Now", "Still" of "Great Again", "Democracy Now"), and
    the first name opens the name (after a title, a person noun, a lower-case word or the text's start), not a word
    of a title-case phrase ("Make America Great Again")."""
    if not (text and tok.is_alpha and tok.text[:1].isupper() and tok.text[1:].islower()) \
            or re.search(r"\b" + re.escape(tok.lower_) + r"\b", text):
        return False
    for m in re.finditer(r"(\S+)?\s*\b([A-Z][a-z]+\.?) " + re.escape(tok.text) + r"\b", text):
        before, first = (m.group(1) or "").strip(",;:"), m.group(2).strip(".").lower()
        word = before.strip(".").lower()
        if first in _TITLES or not before or not before[:1].isupper() \
                or word in _TITLES or word in PERSON_NOUNS:
            return True
    return False


# the titles a surname may follow ("Rep. Akin", "President Trump"): the honorifics and the titles of roles
_TITLES = {t.lower().rstrip(".") for t in HONORIFICS.split("|")} | {f.lower() for fs in TITLE_FORMS.values() for f in fs}


def _opening(doc):
    """The sentence's first word after a leading parenthesis ("(RELATED: ...) Barbee accused ...")."""
    k = 0
    if len(doc) and doc[0].text == "(":
        k = next((t.i + 1 for t in doc if t.text == ")"), 0)
    return doc[k] if k < len(doc) else None


def antecedents(doc, mask, before: int | None = None, text: str = "") -> list[tuple[str, str]]:
    """(phrase, kind) of the subjects of a parsed sentence outside quotes (those before the token index
    ``before`` only), the main clause's first; with the article's ``text``, a name the tagger misread as the
    sentence's opening adverb (:func:`misread_name`)."""
    out = []
    for tok in doc:
        if before is not None and tok.i >= before:
            break
        if tok.dep_ in ("nsubj", "nsubjpass") and outside_quotes(tok, mask) and tok.pos_ != "PRON" and speaker_head(tok):
            kind = kind_of(tok)
            kind = "person" if kind == "group" and tok.tag_ == "NNS" and surname(tok, text) else kind
            out.append((depth(tok), -tok.i, phrase_of(tok), kind))
    got = [(p, k) for *_, p, k in sorted(out)]  # the main clause's subject first, then the nearest
    first = _opening(doc)  # "Trump, speaking at a rally, called ...": a name the parse left out
    if first is not None and first.pos_ == "PROPN" and first.dep_ not in ("nsubj", "nsubjpass", "compound") \
            and (before is None or before > first.i) and speaker_head(first):
        got.append((phrase_of(first), kind_of(first)))
    elif first is not None and (before is None or before > first.i) and misread_name(first, text) \
            and outside_quotes(first, mask):
        got.append((first.text, "person"))
    return got


def depth(tok) -> int:
    n = 0
    while tok.head.i != tok.i:  # (spaCy makes a new Token object on each access: compare indices)
        tok, n = tok.head, n + 1
    return n


def gender(phrase: str, text: str) -> str:
    """"m", "f" or "" (unknown) for a person's phrase: a word of the phrase ("Mrs. Clinton", "the spokeswoman"),
    else how the article ``text`` goes on after the last name within its sentence ("Lopez said she ..."), by the
    majority of he/his against she."""
    words = [w.lower() for w in phrase.split()]
    if any(w in MALE_WORDS for w in words):
        return "m"
    if any(w in FEMALE_WORDS for w in words):
        return "f"
    last = re.sub(r"['’]s$", "", phrase.split()[-1].strip(".,")) if phrase.split() else ""
    if not last[:1].isupper():
        return ""
    caps = [re.sub(r"['’]s$", "", w.strip(".,")) for w in phrase.split()
            if w[:1].isupper() and w.lower().strip(".,") not in NOT_GIVEN_NAMES]
    given = caps[-2] if len(caps) >= 2 and caps[-1] == last else ""
    if given:  # "Melania Trump": how the article goes on after "Melania" (with or without "Trump")
        said = _majority(re.escape(given) + r"(?:\s+" + re.escape(last) + r")?", text)
        if said:
            return said
        # else a word of gender heading an apposition closed by a comma ("the first lady, Melania Trump,", "his wife,
        # actress Laura Bennett,"; not "the son of Mary Smith", nor a fronted phrase, "Asked about her husband, Mary
        # Smith said"), before the surname alone, which may be someone else's ("Mr. Trump" beside "Melania Trump")
        for before in re.findall(r"(\w+),\s+(?:[a-z]\w*\s+)?" + re.escape(given) + r"\s+" + re.escape(last) + r"\s*,",
                                 text):
            if before.lower() in MALE_WORDS or before.lower() in FEMALE_WORDS:
                return "m" if before.lower() in MALE_WORDS else "f"
    return _majority(re.escape(last), text)


def _majority(name: str, text: str) -> str:
    """"m" or "f" by the majority of he/his against she after ``name`` (a pattern) within its sentence, else ""."""
    # (not "her" or "him": an object is often someone else, "Sherman is encouraging her to run")
    after = re.findall(r"\b" + name + r"\b[^.!?\n]{0,60}?\b(he|his|she)\b", text)
    male = sum(w in ("he", "his") for w in after)
    female = len(after) - male
    return "m" if male > female else "f" if female > male else ""


def same_gender(pronoun: str, i: int, sents: list, got, found: tuple[str, str], reach: int, unnamed: str,
                text: str) -> tuple[str, str]:
    """A "she" whose antecedent is a man (by a word of the phrase or by how the article ``text`` refers to him)
    stands for the most recent woman (or person of unknown gender) named as a speaker or a subject in the sentences
    before; a "he" likewise."""
    want = "m" if pronoun == "he" else "f"
    if gender(found[0], text) in ("", want):
        return found
    unknown = None
    for j in range(i - 1, max(-1, i - 1 - reach), -1):
        people = [got[j]] if got[j] and got[j][0] and got[j][1] in ("person", "name") else []
        if sents[j].doc is not None:
            people += [c for c in antecedents(sents[j].doc, sents[j].mask, text=text) if c[1] in ("person", "name")]
        for c in people:
            g = gender(c[0], text)
            if g == want:
                return c
            if g == "" and unknown is None and c[0] != unnamed:
                unknown = c
    return unknown or found


def issuer(lead: str) -> str:
    """An intro's speaker without the statement it issued: "the FBI released a statement that" -> "the FBI", "Comey
    then prepared a memo that" -> "Comey"."""
    short = re.sub(r"\s+\w+\s+(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,2}(?:that|which)$", "", lead)
    return re.sub(r"\s+(?:then|also|later|again|now|once)$", "", short) if short != lead else lead


def own_outlet(speaker: str, source: str) -> bool:
    """Whether a speaker is the article's own outlet: "The New York Times" in "New York Times (News)" or "New York
    Times - News"; as written (not "Hill" in The Hill, nor "The independent" in The Independent)."""
    source = re.sub(r"\s*(?:\([^)]*\)|-\s*News)\s*$", "", source).strip()
    return bool(source) and speaker.strip() in (source, "The " + source, "the " + source)
