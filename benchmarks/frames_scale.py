"""Time and memory of the frames stage on a large corpus (issue 23).

    python benchmarks/frames_scale.py ../shared/data/news/abp_5k.jsonl [OTHER_SECONDS] [--show N]

Extracts the claims (not timed as frames), then reads them with the spaCy frame reader as the index run does
(the cheap filter, then entities and parse for the claims that pass), then builds actors, frames and tensions
as the report does. Prints claims, claims parsed, seconds per part and the peak resident memory, and the
frames stage's share of a first run whose other stages took OTHER_SECONDS (default: the 23-minute first run
of abp_5k measured in docs/nightly.md, "At scale"). ``--show N`` then prints the N strongest framing tensions
with up to three claims a side, to read and label.
"""

from __future__ import annotations

import os
import resource
import sys
import time

from contradict.inputs import ingest
from contradict.stages import claims as claims_mod
from contradict.stages import frames


def main(path: str, other_seconds: float = 23 * 60, show: int = 0) -> int:
    arts, _ = ingest.load([path], 500_000_000, 200_000)
    cls = [c for a in arts for c in claims_mod.extract(a)]
    parsed = sum(frames.worth_reading(c.text) for c in cls)
    reader = frames.SpacyReader(processes=min(2, os.cpu_count() or 1))  # as the index run does
    reader.read([(c, "") for c in cls[:2000]])  # the model (and the workers) loaded before the clock starts
    t = time.perf_counter()
    reads = frames.read_claims(reader, cls)
    read_s = time.perf_counter() - t
    t = time.perf_counter()
    actors, key_to_actor = frames.actors(reads, {c.id: c.article_id for c in cls})
    found = frames.frames(reads, {c.id: c for c in cls}, key_to_actor)
    ten = frames.tensions(found)
    agg_s = time.perf_counter() - t
    reader.close()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    total = read_s + agg_s
    print(f"articles {len(arts)} claims {len(cls)} parsed {parsed} ({parsed / len(cls):.0%})")
    print(f"read {read_s:.1f}s ({len(cls) / read_s:.0f} claims/s) actors+frames+tensions {agg_s:.1f}s")
    print(f"actors {len(actors)} frames {len(found)} framing tensions {len(ten)} links "
          f"{sum(len(r.links) for r in reads)}")
    print(f"peak resident memory {peak_mb:.0f} MB (claims and reads of the whole corpus held at once), "
          f"each worker {worker_mb:.0f} MB")
    print(f"share of a first run of {other_seconds / 60:.0f} min + frames: {total / (other_seconds + total):.1%}")
    names, by_claim, by_article = {a.id: a.name for a in actors}, {c.id: c for c in cls}, {a.id: a for a in arts}
    for n, t in enumerate(ten[:show], 1):
        print(f"{n}. {names[t.lead.actor]} -> {names[t.lead.target]} · score {t.score}")
        for side in (t.a, t.b):
            a = by_article[side.article]
            print(f"   [{side.article} · {a.source} · {a.date[:10]}] {names[side.actor]} {side.relation.value} "
                  f"{names[side.target]} ({len(side.claims)} claims)")
            for cid in side.claims[:3]:
                c = by_claim[cid]
                print(f"      - {c.text[:200]} ({c.speaker or 'article'})")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    shown = int(args.pop(args.index("--show") + 1)) if "--show" in args else 0
    args = [a for a in args if a != "--show"]
    sys.exit(main(args[0], *(float(x) for x in args[1:2]), show=shown))
