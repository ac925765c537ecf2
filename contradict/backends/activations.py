"""How an int8 model's activations are quantized, rewritten in its graph (:func:`contradict.backends.int8.session_source`
applies them when a model loads): per token (:func:`per_token_activations`) or with fixed, calibrated scales
(:func:`static_activations`, the ranges shipped beside the model, :func:`read_ranges`). Both make a pair's
probabilities independent of its batch-mates, which ``quantize_dynamic``'s one scale per batch does not."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

# The feed-forward products of a BERT or MPNet layer (its input and output dense layers; not the attention output,
# which BERT also names "output/dense"): where one scale for a whole tensor costs the most (the MPNet's model card)
FEED_FORWARD = r"/intermediate/dense/|/layer\.\d+/output/dense/"


def drop_unused_initializers(graph) -> None:
    """Remove the initializers no node and no graph output reads (left behind by a rewrite), in place."""
    used = {i for n in graph.node for i in n.input} | {o.name for o in graph.output}
    keep = [t for t in graph.initializer if t.name in used]
    if len(keep) != len(graph.initializer):
        del graph.initializer[:]
        graph.initializer.extend(keep)


class _Nodes:
    """New graph nodes in order, each named after ``stem``: ``nodes(kind, inputs)`` adds one, returns its output."""

    def __init__(self, stem: str):
        self.stem = stem
        self.nodes: list = []

    def __call__(self, kind: str, inputs: list, outputs: list | None = None, **attrs) -> str:
        from onnx import helper

        outputs = outputs or [f"{self.stem}/{kind}_{len(self.nodes)}"]
        self.nodes.append(helper.make_node(kind, inputs, outputs, name=outputs[0], **attrs))
        return outputs[0]


def _graph_index(graph) -> tuple[dict, dict, dict[str, list]]:
    """``graph``'s initializers by name, each output's producing node, and each name's reading nodes."""
    inits = {t.name: t for t in graph.initializer}
    producer = {o: n for n in graph.node for o in n.output}
    readers: dict[str, list] = {}
    for node in graph.node:
        for name in node.input:
            readers.setdefault(name, []).append(node)
    return inits, producer, readers


def _splice(graph, replaced: dict[int, list], dropped: set[int], added: list) -> None:
    """Rewrite ``graph`` in place: each node in ``replaced`` (by id) becomes its new nodes where it stood, the nodes
    in ``dropped`` go, ``added`` initializers join."""
    kept = []
    for node in graph.node:
        if id(node) in replaced:
            kept.extend(replaced[id(node)])
        elif id(node) not in dropped:
            kept.append(node)
    del graph.node[:]
    graph.node.extend(kept)
    graph.initializer.extend(added)


def _scaled_product(mm, inits, producer, readers):
    """(cast, scaling Mul, scales Mul, weight scale) after the product ``mm`` as quantize_dynamic writes it: the
    int32 product cast to float and multiplied by (input scale x weight scale); else None."""
    after = readers.get(mm.output[0], [])
    if len(mm.input) < 4 or mm.input[1] not in inits or len(after) != 1 or after[0].op_type != "Cast":
        return None
    muls = readers.get(after[0].output[0], [])
    if len(muls) != 1 or muls[0].op_type != "Mul":
        return None
    other = [i for i in muls[0].input if i != after[0].output[0]]
    scales = producer.get(other[0]) if len(other) == 1 else None
    if scales is None or scales.op_type != "Mul" or len(readers.get(scales.output[0], [])) != 1:
        return None
    weight_scale = [i for i in scales.input if i in inits]
    return (after[0], muls[0], scales, weight_scale[0]) if len(weight_scale) == 1 else None


