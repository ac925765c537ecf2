"""Article text is untrusted: what may reach a terminal, a log line or a report file.

Ingest removes control characters from everything it stores (:func:`strip_controls`); renderers
print stored text only as plain text (never as rich markup) and escape it for Markdown and HTML;
messages that name a path show its control characters as escapes (:func:`shown`), so a file name
with a newline cannot forge a second warning line.
"""

from __future__ import annotations

import re

# whole escape sequences first (CSI "ESC [ ... m", OSC "ESC ] ... BEL" or "... ESC \\", other two-byte
# ESC sequences), so their printable tails ("[31m") do not remain; then single control characters:
# C0 but newline and tab, DEL, C1, and the Unicode bidirectional overrides and isolates.
_SEQUENCES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def strip_controls(text: str) -> tuple[str, int]:
    """``text`` without terminal escape sequences and control characters (newline and tab stay; a
    carriage return is a control character here: ingest turns line ends into newlines first), and how
    many characters were removed."""
    if not text:
        return text, 0
    out = _CONTROLS.sub("", _SEQUENCES.sub("", text))
    return out, len(text) - len(out)


def clean(text: str | None) -> str:
    """:func:`strip_controls` for text about to be shown (defence in depth for stores written before it)."""
    return strip_controls(text or "")[0]


def shown(text: str) -> str:
    """``text`` for a one-line message: every control character, newline included, as an escape."""
    return "".join(repr(c)[1:-1] if c == "\n" or (c != "\t" and _CONTROLS.match(c)) else c for c in str(text))
