"""Report renderers that produce text: JSON, Markdown and self-contained HTML.

All take the report dict built by ``pipeline.build_report`` (the JSON schema in the README).
"""

from __future__ import annotations

import html
import json
import os
import re
import tempfile
from pathlib import Path

from .untrusted import clean


def to_json(report: dict) -> str:
    return json.dumps(report, indent=2, ensure_ascii=False) + "\n"


def who(claim: dict) -> str:
    """'article 000' or 'article 000, quoting a senior U.S. official'."""
    art = f"article {claim['article']}"
    sp = claim.get("speaker") or "article"
    return art if sp == "article" else f"{art}, quoting {sp}"


def count(n: int, noun: str) -> str:
    """'1 contradiction', '3 contradictions' (nouns with a plain -s plural)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def entailment_text(p: dict) -> str:
    """'0.49', or for an agreement that reads entailment one way only '0.49 (0.97 one way)'."""
    mean, one_way = p["probs"]["entailment"], p.get("entailment_one_way", 0.0)
    return f"{mean:.2f}" + (f" ({one_way:.2f} one way)" if p["label"] == "entailment" and one_way >= mean + 0.01 else "")


def _probs(p: dict) -> str:
    pr = p["probs"]
    return f"contradiction {pr['contradiction']:.2f} · entailment {entailment_text(p)} · neutral {pr['neutral']:.2f}"


def article_labels(report: dict, width: int | None = None, untitled_as_id: bool = True) -> dict:
    """Article id -> its title (or id), cut to ``width``, and its date when known: two reports of one event
    that disagree on a figure read differently when one is a day later."""
    out = {}
    for a in report["articles"]:
        title = a["title"] or (a["id"] if untitled_as_id else "")
        if width and len(title) > width:
            title = title[:width - 1].rstrip() + "…"
        out[a["id"]] = " · ".join(x for x in (title, a.get("date") or "") if x)
    return out


def _split(report: dict):
    contra = [p for p in report["pairs"] if p["label"] == "contradiction"]
    agree = [p for p in report["pairs"] if p["label"] == "entailment"]
    return contra, agree


def sizes(s: dict) -> str:
    """'3 articles, 6 claims, 2 claim pairs' from a report summary."""
    return f"{count(s['articles'], 'article')}, {count(s['claims'], 'claim')}, {count(s['pairs_scored'], 'claim pair')}"


def tension_counts(t: dict) -> str:
    """'1 contradiction, 0 agreements (score 0.72)' for a tension."""
    return f"{count(t['contradictions'], 'contradiction')}, {count(t['agreements'], 'agreement')} (score {t['score']:.2f})"


def only_agree(n: int) -> str:
    return f"{count(n, 'more article pair')} only {'agrees' if n == 1 else 'agree'} (see Agreements)."


def split_tensions(report: dict):
    """Article pairs with at least one contradiction, and those that only agree."""
    tense = [t for t in report["tensions"] if t["contradictions"]]
    return tense, [t for t in report["tensions"] if not t["contradictions"]]


def to_markdown(report: dict, title: str = "contradict report") -> str:
    s = report["summary"]
    titles = article_labels(report)
    out = [f"# {title}", "",
           f"{sizes(s)} scored by `{s['nli_model']}`; {count(s['contradictions'], 'contradiction')} at score >= "
           f"{s['threshold']}.", ""]
    tense, agreeing = split_tensions(report)
    out += ["## Tensions", ""]
    if not tense:
        out.append("No tensions found.")
    for t in tense:
        a, b = t["articles"]
        out.append(f"- **{md(a)} vs {md(b)}** on {md(t['topic'])}: {tension_counts(t)}")
    if agreeing:
        out += ["", only_agree(len(agreeing))]
    contra, agree = _split(report)
    for head, rows in (("Contradictions", contra), ("Agreements", agree)):
        out += ["", f"## {head}", ""]
        if not rows:
            out.append(f"No {head.lower()} found.")
        for n, p in enumerate(rows, 1):
            key = "score" if head == "Contradictions" else "agreement"
            out += [f"### {n}. {md(p['a']['article'])} vs {md(p['b']['article'])} ({key} {p[key]:.2f})", "",
                    f"> **{md(who(p['a']))}** ({md(titles.get(p['a']['article'], ''))}): {md(p['a']['claim'])}",
                    ">",
                    f"> **{md(who(p['b']))}** ({md(titles.get(p['b']['article'], ''))}): {md(p['b']['claim'])}",
                    "", f"{_probs(p)} · similarity {p['similarity']:.2f} · why paired: {md('; '.join(p['reasons']))}",
                    ""]
    out += ["", "## Articles", "", "| id | title | source | claims |", "|---|---|---|---|"]
    for a in report["articles"]:
        out.append(f"| {md(a['id'])} | {md(a['title'])} | {md(a['source'])} | {a['claims']} |")
    return "\n".join(out) + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|#!~])")


def md(text: str) -> str:
    """Article text for Markdown: one line, control characters removed, HTML and Markdown syntax escaped
    (a title cannot become a tag, a link or a table cell boundary)."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(" ".join(clean(text).split()), quote=False))


