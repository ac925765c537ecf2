"""The JSON Schemas of contradict's outputs, generated from their typed models (``contradict/schema/*.schema.json``).

    python -m contradict.report.schema            # write the files
    python -m contradict.report.schema --check    # exit 1 when a file differs from what the models give (CI)
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from contradict import serial_schema
from contradict.report.model import Report
from contradict.report.outputs import ActorFrames, Articles, Calibration, Delta, Facts, Frames, Stories

log = logging.getLogger(__name__)

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schema"

# file name -> (the model or models, title, description)
OUTPUTS: dict[str, tuple[type | tuple[type, ...], str, str]] = {
    "report": (Report, "contradict report (contradict report --format json)",
               "The documented report object. Later versions may add keys; none of these goes away."),
    "delta": (Delta, "contradict nightly delta (delta.json of contradict batch)",
              "What changed since the previous run; report.json holds it as `delta`."),
    "calibrate": (Calibration, "contradict calibrate --format json", ""),
    "articles": (Articles, "contradict articles --format json", ""),
    "facts": (Facts, "contradict facts --format json", ""),
    "stories": (Stories, "contradict stories --format json", ""),
    "frames": ((Frames, ActorFrames), "contradict frames --format json",
               "Every actor's frames, or with --actor one actor's."),
}


def schemas() -> dict[str, str]:
    """File name -> its text, as the models give it."""
    return {f"{name}.schema.json": json.dumps(serial_schema.schema(cls, name, title, desc), indent=1, ensure_ascii=False)
            + "\n" for name, (cls, title, desc) in OUTPUTS.items()}


def stale(directory: Path = SCHEMA_DIR) -> list[str]:
    """The schema files that differ from what the models give (or are missing)."""
    return [name for name, text in schemas().items()
            if not (directory / name).exists() or (directory / name).read_text(encoding="utf-8") != text]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m contradict.report.schema", description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 when a schema file is not what the models give")
    ap.add_argument("--dir", type=Path, default=SCHEMA_DIR)
    args = ap.parse_args(argv)
    if args.check:
        bad = stale(args.dir)
        if bad:
            sys.stderr.write(f"schema files out of date: {', '.join(bad)} (run python -m contradict.report.schema)\n")
            return 1
        return 0
    args.dir.mkdir(parents=True, exist_ok=True)
    for name, text in schemas().items():
        (args.dir / name).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
