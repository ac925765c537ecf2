"""Quotation marks over the sentences of a paragraph (issue 40): which characters are inside a quote.

Curly quotes open and close; a straight one closes when it is glued to the word before it and followed by a space
or punctuation ('... hard work," Mayor Diaz answered'; never after a digit: 'the 55" TV'), else it toggles. A
sentence whose first mark closes a quote, with a tag after it, quoted from its start (its opening mark lost). A
quote may run over several sentences of a paragraph and, by the printer's convention, over paragraphs (each later
paragraph opens with a quote mark again, or closes the quote with its first mark: 'Mr. Stone has nothing to
hide.”'). A quote opened and never closed in its paragraph, when the next paragraph does not go on with it, is a
stray mark (pre-tokenised text, a lost closing mark: '" The senator said the bill would pass .'): it quotes nothing.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

OPEN_MARKS = "“\""


def opens_quote(text: str) -> bool:
    """Whether ``text`` begins with an opening quotation mark (after spaces; an empty text opens nothing)."""
    first = text.lstrip()[:1]
    return bool(first) and first in OPEN_MARKS


def closes_first(text: str) -> bool:
    """Whether the first quotation mark of ``text`` (a paragraph) closes a quote: a ” or a straight mark glued to the
    word or the punctuation before it and followed by a space, the end or punctuation ('... hide.”', '... issued."'),
    before any opening mark; not a ” used as an opening one ('on ”Tuesday” next week')."""
    k = next((k for k, ch in enumerate(text) if ch in "“”\""), -1)
    return k > 0 and text[k] in "”\"" and _closes(text, k)


def continues_quote(sents, i: int) -> bool:
    """Whether the paragraph that starts at sentence ``i`` goes on with a quotation left open before it: it reopens
    with a mark, or its first curly mark closes one ('... first year.\n\nStaff were not trained.”'). A stray open
    mark never closed does not carry a quote over plain paragraphs."""
    para = " ".join(t.text for t in itertools.takewhile(lambda t: t.paragraph == sents[i].paragraph, sents[i:]))
    return opens_quote(sents[i].text) or closes_first(para)


def _scan(text: str, inside: bool, ignore: set[int]) -> tuple[list[bool], bool, int | None]:
    """Per character, whether it is inside quotation marks; the state at the end; and the index of the mark that
    opened a quote still open at the end (None when it closed, or opened before this text). A straight mark that can
    only close (:func:`_closes`) closes; the text's first mark, a straight one closing with a tag after it, quotes
    the text from its start (:func:`_tagged_after`)."""
    mask: list[bool] = []
    opened = None
    marks = 0
    for k, ch in enumerate(text):
        if k in ignore or ch not in "“”\"" or ch == '"' and k and text[k - 1].isdigit() and not inside:  # an inch
            # mark ('the 55" TV'), not the end of a quote ('"level 2"')
            mask.append(inside)
            continue
        marks += 1
        if ch == "“" or ch == '"' and not inside and not _closes(text, k):
            inside, opened = True, k
            mask.append(True)
            continue
        if not inside and marks == 1 and ch == '"' and _tagged_after(text, k):  # a quote whose opening mark was
            mask = [True] * len(mask)  # lost ('... is watch me," Biden answered.'): it ran from the sentence's start
        mask.append(True)  # ” or a closing "
        inside, opened = False, None
    return mask, inside, opened


def _closes(text: str, k: int) -> bool:
    """Whether the straight mark at ``k`` can only close a quote: glued to the word or the punctuation before it,
    and followed by a space, the end or punctuation ('... watch me," Biden answered'); pre-tokenised text with
    spaces on both sides (' , " a young man yelled') is left to toggle."""
    before = text[k - 1] if k else " "
    after = text[k + 1] if k + 1 < len(text) else " "
    return not before.isspace() and not before.isdigit() and before not in "([{—–-" \
        and (after.isspace() or after in ".,;:!?)")  # (not an inch mark: 'the 55" TV')


def _tagged_after(text: str, k: int) -> bool:
    """Whether words follow the closing mark at ``k`` in its sentence ('," Biden answered.'): a tag, not the end of an
    author's pull quote ('... in the first place."')."""
    return any(ch.isalpha() for ch in text[k + 1:])


def quote_mask(text: str, inside: bool) -> tuple[list[bool], bool]:
    """Per character, whether it is inside quotation marks, starting ``inside`` or not; and the state at the end."""
    mask, inside, _ = _scan(text, inside, set())
    return mask, inside


def paragraph_masks(texts: Sequence[str], next_opens: bool, starts_inside: bool = False) -> list[tuple[list[bool], bool, bool]]:
    """Per sentence of one paragraph: its mask, whether it starts inside a quote and whether it ends inside one.
    ``next_opens``: the next paragraph goes on with the quote (it reopens with a mark, or closes it first: a quote
    carried over the break); ``starts_inside``: this paragraph goes on with a quote the one before left open and
    closes it without reopening ('“A telephone call would have done the job.' / 'Mr. Stone has nothing to hide.”')."""
    ignore: list[set[int]] = [set() for _ in texts]
    for _ in range(3):  # a stray mark found: read the paragraph again without it (a few at most)
        out, inside, open_at = [], starts_inside, None
        for k, text in enumerate(texts):
            start = inside
            mask, inside, opened = _scan(text, inside, ignore[k])
            if opened is not None:
                open_at = (k, opened)
            elif not inside:
                open_at = None
            out.append((mask, start, inside))
        if not inside or next_opens or open_at is None:
            return out
        ignore[open_at[0]].add(open_at[1])
    return out


def quote_share(text: str, mask: Sequence[bool] | None) -> float:
    """The share of a sentence's letters inside quotation marks."""
    letters = [m for ch, m in zip(text, mask or []) if ch.isalpha()]
    return sum(letters) / len(letters) if letters else 0.0
