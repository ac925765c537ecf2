"""Stories: articles that report the same event, grouped from their titles, leads, names and dates.

Each article is read as its title and lead (:func:`story_text`), embedded with the claim encoder, and
linked to its nearest articles (a faiss neighbour search, never all pairs over articles). A link's
strength is the cosine of the two texts lifted by the rare names they share (idf-weighted, capped).
Links are merged strongest first, average-linkage style: two groups join only when the mean strength
over all their article pairs reaches ``threshold`` and the joined group spans at most ``max_days``
(articles without a usable date are grouped by text alone). An unrelated article stays a story of its own.

Story ids are kept across runs: a group that holds articles of an earlier story takes that story's id
(the earlier story with most articles in it; ties by id), so a new article joins the story it belongs to
and the story keeps its name. A new group is named after its earliest article (by date, then id), which
does not depend on the order articles were read in.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass

import numpy as np

from contradict.dates import believed
from contradict.stages.entities import entities
from contradict.types import Article, EntityKind, Story, content_hash
from contradict.words import LABEL_STOPWORDS, LABEL_TITLE_WORDS

log = logging.getLogger(__name__)

LEAD_CHARS = 400  # of the article text after its title: a news lead


@dataclass(frozen=True)
class StoryParams:
    threshold: float = 0.5  # mean link strength for two groups to be one story (tuned on PAC, see docs/how-it-works.md)
    name_weight: float = 0.06  # per idf-weighted shared rare name
    name_cap: float = 0.18
    max_days: int = 7  # a story spans at most this many days
    neighbours: int = 10


def story_text(a: Article) -> str:
    """The title and the lead: what says which event an article reports."""
    body = a.text
    if a.title and body.startswith(a.title):
        body = body[len(a.title):]
    body = " ".join(body.split())
    lead = body[:LEAD_CHARS]
    if len(body) > LEAD_CHARS and " " in lead:
        lead = lead.rsplit(" ", 1)[0]
    return f"{a.title}. {lead}" if a.title else lead


def names_of(text: str) -> set[str]:
    """The names of a title and lead, lower-cased (weekdays and other label stopwords left out)."""
    return {e.value.lower() for e in entities(text) if e.kind is EntityKind.NAME} - LABEL_STOPWORDS


def group(ids: Sequence[str], vectors: np.ndarray, names: Sequence[set[str]], dates: Sequence[dt.date | None],
          p: StoryParams = StoryParams()) -> list[list[str]]:
    """Groups of article ids (each sorted), from unit ``vectors`` (one row per id)."""
    n = len(ids)
    if n == 0:
        return []
    df: Counter[str] = Counter(x for ns in names for x in ns)
    rare = max(3, int(0.02 * n))  # a name in more than 2% of articles says little about the event

    def idf(x: str) -> float:
        return math.log(1 + n / df[x]) / math.log(1 + n) if df[x] <= rare else 0.0

    def strength(i: int, j: int, cos: float) -> float:
        lift = math.fsum(idf(x) for x in names[i] & names[j]) * p.name_weight  # exact: no set-order rounding
        return float(cos) + min(p.name_cap, lift)

    def within_days(i: int, j: int) -> bool:
        a, b = dates[i], dates[j]
        return a is None or b is None or abs((a - b).days) <= p.max_days

    import faiss

    index = faiss.IndexFlatIP(vectors.shape[1])
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    k = min(n, p.neighbours + 1)
    sims, nbrs = index.search(np.ascontiguousarray(vectors, dtype=np.float32), k)
    links: dict[tuple[int, int], float] = {}
    for i in range(n):
        for cos, j in zip(sims[i], nbrs[i]):
            if j < 0 or j == i or not within_days(i, int(j)):
                continue
            key = (i, int(j)) if i < j else (int(j), i)
            if key not in links:
                links[key] = strength(key[0], key[1], cos)
    parent = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for (i, j), s in sorted(links.items(), key=lambda kv: (-kv[1], kv[0])):
        if s < p.threshold:
            break
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        a, b = members[ri], members[rj]
        if not all(within_days(x, y) for x in a for y in b):
            continue
        block = vectors[a] @ vectors[b].T
        mean = float(np.mean([strength(x, y, block[u, v]) for u, x in enumerate(a) for v, y in enumerate(b)]))
        if mean < p.threshold:
            continue
        parent[rj] = ri
        members[ri] = a + b
        del members[rj]
    return sorted(sorted(ids[i] for i in m) for m in members.values())


def assign(groups: Sequence[Sequence[str]], previous: Mapping[str, str], dates: Mapping[str, dt.date | None]
           ) -> dict[str, list[str]]:
    """Story id -> article ids: earlier ids kept where a group holds an earlier story's articles."""
    claims: list[tuple[int, str, int]] = []  # (-overlap, old id, group index)
    for g, arts in enumerate(groups):
        for old, count in Counter(previous[a] for a in arts if a in previous).items():
            claims.append((-count, old, g))
    out: dict[str, list[str]] = {}
    taken: set[int] = set()
    for _, old, g in sorted(claims):
        if g in taken or old in out:
            continue
        out[old] = list(groups[g])
        taken.add(g)
    for g, arts in enumerate(groups):
        if g in taken:
            continue
        first = min(arts, key=lambda a: (dates.get(a) or dt.date.max, a))
        sid = "story-" + content_hash(first)[:10]
        while sid in out:  # the founding article's earlier story was taken by another group
            sid = "story-" + content_hash(sid)[:10]
        out[sid] = list(arts)
    return out


