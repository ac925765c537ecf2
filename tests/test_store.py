import numpy as np
import pytest

from contradict.errors import ContradictError
from contradict.storage.store import Store
from contradict.types import Article, Candidate, Claim, Entity, Reason, Route


def _art(aid="a", text="The dam failed on Tuesday."):
    return Article(id=aid, title="T", source="S", date="2026", text=text)


def _claim(aid="a", text="The dam failed on Tuesday."):
    return Claim(id=Claim.make_id(aid, text), article_id=aid, position=0, start=0, end=len(text), text=text)


def _cand(a, b, similarity=0.5, duplicate=False):
    return Candidate(a, b, similarity, (Reason(Route.ENTITIES, "entities: US"),), (Entity.decode("US"),
                                                                                  Entity.decode("num:42")),
                     duplicate=duplicate)


def test_put_and_read_back_and_cascade(tmp_path):
    s = Store(tmp_path / "db.sqlite")
    with s.transaction():
        s.put_article(_art("a"), [_claim("a")])
        s.put_article(_art("b"), [_claim("b")])
        s.put_candidates([_cand(_claim("a").id, _claim("b").id)])
    assert [a.id for a in s.articles()] == ["a", "b"]
    assert s.claims("a")[0].text == "The dam failed on Tuesday."
    with s.transaction():
        s.delete_articles(["b"])
    assert s.counts()["claims"] == 1 and s.counts()["candidates"] == 0


def test_candidates_touching_reads_pairs_on_either_side(tmp_path):
    s = Store(tmp_path / "db.sqlite")
    a, b, c = _claim("a"), _claim("b"), _claim("c")
    with s.transaction():
        for x in (a, b, c):
            s.put_article(_art(x.article_id), [x])
        s.put_candidates([_cand(a.id, b.id), _cand(b.id, c.id, 0.4, duplicate=True)])
    assert s.candidates_touching([a.id]) == [_cand(a.id, b.id)]  # reasons, entities and kinds read back
    assert [c.key for c in s.candidates_touching([b.id])] == [(a.id, b.id), (b.id, c.id)]
    assert [c.duplicate for c in s.candidates()] == [False, True]
    assert s.candidates_touching([f"x{i}" for i in range(1000)]) == []  # more ids than SQLite binds at once


def test_failed_transaction_leaves_store_exactly_as_before(tmp_path):
    s = Store(tmp_path / "db.sqlite")
    with s.transaction():
        s.put_article(_art("a"), [_claim("a")])
        s.put_vectors("m", ["x"], np.ones((1, 4), np.float32))
    before = s.checksum()
    with pytest.raises(RuntimeError):
        with s.transaction():
            s.put_article(_art("c"), [_claim("c")])
            s.delete_articles(["a"])
            raise RuntimeError("boom")
    assert s.checksum() == before


def test_scores_are_cached_by_text_and_model(tmp_path):
    s = Store(tmp_path / "db.sqlite")
    with s.transaction():
        s.put_scores("m1", [("p", "h")], [(0.7, 0.1, 0.2)])
    assert s.cached_scores("m1", [("p", "h"), ("h", "p")]) == {("p", "h"): (0.7, 0.1, 0.2)}
    assert s.cached_scores("m2", [("p", "h")]) == {}


def test_corrupt_database_gives_clear_error(tmp_path):
    p = tmp_path / "db.sqlite"
    p.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(ContradictError, match="corrupt or not a contradict database"):
        Store(p)


def test_missing_store_when_reading(tmp_path):
    with pytest.raises(ContradictError, match="no index"):
        Store(tmp_path / "nope" / "db.sqlite", create=False)


def _v1_store(path, added: bool):
    """A store as versions before numbered migrations wrote it: SCHEMA at version 1, with (``added``) or without
    the tables later opened stores made on the fly."""
    import sqlite3

    from contradict.storage.tables import SCHEMA

    db = sqlite3.connect(str(path))
    db.executescript(SCHEMA)
    db.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    if added:
        db.executescript("CREATE TABLE stories(id TEXT PRIMARY KEY, label TEXT NOT NULL, articles TEXT NOT NULL, "
                         "first TEXT, last TEXT); INSERT INTO stories VALUES ('story-1', 'L', '[\"a\"]', '', '');")
    db.commit()
    db.close()


@pytest.mark.parametrize("added", [False, True])
def test_a_version_1_store_is_migrated_on_open_and_keeps_its_rows(tmp_path, added):
    from contradict.storage.store import SCHEMA_VERSION, Store

    path = tmp_path / "contradict.sqlite"
    _v1_store(path, added)
    s = Store(path)
    assert s.schema_version == SCHEMA_VERSION == 4 and s.get_meta("schema_version") == "4"
    tables = {r[0] for r in s.db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"stories", "marks", "facts", "frame_reads", "rule_reads", "actor_merge"} <= tables
    assert [st.id for st in s.stories()] == (["story-1"] if added else [])
    assert s.facts() == [] and s.marks() == {} and s.frame_reads() == [] and s.rule_reads() == {}
    assert s.actor_merge() is None
    s.close()
    assert Store(path).schema_version == 4  # opened again: nothing left to do


def test_a_version_2_store_gains_the_rule_reads_and_keeps_its_rows(tmp_path):
    import sqlite3

    from contradict.storage.store import Store
    from contradict.storage.tables import MIGRATIONS, SCHEMA

    path = tmp_path / "contradict.sqlite"
    db = sqlite3.connect(str(path))
    db.executescript(SCHEMA + MIGRATIONS[2])
    db.execute("INSERT INTO meta VALUES ('schema_version', '2')")
    db.execute("INSERT INTO marks VALUES ('a|b', 'wrong', 'n', 't')")
    db.commit()
    db.close()
    s = Store(path)
    assert s.schema_version == 4 and s.marks() == {"a|b": ("wrong", "n")} and s.rule_reads() == {}
    with s.transaction():
        s.put_rule_reads({"a|b": ("number", "people", "10", "12"), "c|d": ("", "", "", "")})
    assert s.rule_reads() == {"a|b": ("number", "people", "10", "12"), "c|d": ("", "", "", "")}


