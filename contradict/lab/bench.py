"""Benchmarks: NLI backends side by side, model loading cost, and the whole pipeline from an empty index."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from contradict.lab.evaluate import read_pairs


def bench_nli(pairs_file: Path, fp32_model: Path | None, n: int = 2000, onnx_model: str = "default",
              fp32_base: Path | None = None) -> dict:
    """Score the same ``n`` pairs with (a) CrossEncoder fp32 PyTorch and (b) the int8 ONNX model.

    Without ``fp32_model`` (the training run's weights, not shipped), (a) runs an fp32 model rebuilt
    from (b)'s own weights on the architecture of ``fp32_base`` (default: the one in the export's config,
    or for the MiniLM, whose config has only labels, the packaged all-MiniLM-L6-v2;
    :func:`contradict.export.dequantize_onnx`): the same computation in fp32,
    so the same speed, but its label agreement with (b) is not that of the original fp32 model.
    """
    from contradict.backends.nli import CrossEncoderScorer, load_scorer

    rows = read_pairs(pairs_file, limit=n)
    pairs = [(p, h) for p, h, _ in rows]
    out: dict[str, Any] = {"pairs": len(pairs)}
    with tempfile.TemporaryDirectory(prefix="contradict-bench-") as tmp:
        weights = "as trained"
        if fp32_model is None:
            fp32_model = _dequantized(onnx_model, fp32_base, Path(tmp) / "fp32")
            weights = "dequantized from the int8 model"
        for key, make in (("a_crossencoder_fp32", lambda: CrossEncoderScorer(str(fp32_model))),
                          ("b_onnx_int8", lambda: load_scorer(onnx_model))):
            scorer = make()
            scorer.score(pairs[:64])  # warm-up
            t = time.perf_counter()
            probs = scorer.score(pairs)
            took = time.perf_counter() - t
            out[key] = {"model": str(getattr(scorer, "name", key)), "seconds": round(took, 2),
                        "pairs_per_second": round(len(pairs) / took, 1)}
            out.setdefault("_preds", {})[key] = probs.argmax(axis=1)
    out["a_crossencoder_fp32"]["weights"] = weights
    preds = out.pop("_preds")
    out["label_agreement"] = round(float((preds["a_crossencoder_fp32"] == preds["b_onnx_int8"]).mean()), 4)
    out["b_onnx_int8"]["int8_products"] = _int8_products()
    out["ratio"] = round(out["b_onnx_int8"]["pairs_per_second"] / out["a_crossencoder_fp32"]["pairs_per_second"], 2)
    return out


def _int8_products() -> str:
    """How this CPU runs the int8 models' products (speeds differ about 3x between the two, contradict/int8.py)."""
    from contradict.backends.int8 import saturates

    return "uint8 weights (u8 x s8 saturates on this CPU)" if saturates() else "u8 x s8"


def bench_embed(paths: list[str], n: int = 2000, model: str = "all-MiniLM-L6-v2", precision: str = "auto") -> dict:
    """Embed the same ``n`` claims (the first articles of ``paths``, in id order) with (a) sentence-transformers
    fp32 PyTorch and (b) the default backend (OpenVINO, bf16 where the CPU has it): claims/s of each, the cosine of
    each (b) vector to its (a) vector, and (b)'s rate over (a)'s."""
    import numpy as np

    from contradict.backends.embed import SentenceTransformerEncoder, load_encoder
    from contradict.inputs.ingest import iter_articles
    from contradict.stages.claims import extract
    from contradict.types import Article

    texts: list[str] = []
    for item in iter_articles(paths):
        if isinstance(item, Article):
            texts += [c.text for c in extract(item) if c.text not in texts]
        if len(texts) >= n:
            break
    texts = texts[:n]
    a, b = SentenceTransformerEncoder(model, precision="fp32"), load_encoder(model, precision=precision)
    out: dict = {"claims": len(texts), "model": model}
    vecs = {}
    for key, enc in (("a_sentence_transformers_fp32", a), ("b_default", b)):
        enc.encode(texts[:64])  # warm-up
        t = time.perf_counter()
        vecs[key] = enc.encode(texts)
        took = time.perf_counter() - t
        out[key] = {"backend": type(enc).__name__, "bf16": bool(getattr(enc, "bf16", False)),
                    "seconds": round(took, 2), "claims_per_second": round(len(texts) / took, 1)}
    cos = (vecs["a_sentence_transformers_fp32"] * vecs["b_default"]).sum(1)
    out["cosine_min"], out["cosine_mean"] = round(float(cos.min()), 5), round(float(np.mean(cos)), 6)
    out["ratio"] = round(out["b_default"]["claims_per_second"] / out["a_sentence_transformers_fp32"]["claims_per_second"], 2)
    return out


