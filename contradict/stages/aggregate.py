"""Roll scored claim pairs up into tensions between articles.

Pair score (the ranking score): P(contradiction) x relatedness (see ``pairs.relatedness``), so an
unrelated pair that a model calls contradictory ranks below a related one. Agreements are ranked
by P(entailment), in the direction that reads it best, x relatedness.

Every pair gets a kind (:func:`classify`): numeric (the claims give one quantity different values, by
rule), update (such a difference, or an NLI contradiction, within a story where one article is dated
after the other), factual (an NLI contradiction), agreement (an NLI entailment), restatement (an NLI
contradiction between two spellings of one statement: not a disagreement, only counted), occasions (an NLI
contradiction across stories resting on other numbers, days or weekdays: two occasions, only counted), furniture
(an NLI contradiction where a claim is a line of the page's furniture, a video promo or a photo caption: only
counted). A numeric difference that the NLI model reads as neutral is still a disagreement: its score takes
P(contradiction) as at least ``RULE_PROBABILITY``.

A tension is one article pair: its disagreements whose score reaches the threshold (0.35 by default),
agreements, a topic label (the names most shared by its disagreeing pairs) and a score: the sum of its
disagreement scores.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from contradict.stages.kinds import (
    kind_of,
    numeric_difference,
    other_occasions,
    page_furniture,
    restated,
    stem,
    straight,
)
from contradict.stages.pairs import relatedness, without_numbers
from contradict.stages.slots import slot_differences
from contradict.types import Claim, Difference, Entity, EntityKind, Kind, Pair, Reason, Route, Tension
from contradict.words import CONTEXT_STOPWORDS, LABEL_STOPWORDS, NUMBER_WORDS

RULE_PROBABILITY = 0.5  # what a rule-found numeric difference counts as, when the NLI model reads less
DISAGREEMENTS = (Kind.NUMERIC, Kind.UPDATE, Kind.FACTUAL, Kind.FRAMING)
LEFT_OUT = (Kind.RESTATEMENT, Kind.OCCASIONS, Kind.FURNITURE)  # NLI contradictions counted, not listed


def make_pair(a: Claim, b: Claim, label: str, probs: dict, similarity: float, reasons: Sequence[Reason],
              shared: Sequence[Entity], entailment_one_way: float = 0.0) -> Pair:
    if (a.article_id, a.id) > (b.article_id, b.id):
        a, b = b, a
    rel = relatedness(similarity, without_numbers(shared))  # a shared number says little about relatedness
    return Pair(a=a, b=b, label=label, probs=probs, similarity=round(similarity, 4),
                score=round(probs["contradiction"] * rel, 4), reasons=tuple(reasons), shared=tuple(shared),
                entailment_one_way=round(entailment_one_way, 4))


def agreement_score(p: Pair) -> float:
    """P(entailment) in the direction that reads it best (one claim implying the other), x relatedness.

    Unlike a pair's score, this counts shared numbers in the relatedness (as it always has; kept so that
    reports do not change without a measured reason)."""
    return round(max(p.probs["entailment"], p.entailment_one_way) * relatedness(p.similarity, p.shared), 4)


def classify(p: Pair, story_of: Mapping[str, str], days: Mapping[str, dt.date | None], slot_findings: bool = False,
             ruled: Mapping[str, tuple[str, Difference]] | None = None) -> Pair:
    """The pair with its story, kind and numeric difference (and, for a rule-found difference, its score).
    ``days``: each article's day (:attr:`contradict.types.Article.day`).

    ``ruled``: the rule differences the parse anchored (:func:`contradict.stages.anchors.rule_differences`), by pair id;
    given, they are the only rule differences read (numbers and every slot of a fact); without a parse (frames
    off, or a fake reader) the numeric rule reads alone, unanchored."""
    sa = story_of.get(p.a.article_id, "")
    story = sa if sa and sa == story_of.get(p.b.article_id) else ""
    names = sum(1 for e in p.shared if e.kind is EntityKind.NAME)
    if ruled is not None:
        slot, diff = ruled.get(p.id, ("", None))
    else:
        diff = numeric_difference(p.a.text, p.b.text, p.similarity, names)
        slot = "number" if diff is not None else ""
    if diff is None and ruled is None and story and slot_findings and any(r.route is Route.FACT for r in p.reasons):
        # claims of one fact: every slot is compared (contradict.stages.slots). Off by default: read on 110 labelled
        # abp_5k fact pairs whose slots differ, none was a real disagreement (benchmarks/news_labels); the slots
        # are the verifier's features and the `contradict facts` table's differences instead
        found = slot_differences(p.a.text, p.b.text, days.get(p.a.article_id), days.get(p.b.article_id),
                                 p.similarity, names)
        if found:
            slot = found[0].slot
            diff = Difference(found[0].thing if slot == "number" else slot, found[0].a, found[0].b)
    restates = p.label == "contradiction" and restated(p.a.text, p.b.text)
    occasions = p.label == "contradiction" and not story and other_occasions(p.a.text, p.b.text)
    furniture = p.label == "contradiction" and (page_furniture(p.a.text) or page_furniture(p.b.text))
    kind = kind_of(p.label, diff, days.get(p.a.article_id), days.get(p.b.article_id), bool(story), restates,
                   occasions, furniture)
    if kind is Kind.NUMERIC and slot != "number":
        kind = Kind.FACTUAL  # a date, place, person or denial slot: a factual disagreement found by rule
    score = p.score
    by_rule = diff is not None and (kind in (Kind.NUMERIC, Kind.UPDATE) or (kind is Kind.FACTUAL and slot != "number"))
    if by_rule:
        rel = relatedness(p.similarity, without_numbers(p.shared))
        score = round(max(p.probs["contradiction"], RULE_PROBABILITY) * rel, 4)
    return replace(p, story=story, kind=kind, difference=diff if by_rule else None, score=score)


def is_disagreement(p: Pair) -> bool:
    return p.kind in DISAGREEMENTS if p.kind is not None else p.label == "contradiction"


def counts_as_contradiction(p: Pair, threshold: float) -> bool:
    return is_disagreement(p) and p.score >= threshold


def rank(pairs: Iterable[Pair], top: int | None = None) -> tuple[list[Pair], list[Pair]]:
    """(disagreements by score, agreements by agreement score); ties broken by pair id.

    The threshold does not filter this list: it decides which disagreements count in tensions.
    """
    pairs = list(pairs)
    contra = sorted((p for p in pairs if is_disagreement(p)), key=lambda p: (-p.score, p.id))
    agree = sorted((p for p in pairs if p.label == "entailment"), key=lambda p: (-agreement_score(p), p.id))
    if top is not None:
        contra, agree = contra[:top], agree[:top]
    return contra, agree


def topic(pairs: Sequence[Pair], limit: int = 3) -> str:
    """What a tension is about: the names its pairs share most, then the content words both claims of a pair use
    (never a weekday, a bare number or a verb's -ed / -ing form); "no shared terms" only when they share nothing."""
    names: Counter[str] = Counter()
    shown: dict[str, str] = {}
    for p in pairs:
        for e in p.shared:
            if e.kind is EntityKind.NAME and e.value.lower() not in LABEL_STOPWORDS and e.value.lower() not in NUMBER_WORDS:
                names[e.value.lower()] += 1
                shown.setdefault(e.value.lower(), e.value)
    best = [shown[k] for k, _ in sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]]
    if len(best) < limit:  # then the content words both claims use, not a verb's past or -ing form ("Lieberman",
        # not "Lieberman and defended"; "U.S., economy and jobs")
        words: Counter[str] = Counter()
        for p in pairs:
            words.update(w for w in shared_terms(p.a.text, p.b.text) if not w.endswith(("ed", "ing")))
        taken = " ".join(best).lower()
        best += [w for w, _ in sorted(words.items(), key=lambda kv: (-kv[1], kv[0])) if w not in taken][:limit - len(best)]
    if not best:
        return "no shared terms"
    text = describe_words(best)
    return text


