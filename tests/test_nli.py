"""The shipped NLI models on clear pairs of our own, with margins; and the backend plumbing."""

import json

import numpy as np
import pytest

from contradict.backends.models import DEFAULT_NLI_MODEL, FAST_NLI_MODEL, SHIPPED_DIR
from contradict.backends.nli import LABELS, OnnxScorer, default_model_dir, load_scorer
from contradict.errors import ContradictError

CLEAR = [
    ("A man is playing a guitar on a stage in front of a crowd.", "A man is playing music.", "entailment"),
    ("Two children are building a sandcastle on the beach.", "Kids are playing in the sand.", "entailment"),
    ("The council approved the new harbour budget on Monday.", "The council approved a budget.", "entailment"),
    ("A woman is sleeping in her bed.", "A woman is running a marathon.", "contradiction"),
    ("The dam collapsed early on Tuesday morning.", "The dam is still standing and undamaged.", "contradiction"),
    ("The fire injured several people.", "Nobody was injured in the fire.", "contradiction"),
    ("A man is walking his dog in the park.", "The man is walking to buy a birthday present for his wife.", "neutral"),
    ("A girl is reading a book in the library.", "The girl is reading for a school exam next week.", "neutral"),
]
# the same person in another event: both shipped models read it as contradiction (SNLI's one-scene
# convention; the SNLI-era models read it 0.93 (MiniLM) and 0.65 (MPNet), the real-text ones 0.61 and 0.77)
OTHER_EVENT = ("The minister visited the flooded town.", "The minister was born in a small fishing village.")

SHIPPED = [DEFAULT_NLI_MODEL, FAST_NLI_MODEL]


@pytest.fixture(scope="module", params=SHIPPED)
def scorer(request):
    return load_scorer(request.param)


@pytest.mark.slow
def test_the_default_is_the_mpnet_and_both_shipped_models_are_labelled_and_fit_the_repository():
    assert default_model_dir() == SHIPPED_DIR / DEFAULT_NLI_MODEL == SHIPPED_DIR / "contradict-nli-mpnet"
    assert load_scorer("default").name.split("@")[0] == DEFAULT_NLI_MODEL  # name@revision: the cache key
    assert (SHIPPED_DIR / FAST_NLI_MODEL / "model.onnx").stat().st_size < 30 * 2**20
    for name in SHIPPED:
        d = SHIPPED_DIR / name
        assert all(f.stat().st_size < 100 * 2**20 for f in d.iterdir())  # GitHub's file limit
        assert sum(f.stat().st_size for f in d.iterdir()) < 120 * 2**20
        cfg = json.loads((d / "config.json").read_text())
        assert sorted(cfg["id2label"].values()) == sorted(LABELS)
        assert (d / "MODEL_CARD.md").exists()


@pytest.mark.slow  # the shipped models (the module-scoped fixture loads them)
def test_same_person_in_another_event(scorer):
    c = scorer.score([OTHER_EVENT])[0][LABELS.index("contradiction")]
    assert c > 0.5  # the known weakness: when a model stops reading it so, its card's claim is stale


# The real-text MiniLM reads a detail dropped as a detail changed (its card, "Known weaknesses": 0.78 contradiction);
# as the prefilter it passes the pair to the MPNet, which reads entailment. Strict: a MiniLM that reads it right shows.
MINILM_MISREADS = {("The council approved the new harbour budget on Monday.", "The council approved a budget.")}


@pytest.mark.slow  # the shipped models (the module-scoped fixture loads them)
@pytest.mark.parametrize("premise,hypothesis,gold", CLEAR)
def test_clear_pairs_with_margin(scorer, premise, hypothesis, gold, request):
    if scorer.name.startswith(FAST_NLI_MODEL) and (premise, hypothesis) in MINILM_MISREADS:
        request.applymarker(pytest.mark.xfail(strict=True, reason="known weakness of the real-text MiniLM"))
    probs = scorer.score([(premise, hypothesis)])[0]
    got = dict(zip(LABELS, probs))
    others = max(v for k, v in got.items() if k != gold)
    assert got[gold] - others > 0.2, got


@pytest.mark.slow  # the shipped models (the module-scoped fixture loads them)
def test_negated_premise_direction(scorer):  # phase 3 read this direction as entailment
    probs = scorer.score([("Nobody was injured in the fire.", "Several people were injured in the fire.")])[0]
    assert probs[LABELS.index("contradiction")] > 0.5


@pytest.mark.slow  # the shipped models (the module-scoped fixture loads them)
def test_unrelated_pairs_are_not_contradictions(scorer):
    pairs = [("The council approved the harbour budget.", "A child is eating ice cream on a bench."),
             ("Iraqi forces retook the city after a week of fighting.", "The recipe needs two eggs and some flour."),
             ("Shares of the carmaker fell four percent on Friday.", "A dog is swimming in a lake.")]
    probs = scorer.score(pairs)
    assert (probs[:, LABELS.index("contradiction")] < 0.5).all(), probs


