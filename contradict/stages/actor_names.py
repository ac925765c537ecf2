"""Rules on the spellings of names for :mod:`contradict.stages.actors` (issue 39): a person's name in its formal
form, names the recogniser misread, a surname read by the full names beside it in its articles, an institution
named with its country or as "department of". Tables in :mod:`contradict.stages.actor_aliases`."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Mapping

from contradict.stages.actor_aliases import (
    GENERATION_SUFFIXES,
    NAME_PARTICLES,
    NAME_SUFFIXES,
    NATIONAL_PREFIXES,
    NICKNAMES,
    PLACE_HEADS,
    ROMAN_SUFFIXES,
)

DOMINANT = 3  # a part of several names goes to the one named at least this many times as often as the others
SURNAME_ARTICLES = 2  # a surname is read by the full names beside it when at least this many articles show one
PLACES = ("GPE", "LOC")
PARTS_OF_NAMES = ("PERSON", "ORG", "NORP")  # labels a part of a person's name is read with ("El-Sisi" as ORG)


def _middle_initials(key: str) -> str:
    """"donald j trump" -> "donald trump", "robert s mueller iii" -> "robert mueller"; "" when the name has no
    single-letter middle word."""
    words = key.split()
    if len(words) > 3 and words[-1] in ROMAN_SUFFIXES:
        words = words[:-1]
    if len(words) < 3 or not all(len(w) == 1 for w in words[1:-1]):
        return ""
    return f"{words[0]} {words[-1]}"


def _surname(words: list[str]) -> str:
    """A person's last name, past a generational suffix ("robert s mueller iii" -> "mueller")."""
    while len(words) > 1 and words[-1] in NAME_SUFFIXES:
        words = words[:-1]
    return words[-1]


def _dominant(found: Counter) -> str:
    """The one candidate, or the one named at least ``DOMINANT`` times as often as the others together; else ""."""
    ranked = found.most_common()
    if ranked and (len(ranked) == 1 or ranked[0][1] >= DOMINANT * sum(n for _, n in ranked[1:])):
        return ranked[0][0]
    return ""


def _by_article(alone_in: Counter, people: set[str], names_in: Mapping[str, Counter],
                canon: Mapping[str, str]) -> Counter:
    """A surname's articles by the full names (canonical) met in them: an article naming "Miller" alone and
    Stephen Miller counts for him; one naming two Millers, for the one named more often there; one naming two as
    often, or none, for no one."""
    found: Counter = Counter()
    for art in sorted(alone_in):
        here: Counter = Counter()
        for x, m in names_in.get(art, Counter()).items():
            if x in people:
                here[_follow(canon, x)] += m
        ranked = here.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            found[ranked[0][0]] += 1
    return found


def _follow(canon: Mapping[str, str], key: str) -> str:
    seen = {key}
    while canon.get(key, key) != key and canon[key] not in seen:
        key = canon[key]
        seen.add(key)
    return key


def _misread_names(count: Counter, top_label: Mapping[str, str]) -> dict[str, str]:
    """Person keys the recogniser read out of order or glued to a neighbouring word -> the name they stand for:
    one word twice ("trump trump" -> "trump"); the surname first ("trump donald" -> "donald trump", when that is
    met more often); a name and its one longer form with one word more ("ted cruz rafael" -> "ted cruz", "kim jong
    un" -> "kim jong"; not when the word is "Jr."/"Sr."); the trailing words of one longer name, one word shorter
    ("trump jr" -> "donald trump jr", "ocasio cortez"), unless they start as another name does (a first name:
    "elizabeth warren" in a glued "joe biden elizabeth warren"); a place and the one word after it that names the
    same place (``PLACE_HEADS``: "gaza strip" -> "gaza")."""
    people = sorted(k for k in count if top_label[k] == "PERSON" and len(k.split()) >= 2)
    out: dict[str, str] = {}
    longer: dict[str, list[str]] = defaultdict(list)  # "kim jong" -> ["kim jong un"]
    ending: dict[str, list[str]] = defaultdict(list)  # "trump jr" -> ["donald trump jr"]
    for k in people:
        words = k.split()
        if len(words) >= 3 and words[-1] not in GENERATION_SUFFIXES:
            longer[" ".join(words[:-1])].append(k)
        for j in range(1, len(words) - 1):  # the trailing words, two or more, of a name of three or more
            ending[" ".join(words[j:])].append(k)
    for k in people:
        words = k.split()
        turned = " ".join(reversed(words))
        if len(set(words)) == 1 and words[0] in count:  # "trump trump"
            out[k] = words[0]
        elif len(words) == 2 and top_label.get(turned) == "PERSON" and count[turned] > count[k]:
            out[k] = turned
        if len(longer.get(k, ())) == 1 and longer[k][0] not in out:
            out[longer[k][0]] = k
    firsts = Counter(k.split()[0] for k in people if k not in out)
    for k in sorted(count):
        words = k.split()
        if (len(words) >= 2 and len(ending.get(k, ())) == 1 and k not in out and top_label[k] in PARTS_OF_NAMES
                and len(ending[k][0].split()) == len(words) + 1
                and (firsts[words[0]] <= (k in people) or words[-1] in NAME_SUFFIXES)):
            out[k] = ending[k][0]
    for place in sorted(count):
        words = place.split()
        if (len(words) == 2 and words[1] in PLACE_HEADS and top_label[place] in PLACES
                and top_label.get(words[0]) in PLACES):
            out.setdefault(place, words[0])
    return out


def _formal(key: str) -> str:
    """A person's name without middle initials or particles, the first name in its formal form: "mike bloomberg"
    and "michael bloomberg" -> "michael bloomberg", "joseph r biden" and "joe biden" -> "joseph biden", "bashar
    al assad" -> "bashar assad"."""
    last = len(key.split()) - 1
    words = [w for i, w in enumerate(key.split()) if i in (0, last) or (len(w) > 1 and w not in NAME_PARTICLES)]
    first = NICKNAMES.get(words[0], words[0])
    if len(first) >= 5:  # transliterations of one first name: "qasem" and "qassem", "dzhokar" and "dzhokhar"
        first = re.sub(r"(.)\1", r"\1", first.replace("h", "")) or first
    return " ".join([first, *words[1:]])


def _national(key: str, count: Counter) -> str:
    """"us senate" -> "senate" when "senate" is met too: an institution named with its country's prefix."""
    for prefix in NATIONAL_PREFIXES:
        if key.startswith(prefix + " ") and key[len(prefix) + 1:] in count:
            return key[len(prefix) + 1:]
    return ""


def _department(key: str, count: Counter) -> str:
    """"department of justice" -> "justice department" when that is met too (and the other way round: the
    spelling named more often wins, ties to the shorter)."""
    words = key.split()
    if len(words) == 3 and words[:2] == ["department", "of"]:
        other = f"{words[2]} department"
    elif len(words) == 2 and words[1] == "department":
        other = f"department of {words[0]}"
    else:
        return ""
    if other in count and (count[other], -len(other)) > (count[key], -len(key)):
        return other
    return ""
