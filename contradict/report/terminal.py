"""The rich terminal report: summary, stories, framing tensions, tension matrix, top tensions, disagreements by story, agreements,
then the articles.

Every string that comes from an article (ids, titles, outlets, claims, topics) is printed through
:func:`plain`: as text, never as rich markup.
"""

from __future__ import annotations

from rich.columns import Columns
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from contradict.report.build import ClaimRow, Report
from contradict.report.text import (
    MODEL_ALONE,
    basis_counts,
    blame_sentence,
    count,
    coverage,
    entailment_text,
    kind_text,
    model_alone_listed,
    only_agree,
    score_source,
    shown_of,
    side_quotes,
    story_counts,
    story_sections,
)
from contradict.untrusted import clean


def _heat_style(v: float, vmax: float) -> str:
    if v <= 0 or vmax <= 0:
        return "dim"
    a = v / vmax
    return "bold white on red" if a > 0.66 else "black on dark_orange" if a > 0.33 else "black on yellow"


ARTICLES_LISTED = 20  # a report of more articles lists them only when asked


def plain(text: str | None, style: str = "") -> Text:
    """Article text (ids, titles, outlets, claims, topics) as plain text: never read as rich markup,
    control characters removed."""
    return Text(clean(text), style=style)


def summary(console: Console, report: Report) -> None:
    s = report.summary
    kinds = "; ".join(x for x in (", ".join(f"{n} {k}" for k, n in s.kinds if k != "framing"), basis_counts(report)) if x)
    console.print(Text.assemble(
        ("contradict ", "bold"),
        f"{count(s.articles, 'article')} · {count(s.stories, 'story', 'stories')} · "
        f"{count(s.claims, 'claim')} · {count(s.pairs_scored, 'pair')} scored · ",
        (count(s.contradictions, 'contradiction'), "bold red"), f" ({kinds})" if kinds else "",
        f" (score ≥ {s.threshold})",
        (f" · {count(s.framing_tensions, 'framing tension')}" if s.framing_tensions else "", "bold magenta"),
        " · model ", plain(s.nli_model)))
    if coverage(report):
        console.print(Text("read: " + coverage(report), style="dim"))
    if s.filters:
        console.print(plain("only: " + ", ".join(f"{k} {v}" for k, v in s.filters), "dim"))


def articles(console: Console, report: Report, listed: bool | None = None) -> None:
    """The article list: a table for a small report (or ``listed``), else one line saying how to list them."""
    listed = len(report.articles) <= ARTICLES_LISTED if listed is None else listed
    if not listed:
        console.print(f"{count(len(report.articles), 'article')}: `contradict articles` lists them "
                      "(or `report --articles`).", style="dim")
        return
    t = Table(title="Articles", show_lines=False, expand=False)
    for col in ("id", "title", "source", "date", "claims"):
        t.add_column(col, overflow="fold", justify="right" if col == "claims" else "left")
    for a in report.articles:
        t.add_row(plain(a.id), plain(a.title), plain(a.source), plain(a.date), str(a.claims))
    console.print(t)


def stories(console: Console, report: Report, top: int, everything: bool = False) -> None:
    """The stories with disagreements (``everything``: every story of more than one article)."""
    rows = report.stories if everything else [st for st in report.stories if st.contradictions]
    if not rows:
        if report.stories:
            console.print(f"{count(len(report.stories), 'story', 'stories')} of more than one "
                          "article, none with a disagreement: `contradict stories` lists them.", style="dim")
        return
    title = (f"Stories ({len(rows)} of more than one article)" if everything else
             f"Stories with disagreements ({len(rows)} of {len(report.stories)})")
    t = Table(title=title)
    for col in ("story", "label", "articles · outlets · dates · disagreements by kind"):
        t.add_column(col, overflow="fold")
    shown = rows[:top] if top > 0 else rows
    for st in shown:
        t.add_row(plain(st.id), plain(st.label, "bold" if st.contradictions else ""), plain(story_counts(st)))
    console.print(t)
    rest = len(report.stories) - len(shown)
    if rest > 0:
        console.print(f"{rest} more stories: `contradict stories` lists them all.", style="dim")


