"""Kinds of disagreement: numeric (by rule), update (a later report revises an earlier one), factual (NLI).

A quantity is a number and the thing it counts, read by rule (:mod:`contradict.stages.quantities`): "52 people",
"$3 million", "a 38-word oath". Two related claims disagree numerically when they give the same thing different
values and no bound admits both ("at least 50" admits 52). The word lists live in
:mod:`contradict.words`; the golden table is ``tests/test_kinds.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from difflib import SequenceMatcher

from contradict.stages.quantities import (
    DATE_RE,
    FULL_DATE_RE,
    WEEKDAY_RE,
    Quantity,
    admits,
    is_time,
    quantities,
    stem,
)
from contradict.types import Difference, Kind
from contradict.words import (
    ANTONYMS,
    ENGLISH_STOPWORDS,
    NEGATIONS,
    PAGE_FURNITURE,
    PRONOUNS,
    QUANTITY_ROLES,
)

__all__ = ["Quantity", "differences", "kind_of", "numeric_difference", "other_occasions", "other_values",
           "page_furniture", "plain_words", "quantities", "restated", "stem"]

# a numeric difference needs the two claims this related (cosine), or this much when they share a name
NUMERIC_MIN_SIMILARITY = 0.6
NUMERIC_MIN_SIMILARITY_SHARED_NAME = 0.45
SAME_CONTEXT = 3  # shared stems around a count that make it the count of one thing
CLOSE_SIMILARITY = 0.75  # claims this close need one shared stem around the count
MAX_RATIO = 5.0  # values further apart are read as two things ("10 killed" at noon, "31" by evening: one)
ROUNDING = 0.015  # values closer than this (relative) are one value rounded
MAX_RATIO_MONEY = 2.0  # a story's sums are many (demanded, granted, diverted): closer, or two sums
# two claims whose words are this much the same, in order (difflib's ratio over casefolded words), with no
# difference a reader would see (:func:`differences`), restate one statement ("I.R.S." / "IRS", a quote
# transcribed twice): an NLI contradiction between them is not shown as a disagreement
RESTATED_MIN_RATIO = 0.8
RESTATED_MIN_WORDS = 6  # shorter claims differ in too few words to tell

_ROLE_STEMS = frozenset(stem(w) for w in QUANTITY_ROLES)


def _other_periods(x: Quantity, y: Quantity, aligned: bool) -> bool:
    """Whether the two values refer to different periods or references. Reference words ("average", "previous",
    "now") must be the same on both sides. Times (years, months) too, except within one fact (``aligned``), where
    a time only one side names is a detail it adds ("in December, 50,000 pages were delivered" / "it had received
    55,000 pages"): there two named times must differ to tell two periods."""
    if not aligned:
        return x.period != y.period
    tx, ty = {w for w in x.period if is_time(w)}, {w for w in y.period if is_time(w)}
    if (x.period - tx) != (y.period - ty):
        return True
    return bool(tx and ty and tx != ty)


def _other_roles(x: Quantity, y: Quantity) -> bool:
    """Whether the two counts are of different roles in one story ("killed" / "wounded")."""
    rx, ry = x.context & _ROLE_STEMS, y.context & _ROLE_STEMS
    return bool(rx) and bool(ry) and not (rx & ry)


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
                if (overlap < min(need, len(x.context), len(y.context)) or not _comparable(x, y)
                      or _other_periods(x, y, aligned) or admits(x, y) or (aligned and _other_roles(x, y))):
                    continue
                rank = (-overlap, _distance(x, y))
                if best is None or rank < best[0]:
                    best = (rank, x, y)
        if best is not None and not _named_variants(a + " " + b, best[1], best[2]):
            return Difference(thing, best[1].shown, best[2].shown)
    return None


_CODE = re.compile(r"\b[A-Za-z]{1,4}-?(\d{1,4})\b")


def _named_variants(text: str, x: Quantity, y: Quantity) -> bool:
    """Whether the two values are the numbers of two named variants the claims name ("E10, containing 10%
    ethanol" / "15 percent ethanol, known as E15"; "G7" / "G20"): each value is what its variant is, not a count
    the other claim gives differently."""
    codes = {int(m.group(1)) for m in _CODE.finditer(text)}
    values = {float(v) for v in (x.value, y.value) if not isinstance(v, str)}
    return len(values) == 2 and all(v.is_integer() and int(v) in codes for v in values)


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


def straight(text: str) -> str:
    """Curly single quotes as straight ones ("don’t" is "don't")."""
    return text.replace("’", "'").replace("‘", "'")


def plain_words(text: str) -> list[str]:
    """The words of a claim as a reader compares them: casefolded, curly quotes straightened, dotted acronyms
    closed up, punctuation dropped."""
    t = straight(text.casefold())
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
            restates: bool = False, occasions: bool = False, furniture: bool = False) -> Kind | None:
    """The kind of a scored pair: None when it is no disagreement (nor an agreement).

    * an NLI contradiction between claims that restate one statement (:func:`restated`; ``restates``) and
      no numeric difference: ``restatement``, not a disagreement (a quote transcribed twice reads to the
      model as two claims that cannot both hold);
    * an NLI contradiction across stories whose digits, days or weekdays differ, with no negation or opposite
      word on one side only (:func:`other_occasions`; ``occasions``): ``occasions``, not a disagreement: two
      occasions of a recurring line ("This report was updated at 11:04 a.m." / "at 11:48 a.m.", "The hearing starts at 1 p.m." / "at 9:30", a tweet's sign-off of May 27 /
      December 13). Read on abp_5k's labelled pairs (train and dev splits): of the cross-story pairs whose numbers or
      dates differ, none was a contradiction (18 neutral, 2 entailment; 17 of the 20 read P(contradiction) >= 0.35);
      the one cross-story contradiction there differs by a negation;
    * an NLI contradiction where either claim is page furniture (:func:`page_furniture`; ``furniture``):
      ``furniture``, not a disagreement (two video promos, two editor's notes, two photo captions);
    * a numeric difference, or an NLI contradiction, within one story where one article is dated after
      the other: ``update`` (the later report revises the earlier);
    * a numeric difference within one story (whatever the NLI model reads, unless it reads entailment):
      ``numeric``; across stories the numbers are of other events (read on PAC: 7 of 7 false);
    * an NLI contradiction: ``factual``; an NLI entailment: ``agreement``.
    """
    if label == "contradiction" and restates and difference is None:
        return Kind.RESTATEMENT
    if label == "contradiction" and furniture and difference is None:
        return Kind.FURNITURE
    if label == "contradiction" and occasions and not same_story:
        return Kind.OCCASIONS
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


