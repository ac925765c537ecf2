"""Report renderers that produce text: JSON, Markdown and self-contained HTML (a Jinja2 template).

All take the typed :class:`contradict.report.build.Report`; the terminal renderer is :mod:`contradict.report.terminal`.
"""

from __future__ import annotations

import html
import json
import os
import re
import tempfile
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from contradict import serial
from contradict.report.build import CastRow, PairRow, QueryResult, Report

if TYPE_CHECKING:
    from markupsafe import Markup
from contradict.report.text import (  # noqa: F401 (re-exported: the renderers' shared words)
    MODEL_ALONE,
    QUOTES_SHOWN,
    Section,
    basis_counts,
    blame_sentence,
    count,
    coverage,
    entailment_text,
    kind_text,
    mark_command,
    model_alone_listed,
    only_agree,
    probs_text,
    score_source,
    shell_command,
    shown_of,
    side_quotes,
    sizes,
    story_counts,
    story_sections,
    tension_counts,
)
from contradict.untrusted import clean


def to_json(report: Report | QueryResult | serial.Json | dict) -> str:
    """The JSON text of a typed output (:mod:`contradict.report.outputs`), a report or a JSON value."""
    data = report if isinstance(report, dict) else report.to_json()
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = ("id", "kind", "story", "score", "agreement", "label", "p_contradiction", "p_entailment", "p_neutral",
               "similarity", "explain", "a_article", "a_source", "a_date", "a_speaker", "a_claim", "b_article",
               "b_source", "b_date", "b_speaker", "b_claim", "reasons", "basis")


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value):
    """A CSV cell a spreadsheet will not run: text starting with = + - @ tab or carriage return gets a leading
    single quote (OWASP's CSV-injection rule); numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(report: Report) -> str:
    """The report's pairs (disagreements, then agreements), one row each: for a spreadsheet (cells that would
    start a formula are neutralised, :func:`csv_cell`)."""
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for p in report.pairs:
        w.writerow([csv_cell(v) for v in (
            p.id, p.kind, p.story, p.score, p.agreement, p.label, p.p("contradiction"), p.p("entailment"),
            p.p("neutral"), p.similarity, p.explain,
            *(v for c in (p.a, p.b) for v in (c.article, c.source, c.date, c.speaker, clean(c.claim))),
            "; ".join(p.reasons), p.basis)])
    return buf.getvalue()


def articles_csv(rows: list[dict]) -> str:
    """`contradict articles --format csv` (cells that would start a formula neutralised, :func:`csv_cell`)."""
    import csv
    import io

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]) if rows else ["id"], lineterminator="\n")
    w.writeheader()
    w.writerows({k: csv_cell(clean(v) if isinstance(v, str) else v) for k, v in row.items()} for row in rows)
    return buf.getvalue()


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#!~])")


def md(text: str) -> str:
    """Article text for Markdown: one line, control characters removed, HTML and Markdown syntax escaped
    (a title cannot become a tag, a link or a table cell boundary)."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(clean(text).split()), quote=False))


