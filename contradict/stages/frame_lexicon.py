"""The frame reader's lexicon (:mod:`contradict.stages.frames`): the relation words of ``contradict.words`` by
relation (:data:`TRIGGERS`), their inflections and lemmas (:func:`lemma`), how sure each kind of reading is, and
the cheap filter before parsing (:func:`worth_reading`)."""

from __future__ import annotations

import functools
import re

from contradict.types import Relation
from contradict.words import (
    ACTOR_HEAD_NOUNS,
    ACTOR_TITLES,
    ALLY_WORDS,
    ANAPHOR_NOUNS,
    CHARGE_WORDS,
    DISPUTE_LEMMAS,
    ENGLISH_STOPWORDS,
    INTENT_NOUNS,
    IRREGULAR_FORMS,
    MONTHS_PATTERN,
    NEGATING_HEADS,
    OBSTRUCT_HEADS,
    OPPOSE_WORDS,
    POLL_SUPPORT_WORDS,
    PREPOSITION_RELATIONS,
    SUPPORT_WORDS,
    THREAT_WORDS,
    WEEKDAYS,
)

TRIGGERS: dict[str, Relation] = {
    **{w: Relation.OPPOSES for w in OPPOSE_WORDS},
    **{w: Relation.THREATENS for w in THREAT_WORDS},
    **{w: Relation.SUPPORTS for w in SUPPORT_WORDS},
    **{w: Relation.ALLIED for w in ALLY_WORDS},
}
# how sure each reading is (measured: benchmarks/frame_labels.json, see docs/how-it-works.md "Frames")
P_DIRECT = 0.9  # subject and object of the relation word
P_HYPHEN = 0.85  # "US-backed militias"
P_NOUN = 0.8  # "Iran's support for Hezbollah", "U.S.-Iranian alliance"
P_CLAUSE = 0.7  # an agent or target taken from the clause around the word, or an anaphor
P_DISPUTED = 0.25  # a relation the writer reports as claimed or puts in scare quotes weighs this much
P_HEDGED = 0.5  # one under "should", "could", "may": a wish or a possibility


