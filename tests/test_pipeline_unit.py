"""The pipeline's orchestration with a fake encoder and a rule-based fake scorer: no model is loaded.

What is checked here is logic (what is scored, stored, rescored, reported), not model behaviour; the
integration tests (marked slow) run the same paths with the real models.
"""

import json
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from contradict.report.build import Report
from contradict.report.text import coverage, left_out
from contradict.runs import batch
from contradict.runs.pipeline import Pipeline
from contradict.settings import Settings

from .fakes import FakeEncoder, FakeScorer

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "contradict" / "schema" / "report.schema.json").read_text())

ARTICLES = {
    "north.txt": "The Harbour Bridge Reopens\n\nThe harbour bridge carried 40 trucks on Monday morning.\n\n"
                 "The mayor said the repairs were finished.\n\nTraffic moved freely across the river.",
    "south.txt": "Bridge Traffic Limited\n\nThe harbour bridge carried 25 trucks on Monday morning.\n\n"
                 "The repairs were not finished.\n\nTraffic moved freely across the river.",
    "east.txt": "Council Budget Passed\n\nThe council passed the school budget on Friday.\n\n"
                "Teachers welcomed the new school budget.",
}


def _corpus(tmp_path: Path, names=ARTICLES) -> Path:
    d = tmp_path / "in"
    d.mkdir(exist_ok=True)
    for name in names:
        (d / name).write_text(ARTICLES[name])
    return d


def _pipe(tmp_path: Path, scorer=None, **settings) -> Pipeline:
    s = Settings(index_dir=tmp_path / "index", reports_dir=tmp_path / "reports", **settings)
    return Pipeline(s, encoder=FakeEncoder(), scorer=scorer or FakeScorer())


def test_index_and_report_with_fakes_finds_the_rule_contradictions_and_fits_the_schema(tmp_path):
    pipe = _pipe(tmp_path)
    st = pipe.index([_corpus(tmp_path)])
    # every candidate scored both ways, each distinct text pair once ("Traffic moved freely across the river." is
    # in two articles: a line two articles share is not boilerplate, issue 42)
    cl = {c.id: c.scored_text for c in pipe.store.claims()}
    cands = [c for c in pipe.store.candidates() if not c.duplicate]
    texts = {(cl[c.a], cl[c.b]) for c in cands}
    assert (st.articles_new, st.candidate_pairs) == (3, len(cands)) and st.pairs_scored == 2 * len(texts) > 0
    report = pipe.report(top=0)
    pipe.close()
    texts = {(p.a.claim, p.b.claim) for p in report.contradictions}
    assert ("The harbour bridge carried 40 trucks on Monday morning.",
            "The harbour bridge carried 25 trucks on Monday morning.") in texts
    assert all(p.a.article != p.b.article for p in report.pairs)
    jsonschema.validate(report.to_json(), SCHEMA)
    assert Report.from_json(report.to_json()) == report  # the JSON reads back into the same typed report


def test_a_second_run_scores_only_the_new_articles_pairs(tmp_path):
    scorer = FakeScorer()
    pipe = _pipe(tmp_path, scorer)
    pipe.index([_corpus(tmp_path, ["north.txt", "south.txt"])])
    first = scorer.calls
    st = pipe.index([_corpus(tmp_path)])
    assert st.articles_new == 1 and st.articles_unchanged == 2
    assert scorer.calls - first == st.pairs_scored > 0
    before = scorer.calls
    st = pipe.index([_corpus(tmp_path)])  # nothing new: nothing scored
    assert (st.articles_new, st.pairs_scored, scorer.calls) == (0, 0, before)
    pipe.close()


class OtherScorer(FakeScorer):
    name = "other-nli"  # another model: nothing it scores is in the cache yet


def _indexed(tmp_path: Path) -> None:
    pipe = _pipe(tmp_path)
    pipe.index([_corpus(tmp_path)])
    pipe.close()


def test_report_with_another_model_rescores_within_the_budget(tmp_path):
    _indexed(tmp_path)
    other = OtherScorer()
    again = _pipe(tmp_path, other, pair_budget=3)
    report = again.report(top=0)
    again.close()
    assert other.calls == 6  # 3 pairs, both ways
    assert report.summary.pairs_scored == 3 and report.summary.pairs_unscored > 0
    assert report.summary.nli_model == "other-nli"


