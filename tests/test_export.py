import json
import shutil

import numpy as np
import pytest

from contradict.lab.export import logits


@pytest.mark.parametrize("kind", ["bert", "mpnet"])
def test_shift_lowers_only_the_contradiction_logit(tmp_path, kind):
    """The recipe's class shift finds the output layer of a BERT head (the classifier itself) and of an MPNet
    head (its out_proj, after a dense layer)."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, BertConfig, MPNetConfig

    from contradict.backends.models import packaged_minilm_path
    from contradict.lab.recipes import Shift, shift

    labels = {0: "entailment", 1: "neutral", 2: "contradiction"}
    small = dict(hidden_size=32, num_hidden_layers=1, num_attention_heads=2, intermediate_size=37,
                 id2label=labels, label2id={v: k for k, v in labels.items()})
    config = BertConfig(**small) if kind == "bert" else MPNetConfig(vocab_size=30527, **small)
    src = tmp_path / "src"
    AutoModelForSequenceClassification.from_config(config).save_pretrained(src)
    AutoTokenizer.from_pretrained(str(packaged_minilm_path())).save_pretrained(src)

    out = shift(Shift(src, tmp_path / "shifted", (("contradiction", -1.5),)))
    pairs = [("A man plays a guitar.", "A man sleeps."), ("Two dogs run.", "Animals move.")]
    before, _ = logits(src, pairs)
    after, id2label = logits(out, pairs)
    assert np.allclose(before - after, [[0, 0, 1.5]] * 2, atol=1e-5)
    assert [str(v) for v in id2label.values()] == ["entailment", "neutral", "contradiction"]


@pytest.mark.parametrize("kind, per_channel", [("bert", False), ("mpnet", True)])
def test_dequantize_rebuilds_the_weights_of_an_int8_export(tmp_path, kind, per_channel):
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer, BertConfig, MPNetConfig

    from contradict.backends.models import packaged_minilm_path
    from contradict.lab.export import dequantize_onnx, export_onnx

    labels = {0: "entailment", 1: "neutral", 2: "contradiction"}
    small = dict(hidden_size=32, num_hidden_layers=2, num_attention_heads=2, intermediate_size=37,
                 id2label=labels, label2id={v: k for k, v in labels.items()})
    config = BertConfig(**small) if kind == "bert" else MPNetConfig(vocab_size=30527, **small)
    src = tmp_path / "src"
    torch.manual_seed(0)
    model = AutoModelForSequenceClassification.from_config(config)
    with torch.no_grad():  # as after training, no two tensors alike (the exporter merges identical ones)
        for w in model.parameters():
            w.normal_(0, 0.05)
    model.save_pretrained(src)
    AutoTokenizer.from_pretrained(str(packaged_minilm_path())).save_pretrained(src)
    onnx_dir = export_onnx(src, tmp_path / "onnx", per_channel=per_channel)

    assert json.loads((onnx_dir / "config.json").read_text())["hidden_size"] == 32  # the whole config travels
    # the architecture from the base model, or (base None) from the export's own config
    rebuilt = dequantize_onnx(onnx_dir, src if kind == "bert" else None, tmp_path / "fp32")
    want = AutoModelForSequenceClassification.from_pretrained(str(src)).state_dict()
    got = AutoModelForSequenceClassification.from_pretrained(str(rebuilt)).state_dict()
    for name, w in want.items():
        if not w.is_floating_point():
            continue
        if name.endswith("bias") or "LayerNorm" in name:  # kept in fp32 by the export: exact
            assert torch.equal(got[name], w), name
        else:  # int8: within one quantization step of the tensor's (or channel's) range
            step = 2 * w.abs().max() / 255
            assert (got[name] - w).abs().max() <= step, name
            assert not torch.equal(got[name], w)


@pytest.mark.slow
def test_dequantized_shipped_minilm_agrees_with_it_and_a_wrong_base_is_one_clear_error(tmp_path):
    from transformers import BertConfig

    from contradict.backends.models import FAST_NLI_MODEL, SHIPPED_DIR, packaged_minilm_path
    from contradict.backends.nli import LABELS, OnnxScorer, _softmax, label_order
    from contradict.errors import ContradictError
    from contradict.lab.export import dequantize_onnx

    pairs = [("A man is playing a guitar on stage.", "A man is performing music."),
             ("A man is playing a guitar on stage.", "The man is asleep in his bed."),
             ("A woman is reading in a park.", "The woman is reading a novel by her favourite author."),
             ("Two dogs run across a field.", "Animals are moving outdoors.")]
    minilm = SHIPPED_DIR / FAST_NLI_MODEL
    rebuilt = dequantize_onnx(minilm, packaged_minilm_path(), tmp_path / "fp32")
    raw, id2label = logits(rebuilt, pairs)
    fp32 = _softmax(raw)[:, label_order(id2label)]
    int8 = OnnxScorer(minilm).score(pairs)
    assert list(fp32.argmax(1)) == list(int8.argmax(1)) == [LABELS.index(x) for x in
                                                            ("entailment", "contradiction", "neutral", "entailment")]
    assert np.abs(fp32 - int8).max() < 0.15

    wrong = tmp_path / "wrong"
    BertConfig(hidden_size=64, num_hidden_layers=6, num_attention_heads=2, intermediate_size=64).save_pretrained(wrong)
    with pytest.raises(ContradictError, match="expects"):
        dequantize_onnx(minilm, wrong, tmp_path / "x")
    with pytest.raises(ContradictError, match="is not a base model directory"):
        dequantize_onnx(minilm, tmp_path, tmp_path / "x")
    labels_only = tmp_path / "labels-only"  # an export whose config carries labels only (the SNLI-era MiniLM's)
    shutil.copytree(minilm, labels_only)
    cfg = json.loads((minilm / "config.json").read_text())
    (labels_only / "config.json").write_text(json.dumps({k: cfg[k] for k in ("id2label", "label2id")}))
    with pytest.raises(ContradictError, match="does not describe the architecture"):
        dequantize_onnx(labels_only, None, tmp_path / "x")
    assert not (tmp_path / "x").exists()


@pytest.mark.slow
def test_shard_onnx_splits_the_weights_into_small_files_that_score_the_same(tmp_path):
    import shutil

    from contradict.backends.models import FAST_NLI_MODEL, SHIPPED_DIR, packaged_minilm_path
    from contradict.backends.nli import OnnxScorer
    from contradict.errors import ContradictError
    from contradict.lab.export import dequantize_onnx, shard_onnx

    d = tmp_path / "m"
    shutil.copytree(SHIPPED_DIR / FAST_NLI_MODEL, d)
    pairs = [("A man is playing a guitar on stage.", "The man is asleep in his bed."),
             ("Two dogs run across a field.", "Animals are moving outdoors.")]
    before = OnnxScorer(d).score(pairs)
    original = (d / "model.onnx").read_bytes()
    with pytest.raises(ContradictError, match="larger than 4 MB"):  # the word embeddings are 11.2 MB
        shard_onnx(d / "model.onnx", 4)
    assert (d / "model.onnx").read_bytes() == original and not list(d.glob("model.onnx.data-*"))

    files = shard_onnx(d / "model.onnx", 12)
    assert [f.name for f in files] == ["model.onnx.data-1", "model.onnx.data-2"]
    assert all(f.stat().st_size <= 12 * 2**20 for f in files)
    assert (d / "model.onnx").stat().st_size < 2**20 and not list(d.glob("*.tmp"))
    assert np.array_equal(OnnxScorer(d).score(pairs), before)
    assert dequantize_onnx(d, packaged_minilm_path(), tmp_path / "fp32").exists()  # reads the shards too


def test_shipping_a_model_over_calibrated_ranges_says_they_are_gone(tmp_path, caplog):
    from contradict.backends.activations import RANGES_FILE
    from contradict.lab.export import ship

    export, shipped = tmp_path / "build" / "news9", tmp_path / "models" / "contradict-nli-mpnet"
    export.mkdir(parents=True)
    shipped.mkdir(parents=True)
    for name in ("model.onnx", "config.json"):
        (export / name).write_text("{}")
    (shipped / RANGES_FILE).write_text('{"ranges": {}}')
    with caplog.at_level("WARNING"):
        ship(export, shipped, "news-9")
    assert not (shipped / RANGES_FILE).exists() and "no calibrated activation ranges" in caplog.text


def test_ship_replaces_a_shipped_model_keeps_its_card_and_writes_the_revision(tmp_path):
    from contradict.backends.nli import cache_name
    from contradict.errors import ContradictError
    from contradict.lab.export import ship

    export, shipped = tmp_path / "build" / "news8", tmp_path / "models" / "contradict-nli-mpnet"
    export.mkdir(parents=True)
    shipped.mkdir(parents=True)
    for name, text in (("model.onnx", "new"), ("config.json", "{}"), ("training.json", '{"steps": 655}')):
        (export / name).write_text(text)
    for name, text in (("model.onnx", "old"), ("model.onnx.data-1", "old"), ("MODEL_CARD.md", "# card")):
        (shipped / name).write_text(text)
    assert ship(export, shipped, "news-8s") == shipped
    assert sorted(p.name for p in shipped.iterdir()) == ["MODEL_CARD.md", "config.json", "model.onnx", "training.json"]
    assert (shipped / "model.onnx").read_text() == "new" and (shipped / "MODEL_CARD.md").read_text() == "# card"
    assert json.loads((shipped / "training.json").read_text()) == {"steps": 655, "revision": "news-8s"}
    assert cache_name("contradict-nli-mpnet", shipped) == "contradict-nli-mpnet@news-8s"
    assert sorted(p.name for p in shipped.parent.iterdir()) == ["contradict-nli-mpnet"]  # nothing staged left behind
    with pytest.raises(ContradictError, match="not an export"):
        ship(tmp_path / "build", shipped, "x")
    assert (shipped / "model.onnx").read_text() == "new"


def _dynamic_product(x_shape, weight, weight_scale, name="/m/encoder/layer.0/intermediate/dense/MatMul_quant", bias=None):
    """y = x @ w (+ bias) as quantize_dynamic writes it: x quantized for the whole tensor (DynamicQuantizeLinear), an
    int8 weight with a scale per output column, the int32 product scaled back."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    k, n = weight.shape
    inits = [numpy_helper.from_array(weight, "w_quantized"), numpy_helper.from_array(np.zeros(n, np.int8), "w_zero_point"),
             numpy_helper.from_array(weight_scale, "w_scale")]
    nodes = [helper.make_node("DynamicQuantizeLinear", ["x"], ["xq", "xs", "xz"], name="x_QuantizeLinear"),
             helper.make_node("MatMulInteger", ["xq", "w_quantized", "xz", "w_zero_point"], ["acc"], name=name),
             helper.make_node("Cast", ["acc"], ["accf"], to=TensorProto.FLOAT),
             helper.make_node("Mul", ["xs", "w_scale"], ["scales"]),
             helper.make_node("Mul", ["accf", "scales"], ["y" if bias is None else "yb"])]
    if bias is not None:
        inits.append(numpy_helper.from_array(bias, "bias"))
        nodes.append(helper.make_node("Add", ["yb", "bias"], ["y"]))
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("x", TensorProto.FLOAT, x_shape)],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, x_shape[:-1] + [n])], inits)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    m.ir_version = 8
    onnx.checker.check_model(m)
    return m