def _numbers_and_dates(text: str) -> tuple[set[str], set[str]]:
    numbers = {x.rstrip(".,") for x in _NUMBERISH.findall(text)}
    dates = {m.group(0) for r in (DATE_RE, FULL_DATE_RE, WEEKDAY_RE) for m in r.finditer(text)}
    return numbers, dates


_FURNITURE = re.compile(r"^\W*(?:" + "|".join(PAGE_FURNITURE) + ")", re.I)


def page_furniture(text: str) -> bool:
    """Whether a claim is a line of the page's furniture (:data:`contradict.words.PAGE_FURNITURE`), not a statement
    of the article."""
    return bool(_FURNITURE.match(text))


def other_occasions(a: str, b: str) -> bool:
    """Whether each claim gives a number (digits), calendar day or weekday the other does not (what
    :func:`differences` shows as ``number`` or ``date``) and neither negates nor reverses the other: across
    stories, two occasions of one line rather than one fact told two ways. A negation or an opposite word on one
    side ("Sessions, 70, did not meet the ambassador" / "Sessions met the ambassador in 2016") is a denial or a
    reversal whatever numbers stand beside it."""
    shown = {d["kind"] for d in differences(a, b)}
    return bool(shown & {"number", "date"}) and not shown & {"negation", "opposite"}


def _words(text: str) -> list[tuple[str, str]]:
    """A claim's words, each (as read, as written): read in lower case with a curly apostrophe as a straight one
    ("don’t" is "don't", not "don" and "t"), quotation marks around a word dropped ("‘never’" is "never")."""
    out = []
    for w in re.findall(r"[A-Za-z'’‘]+", text):
        w = w.strip("'’‘")
        if w:
            out.append((straight(w.lower()), w))
    return out


