"""The NLI gate: a cheap learned reader in front of the cascade (contradict/gate.py)."""

from __future__ import annotations

import json
import re
from types import SimpleNamespace

import numpy as np
import pytest

from contradict.backends.gate import DROPPED, WORD_FEATURES, Gate, GatedScorer, features, int8_columns
from contradict.backends.int8 import cpu_class
from contradict.backends.nli import SHIPPED_GATE, gate_for, gate_name
from contradict.types import LABELS


def _gate(dim: int, threshold: float = 0.5, seed: int = 0) -> Gate:
    rng = np.random.default_rng(seed)
    n = 2 * dim + len(WORD_FEATURES)
    return Gate(np.zeros(n, np.float32), np.ones(n, np.float32), int8_columns(rng.normal(size=(n, 8))),
                np.zeros(8, np.float32), rng.normal(size=8).astype(np.float32), 0.0, threshold, "test")


class Inner:
    name = "inner"

    def __init__(self):
        self.seen = []

    def score(self, pairs, progress=None):
        self.seen += list(pairs)
        return np.tile(np.array([0.7, 0.2, 0.1], np.float32), (len(pairs), 1))


def _vectors(texts):
    return np.stack([np.random.default_rng(abs(hash(t)) % 2**32).normal(size=4).astype(np.float32) for t in texts])


PAIRS = [("The dam held.", "The dam failed on Tuesday."), ("Ten people died.", "Twelve people died."),
         ("The mayor resigned.", "The mayor did not resign."), ("It rained.", "Prices rose 3 percent.")]


def test_features_are_symmetric_in_the_two_claims():
    rng = np.random.default_rng(1)
    u, v = rng.normal(size=(4, 6)), rng.normal(size=(4, 6))
    a, b = [p[0] for p in PAIRS], [p[1] for p in PAIRS]
    assert np.allclose(features(u, v, a, b), features(v, u, b, a))
    assert features(u, v, a, b).shape == (4, 12 + len(WORD_FEATURES))


def test_the_gate_sends_only_kept_pairs_to_the_cascade_and_scores_the_rest_neutral():
    for threshold in (0.0, 0.5, 1.01):
        inner = Inner()
        scorer = GatedScorer(inner, _gate(4, threshold), _vectors)
        both = PAIRS + [(b, a) for a, b in PAIRS]
        out = scorer.score(both)
        keep = scorer.keep(both)
        assert list(keep[:4]) == list(keep[4:])  # one decision for both directions
        assert inner.seen == [p for p, k in zip(both, keep) if k]
        assert np.allclose(out[~keep], DROPPED) and np.allclose(out[keep], [0.7, 0.2, 0.1])
        assert scorer.dropped == int((~keep).sum())
        assert DROPPED[LABELS.index("neutral")] == 1.0
    assert GatedScorer(Inner(), _gate(4, 1.01), _vectors).keep(PAIRS).sum() == 0
    assert GatedScorer(Inner(), _gate(4, 0.0), _vectors).keep(PAIRS).all()


def test_a_pairs_decision_does_not_depend_on_its_batch_mates():
    scorer = GatedScorer(Inner(), _gate(4, 0.5, seed=3), _vectors)
    alone = [bool(scorer.keep([p])[0]) for p in PAIRS]
    assert alone == list(scorer.keep(PAIRS)) == list(scorer.keep(PAIRS[::-1])[::-1])


def test_the_name_names_the_gate_and_its_threshold_so_cached_scores_stay_apart():
    assert GatedScorer(Inner(), _gate(4, 0.25), _vectors).name == "inner (gate test >= 0.25)"


def test_a_gate_saves_int8_weights_and_loads_the_same_probabilities(tmp_path):
    g = _gate(4, 0.3)
    g.save(tmp_path, {"note": "x"})
    back = Gate.load(tmp_path)
    x = np.random.default_rng(2).normal(size=(5, 8 + len(WORD_FEATURES))).astype(np.float32)
    assert np.array_equal(back.probability(x), g.probability(x)) and back.threshold == 0.3
    assert np.load(tmp_path / "gate.npz")["w1_int8"].dtype == np.int8
    assert json.loads((tmp_path / "gate.json").read_text())["note"] == "x"
    raw = Gate(g.mean, g.scale, g.w1 + 1e-3, g.b1, g.w2, g.b2, 0.3, "raw")
    with pytest.raises(ValueError, match="int8"):
        raw.save(tmp_path / "raw", {})


