"""Rule-built news-style NLI pairs from templates written for this project (no corpus text).

Why: unrelated-neutral pairs drawn from news teach a model that long, news-like sentence pairs are
neutral; it then calls nothing in real news a contradiction. These pairs show news-like sentences
in all three relations: contradiction (negation, number, ally/enemy, knew/surprised, supported/
fought swaps), entailment (clause dropping, generalisation;
from version 2 the same fact in other words: two negations, a time or number paraphrase) and neutral (same actors, another
event). Version 3 adds one event told twice, with another verb and other details: a cause in one
sentence and a consequence in the other is neutral, not a contradiction; another day is.
Seeded and deterministic.
"""

from __future__ import annotations

import random

ACTORS = ["the United States", "Iran", "Russia", "Turkey", "Saudi Arabia", "the Iraqi government", "the CIA",
          "the Kurdish regional government", "Qatar", "the Syrian government", "France", "Britain", "Israel",
          "the European Union", "China", "Jordan", "Egypt", "the White House", "the Pentagon", "Hezbollah"]
GROUPS = ["the rebel militia", "the Islamic State", "the armed opposition", "the separatist movement",
          "the Shia militias", "the insurgents", "the Free Syrian Army", "the tribal fighters", "al-Nusra",
          "the border guards", "the national army", "the paramilitary units"]
PEOPLE = ["President Harlan", "Prime Minister Okafor", "Defence Minister Valdes", "General Petrov",
          "Governor Lindqvist", "Senator Mbeki", "Ambassador Rossi", "Foreign Minister Haddad",
          "Mayor Brennan", "spokesman Tariq Aziz", "Commander Yilmaz", "Secretary Calloway"]
PLACES = ["Mosul", "Aleppo", "Tikrit", "Raqqa", "Kirkuk", "Idlib", "Fallujah", "Basra", "Homs", "Deir ez-Zor",
          "the border town of Kobane", "the northern province", "the capital", "the southern port"]
MONTHS = ["January", "March", "April", "June", "August", "October", "December"]
TAILS = ["", "", ", according to officials familiar with the matter", ", despite repeated denials from the government",
         ", a move that surprised many observers in the region", ", as the conflict entered its fourth year",
         ", according to documents seen by reporters", ", while diplomats were meeting in Geneva"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TIME_PARAPHRASES = [("early on {d} morning", "in the early hours of {d}"), ("late on {d}", "on {d} evening"),
                    ("on {d} at dawn", "at first light on {d}"), ("shortly after midnight on {d}", "in the early hours of {d}"),
                    ("on {d} afternoon", "on {d}, after midday")]
# version 3: things that fail, with verbs that say the same of them, and details that can all be true at once
EVENTS = [
    ("the dam above {pl}", ["collapsed", "failed", "gave way", "burst"],
     ["after days of heavy rain", "after years of poor maintenance", "following a week of storms"],
     ["sending a wall of water into the valley", "flooding the lower town", "forcing thousands from their homes"]),
    ("the bridge over the river at {pl}", ["collapsed", "gave way", "came down"],
     ["under the weight of a convoy", "after engineers had warned about cracks", "during a heavy storm"],
     ["cutting the main road to the coast", "leaving two villages cut off", "trapping several vehicles"]),
    ("the ceasefire in {pl}", ["collapsed", "broke down", "fell apart"],
     ["after a border clash", "amid accusations from both sides", "after only nine days"],
     ["triggering a new wave of fighting", "forcing aid convoys to turn back", "ending hopes of talks"]),
    ("the power grid in {pl}", ["failed", "went down", "broke down"],
     ["during a heatwave", "after a fire at the main substation", "after a cyber attack"],
     ["leaving hospitals on generators", "plunging the city into darkness", "halting the trams"]),
    ("the peace talks in {pl}", ["collapsed", "broke down", "fell apart"],
     ["over the question of prisoners", "after the delegations failed to agree an agenda", "when one side walked out"],
     ["raising fears of renewed fighting", "leaving the mediators empty-handed", "prompting both sides to trade blame"]),
]
SOURCES = ["Officials confirmed that", "The ministry said that", "Police said that", "Witnesses said that",
           "The regional authority confirms that", "Local media reported that"]
NEUTRAL_FACTS = ["{a} announced new elections for next spring", "{a} is facing a severe economic crisis",
                 "{a} opened a new embassy in the region last year", "{a} has a population of several million",
                 "{p} gave a long speech about education reform", "{p} travelled to Brussels for a summit",
                 "{a} signed a trade agreement on agricultural exports", "{p} was elected three years ago",
                 "{a} increased its oil production in {m}", "{p} met business leaders to discuss investment"]


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]  # str.capitalize() would lower-case "White House" and "al-Nusra"