def test_pair_scores_only_the_two_articles_pairs(tmp_path):
    _indexed(tmp_path)
    other = OtherScorer()
    p = _pipe(tmp_path, other)
    report = p.pair("north", "south", top=0)
    p.close()
    assert {a.id for a in report.articles} == {"north", "south"}
    assert other.calls == 2 * report.summary.pairs_scored > 0  # not the whole index


def test_query_uses_the_injected_models(tmp_path):
    pipe = _pipe(tmp_path)
    pipe.index([_corpus(tmp_path)])
    result = pipe.query("The harbour bridge carried 90 trucks on Monday morning.", top=3)
    pipe.close()
    assert result.contradicting and result.contradicting[0].claim.article in {"north", "south"}
    assert json.loads(json.dumps(result.to_json()))["query"].startswith("The harbour bridge")


def test_batch_writes_a_run_directory_and_a_delta_with_fakes(tmp_path):
    pipe = _pipe(tmp_path)
    inbox = _corpus(tmp_path, ["north.txt", "east.txt"])
    first = batch.run(pipe, [inbox], tmp_path / "reports", threshold=0.0)
    (inbox / "south.txt").write_text(ARTICLES["south.txt"])
    second = batch.run(pipe, [inbox], tmp_path / "reports", threshold=0.0)
    pipe.close()
    assert first.delta["previous_run"] is None and second.delta["previous_run"] == first.run_dir.name
    assert any("south" in t["articles"] for t in second.delta["new"])
    # each new contradiction says what found it (the two truck counts: the numeric rule)
    assert {p["kind"]: p.get("basis") for p in second.delta["new_contradictions"]}.get("numeric") == "rule"
    doc = json.loads((second.run_dir / "report.json").read_text())
    jsonschema.validate(doc, SCHEMA)
    assert doc["delta"] == second.delta and doc["run"]["articles_new"] == 1
    html = (second.run_dir / "report.html").read_text()
    assert "<h2>Since the previous run</h2>" in html and html.rstrip().endswith("</html>")


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_query_has_no_markdown_or_html_form(fmt):
    from click.testing import CliRunner

    from contradict.cli import main

    r = CliRunner().invoke(main, ["query", "The bridge held firm.", "--format", fmt])
    assert r.exit_code == 2 and f"'{fmt}' is not one of 'rich', 'json'" in r.output


class _ReadsRespellingsAsContradiction(FakeScorer):
    """A scorer that, as the real one did on BASIL, reads one statement spelt two ways as a contradiction."""

    def label(self, premise: str, hypothesis: str) -> str:
        from contradict.stages.kinds import plain_words

        if premise != hypothesis and plain_words(premise) == plain_words(hypothesis):
            return "contradiction"
        return super().label(premise, hypothesis)


def test_a_statement_restated_in_other_spelling_is_counted_not_reported_as_a_contradiction(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text("Briefing Row\n\nThe senator said the F.B.I. had not briefed the committee before the "
                             "vote.\n\nThe harbour bridge carried 40 trucks on Monday morning.")
    (d / "b.txt").write_text("Senate Vote\n\nThe senator said the FBI had not briefed the committee before the "
                             "vote.\n\nThe harbour bridge carried 25 trucks on Monday morning.")
    pipe = _pipe(tmp_path, scorer=_ReadsRespellingsAsContradiction())
    pipe.index([d])
    report = pipe.report(top=0)
    pipe.close()
    texts = [(p.a.claim, p.b.claim) for p in report.contradictions]
    assert texts == [("The harbour bridge carried 40 trucks on Monday morning.",
                      "The harbour bridge carried 25 trucks on Monday morning.")]  # the real one stays
    assert report.summary.restated == 1 and report.to_json()["summary"]["restated"] == 1
    assert dict(report.summary.labels)["contradiction"] == 2  # the model's reading is kept, only not listed
    jsonschema.validate(report.to_json(), SCHEMA)


class _ReadsHearingTimesAsContradiction(FakeScorer):
    """A scorer that, as the real one did on abp_5k, reads one recurring line with two times as a contradiction."""

    def label(self, premise: str, hypothesis: str) -> str:
        if premise != hypothesis and premise.startswith("The hearing starts") and hypothesis.startswith("The hearing"):
            return "contradiction"
        return super().label(premise, hypothesis)


def _two_hearings(tmp_path: Path) -> Pipeline:
    """An index of two articles of other days and topics, each opening with one hearing's start time, which the
    scorer reads as a contradiction."""
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.json").write_text(json.dumps({"title": "Court Diary", "date": "2014-12-02", "text":
                                          "The hearing starts at 1 p.m. ET.\n\nApples sold well at the fair."}))
    (d / "b.json").write_text(json.dumps({"title": "Senate Notes", "date": "2013-09-19", "text":
                                          "The hearing starts at 9:30 ET.\n\nThe river rose after the storm."}))
    pipe = _pipe(tmp_path, scorer=_ReadsHearingTimesAsContradiction())
    pipe.index([d])
    return pipe


