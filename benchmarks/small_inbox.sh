#!/bin/sh
# The nightly batch on a small inbox (issue 22): 20 abp_lcr articles, then 10 more, for an older checkout (OLD,
# e.g. a git worktree) and this one, interleaved in one run so both see the same machine. Run from the repository:
#   git worktree add /tmp/old 2046525 && OLD=/tmp/old benchmarks/small_inbox.sh
set -u
REPO=$(pwd)
CORPUS=$(realpath ../shared/data/news/abp_lcr_triplets_sample.jsonl)
OLD=${OLD:?set OLD to an older checkout}
WORK=$(mktemp -d)
mk() {  # mk before|after first|more: put articles 1-20 or 21-30 into that side's inbox
  python3 - "$CORPUS" "$WORK/$1/inbox" "$2" <<'PY'
import json, sys
rows = [json.loads(line) for line in open(sys.argv[1])][:30]
lo, hi = (0, 20) if sys.argv[3] == "first" else (20, 30)
for r in rows[lo:hi]:
    json.dump(r, open(f"{sys.argv[2]}/{r['id']}.json", "w"))
PY
}
for which in before after; do mkdir -p "$WORK/$which/inbox" && mk $which first; done
for run in 1 2; do
  for which in before after; do
    if [ $which = before ]; then code=$OLD; else code=$REPO; fi
    s=$(date +%s.%N)
    # run from outside any checkout, so that PYTHONPATH decides which code runs
    (cd "$WORK" && PYTHONPATH=$code "$REPO/.venv/bin/python" -m contradict batch "$WORK/$which/inbox" \
       --index-dir "$WORK/$which/idx" --reports-dir "$WORK/$which/rep" > "$WORK/$which/run$run.log" 2>&1)
    e=$(date +%s.%N)
    echo "$which run$run $(python3 -c "print(round($e - $s, 1))") s :: $(grep -h 'batch:' "$WORK/$which/run$run.log" | sed 's/.*· ingest/ingest/')"
  done
  for which in before after; do mk $which more; done
done
