import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from contradict.cli import main
from contradict.report.build import Report
from contradict.runs.batch import delta
from contradict.storage.lock import LOCK_NAME, WriteLock


def _report(tensions, pairs=()):
    return Report.from_json({"articles": [], "tensions": tensions, "pairs": list(pairs),
                             "summary": {"articles": 0, "claims": 0, "pairs_scored": 0, "contradictions": 0,
                                         "threshold": 0.35, "nli_model": "m", "embed_model": "e"}})


def _t(a, b, n, score):
    return {"articles": [a, b], "topic": "x", "contradictions": n, "agreements": 0, "score": score}


def _claim(cid):
    return {"id": cid, "article": cid.split(":")[0], "claim": cid}


def _p(a, b, score):
    return {"label": "contradiction", "probs": {"contradiction": 0.9, "entailment": 0.05, "neutral": 0.05},
            "similarity": 0.5, "score": score, "a": _claim(a), "b": _claim(b)}


def test_delta_new_persisting_resolved_and_new_pairs():
    prev = _report([_t("a", "b", 2, 1.0), _t("a", "c", 1, 0.5), _t("b", "c", 1, 0.6)], [_p("a:1", "b:1", 0.6)])
    cur = _report([_t("a", "b", 3, 1.5), _t("b", "c", 1, 0.4), _t("c", "d", 1, 0.7)],
                  [_p("a:1", "b:1", 0.6), _p("a:2", "b:2", 0.7), _p("c:1", "d:1", 0.3)])
    d = delta(prev, cur, threshold=0.5)
    assert [t["articles"] for t in d["new"]] == [["c", "d"]]
    assert [t["articles"] for t in d["resolved"]] == [["a", "c"]]
    assert {(tuple(t["articles"]), t["trend"]) for t in d["persisting"]} == {(("a", "b"), "grew"), (("b", "c"), "shrank")}
    assert [(p["a"]["id"], p["b"]["id"]) for p in d["new_contradictions"]] == [("a:2", "b:2")]
    assert delta(None, cur, 0.5)["previous_run"] is None and delta(prev, cur, 0.5, "r0")["previous_run"] == "r0"


def test_second_concurrent_run_exits_at_once(tmp_path):
    with WriteLock(tmp_path / "index"):
        r = CliRunner().invoke(main, ["batch", str(tmp_path), "--index-dir", str(tmp_path / "index"),
                                      "--reports-dir", str(tmp_path / "r")], env={"CONTRADICT_LOCK_TIMEOUT": "3600"})
    # no waiting: with an hour's lock timeout a waiting batch would hang here; it exits 5 and says it did not wait
    assert r.exit_code == 5 and "after waiting" not in r.output
    assert "another contradict run is writing to" in r.output
    assert "Traceback" not in r.output


def test_log_file_in_a_new_directory_and_unwritable_path(tmp_path):
    r = CliRunner().invoke(main, ["batch", str(tmp_path / "inbox"), "--index-dir", str(tmp_path / "i"),
                                  "--reports-dir", str(tmp_path / "r"), "--log-file", "/proc/forbidden/x.log"])
    assert r.exit_code == 2 and "cannot open the log file" in r.output and "Traceback" not in r.output


def test_stale_lock_from_dead_process_is_cleared(tmp_path, caplog):
    lock = tmp_path / LOCK_NAME
    lock.write_text("pid 999999 since 2026-01-01T00:00:00Z")
    with WriteLock(tmp_path) as held:
        assert held.cleared_stale
        assert f"pid {os.getpid()}" in lock.read_text()
    assert lock.read_text() == ""


# ---------------------------------------------------------------- crash safety, for real

WORDS = ["river", "bridge", "council", "budget", "school", "harbour", "railway", "market", "hospital", "stadium"]
NAMES = ["Arden", "Belmar", "Corvin", "Dunmore", "Elsby", "Farrow"]


def _corpus(d: Path, n_articles=8, n_sent=10):
    d.mkdir()
    for i in range(n_articles):
        lines = []
        for k in range(n_sent):
            w, name = WORDS[(i + k) % len(WORDS)], NAMES[(i * 3 + k) % len(NAMES)]
            verb = "approved" if (i + k) % 2 else "rejected"
            lines.append(f"The {name} {w} plan was {verb} by the city council on day {k + 2 * i + 4} of the session.")
        (d / f"article_{i:02d}.txt").write_text("\n\n".join(lines))