def _per_row_reference(x, weight, weight_scale):
    """Each row quantized on its own range (as DynamicQuantizeLinear does for a whole tensor), then multiplied."""
    low, high = np.minimum(x.min(-1, keepdims=True), 0), np.maximum(x.max(-1, keepdims=True), 0)
    scale = (high - low) / 255
    point = np.round(-low / scale)
    q = np.clip(np.round(x / scale) + point, 0, 255)
    return ((q - point) @ weight.astype(np.float64)) * scale * weight_scale


def test_per_token_activations_quantize_each_row_on_its_own_range():
    import onnxruntime as ort

    from contradict.backends import int8
    from contradict.lab.export import per_token_activations

    def run(m, x):  # as the scorer reads it: on a CPU whose u8 x s8 products saturate, the weights as uint8
        m = _unsigned(m) if int8.saturates() else m
        return ort.InferenceSession(m.SerializeToString(), providers=["CPUExecutionProvider"]).run(None, {"x": x})[0]

    rng = np.random.default_rng(3)
    x = rng.normal(0, 1, (2, 5, 48)).astype(np.float32)
    x[0, 1, 7] = 60.0  # one outlier token: per tensor, it coarsens every other row's steps
    w = rng.integers(-127, 128, (48, 6)).astype(np.int8)
    ws = rng.uniform(0.001, 0.01, 6).astype(np.float32)
    model = _dynamic_product([2, 5, 48], w, ws)
    old = run(model, x)
    assert per_token_activations(model, pattern="attention") == 0  # no product of that name: nothing changes
    assert per_token_activations(model) == 1
    assert not [n for n in model.graph.node if n.op_type == "DynamicQuantizeLinear"]
    y = run(model, x)
    assert np.allclose(y, _per_row_reference(x.astype(np.float64), w, ws), rtol=1e-4, atol=1e-4)
    exact = x.astype(np.float64) @ (w * ws)
    rows = np.ones((2, 5), bool)
    rows[0, 1] = False  # the other rows: per token far closer to the exact product than per tensor
    assert np.abs(y - exact)[rows].max() * 5 < np.abs(old - exact)[rows].max()
    # a row's result does not depend on the rows beside it (a pair scored alone or in a batch)
    assert np.array_equal(run(model, np.repeat(x[1:2], 2, axis=0))[0], y[1])


