"""Export a trained Hugging Face sequence classifier to ONNX and quantize it to int8 for onnxruntime."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path
from typing import Any

import numpy as np

from contradict.backends.activations import (  # noqa: F401 (moved to the product: reports apply them when they load)
    FEED_FORWARD,
    RANGES_FILE,
    per_token_activations,
)
from contradict.errors import ContradictError

log = logging.getLogger(__name__)


def export_onnx(model_dir: Path, out_dir: Path, quantize: bool = True, opset: int = 17,
                per_channel: bool = False, max_file_mb: float | None = 95) -> Path:
    """Write ``model.onnx`` (int8 dynamic quantization unless ``quantize`` is False), tokenizer and config.

    ``per_channel`` gives every output channel of a weight its own int8 scale. MPNet needs it: with
    one scale per tensor it lost 25 points of SNLI accuracy (0.857 -> 0.603 on 300 test pairs), per
    channel none. The shipped MiniLM model uses one scale per tensor (see its model card).
    ``max_file_mb``: a larger model goes into files of at most that size (:func:`shard_onnx`); the
    default keeps every file under GitHub's 100 MB limit (an int8 MPNet is 110 MB).
    """
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    model_dir, out_dir = Path(model_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model = AutoModelForSequenceClassification.from_pretrained(str(model_dir))
    model.eval()
    tok = AutoTokenizer.from_pretrained(str(model_dir))
    sample = tok(["A man is playing a guitar."], ["Nobody plays."], return_tensors="pt")
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in sample]  # MPNet: no segment ids
    args = tuple(sample[n] for n in names)
    fp32 = out_dir / ("model.fp32.onnx" if quantize else "model.onnx")

    class Wrapper(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, *inputs):
            return self.m(**dict(zip(names, inputs))).logits

    dyn = {n: {0: "batch", 1: "seq"} for n in names}
    dyn["logits"] = {0: "batch"}
    with torch.no_grad():
        torch.onnx.export(Wrapper(model), args, str(fp32), input_names=names, output_names=["logits"],
                          dynamic_axes=dyn, opset_version=opset, dynamo=False)
    if quantize:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(str(fp32), str(out_dir / "model.onnx"), weight_type=QuantType.QInt8,
                         per_channel=per_channel)
        fp32.unlink()
    if max_file_mb and (out_dir / "model.onnx").stat().st_size > max_file_mb * 2**20:
        shard_onnx(out_dir / "model.onnx", max_file_mb)
    tok.save_pretrained(str(out_dir))
    # the whole Hugging Face config: labels for the scorer, the architecture for dequantize_onnx
    cfg = json.loads((model_dir / "config.json").read_text())
    (out_dir / "config.json").write_text(json.dumps(cfg, indent=2, sort_keys=True))
    if (model_dir / "training.json").exists():
        shutil.copy(model_dir / "training.json", out_dir / "training.json")
    log.info("exported %s -> %s", model_dir, out_dir)
    return out_dir


def logits(model_dir: Path, pairs, batch_size: int = 64, max_tokens: int = 128):
    """Raw logits of a Hugging Face classifier (fp32), in the model's label order."""
    import numpy as np
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    model = AutoModelForSequenceClassification.from_pretrained(str(model_dir)).eval()
    tok = AutoTokenizer.from_pretrained(str(model_dir))
    order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
    out = np.zeros((len(pairs), model.config.num_labels), dtype=np.float32)
    with torch.no_grad():
        for k in range(0, len(order), batch_size):
            idx = order[k:k + batch_size]
            enc = tok([pairs[i][0] for i in idx], [pairs[i][1] for i in idx], padding=True, truncation=True,
                      max_length=max_tokens, return_tensors="pt")
            out[idx] = model(**enc).logits.numpy()
    return out, model.config.id2label


def shard_onnx(path: Path, max_file_mb: float = 95) -> list[Path]:
    """Move the weights of ``path`` into files beside it of at most ``max_file_mb`` each.

    An int8 MPNet is 110 MB in one file, over GitHub's 100 MB limit for a file. ONNX keeps large
    tensors in external data files that the graph names; onnxruntime and ``onnx.load`` read them
    from the model's directory. The graph (``model.onnx``) is rewritten last, so until then the old
    single file still holds everything. Returns the data files written (``model.onnx.data-1``, ...).
    """
    import os

    import onnx
    from onnx.external_data_helper import set_external_data

    path = Path(path)
    model = onnx.load(str(path))
    limit = int(max_file_mb * 2**20)
    shards: list[Any] = []
    written: list[Any] = []
    size = 0
    for tensor in model.graph.initializer:
        raw = tensor.raw_data
        if len(raw) < 1024:  # scales, zero points, small biases stay in the graph
            continue
        if len(raw) > limit:  # checked before anything is written
            raise ContradictError(f"tensor {tensor.name} ({len(raw) / 2**20:.1f} MB) is larger than {max_file_mb} MB")
        if not shards or size + len(raw) > limit:
            shards.append(bytearray())
            size = 0
        location = f"{path.name}.data-{len(shards)}"
        set_external_data(tensor, location=location, offset=size, length=len(raw))
        shards[-1] += raw
        size += len(raw)
        tensor.ClearField("raw_data")
        tensor.data_location = onnx.TensorProto.EXTERNAL
    for k, data in enumerate(shards, 1):
        target = path.with_name(f"{path.name}.data-{k}")
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_bytes(bytes(data))
        os.replace(tmp, target)
        written.append(target)
    tmp = path.with_name(path.name + ".tmp")
    onnx.save(model, str(tmp))
    os.replace(tmp, path)
    log.info("%s: weights moved into %d files of at most %s MB", path, len(written), max_file_mb)
    return written


