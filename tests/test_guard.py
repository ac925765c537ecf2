"""Issue 42: safe to run unattended on untrusted feeds.

A nightly run never empties the index, and article ids carry nothing into a shell, a page or a spreadsheet.
One test per failing case of the issue's probe (``test_caseNN_...``), each run with the fakes of the unit layer
(``tests/fakes.py``); the CLI runs in-process with the fakes in place of the models (``fake_cli``).
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shlex
import sqlite3
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from contradict.backends import nli
from contradict.cli import main
from contradict.errors import Exit
from contradict.inputs import ingest
from contradict.report import render
from contradict.runs.pipeline import Pipeline
from contradict.settings import Settings
from contradict.storage.store import Store

from .fakes import FakeEncoder, FakeScorer

WORDS = ["river", "bridge", "council", "budget", "school", "harbour", "railway", "market"]


def _inbox(d: Path, n: int = 6, start: int = 0) -> Path:
    """``n`` articles whose sentences the fake scorer reads as contradicting across articles (numbers differ)."""
    d.mkdir(parents=True, exist_ok=True)
    for i in range(start, start + n):
        lines = [f"Report {i} on the {WORDS[i % len(WORDS)]}"]
        for k in range(4):
            lines.append(f"The {WORDS[k]} plan was approved by the city council on day {i + 2 * k + 3} of the session.")
        (d / f"article_{i:02d}.txt").write_text("\n\n".join(lines) + "\n")
    return d


def _fake_pipeline(ctx, progress=None, engine=False):
    return Pipeline(ctx.settings, progress=progress, encoder=FakeEncoder(), scorer=FakeScorer())


@pytest.fixture()
def fake_cli(monkeypatch):
    """The CLI with the fakes in place of the models."""
    monkeypatch.setattr("contradict.cli.app.pipeline", _fake_pipeline)


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def _stored(idx: Path) -> list[str]:
    s = Store(idx / "contradict.sqlite", create=False)
    try:
        return sorted(s.article_hashes())
    finally:
        s.close()


def _checksum(idx: Path) -> str:
    s = Store(idx / "contradict.sqlite", create=False)
    try:
        return s.checksum()
    finally:
        s.close()


def _pipe(tmp_path: Path, **settings) -> Pipeline:
    s = Settings(index_dir=tmp_path / "index", reports_dir=tmp_path / "reports", **settings)
    return Pipeline(s, encoder=FakeEncoder(), scorer=FakeScorer())


# ---------------------------------------------------------------- case 1: a missing or empty inbox


@pytest.mark.parametrize("inbox", ["missing", "empty directory"])
def test_case01_a_missing_or_empty_inbox_never_empties_the_index(tmp_path, fake_cli, inbox):
    idx, rep = tmp_path / "index", tmp_path / "reports"
    good = _inbox(tmp_path / "inbox")
    r = run("batch", good, "--index-dir", idx, "--reports-dir", rep)
    assert r.exit_code == 0, r.output
    assert len(_stored(idx)) == 6
    bad = tmp_path / "typo"
    if inbox == "empty directory":
        bad.mkdir()
    r = run("batch", bad, "--index-dir", idx, "--reports-dir", rep)
    assert r.exit_code in (4, 6), r.output
    assert len(_stored(idx)) == 6, r.output  # nothing retired
    assert "6 removed" not in r.output and "6 resolved" not in r.output
    latest = json.loads((rep / "latest" / "delta.json").read_text())
    assert latest["resolved"] == []
    r = run("batch", good, "--index-dir", idx, "--reports-dir", rep)  # the next good run alerts nothing anew
    assert r.exit_code == 0, r.output
    assert json.loads((rep / "latest" / "delta.json").read_text())["new"] == []


def test_case01_a_run_that_would_retire_most_of_the_index_refuses_with_exit_6(tmp_path, fake_cli):
    idx, rep = tmp_path / "index", tmp_path / "reports"
    inbox = _inbox(tmp_path / "inbox")
    assert run("batch", inbox, "--index-dir", idx, "--reports-dir", rep).exit_code == 0
    runs = sorted(p.name for p in rep.iterdir())
    before = _checksum(idx)
    other = _inbox(tmp_path / "other", n=1, start=20)  # readable, but holds none of the stored articles
    r = run("batch", other, "--index-dir", idx, "--reports-dir", rep)
    assert r.exit_code == 6, r.output
    assert "would retire 6 of 6 articles" in r.output and "--allow-mass-retire" in r.output
    assert _checksum(idx) == before  # store unchanged
    assert sorted(p.name for p in rep.iterdir()) == runs  # no run directory written
    r = run("batch", other, "--index-dir", idx, "--reports-dir", rep, "--allow-mass-retire")
    assert r.exit_code == 0, r.output
    assert _stored(idx) == ["article_20"]


def test_case01_retiring_a_few_articles_still_works_and_keep_missing_keeps_them(tmp_path, fake_cli):
    idx, rep = tmp_path / "index", tmp_path / "reports"
    inbox = _inbox(tmp_path / "inbox")
    assert run("batch", inbox, "--index-dir", idx, "--reports-dir", rep).exit_code == 0
    (inbox / "article_00.txt").unlink()
    assert run("batch", inbox, "--index-dir", idx, "--reports-dir", rep, "--keep-missing").exit_code == 0
    assert len(_stored(idx)) == 6
    r = run("batch", inbox, "--index-dir", idx, "--reports-dir", rep)
    assert r.exit_code == 0 and "1 removed" in r.output, r.output
    assert len(_stored(idx)) == 5


def test_case01_an_unreadable_folder_inside_the_inbox_retires_nothing_under_it(tmp_path, monkeypatch):
    inbox = _inbox(tmp_path / "inbox", n=2)
    sub = _inbox(inbox / "sub", n=4, start=10)
    pipe = _pipe(tmp_path)
    pipe.index([inbox], remove_missing=True)
    real_scandir = os.scandir

    def guarded(path):
        if os.path.realpath(path) == os.path.realpath(sub):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded)
    st = pipe.index([inbox], remove_missing=True)
    pipe.close()
    assert st.articles_removed == 0 and len(_stored(tmp_path / "index")) == 6
    assert any("cannot list directory" in str(p) for p in st.problems)


# ---------------------------------------------------------------- cases 2, 3, 7: ids in a shell, a page, a sheet

SHELL_ID = "q'; touch PWNED; echo '"
MD_ID = "evil`<img src=x onerror=alert(1)>`"
CSV_ID = "=HYPERLINK(\"http://evil.example\",\"x\")"


def _hostile_report(tmp_path: Path, first_id: str, **fields):
    d = tmp_path / "in"
    d.mkdir()
    rows = [dict({"id": first_id, "title": "Bridge report", "source": "Wire",
                  "text": "The harbour bridge carried 40 trucks on Monday morning."}, **fields),
            {"id": "south", "title": "Bridge traffic", "source": "Post",
             "text": "The harbour bridge carried 25 trucks on Monday morning."}]
    (d / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    pipe = _pipe(tmp_path)
    pipe.index([d])
    report = pipe.report(top=0)
    rows = pipe.articles()
    pipe.close()
    assert report.contradictions, "the fake scorer reads 40 vs 25 trucks as a contradiction"
    return report, rows


def _mark_commands_md(md: str) -> list[str]:
    from markdown_it import MarkdownIt

    page = MarkdownIt("commonmark").render(md)
    return [html.unescape(c) for c in re.findall(r"<code>(contradict mark .*?)</code>", page, re.S)]


def _mark_commands_html(page: str) -> list[str]:
    return [html.unescape(c) for c in re.findall(r"<code>(contradict mark .*?)</code>", page, re.S)]


def test_case02_the_mark_hint_is_shell_quoted_so_pasting_it_runs_nothing_else(tmp_path):
    report, _ = _hostile_report(tmp_path, SHELL_ID)
    pid = report.contradictions[0].id
    assert SHELL_ID in pid
    md_cmds = _mark_commands_md(render.to_markdown(report))
    html_cmds = _mark_commands_html(render.to_html(report))
    assert md_cmds and html_cmds
    for cmd in md_cmds + html_cmds:
        assert shlex.split(cmd) == ["contradict", "mark", pid, "wrong"], cmd
        # pasted into a shell: the id is one argument and nothing runs
        shell = tmp_path / "shell"
        shell.mkdir(exist_ok=True)
        out = subprocess.run(["bash", "-c", "printf '%s\\n' " + cmd[len("contradict mark "):]], cwd=shell,
                             capture_output=True, text=True)
        assert not (shell / "PWNED").exists() and out.stdout.splitlines()[0] == pid


def test_case03_ids_cannot_break_out_of_markdown_code_spans(tmp_path):
    from markdown_it import MarkdownIt

    report, _ = _hostile_report(tmp_path, MD_ID)
    md = render.to_markdown(report)
    page = MarkdownIt("commonmark").render(md)  # CommonMark passes raw HTML through: it must find none
    assert "<img" not in page, [ln for ln in page.splitlines() if "<img" in ln]
    pid = report.contradictions[0].id
    codes = [html.unescape(c) for c in re.findall(r"<code>(.*?)</code>", page, re.S)]
    assert pid in codes  # the id shown whole, as text
    assert "<img" not in render.to_html(report)


def test_case07_csv_cells_cannot_start_a_formula(tmp_path):
    report, rows = _hostile_report(tmp_path, CSV_ID, source="@SUM(1+1)*cmd|' /C calc'!A0",
                                   title="=cmd|' /C calc'!A0")
    danger = ("=", "+", "-", "@", "\t", "\r")
    for text in (render.to_csv(report), render.articles_csv(rows)):
        cells = [c for row in csv.reader(io.StringIO(text)) for c in row]
        bad = [c for c in cells if c.startswith(danger)]
        assert not bad, bad
        assert any(c == "'" + CSV_ID or c.startswith("'" + CSV_ID) for c in cells)  # kept, neutralised
    assert render.csv_cell("-0.5") == "'-0.5" and render.csv_cell(-0.5) == -0.5  # numbers stay numbers


# ---------------------------------------------------------------- case 4: ids that collide after cleaning


def test_case04_ids_that_collide_after_cleaning_are_skipped_with_a_warning_naming_both(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    recs = [{"id": "dup", "text": "The bridge carried 40 trucks on Monday."},
            {"id": "dup\u202e", "text": "The bridge carried 41 trucks on Monday."},
            {"id": " dup ", "text": "The bridge carried 42 trucks on Monday."},
            {"id": "\x1b", "text": "The bridge carried 43 trucks on Monday."},
            {"id": "ok", "text": "The bridge carried 44 trucks on Monday."}]
    (d / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\n")
    arts, problems = ingest.load([d])
    assert sorted(a.id for a in arts) == ["dup", "feed-4", "ok"]  # the ESC id: the default id of its line
    assert next(a for a in arts if a.id == "dup").text.startswith("The bridge carried 40")  # the first one kept
    dups = [str(p) for p in problems if "duplicate" in str(p)]
    assert len(dups) == 2 and all(p.skipped for p in problems if "duplicate" in str(p))
    assert "feed.jsonl:2" in dups[0] and "'dup\\u202e'" in dups[0] and "kept the one in" in dups[0]
    assert "feed.jsonl:1" in dups[0] and "feed.jsonl:3" in dups[1] and "' dup '" in dups[1]
    pipe = _pipe(tmp_path)
    st = pipe.index([d])
    pipe.close()
    assert st.articles_new == len(_stored(tmp_path / "index")) == 3  # as many stored as announced
    assert "" not in _stored(tmp_path / "index")


# ---------------------------------------------------------------- case 5: what is read as input

SOURCE = ["Flood Report From The Valley",
          "The river rose by two metres overnight and flooded the lower town.",
          "The mayor said the dam held and no one was hurt.",
          "Engineers will inspect the dam walls on Friday morning."]


def test_case05a_a_copied_article_does_not_make_its_source_disappear(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "source.txt").write_text("\n\n".join(SOURCE) + "\n")
    (d / "copy.txt").write_text("\n\n".join(SOURCE[1:]) + "\n")  # another article's lines, copied
    arts, problems = ingest.load([d])
    assert sorted(a.id for a in arts) == ["copy", "source"], [str(p) for p in problems]
    src = next(a for a in arts if a.id == "source")
    assert all(line in src.text for line in SOURCE[1:])
    (d / "third.txt").write_text("\n\n".join(SOURCE) + "\n")  # three copies: still all kept
    arts, _ = ingest.load([d])
    assert len(arts) == 3 and all("The river rose by two metres" in a.text for a in arts)


def test_case05a_boilerplate_still_needs_more_than_two_articles_or_two_outlets():
    body = ["The council met on Monday to approve the budget for the new school.",
            "Teachers said the plan would cut class sizes in the town."]
    foot = "Read the full story in our weekly print edition today."

    def doc(n, source="", lines=None):
        return ingest.RawDoc(f"d{n}", "", source, "", "\n\n".join(lines or [body[n % 2] + f" Item {n}.", foot]),
                             f"d{n}.txt", "text")

    rep = ingest.repeated_lines([doc(1), doc(2)])  # two articles of no named outlet: not enough
    assert foot.lower() not in rep
    assert foot.lower() in ingest.repeated_lines([doc(1), doc(2), doc(3)])  # more than two articles
    assert foot.lower() in ingest.repeated_lines([doc(1, "North Wire"), doc(2, "South Post")])  # two outlets


def test_case05b_reports_and_index_folders_are_never_read_as_input(tmp_path, fake_cli, monkeypatch):
    here = tmp_path / "news"
    _inbox(here, n=3)
    monkeypatch.chdir(here)
    for _ in range(2):  # the second run finds the first one's reports/ and index/ in the folder
        r = run("batch", ".")
        assert r.exit_code == 0, r.output
    assert (here / "reports" / "latest" / "report.html").exists() and (here / "index" / "manifest.json").exists()
    assert _stored(here / "index") == ["article_00", "article_01", "article_02"]
    r = run("index", "reports", "index/manifest.json")  # named, they are refused too
    assert r.exit_code == Exit.SKIPPED and "not read as input" in r.output, r.output
    assert _stored(here / "index") == ["article_00", "article_01", "article_02"]


# ---------------------------------------------------------------- case 6: a manifest that cannot be read


class _NamedFake(FakeScorer):
    def __init__(self, name):
        super().__init__()
        self.name = name


@pytest.fixture()
def named_models(monkeypatch):
    """Pipelines built by the CLI load their scorer by name (``scorer_for``), as the real ones do; the loads are
    recorded and served by fakes."""
    loads = []

    def scorer_for(settings, vectors=None):
        nli.model_dir(settings.nli_model)  # what a real load resolves first
        loads.append(nli.resolve_name(settings.nli_model))
        return _NamedFake(nli.resolve_name(settings.nli_model))

    monkeypatch.setattr("contradict.runs.modelset.scorer_for", scorer_for)
    monkeypatch.setattr("contradict.runs.modelset.scorer_name", lambda settings: None)  # the fakes name themselves
    monkeypatch.setattr("contradict.cli.app.pipeline",
                        lambda ctx, progress=None, engine=False: Pipeline(ctx.settings, progress, encoder=FakeEncoder()))
    return loads


def _scored_by(tmp_path, model="fake-nli-a") -> Path:
    idx = tmp_path / "index"
    pipe = Pipeline(Settings(index_dir=idx, nli_model=model), encoder=FakeEncoder(), scorer=_NamedFake(model))
    pipe.index([_inbox(tmp_path / "inbox", n=3)])
    pipe.close()
    assert json.loads((idx / "manifest.json").read_text())["nli_model"] == model
    return idx


@pytest.mark.parametrize("damage", ["corrupt", "missing"])
def test_case06_reading_commands_refuse_when_the_manifest_cannot_be_read(tmp_path, named_models, damage):
    idx = _scored_by(tmp_path)
    r = run("report", "--index-dir", idx, "--format", "json")
    assert r.exit_code == 0 and named_models == ["fake-nli-a"], r.output  # the index's own model
    before = _checksum(idx)
    if damage == "corrupt":
        (idx / "manifest.json").write_text('{"nli_model": "fake-nli-a", ')
    else:
        (idx / "manifest.json").unlink()
    named_models.clear()
    for cmd in (["report", "--format", "json"], ["stories"], ["pair", "article_00", "article_01"]):
        r = run(*cmd, "--index-dir", idx)
        assert r.exit_code == Exit.ERROR, r.output
        assert "manifest" in r.output and "contradict index --rebuild" in r.output and "Traceback" not in r.output
        assert "scoring" not in r.output
    assert named_models == []  # no model was loaded to rescore
    assert _checksum(idx) == before
    r = run("report", "--index-dir", idx, "--format", "json", "--nli-model", "fake-nli-a")  # naming it works
    assert r.exit_code == 0, r.output
    r = run("index", "--rebuild", "--index-dir", idx, "--nli-model", "fake-nli-a")  # and so does the hint
    assert r.exit_code == 0, r.output
    r = run("report", "--index-dir", idx, "--format", "json")
    assert r.exit_code == 0 and "scoring" not in r.output, r.output


# ---------------------------------------------------------------- case 8: numbers from flags and the environment


CASE8 = {
    "batch --threshold nan": (["--threshold", "nan"], {}),
    "batch --threshold inf": (["--threshold", "inf"], {}),
    "batch --threshold -3": (["--threshold", "-3"], {}),
    "batch --top -1": (["--top", "-1"], {}),
    "CONTRADICT_MAX_FILE_BYTES=-1": ([], {"CONTRADICT_MAX_FILE_BYTES": "-1"}),
    "CONTRADICT_CHUNK_SIZE=0": ([], {"CONTRADICT_CHUNK_SIZE": "0"}),
    "CONTRADICT_DB_TIMEOUT=nan": ([], {"CONTRADICT_DB_TIMEOUT": "nan"}),
    "CONTRADICT_CONTRADICTION_THRESHOLD=1e999": ([], {"CONTRADICT_CONTRADICTION_THRESHOLD": "1e999"}),
}


@pytest.mark.parametrize("case", list(CASE8))
def test_case08_numbers_from_flags_and_the_environment_are_range_checked(tmp_path, fake_cli, case):
    args, env = CASE8[case]
    r = run("batch", _inbox(tmp_path / "inbox", n=2), "--index-dir", tmp_path / "index", "--reports-dir",
            tmp_path / "reports", *args, env=env)
    assert r.exit_code == Exit.USAGE, r.output
    lines = [ln for ln in r.output.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and "unexpected" not in r.output, r.output
    assert not (tmp_path / "reports").exists() and not (tmp_path / "index" / "contradict.sqlite").exists()


def test_case08_flags_outside_the_settings_refuse_nan_too(tmp_path):
    r = run("calibrate", "--target", "nan", "--index-dir", tmp_path)
    assert r.exit_code == Exit.USAGE and "nan" in r.output.lower(), r.output


def test_case08_a_manifest_naming_a_model_by_a_number_is_one_clear_line(tmp_path, named_models):
    idx = _scored_by(tmp_path)
    man = json.loads((idx / "manifest.json").read_text())
    (idx / "manifest.json").write_text(json.dumps(dict(man, nli_model=7)))
    r = run("report", "--index-dir", idx)
    assert r.exit_code == Exit.ERROR, r.output
    assert "unexpected" not in r.output and "manifest" in r.output and "nli_model" in r.output, r.output


# ---------------------------------------------------------------- case 9: messages, -v and -q


def _broken_pipeline(ctx, progress=None, engine=False):
    try:
        raise KeyError("the root cause")
    except KeyError as exc:
        raise RuntimeError("boom") from exc


def test_case09a_verbose_prints_the_traceback_with_its_cause(tmp_path, monkeypatch):
    monkeypatch.setattr("contradict.cli.app.pipeline", _broken_pipeline)
    r = run("report", "--index-dir", tmp_path)
    assert r.exit_code == Exit.ERROR and "unexpected RuntimeError: boom (run with -v for details)" in r.output
    assert "Traceback" not in r.output
    r = run("report", "--index-dir", tmp_path, "-v")
    assert r.exit_code == Exit.ERROR
    assert "Traceback" in r.output and "the root cause" in r.output and "direct cause" in r.output, r.output


def test_case09b_errors_name_the_index_dir_given(tmp_path, fake_cli, monkeypatch):
    idx = tmp_path / "my-index"
    pipe = Pipeline(Settings(index_dir=idx), encoder=FakeEncoder(), scorer=FakeScorer())
    pipe.index([_inbox(tmp_path / "inbox", n=2)])
    pipe.close()

    def disk_error(self, *a, **k):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(Pipeline, "report", disk_error)
    r = run("report", "--index-dir", idx)
    assert r.exit_code == Exit.ERROR and str(idx / "contradict.sqlite") in r.output, r.output
    assert "index/contradict.sqlite" not in r.output.replace(str(idx / "contradict.sqlite"), "")
    monkeypatch.undo()
    monkeypatch.setattr("contradict.cli.app.pipeline", _fake_pipeline)
    (next(idx.glob("claims.*.faiss"))).write_bytes(b"garbage")
    r = run("query", "The bridge held.", "--index-dir", idx)
    assert r.exit_code == Exit.ERROR and f"contradict index --rebuild --index-dir {idx}" in r.output, r.output


def test_case09c_quiet_prints_errors_only(tmp_path, fake_cli):
    inbox = _inbox(tmp_path / "inbox", n=3)
    (inbox / "empty.txt").write_text("")
    log = tmp_path / "batch.log"
    r = run("batch", inbox, "--index-dir", tmp_path / "index", "--reports-dir", tmp_path / "reports", "-q",
            "--log-file", log)
    assert r.exit_code == Exit.SKIPPED  # the exit code still says an input was skipped
    assert r.stderr == "", r.stderr
    assert "empty.txt" in log.read_text()  # the warning is kept in the log file
    r = run("index", inbox, "--index-dir", tmp_path / "index2", "-q")
    assert r.exit_code == Exit.SKIPPED and r.stderr == "", r.stderr
    r = run("report", "--index-dir", tmp_path / "nope", "-q")
    assert r.exit_code == Exit.ERROR and r.stderr.startswith("error:")  # errors still show


def test_case09d_an_unreadable_file_beside_a_readable_one_is_a_warning(tmp_path, fake_cli, monkeypatch):
    inbox = _inbox(tmp_path / "inbox", n=2)
    secret = inbox / "article_01.txt"
    real_open, real_access = open, os.access

    def guarded_open(path, *a, **k):
        if str(path) == str(secret):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *a, **k)

    monkeypatch.setattr("builtins.open", guarded_open)
    monkeypatch.setattr(os, "access", lambda p, mode, **k: False if str(p) == str(secret) else real_access(p, mode, **k))
    for cmd in (["index"], ["batch", "--reports-dir", tmp_path / "reports"]):
        idx = tmp_path / f"index-{cmd[0]}"
        r = run(cmd[0], inbox / "article_00.txt", secret, "--index-dir", idx, *cmd[1:])
        assert r.exit_code == Exit.SKIPPED, r.output
        assert "article_01.txt: cannot read (Permission denied), skipped" in r.output
        assert _stored(idx) == ["article_00"]
