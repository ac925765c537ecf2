"""The faiss index of claim vectors. Faiss row numbers and ids never leave this module.

Inner product on L2-normalized vectors (cosine). Small corpora use IDMap2 + Flat (exact); from ``LARGE_FROM``
vectors on, an HNSW graph (approximate, fast), or on request (``CONTRADICT_VECTOR_INDEX=ivf``) an inverted
file (k-means cells trained on a sample, ``nprobe`` of them searched per query), which builds in a tenth of
the time and can remove vectors, but on 207,000 news claims needs 3 to 4 times HNSW's search time for the same
recall (``benchmarks/vector_index.py``, in docs/nightly.md). A grown flat index becomes the large kind at its next
write. HNSW cannot remove a vector: a removed claim's vector stays in the graph, unnamed (searches skip it),
up to ``MAX_DEAD_SHARE`` of the vectors; past that the caller builds the index anew. Persisted as ``claims.<stamp>.faiss`` plus ``manifest.json`` (model, dimension, counts, kind, creation
time), written atomically.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from contradict.errors import ContradictError
from contradict.storage import index_files
from contradict.storage.index_files import FORMAT_VERSION, _fid, rebuild_hint  # noqa: F401 (re-exported)

LARGE_FROM = 100_000  # below: exact search
KINDS = ("auto", "flat", "hnsw", "ivf")
IVF_NPROBE = 64  # recall@10 0.94 on 207,000 news claims (24: 0.88; 128: 0.97; HNSW: 0.99)
MAX_DEAD_SHARE = 0.1  # removed claims' vectors an HNSW graph keeps (skipped by searches) before it is rebuilt


def ivf_cells(n: int) -> int:
    """Cells of an IVF index built for ``n`` vectors: about 2 sqrt(n) (894 at 200,000), at least 64."""
    return max(64, int(2 * n ** 0.5))


class VectorIndex:
    def __init__(self, dim: int, kind: str = "flat", size_hint: int = 0):
        """``kind``: "flat", "ivf" (``size_hint``: how many vectors it is built for, which sets its cells) or
        "hnsw"."""
        import faiss

        self.dim = dim
        self.kind = kind
        if kind == "hnsw":
            base = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
            base.hnsw.efSearch = 128
            base.hnsw.efConstruction = 80
        elif kind == "ivf":
            self._quantizer = faiss.IndexFlatIP(dim)  # kept referenced: the IVF index does not own it
            base = faiss.IndexIVFFlat(self._quantizer, dim, ivf_cells(size_hint), faiss.METRIC_INNER_PRODUCT)
            base.nprobe = IVF_NPROBE
        else:
            base = faiss.IndexFlatIP(dim)
        self._index = faiss.IndexIDMap2(base)
        self._ids: dict[int, str] = {}
        self._dead: dict[int, str] = {}  # HNSW: removed claims whose vectors stay in the graph

    @staticmethod
    def kind_for(n: int, choice: str = "auto") -> str:
        """The kind a new index of ``n`` vectors gets: ``choice``, or for "auto" flat, then HNSW."""
        if choice not in KINDS:
            raise ContradictError(f"unknown vector index kind {choice!r}", hint=f"choose one of {', '.join(KINDS)}")
        return choice if choice != "auto" else "hnsw" if n >= LARGE_FROM else "flat"

    @classmethod
    def build(cls, dim: int, ids: Sequence[str], vectors: np.ndarray, choice: str = "auto") -> VectorIndex:
        """A new index of the kind ``choice`` gives for its size."""
        idx = cls(dim, cls.kind_for(len(ids), choice), size_hint=len(ids))
        idx.add(ids, vectors)
        return idx

    @classmethod
    def from_vectors(cls, ids: Sequence[str], vectors: dict[str, np.ndarray], dim: int = 384,
                     choice: str = "auto") -> VectorIndex:
        """A new index over ``ids`` (their vectors looked up in ``vectors``); ``dim`` only when there are none."""
        dim = len(next(iter(vectors.values()))) if vectors else dim
        return cls.build(dim, ids, cls.stack([vectors[i] for i in ids], dim), choice)

    @staticmethod
    def stack(rows: Sequence[np.ndarray], dim: int = 384) -> np.ndarray:
        return np.stack(rows) if len(rows) else np.zeros((0, dim), np.float32)

    @property
    def cells(self) -> int:
        """An IVF index's cells (0 for other kinds)."""
        import faiss

        return int(faiss.extract_index_ivf(self._index).nlist) if self.kind == "ivf" else 0

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, claim_id: str) -> bool:
        return _fid(claim_id) in self._ids

    @property
    def ids(self) -> list[str]:
        return sorted(self._ids.values())

    def add(self, ids: Sequence[str], vectors: np.ndarray) -> None:
        back = [i for i in ids if _fid(i) in self._dead]  # a claim id names its text, so its vector: named again
        for i in back:
            self._ids[_fid(i)] = self._dead.pop(_fid(i))
        keep = [k for k, i in enumerate(ids) if _fid(i) not in self._ids]
        if not keep:
            return
        rows = vectors if len(keep) == len(ids) else np.asarray(vectors)[keep]  # no copy when all are new
        fids = np.array([_fid(ids[k]) for k in keep], dtype=np.int64)
        rows = np.ascontiguousarray(rows, dtype=np.float32)
        if self.kind == "ivf" and not self._index.is_trained:
            self._train(rows, fids)
        self._index.add_with_ids(rows, fids)
        self._ids.update({int(f): ids[k] for f, k in zip(fids, keep)})

    def _train(self, rows: np.ndarray, fids: np.ndarray) -> None:
        """k-means cells from a sample of the first vectors added: every k-th by id hash, so the cells do not
        depend on the order claims arrived in; faiss's k-means has a fixed seed."""
        import faiss

        ivf = faiss.extract_index_ivf(self._index)
        cells = ivf.nlist
        want = min(len(rows), cells * 40)
        pick = np.argsort(fids, kind="stable")[:: max(1, len(rows) // want)][:want]
        cp = faiss.ClusteringParameters()
        cp.seed, cp.niter, cp.max_points_per_centroid = 1234, 20, 40
        km = faiss.Clustering(self.dim, cells, cp)
        km.train(np.ascontiguousarray(rows[pick]), self._quantizer)
        ivf.is_trained = True

    def remove(self, ids: Sequence[str]) -> bool:
        """Remove claims; returns False when the index cannot (rebuild it instead): an HNSW graph keeps the
        vectors, unnamed, while they are at most ``MAX_DEAD_SHARE`` of it."""
        if self.kind == "hnsw":
            gone = {_fid(i) for i in ids} & self._ids.keys()
            if len(self._dead) + len(gone) > MAX_DEAD_SHARE * self._index.ntotal:
                return False
            for f in gone:
                self._dead[f] = self._ids.pop(f)
            return True
        fids = np.array([_fid(i) for i in ids if _fid(i) in self._ids], dtype=np.int64)
        if len(fids):
            self._index.remove_ids(fids)
            for f in fids:
                self._ids.pop(int(f), None)
        return True

    def search(self, vectors: np.ndarray, k: int) -> list[list[tuple[str, float]]]:
        """For each query vector, up to k (claim id, cosine) pairs, best first, ties by id."""
        if len(self) == 0 or len(vectors) == 0:
            return [[] for _ in range(len(vectors))]
        want = min(k, len(self))
        scores, fids = self._index.search(np.ascontiguousarray(vectors, dtype=np.float32),
                                          min(want + len(self._dead), int(self._index.ntotal)))
        out = []
        for row_s, row_f in zip(scores, fids):
            hits = [(self._ids[int(f)], float(s)) for s, f in zip(row_s, row_f) if f >= 0 and int(f) in self._ids]
            hits.sort(key=lambda h: (-round(h[1], 6), h[0]))
            out.append(hits[:want])
        return out

    # ------------------------------------------------------------ persistence (contradict.storage.index_files)

    def save(self, directory: Path, manifest: dict) -> None:
        """Write a new faiss file, then swap the manifest that names it (atomic), then drop old files."""
        index_files.save(self, directory, manifest)

    def stage(self, directory: Path) -> index_files.Staged:
        """Write the faiss file without naming it in the manifest yet (:func:`index_files.commit` does): a run that
        has searched its index can let it go and keep its memory for the stages after."""
        return index_files.stage(self, directory)

    @staticmethod
    def read_manifest(directory: Path) -> dict | None:
        """The index's manifest (models, counts, claim ids), or None when there is none yet."""
        return index_files.read_manifest(directory)

    @classmethod
    def load(cls, directory: Path, expect_model: str | None = None) -> VectorIndex:
        return index_files.load(cls, directory, expect_model)
