"""Hostile but realistic input: crafted articles, special files, concurrent writers, reading commands.

Article text is untrusted: it must never drive the terminal (rich markup, escape sequences), the
Markdown report (HTML), the file walk (symlinks out of the inputs) or the warning lines (newlines in
file names). Two writers of one index must give the result of running them one after the other.
"""

import io
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.console import Console

from contradict.cli import main
from contradict.errors import ContradictError, Exit
from contradict.inputs import ingest
from contradict.report import render, terminal, terminal_views
from contradict.report.build import QueryHit, QueryResult, Report
from contradict.storage.lock import WriteLock
from contradict.storage.store import Store
from contradict.untrusted import shown, strip_controls

from .conftest import EXAMPLES, ROOT

EVIL_TITLE = "[link=http://evil.example][blink]Click[/blink][/link] [/] <img src=x onerror=alert(6)>"
ESC_TEXT = "The dam \x1b[31mcollapsed\x1b[0m on Tuesday\x07 after \x1b]8;;http://evil.example\x1b\\heavy rain\x1b]8;;\x1b\\."


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


# ---------------------------------------------------------------- control characters and escapes


def test_strip_controls_removes_whole_escape_sequences_and_counts_them():
    text, n = strip_controls(ESC_TEXT + "\nnext\tline\x00")
    assert text == "The dam collapsed on Tuesday after heavy rain.\nnext\tline"
    assert n == len(ESC_TEXT + "\nnext\tline\x00") - len(text)
    assert "\x1b" not in strip_controls("\u202eevil\x9b31m")[0] and "\u202e" not in strip_controls("\u202ex")[0]


def test_ingest_stores_clean_text_and_says_what_it_removed(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a\x1b[31m1", "title": "Title\x07 here", "source": "Wire\x00",
                                                  "text": ESC_TEXT + "\n\nThe river rose by two metres overnight."}) + "\n")
    arts, problems = ingest.load([tmp_path])
    (art,) = arts
    assert (art.id, art.title, art.source) == ("a1", "Title here", "Wire")
    assert "\x1b" not in art.text and "\x07" not in art.text and "collapsed on Tuesday after heavy rain" in art.text
    notes = [str(p) for p in problems if "control codes" in str(p)]
    assert len(notes) == 1 and not any(p.skipped or p.partial for p in problems)


def test_a_newline_in_a_file_name_cannot_forge_a_warning_line(tmp_path):
    bad = tmp_path / "x\nwarning: everything is fine.txt"
    bad.write_bytes(b"")
    _, problems = ingest.load([tmp_path])
    lines = [str(p) for p in problems]
    assert lines and all("\n" not in ln for ln in lines)
    assert any("x\\nwarning: everything is fine.txt: empty file" in ln for ln in lines)
    assert shown("a\x1b[1mb") == "a\\x1b[1mb"


# ---------------------------------------------------------------- renderers


def _crafted_report():
    return Report.from_json(_crafted_json())


def _crafted_json():
    claim = {"id": "[/]:1", "article": "[/]", "claim": "[bold]not bold[/bold] <script>alert(5)</script>",
             "speaker": "[red]Officials[/red]", "kind": "sentence", "position": 0, "span": [0, 10]}
    other = dict(claim, id="b:1", article="b", claim="The dam held | *firm*", speaker="article")
    pair = {"label": "contradiction", "probs": {"contradiction": 0.9, "entailment": 0.05, "neutral": 0.05},
            "similarity": 0.5, "score": 0.8, "agreement": 0.0, "entailment_one_way": 0.05, "a": claim, "b": other,
            "reasons": ["[/] similarity 0.50"], "shared": []}
    return {"articles": [{"id": "[/]", "title": EVIL_TITLE, "source": "[i]Fox[/i]", "claims": 1, "date": "", "path": ""},
                         {"id": "b", "title": "B", "source": "", "claims": 1, "date": "", "path": ""}],
            "pairs": [pair], "tensions": [{"articles": ["[/]", "b"], "topic": "[/]", "contradictions": 1,
                                           "agreements": 0, "score": 0.8}],
            "duplicates": [], "summary": {"articles": 2, "claims": 2, "pairs_scored": 1, "labels": {},
                                          "contradictions": 1, "threshold": 0.35, "nli_model": "[m]",
                                          "embed_model": "e", "pairs_unscored": 0}}


