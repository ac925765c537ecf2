"""Int8 weights read as uint8 where onnxruntime's u8 x s8 products saturate (contradict/int8.py): the integer
products stay exact on every CPU, whichever kernel runs them."""

from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import pytest
from onnx import TensorProto, helper, numpy_helper

from contradict.backends import int8

K, N = 96, 16


def _model(weight: np.ndarray, zero_point: np.ndarray | None, also_dequantized: bool = False) -> onnx.ModelProto:
    """a (uint8, its zero point 7) x weight (int8), and optionally the weight dequantized by a node that shares
    its zero point, as onnxruntime's quantizer writes for embeddings."""
    inits = [numpy_helper.from_array(weight, "w"), numpy_helper.from_array(np.array(7, np.uint8), "a_zp")]
    inputs = ["a", "w", "a_zp"]
    if zero_point is not None:
        inits.append(numpy_helper.from_array(zero_point, "w_zp"))
        inputs.append("w_zp")
    nodes = [helper.make_node("MatMulInteger", inputs, ["y"], name="mm")]
    outputs = [helper.make_tensor_value_info("y", TensorProto.INT32, [None, N])]
    if also_dequantized:
        inits.append(numpy_helper.from_array(np.full(N, 0.5, np.float32), "scale"))
        nodes.append(helper.make_node("DequantizeLinear", ["w", "scale", "w_zp"], ["wf"], axis=1))
        outputs.append(helper.make_tensor_value_info("wf", TensorProto.FLOAT, [K, N]))
    graph = helper.make_graph(nodes, "g", [helper.make_tensor_value_info("a", TensorProto.UINT8, [None, K])],
                              outputs, inits)
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    m.ir_version = 8
    return m


def _run(source, a):
    return ort.InferenceSession(source, providers=["CPUExecutionProvider"]).run(None, {"a": a})


def _exact(a, weight, zero_point):
    zp = 0 if zero_point is None else np.asarray(zero_point).astype(np.int64)
    return (a.astype(np.int64) - 7) @ (weight.astype(np.int64) - zp)


def _inputs(seed=0):
    rng = np.random.default_rng(seed)
    a = rng.integers(200, 256, (5, K), dtype=np.uint8)  # large activations and weights: where saturation bites
    a[0] = 255
    w = rng.integers(-128, 128, (K, N), dtype=np.int8)
    w[:, 0] = 127
    return a, w


@pytest.mark.parametrize("zero_point", [None, "scalar", "per column"])
def test_unsigned_weights_keep_the_integer_products_exact(zero_point):
    a, w = _inputs()
    zp = {None: None, "scalar": np.array(-3, np.int8),
          "per column": np.arange(-8, 8, dtype=np.int8)}[zero_point]
    m = _model(w, zp)
    assert int8.unsigned_weights(m) == 2  # the weight and its zero point (made explicit when absent)
    weights = {t.name: numpy_helper.to_array(t) for t in m.graph.initializer}
    assert "w" not in weights and weights["w.u8"].dtype == np.uint8
    (y,) = _run(m.SerializeToString(), a)
    np.testing.assert_array_equal(y, _exact(a, w, zp))


def test_a_tensor_another_node_reads_is_copied_not_changed():
    a, w = _inputs(1)
    zp = np.arange(-8, 8, dtype=np.int8)
    m = _model(w, zp, also_dequantized=True)
    int8.unsigned_weights(m)
    y, wf = _run(m.SerializeToString(), a)
    np.testing.assert_array_equal(y, _exact(a, w, zp))
    np.testing.assert_array_equal(wf, (w.astype(np.float32) - zp) * 0.5)
    dq = next(n for n in m.graph.node if n.op_type == "DequantizeLinear")
    assert list(dq.input) == ["w", "scale", "w_zp"]


def test_session_source_gives_exact_products_on_this_cpu(tmp_path):
    """Whatever this CPU does with u8 x s8, what session_source hands onnxruntime multiplies exactly."""
    a, w = _inputs(2)
    a[:] = 255
    w[:] = 127
    path = tmp_path / "model.onnx"
    onnx.save(_model(w, np.array(0, np.int8)), str(path))
    (plain,) = _run(str(path), a)
    assert int8.saturates() == bool((plain != _exact(a, w, 0)).any())
    (y,) = _run(int8.session_source(path), a)
    np.testing.assert_array_equal(y, _exact(a, w, 0))


def test_weights_in_external_data_files_are_read_and_the_reading_kept(tmp_path, monkeypatch):
    """The shipped MPNet keeps its weights in data files beside the graph; re-encoding reads them in, and the
    uint8 reading is kept in the cache directory, so the next load reads that file."""
    a, w = _inputs(3)
    model_dir, cache = tmp_path / "model", tmp_path / "cache"
    model_dir.mkdir()
    path = model_dir / "model.onnx"
    onnx.save(_model(w, np.array(0, np.int8)), str(path), save_as_external_data=True,
              location="model.onnx.data", size_threshold=0)
    before = (model_dir / "model.onnx.data").read_bytes()
    monkeypatch.setenv("CONTRADICT_CACHE_DIR", str(cache))
    monkeypatch.setattr(int8, "saturates", lambda: True)
    source = int8.session_source(path)
    assert Path(source).parent.parent == cache / "onnx-readings"
    (y,) = _run(source, a)
    np.testing.assert_array_equal(y, _exact(a, w, 0))
    assert (model_dir / "model.onnx.data").read_bytes() == before  # the model's own files unchanged

    monkeypatch.setattr(onnx, "load", lambda *a, **k: pytest.fail("the kept reading was converted again"))
    assert int8.session_source(path) == source


