"""Kinds of disagreement: numeric (by rule), update (a later report revises an earlier one), factual (NLI).

A quantity is a number and the thing it counts, read by rule: "52 people" (people), "$3 million"
(dollars), "40 percent of voters" (percent of voters), "a 38-word oath" (word), "voted 396-9" (vote),
"on Tuesday" (weekday), "March 3" (date). Two related claims disagree numerically when they give the
same thing different values and no bound admits both ("at least 50" admits 52). The word lists live in
:mod:`contradict.words`; the golden table is ``tests/test_kinds.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from contradict.types import Difference, Kind
from contradict.words import (
    ANTONYMS,
    CONTEXT_STOPWORDS,
    ENGLISH_STOPWORDS,
    MONTH_ABBREVIATIONS,
    MONTHS_PATTERN,
    NEGATIONS,
    NUMBER_WORDS,
    OVER_PARTICLE_VERBS,
    PERIOD_WORDS,
    PRONOUNS,
    QUANTITY_BOUNDS,
    QUANTITY_NOT_THINGS,
    QUANTITY_ROLES,
    QUANTITY_SKIP,
    SCALE_WORDS,
    WEEKDAYS,
)

# a numeric difference needs the two claims this related (cosine), or this much when they share a name
NUMERIC_MIN_SIMILARITY = 0.6
NUMERIC_MIN_SIMILARITY_SHARED_NAME = 0.45
SAME_CONTEXT = 3  # shared stems around a count that make it the count of one thing
CLOSE_SIMILARITY = 0.75  # claims this close need one shared stem around the count
MAX_RATIO = 5.0  # values further apart are read as two things ("10 killed" at noon, "31" by evening: one)
ROUNDING = 0.015  # values closer than this (relative) are one value rounded
MAX_RATIO_MONEY = 2.0  # a story's sums are many (demanded, granted, diverted): closer, or two sums
CONTEXT_WORDS = 6  # content words on each side of a quantity
# two claims whose words are this much the same, in order (difflib's ratio over casefolded words), with no
# difference a reader would see (:func:`differences`), restate one statement ("I.R.S." / "IRS", a quote
# transcribed twice): an NLI contradiction between them is not shown as a disagreement
RESTATED_MIN_RATIO = 0.8
RESTATED_MIN_WORDS = 6  # shorter claims differ in too few words to tell

_TOKEN = re.compile(r"\$?\d+(?:,\d{3})*(?:\.\d+)?(?:-\d+)?%?(?:-[a-z]+)*|[A-Za-z][A-Za-z'’.-]*|[%$]")
_TALLY = re.compile(r"\b(\d{1,3})\s?(?:[-–]|to)\s?(\d{1,3})\b")
_DATE = re.compile(rf"\b({MONTHS_PATTERN}|{MONTH_ABBREVIATIONS})\.?\s+(\d{{1,2}})\b(?!,?\s*\d{{3}})", re.I)
_SINCE = re.compile(r"\bsince\s+((?:19|20)\d\d)\b", re.I)
_WEEKDAY = re.compile(rf"\b({'|'.join(WEEKDAYS)})\b(?!['’]s)", re.I)
_BOUND = re.compile(r"\b(?:" + "|".join(re.escape(b) for b in QUANTITY_BOUNDS) + r")\s*$", re.I)


@dataclass(frozen=True, slots=True)
class Quantity:
    thing: str
    value: float | str
    shown: str  # as written
    bound: bool = False  # "at least 50", "nearly 60": admits nearby values
    context: frozenset[str] = frozenset()  # stems of the content words around it ("killed", "blast")
    period: frozenset[str] = frozenset()  # years, months and reference words near it ("2018", "average")


def _number(tok: str) -> float | None:
    t = tok.lstrip("$").rstrip("%").replace(",", "")
    t = t.split("-")[0]
    try:
        return float(t)
    except ValueError:
        return NUMBER_WORDS.get(tok.lower())


def _singular(w: str) -> str:
    w = w.lower().strip(".'’")
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        return w[:-1]
    return w


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    """A crude stem, enough to match "voted", "votes" and "vote"."""
    w = word.lower().strip(".'’")
    for suffix in ("ing", "ed", "es", "s", "e"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            return w[:-len(suffix)]
    return w


_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


@lru_cache(maxsize=200_000)
def quantities(text: str) -> tuple[Quantity, ...]:
    """The quantities a sentence states, each with the content words around it."""
    words = [(m.start(), stem(m.group(0))) for m in _WORD.finditer(text)
             if m.group(0).lower() not in ENGLISH_STOPWORDS and m.group(0).lower() not in CONTEXT_STOPWORDS]
    out = []
    for q, at in _quantities(text):
        before = [w for s, w in words if s < at][-CONTEXT_WORDS:]
        after = [w for s, w in words if s > at][:CONTEXT_WORDS]
        near = [w.lower().strip(".,") for w in re.findall(r"[\w'’.-]+", text[max(0, at - 50):at + len(q.shown) + 50])]
        period = frozenset(w for w in near if w in PERIOD_WORDS or re.fullmatch(r"(?:19|20)\d\d", w)) - {q.value}
        out.append(Quantity(q.thing, q.value, q.shown, q.bound, frozenset(before + after) - {stem(q.thing)}, period))
    return tuple(out)


def _quantities(text: str) -> list[tuple[Quantity, int]]:
    """(quantity, character offset) pairs."""
    out: list[tuple[Quantity, int]] = []
    tallied: set[int] = set()
    for m in _TALLY.finditer(text):
        before = text[max(0, m.start() - 40):m.start()].lower()
        if re.search(r"\b(vote[sd]?|voting|passed|approved|rejected|margin|tally|ruled|decision)\b", before):
            out.append((Quantity("vote", f"{m.group(1)}-{m.group(2)}", m.group(0)), m.start()))
            tallied.update(range(m.start(), m.end()))
    for m in _DATE.finditer(text):
        month = m.group(1).lower()[:3]
        out.append((Quantity("date", f"{month} {int(m.group(2))}", m.group(0)), m.start()))
    for m in _SINCE.finditer(text):  # a start year: "has led them since 2002"
        out.append((Quantity("since", m.group(1), m.group(0)), m.start()))
    for m in _WEEKDAY.finditer(text):
        out.append((Quantity("weekday", m.group(1).lower(), m.group(1)), m.start()))
    toks = list(_TOKEN.finditer(text))
    words = [t.group(0).lower().rstrip(".") for t in toks]
    for i, m in enumerate(toks):
        if m.start() in tallied:
            continue
        tok = m.group(0)
        low = tok.lower()
        is_digit = tok[0].isdigit() or tok[0] == "$"
        if not is_digit and low not in NUMBER_WORDS:
            continue
        if is_digit and re.fullmatch(r"(?:19|20)\d\d", tok):  # a year: dates are read above
            continue
        if i > 0 and (words[i - 1] in _MONTHS or words[i - 1] == "no"):  # "March 3", "No. 2"
            continue
        if re.match(r"\d+-\d+", tok) or (i + 1 < len(toks) and words[i + 1] == "to" and "-" in tok):
            continue  # a range: "40-60 hours", "40- to 60-hour"
        value = _number(tok)
        if value is None:
            continue
        j = i + 1
        if j < len(toks) and words[j] in SCALE_WORDS:
            value *= SCALE_WORDS[words[j]]
            j += 1
        bound = _bounded(text[max(0, m.start() - 30):m.start()])
        shown = text[m.start():toks[j - 1].end()]
        if tok.startswith("$"):
            out.append((Quantity("dollars", value, shown, bound), m.start()))
            continue
        if tok.endswith("%") or (j < len(toks) and words[j] in ("percent", "%")):
            if not tok.endswith("%"):
                shown = text[m.start():toks[j].end()]
                j += 1
            of = ""
            if j + 1 < len(toks) and words[j] == "of":
                of = " of " + _singular(toks[j + 1].group(0))
            out.append((Quantity("percent" + of, value, shown, bound), m.start()))
            continue
        if "-" in tok and not re.fullmatch(r"[\d,.$%]+-\d+", tok):  # "38-word", "35-year-old"
            thing = tok.split("-", 1)[1].lower()
            if thing not in QUANTITY_NOT_THINGS:
                noun = words[i + 1] if i + 1 < len(toks) and words[i + 1].isalpha() else ""
                if noun and noun not in ENGLISH_STOPWORDS and noun not in QUANTITY_NOT_THINGS:
                    thing = f"{thing} {_singular(noun)}"  # "48-page indictment": the thing is specific
                out.append((Quantity(_singular(thing), value, tok, bound), m.start()))
            continue
        while j < len(toks) and words[j] in QUANTITY_SKIP:
            j += 1
        if j >= len(toks) or j - i > 3:
            continue
        word, low = toks[j].group(0), words[j]
        if (not word[0].isalpha() or low in QUANTITY_NOT_THINGS or low in NUMBER_WORDS
                or low in ENGLISH_STOPWORDS or low in PRONOUNS):
            continue
        if word[0].isupper() and not text[toks[j - 1].end():toks[j].start()].strip() == "":
            continue
        out.append((Quantity(_singular(word), value, shown, bound), m.start()))
    return out


_MONTHS = set(MONTHS_PATTERN.split("|")) | set(MONTH_ABBREVIATIONS.split("|"))
_PARTICLE_OVER = re.compile(r"\b([A-Za-z]+)\s+over\s*$", re.I)
_ROLE_STEMS = frozenset(stem(w) for w in QUANTITY_ROLES)


def _bounded(before: str) -> bool:
    """Whether the words before a number bound it ("at least", "over"), except "over" as a verb's particle
    ("turned over 55,000 pages")."""
    if not _BOUND.search(before):
        return False
    m = _PARTICLE_OVER.search(before)
    return not (m and m.group(1).lower() in OVER_PARTICLE_VERBS)


def _other_roles(x: Quantity, y: Quantity) -> bool:
    """Whether the two counts are of different roles in one story ("killed" / "wounded")."""
    rx, ry = x.context & _ROLE_STEMS, y.context & _ROLE_STEMS
    return bool(rx) and bool(ry) and not (rx & ry)


def _admits(x: Quantity, y: Quantity) -> bool:
    """Whether a bound on one side admits the other's value (within a factor 1.5)."""
    if isinstance(x.value, str) or isinstance(y.value, str):
        return False
    lo, hi = sorted((float(x.value), float(y.value)))
    return (x.bound or y.bound) and lo > 0 and hi / lo <= 1.5


