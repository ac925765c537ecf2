"""The rich terminal report: summary, tension matrix, top tensions side by side, then agreements."""

from __future__ import annotations

from rich.columns import Columns
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from .render import article_labels, count, entailment_text, only_agree, split_tensions, who
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


def summary(console: Console, report: dict) -> None:
    s = report["summary"]
    console.print(Text.assemble(
        ("contradict ", "bold"), f"{count(s['articles'], 'article')} · {count(s['claims'], 'claim')} · {count(s['pairs_scored'], 'pair')} scored · ",
        (count(s['contradictions'], 'contradiction'), "bold red"), f" (score ≥ {s['threshold']}) · model ",
        plain(s["nli_model"])))
    t = Table(title="Articles", show_lines=False, expand=False)
    for col in ("id", "title", "source", "claims"):
        t.add_column(col, overflow="fold", justify="right" if col == "claims" else "left")
    for a in report["articles"]:
        t.add_row(plain(a["id"]), plain(a["title"]), plain(a["source"]), str(a["claims"]))
    console.print(t)


def matrix(console: Console, report: dict) -> None:
    ids = [a["id"] for a in report["articles"]]
    if not 1 < len(ids) <= 20:
        return
    cells = {tuple(t["articles"]): t for t in report["tensions"]}
    vmax = max([t["score"] for t in report["tensions"]] or [0])
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
                n = tn["contradictions"] if tn else 0
                row.append(Text(str(n), style=_heat_style(tn["score"] if tn else 0, vmax)))
        t.add_row(plain(_short(x)), *row)
    console.print(t)


def _claim_panel(c: dict, titles: dict, style: str) -> Panel:
    body = plain(c["claim"])
    if c.get("context"):
        body = Text.assemble(plain("… " + c["context"][-160:] + " ", "dim italic"), body)
    return Panel(body, title=plain(who(c), "bold"), subtitle=plain(titles.get(c["article"], "")),
                 border_style=style)


def pairs(console: Console, report: dict, label: str, heading: str, style: str) -> None:
    rows = [p for p in report["pairs"] if p["label"] == label]
    titles = article_labels(report, 48, untitled_as_id=False)  # the panel's title names the article
    console.rule(f"[bold]{heading}[/] ({len(rows)})")
    if not rows:
        console.print(f"No {heading.lower()} found.")
        return
    width = console.width
    for n, p in enumerate(rows, 1):
        pr = p["probs"]
        key = "score" if label == "contradiction" else "agreement"
        meta = Text.assemble(
            (f"{n}. ", "bold"), f"{key} {p[key]:.2f} · ",
            ("contradiction", "red"), f" {pr['contradiction']:.2f} · ", ("entailment", "green"),
            f" {entailment_text(p)} · neutral {pr['neutral']:.2f} · similarity {p['similarity']:.2f} · why: ",
            plain("; ".join(p["reasons"]), "italic"))
        panels = [_claim_panel(p["a"], titles, style), _claim_panel(p["b"], titles, style)]
        if width >= 100:
            body = Columns(panels, equal=True, expand=True)
        else:
            body = Group(*panels)
        console.print(meta)
        console.print(body)


def tensions(console: Console, report: dict, top: int) -> None:
    t = Table(title="Top tensions")
    for col in ("articles", "topic", "contradictions", "agreements", "score"):
        t.add_column(col, justify="right" if col in ("contradictions", "agreements", "score") else "left")
    tense, agreeing = split_tensions(report)
    for tn in tense[:top] if top > 0 else tense:
        a, b = tn["articles"]
        t.add_row(plain(f"{_short(a)} vs {_short(b)}"), plain(tn["topic"]), str(tn["contradictions"]), str(tn["agreements"]),
                  f"{tn['score']:.2f}")
    console.print(t)
    if agreeing:
        console.print(only_agree(len(agreeing)), style="dim")


def render(console: Console, report: dict, top: int) -> None:
    summary(console, report)
    matrix(console, report)
    tensions(console, report, top)
    pairs(console, report, "contradiction", "Contradictions", "red")
    pairs(console, report, "entailment", "Agreements", "green")


def render_query(console: Console, result: dict) -> None:
    console.print(Text.assemble(("query: ", "bold"), plain(result["query"])))
    for key, head, style in (("contradicting", "Contradicting claims", "red"), ("supporting", "Supporting claims", "green")):
        console.rule(f"[bold]{head}[/] ({len(result[key])})")
        if not result[key]:
            console.print(f"No {head.lower()} found.")
        for n, r in enumerate(result[key], 1):
            pr = r["probs"]
            implies = f" · implies the query {r['implies_query']:.2f}" if key == "supporting" else ""
            console.print(Text.assemble((f"{n}. ", "bold"), plain(who(r['claim'])), f" · contradiction {pr['contradiction']:.2f} · "
                                        f"entailment {pr['entailment']:.2f}{implies} · similarity {r['similarity']:.2f}"))
            console.print(Panel(plain(r["claim"]["claim"]), border_style=style))
