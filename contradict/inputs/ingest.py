"""Articles from files and directories: :mod:`contradict.inputs.sources` finds and parses the inputs, this module
cleans them into plain paragraphs and ``Article`` values (``load``, ``iter_articles``).

Cleaning is what real scraped articles need: markdown links to text, HTML to text, sentences
hard-wrapped across blank lines re-joined, publisher boilerplate dropped (disclaimers, copyright,
share/subscribe prompts, URL- or e-mail-only lines, lines repeated verbatim across articles of the
corpus: :func:`repeated_lines`), image captions marked, non-English lines skipped and counted.

Problems with one input never stop the others: they are returned as ``Problem`` values.
"""

from __future__ import annotations

import html
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from contradict.inputs.sources import (  # noqa: F401 (re-exported)
    SUFFIXES,
    Problem,
    RawDoc,
    collect_files,
    contradict_output,
    decode,
    html_to_text,
    read_docs,
)
from contradict.types import Article, content_hash
from contradict.untrusted import strip_controls
from contradict.words import BOILERPLATE_NEEDS, BOILERPLATE_STARTS, ENGLISH_STOPWORDS, NOTICE_PHRASES

log = logging.getLogger(__name__)

# ---------------------------------------------------------------- cleaning

_MD_LINK = re.compile(r"!?\[((?:[^\[\]\\]|\\.)*)\]\((?:[^()\s]|\([^()]*\))*\)")
_MD_ESC = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])")
_TAG = re.compile(r"</?(u|i|b|em|strong|span|a|sup|sub)(\s[^>]*)?>", re.I)
_URL_ONLY = re.compile(r"^\W*((https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+)(\s+\S+)?\W*$", re.I)
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


def _boilerplate(line: str) -> bool:
    """``_BOILER.search(line)``, skipped when the line holds none of the strings every match needs (most do
    not: the search tries ~50 alternatives at every position, a third of the cleaning time)."""
    folded = line.casefold()
    if not line.isascii():  # the two letters re.I matches to "i" that casefold() does not make "i"
        folded = folded.replace("\u0131", "i").replace("i\u0307", "i")
    if not folded.startswith(BOILERPLATE_STARTS) and not any(k in folded for k in BOILERPLATE_NEEDS):
        return False
    return bool(_BOILER.search(line))


_NOTICE = re.compile(r"^\W*(disclaimer|copyright|©|editor'?s note|note to readers)\b", re.I)
_CAPTION = re.compile(r"^\s*(image|photo|picture|caption|pictured|above|below)\s*[:\-–]\s*", re.I)
_ASCII_LETTER = re.compile(r"[A-Za-z]")
_ASCII = re.compile(r"[\x00-\x7f]+")
_TERMINAL = re.compile(r"[.!?…:][\"'”’)\]*]*$")


@dataclass(frozen=True)
class EnglishParams:
    """What :func:`is_english` reads a line by (recorded in the index's manifest)."""

    latin_share: float = 0.7  # of a line's letters, at least this share Latin
    judged_words: int = 8  # lines of fewer words are given the benefit of the doubt ...
    lower_share: float = 0.4  # ... and lines whose words mostly start upper case (headlines, tag lists)
    stopword_share: float = 0.08  # English: at least this share of the words are English stop words


def is_english(line: str, p: EnglishParams = EnglishParams()) -> bool:
    """Latin-script text that reads as English; short lines are given the benefit of the doubt."""
    if not line.isascii():  # ASCII letters are all Latin: the count is needed only for other lines
        ascii_letters = len(_ASCII_LETTER.findall(line))
        others = [c for c in _ASCII.sub("", line) if c.isalpha()]  # a line's few curly quotes and accents
        if not ascii_letters and not others:
            return True
        latin = ascii_letters + sum(1 for c in others if ord(c) < 0x250)
        if latin / (ascii_letters + len(others)) < p.latin_share:
            return False
    words = re.findall(r"[a-zA-Z']+", line)
    if len(words) < p.judged_words or sum(w[0].islower() for w in words) < p.lower_share * len(words):
        return True  # short lines, headlines and tag lists: left to the claim filter
    words = [w.lower() for w in words]
    return sum(w in ENGLISH_STOPWORDS for w in words) / len(words) >= p.stopword_share


def _norm_line(line: str) -> str:
    if "](" in line:  # every Markdown link has it
        line = _MD_LINK.sub(r"\1", line)
    return " ".join(line.split()).lower()  # str.split's whitespace is re's \s (both Py_UNICODE_ISSPACE)


def line_keys(doc: RawDoc) -> set[str]:
    """Normalized short lines of a document, to find lines repeated across a corpus."""
    return {k for k in (_norm_line(x) for x in doc.text.splitlines()) if 0 < len(k) <= 300}


