"""Read articles from files and directories and clean them into plain paragraphs.

Inputs: .txt, .md, .html/.htm, .json (one article or a list) and .jsonl (one article a line).
Cleaning is what real scraped articles need: markdown links to text, HTML to text, sentences
hard-wrapped across blank lines re-joined, publisher boilerplate dropped (disclaimers, copyright,
share/subscribe prompts, URL- or e-mail-only lines, lines repeated verbatim across articles of the
corpus), image captions marked, non-English lines skipped and counted.

Problems with one input never stop the others: they are returned as ``Problem`` values.
"""

from __future__ import annotations

import html
import html.parser
import json
import logging
import os
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Iterable, Iterator

from .types import Article
from .untrusted import shown, strip_controls

log = logging.getLogger(__name__)

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"}


@dataclass(frozen=True)
class Problem:
    path: str
    message: str  # what is wrong and what was done
    skipped: bool = True  # False: the input was read (perhaps repaired or truncated)
    partial: bool = False  # read only in part, or decoded as something other than UTF-8

    def __str__(self) -> str:
        return shown(f"{self.path}: {self.message}")


@dataclass(frozen=True)
class RawDoc:
    id: str
    title: str
    source: str
    date: str
    text: str
    path: str
    markup: str  # "text" | "markdown" | "html"
    meta: tuple[tuple[str, str], ...] = ()


# ---------------------------------------------------------------- finding files


