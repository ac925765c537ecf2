"""Words the report's renderers share (Markdown, HTML and the terminal): counts, a finding's score and where it
comes from, the coverage line, story sections, blame sentences, the quotes shown a side, "N of M shown", and the
command that marks a finding."""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from typing import Any

from contradict.report.build import PairRow, Report, StoryRow
from contradict.stages.aggregate import RULE_PROBABILITY
from contradict.types import Tension


def shell_command(*words: str) -> str:
    """A command line to paste into a shell: every word quoted for it (``shlex.quote``), so an id with a quote,
    a semicolon or a ``$(...)`` is one argument and runs nothing."""

    return " ".join(shlex.quote(w) for w in words)


def mark_command(pair_id: str, verdict: str = "wrong") -> str:
    """The command that marks a finding, ready to paste: ``contradict mark '<id>' wrong``."""
    return "contradict mark " + shell_command(pair_id, verdict)


def count(n: int, noun: str, plural: str = "") -> str:
    """'1 contradiction', '3 contradictions'; ``plural`` for a noun without a plain -s plural ("stories")."""
    return f"{n} {noun}" if n == 1 else f"{n} {plural or noun + 's'}"


def entailment_text(p: PairRow) -> str:
    """'0.49', or for an agreement that reads entailment one way only '0.49 (0.97 one way)'."""
    mean, one_way = p.p("entailment"), p.entailment_one_way
    return f"{mean:.2f}" + (f" ({one_way:.2f} one way)" if p.label == "entailment" and one_way >= mean + 0.01 else "")


def probs_text(p: PairRow) -> str:
    """The NLI model's reading, named as such (the finding's score is :func:`score_source`'s)."""
    return (f"NLI: contradiction {p.p('contradiction'):.2f} · entailment {entailment_text(p)} · "
            f"neutral {p.p('neutral'):.2f}")


def score_source(p: PairRow) -> str:
    """Where a finding's score comes from: 'by rule' when a rule found the difference and the NLI model reads
    less (the score then counts the rule's 0.5 x relatedness), else 'NLI x relatedness'."""
    if p.difference and p.p("contradiction") < RULE_PROBABILITY - 1e-9:
        return "by rule"
    return "NLI x relatedness"


def sizes(report: Report) -> str:
    """'3 articles, 6 claims, 2 claim pairs' from a report summary."""
    s = report.summary
    return f"{count(s.articles, 'article')}, {count(s.claims, 'claim')}, {count(s.pairs_scored, 'claim pair')}"


def coverage(report: Report) -> str:
    """What was read: '12 facts, 34 of their claim pairs read; 1,200 candidate pairs left unread by the pair
    budget (raise --pair-budget to read them)'; "" when there is nothing to say."""
    s = report.summary
    parts = []
    if s.facts or s.fact_pairs_read:
        parts.append(f"{count(s.facts, 'fact')}, {count(s.fact_pairs_read, 'claim pair')} within facts read")
    if s.pairs_left_unread:
        parts.append(f"{count(s.pairs_left_unread, 'candidate pair')} left unread by the last run's pair budget "
                     "(raise --pair-budget to read them)")
    if s.pairs_unscored:
        parts.append(f"{count(s.pairs_unscored, 'pair')} this model has not read (beyond --pair-budget)")
    left = left_out(report)
    if left:
        parts.append(left)
    return "; ".join(parts)


def left_out(report: Report) -> str:
    """'3 NLI contradictions left out (1 restatement, 2 of a recurring line)'; "" when none is."""
    s = report.summary
    why = [(s.restated, "restatement" if s.restated == 1 else "restatements"), (s.occasions, "of a recurring line"),
           (s.furniture, "of page furniture")]
    n = s.restated + s.occasions + s.furniture
    if not n:
        return ""
    return f"{count(n, 'NLI contradiction')} left out (" + ", ".join(f"{k} {what}" for k, what in why if k) + ")"


def tension_counts(t: Tension) -> str:
    """'1 contradiction, 0 agreements (score 0.72)' for a tension."""
    return f"{count(t.contradictions, 'contradiction')}, {count(t.agreements, 'agreement')} (score {t.score:.2f})"


BASIS = {"rule": "by rule", "model": "the NLI model alone", "reader": "marked right by a reader"}
# said under the contradictions wherever a listed one rests on the NLI model alone (measured: docs/reading-reports.md)
MODEL_ALONE = ("A finding by \"the NLI model alone\" is unconfirmed: no rule read its values different, and on the news "
               "this project's readers labelled few such findings were real disagreements. Read both claims before "
               "you use one; \"contradict mark ID right\" (or wrong) records your verdict.")