def _stop_words() -> frozenset[str]:
    """spaCy's English stop words (a maintained list: "because", "would", "don't") with the project's own."""
    return frozenset(_spacy_stop_words()) | LABEL_STOPWORDS | CONTEXT_STOPWORDS | NUMBER_WORDS.keys()


def _spacy_stop_words() -> set[str]:
    """spaCy's English stop-word list, its module file run alone when spaCy is not imported yet: importing
    ``spacy.lang.en.stop_words`` imports spaCy, thinc and PyTorch (5 to 7 s of a report that loads no model)."""
    if "spacy" not in sys.modules:
        spec = importlib.util.find_spec("spacy")
        if spec is not None and spec.submodule_search_locations:
            path = Path(next(iter(spec.submodule_search_locations))) / "lang" / "en" / "stop_words.py"
            words = importlib.util.spec_from_file_location("_contradict_spacy_stop_words", path)
            if path.is_file() and words is not None and words.loader is not None:
                module = importlib.util.module_from_spec(words)
                words.loader.exec_module(module)
                return module.STOP_WORDS
    from spacy.lang.en.stop_words import STOP_WORDS

    return STOP_WORDS


_STOP: frozenset[str] | None = None


def shared_terms(a: str, b: str) -> list[str]:
    """Content words (3+ letters, no function words, weekdays or numbers) that both claims use, by stem.
    Curly apostrophes are read as straight ones, so "don’t" is one word (a stop word), never "don"."""
    global _STOP
    if _STOP is None:
        _STOP = _stop_words()

    def terms(t: str) -> dict[str, str]:
        t = straight(t)
        return {stem(w): w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]{2,}", t)
                if w.lower() not in _STOP and not w.lower().endswith("n't")}

    ta, tb = terms(a), terms(b)
    return sorted(ta[k] for k in set(ta) & set(tb))


def describe_words(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def tensions(pairs: Iterable[Pair], threshold: float) -> list[Tension]:
    by_articles: dict[tuple[str, str], list[Pair]] = defaultdict(list)
    for p in pairs:
        by_articles[(p.a.article_id, p.b.article_id)].append(p)
    out = []
    for key, ps in by_articles.items():
        contra = [p for p in ps if counts_as_contradiction(p, threshold)]
        agree = [p for p in ps if p.label == "entailment"]
        if not contra and not agree:
            continue
        contra.sort(key=lambda p: (-p.score, p.id))
        out.append(Tension(
            articles=key, topic=topic(contra or agree), contradictions=len(contra), agreements=len(agree),
            score=round(sum(p.score for p in contra), 4), pair_ids=tuple(p.id for p in contra),
        ))
    out.sort(key=lambda t: (-t.score, -t.agreements, t.articles))
    return out