def test_terminal_prints_article_text_literally_never_as_markup():
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, color_system="truecolor", width=160)
    terminal.render(console, _crafted_report(), 10)
    out = buf.getvalue()
    assert "\x1b]8;" not in out  # no OSC 8 hyperlink
    assert "\x1b[5m" not in out  # no blink
    plain = Console(file=io.StringIO(), width=160)
    terminal.render(plain, _crafted_report(), 10)
    text = plain.file.getvalue()
    assert "[link=http://evil.example][blink]Click" in text and "[bold]not bold[/bold]" in text and "[/]" in text
    hit = QueryHit(label="entailment", probs=(("contradiction", 0.1), ("entailment", 0.8), ("neutral", 0.1)),
                   implies_query=0.8, similarity=0.5, score=0.1, support=0.8, claim=_crafted_report().pairs[0].a,
                   shared=())
    terminal_views.render_query(plain, QueryResult("[/] q", "m", 1, (), (hit,)))
    assert "[bold]not bold[/bold]" in plain.file.getvalue()


def test_markdown_escapes_html_and_markdown_from_articles():
    md = render.to_markdown(_crafted_report())
    assert "<script>" not in md and "<img" not in md and "&lt;script&gt;" in md
    assert "[link=http://evil.example]" not in md and "\\[link=http://evil.example\\]" in md
    assert "The dam held \\| \\*firm\\*" in md
    html = render.to_html(_crafted_report())
    assert "<script>alert" not in html and "<img src=x" not in html


# ---------------------------------------------------------------- the file walk


def test_symlinks_out_of_the_inputs_are_skipped_and_inside_ones_followed(tmp_path):
    inbox, other = tmp_path / "inbox", tmp_path / "elsewhere"
    inbox.mkdir(), other.mkdir()
    (other / "host.txt").write_text("A secret host file that must not be read.\n")
    shutil.copy(EXAMPLES / "herald_dam_collapse.txt", inbox / "a.txt")
    (inbox / "sub").mkdir()
    (inbox / "root").symlink_to("/")
    (inbox / "out").symlink_to(other)
    (inbox / "sub" / "again.txt").symlink_to(inbox / "a.txt")  # inside: the same file, read once
    files, problems = ingest.collect_files([inbox])
    assert [f.name for f in files] == ["a.txt"]
    msgs = {Path(p.path).name: p.message for p in problems}
    assert "outside the input folders" in msgs["root"] and "outside the input folders" in msgs["out"]
    files, _ = ingest.collect_files([inbox, other])  # named as an input, it is in
    assert sorted(f.name for f in files) == ["a.txt", "host.txt"]