def _contradiction_column(id2label) -> int:
    """The model's output column for contradiction, by the same label reading as scoring (``nli.label_order``)."""
    from contradict.backends.nli import LABELS, label_order

    return label_order(id2label)[LABELS.index("contradiction")]


def choose_shift(dev_logits, dev_gold, unrelated_logits, id2label, max_unrelated_rate: float = 0.05):
    """The smallest shift subtracted from the contradiction logit that keeps the share of unrelated
    pairs labelled contradiction at or under ``max_unrelated_rate``; with it, dev accuracy.

    Chosen on development data only (SNLI dev, shuffled SNLI dev), never on test sets.
    """
    import numpy as np

    c = _contradiction_column(id2label)
    names = {int(k): str(v).lower() for k, v in id2label.items()}
    rows = []
    for shift in np.arange(0.0, 4.01, 0.1):
        d, u = dev_logits.copy(), unrelated_logits.copy()
        d[:, c] -= shift
        u[:, c] -= shift
        acc = float(np.mean([names[int(i)] == g for i, g in zip(d.argmax(1), dev_gold)]))
        rate = float(np.mean(u.argmax(1) == c))
        rows.append((round(float(shift), 2), round(acc, 4), round(rate, 4)))
    ok = [r for r in rows if r[2] <= max_unrelated_rate]
    best = ok[0] if ok else min(rows, key=lambda r: r[2])
    return best, rows


def dequantize_onnx(onnx_dir: Path, base_dir: Path | None, out_dir: Path) -> Path:
    """An fp32 Hugging Face classifier rebuilt from an int8 export of :func:`export_onnx`.

    The architecture comes from ``base_dir`` (the model it was fine-tuned from) or, when that is None,
    from the export's own config (exports since the MPNet default carry the whole config; the shipped
    MiniLM's has only its labels). The weights come from the export: each int8 weight is dequantized
    (``(q - zero_point) * scale``, per tensor or per channel) and the fp32 ones (biases, LayerNorm) are copied. This is for timing fp32 PyTorch against the
    export when the training run's fp32 weights are not at hand: same shapes, same arithmetic. Its
    predictions are those of the int8 weights without activation quantization, which is not the
    original fp32 model, so accuracy is never measured with it. (The ONNX exporter stores identical
    tensors once, under one name; an untrained model has such twins and cannot be rebuilt: one error.)
    """
    import numpy as np
    import onnx
    import torch
    from onnx import numpy_helper
    from transformers import AutoConfig, AutoModelForSequenceClassification, AutoTokenizer

    onnx_dir, out_dir = Path(onnx_dir), Path(out_dir)
    meta = json.loads((onnx_dir / "config.json").read_text())
    labels = dict(num_labels=len(meta["id2label"]), id2label={int(k): v for k, v in meta["id2label"].items()},
                  label2id=meta["label2id"])
    if base_dir is None:
        if "hidden_size" not in meta:
            raise ContradictError(f"{onnx_dir}/config.json does not describe the architecture",
                                  hint="pass the Hugging Face model the ONNX model was fine-tuned from "
                                       "(bench nli: --fp32-base, or --fp32-model)")
        arch = {k: v for k, v in meta.items() if k not in ("id2label", "label2id", "model_type")}
        config = AutoConfig.for_model(meta["model_type"], **arch, **labels)
        base_dir = onnx_dir  # named in the errors below
    else:
        try:
            config = AutoConfig.from_pretrained(str(base_dir), **labels)
        except (OSError, ValueError) as exc:
            raise ContradictError(f"{base_dir} is not a base model directory: {str(exc).splitlines()[0][:160]}",
                                  hint="pass the Hugging Face model the ONNX model was fine-tuned from") from exc
    model = AutoModelForSequenceClassification.from_config(config)
    params = dict(model.named_parameters())
    graph = onnx.load(str(onnx_dir / "model.onnx")).graph
    init = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    users: dict[str, Any] = {}
    for node in graph.node:
        for name in node.input:
            users.setdefault(name, node)

    def torch_name(quantized: str, node) -> str:
        if quantized.startswith("m."):  # weights the exporter kept under their module's name
            stem = quantized[2:-len("_quantized")]
            # onnxruntime >= 1.32 quantizes a Gemm (transB) as a MatMul on its transposed weight
            return stem.removesuffix("_Transposed")
        # a Linear layer exported as MatMul: its output is named after the module ("/m/bert/.../query/MatMul...")
        path = node.output[0].split("/MatMul")[0].strip("/")
        return ".".join(path.split("/")[1:]) + ".weight"

    state = {}
    for name, value in init.items():
        if name.startswith("m.") and not name.endswith(("_quantized", "_scale", "_zero_point")):
            state[name[2:]] = value
        elif name.endswith("_quantized"):
            stem = name[: -len("_quantized")]
            node = users[name]
            scale, zero = init[stem + "_scale"], init[stem + "_zero_point"].astype(np.float32)
            matmul = node.op_type == "MatMulInteger"  # weight stored [in, out]; Gather tables [rows, dim]
            if scale.ndim == 1 and not matmul:
                scale, zero = scale[:, None], zero[:, None]
            weight = (value.astype(np.float32) - zero) * scale
            state[torch_name(name, node)] = weight.T if matmul else weight
    missing = sorted(set(params) - set(state))
    if missing:
        raise ContradictError(f"{onnx_dir}: cannot rebuild {len(missing)} weights from the export "
                              f"(e.g. {missing[0]}); is {base_dir} its base model?")
    with torch.no_grad():
        for name, p in params.items():
            tensor = torch.from_numpy(np.array(state[name], dtype=np.float32))  # a writable copy
            if tensor.shape != p.shape:
                raise ContradictError(f"{onnx_dir}: weight {name} has shape {tuple(tensor.shape)}, "
                                      f"{base_dir} expects {tuple(p.shape)}")
            p.copy_(tensor)
    model.eval().save_pretrained(str(out_dir))
    AutoTokenizer.from_pretrained(str(onnx_dir)).save_pretrained(str(out_dir))
    return out_dir