# a linked name followed by its pop-up of related headlines, up to "MORE" (The Hill's pages): the name repeated ...
# "Speaker Nancy Pelosi Nancy PelosiOvernight Health Care: ... | ... MORE (D-Calif.) said"; an empty pop-up ("John
# Kelly John Francis KellyMORE") ends on its own "MORE", not on the next pop-up's
_EMPHASIS = re.compile(r"(\*\*|__|(?<!\w)\*(?=\S)|(?<=\S)\*(?!\w))")
_NAME_POPUP = re.compile(r"\b((?:[A-Z][\w.'’-]+ ){1,3}[A-Z](?=[\w'’-]*[a-z])[\w'’-]+) \1"
                         r"(?:MORE\b|(?=[A-Z])[^\n]{0,600}? MORE\b)")
# ... or by the person's formal name, which ends on the same surname glued to the first headline:
# "President Trump Donald John TrumpGOP senators balk at ... MORE's plan", "Rep. Al Green Alexander (Al) N. GreenWhy ..."
# (the shown name has two words or more, a title counting: "Mac Pro MacBook Air ... READ MORE" is no pop-up)
_FORMAL_POPUP = re.compile(r"\b((?:[A-Z][\w.'’-]+ ){1,3}([A-Z](?=[\w'’-]*[a-z])[\w'’-]+)) "
                           r"(?:\(?[A-Z][\w.'’-]*\)? ){1,4}\2"
                           r"(?:MORE\b|(?!['’][sS]\b)(?=[A-Z0-9‘“])[^\n]{0,600}? MORE\b)")  # (a possessive is no glue)


def _inline(line: str) -> str:
    # each substitution only where the character it needs is in the line (the same result, a third of the time)
    if "MORE" in line:
        line = _FORMAL_POPUP.sub(r"\1", _NAME_POPUP.sub(r"\1", line))
    if "](" in line:
        line = _MD_LINK.sub(r"\1", line)
    if "<" in line:
        line = _TAG.sub("", line)
    if "\\" in line:
        line = _MD_ESC.sub(r"\1", line)
    if "*" in line or "__" in line:
        line = _EMPHASIS.sub("", line)
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
        if not is_english(line) and not ("MORE" in raw and is_english(raw)):
            skipped += 1  # (a line is judged before its pop-ups were cut: a name-heavy line is English too)
            continue
        if _URL_ONLY.match(line) or (len(line) < 400 and _boilerplate(line)) or _NOTICE.match(line):
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
    out: list[str] = []
    captions: list[tuple[int, int]] = []
    pos = 0
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


def one_line(value: str) -> str:
    """A field that is one line (an id, a title, an outlet, a date): whitespace runs as one space, no zero-width
    spaces, stripped."""
    return " ".join(value.replace("\u200b", "").replace("\ufeff", "").split())


def clean_id(raw: str) -> str:
    """An article id as it is stored: the cleaning article text gets (control characters, terminal escapes and
    bidirectional overrides removed) on one stripped line. Two ids that differ only in what this removes are
    one id: ``dup``, ``dup\u202e`` and `` dup `` are all ``dup``."""
    return one_line(strip_controls(raw.replace("\r", "\n"))[0])


def _with_clean_id(doc: RawDoc) -> tuple[RawDoc, Problem | None]:
    """``doc`` with its id cleaned (:func:`clean_id`); an id with nothing left takes the id its file gives (the
    stem, or stem-N for a line or record). A note says when the id changed."""
    cid = clean_id(doc.id) or clean_id(doc.default_id) or "article-" + content_hash(doc.where)[:10]
    if cid == doc.id:
        return doc, None
    return replace(doc, id=cid), Problem(doc.where, f"article id {doc.id!r} is stored as {cid!r} (control "
                                                    "characters or spaces removed)", skipped=False, file=doc.path)


def _without_controls(doc: RawDoc) -> tuple[RawDoc, int]:
    """``doc`` with control characters and terminal escape sequences removed from every field."""
    removed = 0

    def keep(value: str) -> str:
        nonlocal removed
        value, n = strip_controls(value.replace("\r\n", "\n").replace("\r", "\n"))
        removed += n
        return value

    def line(value: str) -> str:  # ids, titles, outlets and dates are one line each
        return one_line(keep(value))

    doc = replace(doc, id=line(doc.id), title=line(doc.title), source=line(doc.source), date=line(doc.date),
                  text=keep(doc.text), meta=tuple((keep(k), keep(v)) for k, v in doc.meta))
    return doc, removed


def _repeated_for(doc: RawDoc, repeated: frozenset[str]) -> frozenset[str]:
    """The corpus's repeated lines, unless they are most of this article: then it is a copy of another article, or
    has copies, and its lines are its text, not boilerplate (an article copied twice must not disappear)."""
    if not repeated:
        return repeated
    keys = line_keys(doc)
    return frozenset() if 2 * len(keys & repeated) > len(keys) else repeated