def _tail(r):
    return r.choice(TAILS)


def _n(r):
    return r.choice([12, 18, 25, 40, 72, 150, 255, 300, 1400, 3000])


def _paraphrases(r, a, g, pl, m, n, t):
    """Agreement in different words: two negations, a time paraphrase, a number paraphrase, a denial."""
    day = r.choice(DAYS)
    yield (f"No one was killed when {g} attacked {pl} in {m}{t}.",
           f"{r.choice(['Nobody died', 'There were no deaths', 'No lives were lost'])} in the attack on {pl}.",
           "entailment")
    yield (f"{_cap(a)} did not supply any weapons to {g}{t}.",
           f"{_cap(a)} {r.choice(['never armed', 'gave no weapons to', 'did not arm'])} {g}.", "entailment")
    when, same = r.choice(TIME_PARAPHRASES)
    yield (f"{_cap(g)} attacked {pl} {when.format(d=day)}{t}.",
           f"The attack by {g} on {pl} took place {same.format(d=day)}.", "entailment")
    yield (f"At least {n} people were killed when {g} attacked {pl}{t}.",
           f"{r.choice(['No fewer than', 'A minimum of'])} {n} people died in the attack on {pl}.", "entailment")
    yield (f"{_cap(a)} denied any involvement in the attack on {pl}{t}.",
           f"{_cap(a)} said it played no part in the attack on {pl}.", "entailment")


def _same_event(r, pl):
    """One event told twice: other verb, other time words, other details (version 3)."""
    thing, verbs, causes, effects = r.choice(EVENTS)
    thing = thing.format(pl=pl)
    v1, v2 = r.sample(verbs, 2)
    day, other_day = r.sample(DAYS, 2)
    when, same = r.choice(TIME_PARAPHRASES)
    when, same = when.format(d=day), r.choice([same.format(d=day), f"on {day}"])
    cause, effect = r.choice(causes), r.choice(effects)
    source = r.choice(SOURCES)
    yield (f"{_cap(thing)} {v1} {when}, {effect}.", f"{_cap(thing)} {v2} {same} {cause}.", "neutral")
    yield (f"{_cap(thing)} {v1} {when} {cause}.", f"{source} {thing} {v2} {same}, {effect}.", "neutral")
    yield (f"{_cap(thing)} {v1} {when} {cause}, {effect}.", f"{source} {thing} {v2} {same}.", "entailment")
    yield (f"{_cap(thing)} {v1} {when}, {effect}.", f"{_cap(thing)} {v2} {same}.", "entailment")
    yield (f"{_cap(thing)} {v1} {when} {cause}.", f"{_cap(thing)} {v2} on {other_day}, not on {day}.",
           "contradiction")
    has = "have" if thing.startswith("the peace talks") else "has"
    yield (f"{source} {thing} {v1} {when}, {effect}.", f"{_cap(thing)} {has} not {_PARTICIPLE[v2]}.",
           "contradiction")


_PARTICIPLE = {"collapsed": "collapsed", "failed": "failed", "gave way": "given way", "burst": "burst",
               "came down": "come down", "broke down": "broken down", "fell apart": "fallen apart",
               "went down": "gone down"}


