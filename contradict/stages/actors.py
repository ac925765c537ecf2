"""Actors across a corpus (issue 23, 39): which mentions name one actor.

Mentions are normalised across the corpus by a key (:func:`mention_key`: dots, "the", possessives, titles),
then joined by, in order:

1. the alias table (``actor_aliases.ACTOR_ALIASES``: "Daesh" and "ISIL" are the Islamic State, "GOP" the
   Republican Party, "Islamic Republic" Iran; ``US_STATES``: "N.C." is North Carolina) and the country table
   (``countryinfo``: names, alternative spellings, demonyms, capitals as the state: "Washington", "Tehran");
2. rules: names the recogniser misread (:func:`_misread_names`: "Trump Donald", "Ted Cruz Rafael", "Trump Jr.",
   "Gaza Strip"), an acronym of exactly one longer name ("ISIL" = Islamic State of Iraq and the Levant), a
   person's name with middle initials, particles or a spelling variant of the first name as one name ("Donald
   J. Trump", "Bashar al-Assad", "Qassem"), a surname read by the full names met beside it in its articles
   (:func:`_by_article`), else a surname of exactly one full name (or of one named three times as often as the
   others), a plural or "-ic" form to its stem, a short name leading exactly one longer organisation name
   ("Islamic State" in "Islamic State of Iraq and Syria");
3. within one article, a surname alone refers to the full name with that surname met earlier in the article
   ("Hillary Clinton ... Clinton said" where the corpus also names Bill Clinton): :class:`ActorMap` keeps these
   per-article readings beside the corpus-wide map.

Only actors named in at least ``min_articles`` articles take part.
"""

from __future__ import annotations

import logging
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from functools import lru_cache

from contradict.stages.actor_aliases import ACTOR_ALIASES, COUNTRY_CODES_KEPT, TITLE_KEEPERS, US_STATES
from contradict.stages.actor_names import (  # noqa: F401 (DOMINANT re-exported)
    DOMINANT,
    SURNAME_ARTICLES,
    _by_article,
    _department,
    _dominant,
    _follow,
    _formal,
    _middle_initials,
    _misread_names,
    _national,
    _surname,
)
from contradict.types import Actor, ClaimRead
from contradict.words import ACRONYM_SKIP, ACTOR_TITLES

log = logging.getLogger(__name__)

MIN_ARTICLES = 2  # an actor takes part when at least this many articles name it
PERSON_SHARE = 0.3  # a part of a name is a person's when the recogniser reads at least this share of it as a person
FULL_SHARE = 0.1  # ... or when the full names it is part of are named at least this share as often
ACRONYM_MIN_FULL = 2  # an acronym joins a longer name met at least this often (abp_5k: "PAC", "NBC", "WHO" each
# joined a name met once: "Philadelphia's AFL-CIO", "Newtown Bible Church", "World Health Organization collaborating")
_DOTS = re.compile(r"(?<=\b[A-Za-z])\.")


def mention_key(text: str) -> str:
    """A spelling-insensitive key: "the U.S.'s" -> "us", "President Barack Obama" -> "barack obama"."""
    t = text.replace("’", "'").strip(" \"'“”()[]-–")
    t = re.sub(r"'s?$", "", t)
    t = _DOTS.sub("", t).replace(".", "").replace("-", " ").replace("–", " ")
    words = t.casefold().split()
    while words and words[0] in ("the", "a", "an"):
        words.pop(0)
    while len(words) > 1 and words[0] in ACTOR_TITLES and not (len(words) == 2 and words[1] in TITLE_KEEPERS):
        words.pop(0)  # "President Obama"; not "Justice Department", "General Motors"
    return " ".join(words)