def md_code(text: str) -> str:
    """``text`` as a Markdown code span that it cannot end: fenced by more backticks than its longest run of them
    (CommonMark), padded with a space where it starts or ends with one; one line, control characters removed.
    Inside a code span nothing is markup: an id holding ``<img ...>`` shows as text."""
    text = " ".join(clean(text).split())
    fence = "`" * (max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or (text.startswith(" ") and text.endswith(" ")) else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def to_markdown(report: Report, title: str = "contradict report") -> str:
    s = report.summary
    names = report.article_names()
    titles = report.article_labels()
    split = basis_counts(report)
    out = [f"# {title}", "",
           f"{sizes(report)} scored by {md_code(s.nli_model)}; {count(s.contradictions, 'contradiction')} at score >= "
           f"{s.threshold}" + (f" ({split})" if split else "")
           + (f"; {count(len(report.framing), 'framing tension')}" if report.framing else "") + ".",
           ""]
    if coverage(report):
        out += [f"Read: {coverage(report)}.", ""]
    if report.blame:
        out += ["## Blame", "", f"{count(len(report.blame), 'pair')} of articles on one subject that blame different "
                "actors (the central threat, or the sponsor of a threat), strongest first.", ""]
        for n, b in enumerate(report.blame, 1):
            out += [f"{n}. {md(blame_sentence(b, names))} (score {b.score:.2f})", ""]
            for side in b.sides():
                out += [f"   - **{md(names.get(art, art))}**: {md(q.claim)}" for art, q in side_quotes(side)]
                out.append("")
    tense, agreeing = report.split_tensions()
    sections = story_sections(report)
    if report.stories:
        out += ["## Stories", ""]
        tense_stories = [st for st in report.stories if st.contradictions]
        for st in tense_stories:
            out.append(f"- [{md(st.label)}](#{st.id}) {md_code(st.id)}: {md(story_counts(st))}")
        if not tense_stories:
            out.append("No story has a disagreement.")
        if len(tense_stories) < len(report.stories):
            out += ["", f"{len(report.stories) - len(tense_stories)} more stories without disagreements "
                        "(`contradict stories` lists them)."]
        out.append("")
    out += frames_markdown(report, names)
    out += ["## Tensions", ""]
    if not tense:
        out.append("No tensions found.")
    for t in tense:
        first, second = t.articles
        out.append(f"- **{md(names.get(first, first))} vs {md(names.get(second, second))}** on {md(t.topic)}: "
                   f"{tension_counts(t)}")
    if agreeing:
        out += ["", only_agree(len(agreeing))]

    def pair_lines(n: int, p: PairRow, key: str) -> list[str]:
        source = f", {score_source(p)}" if key == "score" else ""
        return [f"### {n}. {md(names.get(p.a.article, p.a.article))} vs {md(names.get(p.b.article, p.b.article))} "
                f"({key} {getattr(p, key):.2f}{source})", "",
                f"> **{md(p.a.who)}** ({md(titles.get(p.a.article, ''))}): {md(p.a.claim)}",
                ">",
                f"> **{md(p.b.who)}** ({md(titles.get(p.b.article, ''))}): {md(p.b.claim)}",
                "", f"**{md(kind_text(p))}** · {probs_text(p)} · similarity {p.similarity:.2f} · why paired: "
                    f"{md('; '.join(p.reasons))}", ""] + ([f"differs: {md(p.why())}", ""] if p.differences else []) + [
                f"id {md_code(p.id)}" + (f" · marked **{md(p.mark)}**" if p.mark else "") +
                f" · wrong? {md_code(mark_command(p.id))}", ""]

    s_ = report.summary
    out += ["", f"## Contradictions ({shown_of(len(report.contradictions), s_.disagreements)})", ""]
    if model_alone_listed(report):
        out += [MODEL_ALONE, ""]  # (the project's own words)
    if not sections:
        out.append("No contradictions found.")
    n = 0
    for sec in sections:
        out += [f'<a id="{sec.anchor}"></a>', "", f"### Story: {md(sec.head)}" + (
            f" ({md(story_counts(sec.story))})" if sec.story else ""), ""]
        for p in sec.rows:
            n += 1
            out += pair_lines(n, p, "score")
    out += ["", f"## Agreements ({shown_of(len(report.agreements), s_.agreements)})", ""]
    if not report.agreements:
        out.append("No agreements found.")
    for n, p in enumerate(report.agreements, 1):
        out += pair_lines(n, p, "agreement")
    out += casts_markdown(report)
    out += ["", "## Articles", "", "| id | title | source | claims |", "|---|---|---|---|"]
    for art in report.articles:
        out.append(f"| {md(art.id)} | {md(art.title)} | {md(art.source)} | {art.claims} |")
    return "\n".join(out) + "\n"


def frames_json(report: Report, actor=None) -> dict:
    """`contradict frames --format json`: actors, frames and framing tensions (of one actor when given)."""
    from contradict.report.outputs import frames_of

    return frames_of(report, actor).to_json()


def frames_markdown(report: Report, names: dict[str, str]) -> list[str]:
    """The Frames section: each framing tension in one sentence with its claims (the cast table follows the
    findings, :func:`casts_markdown`)."""
    out = ["## Frames", ""]
    if not report.framing:
        return out + ["No framing tensions found.", ""]
    out += [f"{count(len(report.framing), 'framing tension')}: two articles casting the same two actors in "
            "opposite roles (supports or allied with vs opposes or threatens).", ""]
    for n, t in enumerate(report.framing, 1):
        out += [f'<a id="{anchor(t.id)}"></a>', "", f"{n}. {md(t.sentence_with(names))} (score {t.score:.2f})", ""]
        for side in (t.a, t.b):
            for c in side.claims[:QUOTES_SHOWN]:
                out.append(f"   - **{md(names.get(side.article, side.article))}**: {md(c.claim)}"
                           + (f" ({md(c.speaker)})" if c.speaker != "article" else ""))
            if len(side.claim_ids) > len(side.claims[:QUOTES_SHOWN]):
                out.append(f"   - … {len(side.claim_ids) - len(side.claims[:QUOTES_SHOWN])} more (ids in the JSON report)")
            out.append("")
    return out


def casts_markdown(report: Report) -> list[str]:
    """How each article casts the actors: a table after the findings."""
    casts = [c for c in report.casts if c.text]
    if not casts:
        return []
    out = ["", "## How each article casts the actors", "",
           "| " + " | ".join(("article", *CastRow.ROLES)) + " |", "|---" * (len(CastRow.ROLES) + 1) + "|"]
    for c in casts:
        out.append("| " + " | ".join(md(x) for x in (c.article, *(", ".join(v) for _, v in c.roles()))) + " |")
    return out


# ---------------------------------------------------------------- HTML

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1em;margin:.5em 0 1.5em}
.claim{border-left:4px solid #c0392b;padding:.4em .8em;background:#fbf3f2}
.agree .claim{border-left-color:#27ae60;background:#f2fbf5}
.who{font-size:.85em;color:#555;margin-bottom:.3em}.meta{font-size:.85em;color:#555}
.heat td.n{text-align:center;font-variant-numeric:tabular-nums}
.toc{margin:.5em 0}.filters{position:sticky;top:0;background:#fff;padding:.4em 0;border-bottom:1px solid #ddd}
.filters label{margin-right:.8em;font-size:.9em}mark{background:#ffe08a;padding:0 .1em}
.finding{margin-bottom:1em}
.frame{border-left-color:#8e44ad;background:#f7f2fb}.frame summary{cursor:pointer}
"""


def _heat(v: float, vmax: float) -> str:
    if vmax <= 0 or v <= 0:
        return "#fff"
    a = min(1.0, v / vmax)
    return f"rgba(192,57,43,{0.15 + 0.7 * a:.2f})"


@cache
def _template():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("contradict.report", "templates"), autoescape=select_autoescape(["j2", "html"]),
                      keep_trailing_newline=True)
    from markupsafe import Markup

    # article text: control characters removed (a Markup value was made safe by its maker, e.g. highlight())
    env.finalize = lambda v: v if isinstance(v, Markup) else clean(v) if isinstance(v, str) else v
    return env.get_template("report.html.j2")


def _matrix(report: Report) -> dict | None:
    ids = [a.id for a in report.articles]
    if not 1 < len(ids) <= 30:
        return None
    cells = {t.articles: t for t in report.tensions}
    vmax = max([t.score for t in report.tensions] or [0])
    rows = []
    for x in ids:
        row = []
        for y in ids:
            t = cells.get((x, y)) or cells.get((y, x))
            row.append({"value": t.contradictions if t and x != y else "", "colour": _heat(t.score if t else 0, vmax)})
        rows.append({"id": x, "cells": row})
    return {"ids": ids, "rows": rows}


def anchor(pair_id: str) -> str:
    """An HTML id for a finding: its pair id with every character other than letters, digits, - and _ as _."""
    return "p-" + re.sub(r"[^A-Za-z0-9_-]", "_", pair_id)


def highlight(text: str, words) -> Markup:
    """``text`` HTML-escaped, with ``words`` (what differs from the other claim) in <mark>."""
    from markupsafe import Markup, escape

    out = str(escape(clean(text)))
    for w in sorted({str(escape(clean(w))) for w in words if w}, key=len, reverse=True):
        out = re.sub(rf"(?<![\w>]){re.escape(w)}(?![\w<])", f"<mark>{w}</mark>", out)
    return Markup(out)


def to_html(report: Report, title: str = "contradict report", delta_markdown: str = "") -> str:
    """A self-contained HTML page; ``delta_markdown`` adds the nightly run's "Since the previous run"."""
    tense, agreeing = report.split_tensions()
    shown = {p.id for p in report.pairs}  # a tension or story links only to findings this page holds
    split = basis_counts(report)
    return _template().render(
        title=title, css=_CSS, report=report, s=report.summary, sizes=sizes(report), coverage=coverage(report),
        contradictions_shown=shown_of(len(report.contradictions), report.summary.disagreements),
        agreements_shown=shown_of(len(report.agreements), report.summary.agreements),
        contradictions=count(report.summary.contradictions, "contradiction")
        + (f" ({split})" if split else ""), matrix=_matrix(report), tense=tense,
        model_alone=MODEL_ALONE if model_alone_listed(report) else "",
        agreeing=agreeing, only_agree=only_agree(len(agreeing)), tension_counts=tension_counts,
        story_sections=story_sections(report), story_counts=story_counts, kind_text=kind_text, highlight=highlight,
        anchor=anchor, outlets=sorted({a.source for a in report.articles if a.source}),
        kinds=sorted({p.kind or p.label for p in report.pairs} | ({"framing"} if report.framing else set())),
        held=max(report.summary.disagreements + report.summary.agreements, len(report.pairs)),
        shown_first=lambda ids: next((i for i in ids if i in shown), ""),
        shown_sections={sec.anchor for sec in story_sections(report)},
        labels=report.article_labels(), names=report.article_names(), score_source=score_source, probs=probs_text, delta_markdown=delta_markdown, mark_command=mark_command,
        framing_count=count(len(report.framing), "framing tension"),
        blame_sentence=blame_sentence, side_quotes=side_quotes, quotes_shown=QUOTES_SHOWN,
        side_sources=lambda t: "|".join(_side_field(s, "source") for s in (t.a, t.b)),
        side_dates=lambda t: "|".join(_side_field(s, "date")[:10] for s in (t.a, t.b)))


def _side_field(side, name: str) -> str:
    return getattr(side.claims[0], name) if side.claims else ""


def write_atomic(path: Path, text: str) -> Path:
    """Write to a temporary file beside ``path`` and rename it into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
