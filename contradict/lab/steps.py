"""Recipe steps that are not training passes (:mod:`contradict.lab.recipes`): a :class:`Soup` (an average of
weights), a :class:`Shift` (constants added to some classes' logits) and a :class:`Start` (an earlier export,
dequantized), each with the function that runs it; every result is published atomically and reused when it exists."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from contradict.errors import ContradictError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Soup:
    """A recipe step that averages the weights of ``inputs`` into ``output_dir / 'final'``.

    A "model soup" (Wortsman et al., 2022): the inputs must be fine-tunes of one parent, so that
    they share a basin and their plain average is itself a good model."""

    inputs: tuple[Path, ...]
    output_dir: Path


@dataclass(frozen=True)
class Shift:
    """A recipe step that adds a constant to some classes' logits of ``source`` (a Hugging Face directory) and
    saves the result in ``output_dir / 'final'``: a decision rule chosen on the dev splits
    (``benchmarks/class_shift.py``), kept in the weights (the classifier's last bias), so that every runtime that
    reads the model applies it and none needs to know. ``shifts``: label name -> logit added."""

    source: Path
    output_dir: Path
    shifts: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Start:
    """A recipe step that makes ``output_dir / 'final'`` from ``source``: an int8 ONNX export, dequantized
    (:func:`contradict.export.dequantize_onnx`), or a Hugging Face directory, used as it is."""

    source: Path
    output_dir: Path
    base: Path | None = None  # the architecture, for an export whose config lacks it (the first MiniLM)


def _publish(output_dir: Path, kind: str, record: dict, write) -> Path:
    """Make ``output_dir / 'final'`` atomically: ``write(staged)`` fills a staged directory, ``record`` goes into
    its ``<kind>.json`` (what marks a finished step), then it replaces any earlier ``final`` in one rename."""
    import shutil
    import tempfile

    final = output_dir / "final"
    output_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=output_dir, prefix=f".{kind}-") as tmp:
        staged = Path(tmp) / "final"
        write(staged)
        (staged / f"{kind}.json").write_text(json.dumps(record, indent=2))
        if final.exists():
            shutil.rmtree(final)
        os.replace(staged, final)
    return final


def _save_model(model, tokenizer_from: Path):
    """A ``write`` for :func:`_publish`: a Hugging Face model, and the tokenizer of ``tokenizer_from``."""
    from transformers import AutoTokenizer

    def write(staged: Path) -> None:
        model.save_pretrained(staged)
        AutoTokenizer.from_pretrained(str(tokenizer_from)).save_pretrained(staged)

    return write


def start(step: Start) -> Path:
    """Run a :class:`Start` step; an existing result is reused."""
    from contradict.lab.export import dequantize_onnx

    source = Path(step.source)
    if (source / "config.json").exists() and not (source / "model.onnx").exists():
        return source
    final = step.output_dir / "final"
    if (final / "start.json").exists():
        return final
    if not (source / "model.onnx").exists():
        raise ContradictError(f"no model to start from in {source}",
                              hint="an ONNX export (model.onnx) or a Hugging Face directory (config.json)")
    _publish(step.output_dir, "start", {"dequantized_from": str(source)},
             lambda staged: dequantize_onnx(source, step.base, staged))
    log.info("dequantized %s into %s", source, final)
    return final


def soup(step: Soup) -> Path:
    """Average the inputs' weights (float tensors; other buffers must agree) and save the result as a
    Hugging Face model in ``step.output_dir / 'final'``, atomically; an existing result is reused."""
    import torch
    from transformers import AutoModelForSequenceClassification

    final = step.output_dir / "final"
    if (final / "soup.json").exists():
        return final
    if len(step.inputs) < 2:
        raise ContradictError("a soup needs at least two models")
    for path in step.inputs:
        if not (Path(path) / "config.json").exists():
            raise ContradictError(f"soup ingredient not found: {path} (no config.json)")
    models = [AutoModelForSequenceClassification.from_pretrained(str(p)) for p in step.inputs]
    states = [m.state_dict() for m in models]
    if any(s.keys() != states[0].keys() or any(s[k].shape != states[0][k].shape for k in s) for s in states):
        raise ContradictError("soup ingredients differ in architecture: " + ", ".join(map(str, step.inputs)))
    mean = {}
    for key, first in states[0].items():
        if first.is_floating_point():
            mean[key] = (sum(s[key].double() for s in states) / len(states)).to(first.dtype)
        elif all(torch.equal(s[key], first) for s in states):
            mean[key] = first
        else:
            raise ContradictError(f"soup ingredients disagree on the buffer {key}")
    models[0].load_state_dict(mean)
    _publish(step.output_dir, "soup", {"inputs": [str(p) for p in step.inputs]},
             _save_model(models[0], step.inputs[0]))
    log.info("soup of %d models saved to %s", len(step.inputs), final)
    return final


def shift(step: Shift) -> Path:
    """Apply a :class:`Shift` step (atomically; an existing result with the same shifts is reused)."""
    import torch
    from transformers import AutoModelForSequenceClassification

    final = step.output_dir / "final"
    record = {"source": str(step.source), "shifts": dict(step.shifts)}
    if (final / "shift.json").exists() and json.loads((final / "shift.json").read_text()) == record:
        return final
    if not (Path(step.source) / "config.json").exists():
        raise ContradictError(f"model to shift not found: {step.source} (no config.json)")
    model = AutoModelForSequenceClassification.from_pretrained(str(step.source))
    labels = {str(v).lower(): int(k) for k, v in model.config.id2label.items()}
    last = [m for m in model.modules() if isinstance(m, torch.nn.Linear)][-1]
    if last.out_features != len(labels) or last.bias is None:
        raise ContradictError(f"{step.source}: no classifier bias of {len(labels)} outputs to shift")
    with torch.no_grad():
        for name, value in step.shifts:
            if name not in labels:
                raise ContradictError(f"{step.source} has no label {name!r} (it has {', '.join(sorted(labels))})")
            last.bias[labels[name]] += float(value)
    save = _save_model(model, step.source)

    def write(staged: Path) -> None:  # the source's training record travels on, with the shift added
        save(staged)
        if (Path(step.source) / "training.json").exists():
            meta = json.loads((Path(step.source) / "training.json").read_text())
            (staged / "training.json").write_text(json.dumps({**meta, "shift": record}, indent=2, sort_keys=True))

    _publish(step.output_dir, "shift", record, write)
    log.info("logit shifts %s applied to %s -> %s", dict(step.shifts), step.source, final)
    return final