@lru_cache(maxsize=1)
def country_table() -> dict[str, str]:
    """Country spellings -> the country's name, from ``countryinfo`` (MIT): names and alternative spellings
    (of the ISO two- and three-letter codes only those news uses, ``COUNTRY_CODES_KEPT``: the others are
    words), then demonyms (and their plurals) and capitals ("Washington D.C." as "Washington"), and "America"
    from "United States of America" (the part after "of" of an official name). A spelling several countries
    share (the demonym "American") goes to the most populous; a name or alternative spelling beats a demonym or a
    capital."""
    try:
        from countryinfo import CountryInfo
    except ImportError:  # frames still work, with spellings alone
        log.warning("countryinfo is not installed: country spellings are not merged")
        return {}
    best: dict[str, tuple[int, int, str]] = {}  # key -> (rank: 0 name, 1 other; -population, name)
    for info in CountryInfo.all().values():
        name = info.get("name")
        if not isinstance(name, str) or not name:
            continue
        population = info.get("population") if isinstance(info.get("population"), int) else 0
        direct, other = {name}, set()
        for alt in _strings(info.get("altSpellings")):
            if len(alt) <= 3 and alt.isupper() and alt not in COUNTRY_CODES_KEPT:
                continue  # ISO codes read as words: "BEN" (Benin) is Ben Carson's first name; "CAN", "AND"
            direct.add(alt)
            if " of " in alt and len(alt.split(" of ")[-1].split()) == 1:
                other.add(alt.split(" of ")[-1])
        for capital in _strings(info.get("capital")):
            other |= {capital, re.sub(r"\s+[A-Z]\.?[A-Z]\.?$", "", capital)}
        for demonym in _strings(info.get("demonym")):
            other |= {demonym, demonym + "s"}
        for rank, keys in ((0, direct), (1, other)):
            for k in keys:
                k = mention_key(k)
                cand = (rank, -population, name)
                if k and (k not in best or cand < best[k]):
                    best[k] = cand
    return {k: v[2] for k, v in best.items()}


@lru_cache(maxsize=1)
def alias_table() -> dict[str, str]:
    """Mention key -> canonical key, from the alias table; a country's canonical key is its country table name
    in key form, so that the table's other spellings of it join the same actor."""
    countries = country_table()
    out = {}
    for canon, keys in (*US_STATES.items(), *ACTOR_ALIASES.items()):
        c = mention_key(countries[canon]) if canon in countries else canon
        for k in (canon, *keys):
            out[mention_key(k)] = c
    return out


def canonical(key: str) -> str:
    """The key an alias or a country spelling stands for ("daesh" -> "islamic state", "tehran" -> "iran")."""
    aliases, countries = alias_table(), country_table()
    if key in aliases:
        return aliases[key]
    return mention_key(countries[key]) if key in countries else key


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    return [v for v in value or () if isinstance(v, str) and v]


def _initials(key: str) -> str:
    return "".join(w[0] for w in key.split() if w not in ACRONYM_SKIP)


class ActorMap(dict):
    """Mention key -> actor id over the corpus, with the readings that hold within one article only
    (``local``: (article, key) -> actor id, a surname read as the full name met earlier in the article)."""

    def __init__(self, *args, local: Mapping[tuple[str, str], str] | None = None, **kw):
        super().__init__(*args, **kw)
        self.local = dict(local or {})

    def actor(self, article: str, key: str) -> str | None:
        return self.local.get((article, key)) or self.get(key)


def resolve(key_to_actor: Mapping[str, str], article: str, key: str) -> str | None:
    """The actor a mention key names in an article (a plain dict: the corpus-wide reading)."""
    if isinstance(key_to_actor, ActorMap):
        return key_to_actor.actor(article, key)
    return key_to_actor.get(key)


