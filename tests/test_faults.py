"""Faults a user can meet: each ends in one clear line and a non-zero exit, and the store's logical
content (articles, claims, candidate pairs) is exactly as before the failed run."""

import errno
import re
import shutil
import sqlite3

import pytest
from click.testing import CliRunner

from contradict.backends import nli
from contradict.cli import main
from contradict.inputs import ingest
from contradict.report import render
from contradict.stages import claims, pairs
from contradict.storage import index, index_files
from contradict.storage.store import Store

from .conftest import EXAMPLES


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


@pytest.fixture()
def corpus(tmp_path, demo_index):
    """A copy of the demo corpus indexed (from the session index), and one article then edited."""
    s, _ = demo_index
    src = tmp_path / "articles"
    shutil.copytree(EXAMPLES, src)
    idx = tmp_path / "index"
    shutil.copytree(s.index_dir, idx)
    r = run("index", src, "--index-dir", idx)
    assert r.exit_code == 0, r.output
    f = src / "herald_dam_collapse.txt"
    f.write_text(f.read_text() + "\n\nThe mayor of Carrow resigned on Wednesday after the flood.\n")
    return src, idx


def checksum(idx):
    s = Store(idx / "contradict.sqlite")
    try:
        return s.checksum()
    finally:
        s.close()


_STAGE_LINE = re.compile(r"^\d\d:\d\d:\d\d stage \w+: |^\w+: \d+/\d+ ")  # progress off a terminal (README)


def one_line(output):
    """The lines a failure prints, stage and progress lines of the work done before it left out."""
    lines = [ln for ln in output.splitlines() if ln.strip() and not ln.startswith("warning:")
             and not _STAGE_LINE.match(ln)]
    assert "Traceback" not in output
    return lines


def _boom(*a, **k):
    raise KeyboardInterrupt


@pytest.mark.parametrize("target", [
    (ingest, "load"), (claims, "extract"), ("encoder", "encode"), (pairs, "select"), ("scorer", "score"),
    (Store, "put_candidates"), (index.VectorIndex, "stage"), (index_files, "commit"),
])
def test_ctrl_c_in_each_stage_leaves_store_as_before(corpus, monkeypatch, target):
    src, idx = corpus
    before = checksum(idx)
    obj, name = target
    if obj == "encoder":
        from contradict.backends.embed import OpenVinoEncoder as obj  # the default backend
    elif obj == "scorer":
        obj = nli.OnnxScorer
    monkeypatch.setattr(obj, name, _boom)
    r = run("index", src, "--index-dir", idx)
    assert r.exit_code == 130, r.output
    assert "interrupted" in r.output and "Traceback" not in r.output
    if name != "commit":  # the manifest is swapped after the store commit: there the new state is complete
        assert checksum(idx) == before
    named = index.VectorIndex.read_manifest(idx)["faiss_file"]
    assert [f.name for f in idx.glob("claims.*.faiss*")] == [named]  # a staged file never named is dropped
    monkeypatch.undo()
    r = run("report", src, "--index-dir", idx, "--format", "json")
    assert r.exit_code == 0, r.output  # the next run completes the interrupted work
    texts = [c.text for c in Store(idx / "contradict.sqlite").claims("herald_dam_collapse")]
    assert "The mayor of Carrow resigned on Wednesday after the flood." in texts


def test_truncated_faiss_file_gives_hint_and_rebuild_fixes_it(corpus):
    src, idx = corpus
    before = checksum(idx)
    (f,) = idx.glob("claims.*.faiss")
    f.write_bytes(f.read_bytes()[:100])
    r = run("index", src, "--index-dir", idx)
    assert r.exit_code == 1
    (line,) = one_line(r.output)
    assert "corrupt" in line and "contradict index --rebuild" in line
    assert checksum(idx) == before
    r = run("index", "--rebuild", "--index-dir", idx)
    assert r.exit_code == 0 and "rebuilt" in r.output
    assert run("index", src, "--index-dir", idx).exit_code == 0


