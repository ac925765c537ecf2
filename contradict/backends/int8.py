"""Int8 ONNX models on CPUs whose int8 products saturate.

Both shipped NLI models are dynamically quantized: activations as uint8, weights as int8 (onnxruntime's "U8S8"
matrix products). On x86 CPUs without VNNI (AVX2 only: measured on an AMD EPYC, and reported for older Intel
parts, onnxruntime issue #6004), onnxruntime multiplies u8 x s8 with an instruction that adds two products into
a 16-bit integer with saturation (VPMADDUBSW), so large products are clipped. The shipped MPNet then reads every
pair as neutral (a changed figure: P(contradiction) 0.15 instead of 1.00). The same integers stored as uint8
(weight + 128, zero point + 128) go to the U8U8 kernel, which widens to 16 bits before multiplying and does not
saturate: the integer products are exact, as on a VNNI CPU, so the probabilities are a VNNI CPU's.

:func:`saturates` tells by running a tiny model whether this machine's onnxruntime clips; :func:`session_source`
gives onnxruntime a model file's path, or, where it clips, the model with its weights stored unsigned (kept in
the cache directory; the shipped files are not changed).
"""

from __future__ import annotations

import functools
import logging
import shutil
from pathlib import Path

import numpy as np

from contradict.backends.activations import (  # noqa: F401 (re-exported: int8.per_token_activations ...)
    FEED_FORWARD,
    RANGES_FILE,
    drop_unused_initializers,
    per_token_activations,
    ranges_key,
    read_ranges,
    static_activations,
)
from contradict.backends.models import cache_dir, files_key, keep_dir

log = logging.getLogger(__name__)

_PROBE_K = 64  # inner dimension of the probe: 32 pairs of products, each pair 2 x 255 x 127, over 16 bits


def _probe_model(a_rows: int = 4, cols: int = 8) -> bytes:
    """A MatMulInteger of a uint8 input by a constant int8 weight of 127s: the kind of product the models run."""
    from onnx import TensorProto, helper, numpy_helper

    weight = numpy_helper.from_array(np.full((_PROBE_K, cols), 127, dtype=np.int8), "w")
    node = helper.make_node("MatMulInteger", ["a", "w"], ["y"])
    graph = helper.make_graph([node], "probe", [helper.make_tensor_value_info("a", TensorProto.UINT8, [a_rows, _PROBE_K])],
                              [helper.make_tensor_value_info("y", TensorProto.INT32, [a_rows, cols])], [weight])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = min(model.ir_version, 8)  # readable by every onnxruntime this project allows
    return model.SerializeToString()


@functools.cache
def saturates() -> bool:
    """Whether onnxruntime on this CPU clips u8 x s8 products (255 x 127 summed 64 times is not 2,072,640)."""
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.intra_op_num_threads = so.inter_op_num_threads = 1
    sess = ort.InferenceSession(_probe_model(), so, providers=["CPUExecutionProvider"])
    got = sess.run(None, {"a": np.full((4, _PROBE_K), 255, dtype=np.uint8)})[0]
    clipped = bool((got != 255 * 127 * _PROBE_K).any())
    if clipped:
        log.info("this CPU's int8 products saturate in onnxruntime (no VNNI): int8 weights are read as uint8")
    return clipped


def unsigned_weights(model) -> int:
    """Store the int8 weights and weight zero points of ``model``'s MatMulInteger nodes as uint8 (value + 128),
    in place; the integer products stay the same. A tensor another node also reads is copied, not changed.
    Returns how many tensors were re-encoded."""
    from onnx import numpy_helper

    graph = model.graph
    inits = {t.name: t for t in graph.initializer}
    made: dict[str, str] = {}
    for node in graph.node:
        if node.op_type != "MatMulInteger":
            continue
        if len(node.input) < 4 or not node.input[3]:  # int8 weight, zero point 0: made explicit, then moved
            if node.input[1] not in inits or numpy_helper.to_array(inits[node.input[1]]).dtype != np.int8:
                continue
            zp = f"{node.name or node.output[0]}.weight_zero_point"
            graph.initializer.append(numpy_helper.from_array(np.array(0, dtype=np.int8), zp))
            inits[zp] = graph.initializer[-1]
            inputs = list(node.input) + [""] * (4 - len(node.input))
            inputs[3] = zp
            del node.input[:]
            node.input.extend(inputs)
        for slot in (1, 3):
            name = node.input[slot]
            if name in made:
                node.input[slot] = made[name]
                continue
            tensor = inits.get(name)
            if tensor is None:
                continue
            values = numpy_helper.to_array(tensor)
            if values.dtype != np.int8:
                continue
            new = f"{name}.u8"
            graph.initializer.append(numpy_helper.from_array((values.astype(np.int16) + 128).astype(np.uint8), new))
            made[name] = new
            node.input[slot] = new
    drop_unused_initializers(graph)
    return len(made)


CACHE_VERSION = "3"  # bump when a rewrite here writes differently: old cache entries are then unused


def _cache_entry(path: Path, what: str) -> Path | None:
    """Where the reading ``what`` (the rewrites made) of the model at ``path`` is kept: the cache directory, keyed
    by the model's files (names, sizes, modification times); None when they cannot be read."""
    path = Path(path)
    try:
        key = files_key(f"{CACHE_VERSION}|{what}|{path.resolve()}", path.parent, path.parent.glob(path.name + "*"), 24)
    except OSError:
        return None
    return cache_dir() / "onnx-readings" / f"{path.parent.name}-{what}-{key}"


