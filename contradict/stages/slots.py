"""Slots of a fact: what two claims about one fact say of its number, day, place, person or truth (issue 37).

Two claims of one fact (:mod:`contradict.stages.facts`) are compared slot by slot. A slot difference names the slot,
what it is about, and both values as written:

* ``number``: one thing counted with two values (:func:`contradict.stages.kinds.numeric_difference`, read here with the
  fact's alignment standing in for the surrounding words a pair of unaligned claims must share);
* ``date``: a weekday or a calendar day of one event, resolved against each article's own date where it can be
  ("Tuesday" in an article of Thursday 2019-01-03 is 2019-01-01), so "passed Tuesday" and "on Wednesday" differ
  while "Tuesday" and "Jan. 1" agree;
* ``place``: one event placed in two towns ("gathered in Norwalk" vs "event in Norfolk");
* ``person``: one role given to two people of one family name ("Loretta Sanchez won" vs "Linda Sanchez
  defeated");
* ``denial``: one claim asserts what the other says was denied ("resigned" vs "denied that he had resigned").

Word lists live in :mod:`contradict.words`; the golden table is ``tests/test_slots.py``. Each rule must also stay
silent on bounds, two quantities of one story, two days of one story's different events, and one quote
transcribed twice.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from contradict.stages.kinds import numeric_difference, quantities, stem
from contradict.stages.quantities import WEEKDAY_RE
from contradict.words import (
    ACTOR_TITLES,
    DENIAL_WORDS,
    ENGLISH_STOPWORDS,
    FUTURE_MARKERS,
    MONTHS_PATTERN,
    NAME_SUFFIXES,
    NAME_TITLES,
    NEGATIONS,
    NOT_PLACES,
    STATEMENT_VERBS,
    WEEKDAYS,
)

_MONTH_DAY = re.compile(rf"\b({MONTHS_PATTERN}|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\.?\s+(\d{{1,2}})\b"
                        r"(?!,?\s*\d{3})", re.I)
_MONTHS = {m: i + 1 for i, m in enumerate(MONTHS_PATTERN.split("|"))}
# where an event is: "in" or "at" a place ("near Miami", "10 miles from Aventura" are points of reference)
_PLACE = re.compile(r"\b(?:in|at)\s+((?:[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?)\b")
_PERSON = re.compile(r"\b([A-Z][a-z]+)(?:\s+[A-Z]\.)?\s+([A-Z][a-zà-ÿ'’-]+)\b")
_UPPER = "A-ZÀ-ÖØ-Þ"
# a run of capitalised words and initials: "Rep. Linda T. Sánchez", "Chief Justice John G. Roberts Jr."
_NAME_RUN = re.compile(rf"\b[{_UPPER}][A-Za-zà-ÿ'’-]*\.?(?:\s+[{_UPPER}][A-Za-zà-ÿ'’-]*\.?)+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")
# a weekday right after a verb of saying dates the statement, not the event it reports ("announced Sunday that")
_STATEMENT_DAY = re.compile(r"\b(?:" + "|".join(sorted(STATEMENT_VERBS)) + r")\s+(?:late\s+|early\s+|on\s+)?$", re.I)
_TITLES = ACTOR_TITLES | NAME_TITLES
DATE_WINDOW = 7  # a weekday names a day within a week of the article's date


@dataclass(frozen=True, slots=True)
class SlotDifference:
    """Two values of one slot of one fact: "place: Norwalk vs Norfolk"."""

    slot: str  # number | date | place | person | denial
    thing: str  # what the slot is about: the thing counted, the event dated, the role
    a: str  # as each claim writes it
    b: str

    def __str__(self) -> str:
        return f"{self.slot} ({self.thing}): {self.a} vs {self.b}" if self.thing else f"{self.slot}: {self.a} vs {self.b}"


@lru_cache(maxsize=100_000)
def _fold(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).casefold()


def _future(text: str) -> bool:
    words = {w.lower() for w in _WORD.findall(text)}
    return bool(words & FUTURE_MARKERS)


def resolve_weekday(weekday: str, article_date: dt.date | None, text: str = "") -> dt.date | None:
    """The day a weekday names in an article of ``article_date``: the latest such day on or before it, or the
    next one after it when the sentence speaks of the future ("will vote on Tuesday")."""
    if article_date is None:
        return None
    target = WEEKDAYS.index(weekday.lower())
    if _future(text):
        ahead = (target - article_date.weekday()) % DATE_WINDOW
        return article_date + dt.timedelta(days=ahead)
    back = (article_date.weekday() - target) % DATE_WINDOW
    return article_date - dt.timedelta(days=back)


def days(text: str, article_date: dt.date | None) -> list[tuple[str, dt.date | None, str]]:
    """(as written, the day resolved or None, a weekday name or "") for each day a claim names."""
    out: list[tuple[str, dt.date | None, str]] = []
    for m in WEEKDAY_RE.finditer(text):
        if _STATEMENT_DAY.search(text[max(0, m.start() - 40):m.start()]):
            continue  # "said Monday", "announced late Sunday": the day of the statement
        out.append((m.group(1), resolve_weekday(m.group(1), article_date, text), m.group(1).lower()))
    for m in _MONTH_DAY.finditer(text):
        month = m.group(1).lower()[:3]
        number = next((v for k, v in _MONTHS.items() if k.startswith(month)), None)
        day = None
        if article_date and number:
            try:
                day = dt.date(article_date.year, number, int(m.group(2)))
                if day > article_date + dt.timedelta(days=180):  # "Dec. 28" in a January article: last year
                    day = day.replace(year=day.year - 1)
                elif day < article_date - dt.timedelta(days=180):  # "Jan. 1" in a December article: next year
                    day = day.replace(year=day.year + 1)
            except ValueError:
                day = None
        out.append((m.group(0), day, ""))
    return out


def _content_stems(text: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(text) if w.lower() not in ENGLISH_STOPWORDS and not w[0].isupper()}


def date_difference(a: str, b: str, date_a: dt.date | None, date_b: dt.date | None) -> SlotDifference | None:
    """Both claims date one event on two different days. Only a claim that names one day is read (a claim
    naming several tells several events), and the two must share the event's word (a content stem other than
    the day: "voted" / "vote"). Unresolved weekdays compare by name; a weekday and a calendar day compare only
    when both resolve."""
    da, db = days(a, date_a), days(b, date_b)
    if len(da) != 1 or len(db) != 1:
        return None
    (wa, ra, na), (wb, rb, nb) = da[0], db[0]
    if not (_content_stems(a) & _content_stems(b)):
        return None
    if na and na == nb:
        return None  # one weekday on both sides: a reader sees no difference (articles of other days aside)
    if ra is not None and rb is not None:
        if ra == rb:
            return None
    elif na and nb:
        if na == nb:
            return None
    else:
        return None
    if na and nb and date_a and date_b and abs((date_a - date_b).days) > DATE_WINDOW:
        return None  # weekdays of articles a week apart may name two weeks' days
    if na and nb and ra and rb and date_a and date_b and date_a != date_b and ra - date_a == rb - date_b:
        return None  # each article tells its own day's news ("resisted Tuesday" / "resisted Monday"): two days
    return SlotDifference("date", "day", wa, wb)


def places(text: str) -> set[str]:
    """Towns and places a claim puts something in ("in Norwalk", "at Fort Hood")."""
    out = set()
    for m in _PLACE.finditer(text):
        name = m.group(1)
        first = name.split()[0].lower()
        if first in NOT_PLACES or first in WEEKDAYS or first in _MONTHS:
            continue
        words = name.split()
        if len(words) > 1 and words[1].lower().rstrip(".") in ACTOR_TITLES:
            name = words[0]  # "in Norfolk Senator Warren spoke": the title opens the next phrase
        out.add(name)
    return out


def place_difference(a: str, b: str) -> SlotDifference | None:
    """One place on each side that the other claim does not name anywhere."""
    pa, pb = places(a), places(b)
    fa, fb = _fold(a), _fold(b)
    # a place both claims place something in is common ground ("served in Vietnam" on both sides): only the rest can
    # differ; a place the other claim only mentions ("the Texas man") is no common ground
    common = {_fold(p) for p in pa} & {_fold(p) for p in pb}
    rest_a, rest_b = {p for p in pa if _fold(p) not in common}, {p for p in pb if _fold(p) not in common}
    only_a = {p for p in rest_a if _fold(p) not in fb}
    only_b = {p for p in rest_b if _fold(p) not in fa}
    if len(only_a) == 1 and len(only_b) == 1 and len(rest_a) == 1 and len(rest_b) == 1:
        return SlotDifference("place", "where", only_a.pop(), only_b.pop())
    return None


def persons(text: str) -> dict[str, str]:
    """Family name (folded) -> the name as written, for "First Last" and "First M. Last" names. A run of capitalised
    words is read from its last title on ("Representative Linda T. Sánchez", "Defense Secretary James Mattis": the
    title is no first name), and a suffix ends it ("John G. Roberts Jr.")."""
    out = {}
    for run in _NAME_RUN.finditer(text):
        words = run.group(0).split()
        # a title leaves a name after it: "Rep. Steve King", "Sen. Angus King" keep the family name a title spells
        cut = max((i + 1 for i, w in enumerate(words) if w.lower().rstrip(".") in _TITLES and len(words) - i > 2),
                  default=0)
        words = words[cut:]
        while words and words[-1].rstrip(".,").lower() in NAME_SUFFIXES:
            words = words[:-1]
        for m in _PERSON.finditer(" ".join(words)):
            first, last = m.group(1), m.group(2)
            if first.lower() in NOT_PLACES or first.lower() in ENGLISH_STOPWORDS or first.lower() in WEEKDAYS:
                continue
            if last.endswith(("'s", "’s", "'", "’")):
                continue  # a possessor owns something in the claim, it fills no role ("Sasha Obama's appearance")
            out[_fold(last)] = m.group(0)
    return out


def person_difference(a: str, b: str) -> SlotDifference | None:
    """One family name, two first names ("Loretta Sanchez" vs "Linda T. Sánchez"), each full name absent from
    the other claim: two people given one role."""
    pa, pb = persons(a), persons(b)
    fa, fb = _fold(a), _fold(b)
    for last in sorted(set(pa) & set(pb)):
        xa, xb = pa[last], pb[last]
        first_a, first_b = _fold(xa.split()[0]), _fold(xb.split()[0])
        if first_a != first_b and first_a not in fb and first_b not in fa:
            return SlotDifference("person", "who", xa, xb)
    return None


def _denied(text: str) -> set[str]:
    """Stems of what a claim says was denied: the content words after a denial word ("denied that he had
    resigned" -> {"resign"})."""
    words = _WORD.findall(text)
    out: set[str] = set()
    for i, w in enumerate(words):
        if w.lower() in DENIAL_WORDS:
            for x in words[i + 1:i + 7]:
                if x.lower() not in ENGLISH_STOPWORDS and x.lower() not in NEGATIONS and not x[0].isupper():
                    out.add(stem(x))
    return out


def denial_difference(a: str, b: str) -> SlotDifference | None:
    """One claim asserts (without a negation or a denial) what the other says was denied."""
    for x, y, flip in ((a, b, False), (b, a, True)):
        denied = _denied(x)
        if not denied:
            continue
        ywords = [w.lower() for w in _WORD.findall(y)]
        if set(ywords) & (NEGATIONS | DENIAL_WORDS):
            continue
        asserted = {stem(w) for w in ywords} & denied
        if asserted:
            word = sorted(asserted)[0]
            said = next(w for w in _WORD.findall(y) if stem(w) == word)
            pair = (f"denied ({said})", f"asserted ({said})")
            return SlotDifference("denial", said, *(pair[::-1] if flip else pair))
    return None


def slot_differences(a: str, b: str, date_a: dt.date | None = None, date_b: dt.date | None = None,
                     similarity: float = 1.0, shared_names: int = 1) -> list[SlotDifference]:
    """Every slot in which two claims of one fact give different values."""
    out: list[SlotDifference] = []
    num = numeric_difference(a, b, max(similarity, 0.6), shared_names, aligned=True)
    if num is not None and num.thing not in ("weekday", "date"):
        out.append(SlotDifference("number", num.thing, num.a.rstrip(".,;"), num.b.rstrip(".,;")))
    for rule in (lambda: date_difference(a, b, date_a, date_b), lambda: place_difference(a, b),
                 lambda: person_difference(a, b), lambda: denial_difference(a, b)):
        got = rule()
        if got is not None:
            out.append(got)
    return out


__all__ = ["SlotDifference", "date_difference", "days", "denial_difference", "person_difference", "persons",
           "place_difference", "places", "quantities", "resolve_weekday", "slot_differences"]
