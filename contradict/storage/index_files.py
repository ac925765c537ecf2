"""The faiss index on disk: ``claims.<stamp>.faiss`` and the ``manifest.json`` that names it, written atomically
(the new file first, then the manifest swapped, then old files dropped), read back with every field checked.
:class:`contradict.storage.index.VectorIndex` saves and loads itself through these functions."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from contradict.errors import ContradictError, index_command

if TYPE_CHECKING:
    from contradict.storage.index import VectorIndex

log = logging.getLogger(__name__)

FORMAT_VERSION = 1


def rebuild_hint(directory: Path) -> str:
    """The hint of every error about the faiss index or its manifest: the rebuild command, on that directory."""
    return f"run {index_command('index --rebuild', directory)} to rebuild it from the stored claims"


_MANIFEST_TYPES: dict[str, type | tuple[type, ...]] = {"format_version": int, "dimension": int, "vectors": int, "articles": int, "claims": int,
                   "embed_model": str, "nli_model": (str, type(None)), "nli_prefilter": (str, type(None)),
                   "nli_gate": (str, type(None)), "nli_activations": str,
                   "index_kind": str, "faiss_file": str, "claim_ids": list, "removed_ids": list}


def _manifest_problem(man) -> str:
    """What makes a parsed manifest unusable ("" when nothing): not an object, or a field of the wrong type."""
    if not isinstance(man, dict):
        return f"not a JSON object but {type(man).__name__}"
    for key, typ in _MANIFEST_TYPES.items():
        if key in man and (not isinstance(man[key], typ) or isinstance(man[key], bool)):
            return f"{key} is {json.dumps(man[key])[:40]}, not a {getattr(typ, '__name__', 'string or null')}"
    for key in ("claim_ids", "removed_ids"):
        if any(not isinstance(i, str) for i in man.get(key, ())):
            return f"{key} holds a non-string id"
    return ""


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _fid(claim_id: str) -> int:
    return int.from_bytes(hashlib.sha1(claim_id.encode()).digest()[:8], "big") & 0x7FFF_FFFF_FFFF_FFFF



@dataclasses.dataclass(frozen=True)
class Staged:
    """A faiss file written under its own name and not yet named by the manifest, with what the manifest says of
    it. Until :func:`commit` the manifest names the previous file: a run that dies in between leaves the index it
    found (its staged file is dropped by the next commit)."""

    name: str
    dim: int
    vectors: int
    kind: str
    claim_ids: tuple[str, ...]
    removed_ids: tuple[str, ...]


def stage(index: VectorIndex, directory: Path) -> Staged:
    """Write the index's faiss file under a new name; the index may then be dropped (its vectors are on disk)."""
    import faiss

    directory.mkdir(parents=True, exist_ok=True)
    name = f"claims.{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}.{os.getpid()}.{time.monotonic_ns()}.faiss"
    tmp = directory / (name + ".tmp")
    faiss.write_index(index._index, str(tmp))
    _fsync(tmp)
    os.replace(tmp, directory / name)
    return Staged(name=name, dim=index.dim, vectors=int(index._index.ntotal), kind=index.kind,
                  claim_ids=tuple(sorted(index._ids.values())), removed_ids=tuple(sorted(index._dead.values())))


def commit(staged: Staged, directory: Path, manifest: dict) -> None:
    """Swap the manifest to name the staged file (atomic), then drop every other faiss file."""
    man = dict(manifest, format_version=FORMAT_VERSION, dimension=staged.dim, vectors=staged.vectors,
               index_kind=staged.kind, faiss_file=staged.name, claim_ids=list(staged.claim_ids),
               removed_ids=list(staged.removed_ids), written_at=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))
    man_tmp = directory / "manifest.json.tmp"
    man_tmp.write_text(json.dumps(man, indent=1, sort_keys=True))
    _fsync(man_tmp)
    os.replace(man_tmp, directory / "manifest.json")
    _remove_faiss_files(directory, keep=staged.name)


def _remove_faiss_files(directory: Path, keep: str | None) -> None:
    """Every faiss file (and half-written one) in ``directory`` but ``keep``."""
    for f in directory.glob("claims.*.faiss*"):
        if f.name != keep:
            f.unlink(missing_ok=True)


def drop_unnamed(directory: Path) -> None:
    """Remove the faiss files the manifest does not name (a run's staged file, when the run failed before its
    commit); nothing when the manifest cannot be read (a rebuild sorts that out, and the failure is reported)."""
    try:
        man = read_manifest(directory)
    except ContradictError:
        return
    try:
        _remove_faiss_files(directory, keep=man.get("faiss_file") if man else None)
    except OSError as exc:  # never in place of the failure being reported: the next commit drops the file
        log.warning("could not remove an unnamed faiss file in %s (%s)", directory, exc)


def save(index: VectorIndex, directory: Path, manifest: dict) -> None:
    """Write a new faiss file, then swap the manifest that names it (atomic), then drop old files."""
    commit(stage(index, directory), directory, manifest)


def read_manifest(directory: Path) -> dict | None:
    """The index's manifest (models, counts, claim ids), or None when there is none yet."""
    man_path = directory / "manifest.json"
    try:
        man = json.loads(man_path.read_text())
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise ContradictError(f"index manifest {man_path} is unreadable ({exc})",
                              hint=rebuild_hint(directory)) from exc
    problem = _manifest_problem(man)
    if problem:
        raise ContradictError(f"index manifest {man_path} is unreadable ({problem})", hint=rebuild_hint(directory))
    return man


def load(cls: type[VectorIndex], directory: Path, expect_model: str | None = None) -> VectorIndex:
    import faiss

    man = read_manifest(directory)
    if man is None:
        raise ContradictError(f"index manifest missing in {directory}", hint=rebuild_hint(directory))
    if man.get("format_version") != FORMAT_VERSION:
        raise ContradictError(
            f"index in {directory} has format version {man.get('format_version')}, this contradict "
            f"reads version {FORMAT_VERSION}", hint=rebuild_hint(directory))
    if expect_model and man.get("embed_model") != expect_model:
        raise ContradictError(
            f"index in {directory} was built with embedding model {man.get('embed_model')!r}, "
            f"not {expect_model!r}", hint=rebuild_hint(directory))
    try:
        raw = faiss.read_index(str(directory / man["faiss_file"]))
        ids, dead = man["claim_ids"], man.get("removed_ids", [])
    except Exception as exc:
        raise ContradictError(f"faiss index in {directory} is missing or corrupt ({str(exc).splitlines()[0][:120]})",
                              hint=rebuild_hint(directory)) from exc
    if raw.ntotal != man.get("vectors") or raw.ntotal != len(ids) + len(dead) or raw.d != man.get("dimension"):
        raise ContradictError(f"faiss index in {directory} does not match its manifest "
                              f"({raw.ntotal} vectors, manifest says {man.get('vectors')})",
                              hint=rebuild_hint(directory))
    idx = cls.__new__(cls)
    idx.dim = raw.d
    idx.kind = man.get("index_kind", "flat")
    idx._index = raw
    idx._ids = {_fid(i): i for i in ids}
    idx._dead = {_fid(i): i for i in dead}
    return idx