def to_article(doc: RawDoc, repeated: frozenset[str], max_chars: int) -> tuple[Article | None, list[Problem]]:
    problems = []
    doc, removed = _without_controls(doc)
    if removed:
        problems.append(Problem(doc.path, f"article {doc.id}: {removed} characters of control codes and "
                                          "terminal escape sequences removed", skipped=False))
    raw = doc.text
    if len(raw) > 4 * max_chars:  # cleaning never grows text; cut the raw text first to bound the work
        raw = raw[: 4 * max_chars]
    c = clean(raw, _repeated_for(doc, repeated))
    text = c.text
    if len(text) > max_chars or len(raw) < len(doc.text):
        cut = text.rfind("\n\n", 0, max_chars) if len(text) > max_chars else len(text)
        text = text[: cut if cut > 0 else max_chars]
        problems.append(Problem(doc.path, f"article {doc.id} longer than {max_chars:,} characters: truncated",
                                skipped=False, partial=True))
    where = doc.path if doc.path.endswith(doc.id + Path(doc.path).suffix) else f"{doc.path} ({doc.id})"
    if c.skipped_lines:
        problems.append(Problem(where, f"{c.skipped_lines} non-English line(s) skipped", skipped=False, file=doc.path))
    if not text.strip():
        why = "no English text" if c.skipped_lines else "no text left after cleaning"
        problems.append(Problem(where, f"{why}, skipped", file=doc.path))
        return None, problems
    captions = tuple(s for s in c.captions if s[1] <= len(text))
    return Article(
        id=doc.id, title=doc.title or _title_from(text), source=doc.source, date=doc.date, text=text,
        path=doc.path, meta=doc.meta, skipped_lines=c.skipped_lines, captions=captions,
    ), problems


def load(paths: Iterable[str | Path], max_bytes: int = 50_000_000, max_chars: int = 200_000,
         exclude: Iterable[str | Path] = ()) -> tuple[list[Article], list[Problem]]:
    """Read, parse and clean every input; returns articles (sorted by id) and problems. ``exclude``: the index
    and reports directories, never read (:func:`contradict.inputs.sources.collect_files`)."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for item in iter_articles(paths, max_bytes, max_chars, exclude):
        if isinstance(item, Article):
            articles.append(item)
        else:
            problems.append(item)
    return sorted(articles, key=lambda a: a.id), problems


def repeated_lines(docs: Iterable[RawDoc]) -> frozenset[str]:
    """The normalized lines (:func:`line_keys`) that are boilerplate because they recur across the corpus.

    A line is boilerplate when it is repeated verbatim in more than two articles, or in two articles of two
    different named outlets; in a large corpus, in 1% of the articles, and never more than 20 (a sign-up line
    of one outlet in a 5,000-article inbox is in far fewer than 1% of them). Two articles of no named outlet,
    or of one, are not enough: one may be the other's copy. Lines of more than 40 words are never boilerplate.
    """
    counts: Counter[str] = Counter()
    outlet: dict[str, str] = {}  # line -> the first named outlet it was seen in
    across: set[str] = set()  # lines seen in two named outlets
    n_docs = 0
    for d in docs:
        keys = line_keys(d)
        counts.update(keys)
        n_docs += 1
        src = one_line(strip_controls(d.source)[0]).casefold()
        if src:
            for k in keys:
                if outlet.setdefault(k, src) != src:
                    across.add(k)
    threshold = max(2, min(20, n_docs // 100))
    return frozenset(k for k, n in counts.items()
                     if (n >= max(3, threshold) or (n >= threshold and k in across)) and len(k.split()) <= 40)


def iter_articles(paths: Iterable[str | Path], max_bytes: int = 50_000_000, max_chars: int = 200_000,
                  exclude: Iterable[str | Path] = ()) -> Iterator[Article | Problem]:
    """Stream articles: a first pass finds lines repeated across documents (:func:`repeated_lines`), a second
    cleans them."""
    files, problems = collect_files(paths, exclude)
    yield from problems
    repeated = repeated_lines(d for f in files for d in read_docs(f, max_bytes) if isinstance(d, RawDoc))
    seen: dict[str, tuple[str, str]] = {}  # clean id -> where the article kept under it was read, its id as given
    for f in files:
        for d in read_docs(f, max_bytes):
            if isinstance(d, Problem):
                yield d
                continue
            raw_id = d.id
            d, note = _with_clean_id(d)
            if d.id in seen:  # the first one keeps the id; the warning names both, with the ids they gave
                kept_where, kept_id = seen[d.id]
                given = f" (given as {raw_id!r})" if raw_id != d.id else ""
                kept = f" (given as {kept_id!r})" if kept_id != d.id else ""
                yield Problem(d.where, f"duplicate article id {d.id!r}{given}: kept the one in {kept_where}{kept}, "
                                       "skipped", file=d.path)
                continue
            if note:
                yield note
            seen[d.id] = (d.where, raw_id)
            art, probs = to_article(d, repeated, max_chars)
            yield from probs
            if art:
                yield art
