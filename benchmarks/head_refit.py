"""Can the shipped MPNet reach its dev targets (issue 19) by refitting only its classifier head? A training pass of
the whole model runs at 4.4 pairs/s in fp32 on a 2-core CPU without bf16; the head alone trains in seconds on the
[CLS] features the shipped int8 encoder computes, as reports compute them (one pair per run, this CPU's int8
reading). Not a recipe step: the model card's "Tried and not shipped" reads its output.

    python benchmarks/head_refit.py features OUT_DIR       # the dev splits and a training mix (about 35 min)
    python benchmarks/head_refit.py fit OUT_DIR            # choose on dev half A, read half B; writes OUT_DIR/head.npz
    python benchmarks/head_refit.py export OUT_DIR MODEL   # the shipped model with that head, for real_text.py and
                                                           # model_card.py (--nli-prefilter contradict-nli-minilm)

``features`` stores, per set, the [CLS] vector the head reads and the shipped logits: VitaminC, CAD-SNLI,
PERSPECTRUM and SNLI dev (the 1,273 of ``snli_dev_subset.jsonl``) and SNLI dev shuffled, as
``benchmarks/class_shift.py`` reads them; for training, all 8,330 CAD-SNLI train pairs and a 26,280-pair mix drawn
as the eighth pass's was (``recipes._news_pass``, another seed, CAD-SNLI left out of it). ``fit`` trains the head
(dense, tanh, output layer; or the output layer alone) from the shipped weights, dequantized, with Adam on the
training features, over a grid (learning rate, epochs, which layers, CAD-SNLI weighted 1 or 2), each with its best
class shift; grid point and shift are chosen on half A of each dev split by class_shift.py's own halves, search and
targets (the largest smallest margin, shuffled SNLI dev <= 0.10), and read on half B.
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"
NLI = SHARED / "nli"
SHIPPED = ROOT / "contradict" / "models" / "contradict-nli-mpnet"
CLS = "/m/classifier/Gather_output_0"  # the head's input: the [CLS] row after the last layer
DEV = ("vitaminc", "cad", "perspectrum", "snli_dev", "snli_dev_shuffled")
TRAIN = ("train_cad",) + tuple(f"train_mix{k}" for k in range(6))


def _labels():
    from contradict.backends.nli import LABELS

    order = [v for _, v in sorted(json.loads((SHIPPED / "config.json").read_text())["id2label"].items(),
                                  key=lambda kv: int(kv[0]))]
    return list(LABELS), [order.index(label) for label in LABELS]  # LABELS, and each one's model column


def features(out: Path) -> None:
    import onnx
    from onnx import TensorProto, helper

    from contradict.backends import nli
    from contradict.lab.data import build_dataset
    from contradict.lab.evaluate import read_pairs, shuffle_pairs
    from contradict.lab.recipes import _news_pass

    out.mkdir(parents=True, exist_ok=True)
    model_dir = out / "model-with-cls"
    if not (model_dir / "model.onnx").exists():
        m = onnx.load(str(SHIPPED / "model.onnx"))
        m.graph.output.append(helper.make_tensor_value_info(CLS, TensorProto.FLOAT, None))
        model_dir.mkdir(exist_ok=True)
        for f in ("tokenizer.json", "tokenizer_config.json", "config.json"):
            shutil.copy(SHIPPED / f, model_dir / f)
        onnx.save(m, str(model_dir / "model.onnx"), save_as_external_data=True, all_tensors_to_one_file=True,
                  location="model.onnx.data")
    scorer = nli.OnnxScorer(model_dir, threads=2)

    def run(pair):
        enc = scorer._encode([pair])[0]
        logits, cls = scorer.session.run(None, {"input_ids": np.array([enc.ids], np.int64),
                                                "attention_mask": np.array([enc.attention_mask], np.int64)})
        return np.concatenate([logits[0], cls[0]]).astype(np.float32)

    def dump(name, rows):
        target = out / f"{name}.npz"
        if target.exists():
            return
        with ThreadPoolExecutor(scorer.workers) as pool:
            x = np.stack(list(pool.map(run, [(p, h) for p, h, _ in rows], chunksize=16)))
        np.savez(target, logits=x[:, :3], cls=x[:, 3:], gold=np.array([g for *_, g in rows]))
        print(f"{name}: {len(rows)} pairs", file=sys.stderr, flush=True)

    extra = NLI / "extra"
    snli_dev = read_pairs(NLI / "snli_dev_subset.jsonl")
    for name, rows in (("vitaminc", read_pairs(extra / "vitaminc_dev.jsonl")),
                       ("cad", read_pairs(extra / "cad_snli_dev.jsonl")),
                       ("perspectrum", read_pairs(extra / "perspectrum_dev.jsonl")),
                       ("snli_dev", snli_dev), ("snli_dev_shuffled", shuffle_pairs(snli_dev))):
        dump(name, rows)
    dump("train_cad", read_pairs(extra / "cad_snli_train.jsonl"))
    cfg = _news_pass(NLI / "snli" / "snli_1.0_train_subset.jsonl", SHARED / "news" / "abp_5k.jsonl", out / "unused",
                     extra, None, 13 + 89, 1e-5, vitaminc=6000, cad=0, perspectrum=2000, taxinli=1500,
                     snli_sample=2000, edits=1000, news_each=600, rnd=1000, shared=500, swapped=250,
                     swapped_neutral=500, denials=True, same_article=2000)
    mix = build_dataset(cfg)
    for k in range(0, len(mix), 5000):
        dump(f"train_mix{k // 5000}", mix[k:k + 5000])


def shipped_head() -> dict:
    import onnx
    from onnx import numpy_helper

    init = {t.name: numpy_helper.to_array(t) for t in onnx.load(str(SHIPPED / "model.onnx")).graph.initializer}

    def weight(stem):
        q = init[stem + "_quantized"].astype(np.float32)
        return (q - init[stem + "_zero_point"].astype(np.float32)) * init[stem + "_scale"]

    return {"w1": weight("m.classifier.dense.weight_Transposed"), "b1": init["m.classifier.dense.bias"],
            "w2": weight("m.classifier.out_proj.weight_Transposed"), "b2": init["m.classifier.out_proj.bias"]}


def _logits(head, x, cols):
    return (np.tanh(x @ head["w1"] + head["b1"]) @ head["w2"] + head["b2"])[:, cols]


def fit(out: Path) -> None:
    import torch
    from class_shift import fit as best_shift
    from class_shift import measures, split_halves

    torch.set_num_threads(2)
    labels, cols = _labels()
    h0 = shipped_head()
    dev = {n: dict(np.load(out / f"{n}.npz")) for n in DEV}
    halves = split_halves({n: dev[n]["gold"] for n in DEV})
    parts = [dict(np.load(out / f"{n}.npz")) for n in TRAIN]
    x = torch.tensor(np.concatenate([p["cls"] for p in parts]))
    y = torch.tensor(np.concatenate([[cols[labels.index(g)] for g in p["gold"]] for p in parts]))
    source = np.concatenate([np.full(len(p["gold"]), k) for k, p in enumerate(parts)])

    def probabilities(head) -> dict:
        """The dev splits as class_shift.py reads them: probabilities (LABELS order) and gold labels."""
        got = {}
        for n in DEV:
            z = _logits(head, dev[n]["cls"], cols)
            e = np.exp(z - z.max(axis=1, keepdims=True))
            got[n], got[n + "_gold"] = e / e.sum(axis=1, keepdims=True), dev[n]["gold"]
        return got

    def half(k):
        return {n: h[k] for n, h in halves.items()}

    def refit(lr, epochs, which, cad_weight):
        torch.manual_seed(13)
        p0 = {k: torch.tensor(v) for k, v in h0.items()}
        p = {k: v.clone().requires_grad_(which == "all" or k in ("w2", "b2")) for k, v in p0.items()}
        opt = torch.optim.Adam([v for v in p.values() if v.requires_grad], lr=lr)
        w = torch.tensor(np.where(source == 0, cad_weight, 1.0).astype(np.float32))
        gen = torch.Generator().manual_seed(13)
        for _ in range(epochs):
            order = torch.randperm(len(y), generator=gen)
            for i in range(0, len(y), 256):
                b = order[i:i + 256]
                z = torch.tanh(x[b] @ p["w1"] + p["b1"]) @ p["w2"] + p["b2"]
                loss = (torch.nn.functional.cross_entropy(z, y[b], reduction="none") * w[b]).sum() / w[b].sum()
                opt.zero_grad()
                loss.backward()
                opt.step()
        return {k: v.detach().numpy() for k, v in p.items()}

    d0 = probabilities(h0)
    result = {"shipped": {"all": measures(d0, np.zeros(3)), "half_a": measures(d0, np.zeros(3), half(0)),
                          "half_b": measures(d0, np.zeros(3), half(1))}, "grid": []}
    best = None
    for lr, epochs, which, cad_weight in itertools.product((1e-4, 1e-3), (1, 3), ("out", "all"), (1.0, 2.0)):
        head = refit(lr, epochs, which, cad_weight)
        d = probabilities(head)
        chosen = best_shift(d, half(0), 0.10)  # (key, shift by name, shift, margin on half A)
        point = {"lr": lr, "epochs": epochs, "layers": which, "cad_weight": cad_weight}
        result["grid"].append({**point, "half_a": measures(d, np.zeros(3), half(0)),
                               "shift": chosen[1] if chosen else None,
                               "half_a_shifted": measures(d, chosen[2], half(0)) if chosen else None})
        if chosen and (best is None or chosen[0] < best[0]):
            best = (chosen[0], point, chosen[1], chosen[2], head, d)
        print(json.dumps(result["grid"][-1]), file=sys.stderr, flush=True)
    _, point, named, shift, head, d = best
    result["chosen"] = {**point, "shift": named, "half_b": measures(d, shift, half(1)), "all": measures(d, shift)}
    np.savez(out / "head.npz", shift=shift, **head)
    print(json.dumps(result, indent=1))


def export(out: Path, model: Path) -> None:
    """The shipped model with the fitted head (fp32, the shift in its output bias) in place of its int8 one."""
    import onnx
    from onnx import helper, numpy_helper

    from contradict.backends.int8 import drop_unused_initializers

    labels, cols = _labels()
    fitted = dict(np.load(out / "head.npz"))
    b2 = fitted["b2"].copy()
    for k, s in enumerate(fitted["shift"]):
        b2[cols[k]] += s
    m = onnx.load(str(SHIPPED / "model.onnx"))
    g = m.graph
    cut = next(i for i, n in enumerate(g.node) if CLS in n.output) + 1
    kept = list(g.node[:cut])
    del g.node[:]
    g.node.extend(kept)
    for name, value in (("refit.w1", fitted["w1"]), ("refit.b1", fitted["b1"]), ("refit.w2", fitted["w2"]),
                        ("refit.b2", b2)):
        g.initializer.append(numpy_helper.from_array(value.astype(np.float32), name))
    g.node.extend([helper.make_node("MatMul", [CLS, "refit.w1"], ["refit.dense"]),
                   helper.make_node("Add", ["refit.dense", "refit.b1"], ["refit.dense_b"]),
                   helper.make_node("Tanh", ["refit.dense_b"], ["refit.tanh"]),
                   helper.make_node("MatMul", ["refit.tanh", "refit.w2"], ["refit.out"]),
                   helper.make_node("Add", ["refit.out", "refit.b2"], [g.output[0].name])])
    drop_unused_initializers(g)
    model.mkdir(parents=True, exist_ok=True)
    for f in ("tokenizer.json", "tokenizer_config.json", "config.json"):
        shutil.copy(SHIPPED / f, model / f)
    onnx.save(m, str(model / "model.onnx"), save_as_external_data=True, all_tensors_to_one_file=True,
              location="model.onnx.data")
    print(model)


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("features").add_argument("out", type=Path)
    sub.add_parser("fit").add_argument("out", type=Path)
    a_export = sub.add_parser("export")
    a_export.add_argument("out", type=Path)
    a_export.add_argument("model", type=Path)
    a = ap.parse_args()
    needs = {"fit": [f"{n}.npz" for n in DEV + TRAIN], "export": ["head.npz"]}.get(a.cmd, [])
    missing = [f for f in needs if not (a.out / f).exists()]
    if missing:
        sys.exit(f"head_refit.py: {a.out} lacks {missing[0]}; run `features` (then `fit`) into it first")
    if a.cmd == "features":
        features(a.out)
    elif a.cmd == "fit":
        fit(a.out)
    else:
        export(a.out, a.model)


if __name__ == "__main__":
    main()