def test_query_on_corrupt_index_is_a_clear_error(corpus):
    src, idx = corpus
    (f,) = idx.glob("claims.*.faiss")
    f.write_bytes(b"garbage")
    r = run("query", "Nobody died in the flood at all.", "--index-dir", idx)
    assert r.exit_code == 1 and "contradict index --rebuild" in r.output and "Traceback" not in r.output


def test_store_locked_by_another_process(corpus):
    src, idx = corpus
    before = checksum(idx)
    other = sqlite3.connect(str(idx / "contradict.sqlite"), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        r = run("index", src, "--index-dir", idx, env={"CONTRADICT_DB_TIMEOUT": "0.2"})
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert r.exit_code == 1
    assert any("locked by another process" in ln for ln in one_line(r.output))
    assert checksum(idx) == before


def test_corrupt_and_old_version_store(corpus, tmp_path):
    src, idx = corpus
    db = Store(idx / "contradict.sqlite")
    with db.transaction():
        db.set_meta("schema_version", "0")
    db.close()
    r = run("report", "--index-dir", idx)
    assert r.exit_code == 1 and "schema version 0" in r.output and "Traceback" not in r.output
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "contradict.sqlite").write_bytes(b"not sqlite " * 500)
    r = run("report", "--index-dir", bad)
    assert r.exit_code == 1 and "corrupt" in r.output and "Traceback" not in r.output


def test_old_index_format_version(corpus):
    import json

    src, idx = corpus
    m = json.loads((idx / "manifest.json").read_text())
    m["format_version"] = 0
    (idx / "manifest.json").write_text(json.dumps(m))
    r = run("index", src, "--index-dir", idx)
    assert r.exit_code == 1 and "format version 0" in r.output and "--rebuild" in r.output


def test_read_only_index_directory(corpus, monkeypatch):
    src, idx = corpus
    before = checksum(idx)
    real = sqlite3.connect

    def ro(path, *a, **k):
        return real(f"file:{path}?mode=ro", *a, uri=True, **{x: y for x, y in k.items() if x != "uri"})

    monkeypatch.setattr(sqlite3, "connect", ro)
    r = run("index", src, "--index-dir", idx)
    monkeypatch.undo()
    assert r.exit_code == 1, r.output
    assert any("cannot write the store" in ln or "readonly" in ln for ln in one_line(r.output))
    assert checksum(idx) == before


def test_disk_full_while_writing_report_keeps_previous_file(corpus, monkeypatch, tmp_path):
    src, idx = corpus
    out = tmp_path / "report.html"
    out.write_text("previous report")

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(render.os, "fsync", full)
    r = run("report", "--index-dir", idx, "--format", "html", "-o", out)
    assert r.exit_code == 1
    (line,) = one_line(r.output)
    assert "No space left on device" in line
    assert out.read_text() == "previous report"
    assert not list(tmp_path.glob(".report.html.*"))


def test_incomplete_model_directory(corpus, tmp_path):
    src, idx = corpus
    m = tmp_path / "model"
    m.mkdir()
    (m / "model.onnx").write_bytes(b"")
    r = run("report", "--index-dir", idx, "--nli-model", m)
    assert r.exit_code == 1
    (line,) = one_line(r.output)
    assert "incomplete" in line and "tokenizer.json" in line


def test_missing_default_model(corpus, monkeypatch, tmp_path):
    src, idx = corpus
    shipped = nli.SHIPPED_DIR
    monkeypatch.setattr(nli, "SHIPPED_DIR", tmp_path / "gone")
    r = run("report", "--index-dir", idx)
    assert r.exit_code == 1 and "default NLI model is missing" in r.output and "Traceback" not in r.output
    # the default there but its prefilter gone: the error names the prefilter
    half = tmp_path / "half"
    half.mkdir()
    (half / nli.DEFAULT_NLI_MODEL).symlink_to(shipped / nli.DEFAULT_NLI_MODEL)
    monkeypatch.setattr(nli, "SHIPPED_DIR", half)
    r = run("report", "--index-dir", idx)
    assert r.exit_code == 1 and "Traceback" not in r.output
    assert f"shipped NLI model {nli.FAST_NLI_MODEL} is missing" in r.output
