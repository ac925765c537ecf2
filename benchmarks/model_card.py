"""The model card's measures for one NLI model, in one run, printed as one JSON object.

Runs, each in its own process, the commands the card quotes: `contradict eval` on SNLI test (plain,
--shuffled, --reversed) and SICK test, benchmarks/basil_unrelated.py, benchmarks/negated_snli.py, and
the demo, seed and BASIL reports (demo_precision.py on the demo's; what the others list, and with
--keep the reports themselves, to read and label; each report's seconds, from an empty index). Slow for a large model (the MPNet: about
40 minutes on 2 cores); --only picks measures. basil and negated read the model alone, without the
prefilter. 'default' measures the shipped default as a report runs it (the MPNet behind the MiniLM
prefilter); a directory is measured alone unless --nli-prefilter names a model.

    python benchmarks/model_card.py DIR [--nli-prefilter contradict-nli-minilm] [--only snli,shuffled] [--out F]
    python benchmarks/model_card.py default --only snli,shuffled,demo
    python benchmarks/model_card.py DIR --nli-prefilter FAST --only demo,seeds,basil_report --keep DIR2  # to read
"""

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
NLI = SHARED / "data" / "nli"
MEASURES = ("snli", "shuffled", "reversed", "sick", "basil", "negated", "demo", "seeds", "basil_report")

ap = argparse.ArgumentParser()
ap.add_argument("model", help="an NLI model directory, or 'default' (with its prefilter)")
ap.add_argument("--nli-prefilter", default="", help="a fast model that reads every pair first (nli.CascadeScorer)")
ap.add_argument("--only", default=",".join(MEASURES), help=f"comma-separated, of: {', '.join(MEASURES)}")
ap.add_argument("--out", type=Path, help="also write the JSON here")
ap.add_argument("--keep", type=Path, help="write the reports (demo.json, seeds.json, basil_report.json) here, to read")
a = ap.parse_args()
only = [m.strip() for m in a.only.split(",") if m.strip()]
if unknown := sorted(set(only) - set(MEASURES)):
    sys.exit(f"unknown measure(s): {', '.join(unknown)}")
if not SHARED.exists():
    sys.exit(f"{SHARED} not found: the measures read its data")
if a.model != "default" and not Path(a.model).is_dir():
    sys.exit(f"{a.model}: not a model directory")
model = ["--nli-model", a.model] + (["--nli-prefilter", a.nli_prefilter] if a.nli_prefilter else [])
bin_dir = Path(sys.executable).parent


def run(cmd: list) -> dict:
    t = time.perf_counter()
    p = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, cwd=ROOT)
    if p.returncode not in (0, 4):  # 4: some input skipped, the rest reported
        sys.exit(f"failed ({p.returncode}): {' '.join(map(str, cmd))}\n{p.stderr.strip()[-600:]}")
    print(f"  {Path(str(cmd[1])).name} took {time.perf_counter() - t:.0f} s", file=sys.stderr)
    return json.loads(p.stdout)


def contradict(*args) -> list:
    return [bin_dir / "contradict", *args]


def script(name, *args) -> list:
    return [sys.executable, ROOT / "benchmarks" / name, *args]


def report(corpus: Path, tmp: str, name: str) -> dict:
    t = time.perf_counter()
    got = run(contradict("report", corpus, "--index-dir", Path(tmp) / corpus.name, *model, "--format", "json",
                         "--top", "0"))
    out.setdefault("report_seconds", {})[name] = round(time.perf_counter() - t, 1)
    if a.keep:
        a.keep.mkdir(parents=True, exist_ok=True)
        (a.keep / f"{name}.json").write_text(json.dumps(got, indent=1))
    return got


def listed(rep: dict) -> dict:
    """What a report lists as contradictions: all of them, and those the NLI model labelled (the rest: rules)."""
    s = rep["summary"]
    return {"listed": s["contradictions"], "nli_labelled": s["labels"]["contradiction"], "kinds": s.get("kinds")}


snli_test = NLI / "snli" / "snli_1.0_test.jsonl"
out: dict = {"model": a.model, "nli_prefilter": a.nli_prefilter or ("auto" if a.model == "default" else "")}
with tempfile.TemporaryDirectory() as tmp:
    for m in only:
        print(m, file=sys.stderr)
        if m == "snli":
            r = run(contradict("eval", snli_test, *model, "--format", "json"))
            out["snli_accuracy"], out["snli_pairs_per_second"] = r["accuracy"], r["pairs_per_second"]
        elif m == "shuffled":
            r = run(contradict("eval", snli_test, *model, "--shuffled", "--format", "json"))
            out["shuffled_contradiction_rate"] = r["shuffled_contradiction_rate"]
        elif m == "reversed":
            r = run(contradict("eval", snli_test, *model, "--reversed", "--format", "json"))
            out["reversed"] = [r["reversed_false_contradiction_rate"], r["reversed_contradiction_recall"]]
        elif m == "sick":
            r = run(contradict("eval", NLI / "sick_test.jsonl", *model, "--format", "json"))
            c = r["per_class"]["contradiction"]
            out["sick"] = [r["accuracy"], c["precision"], c["recall"]]
        elif m == "basil":
            out["basil_contradiction_rate"] = run(script("basil_unrelated.py", *model[:2]))["contradiction_rate"]
        elif m == "negated":
            r = run(script("negated_snli.py", *model[:2]))
            out["negated"] = {k: r[k]["negated_contradiction_rate"] for k in ("neutral", "entailment")}
        elif m == "demo":
            rep = Path(tmp) / "demo.json"
            rep.write_text(json.dumps(report(ROOT / "examples", tmp, "demo")))
            d = run(script("demo_precision.py", rep))
            out["demo"] = {k: d[k] for k in ("contradictions", "labelled_found", "either_way", "false", "precision",
                                             "ranks_of_labelled")}
        elif m == "seeds":
            out["seeds_report"] = listed(report(SHARED / "seeds", tmp, "seeds"))
        elif m == "basil_report":
            out["basil_report"] = listed(report(SHARED / "data" / "news" / "basil_triplets.jsonl", tmp, "basil_report"))
print(json.dumps(out, indent=2))
if a.out:
    a.out.write_text(json.dumps(out, indent=2) + "\n")
