"""Training data for the NLI models: SNLI rows, unrelated-neutral pairs (SNLI and news), the real-text
sets, rule-edited news pairs and synthetic pairs, assembled by :func:`build_dataset` from a TrainConfig."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

from contradict.errors import ContradictError
from contradict.lab.config import TrainConfig

# The id2label order of the models trained here (their configs and exports follow it). Score columns
# everywhere else follow contradict.backends.nli.LABELS, read from a model's id2label.
MODEL_LABELS = ("entailment", "neutral", "contradiction")


_STOP = set(
    """a an the and or but of in on at to for with by from is are was were be been being it its this that
    these those there their they them he she his her him we our you your i as not no into out up down over
    under than then so if while who whom which what when where why how all any some one two three man woman
    person people men women group other another while has have had do does did just very can will would""".split()
)


_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")


_SENT_SPLIT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“A-Z])")


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text) if w.lower() not in _STOP and len(w) > 3}


def read_snli(path: Path, limit: int | None = None) -> list[tuple[str, str, str, str]]:
    """Rows of (premise, hypothesis, label, group) from SNLI-format or premise/hypothesis jsonl."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            label = r.get("gold_label", r.get("label"))
            if label not in MODEL_LABELS:
                continue
            prem = r.get("sentence1", r.get("premise"))
            hyp = r.get("sentence2", r.get("hypothesis"))
            group = r.get("captionID") or r.get("pairID", "").split("#")[0] or prem
            rows.append((prem, hyp, label, group))
            if limit and len(rows) >= limit:
                break
    return rows


def snli_unrelated(rows, n_random: int, n_shared: int, rng: random.Random):
    """Neutral pairs: premise of one caption with the hypothesis of another (random / sharing a word)."""
    n = len(rows)
    out = _other_caption_pairs(rows, range(n), n_random, rng)
    by_word: dict[str, list[int]] = {}
    for j, r in enumerate(rows):
        for w in _content_words(r[1]):
            by_word.setdefault(w, []).append(j)
    words = sorted(w for w, js in by_word.items() if len(js) >= 5)
    made = 0
    tries = 0
    while made < n_shared and tries < n_shared * 20:
        tries += 1
        i = rng.randrange(n)
        ws = sorted(_content_words(rows[i][0]) & set(words))
        if not ws:
            continue
        j = rng.choice(by_word[rng.choice(ws)])
        if rows[i][3] != rows[j][3]:
            out.append((rows[i][0], rows[j][1], "neutral"))
            made += 1
    return out


def contra_hypothesis_neutral(rows, n: int, rng: random.Random):
    """Neutral pairs whose hypothesis was written as a contradiction of another caption.

    SNLI's contradiction hypotheses carry tell-tale words ("sleeping", "nobody", "cat"); a model can
    learn to call them contradictions without reading the premise. Shown with an unrelated premise
    they are neutral, which makes the premise matter.
    """
    return _other_caption_pairs(rows, [j for j, r in enumerate(rows) if r[2] == "contradiction"], n, rng)


def _other_caption_pairs(rows, hypotheses, n: int, rng: random.Random):
    """``n`` neutral pairs: a random row's premise with the hypothesis of a row from ``hypotheses``
    written for another caption. Bounded: a file of one caption has no other premise."""
    out: list[tuple[str, str, str]] = []
    tries = 0
    while hypotheses and len(out) < n and tries < n * 20:
        tries += 1
        i, j = rng.randrange(len(rows)), rng.choice(hypotheses)
        if rows[i][3] != rows[j][3]:
            out.append((rows[i][0], rows[j][1], "neutral"))
    return out


def _news_records(path: Path, max_articles: int):
    """The first ``max_articles`` records of a news jsonl."""
    with open(path, encoding="utf-8") as fh:
        for k, line in enumerate(fh):
            if k >= max_articles:
                break
            yield json.loads(line)


def _training_sentences(text: str) -> list[str]:
    """An article's sentences fit to train on: 8 to 45 words, no link, ending like a sentence."""
    return [s for para in text.split("\n") for s in _SENT_SPLIT.split(para.strip())
            if 8 <= len(s.split()) <= 45 and "http" not in s and s[-1:] in '.!"”']


def news_sentences(path: Path, rng: random.Random, max_articles: int = 5000):
    """(sentence, article id, topic, month) from a news jsonl; used only as unrelated-neutral material."""
    return [(s, r.get("id"), r.get("topic", ""), (r.get("date") or "")[:7])
            for r in _news_records(path, max_articles) for s in _training_sentences(r.get("text", ""))]


def news_unrelated(sents, n_random: int, n_shared: int, rng: random.Random):
    """Neutral pairs from different articles on different topics in different months (not one event)."""

    def unrelated(a, b):
        return a[1] != b[1] and a[2] != b[2] and a[3] != b[3]

    out: list[tuple[str, str, str]] = []
    n = len(sents)
    while len(out) < n_random:
        a, b = sents[rng.randrange(n)], sents[rng.randrange(n)]
        if unrelated(a, b):
            out.append((a[0], b[0], "neutral"))
    by_word: dict[str, list[int]] = {}
    for j, s in enumerate(sents):
        for w in _content_words(s[0]):
            by_word.setdefault(w, []).append(j)
    made = tries = 0
    while made < n_shared and tries < n_shared * 20:
        tries += 1
        a = sents[rng.randrange(n)]
        ws = sorted(w for w in _content_words(a[0]) if 3 <= len(by_word.get(w, ())) <= 5000)
        if not ws:
            continue
        b = sents[rng.choice(by_word[rng.choice(ws)])]
        if unrelated(a, b):
            out.append((a[0], b[0], "neutral"))
            made += 1
    return out