def numeric_difference(a: str, b: str, similarity: float, shared_names: int = 0,
                       aligned: bool = False) -> Difference | None:
    """The first quantity two related claims give different values, or None.

    The same thing must be counted in the same setting: its surrounding words overlap (``SAME_CONTEXT``
    stems, fewer in a short claim; "killed ... in the blast"), and the values are within a factor ``MAX_RATIO``
    (a story's sums far apart are different sums); a compound thing ("48-page indictment") needs no more.
    Both must refer to the same period: the years, months and reference words near them ("in March" vs "a
    month in 2018", "the previous record") are the same on both sides.
    Weekdays are never compared: read on BASIL, two claims of one story that name different days nearly always
    speak of different events of it (3 of 3 false after requiring another shared quantity).

    ``aligned``: the two claims are already known to tell one fact (:mod:`contradict.stages.facts`), so one shared word
    around the count is enough ("50,000 pages of printed emails" / "55,000 pages of Clinton's emails").
    Of several differing pairs of one thing, the one with the most shared words around it, then the closest
    values, is named: the pair a reader compares ("$5,687.75" vs "$5,587.75", not "$3,544.00" vs "$5,587.75")."""
    if similarity < NUMERIC_MIN_SIMILARITY and not (shared_names and similarity >= NUMERIC_MIN_SIMILARITY_SHARED_NAME):
        return None
    qa, qb = _by_thing(quantities(a)), _by_thing(quantities(b))
    shared = sorted(set(qa) & set(qb))
    for thing in shared:
        if thing == "weekday":  # a story that runs for days names many days, each of its own event
            continue
        va, vb = {q.value for q in qa[thing]}, {q.value for q in qb[thing]}
        if va & vb:
            continue
        best = None
        for x in qa[thing]:
            for y in qb[thing]:
                overlap = len(x.context & y.context)
                if " " in thing:
                    need = 0
                elif aligned or similarity >= CLOSE_SIMILARITY:
                    need = 1
                else:
                    need = SAME_CONTEXT
                if (overlap < min(need, len(x.context), len(y.context)) or _admits(x, y)
                      or not _comparable(x, y) or x.period != y.period or (aligned and _other_roles(x, y))):
                    continue
                rank = (-overlap, _distance(x, y))
                if best is None or rank < best[0]:
                    best = (rank, x, y)
        if best is not None:
            return Difference(thing, best[1].shown, best[2].shown)
    return None