def test_a_version_3_store_gains_the_actor_merge_which_holds_one_row(tmp_path):
    import sqlite3

    from contradict.storage.store import Store
    from contradict.storage.tables import MIGRATIONS, SCHEMA

    path = tmp_path / "contradict.sqlite"
    db = sqlite3.connect(str(path))
    db.executescript(SCHEMA + MIGRATIONS[2] + MIGRATIONS[3])
    db.execute("INSERT INTO meta VALUES ('schema_version', '3')")
    db.execute("INSERT INTO rule_reads VALUES ('a|b', 'number', 'people', '10', '12')")
    db.commit()
    db.close()
    s = Store(path)
    assert s.schema_version == 4 and s.actor_merge() is None and s.rule_reads() == {"a|b": ("number", "people", "10", "12")}
    for basis in ("one", "two"):
        with s.transaction():
            s.put_actor_merge(basis, f'{{"basis": "{basis}"}}')
    assert s.actor_merge() == ("two", '{"basis": "two"}')


def test_a_read_only_version_1_store_is_read_as_it_is(tmp_path):
    import os

    from contradict.storage.store import Store

    path = tmp_path / "contradict.sqlite"
    _v1_store(path, added=False)
    os.chmod(tmp_path, 0o555)
    try:
        s = Store(path, create=False)
        if not s.read_only:  # root may write anywhere: nothing to check here
            pytest.skip("the directory is writable for this user")
        assert s.schema_version == 1 and s.stories() == [] and s.facts() == [] and s.frame_reads() == []
        s.close()
    finally:
        os.chmod(tmp_path, 0o755)


@pytest.mark.parametrize("version", ["99", "0", "x"])
def test_a_store_of_a_version_this_contradict_does_not_know_is_refused(tmp_path, version):
    import sqlite3

    from contradict.errors import ContradictError
    from contradict.storage.store import Store

    path = tmp_path / "contradict.sqlite"
    Store(path).close()
    db = sqlite3.connect(str(path))
    db.execute("UPDATE meta SET value=? WHERE key='schema_version'", (version,))
    db.commit()
    db.close()
    with pytest.raises(ContradictError, match=f"schema version {version}; this contradict reads versions 1 to 4"):
        Store(path)


# ---------------------------------------------------------------- bulk reads and writes (issue 38)


@pytest.fixture()
def few_params(monkeypatch):
    """Statements of at most 7 bound parameters: every bulk read and write runs in several parts."""
    import contradict.storage.sql as sql

    monkeypatch.setattr(sql, "_PARAMS", 7)


def test_bulk_writes_and_reads_in_parts_give_what_one_row_at_a_time_gave(tmp_path, few_params):
    s = Store(tmp_path / "db.sqlite")
    texts = [f"Claim number {i} about the dam." for i in range(9)]
    pairs = [(p, h) for p in texts for h in texts if p != h]
    probs = [(i / 100, 0.5, 0.5 - i / 100) for i in range(len(pairs))]
    vecs = np.arange(9 * 4, dtype=np.float32).reshape(9, 4)
    with s.transaction():
        s.put_scores("m", pairs, probs)
        s.put_scores("m", pairs[:3], [(0.9, 0.05, 0.05)] * 3)  # replaced
        s.put_scores("other", pairs[:2], [(0.2, 0.2, 0.6)] * 2)
        s.put_vectors("e", texts, vecs)
        for k in range(5):
            s.put_article(_art(f"a{k}"), [_claim(f"a{k}", t) for t in texts[:3]])
    asked = pairs[1:] + [("never scored", texts[0])]
    got = s.cached_scores("m", asked)
    assert set(got) == set(pairs[1:])
    assert got[pairs[1]] == (0.9, 0.05, 0.05) and got[pairs[5]] == probs[5]
    assert s.cached_scores("other", pairs) == {pairs[0]: (0.2, 0.2, 0.6), pairs[1]: (0.2, 0.2, 0.6)}
    vec = s.cached_vectors("e", texts[2:] + ["no vector"])
    assert sorted(vec) == sorted(texts[2:]) and vec[texts[4]].tolist() == vecs[4].tolist()
    assert len(s.claim_ids(["a1", "a3", "a4", "nobody"])) == 9 and s.counts()["claims"] == 15
    with s.transaction():
        s.delete_articles(["a0", "a2", "a3", "a4"])
    assert [a.id for a in s.articles()] == ["a1"] and s.counts()["claims"] == 3


def test_a_multi_row_insert_keeps_the_first_or_the_last_of_a_key_as_executemany_did(tmp_path, few_params):
    s = Store(tmp_path / "db.sqlite")
    a, b = _claim("a"), _claim("b")
    with s.transaction():
        s.put_article(_art("a"), [a])
        s.put_article(_art("b"), [b])
        s.put_candidates([_cand(a.id, b.id, 0.1), _cand(a.id, b.id, 0.2)])  # OR IGNORE: the first
        s.put_scores("m", [("p", "h"), ("p", "h")], [(0.1, 0.1, 0.8), (0.7, 0.2, 0.1)])  # OR REPLACE: the last
    assert [c.similarity for c in s.candidates()] == [0.1]
    assert s.cached_scores("m", [("p", "h")]) == {("p", "h"): (0.7, 0.2, 0.1)}