_LOAD_PROBE = """
import json, resource, sys, time
t = time.perf_counter()
from contradict.backends.nli import scorer_for
from contradict.settings import Settings
s = scorer_for(Settings.from_env(nli_model=sys.argv[1], nli_prefilter=sys.argv[2]))  # default: both shipped
s.score([("A man plays a guitar.", "A person makes music.")])
took = time.perf_counter() - t
import psutil
# VmHWM is this program's own peak; ru_maxrss would include the forked parent's image before exec
hwm = [int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmHWM")][0]
print(json.dumps({"model": s.name, "seconds": round(took, 3), "rss_mb": round(psutil.Process().memory_info().rss / 2**20, 1),
                  "peak_rss_mb": round(hwm / 1024, 1)}))
"""


def _dequantized(onnx_model: str, base: Path | None, out: Path) -> Path:
    from contradict.backends.models import packaged_minilm_path
    from contradict.backends.nli import model_dir
    from contradict.errors import ContradictError
    from contradict.lab.export import dequantize_onnx

    src = model_dir(onnx_model)
    if not (src / "model.onnx").exists():
        raise ContradictError(f"no fp32 model to compare {onnx_model} with",
                              hint="pass --fp32-model (a Hugging Face directory), or an ONNX export as --nli-model")
    meta = json.loads((src / "config.json").read_text())
    if base is None and "hidden_size" not in meta and meta.get("model_type") == "bert":
        base = packaged_minilm_path()  # the shipped MiniLM's config carries only its labels
    return dequantize_onnx(src, base, out)


def bench_load(model: str = "default", prefilter: str = "auto") -> dict:
    """Load the model (and its prefilter) in a fresh process, imports included, and score one pair:
    time and memory."""
    res = subprocess.run([sys.executable, "-c", _LOAD_PROBE, model, prefilter], capture_output=True, text=True,
                         check=True)
    return json.loads(res.stdout.strip().splitlines()[-1])


def bench_pipeline(paths: list[str], settings, index_dir: Path | None = None) -> dict:
    """The full report from an empty index, model loading included, in this process."""
    from dataclasses import replace

    from contradict.runs.pipeline import Pipeline

    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        pipe = Pipeline(replace(settings, index_dir=index_dir or Path(tmp) / "index"))
        t = time.perf_counter()
        _ = pipe.encoder, pipe.scorer
        load = time.perf_counter() - t
        st = pipe.index(paths)
        t = time.perf_counter()
        report = pipe.report()
        rep = time.perf_counter() - t
        pipe.close()
    seconds = dict(st.seconds, models=round(load, 2), report=round(rep, 2))
    return {"articles": st.articles_new, "claims": st.claims, "pairs_considered": st.pairs_considered,
            "candidate_pairs": st.candidate_pairs, "nli_directional_scored": st.pairs_scored,
            "nli_model": report.summary.nli_model, "contradictions": report.summary.contradictions,
            "int8_products": _int8_products(), "seconds": seconds,
            "total_seconds": round(time.perf_counter() - t0, 2)}


WARM_UP = [("The council approved the budget on Monday.", "The council rejected the budget."),
           ("Officials said 12 people were hurt.", "Twelve people were injured, officials said.")]


def news_pairs(pairs_file: Path, corpus: Path, split: str = "test") -> list[tuple[str, str]]:
    """The claim pairs of a labelled-pairs file (``benchmarks/news_labels/pairs.jsonl``: claim ids, a split)
    as the NLI reads them (each claim with its context), their text read from ``corpus``, in the file's order."""
    from contradict.errors import ContradictError
    from contradict.inputs.ingest import iter_articles
    from contradict.stages.claims import extract
    from contradict.types import Article

    rows = [json.loads(x) for x in Path(pairs_file).read_text().splitlines() if x.strip()]
    rows = [r for r in rows if split in ("", "all") or r.get("split") == split]
    wanted = {r["article_a"] for r in rows} | {r["article_b"] for r in rows}
    text = {}
    for item in iter_articles([str(corpus)]):
        if isinstance(item, Article) and item.id in wanted:
            text.update({c.id: c.scored_text for c in extract(item)})
    pairs = [(text[r["a"]], text[r["b"]]) for r in rows if r["a"] in text and r["b"] in text]
    if not pairs:
        raise ContradictError(f"no pair of {pairs_file} ({split}) found in {corpus}")
    return pairs


