"""What one index run does and counts: the changes it applies to the stored articles, its statistics, and
the timing of its stages."""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from contradict.stages import claims as claims_mod
from contradict.storage.store import Store
from contradict.types import Article

log = logging.getLogger(__name__)


def _norm(path: str) -> str:
    return os.path.abspath(path) if path else ""


def under_any(path: str, problems) -> bool:
    """Whether ``path`` is, or lies inside, a file or folder one of ``problems`` is about."""
    if not path:
        return False
    p = _norm(path)
    for prob in problems:
        w = _norm(prob.where)
        if w and (p == w or p.startswith(w.rstrip(os.sep) + os.sep)):
            return True
    return False


def retirement_check(removed: Sequence[str], known: int, ingested: int, share: float, minimum: int) -> str | None:
    """Why retiring ``removed`` of the ``known`` stored articles looks like a broken inbox rather than articles
    that left it, or None: more than ``share`` of the index and at least ``minimum`` articles, or any article
    when the inputs gave none."""
    n = len(removed)
    if not n:
        return None
    if ingested == 0:
        return f"this run would retire {n} of {known} articles and its inputs hold no article"
    if n >= minimum and n > share * known:
        return f"this run would retire {n} of {known} articles (more than {share:.0%} of the index)"
    return None


@dataclass
class RunStats:
    articles_new: int = 0
    articles_changed: int = 0
    articles_unchanged: int = 0
    articles_removed: int = 0
    articles_reread: int = 0  # stored articles read again because the claim rules changed
    articles_skipped: int = 0
    claims: int = 0
    claims_new: int = 0
    embedded: int = 0
    embeddings_cached: int = 0
    stories: int = 0
    frames_read: int = 0  # claims the frame reader read this run
    frame_links: int = 0  # relations between actors it found in them
    pairs_considered: int = 0
    candidate_pairs: int = 0
    pairs_within_stories: int = 0
    facts: int = 0  # facts of the stories (claims of two or more articles that tell one fact)
    pairs_within_facts: int = 0  # candidates read because both claims tell one fact (ahead of the budget)
    duplicates: int = 0
    pairs_scored: int = 0
    pairs_cached: int = 0
    seconds: dict = field(default_factory=dict)
    peak_rss_mb: dict = field(default_factory=dict)  # the process's peak resident memory at the end of each stage
    problems: list = field(default_factory=list)

    def brief(self) -> str:
        return (f"(articles {self.articles_new} new {self.articles_changed} changed {self.articles_removed} removed, "
                f"claims {self.claims_new} new, {self.stories} stories, {self.candidate_pairs} candidates, {self.pairs_scored} scored "
                f"{self.pairs_cached} cached)")

    def as_dict(self) -> dict:
        d = {k: v for k, v in self.__dict__.items() if k != "problems"}
        d["problems"] = [str(p) for p in self.problems]
        return d


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB (VmHWM on Linux, else ru_maxrss)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    import resource
    import sys

    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(rss / (2**20 if sys.platform == "darwin" else 1024), 1)


def give_back_memory() -> bool:
    """Return to the system the heap pages this process has freed (glibc's ``malloc_trim``): a stage that drops
    hundreds of thousands of small arrays (the per-claim vectors, once stacked) keeps their pages until Python reuses
    them, and the next stage's large blocks (the vector index) come on top of them. False where there is no glibc."""
    try:
        import ctypes

        return bool(ctypes.CDLL("libc.so.6").malloc_trim(0))
    except (OSError, AttributeError):
        return False


@contextmanager
def timed(st: RunStats, stage: str):
    """Time a stage into ``st.seconds`` and log one line with the run's counts."""
    t = time.perf_counter()
    log.debug("stage %s: started", stage)
    yield
    took = time.perf_counter() - t
    st.seconds[stage] = round(st.seconds.get(stage, 0.0) + took, 3)
    st.peak_rss_mb[stage] = peak_rss_mb()
    log.info("stage %s: %.2fs %s", stage, took, st.brief())


@dataclass(frozen=True)
class Changes:
    """What an index run does to the stored articles."""

    new: list[Article]
    changed: list[Article]
    removed: list[str]
    reread: list[Article]  # stored articles read again under new claim rules

    @property
    def to_read(self) -> list[Article]:
        return self.new + self.changed + self.reread


def plan_changes(store: Store, articles: Sequence[Article], problems, remove_missing: bool,
                 retire: Callable[[list[str]], list[str]] | None = None) -> Changes:
    """New, changed, removed and re-read articles, from the stored content hashes and claim rules.

    ``remove_missing``: stored articles gone from the inputs are retired, but never one stored from a file or
    folder that had a problem this run (missing, unreadable, empty, malformed): only a present, readable input
    tells that an article left it. ``retire`` has the last word on them (it may keep them all, or refuse)."""
    known = store.article_hashes()
    incoming = {a.id for a in articles}
    new = [a for a in articles if a.id not in known]
    changed = [a for a in articles if a.id in known and known[a.id] != a.hash]
    removed: list[str] = []
    if remove_missing:
        paths = store.article_paths()
        removed = sorted(i for i in set(known) - incoming if not under_any(paths.get(i) or "", problems))
        if removed and retire is not None:
            removed = retire(removed)
    reread: list[Article] = []
    rules = store.get_meta("claim_rules")
    if known and rules != claims_mod.RULES_VERSION:
        # claims read under older rules are read again, from the stored text, so old and new articles agree
        skip = {a.id for a in new + changed} | set(removed)
        reread = [a for a in store.articles() if a.id not in skip]
        log.info("claim rules changed (%s -> %s): %d stored articles read again",
                 rules or "unrecorded", claims_mod.RULES_VERSION, len(reread))
    return Changes(new, changed, removed, reread)
