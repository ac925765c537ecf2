import numpy as np
import pytest

from contradict.export import apply_shift, logits


@pytest.mark.parametrize("kind", ["bert", "mpnet"])
def test_shift_lowers_only_the_contradiction_logit(tmp_path, kind):
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, BertConfig, MPNetConfig

    from contradict.models import packaged_minilm_path

    labels = {0: "entailment", 1: "neutral", 2: "contradiction"}
    small = dict(hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=37,
                 id2label=labels, label2id={v: k for k, v in labels.items()})
    config = BertConfig(**small) if kind == "bert" else MPNetConfig(vocab_size=30527, **small)
    src = tmp_path / "src"
    AutoModelForSequenceClassification.from_config(config).save_pretrained(src)
    AutoTokenizer.from_pretrained(str(packaged_minilm_path())).save_pretrained(src)

    out = apply_shift(src, tmp_path / "shifted", 1.5)
    pairs = [("A man plays a guitar.", "A man sleeps."), ("Two dogs run.", "Animals move.")]
    before, _ = logits(src, pairs)
    after, id2label = logits(out, pairs)
    assert np.allclose(before - after, [[0, 0, 1.5]] * 2, atol=1e-5)
    assert [str(v) for v in id2label.values()] == ["entailment", "neutral", "contradiction"]