def actors(reads: Sequence[ClaimRead], article_of: Mapping[str, str], min_articles: int = MIN_ARTICLES,
           positions: Mapping[str, int] | None = None) -> tuple[list[Actor], ActorMap]:
    """The corpus's actors, and the map from mention key (per article where it differs) to actor id, only for
    actors named in ``min_articles`` articles. ``positions`` (claim id -> position in its article) orders an
    article's mentions for the within-article rule; without it, the order of ``reads``."""
    count: Counter = Counter()
    labels: dict[str, Counter] = defaultdict(Counter)
    seen: list[tuple[str, str, str, str]] = []  # (article, key, spelling, label) in article order
    order = sorted(range(len(reads)), key=lambda i: (article_of.get(reads[i].claim_id, ""),
                                                     (positions or {}).get(reads[i].claim_id, i), i))
    for i in order:
        r = reads[i]
        art = article_of.get(r.claim_id, "")
        for m in sorted(r.mentions, key=lambda m: m.start):
            k = mention_key(m.text)
            if not k or not any(ch.isalpha() for ch in k):
                continue
            count[k] += 1
            labels[k][m.label] += 1
            seen.append((art, k, m.text, m.label))
    canon = _corpus_canon(count, labels, _top_spellings(seen), seen)
    person = {k for k in count if labels[k]["PERSON"] >= PERSON_SHARE * count[k]}
    local = _within_articles(seen, canon, person)
    groups: dict[str, dict] = {}
    for art, k, text, label in seen:
        g = groups.setdefault(local.get((art, k), canon[k]), {"arts": set(), "spell": Counter(), "label": Counter(),
                                                              "keys": set()})
        g["arts"].add(art)
        g["spell"][text] += 1
        g["label"][label] += 1
        g["keys"].add(k)
    table, aliased = country_table(), set(alias_table().values())
    out, key_to_actor, ids = [], ActorMap(), {}
    for c in sorted(groups):
        g = groups[c]
        n_arts = len(g["arts"] - {""})
        if n_arts < min_articles:
            continue
        country = table.get(c)
        label = "GPE" if country else g["label"].most_common(1)[0][0]
        full = Counter({s: n for s, n in g["spell"].items() if mention_key(s) == c})
        if c in aliased and full and "PERSON" in g["label"] and label != "PERSON":
            label = "PERSON"  # "Trump" read as an organisation more often than not: the person Donald Trump
        if country:
            name = country
        elif full and (label == "PERSON") == (c in aliased):  # its own spellings, not a part merged into it; an
            name = _display(full, "" if label == "PERSON" else label)  # alias table's organisation by its usual name
        else:
            name = _display(g["spell"], label)
        actor_id = ids[c] = "actor-" + re.sub(r"[^a-z0-9]+", "-", c).strip("-")
        variants = tuple(s for s, _ in sorted(g["spell"].items(), key=lambda kv: (-kv[1], kv[0])))
        out.append(Actor(actor_id, name, label, variants, n_arts))
    for k, c in canon.items():
        if c in ids:
            key_to_actor[k] = ids[c]
    key_to_actor.local = {ak: ids[c] for ak, c in local.items() if c in ids}
    out.sort(key=lambda a: (-a.articles, a.id))
    return out, key_to_actor


def _top_spellings(seen) -> dict[str, str]:
    spell: dict[str, Counter] = defaultdict(Counter)
    for _, k, text, _ in seen:
        spell[k][text] += 1
    return {k: c.most_common(1)[0][0] for k, c in spell.items()}


