"""Sentence segmentation (:mod:`contradict.stages.claims`), rule based: abbreviations such as "U.S.",
"Maj. Gen.", "Dec. 27", initials, quotes and ellipses survive; a paragraph of one unpunctuated line is a heading;
a "sentence" without punctuation is cut at whitespace."""

from __future__ import annotations

import re
from dataclasses import dataclass

from contradict.types import Article
from contradict.words import ABBREVIATIONS, ACRONYM_ABBREVIATIONS, SENTENCE_STARTERS

_END = re.compile(r"(\.{3}|…|[.!?])([\"'”’)\]*]*)(\s+)")
_OPEN_QUOTES = "\"“"
MAX_SENTENCE_CHARS = 600


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int
    heading: bool  # a paragraph of one unpunctuated line: a heading or title
    caption: bool


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """Sentence spans (start, end) in ``text``; ``offset`` is added to each span."""
    spans = []
    start = 0
    for m in _END.finditer(text):
        end = m.end(2)
        nxt = text[m.end():m.end() + 1]
        if not nxt or not (nxt.isupper() or nxt.isdigit() or nxt in _OPEN_QUOTES + "'‘(["):
            continue
        if m.group(1) == ".":
            word = re.search(r"([\w.]+)$", text[start:m.start()])
            w = word.group(1).lower() if word else ""
            if w in ACRONYM_ABBREVIATIONS:
                follow = re.match(r"[\"“]?(\w+)", text[m.end():])
                if not follow or follow.group(1).lower() not in SENTENCE_STARTERS:
                    continue
            elif w in ABBREVIATIONS or (len(w) == 1 and w.isalpha()) or re.fullmatch(r"(\w\.)+\w", w):
                continue
        seg = text[start:end]
        if seg.strip():
            spans.append(_strip(text, start, end))
        start = m.end()
    if text[start:].strip():
        spans.append(_strip(text, start, len(text)))
    out = []
    for s, e in spans:  # very long "sentences" (no punctuation) are cut at whitespace
        while e - s > MAX_SENTENCE_CHARS:
            cut = text.rfind(" ", s, s + MAX_SENTENCE_CHARS)
            cut = cut if cut > s else s + MAX_SENTENCE_CHARS
            out.append((s + offset, cut + offset))
            s = cut + 1 if text[cut:cut + 1] == " " else cut
        if e > s:
            out.append((s + offset, e + offset))
    return out


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def sentences(article: Article) -> list[Sentence]:
    out = []
    pos = 0
    caption_starts = {s for s, _ in article.captions}
    for n, para in enumerate(article.text.split("\n\n")):
        spans = split_sentences(para, pos)
        heading = len(spans) == 1 and not re.search(r"[.!…:;,\"”’)]$", para.strip()) and len(para) < 200
        for s, e in spans:
            out.append(Sentence(s, e, article.text[s:e], n, heading, pos in caption_starts))
        pos += len(para) + 2
    return out
