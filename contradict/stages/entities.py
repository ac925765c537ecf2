"""Salient names, numbers and dates of a sentence (:func:`entities`): what pairs, stories, facts and queries share.

A layer below the stages that use it (candidates, stories, facts, the verifier), so none imports another for it.
"""

from __future__ import annotations

import re

from contradict.types import Entity, EntityKind
from contradict.words import ENTITY_ALIASES, MONTHS_PATTERN, NOT_NAME_STARTS

_NAME = re.compile(r"\b(?:[A-Z][\w'’.-]*[\w)]|[A-Z])(?:\s+(?:of|the|al|bin|de|von|van)?\s*[A-Z][\w'’.-]*[\w])*")
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?:\s?(?:%|percent|million|billion|thousand))?(?![\w])")
_DATE = re.compile(rf"\b(?:(?:{MONTHS_PATTERN})\s+\d{{1,2}}|\d{{1,2}}\s+(?:{MONTHS_PATTERN}))\b", re.I)


_DIGIT = re.compile(r"\d")
_YEAR = re.compile(r"(19|20)\d\d")
_POSSESSIVE = re.compile(r"['’]s$")


def entities(text: str) -> set[Entity]:
    """Salient names, numbers and dates of a sentence, normalized ("U.S." -> "US", "ISIL" -> "ISIS")."""
    out: set[Entity] = set()
    if _DIGIT.search(text):  # dates and numbers both need a digit; four sentences in five have none
        for m in _DATE.finditer(text):
            out.add(Entity(EntityKind.DATE, m.group(0).lower()))
        for m in _NUMBER.finditer(text):
            v = m.group(0).replace(",", "")
            if _YEAR.fullmatch(v):
                out.add(Entity(EntityKind.YEAR, v))
            elif v not in ("1", "2", "3", "one"):
                out.add(Entity(EntityKind.NUMBER, v.lower()))
    for m in _NAME.finditer(text):
        name = m.group(0).strip(" .")
        if "s" in name:
            name = _POSSESSIVE.sub("", name)
        words = name.split()
        if words and words[0].lower() in NOT_NAME_STARTS:
            words = words[1:]
        if not words:
            continue
        name = " ".join(words)
        key = name.lower()
        if key in ENTITY_ALIASES:
            out.add(Entity(EntityKind.NAME, ENTITY_ALIASES[key]))
        elif len(name) > 1 and key not in NOT_NAME_STARTS and not key.isdigit():
            out.add(Entity(EntityKind.NAME, name))
    return out