def _corpus_canon(count: Counter, labels: Mapping[str, Counter], top_spelling: Mapping[str, str],
                  mentions: Sequence[tuple[str, str, str, str]] = ()) -> dict[str, str]:
    """Key -> canonical key over the corpus: the tables, then the rules (module docstring, 1 and 2)."""
    alone_in: dict[str, Counter] = defaultdict(Counter)  # one-word key -> article -> its mentions there
    names_in: dict[str, Counter] = defaultdict(Counter)  # article -> the longer keys met in it, with their mentions
    for art, k, _, _ in mentions:
        if " " in k:
            names_in[art][k] += 1
        else:
            alone_in[k][art] += 1
    top_label = {k: labels[k].most_common(1)[0][0] for k in count}
    canon = {k: canonical(k) for k in count}
    for k in count:  # "us senate" -> "senate" (organisations: not "u.s.-mexico"), "department of justice"
        national = _national(k, count) if top_label[k] == "ORG" else ""
        if national and (top_label[national] != "ORG" or national in country_table()):
            national = ""
        canon[k] = national or _department(k, count) or canon[k]
    for k, name in _misread_names(count, top_label).items():
        if canon[k] == k:  # a table's spelling is settled
            canon[k] = name
    formal: dict[str, list[str]] = defaultdict(list)  # "mike bloomberg", "michael bloomberg" -> one name
    for k in count:
        if top_label[k] == "PERSON" and canon[k] == k and len(k.split()) >= 2:
            formal[_formal(k)].append(k)
    for ks in formal.values():  # one name, unless two sets of middle initials meet ("george w", "george h w")
        if len(ks) > 1 and len({tuple(k.split()[1:-1]) for k in ks} - {()}) <= 1:
            main = max(ks, key=lambda k: (count[k], -len(k), k))
            for k in ks:
                canon[k] = main
    for c in list(canon.values()):
        canon.setdefault(c, c)
    keys = sorted(count, key=lambda k: (-len(k), k))
    longer = [k for k in keys if len(k.split()) >= 2 and canon[k] == k]
    # the longer names by their initials, last and first words (persons), leading and last words (organisations),
    # in ``longer``'s order: each lookup below reads one list instead of scanning every longer name (the report's
    # frames cost 138 s at 5,000 articles, nearly all in those scans)
    by_initials: dict[str, list[str]] = defaultdict(list)
    by_person: dict[str, list[str]] = defaultdict(list)  # surname or leading words -> full names
    by_org: dict[str, list[str]] = defaultdict(list)  # leading words, or a last word -> organisation names
    by_plain: dict[str, set[str]] = defaultdict(set)  # "donald trump" -> {"donald j trump", ...}
    for x in longer:
        words = x.split()
        by_initials[_initials(x)].append(x)
        if top_label[x] == "PERSON" and not _other_first(words[0], x, count, top_label):  # not "Trump Twitter"
            by_person[_surname(words)].append(x)
            by_person[words[0]].append(x)  # a first name, or a family name first ("xi" in "xi jinping")
            if _middle_initials(x):
                by_plain[_middle_initials(x)].add(x)
        if top_label[x] == "ORG":
            for j in range(1, len(words)):
                by_org[" ".join(words[:j])].append(x)
            by_org[words[-1]].append(x)  # "journal" in "wall street journal"
    tables = alias_table().keys() | country_table().keys()
    for k in keys:
        if canon[k] != k or k in tables:  # a country or a known alias is settled: "Israel" is no surname
            continue
        label = top_label[k]
        plain = _middle_initials(k)
        if plain and label == "PERSON" and plain in canon and len(by_plain[plain]) == 1:
            canon[k] = canon[plain]  # "donald j trump" -> "donald trump"; not when "george w" and "george h w" meet
            continue
        if k.replace(" ", "").isalpha() and len(k) >= 2 and " " not in k and k.upper() == top_spelling.get(k):
            hits: Counter[str] = Counter()  # an acronym of one longer name, or of one named 3x as often as the others
            for x in by_initials.get(k, ()):  # "VP" is no "Vladimir Putin"; a name met once is no acronym's
                if top_label[x] != "PERSON" and count[x] >= ACRONYM_MIN_FULL:  # ("PAC", "Philadelphia's AFL-CIO")
                    hits[canon[x]] += count[x]
            if _dominant(hits):
                canon[k] = _dominant(hits)
                continue
        # a part of longer names: a surname or leading words of a person's name (read as a person often enough,
        # or named in full often enough: not "House" for one "Jefferson ClintonWhite House"), or one word that
        # starts or ends an organisation's name; all of them together, one candidate or a dominant one
        full: Counter[str] = Counter()
        people = [x for x in by_person.get(k, ()) if " " not in k]
        if people and (labels[k]["PERSON"] >= PERSON_SHARE * count[k]
                       or sum(count[x] for x in people) >= FULL_SHARE * count[k]):
            # the full names met beside it in its articles decide first: "Ryan" is Paul Ryan when the articles
            # naming "Ryan" alone name him (3x the others), though Ryan Grim and Tim Ryan are named too
            by_art = _by_article(alone_in.get(k, Counter()), {x for x in people if _surname(x.split()) == k},
                                 names_in, canon)
            if _dominant(by_art) and by_art[_dominant(by_art)] >= SURNAME_ARTICLES:
                canon[k] = _dominant(by_art)
                continue
            for x in people:
                full[canon[x]] += count[x]
        orgs = by_org.get(k, ()) if " " not in k and label == "ORG" else ()
        if orgs and sum(count[x] for x in orgs) >= FULL_SHARE * count[k]:
            for x in orgs:  # a word of organisation names ("Post"), not an adjective ("Islamic"), nor a common
                full[canon[x]] += count[x]  # name met far more often alone ("PAC" in "Philadelphia's AFL-CIO PAC")
        if " " in k and label in ("ORG", "NORP"):  # "islamic state" in "islamic state of iraq and syria"
            heads = {canon[x] for x in by_org.get(k, ()) if x.startswith(k + " ")}
            if len(heads) == 1:
                canon[k] = heads.pop()
                continue
        found = _dominant(full)
        if found:
            canon[k] = found
            continue
        stem = next((x for x in (k[:-1] if k.endswith("s") else "", k[:-2] if k.endswith("ic") else "")
                     if x and x in count), "")
        if stem and label in ("NORP", "ORG") and canon[stem] == stem:  # "democrats", "african americans"
            canon[k] = stem
    for k in list(canon):  # follow chains (an acronym mapped to a long name that was itself mapped)
        seen = {k}
        while canon[canon[k]] != canon[k] and canon[k] not in seen:
            seen.add(canon[k])
            canon[k] = canon[canon[k]]
    return canon


