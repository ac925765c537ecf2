"""The analyst's workbench with fakes: marks and calibration, CSV, the article list, dated report files,
outlets beside claims, why a pair disagrees, topic labels."""

import csv
import io
import json

from click.testing import CliRunner

from contradict.cli import main
from contradict.runs.pipeline import Pipeline
from contradict.settings import Settings
from contradict.stages.aggregate import topic
from contradict.stages.kinds import differences
from contradict.types import Claim, Entity, EntityKind, Pair

from .fakes import FakeEncoder, FakeScorer

ARTICLES = [
    {"id": "north", "title": "Harbour bridge reopens", "source": "North Wire", "date": "2020-01-01",
     "text": "The harbour bridge carried 40 trucks on Monday morning. The mayor said the repairs were finished."},
    {"id": "south", "title": "Harbour bridge reopens, traffic limited", "source": "South Post", "date": "2020-01-01",
     "text": "The harbour bridge carried 25 trucks on Monday morning. The repairs were not finished."},
]


def _indexed(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.jsonl").write_text("\n".join(json.dumps(a) for a in ARTICLES) + "\n")
    pipe = Pipeline(Settings(index_dir=tmp_path / "index", reports_dir=tmp_path / "reports"), encoder=FakeEncoder(),
                    scorer=FakeScorer())
    pipe.index([d])
    return pipe


def test_a_finding_marked_wrong_is_hidden_counted_kept_and_calibrated(tmp_path):
    from contradict.runs.calibrate import calibrate

    pipe = _indexed(tmp_path)
    report = pipe.report(top=0)
    found = [p for p in report.contradictions]
    assert found and all(p.a.source and p.b.source for p in found)  # outlets beside every claim
    wrong, right = found[0].id, found[-1].id
    pipe.mark(wrong, "wrong", note="two bridges")
    again = pipe.report(top=0)
    assert wrong not in {p.id for p in again.pairs} and again.summary.dismissed == 1
    shown = pipe.report(top=0, show_dismissed=True)
    assert next(p for p in shown.pairs if p.id == wrong).mark == "wrong"
    if right != wrong:
        pipe.mark(right, "right")
    pipe.index([tmp_path / "in"], rebuild=True)  # a rebuild keeps the marks
    assert pipe.store.marks()[wrong] == ("wrong", "two bridges")
    result = calibrate(pipe.report(top=0, show_dismissed=True), 0.35)
    assert result["marked"] == (1 if right == wrong else 2) and result["wrong"] == 1
    pipe.close()


def test_marking_an_unknown_or_ambiguous_pair_is_a_usage_error(tmp_path):
    pipe = _indexed(tmp_path)
    pipe.close()
    r = CliRunner().invoke(main, ["mark", "no-such-pair", "wrong", "--index-dir", str(tmp_path / "index")])
    assert r.exit_code == 2 and "no pair 'no-such-pair'" in r.output


def test_csv_articles_and_dated_files(tmp_path, monkeypatch):
    pipe = _indexed(tmp_path)
    report = pipe.report(top=0)
    rows = pipe.articles()
    pipe.close()
    from contradict.report import render

    table = list(csv.DictReader(io.StringIO(render.to_csv(report))))
    assert table and set(table[0]) >= {"id", "kind", "a_source", "b_source", "a_claim", "b_claim"}
    assert {r["id"] for r in rows} == {"north", "south"} and rows[0]["source"] == "North Wire"
    # markdown without -o: a new dated file each time, never over an earlier one
    monkeypatch.setattr("contradict.cli.app.pipeline", lambda ctx, progress=None: _indexed_again(tmp_path, ctx))
    runner = CliRunner()
    args = ["report", "--index-dir", str(tmp_path / "index"), "--format", "markdown"]
    env = {"CONTRADICT_REPORTS_DIR": str(tmp_path / "reports")}
    first = runner.invoke(main, args, env=env)
    second = runner.invoke(main, args, env=env)
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert len(list((tmp_path / "reports").glob("report-*.md"))) == 2, list((tmp_path / "reports").iterdir())


def _indexed_again(tmp_path, ctx):
    return Pipeline(ctx.settings, encoder=FakeEncoder(), scorer=FakeScorer())


def _claim(aid, text):
    return Claim(id=f"{aid}:{abs(hash(text)) % 10**10:010d}", article_id=aid, position=0, start=0, end=len(text),
                 text=text)


def test_why_a_pair_disagrees():
    assert differences("Residents received a warning before the dam failed.",
                       "Residents received no warning before the dam failed.") == [
        {"kind": "negation", "a": [], "b": ["no"]}]
    assert {"kind": "opposite", "a": ["rose"], "b": ["fell"]} in differences("Unemployment rose in March.",
                                                                             "Unemployment fell in March.")
    assert differences("Loretta Sanchez defeated Barbara Lee.", "Linda Sanchez defeated Barbara Lee.")[0]["kind"] == "name"


def test_a_topic_is_never_a_weekday_or_empty_when_claims_share_words():
    a, b = _claim("x", "The dam failed on Monday."), _claim("y", "The dam held on Monday.")
    p = Pair(a=a, b=b, label="contradiction", probs={}, similarity=0.5, score=0.5,
             shared=(Entity(EntityKind.NAME, "Monday"),))
    assert topic([p]) == "dam"


def test_a_topic_is_the_shared_names_then_words_that_are_no_verb_form():
    """"Lieberman", not "Lieberman and defended"; "U.S., economy and jobs" keeps its words."""
    a, b = _claim("x", "Trump defended Lieberman on Tuesday."), _claim("y", "Aides defended Lieberman's record.")
    p = Pair(a=a, b=b, label="contradiction", probs={}, similarity=0.5, score=0.5,
             shared=(Entity(EntityKind.NAME, "Lieberman"),))
    assert topic([p]) == "Lieberman"
    a, b = _claim("x", "The U.S. economy added 200,000 jobs in May."), _claim("y", "The U.S. economy lost jobs in May.")
    p = Pair(a=a, b=b, label="contradiction", probs={}, similarity=0.5, score=0.5, shared=(Entity(EntityKind.NAME, "U.S."),))
    assert topic([p]) == "U.S., economy and jobs"