@pytest.mark.slow  # the shipped models (the module-scoped fixture loads them)
def test_scores_do_not_depend_on_order_or_company(scorer):
    pairs = [c[:2] for c in CLEAR]
    one = np.stack([scorer.score([p])[0] for p in pairs])
    together = scorer.score(pairs[::-1])[::-1]
    assert np.array_equal(one, together)


@pytest.mark.slow  # the shipped models (the module-scoped fixture loads them)
def test_long_inputs_are_truncated_not_failing(scorer):
    long = "The council met again to discuss the harbour. " * 200
    probs = scorer.score([(long, "The council met.")])
    assert probs.shape == (1, 3) and abs(probs.sum() - 1) < 1e-4
    assert scorer.truncated >= 1


@pytest.mark.slow
def test_label_order_is_read_from_the_config(tmp_path):
    d = SHIPPED_DIR / FAST_NLI_MODEL
    for f in ("model.onnx", "tokenizer.json"):
        (tmp_path / f).symlink_to(d / f)
    cfg = json.loads((d / "config.json").read_text())
    (tmp_path / "config.json").write_text(json.dumps(cfg))
    base = OnnxScorer(tmp_path).score([CLEAR[3][:2]])
    # the same weights described with a wrong (shuffled) label list would map columns differently
    cfg["id2label"] = {"0": "neutral", "1": "contradiction", "2": "entailment"}
    (tmp_path / "config.json").write_text(json.dumps(cfg))
    wrong = OnnxScorer(tmp_path).score([CLEAR[3][:2]])
    assert not np.allclose(base, wrong)


@pytest.mark.slow
def test_non_nli_model_is_refused(tmp_path):
    d = SHIPPED_DIR / FAST_NLI_MODEL
    for f in ("model.onnx", "tokenizer.json"):
        (tmp_path / f).symlink_to(d / f)
    (tmp_path / "config.json").write_text(json.dumps({"id2label": {"0": "negative", "1": "positive", "2": "x"}}))
    with pytest.raises(ContradictError, match="not entailment/neutral/contradiction"):
        OnnxScorer(tmp_path)


class _Table:
    """A fake scorer that reads P(contradiction) from a table (default 0) and records what it was asked."""

    def __init__(self, name, contradiction):
        self.name, self.table, self.seen = name, contradiction, []

    def score(self, pairs):
        self.seen.append(list(pairs))
        c = LABELS.index("contradiction")
        out = np.zeros((len(pairs), 3), dtype=np.float32)
        for i, p in enumerate(pairs):
            out[i, c] = self.table.get(p, 0.0)
            out[i, LABELS.index("neutral")] = 1 - out[i, c]
        return out


def test_cascade_rereads_both_directions_of_the_pairs_the_fast_model_flags_and_only_those():
    from contradict.backends.nli import CascadeScorer

    fast = _Table("fast", {("a", "b"): 0.02, ("c", "d"): 0.005, ("e", "f"): 0.009, ("f", "e"): 0.3})
    strong = _Table("strong", {("a", "b"): 0.9, ("b", "a"): 0.8, ("f", "e"): 0.1})
    cascade = CascadeScorer(strong, fast, threshold=0.01)
    pairs = [("a", "b"), ("b", "a"), ("c", "d"), ("d", "c"), ("e", "f")]
    got = cascade.score(pairs)[:, LABELS.index("contradiction")]
    # (b, a): the fast model gives it 0 but (a, b) 0.02, so both go to the strong model; (e, f) through (f, e)
    assert np.allclose(got, [0.9, 0.8, 0.005, 0.0, 0.0])
    assert sorted(strong.seen[0]) == [("a", "b"), ("b", "a"), ("e", "f")] and cascade.rescored == 3
    assert cascade.name == "strong (prefilter fast >= 0.01)"
    # a pair's score does not depend on which pairs share the call
    alone = np.concatenate([cascade.score([p]) for p in pairs])[:, LABELS.index("contradiction")]
    assert np.allclose(alone, got)
    assert cascade.score([]).shape == (0, 3)
    # the fast model reads each direction once, however the pairs are split into calls
    fast.seen.clear()
    split = CascadeScorer(strong, fast, threshold=0.01)
    split.score(pairs[:2]), split.score(pairs[2:])
    read = [p for call in fast.seen for p in call]
    assert sorted(read) == sorted(set(pairs) | {(b, a) for a, b in pairs}) and len(read) == len(set(read))


