"""Rerun the hardening probe (issues "Hardening" and 42): hostile inputs, special files, concurrent writers, an
unattended nightly batch on an inbox that went wrong, and ids that try to reach a shell, a page or a sheet.

    python benchmarks/hardening_probe.py [--workdir /tmp/contradict-probe] [--fake-models] [--only TEXT]

Every case runs the CLI in a subprocess and checks what must hold: the exit code, the lines on stderr, the
store's checksum (articles, claims, candidate pairs: ``Store.checksum``) before and after, and what was written.
It prints one JSON line per case, then a table (case, exit, holds, detail) and "N cases, M hold"; the exit
status is 1 when a case does not hold. The models are the shipped MiniLM alone
(``CONTRADICT_NLI_MODEL=contradict-nli-minilm``) to stay quick, except where a case is about the model choice;
``--fake-models`` runs every command with the unit tests' fakes instead (``tests/fakes.py``: no model is
loaded, about a minute; CI runs it so, ``tests/test_hardening.py``). The concurrency case needs
``../shared/seeds`` (skipped without it). The hostile corpora are written by this script; no article text
is copied into the repository.

Cases that need a user who cannot bypass file permissions run, when this script runs as root, as root
without the capabilities that bypass them (``setpriv --bounding-set -dac_override,-dac_read_search``).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "examples"
BASE_ENV = dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false",
                PYTHONPATH=os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]))
MINILM = {"CONTRADICT_NLI_MODEL": "contradict-nli-minilm"}
NO_DAC = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"] if os.geteuid() == 0 else []

# --fake-models: the CLI with the unit tests' fakes; the NLI scorer is still chosen by name (scorer_for), so the
# cases about which model a reading command uses behave as with the real models
FAKE_LAUNCHER = r"""
import sys
from contradict import cli
from contradict.backends import nli
from contradict.cli import app
from contradict.runs import modelset
from contradict.runs.pipeline import Pipeline
from tests.fakes import FakeEncoder, FakeFrameReader, FakeScorer


class Named(FakeScorer):
    def __init__(self, name):
        super().__init__()
        self.name = name


def scorer_for(settings, vectors=None):
    nli.model_dir(settings.nli_model)  # what a real load resolves first
    return Named(nli.resolve_name(settings.nli_model))


modelset.scorer_for = scorer_for
modelset.scorer_name = lambda settings: None  # the fake scorer names itself
app.pipeline = lambda ctx, progress=None, engine=False: Pipeline(ctx.settings, progress=progress,
                                                                 encoder=FakeEncoder(), frame_reader=FakeFrameReader())
