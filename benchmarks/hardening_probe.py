"""Rerun the hardening probe (issue "Hardening"): crafted inputs, special files, concurrent writers.

    python benchmarks/hardening_probe.py [--workdir /tmp/probe]

For each case: the command, its exit code, its first stderr line, and the store's checksum (articles,
claims, candidate pairs: ``Store.checksum``) before and after. Uses the shipped MiniLM alone
(``CONTRADICT_NLI_MODEL=contradict-nli-minilm``) to stay quick, except where a case is about the
model choice. The concurrency case needs ``../shared/seeds`` (skipped without it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"
EXAMPLES = ROOT / "examples"
ENV = dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false", CONTRADICT_NLI_MODEL="contradict-nli-minilm")


def checksum(idx: Path) -> str:
    if not (idx / "contradict.sqlite").exists():
        return "-"
    sys.path.insert(0, str(ROOT))
    from contradict.store import Store

    s = Store(idx / "contradict.sqlite", create=False)
    try:
        return s.checksum()[:12]
    finally:
        s.close()


def run(label: str, args: list[str], idx: Path | None, env=None, input_text=None) -> subprocess.CompletedProcess:
    before = checksum(idx) if idx else "-"
    r = subprocess.run([sys.executable, "-m", "contradict", *args], env=env or ENV, cwd=ROOT, capture_output=True,
                       text=True, input=input_text)
    after = checksum(idx) if idx else "-"
    first = next((ln for ln in r.stderr.splitlines() if ln.strip()), "")
    print(json.dumps({"case": label, "command": "contradict " + " ".join(args), "exit": r.returncode,
                      "stderr_first_line": first[:200], "store_before": before, "store_after": after}))
    return r


def pairs_between(idx: Path, a: str, b: str) -> int:
    sys.path.insert(0, str(ROOT))
    from contradict.store import Store

    s = Store(idx / "contradict.sqlite", create=False)
    try:
        claims = {c.id: c.article_id for c in s.claims()}
        return sum(1 for c in s.candidates() if {claims[c.a], claims[c.b]} == {a, b})
    finally:
        s.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--workdir", type=Path, default=Path("/tmp/contradict-probe"))
    w = ap.parse_args().workdir
    shutil.rmtree(w, ignore_errors=True)
    w.mkdir(parents=True)

    # 1. two writers at once
    if SEEDS.exists():
        a, b = w / "s000", w / "s001"
        a.mkdir(), b.mkdir()
        shutil.copy(SEEDS / "000_6082c361ef75d22b.txt", a), shutil.copy(SEEDS / "001_f9f75c1631052b44.txt", b)
        seq = w / "seq"
        for d in (a, b):
            run("sequential index", ["index", str(d), "--index-dir", str(seq)], seq)
        par = w / "par"
        procs = [subprocess.Popen([sys.executable, "-m", "contradict", "index", str(d), "--index-dir", str(par)],
                                  env=ENV, cwd=ROOT, stderr=subprocess.PIPE, text=True) for d in (a, b)]
        codes = [p.wait() for p in procs]
        firsts = [next((ln for ln in p.stderr.read().splitlines() if ln.strip()), "") for p in procs]
        print(json.dumps({"case": "two index runs at once", "exit": codes, "stderr_first_lines": firsts,
                          "pairs_000_001_sequential": pairs_between(seq, "000_6082c361ef75d22b", "001_f9f75c1631052b44"),
                          "pairs_000_001_concurrent": pairs_between(par, "000_6082c361ef75d22b", "001_f9f75c1631052b44"),
                          "store_sequential": checksum(seq), "store_concurrent": checksum(par)}))

    # 2-4. crafted articles
    crafted = w / "crafted"
    shutil.copytree(EXAMPLES, crafted)
    (crafted / "evil.jsonl").write_text("\n".join(json.dumps(r) for r in [
        {"id": "evil[/]1", "title": "Dam [/] report", "source": "[link=http://evil.example][blink]Wire[/blink][/link]",
         "text": "The Merrow Dam \x1b[31mcollapsed\x1b[0m early on Tuesday\x07, officials said.\n\n"
                 "The \x1b]8;;http://evil.example\x1b\\regional office\x1b]8;;\x1b\\ had no warning of cracks.\x00"},
        {"id": "evil2", "title": "<script>alert(5)</script>", "source": "x",
         "text": "<img src=x onerror=alert(6)> The dam held firm on Tuesday, engineers said."}]) + "\n")
    idx = w / "idx"
    run("index crafted articles", ["index", str(crafted), "--index-dir", str(idx)], idx)
    forced = dict(ENV, FORCE_COLOR="1", COLUMNS="160")
    r = run("report, title with [/] and a [link] source", ["report", "--index-dir", str(idx), "--top", "0"], idx, forced)
    print(json.dumps({"case": "terminal output", "osc8_links": r.stdout.count("\x1b]8;"), "blink": r.stdout.count("\x1b[5m"),
                      "raw_bel": r.stdout.count("\x07"), "literal_markup_shown": "[link=http://evil.example]" in r.stdout}))
    run("query, corpus with [/] ids", ["query", "The dam collapsed on Tuesday.", "--index-dir", str(idx)], idx)
    r = run("markdown report", ["report", "--index-dir", str(idx), "--format", "markdown", "-o", str(w / "r.md")], idx)
    md = (w / "r.md").read_text()
    print(json.dumps({"case": "markdown output", "script_tags": md.count("<script>"), "img_tags": md.count("<img"),
                      "escape_chars": sum(md.count(c) for c in "\x1b\x07\x00")}))

    # 5. a symlink to / in an input folder
    inbox = w / "inbox"
    inbox.mkdir()
    shutil.copy(EXAMPLES / "herald_dam_collapse.txt", inbox)
    (inbox / "root").symlink_to("/")
    run("symlink to / in the inbox", ["index", str(inbox), "--index-dir", str(w / "idx-link")], w / "idx-link")

    # 6. reading commands: another model, an index scored by the MiniLM
    run("report naming another model, budget 50", ["report", "--index-dir", str(idx), "--nli-model", "default",
                                                   "--pair-budget", "50", "--format", "json"], idx)
    env = {k: v for k, v in ENV.items() if k != "CONTRADICT_NLI_MODEL"}
    run("plain report on a MiniLM-scored index", ["report", "--index-dir", str(idx), "--format", "json"], idx, env)

    # 7. messages
    f = w / "a-file"
    f.write_text("x")
    run("--index-dir is a regular file", ["index", str(EXAMPLES), "--index-dir", str(f)], None)
    os.mkfifo(w / "fifo.txt")
    run("a FIFO named", ["index", str(w / "fifo.txt"), "--index-dir", str(w / "idx-fifo")], w / "idx-fifo")
    run("/dev/zero named", ["index", "/dev/zero", "--index-dir", str(w / "idx-fifo")], w / "idx-fifo")
    run("--top -1", ["report", "--index-dir", str(idx), "--top", "-1"], idx)
    long = w / "long"
    long.mkdir()
    (long / "long.txt").write_text("\n\n".join(f"Paragraph {k} says the river rose again today." for k in range(400)))
    run("a truncated article", ["index", str(long), "--index-dir", str(w / "idx-long")], w / "idx-long",
        dict(ENV, CONTRADICT_MAX_ARTICLE_CHARS="2000"))
    nl = w / "newline"
    nl.mkdir()
    (nl / "x\nwarning: all fine.txt").write_bytes(b"")
    run("a newline in a file name", ["index", str(nl), "--index-dir", str(w / "idx-nl")], w / "idx-nl")

    # 8. a read-only index, read by another user (root may write anywhere)
    ro = w / "ro"
    shutil.copytree(idx, ro)
    for p in [ro, *ro.iterdir()]:
        p.chmod(0o555 if p.is_dir() else 0o444)
    who = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.geteuid() == 0 else []
    for label, args in (("report on a read-only index", ["report", "--index-dir", str(ro), "--format", "json"]),
                        ("query on a read-only index", ["query", "The dam collapsed.", "--index-dir", str(ro)])):
        before = checksum(ro)
        r = subprocess.run(who + [sys.executable, "-m", "contradict", *args], env=dict(env, HOME="/tmp"), cwd="/tmp",
                           capture_output=True, text=True)
        first = next((ln for ln in r.stderr.splitlines() if ln.strip()), "")
        print(json.dumps({"case": label, "command": "contradict " + " ".join(args), "as": "nobody" if who else "me",
                          "exit": r.returncode, "stderr_first_line": first[:200], "store_before": before,
                          "store_after": checksum(ro)}))


if __name__ == "__main__":
    main()