def _distance(x: Quantity, y: Quantity) -> float:
    """How far apart two values are, relatively (0 for two words or tallies: they rank by context alone)."""
    if isinstance(x.value, str) or isinstance(y.value, str):
        return 0.0
    lo, hi = sorted((abs(float(x.value)), abs(float(y.value))))
    return (hi - lo) / hi if hi else 0.0


def other_values(a: str, b: str) -> bool:
    """Whether the claims count one thing with different values, whatever their context: a weaker signal
    than :func:`numeric_difference`, used to choose which pairs of a story to read."""
    qa, qb = _by_thing(quantities(a)), _by_thing(quantities(b))
    return any(not ({q.value for q in qa[t]} & {q.value for q in qb[t]}) for t in set(qa) & set(qb) if t != "weekday")


def _comparable(x: Quantity, y: Quantity) -> bool:
    if isinstance(x.value, str) or isinstance(y.value, str):
        return True
    lo, hi = sorted((abs(float(x.value)), abs(float(y.value))))
    if lo <= 0 or (hi - lo) / hi < ROUNDING:  # "$43,000" vs "$43,350", "43%" vs "43.4%": a rounding
        return False
    return hi / lo <= (MAX_RATIO_MONEY if x.thing == "dollars" else MAX_RATIO)


def _by_thing(qs: Sequence[Quantity]) -> dict[str, list[Quantity]]:
    out: dict[str, list[Quantity]] = defaultdict(list)
    for q in qs:
        out[q.thing].append(q)
    return out


