"""Find input files and parse them into raw documents: .txt, .md, .html/.htm, .json (one article or a
list) and .jsonl (one article a line). Anything unusable becomes a ``Problem`` value, never an exception.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from contradict.inputs.decode import decode, html_to_text
from contradict.untrusted import shown

log = logging.getLogger(__name__)

SUFFIXES = {".txt", ".md", ".markdown", ".html", ".htm", ".json", ".jsonl"}


@dataclass(frozen=True)
class Problem:
    path: str
    message: str  # what is wrong and what was done
    skipped: bool = True  # False: the input was read (perhaps repaired or truncated)
    partial: bool = False  # read only in part, or decoded as something other than UTF-8
    file: str = ""  # the input file or folder it concerns, when ``path`` names a part of it (a line, a record)

    def __str__(self) -> str:
        return shown(f"{self.path}: {self.message}")

    @property
    def where(self) -> str:
        """The file or folder this problem is about: articles stored from it are not retired this run."""
        return self.file or self.path


@dataclass(frozen=True)
class RawDoc:
    id: str
    title: str
    source: str
    date: str
    text: str
    path: str
    markup: str  # "text" | "markdown" | "html"
    meta: tuple[tuple[str, str], ...] = ()
    default_id: str = ""  # the id the file gives it (its stem, or stem-N for a line or record): when ``id`` is empty
    origin: str = ""  # where it was read, for messages: the path, or path:line, path[record]

    @property
    def where(self) -> str:
        return self.origin or self.path


# ---------------------------------------------------------------- finding files


def contradict_output(d: Path, exclude: Iterable[str] = ()) -> str:
    """What contradict wrote in directory ``d``, said for a message, or "" for anything else. ``exclude``: the
    real paths of the index and reports directories in use."""
    try:
        if os.path.realpath(d) in exclude:
            return "the index or reports directory in use"
        if (d / "contradict.sqlite").is_file():
            return "a contradict index directory"
        if (d / "latest").is_symlink() and (d / "latest" / "report.json").is_file():
            return "a contradict reports directory"
        if (d / "report.json").is_file() and (d / "delta.json").is_file():
            return "a contradict report run"
    except OSError:
        pass
    return ""


def _inside_output(p: Path, exclude: Iterable[str]) -> str:
    """For a file named on the command line: the contradict output directory that holds it, said, or ""."""
    real = os.path.realpath(p)
    if any(real.startswith(e.rstrip(os.sep) + os.sep) for e in exclude):
        return "in the index or reports directory in use"
    for d in (p.parent, p.parent.parent):
        what = contradict_output(d)
        if what:
            return "in " + what
    return ""


def collect_files(paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> tuple[list[Path], list[Problem]]:
    """Expand files and directories (recursively) into input files.

    Paths named by the user are taken as given (a named symlink is followed). Inside a directory, a
    symlink is followed only when its target lies inside one of the named inputs: a link to ``/`` dropped
    into an inbox must not pull the host's files into the store. FIFOs, devices and sockets are skipped,
    named or found: reading one could block forever or never end. What contradict writes is never read
    back as input: index and reports directories (``exclude``, and any that holds a store, a ``latest`` run
    or a run's report.json and delta.json) are passed over inside a folder, and refused when named.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()
    roots = [os.path.realpath(p) for p in paths]
    outputs = {os.path.realpath(p) for p in exclude}

    def inside_roots(real: str) -> bool:
        return any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in roots)

    def add_file(p: Path):
        real = os.path.realpath(p)
        if real not in seen_files:
            seen_files.add(real)
            files.append(p)

    def walk(d: Path):
        real = os.path.realpath(d)
        if real in seen_dirs:
            problems.append(Problem(str(d), "symlink loop: directory already visited, skipped"))
            return
        seen_dirs.add(real)
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except OSError as exc:
            problems.append(Problem(str(d), f"cannot list directory ({exc.strerror}), skipped"))
            return
        for e in entries:
            if e.name.startswith("."):
                continue
            p = Path(e.path)
            try:
                if e.is_symlink():
                    target = os.path.realpath(p)
                    if not os.path.exists(target):
                        problems.append(Problem(str(p), "broken symlink, skipped"))
                        continue
                    if not inside_roots(target):
                        problems.append(Problem(str(p), f"symlink to {target}, outside the input folders, skipped"))
                        continue
                if e.is_dir():
                    what = contradict_output(p, outputs)
                    if what:
                        log.info("%s: %s, not read as input", shown(str(p)), what)
                        continue
                    walk(p)
                elif e.is_file():
                    if p.suffix.lower() in SUFFIXES:
                        add_file(p)
                elif p.suffix.lower() in SUFFIXES:
                    problems.append(Problem(str(p), f"not a regular file ({_kind(p)}), skipped"))
            except OSError as exc:
                problems.append(Problem(str(p), f"cannot stat ({exc.strerror}), skipped"))

    for raw in paths:
        p = Path(raw)
        what = contradict_output(p, outputs) if p.is_dir() else _inside_output(p, outputs) if p.exists() else ""
        if what:
            problems.append(Problem(str(p), f"{what}, not read as input; skipped"))
            continue
        if p.is_dir():
            before = len(files)
            walk(p)
            if len(files) == before:
                problems.append(Problem(str(p), f"no article files ({', '.join(sorted(SUFFIXES))}) found"))
        elif p.is_file():
            add_file(p)
        elif p.is_symlink() and not p.exists():
            problems.append(Problem(str(p), "broken symlink, skipped"))
        elif p.exists():
            problems.append(Problem(str(p), f"not a regular file ({_kind(p)}), skipped"))
        else:
            problems.append(Problem(str(p), "no such file or directory"))
    return files, problems


