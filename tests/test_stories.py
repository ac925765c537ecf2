"""The story stage with made-up vectors and the fake encoder: grouping, dates, ids kept across runs."""

import datetime as dt
import logging
import random

import numpy as np

from contradict.report.build import Only
from contradict.runs.pipeline import Pipeline
from contradict.settings import Settings
from contradict.stages import stories
from contradict.types import Article

from .fakes import FakeEncoder, FakeScorer


def _unit(v):
    v = np.asarray(v, dtype=np.float32)
    return v / np.linalg.norm(v)


def _art(i, title="", date="2020-01-01", text="Some text."):
    return Article(id=i, title=title, source="Wire", date=date, text=text)


def _vectors(directions):
    rng = np.random.default_rng(0)
    base = {k: rng.standard_normal(32) for k in set(directions)}
    return np.stack([_unit(base[d] + 0.05 * rng.standard_normal(32)) for d in directions])


def test_articles_near_in_text_and_time_form_one_story_and_an_unrelated_one_stays_alone():
    arts = [_art("a1"), _art("a2"), _art("a3"), _art("b1"), _art("b2"), _art("c1")]
    found = stories.build(arts, _vectors(["a", "a", "a", "b", "b", "c"]), {})
    assert sorted(s.articles for s in found) == [("a1", "a2", "a3"), ("b1", "b2"), ("c1",)]


def test_the_same_text_a_month_apart_is_two_stories_and_undated_articles_group_by_text():
    arts = [_art("x1", date="2020-01-01"), _art("x2", date="2020-02-01"), _art("x3", date="")]
    found = stories.build(arts, _vectors(["x", "x", "x"]), {})
    # x3 (undated) may join one of them, never both: the two dated ones stay apart
    assert not any({"x1", "x2"} <= set(s.articles) for s in found)
    assert len(found) == 2


def test_story_ids_do_not_depend_on_input_order_and_survive_a_new_article():
    arts = [_art(f"n{i}", date=f"2020-01-0{i}") for i in range(1, 4)] + [_art("m1"), _art("m2")]
    vecs = _vectors(["n", "n", "n", "m", "m"])
    first = stories.build(arts, vecs, {})
    order = list(range(len(arts)))
    random.Random(3).shuffle(order)
    again = stories.build([arts[i] for i in order], vecs[order], {})
    assert first == again
    previous = stories.story_of(first)
    grown = arts + [_art("n4", date="2020-01-04")]
    later = stories.build(grown, np.vstack([vecs, _vectors(["n"])[:1] * 0 + vecs[0]]), previous)
    joined = next(s for s in later if "n4" in s.articles)
    assert joined.id == previous["n1"] and joined.articles[-1] == "n4"  # by date: the new one last
    assert {s.id for s in later} == {s.id for s in first}


def test_unusable_dates_are_warned_once_per_article_and_grouped_by_text(caplog):
    arts = [_art("d1", date="next tuesday"), _art("d2", date="2999-01-01"), _art("d3", date="")]
    with caplog.at_level(logging.WARNING, logger="contradict.stages.stories"):
        found = stories.build(arts, _vectors(["d", "d", "d"]), {}, today=dt.date(2026, 11, 30))
    lines = [r.getMessage() for r in caplog.records]
    assert len(lines) == 2 and "not understood" in lines[0] and "in the future" in lines[1]
    assert [s.articles for s in found] == [("d1", "d2", "d3")]
    assert found[0].first == ""  # no usable date


def test_a_label_is_the_most_central_title_with_the_key_names_it_lacks():
    arts = [_art("l1", title="Dam bursts above the valley town"),
            _art("l2", title="Merrow Dam collapse floods Carrow"),
            _art("l3", title="Floods: Carrow counts its losses after the Merrow Dam gave way")]
    texts = ["Merrow Dam in Carrow failed.", "Merrow Dam in Carrow failed.", "Carrow and Merrow Dam."]
    vecs = np.array([[1.0, 0.0], [0.8, 0.6], [0.6, 0.8]], dtype=np.float32)  # l2 is nearest their mean
    assert stories.label(arts, texts, vecs) == "Merrow Dam collapse floods Carrow"
    # another centre: a title that lacks the key names is followed by them
    l1 = stories.label(arts, texts, np.array([[1.0, 0.0], [0.9, 0.1], [0.9, -0.1]], dtype=np.float32))
    assert l1 == "Dam bursts above the valley town (Carrow, Merrow Dam)"
    long = [_art("x", title="A very long title " * 10), _art("y", title="A very long title " * 10)]
    assert len(stories.label(long, ["", ""])) <= stories.LABEL_TITLE_CHARS + 1
    # no titles: key names and words, never a weekday
    bare = [_art("b1", title=""), _art("b2", title="")]
    assert "monday" not in stories.label(bare, ["Merrow Dam failed on Monday.", "Merrow Dam failed Monday."]).lower()


ARTICLES = {
    "north.txt": "Harbour Bridge Reopens After Repairs\n\nThe harbour bridge carried 40 trucks on Monday morning.\n\n"
                 "The mayor said the repairs were finished.\n\nTraffic moved freely across the river.",
    "south.txt": "Harbour Bridge Reopens After Repairs, Traffic Limited\n\nThe harbour bridge carried 25 trucks on "
                 "Monday morning.\n\nThe repairs were not finished.\n\nTraffic moved freely across the river.",
    "east.txt": "Council Passes School Budget\n\nThe council passed the school budget on Friday.\n\n"
                "Teachers welcomed the new school budget.",
}