def kind_text(p: PairRow) -> str:
    """'numeric (by rule): people: 52 vs 67', 'update (by rule): people: revised from 52 (...) to 67 (...)',
    'factual (the NLI model alone)'; an agreement 'agreement'."""
    kind = p.kind or p.label
    if p.basis in BASIS:
        kind += f" ({BASIS[p.basis]})"
    return f"{kind}: {p.explain}" if p.explain else kind


def basis_counts(report: Report) -> str:
    """'2 by rule, 5 by the NLI model alone' for the contradictions counted (a part that is zero left out, except
    when all are the model's); "" when none is counted or the report predates the split."""
    s = report.summary
    if not s.contradictions or s.by_rule + s.by_reader + s.model_only != s.contradictions:
        return ""
    parts = [(s.by_rule, "by rule"), (s.by_reader, "marked right by a reader"), (s.model_only, "by the NLI model alone")]
    shown = [f"{n} {what}" for n, what in parts if n]
    return ", ".join(shown if s.model_only < s.contradictions else [f"0 by rule, {s.model_only} by the NLI model alone"])


def model_alone_listed(report: Report) -> bool:
    return any(p.basis == "model" for p in report.contradictions)


def story_counts(st: StoryRow) -> str:
    """'3 articles (Fox News, HuffPost) · 2019-03-01 to 2019-03-02 · 2 numeric, 1 factual · 4 agreements'."""
    parts = [count(len(st.articles), "article") + (f" ({', '.join(st.sources)})" if st.sources else "")]
    if st.dates[0]:
        parts.append(st.dates[0] if st.dates[0] == st.dates[1] else f"{st.dates[0]} to {st.dates[1]}")
    kinds = ", ".join(f"{n} {k}" for k, n in st.kinds)
    parts.append(kinds or "no disagreements")
    parts.append(count(st.agreements, "agreement"))
    return " · ".join(parts)


@dataclass(frozen=True)
class Section:
    """A report's disagreements of one story (``story`` None: across stories), with an anchor for links."""

    story: StoryRow | None
    anchor: str
    rows: tuple[PairRow, ...]

    @property
    def head(self) -> str:
        return self.story.label if self.story else "Across stories"


def story_sections(report: Report) -> list[Section]:
    """The disagreements grouped by story, each best first; stories ordered by their best finding (ties: report
    order), the pairs across stories as one more section placed by its best finding too."""
    rows = report.contradictions
    out = []
    for st in report.stories:
        mine = tuple(p for p in rows if p.story == st.id)
        if mine:
            out.append(Section(st, st.id, mine))
    known = {st.id for st in report.stories}
    rest = tuple(p for p in rows if p.story not in known)
    if rest:
        out.append(Section(None, "across-stories", rest))
    order = {id(sec): i for i, sec in enumerate(out)}
    out.sort(key=lambda sec: (-max(p.score for p in sec.rows), order[id(sec)]))
    return out


def blame_sentence(b, names: dict[str, str]) -> str:
    """'Fox News, 2019-01-03: Title… casts Iran as the central threat (to United States); NYT, …: Title… and
    …: Title… cast United States as the sponsor (of ISIS)'."""
    return b.sentence_with(names)


QUOTES_SHOWN = 3  # claims shown under each side of a finding: two of the lead article, then one of each other


def side_quotes(roles) -> list[tuple[str, Any]]:
    """(article, claim row) to show under one side of a blame finding: up to two of its first article, then one
    of each other article on that side, ``QUOTES_SHOWN`` in all."""
    out = [(roles[0].article, q) for q in roles[0].quotes[:2]]
    for r in roles[1:]:
        out += [(r.article, q) for q in r.quotes[:1]]
    return out[:QUOTES_SHOWN]


def shown_of(shown: int, total: int) -> str:
    """'10 of 11 shown; --top 0 lists all' when the list was cut, else the count ('11'). A report read back from
    an older version carries no total: the shown count stands for it."""
    total = max(total, shown)
    if total > shown:
        return f"{shown} of {total} shown; --top 0 lists all"
    return str(total)


def only_agree(n: int) -> str:
    return f"{count(n, 'more article pair')} only {'agrees' if n == 1 else 'agree'} (see Agreements)."


# ---------------------------------------------------------------- Markdown