ENV = dict(os.environ, CONTRADICT_CHUNK_SIZE="32", CONTRADICT_PAIR_BUDGET="400", CONTRADICT_ALL_PAIRS_LIMIT="400",
           HF_HUB_OFFLINE="1")


def _cmd(inbox, idx, rep):
    return [sys.executable, "-m", "contradict", "batch", str(inbox), "--index-dir", str(idx),
            "--reports-dir", str(rep), "-vvv"]


def _kill_when(cmd, marker: str, timeout=240):
    proc = subprocess.Popen(cmd, env=ENV, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    t0 = time.time()
    seen = []
    for line in proc.stderr:
        seen.append(line)
        if marker in line:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            return "".join(seen)
        if time.time() - t0 > timeout:
            break
    proc.kill()
    proc.wait()
    raise AssertionError(f"never saw {marker!r}:\n" + "".join(seen[-30:]))


def _final(rep: Path) -> dict:
    r = json.loads((rep / "latest" / "report.json").read_text())
    return {"pairs": {(p["a"]["id"], p["b"]["id"]): (p["label"], p["probs"]) for p in r["pairs"]},
            "tensions": [(t["articles"], t["contradictions"], t["agreements"]) for t in r["tensions"]],
            "claims": r["summary"]["claims"], "articles": [a["id"] for a in r["articles"]]}


@pytest.mark.slow
def test_sigkill_during_embedding_and_nli_then_resume_matches_uninterrupted(tmp_path):
    from contradict.storage.store import Store

    inbox = tmp_path / "inbox"
    _corpus(inbox)
    ref = subprocess.run(_cmd(inbox, tmp_path / "ref_idx", tmp_path / "ref_rep"), env=ENV, capture_output=True,
                         text=True)
    assert ref.returncode == 0, ref.stderr[-2000:]

    idx, rep = tmp_path / "idx", tmp_path / "rep"
    log1 = _kill_when(_cmd(inbox, idx, rep), "embed: 32/")
    assert "stage nli" not in log1
    log2 = _kill_when(_cmd(inbox, idx, rep), "nli: 64/")
    # the vectors stored before the first kill are reused: the second run embeds fewer texts than the first
    first_total = int(re.search(r"embed: \d+/(\d+)", log1).group(1))
    second = re.search(r"embed: \d+/(\d+)", log2)
    assert second is None or int(second.group(1)) <= first_total - 32
    done = subprocess.run(_cmd(inbox, idx, rep), env=ENV, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "pairs scored" in done.stderr

    a, b = _final(tmp_path / "ref_rep"), _final(rep)
    assert a["articles"] == b["articles"] and a["claims"] == b["claims"]
    assert a["tensions"] == b["tensions"]
    assert a["pairs"].keys() == b["pairs"].keys()
    for k, (label, probs) in a["pairs"].items():
        assert b["pairs"][k][0] == label
        assert all(abs(probs[x] - b["pairs"][k][1][x]) < 2e-3 for x in probs)

    s_ref, s = Store(tmp_path / "ref_idx" / "contradict.sqlite"), Store(idx / "contradict.sqlite")
    assert s.counts() == s_ref.counts()  # no duplicate claims, candidates or scores; nothing lost
    assert not list(rep.glob(".*.tmp"))  # no half-written report directories


def test_the_nightly_delta_states_a_new_blame_tension_as_its_sentence():
    from contradict.runs.batch import _delta_markdown

    t = {"sentence": "002 casts United States as the sponsor (of ISIS); 004 casts Iran as the central threat",
         "a": {"article": "002", "actor": "United States", "role": "sponsor"},
         "b": {"article": "004", "actor": "Iran", "role": "threat"}}
    text = _delta_markdown({"previous_run": "x", "new": [], "resolved": [], "persisting": [], "blame": {"new": [t], "resolved": []}})
    assert "### New blame tensions (1)" in text and "- 002 casts United States as the sponsor (of ISIS); 004" in text