def _forms(word: str) -> set[str]:
    """A table word's regular inflections, for the cheap filter and :func:`lemma`: back(s|ed|ing|er|ers),
    oppos(e|es|ed|ing), all(y|ies|ied), ban(s|ned|ning), attack(s|ed|ing|er)."""
    out = {word, word + "s"}
    tails = ("ed", "ing", "er", "ers", "ion", "ions", "ment", "ments")
    if word.endswith(("s", "x", "z", "ch", "sh")):
        out.add(word + "es")
    if word.endswith("e"):
        out |= {word + "d", word + "r", word + "rs"} | {word[:-1] + t for t in tails}
    elif word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        out |= {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    else:
        out |= {word + t for t in (tails if len(word) > 4 else ("ed", "ing"))}  # not "banner" from "ban"
        if len(word) <= 4 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou" and word[-3:-2] not in "aeiou":
            out |= {word + word[-1] + t for t in ("ed", "ing")}  # ban -> banned
    return out


_IRREGULAR = {v: k for k, v in IRREGULAR_FORMS.items()}
# Word form -> the table word it inflects: spaCy's lemmatizer is left out (a sixth of the reading time), since
# only the words of these tables need their lemma.
_TABLE_WORDS = sorted({*TRIGGERS, *PREPOSITION_RELATIONS, *DISPUTE_LEMMAS, *ACTOR_HEAD_NOUNS, *INTENT_NOUNS,
                       *ANAPHOR_NOUNS, *NEGATING_HEADS, *OBSTRUCT_HEADS, *CHARGE_WORDS, *POLL_SUPPORT_WORDS},
                      key=lambda w: (len(w), w))
_LEMMAS: dict[str, str] = {w: w for w in _TABLE_WORDS}  # a table word is its own lemma ("fighter", "backer")
for _w in _TABLE_WORDS:  # then plurals ("fighters" -> "fighter", not "fight"), then the other inflections
    for _f in (_w + "s", _w + "es" if _w.endswith(("s", "x", "z", "ch", "sh")) else "",
               _w[:-1] + "ies" if _w.endswith("y") else ""):
        if _f:
            _LEMMAS.setdefault(_f, _w)
for _w in _TABLE_WORDS:
    for _f in sorted(_forms(_w)):
        _LEMMAS.setdefault(_f, _w)
_LEMMAS.update(_IRREGULAR)


def word_lemma(words: str) -> str:
    """The table word of a reading's evidence ("blamed" -> "blame", "US-backed" -> "back", "war" -> "war")."""
    word = words.replace("–", "-").rsplit("-", 1)[-1].casefold()
    return _LEMMAS.get(word, word)


def lemma(tok) -> str:
    """The table word a token inflects ("backed" -> "back", "fought" -> "fight"), else the word itself."""
    word = tok.lower_
    return _LEMMAS.get(word, word)


_WORDS = sorted({f for w in [*TRIGGERS, *(v for v, k in _IRREGULAR.items() if k in TRIGGERS)] for f in _forms(w)},
                key=len, reverse=True)


def _prep_forms(word: str) -> set[str]:
    """The inflections of a relation word that needs a preposition, irregular ones too ("go" -> "went")."""
    return _forms(word) | {v for v, k in _IRREGULAR.items() if k == word}


_WITH_PREP = [rf"(?:{'|'.join(sorted(_prep_forms(w)))})\s+(?:\w+\s+)?(?:{'|'.join(sorted(preps))})"
              for w, preps in sorted(PREPOSITION_RELATIONS.items())]


@functools.cache
def _trigger_re() -> re.Pattern[str]:
    """Every relation word in every inflection, as one pattern: compiled on first use (about a quarter of a
    second), since a report imports the frames for their types and never filters a claim."""
    return re.compile(r"\b(?:" + "|".join([*map(re.escape, _WORDS), *_WITH_PREP]) + r")\b", re.I)


# The same test word by word: a relation word is a whole word, so a claim holds one exactly when one of its words
# (lowercased) is in ``_WORD_SET``; the words that need a preposition run their small pattern. The one pattern
# above, 2,000 alternatives, cost half a millisecond a claim (a quarter of the frames stage besides the parse).
_WORD_SET = frozenset(_WORDS)
_PREP_FIRST = frozenset(f for w in PREPOSITION_RELATIONS for f in _prep_forms(w))
_WORD = re.compile(r"\w+")
# letters that re.IGNORECASE matches to an ASCII letter although str.lower() does not make them one ("ſ" is "s",
# the Kelvin sign "k", dotted and dotless i "i"): a claim holding one is left to the pattern
_ODD_CASES = re.compile("[\u0130\u0131\u017f\u212a\u212b\ufb05\ufb06]")


@functools.cache
def _prep_re() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(_WITH_PREP) + r")\b", re.I)


def has_trigger(text: str) -> bool:
    """Whether ``text`` holds a relation word: what :func:`_trigger_re` finds, a word set first."""
    if _ODD_CASES.search(text) is not None:
        return _trigger_re().search(text) is not None
    words = set(_WORD.findall(text.lower()))
    if not _WORD_SET.isdisjoint(words):
        return True
    return not _PREP_FIRST.isdisjoint(words) and _prep_re().search(text) is not None


_ANAPHOR_START = re.compile(r"[\"“']?(?:he|she|they|it|the)\b", re.I)
_NAME_RUN = re.compile(r"(?:[A-Z][\w’'.-]*)(?:\s+(?:of|the|al|de)?\s*[A-Z][\w’'.-]*)*")
_NOT_NAMES = ENGLISH_STOPWORDS | ACTOR_TITLES | set(MONTHS_PATTERN.split("|")) | set(WEEKDAYS) | {"mr.", "mrs.", "ms."}


def _names(text: str) -> int:
    """Distinct runs of capitalised words that could name an actor ("Barack Obama", "Islamic State of Iraq"),
    not a month, a weekday, a title or a function word opening the sentence."""
    runs = set()
    for m in _NAME_RUN.finditer(text):
        words = [w for w in m.group(0).split() if w.strip(".’'").casefold() not in _NOT_NAMES]
        if words and any(w[:1].isupper() for w in words):
            runs.add(" ".join(words))
    return len(runs)


def worth_reading(text: str) -> bool:
    """A cheap filter before parsing: the claim has a relation word (in one of its regular inflections; a word
    that needs a preposition with it) and two names, or one and a first word that leans on the sentence before
    ("He", "The group")."""
    if not has_trigger(text):
        return False
    names = _names(text)
    return names >= 2 or (names >= 1 and bool(_ANAPHOR_START.match(text)))