_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}")  # "i.r.s." -> "irs"
_PLAIN_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def plain_words(text: str) -> list[str]:
    """The words of a claim as a reader compares them: casefolded, curly quotes straightened, dotted acronyms
    closed up, punctuation dropped."""
    t = text.casefold().replace("’", "'").replace("‘", "'")
    return _PLAIN_WORD.findall(_DOTTED.sub(lambda m: m.group(0).replace(".", ""), t))


def restated(a: str, b: str) -> bool:
    """Whether two claims restate one statement: at least ``RESTATED_MIN_RATIO`` of their words the same and in
    order, and nothing :func:`differences` would show (no number, date, name, negation or opposite word)."""
    wa, wb = plain_words(a), plain_words(b)
    if min(len(wa), len(wb)) < RESTATED_MIN_WORDS:
        return False
    if SequenceMatcher(None, wa, wb, autojunk=False).ratio() < RESTATED_MIN_RATIO:
        return False
    return not differences(a, b)


def kind_of(label: str, difference: Difference | None, day_a: dt.date | None, day_b: dt.date | None, same_story: bool,
            restates: bool = False) -> Kind | None:
    """The kind of a scored pair: None when it is no disagreement (nor an agreement).

    * an NLI contradiction between claims that restate one statement (:func:`restated`; ``restates``) and
      no numeric difference: ``restatement``, not a disagreement (a quote transcribed twice reads to the
      model as two claims that cannot both hold);
    * a numeric difference, or an NLI contradiction, within one story where one article is dated after
      the other: ``update`` (the later report revises the earlier);
    * a numeric difference within one story (whatever the NLI model reads, unless it reads entailment):
      ``numeric``; across stories the numbers are of other events (read on PAC: 7 of 7 false);
    * an NLI contradiction: ``factual``; an NLI entailment: ``agreement``.
    """
    if label == "contradiction" and restates and difference is None:
        return Kind.RESTATEMENT
    differs = difference is not None and label != "entailment" and same_story  # across stories: other events
    if (differs or label == "contradiction") and same_story and day_a and day_b and day_a != day_b:
        return Kind.UPDATE
    if differs:
        return Kind.NUMERIC
    if label == "contradiction":
        return Kind.FACTUAL
    if label == "entailment":
        return Kind.AGREEMENT
    return None


