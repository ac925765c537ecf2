"""Quantities a claim states, read by rule: a number and the thing it counts, with the words around it, and what a
bound admits (:mod:`contradict.stages.kinds` compares them across claims).

"52 people" (people), "$3 million" (dollars), "40 percent of voters" (percent of voters), "a 38-word oath" (word
oath), "voted 396-9" (vote), "on Tuesday" (weekday), "March 3" (date), "since 2002" (since). A bound says which way
it admits other values: "at least 50" admits 52, "up to 1.6 million" 1.5 million, "about $3.6 billion" what rounds
to it. The word lists live in :mod:`contradict.words`; the golden table is ``tests/test_kinds.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from contradict.words import (
    CONTEXT_STOPWORDS,
    ENGLISH_STOPWORDS,
    LOWER_BOUNDS,
    MONTH_ABBREVIATIONS,
    MONTHS_PATTERN,
    NUMBER_WORDS,
    OVER_PARTICLE_VERBS,
    PERIOD_WORDS,
    PRONOUNS,
    QUANTITY_BOUNDS,
    QUANTITY_NOT_THINGS,
    QUANTITY_SKIP,
    SCALE_WORDS,
    UPPER_BOUNDS,
    WEEKDAYS,
)

CONTEXT_WORDS = 6  # content words on each side of a quantity
BOUND_RATIO = 1.5  # a bound admits values up to this factor beyond it ("more than 20" admits 29)

_TOKEN = re.compile(r"\$?\d+(?:,\d{3})*(?:\.\d+)?(?:-\d+)?%?(?:-[a-z]+)*|[A-Za-z][A-Za-z'’.-]*|[%$]")
_TALLY = re.compile(r"\b(\d{1,3})\s?(?:[-–]|to)\s?(\d{1,3})\b")
DATE_RE = re.compile(rf"\b({MONTHS_PATTERN}|{MONTH_ABBREVIATIONS})\.?\s+(\d{{1,2}})\b(?!,?\s*\d{{3}})", re.I)
SINCE_RE = re.compile(r"\bsince\s+((?:19|20)\d\d)\b", re.I)
# a calendar day with its year ("May 27, 2020"), which DATE_RE leaves to the numbers: a date to a reader
FULL_DATE_RE = re.compile(rf"\b(?:{MONTHS_PATTERN}|{MONTH_ABBREVIATIONS})\.?\s+\d{{1,2}},?\s+(?:1[89]|20)\d\d\b", re.I)
WEEKDAY_RE = re.compile(rf"\b({'|'.join(WEEKDAYS)})\b(?!['’]s)", re.I)
_BOUND = re.compile(r"\b(?:" + "|".join(re.escape(b) for b in QUANTITY_BOUNDS) + r")\s*$", re.I)


@dataclass(frozen=True, slots=True)
class Quantity:
    thing: str
    value: float | str
    shown: str  # as written
    bound: str = ""  # "lower" ("at least 50"), "upper" ("nearly 60"), "approx" ("about 50"): admits nearby values
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
    for m in DATE_RE.finditer(text):
        month = m.group(1).lower()[:3]
        out.append((Quantity("date", f"{month} {int(m.group(2))}", m.group(0)), m.start()))
    for m in SINCE_RE.finditer(text):  # a start year: "has led them since 2002"
        out.append((Quantity("since", m.group(1), m.group(0)), m.start()))
    for m in WEEKDAY_RE.finditer(text):
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


def is_time(word: str) -> bool:
    """Whether a word near a value names a time (a month or a year), as opposed to a reference ("average", "now")."""
    return word in _MONTHS or bool(re.fullmatch(r"(?:19|20)\d\d", word))


_PARTICLE_OVER = re.compile(r"\b([A-Za-z]+)\s+over\s*$", re.I)


def _bounded(before: str) -> str:
    """How the words before a number bound it: "lower" ("at least", "over"), "upper" ("up to", "nearly"), "approx"
    ("about", "some") or "" (none; "over" as a verb's particle is none: "turned over 55,000 pages")."""
    m = _BOUND.search(before)
    if not m:
        return ""
    particle = _PARTICLE_OVER.search(before)
    if particle and particle.group(1).lower() in OVER_PARTICLE_VERBS:
        return ""
    word = " ".join(m.group(0).lower().split())
    return "lower" if word in LOWER_BOUNDS else "upper" if word in UPPER_BOUNDS else "approx"


def admits(x: Quantity, y: Quantity) -> bool:
    """Whether a bound on one side admits the other's value: the values each side admits overlap (a lower bound
    admits up to a factor ``BOUND_RATIO`` above it, an upper bound as far below, an approximation what rounds to it
    at its own precision: "about $3.6 billion" admits $3.62 billion, not $3.5 billion)."""
    if isinstance(x.value, str) or isinstance(y.value, str) or not (x.bound or y.bound):
        return False
    (lx, hx), (ly, hy) = _admitted(x), _admitted(y)
    return lx <= hy and ly <= hx


@lru_cache(maxsize=100_000)
def _admitted(q: Quantity) -> tuple[float, float]:
    v = float(q.value)
    if q.bound == "lower":
        return v, v * BOUND_RATIO
    if q.bound == "upper":
        return v / BOUND_RATIO, v
    if q.bound == "approx":
        half = _unit(q) / 2  # never wider than a bound's factor either way ("about 100" is no 50)
        return max(v - half, v / BOUND_RATIO), min(v + half, v * BOUND_RATIO)
    return v, v


def _unit(q: Quantity) -> float:
    """The precision a value is written at, in its own units: "$3.6 billion" 0.1 billion, "50,000" 10,000."""
    m = re.search(r"\d[\d,]*(?:\.(\d+))?", q.shown)
    if m is None:
        return abs(float(q.value)) * 2 * (BOUND_RATIO - 1) / (BOUND_RATIO + 1)  # a number word: as a bound
    written = float(m.group(0).replace(",", ""))
    scale = float(q.value) / written if written else 1.0
    if m.group(1):
        return scale * 10 ** -len(m.group(1))
    digits = m.group(0).replace(",", "")
    return scale * 10 ** (len(digits) - len(digits.rstrip("0")))


__all__ = ["BOUND_RATIO", "DATE_RE", "FULL_DATE_RE", "SINCE_RE", "WEEKDAY_RE", "Quantity", "admits", "is_time", "quantities", "stem"]