def per_token_activations(model, pattern: str = "") -> int:
    """Quantize the activations of ``model``'s int8 products per token instead of per tensor, in place.

    ``quantize_dynamic`` gives each product's input one uint8 scale and zero point for the whole batch
    (``DynamicQuantizeLinear``), so one token with large activations coarsens every other token's, and a pair's
    probabilities depend on its batch-mates. Here each row (token) gets its own, from its own minimum and
    maximum, the same arithmetic per row: ``q = clip(round(x / s) + z, 0, 255)``. onnxruntime's ``MatMulInteger``
    takes one input zero point per tensor, so the product runs with none and the zero point comes off after it:
    ``sum((q - z) * w) = sum(q * w) - z * sum(w)``, with ``sum(w)`` per output column precomputed from the int8
    weights (exact in integers, then in float). Weights, their scales and zero points are unchanged. Products
    whose name does not match the regular expression ``pattern`` ("" matches all) keep per-tensor activations.
    Returns how many products were changed. On the shipped MPNet (news-8s) it reads the dev splits two points
    better (VitaminC 0.816, PERSPECTRUM 0.811 with the feed-forward products per token, against 0.793 and 0.788)
    and close to fp32, but the reports read no better, so it is not shipped: the model card's "Tried" section."""
    import re

    from onnx import TensorProto, numpy_helper
    from onnx.numpy_helper import to_array

    graph = model.graph
    inits, producer, readers = _graph_index(graph)
    added_inits, dropped, replaced, changed = [], set(), {}, 0

    def const(name: str, value) -> str:
        if name not in inits:
            inits[name] = numpy_helper.from_array(np.asarray(value), name)
            added_inits.append(inits[name])
        return name

    outputs = {o.name for o in graph.output}

    for dq in [n for n in graph.node if n.op_type == "DynamicQuantizeLinear"]:
        users = readers.get(dq.output[0], [])
        chains = [_scaled_product(u, inits, producer, readers) if u.op_type == "MatMulInteger" else None
                  for u in users]
        found = [c for c in chains if c is not None]
        if not users or len(found) < len(chains) or any(pattern and not re.search(pattern, u.name) for u in users):
            continue
        dropping = set(map(id, users)) | {id(n) for c in found for n in c[:3]}
        if any(id(r) not in dropping for o in dq.output for r in readers.get(o, [])) or (
                {*dq.output[1:], *(c[0].output[0] for c in found), *(c[2].output[0] for c in found)} & outputs):
            continue  # its scale or zero point is read elsewhere too
        x, op = dq.input[0], _Nodes((dq.name or dq.output[0]) + "/per_token")
        zero, top = const("per_token/zero", np.float32(0)), const("per_token/255", np.float32(255))
        low = op("Min", [op("ReduceMin", [x], axes=[-1], keepdims=1), zero])  # the range holds 0, as per tensor
        high = op("Max", [op("ReduceMax", [x], axes=[-1], keepdims=1), zero])
        scale = op("Max", [op("Div", [op("Sub", [high, low]), top]), const("per_token/tiny", np.float32(1e-12))])
        point = op("Round", [op("Div", [op("Neg", [low]), scale])])
        q = op("Cast", [op("Clip", [op("Add", [op("Round", [op("Div", [x, scale])]), point]), zero, top])],
               to=TensorProto.UINT8)
        for mm, (cast, mul, scales, weight_scale) in zip(users, found):
            w = to_array(inits[mm.input[1]]).astype(np.int64)
            wz = to_array(inits[mm.input[3]]).astype(np.int64) if mm.input[3] else 0
            colsum = const(f"{mm.name}/per_token/colsum", (w - wz).sum(axis=0).astype(np.float32))
            acc = op("Cast", [op("MatMulInteger", [q, mm.input[1], "", mm.input[3]], [mm.output[0]])],
                     to=TensorProto.FLOAT)
            op("Mul", [op("Mul", [op("Sub", [acc, op("Mul", [point, colsum])]), scale]), weight_scale],
               [mul.output[0]])
            dropped.update({id(mm), id(cast), id(mul), id(scales)})
            changed += 1
        replaced[id(dq)] = op.nodes
    _splice(graph, replaced, dropped, added_inits)
    drop_unused_initializers(graph)
    return changed


RANGES_FILE = "model.onnx.ranges.json"  # beside model.onnx (and in its cache key): calibrated activation ranges


def ranges_key(path: Path) -> str | None:
    """A short digest of the calibrated ranges shipped beside the model file ``path`` (None without them): scores
    read with other ranges are other scores, so the scorer's name carries it."""
    import hashlib

    f = Path(path).parent / RANGES_FILE
    return hashlib.sha256(f.read_bytes()).hexdigest()[:8] if f.is_file() else None


