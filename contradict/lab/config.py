"""What a training pass is given (:class:`TrainConfig`): data, schedule, model and extras. Apart from
:mod:`contradict.lab.train`, which runs a pass, so that :mod:`contradict.lab.data` (which the trainer uses) can read a
config without importing the trainer."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

PRECISIONS = ("fp32", "bf16")


@dataclass(frozen=True)
class TrainConfig:
    snli_train: Path
    output_dir: Path
    base_model: Path | None = None
    news_neutral: Path | None = None  # abp_5k.jsonl: unlabelled sentences for unrelated-neutral pairs
    epochs: float = 2.0
    batch_size: int = 32
    lr: float = 6e-5
    warmup_ratio: float = 0.08
    weight_decay: float = 0.01
    max_length: int = 128
    seed: int = 13
    limit: int | None = None
    snli_random_neutral: int = 8000
    snli_shared_word_neutral: int = 8000
    news_random_neutral: int = 8000
    news_shared_word_neutral: int = 8000
    checkpoint_every: int = 400
    init_model: Path | None = None  # start from these weights (a Hugging Face dir) instead of the base
    snli_sample: int | None = None  # use a seeded random sample of this many SNLI rows
    stop_at_step: int | None = None  # stop early (the schedule still spans ``epochs``)
    synthetic_news: int = 0  # rule-built news-style pairs from templates of our own (contradict.synthetic)
    snli_swapped_contradiction: int = 0  # contradiction pairs added again with premise and hypothesis swapped
    snli_swapped_neutral: int = 0  # entailment and neutral pairs added again swapped, labelled neutral
    synthetic_version: int = 2  # contradict.synthetic template version (phase 3 was trained on version 1)
    snli_contra_hyp_neutral: int = 0  # random premise + a hypothesis written as a contradiction elsewhere
    snli_negated: int = 0  # hypotheses negated: neutral stays neutral, entailment becomes contradiction
    teacher: Path | None = None  # distil: a stronger NLI model (ONNX or Hugging Face dir) gives soft labels
    distill_alpha: float = 0.5  # weight of the gold-label loss; the rest goes to the teacher's soft labels
    distill_temperature: float = 2.0
    threads: int | None = None
    precision: str = "fp32"  # "bf16": autocast matmuls to bfloat16 (fp32 weights); ~2.3x faster on CPUs with AMX
    real_text: tuple[tuple[Path, int], ...] = ()  # (premise/hypothesis/label jsonl, rows to sample; 0 = all)
    news_edits: int = 0  # rule-edited pairs from news_neutral sentences (contradict.news_edits)
    news_denials: bool = False  # news edits include denials ("X said Y" -> "X denied that Y"); off in older recipes
    news_same_article_neutral: int = 0  # related pairs from one article (headline or sentence + another sentence)
    extra: dict = field(default_factory=dict)