def matrix(console: Console, report: Report) -> None:
    ids = [a.id for a in report.articles]
    if not 1 < len(ids) <= 20:
        return
    cells = {t.articles: t for t in report.tensions}
    vmax = max([t.score for t in report.tensions] or [0])
    t = Table(title="Tension matrix (contradictions per article pair; columns numbered as the rows)", show_header=True)
    t.add_column("article", overflow="fold")
    for n, _ in enumerate(ids, 1):
        t.add_column(str(n), justify="center")
    for n, x in enumerate(ids, 1):
        row = []
        for y in ids:
            tn = cells.get((x, y)) or cells.get((y, x))
            if x == y:
                row.append(Text("·", style="dim"))
            else:
                k = tn.contradictions if tn else 0  # not n: n numbers the row
                row.append(Text(str(k), style=_heat_style(tn.score if tn else 0, vmax)))
        t.add_row(plain(f"{n} {x}"), *row)
    console.print(t)


def _claim_panel(c: ClaimRow, titles: dict, style: str, marked: tuple[str, ...] = ()) -> Panel:
    body = plain(c.claim)
    if marked:  # the words that differ from the other claim
        body.highlight_words([clean(w) for w in marked], style="bold reverse", case_sensitive=True)
    if c.context:
        body = Text.assemble(plain("… " + c.context[-160:] + " ", "dim italic"), body)
    return Panel(body, title=plain(c.who, "bold"), subtitle=plain(titles.get(c.article, "")), border_style=style)


def _pair(console: Console, n: int, p, key: str, titles: dict, style: str) -> None:
    source = f" ({score_source(p)})" if key == "score" else ""
    meta = Text.assemble(
        (f"{n}. ", "bold"), plain(kind_text(p), "bold " + style), f" · {key} {getattr(p, key):.2f}{source} · NLI: ",
        ("contradiction", "red"), f" {p.p('contradiction'):.2f} · ", ("entailment", "green"),
        f" {entailment_text(p)} · neutral {p.p('neutral'):.2f} · similarity {p.similarity:.2f} · why: ",
        plain("; ".join(p.reasons), "italic"))
    panels = [_claim_panel(p.a, titles, style, p.marked("a")), _claim_panel(p.b, titles, style, p.marked("b"))]
    console.print(meta)
    if p.differences and key == "score":
        console.print(Text.assemble(("differs: ", "bold"), plain(p.why())))
    console.print(Text.assemble(("id ", "dim"), plain(p.id, "dim")) + (
        Text(f" · marked {p.mark}", style="bold") if p.mark else Text("")), soft_wrap=True)
    console.print(Columns(panels, equal=True, expand=True) if console.width >= 100 else Group(*panels))


def pairs(console: Console, report: Report, label: str, heading: str, style: str) -> None:
    """Disagreements grouped by story (``label`` "contradiction"), or the agreements."""
    titles = report.article_labels(48, untitled_as_id=False)  # the panel's title names the article
    if label != "contradiction":
        rows = report.agreements
        console.rule(f"[bold]{heading}[/] ({shown_of(len(rows), report.summary.agreements)})")
        if not rows:
            console.print(f"No {heading.lower()} found.")
        for n, p in enumerate(rows, 1):
            _pair(console, n, p, "agreement", titles, style)
        return
    console.rule(f"[bold]{heading}[/] ({shown_of(len(report.contradictions), report.summary.disagreements)})")
    sections = story_sections(report)
    if not sections:
        console.print(f"No {heading.lower()} found.")
    if model_alone_listed(report):
        console.print(Text(MODEL_ALONE, style="dim"))
    n = 0
    for sec in sections:
        head = Text.assemble(("Story: ", "bold"), plain(sec.head, "bold"))
        if sec.story:
            head.append_text(plain(f" ({sec.story.id} · {story_counts(sec.story)})", "dim"))
        console.print(head)
        for p in sec.rows:
            n += 1
            _pair(console, n, p, "score", titles, style)


def blame(console: Console, report: Report, top: int) -> None:
    """Blame tensions: two articles on one subject that blame different actors, each side with two claims."""
    if not report.blame:
        return
    rows = report.blame[:top] if top > 0 else report.blame
    console.rule(f"[bold]Blame[/] ({shown_of(len(rows), len(report.blame))})")
    names, short = report.article_names(40), report.article_names(24)  # quote lines: shortened at a word, with "…"
    for n, b in enumerate(rows, 1):
        console.print(Text.assemble((f"{n}. ", "bold"), plain(blame_sentence(b, names), "bold magenta"),
                                    f" · score {b.score:.2f}"))
        for side in b.sides():
            for art, q in side_quotes(side):
                console.print(Text.assemble("   ", plain(short.get(art, art), "bold"), ": ", plain(q.claim)))