_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.6em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:left}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:1em;margin:.5em 0 1.5em}
.claim{border-left:4px solid #c0392b;padding:.4em .8em;background:#fbf3f2}
.agree .claim{border-left-color:#27ae60;background:#f2fbf5}
.who{font-size:.85em;color:#555;margin-bottom:.3em}.meta{font-size:.85em;color:#555}
.heat td.n{text-align:center;font-variant-numeric:tabular-nums}
"""


def _heat(v: float, vmax: float) -> str:
    if vmax <= 0 or v <= 0:
        return "#fff"
    a = min(1.0, v / vmax)
    return f"rgba(192,57,43,{0.15 + 0.7 * a:.2f})"


def to_html(report: dict, title: str = "contradict report") -> str:
    def e(text) -> str:
        return html.escape(clean(text))

    s = report["summary"]
    titles = article_labels(report)
    ids = [a["id"] for a in report["articles"]]
    matrix = {tuple(t["articles"]): t for t in report["tensions"]}
    vmax = max([t["score"] for t in report["tensions"]] or [0])
    parts = [f"<!doctype html><html><head><meta charset='utf-8'><title>{e(title)}</title>"
             f"<style>{_CSS}</style></head><body><h1>{e(title)}</h1>",
             f"<p>{sizes(s)} scored by <code>{e(s['nli_model'])}</code>; {count(s['contradictions'], 'contradiction')} "
             f"at score &ge; {s['threshold']}.</p>",
             ]
    if 1 < len(ids) <= 30:
        parts.append("<h2>Tension matrix</h2><p class='meta'>contradictions per article pair, coloured by score</p>"
                     "<table class='heat'><tr><th></th>" + "".join(f"<th>{e(i[:12])}</th>" for i in ids) + "</tr>")
        for x in ids:
            row = [f"<tr><th>{e(x[:12])}</th>"]
            for y in ids:
                t = matrix.get((x, y)) or matrix.get((y, x))
                v = t["contradictions"] if t and x != y else ""
                row.append(f"<td class='n' style='background:{_heat(t['score'] if t else 0, vmax)}'>{v}</td>")
            parts.append("".join(row) + "</tr>")
        parts.append("</table>")
    tense, agreeing = split_tensions(report)
    parts.append("<h2>Tensions</h2><ul>")
    for t in tense:
        a, b = t["articles"]
        parts.append(f"<li><b>{e(a)} vs {e(b)}</b> on {e(t['topic'])}: {tension_counts(t)}</li>")
    parts.append("</ul>" if tense else "<li>No tensions found.</li></ul>")
    if agreeing:
        parts.append(f"<p class='meta'>{only_agree(len(agreeing))}</p>")
    contra, agree = _split(report)
    for head, rows, cls in (("Contradictions", contra, "contra"), ("Agreements", agree, "agree")):
        parts.append(f"<h2>{head}</h2>")
        if not rows:
            parts.append(f"<p>No {head.lower()} found.</p>")
        for n, p in enumerate(rows, 1):
            key = "score" if cls == "contra" else "agreement"
            parts.append(f"<h3>{n}. {e(p['a']['article'])} vs {e(p['b']['article'])} "
                         f"<span class='meta'>({key} {p[key]:.2f})</span></h3><div class='pair {cls}'>")
            for side in ("a", "b"):
                c = p[side]
                parts.append(f"<div class='claim'><div class='who'>{e(who(c))} · {e(titles.get(c['article'], ''))}"
                             f"</div>{e(c['claim'])}</div>")
            parts.append(f"</div><p class='meta'>{e(_probs(p))} · similarity {p['similarity']:.2f} · why paired: "
                         f"{e('; '.join(p['reasons']))}</p>")
    parts.append("<h2>Articles</h2><table><tr><th>id</th><th>title</th><th>source</th><th>claims</th></tr>")
    for a in report["articles"]:
        parts.append(f"<tr><td>{e(a['id'])}</td><td>{e(a['title'])}</td><td>{e(a['source'])}</td><td>{a['claims']}</td></tr>")
    parts.append("</table></body></html>\n")
    return "".join(parts)


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