def test_the_gate_goes_in_front_of_the_shipped_cascade_only():
    def s(model=None, prefilter="auto", gate="auto"):
        return SimpleNamespace(nli_model=model, nli_prefilter=prefilter, nli_gate=gate)

    assert gate_name(s()) == SHIPPED_GATE
    assert gate_name(s(gate="none")) == "" and gate_name(s(gate="")) == ""
    assert gate_name(s(prefilter="none")) == ""  # the MPNet alone reads every pair
    assert gate_name(s(model="contradict-nli-minilm")) == ""
    other = s()
    other.embed_model = "my-768-dim-model"
    assert gate_name(other) == ""  # the shipped gate reads the default embedding model's vectors
    assert gate_name(s(model="some/dir", gate="/my/gate")) == "/my/gate"
    inner = Inner()
    assert gate_for(s(gate="none"), inner, _vectors) is inner
    assert gate_for(s(), inner, None) is inner  # no vectors to read: no gate
    assert isinstance(gate_for(s(), inner, _vectors), GatedScorer)


@pytest.mark.parametrize("flags,want", [
    ("fpu sse avx2 avx512f avx512_vnni avx512_bf16 amx_int8", "AVX-512 VNNI, bf16, AMX"),
    ("fpu avx2 avx512f avx512_vnni", "AVX-512 VNNI"),
    ("fpu sse avx avx2 fma", "AVX2"),
    ("fpu sse avx", "other"),
])
def test_cpu_class_reads_the_flags(flags, want):
    assert cpu_class(f"processor\t: 0\nflags\t\t: {flags}\n") == want
    assert cpu_class("") == "unknown"


@pytest.mark.slow
def test_the_shipped_gate_keeps_a_changed_figure_and_a_negated_vote():
    from contradict.backends.embed import load_encoder
    from contradict.backends.gate import Gate

    enc = load_encoder()
    scorer = GatedScorer(Inner(), Gate.load(), lambda ts: np.asarray(enc.encode(list(ts))))
    keep = scorer.keep([("The flood killed 12 people in the valley on Monday.",
                         "The flood killed 21 people in the valley on Monday."),
                        ("The senator voted for the bill on Tuesday.", "The senator voted against the bill on Tuesday.")])
    assert list(keep) == [True, True]


@pytest.mark.parametrize("manifest,want", [
    ({"nli_model": "contradict-nli-mpnet", "nli_prefilter": "contradict-nli-minilm"}, "none"),  # before the gate
    ({"nli_model": "contradict-nli-mpnet", "nli_prefilter": "contradict-nli-minilm", "nli_gate": None}, "none"),
    ({"nli_model": "contradict-nli-mpnet", "nli_prefilter": "contradict-nli-minilm", "nli_gate": SHIPPED_GATE,
      "nli_activations": "tensor"}, "auto"),
])
def test_an_index_keeps_the_gate_it_was_scored_with(tmp_path, manifest, want):
    from contradict.runs.pipeline import Pipeline
    from contradict.settings import Settings

    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    s = Pipeline(Settings(index_dir=tmp_path)).nli_settings()
    assert s.nli_gate == want and gate_name(s) == (SHIPPED_GATE if want == "auto" else "")
    named = Pipeline(Settings(index_dir=tmp_path, nli_model="default")).nli_settings()
    assert gate_name(named) == SHIPPED_GATE  # a command that names the model takes the gate its settings name


@pytest.mark.slow
@pytest.mark.parametrize("env", [{}, {"CONTRADICT_NLI_ACTIVATIONS": "token"}, {"CONTRADICT_NLI_GATE": "none"},
                                 {"CONTRADICT_NLI_PREFILTER": "none"},
                                 {"CONTRADICT_PREFILTER_THRESHOLD": "0.2"}, {"CONTRADICT_NLI_MODEL": "contradict-nli-minilm"}])