def test_per_token_activations_leave_a_product_of_another_shape_alone():
    from onnx import TensorProto, helper

    from contradict.lab.export import per_token_activations

    rng = np.random.default_rng(4)
    w, ws = rng.integers(-127, 128, (8, 3)).astype(np.int8), np.full(3, 0.01, np.float32)
    model = _dynamic_product([1, 2, 8], w, ws)
    model.graph.output.append(helper.make_tensor_value_info("xs", TensorProto.FLOAT, []))  # the scale read elsewhere
    before = model.SerializeToString()
    assert per_token_activations(model) == 0 and model.SerializeToString() == before
    model = _dynamic_product([1, 2, 8], w, ws)
    model.graph.node[2].op_type = "Identity"  # no Cast after the product: not quantize_dynamic's shape
    del model.graph.node[2].attribute[:]
    assert per_token_activations(model) == 0


def test_static_activations_quantize_with_the_calibrated_range_whatever_the_batch():
    import onnxruntime as ort

    from contradict.backends import int8

    def run(m, x):
        m = _unsigned(m) if int8.saturates() else m
        return ort.InferenceSession(m.SerializeToString(), providers=["CPUExecutionProvider"]).run(None, {"x": x})[0]

    rng = np.random.default_rng(5)
    x = rng.normal(0, 1, (2, 5, 48)).astype(np.float32)
    x[0, 1, 7] = 60.0  # per tensor this outlier coarsens its batch-mate's steps; with a fixed range it saturates
    w = rng.integers(-127, 128, (48, 6)).astype(np.int8)
    ws = rng.uniform(0.001, 0.01, 6).astype(np.float32)
    model = _dynamic_product([None, 5, 48], w, ws)
    assert int8.static_activations(model, {"other": (-1.0, 1.0)}) == 0  # no range for this product: unchanged
    assert int8.static_activations(model, {"xq": (-4.0, 5.0)}) == 1
    assert [n.op_type for n in model.graph.node][0] == "QuantizeLinear"
    y = run(model, x)
    scale = 9.0 / 255
    point = np.round(4.0 / scale)
    q = np.clip(np.round(x.astype(np.float64) / scale) + point, 0, 255)
    assert np.allclose(y, ((q - point) @ w.astype(np.float64)) * scale * ws, rtol=1e-4, atol=1e-4)
    assert np.array_equal(run(model, x[1:2])[0], y[1])  # a row reads the same alone as beside the outlier
    # the product, its scaling and its bias as the one node onnxruntime fuses the dynamic graph into
    b = rng.normal(0, 1, 6).astype(np.float32)
    model = _dynamic_product([None, 5, 48], w, ws, bias=b)
    assert int8.static_activations(model, {"xq": (-4.0, 5.0)}) == 1
    assert [n.op_type for n in model.graph.node] == ["QuantizeLinear", "MatMulIntegerToFloat"]
    assert np.allclose(run(model, x), y + b, rtol=1e-4, atol=1e-4)
    # a step the graph gives out stays: the product is not fused, its activations are still fixed
    from onnx import TensorProto, helper
    model = _dynamic_product([None, 5, 48], w, ws)
    model.graph.output.append(helper.make_tensor_value_info("accf", TensorProto.FLOAT, None))
    assert int8.static_activations(model, {"xq": (-4.0, 5.0)}) == 1
    assert "MatMulIntegerToFloat" not in [n.op_type for n in model.graph.node]
    assert np.allclose(run(model, x), y, rtol=1e-4, atol=1e-4)
    model = _dynamic_product([None, 5, 48], w, ws)
    int8.static_activations(model, {"xq": (0.5, 5.0)})  # a range that leaves out 0 is widened to hold it
    q0 = np.clip(np.round(x.astype(np.float64) / (5.0 / 255)), 0, 255)
    assert np.allclose(run(model, x), (q0 @ w.astype(np.float64)) * (5.0 / 255) * ws, rtol=1e-4, atol=1e-4)