sys.argv[0] = "contradict"
cli.main()
"""

SHELL_ID = "q'; touch PWNED; echo '"
MD_ID = "evil`<img src=x onerror=alert(1)>`"
CSV_ID = '=HYPERLINK("http://evil.example","x")'
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def checksum(idx: Path) -> str:
    if not (idx / "contradict.sqlite").exists():
        return "-"
    sys.path.insert(0, str(ROOT))
    from contradict.storage.store import Store

    s = Store(idx / "contradict.sqlite", create=False)
    try:
        return s.checksum()[:12]
    finally:
        s.close()


def stored(idx: Path) -> list[str]:
    sys.path.insert(0, str(ROOT))
    from contradict.storage.store import Store

    if not (idx / "contradict.sqlite").exists():
        return []
    s = Store(idx / "contradict.sqlite", create=False)
    try:
        return sorted(s.article_hashes())
    finally:
        s.close()


def pairs_between(idx: Path, a: str, b: str) -> int:
    sys.path.insert(0, str(ROOT))
    from contradict.storage.store import Store

    s = Store(idx / "contradict.sqlite", create=False)
    try:
        claims = {c.id: c.article_id for c in s.claims()}
        return sum(1 for c in s.candidates() if {claims[c.a], claims[c.b]} == {a, b})
    finally:
        s.close()


def first_line(text: str) -> str:
    return next((ln for ln in text.splitlines() if ln.strip() and not re.match(r"^\d\d:\d\d:\d\d ", ln)), "")


class Probe:
    def __init__(self, work: Path, fake: bool):
        self.w, self.fake = work, fake
        self._built: dict[str, Path] = {}
        self.commands: list[str] = []  # the commands of the current case

    def argv(self) -> list[str]:
        return [sys.executable, "-c", FAKE_LAUNCHER] if self.fake else [sys.executable, "-m", "contradict"]

    def run(self, args, env: dict | None = None, drop=(), cwd=None, unprivileged=False) -> subprocess.CompletedProcess:
        e = dict(BASE_ENV, **MINILM)
        for k in drop:
            e.pop(k, None)
        e.update(env or {})
        self.commands.append(" ".join(f"{k}={shlex.quote(v)}" for k, v in (env or {}).items() if k != "HOME")
                             + (" " if env and set(env) - {"HOME"} else "") + cmdline(args))
        return subprocess.run((NO_DAC if unprivileged else []) + self.argv() + [str(a) for a in args], env=e,
                              cwd=cwd or ROOT, capture_output=True, text=True, timeout=900)

    def popen(self, args):
        return subprocess.Popen(self.argv() + [str(a) for a in args], env=dict(BASE_ENV, **MINILM), cwd=ROOT,
                                stderr=subprocess.PIPE, text=True)

    def copy(self, what: str, name: str) -> Path:
        """A fresh copy of a prepared index (or inbox) under ``name``."""
        src = self.prepared(what)
        dst = self.w / name
        shutil.rmtree(dst, ignore_errors=True)
        shutil.copytree(src, dst, symlinks=True)
        return dst

    def prepared(self, what: str) -> Path:
        if what in self._built:
            return self._built[what]
        w = self.w / "prepared"
        w.mkdir(exist_ok=True)
        if what == "demo index":  # the demo corpus, indexed
            out = w / "demo-index"
            r = self.run(["index", EXAMPLES, "--index-dir", out])
        elif what == "nightly":  # an inbox, its index and reports after one batch run
            out = w / "nightly"
            shutil.copytree(EXAMPLES, out / "inbox")
            r = self.run(["batch", out / "inbox", "--index-dir", out / "index", "--reports-dir", out / "reports"])
        elif what == "crafted index":
            out = w / "crafted-index"
            crafted = w / "crafted"
            shutil.copytree(EXAMPLES, crafted)
            (crafted / "evil.jsonl").write_text("\n".join(json.dumps(r) for r in [
                {"id": "evil[/]1", "title": "Dam [/] report",
                 "source": "[link=http://evil.example][blink]Wire[/blink][/link]",
                 "text": "The Merrow Dam \x1b[31mcollapsed\x1b[0m early on Tuesday\x07, officials said.\n\n"
                         "The \x1b]8;;http://evil.example\x1b\\regional office\x1b]8;;\x1b\\ had no warning of "
                         "cracks.\x00"},
                {"id": "evil2", "title": "<script>alert(5)</script>", "source": "x",
                 "text": "<img src=x onerror=alert(6)> The dam held firm on Tuesday, engineers said."}]) + "\n")
            r = self.run(["index", crafted, "--index-dir", out])
        elif what == "hostile ids":  # ids, titles and outlets made to reach a shell, a page and a spreadsheet
            out = w / "hostile-index"
            feed = w / "hostile"
            feed.mkdir()
            rows = [(SHELL_ID, "Bridge report", "Wire", 40), (MD_ID, "Bridge notes", "Post", 25),
                    (CSV_ID, "=cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", 31),
                    ("plain", "+Bridge traffic", "-Herald", 52)]
            (feed / "feed.jsonl").write_text("\n".join(json.dumps(
                {"id": i, "title": t, "source": s, "date": "2024-03-05",
                 "text": f"The harbour bridge carried {n} trucks on Monday morning, the transport office said.\n\n"
                         f"The repairs on the harbour bridge cost {n} million dollars this spring."})
                for i, t, s, n in rows) + "\n")
            r = self.run(["index", feed, "--index-dir", out])
        else:
            raise KeyError(what)
        if r.returncode not in (0, 4):
            raise RuntimeError(f"preparing {what} failed ({r.returncode}): {r.stderr[-800:]}")
        self._built[what] = out
        return out


def row(holds: bool, detail: str, r: subprocess.CompletedProcess | None = None, before="-", after="-") -> dict:
    return {"holds": bool(holds), "detail": detail, "exit": r.returncode if r is not None else None,
            "stderr_first_line": first_line(r.stderr)[:200] if r is not None else "", "store_before": before,
            "store_after": after}


def cmdline(args) -> str:
    return "contradict " + " ".join(shlex.quote(str(a)) for a in args)


CASES: list[tuple[str, str, Callable[[Probe], dict]]] = []


def case(group: str, name: str):
    def register(fn):
        CASES.append((group, name, fn))
        return fn
    return register


# ---------------------------------------------------------------- concurrency, crafted text, special files


@case("hardening", "two index runs at once give the sequential result")
def _two_writers(p: Probe) -> dict:
    if not SEEDS.exists():
        return row(True, "skipped: ../shared/seeds absent")
    a, b = p.w / "s000", p.w / "s001"
    a.mkdir(), b.mkdir()
    shutil.copy(SEEDS / "000_6082c361ef75d22b.txt", a), shutil.copy(SEEDS / "001_f9f75c1631052b44.txt", b)
    sums = []
    for order in ((a, b), (b, a)):  # whichever writer takes the lock first, the other follows it
        seq = p.w / f"seq-{order[0].name}"
        for d in order:
            p.run(["index", d, "--index-dir", seq])
        sums.append(checksum(seq))
    par = p.w / "par"
    procs = [p.popen(["index", d, "--index-dir", par]) for d in (a, b)]
    codes = [x.wait() for x in procs]
    n_seq = pairs_between(p.w / "seq-s000", "000_6082c361ef75d22b", "001_f9f75c1631052b44")
    n_par = pairs_between(par, "000_6082c361ef75d22b", "001_f9f75c1631052b44")
    return row(codes == [0, 0] and n_seq == n_par > 0 and checksum(par) in sums,
               f"exits {codes}; pairs 000-001 {n_seq} sequential, {n_par} concurrent; store as one of the two orders: "
               f"{checksum(par) in sums}", None, "/".join(sums), checksum(par))


@case("hardening", "crafted articles (escapes, markup) are indexed clean")
def _crafted(p: Probe) -> dict:
    idx = p.prepared("crafted index")
    ids = stored(idx)
    return row("evil[/]1" in ids and "evil2" in ids, f"stored {len(ids)} articles", None, "-", checksum(idx))


@case("hardening", "terminal report prints a [/] title and a [link] source literally")
def _terminal(p: Probe) -> dict:
    idx = p.prepared("crafted index")
    r = p.run(["report", "--index-dir", idx, "--top", "0"], env={"FORCE_COLOR": "1", "COLUMNS": "160"})
    bad = {"osc8_links": r.stdout.count("\x1b]8;"), "blink": r.stdout.count("\x1b[5m"), "raw_bel": r.stdout.count("\x07")}
    literal = "[link=http://evil.example]" in r.stdout
    return row(r.returncode == 0 and not any(bad.values()) and literal, f"{bad}, markup shown literally: {literal}", r)


@case("hardening", "query on a corpus with [/] ids")
def _query_ids(p: Probe) -> dict:
    idx = p.prepared("crafted index")
    r = p.run(["query", "The dam collapsed on Tuesday.", "--index-dir", idx])
    return row(r.returncode == 0, "one result table", r)


@case("hardening", "Markdown report of crafted articles holds no tag or escape")
def _markdown_crafted(p: Probe) -> dict:
    idx = p.prepared("crafted index")
    out = p.w / "crafted.md"
    r = p.run(["report", "--index-dir", idx, "--format", "markdown", "-o", out, "--top", "0"])
    md = out.read_text() if out.exists() else ""
    got = {"script": md.count("<script>"), "img": md.count("<img"), "escapes": sum(md.count(c) for c in "\x1b\x07\x00")}
    return row(r.returncode == 0 and md and not any(got.values()), str(got), r)


@case("hardening", "a symlink to / in the inbox is skipped")
def _symlink_root(p: Probe) -> dict:
    inbox = p.w / "inbox-link"
    inbox.mkdir()
    shutil.copy(EXAMPLES / "herald_dam_collapse.txt", inbox)
    (inbox / "root").symlink_to("/")
    idx = p.w / "idx-link"
    r = p.run(["index", inbox, "--index-dir", idx])
    return row(r.returncode == 4 and "outside the input folders" in r.stderr and stored(idx) == ["herald_dam_collapse"],
               f"stored {stored(idx)}", r, "-", checksum(idx))


@case("hardening", "report naming another model scores only within --pair-budget")
def _other_model(p: Probe) -> dict:
    idx = p.copy("demo index", "idx-other-model")
    before = checksum(idx)
    r = p.run(["report", "--index-dir", idx, "--nli-model", "default", "--pair-budget", "50", "--format", "json"])
    return row(r.returncode == 0 and "scoring 50 candidate pairs" in r.stderr and checksum(idx) == before,
               "50 pairs scored by the named model, the rest counted", r, before, checksum(idx))


@case("hardening", "plain report uses the model the index was scored with")
def _plain_report(p: Probe) -> dict:
    idx = p.copy("demo index", "idx-plain")
    before = checksum(idx)
    r = p.run(["report", "--index-dir", idx, "--format", "json"], drop=["CONTRADICT_NLI_MODEL"])
    return row(r.returncode == 0 and "using contradict-nli-minilm" in r.stderr and "scoring" not in r.stderr,
               "no rescoring", r, before, checksum(idx))


@case("hardening", "--index-dir that is a regular file")
def _index_dir_file(p: Probe) -> dict:
    f = p.w / "a-file"
    f.write_text("x")
    r = p.run(["index", EXAMPLES, "--index-dir", f])
    return row(r.returncode == 2 and "is a file, not a directory" in r.stderr and f.read_text() == "x", "", r)


@case("hardening", "a FIFO named on the command line")
def _fifo(p: Probe) -> dict:
    os.mkfifo(p.w / "fifo.txt")
    r = p.run(["index", p.w / "fifo.txt", "--index-dir", p.w / "idx-fifo"])
    return row(r.returncode == 4 and "a FIFO" in r.stderr, "", r)


@case("hardening", "/dev/zero named on the command line")
def _dev_zero(p: Probe) -> dict:
    r = p.run(["index", "/dev/zero", "--index-dir", p.w / "idx-fifo"])
    return row(r.returncode == 4 and "character device" in r.stderr, "", r)


@case("hardening", "report --top -1")
def _top_negative(p: Probe) -> dict:
    idx = p.prepared("demo index")
    r = p.run(["report", "--index-dir", idx, "--top", "-1"])
    return row(r.returncode == 2 and "-1" in r.stderr, "", r)


@case("hardening", "a truncated article is read in part (exit 4)")
def _truncated(p: Probe) -> dict:
    long = p.w / "long"
    long.mkdir()
    (long / "long.txt").write_text("\n\n".join(f"Paragraph {k} says the river rose again today." for k in range(400)))
    r = p.run(["index", long, "--index-dir", p.w / "idx-long"], env={"CONTRADICT_MAX_ARTICLE_CHARS": "2000"})
    return row(r.returncode == 4 and "truncated" in r.stderr, "", r)


@case("hardening", "a newline in a file name cannot forge a warning line")
def _newline_name(p: Probe) -> dict:
    nl = p.w / "newline"
    nl.mkdir()
    (nl / "x\nwarning: all fine.txt").write_bytes(b"")
    r = p.run(["index", nl, "--index-dir", p.w / "idx-nl"])
    forged = [ln for ln in r.stderr.splitlines() if ln.startswith("warning: all fine")]
    return row(r.returncode == 4 and not forged and "x\\nwarning: all fine.txt" in r.stderr, "", r)


def _read_only(p: Probe, label: str, args: list) -> dict:
    ro = p.w / f"ro-{label}"
    shutil.rmtree(ro, ignore_errors=True)
    shutil.copytree(p.prepared("demo index"), ro)
    for x in [ro, *ro.iterdir()]:
        x.chmod(0o555 if x.is_dir() else 0o444)
    before = checksum(ro)
    r = p.run([*args, "--index-dir", ro], unprivileged=True, cwd="/tmp", env={"HOME": "/tmp"})
    after = checksum(ro)
    for x in [ro, *ro.iterdir()]:
        x.chmod(0o755 if x.is_dir() else 0o644)
    return row(r.returncode == 0 and before == after, "as a user who may not write the directory", r, before, after)


@case("hardening", "report on a read-only index")
def _ro_report(p: Probe) -> dict:
    return _read_only(p, "report", ["report", "--format", "json"])


@case("hardening", "query on a read-only index")
def _ro_query(p: Probe) -> dict:
    return _read_only(p, "query", ["query", "The dam collapsed."])


# ---------------------------------------------------------------- issue 42: the unattended nightly batch


def _batch(p: Probe, name: str, inbox_of, *extra) -> tuple[subprocess.CompletedProcess, Path, Path, str, str, list]:
    """A batch run on a copy of the prepared nightly index; ``inbox_of(dir)`` gives its inbox argument."""
    d = p.copy("nightly", name)
    idx, rep = d / "index", d / "reports"
    runs = sorted(x.name for x in rep.iterdir())
    before = checksum(idx)
    r = p.run(["batch", inbox_of(d), "--index-dir", idx, "--reports-dir", rep, *extra])
    return r, idx, rep, before, checksum(idx), runs


@case("issue 42", "1. batch on a missing inbox (a typo) retires nothing")
def _missing_inbox(p: Probe) -> dict:
    r, idx, rep, before, after, _ = _batch(p, "nightly-typo", lambda d: d / "inbx")
    delta = json.loads((rep / "latest" / "delta.json").read_text())
    return row(r.returncode == 4 and before == after and "nothing retired" in r.stderr and not delta["resolved"],
               f"{len(stored(idx))} articles kept, {len(delta['resolved'])} tensions resolved", r, before, after)


@case("issue 42", "1. batch on an empty inbox retires nothing")
def _empty_inbox(p: Probe) -> dict:
    def empty(d):
        (d / "empty").mkdir()
        return d / "empty"

    r, idx, rep, before, after, _ = _batch(p, "nightly-empty", empty)
    return row(r.returncode == 4 and before == after and "nothing retired" in r.stderr,
               f"{len(stored(idx))} articles kept", r, before, after)


@case("issue 42", "1. batch that would retire the whole index refuses (exit 6)")
def _mass_retire(p: Probe) -> dict:
    def other(d):
        (d / "other").mkdir()
        (d / "other" / "note.txt").write_text("The ferry to the island left the harbour at noon on Sunday.\n")
        return d / "other"

    r, idx, rep, before, after, runs = _batch(p, "nightly-other", other)
    same_runs = sorted(x.name for x in rep.iterdir()) == runs
    return row(r.returncode == 6 and before == after and same_runs and "--allow-mass-retire" in r.stderr,
               f"store unchanged: {before == after}, no run directory written: {same_runs}", r, before, after)


@case("issue 42", "1. --allow-mass-retire retires them")
def _mass_retire_allowed(p: Probe) -> dict:
    def other(d):
        (d / "other").mkdir()
        (d / "other" / "note.txt").write_text("The ferry to the island left the harbour at noon on Sunday.\n")
        return d / "other"

    r, idx, rep, before, after, _ = _batch(p, "nightly-allow", other, "--allow-mass-retire")
    return row(r.returncode == 0 and stored(idx) == ["note"], f"stored {stored(idx)}", r, before, after)


@case("issue 42", "1. an article that left the inbox is still retired")
def _one_gone(p: Probe) -> dict:
    def one_gone(d):
        (d / "inbox" / "carrow_bulletin_office_blame.txt").unlink()
        return d / "inbox"

    r, idx, rep, before, after, _ = _batch(p, "nightly-one-gone", one_gone)
    return row(r.returncode == 0 and "1 removed" in r.stderr and "carrow_bulletin_office_blame" not in stored(idx)
               and len(stored(idx)) == 5,
               f"{len(stored(idx))} articles left", r, before, after)


# ---------------------------------------------------------------- issue 42: ids into a shell, a page, a sheet


def _hints(text: str) -> list[str]:
    return [html.unescape(c) for c in re.findall(r"<code>(contradict mark .*?)</code>", text, re.S)]


@case("issue 42", "2. the mark hint with a shell-injecting id runs nothing when pasted")
def _shell_hint(p: Probe) -> dict:
    from markdown_it import MarkdownIt

    idx = p.prepared("hostile ids")
    md_out, html_out = p.w / "hostile.md", p.w / "hostile.html"
    r1 = p.run(["report", "--index-dir", idx, "--format", "markdown", "-o", md_out, "--top", "0"])
    r2 = p.run(["report", "--index-dir", idx, "--format", "html", "-o", html_out, "--top", "0"])
    hints = _hints(MarkdownIt("commonmark").render(md_out.read_text())) + _hints(html_out.read_text())
    mine = [h for h in hints if "touch PWNED" in h]
    shell = p.w / "paste"
    shell.mkdir(exist_ok=True)
    bad = []
    for h in mine:
        words = shlex.split(h)
        ran = subprocess.run(["bash", "-c", "printf '%s\\n' " + h[len("contradict mark "):]], cwd=shell,
                             capture_output=True, text=True)
        if len(words) != 4 or SHELL_ID not in words[2] or (shell / "PWNED").exists() or \
                ran.stdout.splitlines()[:1] != [words[2]]:
            bad.append(h)
    return row(r1.returncode == r2.returncode == 0 and mine and not bad,
               f"{len(mine)} hints with the id, {len(bad)} unsafe", r2)


@case("issue 42", "3. Markdown: an id with a backtick and <img onerror> renders no tag")
def _md_id(p: Probe) -> dict:
    from markdown_it import MarkdownIt

    idx = p.prepared("hostile ids")
    out = p.w / "hostile-md.md"
    r = p.run(["report", "--index-dir", idx, "--format", "markdown", "-o", out, "--top", "0"])
    md = out.read_text()
    page = MarkdownIt("commonmark").render(md)
    return row(r.returncode == 0 and "evil" in md and "<img" not in page,
               f"{page.count('<img')} <img> tags once rendered (CommonMark)", r)


@case("issue 42", "3. HTML: hostile ids, titles and outlets are escaped")
def _html_id(p: Probe) -> dict:
    idx = p.prepared("hostile ids")
    out = p.w / "hostile-page.html"
    r = p.run(["report", "--index-dir", idx, "--format", "html", "-o", out, "--top", "0"])
    page = out.read_text()
    return row(r.returncode == 0 and "<img src=x" not in page and "evil" in page, f"{page.count('<img')} <img> tags", r)


@case("issue 42", "4. ids that collide after cleaning: one kept, the warning names both")
def _colliding_ids(p: Probe) -> dict:
    d = p.w / "collide"
    d.mkdir()
    recs = [("dup", 40), ("dup\u202e", 41), (" dup ", 42), ("\x1b", 43), ("ok", 44)]
    (d / "feed.jsonl").write_text("\n".join(json.dumps({"id": i, "text": f"The bridge carried {n} trucks on Monday."})
                                            for i, n in recs) + "\n")
    idx = p.w / "idx-collide"
    r = p.run(["index", d, "--index-dir", idx])
    m = re.search(r"indexed: (\d+) new", r.stderr)
    new = int(m.group(1)) if m else -1
    ids = stored(idx)
    named = [ln for ln in r.stderr.splitlines() if "duplicate article id 'dup'" in ln and "kept the one in" in ln
             and "feed.jsonl:1" in ln]
    return row(r.returncode == 4 and new == len(ids) == 3 and "" not in ids and len(named) == 2,
               f"announced {new} new, stored {ids}", r, "-", checksum(idx))


@case("issue 42", "5. an article and its copy: the source keeps its text")
def _copy(p: Probe) -> dict:
    d = p.w / "copies"
    d.mkdir()
    lines = ["Flood Report From The Valley", "The river rose by two metres overnight and flooded the lower town.",
             "The mayor said the dam held and no one was hurt.", "Engineers will inspect the dam walls on Friday."]
    (d / "source.txt").write_text("\n\n".join(lines) + "\n")
    (d / "copy.txt").write_text("\n\n".join(lines[1:]) + "\n")
    idx = p.w / "idx-copies"
    r = p.run(["index", d, "--index-dir", idx])
    return row(r.returncode == 0 and stored(idx) == ["copy", "source"], f"stored {stored(idx)}", r, "-", checksum(idx))


@case("issue 42", "5. batch . in a folder holding its own reports/ and index/")
def _batch_dot(p: Probe) -> dict:
    d = p.w / "newsroom"
    shutil.copytree(EXAMPLES, d)
    first = p.run(["batch", "."], cwd=d)
    second = p.run(["batch", "."], cwd=d)
    ids = stored(d / "index")
    want = stored(p.prepared("demo index"))
    return row(first.returncode == second.returncode == 0 and ids == want and "report" not in ids,
               f"stored {len(ids)} articles, reports/ and index/ read: {'report' in ids or 'manifest' in ids}",
               second, "-", checksum(d / "index"))


def _manifest_case(p: Probe, name: str, damage: Callable[[Path], None]) -> dict:
    idx = p.copy("demo index", name)
    damage(idx)
    before = checksum(idx)
    r = p.run(["report", "--index-dir", idx, "--format", "json"], drop=["CONTRADICT_NLI_MODEL"])
    rescored, hinted, unexpected = "scoring" in r.stderr, "contradict index --rebuild --index-dir" in r.stderr, \
        "unexpected" in r.stderr
    return row(r.returncode == 1 and hinted and not rescored and not unexpected and checksum(idx) == before,
               f"rebuild hint: {hinted}; rescored with another model: {rescored}; unexpected error: {unexpected}",
               r, before, checksum(idx))


@case("issue 42", "6. report with a corrupt manifest.json refuses")
def _manifest_corrupt(p: Probe) -> dict:
    return _manifest_case(p, "idx-man-corrupt", lambda d: (d / "manifest.json").write_text('{"nli_model": "x", '))


@case("issue 42", "6. report with a missing manifest.json refuses")
def _manifest_missing(p: Probe) -> dict:
    return _manifest_case(p, "idx-man-missing", lambda d: (d / "manifest.json").unlink())


@case("issue 42", "8. a manifest with \"nli_model\": 7 is one clear line")
def _manifest_number(p: Probe) -> dict:
    def seven(d):
        man = json.loads((d / "manifest.json").read_text())
        (d / "manifest.json").write_text(json.dumps(dict(man, nli_model=7)))

    return _manifest_case(p, "idx-man-seven", seven)


def _csv_case(p: Probe, args: list) -> dict:
    import csv
    import io

    idx = p.prepared("hostile ids")
    r = p.run([*args, "--index-dir", idx, "--format", "csv"])
    cells = [c for rw in csv.reader(io.StringIO(r.stdout)) for c in rw]
    bad = [c for c in cells if c.startswith(FORMULA)]
    return row(r.returncode == 0 and len(cells) > 10 and not bad and any(CSV_ID in c for c in cells),
               f"{len(cells)} cells, {len(bad)} start a formula", r)


@case("issue 42", "7. report --format csv: no cell starts a formula")
def _csv_report(p: Probe) -> dict:
    return _csv_case(p, ["report", "--top", "0"])


@case("issue 42", "7. articles --format csv: no cell starts a formula")
def _csv_articles(p: Probe) -> dict:
    return _csv_case(p, ["articles"])


def _setting_case(p: Probe, name: str, args: list, env: dict | None = None) -> dict:
    inbox = p.w / f"{name}-inbox"
    shutil.copytree(EXAMPLES, inbox)
    idx, rep = p.w / f"{name}-index", p.w / f"{name}-reports"
    r = p.run(["batch", inbox, "--index-dir", idx, "--reports-dir", rep, *args], env=env)
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    wrote = rep.exists() or (idx / "contradict.sqlite").exists()
    return row(r.returncode == 2 and len(lines) == 1 and lines[0].startswith("error:") and "unexpected" not in r.stderr
               and not wrote, f"{len(lines)} stderr lines; a store or report written: {wrote}", r)


@case("issue 42", "8. batch --threshold nan")
def _threshold_nan(p: Probe) -> dict:
    return _setting_case(p, "nan", ["--threshold", "nan"])


@case("issue 42", "8. batch --threshold -3")
def _threshold_negative(p: Probe) -> dict:
    return _setting_case(p, "neg", ["--threshold", "-3"])


@case("issue 42", "8. batch --top -1")
def _batch_top(p: Probe) -> dict:
    return _setting_case(p, "top", ["--top", "-1"])


@case("issue 42", "8. CONTRADICT_MAX_FILE_BYTES=-1")
def _max_file_bytes(p: Probe) -> dict:
    return _setting_case(p, "bytes", [], {"CONTRADICT_MAX_FILE_BYTES": "-1"})


@case("issue 42", "8. CONTRADICT_CHUNK_SIZE=0")
def _chunk_size(p: Probe) -> dict:
    return _setting_case(p, "chunk", [], {"CONTRADICT_CHUNK_SIZE": "0"})


@case("issue 42", "9. -v shows the traceback with its cause")
def _verbose(p: Probe) -> dict:
    d = p.w / "idx-junk"
    d.mkdir()
    (d / "contradict.sqlite").write_text("not a database")
    r = p.run(["report", "--index-dir", d, "-v"])
    shown = "Traceback" in r.stderr and "DatabaseError" in r.stderr
    return row(r.returncode == 1 and shown, f"traceback with the sqlite cause shown: {shown}", r)


@case("issue 42", "9. errors and hints name the --index-dir given")
def _names_index_dir(p: Probe) -> dict:
    idx = p.copy("demo index", "my-index")
    next(idx.glob("claims.*.faiss")).write_bytes(b"garbage")
    r = p.run(["query", "The dam held.", "--index-dir", idx])
    named = f"contradict index --rebuild --index-dir {shlex.quote(str(idx))}" in r.stderr
    return row(r.returncode == 1 and named, f"the rebuild hint names {idx.name}: {named}", r)


@case("issue 42", "9. batch -q prints errors only")
def _quiet(p: Probe) -> dict:
    inbox = p.w / "quiet-inbox"
    shutil.copytree(EXAMPLES, inbox)
    (inbox / "empty.txt").write_text("")
    r = p.run(["batch", inbox, "--index-dir", p.w / "quiet-index", "--reports-dir", p.w / "quiet-reports", "-q"])
    return row(r.returncode == 4 and r.stderr == "", f"{len(r.stderr.splitlines())} lines on stderr", r)


@case("issue 42", "9. an unreadable file named beside a readable one is a warning")
def _unreadable_named(p: Probe) -> dict:
    d = p.w / "unreadable"
    d.mkdir()
    d.chmod(0o777)
    shutil.copy(EXAMPLES / "herald_dam_collapse.txt", d / "readable.txt")
    shutil.copy(EXAMPLES / "valley_voice_no_warning.md", d / "secret.md")
    (d / "secret.md").chmod(0)
    idx = d / "idx"
    r = p.run(["index", d / "readable.txt", d / "secret.md", "--index-dir", idx], unprivileged=True, cwd="/tmp",
              env={"HOME": "/tmp"})
    (d / "secret.md").chmod(0o644)
    return row(r.returncode == 4 and "secret.md: cannot read (Permission denied)" in r.stderr
               and stored(idx) == ["readable"], f"stored {stored(idx)}", r, "-", checksum(idx))


# ---------------------------------------------------------------- running


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/contradict-probe"))
    ap.add_argument("--fake-models", action="store_true", help="the unit tests' fakes instead of the models")
    ap.add_argument("--only", default="", help="only the cases whose name holds this text")
    a = ap.parse_args(argv)
    w = a.workdir
    shutil.rmtree(w, ignore_errors=True)
    w.mkdir(parents=True)
    probe = Probe(w, a.fake_models)
    rows = []
    t0 = time.monotonic()
    for group, name, fn in CASES:
        if a.only and a.only not in name:
            continue
        probe.commands = []
        try:
            res = fn(probe)
        except Exception as exc:  # a case that cannot even run does not hold
            res = row(False, f"{type(exc).__name__}: {str(exc)[:300]}")
        res = {"case": name, "group": group, **res, "commands": probe.commands}
        rows.append(res)
        print(json.dumps(res, ensure_ascii=False), flush=True)
    held = sum(r["holds"] for r in rows)
    print()
    print(f"hardening probe, {'fake models' if a.fake_models else 'the shipped MiniLM'}, "
          f"{time.monotonic() - t0:.0f} s")
    print()
    print("| # | group | case | exit | holds | detail |")
    print("|---|---|---|---|---|---|")
    for k, r in enumerate(rows, 1):
        detail = (r["detail"] or r["stderr_first_line"]).replace("|", "\\|")[:160]
        print(f"| {k} | {r['group']} | {r['case']} | {r['exit'] if r['exit'] is not None else '-'} | "
              f"{'yes' if r['holds'] else 'NO'} | {detail} |")
    print()
    print(f"{len(rows)} cases, {held} hold")
    return 0 if held == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