@pytest.mark.slow
def test_settings_name_the_cascade_and_the_pipeline_and_eval_use_it(tmp_path):
    from click.testing import CliRunner

    from contradict.backends.nli import CascadeScorer, cache_name, model_dir, prefilter_name, scorer_for
    from contradict.cli import main
    from contradict.settings import Settings

    mpnet, minilm = (cache_name(m, model_dir(m)) for m in (DEFAULT_NLI_MODEL, FAST_NLI_MODEL))  # name@revision

    # by default the MiniLM reads every pair and the MPNet rereads the ones it flags
    scorer = scorer_for(Settings.from_env({"CONTRADICT_PREFILTER_THRESHOLD": "0.2"}))
    assert isinstance(scorer, CascadeScorer) and scorer.threshold == 0.2
    assert scorer.name == f"{mpnet} (prefilter {minilm} >= 0.2)"
    # "auto" puts nothing in front of any other model; "none" turns it off; a name sets it
    assert prefilter_name(Settings(nli_model="contradict-nli-minilm")) == ""
    assert prefilter_name(Settings(nli_model=str(tmp_path))) == ""
    assert prefilter_name(Settings(nli_model="default", nli_prefilter="auto")) == FAST_NLI_MODEL
    assert prefilter_name(Settings.from_env({"CONTRADICT_NLI_PREFILTER": "None"})) == ""
    assert prefilter_name(Settings(nli_model=str(tmp_path), nli_prefilter="contradict-nli-minilm")) == FAST_NLI_MODEL
    plain = scorer_for(Settings(nli_prefilter="none"))
    assert not isinstance(plain, CascadeScorer) and plain.name == mpnet

    data = tmp_path / "pairs.jsonl"
    data.write_text("".join(json.dumps({"premise": p, "hypothesis": h, "label": lab}) + "\n"
                            for p, h, lab in CLEAR))
    r = CliRunner().invoke(main, ["eval", str(data), "--nli-model", FAST_NLI_MODEL, "--nli-prefilter", FAST_NLI_MODEL,
                                  "--format", "json"])
    assert r.exit_code == 0, r.output
    res = json.loads(r.stdout)
    assert res["model"] == f"{minilm} (prefilter {minilm} >= 0.01)"
    alone = CliRunner().invoke(main, ["eval", str(data), "--nli-model", FAST_NLI_MODEL, "--nli-prefilter", "none",
                                      "--format", "json"])
    assert res["accuracy"] == json.loads(alone.stdout)["accuracy"]  # the same model both ways: nothing changes
    r = CliRunner().invoke(main, ["eval", str(data), "--format", "json"])
    assert r.exit_code == 0, r.output
    res = json.loads(r.stdout)
    assert res["model"] == f"{mpnet} (prefilter {minilm} >= 0.01)"
    assert res["accuracy"] == 1.0


@pytest.mark.slow
def test_a_claim_and_the_same_claim_attributed_agree():
    from contradict.backends.nli import combine, scorer_for
    from contradict.settings import Settings

    scorer = scorer_for(Settings())  # the default, as reports run it
    a, b = "The dam was inspected last year and found safe.", \
        "Regional governor Elena Marsh said the dam had been inspected last year and found safe."
    ab, ba = scorer.score([(a, b), (b, a)])
    label, probs = combine(ab, ba)
    assert label == "entailment", (ab, ba)
    assert ba[LABELS.index("entailment")] > 0.5 > ab[LABELS.index("entailment")]  # one way only


@pytest.mark.slow
@pytest.mark.parametrize("how", ["token", "static", "hybrid"])
@pytest.mark.parametrize("name", SHIPPED)
def test_a_pairs_probabilities_are_the_same_in_any_batch_and_any_run(name, how):
    """Activations quantized per token (int8.per_token_activations) or with the shipped calibrated scales
    (int8.static_activations), applied when the model loads: a pair reads the same alone, in a batch of 32 of
    other lengths, and in a second run; per tensor it differs by up to 0.35."""
    from contradict.backends.nli import OnnxScorer, model_dir

    pairs = [(f"The council approved a budget of ${k}.{k} billion on Tuesday after {k * 3} hours of debate.",
              "The council rejected the budget." if k % 2 else f"Officials said {k} people were hurt.")
             for k in range(1, 33)]
    one = OnnxScorer(model_dir(name), batch_size=1, activations=how)
    assert ("+" + how) in one.name
    alone = one.score(pairs)
    for workers in (None, 1):  # batches on parallel workers, or one session on every thread
        batched = OnnxScorer(model_dir(name), batch_size=32, activations=how, workers=workers)
        assert np.abs(batched.score(pairs) - alone).max() <= 1e-6
    assert np.array_equal(one.score(pairs[::-1])[::-1], alone)
    per_tensor = OnnxScorer(model_dir(name), batch_size=32, activations="tensor")
    assert "+" not in per_tensor.name
    # the dynamic scales read a pair otherwise in a batch: what the fixed ones are for
    assert np.abs(per_tensor.score(pairs) - OnnxScorer(model_dir(name), activations="tensor").score(pairs)).max() > 1e-3