def _pipe(tmp_path, **kw):
    s = Settings(index_dir=tmp_path / "index", reports_dir=tmp_path / "reports", **kw)
    return Pipeline(s, encoder=FakeEncoder(), scorer=FakeScorer())


def _write(tmp_path, names):
    d = tmp_path / "in"
    d.mkdir(exist_ok=True)
    for n in names:
        (d / n).write_text(ARTICLES[n])
    return d


def test_the_pipeline_stores_stories_and_reports_pairs_by_story_and_kind(tmp_path):
    pipe = _pipe(tmp_path)
    pipe.index([_write(tmp_path, ARTICLES)])
    found = pipe.stories()
    bridge = next(s for s in found if "north" in s.articles)
    assert set(bridge.articles) == {"north", "south"} and all("east" not in s.articles or len(s.articles) == 1
                                                              for s in found)
    report = pipe.report(top=0)
    trucks = next(p for p in report.contradictions if "trucks" in p.a.claim)
    assert trucks.story == bridge.id and trucks.kind == "numeric" and trucks.explain == "truck: 40 vs 25"
    assert [r.id for r in report.stories] == [bridge.id]  # stories of more than one article
    assert report.stories[0].kinds and report.stories[0].contradictions >= 1
    only_east = pipe.report(top=0, only=Only(story=next(s.id for s in found if "east" in s.articles)))
    assert only_east.summary.articles == 1 and not only_east.contradictions
    pipe.close()


def test_a_new_article_of_a_story_keeps_the_story_id(tmp_path):
    pipe = _pipe(tmp_path)
    d = _write(tmp_path, ["north.txt", "east.txt"])
    pipe.index([d])
    before = {s.id: s.articles for s in pipe.stories()}
    (d / "south.txt").write_text(ARTICLES["south.txt"])
    pipe.index([d])
    after = {s.id: s.articles for s in pipe.stories()}
    north_id = next(k for k, v in before.items() if "north" in v)
    assert set(after[north_id]) == {"north", "south"}
    pipe.close()


def test_articles_without_title_or_with_unusable_dates_are_grouped_by_text_and_nothing_is_lost(tmp_path, caplog):
    import json

    def body(n):  # the same report in four wordings (a line repeated verbatim across articles is boilerplate)
        return (f"The harbour bridge carried {40 + n} trucks on Monday morning after the repairs. "
                f"The mayor said the harbour bridge repairs were finished{'!' * n}")

    rows = [{"id": "no-title", "title": "", "source": "Wire", "date": "2020-01-01", "text": body(0)},
            {"id": "no-date", "title": "Harbour bridge reopens", "source": "Wire", "text": body(1)},
            {"id": "future", "title": "Harbour bridge reopens", "source": "Wire", "date": "2999-01-01", "text": body(2)},
            {"id": "garbled", "title": "Harbour bridge reopens", "source": "Wire", "date": "yesterday", "text": body(3)}]
    d = tmp_path / "in"
    d.mkdir()
    (d / "bad.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    pipe = _pipe(tmp_path)
    with caplog.at_level(logging.WARNING, logger="contradict.stages.stories"):
        pipe.index([d])
    lines = [r.getMessage() for r in caplog.records if r.name == "contradict.stages.stories"]
    assert sorted(x.split(":")[0] for x in lines) == ["future", "garbled"]  # one line per ignored date
    assert {a.id for a in pipe.store.articles()} == {r["id"] for r in rows}  # nothing lost
    assert [sorted(s.articles) for s in pipe.stories()] == [sorted(r["id"] for r in rows)]  # one story, by text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="contradict.stages.stories"):
        pipe.index([d])  # nothing new: no warning again
    assert not [r for r in caplog.records if r.name == "contradict.stages.stories"]
    pipe.close()


def test_the_nightly_delta_reports_per_story(tmp_path):
    from contradict.runs import batch

    pipe = _pipe(tmp_path)
    inbox = _write(tmp_path, ["north.txt", "east.txt"])
    batch.run(pipe, [inbox], tmp_path / "reports", threshold=0.0)
    (inbox / "south.txt").write_text(ARTICLES["south.txt"])
    second = batch.run(pipe, [inbox], tmp_path / "reports", threshold=0.0)
    pipe.close()
    stories_delta = second.delta["stories"]
    # north was a story of one (not listed); with south it is a story of two: new in the report's stories
    assert [s["articles"] for s in stories_delta["new"]] == [2]
    gained = stories_delta["new_contradictions"]
    assert gained and gained[0]["kinds"] == {"numeric": 1}  # 40 vs 25 trucks
    md = (second.run_dir / "report.md").read_text()
    assert "### Stories with new contradictions (1)" in md and "truck: 40 vs 25" in md


def test_a_story_label_does_not_depend_on_the_hash_seed():
    """Names are collected from sets; the form shown and the sums must not follow set order (PYTHONHASHSEED)."""
    import os
    import subprocess
    import sys

    code = "\n".join([
        "from contradict.stages.stories import label",
        "from contradict.types import Article",
        "texts = ['Pompeo met REUTERS and Reuters editors in Kabul on Monday.',",
        "         'Pompeo told Reuters and REUTERS staff about the Taliban.', 'Pompeo and Reuters and the Taliban met.']",
        "arts = [Article(id=f'a{k}', title='Pompeo meets the Taliban', source='', date='', text=t)",
        "        for k, t in enumerate(texts)]",
        "print(label(arts, texts))"])
    got = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(6)}
    assert len(got) == 1, got
    assert "Reuters" in got.pop()  # the form most texts use
