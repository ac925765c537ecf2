"""The frame reader in one process and in two, on the same claims in one run (issue 23).

    python benchmarks/frames_processes.py ../shared/data/news/abp_lcr_triplets_sample.jsonl

Prints claims/s for each and their ratio, and checks that both give the same reads.
"""

from __future__ import annotations

import sys
import time

from contradict.inputs import ingest
from contradict.stages import claims as claims_mod
from contradict.stages import frames


def main(path: str) -> int:
    arts, _ = ingest.load([path], 500_000_000, 200_000)
    cls = [c for a in sorted(arts, key=lambda a: a.id) for c in claims_mod.extract(a)]
    rates, reads = {}, {}
    for n in (1, 2):
        reader = frames.SpacyReader(processes=n)
        if n == 1:
            assert reader.nlp is not None
        else:
            reader.read([(c, "") for c in cls[:400]])  # start the workers before the clock
        t = time.perf_counter()
        reads[n] = frames.read_claims(reader, cls)
        rates[n] = len(cls) / (time.perf_counter() - t)
        reader.close()
        print(f"processes {n}: {rates[n]:.0f} claims/s")
    print(f"same reads: {reads[1] == reads[2]}")
    print(f"ratio: {rates[2] / rates[1]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
