"""The actor merge an index run stores (contradict.stages.actor_merge): a report takes it when its reads are the
ones it was made on, and merges again otherwise."""

from __future__ import annotations

import pytest

from contradict.stages import actor_merge
from contradict.stages.actors import actors
from contradict.types import ClaimRead, Mention

from .test_frames import _corpus_dir, _pipe


def _reads():
    return [ClaimRead("a:1", (Mention("Barack Obama", "PERSON", 0),)), ClaimRead("a:2", (Mention("Obama", "PERSON", 0),)),
            ClaimRead("b:1", (Mention("Obama", "PERSON", 0), Mention("the U.S.", "GPE", 10))),
            ClaimRead("c:1", (Mention("United States", "GPE", 0),))]


ARTICLE_OF = {"a:1": "a", "a:2": "a", "b:1": "b", "c:1": "c"}
POSITIONS = {"a:1": 0, "a:2": 1, "b:1": 0, "c:1": 0}


def test_a_merge_read_back_is_the_merge_and_is_taken_only_on_its_basis():
    reads = _reads()
    fresh, keys = actors(reads, ARTICLE_OF, positions=POSITIONS)
    made = actor_merge.merge(reads, ARTICLE_OF, POSITIONS)
    assert made.actors == fresh and dict(made.key_to_actor) == dict(keys) and made.key_to_actor.local == keys.local
    back = actor_merge.Merge.from_text(made.basis, made.to_text())
    assert back.actors == fresh and dict(back.key_to_actor) == dict(keys) and back.key_to_actor.local == keys.local
    # a stored merge on the same basis is taken as it is (here one that says otherwise, to see it taken) ...
    odd = actor_merge.Merge(made.basis, fresh[:1], made.key_to_actor).to_text()
    assert actor_merge.merge(reads, ARTICLE_OF, POSITIONS, (made.basis, odd)).actors == fresh[:1]
    # ... and not when the reads, their articles or their positions differ
    other = [*reads[:-1], ClaimRead("c:1", (Mention("United States", "ORG", 0),))]
    for args in ((other, ARTICLE_OF, POSITIONS), (reads, {**ARTICLE_OF, "c:1": "d"}, POSITIONS),
                 (reads, ARTICLE_OF, {**POSITIONS, "a:2": 5})):
        assert actor_merge.basis(*args) != made.basis
        assert actor_merge.merge(*args, stored=(made.basis, odd)).actors != fresh[:1]


def test_an_index_run_stores_the_merge_and_a_report_takes_it_without_merging(tmp_path, monkeypatch):
    pipe = _pipe(tmp_path)
    pipe.index([_corpus_dir(tmp_path)])
    expected = pipe.report().to_json()
    pipe.close()
    pipe = _pipe(tmp_path)
    stored = pipe.ws.open_existing().actor_merge()
    assert stored is not None and stored[0]

    def no_merging(*a, **k):
        raise AssertionError("merged again")

    monkeypatch.setattr(actor_merge, "actors", no_merging)
    got = pipe.report().to_json()
    assert got == expected and got["actors"]
    store = pipe.ws.open_existing()
    with store.transaction():  # a merge made on other reads is not taken
        store.put_actor_merge("another basis", stored[1])
    with pytest.raises(AssertionError, match="merged again"):
        pipe.report()
    pipe.close()
