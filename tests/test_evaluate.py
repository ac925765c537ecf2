import json

import numpy as np
import pytest

from contradict.backends.nli import LABELS, combine, label_order
from contradict.errors import ContradictError
from contradict.lab.evaluate import evaluate, metrics, read_pairs, shuffle_pairs


class FakeScorer:
    """Predicts from a lookup table: pure logic, no model."""

    name = "fake"

    def __init__(self, table):
        self.table = table

    def score(self, pairs):
        out = np.zeros((len(pairs), 3), dtype=np.float32)
        for i, p in enumerate(pairs):
            out[i, LABELS.index(self.table.get(p, "neutral"))] = 1.0
        return out


def test_eval_computes_the_right_figures_on_a_tiny_file(tmp_path):
    f = tmp_path / "tiny.jsonl"
    rows = [("p1", "h1", "entailment"), ("p2", "h2", "entailment"), ("p3", "h3", "contradiction"),
            ("p4", "h4", "neutral"), ("p5", "h5", "neutral")]
    f.write_text("\n".join(json.dumps({"premise": p, "hypothesis": h, "label": lab}) for p, h, lab in rows)
                 + "\n" + json.dumps({"sentence1": "s", "sentence2": "t", "gold_label": "-"}) + "\n")
    pairs = read_pairs(f)
    assert len(pairs) == 5
    # predictions: e, c(wrong), c, n, e(wrong)
    table = {("p1", "h1"): "entailment", ("p2", "h2"): "contradiction", ("p3", "h3"): "contradiction",
             ("p4", "h4"): "neutral", ("p5", "h5"): "entailment"}
    r = evaluate(FakeScorer(table), pairs)
    assert r["accuracy"] == 0.6
    assert r["per_class"]["contradiction"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "support": 1}
    assert r["per_class"]["entailment"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}
    assert r["per_class"]["neutral"] == {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "support": 2}
    assert r["confusion"]["entailment"]["contradiction"] == 1


def test_snli_native_fields_and_dash_rows(tmp_path):
    f = tmp_path / "snli.jsonl"
    f.write_text(json.dumps({"sentence1": "a", "sentence2": "b", "gold_label": "contradiction"}) + "\n"
                 + json.dumps({"sentence1": "c", "sentence2": "d", "gold_label": "-"}) + "\n")
    assert read_pairs(f) == [("a", "b", "contradiction")]


def test_shuffled_pairs_never_keep_their_own_hypothesis():
    rows = [(f"p{i}", f"h{i}", "entailment") for i in range(50)]
    sh = shuffle_pairs(rows, seed=3)
    assert all(h != f"h{p[1:]}" for p, h, _ in sh)
    assert sorted(h for _, h, _ in sh) == sorted(h for _, h, _ in rows)
    assert {lab for *_, lab in sh} == {"neutral"}
    assert sh == shuffle_pairs(rows, seed=3)


def test_shuffled_rate_is_reported():
    rows = [("a", "b", "neutral"), ("c", "d", "neutral")]
    r = evaluate(FakeScorer({("a", "b"): "contradiction"}), rows, shuffled=True)
    assert r["shuffled_contradiction_rate"] == 0.5


def test_label_order_comes_from_config():
    assert label_order({"0": "CONTRADICTION", "1": "entailment", "2": "neutral"}) == [0, 1, 2]
    assert label_order({0: "entailment", 1: "neutral", 2: "contradiction"}) == [2, 0, 1]
    with pytest.raises(ContradictError):
        label_order({0: "positive", 1: "negative"})


def test_combine_averages_both_directions():
    label, probs = combine(np.array([0.9, 0.05, 0.05]), np.array([0.3, 0.1, 0.6]))
    assert label == "contradiction" and probs["contradiction"] == 0.6
    label, _ = combine(np.array([0.1, 0.8, 0.1]), np.array([0.1, 0.2, 0.7]))
    assert label == "entailment"
    # one way entailment, the other way neutral: the mean says neutral, but one claim implies the other
    label, probs = combine(np.array([0.0, 0.97, 0.03]), np.array([0.0, 0.01, 0.99]))
    assert label == "entailment" and probs["neutral"] > probs["entailment"]
    assert combine(np.array([0.0, 0.49, 0.51]), np.array([0.0, 0.01, 0.99]))[0] == "neutral"
    # never over a contradiction the mean reads
    assert combine(np.array([0.45, 0.5, 0.05]), np.array([0.9, 0.0, 0.1]))[0] == "contradiction"


def test_metrics_empty_safe():
    assert metrics([], [])["accuracy"] == 0.0


def test_reversed_scores_hypothesis_first_and_reports_both_rates():
    rows = [("p1", "h1", "entailment"), ("p2", "h2", "neutral"), ("p3", "h3", "contradiction"),
            ("p4", "h4", "contradiction")]
    # keyed hypothesis first: only the reversed reading is in the table
    table = {("h1", "p1"): "contradiction", ("h2", "p2"): "neutral", ("h3", "p3"): "contradiction",
             ("p4", "h4"): "contradiction"}
    r = evaluate(FakeScorer(table), rows, reverse=True)
    assert r["reversed_false_contradiction_rate"] == 0.5  # h1/p1 of the two consistent pairs
    assert r["reversed_contradiction_recall"] == 0.5  # h3/p3 yes; p4/h4 was never asked the other way
    assert r["confusion"]["entailment"]["contradiction"] == 1
    assert "accuracy" not in r and "per_class" not in r


def test_one_way_entailment_is_the_stronger_direction_and_ranks_agreements():
    from contradict.backends.nli import one_way_entailment
    from contradict.stages.aggregate import agreement_score, make_pair
    from contradict.types import Claim

    ab, ba = np.array([0.0, 0.97, 0.03]), np.array([0.0, 0.01, 0.99])
    assert one_way_entailment(ab, ba) == pytest.approx(0.97)
    a = Claim(id="a:1", article_id="a", position=0, start=0, end=1, text="x")
    b = Claim(id="b:1", article_id="b", position=0, start=0, end=1, text="y")
    label, probs = combine(ab, ba)
    one_way = make_pair(a, b, label, probs, 0.9, (), (), one_way_entailment(ab, ba))
    both_ways = make_pair(a, b, "entailment", {"contradiction": 0.0, "entailment": 0.6, "neutral": 0.4}, 0.9, (), (), 0.62)
    # 0.97 one way is the stronger agreement, though its mean (0.49) is under the other pair's 0.6
    assert agreement_score(one_way) > agreement_score(both_ways)


def test_a_shipped_models_scores_are_cached_under_its_revision(tmp_path):
    from contradict.backends.nli import cache_name

    assert cache_name("contradict-nli-mpnet", tmp_path) == "contradict-nli-mpnet"  # no training.json
    (tmp_path / "training.json").write_text(json.dumps({"revision": "news-1", "pairs": 3}))
    assert cache_name("contradict-nli-mpnet", tmp_path) == "contradict-nli-mpnet@news-1"
    (tmp_path / "training.json").write_text("not json")
    assert cache_name("contradict-nli-mpnet", tmp_path) == "contradict-nli-mpnet"
