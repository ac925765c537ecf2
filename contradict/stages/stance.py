"""A stated position with no reporting verb (issue 40): "Reid made clear that he would rather ...", "Mr. Fox expressed
disbelief that ...", "Mr. Fox has been critical of the plan", "Republicans have been insistent that ...", "LePage
took to Twitter to push back on media reports", "the chief executive called on the governor to veto the bill", "Conservatives pleaded for a delay", "the speaker went public with grave doubts". Readers of every
held-out speaker set name the subject as the speaker of such a sentence; the rules read it as the article's.

The subject must be able to speak (a person, a body, a group: :func:`speech.can_speak`) and the phrase must carry
what it says (a clause, an object, a preposition's object). The word tables are data (:mod:`contradict.words.speakers`:
``STANCE_*``). :func:`stance` reads one parsed sentence; :data:`CUE` tells which sentences to parse for it.
"""

from __future__ import annotations

import re

from contradict.stages.speech import forms_of, outside_quotes
from contradict.stages.tags import Found, spoken_by, subject
from contradict.words import (
    STANCE_ADJECTIVES,
    STANCE_IRREGULAR,
    STANCE_NOUNS,
    STANCE_PARTICLES,
    STANCE_PREPOSITIONS,
)

_VERBS = {"make", "express", "go", *STANCE_PARTICLES, *STANCE_PREPOSITIONS}
FORMS = forms_of(_VERBS, STANCE_IRREGULAR)
_BE = {"is", "are", "was", "were", "been", "being", "be"}

# the sentences worth parsing for a stance (the verbs alone are too common: "made", "called", "went")
CUE = re.compile(
    r"\b(?:(?:make|makes|made|making) (?:it )?clear|express(?:es|ed|ing)?|(?:go|goes|went|gone|going) public|"
    + "|".join(sorted(STANCE_ADJECTIVES))
    + "|" + "|".join(f"{v}\\w* {p}" for v, p in sorted(STANCE_PARTICLES.items()))
    + "|shot back|spoke out|pled|plead\\w*|rail(?:s|ed|ing)|call\\w* on"
    + r")\b", re.I)


def _says(verb) -> bool:
    """Whether the verb's phrase is one of the stance phrases, with what it says."""
    kids = list(verb.children)
    deps = {c.dep_ for c in kids}
    base = FORMS.get(verb.lower_)
    if verb.lower_ in _BE:  # "has been critical of", "have been insistent that"
        adj = next((c for c in kids if c.dep_ == "acomp" and c.lower_ in STANCE_ADJECTIVES), None)
        return adj is not None and (any(c.dep_ in ("prep", "ccomp") for c in adj.children) or "ccomp" in deps)
    if base == "make":  # "made clear that", "made it clear that"
        return any(x.lower_ == "clear" for x in verb.subtree if x.head.i == verb.i or x.head.head.i == verb.i) \
            and any(x.dep_ == "ccomp" or x.lower_ == "that" for x in verb.subtree)
    if base == "express":  # "expressed disbelief that", "expressed concern about" (not a bare "to express regret")
        return any(c.dep_ == "dobj" and c.lower_ in STANCE_NOUNS
                   and any(x.dep_ in ("prep", "acl", "ccomp", "relcl") for x in c.children) for c in kids) \
            or "ccomp" in deps and any(c.dep_ == "dobj" and c.lower_ in STANCE_NOUNS for c in kids)
    if base == "go":  # "went public with grave doubts"
        return any(c.lower_ == "public" for c in kids) and any(c.dep_ == "prep" for c in kids)
    if base in STANCE_PARTICLES:  # "pushed back on", "fired back at", "spoke out against"
        return any(c.dep_ in ("prt", "advmod") and c.lower_ == STANCE_PARTICLES[base] for c in kids) \
            and bool(deps & {"prep", "ccomp", "xcomp", "advcl"}) and "dobj" not in deps  # not "pushed back the crowd"
    if base in STANCE_PREPOSITIONS:  # "called on the governor to veto" (not "called on Tuesday"), "pleaded for"
        return any(c.dep_ == "prep" and c.lower_ in STANCE_PREPOSITIONS[base]
                   and any(x.dep_ == "pobj" for x in c.children) for c in kids) \
            and (base != "call" or any(x.dep_ == "aux" and x.lower_ == "to" for x in verb.subtree))
    return False


def stance(doc, mask) -> Found | None:
    """The speaker of a sentence whose main verb states its subject's position (module doc), or None."""
    for verb in doc:
        purpose = verb.dep_ in ("xcomp", "advcl") and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        if not (verb.dep_ in ("ROOT", "conj") or purpose) or verb.dep_ != "ROOT" and verb.head.dep_ != "ROOT" \
                or not outside_quotes(verb, mask) or any(c.dep_ == "neg" for c in verb.children) \
                or not (verb.lower_ in FORMS or verb.lower_ in _BE) or not _says(verb):
            continue
        subj = subject(verb.head if purpose else verb)  # "LePage took to Twitter to push back on ...": LePage
        if subj is not None and outside_quotes(subj, mask):
            found = spoken_by(subj, FORMS.get(verb.lower_, "be"))
            if found is not None:
                return found
    return None
