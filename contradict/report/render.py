"""Report renderers that produce text: JSON, Markdown and self-contained HTML (a Jinja2 template).

All take the typed :class:`contradict.report.build.Report`; the terminal renderer is :mod:`contradict.report.terminal`.
"""

from __future__ import annotations

import html
import json
import os
import re
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contradict import serial
from contradict.report.build import CastRow, PairRow, QueryResult, Report, StoryRow

if TYPE_CHECKING:
    from markupsafe import Markup
from contradict.stages.aggregate import RULE_PROBABILITY
from contradict.types import Tension
from contradict.untrusted import clean


def to_json(report: Report | QueryResult | serial.Json | dict) -> str:
    """The JSON text of a typed output (:mod:`contradict.report.outputs`), a report or a JSON value."""
    data = report if isinstance(report, dict) else report.to_json()
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


CSV_COLUMNS = ("id", "kind", "story", "score", "agreement", "label", "p_contradiction", "p_entailment", "p_neutral",
               "similarity", "explain", "a_article", "a_source", "a_date", "a_speaker", "a_claim", "b_article",
               "b_source", "b_date", "b_speaker", "b_claim", "reasons")


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
            "; ".join(p.reasons))])
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


def shell_command(*words: str) -> str:
    """A command line to paste into a shell: every word quoted for it (``shlex.quote``), so an id with a quote,
    a semicolon or a ``$(...)`` is one argument and runs nothing."""
    import shlex

    return " ".join(shlex.quote(w) for w in words)


def mark_command(pair_id: str, verdict: str = "wrong") -> str:
    """The command that marks a finding, ready to paste: ``contradict mark '<id>' wrong``."""
    return "contradict mark " + shell_command(pair_id, verdict)


def count(n: int, noun: str, plural: str = "") -> str:
    """'1 contradiction', '3 contradictions'; ``plural`` for a noun without a plain -s plural ("stories")."""
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


def entailment_text(p: PairRow) -> str:
    """'0.49', or for an agreement that reads entailment one way only '0.49 (0.97 one way)'."""
    mean, one_way = p.p("entailment"), p.entailment_one_way
    return f"{mean:.2f}" + (f" ({one_way:.2f} one way)" if p.label == "entailment" and one_way >= mean + 0.01 else "")


def probs_text(p: PairRow) -> str:
    """The NLI model's reading, named as such (the finding's score is :func:`score_source`'s)."""
    return (f"NLI: contradiction {p.p('contradiction'):.2f} · entailment {entailment_text(p)} · "
            f"neutral {p.p('neutral'):.2f}")


def score_source(p: PairRow) -> str:
    """Where a finding's score comes from: 'by rule' when a rule found the difference and the NLI model reads
    less (the score then counts the rule's 0.5 x relatedness), else 'NLI x relatedness'."""
    if p.difference and p.p("contradiction") < RULE_PROBABILITY - 1e-9:
        return "by rule"
    return "NLI x relatedness"


def sizes(report: Report) -> str:
    """'3 articles, 6 claims, 2 claim pairs' from a report summary."""
    s = report.summary
    return f"{count(s.articles, 'article')}, {count(s.claims, 'claim')}, {count(s.pairs_scored, 'claim pair')}"


def coverage(report: Report) -> str:
    """What was read: '12 facts, 34 of their claim pairs read; 1,200 candidate pairs left unread by the pair
    budget (raise --pair-budget to read them)'; "" when there is nothing to say."""
    s = report.summary
    parts = []
    if s.facts or s.fact_pairs_read:
        parts.append(f"{count(s.facts, 'fact')}, {count(s.fact_pairs_read, 'claim pair')} within facts read")
    if s.pairs_left_unread:
        parts.append(f"{count(s.pairs_left_unread, 'candidate pair')} left unread by the last run's pair budget "
                     "(raise --pair-budget to read them)")
    if s.pairs_unscored:
        parts.append(f"{count(s.pairs_unscored, 'pair')} this model has not read (beyond --pair-budget)")
    return "; ".join(parts)


