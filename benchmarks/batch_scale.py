"""Scale benchmark for the nightly batch (not a test).

Run 1: `contradict batch` on abp_5k.jsonl (5,000 real articles) into an empty index.
Run 2: the same inbox plus 100 more articles (from abp_lcr_triplets_sample.jsonl).
Prints per run: wall time per stage, claims, candidate pairs, NLI pairs scored, peak resident
memory of the batch process, index size on disk; and the NLI calls that scoring every
cross-article claim pair within each shared topic would have needed.

    python benchmarks/batch_scale.py --work /tmp/scale [--articles 5000] [--pair-budget 4000]
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "news"
ap = argparse.ArgumentParser()
ap.add_argument("--work", default="/tmp/contradict-scale")
ap.add_argument("--extra", type=int, default=100)
ap.add_argument("--articles", type=int, default=5000, help="use the first N articles of abp_5k.jsonl")
ap.add_argument("--pair-budget", type=int, help="passed to contradict batch (default: the settings default, 4000)")
a = ap.parse_args()
work = Path(a.work)
shutil.rmtree(work, ignore_errors=True)
inbox = work / "inbox"
inbox.mkdir(parents=True)
with open(SHARED / "abp_5k.jsonl", encoding="utf-8") as src, open(inbox / "abp.jsonl", "w", encoding="utf-8") as dst:
    for k, line in enumerate(src):
        if k >= a.articles:
            break
        dst.write(line)


def run_batch(tag):
    t = time.time()
    cmd = [sys.executable, "-m", "contradict", "batch", str(inbox), "--index-dir", str(work / "index"),
           "--reports-dir", str(work / "reports"), "-q"]
    if a.pair_budget:
        cmd += ["--pair-budget", str(a.pair_budget)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    p = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, HF_HUB_OFFLINE="1"))
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if p.returncode not in (0, 4):
        sys.exit(f"{tag} failed ({p.returncode}): {p.stderr[-2000:]}")
    rep = json.loads((work / "reports" / "latest" / "report.json").read_text())
    size = sum(f.stat().st_size for f in (work / "index").iterdir() if f.is_file())
    run = rep["run"]
    return {"wall_seconds": round(time.time() - t, 1), "exit_code": p.returncode,
            "peak_rss_mb": round(max(peak, before) / 1024, 1),
            "articles_new": run["articles_new"], "articles_skipped": run["articles_skipped"], "claims": run["claims"],
            "claims_new": run["claims_new"], "pairs_considered": run["pairs_considered"],
            "candidate_pairs": run["candidate_pairs"], "nli_directional_scored": run["pairs_scored"],
            "nli_cached": run["pairs_cached"], "seconds": run["seconds"],
            "peak_rss_mb_after_stage": run.get("peak_rss_mb"), "index_bytes_on_disk": size,
            "tensions": len(rep["tensions"]), "contradictions": rep["summary"]["contradictions"],
            "pairs_unscored": rep["summary"].get("pairs_unscored"),
            "pairs_left_unread": rep["summary"].get("pairs_left_unread")}


first = run_batch("run 1")
first_ids = [aid for (aid,) in __import__("sqlite3").connect(str(work / "index" / "contradict.sqlite")).execute(
    "SELECT id FROM articles")]
with open(SHARED / "abp_lcr_triplets_sample.jsonl", encoding="utf-8") as src, \
        open(inbox / "extra.jsonl", "w", encoding="utf-8") as dst:
    for k, line in enumerate(src):
        if k >= a.extra:
            break
        dst.write(line)
second = run_batch("run 2")

# the alternative: every cross-article claim pair within each topic, scored both ways
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import sqlite3  # noqa: E402

db = sqlite3.connect(str(work / "index" / "contradict.sqlite"))
topic = {}
for aid, meta in db.execute("SELECT id, meta FROM articles"):
    topic[aid] = json.loads(json.loads(meta or "{}").get("topic", '""') or '""')
per = defaultdict(lambda: defaultdict(int))
for aid, n in db.execute("SELECT article_id, COUNT(*) FROM claims GROUP BY article_id"):
    per[topic.get(aid, "")][aid] = n
within = 0
for _topic, arts in per.items():
    tot = sum(arts.values())
    within += (tot * tot - sum(v * v for v in arts.values())) // 2
# the nightly target (issue 41): seconds per new article of run 2 against run 1's, and every within-story
# candidate of the new articles read: the story reservation of run 2 is not scaled down by the pair budget
new_ids = {aid for (aid,) in db.execute("SELECT id FROM articles")} - set(first_ids)
stories = [json.loads(arts) for (arts,) in db.execute("SELECT articles FROM stories")]
claims_of = defaultdict(int)
for aid, n in db.execute("SELECT article_id, COUNT(*) FROM claims GROUP BY article_id"):
    claims_of[aid] = n
reserved = 0
for arts in stories:
    n, m = len(arts), len(set(arts) & new_ids)
    if n > 1 and m:
        reserved += 12 * (m * (n - m) + m * (m - 1) // 2)
story_new = [(a, b) for a, b, r in db.execute("SELECT a, b, reasons FROM candidates") if "same story" in (r or "")
             and (a.split(":")[0] in new_ids or b.split(":")[0] in new_ids)]
facts_new = sum(1 for a, b, r in db.execute("SELECT a, b, reasons FROM candidates") if "same fact" in (r or "")
                and (a.split(":")[0] in new_ids or b.split(":")[0] in new_ids))
nightly = {"run1_seconds_per_article": round(first["wall_seconds"] / max(1, first["articles_new"]), 3),
           "run2_seconds_per_new_article": round(second["wall_seconds"] / max(1, second["articles_new"]), 3),
           "stories_with_new_articles": sum(1 for arts in stories if len(arts) > 1 and set(arts) & new_ids),
           "within_story_reserved_for_new": reserved, "within_story_candidates_of_new": len(story_new),
           "fact_candidates_of_new": facts_new, "run2_pairs_unscored": second["pairs_unscored"]}
nightly["ratio"] = round(nightly["run2_seconds_per_new_article"] / nightly["run1_seconds_per_article"], 3)
print(json.dumps({"nightly": nightly, "run1": first, "run2": second,
                  "run2_over_run1_wall": round(second["wall_seconds"] / first["wall_seconds"], 3),
                  "all_within_topic_pairs": within, "all_within_topic_nli_calls": 2 * within,
                  "nli_calls_made": first["nli_directional_scored"] + second["nli_directional_scored"],
                  "nli_calls_saved": 2 * within - first["nli_directional_scored"] - second["nli_directional_scored"]},
                 indent=2))
