"""The nightly batch: index an inbox incrementally, write a dated report directory and a delta.

Each run writes ``<reports>/<UTC date>T<time>Z/`` with report.json (with "run" and "delta"),
report.md, report.html and delta.json, built in a temporary directory and renamed into place;
``<reports>/latest`` is then pointed at it (a symlink replaced atomically).

The run holds the index's write lock (:mod:`contradict.storage.lock`) and never waits for it: a second batch,
or a batch started while ``contradict index`` writes, exits at once with code 5. The lock dies with its
process, so a lock left by a killed run is detected and cleared.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from contradict.errors import ContradictError
from contradict.report import render
from contradict.report.build import Report
from contradict.report.outputs import (
    BlameDelta,
    Delta,
    FramingDelta,
    NewPair,
    Persisting,
    StoriesDelta,
    StoryGrew,
    StoryNew,
    StoryTense,
)
from contradict.runs.pipeline import Pipeline
from contradict.runs.run import RunStats

log = logging.getLogger(__name__)


def delta(previous: Report | None, current: Report, threshold: float, previous_run: str | None = None) -> dict:
    """The JSON of :func:`delta_model`."""
    return delta_model(previous, current, threshold, previous_run).to_json()


def delta_model(previous: Report | None, current: Report, threshold: float,
                previous_run: str | None = None) -> Delta:
    """New, persisting (grown / shrunk / same) and resolved tensions; new contradiction pairs."""
    prev_t = {t.key: t for t in (previous.tensions if previous else ()) if t.contradictions > 0}
    cur_t = {t.key: t for t in current.tensions if t.contradictions > 0}
    persisting = []
    for k in sorted(set(prev_t) & set(cur_t)):
        a, b = prev_t[k], cur_t[k]
        change = b.contradictions - a.contradictions
        persisting.append(Persisting(articles=b.articles, topic=b.topic, contradictions=b.contradictions,
                                     was=a.contradictions, score=b.score, was_score=a.score,
                                     trend="grew" if change > 0 or (change == 0 and b.score > a.score + 1e-9)
                                     else "shrank" if change < 0 or b.score < a.score - 1e-9 else "same"))
    prev_pairs = {p.id for p in (previous.contradictions if previous else ())}
    new_pairs = [p for p in current.contradictions if p.id not in prev_pairs and p.score >= threshold]
    return Delta(
        previous_run=previous_run,
        new=tuple(cur_t[k] for k in sorted(set(cur_t) - set(prev_t))),
        persisting=tuple(persisting),
        resolved=tuple(prev_t[k] for k in sorted(set(prev_t) - set(cur_t))),
        new_contradictions=tuple(NewPair(p.score, p.kind, p.story, p.a, p.b, basis=p.basis) for p in new_pairs),
        stories=story_delta(previous, current, new_pairs),
        framing=framing_delta(previous, current),
        blame=blame_delta(previous, current),
    )


def blame_delta(previous: Report | None, current: Report) -> BlameDelta:
    """Blame tensions that appeared since the previous run, and those that went away (by id)."""
    before = {t.id: t for t in (previous.blame if previous else ())}
    now = {t.id: t for t in current.blame}
    return BlameDelta(new=tuple(now[k] for k in sorted(set(now) - set(before))),
                      resolved=tuple(before[k] for k in sorted(set(before) - set(now))))


def framing_delta(previous: Report | None, current: Report) -> FramingDelta:
    """Framing tensions that appeared since the previous run, and those that went away (by id)."""
    before = {t.id: t for t in (previous.framing if previous else ())}
    now = {t.id: t for t in current.framing}
    return FramingDelta(new=tuple(now[k] for k in sorted(set(now) - set(before))),
                        resolved=tuple(before[k] for k in sorted(set(before) - set(now))))


def story_delta(previous: Report | None, current: Report, new_pairs) -> StoriesDelta:
    """Per story: new stories (of more than one article), stories that gained articles, stories that gained
    disagreements (the new pairs by kind)."""
    before = {st.id: st for st in (previous.stories if previous else ())}
    gained: dict[str, dict[str, int]] = {}
    for p in new_pairs:
        if p.story:
            kinds = gained.setdefault(p.story, {})
            kinds[p.kind or "factual"] = kinds.get(p.kind or "factual", 0) + 1
    new, grew, tense = [], [], []
    for st in current.stories:
        old = before.get(st.id)
        if old is None:
            new.append(StoryNew(st.id, st.label, len(st.articles)))
        elif len(st.articles) > len(old.articles):
            grew.append(StoryGrew(st.id, st.label, len(st.articles), was=len(old.articles),
                                  new_articles=tuple(a for a in st.articles if a not in set(old.articles))))
        if st.id in gained:
            tense.append(StoryTense(st.id, st.label, len(st.articles), new_contradictions=sum(gained[st.id].values()),
                                    kinds=tuple(sorted(gained[st.id].items()))))
    return StoriesDelta(tuple(new), tuple(grew), tuple(tense))


def _delta_markdown(d: dict) -> str:
    out = ["## Since the previous run", ""]
    if d["previous_run"] is None:
        out.append("First run: every tension is new.")
    for head, key in (("New tensions", "new"), ("Resolved tensions", "resolved")):
        out += ["", f"### {head} ({len(d[key])})", ""]
        out += [f"- {_articles(t)} on {render.md(t['topic'])}: {render.count(t['contradictions'], 'contradiction')}"
                for t in d[key]]
    out += ["", f"### Persisting tensions ({len(d['persisting'])})", ""]
    out += [f"- {_articles(t)} on {render.md(t['topic'])}: {t['was']} -> {t['contradictions']} ({t['trend']})"
            for t in d["persisting"]]
    stories = d.get("stories") or {}
    out += ["", f"### Stories with new contradictions ({len(stories.get('new_contradictions', ()))})", ""]
    out += [f"- {render.md(s['label'])} {render.md_code(s['id'])}: "
            + ", ".join(f"{n} {k}" for k, n in s["kinds"].items()) for s in stories.get("new_contradictions", ())]
    out += ["", f"### New stories ({len(stories.get('new', ()))})", ""]
    out += [f"- {render.md(s['label'])} {render.md_code(s['id'])}: {render.count(s['articles'], 'article')}"
            for s in stories.get("new", ())]
    out += ["", f"### Stories with new articles ({len(stories.get('grew', ()))})", ""]
    out += [f"- {render.md(s['label'])} {render.md_code(s['id'])}: {s['was']} -> {s['articles']} articles" for s in stories.get("grew", ())]
    blame = d.get("blame") or {}
    for head, key in (("New blame tensions", "new"), ("Blame tensions gone", "resolved")):
        out += ["", f"### {head} ({len(blame.get(key, ()))})", ""]
        out += [f"- {render.md(t['sentence'])}" if t.get("sentence") else
                f"- {_articles(t)}: {render.md(t['a']['actor'])} ({t['a']['role']}) vs {render.md(t['b']['actor'])} "
                f"({t['b']['role']})" for t in blame.get(key, ())]
    framing = d.get("framing") or {}
    for head, key in (("New framing tensions", "new"), ("Framing tensions gone", "resolved")):
        out += ["", f"### {head} ({len(framing.get(key, ()))})", ""]
        out += [f"- {_articles(t)} on {render.md(t['actor'])} -> {render.md(t['target'])}: "
                f"{render.md(t['a']['relation'])} vs {render.md(t['b']['relation'])}" for t in framing.get(key, ())]
    return "\n".join(out) + "\n"


def _articles(t: dict) -> str:
    return " vs ".join(render.md(a) for a in t["articles"])


@dataclass
class BatchResult:
    run_dir: Path
    report: Report
    delta: dict
    stats: RunStats
    new_contradictions: int


def run(pipe: Pipeline, inboxes: Sequence[str | Path], reports_dir: Path, threshold: float,
        keep_missing: bool = False, top: int = 0, allow_mass_retire: bool = False) -> BatchResult:
    started = time.gmtime()
    stamp = time.strftime("%Y-%m-%dT%H%M%SZ", started)
    with pipe.writing(wait=False, what="batch"):
        t0 = time.perf_counter()
        st = pipe.index(inboxes, remove_missing=not keep_missing, allow_mass_retire=allow_mass_retire)
        t = time.perf_counter()
        report = pipe.report(top=top)
        st.seconds["report"] = round(time.perf_counter() - t, 3)
        previous, previous_run = _previous(reports_dir / "latest" / "report.json")
        d = delta(previous, report, threshold, previous_run)
        st.seconds["total"] = round(time.perf_counter() - t0, 3)
        run_info = {"id": stamp, "started": time.strftime("%Y-%m-%dT%H:%M:%SZ", started),
                    "inputs": [str(p) for p in inboxes], **{k: v for k, v in st.as_dict().items()}}
        run_dir = _write_run_dir(reports_dir, stamp, report, {"run": run_info, **report.to_json(), "delta": d}, d)
    return BatchResult(run_dir, report, d, st, len(d["new_contradictions"]))


def _previous(latest: Path) -> tuple[Report | None, str | None]:
    """The previous run's report and run id; an unreadable one counts as none."""
    if not latest.exists():
        return None, None
    try:
        doc = json.loads(latest.read_text())
        return Report.from_json(doc), doc.get("run", {}).get("id")
    except (OSError, ValueError, KeyError, TypeError):
        log.warning("the previous report %s is unreadable: every tension counts as new", latest)
        return None, None


def _write_run_dir(reports_dir: Path, stamp: str, report: Report, document: dict, d: dict) -> Path:
    """Write the run's directory atomically and point ``latest`` at it; returns the directory."""
    reports_dir.mkdir(parents=True, exist_ok=True)
    final = reports_dir / stamp
    n = 1
    while final.exists():  # two runs in the same second
        final = reports_dir / f"{stamp}-{n}"
        n += 1
    tmp = reports_dir / f".{final.name}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        title = f"contradict nightly report {stamp}"
        render.write_atomic(tmp / "report.json", render.to_json(document))
        render.write_atomic(tmp / "delta.json", render.to_json(d))
        render.write_atomic(tmp / "report.md", render.to_markdown(report, title) + "\n" + _delta_markdown(d))
        render.write_atomic(tmp / "report.html", render.to_html(report, title, delta_markdown=_delta_markdown(d)))
        os.replace(tmp, final)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ContradictError(f"cannot write the report to {reports_dir}: {exc.strerror or exc}",
                              hint="free some disk space or choose --reports-dir; the index was updated") from exc
    link = reports_dir / "latest"
    tmp_link = reports_dir / ".latest.tmp"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    os.symlink(final.name, tmp_link)
    os.replace(tmp_link, link)
    return final