def read_ranges(path: Path) -> dict[str, tuple[float, float]] | None:
    """The calibrated activation ranges shipped beside the model file ``path`` (:data:`RANGES_FILE`), or None."""
    f = Path(path).parent / RANGES_FILE
    if not f.is_file():
        return None
    return {name: (float(lo), float(hi)) for name, (lo, hi) in json.loads(f.read_text())["ranges"].items()}


def static_activations(model, ranges: dict[str, tuple[float, float]]) -> int:
    """Quantize the activations of ``model``'s int8 products with fixed scales instead of each batch's, in place.

    ``quantize_dynamic`` computes each product input's uint8 scale and zero point from the batch it runs on
    (``DynamicQuantizeLinear``), so a pair's probabilities depend on its batch-mates. Here each such node becomes
    a ``QuantizeLinear`` with the scale and zero point of a range calibrated once (``ranges``, by the node's first
    output name; :func:`contradict.lab.export.ranges_from`), the same arithmetic as the dynamic node's on that
    range: the range is widened to hold 0, ``s = (hi - lo) / 255``, ``z = round(-lo / s)``, ``q = clip(round(x / s)
    + z, 0, 255)``. Values beyond the range saturate. Every later node reads the same names, so nothing else
    changes. Returns how many nodes were changed."""
    from onnx import helper, numpy_helper

    graph = model.graph
    inits, producer, readers = _graph_index(graph)
    outputs = {o.name for o in graph.output}
    replaced: dict[int, list] = {}
    added, dropped, changed = [], set(), 0
    for node in graph.node:
        got = ranges.get(node.output[0]) if node.op_type == "DynamicQuantizeLinear" else None
        if got is None:
            continue
        lo, hi = np.float32(min(float(got[0]), 0.0)), np.float32(max(float(got[1]), 0.0))
        scale = np.float32(max((hi - lo) / np.float32(255), np.float32(1e-12)))  # in float32, as the dynamic node
        point = np.uint8(np.clip(np.rint(-lo / scale), 0, 255))
        names = list(node.output) + [""] * (3 - len(node.output))
        scale_name = names[1] or f"{names[0]}/static_scale"
        point_name = names[2] or f"{names[0]}/static_zero_point"
        added += [numpy_helper.from_array(np.array(scale, dtype=np.float32), scale_name),
                  numpy_helper.from_array(np.array(point, dtype=np.uint8), point_name)]
        new = [helper.make_node("QuantizeLinear", [node.input[0], scale_name, point_name], [names[0]],
                                name=(node.name or names[0]) + "/static")]
        # each product of it as one onnxruntime MatMulIntegerToFloat, the node its dynamic graph fuses into (the
        # fusion needs the scales' product unfolded, and a constant input scale folds it)
        for mm in readers.get(names[0], []):
            found = _scaled_product(mm, inits, producer, readers) if mm.op_type == "MatMulInteger" else None
            if found is None or mm.input[2] != point_name:
                continue
            cast, mul, scales, weight_scale = found
            if set(scales.input) != {scale_name, weight_scale} or (
                    {mm.output[0], cast.output[0], scales.output[0]} & outputs):
                continue  # another reading of its scale, or a step the graph gives out: left unfused
            inputs, out = [names[0], mm.input[1], scale_name, weight_scale, point_name, mm.input[3]], mul.output[0]
            after = readers.get(out, [])
            bias = [i for i in after[0].input if i != out] if len(after) == 1 and after[0].op_type == "Add" else []
            columns = inits[mm.input[1]].dims[-1]
            if (len(bias) == 1 and bias[0] in inits and list(inits[bias[0]].dims) == [columns]
                    and out not in outputs):
                inputs, out = inputs + [bias[0]], after[0].output[0]  # the bias added after it, as its bias input
                dropped.add(id(after[0]))
            new.append(helper.make_node("MatMulIntegerToFloat", inputs, [out], name=mm.name + "/static",
                                        domain="com.microsoft"))
            dropped.update({id(mm), id(cast), id(mul), id(scales)})
        replaced[id(node)] = new
        changed += 1
    _splice(graph, replaced, dropped, added)
    if any(n.domain == "com.microsoft" for n in graph.node) and not any(o.domain == "com.microsoft"
                                                                       for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    return changed