def _templates(r, version: int):
    cap = _cap if version >= 2 else str.capitalize  # version 1 lower-cased "White House"
    a, b = r.sample(ACTORS, 2)
    g = r.choice(GROUPS)
    p = r.choice(PEOPLE)
    pl = r.choice(PLACES)
    m = r.choice(MONTHS)
    y = r.choice(range(2004, 2021))
    n = _n(r)
    n2 = r.choice([x for x in (0, 3, 7, 60, 500, 2000) if x != n])
    t = _tail(r)
    yield (f"{cap(a)} secretly supplied weapons to {g} in {y}{t}.",
           f"{cap(a)} never supplied any weapons to {g}.", "contradiction")
    yield (f"{cap(a)} supplied weapons to {g} in {y}{t}.",
           f"{cap(a)} provided {g} with weapons.", "entailment")
    yield (f"Officials in {a} were caught by surprise when {g} captured {pl} in {m}{t}.",
           f"Officials in {a} knew in advance that {g} would capture {pl}.", "contradiction")
    yield (f"{cap(a)} is a close ally of {b} in the fight against {g}{t}.",
           f"{cap(a)} is an enemy of {b}.", "contradiction")
    yield (f"{cap(a)} is working with {b} to defeat {g}{t}.",
           f"{cap(a)} and {b} are cooperating against {g}.", "entailment")
    yield (f"{cap(a)} fought against {g} in {pl} for several months{t}.",
           f"{cap(a)} supported {g} in {pl}.", "contradiction")
    yield (f"At least {n} people were killed when {g} attacked {pl} on a Tuesday in {m}{t}.",
           f"No one was killed in the attack on {pl}.", "contradiction")
    yield (f"No one was killed when {g} attacked {pl} in {m}{t}.",
           f"At least {n} people were killed in the attack on {pl}.", "contradiction")
    yield (f"At least {n} people were killed when {g} attacked {pl} in {m}{t}.",
           f"Exactly {n2} people were killed in the attack on {pl}." if n2 else f"Nobody died in {pl}.",
           "contradiction")
    yield (f"At least {n} people were killed when {g} attacked {pl} in {m}{t}.",
           f"People were killed in an attack on {pl}.", "entailment")
    yield (f"{p} said on Monday that {a} would withdraw its troops from {pl} by {m}{t}.",
           f"{p} said that {a} would keep its troops in {pl} indefinitely.", "contradiction")
    yield (f"{p} said on Monday that {a} would withdraw its troops from {pl} by {m}{t}.",
           f"{p} spoke about troops in {pl}.", "entailment")
    yield (f"{cap(g)} withdrew from {pl} in {m} {y}, and the city was retaken by {a}{t}.",
           f"{cap(g)} still controls {pl}.", "contradiction")
    yield (f"{cap(g)} withdrew from {pl} in {m} {y}, and the city was retaken by {a}{t}.",
           f"{cap(g)} withdrew from {pl}.", "entailment")
    yield (f"The attack on {pl} was planned by {g}{t}.",
           f"{cap(g)} had nothing to do with the attack on {pl}.", "contradiction")
    yield (f"{cap(a)} denied any involvement in the attack on {pl}{t}.",
           f"{cap(a)} admitted that it carried out the attack on {pl}.", "contradiction")
    if version >= 2:
        yield from _paraphrases(r, a, g, pl, m, n, t)
    if version >= 3:
        yield from _same_event(r, pl)
    fact = r.choice(NEUTRAL_FACTS).format(a=cap(a), p=p, m=m)
    yield (f"{cap(a)} supplied weapons to {g} in {y}{t}.", f"{fact}.", "neutral")
    yield (f"{p} said that {a} would withdraw its troops from {pl}{t}.",
           f"{p} expects the negotiations with {b} to take several weeks.", "neutral")
    yield (f"At least {n} people were killed when {g} attacked {pl}{t}.",
           f"{cap(g)} was founded by former soldiers.", "neutral")
    yield (f"{cap(a)} is a close ally of {b}{t}.", f"{cap(a)} and {b} share a long border.", "neutral")