def bench_cascade(pairs: list[tuple[str, str]], fp32_model: Path | None = None, fp32_base: Path | None = None,
                  settings=None) -> dict:
    """The whole cascade as reports run it (gate, MiniLM, MPNet; both directions of every pair) against (a)
    CrossEncoder fp32 of the same MPNet on the same pairs, and (c) the int8 MPNet alone: pairs/s of each, and
    the cascade's recall of (c)'s and (a)'s contradictions (a pair's label: ``nli.combine`` of both directions).
    The gate reads the claims' vectors, which a report has from its index: they are computed here first and
    their time is reported apart (``embed_seconds``), not in the cascade's."""

    import numpy as np

    from contradict.backends.embed import load_encoder
    from contradict.backends.gate import GatedScorer
    from contradict.backends.nli import CascadeScorer, CrossEncoderScorer, activations, combine, gate_for, load_scorer
    from contradict.settings import Settings

    s = settings or Settings()
    both = list(pairs) + [(b, a) for a, b in pairs]
    n = len(pairs)
    texts = sorted({t for p in pairs for t in p})
    enc = load_encoder(s.embed_model)
    t = time.perf_counter()
    vec = dict(zip(texts, np.asarray(enc.encode(texts), dtype=np.float32)))
    out: dict = {"pairs": n, "directional": len(both), "embed_seconds": round(time.perf_counter() - t, 2)}

    def labels(probs):
        return [combine(probs[i], probs[i + n])[0] for i in range(n)]

    with tempfile.TemporaryDirectory(prefix="contradict-bench-") as tmp:
        weights = "as trained"
        if fp32_model is None:
            fp32_model = _dequantized("contradict-nli-mpnet", fp32_base, Path(tmp) / "fp32")
            weights = "dequantized from the int8 model"

        how = activations(s)

        def cascade():
            strong = load_scorer("contradict-nli-mpnet", activations=how)
            fast = load_scorer("contradict-nli-minilm", activations=how)
            scorer = gate_for(s, CascadeScorer(strong, fast, s.prefilter_threshold),
                              lambda ts: np.stack([vec[x] if x in vec else enc.encode([x])[0] for x in ts]))
            if not isinstance(scorer, GatedScorer):
                raise ValueError("the settings name no gate: set nli_gate")
            return scorer

        got = {}
        for key, make in (("a_crossencoder_fp32", lambda: CrossEncoderScorer(str(fp32_model))),
                          ("b_cascade", cascade), ("c_mpnet_int8", lambda: load_scorer("contradict-nli-mpnet", activations=how))):
            scorer = make()
            scorer.score(WARM_UP)
            before = (getattr(scorer, "dropped", 0), getattr(getattr(scorer, "inner", None), "rescored", 0))
            t = time.perf_counter()
            probs = scorer.score(both)
            took = time.perf_counter() - t
            got[key] = labels(probs)
            out[key] = {"model": str(getattr(scorer, "name", key)), "seconds": round(took, 2),
                        "pairs_per_second": round(n / took, 2)}
            if key == "b_cascade":
                gated: Any = scorer
                out[key]["dropped_by_gate"] = gated.dropped - before[0]
                out[key]["read_by_minilm"] = len(both) - out[key]["dropped_by_gate"]
                out[key]["reread_by_mpnet"] = gated.inner.rescored - before[1]
        out["a_crossencoder_fp32"]["weights"] = weights
    out["b_cascade"]["int8_products"] = _int8_products()

    def recall(ref: str) -> dict:
        want = [i for i, lab in enumerate(got[ref]) if lab == "contradiction"]
        hit = sum(got["b_cascade"][i] == "contradiction" for i in want)
        return {"contradictions": len(want), "found": hit, "recall": round(hit / len(want), 4) if want else None}

    out["cascade_recall_of_mpnet_int8"] = recall("c_mpnet_int8")
    out["cascade_recall_of_fp32"] = recall("a_crossencoder_fp32")
    out["ratio"] = round(out["b_cascade"]["pairs_per_second"] / out["a_crossencoder_fp32"]["pairs_per_second"], 2)
    return out