def test_a_recurring_line_of_two_occasions_across_stories_is_counted_not_reported(tmp_path):
    pipe = _two_hearings(tmp_path)
    report = pipe.report(top=0)
    pipe.close()
    assert not report.stories  # two articles of other days and topics: no story
    assert list(report.contradictions) == []
    assert report.summary.occasions == 1 and report.to_json()["summary"]["occasions"] == 1
    assert dict(report.summary.labels)["contradiction"] == 1  # the model's reading is kept, only not listed
    jsonschema.validate(report.to_json(), SCHEMA)
    assert "1 NLI contradiction left out (1 of a recurring line)" in coverage(report)  # every format
    more = replace(report, summary=replace(report.summary, restated=2, occasions=2, furniture=3))
    assert left_out(more) == "7 NLI contradictions left out (2 restatements, 2 of a recurring line, 3 of page furniture)"


def test_a_pair_a_reader_marked_right_is_listed_whatever_rule_would_leave_it_out(tmp_path):
    pipe = _two_hearings(tmp_path)
    pid = "|".join(sorted(c.id for c in pipe.store.claims() if c.text.startswith("The hearing")))
    pipe.mark(pid, "right")
    report = pipe.report(top=0)
    pipe.close()
    assert [p.id for p in report.contradictions] == [pid] and report.contradictions[0].kind == "factual"
    assert report.summary.occasions == 0


def test_an_edited_article_does_not_rebuild_an_hnsw_index_and_its_old_claims_are_never_candidates(tmp_path,
                                                                                                   monkeypatch):
    from contradict.storage.index import VectorIndex

    d = _corpus(tmp_path)
    for k in range(12):  # enough claims that one edited sentence stays under the graph's dead share
        (d / f"extra{k}.txt").write_text(f"Harbour Note {k}\n\nThe harbour bridge carried {k + 3} trucks on Monday "
                                         f"morning.\n\nThe ferry number {k} sailed at noon.")
    pipe = _pipe(tmp_path, vector_index="hnsw")
    pipe.index([d])
    (d / "south.txt").write_text(ARTICLES["south.txt"].replace("25 trucks", "26 trucks"))
    monkeypatch.setattr(VectorIndex, "build", classmethod(lambda *a, **k: pytest.fail("the index was rebuilt")))
    st = pipe.index([d])
    assert st.articles_changed == 1
    index = VectorIndex.load(tmp_path / "index")
    assert index.kind == "hnsw" and len(index._dead) == 1  # the old sentence's vector, unnamed
    report = pipe.report(top=0)
    pipe.close()
    claims = {p.a.claim for p in report.pairs} | {p.b.claim for p in report.pairs}
    assert "The harbour bridge carried 25 trucks on Monday morning." not in claims
    assert "The harbour bridge carried 26 trucks on Monday morning." in claims


def _four_articles(tmp_path: Path) -> Path:
    """The corpus and a fourth report of the bridge with a third count: several numeric findings."""
    d = _corpus(tmp_path)
    (d / "west.txt").write_text("Bridge Traffic Heavy\n\nThe harbour bridge carried 60 trucks on Monday morning.\n\n"
                                "The mayor said the repairs were finished.")
    return d


def test_every_format_says_how_many_of_the_findings_it_shows(tmp_path):
    from contradict.report import render

    d = _four_articles(tmp_path)
    pipe = _pipe(tmp_path)
    pipe.index([d])
    full, cut = pipe.report(top=0), pipe.report(top=1)
    pipe.close()
    total = len(full.contradictions)
    assert total >= 2 and cut.summary.disagreements == total and len(cut.contradictions) == 1
    md, html = render.to_markdown(cut), render.to_html(cut)
    assert f"## Contradictions (1 of {total} shown; --top 0 lists all)" in md
    assert f"(1 of {total} shown; --top 0 lists all)" in html
    assert f"## Contradictions ({total})" in render.to_markdown(full)
    # stories are ordered by their best finding
    best = [max(p.score for p in sec.rows) for sec in render.story_sections(full)]
    assert best == sorted(best, reverse=True)


