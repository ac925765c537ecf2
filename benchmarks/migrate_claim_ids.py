"""Carry the hand labels over an ingest change that rewrites claim text (and so claim ids, article:hash of the text).

    python benchmarks/migrate_claim_ids.py --old-root DIR [--write] CORPUS.jsonl ...

``DIR`` is a checkout of the code before the change (``git worktree add DIR COMMIT``). Both versions extract the
claims of each corpus; for each article whose text the change touched, every claim id that is gone is mapped to a
new claim of the same article (one that did not exist before): the one whose text equals the old text cleaned as the
new code cleans a line (``ingest._inline``), else one that holds that cleaned text (a fragment that became part of a
longer claim), else the closest by ``difflib`` ratio if it reaches ``MIN_RATIO``. With ``--write`` every label or
notes file under ``benchmarks/`` that names a gone id has it replaced (each file written whole, atomically); without,
only the counts are printed. Ids that find no new claim are listed: their labels stay as they are and name claims
that no longer exist. The old and new text of each id a label file names goes to stderr for reading (claim text:
keep it out of the repository).
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent
MIN_RATIO = 0.85  # below it the old claim was mostly pop-up text: its label is left naming a claim that is gone
_DUMP = """
import json, sys
sys.path.insert(0, {root!r})
from contradict.inputs import ingest
from contradict.stages import claims
arts, _ = ingest.load({paths!r}, 500_000_000, 200_000)
print(json.dumps({{a.id: [a.hash, [[c.id, c.text] for c in claims.extract(a)]] for a in arts}}))
"""


def dump(root: str, paths: list[str]) -> dict:
    """Article id -> (hash, [(claim id, text)]) as the code at ``root`` reads ``paths`` (run from /tmp, so ``root``
    and not the current checkout is imported)."""
    out = subprocess.run([sys.executable, "-c", _DUMP.format(root=root, paths=paths)], capture_output=True, text=True,
                         cwd="/tmp", check=True)
    return json.loads(out.stdout)


def mapping(old: dict, new: dict, clean=lambda t: t) -> tuple[dict[str, str], list[str]]:
    """Gone claim id -> its new id, and the gone ids that found none. ``clean``: the old text as the new code would
    write it."""
    out: dict[str, str] = {}
    lost: list[str] = []
    for art in sorted(old):
        if art not in new or old[art][0] == new[art][0]:
            continue
        now = {cid for cid, _ in new[art][1]}
        before = {cid for cid, _ in old[art][1]}
        fresh = [(cid, text) for cid, text in new[art][1] if cid not in before]
        for cid, text in old[art][1]:
            if cid in now:
                continue
            text = " ".join(clean(text).split())
            same = [c for c in fresh if c[1] == text] or [c for c in fresh if len(text) >= 20 and text in c[1]]
            if same:
                out[cid] = same[0][0]
                continue
            ratio, best = max(((difflib.SequenceMatcher(None, text, t, autojunk=False).ratio(), c) for c, t in fresh),
                              key=lambda rc: rc[0], default=(0.0, ""))
            if ratio >= MIN_RATIO:
                out[cid] = best
            else:
                lost.append(cid)
    return out, lost


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--old-root", required=True, help="a checkout of the code before the change")
    ap.add_argument("--write", action="store_true", help="rewrite the label files")
    ap.add_argument("corpora", nargs="+")
    a = ap.parse_args()
    paths = [str(Path(p).resolve()) for p in a.corpora]
    old, new = dump(a.old_root, paths), dump(str(HERE.parent), paths)
    sys.path.insert(0, str(HERE.parent))  # this checkout's cleaning, whatever else is installed
    from contradict.inputs.ingest import _inline

    ids, lost = mapping(old, new, _inline)
    text_old = {cid: t for art in old.values() for cid, t in art[1]}
    text_new = {cid: t for art in new.values() for cid, t in art[1]}
    files = sorted(p for p in HERE.rglob("*") if p.suffix in (".json", ".jsonl", ".md") and p.is_file())
    named: dict[str, int] = {}
    for f in files:
        t = f.read_text()
        hit = [g for g in ids if g in t] + [g for g in lost if g in t]
        if not hit:
            continue
        named[str(f.relative_to(HERE))] = len(hit)
        for g in hit:
            if g in ids:
                print(f"{f.name}: {text_old[g]!r}\n    -> {text_new[ids[g]]!r}", file=sys.stderr)
        if a.write:
            for g in hit:
                if g in ids:
                    t = t.replace(g, ids[g])
            tmp = f.with_name(f.name + ".tmp")
            tmp.write_text(t)
            os.replace(tmp, f)
    print(json.dumps({"articles_changed": sum(1 for x in old if x in new and old[x][0] != new[x][0]),
                      "ids_gone": len(ids) + len(lost), "mapped": len(ids), "lost": len(lost),
                      "label_files": named, "lost_in_labels": sorted(g for g in lost if any(
                          g in (HERE / f).read_text() for f in named))}, indent=1))


if __name__ == "__main__":
    main()
