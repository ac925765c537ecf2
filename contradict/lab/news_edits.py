"""NLI training pairs made from real news sentences by rules; the label comes from the rule.

Sentences are unlabelled text (``abp_5k.jsonl``); each pair is a sentence and an edit of it:

* contradiction: one number changed ("voted 396-9" -> "voted 396-19"), a weekday or a month
  changed ("on Wednesday" -> "on Tuesday"), the main clause negated (:func:`synthetic.negate`), or a
  statement turned into its denial ("The ministry said 77 people had died" -> "The ministry denied that 77
  people had died"): two reports of one source that cannot both be right.
  Numbers after a bound ("more than 200", "at least", "about") are left alone: "more than 150"
  does not contradict "more than 200".
* entailment: the sentence without a trailing detail (", and ..." clause, " on Tuesday", a final
  "in/at/during ..." phrase): the shorter sentence is implied by the longer one.
* neutral: two different sentences of the same article, not adjacent: the same story, yet neither
  implies nor rules out the other (mostly; the rule is approximate, and the card says so).

Half of the edited pairs put the edit first, since reports score both directions.
"""

from __future__ import annotations

import random
import re

from contradict.lab.synthetic import negate

DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "June", "July", "August", "September", "October",
          "November", "December")  # "May" is also a verb
BOUNDS = {"more", "less", "fewer", "least", "most", "about", "around", "nearly", "almost", "over", "under",
          "approximately", "roughly", "some", "up", "than", "estimated", "top", "exceed", "exceeding"}
_NUMBER = re.compile(r"(?<![\w.,$-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\w,.-]\d)")
_DAY = re.compile(r"\b(" + "|".join(DAYS) + r")\b")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")
_TRAIL = re.compile(r"(,\s+(?:and|but|while|as|after|before|which)\s+[^,]{12,}|\s+(?:on|last|this)\s+(?:"
                    + "|".join(DAYS) + r")(?:\s+(?:night|morning|afternoon|evening))?|\s+(?:in|during)\s+(?:the\s+)?[A-Z][^,]{2,40})"
                    r"([.!\"”]*)$")
_DANGLING = {"to", "of", "at", "in", "on", "for", "with", "by", "from", "the", "a", "an", "and", "or", "leaving",
             "than", "as", "that", "is", "was", "were", "are", "be", "been"}


def _other_number(text: str, r: random.Random) -> str:
    value = float(text.replace(",", ""))
    if value >= 1900 and value <= 2030 and "." not in text and "," not in text:  # a year
        new = value + r.choice((-3, -2, -1, 1, 2, 3))
    elif value < 10:
        new = r.choice([k for k in range(1, 13) if k != value])
    else:
        new = round(value * r.choice((0.5, 0.6, 0.75, 1.3, 1.5, 2.0)))
        if new == value:
            new = value + 1
    if "." in text and "," not in text:
        return f"{new:.{len(text.split('.')[1])}f}"
    return f"{int(new):,}" if "," in text else str(int(new))


def change_number(sentence: str, r: random.Random) -> str | None:
    """The sentence with one unbounded number changed, or None."""
    spots = []
    for m in _NUMBER.finditer(sentence):
        before = sentence[: m.start()].split()[-2:]
        if any(w.lower().strip(",.\"'($") in BOUNDS for w in before) or sentence[m.end():m.end() + 1] == "%":
            continue
        spots.append(m)
    if not spots:
        return None
    m = r.choice(spots)
    return sentence[: m.start()] + _other_number(m.group(1), r) + sentence[m.end():]


def change_name(sentence: str, pattern: re.Pattern, names: tuple[str, ...], r: random.Random) -> str | None:
    m = pattern.search(sentence)
    if not m:
        return None
    new = r.choice([n for n in names if n != m.group(1)])
    return sentence[: m.start()] + new + sentence[m.end():]


def drop_detail(sentence: str) -> str | None:
    """The sentence without its trailing detail, or None when nothing safe can be dropped."""
    m = _TRAIL.search(sentence)
    if not m or "said" in m.group(1) or " not " in m.group(1):
        return None
    kept = sentence[: m.start()].rstrip(",; ")
    if len(kept.split()) < 6 or kept.split()[-1].lower() in _DANGLING or kept.count('"') % 2 or kept.count("“") != kept.count("”"):
        return None
    return kept + "."


_SAID = re.compile(r"^(?P<who>[A-Z][^,;:\"“”]{2,80}?)\s+said(?:\s+(?:on\s+)?(?P<day>" + "|".join(DAYS) + r"))?"
                   r"(?:\s+that)?\s+(?P<what>[a-z0-9$][^\"“”]{15,})$")


def deny(sentence: str) -> str | None:
    """'X said (on Friday) (that) Y.' -> 'X denied (on Friday) that Y.', or None."""
    m = _SAID.match(sentence.strip())
    if not m or m.group("who").split()[-1].lower() in ("he", "she", "it", "they", "who"):
        return None
    day = f" on {m.group('day')}" if m.group("day") else ""
    return f"{m.group('who')} denied{day} that {m.group('what')}"


def contradiction_edit(sentence: str, r: random.Random, denials: bool = False) -> str | None:
    """One contradicting edit of ``sentence``; ``denials`` adds :func:`deny` (off in the recorded recipes, whose
    data it would change)."""
    edits = [lambda s: change_number(s, r), lambda s: change_name(s, _DAY, DAYS, r),
             lambda s: change_name(s, _MONTH, MONTHS, r), lambda s: negate(s)] + ([deny] if denials else [])
    r.shuffle(edits)
    for edit in edits:
        new = edit(sentence)
        if new and new != sentence:
            return new
    return None


def news_edit_pairs(sentences, n: int, seed: int, denials: bool = False) -> list[tuple[str, str, str]]:
    """About ``n`` pairs (45% contradiction, 30% entailment, 25% neutral) from (sentence, article id, ...)
    tuples in article order (as :func:`contradict.lab.data.news_sentences` gives them)."""
    r = random.Random(seed)
    want = {"contradiction": round(n * 0.45), "entailment": round(n * 0.30)}
    want["neutral"] = n - want["contradiction"] - want["entailment"]
    out: dict[str, list] = {k: [] for k in want}
    order = list(range(len(sentences)))
    r.shuffle(order)
    by_article: dict[str, list[int]] = {}
    for j, s in enumerate(sentences):
        by_article.setdefault(s[1], []).append(j)

    def add(label, a, b):
        if len(out[label]) < want[label]:
            out[label].append((a, b, label) if r.random() < 0.5 or label == "entailment" else (b, a, label))

    for j in order:
        s, article = sentences[j][0], sentences[j][1]
        pick = r.random()
        if pick < 0.5:
            new = contradiction_edit(s, r, denials)
            if new:
                add("contradiction", s, new)
        elif pick < 0.8:
            new = drop_detail(s)
            if new:
                add("entailment", s, new)
        else:
            mates = [k for k in by_article[article] if abs(k - j) > 1]
            if mates:
                add("neutral", s, sentences[r.choice(mates)][0])
        if all(len(out[k]) >= want[k] for k in want):
            break
    return out["contradiction"] + out["entailment"] + out["neutral"]