def test_fifos_and_devices_are_skipped_with_a_correct_message(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    files, problems = ingest.collect_files([tmp_path, tmp_path / "pipe.txt", "/dev/zero"])
    assert files == []
    msgs = [str(p) for p in problems]
    assert any("pipe.txt: not a regular file (a FIFO)" in m for m in msgs)
    assert any("/dev/zero: not a regular file (a character device)" in m for m in msgs)
    assert not any("no such file" in m for m in msgs)


# ---------------------------------------------------------------- messages and exit codes


def test_index_dir_that_is_a_file_is_one_clear_line(tmp_path):
    f = tmp_path / "index"
    f.write_text("not a directory")
    r = run("index", EXAMPLES, "--index-dir", f)
    assert r.exit_code == Exit.USAGE and "is a file, not a directory" in r.output and "Traceback" not in r.output
    assert f.read_text() == "not a directory"


@pytest.mark.parametrize("cmd", [["report"], ["query", "The dam held."], ["pair", "a", "b"]])
def test_negative_top_is_a_usage_error(tmp_path, cmd):
    r = run(*cmd, "--top", "-1", "--index-dir", tmp_path)
    assert r.exit_code == Exit.USAGE and "-1" in r.output


def test_a_truncated_article_is_partly_read(tmp_path):
    (tmp_path / "long.txt").write_text("\n\n".join(f"Paragraph {k} says the river rose again today." for k in range(50)))
    arts, problems = ingest.load([tmp_path], max_chars=300)
    assert len(arts) == 1 and any(p.partial and "truncated" in p.message for p in problems)


# ---------------------------------------------------------------- the write lock


def test_a_second_writer_waits_for_the_first_then_proceeds(tmp_path):
    first = WriteLock(tmp_path)
    first.__enter__()
    released = []

    def release():
        released.append(True)  # recorded before the lock is let go: the second writer can only see it set
        first.__exit__(None, None, None)

    threading.Timer(0.3, release).start()
    with WriteLock(tmp_path, timeout=30):
        got_it_after_release = released == [True]
    assert got_it_after_release  # it waited for the first writer instead of failing or going ahead


def test_a_writer_that_may_not_wait_exits_5(tmp_path):
    with WriteLock(tmp_path):
        with pytest.raises(ContradictError) as err:
            with WriteLock(tmp_path, timeout=0.3):
                pass
    assert err.value.exit_code == Exit.LOCKED and "after waiting 0.3 s" in str(err.value)
    with WriteLock(tmp_path):  # released: free again
        pass


# ---------------------------------------------------------------- real runs (models, subprocesses)


def _two_halves(tmp_path):
    a, b = tmp_path / "one", tmp_path / "two"
    a.mkdir(), b.mkdir()
    for k, f in enumerate(sorted(EXAMPLES.iterdir())):
        shutil.copy(f, (a if k % 2 == 0 else b) / f.name)
    return a, b


def _candidates(idx):
    s = Store(idx / "contradict.sqlite", create=False)
    try:
        return [c.key for c in s.candidates()], s.checksum()
    finally:
        s.close()


@pytest.mark.slow
def test_two_writers_at_once_give_the_sequential_result_pair_for_pair(tmp_path):
    one, two = _two_halves(tmp_path)
    # (a native crash prints its Python stack: one run of session 24 died with SIGSEGV here, never since)
    env = dict(os.environ, CONTRADICT_NLI_MODEL="contradict-nli-minilm", HF_HUB_OFFLINE="1", PYTHONFAULTHANDLER="1")
    cmd = [sys.executable, "-m", "contradict", "index"]
    sequential = []
    for order in ((one, two), (two, one)):  # whichever writer takes the lock first, the other follows it
        seq = tmp_path / f"seq-{order[0].name}"
        for d in order:
            r = subprocess.run(cmd + [str(d), "--index-dir", str(seq)], env=env, capture_output=True, cwd=ROOT)
            assert r.returncode == 0, (r.returncode, r.stderr.decode(errors="replace")[-3000:])
        sequential.append(_candidates(seq))
    par = tmp_path / "par"
    procs = [subprocess.Popen(cmd + [str(d), "--index-dir", str(par)], env=env, stderr=subprocess.PIPE, cwd=ROOT)
             for d in (one, two)]
    codes = [p.wait(timeout=600) for p in procs]
    assert codes == [0, 0], [p.stderr.read().decode()[-500:] for p in procs]
    rows, checksum = _candidates(par)
    assert len(rows) > 100 and rows in [r for r, _ in sequential]
    assert checksum in [c for _, c in sequential]  # articles, claims and every pair's fields
    man = json.loads((par / "manifest.json").read_text())
    assert man["vectors"] == len(man["claim_ids"]) == man["claims"]


@pytest.mark.slow
def test_reading_commands_use_what_is_stored_and_rescore_only_within_the_budget(tmp_path):
    idx = tmp_path / "idx"
    r = run("index", EXAMPLES, "--index-dir", idx, "--nli-model", "contradict-nli-minilm")
    assert r.exit_code == 0, r.output
    before = _candidates(idx)
    r = run("report", "--index-dir", idx, "--format", "json")  # no model named: the index's own
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    assert report["summary"]["nli_model"].startswith("contradict-nli-minilm") and report["summary"]["pairs_unscored"] == 0
    assert "using contradict-nli-minilm, the NLI model this index was scored with" in r.stderr
    r = run("report", "--index-dir", idx, "--format", "json", "--nli-model", "default", "--pair-budget", "7")
    assert r.exit_code == 0, r.output
    report = json.loads(r.stdout)
    assert "scoring 7 candidate pairs not yet read by contradict-nli-mpnet" in r.stderr  # (@revision follows)
    assert report["summary"]["pairs_unscored"] > 0 and report["summary"]["pairs_scored"] == 7
    assert _candidates(idx) == before  # a reading command changes no article, claim or pair


@pytest.mark.slow
def test_the_hardening_probe_holds_in_every_case_with_the_fakes(tmp_path):
    """benchmarks/hardening_probe.py (issues "Hardening" and 42) in CI: every case, run with the unit tests' fakes
    (about a minute); `python benchmarks/hardening_probe.py` runs it with the shipped MiniLM."""
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "hardening_probe.py"), "--fake-models",
                        "--workdir", str(tmp_path / "probe")], capture_output=True, text=True, timeout=600, cwd=ROOT)
    summary = r.stdout.strip().splitlines()[-1]
    n = int(summary.split()[0])
    assert r.returncode == 0 and summary == f"{n} cases, {n} hold" and n >= 41, r.stdout[-3000:] + r.stderr[-2000:]