_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\b")
_NUMBERISH = re.compile(r"\$?\d[\d,.:]*%?")


_NOT_NAMES = frozenset({w.capitalize() for w in ENGLISH_STOPWORDS | PRONOUNS} | {"The", "A", "An", "But", "And", "In", "On"})
_ANTONYM_STEMS = tuple((stem(p), stem(q)) for x, y in ANTONYMS for p, q in ((x, y), (y, x)))  # both ways, in order


def differences(a: str, b: str) -> list[dict]:
    """What differs between two claims, for a reader: numbers, dates, names one side has and the other lacks
    (when the other has one of the same sort), a negation on one side only, and words of opposite sense.
    Each item: {"kind", "a": [...], "b": [...]} with the words as written."""
    out: list[dict] = []

    def add(kind: str, xa, xb):
        xa, xb = sorted(set(xa)), sorted(set(xb))
        if xa or xb:
            out.append({"kind": kind, "a": xa, "b": xb})

    na, nb = set(_NUMBERISH.findall(a)), set(_NUMBERISH.findall(b))
    na, nb = {x.rstrip(".,") for x in na}, {x.rstrip(".,") for x in nb}
    if na - nb and nb - na:
        add("number", na - nb, nb - na)
    da = {m.group(0) for m in _DATE.finditer(a)} | {m.group(0) for m in _WEEKDAY.finditer(a)}
    db = {m.group(0) for m in _DATE.finditer(b)} | {m.group(0) for m in _WEEKDAY.finditer(b)}
    if da - db and db - da:
        add("date", da - db, db - da)
    skip = _NOT_NAMES
    def names(t: str, dates: set[str]) -> set[str]:  # a single capitalised word opening the sentence is no name
        return {m.group(0) for m in _NAME.finditer(t) if m.group(0) not in skip and m.group(0) not in dates
                and not (m.start() == 0 and " " not in m.group(0))}

    ma, mb = names(a, da), names(b, db)
    low_a, low_b = a.lower(), b.lower()
    only_a = {x for x in ma if x.lower() not in low_b}
    only_b = {x for x in mb if x.lower() not in low_a}
    if only_a and only_b and len(only_a) <= 3 and len(only_b) <= 3:  # one name in place of another, not two lists
        add("name", only_a, only_b)
    wa = {w.lower() for w in re.findall(r"[A-Za-z']+", a)}
    wb = {w.lower() for w in re.findall(r"[A-Za-z']+", b)}
    nega, negb = (wa & NEGATIONS) - wb, (wb & NEGATIONS) - wa
    if nega or negb:
        add("negation", nega, negb)
    sa, sb = {stem(w) for w in wa}, {stem(w) for w in wb}
    opposite_a, opposite_b = [], []
    for sp, sq in _ANTONYM_STEMS:
        if sp in sa and sq in sb and sp not in sb and sq not in sa:
            opposite_a.append(next(w for w in wa if stem(w) == sp))
            opposite_b.append(next(w for w in wb if stem(w) == sq))
    if opposite_a:
        add("opposite", opposite_a, opposite_b)
    return out