def test_a_damaged_kept_reading_is_made_again(tmp_path, monkeypatch):
    a, w = _inputs(5)
    path = tmp_path / "model.onnx"
    onnx.save(_model(w, np.array(0, np.int8)), str(path), save_as_external_data=True,
              location="model.onnx.data", size_threshold=0)
    monkeypatch.setenv("CONTRADICT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(int8, "saturates", lambda: True)
    kept = Path(int8.session_source(path))
    (kept.parent / "model.onnx.data").write_bytes(b"")  # a truncated data file
    sess = int8.session(path, ort.SessionOptions())
    np.testing.assert_array_equal(sess.run(None, {"a": a})[0], _exact(a, w, 0))
    assert (kept.parent / "model.onnx.data").stat().st_size > 0  # made again


def test_an_unwritable_cache_reads_in_memory(tmp_path, monkeypatch):
    a, w = _inputs(4)
    path = tmp_path / "model.onnx"
    onnx.save(_model(w, np.array(0, np.int8)), str(path))
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    monkeypatch.setenv("CONTRADICT_CACHE_DIR", str(blocker))
    monkeypatch.setattr(int8, "saturates", lambda: True)
    source = int8.session_source(path)
    assert isinstance(source, bytes)
    (y,) = _run(source, a)
    np.testing.assert_array_equal(y, _exact(a, w, 0))


def test_a_model_without_int8_weights_loads_from_its_file(tmp_path, monkeypatch):
    m = _model(np.zeros((K, N), np.uint8), np.array(128, np.uint8))
    path = tmp_path / "model.onnx"
    onnx.save(m, str(path))
    monkeypatch.setattr(int8, "saturates", lambda: True)
    assert int8.session_source(path) == str(path)


@pytest.mark.slow
def test_shipped_minilm_reads_the_same_with_uint8_weights(monkeypatch):
    """On a CPU that multiplies u8 x s8 exactly (VNNI), the shipped model and its uint8 reading agree: the
    re-encoding changes no probability, only which kernel runs."""
    if int8.saturates():
        pytest.skip("this CPU saturates u8 x s8: the shipped file itself reads wrong here, nothing to compare")
    from contradict.backends.nli import OnnxScorer, default_model_dir

    pairs = [("The fire killed 52 workers on Monday.", "The fire killed 67 workers on Monday."),
             ("The council approved the budget.", "A storm knocked out power to the coast.")]
    d = default_model_dir().parent / "contradict-nli-minilm"
    plain = OnnxScorer(d).score(pairs)
    monkeypatch.setattr(int8, "saturates", lambda: True)
    np.testing.assert_allclose(OnnxScorer(d).score(pairs), plain, atol=1e-5)


@pytest.mark.slow
@pytest.mark.parametrize("how", ["static", "hybrid"])
def test_fixed_scales_on_a_saturating_cpu_read_the_weights_as_uint8_too(tmp_path, monkeypatch, how):
    """The weights are stored unsigned before the products are fused (the fused node runs on the same kernel, and a
    fused product's int8 weights would clip on a CPU without VNNI): no int8 weight is left, and on this CPU the
    probabilities are the plain fixed-scale reading's."""
    from contradict.backends.nli import OnnxScorer, model_dir

    pairs = [("The fire killed 52 workers on Monday.", "The fire killed 67 workers on Monday."),
             ("The council approved the budget.", "A storm knocked out power to the coast.")]
    d = model_dir("contradict-nli-minilm")
    monkeypatch.setenv("CONTRADICT_CACHE_DIR", str(tmp_path / "cache"))
    plain = OnnxScorer(d, activations=how).score(pairs) if not int8.saturates() else None
    monkeypatch.setattr(int8, "saturates", lambda: True)
    source = int8.session_source(d / "model.onnx", how)
    model = onnx.load(source) if isinstance(source, str) else onnx.load_from_string(source)
    weights = {t.name: t.data_type for t in model.graph.initializer}
    fused = [n for n in model.graph.node if n.op_type == "MatMulIntegerToFloat"]
    assert fused and all(weights[n.input[1]] == onnx.TensorProto.UINT8 for n in fused)
    if plain is not None:
        np.testing.assert_allclose(OnnxScorer(d, activations=how).score(pairs), plain, atol=1e-5)


def test_a_reading_is_named_by_its_ranges_and_an_unknown_reading_is_refused(tmp_path):
    from contradict.backends.activations import RANGES_FILE
    from contradict.backends.nli_scorers import onnx_name

    a, w = _inputs(6)
    m = _model(w, np.array(0, np.int8))
    path = tmp_path / "model.onnx"
    onnx.save(m, str(path))
    assert onnx_name("m", tmp_path, "static") == "m"  # MatMulInteger alone quantizes nothing at run time
    with pytest.raises(ValueError, match="'Static'"):
        onnx_name("m", tmp_path, "Static")
    with pytest.raises(ValueError, match="'fixed'"):
        int8.session_source(path, "fixed")
    (tmp_path / RANGES_FILE).write_text('{"ranges": {"x": [-1, 1]}}')
    assert int8.ranges_key(path) is not None
    first = int8.ranges_key(path)
    (tmp_path / RANGES_FILE).write_text('{"ranges": {"x": [-2, 2]}}')
    assert int8.ranges_key(path) != first  # recalibrated ranges: another name for the scores
