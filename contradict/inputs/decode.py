"""Bytes and markup to text (:mod:`contradict.inputs.sources`): :func:`decode` (UTF-8, UTF-16 by its mark,
else Windows-1252; binary refused) and :func:`html_to_text` (scripts and styles dropped, blocks as paragraphs)."""

from __future__ import annotations

import html.parser
import re

# Unicode's control characters (category Cc: U+0000-001F, U+007F-009F) but tab, newline, form feed and return
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


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
    note: str | None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
        note = "not valid UTF-8: read as Windows-1252/Latin-1"
    else:
        note = None
    controls = len(_CONTROLS.findall(text, 0, 8192))
    if controls > 0.05 * max(1, len(text[:8192])):
        return None, "binary file, not text"
    return text, note


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