def tension_counts(t: Tension) -> str:
    """'1 contradiction, 0 agreements (score 0.72)' for a tension."""
    return f"{count(t.contradictions, 'contradiction')}, {count(t.agreements, 'agreement')} (score {t.score:.2f})"


def kind_text(p: PairRow) -> str:
    """'numeric: people: 52 vs 67', 'update: people: revised from 52 (...) to 67 (...)', 'factual'."""
    return f"{p.kind}: {p.explain}" if p.explain else (p.kind or p.label)


def story_counts(st: StoryRow) -> str:
    """'3 articles (Fox News, HuffPost) · 2019-03-01 to 2019-03-02 · 2 numeric, 1 factual · 4 agreements'."""
    parts = [count(len(st.articles), "article") + (f" ({', '.join(st.sources)})" if st.sources else "")]
    if st.dates[0]:
        parts.append(st.dates[0] if st.dates[0] == st.dates[1] else f"{st.dates[0]} to {st.dates[1]}")
    kinds = ", ".join(f"{n} {k}" for k, n in st.kinds)
    parts.append(kinds or "no disagreements")
    parts.append(count(st.agreements, "agreement"))
    return " · ".join(parts)


@dataclass(frozen=True)
class Section:
    """A report's disagreements of one story (``story`` None: across stories), with an anchor for links."""

    story: StoryRow | None
    anchor: str
    rows: tuple[PairRow, ...]

    @property
    def head(self) -> str:
        return self.story.label if self.story else "Across stories"


def story_sections(report: Report) -> list[Section]:
    """The disagreements grouped by story, each best first; stories ordered by their best finding (ties: report
    order), the pairs across stories as one more section placed by its best finding too."""
    rows = report.contradictions
    out = []
    for st in report.stories:
        mine = tuple(p for p in rows if p.story == st.id)
        if mine:
            out.append(Section(st, st.id, mine))
    known = {st.id for st in report.stories}
    rest = tuple(p for p in rows if p.story not in known)
    if rest:
        out.append(Section(None, "across-stories", rest))
    order = {id(sec): i for i, sec in enumerate(out)}
    out.sort(key=lambda sec: (-max(p.score for p in sec.rows), order[id(sec)]))
    return out


def blame_sentence(b, names: dict[str, str]) -> str:
    """'Fox News, 2019-01-03: Title… casts Iran as the central threat (to United States); NYT, …: Title… and
    …: Title… cast United States as the sponsor (of ISIS)'."""
    return b.sentence_with(names)


QUOTES_SHOWN = 3  # claims shown under each side of a finding: two of the lead article, then one of each other


def side_quotes(roles) -> list[tuple[str, Any]]:
    """(article, claim row) to show under one side of a blame finding: up to two of its first article, then one
    of each other article on that side, ``QUOTES_SHOWN`` in all."""
    out = [(roles[0].article, q) for q in roles[0].quotes[:2]]
    for r in roles[1:]:
        out += [(r.article, q) for q in r.quotes[:1]]
    return out[:QUOTES_SHOWN]


def shown_of(shown: int, total: int) -> str:
    """'10 of 11 shown; --top 0 lists all' when the list was cut, else the count ('11'). A report read back from
    an older version carries no total: the shown count stands for it."""
    total = max(total, shown)
    if total > shown:
        return f"{shown} of {total} shown; --top 0 lists all"
    return str(total)


def only_agree(n: int) -> str:
    return f"{count(n, 'more article pair')} only {'agrees' if n == 1 else 'agree'} (see Agreements)."


# ---------------------------------------------------------------- Markdown

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
    out = [f"# {title}", "",
           f"{sizes(report)} scored by {md_code(s.nli_model)}; {count(s.contradictions, 'contradiction')} at score >= "
           f"{s.threshold}" + (f"; {count(len(report.framing), 'framing tension')}" if report.framing else "") + ".",
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
    return _template().render(
        title=title, css=_CSS, report=report, s=report.summary, sizes=sizes(report), coverage=coverage(report),
        contradictions_shown=shown_of(len(report.contradictions), report.summary.disagreements),
        agreements_shown=shown_of(len(report.agreements), report.summary.agreements),
        contradictions=count(report.summary.contradictions, "contradiction"), matrix=_matrix(report), tense=tense,
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