def _other_first(first: str, name: str, count: Counter, top_label: Mapping[str, str]) -> bool:
    """Whether a "full name" starts with another actor, not a first name: "trump twitter" (an alias), "obama
    senate" (a person's surname named more often than the whole)."""
    if (first in alias_table() and alias_table()[first] != canonical(name)) or first in country_table():
        return True
    return top_label.get(first, "PERSON") != "PERSON" and count.get(first, 0) > count[name]


def _within_articles(seen, canon: Mapping[str, str], person: set[str]) -> dict[tuple[str, str], str]:
    """(article, surname key) -> the canonical key of the full name with that surname met earlier in the
    article, where that differs from the corpus-wide reading. Several full names met earlier: the corpus-wide
    reading when it is one of them, else the latest."""
    countries = country_table()
    out: dict[tuple[str, str], str] = {}
    met: dict[tuple[str, str], list[str]] = defaultdict(list)  # (article, surname) -> canonical keys, in order
    for art, k, _, label in seen:
        words = k.split()
        if len(words) >= 2 and (label == "PERSON" or k in person):
            met[(art, words[-1])].append(canon[k])
            continue
        if len(words) != 1 or (art, k) in out or k not in person or k in countries:
            continue
        earlier = met.get((art, k))
        if not earlier:
            continue
        found = canon[k] if canon[k] in earlier else earlier[-1]
        if found != canon[k]:
            out[(art, k)] = found
    return out


def _display(spell: Counter, label: str) -> str:
    """The name to show: a person's fullest spelling ("Barack Obama"), else the most frequent ("ISIS"); ties
    go to the longer, then the first in alphabetical order."""
    if label == "PERSON":
        return max(spell, key=lambda s: (len(mention_key(s).split()), spell[s], len(s), s))
    return sorted(spell, key=lambda s: (-spell[s], -len(s), s))[0]
