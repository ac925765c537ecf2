"""Export a trained Hugging Face sequence classifier to ONNX and quantize it to int8 for onnxruntime."""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

log = logging.getLogger(__name__)


def export_onnx(model_dir: Path, out_dir: Path, quantize: bool = True, opset: int = 17) -> Path:
    """Write ``model.onnx`` (int8 dynamic quantization unless ``quantize`` is False), tokenizer and config."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    model_dir, out_dir = Path(model_dir), Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    model = AutoModelForSequenceClassification.from_pretrained(str(model_dir))
    model.eval()
    tok = AutoTokenizer.from_pretrained(str(model_dir))
    sample = tok(["A man is playing a guitar."], ["Nobody plays."], return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    args = tuple(sample[n] for n in names)
    fp32 = out_dir / ("model.fp32.onnx" if quantize else "model.onnx")

    class Wrapper(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.m(input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids).logits

    dyn = {n: {0: "batch", 1: "seq"} for n in names}
    dyn["logits"] = {0: "batch"}
    with torch.no_grad():
        torch.onnx.export(Wrapper(model), args, str(fp32), input_names=names, output_names=["logits"],
                          dynamic_axes=dyn, opset_version=opset, dynamo=False)
    if quantize:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(str(fp32), str(out_dir / "model.onnx"), weight_type=QuantType.QInt8)
        fp32.unlink()
    tok.save_pretrained(str(out_dir))
    for extra in ("vocab.txt", "special_tokens_map.json"):
        if (out_dir / extra).exists() and extra != "vocab.txt":
            pass
    cfg = json.loads((model_dir / "config.json").read_text())
    keep = {k: cfg[k] for k in ("id2label", "label2id", "model_type", "pad_token_id", "max_position_embeddings")
            if k in cfg}
    (out_dir / "config.json").write_text(json.dumps(keep, indent=2, sort_keys=True))
    if (model_dir / "training.json").exists():
        shutil.copy(model_dir / "training.json", out_dir / "training.json")
    log.info("exported %s -> %s", model_dir, out_dir)
    return out_dir
