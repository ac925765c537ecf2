"""The typed outputs and their generated schemas: the checked-in schema files are what the models give, and
every output made with the fakes fits its schema; a report's tensions keep their pair ids when read back."""

import json
from dataclasses import replace

import jsonschema
import pytest

from contradict.report import schema as schema_mod
from contradict.report.build import Report
from contradict.report.outputs import articles_of, facts_of, frames_of, stories_of
from contradict.runs import batch
from contradict.runs.calibrate import calibration

from .test_pipeline_unit import ARTICLES, _corpus, _pipe


def _schema(name: str) -> dict:
    return json.loads((schema_mod.SCHEMA_DIR / f"{name}.schema.json").read_text())


def test_the_schema_files_are_what_the_models_give(tmp_path):
    assert schema_mod.stale() == []
    assert schema_mod.main(["--check", "--dir", str(tmp_path)]) == 1  # missing files
    assert schema_mod.main(["--dir", str(tmp_path)]) == 0 and schema_mod.main(["--check", "--dir", str(tmp_path)]) == 0
    (tmp_path / "delta.schema.json").write_text("{}\n")
    assert schema_mod.stale(tmp_path) == ["delta.schema.json"]
    for text in schema_mod.schemas().values():
        jsonschema.Draft202012Validator.check_schema(json.loads(text))


@pytest.fixture
def runs(tmp_path):
    pipe = _pipe(tmp_path)
    inbox = _corpus(tmp_path, ["north.txt", "east.txt"])
    first = batch.run(pipe, [inbox], tmp_path / "reports", threshold=0.0)
    (inbox / "south.txt").write_text(ARTICLES["south.txt"])
    second = batch.run(pipe, [inbox], tmp_path / "reports", threshold=0.0)
    rows = pipe.articles()
    outs = {"articles": articles_of(rows), "rows": rows}
    pipe.close()
    return first, second, outs


def test_every_output_made_with_the_fakes_fits_its_generated_schema(runs):
    first, second, outs = runs
    for run in (first, second):
        jsonschema.validate(json.loads((run.run_dir / "report.json").read_text()), _schema("report"))
        jsonschema.validate(json.loads((run.run_dir / "delta.json").read_text()), _schema("delta"))
    assert second.delta["new"] and second.delta["new_contradictions"]  # the schema met rows, not only empty lists
    report = second.report
    assert outs["articles"].articles and [a.id for a in outs["articles"].articles] == ["east", "north", "south"]
    assert json.dumps(outs["articles"].to_json()) == json.dumps({"articles": outs["rows"]})  # keys in order
    jsonschema.validate(outs["articles"].to_json(), _schema("articles"))
    jsonschema.validate(stories_of(report).to_json(), _schema("stories"))
    jsonschema.validate(frames_of(report).to_json(), _schema("frames"))
    for actor in report.actors[:1]:
        jsonschema.validate(frames_of(report, actor).to_json(), _schema("frames"))
    found = report.contradictions
    marked = replace(report, pairs=tuple(replace(p, mark="right" if i % 2 else "wrong")
                                         for i, p in enumerate(found)))
    cal = calibration(marked, 0.0)
    assert cal.marked == len(found) > 0
    jsonschema.validate(cal.to_json(), _schema("calibrate"))
    with pytest.raises(jsonschema.ValidationError):  # the schema holds: a count cannot be a string
        jsonschema.validate({**cal.to_json(), "marked": "two"}, _schema("calibrate"))


def test_a_report_read_back_keeps_its_tensions_pair_ids(runs):
    report = runs[1].report
    assert any(t.pair_ids for t in report.tensions)
    back = Report.from_json(json.loads(json.dumps(report.to_json())))
    assert [t.pair_ids for t in back.tensions] == [t.pair_ids for t in report.tensions]
    latest = json.loads((runs[1].run_dir / "report.json").read_text())  # what the next batch reads
    assert [t.pair_ids for t in Report.from_json(latest).tensions] == [t.pair_ids for t in report.tensions]


def test_a_report_without_pair_ids_reads_back_with_none():
    old = {"articles": [], "pairs": [], "summary": {"articles": 0, "claims": 0, "pairs_scored": 0, "contradictions": 0,
                                                   "threshold": 0.35, "nli_model": "m", "embed_model": "e"},
           "tensions": [{"articles": ["a", "b"], "topic": "x", "contradictions": 1, "agreements": 0, "score": 0.5}]}
    assert Report.from_json(old).tensions[0].pair_ids == ()


def test_the_facts_output_fits_its_schema(tmp_path):
    from .test_facts import fact_pipe

    pipe, d = fact_pipe(tmp_path)
    pipe.index([d])
    rows = pipe.facts()
    pipe.close()
    facts = facts_of(rows)
    assert json.dumps(facts.to_json()) == json.dumps({"facts": rows})  # the model writes the rows, keys in order
    assert any(f.differences for f in facts.facts)
    jsonschema.validate(facts.to_json(), _schema("facts"))