def frames(console: Console, report: Report, top: int) -> None:
    """Framing tensions (two articles casting the same actors in opposite roles), each in one sentence with the
    claims that carry each side (who each article casts as what: :func:`casts`, after the findings)."""
    rows = report.framing[:top] if top > 0 else report.framing
    console.rule(f"[bold]Frames[/] ({count(len(report.framing), 'framing tension')})")
    if not report.framing:
        console.print("No framing tensions found" + (
            "." if report.actors else " (no actor is named in two articles)."))
    titles = report.article_labels(48, untitled_as_id=False)
    names = report.article_names(40)
    for n, t in enumerate(rows, 1):
        console.print(Text.assemble((f"{n}. ", "bold"), plain(t.sentence_with(names), "bold magenta"),
                                    f" · score {t.score:.2f}", plain(f" · {t.story}" if t.story else "", "dim")))
        panels = [_side_panel(side, titles) for side in (t.a, t.b)]
        console.print(Columns(panels, equal=True, expand=True) if console.width >= 100 else Group(*panels))
    if len(report.framing) > len(rows):
        console.print(f"{len(report.framing) - len(rows)} more: `contradict report --format json` lists them all, "
                      "`contradict frames --actor NAME` shows one actor.", style="dim")


def casts(console: Console, report: Report, top: int) -> None:
    """Who each article casts as threat, opponent, sponsor, victim, ally: a table after the findings (of the
    articles in the findings shown when there are many), each article by its whole id, outlet and date."""
    rows = [c for c in report.casts if c.text]
    shown = report.framing[:top] if top > 0 else report.framing
    involved = {a for t in shown for a in t.articles} | {r.article for b in report.blame for side in b.sides()
                                                         for r in side}
    if len(rows) > ARTICLES_LISTED:
        rows = [c for c in rows if c.article in involved]
    if not rows:
        return
    by_id = {a.id: a for a in report.articles}
    console.rule("[bold]How each article casts the actors[/]")
    for c in rows:  # one line each: a table of six columns folds whole ids into slices on a narrow terminal
        a = by_id.get(c.article)
        where = ", ".join(x for x in ((a.source, (a.date or "")[:10]) if a else ()) if x)
        console.print(Text.assemble(plain(c.article, "bold"), plain(f" ({where})" if where else "", "dim"), ": ",
                                    plain(c.text)), soft_wrap=True)


def _side_panel(side, titles: dict) -> Panel:
    body = Text()
    for i, c in enumerate(side.claims):
        line = plain(c.claim)
        line.highlight_words([clean(w) for w in side.evidence], style="bold reverse", case_sensitive=False)
        if i:
            body.append("\n")
        body.append_text(Text.assemble("• ", line, plain(f" ({c.speaker})" if c.speaker != "article" else "", "dim")))
    more = len(side.claim_ids) - len(side.claims)
    if more > 0:
        body.append_text(plain(f"\n… {more} more", "dim"))
    return Panel(body, title=plain(f"{side.article}: {side.relation}", "bold"),
                 subtitle=plain(titles.get(side.article, "")), border_style="magenta")


def tensions(console: Console, report: Report, top: int) -> None:
    t = Table(title="Top tensions")
    for col in ("articles", "topic", "contradictions", "agreements", "score"):
        t.add_column(col, justify="right" if col in ("contradictions", "agreements", "score") else "left",
                     overflow="fold")
    tense, agreeing = report.split_tensions()
    names = report.article_names(32)
    for tn in tense[:top] if top > 0 else tense:
        a, b = tn.articles  # named for a reader; the ids are in JSON and `contradict pair` hints
        t.add_row(plain(f"{names.get(a, a)} vs {names.get(b, b)}"), plain(tn.topic), str(tn.contradictions), str(tn.agreements),
                  f"{tn.score:.2f}")
    console.print(t)
    if agreeing:
        console.print(only_agree(len(agreeing)), style="dim")


def render(console: Console, report: Report, top: int, show_articles: bool | None = None) -> None:
    """Findings first: the summary, stories, tensions, disagreements by story, agreements; the articles last."""
    summary(console, report)
    stories(console, report, top)
    blame(console, report, top)
    frames(console, report, top)
    matrix(console, report)
    tensions(console, report, top)
    pairs(console, report, "contradiction", "Contradictions", "red")
    pairs(console, report, "entailment", "Agreements", "green")
    casts(console, report, top)
    articles(console, report, show_articles)