def per_token_export(export_dir: Path, out_dir: Path, pattern: str = "") -> Path:
    """Copy an int8 export with its activations quantized per token (:func:`per_token_activations`). Only the
    graph file changes: the weight files are copied byte for byte, and the new small constants (a column sum per
    product) live in the graph. Written beside ``out_dir`` and renamed into place."""
    import os
    import tempfile

    import onnx
    from onnx.external_data_helper import load_external_data_for_model

    export_dir, out_dir = Path(export_dir), Path(out_dir)
    if not (export_dir / "model.onnx").exists():
        raise ContradictError(f"{export_dir}: not an export (no model.onnx)")
    model = onnx.load(str(export_dir / "model.onnx"), load_external_data=False)
    # where each large tensor lives in the export's weight files, before reading them in (for the column sums)
    external = {t.name: [(e.key, e.value) for e in t.external_data] for t in model.graph.initializer
                if t.data_location == onnx.TensorProto.EXTERNAL}
    load_external_data_for_model(model, str(export_dir))
    n = per_token_activations(model, pattern)
    if not n:
        raise ContradictError(f"{export_dir}: no dynamically quantized products to change")
    for t in model.graph.initializer:  # the rewritten graph points at the export's own weight files again
        if t.name in external:
            t.ClearField("raw_data")
            t.data_location = onnx.TensorProto.EXTERNAL
            del t.external_data[:]
            for key, value in external[t.name]:
                t.external_data.add(key=key, value=value)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out_dir.parent, prefix=f".{out_dir.name}-") as tmp:
        staged = Path(tmp) / out_dir.name
        shutil.copytree(export_dir, staged)
        onnx.save(model, str(staged / "model.onnx"))
        if out_dir.exists():
            os.rename(out_dir, Path(tmp) / "old")
        os.rename(staged, out_dir)
    log.info("%s: %d products quantize their activations per token -> %s", export_dir, n, out_dir)
    return out_dir