_PUNCT = "()[]{}\"'“”‘’.,;:!?-–—"


LABEL_TITLE_CHARS = 70  # a story's label: its most central title, cut at a word to about this many characters


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:-–—")
    return cut + "…"


def label(articles: Sequence[Article], texts: Sequence[str], vectors: np.ndarray | None = None) -> str:
    """The story's most central title (the one nearest the mean of its articles' vectors; without vectors, the
    title sharing most words with the others), shortened, with up to two key names it does not mention:
    'Clintons release 2014 tax returns (State Department)'. Without titles: key names and title words."""
    titled = [i for i, a in enumerate(articles) if (a.title or "").strip()]
    if titled:
        if vectors is not None and len(vectors) == len(articles) and len(titled) > 1:
            sub = vectors[titled]
            centre = sub.mean(axis=0)
            best = titled[max(range(len(titled)), key=lambda k: (float(sub[k] @ centre), -k))]
        else:
            words = [set(re.findall(r"[a-z']{3,}", articles[i].title.lower())) - LABEL_STOPWORDS for i in titled]
            best = titled[max(range(len(titled)), key=lambda k: (sum(len(words[k] & w) for j, w in enumerate(words)
                                                                      if j != k), -k))]
        title = _shorten(articles[best].title, LABEL_TITLE_CHARS)
        names = _key_names(texts)
        extra = [n for n in names if n.lower() not in title.lower()][:2]
        return f"{title} ({', '.join(extra)})" if extra else title
    return _keyword_label(articles, texts)


def _key_names(texts: Sequence[str]) -> list[str]:
    """The names most texts share (at least two texts' worth when there are several), as most write them."""
    keys, shown = _name_keys(texts)
    return [shown[k] for k in keys]


def _name_keys(texts: Sequence[str]) -> tuple[list[str], dict[str, str]]:
    """The key names (lower case, at most three, none inside another) and how most texts write each name."""
    forms: dict[str, Counter[str]] = {}  # a name (lower case) -> how often each spelling of it was met
    for t in texts:
        for e in entities(t):
            value = e.value.strip(_PUNCT)
            if e.kind is EntityKind.NAME and value and value.lower() not in LABEL_STOPWORDS:
                forms.setdefault(value.lower(), Counter())[value] += 1
    counts = {k: f.total() for k, f in forms.items()}
    # a name as most texts write it ("Reuters" over "REUTERS"), ties alphabetically: never by set order, which
    # changes with the process's hash seed
    shown = {k: min(f.items(), key=lambda kv: (-kv[1], kv[0]))[0] for k, f in forms.items()}
    need = 2 if len(texts) > 1 else 1
    keys = [k for k, c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
            if c >= need and k not in LABEL_TITLE_WORDS][:3]  # "President" alone names nobody
    # drop a name inside another ("Beck" beside "Glenn Beck")
    keys = [k for k in keys if not any(k != o and re.search(rf"\b{re.escape(k)}\b", o) for o in keys)]
    return keys, shown