def news_same_article(path: Path, n: int, rng: random.Random, max_articles: int = 5000):
    """Neutral pairs of related sentences from one article: its headline, or one of its sentences, with another
    of its sentences that shares a content word, in a random order.

    One article does not contradict itself (near-paraphrases, over half their content words shared, are left
    out: they may entail), and its sentences are about one event, so these teach what unrelated pairs cannot:
    two claims on the same story, a headline and a body sentence among them, that neither imply nor rule out
    each other. Half of the pairs have the headline on one side."""
    articles = []
    for r in _news_records(path, max_articles):
        sents = _training_sentences(r.get("text", ""))
        title = " ".join((r.get("title") or "").split())
        if len(sents) >= 3:
            articles.append((title if 3 <= len(title.split()) <= 20 else "", sents))
    out: list[tuple[str, str, str]] = []
    tries = 0
    while len(out) < n and articles and tries < n * 30:
        tries += 1
        title, sents = articles[rng.randrange(len(articles))]
        if title and len(out) % 2 == 0:
            a = title
            b = sents[rng.randrange(len(sents))]
        else:
            i, j = rng.sample(range(len(sents)), 2)
            a, b = sents[i], sents[j]
        wa, wb = _content_words(a), _content_words(b)
        shared = wa & wb
        if not shared or len(shared) > 0.5 * min(len(wa), len(wb)) or a in b or b in a:
            continue
        out.append((a, b, "neutral") if rng.random() < 0.5 else (b, a, "neutral"))
    return out


def build_dataset(cfg: TrainConfig) -> list[tuple[str, str, str]]:
    rng = random.Random(cfg.seed)
    rows = read_snli(cfg.snli_train, cfg.limit)
    if cfg.snli_sample and cfg.snli_sample < len(rows):
        rows = random.Random(cfg.seed + 1).sample(rows, cfg.snli_sample)
    data = [(p, h, lab) for p, h, lab, _ in rows]
    if cfg.snli_swapped_contradiction:  # contradiction is symmetric; the pipeline scores both directions
        contra = [(h, p, lab) for p, h, lab in data if lab == "contradiction"]
        data += random.Random(cfg.seed + 2).sample(contra, min(len(contra), cfg.snli_swapped_contradiction))
    if cfg.snli_swapped_neutral:
        # Swapped contradictions alone teach "a short premise and a longer hypothesis: contradiction", and the
        # pipeline scores every pair in that direction too. A caption is neither implied nor ruled out by a
        # shorter sentence that was written from it (entailment) or about it (neutral).
        other = [(h, p, "neutral") for p, h, lab, _ in rows if lab != "contradiction"]
        data += random.Random(cfg.seed + 4).sample(other, min(len(other), cfg.snli_swapped_neutral))
    if cfg.snli_negated:  # so that "not" / "no one" alone decides nothing (contradict.synthetic.negate)
        from contradict.lab.synthetic import negated_pairs

        data += negated_pairs(rows, cfg.snli_negated, cfg.seed + 5)
    data += snli_unrelated(rows, cfg.snli_random_neutral, cfg.snli_shared_word_neutral, rng)
    if cfg.snli_contra_hyp_neutral:
        data += contra_hypothesis_neutral(rows, cfg.snli_contra_hyp_neutral, random.Random(cfg.seed + 3))
    if cfg.news_neutral:
        sents = news_sentences(cfg.news_neutral, rng)
        data += news_unrelated(sents, cfg.news_random_neutral, cfg.news_shared_word_neutral, rng)
    if cfg.news_same_article_neutral:
        if not cfg.news_neutral:
            raise ContradictError("news_same_article_neutral needs news articles", hint="pass --news-neutral")
        data += news_same_article(cfg.news_neutral, cfg.news_same_article_neutral, random.Random(cfg.seed + 7))
    if cfg.synthetic_news:
        from contradict.lab.synthetic import news_pairs

        data += news_pairs(cfg.synthetic_news, seed=cfg.seed, version=cfg.synthetic_version)
    for k, (path, n) in enumerate(cfg.real_text):
        real = [(p, h, lab) for p, h, lab, _ in read_snli(Path(path))]
        if n and n < len(real):
            real = random.Random(cfg.seed + 10 + k).sample(real, n)
        data += real
    if cfg.news_edits:
        if not cfg.news_neutral:
            raise ContradictError("news_edits needs news sentences", hint="pass --news-neutral (abp_5k.jsonl)")
        from contradict.lab.news_edits import news_edit_pairs

        data += news_edit_pairs(news_sentences(cfg.news_neutral, rng), cfg.news_edits, cfg.seed + 6,
                                denials=cfg.news_denials)
    return data