def ship(export_dir: Path, shipped_dir: Path, revision: str) -> Path:
    """Replace a shipped model (``contradict/models/<name>``) by an export, keeping its model card, with
    ``revision`` written into ``training.json``: scores cached under the earlier release are not read as
    this one's (``nli.cache_name``). Staged beside the target and swapped in by renames."""
    import tempfile

    export_dir, shipped_dir = Path(export_dir), Path(shipped_dir)
    if not (export_dir / "model.onnx").exists() or not (export_dir / "config.json").exists():
        raise ContradictError(f"{export_dir}: not an export (no model.onnx and config.json)")
    with tempfile.TemporaryDirectory(dir=shipped_dir.parent, prefix=f".{shipped_dir.name}-") as tmp:
        staged = Path(tmp) / shipped_dir.name
        shutil.copytree(export_dir, staged)
        meta = json.loads((staged / "training.json").read_text()) if (staged / "training.json").exists() else {}
        (staged / "training.json").write_text(json.dumps({**meta, "revision": revision}, indent=2, sort_keys=True))
        if (shipped_dir / "MODEL_CARD.md").exists() and not (staged / "MODEL_CARD.md").exists():
            shutil.copy(shipped_dir / "MODEL_CARD.md", staged / "MODEL_CARD.md")
        dropped = (shipped_dir / RANGES_FILE).exists() and not (staged / RANGES_FILE).exists()
        if shipped_dir.exists():
            shipped_dir.rename(Path(tmp) / "old")
        staged.rename(shipped_dir)
    log.info("shipped %s as %s (revision %s)", export_dir, shipped_dir, revision)
    if dropped:  # ranges calibrated on the old weights do not fit the new ones: fixed readings read per tensor till recalibrated
        log.warning("%s: the new model has no calibrated activation ranges (%s); calibrate them with "
                    "benchmarks/calibrate_int8.py, or CONTRADICT_NLI_ACTIVATIONS=static reads it per tensor",
                    shipped_dir.name, RANGES_FILE)
    return shipped_dir


def activation_extremes(model_dir: Path, pairs, max_tokens: int = 128) -> dict[str, np.ndarray]:
    """Per dynamically quantized product input of the int8 model in ``model_dir`` (by its quantizer's first output
    name), the smallest and largest activation of each pair of ``pairs`` read alone: an array of shape (pairs, 2).
    The model runs as reports run it (one pair per run, the dynamic scales), with a ReduceMin and a ReduceMax added
    on each quantizer's input."""
    import onnx
    import onnxruntime as ort
    from onnx import helper
    from tokenizers import Tokenizer

    model_dir = Path(model_dir)
    model = onnx.load(str(model_dir / "model.onnx"))
    graph = model.graph
    names = [n.output[0] for n in graph.node if n.op_type == "DynamicQuantizeLinear"]
    if not names:
        raise ContradictError(f"{model_dir}: no dynamically quantized products to calibrate")
    for n in [n for n in graph.node if n.op_type == "DynamicQuantizeLinear"]:
        for op in ("ReduceMin", "ReduceMax"):
            out = f"{n.output[0]}/{op}"
            graph.node.append(helper.make_node(op, [n.input[0]], [out], keepdims=0, name=out))
            graph.output.append(helper.make_tensor_value_info(out, onnx.TensorProto.FLOAT, []))
    so = ort.SessionOptions()
    so.intra_op_num_threads = 0
    sess = ort.InferenceSession(model.SerializeToString(), so, providers=["CPUExecutionProvider"])
    tok = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tok.enable_truncation(max_length=max_tokens, strategy="longest_first")
    inputs = {i.name for i in sess.get_inputs()}
    wanted = [f"{x}/{op}" for x in names for op in ("ReduceMin", "ReduceMax")]
    rows = []
    for premise, hypothesis in pairs:
        e = tok.encode(premise, hypothesis)
        feed = {"input_ids": np.array([e.ids], dtype=np.int64), "attention_mask": np.array([e.attention_mask], dtype=np.int64)}
        if "token_type_ids" in inputs:
            feed["token_type_ids"] = np.array([e.type_ids], dtype=np.int64)
        rows.append(np.array([float(v) for v in sess.run(wanted, feed)], dtype=np.float64))
    got = np.stack(rows).reshape(len(rows), len(names), 2)
    return {x: got[:, k, :] for k, x in enumerate(names)}


def ranges_from(extremes: dict[str, np.ndarray], quantile: float = 1.0) -> dict[str, tuple[float, float]]:
    """Each product input's fixed range: the ``quantile`` of the pairs' largest activations and the same share
    from the bottom of their smallest (1.0: the extremes of every pair seen)."""
    return {x: (float(np.quantile(e[:, 0], 1.0 - quantile)), float(np.quantile(e[:, 1], quantile)))
            for x, e in sorted(extremes.items())}


def write_ranges(model_dir: Path, ranges: dict[str, tuple[float, float]], about: dict) -> Path:
    """Write the calibrated ranges beside the model (:data:`contradict.backends.activations.RANGES_FILE`), atomically."""
    import os
    import tempfile

    target = Path(model_dir) / RANGES_FILE
    body = json.dumps({**about, "ranges": {k: [round(lo, 6), round(hi, 6)] for k, (lo, hi) in sorted(ranges.items())}},
                      indent=1, sort_keys=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}-")
    with os.fdopen(fd, "w") as fh:
        fh.write(body + "\n")
    os.chmod(tmp, 0o644)
    os.replace(tmp, target)
    return target