def _keyword_label(articles: Sequence[Article], texts: Sequence[str]) -> str:
    """Key names and a few title words: 'Glenn Beck, CPAC: rips progressivism' (articles without titles)."""
    keys, shown = _name_keys(texts)
    need = 2 if len(texts) > 1 else 1  # a title word counts when two titles use it
    name_words = {w for k in keys for w in k.split()}  # the key names' words are not repeated as title words

    def title_words(title: str) -> list[str]:
        out = []
        for w in re.findall(r"[A-Za-z][A-Za-z'-]+", title):
            lw = w.lower().strip("'")
            if lw not in LABEL_STOPWORDS and lw not in out and lw not in name_words:
                out.append(lw)
        return out

    words: Counter[str] = Counter(w for a in articles for w in title_words(a.title))
    top = [w for w, c in sorted(words.items(), key=lambda kv: (-kv[1], kv[0])) if c >= need][:4]
    if not top:  # no word in two titles: the shortest title's first words
        title = min((a for a in articles if a.title), key=lambda a: (len(a.title), a.id), default=None)
        top = title_words(title.title)[:4] if title else []
    names = ", ".join(shown[k] for k in keys)
    text = " ".join(top)
    return f"{names}: {text}" if names and text else (names or text or "untitled")


def build(articles: Sequence[Article], vectors: np.ndarray, previous: Mapping[str, str],
          p: StoryParams = StoryParams(), warn_for: Set[str] | None = None, today: dt.date | None = None
          ) -> list[Story]:
    """The stories of ``articles`` (``vectors``: their :func:`story_text` embeddings, one row each, in the
    order of ``articles``).

    Dates that cannot be used are logged, one line per article, for the articles in ``warn_for``
    (those read in this run) only."""
    by_input = sorted(range(len(articles)), key=lambda i: articles[i].id)
    articles = [articles[i] for i in by_input]
    vectors = vectors[by_input] if len(articles) else vectors
    order = {a.id: i for i, a in enumerate(articles)}
    dates: dict[str, dt.date | None] = {}
    for a in articles:
        d, why = believed(a.day, a.date, today)
        dates[a.id] = d
        if why and (warn_for is None or a.id in warn_for):
            log.warning("%s: %s; grouped into a story by its text", a.id, why)
    texts = [story_text(a) for a in articles]
    ids = [a.id for a in articles]
    groups = group(ids, vectors, [names_of(t) for t in texts], [dates[i] for i in ids], p)
    by_id = {a.id: a for a in articles}
    out = []
    for sid, arts in assign(groups, previous, dates).items():
        arts = sorted(arts, key=lambda a: (dates[a] or dt.date.max, a))
        known = [d for d in (dates[a] for a in arts) if d]
        out.append(Story(id=sid, label=label([by_id[a] for a in arts], [texts[order[a]] for a in arts],
                                             vectors[[order[a] for a in arts]]),
                         articles=tuple(arts),
                         first=known[0].isoformat() if known else "", last=known[-1].isoformat() if known else ""))
    out.sort(key=lambda s: s.id)
    return out


def story_of(stories: Sequence[Story]) -> dict[str, str]:
    return {a: s.id for s in stories for a in s.articles}


def summary(stories: Sequence[Story]) -> dict[str, int]:
    sizes = Counter(len(s.articles) for s in stories)
    return {"stories": len(stories), "singletons": sizes.get(1, 0),
            "largest": max(sizes) if sizes else 0, "articles": sum(k * v for k, v in sizes.items())}


def by_size(stories: Sequence[Story]) -> dict[int, int]:
    out: dict[int, int] = defaultdict(int)
    for s in stories:
        out[len(s.articles)] += 1
    return dict(sorted(out.items()))
