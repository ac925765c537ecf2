"""The rich terminal report: summary, tension matrix, top tensions side by side, then agreements.

Every string that comes from an article (ids, titles, outlets, claims, topics) is printed through
:func:`plain`: as text, never as rich markup.
"""

from __future__ import annotations

from rich.columns import Columns
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .render import count, entailment_text, only_agree
from .report import ClaimRow, QueryResult, Report
from .untrusted import clean


def _heat_style(v: float, vmax: float) -> str:
    if v <= 0 or vmax <= 0:
        return "dim"
    a = v / vmax
    return "bold white on red" if a > 0.66 else "black on dark_orange" if a > 0.33 else "black on yellow"


def _short(aid: str) -> str:
    return aid if len(aid) <= 12 else aid[:11] + "…"


def plain(text: str | None, style: str = "") -> Text:
    """Article text (ids, titles, outlets, claims, topics) as plain text: never read as rich markup,
    control characters removed."""
    return Text(clean(text), style=style)


def summary(console: Console, report: Report) -> None:
    s = report.summary
    console.print(Text.assemble(
        ("contradict ", "bold"),
        f"{count(s.articles, 'article')} · {count(s.claims, 'claim')} · {count(s.pairs_scored, 'pair')} scored · ",
        (count(s.contradictions, 'contradiction'), "bold red"), f" (score ≥ {s.threshold}) · model ",
        plain(s.nli_model)))
    t = Table(title="Articles", show_lines=False, expand=False)
    for col in ("id", "title", "source", "claims"):
        t.add_column(col, overflow="fold", justify="right" if col == "claims" else "left")
    for a in report.articles:
        t.add_row(plain(a.id), plain(a.title), plain(a.source), str(a.claims))
    console.print(t)


def matrix(console: Console, report: Report) -> None:
    ids = [a.id for a in report.articles]
    if not 1 < len(ids) <= 20:
        return
    cells = {t.articles: t for t in report.tensions}
    vmax = max([t.score for t in report.tensions] or [0])
    t = Table(title="Tension matrix (contradictions per article pair)", show_header=True)
    t.add_column("")
    for i in ids:
        t.add_column(plain(_short(i)), justify="center")
    for x in ids:
        row = []
        for y in ids:
            tn = cells.get((x, y)) or cells.get((y, x))
            if x == y:
                row.append(Text("·", style="dim"))
            else:
                n = tn.contradictions if tn else 0
                row.append(Text(str(n), style=_heat_style(tn.score if tn else 0, vmax)))
        t.add_row(plain(_short(x)), *row)
    console.print(t)


def _claim_panel(c: ClaimRow, titles: dict, style: str) -> Panel:
    body = plain(c.claim)
    if c.context:
        body = Text.assemble(plain("… " + c.context[-160:] + " ", "dim italic"), body)
    return Panel(body, title=plain(c.who, "bold"), subtitle=plain(titles.get(c.article, "")), border_style=style)


def pairs(console: Console, report: Report, label: str, heading: str, style: str) -> None:
    rows = report.contradictions if label == "contradiction" else report.agreements
    titles = report.article_labels(48, untitled_as_id=False)  # the panel's title names the article
    console.rule(f"[bold]{heading}[/] ({len(rows)})")
    if not rows:
        console.print(f"No {heading.lower()} found.")
        return
    width = console.width
    for n, p in enumerate(rows, 1):
        key = "score" if label == "contradiction" else "agreement"
        meta = Text.assemble(
            (f"{n}. ", "bold"), f"{key} {getattr(p, key):.2f} · ",
            ("contradiction", "red"), f" {p.p('contradiction'):.2f} · ", ("entailment", "green"),
            f" {entailment_text(p)} · neutral {p.p('neutral'):.2f} · similarity {p.similarity:.2f} · why: ",
            plain("; ".join(p.reasons), "italic"))
        panels = [_claim_panel(p.a, titles, style), _claim_panel(p.b, titles, style)]
        body = Columns(panels, equal=True, expand=True) if width >= 100 else Group(*panels)
        console.print(meta)
        console.print(body)


def tensions(console: Console, report: Report, top: int) -> None:
    t = Table(title="Top tensions")
    for col in ("articles", "topic", "contradictions", "agreements", "score"):
        t.add_column(col, justify="right" if col in ("contradictions", "agreements", "score") else "left")
    tense, agreeing = report.split_tensions()
    for tn in tense[:top] if top > 0 else tense:
        a, b = tn.articles
        t.add_row(plain(f"{_short(a)} vs {_short(b)}"), plain(tn.topic), str(tn.contradictions), str(tn.agreements),
                  f"{tn.score:.2f}")
    console.print(t)
    if agreeing:
        console.print(only_agree(len(agreeing)), style="dim")


def render(console: Console, report: Report, top: int) -> None:
    summary(console, report)
    matrix(console, report)
    tensions(console, report, top)
    pairs(console, report, "contradiction", "Contradictions", "red")
    pairs(console, report, "entailment", "Agreements", "green")


def render_query(console: Console, result: QueryResult) -> None:
    console.print(Text.assemble(("query: ", "bold"), plain(result.query)))
    for hits, head, style in ((result.contradicting, "Contradicting claims", "red"),
                              (result.supporting, "Supporting claims", "green")):
        console.rule(f"[bold]{head}[/] ({len(hits)})")
        if not hits:
            console.print(f"No {head.lower()} found.")
        for n, r in enumerate(hits, 1):
            implies = f" · implies the query {r.implies_query:.2f}" if hits is result.supporting else ""
            console.print(Text.assemble((f"{n}. ", "bold"), plain(r.claim.who),
                                        f" · contradiction {r.p('contradiction'):.2f} · "
                                        f"entailment {r.p('entailment'):.2f}{implies} · similarity {r.similarity:.2f}"))
            console.print(Panel(plain(r.claim.claim), border_style=style))