def test_the_name_scores_are_cached_under_is_known_without_loading_a_model(env):
    from contradict.backends.nli import scorer_for, scorer_name
    from contradict.settings import Settings

    s = Settings.from_env(env)
    assert scorer_name(s) == scorer_for(s, _vectors).name
    assert scorer_name(Settings(nli_model="/some/local/model")) is None  # not shipped: the scorer names itself


@pytest.mark.parametrize("manifest,want", [
    ({"nli_model": "contradict-nli-mpnet", "nli_prefilter": "contradict-nli-minilm"}, "tensor"),  # before the record
    ({"nli_model": "contradict-nli-mpnet", "nli_prefilter": "contradict-nli-minilm", "nli_gate": SHIPPED_GATE},
     "tensor"),
    ({"nli_model": "contradict-nli-mpnet", "nli_prefilter": "contradict-nli-minilm", "nli_gate": SHIPPED_GATE,
      "nli_activations": "token"}, "token"),
    ({"nli_model": "contradict-nli-mpnet", "nli_prefilter": "contradict-nli-minilm", "nli_gate": SHIPPED_GATE,
      "nli_activations": "tensor"}, "tensor"),
    ({"nli_model": "contradict-nli-mpnet", "nli_prefilter": "contradict-nli-minilm", "nli_gate": SHIPPED_GATE,
      "nli_activations": "static"}, "static"),
])
def test_an_index_keeps_the_activations_it_was_scored_with(tmp_path, manifest, want):
    """An index keeps the activations it was scored with (per tensor before the manifest said), so its cached
    scores stay valid and a nightly run does not read every pair again under another setting's name."""
    from contradict.backends.nli import activations, scorer_name
    from contradict.runs.pipeline import Pipeline
    from contradict.settings import Settings

    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    s = Pipeline(Settings(index_dir=tmp_path)).nli_settings()
    assert activations(s) == want and all((f"+{how}" in scorer_name(s)) == (want == how) for how in ("token", "static"))
    assert Pipeline(Settings(index_dir=tmp_path / "new")).nli_settings().nli_activations == "tensor"
    token = Pipeline(Settings(index_dir=tmp_path, nli_model="default", nli_activations="token")).nli_settings()
    assert activations(token) == "token"  # a command that names the model reads as its settings say


def test_activations_are_a_setting_with_their_own_cache_name():
    from contradict.backends.nli import activations, scorer_name
    from contradict.errors import ContradictError
    from contradict.settings import Settings

    assert activations(Settings()) == "tensor"
    assert activations(Settings.from_env({"CONTRADICT_NLI_ACTIVATIONS": "Static"})) == "static"
    tensor = scorer_name(Settings())
    for how in ("token", "static", "hybrid"):  # the shipped models carry calibrated ranges: each reading is named
        name = scorer_name(Settings(nli_activations=how))  # (the fixed ones with a digest of their ranges)
        assert f"+{how}" in name and f"+{how}" not in tensor
        assert re.sub(rf"\+{how}(\.[0-9a-f]{{8}})?", "", name) == tensor
    with pytest.raises(ContradictError, match="'tensor', 'token', 'static' or 'hybrid'"):
        Settings(nli_activations="per-batch")


def test_a_gate_directory_that_holds_no_gate_stops_the_command_before_any_work(tmp_path):
    from contradict.errors import ContradictError
    from contradict.settings import Settings

    with pytest.raises(ContradictError, match="no gate there") as got:
        Settings(nli_gate=str(tmp_path / "missing"))
    assert got.value.exit_code == 2
    (tmp_path / "gate.json").write_text("{}")
    with pytest.raises(ContradictError, match="no gate there"):
        Settings(nli_gate=str(tmp_path))  # gate.npz missing too
    assert Settings(nli_gate="none").nli_gate == "none" and Settings(nli_gate="auto").nli_gate == "auto"
    assert Settings(nli_gate=SHIPPED_GATE).nli_gate == SHIPPED_GATE  # the name an index records for the shipped one