def _unsigned(model):
    import copy

    from contradict.backends.int8 import unsigned_weights

    m = copy.deepcopy(model)
    assert unsigned_weights(m) >= 1
    return m


@pytest.mark.slow
def test_per_token_export_changes_only_the_graph_and_a_pair_scores_the_same_in_any_batch(tmp_path):
    from contradict.backends.models import FAST_NLI_MODEL, SHIPPED_DIR, packaged_minilm_path
    from contradict.backends.nli import OnnxScorer
    from contradict.errors import ContradictError
    from contradict.lab.export import FEED_FORWARD, dequantize_onnx, per_token_export

    src = SHIPPED_DIR / FAST_NLI_MODEL
    pairs = [("The council approved the budget of $3.6 billion on Tuesday.", "The council rejected the budget."),
             ("Two dogs run across a field.", "Animals are moving outdoors."),
             ("Officials said 52 people were killed in the blast near the market in the capital.", "52 people died.")]
    out = per_token_export(src, tmp_path / "all", pattern="")
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in src.iterdir())
    for f in src.iterdir():
        if f.name != "model.onnx":
            assert f.read_bytes() == (out / f.name).read_bytes(), f.name
    alone = OnnxScorer(out).score(pairs)
    assert np.array_equal(OnnxScorer(out, batch_size=3).score(pairs), alone)  # per tensor it differs by up to 0.3
    assert np.abs(alone - OnnxScorer(src, activations="tensor").score(pairs)).max() < 0.2  # finer activations
    assert np.array_equal(OnnxScorer(src, activations="token").score(pairs), alone)  # the scorer's own per-token reading
    ffn = per_token_export(src, tmp_path / "ffn", pattern=FEED_FORWARD)
    assert 0 < np.abs(OnnxScorer(ffn, activations="tensor").score(pairs) - alone).max() < 0.2
    assert dequantize_onnx(out, packaged_minilm_path(), tmp_path / "fp32").exists()  # bench nli reads it too
    with pytest.raises(ContradictError, match="no dynamically quantized products"):
        per_token_export(out, tmp_path / "again")
    assert not (tmp_path / "again").exists()
