#!/bin/sh
# Terminal captures (80 and 160 columns) and an HTML screenshot of a report, as a reader sees them (issue 22).
#   benchmarks/captures.sh INDEX_DIR OUT_DIR
# They hold article text: keep them out of the repository (the corpora's text may not be copied into it).
set -eu
INDEX=$1; OUT=$2; mkdir -p "$OUT"
for cols in 80 160; do
  COLUMNS=$cols .venv/bin/contradict report --index-dir "$INDEX" > "$OUT/report-$cols.txt"
done
.venv/bin/contradict report --index-dir "$INDEX" --format html -o "$OUT/report.html"
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$(mktemp -d)" --window-size=1280,2400 \
  --screenshot="$OUT/report.png" "file://$(realpath "$OUT/report.html")" 2>/dev/null
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$(mktemp -d)" --window-size=1280,2400 \
  --screenshot="$OUT/report-numeric.png" "file://$(realpath "$OUT/report.html")#kind=numeric" 2>/dev/null
wc -l "$OUT"/report-*.txt
