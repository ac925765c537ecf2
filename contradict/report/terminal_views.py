"""The terminal views of the reading commands: `stories`, `frames`, `query`, `articles`, `calibrate`, `facts`.
The report itself is :mod:`contradict.report.terminal`; every string from an article is printed through
:func:`~contradict.report.terminal.plain`."""

from __future__ import annotations

from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from contradict.report.build import QueryResult, Report
from contradict.report.terminal import casts, frames, plain, stories, summary
from contradict.report.text import (
    count,
)
from contradict.untrusted import clean


def render_stories(console: Console, report: Report) -> None:
    """`contradict stories`: every story of more than one article, with counts by kind."""
    summary(console, report)
    stories(console, report, 0, everything=True)


FRAME_COLUMNS = 12  # articles shown side by side in `contradict frames`; more: filter or pick an actor


def render_frames(console: Console, report: Report, actor=None) -> None:
    """`contradict frames`: actors by article (each cell: what the actor does to whom in that article), or one
    actor's relations with every other actor by article, then the framing tensions."""
    names = report.actor_names()
    rows = [f for f in report.frames if actor is None or actor.id in (f.actor, f.target)]
    articles = sorted({f.article for f in rows})
    if not rows:
        console.print("No frames found" + (f" for {clean(actor.name)}." if actor else
                                           " (no claim relates two actors named in two articles)."))
        return
    shown = articles[:FRAME_COLUMNS]
    caption = (f"→ {clean(actor.name)} does it to them · ← they do it to {clean(actor.name)} · (claims)" if actor
               else "what each actor does to whom in each article · (claims)")
    t = Table(title=f"{clean(actor.name)} by article" if actor else "Actors by article", show_lines=True,
              caption=caption)
    t.add_column("actor" if actor is None else "with", overflow="fold")
    for k, _ in enumerate(shown, 1):  # numbered: whole ids do not fit a column; the legend below names them
        t.add_column(str(k), overflow="fold")
    cells: dict[tuple[str, str], list[str]] = {}
    for f in rows:  # strongest first within each article (report order)
        if actor is None:
            row, text = f.actor, f"{f.relation} {names.get(f.target, f.target)}"
        elif f.actor == actor.id:
            row, text = f.target, f"→ {f.relation}"
        else:
            row, text = f.actor, f"← {f.relation}"
        cells.setdefault((row, f.article), []).append(f"{text} ({len(f.claims)})")
    actors = sorted({r for r, _ in cells}, key=lambda r: (-sum(1 for (x, _) in cells if x == r), names.get(r, r)))
    for r in actors:
        t.add_row(plain(names.get(r, r)), *[plain("\n".join(cells.get((r, a), [])[:3])) for a in shown])
    console.print(t)
    label = report.article_names(60)
    for k, a in enumerate(shown, 1):
        console.print(Text.assemble(f"{k}: ", plain(label.get(a, a)), plain(f" ({a})" if label.get(a, a) != a else "",
                                                                             "dim")))
    if len(articles) > len(shown):
        console.print(f"{len(articles) - len(shown)} more articles: narrow with --story, --source or --since, or "
                      "pick one actor with --actor.", style="dim")
    ten = [x for x in report.framing if actor is None or actor.name in (x.actor, x.target)]
    if ten:
        frames_report = Report(articles=report.articles, pairs=(), tensions=(), duplicates=(), summary=report.summary,
                               actors=report.actors, framing=tuple(ten), casts=report.casts if actor is None else ())
        frames(console, frames_report, 0)
        casts(console, frames_report, 0)


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


def render_articles(console: Console, rows: list[dict]) -> None:
    """`contradict articles`: one line per article."""
    t = Table(title=f"Articles ({len(rows)})")
    for col in ("id", "source", "date", "title", "claims", "story"):
        t.add_column(col, overflow="fold", justify="right" if col == "claims" else "left")
    for r in rows:
        t.add_row(plain(r["id"]), plain(r["source"]), plain(r["date"]), plain(r["title"]), str(r["claims"]),
                  plain(r["story"]))
    console.print(t)


def render_calibration(console: Console, r: dict) -> None:
    """`contradict calibrate`: precision on the marked findings now, by threshold, and the suggestion."""
    if not r["marked"]:
        console.print("No findings are marked yet: `contradict mark PAIR_ID wrong|right` after reading a report.")
        return
    cur = r["current"]
    console.print(f"{r['marked']} marked findings ({r['right']} right, {r['wrong']} wrong). At the current threshold "
                  f"{cur['threshold']}: {cur['kept']} kept, precision {cur['precision']}, recall {cur['recall']}.")
    t = Table(title="By threshold (the score of each marked finding)")
    for col in ("threshold", "kept", "right", "precision", "recall"):
        t.add_column(col, justify="right")
    for row in r["table"]:
        t.add_row(*(str(row[c]) for c in ("threshold", "kept", "right", "precision", "recall")))
    console.print(t)
    if r["suggested"] is None:
        console.print(f"No threshold reaches precision {r['target']} on the marked findings.")
    else:
        console.print(f"Suggested: CONTRADICT_CONTRADICTION_THRESHOLD={r['suggested']} (precision >= {r['target']}).")


def render_facts(console: Console, rows: list[dict]) -> None:
    """``contradict facts``: per fact, each article's claim side by side and the values they differ on."""
    if not rows:
        console.print("No facts: a fact needs claims of two articles of one story (`contradict stories`).",
                      style="dim")
        return
    differing = sum(1 for r in rows if r["differences"])
    held = sum(1 for r in rows if any(d.get("anchored") for d in r["differences"]))
    parsed = any(d.get("anchored") is not None for r in rows for d in r["differences"])
    console.print(Text.assemble((f"{count(len(rows), 'fact')}", "bold"), f" · {differing} with values that differ",
                                f", {held} of them told of one event (report findings)" if parsed else ""))
    for r in rows:
        head = Text.assemble((r["id"], "bold"), " · ", plain(r["story_label"] or r["story"]), " · about ",
                             plain(r["about"] or "-"))
        t = Table(title=head, title_justify="left", show_lines=False, expand=False)
        for col in ("outlet", "date", "claim"):
            t.add_column(col, overflow="fold")
        for c in r["claims"]:
            who = f" ({c['speaker']})" if c["speaker"] else ""
            t.add_row(plain(c["source"] or c["article"]), plain((c["date"] or "")[:10]), plain(c["text"] + who))
        console.print(t)
        sources = {c["claim"]: c["source"] or c["article"] for c in r["claims"]}
        for d in r["differences"]:
            if d.get("anchored") is False:  # the parse puts the two values on two events, or one name two ways
                console.print(Text.assemble("  values differ (not one event by the parse): ", d["slot"], " · ",
                                            plain(sources[d["a"]]), ": ", plain(d["value_a"]), " | ",
                                            plain(sources[d["b"]]), ": ", plain(d["value_b"])), style="dim")
                continue
            console.print(Text.assemble("  differs: ", (d["slot"], "bold red"), " · ", plain(sources[d["a"]]), ": ",
                                        plain(d["value_a"]), " | ", plain(sources[d["b"]]), ": ", plain(d["value_b"])))