def _dead_anchors(page: str) -> list[str]:
    from html.parser import HTMLParser

    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.ids, self.hrefs = set(), []

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if a.get("id"):
                self.ids.add(a["id"])
            if tag == "a" and a.get("name"):
                self.ids.add(a["name"])
            if tag == "a" and (a.get("href") or "").startswith("#") and len(a["href"]) > 1:
                self.hrefs.append(a["href"][1:])

    p = Links()
    p.feed(page)
    return sorted({h for h in p.hrefs if h not in p.ids and "=" not in h})


def test_every_internal_link_of_the_html_reaches_an_anchor_whatever_top_cuts(tmp_path):
    from contradict.report import render

    d = _four_articles(tmp_path)
    pipe = _pipe(tmp_path)
    pipe.index([d])
    reports = [pipe.report(top=0), pipe.report(top=1)]
    pipe.close()
    for report in reports:
        assert _dead_anchors(render.to_html(report)) == []


def test_the_manifest_keeps_the_index_birth_date_across_runs(tmp_path, monkeypatch):
    import time

    from contradict.runs import index_run

    pipe = _pipe(tmp_path)
    pipe.index([_corpus(tmp_path, ["north.txt"])])
    first = json.loads((tmp_path / "index" / "manifest.json").read_text())["created_at"]
    epoch = time.gmtime(0)
    monkeypatch.setattr(index_run.time, "gmtime", lambda *a: epoch)  # a later run's clock reads 1970
    pipe.index([_corpus(tmp_path)])
    pipe.close()
    again = json.loads((tmp_path / "index" / "manifest.json").read_text())["created_at"]
    assert first and not first.startswith("1970") and again == first


def test_every_finding_says_whether_a_rule_or_the_model_alone_found_it(tmp_path):
    """A rule's finding (two truck counts) and one the NLI model alone reads (a negation): each names its basis in
    JSON, CSV, Markdown, HTML and the terminal; the summary splits the count; a caution stands over the list."""
    from rich.console import Console

    from contradict.report import render, terminal

    d = _corpus(tmp_path)
    (d / "north.txt").write_text(ARTICLES["north.txt"] + "\n\nThe old ferry was closed for the winter.")
    (d / "south.txt").write_text(ARTICLES["south.txt"] + "\n\nThe old ferry was not closed for the winter.")
    pipe = _pipe(tmp_path, duplicate_similarity=0.99)  # (the fake encoder puts the two ferry lines at 0.96)
    pipe.index([d])
    report = pipe.report(top=0)
    ferry = next(p.id for p in report.contradictions if p.basis == "model")
    pipe.mark(ferry, "right")  # a reader's verdict: the finding is the reader's, no longer unconfirmed
    marked = pipe.report(top=0)
    pipe.close()
    basis = {p.a.claim.split()[1]: p.basis for p in report.contradictions}
    assert basis == {"harbour": "rule", "old": "model"}, basis
    assert all(p.basis == "" for p in report.agreements)
    s = report.summary
    assert (s.contradictions, s.by_rule, s.model_only) == (2, 1, 1)
    assert {p["basis"] for p in json.loads(render.to_json(report))["pairs"] if p["kind"] != "agreement"} == {"rule",
                                                                                                           "model"}
    csv_rows = render.to_csv(report).splitlines()
    assert csv_rows[0].startswith("id,kind,story,") and csv_rows[0].endswith(",reasons,basis")  # appended last
    assert any(r.endswith(",model") for r in csv_rows) and any(r.endswith(",rule") for r in csv_rows)
    md, html = render.to_markdown(report), render.to_html(report)
    con = Console(record=True, width=160)
    terminal.summary(con, report)
    terminal.pairs(con, report, "contradiction", "Contradictions", "red")
    text = con.export_text()
    for page in (md, html, text):
        assert "1 by rule, 1 by the NLI model alone" in page
        assert "factual (the NLI model alone)" in page and "numeric (by rule): " in page
        assert "is unconfirmed: no rule read its values different" in page
    s = marked.summary
    assert (s.contradictions, s.by_rule, s.by_reader, s.model_only) == (2, 1, 1, 0)
    assert {p.basis for p in marked.contradictions} == {"rule", "reader"}
    md = render.to_markdown(marked)
    assert "1 by rule, 1 marked right by a reader" in md and "factual (marked right by a reader)" in md
    assert "is unconfirmed" not in md