def collect_files(paths: Iterable[str | Path]) -> tuple[list[Path], list[Problem]]:
    """Expand files and directories (recursively) into input files.

    Paths named by the user are taken as given (a named symlink is followed). Inside a directory, a
    symlink is followed only when its target lies inside one of the named inputs: a link to ``/`` dropped
    into an inbox must not pull the host's files into the store. FIFOs, devices and sockets are skipped,
    named or found: reading one could block forever or never end.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()
    roots = [os.path.realpath(p) for p in paths]

    def inside_roots(real: str) -> bool:
        return any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in roots)

    def add_file(p: Path):
        real = os.path.realpath(p)
        if real not in seen_files:
            seen_files.add(real)
            files.append(p)

    def walk(d: Path):
        real = os.path.realpath(d)
        if real in seen_dirs:
            problems.append(Problem(str(d), "symlink loop: directory already visited, skipped"))
            return
        seen_dirs.add(real)
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as exc:
            problems.append(Problem(str(d), f"cannot list directory ({exc.strerror}), skipped"))
            return
        for e in entries:
            if e.name.startswith("."):
                continue
            p = Path(e.path)
            try:
                if e.is_symlink():
                    target = os.path.realpath(p)
                    if not os.path.exists(target):
                        problems.append(Problem(str(p), "broken symlink, skipped"))
                        continue
                    if not inside_roots(target):
                        problems.append(Problem(str(p), f"symlink to {target}, outside the input folders, skipped"))
                        continue
                if e.is_dir():
                    walk(p)
                elif e.is_file():
                    if p.suffix.lower() in SUFFIXES:
                        add_file(p)
                elif p.suffix.lower() in SUFFIXES:
                    problems.append(Problem(str(p), f"not a regular file ({_kind(p)}), skipped"))
            except OSError as exc:
                problems.append(Problem(str(p), f"cannot stat ({exc.strerror}), skipped"))

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            before = len(files)
            walk(p)
            if len(files) == before:
                problems.append(Problem(str(p), f"no article files ({', '.join(sorted(SUFFIXES))}) found"))
        elif p.is_file():
            add_file(p)
        elif p.is_symlink() and not p.exists():
            problems.append(Problem(str(p), "broken symlink, skipped"))
        elif p.exists():
            problems.append(Problem(str(p), f"not a regular file ({_kind(p)}), skipped"))
        else:
            problems.append(Problem(str(p), "no such file or directory"))
    return files, problems


def _kind(p: Path) -> str:
    import stat

    try:
        mode = p.stat().st_mode
    except OSError:
        return "unreadable"
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"


# ---------------------------------------------------------------- decoding


def decode(data: bytes) -> tuple[str | None, str | None]:
    """Bytes to text. Returns (text, note); text None means the bytes are not text at all."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            return None, "invalid UTF-16"
    head = data[:8192]
    if b"\x00" in head or head.startswith((b"\x89PNG", b"GIF8", b"%PDF", b"PK\x03\x04", b"\xff\xd8\xff")):
        return None, "binary file, not text"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        note = "not valid UTF-8: read as Windows-1252/Latin-1"
    else:
        note = None
    controls = sum(1 for ch in text[:8192] if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f")
    if controls > 0.05 * max(1, len(text[:8192])):
        return None, "binary file, not text"
    return text, note


# ---------------------------------------------------------------- parsing formats


class _HTMLText(html.parser.HTMLParser):
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote", "section",
              "article", "header", "footer", "figcaption", "pre", "table", "ul", "ol", "title", "hr"}
    _SKIP = {"script", "style", "noscript", "template", "svg", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self._skip += 1
        if tag == "title":
            self._in_title = True
        if tag == "figcaption":
            self.parts.append("\n\nImage: ")
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        if tag == "title":
            self._in_title = False
        if tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, str]:
    """(title, text) of an HTML document; scripts and styles dropped."""
    p = _HTMLText()
    p.feed(markup)
    p.close()
    text = "".join(p.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    text = re.sub(r" *\n *", "\n", text)
    return p.title.strip(), text


_FIELDS = ("id", "title", "source", "date", "text")


def _from_record(rec, path: Path, where: str, default_id: str) -> tuple[RawDoc | None, Problem | None]:
    if not isinstance(rec, dict):
        return None, Problem(f"{path}{where}", f"expected a JSON object, got {type(rec).__name__}; skipped")
    text = rec.get("text", rec.get("body", rec.get("content")))
    if not isinstance(text, str):
        what = "missing" if text is None else f"not a string ({type(text).__name__})"
        return None, Problem(f"{path}{where}", f"field 'text' is {what}; skipped")
    bad = [k for k in ("title", "source", "date") if k in rec and rec[k] is not None and not isinstance(rec[k], str)]
    if bad:
        return None, Problem(f"{path}{where}", f"field(s) {', '.join(bad)} must be strings; skipped")
    rid = rec.get("id")
    if rid is not None and not isinstance(rid, (str, int)):
        return None, Problem(f"{path}{where}", "field 'id' must be a string or number; skipped")
    meta = tuple(sorted((k, json.dumps(v, sort_keys=True, ensure_ascii=False)) for k, v in rec.items()
                        if k not in _FIELDS))
    markup = "html" if re.search(r"</(p|div|span|br|a)>", text[:5000], re.I) else "markdown"
    return RawDoc(
        id=str(rid) if rid is not None and str(rid).strip() else default_id,
        title=(rec.get("title") or "").strip(),
        source=(rec.get("source") or "").strip(),
        date=(rec.get("date") or "").strip(),
        text=text, path=str(path), markup=markup, meta=meta,
    ), None


def read_docs(path: Path, max_bytes: int) -> Iterator[RawDoc | Problem]:
    """Parse one input file into raw documents, yielding a Problem for anything unreadable.

    ``.jsonl`` is streamed a line at a time (any size; a line longer than ``max_bytes`` is
    skipped); other files are read up to ``max_bytes``.
    """
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        fh = open(path, "rb")
    except OSError as exc:
        yield Problem(str(path), f"cannot read ({exc.strerror or exc}), skipped")
        return
    with fh:
        if size == 0:
            yield Problem(str(path), "empty file, skipped")
            return
        if suffix == ".jsonl":
            yield from _read_jsonl(fh, path, max_bytes)
            return
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            yield Problem(str(path), f"cannot read ({exc.strerror or exc}), skipped")
            return
    if len(data) > max_bytes:
        data = data[:max_bytes]
        yield Problem(str(path), f"larger than {max_bytes:,} bytes: only the first {max_bytes:,} read",
                      skipped=False, partial=True)
    text, note = decode(data)
    if text is None:
        yield Problem(str(path), f"{note}, skipped")
        return
    if note:
        yield Problem(str(path), note, skipped=False, partial=True)
    if not text.strip():
        yield Problem(str(path), "only whitespace, skipped")
        return
    stem = path.stem
    if suffix == ".json":
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Problem(str(path), f"malformed JSON ({exc.msg} at line {exc.lineno}), skipped")
            return
        recs = obj if isinstance(obj, list) else [obj]
        for n, rec in enumerate(recs):
            doc, prob = _from_record(rec, path, f"[{n}]" if isinstance(obj, list) else "",
                                     f"{stem}-{n}" if isinstance(obj, list) else stem)
            yield doc or prob
    elif suffix in (".html", ".htm"):
        title, body = html_to_text(text)
        yield RawDoc(stem, title, "", "", body, str(path), "html")
    else:
        yield RawDoc(stem, "", "", "", text, str(path), "markdown" if suffix in (".md", ".markdown") else "text")


def _read_jsonl(fh, path: Path, max_bytes: int) -> Iterator[RawDoc | Problem]:
    seen_any = False
    n = 0
    while True:
        try:
            raw = fh.readline(max_bytes + 1)
        except OSError as exc:
            yield Problem(str(path), f"read error after line {n} ({exc.strerror or exc}), rest skipped")
            return
        if not raw:
            break
        n += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of an oversized line
                raw = fh.readline(max_bytes)
            yield Problem(f"{path}:{n}", f"line longer than {max_bytes:,} bytes, skipped")
            continue
        if not raw.strip():
            continue
        seen_any = True
        text, note = decode(raw)
        if text is None:
            yield Problem(f"{path}:{n}", f"{note}, line skipped")
            continue
        try:
            rec = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Problem(f"{path}:{n}", f"malformed JSON ({exc.msg}), line skipped")
            continue
        doc, prob = _from_record(rec, path, f":{n}", f"{path.stem}-{n}")
        yield doc or prob
    if not seen_any:
        yield Problem(str(path), "only whitespace, skipped")


# ---------------------------------------------------------------- cleaning

_MD_LINK = re.compile(r"!?\[((?:[^\[\]\\]|\\.)*)\]\((?:[^()\s]|\([^()]*\))*\)")
_MD_ESC = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")
_TAG = re.compile(r"</?(u|i|b|em|strong|span|a|sup|sub)(\s[^>]*)?>", re.I)
_URL_ONLY = re.compile(r"^\W*((https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+)(\s+\S+)?\W*$", re.I)
# Publisher notices and photo credits wherever they stand (a short line here; a sentence in claims).
NOTICE_PHRASES = (
    r"toggle caption|enlarge this image|opt[- ]out at any time|special offers|opinions expressed (by|in)"
    r"|do not (necessarily )?(represent|reflect) the views|to your inbox|making a contribution"
    r"|financial contribution|rush transcript|may not be in its final form|^must watch\b"
)
_BOILER = re.compile(
    r"copyright|©|\(c\) \d{4}|all rights reserved|disclaimer|the views expressed|original source of this"
    r"|comment on .{0,40}(facebook|twitter)|become a member|articles by:|media inquiries|share buttons"
    r"|forward this article|crosspost|subscribe|sign up for|newsletter|follow us|click here|share this"
    r"|featured image|note to readers|support (our|independent) |donate|read more:|related:|advertisement"
    r"|^(region|theme|in-depth report|tags?|filed under|categories)\s*:|^by\s+[\w.' -]{2,60}$"
    r"|\bregion:.*\btheme:|story continued below|^\W*(photo|image) (credit|courtesy)|^\(?(ap|reuters|afp) photo"
    rf"|{NOTICE_PHRASES}|^hide caption\b|without charge to any eligible"
    r"|homepage for more stories|^contributing:|support [\w’']+ (explanatory )?journalism|^check out\b"
    r"|^skip \w+ post by|^(the )?editorial board, |^follow (the|us|me|him|her)\b.{0,40}\bon (twitter|facebook|instagram)"
    r"|^(last )?(updated|posted)( at| on)?:? +(\d|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri"
    r"|sat|sun)[a-z]*\b).{0,40}$",
    re.I,
)
_NOTICE = re.compile(r"^\W*(disclaimer|copyright|©|editor'?s note|note to readers)\b", re.I)
_CAPTION = re.compile(r"^\s*(image|photo|picture|caption|pictured|above|below)\s*[:\-–]\s*", re.I)
_TERMINAL = re.compile(r"[.!?…:][\"'”’)\]*]*$")
_EN_STOP = set("the of and to in a is that for it as was with on be by are this from at have has not "
               "which but or an they his her their were been its who will would".split())


def is_english(line: str) -> bool:
    """Latin-script text that reads as English; short lines are given the benefit of the doubt."""
    letters = [c for c in line if c.isalpha()]
    if not letters:
        return True
    latin = sum(1 for c in letters if ord(c) < 0x250)
    if latin / len(letters) < 0.7:
        return False
    words = re.findall(r"[a-zA-Z']+", line)
    if len(words) < 8 or sum(w[0].islower() for w in words) < 0.4 * len(words):
        return True  # short lines, headlines and tag lists: left to the claim filter
    words = [w.lower() for w in words]
    return sum(w in _EN_STOP for w in words) / len(words) >= 0.08


def _norm_line(line: str) -> str:
    return re.sub(r"\s+", " ", _MD_LINK.sub(r"\1", line)).strip().lower()


def line_keys(doc: RawDoc) -> set[str]:
    """Normalized short lines of a document, to find lines repeated across a corpus."""
    return {k for k in (_norm_line(x) for x in doc.text.splitlines()) if 0 < len(k) <= 300}


# a linked name followed by its pop-up of related headlines, up to "MORE":
# "Speaker Nancy Pelosi Nancy PelosiOvernight Health Care: ... | ... MORE (D-Calif.) said"
_NAME_POPUP = re.compile(r"\b((?:[A-Z][\w.'’-]+ ){1,3}[A-Z][\w'’-]+) \1(?=[A-Z])[^\n]{0,600}? MORE\b")


def _inline(line: str) -> str:
    line = _NAME_POPUP.sub(r"\1", line)
    line = _MD_LINK.sub(r"\1", line)
    line = _TAG.sub("", line)
    line = _MD_ESC.sub(r"\1", line)
    line = re.sub(r"(\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w))", "", line)
    line = re.sub(r"^#{1,6}\s+|^>\s?|^[-*+]\s+|^[•▪●◦‣·]\s*", "", line)  # headings, quotes, list bullets ("-5" stays)
    if "&" in line:
        line = html.unescape(line)
    return re.sub(r"\s+", " ", line).strip()


@dataclass(frozen=True)
class Cleaned:
    text: str
    skipped_lines: int
    captions: tuple[tuple[int, int], ...]
    dropped_boilerplate: int


def clean(text: str, repeated: frozenset[str] = frozenset()) -> Cleaned:
    """Turn raw article text into paragraphs separated by blank lines (see module doc)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ").replace("\u200b", "")
    paras: list[tuple[str, bool]] = []  # (paragraph, is_caption)
    skipped = dropped = 0
    for raw in text.split("\n"):
        if not raw.strip():
            continue
        if _norm_line(raw) in repeated:
            dropped += 1
            continue
        line = _inline(raw)
        if not line or not any(c.isalpha() for c in line):
            continue  # page numbers, separators
        if not is_english(line):
            skipped += 1
            continue
        if _URL_ONLY.match(line) or (_BOILER.search(line) and len(line) < 400) or _NOTICE.match(line):
            dropped += 1
            continue
        cap = _CAPTION.match(line)
        if cap:
            paras.append((line[cap.end():].strip(), True))
            continue
        if paras and not paras[-1][1] and _continues(paras[-1][0], line):
            paras[-1] = (paras[-1][0] + " " + line, False)
        else:
            paras.append((line, False))
    out, captions, pos = [], [], 0
    for para, is_cap in paras:
        if not para:
            continue
        if out:
            pos += 2
        if is_cap:
            captions.append((pos, pos + len(para)))
        out.append(para)
        pos += len(para)
    return Cleaned("\n\n".join(out), skipped, tuple(captions), dropped)


def _continues(prev: str, line: str) -> bool:
    """Was ``line`` hard-wrapped off the end of ``prev``?"""
    if _TERMINAL.search(prev):
        return False
    if " | " in prev and len(prev) < 200:  # "Headline | Subhead": a title, whatever follows it
        return False
    if line[:1].islower():
        return True
    if prev[-1:] in ",;–-(":
        return True
    # a long line that stops on a lower-case word ("... Saudi Arabia and") was cut mid-sentence;
    # a title ends on a capitalised word and is left alone
    last = prev.split()[-1]
    return len(prev) > 100 and last[:1].islower()


# ---------------------------------------------------------------- articles


_DATEISH = re.compile(r"\b(\d{1,2}[./]\d{1,2}[./]\d{2,4}|(19|20)\d\d)\b")


def _title_from(text: str) -> str:
    """The first short, unpunctuated paragraph of 4+ words that is not a byline or dateline."""
    for para in text.split("\n\n")[:6]:
        para = para.strip()
        if (len(para) <= 200 and len(para.split()) >= 4 and para[-1:] not in ".:"
                and not _DATEISH.search(para) and para.count(" / ") < 2):
            return para
    return ""


def _without_controls(doc: RawDoc) -> tuple[RawDoc, int]:
    """``doc`` with control characters and terminal escape sequences removed from every field."""
    removed = 0

    def keep(value: str) -> str:
        nonlocal removed
        value, n = strip_controls(value.replace("\r\n", "\n").replace("\r", "\n"))
        removed += n
        return value

    def line(value: str) -> str:  # ids, titles, outlets and dates are one line each
        return " ".join(keep(value).split())

    doc = replace(doc, id=line(doc.id), title=line(doc.title), source=line(doc.source), date=line(doc.date),
                  text=keep(doc.text), meta=tuple((keep(k), keep(v)) for k, v in doc.meta))
    return doc, removed


def to_article(doc: RawDoc, repeated: frozenset[str], max_chars: int) -> tuple[Article | None, list[Problem]]:
    problems = []
    doc, removed = _without_controls(doc)
    if removed:
        problems.append(Problem(doc.path, f"article {doc.id}: {removed} characters of control codes and "
                                          "terminal escape sequences removed", skipped=False))
    raw = doc.text
    if len(raw) > 4 * max_chars:  # cleaning never grows text; cut the raw text first to bound the work
        raw = raw[: 4 * max_chars]
    c = clean(raw, repeated)
    text = c.text
    if len(text) > max_chars or len(raw) < len(doc.text):
        cut = text.rfind("\n\n", 0, max_chars) if len(text) > max_chars else len(text)
        text = text[: cut if cut > 0 else max_chars]
        problems.append(Problem(doc.path, f"article {doc.id} longer than {max_chars:,} characters: truncated",
                                skipped=False, partial=True))
    where = doc.path if doc.path.endswith(doc.id + Path(doc.path).suffix) else f"{doc.path} ({doc.id})"
    if c.skipped_lines:
        problems.append(Problem(where, f"{c.skipped_lines} non-English line(s) skipped", skipped=False))
    if not text.strip():
        why = "no English text" if c.skipped_lines else "no text left after cleaning"
        problems.append(Problem(where, f"{why}, skipped"))
        return None, problems
    captions = tuple(s for s in c.captions if s[1] <= len(text))
    return Article(
        id=doc.id, title=doc.title or _title_from(text), source=doc.source, date=doc.date, text=text,
        path=doc.path, meta=doc.meta, skipped_lines=c.skipped_lines, captions=captions,
    ), problems


def load(paths: Iterable[str | Path], max_bytes: int = 50_000_000, max_chars: int = 200_000,
         ) -> tuple[list[Article], list[Problem]]:
    """Read, parse and clean every input; returns articles (sorted by id) and problems."""
    articles, problems = [], []
    for item in iter_articles(paths, max_bytes, max_chars):
        (articles if isinstance(item, Article) else problems).append(item)
    return sorted(articles, key=lambda a: a.id), problems


def iter_articles(paths: Iterable[str | Path], max_bytes: int = 50_000_000, max_chars: int = 200_000,
                  ) -> Iterator[Article | Problem]:
    """Stream articles: a first pass counts lines repeated across documents, a second cleans them."""
    files, problems = collect_files(paths)
    yield from problems
    counts: Counter[str] = Counter()
    n_docs = 0
    for f in files:
        for d in read_docs(f, max_bytes):
            if isinstance(d, RawDoc):
                counts.update(line_keys(d))
                n_docs += 1
    # A line is boilerplate when it is repeated verbatim in several articles: with few articles
    # two is several; in a large corpus, the same line in 1% of articles, and never more than 20
    # (a sign-up line of one outlet in a 5,000-article inbox is in far fewer than 1% of them).
    threshold = max(2, min(20, n_docs // 100))
    repeated = frozenset(k for k, n in counts.items() if n >= threshold and len(k.split()) <= 40)
    del counts
    seen: dict[str, str] = {}
    for f in files:
        for d in read_docs(f, max_bytes):
            if isinstance(d, Problem):
                yield d
                continue
            if d.id in seen:
                yield Problem(d.path, f"duplicate article id {d.id!r} (first in {seen[d.id]}), skipped")
                continue
            seen[d.id] = d.path
            art, probs = to_article(d, repeated, max_chars)
            yield from probs
            if art:
                yield art