ACTIVATIONS = ("tensor", "token", "static", "hybrid")  # how int8 activations are quantized (settings.nli_activations)


def session_source(path: Path, activations: str = "tensor") -> str | bytes:
    """What onnxruntime should load for the model file ``path``: its path, or the model rewritten for this run:
    its activations quantized per token (``activations="token"``, :func:`per_token_activations`) or with fixed,
    calibrated scales (``"static"``, :func:`static_activations`, where the model ships its ranges): a pair's
    probabilities then do not depend on its batch-mates; and, on a CPU that :func:`saturates`, its int8 weights
    stored unsigned. A rewrite is kept in the cache directory once (later loads read that file: no graph rewrite,
    no second copy in memory), or held in memory where the cache cannot be written."""
    if activations not in ACTIVATIONS:
        raise ValueError(f"activations {activations!r}: one of {', '.join(ACTIVATIONS)}")
    clip = saturates()
    ranges = read_ranges(path) if activations in ("static", "hybrid") else None
    token = activations == "token" or (activations == "hybrid" and ranges is not None)
    what = "+".join(x for x, on in (("token" if activations == "token" else "ffn-token", token),
                                    ("static", ranges is not None), ("uint8", clip)) if on)
    if not what:
        return str(path)
    entry = _cache_entry(Path(path), what)
    if entry is not None and (entry / "model.onnx").exists():
        return str(entry / "model.onnx")
    import onnx

    model = onnx.load(str(path))  # external data files are read from the model's directory
    n_token = per_token_activations(model, "" if activations == "token" else FEED_FORWARD) if token else 0
    n = unsigned_weights(model) if clip else 0  # before the fused products take the place of MatMulInteger
    n_static = static_activations(model, ranges) if ranges is not None else 0
    if ranges is not None and (left := sum(1 for x in model.graph.node if x.op_type == "DynamicQuantizeLinear")):
        log.warning("%s: %d products have no calibrated range (%s) and keep one scale per batch",
                    Path(path).parent.name, left, RANGES_FILE)
    if not n and not n_token and not n_static:
        return str(path)
    log.info("%s: %d products quantize their activations per token, %d with fixed scales, %d int8 weight tensors "
             "read as uint8", Path(path).parent.name, n_token, n_static, n)

    def write(tmp: Path) -> None:
        onnx.save(model, str(tmp / "model.onnx"), save_as_external_data=True, all_tensors_to_one_file=True,
                  location="model.onnx.data")

    if entry is not None and keep_dir(entry, write, f"the {what} reading of the NLI model", marker="model.onnx"):
        log.info("the %s reading kept in %s", what, entry)
        return str(entry / "model.onnx")
    return model.SerializeToString()


def batch_invariant(path: Path, activations: str) -> bool:
    """Whether the model file ``path`` read with ``activations`` scores a pair the same in any batch: a model that
    quantizes nothing at run time, or one read per token or with its shipped fixed scales."""
    return not dynamic(Path(path)) or activations == "token" or (
        activations in ("static", "hybrid") and read_ranges(path) is not None)


@functools.cache
def dynamic(path: Path) -> bool:
    """Whether the model file ``path`` quantizes activations at run time (``quantize_dynamic``'s graphs)."""
    import onnx

    try:
        model = onnx.load(str(path), load_external_data=False)
    except Exception:  # noqa: BLE001 - onnxruntime reports an unreadable model when it loads it
        return False
    return any(n.op_type == "DynamicQuantizeLinear" for n in model.graph.node)


def session(path: Path, options, activations: str = "tensor"):
    """An onnxruntime session of the model file ``path`` (:func:`session_source`). A kept reading that does not
    load (a damaged cache entry) is removed and made again, as a damaged OpenVINO conversion is."""
    import onnxruntime as ort

    source = session_source(path, activations)
    try:
        return ort.InferenceSession(source, options, providers=["CPUExecutionProvider"])
    except Exception as exc:
        if not isinstance(source, str) or source == str(path):
            raise
        log.warning("the reading kept in %s does not load (%s); making it again", Path(source).parent,
                    str(exc).splitlines()[0][:120])
        shutil.rmtree(Path(source).parent, ignore_errors=True)
        return ort.InferenceSession(session_source(path, activations), options, providers=["CPUExecutionProvider"])


def cpu_class(cpuinfo: str | None = None) -> str:
    """The CPU class speed figures are quoted with: "AVX-512 VNNI" (with ", bf16", ", AMX" where present),
    "AVX2" (no VNNI), or "other", from ``/proc/cpuinfo``'s flags ("unknown" where it cannot be read)."""
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text()
        except OSError:
            return "unknown"
    flags: set[str] = set()
    for line in cpuinfo.splitlines():
        if line.startswith("flags"):
            flags = set(line.split(":", 1)[1].split())
            break
    if "avx512_vnni" in flags:
        extra = [name for flag, name in (("avx512_bf16", "bf16"), ("amx_int8", "AMX")) if flag in flags]
        return "AVX-512 VNNI" + "".join(f", {x}" for x in extra)
    if "avx2" in flags:
        return "AVX2" + (" with AVX-VNNI" if "avx_vnni" in flags else "")
    return "other" if flags else "unknown"
