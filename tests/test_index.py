import numpy as np
import pytest

from contradict.errors import ContradictError
from contradict.storage.index import VectorIndex


def _data(n=20, d=16, seed=1):
    rng = np.random.default_rng(seed)
    v = rng.normal(size=(n, d)).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return [f"art{i % 3}:{i:04d}" for i in range(n)], v


def test_search_returns_claim_ids_by_cosine_and_remove_works():
    ids, v = _data()
    idx = VectorIndex.build(16, ids, v)
    hits = idx.search(v[:1], 3)[0]
    assert hits[0][0] == ids[0] and abs(hits[0][1] - 1.0) < 1e-5
    assert [h[1] for h in hits] == sorted([h[1] for h in hits], reverse=True)
    idx.remove([ids[0]])
    assert len(idx) == 19 and ids[0] not in idx
    assert idx.search(v[:1], 3)[0][0][0] != ids[0]


def test_save_load_roundtrip_and_adding_twice_is_idempotent(tmp_path):
    ids, v = _data()
    idx = VectorIndex.build(16, ids, v)
    idx.add(ids[:5], v[:5])
    assert len(idx) == 20
    idx.save(tmp_path, {"embed_model": "m"})
    back = VectorIndex.load(tmp_path, expect_model="m")
    assert back.ids == sorted(ids)
    assert back.search(v[3:4], 1)[0][0][0] == ids[3]


def test_corrupt_truncated_or_mismatched_index_gives_clear_error(tmp_path):
    ids, v = _data()
    VectorIndex.build(16, ids, v).save(tmp_path, {"embed_model": "m"})
    with pytest.raises(ContradictError, match="built with embedding model"):
        VectorIndex.load(tmp_path, expect_model="other")
    (f,) = tmp_path.glob("claims.*.faiss")
    f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])
    with pytest.raises(ContradictError, match="missing or corrupt") as e:
        VectorIndex.load(tmp_path)
    assert "contradict index --rebuild" in str(e.value)
    (tmp_path / "manifest.json").write_text("{not json")
    with pytest.raises(ContradictError, match="unreadable"):
        VectorIndex.load(tmp_path)


def _clustered(n=6000, d=32, seed=3):
    """Vectors around 60 centres, as claims around topics (uniform random vectors have no neighbours)."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(60, d))
    v = (centres[rng.integers(0, 60, n)] + 0.3 * rng.normal(size=(n, d))).astype(np.float32)
    v /= np.linalg.norm(v, axis=1, keepdims=True)
    return [f"a{i % 50}:{i:05d}" for i in range(n)], v


def test_ivf_finds_the_exact_neighbours_and_does_not_depend_on_input_order(tmp_path):
    ids, v = _clustered()
    flat = VectorIndex(32, "flat")
    flat.add(ids, v)
    ivf = VectorIndex(32, "ivf", size_hint=len(ids))
    ivf.add(ids, v)
    assert ivf.cells == 154 and flat.cells == 0
    q = v[::50]
    exact, got = flat.search(q, 10), ivf.search(q, 10)
    recall = np.mean([len({h[0] for h in a} & {h[0] for h in b}) / 10 for a, b in zip(exact, got)])
    assert recall > 0.95
    order = np.random.default_rng(0).permutation(len(ids))
    shuffled = VectorIndex(32, "ivf", size_hint=len(ids))
    shuffled.add([ids[i] for i in order], v[order])
    assert shuffled.search(q, 10) == got  # cells trained on a sample chosen by id, not by arrival
    ivf.save(tmp_path, {"embed_model": "m"})
    back = VectorIndex.load(tmp_path)
    assert back.kind == "ivf" and back.search(q, 10) == got
    assert back.remove(ids[:10]) and len(back) == len(ids) - 10 and ids[0] not in back


def test_index_kind_by_size_or_as_asked():
    assert VectorIndex.kind_for(99_999) == "flat" and VectorIndex.kind_for(100_000) == "hnsw"
    assert VectorIndex.kind_for(10, "ivf") == "ivf"
    with pytest.raises(ContradictError, match="unknown vector index kind"):
        VectorIndex.kind_for(10, "annoy")


def test_hnsw_keeps_removed_vectors_unnamed_and_asks_for_a_rebuild_past_the_dead_share(tmp_path):
    from contradict.storage.index import MAX_DEAD_SHARE

    ids, v = _clustered(n=400, d=16)
    idx = VectorIndex.build(16, ids, v, choice="hnsw")
    gone = ids[:30]  # 7.5% of the graph
    assert idx.kind == "hnsw" and idx.remove(gone)
    assert len(idx) == 370 and not any(g in idx for g in gone)
    hits = idx.search(v[:30], 5)
    assert all(len(row) == 5 and not {c for c, _ in row} & set(gone) for row in hits)  # skipped, k still met
    idx.save(tmp_path, {"embed_model": "m"})
    back = VectorIndex.load(tmp_path, expect_model="m")
    assert back.ids == sorted(ids[30:]) and len(back) == 370
    assert back.search(v[40:41], 1)[0][0][0] == ids[40]
    back.add(ids[:5], v[:5])  # named again: its vector is still in the graph, none is added
    assert len(back) == 375 and back.search(v[:1], 1)[0][0][0] == ids[0]
    back.save(tmp_path, {"embed_model": "m"})
    assert len(VectorIndex.load(tmp_path).ids) == 375
    more = ids[30:30 + int(MAX_DEAD_SHARE * 400)]
    assert not back.remove(more)  # past the share: the caller builds the index anew
    assert len(back) == 375


def test_a_staged_index_is_not_the_index_until_its_manifest_is_committed(tmp_path):
    """An index run writes its faiss file after searching it, to free its memory, and names it at the end: a run
    that dies in between leaves the index it found, and the next commit drops the orphan file."""
    from contradict.storage import index_files

    ids, v = _data()
    VectorIndex.build(16, ids[:10], v[:10]).save(tmp_path, {"embed_model": "m"})
    staged = VectorIndex.build(16, ids, v).stage(tmp_path)
    assert (tmp_path / staged.name).exists()
    assert VectorIndex.load(tmp_path, expect_model="m").ids == sorted(ids[:10])  # still the old one
    orphan = VectorIndex.build(16, ids[:3], v[:3]).stage(tmp_path)  # a run that died after staging
    index_files.commit(staged, tmp_path, {"embed_model": "m"})
    back = VectorIndex.load(tmp_path, expect_model="m")
    assert back.ids == sorted(ids) and back.search(v[12:13], 1)[0][0][0] == ids[12]
    assert [f.name for f in tmp_path.glob("claims.*.faiss*")] == [staged.name]
    assert not (tmp_path / orphan.name).exists()


def test_dropping_unnamed_files_never_raises_in_place_of_the_failure(tmp_path, monkeypatch):
    from pathlib import Path

    from contradict.storage import index_files

    ids, v = _data()
    VectorIndex.build(16, ids, v).save(tmp_path, {"embed_model": "m"})
    VectorIndex.build(16, ids[:3], v[:3]).stage(tmp_path)  # a leftover of a run that died

    def refuse(self, missing_ok=False):
        raise PermissionError(13, "read-only", str(self))

    monkeypatch.setattr(Path, "unlink", refuse)
    index_files.drop_unnamed(tmp_path)  # logs, does not raise
    monkeypatch.undo()
    index_files.drop_unnamed(tmp_path)
    assert len(list(tmp_path.glob("claims.*.faiss*"))) == 1
