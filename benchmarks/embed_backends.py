"""Claim embedding backends against today's (issue 24): sentence-transformers fp32 PyTorch, the packaged MiniLM
exported to ONNX (fp32, int8 per channel), and PyTorch with bf16 autocast. Same claims, same machine, one run.

    python benchmarks/embed_backends.py [--n 2000]

Prints claims/s of each, the ratio to sentence-transformers and the cosine of each vector to its
sentence-transformers vector (min and mean). The exports go to a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import numpy as np
import torch

from contradict.backends.embed import SentenceTransformerEncoder
from contradict.backends.models import packaged_minilm_path
from contradict.stages.claims import split_sentences

NEWS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "abp_5k.jsonl"


def claims(n: int) -> list[str]:
    out: list[str] = []
    for line in open(NEWS):
        t = json.loads(line)["text"]
        out += [t[a:b] for a, b in split_sentences(t)][:5]
        if len(out) >= n:
            break
    return out[:n]


def export(out: Path) -> tuple[Path, ...]:
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel, AutoTokenizer

    src = packaged_minilm_path()
    tok, model = AutoTokenizer.from_pretrained(str(src)), AutoModel.from_pretrained(str(src)).eval()

    class Pooled(torch.nn.Module):  # mean pooling and L2 normalisation, as the sentence-transformers model
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, ids, mask, types):
            h = self.m(input_ids=ids, attention_mask=mask, token_type_ids=types).last_hidden_state
            w = mask.unsqueeze(-1).to(h.dtype)
            return torch.nn.functional.normalize((h * w).sum(1) / w.sum(1).clamp(min=1e-9), dim=-1)

    s = tok(["a sample sentence"], return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    dyn = {n: {0: "b", 1: "t"} for n in names} | {"emb": {0: "b"}}
    with torch.no_grad():
        torch.onnx.export(Pooled(model), tuple(s[n] for n in names), str(out / "fp32.onnx"), input_names=names,
                          output_names=["emb"], dynamic_axes=dyn, opset_version=17, dynamo=False)
    quantize_dynamic(str(out / "fp32.onnx"), str(out / "int8.onnx"), weight_type=QuantType.QInt8, per_channel=True)
    # int8 keeping in fp32 the MatMuls whose activations spread widest: each layer's feed-forward output, or
    # everything but attention (the cosine to fp32 of the all-int8 export is 0.97 at worst, below 0.99)
    import onnx

    matmuls = [n.name for n in onnx.load(str(out / "fp32.onnx"), load_external_data=False).graph.node
               if n.op_type == "MatMul"]
    ffn_out = [n for n in matmuls if "/output/dense/" in n and "/attention/" not in n]
    not_attention = [n for n in matmuls if "/attention/" not in n]
    quantize_dynamic(str(out / "fp32.onnx"), str(out / "int8-ffnout-fp32.onnx"), weight_type=QuantType.QInt8,
                     per_channel=True, nodes_to_exclude=ffn_out)
    quantize_dynamic(str(out / "fp32.onnx"), str(out / "int8-attention-only.onnx"), weight_type=QuantType.QInt8,
                     per_channel=True, nodes_to_exclude=not_attention)
    return (out / "fp32.onnx", out / "int8.onnx", out / "int8-ffnout-fp32.onnx", out / "int8-attention-only.onnx")


def onnx_encode(path: Path, texts: list[str], batch: int = 64) -> np.ndarray:
    import onnxruntime as ort
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(str(packaged_minilm_path()))
    from contradict.backends.int8 import session_source  # int8 weights as uint8 where u8 x s8 saturates

    sess = ort.InferenceSession(session_source(path), providers=["CPUExecutionProvider"])
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))  # batches of similar length: little padding
    out = np.zeros((len(texts), 384), np.float32)
    for k in range(0, len(order), batch):
        idx = order[k:k + batch]
        e = tok([texts[i] for i in idx], padding=True, truncation=True, max_length=256, return_tensors="np")
        out[idx] = sess.run(None, {n: e[n].astype(np.int64) for n in ("input_ids", "attention_mask",
                                                                       "token_type_ids")})[0]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    args = ap.parse_args()
    texts = claims(args.n)
    st = SentenceTransformerEncoder()
    st.encode(texts[:64])
    t = time.perf_counter()
    ref = st.encode(texts)
    base = time.perf_counter() - t
    rows = {"sentence-transformers fp32": (base, ref)}
    with torch.autocast("cpu", dtype=torch.bfloat16):
        st.encode(texts[:64])
        t = time.perf_counter()
        v = st.encode(texts)
        rows["sentence-transformers bf16 autocast"] = (time.perf_counter() - t, v)
    with tempfile.TemporaryDirectory() as d:
        for path in export(Path(d)):
            onnx_encode(path, texts[:64])
            t = time.perf_counter()
            v = onnx_encode(path, texts)
            rows[f"onnx {path.stem}"] = (time.perf_counter() - t, v)
    out = {}
    for name, (secs, v) in rows.items():
        cos = (v * ref).sum(1)
        out[name] = {"claims_per_s": round(len(texts) / secs, 1), "ratio": round(base / secs, 2),
                     "cos_min": round(float(cos.min()), 4), "cos_mean": round(float(cos.mean()), 5)}
    print(json.dumps({"claims": len(texts), "threads": torch.get_num_threads(), "backends": out}, indent=1))


if __name__ == "__main__":
    main()
