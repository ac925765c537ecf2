"""What a report reads (issue 38): one snapshot, loaded in bulk or handed on by the index run that wrote it. The
handed-on snapshot must be the one the store gives back, after a first run and after runs that change, add and
retire articles; the report made from it must be the report read from the index afterwards."""

from pathlib import Path

from contradict.runs.pipeline import Pipeline
from contradict.settings import Settings
from contradict.stages import frames
from contradict.storage import snapshot

from .fakes import FakeEncoder, FakeFrameReader, FakeScorer

ARTICLES = {
    "north.txt": "The Harbour Bridge Reopens\n\nThe harbour bridge carried 40 trucks on Monday morning.\n\n"
                 "Mayor Olsen said Norland supports Eastmark in the river dispute.\n\nTraffic moved freely.",
    "south.txt": "Bridge Traffic Limited\n\nThe harbour bridge carried 25 trucks on Monday morning.\n\n"
                 "Senator Vale said Norland opposes Eastmark in the river dispute.\n\nThe repairs were not finished.",
    "east.txt": "Council Budget Passed\n\nThe council passed the school budget on Friday.\n\n"
                "The council did not pass the school budget on Friday.",
}


def _write(d: Path, texts: dict[str, str]) -> Path:
    d.mkdir(exist_ok=True)
    for old in d.iterdir():
        old.unlink()
    for name, text in texts.items():
        (d / name).write_text(text)
    return d


def _pipe(tmp_path: Path) -> Pipeline:
    s = Settings(index_dir=tmp_path / "index", reports_dir=tmp_path / "reports")
    return Pipeline(s, encoder=FakeEncoder(), scorer=FakeScorer(), frame_reader=FakeFrameReader())


def _index_and_compare(pipe: Pipeline, inbox: Path) -> tuple[dict, bool]:
    """Index ``inbox`` (retiring what left it) and check the handed-on snapshot against the stored one; the
    report made from it, as a dict, and whether the run handed on its frame reads."""
    with pipe.writing():
        pipe.index([inbox], remove_missing=True, allow_mass_retire=True)
        assert pipe._handed is not None
        frames_handed = pipe._handed.frame_reads is not None
        handed = pipe._snapshot(pipe.store, "fake-nli")
        loaded = snapshot.load(pipe.store, frames.RULES_VERSION, "fake-nli")
        for field in ("articles", "claims", "candidates", "stories", "facts", "frame_reads", "marks",
                      "pairs_left_unread", "scores"):
            assert getattr(handed, field) == getattr(loaded, field), field
        report = pipe.report(top=0).to_json()
    assert pipe._handed is None  # the lock is released: another writer may change the index
    return report, frames_handed


def test_the_snapshot_an_index_run_hands_on_is_the_one_the_store_gives_back(tmp_path):
    inbox, pipe = tmp_path / "in", _pipe(tmp_path)
    first, frames_handed = _index_and_compare(pipe, _write(inbox, ARTICLES))
    assert first["summary"]["contradictions"] > 0 and first["frames"] and frames_handed
    changed = dict(ARTICLES, **{"north.txt": ARTICLES["north.txt"].replace("40 trucks", "45 trucks"),
                                "west.txt": "Mayor Olsen Speaks\n\nMayor Olsen said Eastmark fights Norland."})
    del changed["east.txt"]
    _index_and_compare(pipe, _write(inbox, changed))
    after, _ = _index_and_compare(pipe, inbox)  # nothing changed: every part of the snapshot from the store
    pipe.close()
    fresh = _pipe(tmp_path)  # a later command reads the index afterwards
    assert fresh.report(top=0).to_json() == after
    fresh.close()


def test_the_report_reads_the_scores_once_in_bulk_not_a_statement_per_pair(tmp_path):
    pipe = _pipe(tmp_path)
    pipe.index([_write(tmp_path / "in", ARTICLES)])
    statements = []
    pipe.store.db.set_trace_callback(statements.append)
    report = pipe.report(top=0)
    pipe.close()
    assert report.contradictions
    assert sum("FROM nli" in s for s in statements) == 1, statements