_DAY = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?")


def _one_day(x: str, y: str) -> bool:
    """Whether two dates as written name one day: "May 27, 2020", "May 27 2020" and "May 27" alike (a year counts
    only when both give one); a weekday only itself."""
    mx, my = _DAY.fullmatch(x), _DAY.fullmatch(y)
    if not (mx and my):
        return x.lower() == y.lower()
    return mx[1][:3].lower() == my[1][:3].lower() and int(mx[2]) == int(my[2]) \
        and (not mx[3] or not my[3] or mx[3] == my[3])


def _negations(own: list[tuple[str, str]], other: list[tuple[str, str]]) -> set[str]:
    """The negation words of one claim beyond the other's, as written: a negation of each kind counted on each
    side ("we don't have ... and we won't have" against "we don't have ... and we will have" shows "won't")."""
    mine, theirs = Counter(_negation(r) for r, _ in own), Counter(_negation(r) for r, _ in other)
    seen = {r for r, _ in other}
    out: set[str] = set()
    for kind in mine:
        if kind and mine[kind] > theirs[kind]:
            words = [(r, w) for r, w in own if _negation(r) == kind]
            out |= {w for r, w in words if r not in seen} or {w for _, w in words}
    return out


def _negation(word: str) -> str:
    """The negation a word carries, one spelling for each ("aren't", "isn't", "not" are "not"), or ""."""
    if word.endswith("n't") or word in ("not", "cannot"):
        return "not"
    return word if word in NEGATIONS else ""


def differences(a: str, b: str) -> list[dict]:
    """What differs between two claims, for a reader: numbers, dates, names one side has and the other lacks
    (when the other has one of the same sort), a negation on one side only, and words of opposite sense.
    Each item: {"kind", "a": [...], "b": [...]} with the words as written."""
    out: list[dict] = []

    def add(kind: str, xa, xb):
        xa, xb = sorted(set(xa)), sorted(set(xb))
        if xa or xb:
            out.append({"kind": kind, "a": xa, "b": xb})

    (na, da), (nb, db) = _numbers_and_dates(a), _numbers_and_dates(b)
    if na - nb and nb - na:
        add("number", na - nb, nb - na)
    only_da = {x for x in da if not any(_one_day(x, y) for y in db)}
    only_db = {y for y in db if not any(_one_day(x, y) for x in da)}
    if only_da and only_db:
        add("date", only_da, only_db)
    skip = _NOT_NAMES
    def names(t: str, dates: set[str]) -> set[str]:  # a single capitalised word opening the sentence is no name
        return {m.group(0) for m in _NAME.finditer(t) if m.group(0) not in skip
                and not any(d == m.group(0) or re.match(re.escape(m.group(0)) + r"\.?\s", d) for d in dates)  # (a month)
                and not (m.start() == 0 and " " not in m.group(0))}

    ma, mb = names(a, da), names(b, db)
    low_a, low_b = a.lower(), b.lower()
    only_a = {x for x in ma if x.lower() not in low_b}
    only_b = {x for x in mb if x.lower() not in low_a}
    if only_a and only_b and len(only_a) <= 3 and len(only_b) <= 3:  # one name in place of another, not two lists
        add("name", only_a, only_b)
    ta, tb = _words(a), _words(b)  # read with straight apostrophes, shown as written
    nega, negb = _negations(ta, tb), _negations(tb, ta)
    if nega or negb:
        add("negation", nega, negb)
    sa, sb = {stem(r) for r, _ in ta}, {stem(r) for r, _ in tb}
    opposite_a, opposite_b = [], []
    for sp, sq in _ANTONYM_STEMS:
        if sp in sa and sq in sb and sp not in sb and sq not in sa:
            opposite_a.append(next(w for r, w in ta if stem(r) == sp))
            opposite_b.append(next(w for r, w in tb if stem(r) == sq))
    if opposite_a:
        add("opposite", opposite_a, opposite_b)
    return out