def _kind(p: Path) -> str:
    import stat

    try:
        mode = p.stat().st_mode
    except OSError:
        return "unreadable"
    for test, name in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "a special file"


# ---------------------------------------------------------------- parsing formats


_FIELDS = ("id", "title", "source", "date", "text")


def _either(doc: RawDoc | None, prob: Problem | None) -> RawDoc | Problem:
    """What :func:`_from_record` made of a record: its document, else the problem with it."""
    if doc is not None:
        return doc
    assert prob is not None  # _from_record gives one or the other
    return prob


def _from_record(rec, path: Path, where: str, default_id: str) -> tuple[RawDoc | None, Problem | None]:
    if not isinstance(rec, dict):
        return None, Problem(f"{path}{where}", f"expected a JSON object, got {type(rec).__name__}; skipped",
                             file=str(path))
    text = rec.get("text", rec.get("body", rec.get("content")))
    if not isinstance(text, str):
        what = "missing" if text is None else f"not a string ({type(text).__name__})"
        return None, Problem(f"{path}{where}", f"field 'text' is {what}; skipped", file=str(path))
    bad = [k for k in ("title", "source", "date") if k in rec and rec[k] is not None and not isinstance(rec[k], str)]
    if bad:
        return None, Problem(f"{path}{where}", f"field(s) {', '.join(bad)} must be strings; skipped",
                             file=str(path))
    rid = rec.get("id")
    if rid is not None and not isinstance(rid, (str, int)):
        return None, Problem(f"{path}{where}", "field 'id' must be a string or number; skipped", file=str(path))
    meta = tuple(sorted((k, json.dumps(v, sort_keys=True, ensure_ascii=False)) for k, v in rec.items()
                        if k not in _FIELDS))
    markup = "html" if re.search(r"</(p|div|span|br|a)>", text[:5000], re.I) else "markdown"
    return RawDoc(
        id=str(rid) if rid is not None and str(rid).strip() else default_id,
        title=(rec.get("title") or "").strip(),
        source=(rec.get("source") or "").strip(),
        date=(rec.get("date") or "").strip(),
        text=text, path=str(path), markup=markup, meta=meta, default_id=default_id, origin=f"{path}{where}",
    ), None


def read_docs(path: Path, max_bytes: int) -> Iterator[RawDoc | Problem]:
    """Parse one input file into raw documents, yielding a Problem for anything unreadable.

    ``.jsonl`` is streamed a line at a time (any size; a line longer than ``max_bytes`` is
    skipped); other files are read up to ``max_bytes``.
    """
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
        fh = open(path, "rb")
    except OSError as exc:
        yield Problem(str(path), f"cannot read ({exc.strerror or exc}), skipped")
        return
    with fh:
        if size == 0:
            yield Problem(str(path), "empty file, skipped")
            return
        if suffix == ".jsonl":
            yield from _read_jsonl(fh, path, max_bytes)
            return
        try:
            data = fh.read(max_bytes + 1)
        except OSError as exc:
            yield Problem(str(path), f"cannot read ({exc.strerror or exc}), skipped")
            return
    if len(data) > max_bytes:
        data = data[:max_bytes]
        yield Problem(str(path), f"larger than {max_bytes:,} bytes: only the first {max_bytes:,} read",
                      skipped=False, partial=True)
    text, note = decode(data)
    if text is None:
        yield Problem(str(path), f"{note}, skipped")
        return
    if note:
        yield Problem(str(path), note, skipped=False, partial=True)
    if not text.strip():
        yield Problem(str(path), "only whitespace, skipped")
        return
    stem = path.stem
    if suffix == ".json":
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Problem(str(path), f"malformed JSON ({exc.msg} at line {exc.lineno}), skipped")
            return
        recs = obj if isinstance(obj, list) else [obj]
        for n, rec in enumerate(recs):
            doc, prob = _from_record(rec, path, f"[{n}]" if isinstance(obj, list) else "",
                                     f"{stem}-{n}" if isinstance(obj, list) else stem)
            yield _either(doc, prob)
    elif suffix in (".html", ".htm"):
        title, body = html_to_text(text)
        yield RawDoc(stem, title, "", "", body, str(path), "html", default_id=stem)
    else:
        yield RawDoc(stem, "", "", "", text, str(path), "markdown" if suffix in (".md", ".markdown") else "text",
                     default_id=stem)


def _read_jsonl(fh, path: Path, max_bytes: int) -> Iterator[RawDoc | Problem]:
    seen_any = False
    n = 0
    while True:
        try:
            raw = fh.readline(max_bytes + 1)
        except OSError as exc:
            yield Problem(str(path), f"read error after line {n} ({exc.strerror or exc}), rest skipped")
            return
        if not raw:
            break
        n += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            while raw and not raw.endswith(b"\n"):  # skip the rest of an oversized line
                raw = fh.readline(max_bytes)
            yield Problem(f"{path}:{n}", f"line longer than {max_bytes:,} bytes, skipped", file=str(path))
            continue
        if not raw.strip():
            continue
        seen_any = True
        text, note = decode(raw)
        if text is None:
            yield Problem(f"{path}:{n}", f"{note}, line skipped", file=str(path))
            continue
        try:
            rec = json.loads(text)
        except json.JSONDecodeError as exc:
            yield Problem(f"{path}:{n}", f"malformed JSON ({exc.msg}), line skipped", file=str(path))
            continue
        doc, prob = _from_record(rec, path, f":{n}", f"{path.stem}-{n}")
        yield _either(doc, prob)
    if not seen_any:
        yield Problem(str(path), "only whitespace, skipped")