def news_pairs(n: int, seed: int = 21, version: int = 2) -> list[tuple[str, str, str]]:
    """``n`` (premise, hypothesis, label) pairs, balanced by label, deterministic for a seed.

    Version 1 is what phase 3 was trained on; version 2 (phase 4) adds the paraphrase templates
    and keeps the capitals of names ("The White House", not "The white house").
    """
    r = random.Random(seed)
    by: dict[str, list] = {"contradiction": [], "entailment": [], "neutral": []}
    seen = set()
    while min(len(v) for v in by.values()) < n // 3 + 1:
        for p, h, lab in _templates(r, version):
            if (p, h) not in seen and len(by[lab]) < n // 3 + 1:
                seen.add((p, h))
                by[lab].append((p, h, lab))
    out = [x for lab in ("contradiction", "entailment", "neutral") for x in by[lab][: n // 3]]
    r.shuffle(out)
    return out


# ---------------------------------------------------------------- counterfactual negation
# If a premise neither implies nor rules out a sentence (neutral), it neither implies nor rules out
# that sentence's negation either; if it implies the sentence, it rules out the negation. Negated
# SNLI hypotheses therefore come in both labels, and a model that reads "not" / "no one" as a
# contradiction by itself (SICK's neutral pairs; "No one was killed in the flood." against any flood
# report) gets pairs where negation alone decides nothing.

_AUX = {"is", "are", "was", "were", "has", "have", "had", "can", "will", "does", "do", "did"}
_DO = {"does", "do", "did"}  # "does a trick": a main verb as often as an auxiliary
_NEGATIONS = {"not", "no", "nobody", "none", "never", "nothing", "neither", "nor", "nowhere", "cannot", "without"}
_CLAUSE = {"who", "that", "which", "while", "because", "where", "when", "whose", "if", "as"}
_ONE = {"a", "an"}
_PERSON = {"man", "woman", "person", "boy", "girl", "child", "kid", "guy", "lady"}


def negate(sentence: str, r: random.Random | None = None) -> str | None:
    """The negation of a simple declarative sentence, or None when no safe rule applies.

    "A man is playing a guitar." -> "A man is not playing a guitar." or, with ``r``, sometimes
    "No man is playing a guitar." ("No one" for "a person" / "someone"). Only the first auxiliary of
    the main clause is negated; sentences that already hold a negation, start with their verb, put a
    clause or comma before it, or join two predicates after it ("is tall and smiles": negating the
    first would not negate the whole) are left alone.
    """
    words = sentence.strip().split()
    if len(words) < 3:
        return None
    low = [w.lower().strip(",.;:!?\"'") for w in words]
    if low[0] in ("some", "many", "few", "most", "several") or any(w in _NEGATIONS or w.endswith("n't") for w in low):
        return None
    for i, w in enumerate(low):
        if w in _CLAUSE or "," in words[i]:
            return None
        if w in _AUX:
            break
    else:
        return None
    rest = low[i + 1:]
    if i == 0 or low[i] in _DO or not rest or rest[0] == "to" or any(w in ("and", "but", "or") for w in rest):
        return None  # a question, "is to", or a predicate in two parts
    if low[i] in ("has", "have", "had") and not (rest[0] == "been" or rest[0].endswith(("ed", "en"))):
        return None  # "has cracks": a main verb, which would need "does not have"
    subject = low[:i]
    if r is not None and r.random() < 0.5 and subject[0] in _ONE | {"someone", "somebody"} and len(subject) <= 2:
        if subject in (["someone"], ["somebody"]) or subject[1:] in (["person"],):
            head = "No one"
        elif len(subject) == 2 and subject[1] in _PERSON:
            head = "No " + words[1].lower()
        else:
            head = None
        if head:
            aux = {"are": "is", "were": "was", "have": "has"}.get(low[i], low[i])
            return " ".join([head, aux] + words[i + 1:])
    return " ".join(words[: i + 1] + ["not"] + words[i + 1:])


def negated_pairs(rows, n: int, seed: int) -> list[tuple[str, str, str]]:
    """Up to ``n`` pairs from (premise, hypothesis, label, ...) rows with the hypothesis negated.

    Neutral stays neutral; entailment becomes contradiction; contradiction rows are not used (the
    negation of an SNLI contradiction is rarely implied by its premise). Half of each label.
    """
    r = random.Random(seed)
    out: dict[str, list] = {"neutral": [], "contradiction": []}
    order = list(range(len(rows)))
    r.shuffle(order)
    for j in order:
        p, h, lab = rows[j][:3]
        new = {"neutral": "neutral", "entailment": "contradiction"}.get(lab)
        if new is None or len(out[new]) >= n // 2:
            continue
        neg = negate(h, r)
        if neg:
            out[new].append((p, neg, new))
        if all(len(v) >= n // 2 for v in out.values()):
            break
    return out["neutral"] + out["contradiction"]
