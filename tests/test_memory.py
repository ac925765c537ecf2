"""Memory a run gives back (contradict.runs.run.give_back_memory)."""

import platform

import numpy as np
import pytest

from contradict.runs.run import give_back_memory


def _rss_mb() -> int:
    with open("/proc/self/status") as fh:
        return int(fh.read().split("VmRSS:")[1].split()[0]) // 1024


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc only")
def test_freed_small_arrays_go_back_to_the_system():
    """The per-claim vectors of a large run, once stacked and dropped, keep their pages until trimmed."""
    rows = [np.full(384, k, dtype=np.float32) for k in range(100_000)]  # 150 MB in small blocks
    matrix = np.stack(rows)
    del rows
    before = _rss_mb()
    assert give_back_memory() is True
    assert _rss_mb() < before - 75 and matrix[99_999, 0] == 99_999


def test_without_glibc_nothing_happens(monkeypatch):
    import ctypes

    def no_libc(name):
        raise OSError(f"{name}: not found")

    monkeypatch.setattr(ctypes, "CDLL", no_libc)
    assert give_back_memory() is False


def test_an_index_run_lets_its_vectors_and_vector_index_go_before_the_nli_stage(tmp_path, monkeypatch):
    """At 5,000 articles the claim vectors and the faiss index are ~700 MB: the stages after the candidates (frames,
    rules, NLI: spaCy and the cross-encoders load there) must not hold them."""
    import gc
    import weakref

    from contradict.runs import index_run
    from contradict.runs import vectors as vec
    from contradict.runs.pipeline import Pipeline
    from contradict.settings import Settings
    from contradict.storage.index import VectorIndex

    from .fakes import FakeEncoder, FakeScorer
    from .test_pipeline_unit import _corpus

    held: list = []
    stack, build = VectorIndex.stack, vec.vector_index
    monkeypatch.setattr(VectorIndex, "stack", staticmethod(lambda rows, dim=384: _keep(stack(rows, dim))))
    monkeypatch.setattr(vec, "vector_index", lambda *a, **k: _keep(build(*a, **k)))

    def _keep(obj):
        held.append(weakref.ref(obj))
        return obj

    alive_at_nli: list[int] = []
    real_score = index_run.score

    def score(*a, **k):
        gc.collect()
        alive_at_nli.append(sum(r() is not None for r in held))
        return real_score(*a, **k)

    monkeypatch.setattr(index_run, "score", score)
    s = Settings(index_dir=tmp_path / "index", reports_dir=tmp_path / "reports")
    pipe = Pipeline(s, encoder=FakeEncoder(), scorer=FakeScorer())
    st = pipe.index([_corpus(tmp_path)])
    pipe.close()
    assert st.candidate_pairs > 0 and len(held) >= 2 and alive_at_nli == [0]
